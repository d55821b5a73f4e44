"""Cross-tab heatmap: counts and row percentages, significant adjusted residuals marked."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analysis._labels import display_label
from analysis.associations import DOWN, UP, Association
from analysis.figures.style import (
    TEXT_COLOR,
    Width,
    cell_heatmap,
    new_figure,
    slant_column_labels,
    styled,
)


@styled
def plot_crosstab_heatmap(
    result: Association | pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    marks: bool = True,
    note: bool = True,
    cmap: str = "Blues",
    xlabel: str | None = None,
    ylabel: str | None = None,
    width: Width = "single",
    height: float | None = None,
) -> Figure:
    """Cross-tab heatmap coloured by row percentage, each cell annotated with count and percent.

    For an `Association`, cells whose adjusted residual is significantly above (↑) or
    below (↓) independence are marked and outlined, with a title line explaining the marks.
    """
    table = result.table if isinstance(result, Association) else result
    association = result if isinstance(result, Association) and marks else None
    counts = table.to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.nan_to_num(100.0 * counts / counts.sum(axis=1, keepdims=True))
    signs = (
        association.marks().to_numpy(dtype=object)
        if association is not None
        else np.full(counts.shape, "", dtype=object)
    )
    text = np.array(
        [
            [f"{int(count)}{sign}\n{share:.1f}%" for count, sign, share in zip(*cells, strict=True)]
            for cells in zip(counts, signs, shares, strict=True)
        ],
        dtype=object,
    )
    rows, columns = counts.shape
    longest = max((len(display_label(c, labels)) for c in table.columns), default=0)
    # two text lines per cell, plus room for the column labels rotated by 30 degrees
    fig, ax = new_figure(width=width, height=height or 0.8 + 0.42 * rows + 0.035 * longest)
    cell_heatmap(
        ax,
        pd.DataFrame(shares, index=table.index, columns=table.columns),
        annot=text,
        fontsize=8,
        cmap=cmap,
        vmin=0.0,
        vmax=100.0,
    )
    if association is not None:
        for i, j in zip(*np.nonzero(association.significant.to_numpy()), strict=True):
            ax.add_patch(
                Rectangle(
                    (j + 0.04, i + 0.04),
                    0.92,
                    0.92,
                    fill=False,
                    edgecolor=TEXT_COLOR,
                    linewidth=1.0,
                )
            )
    ax.set_xticks(np.arange(columns) + 0.5, [display_label(c, labels) for c in table.columns])
    ax.set_yticks(np.arange(rows) + 0.5, [display_label(r, labels) for r in table.index])
    ax.tick_params(axis="y", labelrotation=0)
    slant_column_labels(ax, 30)
    ax.set_xlabel(xlabel if xlabel is not None else str(table.columns.name or ""))
    ax.set_ylabel(ylabel if ylabel is not None else str(table.index.name or ""))
    if association is not None and note:
        threshold = association.residual_threshold
        ax.set_title(
            f"Row %. Boxed {UP}/{DOWN}: adjusted residual beyond \u00b1{threshold:.2f}",
            fontsize=8,
            loc="left",
        )
    return fig
