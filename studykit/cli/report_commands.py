"""The report command: regenerate every figure and table the manifest names."""

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, err, open_study, out


def report(
    force: Annotated[bool, typer.Option(help="Rebuild every output, changed or not.")] = False,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Regenerate the report's figures, tables and index.md/index.html from the database."""
    from studykit.reporting import build_report

    opened = open_study(study, db)
    section = opened.manifest.report
    total = len(section.figures) + len(section.tables)
    with Progress(
        TextColumn("report"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=total)
        entries = build_report(
            opened,
            force=force,
            advance=lambda name: progress.update(task, advance=1, description=name),
        )
    built = sum(e.built for e in entries)
    root = opened.manifest.resolve(section.output)
    out.print(
        f"Report in {root}: {built} output(s) built, {len(entries) - built} unchanged; "
        f"see {root / 'index.md'}."
    )
