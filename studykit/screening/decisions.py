"""A screening dimension's decisions as 0/1 relevance, with the code that means relevant."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from studykit.errors import InputError

RELEVANT_NAMES = ("yes", "relevant", "include", "included", "true", "1")


def relevant_codes(codes: Sequence[str], given: Sequence[str], dimension: str) -> list[str]:
    """The codes that mean relevant: `given`, or the one code of a yes/no dimension named so."""
    known = sorted(set(codes))
    if given:
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise InputError(
                f"dimension {dimension!r}: --relevant {', '.join(unknown)} is not among its "
                f"decisions' codes ({', '.join(known)})"
            )
        return list(given)
    named = [code for code in known if code.lower() in RELEVANT_NAMES]
    if len(known) == 2 and len(named) == 1:
        return named
    raise InputError(
        f"dimension {dimension!r} has codes {', '.join(known) or '(none)'}: say which mean "
        "relevant with --relevant CODE (repeat it for several)"
    )


def relevance(
    labels: pd.DataFrame, dimension: str, relevant: Sequence[str] = ()
) -> tuple[pd.DataFrame, list[str]]:
    """item_id, relevant (0/1) from labels (item_id, dimension, code); the codes used."""
    rows = labels[labels["dimension"] == dimension]
    if rows.empty:
        raise InputError(
            f"no decisions in dimension {dimension!r}: code or import it first "
            "(studykit sheets import, studykit consensus)"
        )
    codes = relevant_codes(rows["code"].astype(str).tolist(), relevant, dimension)
    flags = rows.assign(relevant=rows["code"].isin(codes).astype(int))
    per_item = flags.groupby("item_id")["relevant"].max().reset_index()
    return per_item.sort_values("item_id", ignore_index=True), codes
