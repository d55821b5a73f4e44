"""Active learning: rank the unscreened records by a model trained on the decisions so far."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from analysis.screening.models import make_model, relevance_scores


@dataclass(frozen=True)
class Ranking:
    """Unscreened records best first, their scores, and whether a model ranked them."""

    order: npt.NDArray[np.int64]
    scores: npt.NDArray[np.float64]
    by_model: bool


def rank_unscreened(
    features: object,
    screened: npt.ArrayLike,
    decisions: npt.ArrayLike,
    *,
    model: str = "lr",
    seed: int = 0,
) -> Ranking:
    """Rank the rows not in `screened` by a model fitted on (screened, decisions 0/1).

    While the decisions hold only one class no model can be trained: the rows come in a
    seeded random order and `by_model` is False. Ties keep row order (a stable sort).
    """
    n = features.shape[0]  # type: ignore[attr-defined]
    done = np.asarray(screened, dtype=np.int64)
    labels = np.asarray(decisions, dtype=np.int64)
    if done.shape != labels.shape:
        raise ValueError("screened and decisions must be of the same length")
    mask = np.ones(n, dtype=bool)
    mask[done] = False
    pool = np.flatnonzero(mask)
    if len(np.unique(labels)) < 2:
        rng = np.random.default_rng(seed)
        order = rng.permutation(pool)
        return Ranking(order, np.full(order.size, np.nan), by_model=False)
    fitted = make_model(model, seed).fit(features[done], labels)  # type: ignore[index]
    # every row scored at once, then the pool's taken: cheaper than copying the pool's rows
    scores = relevance_scores(fitted, features)[pool]
    best_first = np.argsort(-scores, kind="stable")
    return Ranking(pool[best_first], scores[best_first], by_model=True)
