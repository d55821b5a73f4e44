"""Reliability data: validate long or wide input and hold it as an items x raters code matrix.

Long form has one row per rating (columns item, rater, value; names configurable). Wide form
has one row per item (the index) and one column per rater; a 2-D numpy array is read as wide
form. Missing ratings are None, NaN, pd.NA or blank strings; strings are stripped. Items
without any rating and raters without any rating are dropped (and counted).
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, TypedDict, Unpack

import numpy as np
import numpy.typing as npt
import pandas as pd

from coding.agreement_warnings import AgreementWarning, UnpairableItemsWarning
from coding.label_sets import looks_multi_label, parse_label_set
from coding.value_encoding import encode_values

Form = Literal["auto", "long", "wide"]


class RatingKeys(TypedDict, total=False):
    """Where ratings are in the data, as ``as_ratings`` takes them (its defaults apply)."""

    item: str
    rater: str
    value: str
    form: Form
    categories: Sequence[Hashable] | None


_IDENTIFIER_MIN_ITEMS = 5


@dataclass(frozen=True, eq=False)
class Ratings:
    """Reliability data: ``codes[i, r]`` is the category index rater r gave item i, -1 if none."""

    codes: npt.NDArray[np.intp]
    categories: pd.Index
    items: pd.Index
    raters: pd.Index
    multi_label: bool = False
    categories_given: bool = False
    n_empty_items: int = 0
    warnings: tuple[AgreementWarning, ...] = field(default=())

    def __post_init__(self) -> None:
        """Check that the code matrix matches the labels."""
        if self.codes.ndim != 2:
            raise ValueError(f"codes must be 2-D (items x raters), got {self.codes.ndim}-D")
        if self.codes.shape != (len(self.items), len(self.raters)):
            raise ValueError(
                f"codes have shape {self.codes.shape} but there are {len(self.items)} items "
                f"and {len(self.raters)} raters"
            )
        if self.codes.size and (self.codes.min() < -1 or self.codes.max() >= len(self.categories)):
            raise ValueError("codes must lie in [-1, n_categories)")

    @property
    def n_items(self) -> int:
        """Number of items (rows)."""
        return int(self.codes.shape[0])

    @property
    def n_raters(self) -> int:
        """Number of raters (columns)."""
        return int(self.codes.shape[1])

    @property
    def n_categories(self) -> int:
        """Number of categories (observed or given)."""
        return len(self.categories)

    @cached_property
    def counts(self) -> npt.NDArray[np.int64]:
        """Return the items x categories matrix of how many raters chose each category."""
        width = self.n_categories + 1
        flat = self.codes.astype(np.int64) + 1
        flat += np.arange(0, self.n_items * width, width, dtype=np.int64)[:, None]
        counts = np.bincount(flat.ravel(), minlength=self.n_items * width)
        return np.ascontiguousarray(counts.reshape(self.n_items, width)[:, 1:])

    @cached_property
    def ratings_per_item(self) -> npt.NDArray[np.int64]:
        """Return how many ratings each item has."""
        return np.asarray(self.counts.sum(axis=1), dtype=np.int64)

    def category_values(self) -> npt.NDArray[np.float64]:
        """Return the categories as finite numbers (interval and ratio data) or raise ValueError."""
        values = self._numeric_categories()
        infinite = ~np.isfinite(values)
        if infinite.any():
            shown = [float(v) for v in values[infinite]]
            raise ValueError(
                f"interval and ratio ratings must be finite numbers, got {shown}; "
                "recode or remove them"
            )
        return values

    def _numeric_categories(self) -> npt.NDArray[np.float64]:
        """Return the categories as numbers or raise ValueError."""
        if self.multi_label:
            raise ValueError("multi-label categories (sets of codes) have no numeric value")
        try:
            return np.asarray(self.categories, dtype=np.float64)
        except (TypeError, ValueError):
            shown = list(self.categories[:5])
            raise ValueError(
                f"this level needs numeric values, got categories such as {shown}; "
                "recode them as numbers"
            ) from None

    def require_order(self, purpose: str) -> None:
        """Raise ValueError unless the categories have a meaningful order (numeric or given)."""
        if self.categories_given:
            return
        try:
            self._numeric_categories()
        except ValueError:
            shown = list(self.categories[:5])
            raise ValueError(
                f"{purpose} needs ordered categories, but {shown} are text; pass categories= "
                "in their order (e.g. the codebook's) or recode them as numbers"
            ) from None

    def to_frame(self) -> pd.DataFrame:
        """Return the ratings in wide form: index = items, one column per rater."""
        table = np.empty(self.codes.shape, dtype=object)
        table[:] = None
        observed = self.codes >= 0
        values = np.empty(self.n_categories, dtype=object)
        values[:] = list(self.categories)
        table[observed] = values[self.codes[observed]]
        return pd.DataFrame(table, index=self.items, columns=self.raters)

    def select_items(self, keep: npt.NDArray[np.bool_]) -> "Ratings":
        """Return the ratings of the items where ``keep`` is True (categories unchanged)."""
        return Ratings(
            codes=self.codes[keep],
            categories=self.categories,
            items=self.items[keep],
            raters=self.raters,
            multi_label=self.multi_label,
            categories_given=self.categories_given,
            warnings=self.warnings,
        )

    def recode(self, codes: npt.NDArray[np.intp], categories: Sequence[Hashable]) -> "Ratings":
        """Return the same items and raters with new codes over new categories."""
        return Ratings(
            codes=codes,
            categories=pd.Index(list(categories), dtype=object),
            items=self.items,
            raters=self.raters,
            categories_given=True,
        )


RatingData = pd.DataFrame | npt.ArrayLike | Ratings


def as_ratings(
    data: RatingData,
    *,
    item: str = "item",
    rater: str = "rater",
    value: str = "value",
    form: Form = "auto",
    categories: Sequence[Hashable] | None = None,
    multi_label: bool = False,
    sep: str = ";",
) -> Ratings:
    """Validate long or wide rating data and return it as a ``Ratings`` code matrix."""
    if isinstance(data, Ratings):
        if categories is not None:
            raise ValueError("categories cannot be changed on a Ratings object; build it again")
        if multi_label and not data.multi_label:
            raise ValueError("these Ratings were built single-label; build them with multi_label")
        return data
    if form not in ("auto", "long", "wide"):
        raise ValueError(f"form must be 'auto', 'long' or 'wide', got {form!r}")
    if isinstance(data, pd.DataFrame):
        if data.empty:
            raise ValueError("data is empty")
        if _is_long(data, item, rater, value, form):
            return _from_long(data, item, rater, value, categories, multi_label, sep)
        if form == "auto" and rater in data.columns:
            absent = [name for name in (item, value) if name not in data.columns]
            raise ValueError(
                f"data have a {rater!r} column but no {absent}: if they are long form, set "
                "item= and value= to their column names; if wide, rename that rater"
            )
        return _from_wide_frame(data, categories, multi_label, sep)
    if form == "long":
        raise TypeError("long-form data must be a pandas DataFrame")
    array = np.asarray(data)
    if array.ndim != 2:
        raise ValueError(
            f"expected a 2-D array (items x raters) or a DataFrame, got a {array.ndim}-D array"
        )
    if array.size == 0:
        raise ValueError("data is empty")
    codes, cats = encode_values(array.ravel(), categories, multi_label, sep)
    return _assemble(
        codes.reshape(array.shape),
        cats,
        pd.RangeIndex(array.shape[0], name="item"),
        pd.RangeIndex(array.shape[1], name="rater"),
        multi_label,
        (),
        categories is not None,
    )


def _is_long(data: pd.DataFrame, item: str, rater: str, value: str, form: Form) -> bool:
    """Return whether a frame is in long form (asked for, or has item, rater, value columns)."""
    return form == "long" or (form == "auto" and {item, rater, value} <= set(data.columns))


def detect_multi_label(data: RatingData, *, sep: str = ";", **keys: Unpack[RatingKeys]) -> bool:
    """Return whether the values look multi-label (sets of codes, or strings holding ``sep``)."""
    if isinstance(data, Ratings):
        return data.multi_label
    if isinstance(data, pd.DataFrame):
        item, rater = keys.get("item", "item"), keys.get("rater", "rater")
        value = keys.get("value", "value")
        if _is_long(data, item, rater, value, keys.get("form", "auto")):
            return looks_multi_label(data[value].to_numpy(), sep=sep)
        return looks_multi_label(data.to_numpy().ravel(), sep=sep)
    return looks_multi_label(np.asarray(data, dtype=object).ravel(), sep=sep)


def _from_long(
    data: pd.DataFrame,
    item: str,
    rater: str,
    value: str,
    categories: Sequence[Hashable] | None,
    multi_label: bool,
    sep: str,
) -> Ratings:
    """Build ratings from long-form rows (item, rater, value)."""
    missing = [name for name in (item, rater, value) if name not in data.columns]
    if missing:
        raise ValueError(
            f"long-form data need columns {missing} (have {list(data.columns)}); "
            "set item=, rater=, value= to the column names"
        )
    for name in (item, rater):
        if data[name].isna().any():
            raise ValueError(f"column {name!r} has missing entries; every row needs an {name}")
    if multi_label:
        data = _merged_label_rows(data, item, rater, value, sep)
    codes, cats = encode_values(data[value].to_numpy(), categories, multi_label, sep)
    item_codes, items = pd.factorize(data[item])
    rater_codes, raters = pd.factorize(data[rater])
    rated = codes >= 0
    key = item_codes[rated].astype(np.int64) * len(raters) + rater_codes[rated]
    duplicated = pd.Series(key).duplicated(keep=False).to_numpy()
    if duplicated.any():
        rows = data.loc[rated].loc[duplicated, [item, rater]].drop_duplicates().head(5)
        pairs = list(rows.itertuples(index=False, name=None))
        raise ValueError(
            f"{int(duplicated.sum())} rows repeat an ({item}, {rater}) pair, e.g. {pairs}; "
            "each rater may rate each item once (compute agreement per dimension; for "
            "multi-label codings with one row per code pass multi_label=True)"
        )
    matrix = np.full((len(items), len(raters)), -1, dtype=np.intp)
    matrix[item_codes[rated], rater_codes[rated]] = codes[rated]
    return _assemble(
        matrix,
        cats,
        pd.Index(items, name=item),
        pd.Index(raters, name=rater),
        multi_label,
        (),
        categories is not None,
    )


def _merged_label_rows(
    data: pd.DataFrame, item: str, rater: str, value: str, sep: str
) -> pd.DataFrame:
    """Merge several rows of one (item, rater) into one set of codes (one row per code)."""
    if not data.duplicated([item, rater]).any():
        return data

    def union(values: pd.Series) -> frozenset[Hashable]:
        """Return the codes of all rows of one rating."""
        sets = (parse_label_set(entry, sep=sep) for entry in values)
        return frozenset(code for labels in sets if labels for code in labels)

    merged = data.groupby([item, rater], sort=False)[value].agg(union)
    return merged.reset_index()


def _from_wide_frame(
    data: pd.DataFrame,
    categories: Sequence[Hashable] | None,
    multi_label: bool,
    sep: str,
) -> Ratings:
    """Build ratings from a wide frame: index = items, one column per rater."""
    if data.columns.has_duplicates:
        dupes = list(data.columns[data.columns.duplicated()].unique())
        raise ValueError(f"wide-form data repeat rater columns {dupes}")
    if data.index.has_duplicates:
        dupes = list(data.index[data.index.duplicated()].unique()[:5])
        raise ValueError(f"wide-form data repeat items in the index, e.g. {dupes}")
    array = data.to_numpy()
    codes, cats = encode_values(array.ravel(), categories, multi_label, sep)
    matrix = codes.reshape(array.shape)
    notes = _identifier_columns(matrix, data.columns, len(cats))
    return _assemble(
        matrix, cats, data.index, data.columns, multi_label, notes, categories is not None
    )


def _assemble(
    matrix: npt.NDArray[np.intp],
    categories: pd.Index,
    items: pd.Index,
    raters: pd.Index,
    multi_label: bool,
    notes: tuple[AgreementWarning, ...],
    categories_given: bool,
) -> Ratings:
    """Drop empty items and raters and return the Ratings."""
    observed = matrix >= 0
    if not observed.any():
        raise ValueError("data hold no rating: every value is missing")
    keep_items = np.asarray(observed.any(axis=1), dtype=bool)
    keep_raters = np.asarray(observed.any(axis=0), dtype=bool)
    if not keep_items.all():
        empty = int((~keep_items).sum())
        notes += (UnpairableItemsWarning(f"items without any rating: {empty}, ignored"),)
    if not keep_raters.all():
        silent = list(raters[~keep_raters])
        notes += (AgreementWarning(f"raters without any rating: {silent}, ignored"),)
    if not (keep_items.all() and keep_raters.all()):
        matrix = matrix[np.ix_(keep_items, keep_raters)]
    return Ratings(
        codes=np.ascontiguousarray(matrix),
        categories=categories,
        items=items[keep_items],
        raters=raters[keep_raters],
        multi_label=multi_label,
        categories_given=categories_given,
        n_empty_items=int((~keep_items).sum()),
        warnings=notes,
    )


def _identifier_columns(
    matrix: npt.NDArray[np.intp], columns: pd.Index, n_categories: int
) -> tuple[AgreementWarning, ...]:
    """Warn about wide columns that look like an item id or row index rather than a rater."""
    rated = (matrix >= 0).sum(axis=0)
    if not ((rated >= _IDENTIFIER_MIN_ITEMS) & (rated <= n_categories)).any():
        return ()
    distinct = [np.unique(column[column >= 0]) for column in matrix.T]
    found = []
    for position, name in enumerate(columns):
        own = matrix[:, position][matrix[:, position] >= 0]
        if len(own) < _IDENTIFIER_MIN_ITEMS or len(distinct[position]) != len(own):
            continue
        others = [values for index, values in enumerate(distinct) if index != position]
        widest = max((len(values) for values in others), default=0)
        shared = any(np.isin(own, values).any() for values in others)
        if not shared or len(own) > 2 * widest:
            found.append(
                AgreementWarning(
                    f"column {name!r} has a different value on every item, unlike the other "
                    "columns: it looks like an item id or row index, not a rater; make it the "
                    "index"
                )
            )
    return tuple(found)


def both_rated(ratings: Ratings, coefficient: str) -> tuple[Ratings, int]:
    """Return the items both of exactly two raters rated, and how many items were dropped."""
    if ratings.n_raters != 2:
        raise ValueError(
            f"{coefficient} needs exactly 2 raters, got {ratings.n_raters} "
            f"({list(ratings.raters)}); use fleiss_kappa or krippendorff_alpha, "
            "or select two raters"
        )
    complete = np.asarray((ratings.codes >= 0).all(axis=1), dtype=bool)
    return ratings.select_items(complete), int((~complete).sum())


def dropped_message(n_dropped: int, n_items: int) -> str:
    """Return the explanation for items not rated by both of two raters."""
    return f"items not rated by both raters: {n_dropped} of {n_items}, dropped"


NO_PAIR_MESSAGE = "no item is rated by both raters: agreement is undefined"


def rated_by_several(
    data: RatingData,
    *,
    multi_label: bool | None = None,
    sep: str = ";",
    **keys: Unpack[RatingKeys],
) -> Ratings:
    """``as_ratings`` with multi-label detected when not given; two raters or more required."""
    if multi_label is None:
        multi_label = detect_multi_label(data, sep=sep, **keys)
    ratings = as_ratings(data, multi_label=multi_label, sep=sep, **keys)
    if ratings.n_raters < 2:
        raise ValueError(f"agreement needs at least two raters, got {ratings.n_raters}")
    return ratings
