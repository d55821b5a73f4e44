"""The report command: regenerate every figure and table the manifest names."""

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import TextColumn

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, err, out
from studykit.cli.progress import progress_bar


def report(
    force: Annotated[bool, typer.Option(help="Rebuild every output, changed or not.")] = False,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Regenerate the report's figures, tables and index.md/index.html from the database.

    Outputs whose inputs (data, codebook, spec) have not changed since the last run are kept;
    reports/manifest.json records which data made which file. An output that cannot be built
    is named with the reason and left out of manifest.json (the next run retries it), the others
    are built, and the command exits 2. Names in the outputs resolve as in `studykit analyze`:
    write dimension:NAME or field:NAME for a name that is both.
    """
    from studykit.db.versions import sqlite_data_versions
    from studykit.manifest import load_manifest
    from studykit.report.plan import plan_report

    manifest = load_manifest(study)
    root = manifest.resolve(manifest.report.output)
    total = len(manifest.report.figures) + len(manifest.report.tables)
    versions = sqlite_data_versions(db or manifest.study.database, None if db else manifest.root)
    if not force and versions is not None and plan_report(manifest, versions).up_to_date():
        _summary(root, 0, total)
        return

    from studykit.report.build import build_report
    from studykit.study import Study

    opened = Study.of(manifest, db=db)
    with progress_bar("report", TextColumn("{task.description}")) as progress:
        task = progress.add_task("", total=total)
        entries = build_report(
            opened,
            force=force,
            advance=lambda name: progress.update(task, advance=1, description=name),
        )
    notes = dict.fromkeys(note for e in entries for note in e.notes)
    for note in notes:
        err.print(note, markup=False, highlight=False, soft_wrap=True)
    failed = [e for e in entries if e.error is not None]
    _summary(root, sum(e.built for e in entries), total, len(failed))
    for entry in failed:
        folder = "figures" if entry.is_figure else "tables"
        err.print(
            f"not built: {folder}/{entry.name}: {entry.error}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    if failed:
        raise typer.Exit(2)


def _summary(root: Path, built: int, total: int, failed: int = 0) -> None:
    not_built = f", {failed} not built" if failed else ""
    out.print(
        f"Report in {root}: {built} output(s) built, {total - built - failed} unchanged"
        f"{not_built}; see {root / 'index.md'}."
    )
