"""Cohen's (1960, 1968) kappa for two raters: unweighted, linear or quadratic weights.

kappa_w = (p_o - p_e) / (1 - p_e) with agreement weights w_ij (1 on the diagonal) over the
joint proportions p_ij of the items both raters rated. The standard error is the large-sample
non-null one of Fleiss, Cohen & Everitt (1969), as in SAS PROC FREQ:

    var = [sum_ij p_ij (w_ij - (wbar_i. + wbar_.j)(1 - kappa))^2 - (kappa - p_e (1 - kappa))^2]
          / (n (1 - p_e)^2),   wbar_i. = sum_j p_.j w_ij,   wbar_.j = sum_i p_i. w_ij.
"""

import math
from typing import Literal

import numpy as np
import numpy.typing as npt

from coding.agreement_warnings import AgreementWarning, DegenerateDataWarning
from coding.coefficient import weighted_coefficient
from coding.estimate import Estimate, join_notes
from coding.intervals import normal_interval
from coding.multirater import no_variation_message
from coding.ratings import NO_PAIR_MESSAGE, Ratings
from coding.two_raters import rated_by_both
from coding.weights import agreement_weights

KappaWeights = Literal["unweighted", "linear", "quadratic"]
KAPPA_WEIGHTS: tuple[KappaWeights, ...] = ("unweighted", "linear", "quadratic")

_UNDEFINED_TOLERANCE = 1e-12


def kappa_from_table(
    table: npt.NDArray[np.float64], weights: npt.NDArray[np.float64]
) -> tuple[float, float]:
    """Return weighted kappa of a q x q table of counts and its FCE (1969) standard error."""
    n_pairs = table.sum()
    joint = table / n_pairs
    rows = joint.sum(axis=1)
    columns = joint.sum(axis=0)
    observed = float((weights * joint).sum())
    chance = float(rows @ weights @ columns)
    if 1.0 - chance <= _UNDEFINED_TOLERANCE:
        return math.nan, math.nan
    kappa = (observed - chance) / (1.0 - chance)
    row_means = weights @ columns
    column_means = weights.T @ rows
    spread = weights - (row_means[:, None] + column_means[None, :]) * (1.0 - kappa)
    variance = ((joint * spread**2).sum() - (kappa - chance * (1.0 - kappa)) ** 2) / (
        n_pairs * (1.0 - chance) ** 2
    )
    return kappa, math.sqrt(max(float(variance), 0.0))


def _cohen_kappa(
    ratings: Ratings, weights: KappaWeights = "unweighted", confidence: float | None = 0.95
) -> Estimate:
    if weights not in KAPPA_WEIGHTS:
        raise ValueError(f"weights must be one of {list(KAPPA_WEIGHTS)}, got {weights!r}")
    if weights != "unweighted":
        ratings.require_order(f"{weights}-weighted kappa")
    pairs = rated_by_both(ratings, "cohen_kappa")
    complete = pairs.ratings
    found: list[AgreementWarning] = [*ratings.warnings, *pairs.dropped]
    notes = [pairs.note]
    if complete.n_items == 0:
        return pairs.undefined(
            "cohen_kappa", weights, confidence, (*found, DegenerateDataWarning(NO_PAIR_MESSAGE))
        )
    q = ratings.n_categories
    first, second = complete.codes[:, 0], complete.codes[:, 1]
    table = np.bincount(first * q + second, minlength=q * q).reshape(q, q).astype(np.float64)
    kappa, se = kappa_from_table(table, agreement_weights(q, weights))
    low = high = math.nan
    if math.isnan(kappa):
        message = no_variation_message(complete)
        found.append(DegenerateDataWarning(message))
        notes.append(message)
    elif confidence is not None:
        if complete.n_items < 2:
            message = "only one item: no confidence interval"
            found.append(DegenerateDataWarning(message))
            notes.append(message)
        else:
            low, high = normal_interval(kappa, se, confidence)
    return Estimate(
        coefficient="cohen_kappa",
        variant=weights,
        estimate=kappa,
        ci_low=low,
        ci_high=high,
        ci_method="none" if math.isnan(low) else "fleiss_cohen_everitt_1969",
        se=se,
        confidence=math.nan if confidence is None else confidence,
        n_items=ratings.n_items,
        n_raters=2,
        n_pairable=complete.n_items,
        n_values=2 * complete.n_items,
        note=join_notes(*notes),
        warnings=tuple(found),
    )


cohen_kappa = weighted_coefficient(
    _cohen_kappa,
    "Return Cohen's kappa of two raters with the Fleiss-Cohen-Everitt (1969) interval.",
)
