"""Recall curves of a screening simulation: the model's against random reading, over seeds."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis.figures.style import MUTED_COLOR, OKABE_ITO, Width, new_figure, styled

RANDOM = "random"
"""The method name of random reading: the baseline, drawn grey and dashed, last in the legend."""


@styled
def plot_recall_curves(
    curves: pd.DataFrame,
    *,
    title: str | None = None,
    width: Width = "single",
    height: float = 2.6,
) -> Figure:
    """Mean recall per share of records read, per method, with the range over seeds shaded.

    Models get the Okabe-Ito colours in their order; random reading is drawn last, grey and dashed.

    `curves` has columns method, seed, read (records read, from 1) and recall.
    """
    fig, ax = new_figure(width=width, height=height)
    total = int(curves["read"].max())
    groups = [(str(method), frame) for method, frame in curves.groupby("method", sort=False)]
    models = [group for group in groups if group[0] != RANDOM]
    baseline = [group for group in groups if group[0] == RANDOM]
    colours = [*OKABE_ITO[: len(models)], MUTED_COLOR]
    for colour, (method, frame) in zip(colours, [*models, *baseline], strict=False):
        per_read = frame.groupby("read")["recall"]
        x = per_read.mean().index.to_numpy() / total
        seeds = frame["seed"].nunique()
        ax.plot(
            x,
            per_read.mean().to_numpy(),
            color=colour,
            linestyle="--" if method == RANDOM else "-",
            label=f"{method} (mean of {seeds})",
        )
        ax.fill_between(
            x, per_read.min().to_numpy(), per_read.max().to_numpy(), color=colour, alpha=0.2
        )
    ax.axhline(0.95, color=MUTED_COLOR, linewidth=0.6, linestyle=":")
    ax.text(0.45, 0.93, "95% recall", ha="left", va="top", fontsize=7, color=MUTED_COLOR)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(f"Share of the {total:,} records read (priors left out)")
    ax.set_ylabel("Recall")
    if title:
        ax.set_title(title, fontsize=8, loc="left", wrap=True)
    ax.legend(loc="lower right")
    return fig
