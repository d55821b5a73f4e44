"""The stored runs of one metric, as the analysis stage takes them."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select

from studykit.db import Database, schema
from studykit.errors import StudykitError


@dataclass(frozen=True)
class StoredRuns:
    """One metric's runs (technique, subject, run, factors..., value) and its direction."""

    metric: str
    higher_is_better: bool
    frame: pd.DataFrame
    factors: tuple[str, ...]

    @property
    def groups(self) -> tuple[str, ...]:
        """What a subject is: the subject and any further factors."""
        return ("subject", *self.factors)


def stored_metrics(db: Database) -> list[str]:
    """The metrics the study holds runs of."""
    table = schema.technique_runs
    with db.begin() as conn:
        return list(
            conn.execute(select(table.c.metric).distinct().order_by(table.c.metric)).scalars()
        )


def stored_runs(db: Database, metric: str | None = None) -> StoredRuns:
    """The runs of `metric` (default: the only one stored); an error says what there is."""
    metrics = stored_metrics(db)
    if not metrics:
        raise StudykitError("the study holds no runs: import them with `studykit import runs`")
    if metric is None:
        if len(metrics) > 1:
            raise StudykitError(
                f"the study holds runs of several metrics ({', '.join(metrics)}): name one with "
                "--metric or [techniques] metric"
            )
        metric = metrics[0]
    elif metric not in metrics:
        raise StudykitError(f"no runs of metric {metric!r}; the study has {', '.join(metrics)}")
    table = schema.technique_runs
    with db.begin() as conn:
        rows = conn.execute(
            select(
                table.c.technique,
                table.c.subject,
                table.c.factors,
                table.c.run,
                table.c.value,
                table.c.higher_is_better,
            )
            .where(table.c.metric == metric)
            .order_by(table.c.technique, table.c.subject, table.c.factors, table.c.run)
        ).all()
    frame = pd.DataFrame(
        rows, columns=["technique", "subject", "factors", "run", "value", "higher_is_better"]
    )
    factors = pd.DataFrame([json.loads(text) for text in frame["factors"]], index=frame.index)
    names = tuple(sorted(factors.columns))
    runs = pd.concat([frame.drop(columns=["factors", "higher_is_better"]), factors], axis=1)
    runs["run"] = _natural(runs["run"])
    return StoredRuns(metric, bool(frame["higher_is_better"].iloc[0]), runs, names)


def _natural(runs: pd.Series) -> pd.Series:
    """Run ids as numbers when they all are (so that run 10 sorts after run 9)."""
    numbers = pd.to_numeric(runs, errors="coerce")
    if numbers.notna().all() and (numbers % 1 == 0).all():
        return numbers.astype("int64")
    return runs
