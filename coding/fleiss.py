"""Fleiss' kappa for any number of raters and Scott's pi for two raters.

Chance agreement is sum_k pi_k^2 with pi_k the mean share of an item's ratings in category k.
With the same number of raters on every item this is Fleiss (1971); otherwise it is Gwet's
(2014) generalisation (R irrCAC::fleiss.kappa.raw). For two raters rating the same items it
equals Scott's (1955) pi.
"""

from dataclasses import replace

import numpy as np
import numpy.typing as npt

from coding.agreement_warnings import DegenerateDataWarning
from coding.coefficient import coefficient
from coding.estimate import Estimate
from coding.multirater import ObservedAgreement, multirater_estimate
from coding.ratings import NO_PAIR_MESSAGE, Ratings
from coding.two_raters import rated_by_both


def squared_margins(stats: ObservedAgreement) -> tuple[float, npt.NDArray[np.float64]]:
    """Return Fleiss' chance agreement pi' W pi and each item's contribution to it."""
    weights = stats.weights
    chance = float(stats.pi @ weights @ stats.pi)
    symmetric = (weights @ stats.pi + weights.T @ stats.pi) / 2.0
    item_chance = (stats.counts @ symmetric) / stats.ratings_per_item
    return chance, item_chance


def _fleiss_kappa(ratings: Ratings, confidence: float | None) -> Estimate:
    per_item = ratings.ratings_per_item[ratings.ratings_per_item >= 2]
    note = ""
    if per_item.size and per_item.min() != per_item.max():
        note = (
            f"raters per item vary ({per_item.min()}-{per_item.max()}): Gwet's (2014) "
            "generalisation of Fleiss' kappa, which equals Fleiss (1971) for equal numbers"
        )
    return multirater_estimate(
        ratings,
        coefficient="fleiss_kappa",
        chance_model=squared_margins,
        confidence=confidence,
        note=note,
    )


def _scott_pi(ratings: Ratings, confidence: float | None) -> Estimate:
    pairs = rated_by_both(ratings, "scott_pi")
    if pairs.ratings.n_items == 0:
        estimate = pairs.undefined(
            "scott_pi",
            "unweighted",
            confidence,
            (*ratings.warnings, DegenerateDataWarning(NO_PAIR_MESSAGE)),
        )
    else:
        estimate = multirater_estimate(
            pairs.ratings,
            coefficient="scott_pi",
            chance_model=squared_margins,
            confidence=confidence,
            note=pairs.note,
        )
    return replace(estimate, n_items=ratings.n_items, warnings=estimate.warnings + pairs.dropped)


fleiss_kappa = coefficient(
    _fleiss_kappa,
    "Return Fleiss' kappa (Gwet's generalisation if raters per item vary), with its interval.",
)
scott_pi = coefficient(
    _scott_pi,
    "Return Scott's pi of two raters on the items both rated, with Gwet's (2014) interval.",
)
