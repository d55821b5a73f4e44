"""`studykit import items|labels`: another team's tables into the study database, no code per
dataset. Each import reads and checks its whole file first, then writes in one transaction
(re-importing replaces what the same file stored); `import_package` runs the manifest's
[[imports]] in order, all in one transaction."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy import Connection, and_, delete, select

from coding.codebook import Codebook
from coding.columns import quoted
from coding.errors import CodingInputError
from coding.item_import import table_items
from coding.label_import import ImportedLabels, LabelSpec, table_labels
from coding.label_map import LabelCoder, load_label_map
from coding.tables import Table, read_table
from studykit.clock import now_iso
from studykit.coding_runs import store_codebook
from studykit.db import insert, records, schema, upsert
from studykit.errors import InputError, StudykitError
from studykit.import_records import (
    Change,
    Previous,
    compare,
    delete_labels,
    previous,
    prune_items,
    record,
)
from studykit.manifest_imports import ImportSpec
from studykit.study import Study

if TYPE_CHECKING:
    from studykit.survey_runs import SurveySummary

_BATCH = 500
_SHOWN = 5
_SHOWN_KEPT = 10


@dataclass
class Prepared:
    """A file read and parsed, ready to store: what it holds and what was noticed on the way."""

    spec: ImportSpec
    table: Table
    taken: list[tuple[str, str]]
    items: pd.DataFrame | None = None
    labels: ImportedLabels | None = None
    unmapped: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    merges: list[tuple[str, str, Counter[str]]] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    new_items: int = 0
    change: Change | None = None
    kept: list[str] = field(default_factory=list)

    def describe(self) -> list[str]:
        """Lines for the terminal: the file, what was detected, the columns taken, the counts."""
        lines = [f"{self.table.source}: {', '.join(self.table.notes) or 'read'}"]
        lines += [f"  {role}: took column {self.table.label(col)}" for role, col in self.taken]
        if self.items is not None:
            lines.append(f"  {len(self.items)} items")
            lines += [f"  every item: {k} = {v!r}" for k, v in self.spec.constants.items()]
        if self.labels is not None:
            codings, final = self.labels.codings, self.labels.consensus
            raters = ", ".join(sorted(codings["rater"].unique())) or "none"
            lines.append(
                f"  round {self.spec.round}: {len(codings)} rater labels (raters: {raters}), "
                f"{len(final)} final labels, {len(self.labels.items)} items "
                f"({self.new_items} new)"
            )
        for dimension in self.outside:
            lines.append(
                f"  warning: dimension {dimension!r} is not in the codebook: its labels are "
                "stored as written"
            )
        if self.spec.case_sensitive:
            lines.append("  labels compared case- and spacing-sensitively (--case-sensitive)")
        for dimension, code, spellings in self.merges:
            written = ", ".join(f"{raw!r} ({n} cell(s))" for raw, n in sorted(spellings.items()))
            lines.append(
                f"  merged {dimension} labels that differ only in case or spacing into "
                f"{code!r}: {written} (--case-sensitive keeps them apart)"
            )
        lines += self._unmapped_lines()
        if self.change is not None:
            lines.append(self.change.describe())
        if self.kept:
            lines.append(
                f"  {len(self.kept)} item(s) no longer in this file kept: they have labels, are "
                f"in a sample or come from another import (first: {self.kept[0]!r})"
            )
        return lines

    def _unmapped_lines(self) -> list[str]:
        """A line per unmapped label kept as written; beyond a few per dimension, one count."""
        lines = []
        by_dimension: dict[str, list[tuple[str, list[int]]]] = {}
        for (dimension, label), rows in sorted(self.unmapped.items()):
            by_dimension.setdefault(dimension, []).append((label, rows))
        for dimension, found in by_dimension.items():
            ranked = sorted(found, key=lambda pair: (-len(pair[1]), pair[0]))
            for label, rows in ranked[:_SHOWN_KEPT]:
                lines.append(
                    f"  unmapped {dimension} label {quoted(label)} on {len(rows)} row(s) "
                    f"(first: row {rows[0]}): kept as written"
                )
            rest = ranked[_SHOWN_KEPT:]
            if rest:
                cells = sum(len(rows) for _, rows in rest)
                lines.append(
                    f"  and {len(rest)} more unmapped {dimension} labels on {cells} row(s): "
                    "kept as written"
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
                constants=spec.constants,
            )
            return Prepared(spec, table, found.taken, items=found.items)
        if spec.constants:
            raise InputError(f"{path}: `set` gives items a field; it belongs to an items import")
        mapping = load_label_map((base / spec.map).resolve()) if spec.map else None
        coder = LabelCoder.build(
            tuple(spec.na), mapping, codebook, case_sensitive=spec.case_sensitive
        )
        labels = table_labels(table, label_spec(spec), coder)
    except CodingInputError as exc:
        raise InputError(str(exc)) from None
    refused = {k: rows for k, rows in coder.unmapped.items() if coder.in_codebook(k[0])}
    if refused and not spec.keep_unmapped:
        raise InputError(_unmapped_error(table, spec, refused))
    outside = [
        d for d in target_dimensions(spec) if codebook is not None and not coder.in_codebook(d)
    ]
    return Prepared(
        spec, table, labels.taken, labels=labels, unmapped=coder.unmapped,
        merges=coder.merges(), outside=outside,
    )  # fmt: skip


def _unmapped_error(
    table: Table, spec: ImportSpec, refused: dict[tuple[str, str], list[int]]
) -> str:
    """One line: the labels neither the mapping file nor the codebook knows, and the fix."""
    ranked = sorted(refused.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    shown = [
        f"{dim} {quoted(label)} ({len(rows)} cell(s), first row {rows[0]})"
        for (dim, label), rows in ranked[:_SHOWN]
    ]
    more = f" and {len(ranked) - _SHOWN} more" if len(ranked) > _SHOWN else ""
    source = spec.map if spec.map else None
    fix = (
        f"add them to {source} (columns raw,code[,dimension])"
        if source
        else "map them in a CSV file with columns raw,code[,dimension] (e.g. mappings/labels.csv)"
        ' and pass it with --map (map = "..." in [[imports]])'
    )
    known = f"neither {source} nor the codebook knows" if source else "the codebook does not know"
    return (
        f"{table.source}: {len(ranked)} label(s) that {known}: {', '.join(shown)}{more}; "
        f"{fix}, or store them as written with --keep-unmapped (keep_unmapped = true)"
    )


def target_dimensions(spec: ImportSpec) -> list[str]:
    """The dimensions an import of labels fills."""
    return [spec.dimension] if spec.dimension else sorted(spec.dimensions)


def target(spec: ImportSpec) -> str:
    """What an import fills, as recorded: 'items', or the labels' round and dimensions."""
    if spec.what == "items":
        return "items"
    return f"labels round {spec.round}: {', '.join(target_dimensions(spec))}"


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
        "unmapped": len(prepared.unmapped),
        **_change_counts(prepared.change),
    }
    stored: dict[str, list[Any]] = {
        "items": created,
        "codings": new_codings,
        "consensus": new_consensus,
    }
    return counts, stored, sorted(created_before - set(labels.items))


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


def study_codebook_or_none(study: Study) -> Codebook | None:
    """The codebook the manifest names, or None for a study without one."""
    from studykit.coding_runs import study_codebook

    return study_codebook(study) if study.manifest.coding.codebook else None


def import_one(study: Study, spec: ImportSpec, base: Path) -> Prepared:
    """Read, check and store one file of items or labels."""
    codebook = study_codebook_or_none(study)
    prepared = prepare(spec, base, codebook)
    with study.db.begin() as conn:
        prepared.kept = prune_items(conn, store(conn, prepared, codebook))
    return prepared


def import_package(study: Study) -> list[Prepared]:
    """Every [[imports]] entry of the manifest, read and checked first, stored in one go."""
    if not study.manifest.imports:
        raise StudykitError(f"{study.manifest.path}: the manifest has no [[imports]]")
    return import_study(study)[0]


def _refuse_same_target(study: Study, prepared: list[Prepared]) -> None:
    """Two entries that import one file into one target would replace each other: refuse."""
    first: dict[tuple[str, str], int] = {}
    for number, entry in enumerate(prepared, start=1):
        key = (entry.table.source, target(entry.spec))
        if key in first:
            raise InputError(
                f"{study.manifest.path}: [[imports]] #{first[key]} and #{number} both import "
                f"{key[0]} into {key[1]}: the second would replace the first; make them one "
                "entry (several raters, long pairs and a final column fit in one)"
            )
        first[key] = number


def import_study(study: Study) -> tuple[list[Prepared], SurveySummary | None]:
    """The manifest's [[imports]] and its [survey] export: all read and checked first, then
    stored in one transaction."""
    from studykit.survey_runs import prepare_survey

    specs = study.manifest.imports
    has_survey = study.manifest.survey.responses is not None
    if not specs and not has_survey:
        raise StudykitError(
            f"{study.manifest.path}: nothing to import: the manifest has no [[imports]] and no "
            "[survey] responses"
        )
    codebook = study_codebook_or_none(study) if specs else None
    prepared = []
    for number, spec in enumerate(specs, start=1):
        try:
            prepared.append(prepare(spec, study.root, codebook))
        except StudykitError as exc:
            raise InputError(f"{study.manifest.path}: [[imports]] #{number}: {exc}") from None
    _refuse_same_target(study, prepared)
    survey = prepare_survey(study) if has_survey else None
    with study.db.begin() as conn:
        gone = [store(conn, entry, codebook) for entry in prepared]
        kept = set(prune_items(conn, {i for ids in gone for i in ids}))
        summary = survey.store(conn) if survey is not None else None
    for entry, ids in zip(prepared, gone, strict=True):
        entry.kept = [i for i in ids if i in kept]
    return prepared, summary
