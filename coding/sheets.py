"""Labelling sheets: a row per item, a column per dimension; out as CSV/XLSX, back validated."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from coding.bounded_tables import XLSX_SUFFIXES, check_table_file
from coding.codebook import Codebook, Dimension
from coding.errors import CodingInputError
from coding.safe_zip import ZIP_ERRORS

CONTEXT = ("item_id", "rater", "round", "link", "title", "text")
NOTES = "notes"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CODINGS_COLUMNS = ["item_id", "rater", "round", "dimension", "code", "note"]


def neutralise(value: object) -> object:
    """Prefix text a spreadsheet would run as a formula with an apostrophe (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """Undo `neutralise` on a cell read back from a sheet."""
    if value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def blank_sheet(
    items: pd.DataFrame, codebook: Codebook, *, rater: str, round: str, text_limit: int = 3000
) -> pd.DataFrame:
    """An empty labelling sheet for `items` (columns id, link, title, text)."""
    missing = {"id", "link", "title", "text"} - set(items.columns)
    if missing:
        raise ValueError(f"items lacks column(s) {sorted(missing)}")
    sheet = pd.DataFrame(
        {
            "item_id": items["id"].to_numpy(),
            "rater": rater,
            "round": round,
            "link": items["link"].fillna("").to_numpy(),
            "title": items["title"].fillna("").to_numpy(),
            "text": items["text"].fillna("").str.slice(0, text_limit).to_numpy(),
        }
    )
    for name in codebook.names():
        sheet[name] = ""
    sheet[NOTES] = ""
    return sheet


def write_sheet_csv(sheet: pd.DataFrame, path: Path) -> None:
    """Write a sheet as UTF-8 CSV with formula-like cells neutralised."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.map(neutralise).to_csv(path, index=False, lineterminator="\n")


def write_sheet_xlsx(sheet: pd.DataFrame, codebook: Codebook, path: Path) -> None:
    """Write a sheet as XLSX: drop-down lists of codes, a hidden codebook sheet, frozen header."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "labels"
    columns = list(sheet.columns)
    ws.append(columns)
    for record in sheet.itertuples(index=False):
        ws.append([neutralise(v) for v in record])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "B2"
    for position, name in enumerate(columns, start=1):
        letter = get_column_letter(position)
        ws.column_dimensions[letter].width = 60 if name == "text" else 22
        if name == "text":
            for cell in ws[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    lists = book.create_sheet("codebook")
    for position, dim in enumerate(codebook.dimensions, start=1):
        letter = get_column_letter(position)
        lists.cell(row=1, column=position, value=dim.name)
        for row, code in enumerate(dim.names(), start=2):
            lists.cell(row=row, column=position, value=code)
        source = f"{quote_sheetname('codebook')}!${letter}$2:${letter}${len(dim.codes) + 1}"
        validation = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
        validation.showErrorMessage = not dim.multi_label
        validation.error = f"Not a code of {dim.name}; see the codebook sheet."
        validation.prompt = "Several codes: separate with ;" if dim.multi_label else dim.title
        validation.showInputMessage = True
        target = get_column_letter(columns.index(dim.name) + 1)
        validation.add(f"{target}2:{target}{max(len(sheet), 1) + 1}")
        ws.add_data_validation(validation)
    lists.sheet_state = "hidden"
    book.save(path)


def read_sheet(path: Path) -> pd.DataFrame:
    """Read a CSV or XLSX sheet as text cells ('' for empty), neutralisation undone."""
    try:
        check_table_file(path, "a sheet")
        if path.suffix.lower() in XLSX_SUFFIXES:
            frame = pd.read_excel(path, sheet_name=0, dtype=str, keep_default_na=False)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise CodingInputError(f"{path}: no such sheet") from None
    except CodingInputError:
        raise
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError, *ZIP_ERRORS) as exc:
        raise CodingInputError(f"{path}: cannot read the sheet: {exc}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.map(lambda v: unneutralise(str(v).strip()))


@dataclass(frozen=True)
class SheetProblem:
    """One mistake in a sheet, located by file, spreadsheet row (header = 1) and column."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: row {self.row}, column {self.column!r}: {self.message}"


class SheetErrors(CodingInputError):
    """Every problem found in a set of sheets; none of them was imported."""

    def __init__(self, problems: list[SheetProblem], shown: int = 20) -> None:
        self.problems = problems
        lines = [str(p) for p in problems[:shown]]
        more = f"\n  ... and {len(problems) - shown} more" if len(problems) > shown else ""
        super().__init__(
            f"{len(problems)} problem(s) in the sheets; nothing was imported:\n  "
            + "\n  ".join(lines)
            + more
        )


def parse_sheets(
    sheets: Mapping[str, pd.DataFrame],
    codebook: Codebook,
    *,
    items: Collection[str],
    raters: Collection[str] = (),
    rater: str | None = None,
    round: str | None = None,
) -> pd.DataFrame:
    """Validate filled sheets (name -> frame) and return their codings in long form.

    Raises SheetErrors listing every problem; `rater`/`round` demand that every sheet is of
    that rater and round, `raters` that every sheet's rater is one of them.
    """
    problems: list[SheetProblem] = []
    records: list[dict[str, str]] = []
    seen_pairs: dict[tuple[str, str], str] = {}
    known_items = set(items)
    for name, frame in sheets.items():
        parsed = _parse_one(name, frame, codebook, known_items, raters, rater, round, problems)
        if parsed is None:
            continue
        pair, rows = parsed
        if pair in seen_pairs:
            problems.append(
                SheetProblem(
                    name,
                    2,
                    "rater",
                    f"rater {pair[0]!r}, round {pair[1]!r} is also in {seen_pairs[pair]}",
                )
            )
        seen_pairs[pair] = name
        records.extend(rows)
    if problems:
        raise SheetErrors(problems)
    return pd.DataFrame(records, columns=[*CODINGS_COLUMNS, "source"])


def _parse_one(
    name: str,
    frame: pd.DataFrame,
    codebook: Codebook,
    items: set[str],
    raters: Collection[str],
    rater: str | None,
    round: str | None,
    problems: list[SheetProblem],
) -> tuple[tuple[str, str], list[dict[str, str]]] | None:
    before = len(problems)
    allowed = {*CONTEXT, NOTES, *codebook.names()}
    for column in frame.columns:
        if column not in allowed:
            close = difflib.get_close_matches(column, sorted(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(SheetProblem(name, 1, column, f"unknown column{hint}"))
    for column in ("item_id", "rater", "round", *codebook.names()):
        if column not in frame.columns:
            problems.append(SheetProblem(name, 1, column, "required column is missing"))
    if len(problems) > before:
        return None
    if frame.empty:
        problems.append(SheetProblem(name, 2, "item_id", "the sheet has no rows"))
        return None
    sheet_rater, sheet_round = frame["rater"].iloc[0], frame["round"].iloc[0]
    if rater is not None and sheet_rater != rater:
        problems.append(SheetProblem(name, 2, "rater", f"sheet of {sheet_rater!r}, not {rater!r}"))
    if round is not None and sheet_round != round:
        problems.append(
            SheetProblem(name, 2, "round", f"sheet of round {sheet_round!r}, not {round!r}")
        )
    if raters and sheet_rater not in raters:
        problems.append(
            SheetProblem(
                name,
                2,
                "rater",
                f"{sheet_rater!r} is not a rater of the study ({', '.join(raters)})",
            )
        )
    rows: list[dict[str, str]] = []
    first_row: dict[str, int] = {}
    for offset, record in enumerate(frame.to_dict("records")):
        row = offset + 2
        item = record["item_id"]
        for column, expected in (("rater", sheet_rater), ("round", sheet_round)):
            if record[column] != expected:
                problems.append(
                    SheetProblem(
                        name,
                        row,
                        column,
                        f"{record[column]!r} differs from row 2's "
                        f"{expected!r}: a sheet holds one rater and one round",
                    )
                )
        if not item:
            problems.append(SheetProblem(name, row, "item_id", "empty item id"))
            continue
        if item not in items:
            problems.append(SheetProblem(name, row, "item_id", f"{item!r} is not in the sample"))
        if item in first_row:
            problems.append(
                SheetProblem(name, row, "item_id", f"{item!r} repeats row {first_row[item]}")
            )
            continue
        first_row[item] = row
        note = record.get(NOTES, "")
        for dim in codebook.dimensions:
            for code in cell_codes(name, row, dim, record[dim.name], problems):
                rows.append(
                    {
                        "item_id": item,
                        "rater": sheet_rater,
                        "round": sheet_round,
                        "dimension": dim.name,
                        "code": code,
                        "note": note,
                        "source": name,
                    }
                )
    return (sheet_rater, sheet_round), rows


def cell_codes(
    name: str, row: int, dim: Dimension, cell: str, problems: list[SheetProblem]
) -> list[str]:
    """The codes in one cell, resolved against the dimension; mistakes go to `problems`."""
    values = [v.strip() for v in cell.split(";") if v.strip()]
    if not values:
        if dim.required:
            problems.append(
                SheetProblem(name, row, dim.name, "empty, but the dimension is required")
            )
        return []
    if len(values) > 1 and not dim.multi_label:
        problems.append(
            SheetProblem(name, row, dim.name, f"{cell!r} has several codes; {dim.name} takes one")
        )
        return []
    codes = []
    for value in values:
        code = dim.resolve(value)
        if code is None:
            close = difflib.get_close_matches(value, dim.names(), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"codes: {', '.join(dim.names())}"
            problems.append(
                SheetProblem(name, row, dim.name, f"{value!r} is not a code of {dim.name} ({hint})")
            )
        elif code not in codes:
            codes.append(code)
    return codes
