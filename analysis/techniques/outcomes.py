"""Technique comparison for repair benchmarks: success rates, tests against a baseline, A12.

`outcomes` is long: one row per technique x fault x run with columns `technique`, `fault`,
`run`, `success` (bool) and optionally a continuous score column.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd
from scipy.stats import fisher_exact, wilcoxon
from statsmodels.stats.contingency_tables import mcnemar

from analysis._checks import check_confidence, require_columns
from analysis.effect_sizes import a12_magnitude, vargha_delaney_a12
from analysis.intervals import wilson_interval
from analysis.multiple_testing import Correction, adjust_pvalues
from analysis.techniques.two_sample import EXACT_MCNEMAR_BELOW

OUTCOME_COLUMNS = ("technique", "fault", "run", "success")

SuccessTest = Literal["mcnemar", "fisher"]
FaultRule = Literal["majority", "any", "all"]


def _checked(outcomes: pd.DataFrame, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    require_columns(outcomes, [*OUTCOME_COLUMNS, *extra], name="outcomes")
    if outcomes.duplicated(subset=["technique", "fault", "run"]).any():
        raise ValueError("outcomes has several rows for the same technique, fault and run")
    return outcomes.assign(success=outcomes["success"].astype(bool))


def success_rates(outcomes: pd.DataFrame, *, confidence: float = 0.95) -> pd.DataFrame:
    """Per technique: attempts, successes, rate with Wilson CI, faults, faults_solved (any run)."""
    check_confidence(confidence)
    data = _checked(outcomes)
    per_fault = data.groupby(["technique", "fault"])["success"].any()
    rates = data.groupby("technique", sort=True).agg(
        attempts=("success", "size"), successes=("success", "sum")
    )
    rates["rate"] = rates["successes"] / rates["attempts"]
    low, high = wilson_interval(rates["successes"], rates["attempts"], confidence=confidence)
    rates["ci_low"] = low
    rates["ci_high"] = high
    rates["faults"] = per_fault.groupby("technique").size()
    rates["faults_solved"] = per_fault.groupby("technique").sum()
    return rates.reset_index().astype({"successes": "int64", "faults_solved": "int64"})


def fault_outcomes(outcomes: pd.DataFrame, *, rule: FaultRule = "majority") -> pd.DataFrame:
    """Wide bool frame (fault x technique): solved in more than half / any / all of its runs."""
    data = _checked(outcomes)
    share = data.groupby(["fault", "technique"])["success"].mean().unstack("technique")
    if rule == "majority":
        solved = share > 0.5
    elif rule == "any":
        solved = share > 0.0
    elif rule == "all":
        solved = share >= 1.0
    else:
        raise ValueError(f"rule must be 'majority', 'any' or 'all', got {rule!r}")
    return solved.where(share.notna())


def _others(data: pd.DataFrame, baseline: str) -> list[str]:
    techniques = sorted(set(data["technique"]))
    if baseline not in techniques:
        raise ValueError(f"baseline {baseline!r} is not a technique in outcomes")
    if len(techniques) < 2:
        raise ValueError("outcomes has no technique besides the baseline")
    return [technique for technique in techniques if technique != baseline]


def _rates(
    successes: int, n: int, baseline_successes: int, baseline_n: int
) -> dict[str, float | int]:
    rate = successes / n
    baseline_rate = baseline_successes / baseline_n
    return {
        "successes": successes,
        "n": n,
        "baseline_successes": baseline_successes,
        "baseline_n": baseline_n,
        "rate": rate,
        "baseline_rate": baseline_rate,
        "difference": rate - baseline_rate,
    }


def _mcnemar_row(solved: pd.DataFrame, technique: str, baseline: str) -> dict[str, object]:
    pair = solved[[technique, baseline]].dropna().astype(bool)
    if pair.empty:
        raise ValueError(f"{technique!r} and {baseline!r} share no fault")
    mine, theirs = pair[technique].to_numpy(), pair[baseline].to_numpy()
    table = np.array(
        [
            [np.sum(mine & theirs), np.sum(mine & ~theirs)],
            [np.sum(~mine & theirs), np.sum(~mine & ~theirs)],
        ]
    )
    exact = bool(table[0, 1] + table[1, 0] < EXACT_MCNEMAR_BELOW)
    result = mcnemar(table, exact=exact)
    return {
        "technique": technique,
        "baseline": baseline,
        "test": "mcnemar-exact" if exact else "mcnemar-chi2",
        **_rates(int(mine.sum()), len(pair), int(theirs.sum()), len(pair)),
        "statistic": float(result.statistic),
        "pvalue": float(result.pvalue),
    }


def _fisher_row(
    pooled: Mapping[str, tuple[int, int]], technique: str, baseline: str
) -> dict[str, object]:
    successes, n = pooled[technique]
    base_successes, base_n = pooled[baseline]
    result = fisher_exact([[successes, n - successes], [base_successes, base_n - base_successes]])
    return {
        "technique": technique,
        "baseline": baseline,
        "test": "fisher",
        **_rates(successes, n, base_successes, base_n),
        "statistic": float(result.statistic),
        "pvalue": float(result.pvalue),
    }


def compare_success(
    outcomes: pd.DataFrame,
    *,
    baseline: str,
    test: SuccessTest = "mcnemar",
    fault_rule: FaultRule = "majority",
    correction: Correction = "holm",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Each technique's success against `baseline`, one row each, p-values corrected.

    test="mcnemar": per-fault outcomes (`fault_rule` over runs) paired on the faults both
    ran; statsmodels' McNemar test, exact binomial (statistic = min discordant count) when
    fewer than 25 faults are discordant, else chi-square with continuity correction; rates
    are shares of solved faults. test="fisher": Fisher's exact test on successes pooled over
    faults and runs (statistic = sample odds ratio); rates are pooled success rates.
    Columns: technique, baseline, test, successes, n, baseline_successes, baseline_n, rate,
    baseline_rate, difference, statistic, pvalue, p_adjusted, reject.
    """
    data = _checked(outcomes)
    others = _others(data, baseline)
    if test == "mcnemar":
        solved = fault_outcomes(data, rule=fault_rule)
        rows = [_mcnemar_row(solved, technique, baseline) for technique in others]
    elif test == "fisher":
        grouped = data.groupby("technique")["success"]
        sums, sizes = grouped.sum(), grouped.size()
        pooled = {
            str(name): (int(total), int(size))
            for name, total, size in zip(sums.index, sums.to_numpy(), sizes.to_numpy(), strict=True)
        }
        rows = [_fisher_row(pooled, technique, baseline) for technique in others]
    else:
        raise ValueError(f"test must be 'mcnemar' or 'fisher', got {test!r}")
    return adjust_pvalues(pd.DataFrame(rows), method=correction, alpha=alpha)


def compare_scores(
    outcomes: pd.DataFrame,
    *,
    baseline: str,
    score: str = "score",
    correction: Correction = "holm",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Each technique's continuous `score` against `baseline`, paired by fault, corrected.

    Scores are averaged over runs per fault; on the faults both techniques ran this reports
    the means, Vargha-Delaney A12 (> 0.5: the technique scores higher) with its magnitude,
    and the Wilcoxon signed-rank test (scipy defaults; p = 1 when all differences are 0).
    Columns: technique, baseline, faults, mean, baseline_mean, a12, magnitude, statistic,
    pvalue, p_adjusted, reject.
    """
    data = _checked(outcomes, (score,))
    others = _others(data, baseline)
    means = data.groupby(["fault", "technique"])[score].mean().unstack("technique")
    rows = []
    for technique in others:
        pair = means[[technique, baseline]].dropna()
        if pair.empty:
            raise ValueError(f"{technique!r} and {baseline!r} share no fault with a score")
        mine, theirs = pair[technique].to_numpy(), pair[baseline].to_numpy()
        a12 = vargha_delaney_a12(mine, theirs)
        if np.all(mine == theirs):
            statistic, pvalue = 0.0, 1.0
        else:
            result = wilcoxon(mine, theirs)
            statistic, pvalue = float(result.statistic), float(result.pvalue)
        rows.append(
            {
                "technique": technique,
                "baseline": baseline,
                "faults": len(pair),
                "mean": float(mine.mean()),
                "baseline_mean": float(theirs.mean()),
                "a12": a12,
                "magnitude": a12_magnitude(a12),
                "statistic": statistic,
                "pvalue": pvalue,
            }
        )
    return adjust_pvalues(pd.DataFrame(rows), method=correction, alpha=alpha)
