"""Report outputs of a survey: Likert answers and group comparisons."""

from __future__ import annotations

from analysis.figures.likert import plot_likert
from analysis.likert import likert_summary
from studykit.manifest import OutputSpec
from studykit.report.model import Built, ReportData, table_only
from studykit.survey.responses import SurveyData
from studykit.survey.results import likert_comparison, likert_table, likert_tests


def build_likert(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Likert items: diverging stacked bars, or medians and answer shares."""

    survey = SurveyData.read(data.db)
    caption = spec.title or "Survey: agreement with the statements"
    if not as_figure:
        return Built(caption, table=likert_table(survey))
    order = list(survey.of_kind("likert")["id"])
    summary = likert_summary(survey.likert_answers(), survey.scale(), order=order)
    figure = plot_likert(summary, survey.scale(), labels=survey.labels(), width=spec.width)
    return Built(caption, figure=figure)


def build_likert_comparison(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Mann-Whitney U between groups per Likert item, rank-biserial r, Holm-corrected p."""

    table_only(spec, as_figure)
    survey = SurveyData.read(data.db)
    tests = likert_tests(survey)
    caption = spec.title or "Survey: group differences (Mann-Whitney U, Holm-corrected)"
    labels = survey.labels()
    found = [
        f"{labels[str(q)]} ({a} vs {b}, r = {float(r):.2f})"
        for q, a, b, r in tests.loc[
            tests["reject"], ["question", "group_a", "group_b", "rank_biserial"]
        ].itertuples(index=False)
    ]
    facts = [
        f"{len(found)} of {len(tests)} Likert comparisons differ after Holm correction"
        + (f": {'; '.join(found)}." if found else ".")
    ]
    return Built(caption, table=likert_comparison(survey, tests=tests), facts=facts)
