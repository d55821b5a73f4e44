"""The served round in the study database: its queue, a rater's codings, notes and unsure
flags, saving them, and closing the round.

Codings go into the `codings` table as sheet imports put them there (rater, round, code, the
item's note, `coded_at`, the codebook's content hash; the codebook's text in `codebooks`), so
`agree`, `disagreements`, `consensus` and `report` read them unchanged. A save holds the same
writer lock as a sheet import of that rater's round and checks, under it, that the round is
still open: it lands whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from coding.codebook import Codebook
from coding.sheets import nfc
from studykit.clock import now_iso
from studykit.db import Database, insert, schema, sqlite
from studykit.db.locks import serialise_writers
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

    def __post_init__(self) -> None:
        self.positions = {item: n for n, item in enumerate(self.items, start=1)}

    def required(self) -> list[str]:
        """The dimensions an item must have codes in to count as coded."""
        return [d.name for d in self.codebook.dimensions if d.required]


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
    served: Round, rater: str, item: str, dimension: str, codes: Iterable[str]
) -> list[str]:
    """Replace the rater's codes of one item and dimension; return the codes stored."""
    chosen = _valid_codes(served, item, dimension, codes)
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
                }
                for code in chosen
            ],
        )
    return chosen


def save_mark(
    served: Round, rater: str, item: str, *, note: str | None = None, unsure: bool | None = None
) -> Mark:
    """Set the rater's note and/or unsure flag on an item; the note goes on its codings too."""
    if item not in served.positions:
        raise InputError(f"item {item!r} is not in round {served.name}'s queue")
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
    return after


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
