"""The served round's agreement, disagreements and the consensus recorded once it is closed.

Agreement is `studykit agree`'s (study_agreement, same coefficients and CIs); disagreements
are `studykit disagreements`'; a decision is stored as `studykit consensus --adjudication`
stores an adjudicated row (method "adjudicated", with its rationale), and names who recorded
it (`decided_by`: the coordinator, or a rater of the round for the raters together).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import delete

from coding.consensus import disagreements
from studykit.clock import now_iso
from studykit.db import insert, schema
from studykit.db.locks import consensus_key, serialise_writers
from studykit.db.reads import codings
from studykit.errors import InputError, StudykitError
from studykit.labelling.agreement import study_agreement
from studykit.workspace.store import Round

N_BOOT = 1000
"""Bootstrap resamples, as `studykit agree` draws by default."""


def round_agreement(served: Round) -> tuple[pd.DataFrame, list[str]]:
    """The agreement table of the round so far, or an empty table and why there is none."""
    frame = codings(served.db, rounds=served.name)
    try:
        return study_agreement(frame, served.codebook, rounds=[served.name], n_boot=N_BOOT)
    except StudykitError as exc:
        return pd.DataFrame(), [str(exc)]


def round_disagreements(served: Round) -> pd.DataFrame:
    """Per item and dimension of the round that raters coded differently: their codes and notes."""
    frame = codings(served.db, rounds=served.name)
    return disagreements(frame) if not frame.empty else pd.DataFrame()


def record_consensus(
    served: Round, item: str, dimension: str, codes: list[str], rationale: str, by: str
) -> None:
    """Store the consensus codes of one disagreement with the rationale for them and who
    recorded them; a later decision on the same disagreement replaces it."""
    open_pairs = round_disagreements(served)
    if (
        open_pairs.empty
        or not ((open_pairs["item_id"] == item) & (open_pairs["dimension"] == dimension)).any()
    ):
        raise InputError(f"{item} / {dimension} is not a disagreement of round {served.name}")
    dim = served.codebook.dimension(dimension)
    unknown = sorted(set(codes) - set(dim.names()))
    if unknown or not codes:
        raise InputError(f"{dimension}: choose codes of the codebook (not {unknown or 'none'})")
    if len(codes) > 1 and not dim.multi_label:
        raise InputError(f"{dimension} takes one code, not {len(codes)}")
    if not rationale.strip():
        raise InputError("write the rationale of the decision")
    stamp = now_iso()
    c = schema.consensus.c
    with served.db.begin() as conn:
        serialise_writers(conn, consensus_key(dimension))  # as `studykit consensus` does
        conn.execute(delete(schema.consensus).where(c.item_id == item, c.dimension == dimension))
        insert(
            conn,
            schema.consensus,
            [
                {
                    "item_id": item,
                    "dimension": dimension,
                    "code": code,
                    "round": served.name,
                    "method": "adjudicated",
                    "rationale": rationale.strip(),
                    "decided_at": stamp,
                    "decided_by": by,
                }
                for code in dim.names()
                if code in codes
            ],
        )
