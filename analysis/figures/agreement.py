"""Inter-rater agreement per code: estimates with confidence intervals as a dot plot."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis._checks import require_columns
from analysis._labels import display_label
from analysis.figures.style import MUTED_COLOR, OKABE_ITO, Width, new_figure, styled


@styled
def plot_agreement(
    frame: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
    thresholds: Sequence[float] = (0.667, 0.8),
    xlabel: str = "Krippendorff's \u03b1",
    values: bool = True,
    width: Width = "single",
    height: float | None = None,
) -> Figure:
    """Dots with CI lines per code (highest on top unless `order`), dashed threshold lines.

    `frame` has columns code, estimate, ci_low, ci_high (e.g. per-code kappa or alpha).
    """
    require_columns(frame, ["code", "estimate", "ci_low", "ci_high"], name="frame")
    if frame.empty:
        raise ValueError("frame is empty")
    if order is not None:
        position = {code: index for index, code in enumerate(order)}
        rows = frame[frame["code"].isin(position)]
        rows = rows.iloc[np.argsort([position[code] for code in rows["code"]], kind="stable")]
    else:
        rows = frame.sort_values(["estimate", "code"], ascending=[False, True], kind="stable")
    estimate = rows["estimate"].to_numpy(dtype=float)
    low = rows["ci_low"].to_numpy(dtype=float)
    high = rows["ci_high"].to_numpy(dtype=float)
    y = np.arange(len(rows))[::-1]

    fig, ax = new_figure(width=width, height=height or 0.55 + 0.2 * len(rows))
    for threshold in thresholds:
        ax.axvline(threshold, color=MUTED_COLOR, linewidth=0.6, linestyle=(0, (3, 2)), zorder=1)
    ax.hlines(y, low, high, color=OKABE_ITO[0], linewidth=1.2, zorder=2)
    ax.plot(estimate, y, "o", color=OKABE_ITO[0], markersize=4, zorder=3)
    if values:
        for position, end, value in zip(y, np.fmax(high, estimate), estimate, strict=True):
            ax.annotate(
                f"{value:.2f}",
                (end, position),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
            )
    ax.set_yticks(y, [display_label(code, labels) for code in rows["code"]])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    left = min(0.0, float(np.nanmin(low)))
    ax.set_xlim(left, 1.12 if values else 1.0)
    ax.set_xticks([tick for tick in ax.get_xticks() if left <= tick <= 1.0])
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlabel(xlabel)
    return fig
