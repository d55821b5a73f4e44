"""Gwet's AC1 (nominal) and AC2 (weighted) agreement coefficients.

Chance agreement is T_w / (q (q - 1)) * sum_k pi_k (1 - pi_k), with T_w the sum of the
agreement weights and q the number of categories (Gwet 2008; 2014, ch. 4; irrCAC::gwet.ac1.raw).
With identity weights this is AC1. q counts the categories observed, or those given in
``categories=``, which is how AC1 stays defined when every rating is the same code.
"""

import numpy as np
import numpy.typing as npt

from coding.coefficient import coefficient, weighted_coefficient
from coding.estimate import Estimate
from coding.multirater import ObservedAgreement, multirater_estimate
from coding.ratings import Ratings
from coding.weights import WeightScheme


def gwet_chance(stats: ObservedAgreement) -> tuple[float, npt.NDArray[np.float64]]:
    """Return Gwet's chance agreement and each item's contribution to it (1.0 if q < 2)."""
    n_categories = len(stats.pi)
    if n_categories < 2:
        return 1.0, np.ones(len(stats.ratings_per_item))
    scale = stats.weights.sum() / (n_categories * (n_categories - 1.0))
    chance = float(scale * (stats.pi * (1.0 - stats.pi)).sum())
    item_chance = scale * (stats.counts @ (1.0 - stats.pi)) / stats.ratings_per_item
    return chance, item_chance


def _gwet_ac2(
    ratings: Ratings, weights: WeightScheme = "ordinal", confidence: float | None = 0.95
) -> Estimate:
    return multirater_estimate(
        ratings,
        coefficient="gwet_ac1" if weights == "unweighted" else "gwet_ac2",
        weights=weights,
        chance_model=gwet_chance,
        confidence=confidence,
        named="AC2",
    )


def _gwet_ac1(ratings: Ratings, confidence: float | None) -> Estimate:
    return _gwet_ac2(ratings, "unweighted", confidence)


gwet_ac1 = coefficient(
    _gwet_ac1, "Return Gwet's AC1 for nominal ratings, with Gwet's (2008) interval."
)
gwet_ac2 = weighted_coefficient(
    _gwet_ac2,
    "Return Gwet's AC2 with ordinal, linear or quadratic weights, with Gwet's interval.",
)
