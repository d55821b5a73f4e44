"""What each `studykit import items|labels` stored (the `imports` table), so that importing the
same source into the same target again replaces it, and says what that changed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, delete, select

from studykit.clock import now_iso
from studykit.db import insert, schema

_BATCH = 500


@dataclass(frozen=True)
class Change:
    """Rows (items) an import added, changed and removed; `since`: the replaced import's time."""

    added: int
    changed: int
    removed: int
    since: str | None

    def describe(self) -> str:
        """One line for the import summary."""
        counts = f"{self.added} row(s) added, {self.changed} changed, {self.removed} removed"
        if self.since is None:
            return f"  {counts} (first import of this file)"
        return f"  {counts} since the import of this file at {self.since}, which this replaces"


@dataclass(frozen=True)
class Unrecorded:
    """What an import of a file made before studykit recorded imports (schema version 5) left:
    labels found by the file they name (removed), items that may be its (kept, counted)."""

    labels: int = 0
    items: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def describe(self) -> list[str]:
        """Lines for the import summary (none when nothing was found)."""
        lines = []
        if self.labels:
            lines.append(
                f"  {self.labels} label(s) an import of this file stored before studykit recorded "
                "imports, on item(s) no longer in it, were removed"
            )
        if self.items:
            kinds = ", ".join(repr(k) for k in self.kinds)
            lines.append(
                "  no earlier import of this file is recorded: if studykit imported it before it "
                "recorded imports (schema version 5), the items that import stored and this file "
                f"no longer has were kept: {len(self.items)} item(s) of kind {kinds} that no "
                f"recorded import stored and no sample holds (first: {self.items[0]!r}); to "
                "clear them, import the study's files into a new database"
            )
        return lines


@dataclass(frozen=True)
class Previous:
    """The latest import of a source into a target: when, and what it stored."""

    imported_at: str
    stored: dict[str, list]


def previous(conn: Connection, source: str, target: str) -> Previous | None:
    """The latest import of `source` into `target`, or None."""
    t = schema.imports
    row = conn.execute(
        select(t.c.imported_at, t.c.stored)
        .where(t.c.source == source, t.c.target == target)
        .order_by(t.c.id.desc())
        .limit(1)
    ).first()
    return Previous(row.imported_at, dict(row.stored)) if row is not None else None


def record(
    conn: Connection,
    source: str,
    target: str,
    options: Mapping[str, object],
    counts: Mapping[str, object],
    stored: Mapping[str, list],
) -> None:
    """Write one import's row: the file, the options it used, its counts, what it stored."""
    insert(
        conn,
        schema.imports,
        [
            {
                "source": source,
                "target": target,
                "options": dict(options),
                "counts": dict(counts),
                "stored": dict(stored),
                "imported_at": now_iso(),
            }
        ],
    )


def compare(before: Mapping[str, object], after: Mapping[str, object], since: str | None) -> Change:
    """Count the rows (by key) that `after` adds to, changes in and removes from `before`."""
    common = before.keys() & after.keys()
    return Change(
        len(after.keys() - before.keys()),
        sum(before[k] != after[k] for k in common),
        len(before.keys() - after.keys()),
        since,
    )


_LABEL_KEYS = (
    (schema.codings, ("item_id", "rater", "dimension", "round", "code")),
    (schema.consensus, ("item_id", "dimension", "round", "code")),
)
"""The columns that name one stored rater label and one final label, in the order stored."""


def delete_labels(conn: Connection, codings: list[list[str]], consensus: list[list[str]]) -> None:
    """Delete the rater labels and final labels an earlier import stored."""
    for (table, keys), rows in zip(_LABEL_KEYS, (codings, consensus), strict=True):
        if rows:
            conn.execute(
                delete(table).where(*(table.c[k] == bindparam(f"k_{k}") for k in keys)),
                [{f"k_{k}": v for k, v in zip(keys, row, strict=True)} for row in rows],
            )


def prune_items(conn: Connection, candidates: Iterable[str]) -> list[str]:
    """Delete the candidate items nothing refers to any more; return those kept (they have
    labels, are in a sample, or the latest import of another file stored them)."""
    wanted = sorted(set(candidates))
    if not wanted:
        return []
    used: set[str] = set()
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start : start + _BATCH]
        for column in (
            schema.codings.c.item_id,
            schema.consensus.c.item_id,
            schema.sample_items.c.item_id,
        ):
            used |= set(conn.execute(select(column).where(column.in_(batch))).scalars())
    used |= _claimed(conn)
    gone = [i for i in wanted if i not in used]
    for start in range(0, len(gone), _BATCH):
        conn.execute(
            delete(schema.items).where(schema.items.c.id.in_(gone[start : start + _BATCH]))
        )
    return [i for i in wanted if i in used]


def unclaimed_items(conn: Connection, kinds: Iterable[str], leave: Iterable[str]) -> list[str]:
    """Items of `kinds` that no recorded import stored, no sample holds and `leave` lacks."""
    kept = set(leave) | _claimed(conn)
    kept |= set(conn.execute(select(schema.sample_items.c.item_id)).scalars())
    found = conn.execute(
        select(schema.items.c.id).where(schema.items.c.kind.in_(sorted(set(kinds))))
    ).scalars()
    return sorted(i for i in found if i not in kept)


def _claimed(conn: Connection) -> set[str]:
    """Items the latest import of each source and target stored."""
    t = schema.imports
    latest: dict[tuple[str, str], dict[str, list]] = {}
    for row in conn.execute(select(t.c.source, t.c.target, t.c.stored).order_by(t.c.id)):
        latest[(row.source, row.target)] = dict(row.stored)
    return {i for stored in latest.values() for i in stored.get("items", [])}
