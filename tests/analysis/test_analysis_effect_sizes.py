"""Vargha-Delaney A12 against a direct pairwise computation."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.effect_sizes import a12_magnitude, vargha_delaney_a12


def _pairwise_a12(x: list[float], y: list[float]) -> float:
    wins = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a, b in itertools.product(x, y))
    return wins / (len(x) * len(y))


@given(
    st.lists(st.integers(0, 6).map(float), min_size=1, max_size=25),
    st.lists(st.integers(0, 6).map(float), min_size=1, max_size=25),
)
def test_a12_equals_pairwise_definition(x: list[float], y: list[float]) -> None:
    assert vargha_delaney_a12(x, y) == pytest.approx(_pairwise_a12(x, y))


def test_a12_examples_and_magnitudes() -> None:
    assert vargha_delaney_a12([3, 4, 5], [1, 2]) == 1.0
    assert vargha_delaney_a12([1, 2], [1, 2]) == 0.5
    assert [a12_magnitude(a) for a in (0.5, 0.57, 0.35, 0.75)] == [
        "negligible",
        "small",
        "medium",
        "large",
    ]
    with pytest.raises(ValueError, match="at least one"):
        vargha_delaney_a12([], [1.0])
