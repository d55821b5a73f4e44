"""Agreement on a study's codings, per round and dimension, or on a plain ratings file."""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Hashable
from pathlib import Path
from typing import Literal

import pandas as pd

from coding import agreement, check_inflation, per_code_agreement, pooling_effect
from coding.codebook import Codebook, Dimension
from coding.errors import quoted
from coding.sheets import read_sheet
from studykit.errors import InputError, StudykitError
from studykit.labelling.ratings import joined_codes, rating_table

Level = Literal["nominal", "ordinal", "interval", "ratio"]
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def natural_rounds(rounds: pd.Series) -> list[str]:
    """Round names in natural order (numbers by value, then names)."""
    names = sorted({str(r) for r in pd.unique(rounds)})
    return sorted(names, key=lambda r: (0, int(r), "") if r.isdigit() else (1, 0, r))


def study_agreement(
    codings: pd.DataFrame,
    codebook: Codebook,
    *,
    dimensions: list[str] | None = None,
    rounds: list[str] | None = None,
    n_boot: int = 1000,
) -> tuple[pd.DataFrame, list[str]]:
    """Agreement per round and dimension of the codings table: a tidy table and its warnings."""
    if codings.empty:
        raise StudykitError("the study has no codings yet: import sheets first")
    wanted_rounds = rounds or natural_rounds(codings["round"])
    frames: list[pd.DataFrame] = []
    notes: list[str] = []
    outside = _outside_codebook(codings, codebook, wanted_rounds)
    for round_name in wanted_rounds:
        in_round = codings[codings["round"] == round_name]
        if in_round.empty:
            raise StudykitError(f"no codings in round {round_name!r}")
        notes.extend(f"round {round_name}: {m}" for m in _identical_dimensions(in_round))
        for name in dimensions or codebook.names():
            if name in outside and name not in codebook.names():
                raise StudykitError(_not_in_codebook([name], codebook))
            dim = codebook.dimension(name)
            ratings = rating_table(in_round, name)
            if ratings["rater"].nunique() < 2:
                continue
            with warnings.catch_warnings(record=True):
                table = agreement(
                    ratings,
                    level=dim.scale,
                    multi_label=dim.multi_label,
                    categories=_categories(dim, in_round[in_round["dimension"] == name]["code"]),
                    n_boot=n_boot,
                )
            notes.extend(f"round {round_name}, {name}: {w}" for w in table.attrs["warnings"])
            frames.append(table.assign(round=round_name, dimension=name))
    if not frames:
        if outside and not dimensions:
            raise StudykitError(_not_in_codebook(outside, codebook))
        raise StudykitError("no dimension was coded by two or more raters")
    if outside and not dimensions:
        notes.append(f"{_not_in_codebook(outside, codebook)}; left out")
    result = pd.concat(frames, ignore_index=True)
    front = ["round", "dimension"]
    return result[front + [c for c in result.columns if c not in front]], notes


def _outside_codebook(codings: pd.DataFrame, codebook: Codebook, rounds: list[str]) -> list[str]:
    """Dimensions two or more raters coded in `rounds` that the codebook does not have."""
    coded = codings[codings["round"].isin(rounds)]
    raters = coded.groupby("dimension")["rater"].nunique()
    return sorted(name for name in raters[raters >= 2].index if name not in codebook.names())


def _not_in_codebook(names: list[str], codebook: Codebook) -> str:
    """Which coded dimensions the codebook lacks, and how to include them."""
    return (
        f"dimension(s) {', '.join(names)} were coded by two or more raters but are not in "
        f"the codebook {codebook.source}: pass the codebook they were coded with (--codebook) "
        "or add them to it"
    )


def study_per_code(
    codings: pd.DataFrame, codebook: Codebook, *, dimension: str, round: str, n_boot: int = 1000
) -> pd.DataFrame:
    """Per-code (present/absent) agreement of one dimension in one round of the codings table."""
    in_round = codings[codings["round"] == round]
    dim = codebook.dimension(dimension)
    ratings = rating_table(in_round, dimension)
    if ratings["rater"].nunique() < 2:
        raise StudykitError(f"{dimension} in round {round!r} was not coded by two raters")
    with warnings.catch_warnings(record=True):
        return per_code_agreement(
            ratings,
            multi_label=dim.multi_label,
            categories=_categories(dim, in_round[in_round["dimension"] == dimension]["code"]),
            n_boot=n_boot,
        )


def _identical_dimensions(codings: pd.DataFrame) -> list[str]:
    """Dimensions on which all raters gave each shared item the same codes (they inflate a pool)."""
    raters = codings.groupby("item_id")["rater"].nunique()
    shared = raters[raters == codings["rater"].nunique()].index
    keys = ["rater", "item_id", "dimension"]
    joined = joined_codes(codings[codings["item_id"].isin(shared)], keys)
    wide = joined.set_index(keys)["code"].unstack("dimension")
    sheets: dict[Hashable, pd.DataFrame] = {
        r: frame.droplevel("rater") for r, frame in wide.groupby(level="rater")
    }
    if len(sheets) < 2:
        return []
    with warnings.catch_warnings(record=True):
        return check_inflation(sheets)


def _categories(dim: Dimension, used: pd.Series) -> list[str] | None:
    """The codebook's codes in order, if the codings use no other (older rounds may)."""
    names = dim.names()
    if dim.multi_label or not set(pd.unique(used)) <= set(names):
        return None
    return names


def file_agreement(path: Path, *, level: Level, n_boot: int = 1000) -> pd.DataFrame:
    """Agreement of a plain CSV/XLSX: long (item, rater, value) or wide (a column per rater)."""
    frame = read_sheet(path, formulas=False)
    columns = {c.lower(): c for c in frame.columns}
    try:
        if {"item", "rater", "value"} <= set(columns):
            long = frame.rename(columns={columns[k]: k for k in ("item", "rater", "value")})
            data = long[["item", "rater", "value"]].replace("", pd.NA)
            if level != "nominal":
                data = data.assign(value=_numbers(path, long, columns["value"], "value"))
            return agreement(data, level=level, form="long", n_boot=n_boot)
        wide = frame.set_index(frame.columns[0])
        if level != "nominal":
            wide = pd.DataFrame(
                {c: _numbers(path, frame, c, c) for c in wide.columns}, index=wide.index
            )
        else:
            wide = wide.replace("", pd.NA)
        return agreement(wide, level=level, form="wide", n_boot=n_boot)
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None


def _numbers(path: Path, frame: pd.DataFrame, column: str, key: str) -> list[float]:
    """A column of ratings as finite numbers (empty = no rating); refuse any other cell."""
    values = []
    for row, cell in enumerate(frame[key], start=2):
        if cell == "":
            values.append(math.nan)
            continue
        try:
            number = float(cell)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or _NUMBER.fullmatch(cell) is None:
            raise InputError(
                f"{path}: row {row}, column {quoted(column)}: {quoted(cell)} is not a rating "
                "this level can use: write a finite number, or leave the cell empty"
            )
        values.append(number)
    return values


def pooled_kappa(
    codings: pd.DataFrame, *, round: str, dimensions: list[str], lowercase: bool = False
) -> float:
    """Cohen's kappa over `dimensions` pooled into one vector per rater, as some papers did.

    Labels are compared as written (the raw text of imported codings), lower-cased if asked.
    """

    frame = codings[(codings["round"] == round) & codings["dimension"].isin(dimensions)]
    if frame.empty:
        raise StudykitError(f"no codings of {', '.join(dimensions)} in round {round!r}")
    value = frame["note"].fillna(frame["code"]).astype(str)
    value = value.str.lower() if lowercase else value
    # compare the texts exactly: the agreement code strips whitespace, opaque tokens keep it
    tokens, _ = pd.factorize(value)
    long = pd.DataFrame(
        {
            "item": frame["item_id"],
            "rater": frame["rater"],
            "dimension": frame["dimension"],
            "value": [f"v{t}" for t in tokens],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        effect = pooling_effect(long)
    return float(effect.loc[effect["dimension"] == "(pooled)", "kappa"].iloc[0])
