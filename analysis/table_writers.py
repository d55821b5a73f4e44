"""Write string tables as LaTeX (booktabs, ready to \\input), Markdown pipe tables and CSV."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "\u2003": r"\quad{}",
    "\u2191": r"\ensuremath{\uparrow}",
    "\u2193": r"\ensuremath{\downarrow}",
    "\u2264": r"\ensuremath{\leq}",
    "\u2265": r"\ensuremath{\geq}",
    "\u00d7": r"\ensuremath{\times}",
    "\u2212": r"\ensuremath{-}",
    "\u00b2": r"\textsuperscript{2}",
    "\u03b1": r"\ensuremath{\alpha}",
    "\u03ba": r"\ensuremath{\kappa}",
    "\u03c7": r"\ensuremath{\chi}",
}


def escape_latex(text: str) -> str:
    """Escape LaTeX special characters and map the few non-ASCII marks the tables use."""
    return "".join(LATEX_SPECIAL.get(character, character) for character in text)


def _cells(table: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    header = [str(column) for column in table.columns]
    rows = [
        ["" if pd.isna(value) else str(value) for value in row]
        for row in table.itertuples(index=False)
    ]
    return header, rows


def to_latex(
    table: pd.DataFrame,
    *,
    column_format: str | None = None,
    caption: str | None = None,
    label: str | None = None,
    midrule_before: Sequence[int] = (),
    path: str | Path | None = None,
) -> str:
    """A booktabs tabular (index not written); with a caption or label, wrapped in a table float.

    `column_format` defaults to one left column then right-aligned ones; `midrule_before`
    lists row positions (negative counts from the end) that get a \\midrule above them.
    The text is also written to `path` if given.
    """
    header, rows = _cells(table)
    if column_format is None:
        column_format = "l" + "r" * (len(header) - 1)
    rules = {position % len(rows) for position in midrule_before} if rows else set()
    lines = [rf"\begin{{tabular}}{{{column_format}}}", r"\toprule"]
    lines.append(" & ".join(escape_latex(cell) for cell in header) + r" \\")
    lines.append(r"\midrule")
    for position, row in enumerate(rows):
        if position in rules:
            lines.append(r"\midrule")
        lines.append(" & ".join(escape_latex(cell) for cell in row) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    if caption is not None or label is not None:
        wrapped = [r"\begin{table}[t]", r"\centering"]
        if caption is not None:
            wrapped.append(rf"\caption{{{escape_latex(caption)}}}")
        if label is not None:
            wrapped.append(rf"\label{{{label}}}")
        lines = [*wrapped, *lines, r"\end{table}"]
    return _written("\n".join(lines) + "\n", path)


def _written(text: str, path: str | Path | None) -> str:
    if path is not None:
        Path(path).write_text(text, encoding="utf-8", newline="")
    return text


def _markdown_cell(text: str) -> str:
    return text.replace("|", r"\|").replace("\n", " ")


def to_markdown(
    table: pd.DataFrame, *, align: str | None = None, path: str | Path | None = None
) -> str:
    """A Markdown pipe table; `align` has one of l/c/r per column (default: l then r)."""
    header, rows = _cells(table)
    if align is None:
        align = "l" + "r" * (len(header) - 1)
    if len(align) != len(header):
        raise ValueError(f"align has {len(align)} letters for {len(header)} columns")
    markers = {"l": ":---", "c": ":---:", "r": "---:"}
    if set(align) - set(markers):
        raise ValueError(f"align letters must be l, c or r, got {align!r}")
    lines = ["| " + " | ".join(_markdown_cell(cell) for cell in header) + " |"]
    lines.append("|" + "|".join(markers[letter] for letter in align) + "|")
    lines += ["| " + " | ".join(_markdown_cell(cell) for cell in row) + " |" for row in rows]
    return _written("\n".join(lines) + "\n", path)


# What a spreadsheet runs as a formula when a cell starts with it (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?")


def spreadsheet_cell(text: str) -> str:
    """`text` with an apostrophe in front when a spreadsheet would run it as a formula, or when
    it starts with one (so one apostrophe always comes off); a number such as -0.05 is kept."""
    if text.startswith("'") or (
        text.startswith(FORMULA_TRIGGERS) and _NUMBER.fullmatch(text) is None
    ):
        return "'" + text
    return text


def to_csv(table: pd.DataFrame, *, path: str | Path | None = None) -> str:
    """CSV text (UTF-8, "\\n" line ends, index not written) with every text cell and header
    passed through `spreadsheet_cell`; also written to `path` if given."""
    safe = table.map(lambda v: spreadsheet_cell(v) if isinstance(v, str) else v)
    safe.columns = [spreadsheet_cell(c) if isinstance(c, str) else c for c in table.columns]
    return _written(safe.to_csv(index=False, lineterminator="\n"), path)
