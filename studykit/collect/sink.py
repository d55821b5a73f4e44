"""The miner's sink over the study database: a page's rows and checkpoints in one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Table

from mining.sink import State
from studykit.clock import now_iso
from studykit.db import Database, schema, table_named, upsert
from studykit.db.reads import mining_state, repository_rows

Rows = Sequence[Mapping[str, Any]]
States = Mapping[str, State]


class DatabaseSink:
    """Stores mined rows and the `mining_state` checkpoints of the study database together."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def load_state(self, repository: str) -> dict[str, State]:
        """Every checkpoint of a repository, by resource key."""
        return mining_state(self.db, repository)

    def store(self, repository: str, table: str | None, rows: Rows, states: States) -> None:
        """Upsert rows and replace checkpoints in one transaction."""
        stamp = now_iso()
        with self.db.begin() as conn:
            if table is not None and rows:
                store_rows(conn, table_named(table), rows)
            upsert(
                conn,
                schema.mining_state,
                [
                    {"repository": repository, "resource": key, "state": state, "updated_at": stamp}
                    for key, state in states.items()
                ],
            )

    def read(self, table: str, repository: str) -> pd.DataFrame:
        """The rows of a table that belong to one repository, ordered by primary key."""
        return repository_rows(self.db, table, repository)


def store_rows(conn: Connection, table: Table, rows: Rows) -> int:
    """Upsert mined rows; where the table has `updated_at`, a stored newer version is kept.

    Jobs mining ranges of one repository at once may store an item's older version after
    another job stored its newer one; a one-process walk always stores the newer one later,
    for which this changes nothing.
    """
    newer = "updated_at" if "updated_at" in table.c else None
    return upsert(conn, table, last_per_key(table, rows), newer=newer)


def last_per_key(table: Table, rows: Rows) -> list[Mapping[str, Any]]:
    """The rows with one per primary key, the last one given (as an upsert would leave it),
    in key order: concurrent jobs upserting overlapping rows then lock them in one order, so
    PostgreSQL never finds them waiting on each other (a deadlock)."""
    keys = [c.name for c in table.primary_key.columns]
    last = {tuple(row[k] for k in keys): row for row in rows}
    return [last[key] for key in sorted(last)]
