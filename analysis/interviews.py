"""Interview codes per participant: who mentioned what (overall and by role), and co-occurrence.

`labels` are coded segments in long form: segment_id, participant_id, code (one row per code
of a segment); `participants` has participant_id and attributes such as role.
"""

from __future__ import annotations

import itertools

import pandas as pd

from analysis._checks import require_columns

LABEL_COLUMNS = ["segment_id", "participant_id", "code"]


def participant_matrix(labels: pd.DataFrame, participants: pd.Series | None = None) -> pd.DataFrame:
    """Participants x codes: how many of a participant's segments carry each code.

    `participants` (ids) adds rows of zeros for participants without any coded segment.
    """
    require_columns(labels, LABEL_COLUMNS, name="labels")
    matrix = pd.crosstab(labels["participant_id"], labels["code"])
    if participants is not None:
        matrix = matrix.reindex(sorted(set(participants) | set(matrix.index)), fill_value=0)
    matrix.index.name, matrix.columns.name = "participant_id", "code"
    return matrix


def participants_per_code(
    labels: pd.DataFrame,
    participants: pd.DataFrame,
    *,
    by: str | None = "role",
    order: list[str] | None = None,
) -> pd.DataFrame:
    """Per code, how many participants mentioned it (n, share of all) and how many per `by`."""
    require_columns(participants, ["participant_id", *([by] if by else [])], name="participants")
    mentioned = participant_matrix(labels, participants["participant_id"]) > 0
    codes = [c for c in (order or sorted(mentioned.columns)) if c in mentioned.columns]
    table = pd.DataFrame(index=pd.Index(codes, name="code"))
    table["participants"] = [int(mentioned[c].sum()) for c in codes]
    table["share"] = table["participants"] / max(len(participants), 1)
    if by is not None:
        groups = participants.set_index("participant_id")[by].reindex(mentioned.index)
        for value in sorted(groups.dropna().unique(), key=str):
            members = groups[groups == value].index
            table[f"{value} (n={len(members)})"] = [
                int(mentioned.loc[members, c].sum()) for c in codes
            ]
    return table.reset_index()


def cooccurrence(labels: pd.DataFrame, *, order: list[str] | None = None) -> pd.DataFrame:
    """Codes x codes: segments coded with both (the diagonal: segments coded with the code)."""
    require_columns(labels, ["segment_id", "code"], name="labels")
    used = set(pd.unique(labels["code"]))
    codes = [c for c in (order or sorted(used)) if c in used]
    table = pd.DataFrame(0, index=codes, columns=codes, dtype="int64")
    for _, group in labels.groupby("segment_id"):
        present = sorted(set(group["code"]) & set(codes))
        for code in present:
            table.loc[code, code] += 1
        for a, b in itertools.combinations(present, 2):
            table.loc[a, b] += 1
            table.loc[b, a] += 1
    table.index.name, table.columns.name = "code", "code"
    return table
