"""Brennan & Prediger's (1981) coefficient: chance agreement from uniform category use.

Chance agreement is T_w / q^2 (1/q unweighted), q the number of categories observed or given
in ``categories=`` (Gwet 2014; irrCAC::bp.coeff.raw).
"""

from collections.abc import Hashable, Sequence

import numpy as np
import numpy.typing as npt

from coding.agreement_warnings import emit
from coding.estimate import Estimate
from coding.multirater import ObservedAgreement, multirater_estimate
from coding.ratings import Form, RatingData, as_ratings
from coding.weights import WeightScheme, agreement_weights


def uniform_chance(stats: ObservedAgreement) -> tuple[float, npt.NDArray[np.float64]]:
    """Return Brennan-Prediger chance agreement, the same for every item."""
    n_categories = len(stats.pi)
    chance = float(stats.weights.sum() / n_categories**2)
    return chance, np.full(len(stats.ratings_per_item), chance)


def brennan_prediger(
    data: RatingData,
    *,
    weights: WeightScheme = "unweighted",
    item: str = "item",
    rater: str = "rater",
    value: str = "value",
    form: Form = "auto",
    categories: Sequence[Hashable] | None = None,
    confidence: float | None = 0.95,
) -> Estimate:
    """Return Brennan & Prediger's coefficient (optionally weighted), with Gwet's interval."""
    ratings = as_ratings(
        data, item=item, rater=rater, value=value, form=form, categories=categories
    )
    if weights != "unweighted":
        ratings.require_order(f"Brennan-Prediger with {weights} weights")
    estimate = multirater_estimate(
        ratings,
        coefficient="brennan_prediger",
        variant=weights,
        weights=agreement_weights(ratings.n_categories, weights),
        chance_model=uniform_chance,
        confidence=confidence,
    )
    emit(estimate.warnings)
    return estimate
