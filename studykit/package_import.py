"""`studykit import items|labels`: another team's tables into the study database, no code per
dataset. Each import reads and checks its whole file first, then writes in one transaction
(re-importing replaces what the same file stored); `import_package` runs the manifest's
[[imports]] in order, all in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, and_, delete, select

from coding.codebook import Codebook
from coding.errors import CodingInputError
from coding.item_import import table_items
from coding.label_import import ImportedLabels, LabelSpec, table_labels
from coding.label_map import LabelCoder, load_label_map
from coding.tables import Table, read_table
from studykit.clock import now_iso
from studykit.coding_runs import store_codebook
from studykit.db import insert, records, schema, upsert
from studykit.errors import InputError, StudykitError
from studykit.manifest_imports import ImportSpec
from studykit.study import Study

_BATCH = 500


@dataclass
class Prepared:
    """A file read and parsed, ready to store: what it holds and what was noticed on the way."""

    spec: ImportSpec
    table: Table
    taken: list[tuple[str, str]]
    items: pd.DataFrame | None = None
    labels: ImportedLabels | None = None
    unmapped: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    new_items: int = 0

    def describe(self) -> list[str]:
        """Lines for the terminal: the file, what was detected, the columns taken, the counts."""
        lines = [f"{self.table.source}: {', '.join(self.table.notes) or 'read'}"]
        lines += [f"  {role}: took column {self.table.label(col)}" for role, col in self.taken]
        if self.items is not None:
            lines.append(f"  {len(self.items)} items")
        if self.labels is not None:
            codings, final = self.labels.codings, self.labels.consensus
            raters = ", ".join(sorted(codings["rater"].unique())) or "none"
            lines.append(
                f"  round {self.spec.round}: {len(codings)} rater labels (raters: {raters}), "
                f"{len(final)} final labels, {len(self.labels.items)} items "
                f"({self.new_items} new)"
            )
        for (dimension, label), rows in sorted(self.unmapped.items()):
            lines.append(
                f"  unmapped {dimension} label {label!r} on {len(rows)} row(s) "
                f"(first: row {rows[0]}): kept as written"
            )
        return lines


def prepare(spec: ImportSpec, base: Path, codebook: Codebook | None) -> Prepared:
    """Read and parse one import (paths relative to `base`); raise InputError naming the file."""
    path = (base / spec.file).resolve()
    try:
        table = read_table(
            path,
            sheet=spec.sheet,
            header_row=spec.header_row,
            sep=spec.sep,
            encoding=spec.encoding,
            skip=spec.skip,
            footer=spec.footer,
        )
        if spec.what == "items":
            found = table_items(
                table,
                item=spec.item,
                item_prefix=spec.item_prefix,
                columns=spec.columns,
                kind=spec.kind,
                na=tuple(spec.na),
            )
            return Prepared(spec, table, found.taken, items=found.items)
        mapping = load_label_map((base / spec.map).resolve()) if spec.map else None
        coder = LabelCoder.build(tuple(spec.na), mapping, codebook)
        labels = table_labels(table, label_spec(spec), coder)
    except CodingInputError as exc:
        raise InputError(str(exc)) from None
    return Prepared(spec, table, labels.taken, labels=labels, unmapped=coder.unmapped)


def label_spec(spec: ImportSpec) -> LabelSpec:
    """The coding stage's description of where the labels are, from an import entry."""
    long = []
    for pair in spec.long:
        parts = [p.strip() for p in pair.split(",")]
        if len(parts) != 2 or not all(parts):
            raise InputError(f"--long takes RATER_COLUMN,VALUE_COLUMN, not {pair!r}")
        long.append((parts[0], parts[1]))
    return LabelSpec(
        dimension=spec.dimension,
        columns=tuple(spec.dimensions.items()),
        raters=tuple(spec.raters.items()),
        long=tuple(long),
        rater=spec.rater,
        final=spec.final,
        item=spec.item,
        item_prefix=spec.item_prefix,
        round=spec.round,
    )


def store(conn: Connection, prepared: Prepared, codebook: Codebook | None) -> None:
    """Write a prepared import, replacing what an earlier import of the same labels stored."""
    if prepared.items is not None:
        frame = prepared.items.astype(object)
        upsert(conn, schema.items, records(frame))
        return
    labels = prepared.labels
    assert labels is not None
    prepared.new_items = _ensure_items(conn, labels.items)
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


def _ensure_items(conn: Connection, ids: list[str]) -> int:
    """Create a bare item for every id the study does not have yet; return how many."""
    existing: set[str] = set()
    for batch in _batches(ids):
        existing |= set(
            conn.execute(select(schema.items.c.id).where(schema.items.c.id.in_(batch))).scalars()
        )
    missing = [i for i in ids if i not in existing]
    insert(conn, schema.items, [{"id": i, "kind": "record", "meta": {}} for i in missing])
    return len(missing)


def _batches(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _BATCH):
        yield values[start : start + _BATCH]


def study_codebook_or_none(study: Study) -> Codebook | None:
    """The codebook the manifest names, or None for a study without one."""
    from studykit.coding_runs import study_codebook

    return study_codebook(study) if study.manifest.coding.codebook else None


def import_one(study: Study, spec: ImportSpec, base: Path) -> Prepared:
    """Read, check and store one file of items or labels."""
    codebook = study_codebook_or_none(study)
    prepared = prepare(spec, base, codebook)
    with study.db.begin() as conn:
        store(conn, prepared, codebook)
    return prepared


def import_package(study: Study) -> list[Prepared]:
    """Every [[imports]] entry of the manifest, read and checked first, stored in one go."""
    specs = study.manifest.imports
    if not specs:
        raise StudykitError(f"{study.manifest.path}: the manifest has no [[imports]]")
    codebook = study_codebook_or_none(study)
    prepared = []
    for number, spec in enumerate(specs, start=1):
        try:
            prepared.append(prepare(spec, study.root, codebook))
        except StudykitError as exc:
            raise InputError(f"{study.manifest.path}: [[imports]] #{number}: {exc}") from None
    with study.db.begin() as conn:
        for entry in prepared:
            store(conn, entry, codebook)
    return prepared
