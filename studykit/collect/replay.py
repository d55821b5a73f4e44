"""Rebuild the GitHub tables of a study from a raw archive, offline and in one transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from mining import archive
from mining.errors import MiningInputError
from mining.graphql.parse import page_rows
from studykit.collect.sink import store_rows
from studykit.db import Database, table_named
from studykit.db.locks import serialise_writers
from studykit.errors import InputError


def replay_archive(
    db: Database,
    root: Path,
    *,
    repositories: Iterable[str] | None = None,
    advance: Callable[[int], None] | None = None,
) -> Counter[str]:
    """Upsert every archived page into the database; return rows written per table."""
    written: Counter[str] = Counter()
    try:
        with db.begin() as conn:
            serialise_writers(conn, "github")
            for page in archive.read_pages(root, repositories):
                for table, rows in page_rows(page):
                    written[table] += store_rows(conn, table_named(table), rows)
                if advance:
                    advance(1)
    except MiningInputError as exc:
        raise InputError(f"{exc}; nothing was written") from None
    return written


def count_pages(root: Path, repositories: Iterable[str] | None = None) -> int:
    """How many pages a replay will read (for a progress bar)."""
    try:
        return archive.count_pages(root, repositories)
    except MiningInputError as exc:
        raise InputError(str(exc)) from None
