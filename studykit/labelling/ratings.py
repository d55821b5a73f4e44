"""Codings as the agreement functions take them: one row per item and rater, with the codes of
a multi-label dimension joined."""

from __future__ import annotations

import pandas as pd


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
