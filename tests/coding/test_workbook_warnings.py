"""Reading a workbook prints none of openpyxl's warnings; a value it would change is refused."""

import warnings
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from coding.errors import CodingInputError
from coding.tables import read_table

EXTENSION = b'<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}"><x/></ext></extLst>'


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    ws = book.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def with_extension(path: Path) -> Path:
    """The workbook with a conditional-formatting extension openpyxl warns it drops."""
    changed = path.with_name("extended.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(changed, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", EXTENSION + b"</worksheet>")
            target.writestr(entry, data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        list(load_workbook(changed, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert caught, "openpyxl no longer warns of this extension: pick another"
    return changed


def test_a_label_table_reads_without_openpyxl_warnings(tmp_path: Path) -> None:
    path = with_extension(workbook(tmp_path / "t.xlsx", [["id", "label"], ["1", "crash"]]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = read_table(path)
    assert list(table.frame.columns) == ["id", "label"]


def test_a_date_cell_holding_no_date_is_refused_in_a_label_table(tmp_path: Path) -> None:
    path = workbook(tmp_path / "t.xlsx", [["id", "when"], ["1", 10**12]])
    book = load_workbook(path)
    book.active["B2"].number_format = "yyyy-mm-dd"  # type: ignore[index]
    book.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(CodingInputError, match=r"t\.xlsx: cell B2 is formatted as a date"):
            read_table(path)
