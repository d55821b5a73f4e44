"""Krippendorff's alpha for multi-label ratings with the MASI or Jaccard distance.

Each rating is a set of codes (a set/frozenset or a ';'-separated string); the distinct sets
are the categories and the distance between two sets is the difference function, as in
Passonneau (2006). Empty sets count as missing ratings.
"""

from typing import Unpack

from coding.agreement_warnings import emit
from coding.bootstrap import RandomState
from coding.distances import SET_DISTANCES, SetDistance, set_distance_matrix
from coding.estimate import Estimate
from coding.krippendorff import alpha_estimate
from coding.ratings import RatingData, RatingKeys, as_ratings


def multilabel_alpha(
    data: RatingData,
    *,
    distance: SetDistance = "masi",
    sep: str = ";",
    confidence: float | None = 0.95,
    n_boot: int = 1000,
    random_state: RandomState = 0,
    **keys: Unpack[RatingKeys],
) -> Estimate:
    """Return Krippendorff's alpha of sets of codes with the MASI or Jaccard distance."""
    if distance not in SET_DISTANCES:
        raise ValueError(f"distance must be one of {list(SET_DISTANCES)}, got {distance!r}")
    ratings = as_ratings(data, multi_label=True, sep=sep, **keys)
    delta = set_distance_matrix(list(ratings.categories), distance)
    estimate = alpha_estimate(
        ratings,
        delta,
        variant=distance,
        confidence=confidence,
        n_boot=n_boot,
        random_state=random_state,
    )
    emit(estimate.warnings)
    return estimate
