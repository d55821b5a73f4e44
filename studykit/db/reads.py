"""What the database hands the analysis stage: consensus labels, item fields, rating vectors,
and the codes labels carry outside the codebook."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from coding.codebook import Codebook
from studykit.db import Database


def consensus_labels(db: Database) -> pd.DataFrame:
    """Consensus labels in long form: item_id, dimension, code."""
    frame = db.read("consensus", columns=["item_id", "dimension", "code"])
    return frame.sort_values(["item_id", "dimension", "code"], ignore_index=True)


def item_fields(db: Database) -> pd.DataFrame:
    """Items with their fields (source, repository, created_at, each meta key) by item_id."""
    items = db.read("items")
    meta = pd.DataFrame(
        [
            {k: v for k, v in (m or {}).items() if not isinstance(v, list | dict)}
            for m in items["meta"]
        ],
        index=items.index,
    )
    base = items[["id", "kind", "source", "repository", "created_at", "title", "link"]].rename(
        columns={"id": "item_id"}
    )
    return pd.concat([base, meta.drop(columns=base.columns, errors="ignore")], axis=1)


def rating_table(codings: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """One dimension's codings as (item, rater, value); multi-label codes joined by ';'."""
    frame = codings[codings["dimension"] == dimension]
    return joined_codes(frame, ["item_id", "rater"]).rename(
        columns={"item_id": "item", "code": "value"}
    )


def joined_codes(codings: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per distinct `keys` with its codes sorted and joined by ';', sorted by `keys`."""
    ordered = codings[[*keys, "code"]].sort_values([*keys, "code"], kind="stable")
    several = ordered.duplicated(keys, keep=False)
    joined = ordered[several].groupby(keys, sort=False)["code"].agg(";".join).reset_index()
    return pd.concat([ordered[~several], joined]).sort_values(keys, ignore_index=True)


def codebook_maps(codebook: Codebook, dimension: str) -> dict[str, object]:
    """The plain mappings the analysis stage takes for a dimension: parents, labels, order."""
    dim = codebook.dimension(dimension)
    return {"parents": dim.parents(), "labels": dim.labels(), "order": dim.names()}


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
