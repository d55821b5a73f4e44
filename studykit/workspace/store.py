"""The served round in the study database: its queue, a rater's codings, notes and unsure
flags, saving them, and closing the round.

Codings go into the `codings` table as sheet imports put them there (rater, round, code, the
item's note, `coded_at`, the codebook's content hash; the codebook's text in `codebooks`), so
`agree`, `disagreements`, `consensus` and `report` read them unchanged. A save holds the same
writer lock as a sheet import of that rater's round and checks, under it, that the round is
still open: it lands whole or not at all.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    Text,
    and_,
    bindparam,
    delete,
    func,
    literal,
    select,
    update,
)

from coding.codebook import Codebook
from coding.sheets import nfc
from studykit.clock import now_iso
from studykit.db import Database, insert, schema, sqlite, upsert
from studykit.db.locks import serialise_writers
from studykit.db.versions import VERSION_KEY
from studykit.errors import InputError
from studykit.labelling.codebooks import store_codebook
from studykit.workspace.context import Mirrors

SOURCE = "workspace"
"""The `source` of codings saved in the workspace (sheet imports name their file)."""


class RoundClosed(InputError):
    """A write into a round the coordinator has closed."""


@dataclass(frozen=True)
class Mark:
    """A rater's note and unsure flag on one item."""

    note: str = ""
    unsure: bool = False


@dataclass
class Round:
    """The round the workspace serves: its items in queue order and the codebook they take."""

    db: Database
    name: str
    codebook: Codebook
    items: list[str]
    mirrors: Mirrors | None = None
    positions: dict[str, int] = field(init=False)
    required_set: frozenset[str] = field(init=False)
    progress: Progress = field(init=False)
    codebook_stored: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.positions = {item: n for n, item in enumerate(self.items, start=1)}
        self.required_set = frozenset(self.required())
        self.progress = Progress(self.name, self.required())

    def required(self) -> list[str]:
        """The dimensions an item must have codes in to count as coded."""
        return [d.name for d in self.codebook.dimensions if d.required]


class Progress:
    """Per rater, the items coded in every required dimension of the round, held in memory.

    Read from the database once, then kept up to date by this server's own saves. Every
    transaction that writes `codings` adds one to its data version: a version this server's
    finished and running writes do not explain (a sheet import, another server) means someone
    else wrote, and the sets are read again. (Rare blind spot: another writer's transaction
    that commits while the sets are read again and one of this server's saves is under way
    counts as that save, and shows once the sets are read again: after the next such write or a
    restart.)
    """

    def __init__(self, round: str, required: list[str]) -> None:
        self._round, self._required = round, required
        self._lock = threading.Lock()
        self._coded: dict[str, set[str]] = {}
        self._base: int | None = None
        self._own = 0
        self._running = 0

    def coded(self, conn: Connection, rater: str) -> set[str]:
        """The items the rater has coded (a copy)."""
        return set(self._known(conn, rater))

    def count(self, conn: Connection, rater: str) -> int:
        """How many items the rater has coded."""
        return len(self._known(conn, rater))

    def _known(self, conn: Connection, rater: str) -> set[str]:
        version = codings_version(conn)
        with self._lock:
            # a transaction that began before this server's last writes sees an older version
            if self._base is None or version > self._base + self._own + self._running:
                self._coded.clear()
                self._base, self._own = version, 0
            if rater not in self._coded:
                self._coded[rater] = coded_items(conn, rater, self._round, self._required)
            return self._coded[rater]

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Around a transaction of this server that may write `codings`."""
        with self._lock:
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1

    def wrote(self, rater: str, item: str, complete: bool) -> None:
        """Count a committed write of this server to `codings`: the rater's item is (not) coded."""
        with self._lock:
            self._own += 1
            known = self._coded.get(rater)
            if known is not None:
                (known.add if complete else known.discard)(item)


def codings_version(conn: Connection) -> int:
    """The data version of the `codings` table (0 before its first write)."""
    value = conn.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == f"{VERSION_KEY}codings")
    ).scalar()
    return int(value) if value is not None else 0


def queue_items(db: Database, *, kind: str | None, sample: str = "main") -> list[str]:
    """The ids of the items to code, in id order: the sample's, or all items of `kind`."""
    items = schema.items.c
    if kind is None:
        query = (
            select(items.id)
            .join(schema.sample_items, schema.sample_items.c.item_id == items.id)
            .join(schema.samples, schema.samples.c.id == schema.sample_items.c.sample_id)
            .where(schema.samples.c.name == sample)
        )
    else:
        query = select(items.id).where(items.kind == kind)
    with db.begin() as conn:
        return [row[0] for row in conn.execute(query.order_by(items.id))]


def item_row(conn: Connection, item: str) -> dict[str, Any]:
    """The stored item."""
    row = conn.execute(select(schema.items).where(schema.items.c.id == item)).mappings().one()
    return dict(row)


def my_codes(conn: Connection, rater: str, round: str, item: str) -> dict[str, list[str]]:
    """The codes one rater gave one item in the round, per dimension (only theirs)."""
    c = schema.codings.c
    rows = conn.execute(
        select(c.dimension, c.code)
        .where(c.rater == rater, c.round == round, c.item_id == item)
        .order_by(c.id)
    )
    codes: dict[str, list[str]] = {}
    for dimension, code in rows:
        codes.setdefault(dimension, []).append(code)
    return codes


def my_mark(conn: Connection, rater: str, round: str, item: str) -> Mark:
    """The rater's note and unsure flag on an item (a sheet's note when none was typed here)."""
    return item_state(conn, rater, round, item).mark


def coded_items(conn: Connection, rater: str, round: str, required: list[str]) -> set[str]:
    """The items the rater has given codes in every required dimension of the round."""
    c = schema.codings.c
    rows = conn.execute(
        select(c.item_id)
        .where(c.rater == rater, c.round == round, c.dimension.in_(required))
        .group_by(c.item_id)
        .having(func.count(func.distinct(c.dimension)) == len(required))
    )
    return {row[0] for row in rows}


def marks(conn: Connection, rater: str, round: str) -> dict[str, Mark]:
    """Every note and unsure flag the rater set in the workspace in the round."""
    m = schema.workspace_marks.c
    rows = conn.execute(
        select(m.item_id, m.note, m.unsure).where(m.rater == rater, m.round == round)
    )
    return {row.item_id: Mark(row.note, bool(row.unsure)) for row in rows}


def coded_in(conn: Connection, rater: str, round: str) -> bool:
    """True if the rater has any codings in the round (in the workspace or from a sheet)."""
    c = schema.codings.c
    found = select(c.id).where(c.rater == rater, c.round == round).limit(1)
    return conn.execute(found).first() is not None


def is_closed(conn: Connection, round: str) -> bool:
    """True once the coordinator has closed the round."""
    r = schema.workspace_rounds.c
    return conn.execute(select(r.round).where(r.round == round)).first() is not None


def save_codes(
    served: Round,
    rater: str,
    item: str,
    dimension: str,
    codes: Iterable[str],
    suggestion_visible: bool = False,
) -> list[str]:
    """Replace the rater's codes of one item and dimension; return the codes stored."""
    chosen = _valid_codes(served, item, dimension, codes)
    with served.progress.writing():
        complete = _replace_codes(served, rater, item, dimension, chosen, suggestion_visible)
        if complete is not None:
            served.progress.wrote(rater, item, complete)
    return chosen


def _replace_codes(
    served: Round, rater: str, item: str, dimension: str, chosen: list[str], visible: bool
) -> bool | None:
    """One transaction of save_codes: whether the item is now coded in every required
    dimension, or None if nothing was written (no codes before, none now).

    Statements: the writer lock; one read of the round's state and the rater's item
    (`_open_item`); a DELETE only if the rater had codes in the dimension; an INSERT of the
    chosen codes; the data version of `codings` (Database.begin). Completeness follows from
    what was read, since the lock keeps every other writer of the rater's codings out.
    """
    c = schema.codings.c
    stored_codebook = False
    with served.db.begin() as conn:
        state = _open_item(conn, served.name, rater, item)
        had = dimension in state.dimensions
        if not had and not chosen:
            return None
        if had:
            conn.execute(
                delete(schema.codings).where(
                    c.rater == rater,
                    c.round == served.name,
                    c.item_id == item,
                    c.dimension == dimension,
                )
            )
        if chosen and not served.codebook_stored:
            store_codebook(conn, served.codebook)
            stored_codebook = True
        stamp = now_iso()
        insert(
            conn,
            schema.codings,
            [
                {
                    "item_id": item,
                    "rater": rater,
                    "round": served.name,
                    "dimension": dimension,
                    "code": code,
                    "note": state.mark.note,
                    "source": SOURCE,
                    "codebook": served.codebook.content_hash,
                    "coded_at": stamp,
                    "suggestion_visible": visible,
                }
                for code in chosen
            ],
        )
    if stored_codebook:
        served.codebook_stored = True
    coded = state.dimensions - {dimension} | ({dimension} if chosen else set())
    return served.required_set <= coded


def save_mark(
    served: Round, rater: str, item: str, *, note: str | None = None, unsure: bool | None = None
) -> Mark:
    """Set the rater's note and/or unsure flag on an item; the note goes on its codings too."""
    if item not in served.positions:
        raise InputError(f"item {item!r} is not in round {served.name}'s queue")
    with served.progress.writing():
        after, renoted_complete = _replace_mark(served, rater, item, note, unsure)
        if renoted_complete is not None:
            served.progress.wrote(rater, item, renoted_complete)
    return after


def _replace_mark(
    served: Round, rater: str, item: str, note: str | None, unsure: bool | None
) -> tuple[Mark, bool | None]:
    """One transaction of save_mark; with the note copied onto the rater's codings of the
    item, whether the item is coded in every required dimension (else None: `codings` as was).

    Statements: the writer lock; the read of `_open_item`; an upsert of the mark; an UPDATE of
    the codings' note only if the note changed and the rater has codes on the item; the data
    versions (Database.begin).
    """
    with served.db.begin() as conn:
        state = _open_item(conn, served.name, rater, item)
        before = state.mark
        after = Mark(
            before.note if note is None else nfc(note),
            before.unsure if unsure is None else unsure,
        )
        upsert(
            conn,
            schema.workspace_marks,
            [
                {
                    "item_id": item,
                    "rater": rater,
                    "round": served.name,
                    "note": after.note,
                    "unsure": after.unsure,
                    "updated_at": now_iso(),
                }
            ],
        )
        if after.note == before.note or not state.dimensions:
            return after, None
        c = schema.codings.c
        conn.execute(
            update(schema.codings)
            .where(c.rater == rater, c.round == served.name, c.item_id == item)
            .values(note=after.note)
        )
    return after, served.required_set <= state.dimensions


def close_round(served: Round, raters: list[str], by: str) -> bool:
    """Close the round to writes; False if it was closed already."""
    with served.db.begin() as conn:
        _lock(conn, served.name, raters)
        if is_closed(conn, served.name):
            return False
        insert(
            conn,
            schema.workspace_rounds,
            [{"round": served.name, "closed_at": now_iso(), "closed_by": by}],
        )
    return True


@dataclass(frozen=True)
class ItemState:
    """What a write needs to know of the round and of one rater's item, read in one query."""

    closed: bool
    mark: Mark
    dimensions: frozenset[str]
    """The dimensions the rater has codes in."""


def _open_item(conn: Connection, round: str, rater: str, item: str) -> ItemState:
    """Take the writer lock of the rater's round, then read the item's state; refuse a closed
    round. The read comes after the lock, in its own statement: on PostgreSQL a statement's
    snapshot is taken when it starts, so a close that commits while the lock is awaited is seen.
    """
    _lock(conn, round, [rater])
    state = item_state(conn, rater, round, item)
    if state.closed:
        raise RoundClosed(f"round {round} is closed: the coordinator closed it to new codings")
    return state


def item_state(conn: Connection, rater: str, round: str, item: str) -> ItemState:
    """Whether the round is closed, the rater's mark (a sheet's note when none was typed here)
    and the dimensions they coded on the item: one statement, a row per coding of theirs."""
    rows = conn.execute(_ITEM_STATE, {"rater": rater, "round": round, "item": item}).all()
    first = rows[0]
    if first.unsure is not None:
        mark = Mark(first.mark_note, bool(first.unsure))
    else:
        mark = Mark(next((row.coding_note for row in rows if row.coding_note), ""), False)
    dimensions = frozenset(row.dimension for row in rows if row.dimension is not None)
    return ItemState(bool(first.closed), mark, dimensions)


def _item_state_query() -> Select[Any]:
    """The statement of item_state (built once: a save runs it on every keystroke)."""
    r, m, c = schema.workspace_rounds.c, schema.workspace_marks, schema.codings
    rater, round, item = (bindparam(name, type_=Text) for name in ("rater", "round", "item"))
    one = select(literal(1).label("one")).subquery()
    return select(
        select(r.round).where(r.round == round).exists().label("closed"),
        m.c.note.label("mark_note"),
        m.c.unsure,
        c.c.dimension,
        c.c.note.label("coding_note"),
    ).select_from(
        one.outerjoin(
            m, and_(m.c.item_id == item, m.c.rater == rater, m.c.round == round)
        ).outerjoin(c, and_(c.c.rater == rater, c.c.round == round, c.c.item_id == item))
    )


_ITEM_STATE = _item_state_query()


def _lock(conn: Connection, round: str, raters: Iterable[str]) -> None:
    """The writer lock of these raters' round, as sheet imports take it.

    On PostgreSQL the advisory locks sheet imports take; on SQLite the database's write lock
    (its integrity is checked once when the server starts, not on every keystroke's save).
    """
    if conn.dialect.name == "sqlite":
        sqlite.take_write_lock(conn)
    else:
        serialise_writers(conn, *(f"codings:{r}:{round}" for r in raters))


def _valid_codes(served: Round, item: str, dimension: str, codes: Iterable[str]) -> list[str]:
    """The codes, checked against the queue and the codebook, in the codebook's order."""
    if item not in served.positions:
        raise InputError(f"item {item!r} is not in round {served.name}'s queue")
    if dimension not in served.codebook.names():
        raise InputError(f"no dimension {dimension!r} in the codebook {served.codebook.name!r}")
    dim = served.codebook.dimension(dimension)
    wanted = {nfc(str(code)) for code in codes}
    unknown = sorted(wanted - set(dim.names()))
    if unknown:
        raise InputError(f"{dimension}: {', '.join(map(repr, unknown))} not in the codebook")
    if len(wanted) > 1 and not dim.multi_label:
        raise InputError(f"{dimension} takes one code, not {len(wanted)}")
    return [code for code in dim.names() if code in wanted]
