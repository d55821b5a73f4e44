"""Confidence intervals: analytic (t or normal) from a standard error, or bootstrap percentile.

Upper bounds are capped at 1, the maximum of every agreement coefficient (as irrCAC does);
percent agreement's lower bound is also capped at 0.
"""

import math

import numpy as np
import numpy.typing as npt


def _check_confidence(confidence: float) -> None:
    """Raise ValueError unless 0 < confidence < 1."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence}")


def t_interval(
    estimate: float, se: float, n: int, confidence: float, *, floor: float = -math.inf
) -> tuple[float, float]:
    """Return estimate -/+ t(n-1) * se, capped at 1 above (as irrCAC) and at ``floor`` below."""
    _check_confidence(confidence)
    if n < 2 or not (math.isfinite(estimate) and math.isfinite(se)):
        return math.nan, math.nan
    from scipy import stats  # imported here: scipy.stats is slow to load

    half = float(stats.t.ppf(0.5 + confidence / 2, n - 1)) * se
    return max(floor, estimate - half), min(1.0, estimate + half)


def normal_interval(estimate: float, se: float, confidence: float) -> tuple[float, float]:
    """Return estimate -/+ z * se, the upper bound capped at 1."""
    _check_confidence(confidence)
    if not (math.isfinite(estimate) and math.isfinite(se)):
        return math.nan, math.nan
    from scipy import stats

    half = float(stats.norm.ppf(0.5 + confidence / 2)) * se
    return estimate - half, min(1.0, estimate + half)


def percentile_interval(samples: npt.NDArray[np.float64], confidence: float) -> tuple[float, float]:
    """Return the percentile interval of the finite bootstrap samples (NaN if none)."""
    _check_confidence(confidence)
    finite = samples[np.isfinite(samples)]
    if finite.size == 0:
        return math.nan, math.nan
    tail = (1 - confidence) / 2
    low, high = np.quantile(finite, [tail, 1 - tail])
    return float(low), min(1.0, float(high))
