"""Mining workers: `studykit worker`, and `studykit mine --enqueue` / `--status` behind it."""

import time
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, err, open_study, out
from studykit.errors import StudykitError

if TYPE_CHECKING:
    from mining.miner import RepositoryReport
    from studykit.study import Study


def worker(
    tokens: Annotated[
        str,
        typer.Option(
            "--tokens",
            help="NAME of the environment variable holding this worker's GitHub tokens "
            "(comma-separated); the value is never shown or stored.",
        ),
    ] = "GITHUB_TOKEN",
    concurrency: Annotated[
        int, typer.Option(help="Repositories this worker mines at once.", min=1)
    ] = 1,
    stalled_after: Annotated[
        float,
        typer.Option(
            "--stalled-after",
            help="Seconds without a heartbeat after which a worker counts as dead and its "
            "jobs are taken up again.",
            min=1.0,
        ),
    ] = 30.0,
    until_done: Annotated[
        bool,
        typer.Option("--until-done", help="Stop once no mining job is waiting or running."),
    ] = False,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Mine the repositories `studykit mine --enqueue` queued, on any machine that reaches the
    study's PostgreSQL database, with this worker's own tokens.

    Run as many as you like, on as many machines: each takes one job (repository) at a time
    per --concurrency, writes what it fetched to its manifest's archive, and a job of a killed
    worker is taken up again from its last stored page. Stop it with Ctrl-C (it finishes its
    jobs first) or let --until-done stop it.
    """
    from studykit.workers.worker import WorkerSettings, run_worker, worker_tokens

    secrets = worker_tokens(tokens)
    if not secrets:
        warning = f"{tokens} is not set: GitHub allows 60 unauthenticated requests an hour."
        err.print(Text(warning, "yellow"))
    opened = open_study(study, db)
    settings = WorkerSettings(
        tokens=secrets,
        source=tokens,
        concurrency=concurrency,
        stalled_after=stalled_after,
        until_done=until_done,
    )
    failed: list[str] = []

    def show(report: "RepositoryReport") -> None:
        from studykit.cli.collect import report_line

        out.print(report_line(report), soft_wrap=True, highlight=False)
        if report.error:
            failed.append(report.repository)
            err.print(
                Text.assemble((f"{report.repository}:", "bold red"), " ", report.error),
                highlight=False,
                soft_wrap=True,
            )

    run_worker(opened, settings, on_report=show)
    if failed:
        err.print(f"{len(failed)} job(s) failed: `studykit mine --status` lists them.")
        raise typer.Exit(1)


def enqueue_jobs(
    opened: "Study", names: list[str], *, api: str | None, api_url: str | None
) -> None:
    """Queue one mining job per repository, with the study's mining settings."""
    from studykit.workers.queue import MiningJob, enqueue, require_postgres

    require_postgres(opened.db, "studykit mine --enqueue")
    github = opened.manifest.github
    jobs = [
        MiningJob(
            repository=name,
            api=api or github.api,
            api_url=api_url or github.api_url,
            review_comments=github.review_comments,
            scope=opened.manifest.filter.model_dump(mode="json"),
        )
        for name in names
    ]
    done = enqueue(opened.db, jobs)
    if done.queued:
        out.print(
            f"Queued {len(done.queued)} mining job(s): {', '.join(done.queued)}. "
            "Start `studykit worker` on any machine that reaches this database.",
            soft_wrap=True,
            highlight=False,
        )
    if done.waiting:
        out.print(
            f"Already waiting in the queue, not queued again: {', '.join(done.waiting)}.",
            soft_wrap=True,
            highlight=False,
        )


def show_status(opened: "Study") -> None:
    """Print the mining jobs per status, the running and failed ones, and the tokens' budgets."""
    from studykit.workers.budgets import budgets
    from studykit.workers.queue import counts, jobs

    rows = jobs(opened.db)
    if not rows:
        raise StudykitError(
            "no mining jobs in this study's queue: queue them with `studykit mine --enqueue`"
        )
    per = counts(rows)
    stopped = per["cancelled"] + per["aborted"]
    out.print(
        f"Mining jobs: {per['succeeded']} done, {per['doing']} running, {per['todo']} waiting, "
        f"{per['failed']} failed" + (f", {stopped} cancelled." if stopped else "."),
        highlight=False,
    )
    for label, status in (("running", "doing"), ("failed", "failed")):
        names = [r.repository for r in rows if r.status == status]
        if names:
            out.print(f"{label}: {', '.join(names)}", soft_wrap=True, highlight=False)
    retried = [r for r in rows if r.retries]
    if retried:
        out.print(
            "taken up again (a worker died, or GitHub refused its tokens): "
            + ", ".join(f"{r.repository} ({r.retries}x)" for r in retried),
            soft_wrap=True,
            highlight=False,
        )
    now = time.time()
    found = budgets(opened.db)
    if not found:
        out.print("No worker has reported a token's rate limit yet.")
    for budget in found:
        left = "?" if budget.remaining is None else f"{budget.remaining} of {budget.limit}"
        out.print(
            f"token {budget.fingerprint} ({budget.source} on {budget.host}): {budget.resource} "
            f"{left} left, resets {_ago(budget.reset_at, now, future=True)}, "
            f"seen {_ago(budget.seen_at, now)}",
            soft_wrap=True,
            highlight=False,
        )


def _ago(stamp: str | None, now: float, *, future: bool = False) -> str:
    from datetime import datetime

    if not stamp:
        return "-"
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
    seconds = round(moment - now if future else now - moment)
    if seconds <= 0:
        return "now" if future else "just now"
    text = f"{seconds} s" if seconds < 120 else f"{seconds // 60} min"
    return f"in {text}" if future else f"{text} ago"
