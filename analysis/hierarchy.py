"""Codebook hierarchy helpers over a plain `parents` mapping (code -> parent code or None)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analysis._checks import require_columns


def lineage(code: str, parents: Mapping[str, str | None]) -> list[str]:
    """Codes from the root category down to `code` itself, following `parents`."""
    path = [code]
    seen = {code}
    if code not in parents:
        raise ValueError(f"code {code!r} is not in parents")
    parent = parents[code]
    while parent is not None:
        if parent in seen:
            raise ValueError(f"parents has a cycle through {parent!r}")
        if parent not in parents:
            raise ValueError(f"parent {parent!r} of {path[-1]!r} is not in parents")
        path.append(parent)
        seen.add(parent)
        parent = parents[parent]
    return path[::-1]


def depth(code: str, parents: Mapping[str, str | None]) -> int:
    """Depth of `code` in the hierarchy (0 for a top-level category)."""
    return len(lineage(code, parents)) - 1


def check_codes(codes: Iterable[str], parents: Mapping[str, str | None]) -> None:
    """Raise a ValueError listing codes that are not keys of `parents`."""
    unknown = sorted({code for code in codes if code not in parents})
    if unknown:
        raise ValueError(f"codes not in parents: {', '.join(map(repr, unknown))}")


def rollup(
    labels: pd.DataFrame,
    parents: Mapping[str, str | None],
    *,
    dimension: str,
    level: int = 0,
) -> pd.DataFrame:
    """Labels with `dimension`'s codes replaced by their ancestor at `level`, deduplicated.

    Codes shallower than `level` stay as they are; other dimensions pass through unchanged.
    """
    require_columns(labels, ["item_id", "dimension", "code"], name="labels")
    if level < 0:
        raise ValueError(f"level must be >= 0, got {level}")
    selected = labels["dimension"] == dimension
    if not selected.any():
        raise ValueError(f"labels has no rows for dimension {dimension!r}")
    codes = set(labels.loc[selected, "code"])
    check_codes(codes, parents)
    ancestor = {code: lineage(code, parents)[: level + 1][-1] for code in codes}
    rolled = labels.assign(code=labels["code"].where(~selected, labels["code"].map(ancestor)))
    return rolled.drop_duplicates(subset=["item_id", "dimension", "code"]).reset_index(drop=True)
