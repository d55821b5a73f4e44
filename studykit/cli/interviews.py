"""`studykit analyze interviews`: the interview tables."""

from typing import Annotated, Literal

import typer

from studykit.cli.app import (
    DEFAULT_STUDY,
    DbOption,
    FormatOption,
    OutputOption,
    StudyOption,
    open_study,
    out,
)

InterviewTable = Literal["participants", "matrix", "cooccurrence", "saturation", "quotes"]


def analyze_interviews(
    table: Annotated[
        InterviewTable,
        typer.Argument(help="participants (by theme), matrix, cooccurrence, saturation, quotes."),
    ] = "participants",
    level: Annotated[
        Literal["theme", "code"] | None,
        typer.Option(help="Top-level themes or every code (default: codes for saturation)."),
    ] = None,
    by: Annotated[
        str, typer.Option(help="Participant attribute to break counts down by.")
    ] = "role",
    base: Annotated[int, typer.Option(help="Saturation: base size (interviews).")] = 4,
    run: Annotated[int, typer.Option(help="Saturation: run length (interviews).")] = 2,
    threshold: Annotated[float, typer.Option(help="Saturation: new-information threshold.")] = 0.05,
    fmt: FormatOption = "table",
    output: OutputOption = None,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Who mentioned which theme, codes per participant, co-occurrence, saturation, quotes."""
    from studykit.cli.output import emit
    from studykit.interviews import results as tables

    data = tables.Interviews.read(open_study(study, db).db)
    chosen = level or ("code" if table == "saturation" else "theme")
    if table == "participants":
        emit(tables.participants_by_theme(data, level=chosen, by=by), fmt, output)
    elif table == "matrix":
        emit(tables.matrix(data, level=chosen), fmt, output)
    elif table == "cooccurrence":
        frame = tables.cooccurrences(data, level=chosen).rename(index=data.code_labels())
        emit(frame.rename(columns=data.code_labels()).reset_index(), fmt, output)
    elif table == "saturation":
        curve, result = tables.saturation(
            data, level=chosen, base=base, run=run, threshold=threshold
        )
        emit(curve, fmt, output)
        if fmt == "table":
            out.print(result.summary())
    else:
        emit(tables.quotes(data), fmt, output)
