"""The vectorised bootstrap: each resample's alpha equals the krippendorff package on it, and
drawing counts of interchangeable items gives the item-by-item bootstrap's interval."""

import krippendorff
import numpy as np
import pytest

from coding import as_ratings, krippendorff_alpha
from coding.bootstrap import resample_weights
from coding.krippendorff import alpha_resamples, distinct_items, pairable_counts

pytestmark = pytest.mark.filterwarnings("ignore::coding.AgreementWarning")


def noisy_ratings(n_items: int, n_raters: int, seed: int, missing: float) -> np.ndarray:
    """Return items x raters ratings 1-5 with agreement around a true value and NaN gaps."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 6, size=n_items)
    ratings = np.clip(truth[:, None] + rng.integers(-1, 2, size=(n_items, n_raters)), 1, 5)
    return np.where(rng.random((n_items, n_raters)) < missing, np.nan, ratings.astype(float))


def resampled(data: np.ndarray, weights: np.ndarray) -> list[np.ndarray]:
    """Each resample as items x raters: every distinct pairable item repeated as drawn."""
    pairable = data[(~np.isnan(data)).sum(axis=1) >= 2]
    parts = pairable_counts(as_ratings(data), "nominal")
    _, first = np.unique(parts.counts, axis=0, return_index=True)
    return [np.repeat(pairable[first], row.astype(int), axis=0) for row in weights]


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_each_resample_equals_the_package_on_the_resampled_items(level: str) -> None:
    """Vectorised alphas of 40 resamples equal krippendorff.alpha on the same resamples."""
    data = noisy_ratings(60, 4, seed=1, missing=0.3)
    distinct, frequency = distinct_items(pairable_counts(as_ratings(data), level))
    weights = next(resample_weights(frequency, 40, random_state=7))
    ours = alpha_resamples(distinct, weights)
    for row, items in enumerate(resampled(data, weights)):
        assert len(items) == frequency.sum()
        expected = krippendorff.alpha(reliability_data=items.T, level_of_measurement=level)
        assert ours[row] == pytest.approx(expected, abs=1e-10)


def test_resampling_does_not_depend_on_chunk_size() -> None:
    """Chunks of resamples concatenate to the same draws whatever the chunk size."""
    frequency = np.array([20, 5, 1, 24])
    whole = np.concatenate(list(resample_weights(frequency, 30, 3, max_cells=10_000)))
    small = np.concatenate(list(resample_weights(frequency, 30, 3, max_cells=4 * 7)))
    assert np.array_equal(whole, small)
    assert whole.sum(axis=1).tolist() == [50.0] * 30


def test_group_counts_give_the_item_by_item_bootstrap_interval() -> None:
    """Items drawn one by one (2,000 package calls) give the same interval within noise."""
    data = noisy_ratings(150, 2, seed=6, missing=0.0)
    rng = np.random.default_rng(0)
    looped = [
        krippendorff.alpha(
            reliability_data=data[rng.integers(0, 150, 150)].T, level_of_measurement="nominal"
        )
        for _ in range(2000)
    ]
    result = krippendorff_alpha(data, level="nominal", n_boot=2000, random_state=1)
    low, high = np.quantile(looped, [0.025, 0.975])
    assert result.ci_low == pytest.approx(low, abs=0.015)
    assert result.ci_high == pytest.approx(high, abs=0.015)


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
    _, frequency = distinct_items(pairable_counts(as_ratings(data), "ordinal"))
    weights = np.concatenate(list(resample_weights(frequency, 200, 5)))
    looped = np.array(
        [
            krippendorff.alpha(reliability_data=items.T, level_of_measurement="ordinal")
            for items in resampled(data, weights)
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
