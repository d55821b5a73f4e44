"""Two-group comparison of a proportion: Newcombe interval and the chosen test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency, fisher_exact

from analysis.two_proportions import compare_groups, compare_proportions


def test_published_newcombe_example_with_chi_square() -> None:
    result = compare_proportions(56, 70, 48, 80, names=("re-users", "maintainers"))
    assert round(result.difference, 4) == 0.2000
    assert round(result.ci_low, 4) == 0.0524
    assert round(result.ci_high, 4) == 0.3339
    reference = chi2_contingency(np.array([[56, 14], [48, 32]]), correction=False)
    assert result.test == "chi-square"
    assert result.statistic == pytest.approx(reference.statistic)
    assert result.pvalue == pytest.approx(reference.pvalue)
    line = result.summary()
    assert line.startswith("re-users: 56/70 (80.0%) vs maintainers: 48/80 (60.0%)")
    assert "[5.2, 33.4]" in line


def test_fisher_when_expected_counts_are_small() -> None:
    result = compare_proportions(9, 10, 3, 10)
    assert result.test == "fisher"
    assert result.pvalue == pytest.approx(fisher_exact(np.array([[9, 1], [3, 7]])).pvalue)
    assert "Cochran's rule fails" in result.reason


def test_degenerate_outcome_uses_fisher() -> None:
    result = compare_proportions(0, 10, 0, 20)
    assert (result.test, result.pvalue) == ("fisher", 1.0)


def test_invalid_counts() -> None:
    with pytest.raises(ValueError, match="n > 0"):
        compare_proportions(0, 0, 1, 2)
    with pytest.raises(ValueError, match="count <= n"):
        compare_proportions(3, 2, 1, 2)


def test_compare_groups_counts_items_with_the_code_or_its_sub_codes(
    study: tuple[pd.DataFrame, pd.DataFrame], parents: dict[str, str | None]
) -> None:
    labels, items = study
    result = compare_groups(
        labels,
        "defect_type",
        "environment",
        by="author_association",
        groups=("NONE", "MEMBER"),
        items=items,
        parents=parents,
    )
    merged = labels[labels["dimension"] == "defect_type"].merge(items, on="item_id")
    environment = merged["code"].isin(["environment", "env_api", "env_version"])
    for group, count, n in [
        ("NONE", result.count1, result.n1),
        ("MEMBER", result.count2, result.n2),
    ]:
        members = merged["author_association"] == group
        assert n == members.sum()
        assert count == (members & environment).sum()
    assert result.difference > 0


def test_compare_groups_reports_unknown_groups(
    study: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    labels, items = study
    with pytest.raises(ValueError, match="author_association = 'OWNER'"):
        compare_groups(
            labels,
            "defect_type",
            "env_api",
            by="author_association",
            groups=("NONE", "OWNER"),
            items=items,
        )
