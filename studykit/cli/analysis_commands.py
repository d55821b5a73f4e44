"""The analyze commands: distributions and cross-tabs of consensus labels, with their statistics."""

import warnings
from pathlib import Path
from typing import Annotated

import typer

from studykit.cli.app import (
    DEFAULT_STUDY,
    DbOption,
    StudyOption,
    TableFormat,
    new_app,
    open_study,
    out,
)
from studykit.errors import StudykitError

analyze_app = new_app("Analyse consensus labels: distributions, cross-tabs and their tests.")

FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file.")]


@analyze_app.command("distribution")
def analyze_distribution(
    dimension: Annotated[str, typer.Argument(help="A codebook dimension, e.g. defect_type.")],
    by: Annotated[
        str | None, typer.Option(help="Group by an item field or another dimension.")
    ] = None,
    raw: Annotated[bool, typer.Option(help="Every column, unformatted.")] = False,
    fmt: FormatOption = "table",
    output: OutputOption = None,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Counts and shares (Wilson 95% CIs) of a dimension's codes, rolled up its hierarchy."""
    import analysis
    from studykit.cli.output import emit
    from studykit.coding_runs import study_codebook
    from studykit.study_data import consensus_labels, item_fields

    opened = open_study(study, db)
    dim = study_codebook(opened).dimension(dimension)
    labels = consensus_labels(opened.db)
    if labels.empty:
        raise StudykitError("the study has no consensus labels yet: run `studykit consensus`")
    try:
        dist = analysis.distribution(
            labels,
            dimension,
            items=item_fields(opened.db),
            by=by,
            parents=dim.parents(),
            order=dim.names(),
        )
    except ValueError as exc:
        raise StudykitError(str(exc)) from None
    table = (
        dist if raw else analysis.distribution_table(dist, labels=dim.labels(), header=dim.title)
    )
    emit(table, fmt, output)


@analyze_app.command("crosstab")
def analyze_crosstab(
    rows: Annotated[str, typer.Argument(help="Dimension or item field for the rows.")],
    columns: Annotated[str, typer.Argument(help="Dimension or item field for the columns.")],
    fmt: FormatOption = "table",
    output: OutputOption = None,
    seed: Annotated[int, typer.Option(help="Seed of the Monte Carlo test, when one is used.")] = 0,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """A cross-tab with chi-square/Fisher/Monte Carlo test, Cramér's V and marked residuals."""
    import analysis
    from studykit.cli.output import emit
    from studykit.coding_runs import study_codebook
    from studykit.study_data import consensus_labels, item_fields

    opened = open_study(study, db)
    codebook = study_codebook(opened)
    labels = consensus_labels(opened.db)
    for name in (rows, columns):
        if name in codebook.names():
            parents = codebook.dimension(name).parents()
            labels = analysis.rollup(labels, parents, dimension=name, level=0)
    code_labels = {c: lab for d in codebook.dimensions for c, lab in d.labels().items()}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            table = analysis.crosstab(labels, rows, columns, items=item_fields(opened.db))
        result = analysis.association(table, seed=seed)
    except ValueError as exc:
        raise StudykitError(str(exc)) from None
    emit(analysis.crosstab_table(result, labels=code_labels), fmt, output)
    if fmt == "table":
        out.print(result.summary())
