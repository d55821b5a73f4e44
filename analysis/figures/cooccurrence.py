"""Code co-occurrence heatmap: segments coded with both codes, lower triangle with the diagonal."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analysis._labels import display_label
from analysis.figures.style import Width, new_figure, styled


@styled
def plot_cooccurrence(
    table: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    cmap: str = "Blues",
    width: Width = "single",
    height: float | None = None,
) -> Figure:
    """Counts of segments coded with both codes; the diagonal is each code's own segments."""
    counts = table.to_numpy(dtype="float64")
    size = counts.shape[0]
    mask = np.triu(np.ones_like(counts, dtype=bool), k=1)
    off = counts[~mask & ~np.eye(size, dtype=bool)]
    fig, ax = new_figure(width=width, height=height or 0.9 + 0.3 * size)
    names = [display_label(c, labels) for c in table.index]
    sns.heatmap(
        pd.DataFrame(counts, index=names, columns=names),
        mask=mask,
        ax=ax,
        cmap=cmap,
        vmin=0,
        vmax=max(off.max() if off.size else 1.0, 1.0),
        annot=np.where(mask, "", counts.astype(int).astype(str)),
        fmt="",
        annot_kws={"fontsize": 7},
        cbar=False,
        linewidths=0.5,
        linecolor="white",
        square=False,
    )
    for k in range(size):
        ax.add_patch(
            Rectangle(
                (k, k), 1, 1, fill=True, facecolor="#eeeeee", edgecolor="white", linewidth=0.5
            )
        )
        ax.text(k + 0.5, k + 0.5, str(int(counts[k, k])), ha="center", va="center", fontsize=7)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", labelrotation=35)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
        tick.set_rotation_mode("anchor")
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title("Segments coded with both (diagonal: with the code)", fontsize=8, loc="left")
    return fig
