"""What a rater typed comes back as typed; what studykit wrote comes back exactly; bad rounds,
long cells and names in decomposed Unicode are handled, not stored or printed raw."""

import unicodedata
import warnings
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from coding.codebook import Codebook
from coding.coding_changes import count_changes
from coding.errors import CodingInputError, quoted
from coding.formulas import neutralise, spreadsheet_safe, unneutralise
from coding.sheets import (
    NOTES,
    SheetErrors,
    blank_sheet,
    parse_sheets,
    read_sheet,
    write_sheet_csv,
    write_sheet_xlsx,
)
from tests.support.codebooks import small_codebook
from tests.support.workbooks import with_extension

ITEMS = pd.DataFrame(
    {
        "id": ["r/a#1", "r/a#2", "r/a#3"],
        "link": ["u1", "u2", "u3"],
        "title": ["'quoted'", "'=1+2", "=cmd|' /C calc'!A0"],
        "text": ["\uff1dSUM(A1)", "\ttab", "plain"],
    }
)


def filled_sheet(rater: str = "alice", round: str = "1") -> pd.DataFrame:
    sheet = blank_sheet(ITEMS, small_codebook(), rater=rater, round=round)
    sheet["defect_type"] = ["env_api", "model", "training"]
    sheet["symptom"] = ["crash", "crash", "slow"]
    return sheet


def typed(codebook: Codebook) -> set[str]:
    return {*codebook.names(), NOTES}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_what_studykit_wrote_comes_back_exactly(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"s.{fmt}"
    sheet = filled_sheet()
    if fmt == "csv":
        write_sheet_csv(sheet, path)
    else:
        write_sheet_xlsx(sheet, small_codebook(), path)
    back = read_sheet(path, filled=typed(small_codebook()))
    assert back["title"].tolist() == ITEMS["title"].tolist()
    assert back["text"].tolist() == ITEMS["text"].tolist()


def test_the_prefix_is_taken_off_exactly_once() -> None:
    for value in ["=1", "'=1", "''=1", "'", "plain", "-3", "@x", "\uff0b1"]:
        assert unneutralise(neutralise(value)) == value  # type: ignore[arg-type]
        written = neutralise(value)
        assert not str(written).startswith(("=", "+", "-", "@", "\uff0b"))


def test_spreadsheet_safe_leaves_numbers_and_odd_column_names_alone() -> None:
    frame = pd.DataFrame([[-1.5, "-x", "=y", 3]], columns=["n", "a", "a", 7])
    safe = spreadsheet_safe(frame)
    assert safe.iloc[0].tolist() == [-1.5, "'-x", "'=y", 3]
    assert list(safe.columns) == ["n", "a", "a", 7] and frame.iloc[0, 1] == "-x"


def test_a_note_typed_with_an_apostrophe_is_stored_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    sheet = filled_sheet()
    sheet[NOTES] = ["'=1+2", "=SUM(A1)", "'plain"]
    sheet.to_csv(path, index=False)
    codings = parse_sheets(
        {"s.csv": read_sheet(path, filled=typed(small_codebook()))},
        small_codebook(),
        items=set(ITEMS["id"]),
    )
    notes = codings.drop_duplicates("item_id").set_index("item_id")["note"]
    assert notes.to_dict() == {"r/a#1": "'=1+2", "r/a#2": "=SUM(A1)", "r/a#3": "'plain"}


def xlsx_with_formula_note(path: Path, formula: str) -> None:
    book = Workbook()
    ws = book.active
    assert ws is not None
    sheet = filled_sheet()
    ws.append(list(sheet.columns))
    for record in sheet.itertuples(index=False):
        ws.append(list(record))
    notes = list(sheet.columns).index(NOTES) + 1
    ws.cell(row=2, column=notes).value = formula  # a formula cell: no cached value
    book.save(path)


def test_an_xlsx_note_holding_a_formula_is_read_as_its_formula(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    xlsx_with_formula_note(path, "=1+2")
    codings = parse_sheets(
        {"s.xlsx": read_sheet(path, filled=typed(small_codebook()))},
        small_codebook(),
        items=set(ITEMS["id"]),
    )
    assert set(codings.loc[codings["item_id"] == "r/a#1", "note"]) == {"=1+2"}


def test_an_xlsx_code_cell_holding_a_formula_is_refused_with_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    book = Workbook()
    ws = book.active
    assert ws is not None
    sheet = filled_sheet()
    ws.append(list(sheet.columns))
    for record in sheet.itertuples(index=False):
        ws.append(list(record))
    ws.cell(row=3, column=list(sheet.columns).index("defect_type") + 1).value = "=codebook!A2"
    book.save(path)
    with pytest.raises(SheetErrors, match=r"row 3, column 'defect_type': '=codebook!A2'"):
        parse_sheets(
            {str(path): read_sheet(path, filled=typed(small_codebook()))},
            small_codebook(),
            items=set(ITEMS["id"]),
        )


@pytest.mark.parametrize("bad", ["NaN", "nan", "inf", "-inf", "-1", "0", "1.5", "01", ""])
def test_a_round_that_is_not_a_positive_number_or_declared_is_refused(bad: str) -> None:
    sheet = filled_sheet(round=bad)
    with pytest.raises(SheetErrors) as info:
        parse_sheets({"a.csv": sheet}, small_codebook(), items=set(ITEMS["id"]))
    assert f"a.csv: row 2, column 'round': {bad!r} is not a round" in str(info.value)


def test_declared_round_names_and_positive_numbers_are_rounds() -> None:
    for good, declared in (("pilot", ["pilot"]), ("2", []), ("12", [])):
        codings = parse_sheets(
            {"a.csv": filled_sheet(round=good)},
            small_codebook(),
            items=set(ITEMS["id"]),
            rounds=declared,
        )
        assert set(codings["round"]) == {good}


def test_a_rater_in_decomposed_unicode_is_the_same_rater() -> None:
    decomposed = unicodedata.normalize("NFD", "zoë")
    assert decomposed != "zoë"
    codings = parse_sheets(
        {"z.csv": filled_sheet(rater=decomposed)},
        small_codebook(),
        items=set(ITEMS["id"]),
        raters=["zoë"],
        rater="zoë",
    )
    assert set(codings["rater"]) == {"zoë"}


def test_an_error_quoting_a_huge_cell_stays_readable() -> None:
    sheet = filled_sheet()
    sheet["defect_type"] = ["x" * 10_000_000, "model", "training"]
    sheet[NOTES] = "n"
    sheet = sheet.rename(columns={"notes": "y" * 100_000})
    with pytest.raises(CodingInputError) as info:
        parse_sheets({"a.csv": sheet}, small_codebook(), items=set(ITEMS["id"]))
    assert len(str(info.value)) < 2_000
    assert "100,000 characters" in str(info.value)
    sheet = sheet.rename(columns={"y" * 100_000: NOTES})
    with pytest.raises(CodingInputError) as info:
        parse_sheets({"a.csv": sheet}, small_codebook(), items=set(ITEMS["id"]))
    assert len(str(info.value)) < 1_000
    assert "10,000,000 characters" in str(info.value)


def test_quoted_cuts_long_values_and_says_how_long() -> None:
    assert quoted("short") == "'short'"
    assert quoted("a" * 500) == repr("a" * 60) + "... (500 characters)"


def test_a_header_naming_a_column_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("item_id,rater,round,defect_type,defect_type\nr/a#1,alice,1,model,model\n")
    with pytest.raises(CodingInputError, match=r"'defect_type' appears 2 times \(columns D, E\)"):
        read_sheet(path)


def test_openpyxl_warnings_do_not_leak(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    write_sheet_xlsx(filled_sheet(), small_codebook(), path)
    extended = with_extension(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        back = read_sheet(extended, filled=typed(small_codebook()))
    assert back["defect_type"].tolist() == ["env_api", "model", "training"]


def test_changes_pair_replaced_codes_and_count_removals() -> None:
    def coding(item: str, code: str, note: str = "") -> dict[str, str]:
        return {"item_id": item, "rater": "a", "round": "1", "dimension": "d", "code": code}

    stored = pd.DataFrame(
        [coding("1", "x"), coding("2", "x"), coding("2", "y"), coding("3", "x"), coding("4", "z")]
    ).assign(note=["", "", "", "old", ""])
    incoming = pd.DataFrame(
        [coding("1", "x"), coding("2", "w"), coding("3", "x"), coding("5", "x")]
    ).assign(note=["", "", "new", ""])
    counts = count_changes(stored, incoming).iloc[0].to_dict()
    assert counts == {
        "rater": "a",
        "round": "1",
        "added": 1,  # item 5
        "changed": 2,  # item 2's x -> w, item 3's note
        "removed": 2,  # item 2's y, item 4
        "unchanged": 1,  # item 1
    }


def test_a_date_cell_whose_number_is_no_date_is_refused_not_read_as_an_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.xlsx"
    write_sheet_xlsx(filled_sheet(), small_codebook(), path)
    from openpyxl import load_workbook

    book = load_workbook(path)
    cell = book["labels"].cell(row=3, column=list(filled_sheet().columns).index(NOTES) + 1)
    cell.value = 10**12
    cell.number_format = "yyyy-mm-dd"
    book.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(CodingInputError, match=r"s\.xlsx: cell \w+3 is formatted as a date"):
            read_sheet(path, filled=typed(small_codebook()))


@pytest.mark.parametrize("suffix", ["", ".csv", ".xlsx"])
def test_a_folder_is_no_sheet(tmp_path: Path, suffix: str) -> None:
    folder = tmp_path / f"sheets{suffix}"
    folder.mkdir()
    with pytest.raises(CodingInputError, match="a folder, not a"):
        read_sheet(folder)
