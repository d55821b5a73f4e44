"""`studykit screen simulate`: replay a study's fully screened dimension, write table and figure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.figures.recall_curves import plot_recall_curves
from analysis.figures.save import save_figure
from analysis.screening.report import simulation_table
from analysis.screening.simulation import Simulation, simulate
from analysis.table_writers import to_csv, to_markdown
from studykit.db import Database
from studykit.db.reads import consensus_labels
from studykit.errors import InputError
from studykit.screening.decisions import relevance
from studykit.screening.feature_cache import cached_text_features
from studykit.screening.texts import item_texts


@dataclass(frozen=True)
class SimulationReport:
    """A simulation, its table, the codes taken as relevant and the files written."""

    simulation: Simulation
    table: pd.DataFrame
    relevant_codes: list[str]
    written: list[Path]


def simulate_study(
    db: Database,
    dimension: str,
    *,
    relevant: Sequence[str] = (),
    model: str = "lr",
    seeds: int = 15,
    prior: tuple[int, int] = (1, 10),
    batch: int = 1,
    output: Path | None = None,
    progress: Callable[[], None] | None = None,
    cache: Path | None = None,
) -> SimulationReport:
    """Simulate screening the items with a consensus label in `dimension`; write the results
    (with `cache`, the text features are kept in that folder between calls)."""
    if seeds < 1:
        raise InputError(f"--seeds must be at least 1, got {seeds}")
    labels, codes = relevance(consensus_labels(db), dimension, relevant)
    data = labels.merge(item_texts(db), on="item_id", how="left")
    try:
        result = simulate(
            cached_text_features(data["text"].fillna("").tolist(), cache),
            data["relevant"].to_numpy(),
            model=model,
            seeds=range(seeds),
            prior_relevant=prior[0],
            prior_irrelevant=prior[1],
            batch=batch,
            progress=progress,
        )
    except ValueError as exc:
        raise InputError(f"dimension {dimension!r}: {exc}") from None
    table = simulation_table(result)
    written: list[Path] = []
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        base = output / f"screening-{dimension}-{model}"
        table_file = output / f"{base.name}.md"
        runs_file = output / f"{base.name}-runs.csv"
        to_markdown(table, path=table_file)
        to_csv(result.runs, path=runs_file)
        written += [table_file, runs_file]
        fig = plot_recall_curves(
            result.curves,
            title=f"{dimension}: {model} order vs random, {result.records:,} records, "
            f"{result.relevant} relevant",
        )
        written += save_figure(fig, base)
    return SimulationReport(result, table, codes, written)
