"""Fleiss' kappa for any number of raters and Scott's pi for two raters.

Chance agreement is sum_k pi_k^2 with pi_k the mean share of an item's ratings in category k.
With the same number of raters on every item this is Fleiss (1971); otherwise it is Gwet's
(2014) generalisation (R irrCAC::fleiss.kappa.raw). For two raters rating the same items it
equals Scott's (1955) pi.
"""

from dataclasses import replace

import numpy as np
import numpy.typing as npt

from coding.agreement_warnings import (
    AgreementWarning,
    DegenerateDataWarning,
    UnpairableItemsWarning,
)
from coding.coefficient import coefficient
from coding.estimate import Estimate, join_notes, undefined_estimate
from coding.multirater import ObservedAgreement, multirater_estimate
from coding.ratings import (
    NO_PAIR_MESSAGE,
    Ratings,
    both_rated,
    dropped_message,
)


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
    complete, n_dropped = both_rated(ratings, "scott_pi")
    found: tuple[AgreementWarning, ...] = ()
    note = ""
    if n_dropped:
        note = dropped_message(n_dropped, ratings.n_items)
        found = (UnpairableItemsWarning(note),)
    if complete.n_items == 0:
        estimate = undefined_estimate(
            "scott_pi",
            "unweighted",
            join_notes(note, NO_PAIR_MESSAGE),
            n_items=ratings.n_items,
            n_raters=2,
            confidence=confidence,
            warnings=(*ratings.warnings, DegenerateDataWarning(NO_PAIR_MESSAGE)),
        )
    else:
        estimate = multirater_estimate(
            complete,
            coefficient="scott_pi",
            chance_model=squared_margins,
            confidence=confidence,
            note=note,
        )
    return replace(estimate, n_items=ratings.n_items, warnings=estimate.warnings + found)


fleiss_kappa = coefficient(
    _fleiss_kappa,
    "Return Fleiss' kappa (Gwet's generalisation if raters per item vary), with its interval.",
)
scott_pi = coefficient(
    _scott_pi,
    "Return Scott's pi of two raters on the items both rated, with Gwet's (2014) interval.",
)
