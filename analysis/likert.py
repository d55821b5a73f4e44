"""Likert items as ordinal data: medians and distributions, and Mann-Whitney group comparisons.

`responses` are answers in long form: respondent_id, question, answer (a label of `scale`,
listed from lowest to highest; empty answers are left out).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.stats import mannwhitneyu

from analysis._checks import require_columns
from analysis.multiple_testing import Correction, adjust_pvalues


def likert_scores(responses: pd.DataFrame, scale: Sequence[str]) -> pd.DataFrame:
    """The answers with a `score` (1 = first level of the scale); blanks dropped."""
    require_columns(responses, ["respondent_id", "question", "answer"], name="responses")
    answered = responses[responses["answer"].fillna("").astype(str).str.strip() != ""]
    levels = {level.casefold(): rank for rank, level in enumerate(scale, start=1)}
    scores = answered["answer"].astype(str).str.strip().str.casefold().map(levels)
    unknown = sorted(set(answered.loc[scores.isna(), "answer"]))
    if unknown:
        raise ValueError(f"answers not on the scale {list(scale)}: {unknown}")
    return answered.assign(score=scores.astype("int64"))


def _median_label(median: float, scale: Sequence[str]) -> str:
    if float(median).is_integer():
        return scale[int(median) - 1]
    return f"{scale[int(np.floor(median)) - 1]} / {scale[int(np.ceil(median)) - 1]}"


def likert_summary(
    responses: pd.DataFrame, scale: Sequence[str], *, order: Sequence[str] | None = None
) -> pd.DataFrame:
    """Per question: n, median (score and label), share per level, share below/above the middle."""
    scores = likert_scores(responses, scale)
    questions = list(order) if order is not None else sorted(set(scores["question"]))
    middle = (len(scale) + 1) / 2
    rows = []
    for question in questions:
        values = scores.loc[scores["question"] == question, "score"]
        n = len(values)
        median = float(np.median(values)) if n else float("nan")
        row: dict[str, object] = {
            "question": question,
            "n": n,
            "median": median,
            "median_label": _median_label(median, scale) if n else "",
        }
        for rank, level in enumerate(scale, start=1):
            row[level] = float((values == rank).mean()) if n else float("nan")
        row["below"] = float((values < middle).mean()) if n else float("nan")
        row["above"] = float((values > middle).mean()) if n else float("nan")
        rows.append(row)
    return pd.DataFrame(rows)


def rank_biserial(u_statistic: float, n_a: int, n_b: int) -> float:
    """Rank-biserial correlation from group a's U: 2U/(n_a n_b) - 1 (> 0: a tends higher)."""
    return 2.0 * u_statistic / (n_a * n_b) - 1.0


def compare_likert(
    responses: pd.DataFrame,
    groups: pd.Series,
    scale: Sequence[str],
    *,
    pairs: Sequence[tuple[str, str]] | None = None,
    min_size: int = 5,
    correction: Correction = "holm",
) -> pd.DataFrame:
    """Mann-Whitney U (two-sided) per question and pair of groups, with rank-biserial r.

    `groups` maps respondent_id to a group; without `pairs`, every pair of groups with at
    least `min_size` respondents is compared. p-values are corrected across all tests.
    """
    scores = likert_scores(responses, scale)
    scores = scores.assign(group=scores["respondent_id"].map(groups))
    if pairs is None:
        sizes = groups.value_counts()
        big = sorted(str(g) for g in sizes[sizes >= min_size].index)
        pairs = list(itertools.combinations(big, 2))
    rows = []
    for question, answers in scores.groupby("question", sort=True):
        for a, b in pairs:
            x = answers.loc[answers["group"] == a, "score"].to_numpy()
            y = answers.loc[answers["group"] == b, "score"].to_numpy()
            if len(x) == 0 or len(y) == 0:
                continue
            result = mannwhitneyu(x, y, alternative="two-sided")
            rows.append(
                {
                    "question": question,
                    "group_a": a,
                    "group_b": b,
                    "n_a": len(x),
                    "n_b": len(y),
                    "median_a": float(np.median(x)),
                    "median_b": float(np.median(y)),
                    "u": float(result.statistic),
                    "pvalue": float(result.pvalue),
                    "rank_biserial": rank_biserial(float(result.statistic), len(x), len(y)),
                }
            )
    table = pd.DataFrame(
        rows,
        columns=[
            "question",
            "group_a",
            "group_b",
            "n_a",
            "n_b",
            "median_a",
            "median_b",
            "u",
            "pvalue",
            "rank_biserial",
        ],
    )
    return adjust_pvalues(table, method=correction)
