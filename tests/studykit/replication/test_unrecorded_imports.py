"""A file imported before studykit recorded imports (schema version 4, no `imports` table) and
imported again: the labels that import stored are found by the file they name and replaced; the
items it stored cannot be told apart, so the re-import says how many may be stale and how to
clear them (issue 11, item 6)."""

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from studykit import Study
from studykit.cli import app

runner = CliRunner()
DEFECTS = "id,symptom\n1,Crash\n2,Hang\n3,crash\nnote: row 3 was checked twice,hang\n"
IMPORTS = """[study]
name = "t"
database = "sqlite:///processed/study.sqlite"

[[imports]]
what = "items"
file = "defects.csv"
item = "id"
kind = "defect"
footer = {footer}

[[imports]]
what = "labels"
file = "defects.csv"
item = "id"
footer = {footer}
round = "final"
dimensions = {{ symptom = "symptom" }}
"""


def run(manifest: Path) -> str:
    result = runner.invoke(app, ["import", "--study", str(manifest)])
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.output
    return " ".join(result.stdout.split())


def before_import_records(database: Path) -> None:
    """Make the database what studykit before schema version 5 left: no import records."""
    with sqlite3.connect(database) as conn:
        conn.execute("DROP TABLE imports")
        conn.execute("UPDATE studykit_meta SET value = '4' WHERE key = 'schema_version'")
    conn.close()


def test_a_reimport_of_a_file_imported_before_records_replaces_its_labels(
    tmp_path: Path,
) -> None:
    (tmp_path / "defects.csv").write_text(DEFECTS)
    manifest = tmp_path / "study.toml"
    manifest.write_text(IMPORTS.format(footer=0))
    run(manifest)
    before_import_records(tmp_path / "processed" / "study.sqlite")
    manifest.write_text(IMPORTS.format(footer=1))
    out = run(manifest)
    study = Study.open(manifest)
    assert sorted(study.table("consensus")["item_id"]) == ["1", "2", "3"]
    assert (
        "1 label(s) an import of this file stored before studykit recorded imports, on item(s) "
        "no longer in it, were removed" in out
    ), out
    assert "no earlier import of this file is recorded" in out
    assert (
        "1 item(s) of kind 'defect' that no recorded import stored and no sample holds "
        "(first: 'note: row 3 was checked twice')" in out
    ), out
    assert "import the study's files into a new database" in out
    assert "note: row 3 was checked twice" in set(study.table("items")["id"])
    again = run(manifest)
    assert "before studykit recorded imports" not in again
    assert "no earlier import of this file is recorded" not in again


def test_a_first_import_into_a_recorded_database_says_nothing_of_stale_rows(
    tmp_path: Path,
) -> None:
    (tmp_path / "defects.csv").write_text(DEFECTS)
    manifest = tmp_path / "study.toml"
    manifest.write_text(IMPORTS.format(footer=1))
    out = run(manifest)
    assert "before studykit recorded imports" not in out
    assert "no earlier import of this file is recorded" not in out
