"""The vectorised bootstrap: each resample's alpha equals the krippendorff package on it."""

import krippendorff
import numpy as np
import pytest

from coding import as_ratings, krippendorff_alpha
from coding.bootstrap import index_weights, resample_indices
from coding.krippendorff import alpha_resamples, pairable_counts

pytestmark = pytest.mark.filterwarnings("ignore::coding.AgreementWarning")


def noisy_ratings(n_items: int, n_raters: int, seed: int, missing: float) -> np.ndarray:
    """Return items x raters ratings 1-5 with agreement around a true value and NaN gaps."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 6, size=n_items)
    ratings = np.clip(truth[:, None] + rng.integers(-1, 2, size=(n_items, n_raters)), 1, 5)
    return np.where(rng.random((n_items, n_raters)) < missing, np.nan, ratings.astype(float))


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_each_resample_equals_the_package_on_the_resampled_items(level: str) -> None:
    """Vectorised alphas of 40 resamples equal krippendorff.alpha on the same resamples."""
    data = noisy_ratings(60, 4, seed=1, missing=0.3)
    ratings = as_ratings(data)
    parts = pairable_counts(ratings, level)
    pairable = data[(~np.isnan(data)).sum(axis=1) >= 2]
    indices = next(resample_indices(parts.n_items, 40, random_state=7))
    ours = alpha_resamples(parts, indices)
    for row, drawn in enumerate(indices):
        expected = krippendorff.alpha(
            reliability_data=pairable[drawn].T, level_of_measurement=level
        )
        assert ours[row] == pytest.approx(expected, abs=1e-10)


def test_resampling_does_not_depend_on_chunk_size() -> None:
    """Chunks of resamples concatenate to the same draws whatever the chunk size."""
    whole = np.concatenate(list(resample_indices(50, 30, 3, max_cells=10_000)))
    small = np.concatenate(list(resample_indices(50, 30, 3, max_cells=50 * 7)))
    assert np.array_equal(whole, small)
    assert index_weights(whole, 50).sum(axis=1).tolist() == [50.0] * 30


def test_interval_is_reproducible_with_a_seed() -> None:
    """The same random_state gives the same interval; another seed a different one."""
    data = noisy_ratings(80, 3, seed=2, missing=0.1)
    first = krippendorff_alpha(data, random_state=11)
    again = krippendorff_alpha(data, random_state=11)
    other = krippendorff_alpha(data, random_state=12)
    assert (first.ci_low, first.ci_high) == (again.ci_low, again.ci_high)
    assert (first.ci_low, first.ci_high) != (other.ci_low, other.ci_high)
    assert first.ci_method == "bootstrap_percentile"
    assert first.ci_low < first.estimate < first.ci_high


def test_interval_matches_a_loop_over_the_package() -> None:
    """The percentile interval equals the one from 200 package calls on the same resamples."""
    data = noisy_ratings(40, 3, seed=4, missing=0.2)
    pairable = data[(~np.isnan(data)).sum(axis=1) >= 2]
    indices = np.concatenate(list(resample_indices(len(pairable), 200, 5)))
    looped = np.array(
        [
            krippendorff.alpha(reliability_data=pairable[drawn].T, level_of_measurement="ordinal")
            for drawn in indices
        ]
    )
    result = krippendorff_alpha(data, level="ordinal", n_boot=200, random_state=5)
    low, high = np.quantile(looped, [0.025, 0.975])
    assert result.ci_low == pytest.approx(low, abs=1e-10)
    assert result.ci_high == pytest.approx(min(high, 1.0), abs=1e-10)


def test_bad_bootstrap_arguments_are_refused() -> None:
    """n_boot must be positive and confidence inside (0, 1)."""
    data = noisy_ratings(20, 2, seed=0, missing=0.0)
    with pytest.raises(ValueError, match="n_boot"):
        krippendorff_alpha(data, n_boot=0)
    with pytest.raises(ValueError, match="confidence"):
        krippendorff_alpha(data, confidence=95)
