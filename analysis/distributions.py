"""Code distributions: counts, shares with Wilson intervals, hierarchy roll-ups, groupings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import pandas as pd

from analysis._checks import check_confidence, require_columns
from analysis.fields import field_values
from analysis.hierarchy import check_codes, lineage
from analysis.intervals import wilson_interval

Unit = Literal["item", "label", "both"]

DISTRIBUTION_COLUMNS = (
    "dimension",
    "unit",
    "code",
    "parent",
    "depth",
    "count",
    "n",
    "proportion",
    "ci_low",
    "ci_high",
    "total",
    "proportion_of_total",
)

_GROUP = "__group__"


def group_columns(dist: pd.DataFrame) -> list[str]:
    """The grouping columns (the `by=` field) of a `distribution` result, if any."""
    require_columns(dist, DISTRIBUTION_COLUMNS, name="distribution")
    return [column for column in dist.columns if column not in DISTRIBUTION_COLUMNS]


def _code_paths(codes: set[str], parents: Mapping[str, str | None] | None) -> dict[str, list[str]]:
    """Root-to-code lineage of every code and of every ancestor of one."""
    if parents is None:
        return {code: [code] for code in codes}
    check_codes(codes, parents)
    nodes = {step for code in codes for step in lineage(code, parents)}
    return {code: lineage(code, parents) for code in nodes}


def _hierarchy_order(
    paths: Mapping[str, list[str]], overall: pd.Series, order: Sequence[str]
) -> list[str]:
    """Pre-order of the hierarchy; siblings by position in `order`, then by count, then name."""
    rank = {code: position for position, code in enumerate(order)}

    def sibling_key(code: str) -> tuple[int, int, str]:
        return (rank.get(code, len(order)), -int(overall[code]), code)

    return sorted(paths, key=lambda code: [sibling_key(step) for step in paths[code]])


def distribution(
    labels: pd.DataFrame,
    dimension: str,
    *,
    items: pd.DataFrame | None = None,
    by: str | None = None,
    parents: Mapping[str, str | None] | None = None,
    order: Sequence[str] | None = None,
    unit: Unit = "item",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Tidy counts and shares (Wilson CIs) of a dimension's codes, optionally rolled up and grouped.

    unit="item": `count` items carry the code, out of `n` coded items (multi-label shares
    may sum past 100%); unit="label": `count` label assignments out of `n` assignments;
    unit="both": rows for each unit. With `parents`, every code counts towards its
    ancestors: top-level rows have `n` = all coded items (or assignments) in the group,
    sub-code rows have `n` = their parent's count (share within the category; items coded
    at the category itself count only there). `total`/`proportion_of_total` give the share
    of everything coded in the group. `by` names an item column or another dimension
    (items without a value are left out). Codes in `order` appear even with zero counts.
    Rows come by group, then in hierarchy pre-order, siblings by `order`, then count.
    """
    require_columns(labels, ["item_id", "dimension", "code"], name="labels")
    check_confidence(confidence)
    if unit == "both":
        parts = [
            distribution(
                labels,
                dimension,
                items=items,
                by=by,
                parents=parents,
                order=order,
                unit=single,
                confidence=confidence,
            )
            for single in ("item", "label")
        ]
        return pd.concat(parts, ignore_index=True)
    if unit not in ("item", "label"):
        raise ValueError(f"unit must be 'item', 'label' or 'both', got {unit!r}")
    if by is not None and (by == dimension or by in DISTRIBUTION_COLUMNS):
        raise ValueError(f"cannot group {dimension!r} by {by!r}")

    rows = labels.loc[labels["dimension"] == dimension, ["item_id", "code"]]
    rows = rows.dropna().drop_duplicates()
    if rows.empty:
        raise ValueError(f"labels has no rows for dimension {dimension!r}")
    if by is None:
        rows = rows.assign(**{_GROUP: ""})
    else:
        groups = field_values(labels, by, items=items).rename(columns={by: _GROUP})
        rows = rows.merge(groups, on="item_id", how="inner")
        if rows.empty:
            raise ValueError(f"no item coded on {dimension!r} has a value for {by!r}")

    paths = _code_paths({*rows["code"], *(order or [])}, parents)
    parent_of = {code: path[-2] if len(path) > 1 else None for code, path in paths.items()}

    expanded = rows.assign(node=rows["code"].map(paths)).explode("node")
    if unit == "item":
        expanded = expanded.drop_duplicates(subset=[_GROUP, "item_id", "node"])
        totals = rows.groupby(_GROUP, sort=True)["item_id"].nunique()
    else:
        totals = rows.groupby(_GROUP, sort=True).size()
    counts = expanded.groupby([_GROUP, "node"]).size()
    overall = expanded.groupby("node").size().reindex(list(paths), fill_value=0)
    ordered = _hierarchy_order(paths, overall, order or [])
    grid = pd.MultiIndex.from_product([totals.index, ordered], names=[_GROUP, "node"])
    count = counts.reindex(grid, fill_value=0)
    parent = [parent_of[code] for code in grid.get_level_values("node")]
    group_total = totals.reindex(grid.get_level_values(_GROUP)).to_numpy()
    parent_count = [
        count.get((group, up), 0) if up is not None else total
        for (group, _), up, total in zip(grid, parent, group_total, strict=True)
    ]

    result = pd.DataFrame(
        {
            _GROUP: grid.get_level_values(_GROUP),
            "dimension": dimension,
            "unit": unit,
            "code": grid.get_level_values("node").astype(str),
            "parent": pd.Series(parent, dtype="str"),
            "depth": [len(paths[code]) - 1 for code in grid.get_level_values("node")],
            "count": count.to_numpy(dtype="int64"),
            "n": pd.Series(parent_count, dtype="int64"),
            "total": group_total.astype("int64"),
        }
    )
    low, high = wilson_interval(result["count"], result["n"], confidence=confidence)
    result["proportion"] = result["count"] / result["n"].where(result["n"] > 0)
    result["ci_low"] = low
    result["ci_high"] = high
    result["proportion_of_total"] = result["count"] / result["total"].where(result["total"] > 0)
    if by is None:
        return result[list(DISTRIBUTION_COLUMNS)]
    return result.rename(columns={_GROUP: by})[[by, *DISTRIBUTION_COLUMNS]]
