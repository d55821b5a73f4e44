"""Codebooks load with their hierarchy, are hashed by content, and reject mistakes by name."""

import copy
from pathlib import Path

import pytest
import yaml

from coding.codebook import load_codebook, parse_codebook
from coding.errors import CodingInputError
from tests.coding.codebook_fixture import CODEBOOK_DATA, small_codebook


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
