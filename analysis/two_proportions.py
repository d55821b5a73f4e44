"""Comparison of a proportion between two groups: Newcombe difference interval and a test."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency, fisher_exact

from analysis._checks import check_confidence, require_columns
from analysis.cochran import cochran_rule
from analysis.fields import field_values
from analysis.formatting import format_pvalue
from analysis.hierarchy import check_codes, lineage
from analysis.intervals import newcombe_interval


@dataclass(frozen=True)
class ProportionComparison:
    """Two groups' proportions, their difference with Newcombe's CI, and the test used."""

    group1: str
    group2: str
    count1: int
    n1: int
    count2: int
    n2: int
    proportion1: float
    proportion2: float
    difference: float
    ci_low: float
    ci_high: float
    confidence: float
    test: str
    reason: str
    statistic: float
    pvalue: float

    def summary(self) -> str:
        """One line: both proportions, the difference with its CI, the test and p."""
        p = format_pvalue(self.pvalue)
        p_text = f"p {p}" if p.startswith(("<", ">")) else f"p = {p}"
        test = "Pearson chi-square" if self.test == "chi-square" else "Fisher's exact test"
        return (
            f"{self.group1}: {self.count1}/{self.n1} ({self.proportion1:.1%}) vs "
            f"{self.group2}: {self.count2}/{self.n2} ({self.proportion2:.1%}); difference "
            f"{100 * self.difference:.1f} points, {self.confidence:.0%} CI "
            f"[{100 * self.ci_low:.1f}, {100 * self.ci_high:.1f}] (Newcombe hybrid score); "
            f"{test}, X²(1) = {self.statistic:.2f}, {p_text}; {self.reason}"
        )


def compare_proportions(
    count1: int,
    n1: int,
    count2: int,
    n2: int,
    *,
    names: tuple[str, str] = ("group 1", "group 2"),
    confidence: float = 0.95,
) -> ProportionComparison:
    """count1/n1 vs count2/n2: difference, Newcombe CI, chi-square or (small counts) Fisher.

    The test is Pearson's chi-square without continuity correction when Cochran's rule
    holds for the 2x2 table, else Fisher's exact test; `statistic` is Pearson's X² either way.
    """
    check_confidence(confidence)
    if n1 <= 0 or n2 <= 0:
        raise ValueError("both groups need n > 0")
    if not (0 <= count1 <= n1 and 0 <= count2 <= n2):
        raise ValueError("counts must satisfy 0 <= count <= n")
    table = np.array([[count1, n1 - count1], [count2, n2 - count2]])
    low, high = newcombe_interval(count1, n1, count2, n2, confidence=confidence)
    if (table.sum(axis=0) == 0).any():
        test, reason, statistic = "fisher", "an outcome never occurs (expected counts 0)", 0.0
        pvalue = fisher_exact(table).pvalue
    else:
        pearson = chi2_contingency(table, correction=False)
        holds, rule = cochran_rule(pearson.expected_freq)
        statistic = float(pearson.statistic)
        if holds:
            test, reason, pvalue = "chi-square", f"Cochran's rule holds: {rule}", pearson.pvalue
        else:
            test, reason = "fisher", f"Cochran's rule fails: {rule}"
            pvalue = fisher_exact(table).pvalue
    return ProportionComparison(
        group1=names[0],
        group2=names[1],
        count1=count1,
        n1=n1,
        count2=count2,
        n2=n2,
        proportion1=count1 / n1,
        proportion2=count2 / n2,
        difference=count1 / n1 - count2 / n2,
        ci_low=low,
        ci_high=high,
        confidence=confidence,
        test=test,
        reason=reason,
        statistic=statistic,
        pvalue=float(pvalue),
    )


def compare_groups(
    labels: pd.DataFrame,
    dimension: str,
    code: str,
    *,
    by: str,
    groups: tuple[str, str],
    items: pd.DataFrame | None = None,
    parents: Mapping[str, str | None] | None = None,
    confidence: float = 0.95,
) -> ProportionComparison:
    """Share of items coded `code` (or a sub-code, given `parents`) in two `by` groups.

    Each group's n is its items coded on `dimension`; e.g. the share of environment defects
    among issues reported by re-users vs maintainers.
    """
    require_columns(labels, ["item_id", "dimension", "code"], name="labels")
    coded = labels.loc[labels["dimension"] == dimension, ["item_id", "code"]].dropna()
    if coded.empty:
        raise ValueError(f"labels has no rows for dimension {dimension!r}")
    if parents is not None:
        check_codes([*coded["code"], code], parents)
        matches = {c for c in set(coded["code"]) if code in lineage(c, parents)}
    else:
        matches = {code}
    hits = set(coded.loc[coded["code"].isin(matches), "item_id"])
    membership = field_values(labels, by, items=items)
    counts: list[tuple[int, int]] = []
    for group in groups:
        members = set(membership.loc[membership[by] == group, "item_id"]) & set(coded["item_id"])
        if not members:
            raise ValueError(f"no item coded on {dimension!r} has {by} = {group!r}")
        counts.append((len(members & hits), len(members)))
    (count1, n1), (count2, n2) = counts
    return compare_proportions(
        count1, n1, count2, n2, names=(str(groups[0]), str(groups[1])), confidence=confidence
    )
