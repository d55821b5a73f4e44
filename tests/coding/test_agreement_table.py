"""The tidy agreement table: rows, columns, options, long/wide equivalence, Landis-Koch."""

import math

import numpy as np
import pandas as pd
import pytest

from coding import (
    CI_METHODS,
    UnpairableItemsWarning,
    agreement,
    cohen_kappa,
    krippendorff_alpha,
    landis_koch,
)
from coding.estimate import TABLE_COLUMNS


def example(n_items: int = 50, n_raters: int = 2, seed: int = 0) -> pd.DataFrame:
    """Return wide ratings 1-4 with moderate agreement."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 5, size=n_items)
    noise = rng.random((n_items, n_raters)) < 0.3
    values = np.where(noise, rng.integers(1, 5, size=(n_items, n_raters)), truth[:, None])
    return pd.DataFrame(values, columns=[f"r{number}" for number in range(n_raters)])


def test_two_raters_nominal_rows_and_columns() -> None:
    """Two raters, nominal: the default coefficients in order, with every column filled."""
    table = agreement(example())
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert table["coefficient"].tolist() == [
        "percent_agreement",
        "cohen_kappa",
        "scott_pi",
        "krippendorff_alpha",
        "gwet_ac1",
        "brennan_prediger",
    ]
    assert set(table["ci_method"]) <= set(CI_METHODS)
    assert table.loc[table["coefficient"] == "krippendorff_alpha", "ci_method"].item() == (
        "bootstrap_percentile"
    )
    assert (table["ci_low"] <= table["estimate"]).all()
    assert (table["estimate"] <= table["ci_high"]).all()
    assert (table["n_items"] == 50).all()
    assert (table["n_raters"] == 2).all()
    assert table.attrs["warnings"] == []


def test_three_raters_ordinal_rows() -> None:
    """Three raters, ordinal: Fleiss and Conger (weighted too) for Cohen/Scott; AC2 ordinal."""
    table = agreement(example(n_raters=3), level="ordinal")
    assert list(zip(table["coefficient"], table["variant"], strict=True)) == [
        ("percent_agreement", "unweighted"),
        ("fleiss_kappa", "unweighted"),
        ("conger_kappa", "unweighted"),
        ("conger_kappa", "linear"),
        ("conger_kappa", "quadratic"),
        ("krippendorff_alpha", "ordinal"),
        ("gwet_ac1", "unweighted"),
        ("gwet_ac2", "ordinal"),
        ("brennan_prediger", "unweighted"),
    ]


def test_two_raters_interval_adds_weighted_kappas() -> None:
    """Ordered levels add linear and quadratic Cohen's kappa and quadratic AC2."""
    table = agreement(example(), level="interval", coefficients=["cohen_kappa", "gwet_ac2"])
    assert table["variant"].tolist() == ["unweighted", "linear", "quadratic", "quadratic"]
    linear = table.loc[1, "estimate"]
    assert linear == pytest.approx(cohen_kappa(example(), weights="linear").estimate)


def test_long_and_wide_give_the_same_table() -> None:
    """The same ratings in long form (custom column names) and wide form agree."""
    wide = example(n_raters=3)
    wide.index = [f"issue-{number}" for number in range(len(wide))]
    long = (
        wide.rename_axis("issue")
        .reset_index()
        .melt(id_vars="issue", var_name="coder", value_name="code")
    )
    from_wide = agreement(wide, random_state=3)
    from_long = agreement(long, item="issue", rater="coder", value="code", random_state=3)
    pd.testing.assert_frame_equal(from_wide, from_long)


def test_table_chains_in_a_notebook() -> None:
    """The table works with ordinary pandas chaining; warnings live in attrs."""
    data = example()
    data.iloc[:3, 1] = np.nan
    with pytest.warns(UnpairableItemsWarning):
        table = agreement(data, confidence=0.9, n_boot=300)
    chosen = (
        table.query("coefficient != 'percent_agreement'")
        .assign(width=lambda frame: frame["ci_high"] - frame["ci_low"])
        .set_index("coefficient")["width"]
    )
    assert (chosen > 0).all()
    assert any("single rating: 3 of 50" in message for message in table.attrs["warnings"])
    assert table["n_pairable"].tolist() == [47] * 6


def test_confidence_none_skips_intervals() -> None:
    """confidence=None gives point estimates only, ci_method 'none'."""
    table = agreement(example(), confidence=None)
    assert table["ci_low"].isna().all()
    assert (table["ci_method"] == "none").all()


def test_estimate_is_a_number_for_one_number_users() -> None:
    """Single functions return an Estimate usable as a float."""
    result = krippendorff_alpha(example(), confidence=None)
    assert float(result) == result.estimate
    assert result.interpretation == landis_koch(result.estimate)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (-0.1, "poor"),
        (0.0, "slight"),
        (0.2, "slight"),
        (0.21, "fair"),
        (0.4, "fair"),
        (0.41, "moderate"),
        (0.6, "moderate"),
        (0.61, "substantial"),
        (0.8, "substantial"),
        (0.81, "almost perfect"),
        (1.0, "almost perfect"),
        (math.nan, "undefined"),
    ],
)
def test_landis_koch_bands(value: float, label: str) -> None:
    """Landis & Koch (1977): <0 poor, to .20 slight, .40 fair, .60 moderate, .80 substantial."""
    assert landis_koch(value) == label


def test_percent_agreement_is_not_read_as_kappa() -> None:
    """Percent agreement gets no Landis-Koch band and its interval stays within [0, 1]."""
    table = agreement(np.array([[1, 1], [1, 2], [2, 2], [2, 1]]))
    row = table.set_index("coefficient").loc["percent_agreement"]
    assert row["interpretation"] == "not chance-corrected"
    assert row["ci_low"] >= 0.0
