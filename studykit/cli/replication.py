"""`studykit import items|labels FILE ...` and `studykit import` (the manifest's [[imports]])."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from studykit.cli.app import (
    DEFAULT_STUDY,
    DbOption,
    RoundOption,
    StudyOption,
    err,
    open_study,
    out,
)

if TYPE_CHECKING:
    from studykit.replication.importing import Prepared
    from studykit.replication.specs import ImportSpec
    from studykit.study import Study

FileArgument = Annotated[Path, typer.Argument(help="A CSV/TSV/XLSX file (any encoding).")]
SheetOption = Annotated[str | None, typer.Option(help="XLSX sheet (default: the first).")]
HeaderOption = Annotated[
    int | None, typer.Option("--header-row", help="Row number of the header (default: first).")
]
SkipOption = Annotated[
    int, typer.Option(min=0, help="Data rows to skip after the header (e.g. Qualtrics ids).")
]
FooterOption = Annotated[
    int, typer.Option(min=0, help="Data rows to leave out at the end (e.g. totals).")
]
SepOption = Annotated[str | None, typer.Option(help="Separator (default: detected).")]
EncodingOption = Annotated[str | None, typer.Option(help="Encoding (default: detected).")]
ItemOption = Annotated[
    str,
    typer.Option(
        help="Column of the item id (header, letter or position), or @row for the n-th data row."
    ),
]

PrefixOption = Annotated[str, typer.Option(help="Text put before every item id.")]
NaOption = Annotated[
    list[str] | None,
    typer.Option("--na", help="A placeholder that means 'no value' (e.g. -, N/A); repeatable."),
]


def import_labels(
    file: FileArgument,
    item: ItemOption,
    dimension: Annotated[
        list[str],
        typer.Option(
            help="The dimension; or DIMENSION=COLUMN, repeated, for a sheet of one rater "
            "(--rater NAME) or of final labels."
        ),
    ],
    rater: Annotated[
        list[str] | None,
        typer.Option(help="NAME=COLUMN: a rater's column (repeatable); or NAME of a sheet."),
    ] = None,
    long: Annotated[
        list[str] | None,
        typer.Option(help="RATER_COLUMN,VALUE_COLUMN: rater names beside labels (repeatable)."),
    ] = None,
    final: Annotated[str | None, typer.Option(help="Column of the final label.")] = None,
    round: RoundOption = "1",
    map: Annotated[
        Path | None, typer.Option("--map", help="CSV raw,code[,dimension]: labels onto codes.")
    ] = None,
    na: NaOption = None,
    sheet: SheetOption = None,
    header_row: HeaderOption = None,
    skip: SkipOption = 0,
    footer: FooterOption = 0,
    sep: SepOption = None,
    encoding: EncodingOption = None,
    item_prefix: PrefixOption = "",
    case_sensitive: Annotated[
        bool,
        typer.Option(
            "--case-sensitive",
            help="Keep labels that differ only in case or spacing apart (default: merged, and "
            "every merge is reported).",
        ),
    ] = False,
    keep_unmapped: Annotated[
        bool,
        typer.Option(
            "--keep-unmapped",
            help="Store labels that neither --map nor the codebook knows as written (default: "
            "refused with the list).",
        ),
    ] = False,
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Store raw per-rater labels and final labels of a table someone else produced.

    A COLUMN is a header, a letter (D) or a position (4); #D always the place, name:D the header.

    A header that occurs twice is refused: name that column by letter or position.

    Re-importing a file into the same round and dimensions replaces what it stored.
    """
    from studykit.errors import InputError
    from studykit.replication.specs import ImportSpec

    pairs = [d.split("=", 1) for d in dimension if "=" in d]
    if pairs and len(pairs) != len(dimension):
        raise InputError("give every --dimension as DIMENSION=COLUMN, or one bare --dimension")
    named = [r.split("=", 1) for r in rater or [] if "=" in r]
    bare = [r for r in rater or [] if "=" not in r]
    if len(bare) > 1 or (bare and named):
        raise InputError("give --rater NAME=COLUMN (repeatable) or one --rater NAME")
    spec = ImportSpec(
        what="labels",
        file=str(file),
        sheet=sheet,
        header_row=header_row,
        skip=skip,
        footer=footer,
        sep=sep,
        encoding=encoding,
        item=item,
        item_prefix=item_prefix,
        na=na or [],
        dimension=None if pairs else dimension[0] if len(dimension) == 1 else None,
        dimensions={d.strip(): c.strip() for d, c in pairs},
        raters={n.strip(): c.strip() for n, c in named},
        long=long or [],
        rater=bare[0] if bare else None,
        final=final,
        round=round,
        map=str(map) if map else None,
        case_sensitive=case_sensitive,
        keep_unmapped=keep_unmapped,
    )
    if not pairs and len(dimension) > 1:
        raise InputError("one --dimension per file, unless each is DIMENSION=COLUMN")
    _run(spec, study, db)


def import_items(
    file: FileArgument,
    item: ItemOption,
    link: Annotated[str | None, typer.Option(help="Column of the link (URL).")] = None,
    title: Annotated[str | None, typer.Option(help="Column of the title.")] = None,
    text: Annotated[str | None, typer.Option(help="Column of the text (body).")] = None,
    source: Annotated[str | None, typer.Option(help="Column of the source.")] = None,
    repository: Annotated[str | None, typer.Option(help="Column of the repository.")] = None,
    created_at: Annotated[str | None, typer.Option(help="Column of the creation time.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="Kind of every item (default: from link).")
    ] = None,
    na: NaOption = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="FIELD=VALUE",
            help="Give every item of this file the same field, e.g. --set library=Keras "
            "(repeatable).",
        ),
    ] = None,
    sheet: SheetOption = None,
    header_row: HeaderOption = None,
    skip: SkipOption = 0,
    footer: FooterOption = 0,
    sep: SepOption = None,
    encoding: EncodingOption = None,
    item_prefix: PrefixOption = "",
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Store items (id, link, title, text, source, and every other column as metadata).

    A column is a header, a letter (D) or a position (4); #D always the place, name:D the header.

    Re-importing the same file replaces the items it stored.
    """
    from studykit.errors import InputError
    from studykit.replication.specs import ImportSpec

    constants: dict[str, str] = {}
    for pair in set_ or []:
        field, sign, value = pair.partition("=")
        if not sign or not field.strip():
            raise InputError(f"--set takes FIELD=VALUE, not {pair!r}")
        if field.strip() in constants:
            raise InputError(f"--set {field.strip()} is given twice")
        constants[field.strip()] = value

    named = {
        "link": link,
        "title": title,
        "text": text,
        "source": source,
        "repository": repository,
        "created_at": created_at,
    }
    spec = ImportSpec(
        what="items",
        file=str(file),
        sheet=sheet,
        header_row=header_row,
        skip=skip,
        footer=footer,
        sep=sep,
        encoding=encoding,
        item=item,
        item_prefix=item_prefix,
        na=na or [],
        columns={k: v for k, v in named.items() if v is not None},
        kind=kind,
        constants=constants,
    )
    _run(spec, study, db)


def _run(spec: "ImportSpec", study: Path, db: str | None) -> None:
    from studykit.replication.importing import import_one

    opened = open_study(study, db)
    prepared = import_one(opened, spec, Path.cwd())
    for line in prepared.describe():
        out.print(line, highlight=False, soft_wrap=True)
    _warn_dimensions(opened, [prepared])


def import_package_command(
    ctx: typer.Context, study: StudyOption = DEFAULT_STUDY, db: DbOption = None
) -> None:
    """Import a whole replication package: every [[imports]] entry of the manifest, in order,
    and the [survey] export, in one transaction."""
    if ctx.invoked_subcommand is not None:
        return
    if study == DEFAULT_STUDY and not study.exists():
        out.print(ctx.get_help())
        raise typer.Exit(2)
    from studykit.replication.importing import import_study
    from studykit.replication.merges import merges_across

    opened = open_study(study, db)
    prepared, survey = import_study(opened)
    for entry in prepared:
        for line in entry.describe():
            out.print(line, highlight=False, soft_wrap=True)
    for merge in merges_across(prepared):
        out.print(merge.describe(), highlight=False, soft_wrap=True)
    _warn_dimensions(opened, prepared)
    if survey is not None:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(survey.questions.items()))
        out.print(
            f"survey: {survey.respondents} respondents ({kinds} questions); "
            f"{survey.open_items} open answers are items of kind survey_answer",
            highlight=False,
            soft_wrap=True,
        )


def _warn_dimensions(study: "Study", done: "list[Prepared]") -> None:
    """Warn of imported labels whose dimension the study's codebook does not have."""
    from studykit.labelling.codebooks import study_codebook_or_none
    from studykit.labelling.outside_codebook import outside_codebook

    codebook = study_codebook_or_none(study)
    for prepared in done:
        if prepared.labels is None:
            continue
        named = {*prepared.labels.codings["dimension"], *prepared.labels.consensus["dimension"]}
        for message in outside_codebook(codebook, named, prepared.table.source):
            err.print(f"[yellow]warning:[/] {escape(message)}", highlight=False, soft_wrap=True)
