"""Labels merged across the files of one `studykit import`: a label spelt "processing" in one
file and "Processing" in another becomes one code, as within a file; each such merge is said,
with the cells of each spelling in each file (files imported case-sensitively take no part)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from studykit.replication.prepare import Prepared


@dataclass(frozen=True)
class CrossMerge:
    """One code that labels spelt differently in different files were merged into."""

    dimension: str
    code: str
    spellings: tuple[tuple[str, str, int], ...]
    entries: tuple[int, ...]

    def describe(self) -> str:
        """One line for the import summary."""
        written = ", ".join(f"{raw!r} ({n} cell(s) in {name})" for raw, name, n in self.spellings)
        return (
            f"merged {self.dimension} labels that differ only in case or spacing across the "
            f"files of this import into {self.code!r}: {written} (--case-sensitive or "
            "case_sensitive = true keeps them apart)"
        )


def merges_across(prepared: list[Prepared]) -> list[CrossMerge]:
    """The merges that took labels of two or more entries spelt differently into one code."""
    found: dict[tuple[str, str, str], list[tuple[int, Counter[str]]]] = {}
    for number, entry in enumerate(prepared):
        for (dimension, key), spellings in entry.spellings.items():
            code = entry.codes[(dimension, key)]
            found.setdefault((dimension, key, code), []).append((number, spellings))
    merges = []
    for (dimension, _, code), parts in sorted(found.items()):
        if len(parts) < 2 or len({raw for _, spellings in parts for raw in spellings}) < 2:
            continue
        written = tuple(
            (raw, _file_name(prepared[number]), cells)
            for number, spellings in parts
            for raw, cells in sorted(spellings.items())
        )
        merges.append(CrossMerge(dimension, code, written, tuple(n for n, _ in parts)))
    return merges


def _file_name(entry: Prepared) -> str:
    """The file an entry read, without its folder (with its sheet, for a workbook)."""
    return Path(entry.table.source).name
