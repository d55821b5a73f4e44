"""Distributions and cross-tabs of named dimensions and fields, the same for `analyze` and the
report: names resolved by studykit.tabulate.names, dimensions rolled up and ordered by the
codebook, and codes outside the codebook counted as top-level codes and named."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import pandas as pd

import analysis
from coding.codebook import Codebook, Dimension
from studykit.errors import StudykitError
from studykit.tabulate.names import Name, Names
from studykit.tabulate.outside_codes import outside_codes, parents_with


@dataclass
class StudyTables:
    """Consensus labels and item fields of a study, with the names they answer to."""

    codebook: Codebook
    labels: pd.DataFrame
    items: pd.DataFrame
    names: Names = field(init=False)

    def __post_init__(self) -> None:
        dimensions = {*self.codebook.names(), *pd.unique(self.labels["dimension"])}
        self.names = Names.of(dimensions, self.items)
        self.items = self.names.analysis_items(self.items)

    def dimension(self, name: Name) -> Dimension | None:
        """The codebook's entry for a resolved dimension, or None (a field, or not in it)."""
        if name.is_dimension and name.name in self.codebook.names():
            return self.codebook.dimension(name.name)
        return None

    def require_labels(self, name: Name, where: str) -> None:
        """Refuse a dimension without consensus labels, saying why."""
        if name.is_dimension and not self.labels["dimension"].eq(name.name).any():
            why = (
                "the study has no consensus labels yet: run `studykit consensus`"
                if self.labels.empty
                else f"no item has a consensus label on {name.name!r}"
            )
            raise StudykitError(f"{where}: {why}")

    def top_level(
        self, name: Name, labels: pd.DataFrame | None = None
    ) -> tuple[pd.DataFrame, list[str]]:
        """Labels with a dimension rolled up to its top level, and a note on outside codes."""
        labels = self.labels if labels is None else labels
        dim = self.dimension(name)
        if dim is None:
            return labels, []
        outside = outside_codes(labels, dim.name, dim.names())
        labels = analysis.rollup(
            labels, parents_with(dim.parents(), outside), dimension=dim.name, level=0
        )
        note = outside.note()
        return labels, [note] if note else []

    def distribution(
        self, dimension: str, by: str | None, where: str
    ) -> tuple[pd.DataFrame, Dimension, list[str]]:
        """A dimension's distribution (optionally by a field); notes on names and outside codes."""
        dim_name = self.names.resolve(dimension, where=where, only="dimension")
        dim = self.codebook.dimension(dim_name.name)
        by_name = self.names.resolve(by, where=where) if by is not None else None
        self.require_labels(dim_name, where)
        outside = outside_codes(self.labels, dim.name, dim.names())
        try:
            dist = analysis.distribution(
                self.labels,
                dim.name,
                items=self.items,
                by=by_name.key if by_name else None,
                parents=parents_with(dim.parents(), outside),
                order=dim.names(),
            )
        except ValueError as exc:
            raise StudykitError(f"{where}: {exc}") from None
        if by_name is not None and by_name.key != by_name.name:
            dist = dist.rename(columns={by_name.key: by_name.name})
        notes = [n.describe() for n in (dim_name, by_name) if n is not None]
        return dist, dim, notes + [n for n in [outside.note()] if n]

    def crosstab(
        self, rows: str, columns: str, where: str, *, codebook_order: bool = True
    ) -> tuple[pd.DataFrame, list[str]]:
        """Counts of items per (row, column) value, dimensions at their top level.

        With `codebook_order`, a dimension's values follow the codebook (codes outside it
        last, by count); other values come by descending count.
        """
        resolved = [self.names.resolve(n, where=where) for n in (rows, columns)]
        if resolved[0] == resolved[1]:
            raise StudykitError(f"{where}: rows and columns are both {resolved[0].name!r}")
        labels, notes = self.labels, [n.describe() for n in resolved]
        for name in resolved:
            self.require_labels(name, where)
            labels, outside = self.top_level(name, labels)
            notes += outside
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                table = analysis.crosstab(
                    labels, resolved[0].key, resolved[1].key, items=self.items
                )
        except ValueError as exc:
            raise StudykitError(f"{where}: {exc}") from None
        if codebook_order:
            table = table.reindex(
                index=self._ordered(resolved[0], list(table.index)),
                columns=self._ordered(resolved[1], list(table.columns)),
            )
        table.index.name, table.columns.name = resolved[0].name, resolved[1].name
        return table, notes

    def _ordered(self, name: Name, present: list[str]) -> list[str]:
        dim = self.dimension(name)
        if dim is None:
            return present
        top = [c.code for c in dim.codes if c.parent is None]
        return [c for c in top if c in present] + [c for c in present if c not in top]


def check_crosstab(table: pd.DataFrame, where: str) -> None:
    """Refuse a cross-tab a test cannot be run on: fewer than 2 non-empty rows or columns."""
    rows = int((table.sum(axis=1) > 0).sum())
    columns = int((table.sum(axis=0) > 0).sum())
    if rows < 2 or columns < 2:
        raise StudykitError(
            f"{where}: {table.index.name} x {table.columns.name} has {rows} non-empty "
            f"row(s) and {columns} non-empty column(s); a test needs at least 2 of each"
        )
