"""Commands of the coding stage: sheets out and in, disagreements, consensus."""

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.markup import escape
from rich.table import Table

from studykit.cli.app import (
    DEFAULT_STUDY,
    DbOption,
    RoundOption,
    StudyOption,
    err,
    new_app,
    open_study,
    out,
)
from studykit.cli.model_order import (
    CountOption,
    OrderOption,
    ScreeningDimensionOption,
    SuggestionsOption,
    model_order,
)

sheets_app = new_app("Labelling sheets: write one per rater, read the filled ones back in.")

KindOption = Annotated[
    str | None,
    typer.Option(help="All items of this kind (segment, survey_answer) instead of the sample."),
]


@sheets_app.command("export")
def sheets_export(
    rater: Annotated[str, typer.Option(help="The rater the sheet is for.")],
    round: RoundOption = "1",
    fmt: Annotated[
        Literal["xlsx", "csv"],
        typer.Option("--format", "-f", help="xlsx (drop-down lists) or csv."),
    ] = "xlsx",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Folder; default: [coding] sheets.")
    ] = None,
    kind: KindOption = None,
    codebook: Annotated[
        Path | None, typer.Option(help="Codebook (default: the manifest's for that kind).")
    ] = None,
    suggestions: SuggestionsOption = None,
    order: OrderOption = "id",
    dimension: ScreeningDimensionOption = None,
    count: CountOption = 100,
    random_share: Annotated[
        float, typer.Option(help="Share of the items drawn at random (--order model).")
    ] = 0.1,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Write a rater's labelling sheet: one row per sampled item, one column per dimension.

    --suggestions D adds a column 'suggested D'; codings of D from rows that show a suggestion
    are stored as made with one in view.
    """
    from studykit.labelling.sheets import export_sheet

    opened = open_study(study, db)
    ordered = model_order(opened, order, dimension, count, random_share)
    path = export_sheet(
        opened,
        rater=rater,
        round=round,
        fmt=fmt,
        folder=output,
        kind=kind,
        codebook_path=codebook,
        suggestions=suggestions or (),
        order=ordered,
    )
    out.print(f"Wrote {path}")


@sheets_app.command("export-qdpx")
def sheets_export_qdpx(
    output: Annotated[Path, typer.Option("--output", "-o", help="The .qdpx file to write.")],
    round: Annotated[
        str | None,
        typer.Option("--round", "-r", help="Codings of this round (default: [interviews] round)."),
    ] = None,
    codings: Annotated[
        bool, typer.Option(help="Include the round's codings (--no-codings: text and codes only).")
    ] = True,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Write the transcripts, interview codebook and codings as a REFI-QDA project (.qdpx).

    Code it in ATLAS.ti, NVivo, MAXQDA or QualCoder, then `studykit import qdpx` it back.
    Refused while personal data is flagged in a transcript (re-import it with --redact).
    """
    from studykit.interviews.qdpx_export import export_qdpx

    summary = export_qdpx(open_study(study, db), output, round=round, with_codings=codings)
    coders = f" by {', '.join(summary.coders)}" if summary.coders else ""
    out.print(
        f"Wrote {output}: {summary.sources} transcript(s), {summary.codings} coding(s){coders}."
    )


@sheets_app.command("import")
def sheets_import(
    files: Annotated[list[Path], typer.Argument(help="Filled sheets (.xlsx or .csv).")],
    rater: Annotated[str | None, typer.Option(help="Refuse sheets of any other rater.")] = None,
    round: Annotated[
        str | None, typer.Option("--round", "-r", help="Refuse sheets of any other round.")
    ] = None,
    codebook: Annotated[
        Path | None,
        typer.Option(help="The codebook the sheets were coded with (default: the manifest's)."),
    ] = None,
    kind: KindOption = None,
    replace: Annotated[
        bool,
        typer.Option(
            help="Let the sheets remove stored codings they no longer hold (rows cut, cells "
            "emptied): the rater's round becomes exactly the sheet."
        ),
    ] = False,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Validate filled sheets and store their codings; one mistake anywhere imports nothing.

    Says how many codings each rater's round gains, changes and loses; a sheet that would
    remove stored codings is refused unless --replace.
    """
    from studykit.labelling.sheets import import_sheets

    summary = import_sheets(
        open_study(study, db),
        files,
        rater=rater,
        round=round,
        codebook_path=codebook,
        kind=kind,
        replace=replace,
    )
    each = "; ".join(
        f"{row.rater} (round {row.round}): {row.added:,} added, {row.changed:,} changed, "
        f"{row.removed:,} removed, {row.unchanged:,} unchanged"
        for row in summary.changes.itertuples(index=False)
    )
    out.print(
        escape(f"Imported {summary.codings:,} codings from {summary.sheets} sheet(s): {each}."),
        highlight=False,
        soft_wrap=True,
    )
    if summary.composed:
        out.print(
            f"{summary.composed:,} rater, round or code cell(s) written in decomposed Unicode "
            "were read in composed form (NFC).",
            highlight=False,
        )
    for message in summary.warnings:
        err.print(f"[yellow]warning:[/] {escape(message)}", highlight=False, soft_wrap=True)


def disagreements(
    round: RoundOption = "1",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write an adjudication sheet (CSV) here."),
    ] = None,
    limit: Annotated[int, typer.Option(help="Rows to show in the terminal.")] = 20,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """List the items raters labelled differently, per dimension; export an adjudication sheet."""
    from studykit.labelling.consensus import study_disagreements, write_adjudication

    opened = open_study(study, db)
    frame = study_disagreements(opened, round=round)
    counts = frame.groupby("dimension").size()
    out.print(
        f"{len(frame)} disagreements in round {round}: "
        + ", ".join(f"{d} {n}" for d, n in counts.items())
    )
    table = Table(*[c for c in frame.columns if c != "raters"])
    for record in frame.head(limit).itertuples(index=False):
        values = dict(zip(frame.columns, record, strict=True))
        table.add_row(*[str(values[c]) for c in frame.columns if c != "raters"])
    out.print(table)
    if output is not None:
        rows = write_adjudication(opened, round=round, path=output)
        out.print(
            f"Wrote {rows} rows to {output}: fill 'consensus' and 'rationale', then run "
            f"`studykit consensus --adjudication {output}`."
        )


def consensus(
    round: RoundOption = "1",
    adjudication: Annotated[
        Path | None, typer.Option(help="A filled adjudication sheet (from `disagreements -o`).")
    ] = None,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Store consensus labels: what all raters agree on, plus the adjudicated disagreements."""
    from studykit.labelling.consensus import settle_consensus

    summary = settle_consensus(open_study(study, db), round=round, adjudication=adjudication)
    out.print(
        f"Consensus of round {round}: {summary.agreed} item-dimensions agreed, "
        f"{summary.adjudicated} adjudicated, {summary.open} still open."
    )
