"""Cochran's rule for whether a chi-square approximation can be trusted."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def cochran_rule(expected: ArrayLike) -> tuple[bool, str]:
    """(holds, reason): the rule fails if any expected count < 1 or > 20% of cells are < 5."""
    cells = np.asarray(expected, dtype=float)
    small = int(np.sum(cells < 5.0))
    share = small / cells.size
    minimum = float(cells.min())
    if minimum < 1.0:
        return False, f"minimum expected count {minimum:.2f} < 1"
    if share > 0.2:
        return False, f"{small} of {cells.size} cells ({share:.0%}) have expected counts < 5"
    if small:
        return True, f"{small} of {cells.size} cells ({share:.0%}) have expected counts < 5"
    return True, "all expected counts >= 5"
