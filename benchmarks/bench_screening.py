"""Benchmark assisted screening (run on demand, never as a timed test).

    .venv/bin/python benchmarks/bench_screening.py [--sizes 10000,100000] [--simulation 2000]

1. Retrain and re-rank: synthetic issue-length texts (about 120 words), 10% of them decided
   (10% of those relevant); the features are built once (timed apart), then the model is
   fitted on the decisions and every undecided item is scored and ranked, as `screen next`
   does after each decision. Seconds (best of 3) and, in a further run, peak memory
   (tracemalloc: the Python heap and NumPy/SciPy buffers). The features are built through
   the feature cache (build + hash + write), then read back from it as the next `screen next`
   does (hash every text + load + check; best of 3), with the cache file's size.
2. A full 15-seed simulation (lr, priors 1 + 10, retrained after every decision) on 2,000
   synthetic items, 5% relevant: wall-clock seconds.
"""

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

from analysis.screening.active import rank_unscreened
from analysis.screening.features import text_features
from analysis.screening.simulation import simulate
from studykit.screening.feature_cache import cached_text_features

VOCABULARY = [f"w{i}" for i in range(5000)]
SIGNAL = ["crash", "nan", "loss", "shape", "mismatch", "cuda", "error", "traceback"]


def synthetic(n: int, relevant_share: float, seed: int = 0) -> tuple[list[str], np.ndarray]:
    """n texts of ~120 words; relevant ones carry a few signal words."""
    rng = np.random.default_rng(seed)
    labels = (rng.random(n) < relevant_share).astype(int)
    texts = []
    for label in labels:
        words = list(rng.choice(VOCABULARY, 120))
        if label:
            words[:4] = rng.choice(SIGNAL, 4)
        texts.append(" ".join(words))
    return texts, labels


def retrain(n: int) -> None:
    """Time features once (built into the cache, then read from it), then fit + rank."""
    texts, labels = synthetic(n, 0.1)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        features = cached_text_features(texts, Path(folder))
        built = time.perf_counter() - start
        loads = []
        for _ in range(3):
            start = time.perf_counter()
            cached_text_features(texts, Path(folder))
            loads.append(time.perf_counter() - start)
        size = sum(f.stat().st_size for f in Path(folder).glob("features-*.npz"))
    decided = np.arange(n // 10)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        rank_unscreened(features, decided, labels[decided], model="lr")
        times.append(time.perf_counter() - start)
    tracemalloc.start()  # a separate run: tracing slows every allocation
    rank_unscreened(features, decided, labels[decided], model="lr")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"{n:>7,} items: features {built:.1f} s ({features.shape[1]:,} columns), from the "
        f"cache {min(loads):.2f} s ({size / 2**20:.0f} MiB); retrain on "
        f"{len(decided):,} decisions + rank {n - len(decided):,}: {min(times):.2f} s, "
        f"peak {peak / 2**20:.0f} MiB",
        flush=True,
    )


def simulation(n: int, seeds: int) -> None:
    """Time a full simulation."""
    texts, labels = synthetic(n, 0.05, seed=1)
    features = text_features(texts)
    start = time.perf_counter()
    result = simulate(features, labels, model="lr", seeds=range(seeds))
    seconds = time.perf_counter() - start
    wss = result.summary().set_index("method").loc["lr", "wss95_mean"]
    print(f"simulation, {n:,} items, {seeds} seeds: {seconds:.0f} s (WSS@95 {wss:.3f})")


def main() -> None:
    """Run the benchmarks named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--simulation", type=int, default=2000)
    parser.add_argument("--seeds", type=int, default=15)
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",") if s):
        retrain(n)
    if args.simulation:
        simulation(args.simulation, args.seeds)


if __name__ == "__main__":
    main()
