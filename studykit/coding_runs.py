"""The coding loop on a study: sheets out and back in, disagreements, consensus."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
from sqlalchemy import Connection, and_, delete, or_, select

from coding.codebook import Codebook, load_codebook
from coding.consensus import adjudication_sheet, agreed_labels, disagreements, parse_adjudication
from coding.sheets import blank_sheet, parse_sheets, read_sheet, write_sheet_csv, write_sheet_xlsx
from studykit.clock import now_iso
from studykit.db import Database, insert, records, schema, upsert
from studykit.errors import StudykitError
from studykit.study import Study


def study_codebook(study: Study, path: Path | None = None) -> Codebook:
    """The codebook at `path`, or else the one the manifest's [coding] section names."""
    if path is not None:
        return load_codebook(path)
    named = study.manifest.coding.codebook
    if named is None:
        raise StudykitError(f"{study.manifest.path}: [coding] codebook is not set")
    return load_codebook(study.manifest.resolve(named))


def store_codebook(conn: Connection, codebook: Codebook, *, document: str | None = None) -> None:
    """Keep the codebook's text under its content hash, so every coding names its codebook."""
    upsert(
        conn,
        schema.codebooks,
        [
            {
                "content_hash": codebook.content_hash,
                "name": codebook.name,
                "version": codebook.version,
                "source": Path(codebook.source).name,
                "document": document or Path(codebook.source).read_text(encoding="utf-8"),
                "stored_at": now_iso(),
            }
        ],
    )


def sample_items(db: Database, sample: str = "main") -> pd.DataFrame:
    """The items of a stored sample, in id order."""
    with db.begin() as conn:
        rows = (
            conn.execute(
                select(schema.items)
                .join(schema.sample_items, schema.sample_items.c.item_id == schema.items.c.id)
                .join(schema.samples, schema.samples.c.id == schema.sample_items.c.sample_id)
                .where(schema.samples.c.name == sample)
                .order_by(schema.items.c.id)
            )
            .mappings()
            .all()
        )
    if not rows:
        raise StudykitError(f"no sample named {sample!r}: run `studykit sample` first")
    return pd.DataFrame([dict(r) for r in rows])


def codings(db: Database, *, round: str | None = None) -> pd.DataFrame:
    """The stored codings, optionally of one round."""
    frame = db.read("codings")
    return frame if round is None else frame[frame["round"] == round].reset_index(drop=True)


def export_sheet(
    study: Study,
    *,
    rater: str,
    round: str,
    fmt: Literal["xlsx", "csv"] = "xlsx",
    folder: Path | None = None,
    sample: str = "main",
) -> Path:
    """Write a rater's blank labelling sheet for the sample; return its path."""
    raters = study.manifest.coding.raters
    if raters and rater not in raters:
        raise StudykitError(f"{rater!r} is not a rater of the study ({', '.join(raters)})")
    codebook = study_codebook(study)
    sheet = blank_sheet(sample_items(study.db, sample), codebook, rater=rater, round=round)
    target = folder or study.manifest.resolve(study.manifest.coding.sheets)
    path = target / f"round-{round}" / f"{rater}.{fmt}"
    if fmt == "xlsx":
        write_sheet_xlsx(sheet, codebook, path)
    else:
        write_sheet_csv(sheet, path)
    return path


@dataclass(frozen=True)
class ImportSummary:
    """What an import of sheets stored."""

    sheets: int
    codings: int
    pairs: list[tuple[str, str]]


def import_sheets(
    study: Study,
    paths: list[Path],
    *,
    rater: str | None = None,
    round: str | None = None,
    sample: str = "main",
    codebook_path: Path | None = None,
) -> ImportSummary:
    """Validate every sheet, then replace those raters' codings of those rounds in one go."""
    codebook = study_codebook(study, codebook_path)
    items = sample_items(study.db, sample)["id"]
    frames = {str(p): read_sheet(p) for p in paths}
    parsed = parse_sheets(
        frames,
        codebook,
        items=set(items),
        raters=study.manifest.coding.raters,
        rater=rater,
        round=round,
    )
    pairs = sorted(set(zip(parsed["rater"], parsed["round"], strict=True)))
    stamp = now_iso()
    with study.db.begin() as conn:
        conn.execute(
            delete(schema.codings).where(
                or_(
                    *(
                        and_(schema.codings.c.rater == r, schema.codings.c.round == n)
                        for r, n in pairs
                    )
                )
            )
        )
        store_codebook(conn, codebook)
        coded = parsed.assign(coded_at=stamp, codebook=codebook.content_hash)
        written = insert(conn, schema.codings, records(coded))
    return ImportSummary(len(paths), written, pairs)


def study_disagreements(study: Study, *, round: str) -> pd.DataFrame:
    """Per item and dimension of a round, the raters' differing codes and notes."""
    frame = codings(study.db, round=round)
    if frame.empty:
        raise StudykitError(f"no codings in round {round!r}: import sheets first")
    return disagreements(frame)


def write_adjudication(study: Study, *, round: str, path: Path) -> int:
    """Write an adjudication sheet of a round's disagreements; return its number of rows."""
    open_items = study_disagreements(study, round=round)
    sheet = adjudication_sheet(open_items, study.db.read("items"))
    write_sheet_csv(sheet, path)
    return len(sheet)


@dataclass(frozen=True)
class ConsensusSummary:
    """What `settle_consensus` stored."""

    agreed: int
    adjudicated: int
    open: int


def settle_consensus(
    study: Study, *, round: str, adjudication: Path | None = None
) -> ConsensusSummary:
    """Store consensus of a round: labels all raters agree on, plus adjudicated ones."""
    frame = codings(study.db, round=round)
    if frame.empty:
        raise StudykitError(f"no codings in round {round!r}: import sheets first")
    agreed = agreed_labels(frame)
    open_items = disagreements(frame)
    pairs = set(zip(open_items["item_id"], open_items["dimension"], strict=True))
    settled = agreed.iloc[0:0]
    if adjudication is not None:
        settled = parse_adjudication(
            read_sheet(adjudication), str(adjudication), study_codebook(study), open_pairs=pairs
        )
    rows = pd.concat([agreed, settled], ignore_index=True).assign(round=round, decided_at=now_iso())
    touched = set(zip(rows["item_id"], rows["dimension"], strict=True))
    with study.db.begin() as conn:
        for item, dim in touched:
            conn.execute(
                delete(schema.consensus).where(
                    and_(schema.consensus.c.item_id == item, schema.consensus.c.dimension == dim)
                )
            )
        insert(conn, schema.consensus, records(rows))
    settled_pairs = set(zip(settled["item_id"], settled["dimension"], strict=True))
    return ConsensusSummary(
        agreed=len(set(zip(agreed["item_id"], agreed["dimension"], strict=True))),
        adjudicated=len(settled_pairs),
        open=len(pairs - settled_pairs),
    )
