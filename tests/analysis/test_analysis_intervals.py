"""Wilson and Newcombe intervals against published values and statsmodels."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

from analysis.intervals import newcombe_interval, wilson_interval

# Newcombe (1998a), "Two-sided confidence intervals for the single proportion", Table I,
# method 3 (Wilson score interval without continuity correction).
NEWCOMBE_1998A_WILSON = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("count", "n", "low", "high"), NEWCOMBE_1998A_WILSON)
def test_wilson_matches_newcombe_1998a_table_1(count: int, n: int, low: float, high: float) -> None:
    lower, upper = wilson_interval(count, n)
    assert round(lower, 4) == low
    assert round(upper, 4) == high


@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_wilson_matches_statsmodels_on_a_grid(confidence: float) -> None:
    counts = np.array([0, 1, 2, 5, 17, 49, 50])
    lower, upper = wilson_interval(counts, 50, confidence=confidence)
    expected_low, expected_high = proportion_confint(
        counts, 50, alpha=1 - confidence, method="wilson"
    )
    np.testing.assert_allclose(lower, expected_low, atol=1e-12)
    np.testing.assert_allclose(upper, expected_high, atol=1e-12)


def test_wilson_scalar_returns_floats_and_nan_for_empty() -> None:
    lower, upper = wilson_interval(3, 10)
    assert isinstance(lower, float) and isinstance(upper, float)
    assert all(math.isnan(value) for value in wilson_interval(0, 0))


def test_wilson_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="count"):
        wilson_interval(5, 3)
    with pytest.raises(ValueError, match="confidence"):
        wilson_interval(1, 3, confidence=95)


@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_the_estimate(case: tuple[int, int]) -> None:
    count, n = case
    lower, upper = wilson_interval(count, n)
    assert 0.0 <= lower <= count / n <= upper <= 1.0


def test_newcombe_hybrid_score_matches_newcombe_1998b_example() -> None:
    # Newcombe (1998b), "Interval estimation for the difference between independent
    # proportions": 56/70 - 48/80 = 0.2000, method 10 gives 0.0524 to 0.3339.
    lower, upper = newcombe_interval(56, 70, 48, 80)
    assert round(lower, 4) == 0.0524
    assert round(upper, 4) == 0.3339


def test_newcombe_with_zero_counts_reduces_to_wilson_limits() -> None:
    # With both counts 0 the limits are minus the Wilson upper limit of 0/20 (0.1611 in
    # Newcombe 1998a, Table I) and the Wilson upper limit of 0/10.
    lower, upper = newcombe_interval(0, 10, 0, 20)
    assert round(lower, 4) == -0.1611
    assert upper == pytest.approx(wilson_interval(0, 10)[1])


@given(
    st.integers(1, 200).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.integers(1, 200).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
)
def test_newcombe_contains_the_difference(first: tuple[int, int], second: tuple[int, int]) -> None:
    lower, upper = newcombe_interval(*first, *second)
    difference = first[0] / first[1] - second[0] / second[1]
    assert -1.0 <= lower <= difference + 1e-12
    assert difference - 1e-12 <= upper <= 1.0
