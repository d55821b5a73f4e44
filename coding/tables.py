"""Read the messy tables of replication packages: CSV of any encoding and separator, XLSX sheets.

Every cell comes back as text exactly as the file shows it (or None when empty): numbers
without a spurious ".0", Excel dates and durations as ISO text, the text "None" as text.
`Table.rows` keeps each data row's number in the file, so errors can name it.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from coding.bounded_tables import csv_rows, wide_fields, xlsx_rows
from coding.columns import column_key, column_letter, find_column, pick_column
from coding.errors import CodingInputError
from coding.file_limits import MAX_FILE_BYTES, check_size, check_text
from coding.safe_zip import check_zip
from coding.workbook_warnings import quiet_openpyxl

SEPARATORS = (",", ";", "\t", "|")
_SNIFF_ROWS = 50
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Table:
    """A table read from a file: text cells, each data row's number in the file, what was found."""

    frame: pd.DataFrame
    rows: list[int]
    source: str
    header_row: int
    notes: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    places: list[int] = field(default_factory=list)

    def column(
        self, wanted: str, *, synonyms: tuple[str, ...] = (), loose: bool = True, option: str = "{}"
    ) -> str:
        """The frame column `wanted` names: a header (never one that occurs twice), a letter
        or a 1-based position (see coding.columns.pick_column)."""
        names = list(self.frame.columns)
        headers = self.headers or names
        places = self.places or list(range(1, len(names) + 1))
        return pick_column(
            names, headers, places, wanted, synonyms=synonyms, where=self.source, loose=loose,
            option=option,
        )  # fmt: skip

    def label(self, column: str) -> str:
        """'Final' (I): a column's header and letter, for messages."""
        names = list(self.frame.columns)
        if not self.places or column not in names:
            return repr(column)
        at = names.index(column)
        return f"{self.headers[at]!r} ({column_letter(self.places[at])})"

    def cell(self, position: int, column: str) -> str | None:
        """The text of one cell (None when empty)."""
        value = self.frame.at[position, column]
        return value if isinstance(value, str) else None

    def where(self, position: int, column: str | None = None) -> str:
        """'FILE row N[, column C]' for the data row at `position`, for messages."""
        place = f"{self.source} row {self.rows[position]}"
        return f"{place}, column {self.label(column)}" if column is not None else place


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    sep: str | None = None,
    encoding: str | None = None,
    skip: int = 0,
    footer: int = 0,
) -> Table:
    """Read a CSV/TSV/XLSX file into text cells; detect encoding, BOM, separator, header row.

    `skip` drops that many data rows after the header (e.g. the import-id row of a Qualtrics
    export), `footer` that many at the end (e.g. totals under the data); blank rows don't count.
    """
    path = Path(path)
    if not path.is_file():
        raise CodingInputError(f"{path}: no such file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        if sep is not None or encoding is not None:
            raise CodingInputError(f"{path}: --sep and --encoding apply to text files, not XLSX")
        cells, source, notes = _xlsx_cells(path, sheet)
    else:
        if sheet is not None:
            raise CodingInputError(f"{path}: --sheet applies to XLSX workbooks, not text files")
        cells, source, notes = _text_cells(path, sep, encoding)
    return _table(cells, source, header_row, notes, (skip, footer))


def _text_cells(
    path: Path, sep: str | None, encoding: str | None
) -> tuple[list[list[str | None]], str, list[str]]:
    check_size(path, MAX_FILE_BYTES, "a table")
    raw = path.read_bytes()
    text, used = _decode(raw, encoding, path)
    check_text(text, str(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    notes = [f"encoding {used}"]
    if sep is None:
        sep = sniff_separator(text)
        notes.append(f"separator {sep!r}")
    elif len(sep) != 1:
        sep = {"\\t": "\t", "tab": "\t"}.get(sep.lower(), sep)
        if len(sep) != 1:
            raise CodingInputError(f"{path}: the separator must be one character, not {sep!r}")
    cells = [[c if c != "" else None for c in row] for row in csv_rows(text, sep, str(path))]
    return cells, str(path), notes


def _decode(raw: bytes, encoding: str | None, path: Path) -> tuple[str, str]:
    if encoding is not None:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise CodingInputError(f"{path}: cannot read as {encoding}: {exc}") from None
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return raw.decode(name), f"{name} (byte-order mark)"
    for name in ("utf-8", "cp1252", "latin-1"):
        try:
            return raw.decode(name), name
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def sniff_separator(text: str) -> str:
    """The separator that splits the first rows into the same number (> 1) of fields."""
    head = "\n".join(text.split("\n")[:_SNIFF_ROWS])
    best, best_score = ",", (0.0, 0)
    for candidate in SEPARATORS:
        try:
            with wide_fields():
                rows = list(csv.reader(io.StringIO(head, newline=""), delimiter=candidate))
        except csv.Error:  # a cell too long to be one: not this separator
            continue
        widths = [len(row) for row in rows if row]
        if not widths:
            continue
        width, times = Counter(widths).most_common(1)[0]
        score = (times / len(widths), width) if width > 1 else (0.0, 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _xlsx_cells(path: Path, sheet: str | None) -> tuple[list[list[str | None]], str, list[str]]:
    from openpyxl import load_workbook

    check_zip(path, "workbook (.xlsx)")
    with quiet_openpyxl(path):
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise CodingInputError(f"{path}: not a readable XLSX workbook: {exc}") from None
    names = list(book.sheetnames)
    notes = []
    if sheet is None:
        chosen = names[0]
        if len(names) > 1:
            notes.append(f"sheet {chosen!r} (the first of {', '.join(map(repr, names))})")
    else:
        chosen = find_column(names, sheet, what="sheet", where=str(path))
        notes.append(f"sheet {chosen!r}")
    converted: list[str] = []
    source = f"{path} [{chosen}]"
    try:
        with quiet_openpyxl(path):
            cells = [
                [_cell_text(v, converted) for v in row] for row in xlsx_rows(book[chosen], source)
            ]
    except CodingInputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise CodingInputError(f"{source}: not a readable XLSX sheet: {exc}") from None
    finally:
        book.close()
    if converted:
        shown = ", ".join(converted[:3]) + (", ..." if len(converted) > 3 else "")
        notes.append(f"{len(converted)} date/duration cell(s) read as text ({shown})")
    return cells, source, notes


def _cell_text(value: object, converted: list[str]) -> str | None:
    """A cell value as the text a reader of the sheet sees."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value != "" else None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = _temporal_text(value)
    if text is None:
        return str(value)
    converted.append(text)
    return text


def _temporal_text(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return None


def _table(
    cells: list[list[str | None]],
    source: str,
    header_row: int | None,
    notes: list[str],
    trim: tuple[int, int],
) -> Table:
    numbered = [(n, row) for n, row in enumerate(cells, start=1) if _filled(row)]
    if not numbered:
        raise CodingInputError(f"{source}: the table is empty")
    if header_row is None:
        header_at, header = numbered[0]
    else:
        if header_row < 1 or header_row > len(cells):
            raise CodingInputError(
                f"{source}: --header-row {header_row} is outside the {len(cells)} rows"
            )
        header_at, header = header_row, cells[header_row - 1]
        notes.append(f"header on row {header_at}")
    data = [(n, row) for n, row in numbered if n > header_at]
    skip, footer = trim
    data = data[skip : len(data) - footer]
    if skip or footer:
        notes.append(f"left out {skip} row(s) after the header and {footer} at the end")
    width = max([len(header), *(len(row) for _, row in data)])
    names = _column_names(header, width)
    keep = [
        i
        for i, name in enumerate(names)
        if _header_cell(header, i) is not None or any(_at(row, i) is not None for _, row in data)
    ]
    frame = pd.DataFrame(
        [[_at(row, i) for i in keep] for _, row in data],
        columns=[names[i] for i in keep],
        dtype=object,
    )
    headers = [_header_cell(header, i) or names[i] for i in keep]
    return Table(
        frame, [n for n, _ in data], source, header_at, notes, headers, [i + 1 for i in keep]
    )


def _header_cell(header: list[str | None], index: int) -> str | None:
    """The header text of column `index`, or None when it is blank."""
    value = _at(header, index)
    return value.strip() or None if value is not None else None


def _column_names(header: list[str | None], width: int) -> list[str]:
    names: list[str] = []
    seen: Counter[str] = Counter()
    for i in range(width):
        name = _header_cell(header, i) or f"(column {i + 1})"
        seen[column_key(name)] += 1
        names.append(name if seen[column_key(name)] == 1 else f"{name} ({seen[column_key(name)]})")
    return names


def _at(row: list[str | None], index: int) -> str | None:
    return row[index] if index < len(row) else None


def _filled(row: list[str | None]) -> bool:
    return any(c is not None and c.strip() != "" for c in row)
