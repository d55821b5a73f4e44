"""Multi-label values: a set of codes per rating, given as a set or a ';'-separated string."""

from collections.abc import Hashable, Iterable
from typing import Any, cast

import numpy as np
import pandas as pd

LabelSet = frozenset[Hashable]

_COLLECTIONS = (set, frozenset, list, tuple, np.ndarray)


def _is_missing_scalar(value: object) -> bool:
    """Return True for None, NaN, pd.NA, NaT and blank strings."""
    if isinstance(value, str):
        return not value.strip()
    if value is None:
        return True
    return bool(pd.api.types.is_scalar(value) and pd.isna(cast(Any, value)))


def parse_label_set(value: object, *, sep: str = ";") -> LabelSet | None:
    """Return one multi-label value as a frozenset of codes, or None when it holds no code."""
    if isinstance(value, _COLLECTIONS):
        parts: Iterable[object] = value
    elif isinstance(value, str):
        parts = value.split(sep)
    elif _is_missing_scalar(value):
        return None
    else:
        parts = [value]
    codes = [part.strip() if isinstance(part, str) else part for part in parts]
    if not all(isinstance(code, Hashable) for code in codes):
        raise ValueError(f"multi-label value {value!r} holds a code that is not hashable")
    kept = frozenset(code for code in codes if not _is_missing_scalar(code))
    return kept or None


def looks_multi_label(values: Iterable[object], *, sep: str = ";") -> bool:
    """Return True when any value is a collection of codes or a string holding ``sep``."""
    return any(
        isinstance(value, _COLLECTIONS) or (isinstance(value, str) and sep in value)
        for value in values
    )
