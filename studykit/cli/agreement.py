"""The agree command: inter-rater agreement of a study's codings, or of a plain file."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    import pandas as pd

from studykit.cli.app import (
    DEFAULT_STUDY,
    DbOption,
    FormatOption,
    Level,
    OutputOption,
    StudyOption,
    err,
    open_study,
    warn,
)

SHOWN = ["coefficient", "variant", "estimate", "ci_low", "ci_high", "n_items", "interpretation"]


def agree(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="A ratings CSV/XLSX (item,rater,value or a column per rater); no study."
        ),
    ] = None,
    level: Annotated[
        Level, typer.Option(help="Level of measurement for a FILE (a study uses its codebook).")
    ] = "nominal",
    dimension: Annotated[
        list[str] | None, typer.Option("--dimension", "-d", help="Only these dimensions.")
    ] = None,
    round: Annotated[
        list[str] | None, typer.Option("--round", "-r", help="Only these rounds.")
    ] = None,
    per_code: Annotated[
        bool, typer.Option(help="Per-code (one-vs-rest) agreement of one --dimension and --round.")
    ] = False,
    split_by_suggestion: Annotated[
        bool,
        typer.Option(
            help="Agreement apart for codings made with a suggestion in view, without one, and "
            "unknown (made before studykit recorded it): does a suggestion anchor the raters?"
        ),
    ] = False,
    fmt: FormatOption = "table",
    output: OutputOption = None,
    full: Annotated[
        bool, typer.Option(help="Every column (se, counts, CI method, notes).")
    ] = False,
    n_boot: Annotated[
        int, typer.Option(help="Bootstrap resamples where no analytic CI exists.")
    ] = 1000,
    codebook: Annotated[
        Path | None,
        typer.Option(help="Codebook of the codings (e.g. the interview codebook for segments)."),
    ] = None,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Inter-rater agreement (kappa, pi, Fleiss, Conger, alpha, Gwet, BP) with 95% CIs."""
    from studykit.cli.output import emit
    from studykit.db.reads import codings
    from studykit.labelling.agreement import file_agreement, study_agreement, study_per_code
    from studykit.labelling.codebooks import study_codebook

    if file is not None and split_by_suggestion:
        raise typer.BadParameter("--split-by-suggestion needs a study's codings, not a FILE")
    if per_code and split_by_suggestion:
        raise typer.BadParameter("--split-by-suggestion and --per-code do not go together")
    if file is not None:
        table = file_agreement(file, level=level, n_boot=n_boot)
        _warn(table.attrs.get("warnings", []))
        emit(table if full else table[SHOWN], fmt, output)
        return
    opened = open_study(study, db)
    chosen = study_codebook(opened, codebook)
    if per_code:
        if not dimension or not round or len(dimension) != 1 or len(round) != 1:
            raise typer.BadParameter("--per-code needs exactly one --dimension and one --round")
        table = study_per_code(
            codings(opened), chosen, dimension=dimension[0], round=round[0], n_boot=n_boot
        )
        emit(table, fmt, output)
        return
    if split_by_suggestion:
        from studykit.labelling.suggestion_split import agreement_by_suggestion

        table, notes = agreement_by_suggestion(
            codings(opened), chosen, dimensions=dimension, rounds=round, n_boot=n_boot
        )
        for note in notes[:1]:
            err.print(note, highlight=False)
        notes = notes[1:]
    else:
        table, notes = study_agreement(
            codings(opened), chosen, dimensions=dimension, rounds=round, n_boot=n_boot
        )
    _warn(notes)
    keys = [c for c in ("suggestion", "round", "dimension") if c in table.columns]
    if fmt == "table" and output is None and not full:
        emit(compact(table), fmt, output)
    else:
        emit(table if full else table[[*keys, *SHOWN]], fmt, output)


def compact(table: "pd.DataFrame") -> "pd.DataFrame":
    """Agreement for a terminal: one column with estimate and interval, variants named."""
    import pandas as pd

    name = table["coefficient"].where(
        table["variant"].isin(["unweighted", "nominal"]),
        table["coefficient"] + " (" + table["variant"] + ")",
    )
    value = [
        f"{e:.3f} [{lo:.3f}, {hi:.3f}]"
        for e, lo, hi in zip(table["estimate"], table["ci_low"], table["ci_high"], strict=True)
    ]
    split = {"suggestion": table["suggestion"]} if "suggestion" in table.columns else {}
    return pd.DataFrame(
        split
        | {
            "round": table["round"],
            "dimension": table["dimension"],
            "coefficient": name,
            "estimate [95% CI]": value,
            "n": table["n_items"],
            "reading": table["interpretation"],
        }
    )


def _warn(messages: list[str]) -> None:
    for message in messages:
        warn(message)
