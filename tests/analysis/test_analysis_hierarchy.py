"""Codebook hierarchy helpers and field resolution."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.fields import field_values
from analysis.hierarchy import depth, lineage, rollup


def test_lineage_and_depth(parents: dict[str, str | None]) -> None:
    assert lineage("env_api", parents) == ["environment", "env_api"]
    assert lineage("data", parents) == ["data"]
    assert depth("model_layer", parents) == 1


def test_lineage_reports_unknown_codes_and_cycles() -> None:
    with pytest.raises(ValueError, match="'x' is not in parents"):
        lineage("x", {"a": None})
    with pytest.raises(ValueError, match="cycle"):
        lineage("a", {"a": "b", "b": "a"})
    with pytest.raises(ValueError, match="parent 'b'"):
        lineage("a", {"a": "b"})


def test_rollup_maps_codes_to_categories_and_deduplicates(
    small_labels: pd.DataFrame, parents: dict[str, str | None]
) -> None:
    rolled = rollup(small_labels, parents, dimension="defect_type")
    types = rolled[rolled["dimension"] == "defect_type"]
    assert sorted(zip(types["item_id"], types["code"], strict=True)) == [
        ("a", "environment"),
        ("b", "environment"),
        ("c", "environment"),
        ("d", "model"),
        ("e", "model"),
    ]
    symptoms = rolled[rolled["dimension"] == "symptom"]
    assert len(symptoms) == (small_labels["dimension"] == "symptom").sum()


def test_rollup_rejects_codes_missing_from_parents(small_labels: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="codes not in parents: 'env_api'"):
        rollup(small_labels, {"environment": None}, dimension="defect_type")


def test_field_values_prefers_item_columns_then_dimensions(
    small_labels: pd.DataFrame, small_items: pd.DataFrame
) -> None:
    repository = field_values(small_labels, "repository", items=small_items)
    assert list(repository.columns) == ["item_id", "repository"]
    assert len(repository) == 5
    symptom = field_values(small_labels, "symptom")
    assert len(symptom) == 7
    with pytest.raises(ValueError, match="'stage' is neither a column of items"):
        field_values(small_labels, "stage", items=small_items)


def test_missing_label_column_is_named(small_labels: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="labels is missing column 'code'"):
        field_values(small_labels.drop(columns="code"), "symptom")


def test_field_values_refuses_a_name_that_is_both_a_column_and_a_dimension() -> None:
    labels = pd.DataFrame({"item_id": ["a", "b"], "dimension": "kind", "code": ["x", "y"]})
    items = pd.DataFrame({"item_id": ["a", "b"], "kind": ["raw x", "raw y"]})
    with pytest.raises(ValueError, match="both a column of items and a dimension"):
        field_values(labels, "kind", items=items)
    assert list(field_values(labels, "kind")["kind"]) == ["x", "y"]
