"""Commands of the mining stage: mine (live or from an archive), clone, link, and sample."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, err, open_study, out
from studykit.cli.collect_display import MiningDisplay
from studykit.cli.progress import progress_bar
from studykit.errors import StudykitError

if TYPE_CHECKING:
    from mining.miner import RepositoryReport
    from studykit.study import Study


def mine(
    repositories: Annotated[
        list[str] | None,
        typer.Argument(help="OWNER/REPO to take; default: the manifest's [github] repositories."),
    ] = None,
    replay: Annotated[
        Path | None,
        typer.Option(
            help="Rebuild the GitHub tables offline from a raw archive (docs/formats.md)."
        ),
    ] = None,
    api_url: Annotated[
        str | None,
        typer.Option(
            "--api-url",
            envvar="GITHUB_API_URL",
            help="GitHub API base URL (Enterprise: https://HOST/api/v3); default: manifest's.",
        ),
    ] = None,
    api: Annotated[
        str | None,
        typer.Option(
            "--api",
            help="rest or graphql (GraphQL: far fewer requests, needs a token); "
            "default: the manifest's [github] api, else rest.",
        ),
    ] = None,
    enqueue: Annotated[
        bool,
        typer.Option(
            "--enqueue",
            help="Queue one job per repository (per range of a large one, --split-above) in "
            "the study's PostgreSQL database instead of mining here; `studykit worker` "
            "processes them, on any machine.",
        ),
    ] = False,
    split_above: Annotated[
        int,
        typer.Option(
            "--split-above",
            help="With --enqueue (REST): on a repository's first mining, cut each issue and "
            "comment listing of more than this many pages (100 items a page) into ranges of "
            "about as many pages, one job each, so several workers share it; probing costs "
            "1 request per listing and 1 per extra range (GITHUB_TOKEN). Its follow-up job "
            "then cuts more than this many timelines still to fetch (1 request or more per "
            "closed issue nothing links to a fix) into chunks of at most as many issues, "
            "one job each. 0: never split.",
            min=0,
        ),
    ] = 0,
    status: Annotated[
        bool,
        typer.Option(
            "--status",
            help="Show the queued jobs (done, running, failed) and each worker token's "
            "rate limit left.",
        ),
    ] = False,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Mine GitHub issues, pull requests, comments, events and timelines into the study database.

    Live mining reads the token from GITHUB_TOKEN (several, comma-separated, are rotated),
    keeps every response in the manifest's archive, resumes where a killed run stopped and,
    run again, fetches only what changed. --replay rebuilds the tables from an archive offline.
    --enqueue hands the repositories to `studykit worker` processes (PostgreSQL studies).
    """
    from studykit.collect.live import TOKEN_ENV, github_tokens, mine_live

    if sum((replay is not None, enqueue, status)) > 1:
        raise StudykitError("--replay, --enqueue and --status exclude each other: give one")
    opened = open_study(study, db)
    if status:
        from studykit.cli.workers import show_status

        show_status(opened)
        return
    names = repositories or opened.manifest.github.repositories or None
    if replay is not None:
        _replay(opened, replay, names)
        return
    if not names:
        raise StudykitError(
            "no repositories to mine: name OWNER/REPO arguments or list them in "
            "[github] repositories"
        )
    for name in names:
        if name.count("/") != 1 or not all(name.split("/")):
            raise StudykitError(f"{name!r} is not of the form OWNER/REPO")
    if split_above and not enqueue:
        raise StudykitError("--split-above cuts jobs for workers: give it with --enqueue")
    if api not in (None, "rest", "graphql"):
        raise StudykitError(f"--api {api}: expected rest or graphql")
    if enqueue:
        from studykit.cli.workers import enqueue_jobs

        enqueue_jobs(opened, names, api=api, api_url=api_url, split_above=split_above)
        return
    tokens = github_tokens()
    if not tokens:
        err.print(
            Text(
                f"{TOKEN_ENV} is not set: GitHub allows 60 unauthenticated requests an hour.",
                "yellow",
            )
        )
    with MiningDisplay(err) as display:
        reports = mine_live(
            opened,
            names,
            api_url=api_url or opened.manifest.github.api_url,
            tokens=tokens,
            sleep=display.sleep,
            on_page=display.page,
            api="graphql" if api == "graphql" else "rest" if api == "rest" else None,
        )
    for report in reports:
        out.print(report_line(report), soft_wrap=True, highlight=False)
    failed = [r for r in reports if r.error]
    for report in failed:
        err.print(
            Text.assemble((f"{report.repository}:", "bold red"), " ", report.error or ""),
            highlight=False,
            soft_wrap=True,
        )
    if failed:
        err.print(
            f"{len(failed)} of {len(reports)} repositories failed; run `studykit mine` again."
        )
        raise typer.Exit(1)


def _replay(opened: "Study", replay: Path, names: list[str] | None) -> None:
    from studykit.collect.replay import count_pages, replay_archive

    total = count_pages(replay, names)
    with progress_bar("replaying") as progress:
        task = progress.add_task("pages", total=total)
        written = replay_archive(
            opened.db, replay, repositories=names, advance=lambda n: progress.advance(task, n)
        )
    summary = ", ".join(f"{count} {table}" for table, count in sorted(written.items()))
    out.print(f"Replayed {total} pages from {replay}: {summary}.")


def report_line(report: "RepositoryReport") -> str:
    """One repository's mining in a line: pages, rows, requests, retries and waits."""
    rows = report.rows
    done = "failed" if report.error else "ok"
    return (
        f"{report.repository}: {done}: {sum(report.pages.values())} pages stored "
        f"({rows['issues']} issues and PRs, {rows['pull_requests']} PR details, "
        f"{rows['comments']} comments, {rows['events']} events, {report.timelines} timelines); "
        f"{report.requests} requests, {report.not_modified} answered 304 Not Modified, "
        f"{report.retries} retried, {report.waited:.0f} s waited"
    )


def clone(
    repositories: Annotated[
        list[str] | None,
        typer.Argument(help="OWNER/REPO to mirror; default: the manifest's [github] repositories."),
    ] = None,
    url_template: Annotated[
        str | None,
        typer.Option(
            "--from",
            help=(
                "Clone URL with {repository}, {owner}, {name}: a remote URL, or a local "
                "repository or bundle (relative to the working folder); default: [github] "
                "clone_url (a relative path there starts at the manifest's folder)."
            ),
        ),
    ] = None,
    study: StudyOption = DEFAULT_STUDY,
) -> None:
    """Make or update bare local mirrors of the repositories (in [github] clones) for `link`."""
    from studykit.collect.clones import clone_repository, clone_sources
    from studykit.collect.live import github_tokens
    from studykit.manifest import load_manifest

    manifest = load_manifest(study)
    names = repositories or manifest.github.repositories
    if not names:
        raise StudykitError(
            "no repositories to clone: name OWNER/REPO or list [github] repositories"
        )
    sources = clone_sources(manifest, names, url_template)
    tokens = github_tokens()
    failed = 0
    for name in names:
        with err.status(Text(f"mirroring {name}")):
            result = clone_repository(
                manifest, name, source=sources[name], token=tokens[0] if tokens else None
            )
        if result.error:
            failed += 1
            err.print(
                Text.assemble((f"{name}:", "bold red"), " ", result.error),
                highlight=False,
                soft_wrap=True,
            )
        else:
            out.print(f"{name}: {result.status} ({result.path})", highlight=False)
    if failed:
        raise typer.Exit(1)


def link(study: StudyOption = DEFAULT_STUDY, db: DbOption = None) -> None:
    """Link issues to the commits and pull requests that fixed them; analyse the fixing commits.

    Evidence: closing events, `fixes #N` in merged pull requests and in commit messages of the
    local mirrors, and cross-references; PyDriller then records each linked commit's files,
    lines and DL component ([components] in the manifest). Offline: run `clone` first.
    """
    from studykit.collect.fix_links import link_fixes

    opened = open_study(study, db)
    with progress_bar("analysing linked commits") as progress:
        task = progress.add_task("commits", total=None)
        summary = link_fixes(
            opened, progress=lambda done, total: progress.update(task, completed=done, total=total)
        )
    evidence = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.by_evidence.items()))
    out.print(
        f"Linked {summary.issues} issues to fixes ({summary.links} links: {evidence or 'none'}); "
        f"analysed {summary.commits} commits, {summary.files} changed files."
    )
    if summary.without_mirror:
        err.print(
            Text.assemble(
                (f"no mirror of {', '.join(summary.without_mirror)}:", "yellow"),
                " their commit messages were not scanned (run `studykit clone`).",
            )
        )
    missing = sum(summary.missing.values())
    if missing:
        where = ", ".join(f"{r}: {n}" for r, n in sorted(summary.missing.items()) if n)
        err.print(
            Text.assemble(
                (f"{missing} linked commits are in no local mirror", "yellow"), f" ({where})."
            )
        )


def sample(
    size: Annotated[
        str | None,
        typer.Option(help='Items to draw: a number, "all" or "auto" (Cochran).'),
    ] = None,
    strata: Annotated[
        str | None, typer.Option(help="Stratify proportionally by this field (e.g. repository).")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed; default: manifest.")] = None,
    name: Annotated[str, typer.Option(help="Name under which the sample is stored.")] = "main",
    replace: Annotated[bool, typer.Option(help="Draw again a sample that exists.")] = False,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Filter the mined issues and draw a reproducible, stored sample of items to code."""
    from studykit.collect.sampling import draw_items

    opened = open_study(study, db)
    updates: dict[str, object] = {}
    if size is not None:
        updates["size"] = int(size) if size.isdigit() else size
    if strata is not None:
        updates["strata"] = strata
    if seed is not None:
        updates["seed"] = seed
    sampling = opened.manifest.sampling.model_validate(
        opened.manifest.sampling.model_dump() | updates
    )
    result = draw_items(opened.db, opened.manifest.filter, sampling, name=name, replace=replace)
    strata_text = ", ".join(f"{k}: {v}" for k, v in result.per_stratum.items())
    out.print(
        f"Sample {result.name!r}: {result.size} of {result.population} filtered issues "
        f"(seed {sampling.seed}; {strata_text})."
    )
