"""The study's transcripts (and their codings) as a REFI-QDA project for a QDA tool.

Coders open the .qdpx in ATLAS.ti, NVivo, MAXQDA or QualCoder, code the participants' turns and
send it back to `studykit import qdpx`. Each transcript is a source named by its participant;
a coding of a segment becomes a selection of that segment's turn. The project's date is the
latest import or coding it holds, so exporting unchanged data writes the same bytes.
Transcripts with personal data still flagged are refused, as for every export of their text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from coding.qdpx_writer import CODING_COLUMNS, qdpx_bytes, render_source
from coding.transcripts import Turn
from studykit.clock import now_iso
from studykit.db import reads
from studykit.db.reads import interview_table
from studykit.errors import StudykitError
from studykit.interviews.reads import refuse_open_findings
from studykit.labelling.codebooks import interview_codebook
from studykit.study import Study


@dataclass(frozen=True)
class QdpxExport:
    """What an exported project holds."""

    sources: int
    codings: int
    coders: list[str]


def export_qdpx(
    study: Study, path: Path, *, round: str | None = None, with_codings: bool = True
) -> QdpxExport:
    """Write every transcript, the interview codebook and a round's codings to a .qdpx."""
    codebook = interview_codebook(study)
    segments = interview_table(study, "segments").sort_values(["transcript_id", "seq"])
    if segments.empty:
        raise StudykitError("the study has no transcripts yet: import transcripts first")
    refuse_open_findings(study.db, list(segments["id"]))
    sources: dict[str, str] = {}
    spans: dict[str, tuple[str, int, int]] = {}
    for transcript, turns in segments.groupby("transcript_id", sort=True):
        text, where = render_source(
            [
                Turn(s if isinstance(s, str) and s else None, t, int(q))
                for s, t, q in zip(turns["speaker"], turns["text"], turns["seq"], strict=True)
            ]
        )
        sources[str(transcript)] = text
        for segment, (start, end) in zip(turns["id"], where, strict=True):
            spans[segment] = (str(transcript), start, end)
    codings = reads.codings(study)
    chosen = codings[
        (codings["round"] == (round or study.manifest.interviews.round))
        & codings["item_id"].isin(spans)
        & codings["dimension"].isin(codebook.names())
    ]
    if not with_codings:
        chosen = chosen.iloc[0:0]
    placed = pd.DataFrame(
        [
            (*spans[item], rater, dimension, code)
            for item, rater, dimension, code in zip(
                chosen["item_id"], chosen["rater"], chosen["dimension"], chosen["code"], strict=True
            )
        ],
        columns=CODING_COLUMNS,
    )
    stamps = [*interview_table(study, "transcripts")["imported_at"], *chosen["coded_at"]]
    created = max((s for s in stamps if isinstance(s, str)), default=now_iso())
    path.write_bytes(
        qdpx_bytes(study.manifest.study.name, codebook, sources, placed, created=created)
    )
    return QdpxExport(len(sources), len(placed), sorted(set(placed["coder"])))
