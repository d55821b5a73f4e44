"""Commands of the mining stage: mine (replay of an archive for now) and sample."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, err, open_study, out
from studykit.items import draw_items
from studykit.replay import count_pages, replay_archive


def mine(
    repositories: Annotated[
        list[str] | None,
        typer.Argument(help="OWNER/REPO to take; default: the manifest's [github] repositories."),
    ] = None,
    replay: Annotated[
        Path,
        typer.Option(
            help="Rebuild the GitHub tables offline from a raw archive (docs/formats.md)."
        ),
    ] = ...,  # type: ignore[assignment]
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Load GitHub issues, pull requests, comments, events and commits into the study database."""
    opened = open_study(study, db)
    names = repositories or opened.manifest.github.repositories or None
    total = count_pages(replay, names)
    with Progress(
        TextColumn("replaying"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("pages", total=total)
        written = replay_archive(
            opened.db, replay, repositories=names, advance=lambda n: progress.advance(task, n)
        )
    summary = ", ".join(f"{count} {table}" for table, count in sorted(written.items()))
    out.print(f"Replayed {total} pages from {replay}: {summary}.")


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
