"""`studykit analyze survey`: the survey's Likert tables and group comparisons."""

from typing import Annotated, Literal

import typer

from studykit.cli.app import (
    DEFAULT_STUDY,
    DbOption,
    FormatOption,
    OutputOption,
    StudyOption,
    open_study,
)


def analyze_survey(
    table: Annotated[
        Literal["likert", "compare"],
        typer.Argument(help="likert (medians, shares) or compare (groups)."),
    ] = "likert",
    correction: Annotated[
        Literal["holm", "fdr_bh", "bonferroni", "none"], typer.Option(help="p-value correction.")
    ] = "holm",
    fmt: FormatOption = "table",
    output: OutputOption = None,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Likert items as ordinal data, or Mann-Whitney group comparisons with rank-biserial r."""
    from studykit.cli.output import emit
    from studykit.survey.responses import SurveyData
    from studykit.survey.results import likert_comparison, likert_table

    survey = SurveyData.read(open_study(study, db).db)
    if table == "likert":
        emit(likert_table(survey), fmt, output)
    else:
        emit(likert_comparison(survey, correction=correction), fmt, output)
