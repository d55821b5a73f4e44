"""Item counts over time: per period (month, quarter, year) and group, gaps filled with zeros."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from analysis._checks import require_columns

Period = Literal["month", "quarter", "year"]

PERIODS = {"month": ("M", "month"), "quarter": ("Q", "quarter"), "year": ("Y", "year")}


def issue_counts(
    items: pd.DataFrame,
    *,
    by: str | None = "repository",
    date_column: str = "created_at",
    period: Period = "month",
    top: int | None = 7,
) -> pd.DataFrame:
    """Counts per period (rows: period start, every period filled) and group (columns).

    Groups beyond the `top` largest are summed into "Other".
    """
    require_columns(items, [date_column] + ([by] if by else []), name="items")
    if period not in PERIODS:
        raise ValueError(f"period must be one of {list(PERIODS)}, got {period!r}")
    if items.empty:
        raise ValueError("items is empty")
    dates = pd.to_datetime(items[date_column], utc=True, format="ISO8601").dt.tz_convert(None)
    periods = dates.dt.to_period(PERIODS[period][0])
    groups = items[by].astype(str) if by else pd.Series("All", index=items.index)
    frame = pd.DataFrame({"period": periods, "group": groups}).dropna()
    counts = frame.groupby(["period", "group"]).size().unstack("group", fill_value=0)
    span = pd.period_range(counts.index.min(), counts.index.max(), freq=PERIODS[period][0])
    counts = counts.reindex(span, fill_value=0)
    ranked = counts.sum().sort_values(ascending=False, kind="stable")
    ranked = ranked.loc[sorted(ranked.index, key=lambda name: (-ranked[name], name))]
    if top is not None and len(ranked) > top:
        kept = list(ranked.index[:top])
        counts = counts[kept].assign(Other=counts.drop(columns=kept).sum(axis=1))
    else:
        counts = counts[list(ranked.index)]
    counts.index = pd.PeriodIndex(counts.index).to_timestamp()
    counts.index.name = "period"
    counts.columns.name = by or "group"
    return counts
