"""What re-importing a rater's round does to the codings stored for it: added, changed, removed.

A coding is one code one rater gave one item on one dimension in one round (with its note).
Within an item's dimension, a stored code the new sheet no longer has and a code it newly has
pair up as one change; codes left over are added (new) or removed (stored, not in the sheet);
a code in both with another note is changed too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

CELL = ("item_id", "rater", "round", "dimension")
CHANGE_COLUMNS = ["rater", "round", "added", "changed", "removed", "unchanged"]


def count_changes(
    stored: pd.DataFrame, incoming: pd.DataFrame, pairs: Iterable[tuple[str, str]] = ()
) -> pd.DataFrame:
    """Per rater and round (those of `pairs`, `incoming` and `stored`), how many codings
    `incoming` adds, changes, removes and keeps."""
    before = _cells(stored)
    after = _cells(incoming)
    found = zip(incoming["rater"], incoming["round"], strict=True)
    counts = {pair: [0, 0, 0, 0] for pair in {*pairs, *found}}
    for key in before.keys() | after.keys():
        old, new = before.get(key, {}), after.get(key, {})
        shared = old.keys() & new.keys()
        gone, came = len(old.keys() - shared), len(new.keys() - shared)
        renoted = sum(old[code] != new[code] for code in shared)
        paired = min(gone, came)
        tally = counts.setdefault((key[1], key[2]), [0, 0, 0, 0])
        tally[0] += came - paired
        tally[1] += paired + renoted
        tally[2] += gone - paired
        tally[3] += len(shared) - renoted
    rows = [[rater, round, *tally] for (rater, round), tally in sorted(counts.items())]
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def _cells(codings: pd.DataFrame) -> dict[tuple[str, ...], dict[str, str]]:
    """Per item, rater, round and dimension: code -> note ('' for none)."""
    cells: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)
    notes = codings["note"].fillna("") if "note" in codings else [""] * len(codings)
    for *key, code, note in zip(*(codings[c] for c in CELL), codings["code"], notes, strict=True):
        cells[tuple(key)][code] = str(note)
    return cells
