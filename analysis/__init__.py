"""analysis stage: distributions, associations, technique comparisons, paper figures and tables.

Takes and returns plain data: `labels` (item_id, dimension, code), `items` (item_id and item
fields), a `parents` mapping for the codebook hierarchy; figures live in `analysis.figures`.
"""

from analysis.associations import (
    Association,
    adjusted_residuals,
    association,
    residual_threshold,
    summarize_associations,
)
from analysis.cochran import cochran_rule
from analysis.crosstabs import crosstab
from analysis.distributions import DISTRIBUTION_COLUMNS, distribution, group_columns
from analysis.effect_sizes import (
    a12_magnitude,
    cramers_v,
    cramers_v_interval,
    vargha_delaney_a12,
)
from analysis.fields import field_values
from analysis.formatting import (
    format_count_percent,
    format_interval,
    format_percent,
    format_pvalue,
)
from analysis.hierarchy import depth, lineage, rollup
from analysis.intervals import newcombe_interval, wilson_interval
from analysis.multiple_testing import adjust_pvalues
from analysis.paper_tables import association_tests_table, crosstab_table, distribution_table
from analysis.table_writers import escape_latex, to_csv, to_latex, to_markdown
from analysis.techniques import compare_scores, compare_success, fault_outcomes, success_rates
from analysis.time_series import issue_counts
from analysis.two_proportions import ProportionComparison, compare_groups, compare_proportions

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
