"""The rate limit left per token, as workers last saw it: stored by fingerprint, never the token."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from mining.client import GitHubClient
from studykit.db import Database, records, schema, upsert


@dataclass(frozen=True)
class Budget:
    """A token's last seen rate limit: where it came from, which worker saw it, and when."""

    fingerprint: str
    resource: str
    source: str
    host: str
    remaining: int | None
    limit: int | None
    reset_at: str | None
    seen_at: str


def _stamp(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_budgets(
    db: Database, clients: Sequence[GitHubClient], source: str, host: str, now: float
) -> None:
    """Store what the clients' tokens have left (`source` names their environment variable)."""
    rows = {}
    for client in clients:
        for budget in client.budgets():
            rows[(budget.fingerprint, budget.resource)] = {
                "fingerprint": budget.fingerprint,
                "resource": budget.resource,
                "source": f"{source} #{budget.position}",
                "host": host,
                "remaining": budget.remaining,
                "limit": budget.limit,
                "reset_at": _stamp(budget.reset) if budget.reset else None,
                "seen_at": _stamp(now),
            }
    if rows:
        with db.begin() as conn:
            upsert(conn, schema.token_budgets, rows.values())


def budgets(db: Database) -> list[Budget]:
    """Every token's last seen budget, by fingerprint and resource."""
    return [
        Budget(
            fingerprint=str(row["fingerprint"]),
            resource=str(row["resource"]),
            source=str(row["source"]),
            host=str(row["host"]),
            remaining=None if row["remaining"] is None else int(row["remaining"]),
            limit=None if row["limit"] is None else int(row["limit"]),
            reset_at=row["reset_at"],
            seen_at=str(row["seen_at"]),
        )
        for row in records(db.read(schema.token_budgets))
    ]
