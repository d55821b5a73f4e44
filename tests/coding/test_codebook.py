"""Codebooks load with their hierarchy, are hashed by content, and reject mistakes by name."""

import copy
from pathlib import Path

import pytest
import yaml

from coding.codebook import load_codebook, parse_codebook
from coding.errors import CodingInputError
from tests.support.codebooks import CODEBOOK_DATA, small_codebook


def test_hierarchy_and_lookups() -> None:
    book = small_codebook()
    dim = book.dimension("defect_type")
    assert dim.names() == ["environment", "env_api", "env_version", "model", "training"]
    assert dim.parents()["env_api"] == "environment"
    assert dim.leaves() == ["env_api", "env_version", "model", "training"]
    assert dim.top_level("env_version") == "environment"
    assert dim.resolve("  api   DEFECT ") == "env_api"
    assert dim.resolve("ENV_API") == "env_api"
    assert dim.resolve("nonsense") is None
    assert book.dimension("symptom").multi_label
    assert book.dimension("stage").scale == "ordinal"


def test_hash_ignores_layout_but_not_content(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(CODEBOOK_DATA, default_flow_style=True))
    assert load_codebook(path).content_hash == small_codebook().content_hash
    changed = copy.deepcopy(CODEBOOK_DATA)
    changed["dimensions"][0]["codes"][1]["code"] = "data"
    assert parse_codebook(changed).content_hash != small_codebook().content_hash


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["dimensions"][0]["codes"].append({"code": "model"}),
            "code 'model' appears twice",
        ),
        (lambda d: d["dimensions"][1].update(scale="interval"), "scale must be nominal or ordinal"),
        (lambda d: d["dimensions"][1].update(multilabel=True), "unknown key(s) 'multilabel'"),
        (lambda d: d["dimensions"][0]["codes"][0].update(code="Env API"), "'Env API': codes are"),
        (lambda d: d.pop("dimensions"), "lacks 'dimensions'"),
        (lambda d: d["dimensions"].append(d["dimensions"][0]), "'defect_type' appears twice"),
    ],
)
def test_mistakes_are_named(mutate, message: str) -> None:
    data = copy.deepcopy(CODEBOOK_DATA)
    mutate(data)
    with pytest.raises(CodingInputError) as info:
        parse_codebook(data, source="book.yaml")
    assert message in str(info.value)
    assert "book.yaml" in str(info.value)


def test_bad_yaml_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("name: [unclosed\n")
    with pytest.raises(CodingInputError, match=r"c\.yaml: not valid YAML"):
        load_codebook(path)
    with pytest.raises(CodingInputError, match="no such codebook file"):
        load_codebook(tmp_path / "none.yaml")


def test_ordinal_codes_written_as_digits_are_accepted() -> None:
    data = {
        "name": "likert",
        "dimensions": [
            {"name": "severity", "scale": "ordinal", "codes": [{"code": c} for c in "1234"]}
        ],
    }
    book = parse_codebook(data, source="likert.yaml")
    assert book.dimension("severity").names() == ["1", "2", "3", "4"]
    assert book.dimension("severity").resolve("3") == "3"


@pytest.mark.parametrize(("written", "read"), [("1", 1), ("010", 8), ("yes", True), ("1.0", 1.0)])
def test_a_code_yaml_reads_as_a_number_is_refused_with_the_reason(
    tmp_path: Path, written: str, read: object
) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text(
        f"name: x\ndimensions:\n  - name: severity\n    codes:\n      - code: {written}\n"
    )
    with pytest.raises(CodingInputError) as info:
        load_codebook(path)
    message = str(info.value)
    assert f"code {str(read)!r}: YAML read this code as a {type(read).__name__}" in message
    assert "write it in quotes" in message and "snake_case" not in message
    path.write_text(
        f'name: x\ndimensions:\n  - name: severity\n    codes:\n      - code: "{written}"\n'
    )
    if written != "1.0":  # quoted, kept as written
        assert load_codebook(path).dimension("severity").names() == [written]


def test_a_dimension_name_must_start_with_a_letter_and_says_so() -> None:
    data = {"name": "x", "dimensions": [{"name": "1st", "codes": [{"code": "a"}]}]}
    with pytest.raises(CodingInputError, match="starting with a letter"):
        parse_codebook(data, source="x.yaml")


def test_a_label_typed_in_decomposed_unicode_resolves() -> None:
    import unicodedata

    data = {"name": "x", "dimensions": [{"name": "d", "codes": [{"code": "a", "label": "Café"}]}]}
    dim = parse_codebook(data, source="x.yaml").dimension("d")
    assert dim.resolve(unicodedata.normalize("NFD", "café")) == "a"


def test_anchors_and_aliases_within_bounds_still_load(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "name: t\ndimensions:\n  - name: kind\n    codes:\n"
        "      - {code: a, definition: &shared 'A defect of the API.'}\n"
        "      - {code: b, definition: *shared}\n"
    )
    book = load_codebook(path)
    assert [c.definition for c in book.dimension("kind").codes] == ["A defect of the API."] * 2


def test_a_code_that_contains_itself_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "name: t\ndimensions:\n  - name: kind\n    codes: &c [{code: a, children: *c}]\n"
    )
    with pytest.raises(CodingInputError, match=r"c\.yaml: refused: an alias refers to its own"):
        load_codebook(path)
