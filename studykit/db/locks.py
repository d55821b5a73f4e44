"""Writers that must not overlap: one transaction at a time per key (e.g. a rater's round)."""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, text

from studykit.db import sqlite
from studykit.db.engine import check_integrity


def serialise_writers(conn: Connection, *keys: str) -> None:
    """Hold off other writers of the same keys until this transaction ends; refuse damage.

    Call it first in the transaction, before it reads anything. PostgreSQL: a
    transaction-level advisory lock per key, taken in sorted order so that two writers never
    deadlock. SQLite, which has one writer at a time anyway: the write lock, taken now so that
    the transaction waits for another writer instead of failing on what it read before; then
    the database's quick_check.
    """
    if conn.dialect.name == "postgresql":
        for key in sorted(set(keys)):
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_number(key)})
    elif conn.dialect.name == "sqlite":
        sqlite.take_write_lock(conn)
        check_integrity(conn)


def codings_key(rater: str, round: str) -> str:
    """The key of a rater's codings of a round (sheets, imported labels, QDA projects)."""
    return f"codings:{rater}:{round}"


def consensus_key(dimension: str) -> str:
    """The key of a dimension's consensus labels (`consensus`, imported final labels)."""
    return f"consensus:{dimension}"


def lock_number(key: str) -> int:
    """The 64-bit advisory lock number of a key, the same in every process."""
    digest = hashlib.blake2b(f"studykit:{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
