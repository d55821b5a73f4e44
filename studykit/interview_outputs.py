"""Report outputs of interviews and surveys: saturation, co-occurrence, themes, Likert, quotes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from studykit.errors import StudykitError
from studykit.manifest import OutputSpec

if TYPE_CHECKING:
    from studykit.report_outputs import Built, ReportData


def _table_only(spec: OutputSpec, as_figure: bool) -> None:
    if as_figure:
        raise StudykitError(f"report output {spec.name!r} ({spec.kind}) is a table, not a figure")


def build_saturation(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """New codes per successive interview and Guest et al.'s saturation assessment."""
    from analysis.figures.saturation import plot_saturation
    from studykit.interview_tables import Interviews, saturation
    from studykit.report_outputs import Built

    curve, result = saturation(Interviews.read(data.db))
    caption = spec.title or "New codes per interview (saturation)"
    if as_figure:
        return Built(
            caption,
            figure=plot_saturation(curve, result, width=spec.width),
            facts=[result.summary()],
        )
    return Built(caption, table=curve, facts=[result.summary()])


def build_cooccurrence(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Themes coded on the same segments."""
    from analysis.figures.cooccurrence import plot_cooccurrence
    from studykit.interview_tables import Interviews, cooccurrences
    from studykit.report_outputs import Built

    interviews = Interviews.read(data.db)
    table = cooccurrences(interviews, level="code" if spec.dimension == "code" else "theme")
    caption = spec.title or "Co-occurrence of themes within interview segments"
    labels = interviews.code_labels()
    if as_figure:
        return Built(caption, figure=plot_cooccurrence(table, labels=labels, width=spec.width))
    shown = table.rename(index=labels, columns=labels).reset_index().rename(columns={"code": ""})
    return Built(caption, table=shown)


def build_participants_by_theme(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """How many participants mentioned each theme, overall and per role (or `by`)."""
    from studykit.interview_tables import Interviews, participants_by_theme, theme_participants
    from studykit.report_outputs import Built

    _table_only(spec, as_figure)
    interviews = Interviews.read(data.db)
    raw = theme_participants(interviews, by=spec.by or "role")
    caption = spec.title or "Participants who mentioned each theme"
    everyone = [interviews.code_labels()[c] for c in raw.loc[raw["share"] == 1.0, "code"]]
    facts = [
        f"{len(everyone)} of {len(raw)} interview themes came up with every participant"
        + (f": {', '.join(everyone)}." if everyone else ".")
    ]
    return Built(caption, table=participants_by_theme(interviews, raw=raw), facts=facts)


def build_quotes(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Representative quotes per theme with participant ids (Markdown and LaTeX documents)."""
    from analysis.quotes import quotes_latex, quotes_markdown
    from studykit.interview_tables import Interviews, quotes
    from studykit.report_outputs import Built

    _table_only(spec, as_figure)
    picked = quotes(Interviews.read(data.db))
    documents = {"md": quotes_markdown(picked, level=4), "tex": quotes_latex(picked)}
    caption = spec.title or "Representative quotes per theme"
    return Built(caption, table=picked, documents=documents)


def build_likert(spec: OutputSpec, data: ReportData, as_figure: bool) -> Built:
    """Likert items: diverging stacked bars, or medians and answer shares."""
    from analysis.figures.likert import plot_likert
    from analysis.likert import likert_summary
    from studykit.interview_tables import likert_table
    from studykit.report_outputs import Built
    from studykit.survey_runs import SurveyData

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
    from studykit.interview_tables import likert_comparison, likert_tests
    from studykit.report_outputs import Built
    from studykit.survey_runs import SurveyData

    _table_only(spec, as_figure)
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


INTERVIEW_BUILDERS: dict[str, Callable[[OutputSpec, ReportData, bool], Built]] = {
    "saturation": build_saturation,
    "cooccurrence": build_cooccurrence,
    "participants_by_theme": build_participants_by_theme,
    "quotes": build_quotes,
    "likert": build_likert,
    "likert_comparison": build_likert_comparison,
}
