"""Two studykit processes on one database: readers go on during a write, writers wait their turn,
the same sheet imported twice at once ends with both imports done, and a lock that wins is
named as a lock."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from studykit.cli import app
from studykit.db import Database, resolve_url
from tests.support.archives import build_archive
from tests.support.example_study import load_example
from tests.support.paths import EXAMPLE

STUDYKIT = str(Path(sys.executable).with_name("studykit"))
runner = CliRunner()
STUDY = str(EXAMPLE / "study.toml")

LONG_WRITE = """
import sys, time
from studykit.db import Database, insert, schema
db = Database.open(sys.argv[1])
with db.begin() as conn:
    pad = "x" * 2000
    insert(conn, schema.participants, [{"id": f"P{i:05d}", "attributes": {"pad": pad}}
                                        for i in range(3000)])
    print("writing", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@contextmanager
def long_write(url: str, seconds: float) -> Iterator[None]:
    """Another process in the middle of a large write transaction (6 MB) for `seconds`."""
    writer = subprocess.Popen(
        [sys.executable, "-c", LONG_WRITE, url, str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == "writing\n", writer.communicate()[1]
    try:
        yield
    finally:
        writer.wait(timeout=120)
        writer.stdout.close()
        if writer.stderr:
            writer.stderr.close()


def replayed(tmp_path: Path) -> list[str]:
    """A study of the small test archive, replayed; its command-line options."""
    (tmp_path / "study.toml").write_text('[study]\nname = "two processes"\n')
    build_archive(tmp_path / "archive")
    options = ["--study", str(tmp_path / "study.toml")]
    result = runner.invoke(app, ["mine", "--replay", str(tmp_path / "archive"), *options])
    assert result.exit_code == 0, result.stderr
    return options


def test_sqlite_readers_are_not_locked_out_by_a_long_write(tmp_path: Path) -> None:
    options = replayed(tmp_path)
    with long_write(f"sqlite:///{tmp_path / 'study.sqlite'}", 8):
        started = time.monotonic()
        result = runner.invoke(app, ["export", "issues", *options])
        took = time.monotonic() - started
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\n") == 41
    assert took < 4, f"the reader waited {took:.1f} s for the writer"


def test_sqlite_a_lock_that_wins_is_named_as_a_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = replayed(tmp_path)
    monkeypatch.setattr("studykit.db.sqlite.BUSY_TIMEOUT", 0.5)
    with long_write(f"sqlite:///{tmp_path / 'study.sqlite'}", 4):
        result = runner.invoke(app, ["mine", "--replay", str(tmp_path / "archive"), *options])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"studykit: error: {tmp_path / 'study.sqlite'}: the database is locked by another "
        "studykit process; try again when it finishes"
    )


def import_sheet(url: str) -> subprocess.Popen[str]:
    sheet = sorted((EXAMPLE / "codings" / "round-2").glob("*.csv"))[0]
    command = [STUDYKIT, "sheets", "import", str(sheet), "--study", STUDY, "--db", url]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ
    )


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out + err


def codings(url: str) -> list[tuple[object, ...]]:
    db = Database.open(url)
    rows = db.read("codings").drop(columns=["id", "coded_at"]).astype(str).values.tolist()
    db.close()
    return sorted(map(tuple, rows))


def test_sqlite_the_same_sheet_imported_twice_at_once_waits_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "study.sqlite"
    url = f"sqlite:///{path}"
    load_example(url).close()
    before = codings(url)
    with closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("BEGIN IMMEDIATE")
        imports = [import_sheet(url), import_sheet(url)]
        time.sleep(15)
        holder.execute("ROLLBACK")
    for code, output in map(finished, imports):
        assert code == 0, output
        assert "Imported" in output
    assert codings(url) == before


def waiting_on_locks(admin_url: str, database: str) -> int:
    engine = create_engine(resolve_url(admin_url))
    with engine.connect() as conn:
        count = conn.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = :db AND wait_event_type = 'Lock'"
            ),
            {"db": database},
        ).scalar_one()
    engine.dispose()
    return int(count)


@pytest.mark.postgres
def test_postgres_the_same_sheet_imported_twice_at_once_both_succeed(postgres_url: str) -> None:
    load_example(postgres_url).close()
    before = codings(postgres_url)
    database = resolve_url(postgres_url).database or ""
    engine = create_engine(resolve_url(postgres_url))
    with engine.connect() as holder:
        holder.execute(text("LOCK TABLE codebooks IN EXCLUSIVE MODE"))
        imports = [import_sheet(postgres_url), import_sheet(postgres_url)]
        deadline = time.monotonic() + 120
        while waiting_on_locks(postgres_url, database) < 2:
            assert all(p.poll() is None for p in imports), [finished(p) for p in imports]
            assert time.monotonic() < deadline, "the imports never met"
            time.sleep(0.1)
        holder.rollback()
    engine.dispose()
    for code, output in map(finished, imports):
        assert code == 0, output
        assert "Traceback" not in output
    assert codings(postgres_url) == before
