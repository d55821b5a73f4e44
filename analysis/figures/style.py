"""One paper style for all figures: column widths, print-size fonts, colour-blind-safe palette."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, ParamSpec

import matplotlib as mpl
import pandas as pd
import seaborn as sns
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

SINGLE_COLUMN = 3.5
DOUBLE_COLUMN = 7.16

OKABE_ITO = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#56B4E9",
    "#CC79A7",
    "#F0E442",
    "#000000",
)

TEXT_COLOR = "#222222"
MUTED_COLOR = "#555555"

Width = Literal["single", "double"] | float

PAPER_RC: dict[RcKeyType, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "mathtext.fontset": "dejavusans",
    "text.usetex": False,
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.title_fontsize": 8,
    "figure.titlesize": 9,
    "text.color": TEXT_COLOR,
    "axes.labelcolor": TEXT_COLOR,
    "xtick.color": TEXT_COLOR,
    "ytick.color": TEXT_COLOR,
    "axes.edgecolor": TEXT_COLOR,
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=list(OKABE_ITO)),
    "axes.axisbelow": True,
    "axes.grid": False,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.5,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.major.size": 2.5,
    "ytick.major.size": 2.5,
    "lines.linewidth": 1.2,
    "lines.markersize": 4,
    "legend.frameon": False,
    "legend.handlelength": 1.2,
    "legend.handletextpad": 0.4,
    "legend.columnspacing": 1.0,
    "figure.dpi": 150,
    "figure.facecolor": "white",
    "savefig.dpi": 300,
    "savefig.facecolor": "white",
    "savefig.bbox": "standard",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "path",
    "svg.hashsalt": "studykit-analysis",
}


@contextmanager
def paper_style() -> Iterator[None]:
    """Context in which figures are built and saved with PAPER_RC; global rcParams are restored."""
    with mpl.rc_context(PAPER_RC):
        yield


P = ParamSpec("P")


def styled(func: Callable[P, Figure]) -> Callable[P, Figure]:
    """Decorate a figure builder: run it in `paper_style`, lay the figure out once, freeze it.

    Constrained layout recomputed on every draw drifts in the last bits of float precision,
    which changes SVG clip-path ids between saves; a frozen layout keeps saves identical.
    Call fig.set_layout_engine("constrained") to re-enable it after editing a figure.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with paper_style():
            fig = func(*args, **kwargs)
            fig.draw_without_rendering()
            fig.set_layout_engine("none")
        return fig

    return wrapper


def figure_width(width: Width) -> float:
    """Width in inches: "single" (3.5 in), "double" (7.16 in) or a number of inches."""
    if width == "single":
        return SINGLE_COLUMN
    if width == "double":
        return DOUBLE_COLUMN
    if isinstance(width, int | float) and width > 0:
        return float(width)
    raise ValueError(f"width must be 'single', 'double' or inches > 0, got {width!r}")


def new_figure(*, width: Width = "single", height: float) -> tuple[Figure, Axes]:
    """A constrained-layout Figure (not registered with pyplot) with one Axes."""
    fig = Figure(figsize=(figure_width(width), height), layout="constrained")
    return fig, fig.add_subplot()


def palette(n: int) -> list[str]:
    """n colour-blind-safe colours: Okabe-Ito up to 8, seaborn 'colorblind' cycled beyond."""
    if n <= len(OKABE_ITO):
        return list(OKABE_ITO[:n])
    return [mpl.colors.to_hex(colour) for colour in sns.color_palette("colorblind", n)]


def text_color_on(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (by relative luminance)."""
    red, green, blue = to_rgb(colour)
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "black" if luminance > 0.45 else "white"


def legend_above(ax: Axes, *, width: Width) -> None:
    """Legend in rows above the axes, as many columns as the figure width allows."""
    _, names = ax.get_legend_handles_labels()
    columns = -(-len(names) // legend_rows(names, width=width))
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=columns, borderaxespad=0.3)


def legend_rows(names: list[str], *, width: Width) -> int:
    """How many rows `legend_above` needs for these entries."""
    longest = max(len(name) for name in names)
    columns = max(1, min(len(names), int(figure_width(width) * 13) // (longest + 4)))
    return -(-len(names) // columns)


def cell_heatmap(
    ax: Axes, frame: pd.DataFrame, *, annot: Any, fontsize: float, **colour: Any
) -> None:
    """A seaborn heatmap of `frame` whose cells carry `annot`, white lines between, no colour bar.

    `colour` passes on seaborn's colour and mask settings (cmap, vmin, vmax, mask).
    """
    sns.heatmap(
        frame,
        ax=ax,
        annot=annot,
        fmt="",
        annot_kws={"fontsize": fontsize},
        cbar=False,
        linewidths=0.5,
        linecolor="white",
        square=False,
        **colour,
    )


def slant_column_labels(ax: Axes, degrees: float) -> None:
    """Column labels turned by `degrees`, each ending under its column; no tick marks."""
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", labelrotation=degrees)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
        tick.set_rotation_mode("anchor")
