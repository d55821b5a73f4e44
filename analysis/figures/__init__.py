"""Paper figures in one style; every builder returns a matplotlib Figure (not tied to pyplot)."""

from analysis.figures.agreement import plot_agreement
from analysis.figures.bars import plot_grouped_bars, plot_stacked_bars
from analysis.figures.distribution import plot_distribution
from analysis.figures.heatmap import plot_crosstab_heatmap
from analysis.figures.save import save_figure
from analysis.figures.style import (
    DOUBLE_COLUMN,
    OKABE_ITO,
    SINGLE_COLUMN,
    new_figure,
    palette,
    paper_style,
    styled,
)
from analysis.figures.timeline import plot_issues_over_time

__all__ = [
    "DOUBLE_COLUMN",
    "OKABE_ITO",
    "SINGLE_COLUMN",
    "new_figure",
    "palette",
    "paper_style",
    "plot_agreement",
    "plot_crosstab_heatmap",
    "plot_distribution",
    "plot_grouped_bars",
    "plot_issues_over_time",
    "plot_stacked_bars",
    "save_figure",
    "styled",
]
