"""Gwet's AC1 (nominal) and AC2 (weighted) agreement coefficients.

Chance agreement is T_w / (q (q - 1)) * sum_k pi_k (1 - pi_k), with T_w the sum of the
agreement weights and q the number of categories (Gwet 2008; 2014, ch. 4; irrCAC::gwet.ac1.raw).
With identity weights this is AC1. q counts the categories observed, or those given in
``categories=``, which is how AC1 stays defined when every rating is the same code.
"""

from collections.abc import Hashable, Sequence

import numpy as np
import numpy.typing as npt

from coding.agreement_warnings import emit
from coding.estimate import Estimate
from coding.multirater import ObservedAgreement, multirater_estimate
from coding.ratings import Form, RatingData, Ratings, as_ratings
from coding.weights import WeightScheme, agreement_weights


def gwet_chance(stats: ObservedAgreement) -> tuple[float, npt.NDArray[np.float64]]:
    """Return Gwet's chance agreement and each item's contribution to it (1.0 if q < 2)."""
    n_categories = len(stats.pi)
    if n_categories < 2:
        return 1.0, np.ones(len(stats.ratings_per_item))
    scale = stats.weights.sum() / (n_categories * (n_categories - 1.0))
    chance = float(scale * (stats.pi * (1.0 - stats.pi)).sum())
    item_chance = scale * (stats.counts @ (1.0 - stats.pi)) / stats.ratings_per_item
    return chance, item_chance


def _ac(ratings: Ratings, weights: WeightScheme, confidence: float | None) -> Estimate:
    """Return AC1 (unweighted) or AC2 of prepared ratings."""
    if weights != "unweighted":
        ratings.require_order(f"AC2 with {weights} weights")
    return multirater_estimate(
        ratings,
        coefficient="gwet_ac1" if weights == "unweighted" else "gwet_ac2",
        variant=weights,
        weights=agreement_weights(ratings.n_categories, weights),
        chance_model=gwet_chance,
        confidence=confidence,
    )


def gwet_ac1(
    data: RatingData,
    *,
    item: str = "item",
    rater: str = "rater",
    value: str = "value",
    form: Form = "auto",
    categories: Sequence[Hashable] | None = None,
    confidence: float | None = 0.95,
) -> Estimate:
    """Return Gwet's AC1 for nominal ratings, with Gwet's (2008) interval."""
    ratings = as_ratings(
        data, item=item, rater=rater, value=value, form=form, categories=categories
    )
    estimate = _ac(ratings, "unweighted", confidence)
    emit(estimate.warnings)
    return estimate


def gwet_ac2(
    data: RatingData,
    *,
    weights: WeightScheme = "ordinal",
    item: str = "item",
    rater: str = "rater",
    value: str = "value",
    form: Form = "auto",
    categories: Sequence[Hashable] | None = None,
    confidence: float | None = 0.95,
) -> Estimate:
    """Return Gwet's AC2 with ordinal, linear or quadratic weights, with Gwet's interval."""
    ratings = as_ratings(
        data, item=item, rater=rater, value=value, form=form, categories=categories
    )
    estimate = _ac(ratings, weights, confidence)
    emit(estimate.warnings)
    return estimate
