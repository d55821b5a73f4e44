"""Technique comparison figures: A12 per subject and technique, and the runs per subject."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from analysis._checks import require_columns
from analysis.figures.rows import CHAR_WIDTH, label_chars, wrap_label
from analysis.figures.style import (
    MUTED_COLOR,
    TEXT_COLOR,
    Width,
    figure_width,
    new_figure,
    palette,
    styled,
)
from analysis.techniques.paper import ROLE_ORDER

PANEL_COLUMNS = {"single": 2, "double": 4}


def _pack(chunks: list[str], chars: int) -> list[str]:
    lines = [""]
    for chunk in chunks:
        if lines[-1] and len(lines[-1]) + len(chunk) > chars:
            lines.append("")
        lines[-1] += chunk
    return lines


def _hyphen_wrap(text: str, chars: int) -> str:
    """Names such as 'vgg16-cifar10-lr-too-high' broken after hyphens (or spaces) into lines of
    at most `chars` characters where a piece allows, as even in length as the lines allow."""
    chunks = re.findall(r"[^-\s]*(?:-|\s+|$)", text)
    chunks = [chunk for chunk in chunks if chunk]
    lines = _pack(chunks, chars)
    for narrower in range(-(-len(text) // len(lines)), chars):
        even = _pack(chunks, narrower)
        if len(even) == len(lines):
            lines = even
            break
    return "\n".join(line.strip() for line in lines)


def _subject_names(frame: pd.DataFrame, groups: Sequence[str]) -> pd.Series:
    return frame[list(groups)].astype(str).agg(" / ".join, axis=1)


@styled
def plot_a12_heatmap(
    comparison: pd.DataFrame,
    *,
    against: str = "reference",
    groups: Sequence[str] = ("subject",),
    width: Width = "single",
) -> Figure:
    """A12 of each technique against the reference (or baseline) per subject: blue better, red
    worse, 0.5 white; a star where the technique is significantly better (corrected)."""
    require_columns(comparison, [*groups, "technique", f"a12_{against}", f"better_{against}"],
                    name="comparison")  # fmt: skip
    tested = comparison[comparison[f"a12_{against}"].notna()].copy()
    if tested.empty:
        raise ValueError(f"no technique was compared with the {against}")
    tested["subject name"] = _subject_names(tested, groups)
    a12 = tested.pivot(index="subject name", columns="technique", values=f"a12_{against}")
    if "role" in tested:  # the paper table's order: the techniques, then the baseline
        roles = dict(zip(tested["technique"].astype(str), tested["role"].astype(str), strict=True))
        a12 = a12[sorted(a12.columns, key=lambda t: (ROLE_ORDER.get(roles[str(t)], 2), str(t)))]
    better = tested.pivot(index="subject name", columns="technique", values=f"better_{against}")
    better = better.fillna(False).astype(bool)
    rows, columns = a12.shape
    marked = better.reindex_like(a12).fillna(False).to_numpy()
    text = np.array(
        [
            [
                "" if np.isnan(v) else f"{v:.2f}" + ("*" if m else "")
                for v, m in zip(r, ms, strict=True)
            ]
            for r, ms in zip(a12.to_numpy(), marked, strict=True)
        ],
        dtype=object,
    )
    longest = max(len(str(c)) for c in a12.columns)
    chars = label_chars(width, 0.4)
    names = [_hyphen_wrap(str(r), chars) for r in a12.index]
    most = max(name.count("\n") + 1 for name in names)
    height = 0.8 + rows * max(0.24, 0.135 * most + 0.03) + 0.065 * min(longest, 16)
    fig, ax = new_figure(width=width, height=height)
    sns.heatmap(
        a12,
        ax=ax,
        cmap="RdBu",
        center=0.5,
        vmin=0.0,
        vmax=1.0,
        annot=text,
        fmt="",
        annot_kws={"fontsize": 7},
        cbar=False,
        linewidths=0.5,
        linecolor="white",
    )
    ax.set_xticks(np.arange(columns) + 0.5, [wrap_label(str(c), 16) for c in a12.columns])
    ax.set_yticks(np.arange(rows) + 0.5, names)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", labelrotation=90)
    ax.tick_params(axis="y", labelrotation=0)
    ax.set_xlabel("")
    ax.set_ylabel("")
    title = (
        f"A12 against the {against}: blue better, red worse; *: significantly better (corrected)"
    )
    fig.suptitle(wrap_label(title, label_chars(width, 0.95)), x=0.02, ha="left", fontsize=8)
    return fig


@styled
def plot_runs(
    runs: pd.DataFrame,
    *,
    order: Sequence[str],
    groups: Sequence[str] = ("subject",),
    metric: str = "value",
    width: Width = "double",
) -> Figure:
    """One panel per subject: a box of each technique's runs with the runs as points on it
    (jittered sideways by a seeded generator)."""
    require_columns(runs, [*groups, "technique", "value"], name="runs")
    data = runs.assign(**{"subject name": _subject_names(runs, groups)})
    subjects = sorted(data["subject name"].unique())
    per_row = PANEL_COLUMNS.get(str(width), max(1, int(figure_width(width) // 1.8)))
    per_row = min(per_row, len(subjects))
    lines = math.ceil(len(subjects) / per_row)
    longest = max(len(str(t)) for t in order)
    label_room = 0.06 * min(longest, 20)
    fig = Figure(
        figsize=(figure_width(width), lines * (1.35 + label_room) + 0.3), layout="constrained"
    )
    axes = fig.subplots(lines, per_row, squeeze=False)
    colours = dict(zip(order, palette(len(order)), strict=True))
    title_chars = max(10, int(0.75 * figure_width(width) / per_row / CHAR_WIDTH))
    for at, subject in enumerate(subjects):
        ax = axes[at // per_row][at % per_row]
        shown = data[data["subject name"] == subject]
        sns.boxplot(shown, x="technique", y="value", order=list(order), ax=ax, hue="technique",
                    palette=colours, width=0.6, fliersize=0, linewidth=0.6, legend=False,
                    boxprops={"alpha": 0.45})  # fmt: skip
        jitter = np.random.default_rng(at)  # seeded: the figure is the same byte for byte
        for place, technique in enumerate(order):
            values = shown.loc[shown["technique"] == technique, "value"].to_numpy()
            spread = jitter.uniform(-0.18, 0.18, values.size)
            ax.scatter(place + spread, values, s=4.0, color=TEXT_COLOR, alpha=0.8, linewidths=0)
        ax.set_title(_hyphen_wrap(subject, title_chars), fontsize=8, loc="left")
        ax.set_xlabel("")
        ax.set_ylabel(metric if at % per_row == 0 else "")
        bottom = at + per_row >= len(subjects)
        ax.tick_params(axis="x", labelrotation=45, labelsize=7, labelbottom=bottom)
        for tick in ax.get_xticklabels():
            tick.set_horizontalalignment("right")
            tick.set_rotation_mode("anchor")
        ax.tick_params(axis="y", labelsize=7)
        ax.grid(axis="y", color="#e5e5e5", linewidth=0.5)
    for at in range(len(subjects), lines * per_row):
        axes[at // per_row][at % per_row].set_visible(False)
    for ax in fig.axes:
        for spine in ("left", "bottom"):
            ax.spines[spine].set_color(MUTED_COLOR)
    return fig
