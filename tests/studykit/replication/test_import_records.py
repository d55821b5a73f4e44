"""The `imports` table (schema step 5): each import is recorded, on SQLite and PostgreSQL, and a
study database of schema version 4 gains it."""

from pathlib import Path

from sqlalchemy import text
from typer.testing import CliRunner

from studykit import Study
from studykit.cli import app
from studykit.db import SCHEMA_VERSION, Database, schema, upsert

runner = CliRunner()


def test_a_reimport_replaces_and_records_on_every_backend(tmp_path: Path, db_url: str) -> None:
    manifest = tmp_path / "study.toml"
    manifest.write_text('[study]\nname = "t"\n')
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,r1\n1,a\n2,b\n3,c\n")
    args = ["import", "labels", str(sheet), "--item", "id", "--dimension", "d",
            "--rater", "ann=r1", "--study", str(manifest), "--db", db_url]  # fmt: skip
    assert runner.invoke(app, args).exit_code == 0
    sheet.write_text("id,r1\n1,a\n2,x\n")
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "0 row(s) added, 1 changed, 1 removed" in result.stdout
    opened = Study.open(manifest, db=db_url)
    assert sorted(opened.table("codings")["item_id"]) == ["1", "2"]
    assert sorted(opened.table("items")["id"]) == ["1", "2"]
    records = opened.table("imports").sort_values("id")
    assert records["counts"].iloc[-1]["removed"] == 1
    assert records["target"].iloc[-1] == "labels round 1: d"
    opened.close()


def test_a_version_4_study_database_gains_the_imports_table(sqlite_url: str) -> None:
    db = Database.open(sqlite_url)
    with db.begin() as conn:
        upsert(conn, schema.participants, [{"id": "P01", "attributes": {}}])
        conn.execute(text("DROP TABLE imports"))
        conn.execute(
            schema.meta.update().where(schema.meta.c.key == "schema_version").values(value="4")
        )
    db.close()
    again = Database.open(sqlite_url)
    assert again.schema_version() == SCHEMA_VERSION >= 5
    assert again.read("imports").empty
    assert again.read("participants")["id"].tolist() == ["P01"]
    again.close()
