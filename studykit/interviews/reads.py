"""What the database hands the interview analysis: coded segments, participants, texts."""

from __future__ import annotations

import pandas as pd
import yaml
from sqlalchemy import select

from coding.codebook import Codebook, parse_codebook
from studykit.db import Database, schema
from studykit.errors import StudykitError


def stored_interview_codebook(db: Database) -> Codebook:
    """The codebook the latest segment codings were made with, as stored in the database."""
    with db.begin() as conn:
        row = conn.execute(
            select(schema.codebooks.c.document, schema.codebooks.c.source)
            .join(schema.codings, schema.codings.c.codebook == schema.codebooks.c.content_hash)
            .join(schema.items, schema.items.c.id == schema.codings.c.item_id)
            .where(schema.items.c.kind == "segment")
            .order_by(schema.codings.c.coded_at.desc(), schema.codings.c.id.desc())
            .limit(1)
        ).first()
    if row is None:
        raise StudykitError(
            "no interview segment is coded yet: run `studykit import qdpx` or import segment sheets"
        )
    return parse_codebook(yaml.safe_load(row.document), source=row.source)


def segment_texts(db: Database) -> pd.DataFrame:
    """Every segment with its participant: segment_id, participant_id, seq, speaker, text."""
    segments = db.read("segments")
    transcripts = db.read("transcripts")[["id", "participant_id"]]
    merged = segments.merge(
        transcripts, left_on="transcript_id", right_on="id", suffixes=("", "_t")
    )
    frame = merged.rename(columns={"id": "segment_id"})
    return frame[["segment_id", "participant_id", "transcript_id", "seq", "speaker", "text"]]


def participant_table(db: Database) -> pd.DataFrame:
    """The participants with participant_id and their attributes."""
    frame = db.read("participants").rename(columns={"id": "participant_id"})
    if frame.empty:
        raise StudykitError("the study has no participants: run `studykit import participants`")
    return frame


def interview_order(db: Database) -> list[str]:
    """Participants in interview order (transcript ids sorted), each once."""
    transcripts = db.read("transcripts").sort_values("id")
    return list(dict.fromkeys(transcripts["participant_id"].dropna()))


def segment_labels(
    db: Database, codebook: Codebook, *, dimension: str | None = None, themes: bool = False
) -> pd.DataFrame:
    """Coded segments: segment_id, participant_id, code; consensus when there is any, else the
    union of all raters' codings. `themes` rolls codes up to their top-level theme."""
    dim = codebook.dimension(dimension or codebook.names()[0])
    texts = segment_texts(db)[["segment_id", "participant_id"]]
    consensus = db.read("consensus")
    source = consensus[consensus["item_id"].isin(texts["segment_id"])]
    if source.empty:
        codings = db.read("codings")
        source = codings[codings["item_id"].isin(texts["segment_id"])]
    source = source[source["dimension"] == dim.name]
    if source.empty:
        raise StudykitError(f"no interview segment is coded on {dim.name!r} yet")
    labels = source.rename(columns={"item_id": "segment_id"})[["segment_id", "code"]]
    if themes:
        labels = labels.assign(code=[dim.top_level(c) for c in labels["code"]])
    labels = labels.drop_duplicates().merge(texts, on="segment_id")
    return labels[["segment_id", "participant_id", "code"]].sort_values(
        ["segment_id", "code"], ignore_index=True
    )


def refuse_open_findings(db: Database, segment_ids: list[str]) -> None:
    """Raise if any of these segments still holds flagged personal data."""
    found = db.read("pii_findings")
    found = found[(found["status"] == "open") & found["segment_id"].isin(segment_ids)]
    if found.empty:
        return
    listed = ", ".join(f"{r.segment_id} ({r.kind})" for r in found.head(10).itertuples())
    raise StudykitError(
        f"{len(found)} piece(s) of personal data left in the transcripts: {listed}; "
        "re-import those transcripts with --redact (or edit them) before exporting their text"
    )
