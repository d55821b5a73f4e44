"""Survey results from the database, as the tables `analyze` and `report` show."""

from __future__ import annotations

import pandas as pd

from analysis.formatting import format_pvalue
from analysis.likert import compare_likert, likert_summary
from analysis.multiple_testing import Correction
from studykit.survey.responses import SurveyData


def likert_table(survey: SurveyData) -> pd.DataFrame:
    """Per Likert item: n, median, and the share of each answer, in survey order."""
    scale = survey.scale()
    summary = likert_summary(
        survey.likert_answers(), scale, order=list(survey.of_kind("likert")["id"])
    )
    shown = pd.DataFrame(
        {"Item": [survey.labels()[q] for q in summary["question"]], "n": summary["n"]}
    )
    shown["Median"] = summary["median_label"]
    for level in scale:
        shown[level] = [f"{100 * v:.0f}%" for v in summary[level]]
    return shown


def likert_tests(survey: SurveyData, *, correction: Correction = "holm") -> pd.DataFrame:
    """Mann-Whitney U per Likert item between groups, rank-biserial r, corrected p-values."""
    return compare_likert(
        survey.likert_answers(),
        survey.groups(),
        survey.scale(),
        pairs=survey.pairs(),
        correction=correction,
    )


def likert_comparison(
    survey: SurveyData, *, correction: Correction = "holm", tests: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The group comparisons formatted for a paper (`tests` from likert_tests, or computed)."""
    table = likert_tests(survey, correction=correction) if tests is None else tests
    labels = survey.labels()
    return pd.DataFrame(
        {
            "Item": [labels[q] for q in table["question"]],
            "Groups": [
                f"{a} vs {b}" for a, b in zip(table["group_a"], table["group_b"], strict=True)
            ],
            "n": [f"{a}/{b}" for a, b in zip(table["n_a"], table["n_b"], strict=True)],
            "Medians": [
                f"{a:g}/{b:g}" for a, b in zip(table["median_a"], table["median_b"], strict=True)
            ],
            "U": table["u"].map(lambda u: f"{u:.1f}"),
            "p": table["pvalue"].map(format_pvalue),
            f"p ({correction})": table["p_adjusted"].map(format_pvalue),
            "r (rank-biserial)": table["rank_biserial"].map(lambda r: f"{r:.2f}"),
        }
    )
