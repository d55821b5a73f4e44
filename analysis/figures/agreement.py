"""Inter-rater agreement per code: estimates with confidence intervals as a dot plot."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis._checks import require_columns
from analysis.figures.rows import (
    ROW_HEIGHT,
    fit_height,
    label_chars,
    label_rows,
    ordered_rows,
    row_centres,
    wrapped_labels,
)
from analysis.figures.style import MUTED_COLOR, OKABE_ITO, Width, new_figure, styled

MARKER_SIZE = 4.0  # points
# Axis labels of the coefficients of an agreement table (its `coefficient` column).
COEFFICIENT_LABELS = {
    "percent_agreement": "Percent agreement",
    "cohen_kappa": "Cohen's \u03ba",
    "scott_pi": "Scott's \u03c0",
    "fleiss_kappa": "Fleiss' \u03ba",
    "conger_kappa": "Conger's \u03ba",
    "krippendorff_alpha": "Krippendorff's \u03b1",
    "gwet_ac1": "Gwet's AC1",
    "gwet_ac2": "Gwet's AC2",
    "brennan_prediger": "Brennan-Prediger coefficient",
}


def coefficient_label(name: str) -> str:
    """How an axis names an agreement coefficient ("cohen_kappa" -> "Cohen's kappa")."""
    return COEFFICIENT_LABELS.get(name, name.replace("_", " ").capitalize())


def _value(value: float) -> str:
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


@styled
def plot_agreement(
    frame: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
    thresholds: Sequence[float] = (0.667, 0.8),
    xlabel: str = COEFFICIENT_LABELS["krippendorff_alpha"],
    values: bool = True,
    width: Width = "single",
    height: float | None = None,
) -> Figure:
    """Dots with CI lines per code (highest on top unless `order`), dashed threshold lines.

    `frame` has columns code, estimate, ci_low, ci_high (e.g. per-code kappa or alpha). Each
    value stands beside the end of its interval (or its dot), on white so threshold lines
    pass behind it; long code labels are wrapped and the figure is as high as they need.
    """
    require_columns(frame, ["code", "estimate", "ci_low", "ci_high"], name="frame")
    if frame.empty:
        raise ValueError("frame is empty")
    rows = ordered_rows(frame, order, "estimate")
    estimate = rows["estimate"].to_numpy(dtype=float)
    low = rows["ci_low"].to_numpy(dtype=float)
    high = rows["ci_high"].to_numpy(dtype=float)
    names = wrapped_labels(rows["code"], labels, label_chars(width))
    y, span = row_centres(names, ROW_HEIGHT)

    fig, ax = new_figure(width=width, height=height or 0.55 + ROW_HEIGHT * span)
    for threshold in thresholds:
        ax.axvline(threshold, color=MUTED_COLOR, linewidth=0.6, linestyle=(0, (3, 2)), zorder=1)
    ax.hlines(y, low, high, color=OKABE_ITO[0], linewidth=1.2, zorder=2)
    ax.plot(estimate, y, "o", color=OKABE_ITO[0], markersize=MARKER_SIZE, zorder=3)
    if values:
        ends = np.fmax(high, estimate)
        for position, end, value in zip(y, ends, estimate, strict=True):
            ax.annotate(
                _value(value),
                (end, position),
                xytext=(MARKER_SIZE / 2 + 2.5, 0),
                textcoords="offset points",
                va="center",
                zorder=4,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
            )
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    lowest = float(np.nanmin(np.concatenate([low, estimate])))
    left = min(0.0, lowest)
    ax.set_xlim(left - 0.03, 1.14 if values else 1.03)
    ax.set_xticks([tick for tick in np.arange(-1.0, 1.01, 0.2).round(1) if left <= tick <= 1.0])
    ax.spines["bottom"].set_bounds(left, 1.0)
    ax.set_ylim(-0.7, span - 0.3)
    ax.set_xlabel(xlabel)
    label_rows(ax, y, names, ROW_HEIGHT)
    if height is None:
        fit_height(fig, ax, ROW_HEIGHT)
    return fig
