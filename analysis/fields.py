"""Resolve a field name to per-item values: an item column or a codebook dimension."""

from __future__ import annotations

import pandas as pd

from analysis._checks import require_columns


def field_values(
    labels: pd.DataFrame, field: str, *, items: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Columns item_id and `field`: an item column or a dimension's codes, never both.

    A name that is a column of `items` and a dimension in `labels` is refused: rename one.
    """
    require_columns(labels, ["item_id", "dimension", "code"], name="labels")
    if items is not None:
        require_columns(items, ["item_id"], name="items")
        if field in items.columns and field != "item_id":
            if labels["dimension"].eq(field).any():
                raise ValueError(
                    f"{field!r} is both a column of items and a dimension in labels; "
                    "rename the column (or the dimension) to say which is meant"
                )
            values = items[["item_id", field]].dropna()
            return values.drop_duplicates().reset_index(drop=True)
    if labels["dimension"].eq(field).any():
        codes = labels.loc[labels["dimension"] == field, ["item_id", "code"]]
        values = codes.rename(columns={"code": field}).dropna()
        return values.drop_duplicates().reset_index(drop=True)
    where = "a column of items nor" if items is not None else "given items (items=None) nor"
    raise ValueError(f"{field!r} is neither {where} a dimension in labels")
