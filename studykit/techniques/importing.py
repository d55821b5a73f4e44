"""`studykit import runs`: per-run result files (or long tables) into `technique_runs`."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd
from sqlalchemy import delete, func, select

from coding.run_results import Reduction, RunResults, read_long_runs, read_run_files
from studykit.clock import now_iso
from studykit.db import insert, schema
from studykit.errors import InputError
from studykit.manifest import Manifest
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


@dataclass(frozen=True)
class RunSource:
    """What `import runs` reads and how: the command's options over the manifest's [techniques]."""

    paths: list[Path]
    pattern: str | None
    reduction: Reduction | None
    columns: dict[str, str]
    sheet: str | None
    higher_is_better: bool
    metric: str


def _reduction(value: str | None, at_max: str | None, at_min: str | None) -> Reduction | None:
    if at_max is not None and at_min is not None:
        raise InputError("give --at-max or --at-min, not both")
    pick: Literal["max", "min"] = "max" if at_max is not None else "min"
    at = at_max if at_max is not None else at_min
    if at is not None and value is None:
        raise InputError(f"--at-{pick} needs --value COLUMN (the value taken at that row)")
    return Reduction(value, at, pick) if value is not None else None


def _manifest_paths(manifest: Manifest) -> list[Path]:
    """[techniques] runs on disk, relative to the working folder when they can be (so that the
    paths stored and matched do not depend on where the study sits)."""
    paths = []
    for written in manifest.techniques.runs:
        path = manifest.resolve(written)
        if not path.exists():
            raise InputError(
                f"{manifest.path}: [techniques] runs = {written!r}: no such file or folder ({path})"
            )
        try:
            paths.append(Path(os.path.relpath(path)))
        except ValueError:  # another drive than the working folder's
            paths.append(path)
    return paths


def run_source(
    manifest: Manifest,
    files: Sequence[Path],
    *,
    better: str | None = None,
    metric: str | None = None,
    pattern: str | None = None,
    value: str | None = None,
    at_max: str | None = None,
    at_min: str | None = None,
    columns: Sequence[str] = (),
    sheet: str | None = None,
) -> RunSource:
    """The command's files and options, each falling back on [techniques]; --pattern or
    --columns on the command line replace the manifest's way of reading (pattern, columns,
    at_max/at_min) as a whole."""
    section = manifest.techniques
    mapping = parse_columns(columns)
    if value is not None and mapping.get("value", value) != value:
        raise InputError("name the value column once: --value or --columns value=COLUMN")
    if pattern is None and not mapping:
        pattern, mapping = section.pattern, dict(section.columns)
        if at_max is None and at_min is None:
            at_max, at_min = section.at_max, section.at_min
        if value is not None and mapping:  # --value overrides the manifest's columns' value
            mapping["value"] = value
    reduction = _reduction(value or section.value, at_max, at_min)
    if pattern is not None and reduction is None:
        raise InputError(
            "per-run files need the column that holds the run's value: --value COLUMN "
            "or [techniques] value"
        )
    chosen = better or section.better
    if chosen is None:
        raise InputError(
            "say whether a higher or a lower value is better: --better higher|lower "
            "or [techniques] better"
        )
    paths = list(files) or _manifest_paths(manifest)
    if not paths:
        raise InputError("name the run files or folders to import, or [techniques] runs")
    # an explicit --value names its own metric; [techniques] metric names the manifest's one
    name = metric or (value if value is not None else section.metric)
    name = name or (reduction.column if reduction else mapping.get("value", "value"))
    return RunSource(
        paths, pattern, reduction, mapping, sheet or section.sheet, chosen == "higher", name
    )


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
