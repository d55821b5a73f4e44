"""Codebook revisions: diff two codebooks; rename, merge and split codes, mapping the codings."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from coding.codebook import Codebook, parse_codebook
from coding.errors import CodingInputError


def diff_codebooks(old: Codebook, new: Codebook) -> pd.DataFrame:
    """What changed from `old` to `new`: one row per change (dimension, code, change, detail)."""
    rows: list[dict[str, str]] = []
    old_dims = {d.name: d for d in old.dimensions}
    new_dims = {d.name: d for d in new.dimensions}
    for name in [*old_dims, *(n for n in new_dims if n not in old_dims)]:
        if name not in new_dims:
            rows.append(_row(name, "", "dimension removed", ""))
            continue
        if name not in old_dims:
            rows.append(_row(name, "", "dimension added", f"{len(new_dims[name].codes)} codes"))
            continue
        before, after = old_dims[name], new_dims[name]
        for field in ("multi_label", "scale", "required", "title"):
            if getattr(before, field) != getattr(after, field):
                rows.append(
                    _row(
                        name,
                        "",
                        f"{field} changed",
                        f"{getattr(before, field)} -> {getattr(after, field)}",
                    )
                )
        old_codes = {c.code: c for c in before.codes}
        new_codes = {c.code: c for c in after.codes}
        for code in old_codes.keys() - new_codes.keys():
            rows.append(_row(name, code, "code removed", old_codes[code].label))
        for code in new_codes.keys() - old_codes.keys():
            rows.append(_row(name, code, "code added", new_codes[code].label))
        for code in old_codes.keys() & new_codes.keys():
            a, b = old_codes[code], new_codes[code]
            for field in ("label", "parent", "definition", "include", "exclude"):
                if getattr(a, field) != getattr(b, field):
                    rows.append(
                        _row(
                            name,
                            code,
                            f"{field} changed",
                            f"{getattr(a, field)!r} -> {getattr(b, field)!r}",
                        )
                    )
    frame = pd.DataFrame(rows, columns=["dimension", "code", "change", "detail"])
    return frame.sort_values(["dimension", "change", "code"], ignore_index=True)


def _row(dimension: str, code: str, change: str, detail: str) -> dict[str, str]:
    return {"dimension": dimension, "code": code, "change": change, "detail": detail}


@dataclass(frozen=True)
class Revision:
    """A codebook operation: the revised codebook data and how old codes map to new ones."""

    operation: str
    dimension: str
    data: dict[str, Any]
    mapping: dict[str, str]
    review: tuple[str, ...] = ()


def rename_code(data: dict[str, Any], dimension: str, old: str, new: str) -> Revision:
    """Rename a code; codings of `old` become `new`."""
    revised = copy.deepcopy(data)
    entry = _find(revised, dimension, old)
    _check_free(revised, dimension, new)
    entry["code"] = new
    return _checked(Revision("rename", dimension, revised, {old: new}))


def merge_codes(data: dict[str, Any], dimension: str, sources: list[str], into: str) -> Revision:
    """Merge codes into one (an existing code, or a new one in the first source's place)."""
    if len(sources) < 1:
        raise CodingInputError("merge needs at least one code to merge")
    revised = copy.deepcopy(data)
    existing = into in _codes_of(revised, dimension)
    for source in sources:
        _find(revised, dimension, source)
    keeper = into if existing else sources[0]
    if not existing:
        _find(revised, dimension, keeper)["code"] = into
    for source in sources:
        if source != keeper:
            _remove(revised, dimension, source)
    return _checked(Revision("merge", dimension, revised, dict.fromkeys(sources, into)))


def split_code(data: dict[str, Any], dimension: str, old: str, into: list[str]) -> Revision:
    """Split a code into new ones; its codings go to the first and are listed for review."""
    if len(into) < 2:
        raise CodingInputError("split needs two or more new codes")
    revised = copy.deepcopy(data)
    entry = _find(revised, dimension, old)
    for new in into:
        if new != old:
            _check_free(revised, dimension, new)
    siblings = _siblings(revised, dimension, old)
    position = siblings.index(entry)
    replacements = [
        {
            **{k: v for k, v in entry.items() if k != "children"},
            "code": new,
            "label": new.replace("_", " ").capitalize() if new != old else entry.get("label", new),
        }
        for new in into
    ]
    replacements[0]["children"] = entry.get("children", [])
    siblings[position : position + 1] = replacements
    return _checked(Revision("split", dimension, revised, {old: into[0]}, review=(old,)))


def apply_mapping(codings: pd.DataFrame, revision: Revision) -> pd.DataFrame:
    """Codings (or consensus rows) with the revision's old codes replaced, duplicates dropped."""
    mask = (codings["dimension"] == revision.dimension) & codings["code"].isin(revision.mapping)
    changed = codings.copy()
    changed.loc[mask, "code"] = changed.loc[mask, "code"].map(revision.mapping)
    keys = [c for c in ("item_id", "rater", "dimension", "round", "code") if c in changed]
    return changed.drop_duplicates(subset=keys, keep="first")


def _dimension_data(data: dict[str, Any], dimension: str) -> dict[str, Any]:
    for dim in data.get("dimensions", []):
        if dim.get("name") == dimension:
            return dim
    raise CodingInputError(f"the codebook has no dimension {dimension!r}")


def _walk(entries: list[dict[str, Any]]) -> Iterator[tuple[list[dict[str, Any]], dict[str, Any]]]:
    for entry in entries:
        yield entries, entry
        yield from _walk(entry.get("children") or [])


def _codes_of(data: dict[str, Any], dimension: str) -> set[str]:
    return {str(e["code"]) for _, e in _walk(_dimension_data(data, dimension)["codes"])}


def _find(data: dict[str, Any], dimension: str, code: str) -> dict[str, Any]:
    for _, entry in _walk(_dimension_data(data, dimension)["codes"]):
        if entry["code"] == code:
            return entry
    raise CodingInputError(f"dimension {dimension!r} has no code {code!r}")


def _siblings(data: dict[str, Any], dimension: str, code: str) -> list[dict[str, Any]]:
    for siblings, entry in _walk(_dimension_data(data, dimension)["codes"]):
        if entry["code"] == code:
            return siblings
    raise CodingInputError(f"dimension {dimension!r} has no code {code!r}")


def _remove(data: dict[str, Any], dimension: str, code: str) -> None:
    siblings = _siblings(data, dimension, code)
    entry = next(e for e in siblings if e["code"] == code)
    if entry.get("children"):
        raise CodingInputError(f"{code!r} has sub-codes: merge or move them first")
    siblings.remove(entry)


def _check_free(data: dict[str, Any], dimension: str, code: str) -> None:
    if code in _codes_of(data, dimension):
        raise CodingInputError(f"dimension {dimension!r} already has a code {code!r}")


def _checked(revision: Revision) -> Revision:
    parse_codebook(revision.data, source="revised codebook")
    return revision
