"""Published worked examples, reproduced to the digits their sources print.

Sources:
- Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School
  for Communication, University of Pennsylvania (Departmental Papers 43). Section A: two
  observers, binary data, alpha = 0.095. Section C: 4 observers x 12 units, values 1-5 with
  missing data, alpha nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
- Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
  Bulletin 76(5), 378-382: 30 patients, 6 psychiatrists, 5 diagnoses, kappa = .430. The raw
  ratings are R package irr's `diagnoses` data set (kappam.fleiss gives 0.4302445), as
  transcribed in statsmodels' test suite (statsmodels/stats/tests/test_inter_rater.py).
- Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories,
  P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210.
- Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, yes/yes 20, yes/no 5,
  no/yes 10, no/no 15: p_o = 0.7, p_e = 0.5, kappa = 0.40.
- SAS PROC FREQ output for the 3 x 3 table [[0, 4, 1], [0, 8, 0], [0, 1, 5]] as recorded in
  statsmodels' test suite: kappa 0.4842, ASE 0.1380, 95% CI 0.2137-0.7547; weighted kappa
  (Cicchetti-Allison = linear) 0.4701, ASE 0.1457, CI 0.1845-0.7558. SAS's ASE is the
  Fleiss, Cohen & Everitt (1969) standard error.
- R irr::kappa2 on the `anxiety` data set (raters 2 and 3), as recorded in statsmodels' test
  suite: unweighted -0.006289308, "equal" (linear) 0.1459075, "squared" 0.2520325.
- R irrCAC's `cac.raw4raters` is Krippendorff's section-C data with the values written a-e.
  Gwet's coefficients on it, checked by hand from Gwet (2014, ch. 2-4): percent agreement
  pa = 9/11 = 0.8181818 (items 1-11 pairable: nine unanimous, items 2 and 8 at 1/2, item 6
  at 0); classification probabilities pi = (3, 3.25, 3.5, 1.25, 1) / 12, so AC1 chance
  agreement = sum pi (1 - pi) / 4 = 0.1903212 and AC1 = 0.7754441; Fleiss chance agreement
  sum pi^2 = 0.2387153 and generalised Fleiss' kappa = 0.7611693 (irrCAC fleiss.kappa.raw);
  Brennan-Prediger (9/11 - 1/5) / (4/5) = 0.7727273.
- R irrCAC's README and overview vignette (K. Gwet, irrCAC 1.0) print, for cac.raw4raters
  (rater columns as irrCAC lays them out: item 12 rated by Rater3 alone), coefficient,
  standard error and interval: percent agreement 0.8181818 (0.12561, 0.542-1), AC1 0.77544
  (0.14295, 0.461-1), Fleiss' kappa 0.76117 (0.15302, 0.424-1), Krippendorff's alpha 0.74342,
  Conger's kappa 0.76282 with pe 0.2334252 (0.14917, 0.435-1), Brennan-Prediger 0.77273
  (0.14472, 0.454-1).
"""

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from coding import (
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    scott_pi,
)
from coding.estimate import Estimate

pytestmark = pytest.mark.filterwarnings("ignore::coding.AgreementWarning")

NAN = np.nan

# Krippendorff (2011), section C: rows = observers A-D, columns = units 1-12.
KRIPPENDORFF_C = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
        [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
    ]
).T

# Krippendorff (2011), section A: two observers, ten units, binary values.
KRIPPENDORFF_A = np.array([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]).T

# Fleiss (1971) Table 1 as raw ratings (R irr `diagnoses`): 30 patients x 6 raters.
FLEISS_1971 = np.array(
    [
        [4, 4, 4, 4, 4, 4],
        [2, 2, 2, 5, 5, 5],
        [2, 3, 3, 3, 3, 5],
        [5, 5, 5, 5, 5, 5],
        [2, 2, 2, 4, 4, 4],
        [1, 1, 3, 3, 3, 3],
        [3, 3, 3, 3, 5, 5],
        [1, 1, 3, 3, 3, 4],
        [1, 1, 4, 4, 4, 4],
        [5, 5, 5, 5, 5, 5],
        [1, 4, 4, 4, 4, 4],
        [1, 2, 4, 4, 4, 4],
        [2, 2, 2, 3, 3, 3],
        [1, 4, 4, 4, 4, 4],
        [2, 2, 4, 4, 4, 5],
        [3, 3, 3, 3, 3, 5],
        [1, 1, 1, 4, 5, 5],
        [1, 1, 1, 1, 1, 2],
        [2, 2, 4, 4, 4, 4],
        [1, 3, 3, 5, 5, 5],
        [5, 5, 5, 5, 5, 5],
        [2, 4, 4, 4, 4, 4],
        [2, 2, 4, 5, 5, 5],
        [1, 1, 4, 4, 4, 4],
        [1, 4, 4, 4, 4, 5],
        [2, 2, 2, 2, 2, 4],
        [1, 1, 1, 1, 5, 5],
        [2, 2, 4, 4, 4, 4],
        [1, 3, 3, 3, 3, 3],
        [5, 5, 5, 5, 5, 5],
    ]
)

# Wikipedia "Fleiss' kappa": counts of the 14 raters per category (columns 1-5).
WIKIPEDIA_FLEISS_COUNTS = np.array(
    [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
)

# R irr `anxiety`: 20 subjects x 3 raters.
ANXIETY = np.array(
    [
        *(3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3),
        *(3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4),
        *(2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2),
    ]
).reshape(20, 3, order="F")


def ratings_from_table(table: list[list[int]]) -> np.ndarray:
    """Return two raters' ratings (items x 2) that produce a contingency table."""
    pairs = [
        (row, column)
        for row, counts in enumerate(table)
        for column, count in enumerate(counts)
        for _ in range(count)
    ]
    return np.array(pairs)


def ratings_from_counts(counts: np.ndarray) -> np.ndarray:
    """Return items x raters ratings whose per-item category counts are ``counts``."""
    return np.array([np.repeat(np.arange(1, counts.shape[1] + 1), row) for row in counts])


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_section_c(level: str, published: float) -> None:
    """Krippendorff (2011) section C reliability data: alpha at all four levels."""
    result = krippendorff_alpha(KRIPPENDORFF_C, level=level, confidence=None)
    assert round(result.estimate, 3) == published
    assert result.n_items == 12
    assert result.n_pairable == 11
    assert result.n_values == 40


def test_krippendorff_2011_section_a_binary() -> None:
    """Krippendorff (2011) section A: two observers, binary data, alpha = 0.095."""
    result = krippendorff_alpha(KRIPPENDORFF_A, confidence=None)
    assert round(result.estimate, 3) == 0.095
    assert result.estimate == pytest.approx(16 / 168)


def test_krippendorff_letters_as_irrcac_cac_raw4raters() -> None:
    """Section C written a-e (irrCAC cac.raw4raters) gives the same nominal alpha in long form."""
    letters = np.array(list("abcde"), dtype=object)
    rows = [
        {"item": unit, "rater": f"R{observer}", "value": letters[int(value) - 1]}
        for unit, row in enumerate(KRIPPENDORFF_C)
        for observer, value in enumerate(row)
        if not np.isnan(value)
    ]
    result = krippendorff_alpha(pd.DataFrame(rows), confidence=None)
    assert round(result.estimate, 3) == 0.743


def test_fleiss_1971_diagnoses() -> None:
    """Fleiss (1971): kappa = .430 (irr::kappam.fleiss 0.4302445)."""
    result = fleiss_kappa(FLEISS_1971, confidence=None)
    assert round(result.estimate, 3) == 0.430
    assert result.estimate == pytest.approx(0.4302445, abs=5e-8)


def test_wikipedia_fleiss_example() -> None:
    """Wikipedia Fleiss' kappa example: P-bar 0.378, kappa 0.210."""
    ratings = ratings_from_counts(WIKIPEDIA_FLEISS_COUNTS)
    assert ratings.shape == (10, 14)
    assert round(percent_agreement(ratings, confidence=None).estimate, 3) == 0.378
    assert round(fleiss_kappa(ratings, confidence=None).estimate, 3) == 0.210


def test_wikipedia_cohen_example() -> None:
    """Wikipedia Cohen's kappa example: 50 proposals, kappa = 0.40."""
    ratings = ratings_from_table([[20, 5], [10, 15]])
    result = cohen_kappa(ratings)
    assert round(result.estimate, 3) == 0.400
    assert result.n_pairable == 50
    assert result.ci_method == "fleiss_cohen_everitt_1969"


@pytest.mark.parametrize(
    ("weights", "kappa", "ase", "low", "high"),
    [
        ("unweighted", 0.4842, 0.1380, 0.2137, 0.7547),
        ("linear", 0.4701, 0.1457, 0.1845, 0.7558),
    ],
)
def test_sas_proc_freq_kappa_and_ase(
    weights: str, kappa: float, ase: float, low: float, high: float
) -> None:
    """SAS PROC FREQ kappa, ASE (Fleiss, Cohen & Everitt 1969) and 95% limits."""
    result = cohen_kappa(ratings_from_table([[0, 4, 1], [0, 8, 0], [0, 1, 5]]), weights=weights)
    assert round(result.estimate, 4) == kappa
    assert round(result.se, 4) == ase
    assert round(result.ci_low, 4) == low
    assert round(result.ci_high, 4) == high


@pytest.mark.parametrize(
    ("weights", "expected"),
    [("unweighted", -0.006289308), ("linear", 0.1459075), ("quadratic", 0.2520325)],
)
def test_irr_kappa2_anxiety(weights: str, expected: float) -> None:
    """R irr::kappa2(anxiety[, 2:3]) unweighted, 'equal' and 'squared' weights."""
    result = cohen_kappa(ANXIETY[:, 1:3], weights=weights, confidence=None)
    assert result.estimate == pytest.approx(expected, abs=5e-8)


def test_gwet_coefficients_on_cac_raw4raters() -> None:
    """Gwet's coefficients on irrCAC's cac.raw4raters, checked by hand (see module docstring)."""
    assert percent_agreement(KRIPPENDORFF_C).estimate == pytest.approx(9 / 11)
    pi = np.array([3, 3.25, 3.5, 1.25, 1]) / 12
    chance_ac1 = (pi * (1 - pi)).sum() / 4
    assert round(chance_ac1, 7) == 0.1903212
    ac1 = gwet_ac1(KRIPPENDORFF_C)
    assert ac1.estimate == pytest.approx((9 / 11 - chance_ac1) / (1 - chance_ac1))
    assert round(ac1.estimate, 7) == 0.7754441
    assert ac1.ci_method == "gwet_2014"
    chance_fleiss = (pi**2).sum()
    assert round(chance_fleiss, 7) == 0.2387153
    assert round(fleiss_kappa(KRIPPENDORFF_C).estimate, 7) == 0.7611693
    assert round(brennan_prediger(KRIPPENDORFF_C).estimate, 7) == 0.7727273


# irrCAC's cac.raw4raters: rows = subjects 1-12, columns = Rater1-Rater4.
CAC_RAW4RATERS = np.array(
    [
        [1, 1, NAN, 1],
        [2, 2, 3, 2],
        [3, 3, 3, 3],
        [3, 3, 3, 3],
        [2, 2, 2, 2],
        [1, 2, 3, 4],
        [4, 4, 4, 4],
        [1, 1, 2, 1],
        [2, 2, 2, 2],
        [NAN, 5, 5, 5],
        [NAN, NAN, 1, 1],
        [NAN, NAN, 3, NAN],
    ]
)


@pytest.mark.parametrize(
    ("compute", "value", "se", "low"),
    [
        (percent_agreement, 0.8181818, 0.12561, 0.542),
        (gwet_ac1, 0.77544, 0.14295, 0.461),
        (fleiss_kappa, 0.76117, 0.15302, 0.424),
        (conger_kappa, 0.76282, 0.14917, 0.435),
        (brennan_prediger, 0.77273, 0.14472, 0.454),
        (krippendorff_alpha, 0.74342, None, None),
    ],
)
def test_irrcac_printed_values_on_cac_raw4raters(
    compute: Callable[..., Estimate], value: float, se: float | None, low: float | None
) -> None:
    """Each coefficient, standard error and lower bound as irrCAC prints them (5 digits)."""
    result = compute(CAC_RAW4RATERS)
    assert round(result.estimate, 7 if value == 0.8181818 else 5) == value
    if se is not None:
        assert round(result.se, 5) == se
    if low is not None:
        assert (round(result.ci_low, 3), result.ci_high) == (low, 1.0)


def test_conger_chance_agreement_keeps_each_raters_shares() -> None:
    """Conger's pe on cac.raw4raters is 0.2334252, not Fleiss' pooled 0.2387153."""
    kappa = conger_kappa(CAC_RAW4RATERS).estimate
    chance = (9 / 11 - kappa) / (1 - kappa)
    assert round(chance, 7) == 0.2334252
    swapped = CAC_RAW4RATERS[:, [0, 2, 1, 3]]
    assert conger_kappa(swapped).estimate == pytest.approx(kappa)
    assert conger_kappa(KRIPPENDORFF_C).estimate != pytest.approx(kappa)
    assert fleiss_kappa(KRIPPENDORFF_C).estimate == pytest.approx(fleiss_kappa(swapped).estimate)


def test_scott_pi_of_section_a_relates_to_alpha() -> None:
    """For 2 coders, no missing, nominal: alpha = 1 - (2N - 1) / (2N) * (1 - pi) (Krippendorff)."""
    pi = scott_pi(KRIPPENDORFF_A, confidence=None).estimate
    alpha = krippendorff_alpha(KRIPPENDORFF_A, confidence=None).estimate
    n_units = len(KRIPPENDORFF_A)
    assert alpha == pytest.approx(1 - (2 * n_units - 1) / (2 * n_units) * (1 - pi))
