"""Commands that create a study and look after its database: init, db info, db upgrade, export."""

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.table import Table

from studykit.cli.app import DEFAULT_STUDY, DbOption, StudyOption, new_app, open_study, out
from studykit.errors import StudykitError

db_app = new_app("Look after the study database: where it is, its schema version, its rows.")


def init(
    directory: Annotated[Path, typer.Argument(help="Folder of the new study (created if absent).")],
    name: Annotated[str | None, typer.Option(help="The study's name.")] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing study.toml.")] = False,
) -> None:
    """Create a new study: a commented study.toml and a starter codebook.yaml."""
    directory.mkdir(parents=True, exist_ok=True)
    manifest = directory / "study.toml"
    if manifest.exists() and not force:
        raise StudykitError(f"{manifest} exists already (use --force to overwrite it)")
    from studykit.study_templates import STARTER_FILES, starter_text

    title = name or directory.resolve().name
    for filename in STARTER_FILES:
        target = directory / filename
        if filename == "codebook.yaml" and target.exists():
            continue
        target.write_text(starter_text(filename, title, date.today()), encoding="utf-8")
    for folder in ("archive", "sheets"):
        (directory / folder).mkdir(exist_ok=True)
    out.print(f"Created {manifest}: edit [github] repositories, then run `studykit mine`.")


@db_app.command("info")
def db_info(study: StudyOption = DEFAULT_STUDY, db: DbOption = None) -> None:
    """Print the database URL (password hidden), schema version and row counts.

    An SQLite database is checked first (quick_check): a damaged one is named with what is wrong.
    """
    from studykit.db import SCHEMA_VERSION, safe_url

    opened = open_study(study, db)
    opened.db.check_integrity()
    table = Table("table", "rows")
    for name, count in sorted(opened.db.counts().items()):
        table.add_row(name, str(count))
    out.print(f"database: {safe_url(opened.db.url)}")
    out.print(f"schema version: {opened.db.schema_version()} (this studykit: {SCHEMA_VERSION})")
    out.print(table)


@db_app.command("upgrade")
def db_upgrade(study: StudyOption = DEFAULT_STUDY, db: DbOption = None) -> None:
    """Create the database or bring its schema to this studykit's version."""
    from studykit.db import safe_url

    opened = open_study(study, db)
    opened.db.check_integrity()
    out.print(f"{safe_url(opened.db.url)}: schema version {opened.db.schema_version()}")


def export(
    table: Annotated[str, typer.Argument(help="Table to export (see `studykit db info`).")],
    fmt: Annotated[
        Literal["csv", "parquet", "jsonl"],
        typer.Option("--format", "-f", help="csv, parquet or jsonl."),
    ] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; stdout if absent.")
    ] = None,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Export any table of the study database as CSV, Parquet or JSON Lines.

    A file is written whole or not at all: a failure leaves an existing file as it was.
    """
    from studykit.db.export import export_table
    from studykit.replacing_file import replacing

    opened = open_study(study, db)
    if output is None:
        export_table(opened.db, table, fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        with replacing(output) as stream:
            rows = export_table(opened.db, table, fmt, stream)
        out.print(f"{rows} rows of {table} written to {output}")
