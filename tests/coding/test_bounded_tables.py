"""XLSX rows are read as the file holds them, not as its declared dimension says."""

from pathlib import Path

from coding.tables import read_table
from tests.support.hostile_files import sheet_xml, text_cell, xlsx_with_sheet


def test_a_sheet_that_declares_less_than_it_holds_is_read_whole(tmp_path: Path) -> None:
    rows = "".join(
        f'<row r="{n}">{text_cell(f"A{n}", "id" if n == 1 else str(n))}'
        f"{text_cell(f'B{n}', 'title' if n == 1 else f't{n}')}</row>"
        for n in range(1, 11)
    )
    path = tmp_path / "short.xlsx"
    path.write_bytes(xlsx_with_sheet(sheet_xml(rows, dimension="A1:A3")))
    table = read_table(path)
    assert list(table.frame.columns) == ["id", "title"]
    assert list(table.frame["id"]) == [str(n) for n in range(2, 11)]
    assert table.rows == list(range(2, 11))
