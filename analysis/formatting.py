"""Number formatting as papers print it: "142 (40.8%)", "40.8%", "[35.6, 46.1]", "< .001"."""

from __future__ import annotations

import math


def format_percent(proportion: float, *, decimals: int = 1) -> str:
    """A proportion as a percentage: 0.408 -> "40.8%"; NaN -> an en dash."""
    if math.isnan(proportion):
        return "\u2013"
    return f"{100.0 * proportion:.{decimals}f}%"


def format_count_percent(count: int, proportion: float, *, decimals: int = 1) -> str:
    """A count with its share: (142, 0.408) -> "142 (40.8%)"."""
    if math.isnan(proportion):
        return f"{count}"
    return f"{count} ({format_percent(proportion, decimals=decimals)})"


def format_interval(low: float, high: float, *, decimals: int = 1, percent: bool = True) -> str:
    """An interval in brackets, as percentages by default: (0.356, 0.461) -> "[35.6, 46.1]"."""
    if math.isnan(low) or math.isnan(high):
        return "\u2013"
    scale = 100.0 if percent else 1.0
    return f"[{scale * low:.{decimals}f}, {scale * high:.{decimals}f}]"


def format_pvalue(pvalue: float) -> str:
    """APA-style p-value without the leading zero: "< .001", ".012", "> .999"."""
    if math.isnan(pvalue):
        return "\u2013"
    if pvalue < 0.001:
        return "< .001"
    if pvalue > 0.999:
        return "> .999"
    return f"{pvalue:.3f}".removeprefix("0")
