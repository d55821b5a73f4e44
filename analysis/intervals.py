"""Score confidence intervals for proportions and for differences of proportions.

`wilson_interval` is the Wilson (1927) score interval without continuity correction
(Newcombe 1998a, method 3); `newcombe_interval` is Newcombe's hybrid score interval for
the difference of two independent proportions (Newcombe 1998b, method 10).
"""

from __future__ import annotations

from typing import overload

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.stats import norm

from analysis._checks import check_confidence


def _z(confidence: float) -> float:
    check_confidence(confidence)
    return float(norm.ppf(1.0 - (1.0 - confidence) / 2.0))


def _wilson_arrays(
    count: ArrayLike, n: ArrayLike, confidence: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x = np.asarray(count, dtype=float)
    total = np.asarray(n, dtype=float)
    if np.any(x < 0) or np.any(x > total):
        raise ValueError("counts must satisfy 0 <= count <= n")
    z = _z(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / total
        denominator = 1.0 + z * z / total
        centre = (p + z * z / (2.0 * total)) / denominator
        half = z * np.sqrt(p * (1.0 - p) / total + z * z / (4.0 * total * total)) / denominator
    low = np.where(total > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
    high = np.where(total > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    low = np.where(x == 0, np.where(total > 0, 0.0, np.nan), low)
    high = np.where((x == total) & (total > 0), 1.0, high)
    return low, high


@overload
def wilson_interval(count: int, n: int, *, confidence: float = ...) -> tuple[float, float]: ...


@overload
def wilson_interval(
    count: ArrayLike, n: ArrayLike, *, confidence: float = ...
) -> tuple[NDArray[np.float64], NDArray[np.float64]]: ...


def wilson_interval(
    count: ArrayLike, n: ArrayLike, *, confidence: float = 0.95
) -> tuple[float, float] | tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Wilson score interval (low, high) for count/n; NaN where n is 0; vectorised."""
    low, high = _wilson_arrays(count, n, confidence)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def newcombe_interval(
    count1: int, n1: int, count2: int, n2: int, *, confidence: float = 0.95
) -> tuple[float, float]:
    """Newcombe's hybrid score interval (method 10) for count1/n1 - count2/n2."""
    if n1 <= 0 or n2 <= 0:
        raise ValueError("both groups need n > 0")
    p1, p2 = count1 / n1, count2 / n2
    low1, high1 = wilson_interval(count1, n1, confidence=confidence)
    low2, high2 = wilson_interval(count2, n2, confidence=confidence)
    difference = p1 - p2
    low = difference - float(np.sqrt((p1 - low1) ** 2 + (high2 - p2) ** 2))
    high = difference + float(np.sqrt((high1 - p1) ** 2 + (p2 - low2) ** 2))
    return low, high
