"""Sorted horizontal bars of one code distribution, with Wilson CI whiskers and counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis._labels import display_label
from analysis.distributions import group_columns
from analysis.figures.rows import (
    ROW_HEIGHT,
    fit_height,
    label_bar_ends,
    label_chars,
    label_rows,
    ordered_rows,
    row_centres,
    wrapped_labels,
)
from analysis.figures.style import MUTED_COLOR, OKABE_ITO, Width, new_figure, styled

UNIT_AXIS = {"item": "Share of coded items (%)", "label": "Share of label assignments (%)"}


def _select(dist: pd.DataFrame, depth: int, parent: str | None) -> pd.DataFrame:
    if group_columns(dist):
        raise ValueError("distribution is grouped; select one group or use plot_grouped_bars")
    for column in ("dimension", "unit"):
        if dist[column].nunique() > 1:
            raise ValueError(f"distribution has several values of {column!r}; select one first")
    rows = dist[dist["parent"] == parent] if parent is not None else dist[dist["depth"] == depth]
    if rows.empty:
        where = f"parent {parent!r}" if parent is not None else f"depth {depth}"
        raise ValueError(f"distribution has no rows at {where}")
    return rows


@styled
def plot_distribution(
    dist: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
    depth: int = 0,
    parent: str | None = None,
    ci: bool = True,
    counts: bool = True,
    width: Width = "single",
    height: float | None = None,
    xlabel: str | None = None,
    color: str = OKABE_ITO[0],
) -> Figure:
    """Horizontal bars of a `distribution` (largest on top), CI whiskers, "n (p%)" at bar ends.

    Shows the codes at `depth`, or the sub-codes of `parent` (shares within it). Long code
    labels are wrapped into 45% of the width; the figure is as high as they need.
    """
    rows = _select(dist, depth, parent)
    rows = ordered_rows(rows, order, "count")
    percent = 100.0 * rows["proportion"].fillna(0.0).to_numpy()
    low = 100.0 * rows["ci_low"].fillna(0.0).to_numpy()
    high = 100.0 * rows["ci_high"].fillna(0.0).to_numpy()
    names = wrapped_labels(rows["code"], labels, label_chars(width))
    y, span = row_centres(names, ROW_HEIGHT)

    fig, ax = new_figure(width=width, height=height or 0.45 + ROW_HEIGHT * span)
    ax.barh(y, percent, height=0.7, color=color, zorder=2)
    if ci:
        ax.errorbar(
            percent,
            y,
            xerr=[percent - low, high - percent],
            fmt="none",
            ecolor=MUTED_COLOR,
            elinewidth=0.7,
            capsize=1.5,
            capthick=0.7,
            zorder=3,
        )
    ends = np.maximum(high, percent) if ci else percent
    if counts:
        shown = [f"{n} ({share:.1f}%)" for n, share in zip(rows["count"], percent, strict=True)]
        label_bar_ends(ax, y, ends, shown)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, float(ends.max()) * (1.35 if counts else 1.05) + 1.0)
    ax.set_xticks([tick for tick in ax.get_xticks() if 0 <= tick <= 100])
    ax.xaxis.grid(True)
    ax.spines["left"].set_visible(False)
    unit = str(rows["unit"].iloc[0])
    within = f"Share within {display_label(parent, labels)} (%)"
    ax.set_xlabel(xlabel or (UNIT_AXIS[unit] if parent is None else within))
    label_rows(ax, y, names, ROW_HEIGHT)
    if height is None:
        fit_height(fig, ax, ROW_HEIGHT)
    return fig
