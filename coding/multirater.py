"""Gwet's (2014) framework shared by percent agreement, Fleiss, AC1/AC2 and Brennan-Prediger.

Every coefficient is (pa - pe) / (1 - pe). The observed agreement pa averages, over items with
at least two ratings, the weighted share of agreeing rater pairs; the classification
probabilities pi_k average r_ik / r_i over all items with a rating, so an item with one rating
enters chance agreement but not observed agreement (Gwet 2014, ch. 2; R irrCAC). The variance
is Gwet's linearisation: with n items, n2 of them pairable,

    kappa_i  = (n / n2) * (pa_i - pe * [r_i >= 2]) / (1 - pe)
    kappa*_i = kappa_i - 2 * (1 - kappa) * (pe_i - pe) / (1 - pe)
    var      = sum_i (kappa*_i - kappa)^2 / (n * (n - 1))

where pe_i is the item's contribution to chance agreement (irrCAC gwet.ac1.raw,
fleiss.kappa.raw, bp.coeff.raw, pa.coeff.raw, with an infinite population).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from coding.agreement_warnings import (
    AgreementWarning,
    DegenerateDataWarning,
    UnpairableItemsWarning,
)
from coding.estimate import Estimate, join_notes
from coding.intervals import t_interval
from coding.ratings import Ratings
from coding.weights import WeightScheme, agreement_weights

_UNDEFINED_TOLERANCE = 1e-12


@dataclass(frozen=True)
class ObservedAgreement:
    """Per-item observed agreement and classification probabilities of a count matrix."""

    counts: npt.NDArray[np.float64]
    ratings_per_item: npt.NDArray[np.float64]
    pairable: npt.NDArray[np.bool_]
    item_agreement: npt.NDArray[np.float64]
    agreement: float
    pi: npt.NDArray[np.float64]
    weights: npt.NDArray[np.float64]


ChanceModel = Callable[[ObservedAgreement], tuple[float, npt.NDArray[np.float64]]]


def observed_agreement(
    counts: npt.NDArray[np.int64], weights: npt.NDArray[np.float64]
) -> ObservedAgreement:
    """Return pa_i, pa and pi_k of an items x categories count matrix (items with a rating)."""
    table = counts.astype(np.float64)
    per_item = table.sum(axis=1)
    pairable = per_item >= 2
    weighted = table @ weights.T
    agreeing = (table * (weighted - 1.0)).sum(axis=1)
    pairs = per_item * (per_item - 1.0)
    item_agreement = np.divide(agreeing, pairs, out=np.zeros_like(agreeing), where=pairable)
    agreement = float(item_agreement[pairable].mean()) if pairable.any() else math.nan
    pi = (table / per_item[:, None]).mean(axis=0)
    return ObservedAgreement(table, per_item, pairable, item_agreement, agreement, pi, weights)


def linearised(
    stats: ObservedAgreement, chance: float, item_chance: npt.NDArray[np.float64]
) -> tuple[float, float]:
    """Return the coefficient (pa - pe) / (1 - pe) and Gwet's linearisation standard error."""
    coefficient = (stats.agreement - chance) / (1.0 - chance)
    n_items = len(stats.ratings_per_item)
    if n_items < 2:
        return coefficient, math.nan
    n_pairable = int(stats.pairable.sum())
    per_item = (
        (n_items / n_pairable) * (stats.item_agreement - chance * stats.pairable) / (1.0 - chance)
    )
    adjusted = per_item - 2.0 * (1.0 - coefficient) * (item_chance - chance) / (1.0 - chance)
    variance = float(((adjusted - coefficient) ** 2).sum() / (n_items * (n_items - 1.0)))
    return coefficient, math.sqrt(max(variance, 0.0))


NO_PAIRABLE_MESSAGE = "no item has two or more ratings: agreement is undefined"


def no_variation_message(ratings: Ratings) -> str:
    """Return the explanation used when every rating falls in one category."""
    used = ratings.categories[np.unique(ratings.codes[ratings.codes >= 0])]
    return (
        f"every rating is {used[0]!r}: with no variation chance agreement is 1, so kappa-type "
        "coefficients and alpha are 0/0 and reported as NaN; Gwet's AC1/AC2 and "
        "Brennan-Prediger are defined once categories= lists at least two codes"
    )


def unpairable_message(n_single: int, n_items: int) -> str:
    """Return the explanation for items with a single rating."""
    return (
        f"items with a single rating: {n_single} of {n_items}, not pairable, "
        "left out of observed agreement"
    )


def multirater_estimate(
    ratings: Ratings,
    *,
    coefficient: str,
    chance_model: ChanceModel,
    confidence: float | None,
    weights: WeightScheme = "unweighted",
    note: str = "",
    floor: float = -math.inf,
    named: str | None = None,
) -> Estimate:
    """Return an Estimate of a coefficient of Gwet's framework (its variant: the weights).

    With `named` (the coefficient's name in messages), weights other than unweighted require
    ordered categories."""
    if named is not None and weights != "unweighted":
        ratings.require_order(f"{named} with {weights} weights")
    stats = observed_agreement(ratings.counts, agreement_weights(ratings.n_categories, weights))
    n_items = len(stats.ratings_per_item)
    n_pairable = int(stats.pairable.sum())
    n_values = int(stats.ratings_per_item[stats.pairable].sum())
    found: list[AgreementWarning] = list(ratings.warnings)
    notes = [note]
    if n_pairable < n_items:
        message = unpairable_message(n_items - n_pairable, n_items)
        found.append(UnpairableItemsWarning(message))
        notes.append(message + " (their ratings still enter chance agreement, as in irrCAC)")
    estimate = se = low = high = math.nan
    if n_pairable == 0:
        found.append(DegenerateDataWarning(NO_PAIRABLE_MESSAGE))
        notes.append(NO_PAIRABLE_MESSAGE)
    else:
        chance, item_chance = chance_model(stats)
        if 1.0 - chance <= _UNDEFINED_TOLERANCE:
            message = no_variation_message(ratings)
            found.append(DegenerateDataWarning(message))
            notes.append(message)
        else:
            estimate, se = linearised(stats, chance, item_chance)
            if confidence is not None:
                low, high = t_interval(estimate, se, n_items, confidence, floor=floor)
                if n_items < 2:
                    message = "only one item: no confidence interval"
                    found.append(DegenerateDataWarning(message))
                    notes.append(message)
    has_interval = confidence is not None and math.isfinite(low)
    return Estimate(
        coefficient=coefficient,
        variant=weights,
        estimate=estimate,
        ci_low=low,
        ci_high=high,
        ci_method="gwet_2014" if has_interval else "none",
        se=se,
        confidence=math.nan if confidence is None else confidence,
        n_items=n_items,
        n_raters=ratings.n_raters,
        n_pairable=n_pairable,
        n_values=n_values,
        note=join_notes(*notes),
        warnings=tuple(found),
    )
