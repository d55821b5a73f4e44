"""Labelling sheets: a row per item, a column per dimension; out as CSV/XLSX, back validated."""

from __future__ import annotations

import difflib
import re
import unicodedata
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
from coding.errors import CodingInputError, quoted
from coding.formulas import neutralise, unneutralise
from coding.safe_zip import ZIP_ERRORS
from coding.workbook_warnings import quiet_openpyxl

CONTEXT = ("item_id", "rater", "round", "link", "title", "text")
NOTES = "notes"
CODINGS_COLUMNS = ["item_id", "rater", "round", "dimension", "code", "note"]
_ROUND_NUMBER = re.compile(r"[1-9][0-9]*")


def nfc(text: str) -> str:
    """`text` in Unicode composed form (NFC), so that `zoë` typed either way is one name."""
    return unicodedata.normalize("NFC", text)


def decomposed_cells(frame: pd.DataFrame, columns: Collection[str]) -> int:
    """How many cells of these columns change when put in composed form (NFC)."""
    present = [c for c in columns if c in frame.columns]
    return sum(int((frame[c].map(nfc) != frame[c]).sum()) for c in present)


def is_round(name: str, declared: Collection[str]) -> bool:
    """Whether `name` is a round: a positive whole number (no leading zero) or a declared name
    that does not read as a number (never `NaN`, `inf`, `0` or `1.5`, even declared)."""
    if _ROUND_NUMBER.fullmatch(name) is not None:
        return True
    return name in declared and not _reads_as_number(name)


def _reads_as_number(name: str) -> bool:
    try:
        float(name)
    except ValueError:
        return False
    return True


def round_problem(name: str, declared: Collection[str]) -> str:
    """Why `name` is not a round, and what is."""
    if _reads_as_number(name):
        return (
            f"{quoted(name)} is not a round: a round is a positive whole number (1, 2, ...) "
            "or a name that does not read as a number"
        )
    names = f" ({', '.join(sorted(declared))})" if declared else ""
    return (
        f"{quoted(name)} is not a round: a round is a positive whole number (1, 2, ...) "
        f"or a name the study declares{names} in study.toml ([coding] rounds)"
    )


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


def read_sheet(
    path: Path, *, filled: Collection[str] | None = None, formulas: bool = True
) -> pd.DataFrame:
    """Read a CSV or XLSX sheet as text cells ('' for empty), surrounding whitespace removed.

    `filled` names the columns people fill in: they are kept as typed. In every other column
    (what studykit wrote) the apostrophe `neutralise` put before a cell is taken off, once.
    Without `filled`, every cell is kept as typed (a file studykit did not write). An XLSX cell
    holding a formula is read as its formula text, or, unless `formulas`, refused.
    """
    try:
        check_table_file(path, "a sheet")
        if path.suffix.lower() in XLSX_SUFFIXES:
            rows = _xlsx_rows(path, formulas=formulas)
        else:
            frame = pd.read_csv(
                path, dtype=str, keep_default_na=False, encoding="utf-8-sig", header=None
            )
            rows = frame.to_numpy().tolist()
    except FileNotFoundError:
        raise CodingInputError(f"{path}: no such sheet") from None
    except IsADirectoryError:
        raise CodingInputError(f"{path}: a folder, not a sheet; name the sheet files") from None
    except CodingInputError:
        raise
    except pd.errors.EmptyDataError:
        raise CodingInputError(f"{path}: the sheet is empty") from None
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError, *ZIP_ERRORS) as exc:
        raise CodingInputError(f"{path}: cannot read the sheet: {exc}") from None
    if not rows:
        raise CodingInputError(f"{path}: the sheet is empty")
    header = [
        nfc(str(c).strip()) or f"(no name, column {get_column_letter(n)})"
        for n, c in enumerate(rows[0], start=1)
    ]
    _refuse_repeated_columns(path, header)
    frame = pd.DataFrame(rows[1:], columns=header, dtype=object).fillna("")
    frame = frame.drop(
        columns=[
            c for c in frame.columns if c.startswith("(no name") and not frame[c].str.strip().any()
        ]
    )
    for column in frame.columns:
        cells = frame[column].map(lambda v: str(v).strip())
        if filled is None or column in filled:
            frame[column] = cells
        else:
            frame[column] = cells.map(unneutralise)
    return frame


def _refuse_repeated_columns(path: Path, header: list[str]) -> None:
    """Refuse a header that names a column twice: a sheet names each column once."""
    positions: dict[str, list[str]] = {}
    for number, name in enumerate(header, start=1):
        positions.setdefault(name, []).append(get_column_letter(number))
    for name, letters in positions.items():
        if len(letters) > 1:
            raise CodingInputError(
                f"{path}: row 1: column {quoted(name)} appears {len(letters)} times "
                f"(columns {', '.join(letters)}); a sheet names each column once"
            )


def _xlsx_rows(path: Path, *, formulas: bool) -> list[list[str]]:
    """The first worksheet's cells as text; a formula cell as its formula text (`=A1+1`), or,
    unless `formulas`, refused naming the cell."""
    from openpyxl import load_workbook
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    with quiet_openpyxl(path):
        try:
            book = load_workbook(path, read_only=True, data_only=False)
        except (FileNotFoundError, IsADirectoryError):
            raise
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise CodingInputError(f"{path}: not a readable XLSX workbook: {exc}") from None
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # read the cells the file holds, not the size it declares
        rows = []
        for number, row in enumerate(sheet.iter_rows(), start=1):
            cells = []
            for column, cell in enumerate(row, start=1):
                value = cell.value
                where = f"{path}: cell {get_column_letter(column)}{number}"
                if isinstance(value, DataTableFormula):
                    raise CodingInputError(
                        f"{where} holds a data-table formula, which has no text to read; "
                        "type the value instead"
                    )
                if isinstance(value, ArrayFormula):
                    value = value.text
                if cell.data_type == "f" and not formulas:
                    raise CodingInputError(
                        f"{where} holds the formula {quoted(value)}; studykit reads values: "
                        "replace formulas by their values (paste values) or save as CSV"
                    )
                cells.append(_xlsx_text(value))
            rows.append(cells)
        book.close()
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, v in enumerate(r) if v), default=0) for r in rows), default=0)
    return [(r + [""] * width)[:width] for r in rows]


def _xlsx_text(value: object) -> str:
    """One cell as the text a reader of the sheet sees ('' for empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    iso = getattr(value, "isoformat", None)
    return str(iso() if iso is not None else value)


@dataclass(frozen=True)
class SheetProblem:
    """One mistake in a sheet, located by file, spreadsheet row (header = 1) and column."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: row {self.row}, column {quoted(self.column)}: {self.message}"


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
    rounds: Collection[str] = (),
) -> pd.DataFrame:
    """Validate filled sheets (name -> frame) and return their codings in long form.

    Raises SheetErrors listing every problem; `rater`/`round` demand that every sheet is of
    that rater and round, `raters` that every sheet's rater is one of them. A sheet's round is
    a positive whole number or one of the declared `rounds`. Rater and round names and codes
    are compared in Unicode composed form (NFC) and stored in it.
    """
    expected = _Expected(
        frozenset(nfc(r) for r in raters),
        None if rater is None else nfc(rater),
        None if round is None else nfc(round),
        frozenset(nfc(r) for r in rounds),
    )
    problems: list[SheetProblem] = []
    records: list[dict[str, str]] = []
    seen_pairs: dict[tuple[str, str], str] = {}
    known_items = set(items)
    for name, frame in sheets.items():
        parsed = _parse_one(name, frame, codebook, known_items, expected, problems)
        if parsed is None:
            continue
        pair, rows = parsed
        if pair in seen_pairs:
            problems.append(
                SheetProblem(
                    name,
                    2,
                    "rater",
                    f"rater {quoted(pair[0])}, round {quoted(pair[1])} "
                    f"is also in {seen_pairs[pair]}",
                )
            )
        seen_pairs[pair] = name
        records.extend(rows)
    if problems:
        raise SheetErrors(problems)
    return pd.DataFrame(records, columns=[*CODINGS_COLUMNS, "source"])


@dataclass(frozen=True)
class _Expected:
    """What every sheet must be of: raters, one rater, one round, the declared round names."""

    raters: frozenset[str]
    rater: str | None
    round: str | None
    rounds: frozenset[str]


def _parse_one(
    name: str,
    frame: pd.DataFrame,
    codebook: Codebook,
    items: set[str],
    expected: _Expected,
    problems: list[SheetProblem],
) -> tuple[tuple[str, str], list[dict[str, str]]] | None:
    before = len(problems)
    allowed = {*CONTEXT, NOTES, *codebook.names()}
    for column in frame.columns:
        if column not in allowed:
            close = difflib.get_close_matches(column, sorted(allowed), n=1)
            hint = f" (did you mean {quoted(close[0])}?)" if close else ""
            problems.append(SheetProblem(name, 1, column, f"unknown column{hint}"))
    for column in ("item_id", "rater", "round", *codebook.names()):
        if column not in frame.columns:
            problems.append(SheetProblem(name, 1, column, "required column is missing"))
    if len(problems) > before:
        return None
    if frame.empty:
        problems.append(SheetProblem(name, 2, "item_id", "the sheet has no rows"))
        return None
    frame = frame.assign(rater=frame["rater"].map(nfc), round=frame["round"].map(nfc))
    sheet_rater, sheet_round = frame["rater"].iloc[0], frame["round"].iloc[0]
    rater, round, raters = expected.rater, expected.round, expected.raters
    if rater is not None and sheet_rater != rater:
        problems.append(
            SheetProblem(name, 2, "rater", f"sheet of {quoted(sheet_rater)}, not {quoted(rater)}")
        )
    if round is not None and sheet_round != round:
        problems.append(
            SheetProblem(
                name, 2, "round", f"sheet of round {quoted(sheet_round)}, not {quoted(round)}"
            )
        )
    if not is_round(sheet_round, expected.rounds):
        problems.append(SheetProblem(name, 2, "round", round_problem(sheet_round, expected.rounds)))
    if raters and sheet_rater not in raters:
        problems.append(
            SheetProblem(
                name,
                2,
                "rater",
                f"{quoted(sheet_rater)} is not a rater of the study ({', '.join(sorted(raters))})",
            )
        )
    rows: list[dict[str, str]] = []
    first_row: dict[str, int] = {}
    for offset, record in enumerate(frame.to_dict("records")):
        row = offset + 2
        item = record["item_id"]
        for column, first in (("rater", sheet_rater), ("round", sheet_round)):
            if record[column] != first:
                problems.append(
                    SheetProblem(
                        name,
                        row,
                        column,
                        f"{quoted(record[column])} differs from row 2's "
                        f"{quoted(first)}: a sheet holds one rater and one round",
                    )
                )
        if not item:
            problems.append(SheetProblem(name, row, "item_id", "empty item id"))
            continue
        if item not in items:
            problems.append(
                SheetProblem(name, row, "item_id", f"{quoted(item)} is not in the sample")
            )
        if item in first_row:
            problems.append(
                SheetProblem(name, row, "item_id", f"{quoted(item)} repeats row {first_row[item]}")
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
    values = [nfc(v.strip()) for v in cell.split(";") if v.strip()]
    if not values:
        if dim.required:
            problems.append(
                SheetProblem(name, row, dim.name, "empty, but the dimension is required")
            )
        return []
    if len(values) > 1 and not dim.multi_label:
        problems.append(
            SheetProblem(
                name, row, dim.name, f"{quoted(cell)} has several codes; {dim.name} takes one"
            )
        )
        return []
    codes = []
    for value in values:
        code = dim.resolve(value)
        if code is None:
            close = difflib.get_close_matches(value, dim.names(), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"codes: {', '.join(dim.names())}"
            problems.append(
                SheetProblem(
                    name, row, dim.name, f"{quoted(value)} is not a code of {dim.name} ({hint})"
                )
            )
        elif code not in codes:
            codes.append(code)
    return codes
