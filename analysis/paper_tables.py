"""Paper-ready tables (DataFrames of formatted strings) from distributions and associations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

from analysis._checks import require_columns
from analysis._labels import display_label
from analysis.associations import Association
from analysis.distributions import group_columns
from analysis.formatting import (
    format_count_percent,
    format_interval,
    format_percent,
    format_pvalue,
)

Percent = Literal["row", "column", "total"]

INDENT = "\u2003"


def _single(dist: pd.DataFrame, column: str) -> None:
    if dist[column].nunique() > 1:
        raise ValueError(f"distribution has several values of {column!r}; select one first")


def distribution_table(
    dist: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    header: str = "Code",
    ci: bool = True,
    ci_header: str = "95% CI",
    decimals: int = 1,
) -> pd.DataFrame:
    """A `distribution` result as strings: code (sub-codes indented), "n (%)", CI, % of total.

    Sub-code percentages are shares within their parent; a "% of total" column is added when
    the hierarchy has sub-codes. A grouped result becomes one "n (%)" column per group,
    headed "group (n = total)".
    """
    if dist.empty:
        raise ValueError("distribution is empty")
    groups = group_columns(dist)
    _single(dist, "dimension")
    _single(dist, "unit")
    names = [
        INDENT * int(depth) + display_label(code, labels)
        for code, depth in zip(dist["code"], dist["depth"], strict=True)
    ]
    cells = [
        format_count_percent(int(count), float(share), decimals=decimals)
        for count, share in zip(dist["count"], dist["proportion"], strict=True)
    ]
    frame = dist.assign(_name=names, _cell=cells)
    if groups:
        group = groups[0]
        totals = frame.groupby(group, sort=False)["total"].first()
        heads = {value: f"{value} (n = {total})" for value, total in totals.items()}
        wide = frame.pivot_table(
            index="_name", columns=group, values="_cell", aggfunc="first", sort=False
        )
        wide = wide.reindex(index=list(dict.fromkeys(names)), columns=list(totals.index))
        wide.columns = [heads[value] for value in wide.columns]
        return wide.rename_axis(header).reset_index().fillna("")
    table = pd.DataFrame({header: names, "n (%)": cells})
    if ci:
        table[ci_header] = [
            format_interval(float(low), float(high), decimals=decimals)
            for low, high in zip(dist["ci_low"], dist["ci_high"], strict=True)
        ]
    if (dist["depth"] > 0).any():
        table["% of total"] = [
            format_percent(float(share), decimals=decimals) for share in dist["proportion_of_total"]
        ]
    return table


def crosstab_table(
    result: Association | pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    percent: Percent = "row",
    marks: bool = True,
    decimals: int = 1,
) -> pd.DataFrame:
    """A cross-tab as "n (%)" strings with totals; ↑/↓ mark significant adjusted residuals."""
    table = result.table if isinstance(result, Association) else result
    counts = table.to_numpy(dtype="int64")
    grand = int(counts.sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        if percent == "row":
            shares = counts / counts.sum(axis=1, keepdims=True)
        elif percent == "column":
            shares = counts / counts.sum(axis=0, keepdims=True)
        elif percent == "total":
            shares = counts / grand
        else:
            raise ValueError(f"percent must be 'row', 'column' or 'total', got {percent!r}")
    signs = (
        result.marks().to_numpy(dtype=object)
        if isinstance(result, Association) and marks
        else np.full(counts.shape, "", dtype=object)
    )
    first = str(table.index.name or "")
    frame = pd.DataFrame({first: [display_label(row, labels) for row in table.index]})
    for j, column in enumerate(table.columns):
        frame[display_label(column, labels)] = [
            format_count_percent(int(counts[i, j]), float(shares[i, j]), decimals=decimals)
            + str(signs[i, j])
            for i in range(counts.shape[0])
        ]
    frame["Total"] = [str(int(total)) for total in counts.sum(axis=1)]
    total_row = {first: "Total", "Total": str(grand)}
    for j, column in enumerate(table.columns):
        column_total = int(counts[:, j].sum())
        total_row[display_label(column, labels)] = format_count_percent(
            column_total, column_total / grand if grand else float("nan"), decimals=decimals
        )
    return pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)


TEST_LABELS = {"chi-square": "\u03c7\u00b2", "fisher": "Fisher", "monte-carlo": "Monte Carlo"}


def association_tests_table(
    summary: pd.DataFrame, *, decimals: int = 2, v_header: str = "V [95% CI]"
) -> pd.DataFrame:
    """`summarize_associations` output (optionally with `p_adjusted`) as a formatted table."""
    require_columns(
        summary,
        ["name", "test", "statistic", "dof", "n", "pvalue", "cramers_v", "v_ci_low", "v_ci_high"],
        name="summary",
    )
    table = pd.DataFrame(
        {
            "Comparison": summary["name"].astype(str),
            "Test": [TEST_LABELS.get(test, str(test)) for test in summary["test"]],
            "\u03c7\u00b2": [f"{value:.{decimals}f}" for value in summary["statistic"]],
            "df": summary["dof"].astype(int).astype(str),
            "N": summary["n"].astype(int).astype(str),
            "p": [format_pvalue(float(p)) for p in summary["pvalue"]],
        }
    )
    if "p_adjusted" in summary.columns:
        table["p (adj.)"] = [format_pvalue(float(p)) for p in summary["p_adjusted"]]
    table[v_header] = [
        f"{v:.{decimals}f} {format_interval(low, high, decimals=decimals, percent=False)}"
        for v, low, high in zip(
            summary["cramers_v"], summary["v_ci_low"], summary["v_ci_high"], strict=True
        )
    ]
    return table
