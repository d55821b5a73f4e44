"""Every report output kind and the function that builds it."""

from __future__ import annotations

from collections.abc import Callable

from studykit.manifest import OutputSpec
from studykit.report.model import Built, ReportData
from studykit.report.outputs.agreement import build_agreement, build_agreement_per_code
from studykit.report.outputs.fixes import build_fixes
from studykit.report.outputs.interviews import (
    build_cooccurrence,
    build_participants_by_theme,
    build_quotes,
    build_saturation,
)
from studykit.report.outputs.labels import (
    build_crosstab,
    build_distribution,
    build_stacked,
    build_timeline,
)
from studykit.report.outputs.pooling import build_pooling
from studykit.report.outputs.rounds import build_rounds, build_shares
from studykit.report.outputs.survey import build_likert, build_likert_comparison
from studykit.report.outputs.techniques import build_technique_runs, build_techniques

BUILDERS: dict[str, Callable[[OutputSpec, ReportData, bool], Built]] = {
    "distribution": build_distribution,
    "stacked": build_stacked,
    "crosstab": build_crosstab,
    "agreement": build_agreement,
    "agreement_per_code": build_agreement_per_code,
    "timeline": build_timeline,
    "saturation": build_saturation,
    "cooccurrence": build_cooccurrence,
    "participants_by_theme": build_participants_by_theme,
    "quotes": build_quotes,
    "likert": build_likert,
    "likert_comparison": build_likert_comparison,
    "pooling": build_pooling,
    "rounds": build_rounds,
    "shares": build_shares,
    "techniques": build_techniques,
    "technique_runs": build_technique_runs,
    "fixes": build_fixes,
}
