"""Cells a spreadsheet would run as formulas, neutralised on the way out (OWASP CSV injection).

A text cell that starts with =, +, -, @, tab, carriage return, line feed or their full-width
forms gets an apostrophe in front; so does one that starts with an apostrophe, so that every
written cell starting with an apostrophe got exactly one and `unneutralise` is exact.
"""

from __future__ import annotations

import pandas as pd

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
QUOTE = "'"


def neutralise(value: object) -> object:
    """Put an apostrophe before text a spreadsheet would run as a formula, or that has one."""
    if isinstance(value, str) and value.startswith((*FORMULA_TRIGGERS, QUOTE)):
        return QUOTE + value
    return value


def unneutralise(value: str) -> str:
    """Undo `neutralise` on a cell studykit wrote: drop its first apostrophe, once."""
    return value[1:] if value.startswith(QUOTE) else value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame with every text cell neutralised (number columns left as they are)."""
    safe = frame.copy()
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if not pd.api.types.is_numeric_dtype(column):
            safe.isetitem(position, column.map(neutralise).to_numpy())
    return safe
