"""Code suggestions in the workspace: off unless `studykit serve --suggestions D`; then a
rater sees the model's top codes of D for an item only once they have stored their own codes of
D for it, and every later save says whether the suggestion was in view.

The suggestions are computed once, when the server starts (a model trained on the consensus
labels so far), and held in memory: they are never written as codings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coding.codebook import Codebook
from studykit.db import Database
from studykit.labelling.sheet_suggestions import check_suggested


@dataclass(frozen=True)
class Suggested:
    """One suggested code of an item: its name, label and calibrated probability."""

    code: str
    label: str
    probability: float


@dataclass(frozen=True)
class WorkspaceSuggestions:
    """Per dimension with suggestions on, per item without a consensus, its top codes."""

    by_dimension: dict[str, dict[str, list[Suggested]]] = field(default_factory=dict)

    @property
    def dimensions(self) -> list[str]:
        """The dimensions whose suggestions are served."""
        return list(self.by_dimension)

    def of(self, dimension: str, item: str) -> list[Suggested]:
        """The item's suggested codes in `dimension` (none for an item with a consensus)."""
        return self.by_dimension.get(dimension, {}).get(item, [])


def load_suggestions(
    db: Database,
    codebook: Codebook,
    dimensions: Sequence[str],
    *,
    model: str = "lr",
    cache: Path | None = None,
) -> WorkspaceSuggestions:
    """Train a suggester per dimension on the consensus labels and keep its top 3 codes (the
    text features kept in `cache` if given)."""
    from studykit.screening.suggestions import suggest_codes

    check_suggested(codebook, dimensions)
    by_dimension: dict[str, dict[str, list[Suggested]]] = {}
    for name in dimensions:
        labels = {code: label for code, label in _labels(codebook, name)}
        table = suggest_codes(db, name, model=model, cache=cache).table.sort_values(
            ["item_id", "rank"]
        )
        items: dict[str, list[Suggested]] = {}
        for item, code, probability in zip(
            table["item_id"], table["code"], table["probability"], strict=True
        ):
            items.setdefault(str(item), []).append(
                Suggested(str(code), labels.get(str(code), str(code)), float(probability))
            )
        by_dimension[name] = items
    return WorkspaceSuggestions(by_dimension)


def _labels(codebook: Codebook, dimension: str) -> list[tuple[str, str]]:
    """(code, label) of a dimension's codes."""
    return [(code.code, code.label) for code in codebook.dimension(dimension).codes]
