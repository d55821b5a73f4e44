"""Tolerant reading of messy tables: encodings, BOMs, separators, line endings, Excel cells."""

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from coding.errors import CodingInputError
from coding.tables import read_table, sniff_separator


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_column(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.csv", "\ufeffid,label\n1,Crash\n".encode())
    table = read_table(path)
    assert list(table.frame.columns) == ["id", "label"]
    assert "byte-order mark" in table.notes[0]


def test_a_utf16_file_with_its_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.csv", "id\tlabel\n1\tCrash\n".encode("utf-16"))
    table = read_table(path)
    assert table.frame.to_dict("records") == [{"id": "1", "label": "Crash"}]


def test_a_windows_1252_file_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path / "cp.csv", "id,label\n1,Défaut\n".encode("cp1252"))
    table = read_table(path)
    assert table.frame.at[0, "label"] == "Défaut"
    assert "encoding cp1252" in table.notes


def test_semicolon_separated_values_are_detected(tmp_path: Path) -> None:
    path = write(tmp_path / "semi.csv", b"id;label;note\n1;Crash;a, b\n2;Hang;c\n")
    table = read_table(path)
    assert list(table.frame.columns) == ["id", "label", "note"]
    assert table.frame.at[0, "note"] == "a, b"
    assert "separator ';'" in table.notes


def test_the_separator_can_be_given(tmp_path: Path) -> None:
    path = write(tmp_path / "pipe.txt", b"id|label\n1|Crash\n")
    assert list(read_table(path, sep="|").frame.columns) == ["id", "label"]
    assert sniff_separator("a\tb\tc\n1\t2\t3\n") == "\t"


def test_crlf_and_lone_cr_line_endings_and_quoted_newlines(tmp_path: Path) -> None:
    path = write(tmp_path / "crlf.csv", b'id,text\r\n1,"two\r\nlines"\r\n2,x\r3,y\r\n')
    table = read_table(path)
    assert table.frame["id"].tolist() == ["1", "2", "3"]
    assert table.frame.at[0, "text"] == "two\nlines"


def test_the_text_none_and_na_stay_text(tmp_path: Path) -> None:
    path = write(tmp_path / "none.csv", b"id,label\n1,None\n2,NA\n3,\n")
    frame = read_table(path).frame
    assert frame["label"].tolist() == ["None", "NA", None]


def test_blank_rows_are_skipped_but_rows_keep_their_file_numbers(tmp_path: Path) -> None:
    path = write(tmp_path / "gaps.csv", b"id,label\n1,a\n,\n\n2,b\n")
    table = read_table(path)
    assert table.rows == [2, 5]
    assert table.where(1, "label") == f"{path} row 5, column 'label' (B)"


def test_a_header_row_below_a_title_block(tmp_path: Path) -> None:
    path = write(tmp_path / "title.csv", b"Study labels\nexported 2020\nid,label\n1,a\n")
    table = read_table(path, header_row=3)
    assert list(table.frame.columns) == ["id", "label"] and table.rows == [4]
    with pytest.raises(CodingInputError, match="outside"):
        read_table(path, header_row=9)


def test_unnamed_and_repeated_headers_get_distinct_names(tmp_path: Path) -> None:
    path = write(tmp_path / "names.csv", b",Tag,tag\n0,a,b\n")
    assert list(read_table(path).frame.columns) == ["(column 1)", "Tag", "tag (2)"]


def workbook(path: Path) -> Path:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Notes"
    first.append(["just", "notes"])
    sheet = book.create_sheet("Round 2 All")
    sheet.append(["Link", "Issue #", "Date", "Duration", "Score", "Cat"])
    sheet.append(
        ["u1", 42, dt.datetime(2019, 4, 11), dt.timedelta(hours=34, minutes=56), 0.5, "4.1"]
    )
    sheet.append([None, None, None, None, None, None])
    sheet.append(["u2", 43.0, dt.datetime(2019, 4, 11, 9, 30), dt.time(10, 5), 1, None])
    book.save(path)
    return path


def test_excel_numbers_dates_and_durations_come_back_as_text(tmp_path: Path) -> None:
    table = read_table(workbook(tmp_path / "book.xlsx"), sheet="round 2 all")
    records = table.frame.to_dict("records")
    assert records[0] == {
        "Link": "u1", "Issue #": "42", "Date": "2019-04-11", "Duration": "34:56:00",
        "Score": "0.5", "Cat": "4.1",
    }  # fmt: skip
    assert records[1]["Issue #"] == "43" and records[1]["Date"] == "2019-04-11 09:30:00"
    assert records[1]["Duration"] == "10:05:00"
    assert table.rows == [2, 4]
    assert any("date/duration" in note for note in table.notes)


def test_a_multi_sheet_workbook_reads_the_first_sheet_and_says_so(tmp_path: Path) -> None:
    table = read_table(workbook(tmp_path / "book.xlsx"))
    assert list(table.frame.columns) == ["just", "notes"]
    assert "the first of 'Notes', 'Round 2 All'" in table.notes[0]


def test_an_unknown_sheet_is_named_with_the_sheets_there_are(tmp_path: Path) -> None:
    with pytest.raises(CodingInputError, match=r"no sheet 'Round 3'.*'Round 2 All'"):
        read_table(workbook(tmp_path / "book.xlsx"), sheet="Round 3")


def test_a_missing_file_and_an_empty_file_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(CodingInputError, match="no such file"):
        read_table(tmp_path / "absent.csv")
    with pytest.raises(CodingInputError, match="empty"):
        read_table(write(tmp_path / "empty.csv", b"\n\n"))


def test_a_quote_that_never_closes_is_refused_naming_the_row_where_it_opens(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "open.csv", b'id,label\n1,Crash\n2,"Hang\n3,Leak\n4,Slow\n')
    with pytest.raises(CodingInputError) as caught:
        read_table(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: row 3: ")
    assert "quote" in message and "never closed" in message
    assert "\n" not in message


def test_a_quote_that_never_closes_on_the_last_line_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "tail.csv", b'id,label\n1,Crash\n2,"Hang')
    with pytest.raises(CodingInputError, match=r"tail\.csv: row 3: .*never closed"):
        read_table(path)


def test_closed_quotes_over_several_lines_still_read(tmp_path: Path) -> None:
    path = write(tmp_path / "closed.csv", b'id,label\n1,"two\nlines ""quoted"""\n2,x')
    table = read_table(path)
    assert table.frame["label"].tolist() == ['two\nlines "quoted"', "x"]
    assert table.rows == [2, 3]
