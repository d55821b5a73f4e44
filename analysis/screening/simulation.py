"""ASReview's simulation protocol: replay a fully screened dataset in the order a model picks.

Each run starts from prior knowledge (`prior_relevant` relevant and `prior_irrelevant`
irrelevant records drawn with the run's seed), then retrains after every `batch` decisions
and reads the records the model ranks highest, until every relevant record is found (the
rest, all irrelevant, follow in row order: no metric depends on their order). The random
baseline reads the same non-prior records in a seeded random order. Metrics leave the prior
records out, as ASReview Insights does by default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from analysis.screening.active import rank_unscreened
from analysis.screening.metrics import recall_curve, screening_metrics


@dataclass(frozen=True)
class Run:
    """One simulated reading: the method, the seed, the prior rows and the order read."""

    method: str
    seed: int
    priors: npt.NDArray[np.int64]
    order: npt.NDArray[np.int64]


def draw_priors(
    labels: npt.NDArray[np.int64], prior_relevant: int, prior_irrelevant: int, seed: int
) -> npt.NDArray[np.int64]:
    """The prior rows of a run: seeded draws of relevant and irrelevant records."""
    relevant = np.flatnonzero(labels == 1)
    irrelevant = np.flatnonzero(labels == 0)
    if prior_relevant < 1 or prior_irrelevant < 1:
        raise ValueError("the prior knowledge needs at least 1 relevant and 1 irrelevant record")
    if relevant.size <= prior_relevant:
        raise ValueError(
            f"{relevant.size} relevant records: too few for {prior_relevant} prior relevant "
            "ones and at least one left to find"
        )
    if irrelevant.size < prior_irrelevant:
        raise ValueError(
            f"{irrelevant.size} irrelevant records: fewer than {prior_irrelevant} priors"
        )
    rng = np.random.default_rng(seed)
    return np.concatenate(
        [
            rng.choice(relevant, prior_relevant, replace=False),
            rng.choice(irrelevant, prior_irrelevant, replace=False),
        ]
    ).astype(np.int64)


def model_run(
    features: object,
    labels: npt.ArrayLike,
    *,
    model: str = "lr",
    seed: int = 0,
    prior_relevant: int = 1,
    prior_irrelevant: int = 10,
    batch: int = 1,
) -> Run:
    """One active-learning run: the order in which the model has the records read."""
    y = np.asarray(labels, dtype=np.int64)
    if batch < 1:
        raise ValueError(f"batch must be at least 1, got {batch}")
    priors = draw_priors(y, prior_relevant, prior_irrelevant, seed)
    screened = list(priors)
    to_find = int(y.sum()) - int(y[priors].sum())
    read: list[int] = []
    while to_find > 0:
        ranking = rank_unscreened(features, screened, y[screened], model=model, seed=seed)
        taken = ranking.order[:batch]
        read.extend(int(i) for i in taken)
        screened.extend(int(i) for i in taken)
        to_find -= int(y[taken].sum())
    rest = np.setdiff1d(np.arange(y.size), np.asarray(screened, dtype=np.int64))
    return Run(model, seed, priors, np.concatenate([np.asarray(read, dtype=np.int64), rest]))


def random_run(
    labels: npt.ArrayLike, *, seed: int = 0, prior_relevant: int = 1, prior_irrelevant: int = 10
) -> Run:
    """The random baseline: the same priors, the other records in a seeded random order."""
    y = np.asarray(labels, dtype=np.int64)
    priors = draw_priors(y, prior_relevant, prior_irrelevant, seed)
    rest = np.setdiff1d(np.arange(y.size), priors)
    rng = np.random.default_rng([seed, 1])
    return Run("random", seed, priors, rng.permutation(rest).astype(np.int64))


@dataclass(frozen=True)
class Simulation:
    """Every run's metrics (one row per method and seed) and the recall curves."""

    runs: pd.DataFrame
    curves: pd.DataFrame
    records: int
    relevant: int
    model: str
    prior_relevant: int
    prior_irrelevant: int

    def summary(self) -> pd.DataFrame:
        """Mean, standard deviation, minimum and maximum of each metric per method."""
        metrics = ["wss95", "rrf10", "atd", "records_to_95"]
        grouped = self.runs.groupby("method", sort=False)[metrics]
        rows = []
        for method, frame in grouped:
            row: dict[str, object] = {"method": method, "seeds": len(frame)}
            for metric in metrics:
                row[f"{metric}_mean"] = float(frame[metric].mean())
                row[f"{metric}_sd"] = float(frame[metric].std(ddof=1)) if len(frame) > 1 else 0.0
                row[f"{metric}_min"] = float(frame[metric].min())
                row[f"{metric}_max"] = float(frame[metric].max())
            rows.append(row)
        return pd.DataFrame(rows)


def simulate(
    features: object,
    labels: npt.ArrayLike,
    *,
    model: str = "lr",
    seeds: Sequence[int] = tuple(range(15)),
    prior_relevant: int = 1,
    prior_irrelevant: int = 10,
    batch: int = 1,
    progress: object = None,
) -> Simulation:
    """Model runs and random runs over `seeds`: per-run metrics and recall curves."""
    y = np.asarray(labels, dtype=np.int64)
    if not np.isin(y, (0, 1)).all():
        raise ValueError("labels must be 0 (irrelevant) or 1 (relevant)")
    if len(seeds) == 0:
        raise ValueError("no seeds: give at least one")
    if features.shape[0] != y.size:  # type: ignore[attr-defined]
        raise ValueError("features and labels hold different numbers of records")
    runs: list[Run] = []
    for seed in seeds:
        runs.append(
            model_run(
                features,
                y,
                model=model,
                seed=seed,
                prior_relevant=prior_relevant,
                prior_irrelevant=prior_irrelevant,
                batch=batch,
            )
        )
        runs.append(
            random_run(
                y, seed=seed, prior_relevant=prior_relevant, prior_irrelevant=prior_irrelevant
            )
        )
        if callable(progress):
            progress()
    rows, curves = [], []
    for run in runs:
        read = y[run.order]
        found = screening_metrics(read)
        rows.append({"method": run.method, "seed": run.seed, **found.__dict__})
        curves.append(
            pd.DataFrame(
                {
                    "method": run.method,
                    "seed": run.seed,
                    "read": np.arange(1, read.size + 1),
                    "recall": recall_curve(read),
                }
            )
        )
    frame = pd.DataFrame(rows)
    frame["method"] = pd.Categorical(frame["method"], [model, "random"])
    frame = frame.sort_values(["method", "seed"], ignore_index=True)
    frame["method"] = frame["method"].astype(str)
    return Simulation(
        runs=frame,
        curves=pd.concat(curves, ignore_index=True),
        records=int(y.size) - prior_relevant - prior_irrelevant,
        relevant=int(y.sum()) - prior_relevant,
        model=model,
        prior_relevant=prior_relevant,
        prior_irrelevant=prior_irrelevant,
    )
