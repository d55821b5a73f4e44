"""Interview results from the database, as the tables `analyze` and `report` show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from analysis.interviews import cooccurrence, participant_matrix, participants_per_code
from analysis.quotes import pick_quotes
from analysis.saturation import Saturation, guest_saturation, new_codes_curve
from coding.codebook import Codebook, Dimension
from studykit.db import Database
from studykit.interviews.reads import (
    interview_order,
    participant_table,
    refuse_open_findings,
    segment_labels,
    segment_texts,
)
from studykit.labelling.codebooks import stored_codebook

Level = Literal["theme", "code"]


@dataclass
class Interviews:
    """Coded interview segments read once, with the codebook dimension they are coded on."""

    db: Database
    codebook: Codebook
    dimension: Dimension

    @classmethod
    def read(cls, db: Database, codebook: Codebook | None = None) -> Interviews:
        """The interviews of a study, coded with `codebook` (default: the stored one)."""
        codebook = codebook or stored_codebook(db, "segment")
        return cls(db, codebook, codebook.dimensions[0])

    def labels(self, level: Level = "theme") -> pd.DataFrame:
        """Coded segments at theme (top-level) or code level."""
        return segment_labels(self.db, self.codebook, themes=level == "theme")

    def order(self, level: Level = "theme") -> list[str]:
        """Codes in codebook order at that level."""
        return [c.code for c in self.dimension.codes if level == "code" or c.parent is None]

    def code_labels(self) -> dict[str, str]:
        """Display labels of the codes."""
        return self.dimension.labels()


def theme_participants(
    data: Interviews, *, level: Level = "theme", by: str = "role"
) -> pd.DataFrame:
    """Per theme: participants who mentioned it (count, share) and per group, unformatted."""
    participants = participant_table(data.db)
    return participants_per_code(data.labels(level), participants, by=by, order=data.order(level))


def participants_by_theme(
    data: Interviews,
    *,
    level: Level = "theme",
    by: str = "role",
    raw: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per theme: participants who mentioned it, n (%), overall and per group, for a paper."""
    participants = participant_table(data.db)
    table = theme_participants(data, level=level, by=by) if raw is None else raw
    shown = pd.DataFrame({"Theme": [data.code_labels().get(c, c) for c in table["code"]]})
    total = len(participants)
    shown[f"Participants (n={total})"] = [
        f"{n} ({100 * s:.0f}%)" for n, s in zip(table["participants"], table["share"], strict=True)
    ]
    for column in table.columns[3:]:
        shown[str(column)] = table[column].astype(int).astype(str)
    return shown


def matrix(data: Interviews, *, level: Level = "theme") -> pd.DataFrame:
    """Participants x codes: the number of each participant's segments with each code."""
    table = participant_matrix(data.labels(level), participant_table(data.db)["participant_id"])
    table = table[[c for c in data.order(level) if c in table.columns]]
    return table.rename(columns=data.code_labels()).reset_index()


def cooccurrences(data: Interviews, *, level: Level = "theme") -> pd.DataFrame:
    """Codes x codes: segments coded with both."""
    return cooccurrence(data.labels(level), order=data.order(level))


def saturation(
    data: Interviews, *, level: Level = "code", base: int = 4, run: int = 2, threshold: float = 0.05
) -> tuple[pd.DataFrame, Saturation]:
    """New codes per interview in interview order, and Guest et al.'s assessment."""
    curve = new_codes_curve(data.labels(level), interview_order(data.db))
    return curve, guest_saturation(curve, base=base, run=run, threshold=threshold)


def quotes(data: Interviews, *, per_theme: int = 3) -> pd.DataFrame:
    """Representative quotes per theme; refused while personal data is flagged in them."""
    labels = data.labels("theme")
    picked = pick_quotes(segment_texts(data.db), labels, per_theme=per_theme, order=data.order())
    refuse_open_findings(data.db, list(picked["segment_id"]))
    return picked.assign(theme=[data.code_labels().get(t, t) for t in picked["theme"]])
