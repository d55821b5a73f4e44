"""Mining workers: `studykit worker`, `studykit mine --enqueue` / `--status` behind it, and
`studykit gather` of the archives workers wrote on several machines."""

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, err, open_study, out
from studykit.errors import StudykitError

if TYPE_CHECKING:
    from mining.client import GitHubClient
    from mining.miner import RepositoryReport
    from studykit.study import Study
    from studykit.workers.queue import JobRow


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

    Run as many as you like, on as many machines: each takes one job (a repository, or a
    range of a large one's issues or comments, or a chunk of its timelines) at a time per
    --concurrency, writes what it fetched to its manifest's archive, and a job of a killed
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
    opened: "Study",
    names: list[str],
    *,
    api: str | None,
    api_url: str | None,
    split_above: int = 0,
) -> None:
    """Queue the mining jobs of each repository (ranges of large ones with `split_above`)."""
    from mining.errors import FetchError
    from studykit.workers.queue import MiningJob, enqueue, require_postgres
    from studykit.workers.ranges import Plan, plan

    require_postgres(opened.db, "studykit mine --enqueue")
    github = opened.manifest.github
    chosen = api or github.api
    if split_above and chosen != "rest":
        err.print(
            Text("--split-above: GraphQL jobs are whole repositories, none is split.", "yellow")
        )
    client = _probe_client(api_url or github.api_url) if split_above else None
    jobs: list[MiningJob] = []
    probes = 0
    split: list[str] = []
    for name in names:
        job = MiningJob(
            repository=name,
            api=chosen,
            api_url=api_url or github.api_url,
            review_comments=github.review_comments,
            scope=opened.manifest.filter.model_dump(mode="json"),
        )
        try:
            planned = plan(opened.db, job, client=client, split_above=split_above)
        except FetchError as exc:
            err.print(Text(f"{name}: not split, probing failed: {exc}", "yellow"), soft_wrap=True)
            planned = Plan([job])
        probes += planned.requests
        jobs += planned.jobs
        if any("@" in j.part for j in planned.jobs):
            split.append(f"{name} ({sum('@' in j.part for j in planned.jobs)} ranges)")
    done = enqueue(opened.db, jobs)
    if split_above:
        out.print(
            f"Probed listings with {probes} request(s); split in ranges: "
            f"{', '.join(split) or 'none'}.",
            soft_wrap=True,
            highlight=False,
        )
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


def _probe_client(api_url: str) -> "GitHubClient":
    """A client for probing page counts, with the tokens in GITHUB_TOKEN."""
    from mining.client import GitHubClient
    from studykit.collect.live import TOKEN_ENV, fetch_policy, github_tokens

    tokens = github_tokens()
    if not tokens:
        err.print(Text(f"--split-above probes GitHub and {TOKEN_ENV} is not set.", "yellow"))
    return GitHubClient(api_url, tokens, policy=fetch_policy())


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
        names = [r.label for r in rows if r.status == status]
        if names:
            out.print(f"{label}: {', '.join(names)}", soft_wrap=True, highlight=False)
    retried = [r for r in rows if r.retries]
    if retried:
        out.print(
            "taken up again (a worker died, or GitHub refused its tokens): "
            + ", ".join(f"{r.label} ({r.retries}x)" for r in retried),
            soft_wrap=True,
            highlight=False,
        )
    _show_ranges(opened, rows)
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


def _show_ranges(opened: "Study", rows: "list[JobRow]") -> None:
    """One line per repository mined in ranges: ranges done, failed, and its follow-up; one
    per repository whose timelines are fetched in chunks: chunks done and failed."""
    from studykit.workers.ranges import range_progress

    failed = {r.label for r in rows if r.status == "failed"}
    for repository, progress in sorted(range_progress(opened.db).items()):
        if progress["chunks"]:
            _show_chunks(repository, progress["chunks"], failed)
        if not progress["ranges"]:
            continue
        done = [key for key, finished in progress["ranges"].items() if finished]
        broken = [
            key
            for key, finished in progress["ranges"].items()
            if not finished and f"{repository} {key}" in failed
        ]
        line = f"{repository} in ranges: {len(done)} of {len(progress['ranges'])} done"
        if broken:
            line += (
                f"; failed: {', '.join(broken)}, so its follow-up job (events, pull requests, "
                "timelines) is not queued: `studykit mine --enqueue` queues the failed ranges again"
            )
        elif progress["follow_up"]:
            line += "; follow-up job queued"
        out.print(line + ".", soft_wrap=True, highlight=False)


def _show_chunks(repository: str, chunks: dict[str, bool], failed: set[str]) -> None:
    """The line of a repository whose timelines are fetched in chunks."""
    done = [key for key, finished in chunks.items() if finished]
    broken = [k for k, finished in chunks.items() if not finished and f"{repository} {k}" in failed]
    line = f"{repository} timelines in chunks: {len(done)} of {len(chunks)} done"
    if broken:
        line += (
            f"; failed: {', '.join(broken)}: `studykit mine --enqueue` queues the failed "
            "chunks again"
        )
    out.print(line + ".", soft_wrap=True, highlight=False)


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


def gather(
    folders: Annotated[
        list[Path],
        typer.Argument(help="Archive folders to gather (each machine's [github] archive)."),
    ],
    into: Annotated[
        Path | None,
        typer.Option("--into", help="The archive to gather into; default: the manifest's."),
    ] = None,
    study: StudyOption = DEFAULT_STUDY,
) -> None:
    """Gather the archive folders that workers on several machines wrote into one archive.

    The folders hold different page numbers of each resource, and their union is the archive.
    A number held by two different files (a worker killed after archiving a page but before
    storing it, the job taken up again on another machine) keeps the one fetched later: the
    page the database stored. Two different files fetched in the same second are refused and
    nothing is copied. Then `studykit mine --replay` rebuilds the tables from the one archive.
    """
    from mining.errors import MiningInputError
    from mining.gather import gather as gather_archives
    from mining.run_lock import mining_run
    from studykit.manifest import load_manifest

    for folder in folders:
        if not folder.is_dir():
            raise StudykitError(f"{folder}: no such archive folder")
    target = into
    if target is None:
        manifest = load_manifest(study)
        target = manifest.resolve(manifest.github.archive)
    target.mkdir(parents=True, exist_ok=True)
    try:
        with mining_run(target):
            done = gather_archives(folders, target)
    except MiningInputError as exc:
        raise StudykitError(str(exc)) from None
    out.print(
        f"Gathered {len(folders)} folder(s) into {target}: {done.copied} page(s) copied, "
        f"{done.present} already there, {len(done.resolved)} number(s) held by two different "
        f"pages resolved to the later fetched one, {done.skipped} other file(s) skipped "
        "(unfinished writes).",
        soft_wrap=True,
        highlight=False,
    )
    for line in done.resolved:
        out.print(f"  {line}", soft_wrap=True, highlight=False)
