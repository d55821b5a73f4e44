"""Per-run result files of a benchmark (e.g. one CSV of trials per run, as Ray Tune writes them)
read into one value per run, or a long table of runs, as a DataFrame.

A regular expression with named groups, searched in each file's path, gives the factors:
`technique`, `subject`, `run` and any others (a budget, a dataset). Each file is reduced to one
value by a `Reduction`: a column (which must then hold one value), or a column at the row where
another column is largest or smallest (the test score of the best validation trial).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from coding.errors import CodingInputError, quoted
from coding.tables import Table, read_table

FACTORS = ("technique", "subject", "run")
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")


@dataclass(frozen=True)
class Reduction:
    """One value per file: `column`, or `column` at the row where `at` is max/min (`pick`)."""

    column: str
    at: str | None = None
    pick: Literal["max", "min"] = "max"

    def describe(self) -> str:
        """'test_acc' or 'test_acc at the max of val_acc', for messages and records."""
        return self.column if self.at is None else f"{self.column} at the {self.pick} of {self.at}"


@dataclass
class RunResults:
    """The runs read (technique, subject, run, factors..., value, source, row) and what was done."""

    frame: pd.DataFrame
    factors: list[str]
    notes: list[str] = field(default_factory=list)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """The pattern compiled; refused unless it names the groups technique, subject and run."""
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        message = f"--pattern {quoted(pattern)}: not a regular expression: {exc}"
        raise CodingInputError(message) from None
    missing = [name for name in FACTORS if name not in compiled.groupindex]
    if missing:
        listed = ", ".join(f"(?P<{name}>...)" for name in missing)
        raise CodingInputError(
            f"--pattern {quoted(pattern)}: needs the named group(s) {listed}, e.g. "
            r"'(?P<technique>[^/]+)/(?P<subject>[^/]+)/run_(?P<run>\d+)/trials\.csv$'"
        )
    return compiled


def run_files(paths: Iterable[Path], pattern: re.Pattern[str]) -> tuple[list[Path], list[str]]:
    """The files to read: named files (each must match), and files under named folders that
    match (the others are left out and counted in the notes)."""
    chosen: list[Path] = []
    skipped = 0
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file())
            matching = [p for p in found if pattern.search(p.as_posix())]
            skipped += len(found) - len(matching)
            chosen += matching
        elif not path.is_file():
            raise CodingInputError(f"{path}: no such file or folder")
        elif not pattern.search(path.as_posix()):
            raise CodingInputError(
                f"{path}: the --pattern {quoted(pattern.pattern)} does not match this path"
            )
        else:
            chosen.append(path)
    if not chosen:
        raise CodingInputError(f"no file matches the --pattern {quoted(pattern.pattern)}")
    notes = [f"{skipped} file(s) in the folders do not match the pattern and were left out"]
    return sorted(set(chosen)), notes if skipped else []


def number(text: str | None, where: str) -> float:
    """A cell as a finite number; an error names the cell."""
    if text is None or not text.strip():
        raise CodingInputError(f"{where}: empty, expected a number")
    try:
        value = float(text.strip())
    except ValueError:
        raise CodingInputError(f"{where}: {quoted(text)} is not a number") from None
    if not math.isfinite(value):
        raise CodingInputError(f"{where}: {quoted(text)} is not a finite number")
    return value


def reduce_table(table: Table, reduction: Reduction) -> tuple[float, int, int]:
    """The file's value, the row it came from, and how many rows tied for the best `at`."""
    value_column = table.column(reduction.column, loose=False)
    if reduction.at is None:
        filled = [i for i in range(len(table.frame)) if table.cell(i, value_column) is not None]
        if len(filled) != 1:
            raise CodingInputError(
                f"{table.source}: column {table.label(value_column)} has {len(filled)} values; "
                "name a row by its best --at-max or --at-min column"
            )
        at = filled[0]
        return (
            number(table.cell(at, value_column), table.where(at, value_column)),
            table.rows[at],
            0,
        )
    key_column = table.column(reduction.at, loose=False)
    keys = {
        i: number(table.cell(i, key_column), table.where(i, key_column))
        for i in range(len(table.frame))
        if table.cell(i, key_column) is not None
    }
    if not keys:
        raise CodingInputError(f"{table.source}: column {table.label(key_column)} is empty")
    best = max(keys.values()) if reduction.pick == "max" else min(keys.values())
    tied = [i for i, key in keys.items() if key == best]
    at = tied[0]
    value = number(table.cell(at, value_column), table.where(at, value_column))
    return value, table.rows[at], len(tied) - 1


def read_run_files(
    paths: Iterable[Path],
    pattern: str,
    reduction: Reduction,
    *,
    sheet: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunResults:
    """One value per file whose path the pattern matches; factors from the pattern's groups.

    `progress(done, total)` is called after each file read."""
    compiled = compile_pattern(pattern)
    files, notes = run_files(paths, compiled)
    extra = [g for g in compiled.groupindex if g not in FACTORS]
    rows = []
    ties = 0
    for done, path in enumerate(files, start=1):
        match = compiled.search(path.as_posix())
        assert match is not None  # run_files kept matching paths only
        groups = {name: match.group(name) for name in compiled.groupindex}
        empty = [name for name, value in groups.items() if not value]
        if empty:
            raise CodingInputError(f"{path}: the pattern's group {empty[0]!r} matched nothing")
        table = read_table(path, sheet=sheet)
        value, row, tied = reduce_table(table, reduction)
        ties += tied > 0
        rows.append({**groups, "value": value, "source": path.as_posix(), "row": row})
        if progress is not None:
            progress(done, len(files))
    frame = pd.DataFrame(rows, columns=[*FACTORS, *extra, "value", "source", "row"])
    _refuse_repeats(frame, [*FACTORS, *extra])
    if ties:
        notes.append(
            f"{ties} file(s) had several rows with the {reduction.pick} of {reduction.at}; "
            "the first of them was taken"
        )
    return RunResults(frame, extra, notes)


def read_long_runs(
    paths: Iterable[Path], columns: Mapping[str, str], *, sheet: str | None = None
) -> RunResults:
    """Long tables of runs: columns technique, subject, run, value (renamed by `columns`, e.g.
    {'value': 'Accuracy'}), any further keys of `columns` as factors."""
    extra = [k for k in columns if k not in (*FACTORS, "value")]
    rows = []
    for path in paths:
        table = read_table(path, sheet=sheet)
        picked = {
            key: table.column(columns.get(key, key), loose=False)
            for key in (*FACTORS, *extra, "value")
        }
        for i in range(len(table.frame)):
            record: dict[str, object] = {}
            for key, column in picked.items():
                text = table.cell(i, column)
                if key == "value":
                    record[key] = number(text, table.where(i, column))
                elif text is None or not text.strip():
                    raise CodingInputError(f"{table.where(i, column)}: empty, expected a {key}")
                else:
                    record[key] = text.strip()
            rows.append({**record, "source": Path(path).as_posix(), "row": table.rows[i]})
    frame = pd.DataFrame(rows, columns=[*FACTORS, *extra, "value", "source", "row"])
    if frame.empty:
        raise CodingInputError("the files hold no runs")
    _refuse_repeats(frame, [*FACTORS, *extra])
    return RunResults(frame, extra, [])


def _refuse_repeats(frame: pd.DataFrame, keys: list[str]) -> None:
    repeated = frame[frame.duplicated(subset=keys, keep=False)]
    if repeated.empty:
        return
    first, second = repeated.iloc[0], repeated.iloc[1]
    named = ", ".join(f"{k} {first[k]!r}" for k in keys)
    raise CodingInputError(
        f"{second['source']} row {second['row']}: the run {named} is also in "
        f"{first['source']} row {first['row']}"
    )
