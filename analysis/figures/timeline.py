"""Issues over time: monthly (or other period) counts per group as lines or stacked areas."""

from __future__ import annotations

from typing import Literal

import pandas as pd
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from analysis.figures.style import (
    Width,
    figure_width,
    legend_above,
    legend_rows,
    new_figure,
    palette,
    styled,
)
from analysis.time_series import PERIODS, Period, issue_counts

Kind = Literal["line", "area"]


@styled
def plot_issues_over_time(
    items: pd.DataFrame,
    *,
    by: str | None = "repository",
    date_column: str = "created_at",
    period: Period = "month",
    kind: Kind = "line",
    top: int | None = 7,
    width: Width = "double",
    height: float | None = None,
) -> Figure:
    """Issues per period from items' ISO `date_column`, one line (or stacked area) per group."""
    counts = issue_counts(items, by=by, date_column=date_column, period=period, top=top)
    colours = palette(counts.shape[1])
    rows = legend_rows([str(name) for name in counts.columns], width=width)
    fig, ax = new_figure(width=width, height=height or 1.8 + 0.16 * rows)
    x = counts.index.to_numpy()
    if kind == "line":
        for (name, series), colour in zip(counts.items(), colours, strict=True):
            ax.plot(x, series.to_numpy(), color=colour, label=str(name), linewidth=1.1)
    elif kind == "area":
        ax.stackplot(
            x,
            *[counts[column].to_numpy() for column in counts.columns],
            labels=[str(column) for column in counts.columns],
            colors=colours,
            linewidth=0,
        )
    else:
        raise ValueError(f"kind must be 'line' or 'area', got {kind!r}")
    inches = figure_width(width)
    locator = AutoDateLocator(
        minticks=max(2, int(inches * 0.6)), maxticks=max(4, int(inches * 1.4))
    )
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(bottom=0)
    ax.yaxis.grid(True)
    ax.set_ylabel(f"Issues per {PERIODS[period][1]}")
    if counts.shape[1] > 1:
        legend_above(ax, width=width)
    return fig
