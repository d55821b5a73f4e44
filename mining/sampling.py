"""Reproducible samples: simple or stratified (proportional allocation), fixed or Cochran size."""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import pandas as pd


def cochran_size(population: int, *, confidence: float = 0.95, margin: float = 0.05) -> int:
    """Cochran's sample size for a proportion (p = 0.5) with finite-population correction."""
    from scipy.stats import norm

    if population < 1:
        raise ValueError("the population is empty: nothing to sample")
    z = norm.ppf(1 - (1 - confidence) / 2)
    n0 = z**2 * 0.25 / margin**2
    return min(population, math.ceil(n0 / (1 + (n0 - 1) / population)))


def allocate(stratum_sizes: pd.Series, size: int) -> pd.Series:
    """Proportional allocation of `size` over strata by the largest-remainder method."""
    total = int(stratum_sizes.sum())
    if not 0 <= size <= total:
        raise ValueError(f"cannot draw {size} from a population of {total}")
    quotas = stratum_sizes * size / total
    counts = np.floor(quotas).astype(int)
    remainder = size - int(counts.sum())
    order = (quotas - counts).sort_values(ascending=False, kind="stable").index
    counts[order[:remainder]] += 1
    return counts


def draw_sample(
    population: pd.DataFrame,
    *,
    size: int | Literal["all", "auto"],
    id_column: str = "id",
    strata: str | None = None,
    seed: int = 0,
    confidence: float = 0.95,
    margin: float = 0.05,
) -> pd.DataFrame:
    """Draw a sample; the same population, size, strata and seed always give the same rows."""
    if id_column not in population.columns:
        raise ValueError(f"population lacks the id column {id_column!r}")
    if strata is not None and strata not in population.columns:
        raise ValueError(f"cannot stratify by {strata!r}: no such column")
    frame = population.sort_values(id_column, kind="stable").reset_index(drop=True)
    if size == "all":
        n = len(frame)
    elif size == "auto":
        n = cochran_size(len(frame), confidence=confidence, margin=margin)
    else:
        n = int(size)
    if n > len(frame):
        raise ValueError(f"sample size {n} exceeds the population of {len(frame)}")
    rng = np.random.default_rng(seed)
    if strata is None:
        chosen = np.sort(rng.choice(len(frame), size=n, replace=False))
        return frame.iloc[chosen].assign(stratum=None).reset_index(drop=True)
    groups = frame.groupby(strata, sort=True).indices
    counts = allocate(pd.Series({k: len(v) for k, v in groups.items()}), n).to_dict()
    picked = [
        np.sort(rng.choice(groups[key], size=int(counts[key]), replace=False)) for key in groups
    ]
    rows = np.sort(np.concatenate(picked)) if picked else np.array([], dtype=int)
    out = frame.iloc[rows].reset_index(drop=True)
    return out.assign(stratum=out[strata].astype(str))
