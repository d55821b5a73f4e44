"""Labelling sheets and the workspace's queue in the screening model's order: the next
unscreened items of a screening dimension as `studykit screen next` serves them (a share drawn
at random), each recorded in `screening_served` with whether the model or chance picked it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from studykit.db import Database


@dataclass(frozen=True)
class ModelOrder:
    """Serve `count` items of `dimension` by the model (a `random_share` drawn at random);
    the text features kept in `cache` if given."""

    dimension: str
    count: int = 100
    random_share: float = 0.1
    model: str = "lr"
    cache: Path | None = None


def model_queue(
    db: Database, items: Sequence[str], order: ModelOrder, *, rater: str | None = None
) -> list[str]:
    """The ids among `items` the model serves next, in the order served (recorded)."""
    from studykit.screening.serving import serve_next

    served = serve_next(
        db,
        order.dimension,
        count=order.count,
        rater=rater,
        random_share=order.random_share,
        model=order.model,
        pool=items,
        cache=order.cache,
    )
    return served.items["item_id"].tolist()


def model_ordered(
    db: Database, items: pd.DataFrame, order: ModelOrder, *, rater: str
) -> pd.DataFrame:
    """The rows of `items` (column id) the model serves next, in the order served."""
    queue = model_queue(db, items["id"].tolist(), order, rater=rater)
    return items.set_index("id").loc[queue].reset_index()
