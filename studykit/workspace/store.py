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

from sqlalchemy import Connection, delete, func, select, update

from coding.codebook import Codebook
from coding.sheets import nfc
from studykit.clock import now_iso
from studykit.db import Database, insert, schema, sqlite
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
    progress: Progress = field(init=False)
    codebook_stored: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.positions = {item: n for n, item in enumerate(self.items, start=1)}
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
    m = schema.workspace_marks.c
    row = conn.execute(
        select(m.note, m.unsure).where(m.item_id == item, m.rater == rater, m.round == round)
    ).first()
    if row is not None:
        return Mark(row.note, bool(row.unsure))
    c = schema.codings.c
    note = conn.execute(
        select(c.note).where(c.rater == rater, c.round == round, c.item_id == item).limit(1)
    ).scalar()
    return Mark(note or "", False)


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
        served.progress.wrote(rater, item, complete)
    return chosen


def _replace_codes(
    served: Round, rater: str, item: str, dimension: str, chosen: list[str], visible: bool
) -> bool:
    """One transaction of save_codes; True if the item is now coded in every required dimension."""
    c = schema.codings.c
    with served.db.begin() as conn:
        _write_lock(conn, served.name, [rater])
        mark = my_mark(conn, rater, served.name, item)
        conn.execute(
            delete(schema.codings).where(
                c.rater == rater,
                c.round == served.name,
                c.item_id == item,
                c.dimension == dimension,
            )
        )
        stamp = now_iso()
        if not served.codebook_stored:
            store_codebook(conn, served.codebook)
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
                    "note": mark.note,
                    "source": SOURCE,
                    "codebook": served.codebook.content_hash,
                    "coded_at": stamp,
                    "suggestion_visible": visible,
                }
                for code in chosen
            ],
        )
        complete = set(served.required()) <= set(my_codes(conn, rater, served.name, item))
    served.codebook_stored = True
    return complete


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
    """One transaction of save_mark; with a changed note, whether the item is coded in full."""
    complete: bool | None = None
    with served.db.begin() as conn:
        _write_lock(conn, served.name, [rater])
        before = my_mark(conn, rater, served.name, item)
        after = Mark(
            before.note if note is None else nfc(note),
            before.unsure if unsure is None else unsure,
        )
        m = schema.workspace_marks.c
        conn.execute(
            delete(schema.workspace_marks).where(
                m.item_id == item, m.rater == rater, m.round == served.name
            )
        )
        insert(
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
        if after.note != before.note:
            c = schema.codings.c
            conn.execute(
                update(schema.codings)
                .where(c.rater == rater, c.round == served.name, c.item_id == item)
                .values(note=after.note)
            )
            complete = set(served.required()) <= set(my_codes(conn, rater, served.name, item))
    return after, complete


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


def _write_lock(conn: Connection, round: str, raters: Iterable[str]) -> None:
    """Take the writer lock of these raters' round, then refuse the write if it is closed."""
    _lock(conn, round, raters)
    if is_closed(conn, round):
        raise RoundClosed(f"round {round} is closed: the coordinator closed it to new codings")


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
