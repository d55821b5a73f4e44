"""Item resampling for bootstrap intervals, drawn in memory-bounded chunks.

A chunk holds as many resamples as fit ``max_cells`` cells of the larger of ``n_items`` and
``cells_per_resample`` (the caller's per-resample work arrays); the draws themselves do not
depend on the chunk size, so results are the same whatever the memory bound.
"""

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

RandomState = int | np.random.Generator | None

_MAX_CELLS = 1 << 22


def resample_indices(
    n_items: int,
    n_boot: int,
    random_state: RandomState,
    *,
    cells_per_resample: int = 0,
    max_cells: int = _MAX_CELLS,
) -> Iterator[npt.NDArray[np.int64]]:
    """Yield chunks of resamples, each row the item indices drawn with replacement."""
    if n_items < 1:
        raise ValueError("the bootstrap needs at least one item")
    if n_boot < 1:
        raise ValueError(f"n_boot must be a positive integer, got {n_boot}")
    rng = np.random.default_rng(random_state)
    chunk = max(1, min(n_boot, max_cells // max(n_items, cells_per_resample)))
    for start in range(0, n_boot, chunk):
        size = min(chunk, n_boot - start)
        yield rng.integers(0, n_items, size=(size, n_items), dtype=np.int64)


def index_weights(indices: npt.NDArray[np.int64], n_items: int) -> npt.NDArray[np.float64]:
    """Return how often each item occurs in each resample (rows of ``indices``)."""
    n_resamples = indices.shape[0]
    offsets = np.arange(n_resamples, dtype=np.int64)[:, None] * n_items
    counts = np.bincount((indices + offsets).ravel(), minlength=n_resamples * n_items)
    return counts.reshape(n_resamples, n_items).astype(np.float64)
