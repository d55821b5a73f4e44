"""analysis stage: distributions, associations, technique comparisons, paper figures and tables.

Takes and returns plain data: `labels` (item_id, dimension, code), `items` (item_id and item
fields), a `parents` mapping for the codebook hierarchy; figures live in `analysis.figures`.

Names are imported on first use, so that importing one module of the package stays cheap.
"""

from typing import TYPE_CHECKING

import lazy_loader

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
        compare_runs as compare_runs,
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
    from analysis.techniques import (
        technique_summary as technique_summary,
    )
    from analysis.techniques import (
        technique_table as technique_table,
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

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "associations": [
            "Association",
            "adjusted_residuals",
            "association",
            "residual_threshold",
            "summarize_associations",
        ],
        "cochran": ["cochran_rule"],
        "crosstabs": ["crosstab"],
        "distributions": ["DISTRIBUTION_COLUMNS", "distribution", "group_columns"],
        "effect_sizes": ["a12_magnitude", "cramers_v", "cramers_v_interval", "vargha_delaney_a12"],
        "fields": ["field_values"],
        "formatting": [
            "format_count_percent",
            "format_interval",
            "format_percent",
            "format_pvalue",
        ],
        "hierarchy": ["depth", "lineage", "rollup"],
        "intervals": ["newcombe_interval", "wilson_interval"],
        "multiple_testing": ["adjust_pvalues"],
        "paper_tables": ["association_tests_table", "crosstab_table", "distribution_table"],
        "table_writers": ["escape_latex", "to_csv", "to_latex", "to_markdown"],
        "techniques": [
            "compare_runs",
            "compare_scores",
            "compare_success",
            "fault_outcomes",
            "success_rates",
            "technique_summary",
            "technique_table",
        ],
        "time_series": ["issue_counts"],
        "two_proportions": ["ProportionComparison", "compare_groups", "compare_proportions"],
    },
)
