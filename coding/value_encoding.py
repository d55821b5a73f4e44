"""Turn a flat array of rating values into category indices (-1 = missing) and categories.

Numbers: NaN is missing; a small range of integers is encoded with one bincount, other numbers
with np.unique. Other values: None, NaN, pd.NA and blank strings are missing and strings are
stripped; categories are sorted when they can be. Multi-label values become frozensets of
codes, and the distinct sets are the categories. Given categories fix the order and must
cover every value.
"""

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from coding.label_sets import LabelSet, parse_label_set

_INTEGER_SPAN_LIMIT = 1_000_000


def encode_values(
    values: npt.NDArray[Any],
    categories: Sequence[Hashable] | None,
    multi_label: bool,
    sep: str,
) -> tuple[npt.NDArray[np.intp], pd.Index]:
    """Return category indices (-1 = missing) of a flat array of values, and the categories."""
    if multi_label:
        return _encode_sets(values, categories, sep)
    if values.dtype.kind in "iuf":
        return _encode_numbers(np.asarray(values, dtype=np.float64), values.dtype, categories)
    return _encode_objects(values, categories)


def _check_categories(categories: Sequence[Hashable]) -> pd.Index:
    """Return the given categories as an Index after checking them."""
    index = pd.Index(list(categories), dtype=object)
    if len(index) == 0:
        raise ValueError("categories is empty")
    if index.has_duplicates:
        raise ValueError(f"categories repeat {list(index[index.duplicated()])}")
    if index.isna().any():
        raise ValueError("categories must not contain missing values")
    return index


def _index_in(
    observed: npt.NDArray[Any], categories: Sequence[Hashable]
) -> tuple[npt.NDArray[np.intp], pd.Index]:
    """Map observed values onto given categories; raise for values outside them."""
    index = _check_categories(categories)
    positions = index.get_indexer(pd.Index(observed, dtype=object))
    unknown = positions < 0
    if unknown.any():
        shown = list(pd.unique(pd.Series(observed[unknown], dtype=object))[:5])
        raise ValueError(f"values {shown} are not among the given categories {list(index)}")
    return positions.astype(np.intp), index


def _encode_numbers(
    values: npt.NDArray[np.float64], dtype: np.dtype[Any], categories: Sequence[Hashable] | None
) -> tuple[npt.NDArray[np.intp], pd.Index]:
    """Encode a numeric array (NaN = missing); small integer ranges avoid sorting."""
    observed = ~np.isnan(values)
    if categories is not None:
        codes = np.full(values.shape, -1, dtype=np.intp)
        codes[observed], index = _index_in(values[observed], categories)
        return codes, index
    if not observed.any():
        return np.full(values.shape, -1, dtype=np.intp), pd.Index([], dtype=object)
    low, high = np.nanmin(values), np.nanmax(values)
    if high - low < _INTEGER_SPAN_LIMIT:
        shifted = np.where(observed, values - low, -1.0)
        offsets = shifted.astype(np.intp)
        if np.array_equal(offsets, shifted):
            offsets += 1
            used = np.bincount(offsets, minlength=int(high - low) + 2)
            used[0] = 0
            present = used > 0
            remap = np.where(present, np.cumsum(present) - 1, -1)
            uniques = low + np.flatnonzero(present[1:])
            return remap[offsets].astype(np.intp, copy=False), _numeric_index(uniques, dtype)
    codes = np.full(values.shape, -1, dtype=np.intp)
    uniques, inverse = np.unique(values[observed], return_inverse=True)
    codes[observed] = inverse
    return codes, _numeric_index(uniques, dtype)


def _numeric_index(uniques: npt.NDArray[np.float64], dtype: np.dtype[Any]) -> pd.Index:
    """Return numeric categories, as integers when the input was integer."""
    if dtype.kind in "iu":
        return pd.Index(uniques.astype(np.int64))
    return pd.Index(uniques)


def _encode_objects(
    values: npt.NDArray[Any], categories: Sequence[Hashable] | None
) -> tuple[npt.NDArray[np.intp], pd.Index]:
    """Encode an object array of hashable values (None, NaN, pd.NA, blank = missing)."""
    series = pd.Series(values, dtype=object)
    is_text = series.map(lambda entry: isinstance(entry, str)).to_numpy(dtype=bool)
    if is_text.any():
        series[is_text] = series[is_text].str.strip()
        series[is_text & (series == "").to_numpy(dtype=bool)] = None
    observed = series.notna().to_numpy(dtype=bool)
    present = series[observed].to_numpy(dtype=object)
    codes = np.full(len(series), -1, dtype=np.intp)
    if categories is not None:
        codes[observed], index = _index_in(present, categories)
        return codes, index
    try:
        found, uniques = pd.factorize(present, sort=True)
    except TypeError:
        found, uniques = pd.factorize(present, sort=False)
    codes[observed] = found
    return codes, pd.Index(uniques, dtype=object)


def _set_order(labels: LabelSet) -> tuple[int, list[str]]:
    """Return a sort key for a set of codes: size, then its codes as text."""
    return len(labels), sorted(map(str, labels))


def _parsed_sets(values: npt.NDArray[Any], sep: str) -> list[LabelSet | None]:
    """Parse every value, each distinct hashable value once."""
    seen: dict[Hashable, LabelSet | None] = {}
    parsed = []
    for entry in values:
        if not isinstance(entry, Hashable):
            parsed.append(parse_label_set(entry, sep=sep))
        elif entry in seen:
            parsed.append(seen[entry])
        else:
            parsed.append(seen.setdefault(entry, parse_label_set(entry, sep=sep)))
    return parsed


def _encode_sets(
    values: npt.NDArray[Any], categories: Sequence[Hashable] | None, sep: str
) -> tuple[npt.NDArray[np.intp], pd.Index]:
    """Encode multi-label values as indices of the distinct sets of codes."""
    parsed = _parsed_sets(values, sep)
    distinct = sorted({labels for labels in parsed if labels is not None}, key=_set_order)
    if categories is not None:
        allowed = set(_check_categories(categories))
        unknown = {code for labels in distinct for code in labels} - allowed
        if unknown:
            shown = sorted(unknown, key=str)[:5]
            raise ValueError(
                f"codes {shown} are not among the given categories {sorted(allowed, key=str)}"
            )
    position = {labels: index for index, labels in enumerate(distinct)}
    codes = np.array(
        [-1 if labels is None else position[labels] for labels in parsed], dtype=np.intp
    )
    uniques = np.empty(len(distinct), dtype=object)
    uniques[:] = distinct
    return codes, pd.Index(uniques, dtype=object)
