"""Disagreements between raters, adjudication sheets, and the consensus labels they settle on."""

from __future__ import annotations

import difflib
from collections.abc import Collection

import pandas as pd

from coding.codebook import Codebook
from coding.errors import CodingInputError, quoted
from coding.sheets import SheetErrors, SheetProblem, cell_codes

CONSENSUS_COLUMNS = ["item_id", "dimension", "code", "method", "rationale"]


def code_sets(codings: pd.DataFrame) -> pd.DataFrame:
    """One row per item, dimension and rater with the set of codes the rater gave."""
    missing = {"item_id", "dimension", "rater", "code"} - set(codings.columns)
    if missing:
        raise ValueError(f"codings lacks column(s) {sorted(missing)}")
    grouped = codings.groupby(["item_id", "dimension", "rater"], sort=True)
    sets = grouped["code"].agg(frozenset).rename("codes")
    notes = (
        grouped["note"].agg(
            lambda ns: "; ".join(sorted({n for n in ns if isinstance(n, str) and n}))
        )
        if "note" in codings.columns
        else None
    )
    out = sets.to_frame()
    if notes is not None:
        out["note"] = notes
    return out.reset_index()


def compare(codings: pd.DataFrame) -> pd.DataFrame:
    """Per item and dimension: each rater's codes (`;`-joined), notes, and whether all agree."""
    sets = code_sets(codings)
    wide = sets.pivot(index=["item_id", "dimension"], columns="rater", values="codes")
    raters = list(wide.columns)
    coded = wide.notna().sum(axis=1)
    same = wide.apply(lambda row: len({s for s in row if isinstance(s, frozenset)}) == 1, axis=1)
    out = wide.map(lambda s: ";".join(sorted(s)) if isinstance(s, frozenset) else "")
    out.columns = [str(c) for c in raters]
    out["raters"] = coded
    out["agree"] = same & (coded >= 2)
    if "note" in sets.columns:
        notes = sets.groupby(["item_id", "dimension"])["note"].agg(
            lambda ns: " | ".join(n for n in ns if isinstance(n, str) and n)
        )
        out["notes"] = notes
    return out.reset_index()


def disagreements(codings: pd.DataFrame) -> pd.DataFrame:
    """Items and dimensions that two or more raters coded differently."""
    table = compare(codings)
    return (
        table[(table["raters"] >= 2) & ~table["agree"]].drop(columns="agree").reset_index(drop=True)
    )


def agreed_labels(codings: pd.DataFrame) -> pd.DataFrame:
    """Consensus rows for every item and dimension on which all (two or more) raters agree."""
    sets = code_sets(codings)
    per_pair = sets.groupby(["item_id", "dimension"])["codes"].agg(list)
    rows = [
        {"item_id": key[0], "dimension": key[1], "code": code, "method": "agreed", "rationale": ""}
        for key, group in zip(per_pair.index, per_pair.to_numpy(), strict=True)
        if len(group) >= 2 and len(set(group)) == 1
        for code in sorted(group[0])
    ]
    return pd.DataFrame(rows, columns=CONSENSUS_COLUMNS)


def adjudication_sheet(disagreements: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """A sheet to settle disagreements: context, each rater's codes, empty consensus/rationale."""
    context = items.rename(columns={"id": "item_id"})[["item_id", "link", "title"]]
    sheet = disagreements.merge(context, on="item_id", how="left")
    raters = [
        c for c in disagreements.columns if c not in ("item_id", "dimension", "raters", "notes")
    ]
    columns = ["item_id", "dimension", "link", "title", *raters]
    if "notes" in sheet.columns:
        columns.append("notes")
    return sheet[columns].assign(consensus="", rationale="")


def parse_adjudication(
    frame: pd.DataFrame, name: str, codebook: Codebook, *, open_pairs: Collection[tuple[str, str]]
) -> pd.DataFrame:
    """Validate a filled adjudication sheet into consensus rows; raise SheetErrors on mistakes."""
    for column in ("item_id", "dimension", "consensus"):
        if column not in frame.columns:
            raise CodingInputError(
                f"{name}: row 1, column {quoted(column)}: required column is missing"
            )
    problems: list[SheetProblem] = []
    rows = []
    pairs = set(open_pairs)
    seen: dict[tuple[str, str], int] = {}
    for offset, record in enumerate(frame.to_dict("records")):
        row = offset + 2
        item, dim_name = record["item_id"], record["dimension"]
        if dim_name not in codebook.names():
            problems.append(SheetProblem(name, row, "dimension", _no_dimension(dim_name, codebook)))
            continue
        if not item:
            problems.append(SheetProblem(name, row, "item_id", "empty item id"))
            continue
        if (item, dim_name) in seen:
            problems.append(
                SheetProblem(
                    name,
                    row,
                    "item_id",
                    f"{quoted(item)} on {dim_name} repeats row {seen[(item, dim_name)]}",
                )
            )
            continue
        if (item, dim_name) not in pairs:
            problems.append(
                SheetProblem(
                    name, row, "item_id", f"{quoted(item)} has no disagreement on {dim_name}"
                )
            )
            continue
        seen[(item, dim_name)] = row
        dim = codebook.dimension(dim_name)
        if not record["consensus"].strip():
            continue
        for code in cell_codes(name, row, dim, record["consensus"], problems):
            rows.append(
                {
                    "item_id": item,
                    "dimension": dim_name,
                    "code": code,
                    "method": "adjudicated",
                    "rationale": record.get("rationale", ""),
                }
            )
    if problems:
        raise SheetErrors(problems)
    return pd.DataFrame(rows, columns=CONSENSUS_COLUMNS)


def _no_dimension(wanted: str, codebook: Codebook) -> str:
    """'no dimension X' with the closest dimension, or the list of them."""
    names = codebook.names()
    close = difflib.get_close_matches(wanted, names, n=1)
    hint = f"did you mean {quoted(close[0])}?" if close else f"the dimensions: {', '.join(names)}"
    return f"no dimension {quoted(wanted)} ({hint})"
