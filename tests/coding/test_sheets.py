"""Sheets go out neutralised with drop-downs and come back validated, all or nothing."""

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from coding.sheets import (
    SheetErrors,
    blank_sheet,
    parse_sheets,
    read_sheet,
    write_sheet_csv,
    write_sheet_xlsx,
)
from tests.support.codebooks import small_codebook

ITEMS = pd.DataFrame(
    {
        "id": ["r/a#1", "r/a#2", "r/a#3"],
        "link": ["https://github.com/r/a/issues/1", "u2", "u3"],
        "title": ['=HYPERLINK("http://evil")', "+1 crash", "plain"],
        "text": ["@SUM(A1)", None, "-rm -rf"],
    }
)


def filled(rater: str = "alice", round: str = "1") -> pd.DataFrame:
    sheet = blank_sheet(ITEMS, small_codebook(), rater=rater, round=round)
    sheet["defect_type"] = ["env_api", "Model", "training"]
    sheet["symptom"] = ["crash; wrong_output", "crash", "slow"]
    sheet["stage"] = ["data", "", "training"]
    return sheet


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    write_sheet_csv(filled(), path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    for value in raw.to_numpy().ravel():
        assert not str(value).startswith(("=", "+", "-", "@", "\t", "\r"))
    back = read_sheet(path, filled=small_codebook().names())
    assert back.loc[0, "title"] == '=HYPERLINK("http://evil")'
    assert back.loc[2, "text"] == "-rm -rf"


def test_xlsx_has_dropdowns_hidden_codebook_and_frozen_header(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    write_sheet_xlsx(filled(), small_codebook(), path)
    book = load_workbook(path)
    ws = book["labels"]
    assert ws.freeze_panes == "B2"
    assert book["codebook"].sheet_state == "hidden"
    formulas = sorted(v.formula1 for v in ws.data_validations.dataValidation)
    assert formulas == ["='codebook'!$A$2:$A$6", "='codebook'!$B$2:$B$4", "='codebook'!$C$2:$C$4"]
    assert all(
        cell.data_type == "s" for row in ws.iter_rows(min_row=2) for cell in row if cell.value
    )
    codings = parse_sheets({"s.xlsx": read_sheet(path)}, small_codebook(), items=set(ITEMS["id"]))
    assert len(codings) == 9


def test_valid_sheet_becomes_long_codings() -> None:
    codings = parse_sheets({"a.csv": filled()}, small_codebook(), items=set(ITEMS["id"]))
    first = codings[codings["item_id"] == "r/a#1"]
    assert sorted(first["code"]) == ["crash", "data", "env_api", "wrong_output"]
    assert codings.loc[codings["item_id"] == "r/a#2", "code"].tolist() == ["model", "crash"]
    assert set(codings["rater"]) == {"alice"} and set(codings["round"]) == {"1"}


def broken(change) -> pd.DataFrame:
    return change(filled())


CASES = {
    "unknown code": (
        lambda s: s.assign(defect_type=["env_apii", "model", "training"]),
        "row 2, column 'defect_type': 'env_apii' is not a code of defect_type "
        "(did you mean 'env_api'?)",
    ),
    "item not in sample": (
        lambda s: s.assign(item_id=["r/a#1", "r/a#2", "r/a#99"]),
        "row 4, column 'item_id': 'r/a#99' is not in the sample",
    ),
    "duplicated row": (
        lambda s: s.assign(item_id=["r/a#1", "r/a#2", "r/a#1"]),
        "row 4, column 'item_id': 'r/a#1' repeats row 2",
    ),
    "empty required cell": (
        lambda s: s.assign(defect_type=["env_api", "", "model"]),
        "row 3, column 'defect_type': empty, but the dimension is required",
    ),
    "two codes in a single-label column": (
        lambda s: s.assign(defect_type=["env_api;model", "model", "model"]),
        "row 2, column 'defect_type': 'env_api;model' has several codes",
    ),
    "mixed raters": (
        lambda s: s.assign(rater=["alice", "bob", "alice"]),
        "row 3, column 'rater': 'bob' differs from row 2's 'alice'",
    ),
    "missing column": (
        lambda s: s.drop(columns="symptom"),
        "row 1, column 'symptom': required column is missing",
    ),
    "misspelt column": (
        lambda s: s.rename(columns={"notes": "notez"}),
        "row 1, column 'notez': unknown column (did you mean 'notes'?)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_is_named_with_file_row_and_column(case: str) -> None:
    change, message = CASES[case]
    with pytest.raises(SheetErrors) as info:
        parse_sheets({"bad.csv": broken(change)}, small_codebook(), items=set(ITEMS["id"]))
    assert f"bad.csv: {message}" in str(info.value)


def test_a_sheet_of_another_rater_or_round_is_refused() -> None:
    with pytest.raises(SheetErrors, match="sheet of 'alice', not 'bob'"):
        parse_sheets({"a.csv": filled()}, small_codebook(), items=set(ITEMS["id"]), rater="bob")
    with pytest.raises(SheetErrors, match="sheet of round '1', not '2'"):
        parse_sheets({"a.csv": filled()}, small_codebook(), items=set(ITEMS["id"]), round="2")
    with pytest.raises(SheetErrors, match="'carol' is not a rater of the study"):
        parse_sheets(
            {"c.csv": filled("carol")}, small_codebook(), items=set(ITEMS["id"]), raters=["alice"]
        )
    with pytest.raises(SheetErrors, match=r"also in a\.csv"):
        parse_sheets(
            {"a.csv": filled(), "b.csv": filled()}, small_codebook(), items=set(ITEMS["id"])
        )


def test_every_problem_is_listed_not_just_the_first() -> None:
    sheet = filled()
    sheet["defect_type"] = ["x", "y", "z"]
    with pytest.raises(SheetErrors) as info:
        parse_sheets({"a.csv": sheet}, small_codebook(), items=set(ITEMS["id"]))
    assert len(info.value.problems) == 3
