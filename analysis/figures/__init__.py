"""Paper figures in one style; every builder returns a matplotlib Figure (not tied to pyplot).

Names are imported on first use, so that importing one module of the package stays cheap.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analysis.figures.agreement import (
        plot_agreement as plot_agreement,
    )
    from analysis.figures.bars import (
        plot_grouped_bars as plot_grouped_bars,
    )
    from analysis.figures.bars import (
        plot_stacked_bars as plot_stacked_bars,
    )
    from analysis.figures.distribution import (
        plot_distribution as plot_distribution,
    )
    from analysis.figures.heatmap import (
        plot_crosstab_heatmap as plot_crosstab_heatmap,
    )
    from analysis.figures.save import (
        save_figure as save_figure,
    )
    from analysis.figures.style import (
        DOUBLE_COLUMN as DOUBLE_COLUMN,
    )
    from analysis.figures.style import (
        OKABE_ITO as OKABE_ITO,
    )
    from analysis.figures.style import (
        SINGLE_COLUMN as SINGLE_COLUMN,
    )
    from analysis.figures.style import (
        new_figure as new_figure,
    )
    from analysis.figures.style import (
        palette as palette,
    )
    from analysis.figures.style import (
        paper_style as paper_style,
    )
    from analysis.figures.style import (
        styled as styled,
    )
    from analysis.figures.timeline import (
        plot_issues_over_time as plot_issues_over_time,
    )

_EXPORTS = {
    "DOUBLE_COLUMN": "analysis.figures.style",
    "OKABE_ITO": "analysis.figures.style",
    "SINGLE_COLUMN": "analysis.figures.style",
    "new_figure": "analysis.figures.style",
    "palette": "analysis.figures.style",
    "paper_style": "analysis.figures.style",
    "plot_agreement": "analysis.figures.agreement",
    "plot_crosstab_heatmap": "analysis.figures.heatmap",
    "plot_distribution": "analysis.figures.distribution",
    "plot_grouped_bars": "analysis.figures.bars",
    "plot_issues_over_time": "analysis.figures.timeline",
    "plot_stacked_bars": "analysis.figures.bars",
    "save_figure": "analysis.figures.save",
    "styled": "analysis.figures.style",
}

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


def __getattr__(name: str) -> Any:
    """Import an exported name from its module on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The exported names, for completion."""
    return __all__
