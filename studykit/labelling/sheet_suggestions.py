"""Code suggestions as an explicit column of a labelling sheet, and, on import, which codings
were made with a suggestion in view.

A sheet exported with `--suggestions D` has a column `suggested D` holding, per item without a
consensus label, the model's top codes with their calibrated probabilities. Importing it marks
the codings of D in the rows whose cell holds a suggestion `suggestion_visible`; every other
coding a studykit sheet brings was made without one in view. Nothing here writes a coding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from coding.codebook import Codebook
from studykit.db import Database
from studykit.errors import StudykitError

PREFIX = "suggested "


def suggestion_column(dimension: str) -> str:
    """The sheet column that holds the suggestions for `dimension`."""
    return f"{PREFIX}{dimension}"


def suggestion_cells(
    db: Database,
    dimension: str,
    items: Sequence[str],
    *,
    model: str = "lr",
    cache: Path | None = None,
) -> list[str]:
    """Per item (in order), its suggested codes as `code (62%); code (21%); ...`, or ''."""
    from studykit.screening.suggestions import suggest_codes

    table = suggest_codes(db, dimension, model=model, cache=cache).table
    ranked = table.sort_values(["item_id", "rank"]).groupby("item_id", sort=False)
    cells = {item: shown(rows["code"], rows["probability"]) for item, rows in ranked}
    return [cells.get(item, "") for item in items]


def shown(codes: Iterable[str], probabilities: Iterable[float]) -> str:
    """Suggested codes as a rater reads them: `code (62%); code (21%)`."""
    return "; ".join(f"{c} ({p:.0%})" for c, p in zip(codes, probabilities, strict=True))


def check_suggested(codebook: Codebook, dimensions: Sequence[str]) -> list[str]:
    """The codebook's dimension names; one line naming any of `dimensions` it does not have."""
    names = codebook.names()
    unknown = [d for d in dimensions if d not in names]
    if unknown:
        raise StudykitError(
            f"--suggestions: {', '.join(unknown)} not a dimension of the codebook "
            f"{codebook.name!r} ({', '.join(names)})"
        )
    return names


def add_suggestions(
    sheet: pd.DataFrame,
    codebook: Codebook,
    db: Database,
    dimensions: Sequence[str],
    *,
    model: str = "lr",
    cache: Path | None = None,
) -> pd.DataFrame:
    """The sheet with a `suggested D` column per dimension D (after the notes); the text
    features kept in `cache` if given."""
    names = check_suggested(codebook, dimensions)
    taken = [d for d in dimensions if suggestion_column(d) in names]
    if taken:
        raise StudykitError(
            f"--suggestions: the codebook has a dimension called {suggestion_column(taken[0])!r}, "
            "the name of the suggestion column: rename that dimension"
        )
    items = sheet["item_id"].tolist()
    extra = {
        suggestion_column(d): suggestion_cells(db, d, items, model=model, cache=cache)
        for d in dimensions
    }
    return sheet.assign(**extra)


def take_suggestion_columns(
    frames: Mapping[str, pd.DataFrame], codebook: Codebook
) -> tuple[dict[str, pd.DataFrame], set[tuple[str, str, str]]]:
    """The sheets without their suggestion columns, and (sheet, item, dimension) of every row
    whose suggestion cell was filled (a suggestion the rater saw)."""
    wanted = {suggestion_column(d): d for d in codebook.names()}
    plain: dict[str, pd.DataFrame] = {}
    seen: set[tuple[str, str, str]] = set()
    for name, frame in frames.items():
        columns = [c for c in frame.columns if c in wanted]
        for column in columns:
            shown = frame.loc[frame[column].astype(str).str.strip() != "", "item_id"]
            seen.update((name, str(item), wanted[column]) for item in shown)
        plain[name] = frame.drop(columns=columns)
    return plain, seen


def visible_flags(parsed: pd.DataFrame, seen: set[tuple[str, str, str]]) -> list[bool]:
    """Per parsed coding (source, item_id, dimension): was a suggestion in view."""
    keys = zip(parsed["source"], parsed["item_id"], parsed["dimension"], strict=True)
    return [key in seen for key in keys]
