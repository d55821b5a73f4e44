"""What fixing defects took, per defect type: lines changed per fix and days to the fixing
commit (boxes with every fix as a point), and the share of fixes touching each DL component."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from analysis._checks import require_columns
from analysis.figures.rows import label_chars, wrap_label
from analysis.figures.style import (
    MUTED_COLOR,
    OKABE_ITO,
    TEXT_COLOR,
    Width,
    cell_heatmap,
    figure_width,
    slant_column_labels,
    styled,
)
from analysis.fixes import component_shares

JITTER_SEED = 20260115
FLOOR = 0.1  # the log axes start here; smaller values (a fix before its report) are drawn here
WIDE = 5.0  # inches from which the three panels stand side by side


@styled
def plot_fixes(
    fixed: pd.DataFrame,
    *,
    order: Sequence[str],
    labels: Mapping[str, str] | None = None,
    width: Width = "double",
) -> Figure:
    """Three panels of the defect-type rows: lines changed per fix (log scale), days from the
    report to the first fixing commit (log scale), and the share of fixes touching each
    component; side by side sharing the row labels (double width), or one above the other
    (narrower figures)."""
    require_columns(fixed, ["type", "lines", "days_to_fix", "components"], name="fixed")
    rows = [t for t in order if (fixed["type"] == t).any()]
    if not rows:
        raise ValueError("no fixed issue has a type in `order`")
    shares = component_shares(fixed, rows)
    wide = figure_width(width) >= WIDE
    chars = label_chars(width, 0.17 if wide else 0.3)
    names = [wrap_label((labels or {}).get(t, t), chars) for t in rows]
    counts = [int((fixed["type"] == t).sum()) for t in rows]
    names = [f"{name}\n(n = {n})" for name, n in zip(names, counts, strict=True)]
    lines_per_row = max(name.count("\n") + 1 for name in names)
    row_height = max(0.34, 0.135 * lines_per_row + 0.08)
    longest = max(len(str(c)) for c in shares.columns)
    panel = len(rows) * row_height
    columns_room = 0.055 * min(longest, 16)
    if wide:
        fig = Figure(
            figsize=(figure_width(width), 0.9 + panel + columns_room), layout="constrained"
        )
        axes = fig.subplots(1, 3, width_ratios=[1.0, 1.0, 0.25 + 0.22 * len(shares.columns)])
        shown = [names, [""] * len(rows), [""] * len(rows)]
    else:
        height = 1.4 + 3 * panel + columns_room
        fig = Figure(figsize=(figure_width(width), height), layout="constrained")
        axes = fig.subplots(3, 1, height_ratios=[panel, panel, panel + columns_room])
        shown = [names, names, names]
    _boxes(axes[0], fixed, rows, "lines", "Lines changed per fix")
    _boxes(axes[1], fixed, rows, "days_to_fix", "Days from report to fix")
    axes[0].set_yticks(np.arange(len(rows)), shown[0])
    axes[1].set_yticks(np.arange(len(rows)), shown[1])
    text = shares.map(lambda v: f"{v:.0%}" if v > 0 else "")
    cell_heatmap(
        axes[2], shares, annot=text.to_numpy(), fontsize=7 if wide else 6, cmap="Blues", vmin=0,
        vmax=1,
    )  # fmt: skip
    values = shares.to_numpy(dtype=float)
    for label in axes[2].texts:
        x, y = label.get_position()
        label.set_color("white" if values[int(y), int(x)] > 0.55 else TEXT_COLOR)
    axes[2].set_yticks(np.arange(len(rows)) + 0.5, shown[2], rotation=0)
    axes[2].set_xticks(
        np.arange(len(shares.columns)) + 0.5,
        [wrap_label(str(c).replace("_", " "), 14) for c in shares.columns],
    )
    slant_column_labels(axes[2], 45)
    axes[2].set_xlabel("")
    axes[2].set_ylabel("")
    axes[2].set_title("Fixes touching a component", loc="left")
    return fig


def _boxes(ax: Axes, fixed: pd.DataFrame, rows: list[str], column: str, title: str) -> None:
    """Horizontal boxes of one positive measure per row on a log axis, each fix as a point."""
    rng = np.random.default_rng(JITTER_SEED)
    raw = [fixed.loc[fixed["type"] == t, column].dropna().to_numpy(dtype=float) for t in rows]
    low = sum(int((values < FLOOR).sum()) for values in raw)
    data = [values.clip(min=FLOOR) for values in raw]
    ax.boxplot(
        data,
        positions=np.arange(len(rows)),
        orientation="horizontal",
        widths=0.55,
        showfliers=False,
        medianprops={"color": OKABE_ITO[3], "linewidth": 1.2},
        boxprops={"linewidth": 0.7},
        whiskerprops={"linewidth": 0.7},
        capprops={"linewidth": 0.7},
    )
    for i, values in enumerate(data):
        jitter = rng.uniform(-0.18, 0.18, size=len(values))
        ax.scatter(values, i + jitter, s=5, color=OKABE_ITO[0], alpha=0.6, linewidths=0)
    ax.set_xscale("log")
    values = np.concatenate(data) if data else np.array([1.0])
    decades = np.log10(values.max() / values.min()) if values.size else 0.0
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0,) if decades > 2 else (1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.grid(axis="x", which="major")
    ax.tick_params(axis="y", length=0)
    ax.set_title(title, loc="left")
    if low:
        ax.set_xlabel(f"{low} below {FLOOR:g} (or negative) drawn at {FLOOR:g}", fontsize=7)
        ax.xaxis.label.set_color(MUTED_COLOR)
