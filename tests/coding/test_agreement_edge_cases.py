"""Edge cases give a defined value or a clear message, never an unexplained NaN."""

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from coding import (
    AgreementWarning,
    DegenerateDataWarning,
    UnpairableItemsWarning,
    agreement,
    as_ratings,
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    krippendorff_alpha,
    percent_agreement,
    scott_pi,
)
from coding.coefficient import Coefficient

NAN = np.nan


def assert_every_nan_is_explained(table: pd.DataFrame) -> None:
    """Every row with a NaN estimate or interval carries a note."""
    for row in table.itertuples():
        if math.isnan(row.estimate) or (row.ci_method != "none" and math.isnan(row.ci_low)):
            assert row.note, f"{row.coefficient} is NaN without a note"
        if math.isnan(row.ci_low) and not math.isnan(row.estimate):
            assert row.ci_method == "none"


def test_all_raters_agree_on_one_category() -> None:
    """One category only: percent agreement 1, chance-corrected coefficients NaN with a reason."""
    data = pd.DataFrame({"a": ["x"] * 5, "b": ["x"] * 5, "c": ["x"] * 5})
    with pytest.warns(DegenerateDataWarning, match="every rating is 'x'"):
        table = agreement(data)
    rows = table.set_index("coefficient")
    assert rows.loc["percent_agreement", "estimate"] == 1.0
    for name in ("fleiss_kappa", "krippendorff_alpha", "gwet_ac1", "brennan_prediger"):
        assert math.isnan(rows.loc[name, "estimate"])
        assert "no variation" in rows.loc[name, "note"]
        assert rows.loc[name, "interpretation"] == "undefined"
    assert_every_nan_is_explained(table)
    assert any("every rating is 'x'" in message for message in table.attrs["warnings"])


def test_one_category_used_of_a_given_codebook() -> None:
    """With categories= listing two codes, AC1 and Brennan-Prediger are 1; kappa stays NaN."""
    data = pd.DataFrame({"a": ["x"] * 5, "b": ["x"] * 5})
    with pytest.warns(DegenerateDataWarning):
        table = agreement(data, categories=["x", "y"]).set_index("coefficient")
    assert table.loc["gwet_ac1", "estimate"] == 1.0
    assert table.loc["brennan_prediger", "estimate"] == 1.0
    assert math.isnan(table.loc["cohen_kappa", "estimate"])
    assert math.isnan(table.loc["scott_pi", "estimate"])


def test_perfect_agreement_over_several_categories_is_one() -> None:
    """Perfect agreement with variation: every coefficient is 1 with a zero-width interval."""
    data = np.array([[1, 1], [2, 2], [3, 3], [1, 1], [2, 2]])
    table = agreement(data).set_index("coefficient")
    assert np.allclose(table["estimate"], 1.0)
    assert table.loc["cohen_kappa", "ci_low"] == pytest.approx(1.0)
    assert table.loc["gwet_ac1", "ci_low"] == pytest.approx(1.0)


def test_single_item() -> None:
    """A single item: coefficients defined when possible, intervals NaN with a note."""
    data = np.array([[1, 2, 2]])
    with pytest.warns(AgreementWarning):
        table = agreement(data)
    rows = table.set_index("coefficient")
    assert rows.loc["percent_agreement", "estimate"] == pytest.approx(1 / 3)
    assert math.isnan(rows.loc["percent_agreement", "ci_low"])
    assert "only one" in rows.loc["percent_agreement", "note"]
    assert_every_nan_is_explained(table)


def test_items_coded_by_one_rater_are_dropped_with_a_count() -> None:
    """Items with one rating are not pairable: dropped, counted, warned about."""
    data = np.array([[1, 1], [2, 2], [1, 2], [3, NAN], [NAN, 2]])
    with pytest.warns(UnpairableItemsWarning, match="not rated by both raters: 2 of 5"):
        kappa = cohen_kappa(data)
    assert kappa.n_items == 5
    assert kappa.n_pairable == 3
    with pytest.warns(UnpairableItemsWarning, match="single rating: 2 of 5"):
        alpha = krippendorff_alpha(data, confidence=None)
    assert alpha.n_pairable == 3
    assert alpha.n_values == 6


@pytest.mark.filterwarnings("ignore::coding.UnpairableItemsWarning")
def test_no_pairable_item() -> None:
    """No item rated by two raters: NaN with the reason, never an exception."""
    data = np.array([[1, NAN], [NAN, 2], [3, NAN]])
    with pytest.warns(DegenerateDataWarning, match="no item"):
        table = agreement(data)
    assert table["estimate"].isna().all()
    assert_every_nan_is_explained(table)


def test_unequal_raters_per_item_use_the_generalisation() -> None:
    """Fleiss' kappa with 2-4 raters per item says it uses Gwet's generalisation."""
    data = np.array([[1, 1, 1, 1], [2, 2, 1, NAN], [1, 2, NAN, NAN], [3, 3, 3, NAN]])
    result = fleiss_kappa(data)
    assert "raters per item vary (2-4)" in result.note
    assert not math.isnan(result.estimate)


def test_cohen_and_scott_need_exactly_two_raters() -> None:
    """Cohen's kappa and Scott's pi name the problem and the alternatives."""
    data = np.array([[1, 1, 2], [2, 2, 2]])
    with pytest.raises(ValueError, match="exactly 2 raters, got 3"):
        cohen_kappa(data)
    with pytest.raises(ValueError, match="use fleiss_kappa or krippendorff_alpha"):
        scott_pi(data)


def test_ordered_coefficients_need_an_order_for_text() -> None:
    """Weighted coefficients on text codes ask for categories= in their order."""
    data = pd.DataFrame({"a": ["low", "high", "mid"], "b": ["low", "mid", "mid"]})
    for compute in (
        lambda: cohen_kappa(data, weights="linear"),
        lambda: gwet_ac2(data),
        lambda: krippendorff_alpha(data, level="ordinal"),
        lambda: brennan_prediger(data, weights="quadratic"),
    ):
        with pytest.raises(ValueError, match="needs ordered categories"):
            compute()
    order = ["low", "mid", "high"]
    ordered = cohen_kappa(data, weights="linear", categories=order)
    expected = cohen_kappa_score(data["a"], data["b"], labels=order, weights="linear")
    assert ordered.estimate == pytest.approx(expected)
    with pytest.raises(ValueError, match="numeric values"):
        krippendorff_alpha(data, level="interval")


@pytest.mark.parametrize(
    ("data", "options", "message"),
    [
        (pd.DataFrame(), {}, "data is empty"),
        (np.array([1, 2, 3]), {}, "2-D array"),
        (np.full((3, 2), NAN), {}, "every value is missing"),
        (
            pd.DataFrame({"item": [1], "coder": ["a"], "code": ["x"]}),
            {"form": "long"},
            "need columns",
        ),
        (
            pd.DataFrame({"item": [1, 1], "rater": ["a", "a"], "value": ["x", "y"]}),
            {},
            r"repeat an \(item, rater\) pair",
        ),
        (
            pd.DataFrame({"item": [1, None], "rater": ["a", "b"], "value": ["x", "y"]}),
            {},
            "missing entries",
        ),
        (np.array([[1, 2], [2, 3]]), {"categories": [1, 2]}, "not among the given categories"),
        (np.array([[1, 2], [2, 1]]), {"categories": [1, 1, 2]}, "categories repeat"),
        (np.array([[1, 2], [2, 1]]), {"form": "sideways"}, "form must be"),
        (
            pd.DataFrame({"item_id": [1], "rater": ["a"], "code": ["x"]}),
            {},
            r"'rater' column but no \['item', 'value'\]",
        ),
    ],
)
def test_bad_input_gives_a_clear_value_error(data: object, options: dict, message: str) -> None:
    """Malformed input raises ValueError naming the problem."""
    with pytest.raises(ValueError, match=message):
        as_ratings(data, **options)


def test_bad_options_give_clear_errors() -> None:
    """Unknown levels, weights and coefficients are refused with the valid choices."""
    data = np.array([[1, 1], [2, 1], [2, 2]])
    with pytest.raises(ValueError, match="level must be one of"):
        krippendorff_alpha(data, level="cardinal")
    with pytest.raises(ValueError, match="weights must be one of"):
        cohen_kappa(data, weights="cubic")
    with pytest.raises(ValueError, match="not available"):
        agreement(data, coefficients=["fleiss_kappa", "gwet_ac2"])
    with pytest.raises(ValueError, match="at least two raters"):
        agreement(np.array([[1], [2]]))
    with pytest.raises(ValueError, match="ratio data must not be negative"):
        krippendorff_alpha(np.array([[-1, 1], [2, 2]]), level="ratio")


@pytest.mark.filterwarnings("ignore::coding.UnpairableItemsWarning")
def test_missing_markers_and_whitespace() -> None:
    """None, NaN, pd.NA and blank strings are missing; codes are stripped."""
    data = pd.DataFrame({"a": ["x ", None, "y", "x"], "b": [" x", "", pd.NA, "y"]})
    ratings = as_ratings(data)
    assert list(ratings.categories) == ["x", "y"]
    assert ratings.ratings_per_item.tolist() == [2, 1, 2]
    assert ratings.n_empty_items == 1
    assert percent_agreement(data, confidence=None).estimate == pytest.approx(0.5)


def test_empty_items_and_silent_raters_are_reported() -> None:
    """Items without ratings and raters without ratings are dropped with a warning."""
    data = pd.DataFrame({"a": [1, 2, NAN, 1], "b": [1, 2, NAN, 2], "c": [NAN] * 4})
    ratings = as_ratings(data)
    assert ratings.n_items == 3
    assert list(ratings.raters) == ["a", "b"]
    messages = [str(warning) for warning in ratings.warnings]
    assert "items without any rating: 1, ignored" in messages
    assert "raters without any rating: ['c'], ignored" in messages


def test_an_item_id_column_in_wide_data_is_flagged() -> None:
    """A wide column of unique values looks like an item id or a row index, not a rater."""
    data = pd.DataFrame(
        {
            "item_id": [f"repo#{number}" for number in range(6)],
            "ann": list("xyxyxx"),
            "bob": list("xyyyxx"),
        }
    )
    with pytest.warns(AgreementWarning, match="'item_id'.*looks like an item id"):
        gwet_ac1(data)
    numeric = pd.DataFrame({"Unnamed: 0": range(12), "ann": [1, 2, 3] * 4, "bob": [1, 2, 2] * 4})
    with pytest.warns(AgreementWarning, match="'Unnamed: 0'.*row index"):
        gwet_ac1(numeric)
    ratings = as_ratings(pd.DataFrame({"ann": [1, 2, 3, 4, 5], "bob": [1, 2, 3, 4, 4]}))
    assert ratings.warnings == ()


@pytest.mark.filterwarnings("ignore::coding.AgreementWarning")
@pytest.mark.parametrize("kappa", [cohen_kappa, scott_pi])
def test_two_rater_coefficients_note_the_dropped_items_and_why_nothing_is_left(
    kappa: Coefficient,
) -> None:
    """Items one rater left out are dropped with a note; none left: NaN, both reasons given."""
    some = kappa(np.array([[1, 1], [2, 2], [1, 2], [2, 1], [3, NAN]]), confidence=None)
    assert (some.n_items, some.n_pairable) == (5, 4)
    assert some.note == "items not rated by both raters: 1 of 5, dropped"
    assert [type(w) for w in some.warnings] == [UnpairableItemsWarning]
    none = kappa(np.array([[1, NAN], [NAN, 2], [3, NAN]]))
    assert math.isnan(none.estimate) and math.isnan(none.ci_low)
    assert (none.n_items, none.n_pairable, none.n_raters) == (3, 0, 2)
    assert none.note == (
        "items not rated by both raters: 3 of 3, dropped; "
        "no item is rated by both raters: agreement is undefined"
    )
    assert {type(w) for w in none.warnings} == {UnpairableItemsWarning, DegenerateDataWarning}
