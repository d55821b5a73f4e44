"""Checks for what silently inflates agreement: identical columns, pooled dimensions, indices.

Background: a published study computed kappa over one vector per rater that pooled every
dimension of a coding round and a row-index column; the index agrees by construction and the
pooled codes of unrelated dimensions understate chance agreement, so the values it reported
(0.458, 0.794, 0.699) overstate agreement. These checks find both patterns. They return the
messages and also issue each as an ``InflatedAgreementWarning``.
"""

import warnings
from collections.abc import Hashable, Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from coding.agreement_warnings import InflatedAgreementWarning
from coding.cohen import cohen_kappa
from coding.fleiss import fleiss_kappa
from coding.krippendorff import krippendorff_alpha
from coding.percent import percent_agreement
from coding.ratings import RatingData, Ratings, as_ratings, detect_multi_label

_MIN_IDENTIFIER_VALUES = 5
_MIN_IDENTIFIER_SHARE = 0.10
_MIN_GROUP_SHARE = 0.10
_SHOWN = 3


def _warn_all(messages: list[str]) -> list[str]:
    """Issue every message as an InflatedAgreementWarning and return them."""
    for message in messages:
        warnings.warn(InflatedAgreementWarning(message), stacklevel=3)
    return messages


def _normalised(column: pd.Series) -> pd.Series:
    """Return a column with strings stripped and blank strings as missing."""
    codes, uniques = pd.factorize(column.astype(object))
    table = np.full(len(uniques) + 1, None, dtype=object)
    for position, value in enumerate(uniques):
        cleaned = value.strip() if isinstance(value, str) else value
        table[position] = None if isinstance(cleaned, str) and cleaned == "" else cleaned
    return pd.Series(table[codes], index=column.index, dtype=object)


def _aligned(
    sheets_by_rater: Mapping[Hashable, pd.DataFrame], item: str | None
) -> dict[Hashable, pd.DataFrame]:
    """Return the sheets indexed by item, after checking them."""
    if not isinstance(sheets_by_rater, Mapping) or len(sheets_by_rater) < 2:
        raise ValueError("check_inflation needs a mapping from rater to sheet, with two or more")
    frames = {}
    for name, sheet in sheets_by_rater.items():
        if not isinstance(sheet, pd.DataFrame):
            kind = type(sheet).__name__
            raise TypeError(f"the sheet of rater {name!r} is a {kind}, not a DataFrame")
        if item is not None:
            if item not in sheet.columns:
                raise ValueError(f"the sheet of rater {name!r} has no column {item!r}")
            sheet = sheet.set_index(item)
        if sheet.index.has_duplicates:
            repeated = list(sheet.index[sheet.index.duplicated()].unique()[:_SHOWN])
            raise ValueError(f"the sheet of rater {name!r} repeats items {repeated}")
        frames[name] = sheet
    return frames


def _column_kind(values: pd.Series) -> str:
    """Describe a column that every rater filled identically."""
    present = values.dropna()
    if present.empty:
        return "empty in every sheet"
    distinct = present.nunique()
    if distinct == 1:
        return f"the same value {present.iloc[0]!r} on every item"
    if distinct == len(values) and len(values) > 1:
        return "a different value on every item, like a row index or an item id"
    return "the same values in every sheet"


def check_inflation(
    sheets_by_rater: Mapping[Hashable, pd.DataFrame],
    *,
    item: str | None = None,
    columns: Sequence[Hashable] | None = None,
) -> list[str]:
    """Return a message for each column on which every rater has the same value on every item."""
    frames = _aligned(sheets_by_rater, item)
    sheets = list(frames.values())
    common = sheets[0].index
    for sheet in sheets[1:]:
        common = common.intersection(sheet.index, sort=False)
    if common.empty:
        raise ValueError("the sheets share no item; pass item= to align them on an item column")
    shared: list[Hashable] = [
        name for name in sheets[0].columns if all(name in s.columns for s in sheets[1:])
    ]
    if columns is not None:
        unknown = [name for name in columns if name not in shared]
        if unknown:
            raise ValueError(f"columns {unknown} are not in every sheet (shared: {shared})")
        shared = list(columns)
    messages = []
    for name in shared:
        table = pd.DataFrame(
            {rater: _normalised(frame[name].reindex(common)) for rater, frame in frames.items()}
        )
        reference = table.iloc[:, 0]
        same = all(
            ((table[rater] == reference) | (table[rater].isna() & reference.isna())).all()
            for rater in table.columns[1:]
        )
        if same:
            messages.append(
                f"column {name!r}: all {len(frames)} raters have identical values on all "
                f"{len(common)} items ({_column_kind(reference)}); pooled with other columns "
                "into one agreement vector it inflates agreement: leave it out of the pool "
                "(and report it separately if it is a coded dimension)"
            )
    return _warn_all(messages)


def _shown(values: Sequence[Hashable]) -> str:
    """Return a few values for a message."""
    head = ", ".join(repr(value) for value in values[:_SHOWN])
    return head + (", ..." if len(values) > _SHOWN else "")


def _mixed_types(ratings: Ratings) -> list[str]:
    """Return a message when the values mix numbers and text."""
    numbers = [
        value
        for value in ratings.categories
        if isinstance(value, int | float | np.number) and not isinstance(value, bool | np.bool_)
    ]
    texts = [value for value in ratings.categories if isinstance(value, str)]
    if numbers and texts:
        return [
            f"values mix numbers ({_shown(numbers)}) and text ({_shown(texts)}): a numeric "
            "column such as a row index may be pooled with coded dimensions, which inflates "
            "agreement"
        ]
    return []


def _identifier_codes(ratings: Ratings) -> npt.NDArray[np.bool_]:
    """Return which categories occur on exactly one item, on which every rater agrees."""
    present = ratings.counts > 0
    unanimous = (present.sum(axis=1) == 1) & (ratings.ratings_per_item >= 2)
    single_item = present.sum(axis=0) == 1
    return np.asarray(single_item & (present[unanimous].sum(axis=0) == 1), dtype=bool)


def stacked_code_messages(ratings: Ratings) -> list[str]:
    """Return messages when one vector looks like stacked dimensions or holds an identifier."""
    if ratings.multi_label:
        return []
    messages = _mixed_types(ratings)
    present = ratings.counts > 0
    identifier = _identifier_codes(ratings)
    identifier_items = present[:, identifier].any(axis=1)
    pairable = ratings.ratings_per_item >= 2
    if (
        identifier.sum() >= _MIN_IDENTIFIER_VALUES
        and identifier_items.sum() >= _MIN_IDENTIFIER_SHARE * pairable.sum()
    ):
        messages.append(
            f"{int(identifier.sum())} values ({_shown(list(ratings.categories[identifier]))}) "
            "each occur on a single item on which every rater agrees: this looks like an "
            "identifier or row index pooled into the vector, which inflates agreement; "
            "leave it out"
        )
    rest = present[~identifier_items & pairable][:, ~identifier]
    codes = ratings.categories[~identifier]
    if rest.shape[0] == 0:
        return messages
    from scipy.sparse import csr_matrix  # imported here: scipy is slow to load
    from scipy.sparse.csgraph import connected_components

    linked = csr_matrix((rest.T.astype(np.int64) @ rest.astype(np.int64)) > 0)
    _, group_of = connected_components(linked, directed=False)
    groups = []
    for group in np.unique(group_of):
        members = group_of == group
        covered = rest[:, members].any(axis=1).sum()
        if members.sum() >= 2 and covered >= _MIN_GROUP_SHARE * rest.shape[0]:
            groups.append(list(codes[members]))
    if len(groups) >= 2:
        described = "; ".join("{" + _shown(group) + "}" for group in groups)
        messages.append(
            f"the codes fall into {len(groups)} groups that are never given to the same item "
            f"({described}): if these are dimensions stacked into one vector, chance agreement "
            "is understated and agreement inflated; compute agreement per dimension"
        )
    return messages


def check_stacked_codes(
    data: RatingData,
    *,
    item: str = "item",
    rater: str = "rater",
    value: str = "value",
) -> list[str]:
    """Return messages when one rating vector looks like pooled dimensions or holds an index."""
    ratings = as_ratings(data, item=item, rater=rater, value=value)
    return _warn_all(stacked_code_messages(ratings))


def _long_frame(
    data: pd.DataFrame, dimension: str | None, item: str, rater: str, value: str
) -> pd.DataFrame:
    """Check long data with a dimension column."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a long-form DataFrame")
    needed = [item, rater, value] + ([] if dimension is None else [dimension])
    missing = [name for name in needed if name not in data.columns]
    if missing:
        raise ValueError(f"data need columns {missing} (have {list(data.columns)})")
    return data


def check_pooled_dimensions(
    data: pd.DataFrame,
    *,
    dimension: str | None = "dimension",
    item: str = "item",
    rater: str = "rater",
    value: str = "value",
) -> list[str]:
    """Return messages for single-label dimensions that look like several stacked dimensions."""
    _long_frame(data, dimension, item, rater, value)
    groups = [(None, data)] if dimension is None else list(data.groupby(dimension, sort=False))
    messages: list[str] = []
    for name, rows in groups:
        prefix = "" if dimension is None else f"{dimension} {name!r}: "
        multi_label = bool(rows.duplicated([item, rater]).any()) or detect_multi_label(
            rows, item=item, rater=rater, value=value, form="long"
        )
        ratings = as_ratings(
            rows, item=item, rater=rater, value=value, form="long", multi_label=multi_label
        )
        messages.extend(prefix + message for message in stacked_code_messages(ratings))
    return _warn_all(messages)


def pooling_effect(
    data: pd.DataFrame,
    *,
    dimension: str = "dimension",
    item: str = "item",
    rater: str = "rater",
    value: str = "value",
) -> pd.DataFrame:
    """Return agreement per single-label dimension and over all of them pooled into one vector."""
    _long_frame(data, dimension, item, rater, value)
    pooled = data.assign(**{item: data[dimension].astype(str) + " / " + data[item].astype(str)})
    parts = [*data.groupby(dimension, sort=False), ("(pooled)", pooled)]
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, frame in parts:
            ratings = as_ratings(frame, item=item, rater=rater, value=value, form="long")
            kappa = cohen_kappa if ratings.n_raters == 2 else fleiss_kappa
            kappa_estimate = kappa(ratings, confidence=None)
            rows.append(
                {
                    dimension: name,
                    "n_items": ratings.n_items,
                    "n_raters": ratings.n_raters,
                    "percent_agreement": percent_agreement(ratings, confidence=None).estimate,
                    "kappa_coefficient": kappa_estimate.coefficient,
                    "kappa": kappa_estimate.estimate,
                    "krippendorff_alpha": krippendorff_alpha(ratings, confidence=None).estimate,
                }
            )
    return pd.DataFrame(rows)
