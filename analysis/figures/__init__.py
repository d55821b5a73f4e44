"""Paper figures in one style; every builder returns a matplotlib Figure (not tied to pyplot).

Names are imported on first use, so that importing one module of the package stays cheap.
"""

from typing import TYPE_CHECKING

import lazy_loader

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
    from analysis.figures.techniques import (
        plot_a12_heatmap as plot_a12_heatmap,
    )
    from analysis.figures.techniques import (
        plot_runs as plot_runs,
    )
    from analysis.figures.timeline import (
        plot_issues_over_time as plot_issues_over_time,
    )

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "agreement": ["plot_agreement"],
        "bars": ["plot_grouped_bars", "plot_stacked_bars"],
        "distribution": ["plot_distribution"],
        "heatmap": ["plot_crosstab_heatmap"],
        "save": ["save_figure"],
        "style": [
            "DOUBLE_COLUMN",
            "OKABE_ITO",
            "SINGLE_COLUMN",
            "new_figure",
            "palette",
            "paper_style",
            "styled",
        ],
        "techniques": ["plot_a12_heatmap", "plot_runs"],
        "timeline": ["plot_issues_over_time"],
    },
)
