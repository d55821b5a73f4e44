"""Benchmark Krippendorff's alpha against the `krippendorff` package (run on demand).

    .venv/bin/python benchmarks/bench_agreement.py [--quick]

1. Point estimate, nominal, 20 raters x 100,000 items, 10% missing: studykit's
   krippendorff_alpha (from the items x raters array) vs krippendorff.alpha (raters x items).
2. 95% bootstrap interval, 1,000 resamples of 3 raters x 2,000 items (ordinal and nominal):
   studykit's vectorised bootstrap vs a loop calling krippendorff.alpha on each resample (the
   same resamples, so the intervals must match). --quick times the loop on 50 resamples and
   extrapolates to 1,000.
Times are the best of several runs (wall clock, seconds).
"""

import argparse
import time
from collections.abc import Callable

import krippendorff
import numpy as np

from coding import as_ratings, krippendorff_alpha
from coding.bootstrap import resample_weights
from coding.krippendorff import distinct_items, pairable_counts

SEED = 20240601


def best_of(runs: int, work: Callable[[], object]) -> float:
    """Return the shortest wall-clock time of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def ratings(n_items: int, n_raters: int, missing: float, seed: int) -> np.ndarray:
    """Return items x raters codes 1-5 that mostly agree, with NaN for missing."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 6, size=n_items)
    noisy = rng.random((n_items, n_raters)) < 0.35
    values = np.where(noisy, rng.integers(1, 6, size=(n_items, n_raters)), truth[:, None])
    return np.where(rng.random((n_items, n_raters)) < missing, np.nan, values.astype(float))


def point_estimate() -> list[tuple[str, float, str]]:
    """Time the nominal point estimate on 20 raters x 100,000 items."""
    data = ratings(100_000, 20, missing=0.10, seed=SEED)
    transposed = np.ascontiguousarray(data.T)
    ours = krippendorff_alpha(data, confidence=None).estimate
    theirs = krippendorff.alpha(reliability_data=transposed, level_of_measurement="nominal")
    assert abs(ours - theirs) < 1e-10, (ours, theirs)
    ours_time = best_of(5, lambda: krippendorff_alpha(data, confidence=None))
    theirs_time = best_of(
        5, lambda: krippendorff.alpha(reliability_data=transposed, level_of_measurement="nominal")
    )
    label = "alpha nominal, 20 raters x 100,000 items"
    return [
        (f"{label}: studykit", ours_time, f"alpha = {ours:.6f}"),
        (f"{label}: krippendorff", theirs_time, f"alpha = {theirs:.6f}"),
    ]


def bootstrap(level: str, n_loop: int) -> list[tuple[str, float, str]]:
    """Time a 1,000-resample percentile interval on 3 raters x 2,000 items."""
    n_boot = 1000
    data = ratings(2000, 3, missing=0.05, seed=SEED + 1)
    pairable = data[(~np.isnan(data)).sum(axis=1) >= 2]
    result = krippendorff_alpha(data, level=level, n_boot=n_boot, random_state=SEED)
    ours_time = best_of(
        3, lambda: krippendorff_alpha(data, level=level, n_boot=n_boot, random_state=SEED)
    )
    parts = pairable_counts(as_ratings(data), level)
    _, frequency = distinct_items(parts)
    _, first = np.unique(parts.counts, axis=0, return_index=True)
    weights = np.concatenate(list(resample_weights(frequency, n_boot, SEED)))

    def loop(count: int) -> np.ndarray:
        """Call the package on the first ``count`` resamples, each expanded to its items."""
        return np.array(
            [
                krippendorff.alpha(
                    reliability_data=np.repeat(pairable[first], drawn.astype(int), axis=0).T,
                    level_of_measurement=level,
                )
                for drawn in weights[:count]
            ]
        )

    start = time.perf_counter()
    looped = loop(n_loop)
    loop_time = (time.perf_counter() - start) * n_boot / n_loop
    how = "measured" if n_loop == n_boot else f"{n_loop} resamples x {n_boot // n_loop}"
    label = f"95% CI {level}, 1,000 resamples, 3 x 2,000"
    rows = [
        (f"{label}: studykit vectorised", ours_time, f"[{result.ci_low:.4f}, {result.ci_high:.4f}]")
    ]
    if n_loop == n_boot:
        low, high = np.quantile(looped, [0.025, 0.975])
        assert abs(low - result.ci_low) < 1e-10 and abs(min(high, 1.0) - result.ci_high) < 1e-10
        rows.append((f"{label}: krippendorff loop", loop_time, f"[{low:.4f}, {high:.4f}] ({how})"))
    else:
        rows.append((f"{label}: krippendorff loop", loop_time, f"extrapolated ({how})"))
    return rows


def main() -> None:
    """Run the benchmarks and print a table of seconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="time the package loop on 50")
    arguments = parser.parse_args()
    n_loop = 50 if arguments.quick else 1000
    rows = point_estimate() + bootstrap("ordinal", n_loop) + bootstrap("nominal", n_loop)
    width = max(len(name) for name, _, _ in rows)
    print(f"{'benchmark':<{width}}  {'seconds':>9}  result")
    for name, seconds, result in rows:
        print(f"{name:<{width}}  {seconds:9.4f}  {result}")


if __name__ == "__main__":
    main()
