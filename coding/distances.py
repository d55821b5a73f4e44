"""Difference functions for Krippendorff's alpha and distances between sets of codes.

Krippendorff (2011, sec. E) gives the squared differences delta^2 of the four levels; MASI
follows Passonneau (2006): 1 - J * M with J the Jaccard index and M = 1 for identical sets,
2/3 when one set contains the other, 1/3 for other overlapping sets and 0 for disjoint sets.
"""

from collections.abc import Hashable, Sequence
from collections.abc import Set as AbstractSet
from typing import Literal

import numpy as np
import numpy.typing as npt

SetDistance = Literal["masi", "jaccard"]
SET_DISTANCES: tuple[SetDistance, ...] = ("masi", "jaccard")


def nominal_delta(n_categories: int) -> npt.NDArray[np.float64]:
    """Return the nominal difference: 0 for equal categories, 1 otherwise."""
    return 1.0 - np.eye(n_categories)


def interval_delta(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Return the interval difference (c - k)^2."""
    return (values[:, None] - values[None, :]) ** 2


def ratio_delta(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Return the ratio difference ((c - k) / (c + k))^2, 0 where c + k = 0."""
    total = values[:, None] + values[None, :]
    gap = values[:, None] - values[None, :]
    ratio = np.divide(gap, total, out=np.zeros_like(gap), where=total != 0)
    return ratio**2


def ordinal_delta(marginals: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Return the ordinal difference (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2 of (..., K) margins."""
    cumulative = np.cumsum(marginals, axis=-1)
    span = cumulative[..., None, :] - cumulative[..., :, None] + marginals[..., :, None]
    span = np.where(np.triu(np.ones(span.shape[-2:], dtype=bool)), span, np.swapaxes(span, -1, -2))
    half = (marginals[..., :, None] + marginals[..., None, :]) / 2.0
    return (span - half) ** 2


def jaccard_distance(first: AbstractSet[Hashable], second: AbstractSet[Hashable]) -> float:
    """Return 1 - |A & B| / |A | B| (0 for two empty sets)."""
    union = len(first | second)
    return 0.0 if union == 0 else 1.0 - len(first & second) / union


def masi_distance(first: AbstractSet[Hashable], second: AbstractSet[Hashable]) -> float:
    """Return the MASI distance of Passonneau (2006) between two sets of codes."""
    common = len(first & second)
    union = len(first | second)
    if union == 0:
        return 0.0
    if common == len(first) == len(second):
        monotonicity = 1.0
    elif common == min(len(first), len(second)):
        monotonicity = 2.0 / 3.0
    elif common > 0:
        monotonicity = 1.0 / 3.0
    else:
        monotonicity = 0.0
    return 1.0 - common / union * monotonicity


def set_distance_matrix(
    sets: Sequence[frozenset[Hashable]], distance: SetDistance
) -> npt.NDArray[np.float64]:
    """Return the pairwise MASI or Jaccard distances between sets of codes."""
    if distance not in SET_DISTANCES:
        raise ValueError(f"distance must be one of {list(SET_DISTANCES)}, got {distance!r}")
    vocabulary = {code: index for index, code in enumerate({c for s in sets for c in s})}
    member = np.zeros((len(sets), len(vocabulary)), dtype=np.float64)
    for row, labels in enumerate(sets):
        member[row, [vocabulary[code] for code in labels]] = 1.0
    common = member @ member.T
    size = member.sum(axis=1)
    union = size[:, None] + size[None, :] - common
    similarity = np.divide(common, union, out=np.ones_like(common), where=union > 0)
    if distance == "jaccard":
        return 1.0 - similarity
    smaller = np.minimum(size[:, None], size[None, :])
    larger = np.maximum(size[:, None], size[None, :])
    monotonicity = np.select(
        [(common == smaller) & (common == larger), common == smaller, common > 0],
        [1.0, 2.0 / 3.0, 1.0 / 3.0],
        default=0.0,
    )
    return 1.0 - similarity * monotonicity
