"""Percent agreement: the mean share of agreeing rater pairs per item (not chance-corrected)."""

from collections.abc import Hashable, Sequence

import numpy as np
import numpy.typing as npt

from coding.agreement_warnings import emit
from coding.estimate import Estimate
from coding.multirater import ObservedAgreement, multirater_estimate
from coding.ratings import Form, RatingData, as_ratings
from coding.weights import agreement_weights


def _no_chance(stats: ObservedAgreement) -> tuple[float, npt.NDArray[np.float64]]:
    """Return zero chance agreement for every item."""
    return 0.0, np.zeros(len(stats.ratings_per_item))


def percent_agreement(
    data: RatingData,
    *,
    item: str = "item",
    rater: str = "rater",
    value: str = "value",
    form: Form = "auto",
    categories: Sequence[Hashable] | None = None,
    confidence: float | None = 0.95,
) -> Estimate:
    """Return the mean share of agreeing rater pairs per item, with Gwet's (2014) interval."""
    ratings = as_ratings(
        data, item=item, rater=rater, value=value, form=form, categories=categories
    )
    estimate = multirater_estimate(
        ratings,
        coefficient="percent_agreement",
        variant="unweighted",
        weights=agreement_weights(ratings.n_categories, "unweighted"),
        chance_model=_no_chance,
        confidence=confidence,
        floor=0.0,
    )
    emit(estimate.warnings)
    return estimate
