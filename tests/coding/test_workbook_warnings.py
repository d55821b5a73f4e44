"""Reading a workbook prints none of openpyxl's warnings; a value it would change is refused."""

import warnings
from pathlib import Path

import pytest
from openpyxl import load_workbook

from coding.errors import CodingInputError
from coding.tables import read_table
from tests.support.workbooks import with_extension, workbook


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
