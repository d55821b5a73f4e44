"""Agreement weight matrices over ordered categories (1 on the diagonal, 0 for the farthest pair).

Weights depend on the categories' positions in their order (equal spacing), as in
sklearn.metrics.cohen_kappa_score and R irr::kappa2; pass ``categories=`` to fix the order and
include codes nobody used.
"""

from typing import Literal

import numpy as np
import numpy.typing as npt

WeightScheme = Literal["unweighted", "linear", "quadratic", "ordinal"]
WEIGHT_SCHEMES: tuple[WeightScheme, ...] = ("unweighted", "linear", "quadratic", "ordinal")


def agreement_weights(n_categories: int, scheme: WeightScheme) -> npt.NDArray[np.float64]:
    """Return the q x q agreement weights of a scheme (Gwet 2014, ch. 3)."""
    if scheme not in WEIGHT_SCHEMES:
        raise ValueError(f"weights must be one of {list(WEIGHT_SCHEMES)}, got {scheme!r}")
    if n_categories < 1:
        raise ValueError("weights need at least one category")
    if scheme == "unweighted" or n_categories == 1:
        return np.eye(n_categories)
    positions = np.arange(n_categories, dtype=np.float64)
    gap = np.abs(positions[:, None] - positions[None, :])
    span = n_categories - 1.0
    if scheme == "linear":
        return 1.0 - gap / span
    if scheme == "quadratic":
        return 1.0 - (gap / span) ** 2
    pairs_between = (gap + 1.0) * gap / 2.0
    return 1.0 - pairs_between / (n_categories * span / 2.0)
