"""The study database: schema versions, transactions, reads and writes on SQLite and PostgreSQL."""

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from studykit.db import SCHEMA_VERSION, Database, resolve_url, safe_url, upsert
from studykit.db import schema as tables
from studykit.errors import DatabaseError


def test_new_database_gets_the_current_schema(db_url: str) -> None:
    db = Database.open(db_url)
    assert db.schema_version() == SCHEMA_VERSION
    assert set(db.counts()) >= {
        "repositories",
        "issues",
        "comments",
        "events",
        "commits",
        "items",
        "codings",
        "consensus",
        "participants",
        "transcripts",
        "segments",
        "survey_responses",
    }
    assert all(count == 0 for count in db.counts().values())
    db.close()


def test_reopening_keeps_rows(db_url: str) -> None:
    db = Database.open(db_url)
    with db.begin() as conn:
        upsert(conn, tables.participants, [{"id": "P01", "role": "engineer", "attributes": {}}])
    db.close()
    again = Database.open(db_url)
    assert again.read("participants")["id"].tolist() == ["P01"]
    again.close()


def test_upsert_replaces_rows_with_the_same_key(db_url: str) -> None:
    db = Database.open(db_url)
    row = {"id": "P01", "role": "engineer", "attributes": {"a": 1}}
    with db.begin() as conn:
        upsert(conn, tables.participants, [row])
        upsert(conn, tables.participants, [row | {"role": "lead"}])
    frame = db.read("participants")
    assert frame[["id", "role"]].values.tolist() == [["P01", "lead"]]
    assert frame.loc[0, "attributes"] == {"a": 1}
    db.close()


def test_read_returns_chosen_columns_in_key_order(db_url: str) -> None:
    db = Database.open(db_url)
    rows = [{"id": f"P0{n}", "role": role, "attributes": {}} for n, role in ((2, "b"), (1, "a"))]
    with db.begin() as conn:
        upsert(conn, tables.participants, rows)
    frame = db.read("participants", columns=["role", "id"])
    assert frame.columns.tolist() == ["role", "id"]
    assert frame.values.tolist() == [["a", "P01"], ["b", "P02"]]
    assert (
        db.read("participants", columns=["id"]).dtypes["id"] == db.read("participants")["id"].dtype
    )
    with pytest.raises(DatabaseError, match=r"participants has no column\(s\) colour"):
        db.read("participants", columns=["id", "colour"])
    db.close()


def test_a_failed_transaction_writes_nothing(db_url: str) -> None:
    db = Database.open(db_url)
    with pytest.raises(ZeroDivisionError), db.begin() as conn:
        upsert(conn, tables.participants, [{"id": "P01", "attributes": {}}])
        raise ZeroDivisionError
    assert db.read("participants").empty
    db.close()


def test_newer_schema_is_refused_with_what_to_do(db_url: str) -> None:
    db = Database.open(db_url)
    with db.begin() as conn:
        conn.execute(tables.meta.update().values(value=str(SCHEMA_VERSION + 1)))
    db.close()
    with pytest.raises(DatabaseError, match=r"newer than this studykit's.*upgrade studykit"):
        Database.open(db_url)


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE issues (x INTEGER)"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="not a studykit study database"):
        Database.open(f"sqlite:///{path}")


def test_unreachable_server_is_named_without_password() -> None:
    with pytest.raises(DatabaseError) as info:
        Database.open("postgresql://someone:secret@127.0.0.1:9/nodb")
    assert "cannot reach the database postgresql+psycopg://someone:***@127.0.0.1:9/nodb" in str(
        info.value
    )
    assert "secret" not in str(info.value)


def test_relative_sqlite_paths_start_at_the_study(tmp_path: Path) -> None:
    url = resolve_url("sqlite:///processed/s.sqlite", tmp_path)
    assert url.database == str(tmp_path / "processed" / "s.sqlite")
    assert safe_url(resolve_url("postgres://u:pw@h/d")) == "postgresql+psycopg://u:***@h/d"


def test_not_a_url() -> None:
    with pytest.raises(DatabaseError, match="is not a database URL"):
        resolve_url("just words")


def test_an_older_database_is_migrated_in_steps(db_url: str) -> None:
    """Version 1 of a toy schema is upgraded by a second migration that adds a table and column."""
    from sqlalchemy import Column, MetaData, Table, Text

    from studykit.db.engine import resolve_url
    from studykit.db.migrations import Migration, stored_version, upgrade

    def schema_v(version: int) -> MetaData:
        md = MetaData()
        Table("studykit_meta", md, Column("key", Text, primary_key=True), Column("value", Text))
        Table("notes", md, Column("id", Text, primary_key=True))
        if version == 2:
            Table("tags", md, Column("id", Text, primary_key=True))
        return md

    def add_column(conn) -> None:
        conn.execute(text("ALTER TABLE notes ADD COLUMN body TEXT"))

    v1 = (Migration(1, "notes"),)
    v2 = (*v1, Migration(2, "tags, notes.body", tables=("tags",), extra=add_column))
    engine = create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        assert upgrade(conn, v1, schema_v(1)) == (None, 1)
        conn.execute(text("INSERT INTO notes (id) VALUES ('kept')"))
    with engine.begin() as conn:
        assert upgrade(conn, v2, schema_v(2)) == (1, 2)
    with engine.begin() as conn:
        assert stored_version(conn, schema_v(2)) == 2
        assert conn.execute(text("SELECT id, body FROM notes")).all() == [("kept", None)]
        assert conn.execute(text("SELECT count(*) FROM tags")).scalar_one() == 0
    engine.dispose()


def test_a_version_3_study_database_gains_review_comments(sqlite_url: str) -> None:
    """The real migration 4 on a database of the previous schema: one table more, rows kept."""
    db = Database.open(sqlite_url)
    with db.begin() as conn:
        upsert(conn, tables.participants, [{"id": "P01", "attributes": {}}])
        conn.execute(text("DROP TABLE review_comments"))
        conn.execute(
            tables.meta.update().where(tables.meta.c.key == "schema_version").values(value="3")
        )
    db.close()
    again = Database.open(sqlite_url)
    assert again.schema_version() == SCHEMA_VERSION
    assert again.read("review_comments").empty
    assert again.read("participants")["id"].tolist() == ["P01"]
    again.close()


def test_a_database_an_older_studykit_left_half_created_is_finished(db_url: str) -> None:
    """Empty studykit tables without a schema version: creation was cut short; finish it."""
    engine = create_engine(resolve_url(db_url))
    half = [tables.meta, tables.repositories, tables.issues]
    tables.metadata.create_all(engine, tables=half)
    engine.dispose()
    db = Database.open(db_url)
    assert db.schema_version() == SCHEMA_VERSION
    assert set(db.counts()) == {t.name for t in tables.DATA_TABLES}
    db.close()


def test_a_half_created_database_that_holds_rows_is_still_refused(db_url: str) -> None:
    engine = create_engine(resolve_url(db_url))
    tables.metadata.create_all(engine, tables=[tables.meta, tables.participants])
    with engine.begin() as conn:
        conn.execute(tables.participants.insert().values(id="P01", attributes={}))
    engine.dispose()
    with pytest.raises(DatabaseError, match="no schema_version: the database is damaged"):
        Database.open(db_url)
    engine = create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        assert conn.execute(text("SELECT id FROM participants")).scalars().all() == ["P01"]
    engine.dispose()


def test_a_schema_version_that_is_text_is_one_line_exit_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from studykit.cli import app

    path = tmp_path / "study.sqlite"
    Database.open(f"sqlite:///{path}").close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(
            tables.meta.update().where(tables.meta.c.key == "schema_version").values(value="abc")
        )
    engine.dispose()
    manifest = tmp_path / "study.toml"
    manifest.write_text('[study]\nname = "x"\ndatabase = "sqlite:///study.sqlite"\n')
    result = CliRunner().invoke(app, ["db", "info", "--study", str(manifest)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"studykit: error: {path}: the schema version 'abc' in studykit_meta is not a number: "
        "the database is damaged or not a studykit database"
    )


def test_sqlite_uses_wal_and_leaves_no_wal_files_once_closed(tmp_path: Path) -> None:
    from studykit.db.versions import sqlite_data_versions

    path = tmp_path / "study.sqlite"
    db = Database.open(f"sqlite:///{path}")
    with db.begin() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        upsert(conn, tables.participants, [{"id": "P01", "attributes": {}}])
    db.close()
    assert sqlite_data_versions(f"sqlite:///{path}") == {"participants": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.sqlite"]


def test_a_read_only_sqlite_file_in_rollback_mode_can_still_be_read(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    path = tmp_path / "study.sqlite"
    Database.open(f"sqlite:///{path}").close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    db = Database.open(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert db.counts()["issues"] == 0
    db.close()


def test_two_transactions_that_first_write_a_table_at_once_both_count(db_url: str) -> None:
    """Data versions grow by one per writing transaction, also when two overlap."""
    import threading
    import time

    from studykit.db.engine import bump_versions

    db = Database.open(db_url)
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with db.engine.begin() as conn:
                bump_versions(conn, {"participants"})
        except BaseException as exc:
            errors.append(exc)

    with db.engine.begin() as first:
        bump_versions(first, {"participants"})
        other = threading.Thread(target=second)
        other.start()
        time.sleep(1)
    other.join(timeout=60)
    assert errors == []
    assert db.table_versions()["participants"] == 2
    db.close()
