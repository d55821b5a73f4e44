"""What the database hands the interview analysis: coded segments, participants, texts."""

from __future__ import annotations

import pandas as pd

from coding.codebook import Codebook
from studykit.db import Database
from studykit.db.reads import codings, consensus, interview_table
from studykit.errors import StudykitError


def segment_texts(db: Database) -> pd.DataFrame:
    """Every segment with its participant: segment_id, participant_id, seq, speaker, text."""
    segments = interview_table(db, "segments")
    transcripts = interview_table(db, "transcripts")[["id", "participant_id"]]
    merged = segments.merge(
        transcripts, left_on="transcript_id", right_on="id", suffixes=("", "_t")
    )
    frame = merged.rename(columns={"id": "segment_id"})
    return frame[["segment_id", "participant_id", "transcript_id", "seq", "speaker", "text"]]


def participant_table(db: Database) -> pd.DataFrame:
    """The participants with participant_id and their attributes."""
    frame = interview_table(db, "participants").rename(columns={"id": "participant_id"})
    if frame.empty:
        raise StudykitError("the study has no participants: run `studykit import participants`")
    return frame


def interview_order(db: Database) -> list[str]:
    """Participants in interview order (transcript ids sorted), each once."""
    transcripts = interview_table(db, "transcripts").sort_values("id")
    return list(dict.fromkeys(transcripts["participant_id"].dropna()))


def segment_labels(
    db: Database, codebook: Codebook, *, dimension: str | None = None, themes: bool = False
) -> pd.DataFrame:
    """Coded segments: segment_id, participant_id, code; consensus when there is any, else the
    union of all raters' codings. `themes` rolls codes up to their top-level theme."""
    dim = codebook.dimension(dimension or codebook.names()[0])
    texts = segment_texts(db)[["segment_id", "participant_id"]]
    final = consensus(db)
    source = final[final["item_id"].isin(texts["segment_id"])]
    if source.empty:
        rated = codings(db)
        source = rated[rated["item_id"].isin(texts["segment_id"])]
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
    found = interview_table(db, "pii_findings")
    found = found[(found["status"] == "open") & found["segment_id"].isin(segment_ids)]
    if found.empty:
        return
    listed = ", ".join(f"{r.segment_id} ({r.kind})" for r in found.head(10).itertuples())
    raise StudykitError(
        f"{len(found)} piece(s) of personal data left in the transcripts: {listed}; "
        "re-import those transcripts with --redact (or edit them) before exporting their text"
    )
