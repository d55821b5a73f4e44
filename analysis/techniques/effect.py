"""Vargha-Delaney A12 oriented by a metric's direction, and its magnitude by Hess & Kromrey."""

from __future__ import annotations

from numpy.typing import ArrayLike

from analysis.effect_sizes import vargha_delaney_a12

# Hess & Kromrey (2004) bands on Cliff's delta |d| = |2 A12 - 1|, as R's effsize::VD.A uses them.
HESS_KROMREY = ((0.474, "large"), (0.33, "medium"), (0.147, "small"))


def hess_kromrey_magnitude(a12: float) -> str:
    """negligible (|d| < .147), small (< .33), medium (< .474) or large, for d = 2 A12 - 1."""
    delta = abs(2.0 * a12 - 1.0)
    for bound, name in HESS_KROMREY:
        if delta >= bound:
            return name
    return "negligible"


def oriented_a12(x: ArrayLike, y: ArrayLike, *, higher_is_better: bool = True) -> float:
    """P(a run of x is better than one of y) + 0.5 P(tie): A12, or 1 - A12 if lower is better."""
    a12 = vargha_delaney_a12(x, y)
    return a12 if higher_is_better else 1.0 - a12
