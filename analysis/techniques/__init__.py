"""Technique comparisons of repair and testing benchmarks.

outcomes: success per technique x fault x run (success rates, McNemar/Fisher against a
baseline, paired score comparison). comparison: repeated runs per technique x subject with a
reference and a target (spread, improvement ratio, tests and A12); summary and paper give the
summary per technique and the paper table.
"""

from analysis.techniques.comparison import (
    RUN_COLUMNS,
    Roles,
    checked_runs,
    compare_runs,
    improvement_ratio,
)
from analysis.techniques.effect import hess_kromrey_magnitude, oriented_a12
from analysis.techniques.outcomes import (
    compare_scores,
    compare_success,
    fault_outcomes,
    success_rates,
)
from analysis.techniques.paper import TechniqueTable, technique_table
from analysis.techniques.summary import technique_summary
from analysis.techniques.two_sample import (
    RUN_TESTS,
    RunTest,
    TestResult,
    check_test,
    compare_two,
    default_test,
)

__all__ = [
    "RUN_COLUMNS",
    "RUN_TESTS",
    "Roles",
    "RunTest",
    "TechniqueTable",
    "TestResult",
    "check_test",
    "checked_runs",
    "compare_runs",
    "compare_scores",
    "compare_success",
    "compare_two",
    "default_test",
    "fault_outcomes",
    "hess_kromrey_magnitude",
    "improvement_ratio",
    "oriented_a12",
    "success_rates",
    "technique_summary",
    "technique_table",
]
