"""A damaged SQLite page is noticed: `db info` and `sheets import` name it and change nothing."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studykit.cli import app
from tests.support.example_study import load_example
from tests.support.paths import EXAMPLE

runner = CliRunner()


@pytest.fixture(scope="module")
def example_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example study in an SQLite file, everything in the file itself (WAL checkpointed)."""
    path = tmp_path_factory.mktemp("example") / "study.sqlite"
    load_example(f"sqlite:///{path}").close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def damage_a_page(path: Path, table: str) -> int:
    """Zero the cell pointers of a leaf page of `table`; reads still return rows (wrong ones)."""
    with closing(sqlite3.connect(path)) as conn:
        page = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
            (table,),
        ).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as raw:
        raw.seek((page - 1) * size + 8)
        raw.write(bytes(size - 8))
    return int(page)


def codings_of(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT * FROM codings ORDER BY 1, 2, 3, 4").fetchall()


def one_line_damage(stderr: str, path: Path, page: int) -> None:
    assert stderr.count("\n") == 1, stderr
    damage = f"the database is damaged (On tree page {page}"
    assert stderr.startswith(f"studykit: error: {path}: {damage}")
    assert stderr.rstrip().endswith("restore it from a backup")


@pytest.fixture
def damaged(example_file: Path, tmp_path: Path) -> tuple[Path, Path, int]:
    """A copy of the example with a damaged page of `issues`, and a manifest naming it."""
    path = tmp_path / "study.sqlite"
    shutil.copy(example_file, path)
    page = damage_a_page(path, "issues")
    return path, tmp_path, page


def test_db_info_names_a_damaged_page(damaged: tuple[Path, Path, int]) -> None:
    path, _, page = damaged
    result = runner.invoke(
        app, ["db", "info", "--study", str(EXAMPLE / "study.toml"), "--db", f"sqlite:///{path}"]
    )
    assert result.exit_code == 2
    one_line_damage(result.stderr, path, page)


def test_sheets_import_refuses_a_damaged_database_and_writes_nothing(
    damaged: tuple[Path, Path, int],
) -> None:
    path, _, page = damaged
    before = codings_of(path)
    sheet = sorted((EXAMPLE / "codings" / "round-2").glob("*.csv"))[0]
    result = runner.invoke(
        app,
        [
            "sheets",
            "import",
            str(sheet),
            "--study",
            str(EXAMPLE / "study.toml"),
            "--db",
            f"sqlite:///{path}",
        ],
    )
    assert result.exit_code == 2, result.stdout
    one_line_damage(result.stderr, path, page)
    assert codings_of(path) == before


def test_a_sound_database_passes_the_check(example_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "study.sqlite"
    shutil.copy(example_file, path)
    result = runner.invoke(
        app, ["db", "info", "--study", str(EXAMPLE / "study.toml"), "--db", f"sqlite:///{path}"]
    )
    assert result.exit_code == 0, result.stderr
    assert "codings" in result.stdout


def test_a_file_that_is_not_a_database_is_named_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "study.sqlite"
    path.write_bytes(b"these are notes, not a database\n" * 200)
    result = runner.invoke(
        app, ["db", "info", "--study", str(EXAMPLE / "study.toml"), "--db", f"sqlite:///{path}"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"studykit: error: {path}: the database is damaged (file is not a database): "
        "restore it from a backup\n"
    )
