"""Row labels of horizontal figures: wrapped into a share of the width, rows as high as their
lines need, and a figure grown until its rows fit, so that long labels never overlap."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis._labels import display_label
from analysis.figures.style import Width, figure_width

LINE_HEIGHT = 8 * 1.2 / 72  # inches per line of 8-pt text at matplotlib's line spacing
ROW_GAP = 0.06  # inches at least between the labels of neighbouring rows
CHAR_WIDTH = 0.065  # inches per character of 8-pt DejaVu Sans, a little above its mean
LABEL_SHARE = 0.45  # the most of the figure width that row labels take
ROW_HEIGHT = 0.2  # inches per row (more if its label needs more lines)


def label_chars(width: Width, share: float = LABEL_SHARE) -> int:
    """How many characters of 8-pt text fit on one line in `share` of the figure width."""
    return max(12, int(figure_width(width) * share / CHAR_WIDTH))


class _LabelWrapper(textwrap.TextWrapper):
    """Breaks lines at spaces and after slashes ("Deep/Machine"), long words if it must."""

    wordsep_simple_re = re.compile(r"(\s+|(?<=/)(?=[^\s/]))")


def wrap_label(text: str, chars: int) -> str:
    """`text` on as few lines of at most `chars` characters as it needs, lines of even length.

    Its own line breaks become spaces: "Reporter type (round 2)" in 21 characters is
    "Reporter type" over "(round 2)", not "Reporter type (round" over "2)".
    """
    flat = " ".join(str(text).split())
    lines = _LabelWrapper(width=chars, break_on_hyphens=False).wrap(flat) or [str(text)]
    for narrower in range(-(-len(flat) // len(lines)), chars):
        wrapper = _LabelWrapper(width=narrower, break_on_hyphens=False, break_long_words=False)
        even = wrapper.wrap(flat)
        if len(even) == len(lines) and max(len(line) for line in even) <= narrower:
            return "\n".join(even)
    return "\n".join(lines)


def wrapped_labels(
    codes: Iterable[object], labels: Mapping[str, str] | None, chars: int
) -> list[str]:
    """The display labels of these codes, each wrapped into lines of at most `chars`."""
    return [wrap_label(display_label(code, labels), chars) for code in codes]


def ordered_rows(frame: pd.DataFrame, order: Sequence[str] | None, largest: str) -> pd.DataFrame:
    """The rows of the codes in `order`, in that order (others left out); without `order`,
    the rows by `largest` (largest first), ties by code."""
    if order is None:
        return frame.sort_values([largest, "code"], ascending=[False, True], kind="stable")
    position = {code: index for index, code in enumerate(order)}
    rows = frame[frame["code"].isin(position)]
    return rows.iloc[np.argsort([position[code] for code in rows["code"]], kind="stable")]


def label_width(names: Sequence[str]) -> float:
    """About how many inches the widest of these (wrapped) row labels takes, with its tick pad."""
    longest = max((len(line) for name in names for line in name.split("\n")), default=0)
    return longest * CHAR_WIDTH + 0.1


def row_centres(labels: Sequence[str], row_height: float) -> tuple[np.ndarray, float]:
    """y of each labelled row (first on top) and the rows' total height, in rows.

    A row is `row_height` inches, or what its label's lines need if they need more, so that
    neighbouring labels never overlap; one-line labels give 0, 1, 2, ... from the bottom.
    """
    lines = np.array([label.count("\n") + 1 for label in labels], dtype=float)
    pitch = np.maximum(1.0, (lines * LINE_HEIGHT + ROW_GAP) / row_height)
    total = float(pitch.sum())
    return total - 0.5 - (np.cumsum(pitch) - pitch / 2), total


def label_rows(ax: Axes, y: np.ndarray, names: Sequence[str], row_height: float) -> None:
    """Put `names` at `y` as tick labels, widening the y range where a tall label needs it.

    Call it once everything is drawn on `ax`: the range it widens is the one drawn so far.
    """
    ax.set_yticks(y, names)
    lines = np.array([name.count("\n") + 1 for name in names])
    half = (lines * LINE_HEIGHT + ROW_GAP) / 2 / row_height
    low, high = ax.get_ylim()
    ax.set_ylim(min(low, float((y - half).min())), max(high, float((y + half).max())))


def fit_height(fig: Figure, ax: Axes, row_height: float) -> None:
    """Grow the figure until each y unit of `ax` is at least `row_height` inches (after layout)."""
    fig.draw_without_rendering()
    low, high = ax.get_ylim()
    shown = ax.get_position().height * fig.get_figheight()
    needed = abs(high - low) * row_height
    if shown < needed:
        fig.set_figheight(fig.get_figheight() + needed - shown)
        fig.draw_without_rendering()


def label_bar_ends(
    ax: Axes, y: Iterable[float], ends: Iterable[float], texts: Iterable[str]
) -> None:
    """Write each text just right of the end of its row's bar, centred on the row."""
    for position, end, text in zip(y, ends, texts, strict=True):
        ax.annotate(text, (end, position), xytext=(3, 0), textcoords="offset points", va="center")
