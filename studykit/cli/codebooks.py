"""Codebook commands: check, diff, rename/merge/split (migrating codings), REFI-QDA exchange."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from studykit.cli.app import (
    DEFAULT_STUDY,
    DbOption,
    FormatOption,
    StudyOption,
    new_app,
    open_study,
    out,
)

if TYPE_CHECKING:
    from coding.codebook_changes import Revision

codebook_app = new_app(
    "Codebooks: check, compare versions, revise codes (migrating codings), REFI-QDA .qdc exchange."
)
NoteOption = Annotated[str, typer.Option(help="Changelog text (default: the operation).")]
DimensionArgument = Annotated[str, typer.Argument(help="The dimension.")]


@codebook_app.command("check")
def codebook_check(
    file: Annotated[Path | None, typer.Argument(help="A codebook.yaml or .qdc file.")] = None,
    study: StudyOption = DEFAULT_STUDY,
) -> None:
    """Validate a codebook (default: the study's) and list its dimensions."""
    from coding.refi_codebook import read_any_codebook
    from studykit.manifest import load_manifest

    if file is None:
        manifest = load_manifest(study)
        named = manifest.coding.codebook
        file = manifest.resolve(named) if named else Path("codebook.yaml")
    book = read_any_codebook(file)
    out.print(f"{file}: {book.name!r} version {book.version or '-'}, hash {book.content_hash}")
    for dim in book.dimensions:
        kind = "multi-label" if dim.multi_label else "single-label"
        out.print(f"  {dim.name}: {len(dim.codes)} codes, {kind}, {dim.scale}")


@codebook_app.command("diff")
def codebook_diff(
    old: Annotated[Path, typer.Argument(help="The earlier codebook (.yaml or .qdc).")],
    new: Annotated[Path, typer.Argument(help="The later codebook (.yaml or .qdc).")],
    fmt: FormatOption = "table",
) -> None:
    """What changed between two codebooks: dimensions, codes, definitions, hierarchy."""
    from coding.codebook_changes import diff_codebooks
    from coding.refi_codebook import read_any_codebook
    from studykit.cli.output import emit

    changes = diff_codebooks(read_any_codebook(old), read_any_codebook(new))
    if changes.empty:
        out.print("No differences.")
        return
    emit(changes, fmt, None)


def _revise(
    study: Path, db: str | None, make: "Callable[[dict[str, Any]], Revision]", note: str
) -> None:
    from studykit.labelling.codebooks import codebook_file
    from studykit.labelling.revisions import apply_revision, codebook_data

    opened = open_study(study, db)
    revision = make(codebook_data(codebook_file(opened.manifest, "coding")))
    summary = apply_revision(opened, revision, note=note)
    out.print(
        f"Codebook now version {summary.version}: {summary.codings_changed} codings and "
        f"{summary.consensus_changed} consensus labels migrated; recorded in codebook_changes."
    )
    if not summary.review.empty:
        out.print(f"{len(summary.review)} codings need review (the old code was split):")
        out.print(summary.review.to_string(index=False))


@codebook_app.command("rename")
def codebook_rename(
    dimension: DimensionArgument,
    old: Annotated[str, typer.Argument(help="The code to rename.")],
    new: Annotated[str, typer.Argument(help="Its new name.")],
    note: NoteOption = "",
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Rename a code in codebook.yaml and in every stored coding and consensus label."""
    from coding.codebook_changes import rename_code

    _revise(study, db, lambda data: rename_code(data, dimension, old, new), note)


@codebook_app.command("merge")
def codebook_merge(
    dimension: DimensionArgument,
    codes: Annotated[list[str], typer.Argument(help="The codes to merge.")],
    into: Annotated[str, typer.Option(help="The code they become (existing or new).")],
    note: NoteOption = "",
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Merge codes into one, in codebook.yaml and in every stored coding and consensus label."""
    from coding.codebook_changes import merge_codes

    _revise(study, db, lambda data: merge_codes(data, dimension, codes, into), note)


@codebook_app.command("split")
def codebook_split(
    dimension: DimensionArgument,
    code: Annotated[str, typer.Argument(help="The code to split.")],
    into: Annotated[list[str], typer.Option(help="A new code (give two or more).")],
    note: NoteOption = "",
    study: StudyOption = DEFAULT_STUDY,
    db: DbOption = None,
) -> None:
    """Split a code; its codings move to the first new code and are listed for re-coding."""
    from coding.codebook_changes import split_code

    _revise(study, db, lambda data: split_code(data, dimension, code, into), note)


@codebook_app.command("export-qdc")
def codebook_export_qdc(
    output: Annotated[Path, typer.Option("--output", "-o", help="The .qdc file to write.")],
    study: StudyOption = DEFAULT_STUDY,
) -> None:
    """Write the study's codebook as a REFI-QDA .qdc (for ATLAS.ti, NVivo, MAXQDA, QualCoder)."""
    from coding.codebook import load_codebook
    from coding.refi_codebook import codebook_to_qdc
    from studykit.labelling.codebooks import codebook_file
    from studykit.manifest import load_manifest

    path = codebook_file(load_manifest(study), "coding", default="codebook.yaml")
    output.write_bytes(codebook_to_qdc(load_codebook(path)))
    out.print(f"Wrote {output}")


@codebook_app.command("import-qdc")
def codebook_import_qdc(
    file: Annotated[Path, typer.Argument(help="A REFI-QDA .qdc codebook.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The codebook.yaml to write.")],
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Turn a REFI-QDA .qdc codebook into a studykit codebook.yaml."""
    import yaml

    from coding.codebook import codebook_document
    from coding.refi_codebook import read_qdc
    from studykit.errors import StudykitError

    if output.exists() and not force:
        raise StudykitError(f"{output} exists already (use --force to overwrite it)")
    document = codebook_document(read_qdc(file))
    output.write_text(
        yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    out.print(f"Wrote {output}")
