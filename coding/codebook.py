"""Codebooks: dimensions of hierarchical codes with definitions, validated on load, hashed."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from coding.errors import CodingInputError, quoted
from coding.file_limits import read_document
from coding.safe_yaml import load_yaml

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_CODEBOOK_KEYS = {"name", "version", "changelog", "dimensions", "description"}
_DIMENSION_KEYS = {"name", "title", "description", "multi_label", "scale", "required", "codes"}
_CODE_KEYS = {"code", "label", "definition", "include", "exclude", "examples", "children"}


@dataclass(frozen=True)
class Code:
    """One code of a dimension; `parent` is None for a top-level code."""

    code: str
    label: str
    definition: str = ""
    include: str = ""
    exclude: str = ""
    examples: tuple[str, ...] = ()
    parent: str | None = None
    depth: int = 0


@dataclass(frozen=True)
class Dimension:
    """A coding dimension: its codes in listed (depth-first) order."""

    name: str
    title: str
    codes: tuple[Code, ...]
    description: str = ""
    multi_label: bool = False
    scale: Literal["nominal", "ordinal"] = "nominal"
    required: bool = True

    def names(self) -> list[str]:
        """The dimension's codes in listed order."""
        return [c.code for c in self.codes]

    def parents(self) -> dict[str, str | None]:
        """Each code's parent code (None at the top)."""
        return {c.code: c.parent for c in self.codes}

    def labels(self) -> dict[str, str]:
        """Each code's display label."""
        return {c.code: c.label for c in self.codes}

    def leaves(self) -> list[str]:
        """The codes that have no sub-codes."""
        parents = {c.parent for c in self.codes}
        return [c.code for c in self.codes if c.code not in parents]

    def top_level(self, code: str) -> str:
        """The top-level ancestor of a code."""
        parents = self.parents()
        while parents.get(code) is not None:
            code = parents[code]  # type: ignore[assignment]
        return code

    def resolve(self, text: str) -> str | None:
        """The code a rater meant by `text` (a code or label, any case and spacing), or None."""
        wanted = _folded(text)
        for c in self.codes:
            if wanted in (c.code.casefold(), _folded(c.label)):
                return c.code
        return None


@dataclass(frozen=True)
class Codebook:
    """A versioned codebook; `content_hash` identifies its content whatever its layout."""

    name: str
    version: str
    dimensions: tuple[Dimension, ...]
    changelog: tuple[Mapping[str, str], ...] = ()
    content_hash: str = ""
    source: str = ""

    def dimension(self, name: str) -> Dimension:
        """The dimension called `name`, or an error that lists the dimensions there are."""
        for dim in self.dimensions:
            if dim.name == name:
                return dim
        known = ", ".join(d.name for d in self.dimensions)
        raise CodingInputError(f"{self.source}: no dimension {name!r}; the codebook has: {known}")

    def names(self) -> list[str]:
        """The dimension names in listed order."""
        return [d.name for d in self.dimensions]


def load_codebook(path: str | Path) -> Codebook:
    """Read and validate a codebook YAML file; errors name the file, dimension and code."""
    path = Path(path)
    try:
        text = read_document(path, "a codebook", "codebook file", "utf-8")
    except UnicodeDecodeError as exc:
        raise CodingInputError(f"{path}: not valid YAML: {exc}") from None
    return parse_codebook(load_yaml(text, str(path)), source=str(path))


def parse_codebook(data: Any, *, source: str = "codebook") -> Codebook:
    """Validate codebook data (as parsed from YAML) into a Codebook."""
    if not isinstance(data, dict):
        raise CodingInputError(f"{source}: a codebook is a mapping with 'name' and 'dimensions'")
    _no_unknown_keys(data, _CODEBOOK_KEYS, source)
    for key in ("name", "dimensions"):
        if key not in data:
            raise CodingInputError(f"{source}: the codebook lacks {key!r}")
    if not isinstance(data["dimensions"], list) or not data["dimensions"]:
        raise CodingInputError(f"{source}: 'dimensions' must be a non-empty list")
    dimensions = tuple(_dimension(d, source) for d in data["dimensions"])
    seen: set[str] = set()
    for dim in dimensions:
        if dim.name in seen:
            raise CodingInputError(f"{source}: dimension {dim.name!r} appears twice")
        seen.add(dim.name)
    changelog = tuple(
        {str(k): str(v) for k, v in entry.items()} for entry in data.get("changelog") or []
    )
    return Codebook(
        name=str(data["name"]),
        version=str(data.get("version", "")),
        dimensions=dimensions,
        changelog=changelog,
        content_hash=content_hash(dimensions),
        source=source,
    )


def codebook_document(codebook: Codebook) -> dict[str, Any]:
    """The codebook as plain data in the YAML layout (the inverse of parse_codebook)."""

    def entries(dim: Dimension, parent: str | None) -> list[dict[str, Any]]:
        out = []
        for code in (c for c in dim.codes if c.parent == parent):
            entry: dict[str, Any] = {"code": code.code, "label": code.label}
            for key in ("definition", "include", "exclude"):
                if getattr(code, key):
                    entry[key] = getattr(code, key)
            if code.examples:
                entry["examples"] = list(code.examples)
            children = entries(dim, code.code)
            if children:
                entry["children"] = children
            out.append(entry)
        return out

    return {
        "name": codebook.name,
        "version": codebook.version,
        "changelog": [dict(entry) for entry in codebook.changelog],
        "dimensions": [
            {
                "name": d.name,
                "title": d.title,
                "description": d.description,
                "multi_label": d.multi_label,
                "scale": d.scale,
                "required": d.required,
                "codes": entries(d, None),
            }
            for d in codebook.dimensions
        ],
    }


def content_hash(dimensions: tuple[Dimension, ...]) -> str:
    """A short SHA-256 of the dimensions and codes, independent of YAML layout."""
    canonical = json.dumps(
        [
            {
                "name": d.name,
                "multi_label": d.multi_label,
                "scale": d.scale,
                "required": d.required,
                "codes": [[c.code, c.parent, c.label, c.definition] for c in d.codes],
            }
            for d in dimensions
        ],
        sort_keys=True,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def _dimension(data: Any, source: str) -> Dimension:
    if not isinstance(data, dict) or "name" not in data:
        raise CodingInputError(f"{source}: every dimension needs a 'name'")
    name = str(data["name"])
    where = f"{source}: dimension {name!r}"
    if not _NAME.match(name):
        raise CodingInputError(
            f"{where}: dimension names are snake_case starting with a letter (a-z, then a-z, "
            "0-9, _), as they name columns and options"
        )
    _no_unknown_keys(data, _DIMENSION_KEYS, where)
    scale = data.get("scale", "nominal")
    if scale not in ("nominal", "ordinal"):
        raise CodingInputError(f"{where}: scale must be nominal or ordinal, not {scale!r}")
    for flag in ("multi_label", "required"):
        if flag in data and not isinstance(data[flag], bool):
            raise CodingInputError(f"{where}: {flag} must be true or false")
    if not isinstance(data.get("codes"), list) or not data["codes"]:
        raise CodingInputError(f"{where}: 'codes' must be a non-empty list")
    codes = tuple(_codes(data["codes"], None, 0, where))
    seen: set[str] = set()
    for code in codes:
        if code.code in seen:
            raise CodingInputError(f"{where}: code {code.code!r} appears twice")
        seen.add(code.code)
    return Dimension(
        name=name,
        title=str(data.get("title", name.replace("_", " ").capitalize())),
        codes=codes,
        description=str(data.get("description", "")),
        multi_label=bool(data.get("multi_label", False)),
        scale=scale,
        required=bool(data.get("required", True)),
    )


def _codes(entries: list[Any], parent: str | None, depth: int, where: str) -> Iterator[Code]:
    for entry in entries:
        if not isinstance(entry, dict) or "code" not in entry:
            raise CodingInputError(f"{where}: every code needs a 'code' (got {entry!r})")
        if not isinstance(entry["code"], str):
            raise CodingInputError(
                f"{where}: code {quoted(entry['code'])}: YAML read this code as a "
                f"{type(entry['code']).__name__}, not as written (it reads 01 as 1, 010 as 8, "
                'yes as true); write it in quotes as you mean it, e.g. code: "1"'
            )
        code = str(entry["code"])
        if not _CODE.match(code):
            raise CodingInputError(
                f"{where}: code {quoted(code)}: codes are snake_case (a-z, 0-9, _; e.g. "
                "env_api or 1)"
            )
        _no_unknown_keys(entry, _CODE_KEYS, f"{where}: code {code!r}")
        examples = entry.get("examples") or []
        yield Code(
            code=code,
            label=str(entry.get("label", code)),
            definition=str(entry.get("definition", "")).strip(),
            include=str(entry.get("include", "")).strip(),
            exclude=str(entry.get("exclude", "")).strip(),
            examples=tuple(
                str(e) for e in (examples if isinstance(examples, list) else [examples])
            ),
            parent=parent,
            depth=depth,
        )
        children = entry.get("children") or []
        if not isinstance(children, list):
            raise CodingInputError(f"{where}: code {code!r}: 'children' must be a list")
        yield from _codes(children, code, depth + 1, where)


def _folded(text: str) -> str:
    """Text compared as a rater means it: NFC, spacing collapsed, case folded."""
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def _no_unknown_keys(data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise CodingInputError(
            f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(sorted(allowed))}"
        )
