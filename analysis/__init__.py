"""analysis stage: distributions, associations, technique comparisons, paper figures and tables.

Takes and returns plain data: `labels` (item_id, dimension, code), `items` (item_id and item
fields), a `parents` mapping for the codebook hierarchy; figures live in `analysis.figures`.

Names are imported on first use, so that importing one module of the package stays cheap.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analysis.associations import (
        Association as Association,
    )
    from analysis.associations import (
        adjusted_residuals as adjusted_residuals,
    )
    from analysis.associations import (
        association as association,
    )
    from analysis.associations import (
        residual_threshold as residual_threshold,
    )
    from analysis.associations import (
        summarize_associations as summarize_associations,
    )
    from analysis.cochran import (
        cochran_rule as cochran_rule,
    )
    from analysis.crosstabs import (
        crosstab as crosstab,
    )
    from analysis.distributions import (
        DISTRIBUTION_COLUMNS as DISTRIBUTION_COLUMNS,
    )
    from analysis.distributions import (
        distribution as distribution,
    )
    from analysis.distributions import (
        group_columns as group_columns,
    )
    from analysis.effect_sizes import (
        a12_magnitude as a12_magnitude,
    )
    from analysis.effect_sizes import (
        cramers_v as cramers_v,
    )
    from analysis.effect_sizes import (
        cramers_v_interval as cramers_v_interval,
    )
    from analysis.effect_sizes import (
        vargha_delaney_a12 as vargha_delaney_a12,
    )
    from analysis.fields import (
        field_values as field_values,
    )
    from analysis.formatting import (
        format_count_percent as format_count_percent,
    )
    from analysis.formatting import (
        format_interval as format_interval,
    )
    from analysis.formatting import (
        format_percent as format_percent,
    )
    from analysis.formatting import (
        format_pvalue as format_pvalue,
    )
    from analysis.hierarchy import (
        depth as depth,
    )
    from analysis.hierarchy import (
        lineage as lineage,
    )
    from analysis.hierarchy import (
        rollup as rollup,
    )
    from analysis.intervals import (
        newcombe_interval as newcombe_interval,
    )
    from analysis.intervals import (
        wilson_interval as wilson_interval,
    )
    from analysis.multiple_testing import (
        adjust_pvalues as adjust_pvalues,
    )
    from analysis.paper_tables import (
        association_tests_table as association_tests_table,
    )
    from analysis.paper_tables import (
        crosstab_table as crosstab_table,
    )
    from analysis.paper_tables import (
        distribution_table as distribution_table,
    )
    from analysis.table_writers import (
        escape_latex as escape_latex,
    )
    from analysis.table_writers import (
        to_csv as to_csv,
    )
    from analysis.table_writers import (
        to_latex as to_latex,
    )
    from analysis.table_writers import (
        to_markdown as to_markdown,
    )
    from analysis.techniques import (
        compare_scores as compare_scores,
    )
    from analysis.techniques import (
        compare_success as compare_success,
    )
    from analysis.techniques import (
        fault_outcomes as fault_outcomes,
    )
    from analysis.techniques import (
        success_rates as success_rates,
    )
    from analysis.time_series import (
        issue_counts as issue_counts,
    )
    from analysis.two_proportions import (
        ProportionComparison as ProportionComparison,
    )
    from analysis.two_proportions import (
        compare_groups as compare_groups,
    )
    from analysis.two_proportions import (
        compare_proportions as compare_proportions,
    )

_EXPORTS = {
    "Association": "analysis.associations",
    "DISTRIBUTION_COLUMNS": "analysis.distributions",
    "ProportionComparison": "analysis.two_proportions",
    "a12_magnitude": "analysis.effect_sizes",
    "adjust_pvalues": "analysis.multiple_testing",
    "adjusted_residuals": "analysis.associations",
    "association": "analysis.associations",
    "association_tests_table": "analysis.paper_tables",
    "cochran_rule": "analysis.cochran",
    "compare_groups": "analysis.two_proportions",
    "compare_proportions": "analysis.two_proportions",
    "compare_scores": "analysis.techniques",
    "compare_success": "analysis.techniques",
    "cramers_v": "analysis.effect_sizes",
    "cramers_v_interval": "analysis.effect_sizes",
    "crosstab": "analysis.crosstabs",
    "crosstab_table": "analysis.paper_tables",
    "depth": "analysis.hierarchy",
    "distribution": "analysis.distributions",
    "distribution_table": "analysis.paper_tables",
    "escape_latex": "analysis.table_writers",
    "fault_outcomes": "analysis.techniques",
    "field_values": "analysis.fields",
    "format_count_percent": "analysis.formatting",
    "format_interval": "analysis.formatting",
    "format_percent": "analysis.formatting",
    "format_pvalue": "analysis.formatting",
    "group_columns": "analysis.distributions",
    "issue_counts": "analysis.time_series",
    "lineage": "analysis.hierarchy",
    "newcombe_interval": "analysis.intervals",
    "residual_threshold": "analysis.associations",
    "rollup": "analysis.hierarchy",
    "success_rates": "analysis.techniques",
    "summarize_associations": "analysis.associations",
    "to_csv": "analysis.table_writers",
    "to_latex": "analysis.table_writers",
    "to_markdown": "analysis.table_writers",
    "vargha_delaney_a12": "analysis.effect_sizes",
    "wilson_interval": "analysis.intervals",
}

__all__ = [
    "DISTRIBUTION_COLUMNS",
    "Association",
    "ProportionComparison",
    "a12_magnitude",
    "adjust_pvalues",
    "adjusted_residuals",
    "association",
    "association_tests_table",
    "cochran_rule",
    "compare_groups",
    "compare_proportions",
    "compare_scores",
    "compare_success",
    "cramers_v",
    "cramers_v_interval",
    "crosstab",
    "crosstab_table",
    "depth",
    "distribution",
    "distribution_table",
    "escape_latex",
    "fault_outcomes",
    "field_values",
    "format_count_percent",
    "format_interval",
    "format_percent",
    "format_pvalue",
    "group_columns",
    "issue_counts",
    "lineage",
    "newcombe_interval",
    "residual_threshold",
    "rollup",
    "success_rates",
    "summarize_associations",
    "to_csv",
    "to_latex",
    "to_markdown",
    "vargha_delaney_a12",
    "wilson_interval",
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
