"""Distributions: per-item and per-label shares, hierarchy roll-ups, groupings, intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

from analysis.distributions import DISTRIBUTION_COLUMNS, distribution, group_columns


def _row(dist: pd.DataFrame, code: str, **where: str) -> pd.Series:
    mask = dist["code"] == code
    for column, value in where.items():
        mask &= dist[column] == value
    (index,) = np.flatnonzero(mask.to_numpy())
    return dist.iloc[index]


def test_columns_and_dtypes(small_labels: pd.DataFrame) -> None:
    dist = distribution(small_labels, "symptom")
    assert tuple(dist.columns) == DISTRIBUTION_COLUMNS
    assert group_columns(dist) == []
    assert dist["count"].dtype == "int64" and dist["n"].dtype == "int64"


def test_multi_label_per_item_shares_exceed_one(small_labels: pd.DataFrame) -> None:
    dist = distribution(small_labels, "symptom", unit="item")
    crash = _row(dist, "crash")
    assert (crash["count"], crash["n"]) == (4, 5)
    assert dist["proportion"].sum() == pytest.approx(7 / 5)
    assert list(dist["code"]) == ["crash", "hang", "wrong_output"]


def test_multi_label_per_label_shares_sum_to_one(small_labels: pd.DataFrame) -> None:
    dist = distribution(small_labels, "symptom", unit="label")
    assert (_row(dist, "crash")["count"], _row(dist, "crash")["n"]) == (4, 7)
    assert dist["proportion"].sum() == pytest.approx(1.0)


def test_both_units_are_stacked(small_labels: pd.DataFrame) -> None:
    dist = distribution(small_labels, "symptom", unit="both")
    assert list(dist["unit"].unique()) == ["item", "label"]
    assert len(dist) == 6


def test_hierarchy_rolls_up_counts_and_shares_within_categories(
    small_labels: pd.DataFrame, parents: dict[str, str | None]
) -> None:
    dist = distribution(small_labels, "defect_type", parents=parents)
    assert list(dist["code"]) == ["environment", "env_api", "env_version", "model", "model_layer"]
    environment = _row(dist, "environment")
    assert (environment["count"], environment["n"], environment["depth"]) == (3, 5, 0)
    api = _row(dist, "env_api")
    assert (api["count"], api["n"], api["parent"], api["depth"]) == (2, 3, "environment", 1)
    assert api["proportion"] == pytest.approx(2 / 3)
    assert api["proportion_of_total"] == pytest.approx(2 / 5)
    roots = dist[dist["depth"] == 0]
    assert roots["proportion"].sum() == pytest.approx(1.0)


def test_hierarchy_per_label(small_labels: pd.DataFrame, parents: dict[str, str | None]) -> None:
    dist = distribution(small_labels, "defect_type", parents=parents, unit="label")
    environment = _row(dist, "environment")
    assert (environment["count"], environment["n"]) == (4, 6)
    assert (_row(dist, "env_api")["count"], _row(dist, "env_api")["n"]) == (2, 4)


def test_order_adds_zero_rows_and_sets_sibling_order(
    small_labels: pd.DataFrame, parents: dict[str, str | None]
) -> None:
    order = ["model", "environment", "data", "env_version", "env_api", "model_layer"]
    dist = distribution(small_labels, "defect_type", parents=parents, order=order)
    assert list(dist["code"]) == [
        "model",
        "model_layer",
        "environment",
        "env_version",
        "env_api",
        "data",
    ]
    data = _row(dist, "data")
    assert (data["count"], data["n"], data["ci_low"]) == (0, 5, 0.0)


def test_intervals_match_statsmodels(small_labels: pd.DataFrame) -> None:
    dist = distribution(small_labels, "symptom", confidence=0.9)
    low, high = proportion_confint(dist["count"], dist["n"], alpha=0.1, method="wilson")
    np.testing.assert_allclose(dist["ci_low"], low, atol=1e-12)
    np.testing.assert_allclose(dist["ci_high"], high, atol=1e-12)


def test_grouped_by_item_field(small_labels: pd.DataFrame, small_items: pd.DataFrame) -> None:
    dist = distribution(small_labels, "symptom", items=small_items, by="repository")
    assert group_columns(dist) == ["repository"]
    assert list(dist.columns[:2]) == ["repository", "dimension"]
    r1 = _row(dist, "crash", repository="r1")
    r2 = _row(dist, "crash", repository="r2")
    assert (r1["count"], r1["n"], r2["count"], r2["n"]) == (2, 2, 2, 3)
    assert _row(dist, "wrong_output", repository="r1")["count"] == 0


def test_grouped_by_another_dimension(
    small_labels: pd.DataFrame, parents: dict[str, str | None]
) -> None:
    dist = distribution(small_labels, "defect_type", by="symptom", parents=parents)
    hang = dist[dist["symptom"] == "hang"]
    assert _row(hang, "environment")["count"] == 1
    assert _row(hang, "model")["count"] == 1
    assert set(hang["total"]) == {2}


def test_errors_name_the_problem(small_labels: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="missing column 'dimension'"):
        distribution(small_labels.drop(columns="dimension"), "symptom")
    with pytest.raises(ValueError, match="no rows for dimension 'stage'"):
        distribution(small_labels, "stage")
    with pytest.raises(ValueError, match="codes not in parents"):
        distribution(small_labels, "symptom", parents={"crash": None})
    with pytest.raises(ValueError, match="unit"):
        distribution(small_labels, "symptom", unit="items")  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 15), st.sampled_from("abcd")),
        min_size=1,
        max_size=40,
    )
)
def test_label_shares_sum_to_one_per_group(rows: list[tuple[int, str]]) -> None:
    labels = pd.DataFrame(
        [(f"i{item}", "dim", code) for item, code in rows],
        columns=["item_id", "dimension", "code"],
    )
    items = pd.DataFrame({"item_id": [f"i{k}" for k in range(16)]})
    items["group"] = ["g" if k % 2 else "h" for k in range(16)]
    dist = distribution(labels, "dim", items=items, by="group", unit="label")
    sums = dist.groupby("group")["proportion"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)
    per_item = distribution(labels, "dim", items=items, by="group")
    assert (per_item["count"] <= per_item["n"]).all()
