"""Conger's (1980) kappa: Cohen's kappa generalised to any number of raters.

Chance agreement keeps each rater's own category shares, as Cohen's does for two: with p_gk the
share of rater g's ratings in category k, p_k their mean over the r raters and s2_kl their
covariance across raters, pe = sum_kl w_kl (p_k p_l - s2_kl / r). Observed agreement and the
variance follow Gwet's framework (multirater.py), with each item's contribution to chance
agreement as in R irrCAC::conger.kappa.raw (Gwet 2014, ch. 2). With two raters who rated the
same items it equals Cohen's kappa.
"""

import numpy as np
import numpy.typing as npt

from coding.coefficient import weighted_coefficient
from coding.estimate import Estimate
from coding.multirater import ChanceModel, ObservedAgreement, multirater_estimate
from coding.ratings import Ratings
from coding.weights import WeightScheme


def rater_shares(ratings: Ratings) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Each rater's share of ratings per category (raters x categories) and rating count."""
    shares = np.zeros((ratings.n_raters, ratings.n_categories))
    for rater in range(ratings.n_raters):
        given = ratings.codes[:, rater]
        shares[rater] = np.bincount(given[given >= 0], minlength=ratings.n_categories)
    counts = shares.sum(axis=1)
    return shares / np.where(counts > 0, counts, 1.0)[:, None], counts


def conger_chance(ratings: Ratings) -> ChanceModel:
    """The chance model of Conger's kappa for these ratings (items with a rating)."""
    rated = ratings.codes[(ratings.codes >= 0).any(axis=1)]
    shares, counts = rater_shares(ratings)

    def chance(stats: ObservedAgreement) -> tuple[float, npt.NDArray[np.float64]]:
        weights = stats.weights
        n_items, n_raters = rated.shape
        mean = shares.mean(axis=0)
        covariance = np.cov(shares, rowvar=False, ddof=1).reshape(len(mean), len(mean))
        expected = float((weights * (np.outer(mean, mean) - covariance / n_raters)).sum())
        given = rated >= 0
        one_hot = np.zeros((*rated.shape, len(mean)))
        one_hot[given, rated[given]] = 1.0
        share_of_items = counts / n_items
        deviation = (
            one_hot @ weights.T - (given - share_of_items)[:, :, None] * (shares @ weights.T)[None]
        )
        scaled = deviation * (n_items / np.where(counts > 0, counts, 1.0))[None, :, None]
        spread = n_raters * mean[None, :] - shares
        item_chance = (scaled * spread[None]).sum(axis=(1, 2)) / (n_raters * (n_raters - 1.0))
        return expected, item_chance

    return chance


def _conger_kappa(
    ratings: Ratings, weights: WeightScheme = "unweighted", confidence: float | None = 0.95
) -> Estimate:
    if ratings.n_raters < 2:
        raise ValueError("Conger's kappa needs two or more raters")
    return multirater_estimate(
        ratings,
        coefficient="conger_kappa",
        weights=weights,
        chance_model=conger_chance(ratings),
        confidence=confidence,
        named="Conger's kappa",
    )


conger_kappa = weighted_coefficient(
    _conger_kappa,
    "Return Conger's kappa (optionally weighted) of two or more raters, with Gwet's interval.",
)
