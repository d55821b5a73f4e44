"""Large repositories as range jobs: planned at enqueue time, a follow-up job when all are done.

`plan` probes a repository's `since`-walked listings not mined yet (mining.ranges) and, for
those above the threshold, stores the ranges' first checkpoints and a `ranges` marker; one job
per range is queued. When a range job ends, `after_range` checks under an advisory lock on the
repository whether every range is done and, the first time they are, queues the one follow-up
job, which `merge` starts by turning the range checkpoints into the ordinary ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, delete, select, text

from mining import ranges
from mining.client import GitHubClient
from mining.sink import State
from studykit.clock import now_iso
from studykit.db import Database, schema, upsert
from studykit.workers import queue

MARKER = "ranges"
"""The state key that says a repository is mined in ranges, and whether its follow-up is queued."""
FOLLOW_UP = "follow-up"
_REPOSITORY_LOCK = 7_100_003


@dataclass
class Plan:
    """The jobs of one repository and the requests its probing cost."""

    jobs: list[queue.MiningJob]
    requests: int = 0
    pages: dict[str, int] = field(default_factory=dict)


def plan(
    db: Database,
    job: queue.MiningJob,
    *,
    client: GitHubClient | None,
    split_above: int,
) -> Plan:
    """The jobs that mine a repository: its unfinished ranges or follow-up if it is mined in
    ranges already, new ranges for listings above `split_above` pages on its first mining
    (REST only; needs `client`), else the one job of the whole repository."""
    with db.begin() as conn:
        state = _state(conn, job.repository)
    if MARKER in state:
        if state[MARKER].get("follow_up") or not ranges.unfinished(state):
            return Plan([replace(job, part=FOLLOW_UP)])
        return Plan([replace(job, part=key) for key in ranges.unfinished(state)])
    if split_above <= 0 or job.api != "rest" or client is None:
        return Plan([job])
    listings = ["issues", "comments"] + (["review_comments"] if job.review_comments else [])
    result = Plan([])
    states: dict[str, State] = {}
    for listing in listings:
        if listing in state:
            continue
        split = ranges.probe(client, job.repository, listing, split_above)
        result.requests += split.requests
        result.pages[listing] = split.pages
        if split.bounds:
            states |= ranges.range_states(listing, split.bounds)
    if not states:
        result.jobs = [job]
        return result
    with db.begin() as conn:
        _put(conn, job.repository, {**states, MARKER: {"follow_up": False}})
    result.jobs = [replace(job, part=key) for key in ranges.range_keys(states)]
    return result


def after_range(db: Database, job: queue.MiningJob) -> bool:
    """Queue the repository's follow-up job if this range job was the last to finish; True if
    it did. Under an advisory lock on the repository, so two last jobs queue it once."""
    with db.begin() as conn:
        conn.execute(
            text("SELECT pg_advisory_xact_lock(:key, hashtext(:repository))"),
            {"key": _REPOSITORY_LOCK, "repository": job.repository},
        )
        state = _state(conn, job.repository)
        if MARKER not in state or state[MARKER].get("follow_up") or ranges.unfinished(state):
            return False
        queue.enqueue(db, [replace(job, part=FOLLOW_UP)])
        _put(conn, job.repository, {MARKER: {"follow_up": True}})
    return True


def merge(db: Database, repository: str) -> dict[str, State]:
    """Replace a repository's range checkpoints by the ordinary ones once all its ranges are
    done; return the new checkpoints (none if it has no ranges, or unfinished ones)."""
    with db.begin() as conn:
        conn.execute(
            text("SELECT pg_advisory_xact_lock(:key, hashtext(:repository))"),
            {"key": _REPOSITORY_LOCK, "repository": repository},
        )
        state = _state(conn, repository)
        if MARKER not in state or ranges.unfinished(state):
            return {}
        merged = ranges.merged(state)
        _put(conn, repository, merged)
        column = schema.mining_state.c
        doomed = [*ranges.dropped_keys(state), MARKER]
        conn.execute(
            delete(schema.mining_state).where(
                column.repository == repository, column.resource.in_(doomed)
            )
        )
    return merged


def range_progress(db: Database) -> dict[str, dict[str, Any]]:
    """Per repository mined in ranges: its ranges' done flags and whether the follow-up is
    queued (for `mine --status`)."""
    column = schema.mining_state.c
    with db.begin() as conn:
        found = conn.execute(
            select(column.repository, column.resource, column.state).where(
                column.resource.contains("@") | (column.resource == MARKER)
            )
        ).all()
    per: dict[str, dict[str, State]] = {}
    for repository, resource, state in found:
        per.setdefault(repository, {})[resource] = dict(state)
    return {
        repository: {
            "ranges": {k: bool(state[k].get("done")) for k in ranges.range_keys(state)},
            "follow_up": bool(state.get(MARKER, {}).get("follow_up")),
        }
        for repository, state in per.items()
        if MARKER in state
    }


def _state(conn: Connection, repository: str) -> dict[str, State]:
    column = schema.mining_state.c
    rows = conn.execute(
        select(column.resource, column.state).where(column.repository == repository)
    ).all()
    return {resource: dict(state) for resource, state in rows}


def _put(conn: Connection, repository: str, states: Mapping[str, State]) -> None:
    stamp = now_iso()
    upsert(
        conn,
        schema.mining_state,
        [
            {"repository": repository, "resource": key, "state": state, "updated_at": stamp}
            for key, state in states.items()
        ],
    )
