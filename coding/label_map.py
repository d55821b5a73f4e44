"""Free-text labels onto codebook codes: normalised comparison, a raw->code mapping file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coding.codebook import Codebook
from coding.columns import find_column
from coding.errors import CodingInputError
from coding.tables import read_table


def normalise_label(text: str) -> str:
    """A label for comparison: case-folded, inner whitespace collapsed, ends stripped."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class LabelMap:
    """raw label -> code, optionally per dimension; an empty code means 'not a label'."""

    codes: dict[tuple[str | None, str], str] = field(default_factory=dict)
    source: str = ""

    def lookup(self, dimension: str, raw: str) -> str | None:
        """The code `raw` maps to in `dimension`, or None if the map does not know it."""
        key = normalise_label(raw)
        found = self.codes.get((dimension, key))
        return found if found is not None else self.codes.get((None, key))


def load_label_map(path: str | Path) -> LabelMap:
    """Read a mapping file: columns raw and code, optionally dimension; any encoding/separator."""
    table = read_table(path)
    names = list(table.frame.columns)
    raw = find_column(names, "raw", synonyms=("label", "from", "text"), where=str(path))
    code = find_column(names, "code", synonyms=("to", "maps to"), where=str(path))
    dimension = next((n for n in names if n.strip().casefold() in ("dimension", "dim")), None)
    codes: dict[tuple[str | None, str], str] = {}
    for position, row in enumerate(table.frame.to_dict("records")):
        if row[raw] is None:
            raise CodingInputError(f"{table.where(position, raw)}: the raw label is empty")
        dim = (row[dimension] or "").strip() or None if dimension else None
        key = (dim, normalise_label(row[raw]))
        target = (row[code] or "").strip()
        if key in codes and codes[key] != target:
            raise CodingInputError(
                f"{table.where(position, raw)}: {row[raw]!r} is mapped twice "
                f"({codes[key]!r} and {target!r})"
            )
        codes[key] = target
    return LabelMap(codes, str(path))


@dataclass
class LabelCoder:
    """Turns raw cells into codes: NA values, the mapping file, then the codebook's codes/labels."""

    na: frozenset[str]
    mapping: LabelMap | None = None
    codebook: Codebook | None = None
    unmapped: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        na: tuple[str, ...] = (),
        mapping: LabelMap | None = None,
        codebook: Codebook | None = None,
    ) -> LabelCoder:
        """A coder that treats `na` values as missing and maps via `mapping` and `codebook`."""
        return cls(frozenset(normalise_label(v) for v in na), mapping, codebook)

    def is_missing(self, raw: str | None) -> bool:
        """Whether a cell holds no label: empty, blank, or one of the NA values."""
        return raw is None or raw.strip() == "" or normalise_label(raw) in self.na

    def code(self, dimension: str, raw: str, row: int) -> str | None:
        """The code for a raw label (None: the mapping says it is no label)."""
        if self.mapping is not None:
            mapped = self.mapping.lookup(dimension, raw)
            if mapped is not None:
                return mapped or None
        if self.codebook is not None and dimension in self.codebook.names():
            resolved = self.codebook.dimension(dimension).resolve(raw)
            if resolved is not None:
                return resolved
        label = normalise_label(raw)
        if self.mapping is not None or (
            self.codebook is not None and dimension in self.codebook.names()
        ):
            self.unmapped.setdefault((dimension, label), []).append(row)
        return label
