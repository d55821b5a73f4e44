"""`studykit import runs`: per-run result files (or long tables) into `technique_runs`."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import delete, func, select

from coding.run_results import Reduction, RunResults, read_long_runs, read_run_files
from studykit.clock import now_iso
from studykit.db import insert, schema
from studykit.errors import InputError
from studykit.study import Study

COLUMN_KEYS = ("technique", "subject", "run", "value")


@dataclass(frozen=True)
class RunImport:
    """What an import of runs stored, and what it did to get there."""

    metric: str
    runs: int
    techniques: list[str]
    subjects: int
    factors: list[str]
    replaced: int
    notes: list[str] = field(default_factory=list)


def parse_columns(pairs: Sequence[str]) -> dict[str, str]:
    """--columns KEY=COLUMN pairs as a mapping; refuses a pair without '=' or a repeated key."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        key, sep, column = pair.partition("=")
        key, column = key.strip(), column.strip()
        if not sep or not key or not column:
            raise InputError(f"--columns {pair!r}: write KEY=COLUMN, e.g. value=Accuracy")
        if key in mapping:
            raise InputError(f"--columns names {key!r} twice")
        mapping[key] = column
    return mapping


def read_runs(
    paths: Sequence[Path],
    *,
    pattern: str | None,
    reduction: Reduction | None,
    columns: Mapping[str, str],
    sheet: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunResults:
    """Per-run files with a pattern and a reduction, or long tables with `columns`;
    `progress(done, total)` follows the per-run files read."""
    if not paths:
        raise InputError("name the run files or folders to import")
    if pattern is not None:
        if reduction is None:
            raise InputError("--pattern needs --value COLUMN (one value per file)")
        if columns:
            raise InputError("--columns is for long tables; with --pattern the path gives them")
        return read_run_files(paths, pattern, reduction, sheet=sheet, progress=progress)
    if reduction is not None and reduction.at is not None:
        raise InputError("--at-max/--at-min reduce per-run files: give --pattern too")
    folders = [p for p in paths if p.is_dir()]
    if folders:
        raise InputError(f"{folders[0]}: a folder of per-run files needs --pattern")
    mapping = dict(columns)
    if reduction is not None:
        mapping.setdefault("value", reduction.column)
    return read_long_runs(paths, mapping, sheet=sheet)


def _rows(results: RunResults, metric: str, higher: bool) -> list[dict[str, object]]:
    stamp = now_iso()
    rows = []
    for record in results.frame.to_dict("records"):
        factors = {name: str(record[name]) for name in results.factors}
        rows.append(
            {
                "metric": metric,
                "technique": str(record["technique"]),
                "subject": str(record["subject"]),
                "factors": json.dumps(factors, sort_keys=True),
                "run": str(record["run"]),
                "value": float(record["value"]),
                "higher_is_better": higher,
                "source": str(record["source"]),
                "source_row": int(record["row"]),
                "imported_at": stamp,
            }
        )
    return rows


def import_runs(
    study: Study,
    results: RunResults,
    *,
    metric: str,
    higher_is_better: bool,
    replace: bool = False,
) -> RunImport:
    """Store the runs as `metric`; a metric already stored is replaced only with `replace`."""
    table = schema.technique_runs
    with study.db.begin() as conn:
        stored = conn.execute(
            select(func.count()).select_from(table).where(table.c.metric == metric)
        ).scalar_one()
        if stored and not replace:
            raise InputError(
                f"the study already holds {stored} run(s) of metric {metric!r}: "
                "add --replace to replace them, or name another --metric"
            )
        conn.execute(delete(table).where(table.c.metric == metric))
        insert(conn, table, _rows(results, metric, higher_is_better))
    frame: pd.DataFrame = results.frame
    return RunImport(
        metric,
        len(frame),
        sorted(map(str, frame["technique"].unique())),
        int(frame[["subject", *results.factors]].drop_duplicates().shape[0]),
        results.factors,
        int(stored),
        results.notes,
    )
