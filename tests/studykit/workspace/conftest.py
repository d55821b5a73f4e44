"""Fixtures of the workspace tests: the example study loaded once, copied for each user."""

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from studykit.study import Study
from tests.support.example_study import load_example
from tests.support.paths import EXAMPLE


@pytest.fixture(scope="session")
def example_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file of the example study as `make demo` loads it (read it only via copies)."""
    path = tmp_path_factory.mktemp("example") / "study.sqlite"
    load_example(f"sqlite:///{path}").close()
    return path


@pytest.fixture(scope="session")
def example_copy(example_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[], str]:
    """Make a new copy of the loaded example study; return its database URL."""

    def copy() -> str:
        target = tmp_path_factory.mktemp("copy") / "study.sqlite"
        # SQLite's backup, not a file copy: what is still in the -wal file comes along
        with sqlite3.connect(example_file) as source, sqlite3.connect(target) as copied:
            source.backup(copied)
        source.close()
        copied.close()
        return f"sqlite:///{target}"

    return copy


@pytest.fixture(scope="module")
def study(example_copy: Callable[[], str]) -> Iterator[Study]:
    """A module's own copy of the example study, opened as `studykit serve` opens it."""
    loaded = Study.open(EXAMPLE / "study.toml", db=example_copy())
    yield loaded
    loaded.close()
