"""Labelling sheets on a study: the items to label, sheets out, the filled sheets back in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
from sqlalchemy import ColumnElement, Select, and_, delete, false, or_, select

from coding.codebook import Codebook
from coding.coding_changes import count_changes
from coding.sheets import (
    CODINGS_COLUMNS,
    NOTES,
    blank_sheet,
    decomposed_cells,
    is_round,
    nfc,
    parse_sheets,
    read_sheet,
    round_problem,
    write_sheet_csv,
    write_sheet_xlsx,
)
from studykit.clock import now_iso
from studykit.db import insert, reads, records, schema
from studykit.db.locks import serialise_writers
from studykit.errors import InputError, StudykitError
from studykit.interviews.reads import refuse_open_findings
from studykit.labelling.codebooks import kind_codebook, store_codebook
from studykit.labelling.outside_codebook import outside_codebook
from studykit.labelling.sheet_order import ModelOrder, model_ordered
from studykit.labelling.sheet_suggestions import (
    add_suggestions,
    take_suggestion_columns,
    visible_flags,
)
from studykit.study import Study


def export_sheet(
    study: Study,
    *,
    rater: str,
    round: str,
    fmt: Literal["xlsx", "csv"] = "xlsx",
    folder: Path | None = None,
    sample: str = "main",
    kind: str | None = None,
    codebook_path: Path | None = None,
    suggestions: Sequence[str] = (),
    order: ModelOrder | None = None,
) -> Path:
    """Write a rater's blank labelling sheet for the sample (or all items of `kind`); with
    `suggestions`, a column of the model's suggested codes per dimension named there; with
    `order`, the next unscreened items in the screening model's order (as `screen next`)."""
    raters = [nfc(r) for r in study.manifest.coding.raters]
    rater, round = nfc(rater), nfc(round)
    if raters and rater not in raters:
        raise StudykitError(f"{rater!r} is not a rater of the study ({', '.join(raters)})")
    declared = declared_rounds(study)
    if not is_round(round, declared):
        raise StudykitError(f"--round: {round_problem(round, declared)}")
    codebook = kind_codebook(study, kind, codebook_path)
    items = reads.items(study, sample=sample) if kind is None else reads.items(study, kind=kind)
    if kind == "segment":
        refuse_open_findings(study.db, list(items["id"]))
    if order is not None:
        items = model_ordered(study.db, items, order, rater=rater)
    sheet = blank_sheet(items, codebook, rater=rater, round=round)
    if suggestions:
        cache = study.manifest.cache
        sheet = add_suggestions(sheet, codebook, study.db, suggestions, cache=cache)
    target = folder or study.manifest.resolve(study.manifest.coding.sheets)
    name = rater if kind is None else f"{kind}-{rater}"
    path = target / f"round-{round}" / f"{name}.{fmt}"
    if fmt == "xlsx":
        write_sheet_xlsx(sheet, codebook, path)
    else:
        write_sheet_csv(sheet, path)
    return path


@dataclass(frozen=True)
class ImportSummary:
    """What an import of sheets stored: per rater and round, codings added, changed, removed."""

    sheets: int
    codings: int
    pairs: list[tuple[str, str]]
    changes: pd.DataFrame
    warnings: list[str]
    composed: int = 0


def declared_rounds(study: Study) -> set[str]:
    """The round names the manifest declares: [coding] rounds and rounds named elsewhere."""
    manifest = study.manifest
    named = [*manifest.coding.rounds, manifest.interviews.round]
    named += [spec.round for spec in manifest.imports]
    named += [spec.round for spec in manifest.checks if spec.round is not None]
    named += [o.round for o in (*manifest.report.figures, *manifest.report.tables) if o.round]
    return {nfc(name) for name in named}


def import_sheets(
    study: Study,
    paths: list[Path],
    *,
    rater: str | None = None,
    round: str | None = None,
    sample: str = "main",
    codebook_path: Path | None = None,
    kind: str | None = None,
    replace: bool = False,
) -> ImportSummary:
    """Validate every sheet, then store those raters' codings of those rounds in one go.

    With `kind` (e.g. "segment") the sheets hold all items of that kind instead of the sample;
    only codings of items of that kind (or, without it, of no segment) are replaced. A sheet
    that would remove stored codings (rows cut, cells emptied) is refused unless `replace`.
    """
    codebook = kind_codebook(study, kind, codebook_path)
    items = (reads.items(study, sample=sample) if kind is None else reads.items(study, kind=kind))[
        "id"
    ]
    filled = {*codebook.names(), NOTES}
    frames, seen = take_suggestion_columns(
        {str(p): read_sheet(p, filled=filled) for p in paths}, codebook
    )
    parsed = parse_sheets(
        frames,
        codebook,
        items=set(items),
        raters=study.manifest.coding.raters,
        rater=rater,
        round=round,
        rounds=declared_rounds(study),
    )
    pairs = sorted({(nfc(f["rater"].iloc[0]), nfc(f["round"].iloc[0])) for f in frames.values()})
    stamp = now_iso()
    with study.db.begin() as conn:
        serialise_writers(conn, *(f"codings:{r}:{n}" for r, n in pairs))
        stored = conn.execute(
            select(schema.codings).where(_of_pairs(pairs), _of_kind(kind))
        ).mappings()
        changes = count_changes(pd.DataFrame(list(stored), columns=CODINGS_COLUMNS), parsed, pairs)
        removed = int(changes["removed"].sum())
        if removed and not replace:
            raise InputError(_removal_refusal(paths, changes))
        conn.execute(delete(schema.codings).where(_of_pairs(pairs), _of_kind(kind)))
        store_codebook(conn, codebook)
        coded = parsed.assign(
            coded_at=stamp,
            codebook=codebook.content_hash,
            suggestion_visible=visible_flags(parsed, seen),
        )
        written = insert(conn, schema.codings, records(coded))
    notes = _unknown_dimensions(study, kind, codebook) if codebook_path is not None else []
    names = ["rater", "round", *codebook.names()]
    composed = sum(decomposed_cells(frame, names) for frame in frames.values())
    return ImportSummary(len(paths), written, pairs, changes, notes, composed)


def _of_pairs(pairs: list[tuple[str, str]]) -> ColumnElement[bool]:
    """Codings of these (rater, round) pairs."""
    column = schema.codings.c
    return or_(false(), *(and_(column.rater == r, column.round == n) for r, n in pairs))


def _of_kind(kind: str | None) -> ColumnElement[bool]:
    """Codings of items of `kind` (without one, of every item but interview segments)."""
    return schema.codings.c.item_id.in_(_items_of(kind))


def _removal_refusal(paths: list[Path], changes: pd.DataFrame) -> str:
    """Why an import that would remove stored codings was refused, and how to go ahead."""
    losing = changes[changes["removed"] > 0]
    each = ", ".join(
        f"{r} (round {n}): {k:,}"
        for r, n, k in zip(losing["rater"], losing["round"], losing["removed"], strict=True)
    )
    names = ", ".join(str(p) for p in paths)
    return (
        f"{names}: importing would remove {int(losing['removed'].sum()):,} stored coding(s) "
        f"the sheet(s) no longer hold ({each}); nothing was imported. Pass --replace to "
        "replace those raters' rounds by the sheets, or import the complete sheets"
    )


def _unknown_dimensions(study: Study, kind: str | None, codebook: Codebook) -> list[str]:
    """A warning for dimensions of `codebook` the study's own codebook does not have."""
    manifest = study.manifest
    named = manifest.interviews.codebook if kind == "segment" else manifest.coding.codebook
    own = None if named is None else kind_codebook(study, kind)
    return outside_codebook(own, codebook.names(), codebook.source)


def _items_of(kind: str | None) -> Select[tuple[str]]:
    """Ids of the items of `kind`; without a kind, of every item but interview segments."""
    column = schema.items.c.kind
    return select(schema.items.c.id).where(column == kind if kind else column != "segment")
