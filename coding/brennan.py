"""Brennan & Prediger's (1981) coefficient: chance agreement from uniform category use.

Chance agreement is T_w / q^2 (1/q unweighted), q the number of categories observed or given
in ``categories=`` (Gwet 2014; irrCAC::bp.coeff.raw).
"""

import numpy as np
import numpy.typing as npt

from coding.coefficient import weighted_coefficient
from coding.estimate import Estimate
from coding.multirater import ObservedAgreement, multirater_estimate
from coding.ratings import Ratings
from coding.weights import WeightScheme


def uniform_chance(stats: ObservedAgreement) -> tuple[float, npt.NDArray[np.float64]]:
    """Return Brennan-Prediger chance agreement, the same for every item."""
    n_categories = len(stats.pi)
    chance = float(stats.weights.sum() / n_categories**2)
    return chance, np.full(len(stats.ratings_per_item), chance)


def _brennan_prediger(
    ratings: Ratings, weights: WeightScheme = "unweighted", confidence: float | None = 0.95
) -> Estimate:
    return multirater_estimate(
        ratings,
        coefficient="brennan_prediger",
        weights=weights,
        chance_model=uniform_chance,
        confidence=confidence,
        named="Brennan-Prediger",
    )


brennan_prediger = weighted_coefficient(
    _brennan_prediger,
    "Return Brennan & Prediger's coefficient (optionally weighted), with Gwet's interval.",
)
