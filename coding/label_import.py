"""Turn a table of other people's labels into per-rater codings and final (consensus) labels.

Shapes: a column per rater (`raters`), (rater, value) column pairs (`long`), one rater's sheet
with a column per dimension (`rater` and `columns`), or final labels only (`final`, or
`columns` without a rater). Items are a column or `@row` (the n-th non-blank data row).
The pseudo-column `@file_row` holds each row's number in the file (to reproduce analyses
that pooled a sheet's row index with the labels). Rater names and labels are read in
Unicode composed form (NFC), as sheets are; the cells and names that changed are counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from coding.errors import CodingInputError
from coding.label_map import LabelCoder
from coding.sheets import nfc
from coding.tables import Table

ROW = "@row"
FILE_ROW = "@file_row"
CODINGS_COLUMNS = ["item_id", "rater", "dimension", "code", "round", "note", "source"]
CONSENSUS_COLUMNS = ["item_id", "dimension", "code", "round", "rationale"]


@dataclass(frozen=True)
class LabelSpec:
    """Where the labels are in a table (column names are matched tolerantly)."""

    dimension: str | None = None
    columns: tuple[tuple[str, str], ...] = ()
    raters: tuple[tuple[str, str], ...] = ()
    long: tuple[tuple[str, str], ...] = ()
    rater: str | None = None
    final: str | None = None
    item: str = ROW
    item_prefix: str = ""
    round: str = "1"

    def check(self) -> None:
        """Refuse a spec that names no labels or mixes shapes."""
        if self.columns:
            if self.dimension or self.raters or self.long or self.final:
                raise CodingInputError(
                    "give either DIMENSION=COLUMN pairs (one rater's sheet, or final labels) "
                    "or one dimension with --rater/--long/--final, not both"
                )
            return
        if self.dimension is None:
            raise CodingInputError("name the dimension the labels belong to (--dimension)")
        if self.rater is not None:
            raise CodingInputError(
                "a bare --rater NAME needs DIMENSION=COLUMN pairs; use --rater NAME=COLUMN"
            )
        if not (self.raters or self.long or self.final):
            raise CodingInputError(
                "say where the labels are: --rater NAME=COLUMN, --long or --final"
            )


@dataclass
class ImportedLabels:
    """What a table held: codings, final labels, item ids, and the columns that were used;
    `composed` counts the label cells and the names put in composed form (NFC)."""

    codings: pd.DataFrame
    consensus: pd.DataFrame
    items: list[str]
    taken: list[tuple[str, str]] = field(default_factory=list)
    composed: Counter[str] = field(default_factory=Counter)


def table_labels(table: Table, spec: LabelSpec, coder: LabelCoder) -> ImportedLabels:
    """Read the labels `spec` describes from `table`, coding each cell with `coder`."""
    spec.check()
    taken: list[tuple[str, str]] = []
    composed: Counter[str] = Counter()

    def composed_form(text: str, what: str) -> str:
        fixed = nfc(text)
        composed[what] += fixed != text
        return fixed

    def column(role: str, wanted: str, option: str = "{}") -> str:
        found = wanted if wanted == FILE_ROW else table.column(wanted, option=option)
        taken.append((role, found))
        return found

    items = item_ids(table, spec.item, spec.item_prefix, column)
    codings: list[dict[str, object]] = []
    consensus: list[dict[str, object]] = []
    frame = table.frame

    def add(position: int, dimension: str, rater: str | None, col: str) -> None:
        raw = str(table.rows[position]) if col == FILE_ROW else table.cell(position, col)
        if raw is None or coder.is_missing(raw):
            return
        text = raw if col == FILE_ROW else composed_form(raw, "cells")
        code = text if col == FILE_ROW else coder.code(dimension, text, table.rows[position])
        if code is None:
            return
        where = table.where(position, col)
        if rater is None:
            consensus.append(
                {
                    "item_id": items[position],
                    "dimension": dimension,
                    "code": code,
                    "round": spec.round,
                    "rationale": f"imported from {where}",
                }
            )
        else:
            codings.append(
                {
                    "item_id": items[position],
                    "rater": rater,
                    "dimension": dimension,
                    "code": code,
                    "round": spec.round,
                    "note": raw,
                    "source": where,
                }
            )

    if spec.columns:
        pairs = [(dim, column(f"{dim}", col, f"{dim}={{}}")) for dim, col in spec.columns]
        rater = None if spec.rater is None else composed_form(spec.rater, "names")
        for position in range(len(frame)):
            for dim, col in pairs:
                add(position, dim, rater, col)
    else:
        assert spec.dimension is not None
        dim = spec.dimension
        by_rater = [
            (composed_form(name, "names"), column(f"rater {name}", col, f"--rater {name}={{}}"))
            for name, col in spec.raters
        ]
        pairs_long = [
            (
                column("rater names", r, f"--long {{}},{v}"),
                column("their labels", v, f"--long {r},{{}}"),
            )
            for r, v in spec.long
        ]
        final = column("final label", spec.final, "--final {}") if spec.final else None
        for position in range(len(frame)):
            for name, col in by_rater:
                add(position, dim, name, col)
            for rater_col, value_col in pairs_long:
                named = _rater_name(table, position, rater_col, value_col)
                if named is not None:
                    add(position, dim, composed_form(named, "cells"), value_col)
            if final is not None:
                add(position, dim, None, final)
    return ImportedLabels(
        _frame(codings, CODINGS_COLUMNS, ("item_id", "rater", "dimension", "code")),
        _frame(consensus, CONSENSUS_COLUMNS, ("item_id", "dimension", "code")),
        list(dict.fromkeys(items)),
        taken,
        composed,
    )


def item_ids(
    table: Table, item: str, prefix: str, column: Callable[[str, str, str], str]
) -> list[str]:
    """Each data row's item id: `prefix` + the item column, or + the row's ordinal for @row."""
    if item == ROW:
        return [f"{prefix}{n}" for n in range(1, len(table.frame) + 1)]
    col = column("item id", item, "--item {}")
    ids: list[str] = []
    first: dict[str, int] = {}
    for position, value in enumerate(table.frame[col]):
        if value is None or value.strip() == "":
            raise CodingInputError(f"{table.where(position, col)}: the item id is empty")
        ids.append(f"{prefix}{value.strip()}")
        if ids[-1] in first:
            raise CodingInputError(
                f"{table.where(position, col)}: item {ids[-1]!r} again (first on row "
                f"{table.rows[first[ids[-1]]]}); the column is not unique: use --item @row"
            )
        first[ids[-1]] = position
    return ids


def _rater_name(table: Table, position: int, rater_col: str, value_col: str) -> str | None:
    name = table.cell(position, rater_col)
    if name is not None and name.strip():
        return name.strip()
    if (table.cell(position, value_col) or "").strip():
        raise CodingInputError(
            f"{table.where(position, rater_col)}: a label in {table.label(value_col)} but no "
            "rater name"
        )
    return None


def _frame(rows: list[dict[str, object]], columns: list[str], key: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns).drop_duplicates(list(key), ignore_index=True)
