"""Free-text labels onto codebook codes: normalised comparison, a raw->code mapping file."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from coding.codebook import Codebook
from coding.errors import CodingInputError
from coding.tables import read_table


def normalise_label(text: str) -> str:
    """A label for comparison: composed (NFC), case-folded, inner whitespace collapsed, ends
    stripped."""
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


@dataclass(frozen=True)
class LabelMap:
    """raw label -> code, optionally per dimension; an empty code means 'not a label'.

    `codes` is keyed by the normalised label, `exact` by the label as written (for
    case-sensitive imports).
    """

    codes: dict[tuple[str | None, str], str] = field(default_factory=dict)
    source: str = ""
    exact: dict[tuple[str | None, str], str] = field(default_factory=dict)

    def lookup(self, dimension: str, raw: str, *, case_sensitive: bool = False) -> str | None:
        """The code `raw` maps to in `dimension`, or None if the map does not know it."""
        codes, key = (self.exact, raw) if case_sensitive else (self.codes, normalise_label(raw))
        found = codes.get((dimension, key))
        return found if found is not None else codes.get((None, key))


def load_label_map(path: str | Path) -> LabelMap:
    """Read a mapping file: columns raw and code, optionally dimension; any encoding/separator."""
    table = read_table(path)
    names = list(table.frame.columns)
    raw = table.column("raw", synonyms=("label", "from", "text"))
    code = table.column("code", synonyms=("to", "maps to"))
    dimension = next((n for n in names if n.strip().casefold() in ("dimension", "dim")), None)
    codes: dict[tuple[str | None, str], str] = {}
    exact: dict[tuple[str | None, str], str] = {}
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
        exact[(dim, unicodedata.normalize("NFC", row[raw]))] = target
    return LabelMap(codes, str(path), exact)


@dataclass
class LabelCoder:
    """Turns raw cells into codes: NA values, the mapping file, then the codebook's codes/labels.

    By default labels are compared case- and spacing-insensitively; `written` keeps, per
    dimension and normalised label, how often each spelling occurred (to report merges).
    `unmapped` holds the labels neither the mapping nor the codebook knows, with their rows.
    """

    na: frozenset[str]
    mapping: LabelMap | None = None
    codebook: Codebook | None = None
    case_sensitive: bool = False
    unmapped: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    written: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    codes: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        na: tuple[str, ...] = (),
        mapping: LabelMap | None = None,
        codebook: Codebook | None = None,
        *,
        case_sensitive: bool = False,
    ) -> LabelCoder:
        """A coder that treats `na` values as missing and maps via `mapping` and `codebook`."""
        return cls(frozenset(normalise_label(v) for v in na), mapping, codebook, case_sensitive)

    def is_missing(self, raw: str | None) -> bool:
        """Whether a cell holds no label: empty, blank, or one of the NA values."""
        return raw is None or raw.strip() == "" or normalise_label(raw) in self.na

    def in_codebook(self, dimension: str) -> bool:
        """Whether the codebook defines `dimension`."""
        return self.codebook is not None and dimension in self.codebook.names()

    def code(self, dimension: str, raw: str, row: int) -> str | None:
        """The code for a raw label (None: the mapping says it is no label)."""
        code = self._code(dimension, raw, row)
        if not self.case_sensitive and code is not None:
            key = (dimension, normalise_label(raw))
            self.written.setdefault(key, Counter())[raw] += 1
            self.codes[key] = code
        return code

    def _code(self, dimension: str, raw: str, row: int) -> str | None:
        if self.mapping is not None:
            mapped = self.mapping.lookup(dimension, raw, case_sensitive=self.case_sensitive)
            if mapped is not None:
                return mapped or None
        if self.in_codebook(dimension):
            assert self.codebook is not None
            codes = self.codebook.dimension(dimension)
            resolved = (
                next((c.code for c in codes.codes if raw in (c.code, c.label)), None)
                if self.case_sensitive
                else codes.resolve(raw)
            )
            if resolved is not None:
                return resolved
        label = raw if self.case_sensitive else normalise_label(raw)
        if self.mapping is not None or self.in_codebook(dimension):
            self.unmapped.setdefault((dimension, label), []).append(row)
        return label

    def merges(self) -> list[tuple[str, str, Counter[str]]]:
        """(dimension, code, cells per spelling) for labels written in more than one way that
        were folded into one (they differ only in case or spacing)."""
        return [
            (dimension, self.codes[(dimension, key)], spellings)
            for (dimension, key), spellings in sorted(self.written.items())
            if len(spellings) > 1
        ]
