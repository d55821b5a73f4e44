"""Saturation curve: new codes per successive interview, the running total, the stopping point."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.figures.style import MUTED_COLOR, OKABE_ITO, Width, new_figure, styled
from analysis.saturation import Saturation


@styled
def plot_saturation(
    curve: pd.DataFrame,
    saturation: Saturation | None = None,
    *,
    width: Width = "single",
    height: float = 2.2,
) -> Figure:
    """Bars of new codes per interview, a line of cumulative codes, and the saturation point."""
    fig, ax = new_figure(width=width, height=height)
    x = np.arange(1, len(curve) + 1)
    ax.bar(x, curve["new_codes"], width=0.6, color=OKABE_ITO[0], label="New codes")
    ax.plot(x, curve["cumulative"], marker="o", color=OKABE_ITO[1], label="Codes so far")
    for xi, total in zip(x, curve["cumulative"], strict=True):
        ax.annotate(
            str(int(total)),
            (xi, total),
            textcoords="offset points",
            xytext=(0, 4),
            ha="center",
            fontsize=7,
            color=MUTED_COLOR,
        )
    if saturation is not None:
        ax.axvline(saturation.base + 0.5, color=MUTED_COLOR, linewidth=0.6, linestyle=":")
        ax.text(
            saturation.base + 0.45,
            0.02,
            "base ",
            transform=ax.get_xaxis_transform(),
            fontsize=7,
            color=MUTED_COLOR,
            va="bottom",
            ha="right",
        )
        if saturation.saturated_at is not None:
            ax.axvline(saturation.saturated_at + 0.5, color=OKABE_ITO[3], linewidth=1.0)
        ax.set_title(saturation.summary(), fontsize=7, loc="left", wrap=True)
    ax.set_xticks(x, list(curve["participant_id"]))
    ax.set_xlabel("Interview (in order)")
    ax.set_ylabel("Codes")
    ax.set_ylim(0, max(curve["cumulative"].max(), 1) * 1.18)
    ax.legend(loc="center right")
    return fig
