"""Codes that labels carry outside their codebook: counted, named in a note, and added to a
codebook's hierarchy as top-level codes so that no label is silently dropped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class OutsideCodes:
    """Codes a dimension's labels carry that its codebook does not know, with their items."""

    dimension: str
    items_per_code: dict[str, int]
    n_items: int

    def note(self, how: str = "counted as top-level codes") -> str | None:
        """One line naming how many items carry such codes and which codes, or None."""
        if not self.items_per_code:
            return None
        codes = ", ".join(f"{code!r} ({n})" for code, n in self.items_per_code.items())
        items = "item carries" if self.n_items == 1 else "items carry"
        return (
            f"{self.n_items} {items} {self.dimension} codes outside the codebook, {how}: {codes}."
        )


def outside_codes(labels: pd.DataFrame, dimension: str, known: Iterable[str]) -> OutsideCodes:
    """The codes of `dimension` in `labels` that are not in `known`, with items per code."""
    rows = labels[(labels["dimension"] == dimension) & ~labels["code"].isin(set(known))]
    per_code = rows.groupby("code")["item_id"].nunique().sort_index()
    return OutsideCodes(
        dimension, {str(c): int(n) for c, n in per_code.items()}, rows["item_id"].nunique()
    )


def parents_with(parents: Mapping[str, str | None], outside: OutsideCodes) -> dict[str, str | None]:
    """A codebook's `parents` with every code outside it added as a top-level code."""
    return {**parents, **dict.fromkeys(outside.items_per_code)}
