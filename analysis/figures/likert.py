"""Diverging stacked bars of Likert items: disagreement left of zero, agreement right."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text

from analysis._labels import display_label
from analysis.figures.rows import fit_height, label_chars, label_rows, row_centres, wrap_label
from analysis.figures.style import (
    Width,
    legend_rows,
    new_figure,
    styled,
    text_color_on,
)

NEUTRAL = "#bbbbbb"
ROW_HEIGHT = 0.3  # inches per question (more if its label needs more lines)
LABEL_SHARE = 0.4  # the questions' share of the width, a little less than other labels get


def likert_colours(levels: int) -> list[str]:
    """A colour-blind-safe diverging palette (PuOr) with a grey middle for odd scales."""
    cmap = colormaps["PuOr"]
    positions = np.linspace(0.1, 0.9, levels)
    colours = [to_hex(cmap(float(p))) for p in positions]
    if levels % 2:
        colours[levels // 2] = NEUTRAL
    return colours[::-1]


@styled
def plot_likert(
    summary: pd.DataFrame,
    scale: Sequence[str],
    *,
    labels: Mapping[str, str] | None = None,
    width: Width = "double",
    height: float | None = None,
    wrap: int | None = None,
) -> Figure:
    """One bar per question (rows of `likert_summary`), centred on the scale's middle.

    Questions are wrapped to `wrap` characters (default: what 40% of the width holds) and the
    figure is as high as they need; a share too narrow for its number is left unlabelled.
    """
    shares = summary[list(scale)].to_numpy(dtype="float64") * 100.0
    k = len(scale)
    half = k // 2
    middle = shares[:, half] / 2.0 if k % 2 else np.zeros(len(shares))
    left = -(shares[:, :half].sum(axis=1) + middle)
    colours = likert_colours(k)
    chars = wrap or label_chars(width, LABEL_SHARE)
    names = [
        wrap_label(f"{display_label(q, labels)} (n={n})", chars)
        for q, n in zip(summary["question"], summary["n"], strict=True)
    ]
    y, rows = row_centres(names, ROW_HEIGHT)
    fig, ax = new_figure(
        width=width,
        height=height or 0.75 + ROW_HEIGHT * rows + 0.16 * legend_rows(list(scale), width=width),
    )
    start = left.copy()
    numbers = []
    for j, (level, colour) in enumerate(zip(scale, colours, strict=True)):
        ax.barh(y, shares[:, j], left=start, height=0.7, color=colour, label=level, linewidth=0)
        for yi, x0, value in zip(y, start, shares[:, j], strict=True):
            if value > 0:
                text = ax.text(
                    x0 + value / 2,
                    yi,
                    f"{value:.0f}",
                    ha="center",
                    va="center",
                    fontsize=6.5,
                    color=text_color_on(colour),
                )
                numbers.append((text, x0, value, yi))
        start = start + shares[:, j]
    ax.axvline(0, color="#222222", linewidth=0.6)
    ax.set_xlim(-100, 100)
    ax.set_xticks([-100, -50, 0, 50, 100], ["100", "50", "0", "50", "100"])
    ax.set_xlabel("Respondents (%)")
    ax.tick_params(axis="y", length=0)
    handles, names_ = ax.get_legend_handles_labels()
    columns = -(-len(names_) // legend_rows(names_, width=width))
    fig.legend(handles, names_, loc="outside upper center", ncols=columns)
    label_rows(ax, y, names, ROW_HEIGHT)
    if height is None:
        fit_height(fig, ax, ROW_HEIGHT)
    else:
        fig.draw_without_rendering()
    _drop_crowded_numbers(ax, numbers)
    return fig


def _drop_crowded_numbers(ax: Axes, numbers: list[tuple[Text, float, float, float]]) -> None:
    """Remove each share's number that is wider than its segment (with a point either side)."""
    padding = 2 * ax.figure.dpi / 72
    for text, x0, value, y in numbers:
        (start, _), (end, _) = ax.transData.transform([(x0, y), (x0 + value, y)])
        if text.get_window_extent().width + padding > end - start:
            text.remove()
