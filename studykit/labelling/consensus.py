"""Disagreements between raters, their adjudication, and the consensus labels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import and_, delete

from coding.consensus import adjudication_sheet, agreed_labels, disagreements, parse_adjudication
from coding.sheets import read_sheet, write_sheet_csv
from studykit.clock import now_iso
from studykit.db import insert, records, schema
from studykit.db.locks import consensus_key, serialise_writers
from studykit.db.reads import codings, items
from studykit.errors import StudykitError
from studykit.labelling.codebooks import study_codebook
from studykit.study import Study


def study_disagreements(study: Study, *, round: str) -> pd.DataFrame:
    """Per item and dimension of a round, the raters' differing codes and notes."""
    frame = codings(study, rounds=round)
    if frame.empty:
        raise StudykitError(f"no codings in round {round!r}: import sheets first")
    return disagreements(frame)


def write_adjudication(study: Study, *, round: str, path: Path) -> int:
    """Write an adjudication sheet of a round's disagreements; return its number of rows."""
    open_items = study_disagreements(study, round=round)
    sheet = adjudication_sheet(open_items, items(study))
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
    frame = codings(study, rounds=round)
    if frame.empty:
        raise StudykitError(f"no codings in round {round!r}: import sheets first")
    agreed = agreed_labels(frame)
    open_items = disagreements(frame)
    pairs = set(zip(open_items["item_id"], open_items["dimension"], strict=True))
    settled = agreed.iloc[0:0]
    if adjudication is not None:
        settled = parse_adjudication(
            read_sheet(adjudication, filled=("consensus", "rationale")),
            str(adjudication),
            study_codebook(study),
            open_pairs=pairs,
        )
    rows = pd.concat([agreed, settled], ignore_index=True).assign(round=round, decided_at=now_iso())
    touched = set(zip(rows["item_id"], rows["dimension"], strict=True))
    with study.db.begin() as conn:
        serialise_writers(conn, *(consensus_key(dim) for _, dim in touched))
        for item, dim in sorted(touched):
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
