"""Disagreements per dimension; agreed labels settle themselves; adjudication is checked."""

import pandas as pd
import pytest

from coding.consensus import (
    adjudication_sheet,
    agreed_labels,
    compare,
    disagreements,
    parse_adjudication,
)
from coding.errors import CodingInputError
from coding.sheets import SheetErrors
from tests.support.codebooks import small_codebook

CODINGS = pd.DataFrame(
    [
        ("i1", "alice", "defect_type", "env_api", "api changed"),
        ("i1", "bob", "defect_type", "env_version", ""),
        ("i1", "alice", "symptom", "crash", ""),
        ("i1", "alice", "symptom", "slow", ""),
        ("i1", "bob", "symptom", "slow", ""),
        ("i1", "bob", "symptom", "crash", ""),
        ("i2", "alice", "defect_type", "model", ""),
        ("i2", "bob", "defect_type", "model", ""),
        ("i3", "alice", "defect_type", "model", ""),
    ],
    columns=["item_id", "rater", "dimension", "code", "note"],
)


def test_compare_and_disagreements() -> None:
    table = compare(CODINGS).set_index(["item_id", "dimension"])
    assert table.loc[("i1", "symptom"), "agree"]
    assert table.loc[("i1", "symptom"), "alice"] == "crash;slow"
    assert not table.loc[("i3", "defect_type"), "agree"]  # one rater: nothing to agree on
    found = disagreements(CODINGS)
    assert found[["item_id", "dimension", "alice", "bob"]].values.tolist() == [
        ["i1", "defect_type", "env_api", "env_version"]
    ]
    assert found.loc[0, "notes"] == "api changed"


def test_agreed_labels_include_every_code_of_a_multi_label_set() -> None:
    agreed = agreed_labels(CODINGS)
    assert agreed[["item_id", "dimension", "code"]].values.tolist() == [
        ["i1", "symptom", "crash"],
        ["i1", "symptom", "slow"],
        ["i2", "defect_type", "model"],
    ]


def test_adjudication_round_trip_and_mistakes() -> None:
    items = pd.DataFrame({"id": ["i1", "i2", "i3"], "link": ["l1", "l2", "l3"], "title": "t"})
    sheet = adjudication_sheet(disagreements(CODINGS), items)
    assert list(sheet.columns) == [
        "item_id",
        "dimension",
        "link",
        "title",
        "alice",
        "bob",
        "notes",
        "consensus",
        "rationale",
    ]
    sheet["consensus"] = ["env_api"]
    sheet["rationale"] = ["the API changed in 2.0"]
    pairs = {("i1", "defect_type")}
    settled = parse_adjudication(sheet, "adj.csv", small_codebook(), open_pairs=pairs)
    assert settled[["item_id", "code", "method"]].values.tolist() == [
        ["i1", "env_api", "adjudicated"]
    ]
    sheet["consensus"] = ["envapi"]
    with pytest.raises(SheetErrors, match=r"adj\.csv: row 2, column 'defect_type': 'envapi'"):
        parse_adjudication(sheet, "adj.csv", small_codebook(), open_pairs=pairs)
    sheet["consensus"] = ["model"]
    with pytest.raises(SheetErrors, match="'i1' has no disagreement on defect_type"):
        parse_adjudication(sheet, "adj.csv", small_codebook(), open_pairs=set())


def test_adjudication_mistakes_name_row_and_column_and_quote_values_cut_short() -> None:
    long_id = "x" * 5000
    sheet = pd.DataFrame(
        {
            "item_id": ["i1", "i1", long_id, "", "i1"],
            "dimension": ["defect_type", "defect_type", "defect_type", "defect_type", "defect_typ"],
            "consensus": ["model", "model", "model", "model", "model"],
        }
    )
    with pytest.raises(SheetErrors) as caught:
        parse_adjudication(sheet, "adj.csv", small_codebook(), open_pairs={("i1", "defect_type")})
    lines = str(caught.value).splitlines()[1:]
    assert lines == [
        "  adj.csv: row 3, column 'item_id': 'i1' on defect_type repeats row 2",
        f"  adj.csv: row 4, column 'item_id': {'x' * 60!r}... (5,000 characters) has no "
        "disagreement on defect_type",
        "  adj.csv: row 5, column 'item_id': empty item id",
        "  adj.csv: row 6, column 'dimension': no dimension 'defect_typ' (did you mean "
        "'defect_type'?)",
    ]


def test_an_adjudication_sheet_without_a_column_is_refused_in_one_line() -> None:
    sheet = pd.DataFrame({"item_id": ["i1"], "dimension": ["defect_type"]})
    with pytest.raises(CodingInputError) as caught:
        parse_adjudication(sheet, "adj.csv", small_codebook(), open_pairs=set())
    assert str(caught.value) == "adj.csv: row 1, column 'consensus': required column is missing"
