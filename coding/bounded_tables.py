"""Rows of CSV text and XLSX sheets read within the limits of file_limits.py.

Rows, columns, cells and the characters of one cell are counted while reading, so a file that
declares millions of rows or columns, or holds a cell of gigabytes, is refused at the row where
it passes a limit instead of being read on. `check_table_file` runs the same checks on a file
before a reader that cannot count (pandas) reads it.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coding.errors import CodingInputError
from coding.file_limits import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    check_cell,
    check_size,
    check_text,
    too_many,
)
from coding.safe_zip import check_zip
from coding.workbook_warnings import quiet_openpyxl

XLSX_SUFFIXES = (".xlsx", ".xlsm")


class _Counter:
    """Rows and cells read so far; refuses the row that passes a limit."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.rows = 0
        self.cells = 0

    def add(self, number: int, width: int) -> None:
        """Count row `number` (1-based) of `width` cells."""
        self.rows = number
        if number > MAX_ROWS:
            raise too_many(self.source, number, MAX_ROWS, "rows")
        if width > MAX_COLUMNS:
            raise too_many(f"{self.source}: row {number}", width, MAX_COLUMNS, "columns")
        self.cells += width
        if self.cells > MAX_CELLS:
            raise too_many(f"{self.source}: row {number}", self.cells, MAX_CELLS, "cells")


def csv_rows(text: str, sep: str, source: str) -> Iterator[list[str]]:
    """The rows of CSV text, refused at the first row beyond a limit or at a quote that never
    closes (which would read the rest of the file into one cell)."""
    check_text(text, source)
    counter = _Counter(source)
    ended = text + ("" if text == "" or text.endswith(("\n", "\r")) else "\n") + _END
    with wide_fields():
        reader = csv.reader(io.StringIO(ended, newline=""), delimiter=sep)
        starts = 1
        while True:
            try:
                row = next(reader, None)
            except csv.Error as exc:
                problem = (
                    f"refused: a cell of more than {MAX_CELL_CHARS:,} characters (or a quote "
                    "that opens in this row and never closes)"
                    if "field limit" in str(exc)
                    else str(exc)
                )
                raise CodingInputError(f"{source}: row {counter.rows + 1}: {problem}") from None
            if row is None or row == [_END]:
                return
            if row and row[-1].endswith(_END):
                raise _open_quote(source, counter.rows + 1, starts)
            counter.add(counter.rows + 1, len(row))
            starts = reader.line_num + 1
            yield row


# A line put after the text: a row of its own, unless a quote left open swallows it (the text
# holds no NUL: check_text refuses it).
_END = "\0"


def _open_quote(source: str, row: int, line: int) -> CodingInputError:
    """The error for a quote opened in `row` (starting on `line`) that never closes."""
    at = f"row {row}" if row == line else f"row {row} (line {line})"
    return CodingInputError(
        f"{source}: {at}: refused: a quote opens in this row and is never closed, so the rest "
        "of the file would be read as one cell; close it, or write a quote inside a quoted "
        'cell as ""'
    )


@contextmanager
def wide_fields() -> Iterator[None]:
    """Let the csv module read cells up to MAX_CELL_CHARS (its default stops at 131,072)."""
    previous = csv.field_size_limit(MAX_CELL_CHARS)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def xlsx_rows(sheet: Any, source: str) -> Iterator[list[Any]]:
    """The values of a read-only openpyxl sheet from row 1, one list per row (None when empty).

    Only the cells the file holds are read: a row is as wide as its last filled cell, and
    rows the file skips come back empty, so row numbers stay those of the spreadsheet.
    (`iter_rows` pads every row to the width the file declares, and every skipped row too.)
    The values come from openpyxl's own sheet parser, as its read-only sheets use it; the
    openpyxl version is pinned in constraints.txt.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent
    counter = _Counter(source)
    with sheet._get_source() as handle:
        parser = WorkSheetParser(
            handle,
            sheet._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, found in parser.parse():
            skipped = number - counter.rows - 1
            if skipped < 0:
                continue
            filled = {cell["column"]: cell["value"] for cell in found if cell["value"] is not None}
            counter.add(number, max(filled, default=0))
            yield from ([] for _ in range(skipped))
            row: list[Any] = [None] * max(filled, default=0)
            for column, value in filled.items():
                if isinstance(value, str):
                    check_cell(source, number, column, value)
                row[column - 1] = value
            yield row


def check_table_file(path: Path, what: str) -> None:
    """Refuse a CSV or XLSX file beyond a limit before a reader that cannot count reads it.

    A missing file raises FileNotFoundError, which each reader reports in its own words; text
    that is not UTF-8 is left to the reader to report as before.
    """
    if path.suffix.lower() in XLSX_SUFFIXES:
        _check_xlsx(path)
        return
    check_size(path, MAX_FILE_BYTES, what)
    try:
        text = codecs.decode(path.read_bytes(), "utf-8-sig")
    except UnicodeDecodeError:
        return
    check_text(text, str(path))
    for _ in csv_rows(text, ",", str(path)):
        pass


def _check_xlsx(path: Path) -> None:
    from openpyxl import load_workbook

    check_zip(path, "workbook (.xlsx)")
    try:
        with quiet_openpyxl(path):
            book = load_workbook(path, read_only=True, data_only=True)
            try:
                for _ in xlsx_rows(book.worksheets[0], str(path)):
                    pass
            finally:
                book.close()
    except CodingInputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise CodingInputError(f"{path}: not a readable XLSX workbook: {exc}") from None
