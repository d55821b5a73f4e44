"""Effect sizes: Cramér's V (with confidence intervals) and Vargha-Delaney A12."""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq
from scipy.stats import chi2, ncx2, rankdata
from scipy.stats.contingency import expected_freq

from analysis._checks import check_confidence

VInterval = Literal["noncentral", "bootstrap"]


def _table(table: ArrayLike) -> NDArray[np.float64]:
    cells = np.asarray(table, dtype=float)
    if cells.ndim != 2 or min(cells.shape) < 2:
        raise ValueError("need a two-way table with at least 2 rows and 2 columns")
    if np.any(cells < 0):
        raise ValueError("table counts must be non-negative")
    return cells


def _pearson(cells: NDArray[np.float64]) -> float:
    cells = cells[cells.sum(axis=1) > 0][:, cells.sum(axis=0) > 0]
    if min(cells.shape) < 2:
        return 0.0
    expected = expected_freq(cells)
    return float(np.sum((cells - expected) ** 2 / expected))


def cramers_v(table: ArrayLike) -> float:
    """Cramér's V = sqrt(X² / (N (min(r, c) - 1))) from the uncorrected Pearson X²."""
    cells = _table(table)
    k = min(cells.shape) - 1
    return float(np.sqrt(_pearson(cells) / (cells.sum() * k)))


def _noncentrality_bound(statistic: float, dof: int, target: float) -> float:
    """The noncentrality λ with P(X² <= statistic; dof, λ) = target (0 if none is needed)."""
    if chi2.cdf(statistic, dof) <= target:
        return 0.0
    high = max(statistic, 1.0)
    while ncx2.cdf(statistic, dof, high) > target:
        high *= 2.0
    return float(brentq(lambda lam: ncx2.cdf(statistic, dof, lam) - target, 0.0, high))


def cramers_v_interval(
    table: ArrayLike,
    *,
    confidence: float = 0.95,
    method: VInterval = "noncentral",
    n_resamples: int = 2000,
    seed: int = 0,
) -> tuple[float, float]:
    """Confidence interval for Cramér's V, by noncentral chi-square inversion or bootstrap.

    "noncentral": find the noncentrality bounds λ of the observed X² (Smithson 2003) and
    report sqrt(λ / (N (k - 1))), the conversion R's effectsize package uses.
    "bootstrap": percentile interval over `n_resamples` multinomial resamples of the N
    observations from the observed cell shares, seeded with `seed`.
    """
    check_confidence(confidence)
    cells = _table(table)
    n = cells.sum()
    k = min(cells.shape) - 1
    alpha = 1.0 - confidence
    if method == "noncentral":
        statistic = _pearson(cells)
        dof = (cells.shape[0] - 1) * (cells.shape[1] - 1)
        low = _noncentrality_bound(statistic, dof, 1.0 - alpha / 2.0)
        high = _noncentrality_bound(statistic, dof, alpha / 2.0)
        return (
            float(min(1.0, np.sqrt(low / (n * k)))),
            float(min(1.0, np.sqrt(high / (n * k)))),
        )
    if method == "bootstrap":
        rng = np.random.default_rng(seed)
        draws = rng.multinomial(int(n), (cells / n).ravel(), size=n_resamples)
        values = [
            np.sqrt(_pearson(draw.reshape(cells.shape).astype(float)) / (n * k)) for draw in draws
        ]
        low, high = np.quantile(values, [alpha / 2.0, 1.0 - alpha / 2.0])
        return float(low), float(high)
    raise ValueError(f"method must be 'noncentral' or 'bootstrap', got {method!r}")


def vargha_delaney_a12(x: ArrayLike, y: ArrayLike) -> float:
    """Vargha-Delaney A12: P(X > Y) + 0.5 P(X = Y) for independent draws from x and y."""
    first = np.asarray(x, dtype=float).ravel()
    second = np.asarray(y, dtype=float).ravel()
    if first.size == 0 or second.size == 0:
        raise ValueError("both samples need at least one value")
    if np.isnan(first).any() or np.isnan(second).any():
        raise ValueError("samples must not contain NaN")
    m, n = first.size, second.size
    rank_sum = rankdata(np.concatenate([first, second]))[:m].sum()
    return float((rank_sum / m - (m + 1) / 2.0) / n)


def a12_magnitude(a12: float) -> str:
    """Vargha & Delaney's (2000) magnitude: negligible, small (.56), medium (.64), large (.71)."""
    distance = max(a12, 1.0 - a12)
    if distance >= 0.71:
        return "large"
    if distance >= 0.64:
        return "medium"
    if distance >= 0.56:
        return "small"
    return "negligible"
