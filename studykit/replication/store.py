"""Store a prepared import: replace what the last import of the same file into the same target
stored, and record what this one stored (studykit.replication.records)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, and_, delete, select

from coding.codebook import Codebook
from studykit.clock import now_iso
from studykit.db import insert, records, schema, upsert
from studykit.labelling.codebooks import store_codebook
from studykit.replication.prepare import Prepared, target, target_dimensions
from studykit.replication.records import (
    Change,
    Previous,
    Unrecorded,
    compare,
    delete_labels,
    previous,
    record,
    unclaimed_items,
)

_BATCH = 500


def store(conn: Connection, prepared: Prepared, codebook: Codebook | None) -> list[str]:
    """Write a prepared import, replacing what the last import of the same file into the same
    target stored; return the items it no longer has (for `prune_items` once all are stored)."""
    source, into = prepared.table.source, target(prepared.spec)
    before = previous(conn, source, into)
    options = prepared.spec.model_dump(by_alias=True)
    if prepared.items is not None:
        counts, stored, gone = _store_items(conn, prepared, before)
    else:
        counts, stored, gone = _store_labels(conn, prepared, before, codebook)
    record(conn, source, into, options, counts, stored)
    return gone


_Written = tuple[dict[str, object], dict[str, list[Any]], list[str]]


def _store_items(conn: Connection, prepared: Prepared, before: Previous | None) -> _Written:
    """Upsert the items; (counts, what was stored, items the last import had and this lacks)."""
    assert prepared.items is not None
    rows = records(prepared.items.astype(object))
    ids = [str(r["id"]) for r in rows]
    old_ids = list(before.stored.get("items", [])) if before is not None else []
    prepared.change = compare(
        _item_rows(conn, old_ids),
        {str(r["id"]): _row(r) for r in rows},
        before.imported_at if before is not None else None,
    )
    upsert(conn, schema.items, rows)
    if before is None:
        kinds = sorted({str(k) for k in prepared.items["kind"].dropna()})
        stale = unclaimed_items(conn, kinds, ids)
        if stale:
            prepared.unrecorded = Unrecorded(items=tuple(stale), kinds=tuple(kinds))
    counts: dict[str, object] = {"items": len(ids), **_change_counts(prepared.change)}
    return counts, {"items": ids}, sorted(set(old_ids) - set(ids))


def _store_labels(
    conn: Connection, prepared: Prepared, before: Previous | None, codebook: Codebook | None
) -> _Written:
    """Replace the labels; (counts, what was stored, bare items no longer labelled here)."""
    labels = prepared.labels
    assert labels is not None
    new_codings = [
        [str(r.item_id), str(r.rater), str(r.dimension), str(r.round), str(r.code)]
        for r in labels.codings.itertuples()
    ]
    new_consensus = [
        [str(r.item_id), str(r.dimension), str(r.round), str(r.code)]
        for r in labels.consensus.itertuples()
    ]
    old = before.stored if before is not None else {}
    delete_labels(conn, old.get("codings", []), old.get("consensus", []))
    unrecorded: list[str] = []
    if before is None:
        unrecorded = _remove_unrecorded_labels(conn, prepared)
        if unrecorded:
            prepared.unrecorded = Unrecorded(labels=len(unrecorded))
    created_now = _ensure_items(conn, labels.items)
    prepared.new_items = len(created_now)
    dimensions = sorted(set(labels.codings["dimension"]) | set(labels.consensus["dimension"]))
    raters = sorted(set(labels.codings["rater"]))
    stamp = now_iso()
    for batch in _batches(labels.items):
        conn.execute(
            delete(schema.codings).where(
                and_(
                    schema.codings.c.item_id.in_(batch),
                    schema.codings.c.dimension.in_(dimensions),
                    schema.codings.c.round == prepared.spec.round,
                    schema.codings.c.rater.in_(raters),
                )
            )
        )
        if not labels.consensus.empty:
            conn.execute(
                delete(schema.consensus).where(
                    and_(
                        schema.consensus.c.item_id.in_(batch),
                        schema.consensus.c.dimension.in_(dimensions),
                    )
                )
            )
    hash_ = None
    if codebook is not None:
        store_codebook(conn, codebook)
        hash_ = codebook.content_hash
    insert(conn, schema.codings, records(labels.codings.assign(coded_at=stamp, codebook=hash_)))
    insert(
        conn,
        schema.consensus,
        records(labels.consensus.assign(method="imported", decided_at=stamp)),
    )
    prepared.change = compare(
        _by_item(old.get("codings", []), old.get("consensus", [])),
        _by_item(new_codings, new_consensus),
        before.imported_at if before is not None else None,
    )
    created_before = set(old.get("items", []))
    created = sorted((created_before & set(labels.items)) | set(created_now))
    counts: dict[str, object] = {
        "codings": len(new_codings),
        "consensus": len(new_consensus),
        "items": len(labels.items),
        "merged": [[d, c, dict(s)] for d, c, s in prepared.merges],
        "merged_across_files": [[d, c] for d, c in prepared.merged_across],
        "unmapped": len(prepared.unmapped),
        **_change_counts(prepared.change),
    }
    stored: dict[str, list[Any]] = {
        "items": created,
        "codings": new_codings,
        "consensus": new_consensus,
    }
    return counts, stored, sorted((created_before - set(labels.items)) | _bare(conn, unrecorded))


def _remove_unrecorded_labels(conn: Connection, prepared: Prepared) -> list[str]:
    """Delete the labels an import of this file made before imports were recorded (they name
    the file in their source; none if an import of labels of the file is recorded); return the
    items of those this import does not store again."""
    source, spec = prepared.table.source, prepared.spec
    t = schema.imports.c
    recorded = select(t.id).where(t.source == source, t.target != "items").limit(1)
    if conn.execute(recorded).first() is not None:
        return []
    dimensions = target_dimensions(spec)
    c, f = schema.codings, schema.consensus
    codings = and_(
        c.c.source.startswith(f"{source} row ", autoescape=True),
        c.c.round == spec.round,
        c.c.dimension.in_(dimensions),
    )
    consensus = and_(
        f.c.method == "imported",
        f.c.round == spec.round,
        f.c.rationale.startswith(f"imported from {source} row ", autoescape=True),
        f.c.dimension.in_(dimensions),
    )
    items = [*conn.execute(select(c.c.item_id).where(codings)).scalars()]
    items += conn.execute(select(f.c.item_id).where(consensus)).scalars()
    conn.execute(delete(c).where(codings))
    conn.execute(delete(f).where(consensus))
    assert prepared.labels is not None
    again = set(prepared.labels.items)
    return [i for i in items if i not in again]


def _bare(conn: Connection, ids: list[str]) -> set[str]:
    """The items among `ids` that hold nothing but their id (made for labels of a file)."""
    found: set[str] = set()
    t = schema.items.c
    for batch in _batches(sorted(set(ids))):
        found |= set(
            conn.execute(
                select(t.id).where(
                    t.id.in_(batch),
                    t.kind == "record",
                    t.title.is_(None),
                    t.text.is_(None),
                    t.link.is_(None),
                )
            ).scalars()
        )
    return found


def _change_counts(change: Change) -> dict[str, int]:
    return {"added": change.added, "changed": change.changed, "removed": change.removed}


def _by_item(codings: list[list[str]], consensus: list[list[str]]) -> dict[str, list[list[str]]]:
    """Each item's labels (rater labels, then final labels), to compare two imports."""
    found: dict[str, list[list[str]]] = {}
    for row in codings:
        found.setdefault(row[0], []).append(["rater", *row[1:]])
    for row in consensus:
        found.setdefault(row[0], []).append(["final", *row[1:]])
    return {k: sorted(v) for k, v in found.items()}


def _row(row: dict[str, object]) -> str:
    """An item row without its id, in one canonical text, to compare two imports."""
    return json.dumps(
        {k: _plain(v) for k, v in row.items() if k != "id"}, sort_keys=True, default=str
    )


def _plain(value: object) -> object:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return None if value != value else int(value) if value.is_integer() else value
    return value


def _item_rows(conn: Connection, ids: list[str]) -> dict[str, str]:
    """The stored rows of `ids` (those that still exist)."""
    found: dict[str, str] = {}
    for batch in _batches(ids):
        for row in conn.execute(select(schema.items).where(schema.items.c.id.in_(batch))):
            values = dict(row._mapping)
            found[str(values["id"])] = _row(values)
    return found


def _ensure_items(conn: Connection, ids: list[str]) -> list[str]:
    """Create a bare item for every id the study does not have yet; return their ids."""
    existing: set[str] = set()
    for batch in _batches(ids):
        existing |= set(
            conn.execute(select(schema.items.c.id).where(schema.items.c.id.in_(batch))).scalars()
        )
    missing = [i for i in ids if i not in existing]
    insert(conn, schema.items, [{"id": i, "kind": "record", "meta": {}} for i in missing])
    return missing


def _batches(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _BATCH):
        yield values[start : start + _BATCH]
