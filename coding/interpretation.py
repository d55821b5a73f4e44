"""Verbal reading of agreement coefficients after Landis & Koch (1977)."""

import math

_BANDS = (
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
)


def landis_koch(value: float) -> str:
    """Return the Landis & Koch (1977) band of a chance-corrected coefficient."""
    if not math.isfinite(value):
        return "undefined"
    if value < 0:
        return "poor"
    for upper, label in _BANDS:
        if value <= upper:
            return label
    return "almost perfect"
