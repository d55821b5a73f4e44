"""Stacked and grouped bars of a count table (rows: groups such as repositories; columns: codes)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis._labels import display_label
from analysis.figures.style import (
    Width,
    legend_above,
    legend_rows,
    new_figure,
    palette,
    styled,
    text_color_on,
)


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
    """
    data = _counts(table)
    totals = data.sum(axis=1)
    values = data.div(totals.replace(0.0, np.nan), axis=0).fillna(0.0) * 100.0 if percent else data
    colours = palette(data.shape[1])
    y = np.arange(data.shape[0])[::-1]
    legend = [display_label(column, labels) for column in data.columns]
    rows_of_legend = legend_rows(legend, width=width)
    fig, ax = new_figure(
        width=width, height=height or 0.55 + 0.2 * data.shape[0] + 0.16 * rows_of_legend
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
        for position, end, total in zip(y, left, totals, strict=True):
            ax.annotate(
                f"n = {int(total)}",
                (end, position),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
            )
    ax.set_yticks(y, [display_label(row, labels) for row in data.index])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlim(0, 100 if percent else float(left.max()) * 1.05)
    within = f"Share within {data.index.name or 'row'} (%)"
    ax.set_xlabel(xlabel or (within if percent else "Count"))
    legend_above(ax, width=width)
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
    """
    data = _counts(table)
    totals = data.sum(axis=1)
    values = data.div(totals.replace(0.0, np.nan), axis=0).fillna(0.0) * 100.0 if percent else data
    groups, codes = data.shape
    colours = palette(groups)
    bar = 0.8 / groups
    centres = np.arange(codes)[::-1]
    legend = [f"{display_label(row, labels)} (n = {int(total)})" for row, total in totals.items()]
    rows_of_legend = legend_rows(legend, width=width)
    fig, ax = new_figure(
        width=width, height=height or 0.5 + (0.12 * groups + 0.1) * codes + 0.16 * rows_of_legend
    )
    for index, (row, colour, name) in enumerate(zip(data.index, colours, legend, strict=True)):
        y = centres + 0.4 - bar * (index + 0.5)
        bars = ax.barh(y, values.loc[row].to_numpy(), height=bar * 0.92, color=colour, label=name)
        if counts:
            ax.bar_label(bars, labels=[f"{int(count)}" for count in data.loc[row]], padding=2)
    ax.set_yticks(centres, [display_label(code, labels) for code in data.columns])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.xaxis.grid(True)
    ax.set_xlim(0, float(values.to_numpy().max()) * 1.15 + 1.0)
    if percent:
        ax.set_xticks([tick for tick in ax.get_xticks() if 0 <= tick <= 100])
    within = f"Share within {data.index.name or 'row'} (%)"
    ax.set_xlabel(xlabel or (within if percent else "Count"))
    legend_above(ax, width=width)
    return fig
