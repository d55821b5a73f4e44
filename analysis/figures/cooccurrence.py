"""Code co-occurrence heatmap: segments coded with both codes, lower triangle with the diagonal."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analysis._labels import display_label
from analysis.figures.style import Width, cell_heatmap, new_figure, slant_column_labels, styled


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
    cell_heatmap(
        ax,
        pd.DataFrame(counts, index=names, columns=names),
        annot=np.where(mask, "", counts.astype(int).astype(str)),
        fontsize=7,
        mask=mask,
        cmap=cmap,
        vmin=0,
        vmax=max(off.max() if off.size else 1.0, 1.0),
    )
    for k in range(size):
        ax.add_patch(
            Rectangle(
                (k, k), 1, 1, fill=True, facecolor="#eeeeee", edgecolor="white", linewidth=0.5
            )
        )
        ax.text(k + 0.5, k + 0.5, str(int(counts[k, k])), ha="center", va="center", fontsize=7)
    slant_column_labels(ax, 35)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title("Segments coded with both (diagonal: with the code)", fontsize=8, loc="left")
    return fig
