"""One technique's runs against another's on one subject: the four tests studies use.

mann-whitney (independent runs), wilcoxon (runs paired by run id), fisher (success/failure of
independent runs), mcnemar (success/failure of paired runs). A paired test on runs that are not
paired is refused with why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy.stats import fisher_exact, mannwhitneyu, wilcoxon
from statsmodels.stats.contingency_tables import mcnemar

RunTest = Literal["mann-whitney", "wilcoxon", "fisher", "mcnemar"]
RUN_TESTS: tuple[RunTest, ...] = ("mann-whitney", "wilcoxon", "fisher", "mcnemar")
PAIRED_TESTS = ("wilcoxon", "mcnemar")
BINARY_TESTS = ("fisher", "mcnemar")
EXACT_MCNEMAR_BELOW = 25


@dataclass(frozen=True)
class TestResult:
    """A test's statistic and two-sided p-value, and how it was run."""

    test: str
    statistic: float
    pvalue: float


def check_test(test: str, *, paired: bool) -> None:
    """Refuse an unknown test, or a paired test on runs that are not paired."""
    if test not in RUN_TESTS:
        raise ValueError(f"test must be one of {', '.join(RUN_TESTS)}, got {test!r}")
    if test in PAIRED_TESTS and not paired:
        unpaired = "mann-whitney" if test == "wilcoxon" else "fisher"
        raise ValueError(
            f"{test} pairs run i of one technique with run i of the other, but these runs are "
            f"independent (each run its own random start): use {unpaired}, or declare the runs "
            "paired (the same seed for the same run id in every technique)"
        )


def default_test(values: ArrayLike, *, paired: bool) -> RunTest:
    """The test for these runs when none is asked: success/failure values (all 0 or 1) get
    fisher (mcnemar when paired), others mann-whitney (wilcoxon when paired)."""
    numbers = np.asarray(values, dtype=float)
    binary = numbers.size > 0 and bool(np.isin(numbers, (0.0, 1.0)).all())
    if binary:
        return "mcnemar" if paired else "fisher"
    return "wilcoxon" if paired else "mann-whitney"


def _binary(values: pd.Series, where: str) -> np.ndarray:
    numbers = values.to_numpy(dtype=float)
    bad = ~np.isin(numbers, (0.0, 1.0))
    if bad.any():
        raise ValueError(
            f"{where}: a success/failure test needs values 0 or 1, got {numbers[bad][0]:g}"
        )
    return numbers.astype(bool)


def _paired(mine: pd.Series, theirs: pd.Series, where: str) -> tuple[pd.Series, pd.Series]:
    if set(mine.index) != set(theirs.index):
        only = sorted(set(mine.index) ^ set(theirs.index), key=str)
        raise ValueError(
            f"{where}: paired runs need the same run ids on both sides; "
            f"run {only[0]} is on one side only"
        )
    order = sorted(mine.index, key=str)
    return mine.loc[order], theirs.loc[order]


def compare_two(mine: pd.Series, theirs: pd.Series, test: RunTest, *, where: str) -> TestResult:
    """Test `mine` against `theirs` (values indexed by run id); `where` names them in errors."""
    if test in PAIRED_TESTS:
        mine, theirs = _paired(mine, theirs, where)
    if test == "mann-whitney":
        result = mannwhitneyu(mine.to_numpy(float), theirs.to_numpy(float), alternative="two-sided")
        return TestResult(test, float(result.statistic), float(result.pvalue))
    if test == "wilcoxon":
        difference = mine.to_numpy(float) - theirs.to_numpy(float)
        if np.all(difference == 0):
            return TestResult(test, 0.0, 1.0)
        result = wilcoxon(difference)
        return TestResult(test, float(result.statistic), float(result.pvalue))
    a, b = _binary(mine, where), _binary(theirs, where)
    if test == "fisher":
        counts = [[a.sum(), (~a).sum()], [b.sum(), (~b).sum()]]
        result = fisher_exact(counts)
        return TestResult(test, float(result.statistic), float(result.pvalue))
    table = np.array([[np.sum(a & b), np.sum(a & ~b)], [np.sum(~a & b), np.sum(~a & ~b)]])
    exact = bool(table[0, 1] + table[1, 0] < EXACT_MCNEMAR_BELOW)
    result = mcnemar(table, exact=exact)
    name = "mcnemar-exact" if exact else "mcnemar-chi2"
    return TestResult(name, float(result.statistic), float(result.pvalue))
