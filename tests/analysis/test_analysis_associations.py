"""Cross-tabs and independence tests, checked against scipy and statsmodels."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import MonteCarloMethod, chi2_contingency, fisher_exact, ncx2, norm
from scipy.stats.contingency import association as scipy_association
from statsmodels.stats.contingency_tables import Table
from statsmodels.stats.multitest import multipletests

from analysis.associations import (
    adjusted_residuals,
    association,
    residual_threshold,
    summarize_associations,
)
from analysis.cochran import cochran_rule
from analysis.crosstabs import crosstab
from analysis.effect_sizes import cramers_v, cramers_v_interval
from analysis.multiple_testing import adjust_pvalues

LARGE = pd.DataFrame(
    [[40, 22, 18], [25, 30, 41], [12, 28, 33]],
    index=pd.Index(["keras", "torch", "tf"], name="repository"),
    columns=pd.Index(["environment", "model", "data"], name="defect_type"),
)


def test_crosstab_counts_items(study: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    labels, items = study
    table = crosstab(labels, "author_association", "defect_type", items=items)
    assert table.index.name == "author_association"
    assert table.columns.name == "defect_type"
    assert int(table.to_numpy().sum()) == 300
    expected = pd.crosstab(
        items.set_index("item_id")["author_association"],
        labels[labels["dimension"] == "defect_type"].set_index("item_id")["code"],
    )
    pd.testing.assert_frame_equal(
        table.sort_index().sort_index(axis=1),
        expected.sort_index().sort_index(axis=1),
        check_names=False,
        check_dtype=False,
    )
    totals = table.sum(axis=1).to_numpy()
    assert list(totals) == sorted(totals, reverse=True)


def test_crosstab_of_two_dimensions_warns_on_multi_label(small_labels: pd.DataFrame) -> None:
    with pytest.warns(UserWarning, match="not independent"):
        table = crosstab(small_labels, "defect_type", "symptom")
    assert int(table.loc["env_api", "crash"]) == 1


def test_crosstab_of_single_valued_fields_does_not_warn(
    study: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    labels, items = study
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        crosstab(labels, "stage", "defect_type", items=items)


def test_crosstab_orders_and_errors(small_labels: pd.DataFrame, small_items: pd.DataFrame) -> None:
    table = crosstab(
        small_labels,
        "repository",
        "author_association",
        items=small_items,
        row_order=["r2", "r1", "r3"],
        column_order=["MEMBER", "NONE"],
    )
    assert list(table.index) == ["r2", "r1", "r3"]
    assert list(table.columns) == ["MEMBER", "NONE"]
    assert int(table.loc["r2", "NONE"]) == 2
    assert int(table.loc["r3"].sum()) == 0
    with pytest.raises(ValueError, match="different fields"):
        crosstab(small_labels, "symptom", "symptom")


def test_chi_square_when_cochran_holds() -> None:
    result = association(LARGE)
    reference = chi2_contingency(LARGE.to_numpy(), correction=False)
    assert result.test == "chi-square"
    assert "holds" in result.reason
    assert result.statistic == pytest.approx(reference.statistic)
    assert result.pvalue == pytest.approx(reference.pvalue)
    assert result.dof == reference.dof
    np.testing.assert_allclose(result.expected.to_numpy(), reference.expected_freq)
    assert result.n == 249


def test_fisher_for_small_two_by_two() -> None:
    table = pd.DataFrame([[8, 2], [1, 5]], index=["a", "b"], columns=["yes", "no"])
    result = association(table)
    assert result.test == "fisher"
    assert "2x2" in result.reason and "< 5" in result.reason
    assert result.pvalue == pytest.approx(fisher_exact(table.to_numpy()).pvalue)
    assert result.statistic == pytest.approx(
        chi2_contingency(table.to_numpy(), correction=False).statistic
    )


def test_monte_carlo_for_small_larger_tables_is_seeded() -> None:
    table = pd.DataFrame([[3, 1, 0], [0, 4, 2], [1, 0, 5]])
    result = association(table, n_resamples=4999, seed=3)
    assert result.test == "monte-carlo"
    assert "4999 Monte Carlo tables, seed 3" in result.reason
    method = MonteCarloMethod(n_resamples=4999, rng=np.random.default_rng(3))
    reference = chi2_contingency(table.to_numpy(), correction=False, method=method)
    assert result.pvalue == pytest.approx(reference.pvalue)
    assert association(table, n_resamples=4999, seed=3).pvalue == result.pvalue
    asymptotic = chi2_contingency(table.to_numpy(), correction=False).pvalue
    assert result.pvalue != pytest.approx(asymptotic)


def test_cochran_rule_thresholds() -> None:
    assert cochran_rule([[5, 5], [5, 5]])[0]
    assert not cochran_rule([[0.9, 9], [9, 9]])[0]
    assert cochran_rule([[4, 9, 9, 9, 9]])[0]
    holds, reason = cochran_rule([[4, 4, 9, 9, 9]])
    assert not holds and "2 of 5 cells (40%)" in reason


def test_cramers_v_matches_scipy() -> None:
    result = association(LARGE)
    assert result.cramers_v == pytest.approx(scipy_association(LARGE.to_numpy(), method="cramer"))


@settings(max_examples=30, deadline=None)
@given(
    st.integers(2, 4).flatmap(
        lambda rows: st.integers(2, 4).flatmap(
            lambda columns: st.lists(
                st.lists(st.integers(1, 30), min_size=columns, max_size=columns),
                min_size=rows,
                max_size=rows,
            )
        )
    )
)
def test_cramers_v_matches_scipy_on_random_tables(cells: list[list[int]]) -> None:
    table = np.array(cells)
    assert cramers_v(table) == pytest.approx(scipy_association(table, method="cramer"))


def test_noncentral_v_interval_inverts_the_noncentral_chi_square() -> None:
    low, high = cramers_v_interval(LARGE.to_numpy(), confidence=0.95)
    statistic = chi2_contingency(LARGE.to_numpy(), correction=False).statistic
    n, k, dof = 249, 2, 4
    assert 0 < low < cramers_v(LARGE.to_numpy()) < high < 1
    assert ncx2.cdf(statistic, dof, low**2 * n * k) == pytest.approx(0.975, abs=1e-6)
    assert ncx2.cdf(statistic, dof, high**2 * n * k) == pytest.approx(0.025, abs=1e-6)


def test_noncentral_v_interval_starts_at_zero_when_not_significant() -> None:
    table = np.array([[20, 21], [19, 22]])
    low, high = cramers_v_interval(table)
    assert low == 0.0 and high > 0.0


def test_bootstrap_v_interval_is_seeded() -> None:
    first = cramers_v_interval(LARGE.to_numpy(), method="bootstrap", n_resamples=500, seed=1)
    again = cramers_v_interval(LARGE.to_numpy(), method="bootstrap", n_resamples=500, seed=1)
    assert first == again
    assert first[0] < cramers_v(LARGE.to_numpy()) < first[1]
    result = association(LARGE, v_interval="bootstrap", v_resamples=500, seed=1)
    assert (result.v_ci_low, result.v_ci_high) == first
    assert "bootstrap" in result.v_ci_method


def test_adjusted_residuals_match_statsmodels() -> None:
    residuals = adjusted_residuals(LARGE)
    reference = Table(LARGE.to_numpy()).standardized_resids
    np.testing.assert_allclose(residuals.to_numpy(), reference)
    result = association(LARGE)
    np.testing.assert_array_equal(result.significant.to_numpy(), np.abs(reference) > 1.959964)
    assert result.marks().loc["keras", "environment"] == "\u2191"
    assert result.marks().loc["keras", "data"] == "\u2193"


def test_bonferroni_residual_threshold() -> None:
    assert residual_threshold(9) == pytest.approx(norm.ppf(0.975))
    corrected = residual_threshold(9, correction="bonferroni")
    assert corrected == pytest.approx(norm.ppf(1 - 0.05 / 18))
    result = association(LARGE, residual_correction="bonferroni")
    assert result.residual_threshold == pytest.approx(corrected)
    assert result.significant.to_numpy().sum() <= association(LARGE).significant.to_numpy().sum()


def test_empty_rows_are_dropped_and_reported() -> None:
    table = LARGE.reindex(["keras", "torch", "tf", "jax"], fill_value=0)
    result = association(table)
    assert result.dropped == ("row jax",)
    assert result.statistic == pytest.approx(association(LARGE).statistic)


def test_invalid_tables_are_rejected() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        association(pd.DataFrame([[1, 2]]))
    with pytest.raises(ValueError, match="non-negative"):
        association(pd.DataFrame([[1, -2], [3, 4]]))


def test_summary_and_cells() -> None:
    result = association(LARGE)
    line = result.summary()
    assert line.startswith("Pearson chi-square test: X²(4, N = 249) = ")
    assert "Cramér's V = " in line and "95% CI" in line and "\n" not in line
    cells = result.cells()
    assert list(cells.columns) == [
        "repository",
        "defect_type",
        "observed",
        "expected",
        "residual",
        "significant",
    ]
    assert len(cells) == 9


def test_family_correction_matches_multipletests() -> None:
    results = {
        "large": association(LARGE),
        "small": association(pd.DataFrame([[8, 2], [1, 5]])),
        "null": association(pd.DataFrame([[20, 21], [19, 22]])),
    }
    summary = summarize_associations(results)
    assert list(summary["name"]) == ["large", "small", "null"]
    for method in ("holm", "fdr_bh"):
        adjusted = adjust_pvalues(summary, method=method)
        reject, expected, _, _ = multipletests(summary["pvalue"], method=method)
        np.testing.assert_allclose(adjusted["p_adjusted"], expected)
        np.testing.assert_array_equal(adjusted["reject"], reject)
    with pytest.raises(ValueError, match="missing column 'p'"):
        adjust_pvalues(summary, column="p")
