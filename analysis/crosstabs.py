"""Cross-tabulation of two fields (item columns or codebook dimensions) over items."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import pandas as pd

from analysis.fields import field_values


def crosstab(
    labels: pd.DataFrame,
    row: str,
    column: str,
    *,
    items: pd.DataFrame | None = None,
    row_order: Sequence[str] | None = None,
    column_order: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Counts of items per (row value, column value); fields are item columns or dimensions.

    Items lacking either field are left out. An item with several codes on a multi-label
    dimension counts in several cells, which breaks the independence the tests assume, so
    this warns when it happens. Rows and columns follow the given orders (missing values
    get zero counts), else descending totals.
    """
    if row == column:
        raise ValueError("row and column must be different fields")
    left = field_values(labels, row, items=items)
    right = field_values(labels, column, items=items)
    pairs = left.merge(right, on="item_id", how="inner")
    if pairs.empty:
        raise ValueError(f"no item has values for both {row!r} and {column!r}")
    if pairs["item_id"].duplicated().any():
        warnings.warn(
            f"some items count in several cells of {row!r} x {column!r} (multi-label); "
            "the cells are not independent observations",
            UserWarning,
            stacklevel=2,
        )
    table = pd.crosstab(pairs[row], pairs[column])
    rows = list(row_order) if row_order is not None else _by_total(table.sum(axis=1))
    columns = list(column_order) if column_order is not None else _by_total(table.sum(axis=0))
    return table.reindex(index=rows, columns=columns, fill_value=0).astype("int64")


def _by_total(totals: pd.Series) -> list[str]:
    frame = pd.DataFrame({"value": totals.index, "total": totals.to_numpy()})
    frame["key"] = frame["value"].astype(str)
    return list(frame.sort_values(["total", "key"], ascending=[False, True])["value"])
