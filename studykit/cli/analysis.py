"""The analyze commands: distributions and cross-tabs of consensus labels, with their statistics."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from studykit.cli.app import (
    DEFAULT_STUDY,
    DbOption,
    FormatOption,
    OutputOption,
    StudyOption,
    err,
    new_app,
    open_study,
    out,
)
from studykit.errors import StudykitError

if TYPE_CHECKING:
    from studykit.tabulate.tables import StudyTables

analyze_app = new_app("Analyse consensus labels: distributions, cross-tabs and their tests.")


NAMES_NOTE = (
    "Names are codebook dimensions (their consensus labels) or item fields (columns and meta "
    "keys of the items); write dimension:NAME or field:NAME when a name is both."
)


def _tables(study: Path, db: str | None) -> "StudyTables":
    from studykit.db.reads import consensus_labels, item_fields
    from studykit.labelling.codebooks import study_codebook
    from studykit.tabulate.tables import StudyTables

    opened = open_study(study, db)
    return StudyTables(study_codebook(opened), consensus_labels(opened.db), item_fields(opened.db))


def _say(notes: list[str]) -> None:
    for note in notes:
        err.print(note, markup=False, highlight=False, soft_wrap=True)


@analyze_app.command("distribution", epilog=NAMES_NOTE)
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

    tables = _tables(study, db)
    if tables.labels.empty:
        raise StudykitError("the study has no consensus labels yet: run `studykit consensus`")
    dist, dim, notes = tables.distribution(dimension, by, where="analyze distribution")
    _say(notes)
    table = (
        dist if raw else analysis.distribution_table(dist, labels=dim.labels(), header=dim.title)
    )
    emit(table, fmt, output)


@analyze_app.command("crosstab", epilog=NAMES_NOTE)
def analyze_crosstab(
    rows: Annotated[str, typer.Argument(help="Dimension or item field for the rows.")],
    columns: Annotated[str, typer.Argument(help="Dimension or item field for the columns.")],
    fmt: FormatOption = "table",
    output: OutputOption = None,
    seed: Annotated[int, typer.Option(help="Seed of the Monte Carlo test, when one is used.")] = 0,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """A cross-tab with chi-square/Fisher/Monte Carlo test, Cramér's V and marked residuals.

    A dimension's rows or columns follow the codebook's order, rolled up to its top level.
    """
    import analysis
    from studykit.cli.output import emit
    from studykit.tabulate.tables import check_crosstab

    tables = _tables(study, db)
    where = "analyze crosstab"
    table, notes = tables.crosstab(rows, columns, where=where)
    check_crosstab(table, where)
    _say(notes)
    result = analysis.association(table, seed=seed)
    code_labels = {c: lab for d in tables.codebook.dimensions for c, lab in d.labels().items()}
    emit(analysis.crosstab_table(result, labels=code_labels), fmt, output)
    if fmt == "table":
        out.print(result.summary())
