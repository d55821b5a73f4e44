"""Independence tests on count tables: test choice, adjusted residuals, Cramér's V with CI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy.stats import MonteCarloMethod, chi2_contingency, fisher_exact, norm

from analysis._checks import check_confidence
from analysis.cochran import cochran_rule
from analysis.effect_sizes import VInterval, cramers_v, cramers_v_interval
from analysis.formatting import format_pvalue

ResidualCorrection = Literal["none", "bonferroni"]

UP, DOWN = "\u2191", "\u2193"

TEST_NAMES = {
    "chi-square": "Pearson chi-square test",
    "fisher": "Fisher's exact test",
    "monte-carlo": "Monte Carlo chi-square test",
}


@dataclass(frozen=True, eq=False)
class Association:
    """Result of `association`: the table, expected counts, residuals, test and Cramér's V.

    `statistic` is Pearson's X² whichever test gave `pvalue`; `test` is "chi-square",
    "fisher" or "monte-carlo" and `reason` says why. The noncentral V interval bounds the
    population V, sqrt(λ / (N (k - 1))); the sample V is biased upwards, so for weak
    associations it can sit near or above the upper limit. `dropped` lists all-zero rows
    and columns left out of the test.
    """

    table: pd.DataFrame
    expected: pd.DataFrame
    residuals: pd.DataFrame
    significant: pd.DataFrame
    residual_threshold: float
    test: str
    reason: str
    statistic: float
    dof: int
    pvalue: float
    cramers_v: float
    v_ci_low: float
    v_ci_high: float
    v_ci_method: str
    confidence: float
    n: int
    dropped: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line: test, statistic, dof, N, p, Cramér's V with its CI, and why the test."""
        p = format_pvalue(self.pvalue)
        p_text = f"p {p}" if p.startswith(("<", ">")) else f"p = {p}"
        level = f"{self.confidence:.0%}"
        return (
            f"{TEST_NAMES[self.test]}: X²({self.dof}, N = {self.n}) = {self.statistic:.2f}, "
            f"{p_text}; Cramér's V = {self.cramers_v:.2f}, {level} CI [{self.v_ci_low:.2f}, "
            f"{self.v_ci_high:.2f}] ({self.v_ci_method}); {self.reason}"
        )

    def marks(self) -> pd.DataFrame:
        """Per cell "↑" (significantly more than independence), "↓" (fewer) or ""."""
        up = self.significant & (self.residuals > 0)
        down = self.significant & (self.residuals < 0)
        text = np.where(up.to_numpy(), UP, np.where(down.to_numpy(), DOWN, ""))
        return pd.DataFrame(text, index=self.table.index, columns=self.table.columns)

    def cells(self) -> pd.DataFrame:
        """Tidy per-cell frame: row, column, observed, expected, residual, significant."""
        row_name = self.table.index.name or "row"
        column_name = self.table.columns.name or "column"
        if row_name == column_name:
            row_name, column_name = "row", "column"
        frames = {
            "observed": self.table,
            "expected": self.expected,
            "residual": self.residuals,
            "significant": self.significant,
        }
        stacked = {name: frame.stack() for name, frame in frames.items()}
        result = pd.DataFrame(stacked)
        result.index.names = [row_name, column_name]
        return result.reset_index()


def residual_threshold(
    n_cells: int, *, alpha: float = 0.05, correction: ResidualCorrection = "none"
) -> float:
    """Critical |adjusted residual|: z at alpha/2, Bonferroni-divided by the cell count if asked."""
    if correction == "none":
        return float(norm.ppf(1.0 - alpha / 2.0))
    if correction == "bonferroni":
        return float(norm.ppf(1.0 - alpha / (2.0 * n_cells)))
    raise ValueError(f"correction must be 'none' or 'bonferroni', got {correction!r}")


def adjusted_residuals(table: pd.DataFrame) -> pd.DataFrame:
    """Agresti's adjusted standardized residuals (O - E) / sqrt(E (1 - r_i/N) (1 - c_j/N))."""
    observed = table.to_numpy(dtype=float)
    n = observed.sum()
    rows = observed.sum(axis=1, keepdims=True)
    columns = observed.sum(axis=0, keepdims=True)
    expected = rows @ columns / n
    variance = expected * (1.0 - rows / n) * (1.0 - columns / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        residuals = (observed - expected) / np.sqrt(variance)
    return pd.DataFrame(residuals, index=table.index, columns=table.columns)


def _chosen_test(
    observed: np.ndarray, expected: np.ndarray, chi2_pvalue: float, n_resamples: int, seed: int
) -> tuple[str, str, float]:
    """(test, reason, p-value): chi-square if Cochran's rule holds, else Fisher or Monte Carlo."""
    holds, rule = cochran_rule(expected)
    if holds:
        return "chi-square", f"Cochran's rule holds: {rule}", chi2_pvalue
    if observed.shape == (2, 2):
        return "fisher", f"Cochran's rule fails ({rule}); 2x2 table", fisher_exact(observed).pvalue
    method = MonteCarloMethod(n_resamples=n_resamples, rng=np.random.default_rng(seed))
    pvalue = chi2_contingency(observed, correction=False, method=method).pvalue
    reason = f"Cochran's rule fails ({rule}); {n_resamples} Monte Carlo tables, seed {seed}"
    return "monte-carlo", reason, float(pvalue)


def association(
    table: pd.DataFrame,
    *,
    confidence: float = 0.95,
    residual_alpha: float = 0.05,
    residual_correction: ResidualCorrection = "none",
    v_interval: VInterval = "noncentral",
    n_resamples: int = 9999,
    v_resamples: int = 2000,
    seed: int = 0,
) -> Association:
    """Test independence in a count table, choosing the test by Cochran's rule.

    Pearson chi-square (no continuity correction) when the rule holds; otherwise Fisher's
    exact test for a 2x2 table or a Monte Carlo p-value (`n_resamples` tables with the
    observed margins, seeded) for larger ones. All-zero rows and columns are dropped first.
    Cells are marked significant where |adjusted residual| exceeds the two-sided
    `residual_alpha` critical value (Bonferroni over the cells if asked). Cramér's V gets a
    noncentral chi-square or seeded bootstrap (`v_resamples`) interval.
    """
    check_confidence(confidence)
    counts = table.astype("float64")
    if (counts.to_numpy() < 0).any() or counts.isna().to_numpy().any():
        raise ValueError("table must hold non-negative counts")
    keep_rows = counts.sum(axis=1) > 0
    keep_columns = counts.sum(axis=0) > 0
    dropped = tuple(
        [f"row {value}" for value in counts.index[~keep_rows]]
        + [f"column {value}" for value in counts.columns[~keep_columns]]
    )
    counts = counts.loc[keep_rows, keep_columns]
    if min(counts.shape) < 2:
        raise ValueError("need at least 2 non-empty rows and 2 non-empty columns")
    observed = counts.to_numpy()
    pearson = chi2_contingency(observed, correction=False)
    test, reason, pvalue = _chosen_test(
        observed, pearson.expected_freq, float(pearson.pvalue), n_resamples, seed
    )
    residuals = adjusted_residuals(counts)
    threshold = residual_threshold(
        observed.size, alpha=residual_alpha, correction=residual_correction
    )
    low, high = cramers_v_interval(
        observed, confidence=confidence, method=v_interval, n_resamples=v_resamples, seed=seed
    )
    v_method = (
        "noncentral chi-square CI"
        if v_interval == "noncentral"
        else f"percentile bootstrap CI, {v_resamples} resamples, seed {seed}"
    )
    return Association(
        table=counts.astype("int64"),
        expected=pd.DataFrame(pearson.expected_freq, index=counts.index, columns=counts.columns),
        residuals=residuals,
        significant=residuals.abs() > threshold,
        residual_threshold=threshold,
        test=test,
        reason=reason,
        statistic=float(pearson.statistic),
        dof=int(pearson.dof),
        pvalue=float(pvalue),
        cramers_v=cramers_v(observed),
        v_ci_low=low,
        v_ci_high=high,
        v_ci_method=v_method,
        confidence=confidence,
        n=int(observed.sum()),
        dropped=dropped,
    )


def summarize_associations(results: Mapping[str, Association]) -> pd.DataFrame:
    """One row per named result: name, test, statistic, dof, n, pvalue, cramers_v, CI, reason."""
    rows = [
        {
            "name": name,
            "test": result.test,
            "statistic": result.statistic,
            "dof": result.dof,
            "n": result.n,
            "pvalue": result.pvalue,
            "cramers_v": result.cramers_v,
            "v_ci_low": result.v_ci_low,
            "v_ci_high": result.v_ci_high,
            "reason": result.reason,
        }
        for name, result in results.items()
    ]
    columns = ["name", "test", "statistic", "dof", "n", "pvalue"]
    columns += ["cramers_v", "v_ci_low", "v_ci_high", "reason"]
    return pd.DataFrame(rows, columns=columns)
