"""The miner's sink over the study database: a page's rows and checkpoints in one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Table, select

from mining.sink import State
from studykit.clock import now_iso
from studykit.db import Database, schema, table_named, upsert


class DatabaseSink:
    """Stores mined rows and the `mining_state` checkpoints of the study database together."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def load_state(self, repository: str) -> dict[str, State]:
        """Every checkpoint of a repository, by resource key."""
        table = schema.mining_state
        with self.db.begin() as conn:
            rows = conn.execute(
                select(table.c.resource, table.c.state).where(table.c.repository == repository)
            ).all()
        return {resource: dict(state) for resource, state in rows}

    def store(
        self,
        repository: str,
        table: str | None,
        rows: Sequence[Mapping[str, Any]],
        states: Mapping[str, State],
    ) -> None:
        """Upsert rows and replace checkpoints in one transaction."""
        stamp = now_iso()
        with self.db.begin() as conn:
            if table is not None and rows:
                upsert(conn, table_named(table), last_per_key(table_named(table), rows))
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
        tbl = table_named(table)
        query = select(tbl).where(tbl.c.repository == repository)
        with self.db.begin() as conn:
            rows = conn.execute(query.order_by(*tbl.primary_key.columns)).mappings().all()
        return pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in tbl.columns])


def last_per_key(table: Table, rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The rows with one per primary key, the last one given (as an upsert would leave it)."""
    keys = [c.name for c in table.primary_key.columns]
    return list({tuple(row[k] for k in keys): row for row in rows}.values())
