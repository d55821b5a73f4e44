"""Large repositories as range jobs: planned at enqueue time, a follow-up job when all are done.

`plan` probes a repository's `since`-walked listings not mined yet (mining.ranges) and, for
those above the threshold, stores the ranges' first checkpoints and a `ranges` marker; one job
per range is queued. When a range job ends, `after_range` checks under an advisory lock on the
repository whether every range is done and, the first time they are, queues the one follow-up
job, which `merge` starts by turning the range checkpoints into the ordinary ones.

Timeline chunks: `merge` leaves a `timeline-chunks` marker with the threshold; after the
follow-up's other passes, `chunk_timelines` cuts the timelines still to fetch into chunks of at
most `split_above` issues (mining.ranges) and queues one job each, if there are more than
`split_above`; else the follow-up fetches them itself. When a chunk job ends, `after_chunk`
drops the chunk keys and the marker once every chunk is done (the per-issue `timeline/<n>`
checkpoints stay: the next run is incremental; the chunks' archive sub-folders stay, outside
what the next run numbers and prunes, which is the timeline folder's own pages).
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
CHUNK_PREFIX = "timeline@"
"""How a timeline chunk job's part begins (`timeline@2`)."""
TIMELINES = "timeline-chunks"
"""The state key that says a repository's timelines may be (or are) fetched in chunks."""
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
    (REST only; needs `client`), else the one job of the whole repository.

    Unfinished ranges, timeline chunks and the follow-up stay REST jobs whatever API the study
    now names: their checkpoints are REST walks, which the follow-up merges and goes on from.
    """
    with db.begin() as conn:
        state = _state(conn, job.repository)
    rest = replace(job, api="rest")
    if MARKER in state:
        if state[MARKER].get("follow_up") or not ranges.unfinished(state):
            return Plan([replace(rest, part=FOLLOW_UP)])
        return Plan([replace(rest, part=key) for key in ranges.unfinished(state)])
    if TIMELINES in state:
        if ranges.unfinished_chunks(state):
            return Plan([replace(rest, part=key) for key in ranges.unfinished_chunks(state)])
        return Plan([replace(rest, part=FOLLOW_UP)])
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
        marker = {"follow_up": False, "split_above": split_above}
        _put(conn, job.repository, {**states, MARKER: marker})
    result.jobs = [replace(job, part=key) for key in ranges.range_keys(states)]
    return result


def after_range(db: Database, job: queue.MiningJob) -> bool:
    """Queue the repository's follow-up job if this range job was the last to finish; True if
    it did. Under an advisory lock on the repository, so two last jobs queue it once."""
    with db.begin() as conn:
        _lock(conn, job.repository)
        state = _state(conn, job.repository)
        if MARKER not in state or state[MARKER].get("follow_up") or ranges.unfinished(state):
            return False
        queue.enqueue(db, [replace(job, part=FOLLOW_UP)])
        _put(conn, job.repository, {MARKER: {**state[MARKER], "follow_up": True}})
    return True


def merge(db: Database, repository: str) -> dict[str, State]:
    """Replace a repository's range checkpoints by the ordinary ones once all its ranges are
    done; return the new checkpoints (none if it has no ranges, or unfinished ones)."""
    with db.begin() as conn:
        _lock(conn, repository)
        state = _state(conn, repository)
        if MARKER not in state or ranges.unfinished(state):
            return {}
        merged = ranges.merged(state)
        split_above = int(state[MARKER].get("split_above") or 0)
        chunking = {TIMELINES: {"split_above": split_above}} if split_above > 0 else {}
        _put(conn, repository, {**merged, **chunking})
        _drop(conn, repository, [*ranges.dropped_keys(state), MARKER])
    return merged


def chunk_timelines(
    db: Database, job: queue.MiningJob, pending: list[tuple[int, str]]
) -> list[queue.MiningJob] | None:
    """Queue a follow-up's timeline chunks: the planned ones not done yet, else chunks of the
    `pending` (number, updated_at) timelines if they are more than the threshold; the jobs
    queued, or None if the follow-up fetches the timelines itself (no marker, few enough, or
    every chunk done already: then their keys are dropped, as `after_chunk` would have)."""
    with db.begin() as conn:
        _lock(conn, job.repository)
        state = _state(conn, job.repository)
        if TIMELINES not in state:
            return None
        if ranges.chunk_keys(state) and not ranges.unfinished_chunks(state):
            _drop(conn, job.repository, [*ranges.chunk_dropped_keys(state), TIMELINES])
            return None
        if not ranges.chunk_keys(state):
            states = ranges.chunk_states(pending, int(state[TIMELINES]["split_above"]))
            if not states:
                _drop(conn, job.repository, [TIMELINES])
                return None
            _put(conn, job.repository, states)
            state |= states
    chunks = [replace(job, part=key) for key in ranges.unfinished_chunks(state)]
    queue.enqueue(db, chunks)
    return chunks


def after_chunk(db: Database, job: queue.MiningJob) -> bool:
    """Drop a repository's chunk keys and marker if this chunk job was the last to finish;
    True if it did (under the repository's advisory lock)."""
    with db.begin() as conn:
        _lock(conn, job.repository)
        state = _state(conn, job.repository)
        if not ranges.chunk_keys(state) or ranges.unfinished_chunks(state):
            return False
        _drop(conn, job.repository, [*ranges.chunk_dropped_keys(state), TIMELINES])
    return True


def range_progress(db: Database) -> dict[str, dict[str, Any]]:
    """Per repository mined in ranges: its ranges' done flags and whether the follow-up is
    queued (for `mine --status`)."""
    column = schema.mining_state.c
    with db.begin() as conn:
        found = conn.execute(
            select(column.repository, column.resource, column.state).where(
                column.resource.contains("@") | column.resource.in_([MARKER, TIMELINES])
            )
        ).all()
    per: dict[str, dict[str, State]] = {}
    for repository, resource, state in found:
        per.setdefault(repository, {})[resource] = dict(state)
    return {
        repository: {
            "ranges": {k: bool(state[k].get("done")) for k in ranges.range_keys(state)},
            "follow_up": bool(state.get(MARKER, {}).get("follow_up")),
            "chunks": {k: bool(state[k].get("done")) for k in ranges.chunk_keys(state)},
        }
        for repository, state in per.items()
        if MARKER in state or ranges.chunk_keys(state)
    }


def _lock(conn: Connection, repository: str) -> None:
    conn.execute(
        text("SELECT pg_advisory_xact_lock(:key, hashtext(:repository))"),
        {"key": _REPOSITORY_LOCK, "repository": repository},
    )


def _drop(conn: Connection, repository: str, keys: list[str]) -> None:
    column = schema.mining_state.c
    conn.execute(
        delete(schema.mining_state).where(
            column.repository == repository, column.resource.in_(keys)
        )
    )


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
