"""Technique comparison on repair-benchmark outcomes, checked against scipy/statsmodels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import fisher_exact, wilcoxon
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

from analysis.effect_sizes import vargha_delaney_a12
from analysis.techniques import compare_scores, compare_success, fault_outcomes, success_rates

SKILL = {"baseline": 0.35, "tool_a": 0.6, "tool_b": 0.38}


@pytest.fixture
def outcomes() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    difficulty = rng.uniform(-0.3, 0.3, 40)
    rows = []
    for technique, skill in SKILL.items():
        for fault in range(40):
            for run in range(5):
                chance = float(np.clip(skill + difficulty[fault], 0.02, 0.98))
                score = chance + rng.normal(0, 0.1)
                rows.append((technique, f"f{fault}", run, rng.random() < chance, score))
    return pd.DataFrame(rows, columns=["technique", "fault", "run", "success", "score"])


def test_success_rates_with_wilson(outcomes: pd.DataFrame) -> None:
    rates = success_rates(outcomes)
    assert list(rates.columns) == [
        "technique",
        "attempts",
        "successes",
        "rate",
        "ci_low",
        "ci_high",
        "faults",
        "faults_solved",
    ]
    assert list(rates["attempts"]) == [200, 200, 200]
    low, high = proportion_confint(rates["successes"], rates["attempts"], method="wilson")
    np.testing.assert_allclose(rates["ci_low"], low)
    np.testing.assert_allclose(rates["ci_high"], high)


def test_mcnemar_on_paired_fault_outcomes(outcomes: pd.DataFrame) -> None:
    result = compare_success(outcomes, baseline="baseline")
    assert list(result["technique"]) == ["tool_a", "tool_b"]
    share = outcomes.groupby(["fault", "technique"])["success"].mean().unstack()
    solved = share > 0.5
    pvalues = []
    for _, row in result.iterrows():
        mine, base = solved[row["technique"]], solved["baseline"]
        table = [
            [(mine & base).sum(), (mine & ~base).sum()],
            [(~mine & base).sum(), (~mine & ~base).sum()],
        ]
        exact = table[0][1] + table[1][0] < 25
        reference = mcnemar(np.array(table), exact=exact)
        assert row["test"] == ("mcnemar-exact" if exact else "mcnemar-chi2")
        assert row["pvalue"] == pytest.approx(reference.pvalue)
        assert row["statistic"] == pytest.approx(reference.statistic)
        assert row["successes"] == mine.sum() and row["n"] == 40
        pvalues.append(reference.pvalue)
    np.testing.assert_allclose(result["p_adjusted"], multipletests(pvalues, method="holm")[1])


def test_fisher_on_pooled_successes(outcomes: pd.DataFrame) -> None:
    result = compare_success(outcomes, baseline="baseline", test="fisher", correction="fdr_bh")
    pooled = outcomes.groupby("technique")["success"].agg(["sum", "size"])
    pvalues = []
    for _, row in result.iterrows():
        s, n = pooled.loc[row["technique"]]
        bs, bn = pooled.loc["baseline"]
        reference = fisher_exact([[s, n - s], [bs, bn - bs]])
        assert row["pvalue"] == pytest.approx(reference.pvalue)
        assert row["rate"] == pytest.approx(s / n)
        pvalues.append(reference.pvalue)
    np.testing.assert_allclose(result["p_adjusted"], multipletests(pvalues, method="fdr_bh")[1])
    assert bool(result.set_index("technique").loc["tool_a", "reject"])


def test_fault_rules() -> None:
    frame = pd.DataFrame(
        {
            "technique": ["t"] * 4,
            "fault": ["f1", "f1", "f2", "f2"],
            "run": [0, 1, 0, 1],
            "success": [True, False, True, True],
        }
    )
    assert fault_outcomes(frame, rule="any")["t"].tolist() == [True, True]
    assert fault_outcomes(frame, rule="majority")["t"].tolist() == [False, True]
    assert fault_outcomes(frame, rule="all")["t"].tolist() == [False, True]


def test_scores_paired_by_fault(outcomes: pd.DataFrame) -> None:
    result = compare_scores(outcomes, baseline="baseline")
    means = outcomes.groupby(["fault", "technique"])["score"].mean().unstack()
    pvalues = []
    for _, row in result.iterrows():
        mine, base = means[row["technique"]], means["baseline"]
        reference = wilcoxon(mine, base)
        assert row["pvalue"] == pytest.approx(reference.pvalue)
        assert row["statistic"] == pytest.approx(reference.statistic)
        assert row["a12"] == pytest.approx(vargha_delaney_a12(mine, base))
        pvalues.append(reference.pvalue)
    np.testing.assert_allclose(result["p_adjusted"], multipletests(pvalues, method="holm")[1])
    tool_a = result.set_index("technique").loc["tool_a"]
    assert tool_a["a12"] > 0.7 and tool_a["magnitude"] == "large"


def test_identical_scores_give_p_one(outcomes: pd.DataFrame) -> None:
    copy = outcomes[outcomes["technique"] == "baseline"].assign(technique="clone")
    result = compare_scores(pd.concat([outcomes, copy]), baseline="baseline")
    clone = result.set_index("technique").loc["clone"]
    assert (clone["pvalue"], clone["a12"]) == (1.0, 0.5)


def test_input_errors(outcomes: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="missing column 'run'"):
        success_rates(outcomes.drop(columns="run"))
    with pytest.raises(ValueError, match="baseline 'nope'"):
        compare_success(outcomes, baseline="nope")
    with pytest.raises(ValueError, match="missing column 'time'"):
        compare_scores(outcomes, baseline="baseline", score="time")
    with pytest.raises(ValueError, match="same technique, fault and run"):
        success_rates(pd.concat([outcomes, outcomes.head(1)]))
