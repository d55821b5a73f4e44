"""One file of another team's items or labels, read and checked (nothing stored yet): what it
holds, the columns taken, and what was noticed on the way (case merges, unmapped labels)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from coding.codebook import Codebook
from coding.errors import CodingInputError, quoted
from coding.item_import import table_items
from coding.label_import import ImportedLabels, LabelSpec, table_labels
from coding.label_map import LabelCoder, load_label_map
from coding.tables import Table, read_table
from studykit.errors import InputError
from studykit.replication.records import Change, Unrecorded
from studykit.replication.specs import ITEM_OPTIONS, READ_OPTIONS, ImportSpec

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
    spellings: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    codes: dict[tuple[str, str], str] = field(default_factory=dict)
    merged_across: list[tuple[str, str]] = field(default_factory=list)
    unrecorded: Unrecorded | None = None
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
        if self.spec.case_sensitive:
            lines.append("  labels compared case- and spacing-sensitively (--case-sensitive)")
        for dimension, code, spellings in self.merges:
            written = ", ".join(f"{raw!r} ({n} cell(s))" for raw, n in sorted(spellings.items()))
            lines.append(
                f"  merged {dimension} labels that differ only in case or spacing into "
                f"{code!r}: {written} (--case-sensitive keeps them apart)"
            )
        lines += self._composed_lines()
        lines += self._unmapped_lines()
        if self.change is not None:
            lines.append(self.change.describe())
        if self.unrecorded is not None:
            lines += self.unrecorded.describe()
        if self.kept:
            lines.append(
                f"  {len(self.kept)} item(s) no longer in this file kept: they have labels, are "
                f"in a sample or come from another import (first: {self.kept[0]!r})"
            )
        return lines

    def _composed_lines(self) -> list[str]:
        """A line saying how many cells and names were put in composed form (NFC), if any."""
        if self.labels is None:
            return []
        cells, names = self.labels.composed["cells"], self.labels.composed["names"]
        parts = [f"{cells} cell(s)" if cells else "", f"{names} name(s)" if names else ""]
        if not cells and not names:
            return []
        return [
            f"  {' and '.join(p for p in parts if p)} written in decomposed Unicode were read in "
            "composed form (NFC)"
        ]

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
        table = read_table(path, **spec.options(READ_OPTIONS))
        if spec.what == "items":
            found = table_items(table, **spec.options(ITEM_OPTIONS), na=tuple(spec.na))
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
    return Prepared(
        spec, table, labels.taken, labels=labels, unmapped=coder.unmapped,
        merges=coder.merges(), spellings=coder.written, codes=coder.codes,
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
