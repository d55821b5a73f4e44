"""Repeated-run technique comparisons: tests against scipy/statsmodels called independently,
A12 against Vargha & Delaney's formula and a brute-force count, Hess & Kromrey's bands, and the
improvement ratio and bold marks against a table computed by hand."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from scipy.stats import fisher_exact, mannwhitneyu, rankdata, wilcoxon
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests

from analysis.techniques import (
    compare_runs,
    compare_two,
    hess_kromrey_magnitude,
    improvement_ratio,
    oriented_a12,
    technique_summary,
    technique_table,
)


def _runs(values: dict[str, dict[str, list[float]]]) -> pd.DataFrame:
    rows = [
        (technique, subject, run, value)
        for subject, techniques in values.items()
        for technique, series in techniques.items()
        for run, value in enumerate(series)
    ]
    return pd.DataFrame(rows, columns=["technique", "subject", "run", "value"])


@pytest.fixture
def random_runs() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    shift = {"faulty": 0.0, "fix": 0.4, "random": 0.05, "tool_a": 0.2, "tool_b": 0.02}
    return _runs(
        {
            f"s{s}": {t: list(np.round(rng.normal(0.5 + m, 0.08, 12), 2)) for t, m in shift.items()}
            for s in range(6)
        }
    )


def _brute_a12(x: list[float], y: list[float]) -> float:
    pairs = list(itertools.product(x, y))
    return sum(1.0 if a > b else 0.5 if a == b else 0.0 for a, b in pairs) / len(pairs)


def test_mann_whitney_and_a12_match_scipy_and_a_pair_count(random_runs: pd.DataFrame) -> None:
    result = compare_runs(
        random_runs, reference="faulty", target="fix", baseline="random", correction="none"
    )
    tested = result[result["role"] == "technique"]
    assert len(tested) == 12
    for row in tested.itertuples():
        data = random_runs[random_runs["subject"] == row.subject]
        mine = data.loc[data["technique"] == row.technique, "value"].to_list()
        for other, name in (("faulty", "reference"), ("random", "baseline")):
            theirs = data.loc[data["technique"] == other, "value"].to_list()
            reference = mannwhitneyu(mine, theirs, alternative="two-sided")
            assert getattr(row, f"pvalue_{name}") == pytest.approx(reference.pvalue)
            assert getattr(row, f"statistic_{name}") == pytest.approx(reference.statistic)
            a12 = getattr(row, f"a12_{name}")
            assert a12 == pytest.approx(_brute_a12(mine, theirs))
            assert a12 == pytest.approx(reference.statistic / (len(mine) * len(theirs)))


def test_a12_is_vargha_delaneys_rank_formula_and_orients_by_direction() -> None:
    rng = np.random.default_rng(3)
    for _ in range(50):
        x = list(rng.integers(0, 6, rng.integers(1, 9)))
        y = list(rng.integers(0, 6, rng.integers(1, 9)))
        m, n = len(x), len(y)
        r1 = rankdata(x + y)[:m].sum()
        # Vargha & Delaney (2000), formula (14): A = (R1 / m - (m + 1) / 2) / n
        assert oriented_a12(x, y) == pytest.approx((r1 / m - (m + 1) / 2) / n)
        assert oriented_a12(x, y, higher_is_better=False) == pytest.approx(_brute_a12(y, x))


EFFSIZE_CONTROL = [10, 20, 30, 40, 40, 50]


@pytest.mark.parametrize(
    ("treatment", "control", "delta", "magnitude"),
    [
        ([10, 10, 20, 20, 20, 30, 30, 30, 40, 50], EFFSIZE_CONTROL, -0.25, "small"),
        ([10, 20, 20, 20, 30, 30, 30, 40, 50, 100], EFFSIZE_CONTROL, -0.06666, "negligible"),
        ([1, 2, 1, 3, 2], [3, 2, 2, 3, 2], -0.44, None),
    ],
)
def test_a12_against_the_published_examples_of_r_effsize(
    treatment: list[float], control: list[float], delta: float, magnitude: str | None
) -> None:
    """The worked examples of R's effsize package (Torchiano), tests/testthat/testCliff.R of
    github.com/mtorchiano/effsize: "Small differences" (delta -0.25, "small"), "Negligible
    differences" (delta -0.06666, tolerance 1e-5, "negligible") and "double factor" (ordered
    levels A < B < C written here as 1 < 2 < 3: G1 = A B A C B, G2 = C B B C B; delta -0.44).
    effsize's Cliff's delta is mean(sign(treatment_i - control_j)) = P(>) - P(<) = 2 A - 1,
    so A12 = (delta + 1) / 2. Vargha & Delaney's (2000) own worked example was not reachable
    offline; these are the published examples that state both the data and the value."""
    a12 = oriented_a12(treatment, control)
    assert a12 == pytest.approx((delta + 1) / 2, abs=1e-5)
    if magnitude is not None:
        assert hess_kromrey_magnitude(a12) == magnitude
    # lower is better: the same example read the other way round
    assert oriented_a12(treatment, control, higher_is_better=False) == pytest.approx(1 - a12)


@pytest.mark.parametrize(
    ("a12", "magnitude"),
    [
        (0.5, "negligible"),
        (0.573, "negligible"),
        (0.5735, "small"),
        (0.664, "small"),
        (0.665, "medium"),
        (0.736, "medium"),
        (0.737, "large"),
        (0.2, "large"),
        (0.3, "medium"),
    ],
)
def test_hess_kromrey_bands(a12: float, magnitude: str) -> None:
    # |d| = |2 A - 1| against .147, .33, .474: R effsize's R/VD_A.R and R/CliffDelta.R
    # ("levels = c(0.147,0.33,0.474) ## effect sizes from Hess and Kromrey, 2004", banded with
    # findInterval, so a bound itself belongs to the band above). These are not Vargha &
    # Delaney's own .56/.64/.71 on A (analysis.effect_sizes.a12_magnitude).
    assert hess_kromrey_magnitude(a12) == magnitude


def test_wilcoxon_on_paired_runs_matches_scipy(random_runs: pd.DataFrame) -> None:
    result = compare_runs(random_runs, reference="faulty", test="wilcoxon", paired=True)
    tested = result[result["technique"] == "tool_a"]
    pvalues = []
    for row in tested.itertuples():
        data = random_runs[random_runs["subject"] == row.subject].set_index("run")
        mine = data.loc[data["technique"] == "tool_a", "value"].sort_index()
        theirs = data.loc[data["technique"] == "faulty", "value"].sort_index()
        reference = wilcoxon(mine.to_numpy(), theirs.to_numpy())
        assert row.pvalue_reference == pytest.approx(reference.pvalue)
        assert row.statistic_reference == pytest.approx(reference.statistic)
        pvalues.append(reference.pvalue)
    assert len(pvalues) == 6


def test_corrections_are_statsmodels_multipletests(random_runs: pd.DataFrame) -> None:
    for ours, theirs in (("holm", "holm"), ("fdr_bh", "fdr_bh")):
        result = compare_runs(random_runs, reference="faulty", baseline="random", correction=ours)
        for other in ("reference", "baseline"):
            tested = result[result[f"pvalue_{other}"].notna()]
            expected = multipletests(tested[f"pvalue_{other}"], method=theirs)[1]
            np.testing.assert_allclose(tested[f"p_adjusted_{other}"], expected)
    untested = result[result["role"].isin(["reference", "target"])]
    assert untested["p_adjusted_reference"].isna().all()


def test_fisher_and_mcnemar_on_success_runs() -> None:
    rng = np.random.default_rng(8)
    success = {
        f"s{s}": {t: list((rng.random(30) < p).astype(int)) for t, p in (("base", 0.3), ("x", 0.7))}
        for s in range(3)
    }
    runs = _runs(success)
    fisher = compare_runs(runs, reference="base", test="fisher", correction="none")
    paired = compare_runs(runs, reference="base", test="mcnemar", paired=True, correction="none")
    for subject, techniques in success.items():
        a, b = np.array(techniques["x"]), np.array(techniques["base"])
        row = fisher[(fisher["subject"] == subject) & (fisher["technique"] == "x")].iloc[0]
        expected = fisher_exact([[a.sum(), (1 - a).sum()], [b.sum(), (1 - b).sum()]])
        assert row["pvalue_reference"] == pytest.approx(expected.pvalue)
        assert row["statistic_reference"] == pytest.approx(expected.statistic)
        table = [
            [np.sum(a & b), np.sum(a & (1 - b))],
            [np.sum((1 - a) & b), np.sum((1 - a) & (1 - b))],
        ]
        exact = table[0][1] + table[1][0] < 25
        expected_m = mcnemar(np.array(table), exact=exact)
        row = paired[(paired["subject"] == subject) & (paired["technique"] == "x")].iloc[0]
        assert row["pvalue_reference"] == pytest.approx(expected_m.pvalue)
        assert row["test_reference"] == ("mcnemar-exact" if exact else "mcnemar-chi2")


def test_with_no_test_named_success_runs_get_fisher_or_mcnemar(random_runs: pd.DataFrame) -> None:
    rng = np.random.default_rng(9)
    success = _runs(
        {"s1": {t: list((rng.random(20) < p).astype(int)) for t, p in (("base", 0.2), ("x", 0.8))}}
    )
    chosen = compare_runs(success, reference="base", correction="none")
    asked = compare_runs(success, reference="base", test="fisher", correction="none")
    pd.testing.assert_frame_equal(chosen, asked)
    assert set(chosen["test_reference"].dropna()) == {"fisher"}
    paired = compare_runs(success, reference="base", paired=True)
    assert paired["test_reference"].dropna().str.startswith("mcnemar").all()
    ranks = compare_runs(random_runs, reference="faulty")
    assert set(ranks["test_reference"].dropna()) == {"mann-whitney"}
    ranks = compare_runs(random_runs, reference="faulty", paired=True)
    assert set(ranks["test_reference"].dropna()) == {"wilcoxon"}


def test_a_success_test_refuses_values_other_than_0_and_1() -> None:
    runs = _runs({"s1": {"base": [0, 1, 0.5], "x": [1, 1, 0]}})
    with pytest.raises(ValueError, match=r"subject 's1': 'x' against reference 'base'.*0 or 1"):
        compare_runs(runs, reference="base", test="fisher")


@pytest.mark.parametrize("test", ["wilcoxon", "mcnemar"])
def test_a_paired_test_on_unpaired_runs_is_refused_with_why(test: str) -> None:
    runs = _runs({"s1": {"base": [0, 1, 1], "x": [1, 1, 0]}})
    with pytest.raises(ValueError, match=r"independent .* use (mann-whitney|fisher), or declare"):
        compare_runs(runs, reference="base", test=test)  # type: ignore[arg-type]


def test_paired_runs_need_the_same_run_ids() -> None:
    runs = _runs({"s1": {"base": [0.1, 0.2, 0.3], "x": [0.4, 0.5]}})
    with pytest.raises(ValueError, match="run 2 is on one side only"):
        compare_runs(runs, reference="base", test="wilcoxon", paired=True)


def test_a_subject_without_runs_of_a_role_is_refused() -> None:
    runs = _runs({"s1": {"base": [0.1, 0.2], "x": [0.4, 0.5]}, "s2": {"x": [0.4, 0.5]}})
    with pytest.raises(ValueError, match="subject 's2' has no runs of the reference 'base'"):
        compare_runs(runs, reference="base")


def test_unknown_roles_and_repeated_runs_are_refused() -> None:
    runs = _runs({"s1": {"base": [0.1, 0.2], "x": [0.4, 0.5]}})
    with pytest.raises(ValueError, match="the baseline 'random' is not a technique"):
        compare_runs(runs, reference="base", baseline="random")
    with pytest.raises(ValueError, match="several rows for technique 'x', subject 's1', run 0"):
        compare_runs(pd.concat([runs, runs.tail(2)]), reference="base")


# The hand-computed table: 5 runs each, no ties, so scipy's exact Mann-Whitney applies.
# reference mean 3, target mean 11: gap 8.
#   tool_a  [6..10]        mean 8    ratio 5/8      vs ref U=25 p=2/252  vs random U=24 p=4/252
#   tool_b  [1.5..5.5]     mean 3.5  ratio 1/16     vs ref U=15 (not significant)
#   random  [2.2..6.2]     mean 4.2  ratio 1.2/8    vs ref U=19 p=2*28/252 (9+7+5+3+2+1+1 = 28)
HAND = {
    "faulty": [1, 2, 3, 4, 5],
    "fix": [11, 11, 11, 11, 11],
    "tool_a": [6, 7, 8, 9, 10],
    "tool_b": [1.5, 2.5, 3.5, 4.5, 5.5],
    "random": [2.2, 3.2, 4.2, 5.2, 6.2],
}


@pytest.mark.parametrize("higher", [True, False])
def test_improvement_ratio_and_marks_against_a_hand_computed_table(higher: bool) -> None:
    sign = 1 if higher else -1
    runs = _runs({"s1": {t: [sign * v for v in values] for t, values in HAND.items()}})
    result = compare_runs(
        runs,
        reference="faulty",
        target="fix",
        baseline="random",
        higher_is_better=higher,
        correction="none",
    ).set_index("technique")
    assert result.loc["tool_a", "ratio"] == pytest.approx(5 / 8)
    assert result.loc["tool_b", "ratio"] == pytest.approx(1 / 16)
    assert result.loc["random", "ratio"] == pytest.approx(0.15)
    assert result.loc["fix", "ratio"] == pytest.approx(1.0)
    assert result.loc["tool_a", "pvalue_reference"] == pytest.approx(2 / 252)
    assert result.loc["tool_a", "pvalue_baseline"] == pytest.approx(4 / 252)
    assert result.loc["random", "pvalue_reference"] == pytest.approx(56 / 252)
    assert result.loc["tool_a", "a12_baseline"] == pytest.approx(24 / 25)
    assert result.loc["tool_b", "a12_reference"] == pytest.approx(15 / 25)
    marks = result[["better_reference", "better_baseline"]].to_dict("index")
    assert marks == {
        "faulty": {"better_reference": False, "better_baseline": False},
        "fix": {"better_reference": False, "better_baseline": False},
        "random": {"better_reference": False, "better_baseline": False},
        "tool_a": {"better_reference": True, "better_baseline": True},
        "tool_b": {"better_reference": False, "better_baseline": False},
    }
    table = technique_table(result.reset_index())
    a_mean = f"{sign * 8:.3f}"
    assert f"| **{a_mean}** † | 1.581 |" in table.markdown
    assert rf"\textbf{{{a_mean}}}$^{{\dagger}}$ & 1.581" in table.latex
    assert table.frame.loc[0, "tool_a better than"] == "reference;baseline"
    assert list(table.frame.columns[1:4]) == ["faulty mean", "faulty sd", "faulty better than"]
    summary = technique_summary(result.reset_index()).set_index("technique")
    assert summary.loc["tool_a", "better_than_reference"] == 1
    assert repr(summary.loc["tool_a", "better_than_baseline"]) == "1"
    assert pd.isna(summary.loc["random", "better_than_baseline"])
    assert list(summary.index) == ["tool_a", "tool_b", "random"]


def test_a_significant_difference_in_the_wrong_direction_is_not_marked() -> None:
    runs = _runs({"s1": {"faulty": [6, 7, 8, 9, 10], "worse": [1, 2, 3, 4, 5]}})
    row = compare_runs(runs, reference="faulty", correction="none").set_index("technique")
    assert row.loc["worse", "pvalue_reference"] == pytest.approx(2 / 252)
    assert not row.loc["worse", "better_reference"]
    assert row.loc["worse", "a12_reference"] == 0.0


def test_improvement_ratio_is_undefined_when_target_equals_reference() -> None:
    assert np.isnan(improvement_ratio(0.7, 0.5, 0.5))
    assert improvement_ratio(0.3, 0.5, 0.1, higher_is_better=False) == pytest.approx(0.5)


def test_compare_two_names_its_test() -> None:
    mine = pd.Series([1.0, 2.0, 3.0])
    assert compare_two(mine, mine, "mann-whitney", where="here").pvalue == pytest.approx(1.0)
