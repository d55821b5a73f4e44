"""Item resampling for bootstrap intervals, drawn as counts of interchangeable items.

Items whose ratings give the same counts contribute identically to a coefficient, so a resample
of n items drawn with replacement is fully described by how many items of each such group it
holds: a multinomial draw with the groups' shares as probabilities, which is exactly the
distribution the item-by-item bootstrap gives. A draw costs one number per group, not one per
item, so 1,000 resamples of 100,000 items with a few dozen distinct count rows are immediate.
Resamples come in memory-bounded chunks; the draws do not depend on the chunk size.
"""

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

RandomState = int | np.random.Generator | None

_MAX_CELLS = 1 << 22


def resample_weights(
    frequency: npt.NDArray[np.int64],
    n_boot: int,
    random_state: RandomState,
    *,
    cells_per_resample: int = 0,
    max_cells: int = _MAX_CELLS,
) -> Iterator[npt.NDArray[np.float64]]:
    """Yield chunks of resamples, each row how many items of each group a resample drew."""
    n_items = int(frequency.sum())
    if n_items < 1:
        raise ValueError("the bootstrap needs at least one item")
    if n_boot < 1:
        raise ValueError(f"n_boot must be a positive integer, got {n_boot}")
    rng = np.random.default_rng(random_state)
    shares = frequency / n_items
    chunk = max(1, min(n_boot, max_cells // max(len(frequency), cells_per_resample)))
    for start in range(0, n_boot, chunk):
        size = min(chunk, n_boot - start)
        yield rng.multinomial(n_items, shares, size=size).astype(np.float64)
