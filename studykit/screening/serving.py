"""`studykit screen next|status`: serve unscreened items in the model's order, and estimate
what is left; every served item is recorded with whether the model or chance picked it."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import func, select

from analysis.screening.active import rank_unscreened
from analysis.screening.stopping import (
    Remaining,
    StopAdvice,
    remaining_relevant,
    stop_advice,
    trailing_irrelevant,
)
from studykit.clock import now_iso
from studykit.db import Database, schema
from studykit.db.engine import insert
from studykit.errors import InputError
from studykit.screening.decisions import relevance
from studykit.screening.feature_cache import cached_text_features
from studykit.screening.texts import item_texts


def screening_decisions(
    db: Database, dimension: str, relevant: Sequence[str] = ()
) -> tuple[pd.DataFrame, list[str]]:
    """item_id, relevant (0/1): every rater's codings of `dimension` (relevant if any says so)."""
    codings = db.read("codings", columns=["item_id", "dimension", "code"])
    return relevance(codings, dimension, relevant)


@dataclass(frozen=True)
class Served:
    """The items served, best first, and whether a model ranked them."""

    items: pd.DataFrame
    by_model: bool


def serve_next(
    db: Database,
    dimension: str,
    *,
    count: int = 20,
    rater: str | None = None,
    random_share: float = 0.1,
    model: str = "lr",
    relevant: Sequence[str] = (),
    pool: Collection[str] | None = None,
    cache: Path | None = None,
) -> Served:
    """The `count` unscreened items to read next, recorded in screening_served.

    With `pool`, only those items are ranked, trained on and served (e.g. a sheet's sample).
    With `cache`, the text features are kept in that folder between calls.

    The model ranks the unscreened items; a `random_share` of the places go to items drawn at
    random from the rest (at least one when the share is above 0), so that `screen status`
    can estimate the relevant items left. Before both classes are decided, all are random.
    """
    if count < 1:
        raise InputError(f"-n must be at least 1, got {count}")
    if not 0.0 <= random_share <= 1.0:
        raise InputError(f"--random-share must be between 0 and 1, got {random_share}")
    texts = item_texts(db)
    if pool is not None:
        texts = texts[texts["item_id"].isin(set(pool))].reset_index(drop=True)
        if texts.empty:
            raise InputError("no items to serve: the sample is empty")
    decided, _ = _decisions_or_none(db, dimension, relevant)
    position = {item: i for i, item in enumerate(texts["item_id"])}
    decided = decided[decided["item_id"].isin(position)]
    screened = [position[i] for i in decided["item_id"]]
    if len(screened) == len(texts):
        raise InputError(f"every item has a decision in {dimension!r}: nothing left to serve")
    with db.begin() as conn:
        served_before = conn.execute(select(func.count()).select_from(schema.screening_served))
        seed = int(served_before.scalar_one())
    ranking = rank_unscreened(
        cached_text_features(texts["text"].tolist(), cache),
        screened,
        decided["relevant"].to_numpy(dtype=np.int64),
        model=model,
        seed=seed,
    )
    count = min(count, ranking.order.size)
    at_random = 0
    if ranking.by_model and random_share > 0:
        at_random = min(max(1, round(count * random_share)), count)
    picked = list(ranking.order[: count - at_random])
    rest = ranking.order[count - at_random :]
    drawn = np.random.default_rng([seed, 2]).choice(rest, at_random, replace=False)
    scores = dict(zip(ranking.order, ranking.scores, strict=True))
    rows = []
    for rank, index in enumerate([*picked, *drawn], start=1):
        by_model = ranking.by_model and rank <= len(picked)
        score = scores[index]
        rows.append(
            {
                "item_id": texts["item_id"].iloc[index],
                "dimension": dimension,
                "rater": rater,
                "served_by": "model" if by_model else "random",
                "rank": rank,
                "score": None if np.isnan(score) else float(score),
                "model": model if ranking.by_model else None,
                "served_at": now_iso(),
            }
        )
    with db.begin() as conn:
        insert(conn, schema.screening_served, rows)
    items = db.read("items", columns=["id", "title"]).rename(columns={"id": "item_id"})
    frame = pd.DataFrame(rows).merge(items, on="item_id", how="left")
    return Served(
        frame[["rank", "item_id", "served_by", "score", "title"]], by_model=ranking.by_model
    )


def _decisions_or_none(
    db: Database, dimension: str, relevant: Sequence[str]
) -> tuple[pd.DataFrame, list[str]]:
    codings = db.read("codings", columns=["item_id", "dimension", "code"])
    if codings[codings["dimension"] == dimension].empty:
        return pd.DataFrame({"item_id": [], "relevant": []}), []
    return relevance(codings, dimension, relevant)


@dataclass(frozen=True)
class Status:
    """Where screening stands: counts, the estimate of what is left, the stopping advice."""

    items: int
    screened: int
    found: int
    served_model: int
    served_random: int
    remaining: Remaining
    advice: StopAdvice


def screening_status(
    db: Database,
    dimension: str,
    *,
    relevant: Sequence[str] = (),
    run: int = 50,
    target: float = 0.95,
) -> Status:
    """Counts, the random-sample estimate of relevant items left, and whether to stop."""
    decided, _ = screening_decisions(db, dimension, relevant)
    total = len(db.read("items", columns=["id"]))
    served = db.read("screening_served")
    served = served[served["dimension"] == dimension].drop_duplicates("item_id", keep="first")
    joined = served.merge(decided, on="item_id", how="inner").sort_values("id")
    random = joined[joined["served_by"] == "random"]
    model = joined[joined["served_by"] == "model"]
    remaining = remaining_relevant(
        len(random),
        int(random["relevant"].sum()),
        total - len(decided),
        int(decided["relevant"].sum()),
    )
    streak = trailing_irrelevant(model["relevant"].astype(int).tolist())
    return Status(
        items=total,
        screened=len(decided),
        found=int(decided["relevant"].sum()),
        served_model=len(model),
        served_random=len(random),
        remaining=remaining,
        advice=stop_advice(remaining, streak, run=run, target=target),
    )
