"""Agreement split by whether a suggestion was in view: the codings made with a model's
suggestion visible, those made without, and those nobody knows about (made before schema
version 9, imported), each measured on its own so that anchoring on suggestions shows.

A group holds the codings with that flag; an item counts in a group where two or more raters
coded it with that flag (a rater who saw a suggestion and one who did not are in no pair).
"""

from __future__ import annotations

import pandas as pd

from coding.codebook import Codebook
from studykit.errors import StudykitError
from studykit.labelling.agreement import natural_rounds, study_agreement

GROUPS = ("visible", "not visible", "unknown")


def suggestion_group(codings: pd.DataFrame) -> pd.Series:
    """Per coding: visible, not visible, or unknown (NULL: made before the flag existed)."""
    if "suggestion_visible" not in codings.columns:
        return pd.Series("unknown", index=codings.index)
    names = [
        GROUPS[2] if pd.isna(v) else GROUPS[0] if bool(v) else GROUPS[1]
        for v in codings["suggestion_visible"]
    ]
    return pd.Series(names, index=codings.index, dtype=object)


def agreement_by_suggestion(
    codings: pd.DataFrame,
    codebook: Codebook,
    *,
    dimensions: list[str] | None = None,
    rounds: list[str] | None = None,
    n_boot: int = 1000,
) -> tuple[pd.DataFrame, list[str]]:
    """Agreement per suggestion group, round and dimension, with how many codings each group
    holds among its notes."""
    if codings.empty:
        raise StudykitError("the study has no codings yet: import sheets first")
    wanted = rounds or natural_rounds(codings["round"])
    codings = codings[codings["round"].isin(wanted)]
    groups = suggestion_group(codings)
    counts = groups.value_counts()
    notes = [
        "codings per suggestion group: "
        + ", ".join(f"{name} {int(counts.get(name, 0)):,}" for name in GROUPS)
    ]
    frames = []
    for name in GROUPS:
        subset = _paired(codings[groups == name])
        if not _measurable(subset, dimensions or codebook.names()):
            notes.append(f"suggestion {name}: no dimension coded by two or more raters")
            continue
        present = [r for r in wanted if r in set(subset["round"])]
        table, more = study_agreement(
            subset, codebook, dimensions=dimensions, rounds=present, n_boot=n_boot
        )
        frames.append(table.assign(suggestion=name))
        notes.extend(f"suggestion {name}: {note}" for note in more)
    if not frames:
        raise StudykitError("no dimension was coded by two or more raters in any suggestion group")
    result = pd.concat(frames, ignore_index=True)
    front = ["suggestion", "round", "dimension"]
    return result[front + [c for c in result.columns if c not in front]], notes


def _paired(codings: pd.DataFrame) -> pd.DataFrame:
    """The codings of items two or more raters coded in the same round and dimension."""
    keys = ["round", "dimension", "item_id"]
    raters = codings.groupby(keys)["rater"].transform("nunique")
    return codings[raters >= 2]


def _measurable(codings: pd.DataFrame, names: list[str]) -> bool:
    """True if some round has a dimension of `names` coded by two or more raters."""
    coded = codings[codings["dimension"].isin(names)]
    return bool((coded.groupby(["round", "dimension"])["rater"].nunique() >= 2).any())
