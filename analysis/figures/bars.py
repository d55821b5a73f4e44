"""Stacked and grouped bars of a count table (rows: groups such as repositories; columns: codes)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis._labels import display_label
from analysis.figures.rows import (
    ROW_HEIGHT,
    fit_height,
    label_bar_ends,
    label_chars,
    label_rows,
    label_width,
    row_centres,
    wrapped_labels,
)
from analysis.figures.style import (
    Width,
    figure_width,
    legend_above,
    legend_rows,
    new_figure,
    palette,
    styled,
    text_color_on,
)

LABEL_SHARE = 0.33  # the row labels' share of the width: the totals at the bar ends need room


def _counts(table: pd.DataFrame) -> pd.DataFrame:
    counts = table.astype("float64")
    if counts.empty or (counts.to_numpy() < 0).any():
        raise ValueError("table must be a non-empty table of non-negative counts")
    return counts


@styled
def plot_stacked_bars(
    table: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    percent: bool = True,
    counts: bool = True,
    min_label_share: float = 0.07,
    width: Width = "single",
    height: float | None = None,
    xlabel: str | None = None,
) -> Figure:
    """One horizontal bar per table row, stacked by column, as row percentages by default.

    Segments show their count when at least `min_label_share` of the bar; bar ends show n.
    Long row labels are wrapped into a third of the width; the figure is as high as they need.
    """
    data = _counts(table)
    totals = data.sum(axis=1)
    values = data.div(totals.replace(0.0, np.nan), axis=0).fillna(0.0) * 100.0 if percent else data
    colours = palette(data.shape[1])
    chars = label_chars(width, LABEL_SHARE)
    names = wrapped_labels(data.index, labels, chars)
    y, span = row_centres(names, ROW_HEIGHT)
    legend = [display_label(column, labels) for column in data.columns]
    room = figure_width(width) - label_width(names)
    rows_of_legend = legend_rows(legend, width=room)
    fig, ax = new_figure(
        width=width, height=height or 0.55 + ROW_HEIGHT * span + 0.16 * rows_of_legend
    )
    left = np.zeros(data.shape[0])
    for column, colour, name in zip(data.columns, colours, legend, strict=True):
        segment = values[column].to_numpy()
        ax.barh(y, segment, left=left, height=0.7, color=colour, label=name, linewidth=0)
        if counts:
            share = data[column].to_numpy() / np.where(totals > 0, totals, 1.0)
            for position, start, size, count, fraction in zip(
                y, left, segment, data[column], share, strict=True
            ):
                if count > 0 and fraction >= min_label_share:
                    ax.text(
                        start + size / 2.0,
                        position,
                        f"{int(count)}",
                        ha="center",
                        va="center",
                        color=text_color_on(colour),
                    )
        left += segment
    if counts:
        label_bar_ends(ax, y, left, [f"n = {int(total)}" for total in totals])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlim(0, 100 if percent else float(left.max()) * 1.05)
    within = f"Share within {data.index.name or 'row'} (%)"
    ax.set_xlabel(xlabel or (within if percent else "Count"))
    legend_above(ax, width=room)
    label_rows(ax, y, names, ROW_HEIGHT)
    if height is None:
        fit_height(fig, ax, ROW_HEIGHT)
    return fig


@styled
def plot_grouped_bars(
    table: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    percent: bool = True,
    counts: bool = True,
    width: Width = "single",
    height: float | None = None,
    xlabel: str | None = None,
) -> Figure:
    """For each table column (code) a cluster of horizontal bars, one per row (group).

    Bars give the code's share of the group's total (row percentage) and show the count.
    Long code labels are wrapped into 45% of the width; the figure is as high as they need.
    """
    data = _counts(table)
    totals = data.sum(axis=1)
    values = data.div(totals.replace(0.0, np.nan), axis=0).fillna(0.0) * 100.0 if percent else data
    groups = data.shape[0]
    colours = palette(groups)
    bar = 0.8 / groups
    chars = label_chars(width)
    names = wrapped_labels(data.columns, labels, chars)
    cluster = 0.12 * groups + 0.1  # inches per code (more if its label needs more lines)
    centres, span = row_centres(names, cluster)
    legend = [f"{display_label(row, labels)} (n = {int(total)})" for row, total in totals.items()]
    room = figure_width(width) - label_width(names)
    rows_of_legend = legend_rows(legend, width=room)
    fig, ax = new_figure(width=width, height=height or 0.5 + cluster * span + 0.16 * rows_of_legend)
    for index, (row, colour, name) in enumerate(zip(data.index, colours, legend, strict=True)):
        y = centres + 0.4 - bar * (index + 0.5)
        bars = ax.barh(y, values.loc[row].to_numpy(), height=bar * 0.92, color=colour, label=name)
        if counts:
            ax.bar_label(bars, labels=[f"{int(count)}" for count in data.loc[row]], padding=2)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.xaxis.grid(True)
    ax.set_xlim(0, float(values.to_numpy().max()) * 1.15 + 1.0)
    if percent:
        ax.set_xticks([tick for tick in ax.get_xticks() if 0 <= tick <= 100])
    within = f"Share within {data.index.name or 'row'} (%)"
    ax.set_xlabel(xlabel or (within if percent else "Count"))
    legend_above(ax, width=room)
    label_rows(ax, centres, names, cluster)
    if height is None:
        fit_height(fig, ax, cluster)
    return fig
