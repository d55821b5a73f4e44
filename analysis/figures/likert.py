"""Diverging stacked bars of Likert items: disagreement left of zero, agreement right."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from analysis._labels import display_label
from analysis.figures.style import (
    Width,
    legend_rows,
    new_figure,
    styled,
    text_color_on,
)

NEUTRAL = "#bbbbbb"


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
    wrap: int = 48,
) -> Figure:
    """One bar per question (rows of `likert_summary`), centred on the scale's middle."""
    shares = summary[list(scale)].to_numpy(dtype="float64") * 100.0
    k = len(scale)
    half = k // 2
    middle = shares[:, half] / 2.0 if k % 2 else np.zeros(len(shares))
    left = -(shares[:, :half].sum(axis=1) + middle)
    colours = likert_colours(k)
    names = [
        textwrap.fill(display_label(q, labels), wrap) + f" (n={n})"
        for q, n in zip(summary["question"], summary["n"], strict=True)
    ]
    lines = sum(name.count("\n") + 1 for name in names)
    fig, ax = new_figure(
        width=width,
        height=height or 0.7 + 0.17 * lines + 0.16 * legend_rows(list(scale), width=width),
    )
    y = np.arange(len(summary))[::-1]
    start = left.copy()
    for j, (level, colour) in enumerate(zip(scale, colours, strict=True)):
        ax.barh(y, shares[:, j], left=start, height=0.7, color=colour, label=level, linewidth=0)
        for yi, x0, value in zip(y, start, shares[:, j], strict=True):
            if value >= 8:
                ax.text(
                    x0 + value / 2,
                    yi,
                    f"{value:.0f}",
                    ha="center",
                    va="center",
                    fontsize=6.5,
                    color=text_color_on(colour),
                )
        start = start + shares[:, j]
    ax.axvline(0, color="#222222", linewidth=0.6)
    ax.set_yticks(y, names)
    ax.set_xlim(-100, 100)
    ax.set_xticks([-100, -50, 0, 50, 100], ["100", "50", "0", "50", "100"])
    ax.set_xlabel("Respondents (%)")
    ax.tick_params(axis="y", length=0)
    handles, names_ = ax.get_legend_handles_labels()
    columns = -(-len(names_) // legend_rows(names_, width=width))
    fig.legend(handles, names_, loc="outside upper center", ncols=columns)
    return fig
