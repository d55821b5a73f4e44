"""Codebook diffs name each change; rename, merge and split give the codings' new codes."""

import copy

import pandas as pd
import pytest

from coding.codebook import parse_codebook
from coding.codebook_changes import (
    apply_mapping,
    diff_codebooks,
    merge_codes,
    rename_code,
    split_code,
)
from coding.errors import CodingInputError
from tests.support.codebooks import CODEBOOK_DATA

CODINGS = pd.DataFrame(
    {
        "item_id": ["i1", "i1", "i2", "i3"],
        "rater": ["a", "a", "a", "b"],
        "round": "1",
        "dimension": ["symptom", "symptom", "symptom", "defect_type"],
        "code": ["crash", "wrong_output", "slow", "env_api"],
    }
)


def test_diff_lists_added_removed_and_changed() -> None:
    new = copy.deepcopy(CODEBOOK_DATA)
    new["dimensions"][0]["codes"][1]["label"] = "ML model"
    new["dimensions"][1]["codes"].append({"code": "hang"})
    new["dimensions"][2]["scale"] = "nominal"
    del new["dimensions"][0]["codes"][2]
    changes = diff_codebooks(parse_codebook(CODEBOOK_DATA), parse_codebook(new))
    assert changes[["dimension", "code", "change"]].values.tolist() == [
        ["defect_type", "training", "code removed"],
        ["defect_type", "model", "label changed"],
        ["stage", "", "scale changed"],
        ["symptom", "hang", "code added"],
    ]


def test_rename_maps_codings_and_keeps_the_place() -> None:
    revision = rename_code(CODEBOOK_DATA, "symptom", "slow", "too_slow")
    book = parse_codebook(revision.data)
    assert book.dimension("symptom").names() == ["crash", "wrong_output", "too_slow"]
    mapped = apply_mapping(CODINGS, revision)
    assert mapped["code"].tolist() == ["crash", "wrong_output", "too_slow", "env_api"]


def test_merge_into_a_new_code_deduplicates_multi_label_sets() -> None:
    revision = merge_codes(CODEBOOK_DATA, "symptom", ["crash", "wrong_output"], "failure")
    assert parse_codebook(revision.data).dimension("symptom").names() == ["failure", "slow"]
    mapped = apply_mapping(CODINGS, revision)
    assert mapped[mapped["item_id"] == "i1"]["code"].tolist() == ["failure"]


def test_merge_into_an_existing_code() -> None:
    revision = merge_codes(CODEBOOK_DATA, "defect_type", ["model"], "training")
    assert "model" not in parse_codebook(revision.data).dimension("defect_type").names()
    assert revision.mapping == {"model": "training"}


def test_split_keeps_children_and_flags_codings_for_review() -> None:
    revision = split_code(CODEBOOK_DATA, "defect_type", "environment", ["env_software", "env_hw"])
    dim = parse_codebook(revision.data).dimension("defect_type")
    assert dim.names()[:4] == ["env_software", "env_api", "env_version", "env_hw"]
    assert dim.parents()["env_api"] == "env_software"
    assert revision.review == ("environment",)
    assert revision.mapping == {"environment": "env_software"}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: rename_code(d, "symptom", "crash", "slow"), "already has a code 'slow'"),
        (lambda d: rename_code(d, "symptom", "nope", "x"), "has no code 'nope'"),
        (lambda d: rename_code(d, "nodim", "crash", "x"), "no dimension 'nodim'"),
        (lambda d: split_code(d, "symptom", "crash", ["a"]), "two or more"),
        (lambda d: merge_codes(d, "defect_type", ["environment"], "model"), "has sub-codes"),
    ],
)
def test_impossible_revisions_are_refused(make, message: str) -> None:
    with pytest.raises(CodingInputError, match=message):
        make(copy.deepcopy(CODEBOOK_DATA))
