"""Percent agreement: the mean share of agreeing rater pairs per item (not chance-corrected)."""

import numpy as np
import numpy.typing as npt

from coding.coefficient import coefficient
from coding.estimate import Estimate
from coding.multirater import ObservedAgreement, multirater_estimate
from coding.ratings import Ratings


def _no_chance(stats: ObservedAgreement) -> tuple[float, npt.NDArray[np.float64]]:
    """Return zero chance agreement for every item."""
    return 0.0, np.zeros(len(stats.ratings_per_item))


def _percent_agreement(ratings: Ratings, confidence: float | None) -> Estimate:
    return multirater_estimate(
        ratings,
        coefficient="percent_agreement",
        chance_model=_no_chance,
        confidence=confidence,
        floor=0.0,
    )


percent_agreement = coefficient(
    _percent_agreement,
    "Return the mean share of agreeing rater pairs per item, with Gwet's (2014) interval.",
)
