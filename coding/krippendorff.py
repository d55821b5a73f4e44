"""Krippendorff's alpha for any number of raters, missing ratings and four levels of measurement.

alpha = 1 - (n - 1) * sum_ck o_ck delta_ck / sum_ck n_c n_k delta_ck (Krippendorff 2011), with
the coincidence matrix o_ck = sum_u n_uc (n_uk - [c = k]) / (m_u - 1) over items with m_u >= 2
ratings, n_c its margins and n the number of pairable values. The count matrix n_uc comes
from one np.bincount. The interval is a percentile bootstrap over pairable items: the
contribution of each distinct count row to the observed disagreement and to the margins is
computed once, and each resample only reweights them by how many items of that row it drew
(bootstrap.py; one matrix product per chunk of resamples); the ordinal difference, which
depends on the margins, is recomputed per resample from the reweighted coincidence matrices.
"""

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, Unpack

import numpy as np
import numpy.typing as npt

from coding.agreement_warnings import (
    AgreementWarning,
    DegenerateDataWarning,
    UnpairableItemsWarning,
    emit,
)
from coding.bootstrap import RandomState, resample_weights
from coding.distances import interval_delta, nominal_delta, ordinal_delta, ratio_delta
from coding.estimate import Estimate, join_notes
from coding.intervals import percentile_interval
from coding.multirater import NO_PAIRABLE_MESSAGE, no_variation_message, unpairable_message
from coding.ratings import RatingData, RatingKeys, Ratings, as_ratings

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")

_MIN_DEFINED_SHARE = 0.5


@dataclass(frozen=True)
class PairableCounts:
    """Count matrix of the pairable items and the difference function to apply to it."""

    counts: npt.NDArray[np.float64]
    per_item: npt.NDArray[np.float64]
    delta: npt.NDArray[np.float64] | None

    @property
    def n_items(self) -> int:
        """Number of pairable items."""
        return int(self.counts.shape[0])

    @cached_property
    def item_disagreement(self) -> npt.NDArray[np.float64]:
        """Return each item's share sum_ck o_uck delta_ck of the observed disagreement."""
        if self.delta is None:
            raise ValueError("the ordinal difference depends on the margins: no fixed share")
        weighted = ((self.counts @ self.delta) * self.counts).sum(axis=1)
        return np.asarray(weighted / (self.per_item - 1.0), dtype=np.float64)


def pairable_counts(ratings: Ratings, level: Level | npt.NDArray[np.float64]) -> PairableCounts:
    """Return the counts of items with two or more ratings and the fixed delta (None: ordinal)."""
    per_item = ratings.ratings_per_item
    keep = per_item >= 2
    counts = ratings.counts[keep].astype(np.float64)
    if isinstance(level, np.ndarray):
        delta: npt.NDArray[np.float64] | None = level
    elif level == "nominal":
        delta = nominal_delta(ratings.n_categories)
    elif level == "ordinal":
        ratings.require_order("ordinal alpha")
        delta = None
    elif level == "interval":
        delta = interval_delta(ratings.category_values())
    elif level == "ratio":
        values = ratings.category_values()
        if (values < 0).any():
            raise ValueError("ratio data must not be negative; use level='interval'")
        delta = ratio_delta(values)
    else:
        raise ValueError(f"level must be one of {list(LEVELS)}, got {level!r}")
    return PairableCounts(counts, per_item[keep].astype(np.float64), delta)


def coincidence_matrix(counts: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Return the coincidence matrix o_ck of the counts of pairable items."""
    scaled = counts / (counts.sum(axis=1) - 1.0)[:, None]
    return scaled.T @ counts - np.diag(scaled.sum(axis=0))


def _alpha(
    observed: npt.NDArray[np.float64],
    margins: npt.NDArray[np.float64],
    delta: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Return alpha from observed disagreement sums, margins (..., K) and delta (..., K, K)."""
    total = margins.sum(axis=-1)
    expected = np.einsum("...c,...ck,...k->...", margins, delta, margins)
    with np.errstate(divide="ignore", invalid="ignore"):
        result: npt.NDArray[np.float64] = 1.0 - (total - 1.0) * observed / expected
    return np.where(expected > 0, result, np.nan)


def alpha_point(parts: PairableCounts) -> float:
    """Return alpha of the pairable counts (NaN when there is no variation)."""
    coincidences = coincidence_matrix(parts.counts)
    margins = coincidences.sum(axis=1)
    delta = ordinal_delta(margins) if parts.delta is None else parts.delta
    observed = np.array((coincidences * delta).sum())
    return float(_alpha(observed, margins, delta))


def alpha_resamples(
    parts: PairableCounts, weights: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Return alpha on each resample (rows of ``weights``: how often each item was drawn)."""
    margins = weights @ parts.counts
    if parts.delta is not None:
        return _alpha(weights @ parts.item_disagreement, margins, parts.delta)
    n_categories = parts.counts.shape[1]
    scaled = parts.counts / (parts.per_item - 1.0)[:, None]
    coincidences = np.empty((len(weights), n_categories, n_categories))
    for category in range(n_categories):
        coincidences[:, category, :] = weights @ (scaled[:, category, None] * parts.counts)
    diagonal = np.arange(n_categories)
    coincidences[:, diagonal, diagonal] -= weights @ scaled
    delta = ordinal_delta(margins)
    observed = (coincidences * delta).sum(axis=(1, 2))
    return _alpha(observed, margins, delta)


def distinct_items(parts: PairableCounts) -> tuple[PairableCounts, npt.NDArray[np.int64]]:
    """The distinct count rows of the pairable items, in lexicographic order, and how many
    items have each."""
    _, first, frequency = np.unique(_row_keys(parts.counts), return_index=True, return_counts=True)
    return PairableCounts(parts.counts[first], parts.per_item[first], parts.delta), frequency


def _row_keys(counts: npt.NDArray[np.float64]) -> npt.NDArray[Any]:
    """One sortable key per row, ordered as the rows are lexicographically."""
    base = int(counts.max(initial=0)) + 1
    if base ** counts.shape[1] < 2**62:
        powers = base ** np.arange(counts.shape[1] - 1, -1, -1, dtype=np.int64)
        return counts.astype(np.int64) @ powers
    return np.unique(counts, axis=0, return_inverse=True)[1].ravel()


def bootstrap_alphas(
    parts: PairableCounts, n_boot: int, random_state: RandomState
) -> npt.NDArray[np.float64]:
    """Return alpha on ``n_boot`` seeded resamples of the pairable items."""
    distinct, frequency = distinct_items(parts)
    n_categories = parts.counts.shape[1]
    chunks = resample_weights(
        frequency,
        n_boot,
        random_state,
        cells_per_resample=n_categories * n_categories if parts.delta is None else n_categories,
    )
    return np.concatenate([alpha_resamples(distinct, chunk) for chunk in chunks])


def alpha_estimate(
    ratings: Ratings,
    level: Level | npt.NDArray[np.float64],
    *,
    variant: str,
    confidence: float | None,
    n_boot: int,
    random_state: RandomState,
) -> Estimate:
    """Return Krippendorff's alpha of prepared ratings with a bootstrap interval."""
    parts = pairable_counts(ratings, level)
    found: list[AgreementWarning] = list(ratings.warnings)
    notes: list[str] = []
    if parts.n_items < ratings.n_items:
        message = unpairable_message(ratings.n_items - parts.n_items, ratings.n_items)
        found.append(UnpairableItemsWarning(message))
        notes.append(message)
    estimate = low = high = math.nan
    if parts.n_items == 0:
        found.append(DegenerateDataWarning(NO_PAIRABLE_MESSAGE))
        notes.append(NO_PAIRABLE_MESSAGE)
    else:
        estimate = alpha_point(parts)
        if math.isnan(estimate):
            message = no_variation_message(ratings)
            found.append(DegenerateDataWarning(message))
            notes.append(message)
        elif confidence is not None:
            low, high, message = _interval(parts, confidence, n_boot, random_state)
            notes.append(message)
            if math.isnan(low):
                found.append(DegenerateDataWarning(message))
    has_interval = not math.isnan(low)
    return Estimate(
        coefficient="krippendorff_alpha",
        variant=variant,
        estimate=estimate,
        ci_low=low,
        ci_high=high,
        ci_method="bootstrap_percentile" if has_interval else "none",
        se=math.nan,
        confidence=math.nan if confidence is None else confidence,
        n_items=ratings.n_items,
        n_raters=ratings.n_raters,
        n_pairable=parts.n_items,
        n_values=int(parts.per_item.sum()),
        note=join_notes(*notes),
        warnings=tuple(found),
    )


def _interval(
    parts: PairableCounts, confidence: float, n_boot: int, random_state: RandomState
) -> tuple[float, float, str]:
    """Return the bootstrap percentile interval and a note describing it."""
    if parts.n_items < 2:
        return math.nan, math.nan, "only one pairable item: no confidence interval"
    samples = bootstrap_alphas(parts, n_boot, random_state)
    undefined = int(np.isnan(samples).sum())
    note = f"bootstrap over {parts.n_items} pairable items, {n_boot} resamples"
    if undefined > n_boot * (1 - _MIN_DEFINED_SHARE):
        return (
            math.nan,
            math.nan,
            f"{note}: {undefined} resamples had no variation, too many for an interval",
        )
    low, high = percentile_interval(samples, confidence)
    if undefined:
        note += f" ({undefined} without variation left out)"
    return low, high, note


def krippendorff_alpha(
    data: RatingData,
    *,
    level: Level = "nominal",
    confidence: float | None = 0.95,
    n_boot: int = 1000,
    random_state: RandomState = 0,
    **keys: Unpack[RatingKeys],
) -> Estimate:
    """Return Krippendorff's alpha at a level of measurement, with a bootstrap interval."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {list(LEVELS)}, got {level!r}")
    ratings = as_ratings(data, **keys)
    estimate = alpha_estimate(
        ratings,
        level,
        variant=level,
        confidence=confidence,
        n_boot=n_boot,
        random_state=random_state,
    )
    emit(estimate.warnings)
    return estimate
