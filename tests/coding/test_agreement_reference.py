"""Property tests: the coefficients agree with independent implementations on random data.

References: sklearn.metrics.cohen_kappa_score, statsmodels.stats.inter_rater (fleiss_kappa,
cohens_kappa and its Fleiss-Cohen-Everitt variance), the `krippendorff` package, naive
loops for percent agreement, and a line-by-line loop port of R irrCAC's gwet.ac1.raw,
fleiss.kappa.raw, bp.coeff.raw and conger.kappa.raw for Gwet's linearisation variance.
"""

import itertools
import math

import krippendorff
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import cohens_kappa as statsmodels_cohens_kappa
from statsmodels.stats.inter_rater import fleiss_kappa as statsmodels_fleiss_kappa

from coding import (
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    krippendorff_alpha,
    percent_agreement,
    scott_pi,
)
from coding.weights import agreement_weights

pytestmark = pytest.mark.filterwarnings("ignore::coding.AgreementWarning")

PROPERTY = settings(max_examples=60, derandomize=True, deadline=None)


@st.composite
def complete_ratings(
    draw: st.DrawFn, min_raters: int = 2, max_raters: int = 2, max_items: int = 40
) -> np.ndarray:
    """Draw an items x raters matrix of integer codes without missing values."""
    n_raters = draw(st.integers(min_raters, max_raters))
    n_items = draw(st.integers(2, max_items))
    n_codes = draw(st.integers(2, 6))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, n_codes, size=n_items)
    noise = rng.random((n_items, n_raters)) < draw(st.floats(0.0, 1.0))
    random_codes = rng.integers(0, n_codes, size=(n_items, n_raters))
    return np.where(noise, random_codes, truth[:, None])


@st.composite
def ratings_with_missing(draw: st.DrawFn) -> np.ndarray:
    """Draw a float matrix (2-10 raters, NaN = missing) with positive integer values."""
    ratings = draw(complete_ratings(min_raters=2, max_raters=10, max_items=30)).astype(float)
    seed = draw(st.integers(0, 2**32 - 1))
    share = draw(st.floats(0.0, 0.5))
    missing = np.random.default_rng(seed).random(ratings.shape) < share
    return np.where(missing, np.nan, ratings + 1.0)


def has_variation(ratings: np.ndarray) -> bool:
    """Return whether the pairable ratings use at least two values."""
    pairable = (~np.isnan(ratings)).sum(axis=1) >= 2
    values = ratings[pairable]
    return pairable.any() and len(np.unique(values[~np.isnan(values)])) >= 2


@PROPERTY
@given(complete_ratings(), st.sampled_from(["unweighted", "linear", "quadratic"]))
def test_conger_kappa_of_two_raters_equals_sklearn_cohen(ratings: np.ndarray, weights: str) -> None:
    """With two raters rating every item, Conger's kappa is Cohen's (sklearn)."""
    assume(len(np.unique(ratings)) >= 2)
    expected = cohen_kappa_score(
        ratings[:, 0], ratings[:, 1], weights=None if weights == "unweighted" else weights
    )
    result = conger_kappa(ratings, weights=weights, confidence=None)
    assert result.estimate == pytest.approx(expected, abs=1e-10)


@PROPERTY
@given(complete_ratings(), st.sampled_from(["unweighted", "linear", "quadratic"]))
def test_cohen_kappa_equals_sklearn(ratings: np.ndarray, weights: str) -> None:
    """Cohen's kappa (all weights) equals sklearn.metrics.cohen_kappa_score."""
    assume(len(np.unique(ratings)) >= 2)
    expected = cohen_kappa_score(
        ratings[:, 0], ratings[:, 1], weights=None if weights == "unweighted" else weights
    )
    result = cohen_kappa(ratings, weights=weights, confidence=None)
    assert result.estimate == pytest.approx(expected, abs=1e-12)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@PROPERTY
@given(complete_ratings(), st.sampled_from(["unweighted", "linear", "quadratic"]))
def test_cohen_kappa_se_equals_statsmodels(ratings: np.ndarray, weights: str) -> None:
    """The FCE (1969) standard error equals statsmodels' cohens_kappa std_kappa."""
    assume(len(np.unique(ratings)) >= 2)
    categories = np.unique(ratings)
    q = len(categories)
    index = np.searchsorted(categories, ratings)
    table = np.bincount(index[:, 0] * q + index[:, 1], minlength=q * q).reshape(q, q)
    if weights == "unweighted":
        reference = statsmodels_cohens_kappa(table)
    else:
        reference = statsmodels_cohens_kappa(table, wt=weights)
    result = cohen_kappa(ratings, weights=weights)
    assert result.estimate == pytest.approx(reference.kappa, abs=1e-12)
    assert result.se**2 == pytest.approx(reference.var_kappa, abs=1e-12)


@PROPERTY
@given(complete_ratings(min_raters=2, max_raters=8))
def test_fleiss_kappa_equals_statsmodels(ratings: np.ndarray) -> None:
    """Fleiss' kappa with equal raters per item equals statsmodels' fleiss_kappa."""
    assume(len(np.unique(ratings)) >= 2)
    table, _ = aggregate_raters(ratings)
    expected = statsmodels_fleiss_kappa(table, method="fleiss")
    assert fleiss_kappa(ratings, confidence=None).estimate == pytest.approx(expected, abs=1e-12)


@PROPERTY
@given(complete_ratings())
def test_scott_pi_equals_fleiss_for_two_raters(ratings: np.ndarray) -> None:
    """Scott's pi of two raters equals Fleiss' kappa of the same two raters, SE included."""
    assume(len(np.unique(ratings)) >= 2)
    pi = scott_pi(ratings)
    kappa = fleiss_kappa(ratings)
    assert pi.estimate == pytest.approx(kappa.estimate, abs=1e-12)
    assert pi.se == pytest.approx(kappa.se, abs=1e-12)


@PROPERTY
@given(ratings_with_missing(), st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_krippendorff_alpha_equals_package(ratings: np.ndarray, level: str) -> None:
    """Alpha at all four levels with missing values and 2-10 raters equals krippendorff.alpha."""
    assume(has_variation(ratings))
    expected = krippendorff.alpha(reliability_data=ratings.T, level_of_measurement=level)
    result = krippendorff_alpha(ratings, level=level, confidence=None)
    assert result.estimate == pytest.approx(expected, abs=1e-10)


def naive_percent_agreement(ratings: np.ndarray) -> float:
    """Mean over items with 2+ ratings of the share of agreeing rater pairs (plain loops)."""
    shares = []
    for row in ratings:
        values = [value for value in row if not math.isnan(value)]
        pairs = list(itertools.combinations(values, 2))
        if pairs:
            shares.append(sum(first == second for first, second in pairs) / len(pairs))
    return sum(shares) / len(shares)


@PROPERTY
@given(ratings_with_missing())
def test_percent_agreement_equals_naive_loops(ratings: np.ndarray) -> None:
    """Percent agreement equals a naive pairwise computation."""
    assume(((~np.isnan(ratings)).sum(axis=1) >= 2).any())
    result = percent_agreement(ratings, confidence=None)
    assert result.estimate == pytest.approx(naive_percent_agreement(ratings), abs=1e-12)


def irrcac_port(ratings: np.ndarray, weights: np.ndarray, kind: str) -> tuple[float, float]:
    """Loop port of irrCAC gwet.ac1.raw / fleiss / bp.coeff.raw / conger.kappa.raw (N = Inf)."""
    categories = sorted({value for row in ratings for value in row if not math.isnan(value)})
    n, q = len(ratings), len(categories)
    cats = range(q)
    agree = [[sum(value == c for value in row) for c in categories] for row in ratings]
    agree_w = [[sum(weights[k][j] * agree[i][j] for j in cats) for k in cats] for i in range(n)]
    r = [sum(row) for row in agree]
    sum_q = [sum(agree[i][k] * (agree_w[i][k] - 1) for k in cats) for i in range(n)]
    n2more = sum(1 for value in r if value >= 2)
    pa = sum(sum_q[i] / (r[i] * (r[i] - 1)) for i in range(n) if r[i] >= 2) / n2more
    pi = [sum(agree[i][k] / r[i] for i in range(n)) / n for k in cats]
    total_w = sum(sum(row) for row in weights)
    if kind == "ac1":
        scale = total_w / (q * (q - 1))
        pe = scale * sum(p * (1 - p) for p in pi)
        pe_i = [scale * sum(agree[i][k] * (1 - pi[k]) for k in cats) / r[i] for i in range(n)]
    elif kind == "fleiss":
        pe = sum(weights[k][j] * pi[k] * pi[j] for k in cats for j in cats)
        pi_w = [
            (sum(weights[k][j] * pi[j] for j in cats) + sum(weights[j][k] * pi[j] for j in cats))
            / 2
            for k in cats
        ]
        pe_i = [sum(agree[i][k] * pi_w[k] for k in cats) / r[i] for i in range(n)]
    elif kind == "conger":
        pe, pe_i = conger_chance_port(ratings, categories, weights)
    else:
        pe = total_w / q**2
        pe_i = [pe] * n
    coefficient = (pa - pe) / (1 - pe)
    den = [r[i] * (r[i] - 1) if r[i] >= 2 else -1 for i in range(n)]
    pa_i = [sum_q[i] / den[i] for i in range(n)]
    item = [(n / n2more) * (pa_i[i] - pe * (r[i] >= 2)) / (1 - pe) for i in range(n)]
    item_x = [item[i] - 2 * (1 - coefficient) * (pe_i[i] - pe) / (1 - pe) for i in range(n)]
    variance = sum((value - coefficient) ** 2 for value in item_x) / (n * (n - 1))
    return coefficient, math.sqrt(variance)


def conger_chance_port(
    ratings: np.ndarray, categories: list[float], weights: np.ndarray
) -> tuple[float, list[float]]:
    """Loop port of conger.kappa.raw's chance agreement and each item's contribution to it."""
    n, raters = ratings.shape
    cats = range(len(categories))
    rated = [sum(not math.isnan(ratings[i][g]) for i in range(n)) for g in range(raters)]
    p = [
        [sum(ratings[i][g] == c for i in range(n)) / rated[g] for c in categories]
        for g in range(raters)
    ]
    mean = [sum(p[g][k] for g in range(raters)) / raters for k in cats]
    s2 = [
        [
            (sum(p[g][k] * p[g][j] for g in range(raters)) - raters * mean[k] * mean[j])
            / (raters - 1)
            for j in cats
        ]
        for k in cats
    ]
    pe = sum(weights[k][j] * (mean[k] * mean[j] - s2[k][j] / raters) for k in cats for j in cats)
    pe_i = []
    for i in range(n):
        total = 0.0
        for g in range(raters):
            given = not math.isnan(ratings[i][g])
            for k in cats:
                lam = sum(
                    weights[k][j]
                    * ((ratings[i][g] == categories[j]) - (given - rated[g] / n) * p[g][j])
                    for j in cats
                )
                total += lam * (n / rated[g]) * (raters * mean[k] - p[g][k])
        pe_i.append(total / (raters * (raters - 1)))
    return pe, pe_i


@PROPERTY
@given(
    ratings_with_missing(),
    st.sampled_from(["ac1", "fleiss", "bp", "conger"]),
    st.sampled_from(["unweighted", "linear", "quadratic", "ordinal"]),
)
def test_gwet_family_equals_irrcac_loop_port(ratings: np.ndarray, kind: str, scheme: str) -> None:
    """AC1/AC2, Fleiss, Brennan-Prediger, Conger and their SE equal a loop port of irrCAC."""
    ratings = ratings[(~np.isnan(ratings)).any(axis=1)]
    ratings = ratings[:, (~np.isnan(ratings)).any(axis=0)]
    assume(ratings.shape[1] >= 2)
    assume(len(ratings) >= 2 and has_variation(ratings))
    if kind == "fleiss":
        scheme = "unweighted"
    q = len(np.unique(ratings[~np.isnan(ratings)]))
    expected, expected_se = irrcac_port(ratings, agreement_weights(q, scheme).tolist(), kind)
    if kind == "ac1":
        result = gwet_ac2(ratings, weights=scheme) if scheme != "unweighted" else gwet_ac1(ratings)
    elif kind == "fleiss":
        result = fleiss_kappa(ratings)
    elif kind == "conger":
        result = conger_kappa(ratings, weights=scheme)
    else:
        result = brennan_prediger(ratings, weights=scheme)
    assert result.estimate == pytest.approx(expected, abs=1e-12)
    assert result.se == pytest.approx(expected_se, abs=1e-10)


def test_weights_match_gwet_definitions() -> None:
    """Linear, quadratic and ordinal weights for q = 4 as tabulated by Gwet (2014, ch. 3)."""
    linear = agreement_weights(4, "linear")
    quadratic = agreement_weights(4, "quadratic")
    ordinal = agreement_weights(4, "ordinal")
    assert linear[0].tolist() == pytest.approx([1, 2 / 3, 1 / 3, 0])
    assert quadratic[0].tolist() == pytest.approx([1, 8 / 9, 5 / 9, 0])
    assert ordinal[0].tolist() == pytest.approx([1, 5 / 6, 1 / 2, 0])
    assert np.allclose(ordinal, ordinal.T)
