"""Likert items as ordinal data, and Mann-Whitney comparisons checked against scipy/statsmodels."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import mannwhitneyu, rankdata
from statsmodels.stats.multitest import multipletests

from analysis.likert import compare_likert, likert_scores, likert_summary, rank_biserial

SCALE = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]


def _responses(seed: int = 7) -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    groups = pd.Series(["dev"] * 12 + ["res"] * 9 + ["pm"] * 6, index=[f"R{i}" for i in range(27)])
    rows = []
    for respondent, group in groups.items():
        for question, shift in (("q1", 1), ("q2", 0), ("q3", -1)):
            base = {"dev": 3, "res": 3 + shift, "pm": 2}[group]
            score = int(np.clip(base + rng.integers(-1, 2), 1, 5))
            rows.append((respondent, question, SCALE[score - 1] if rng.random() > 0.05 else ""))
    return pd.DataFrame(rows, columns=["respondent_id", "question", "answer"]), groups


def test_summary_medians_and_shares_match_numpy() -> None:
    responses, _ = _responses()
    summary = likert_summary(responses, SCALE, order=["q1", "q2", "q3"])
    scores = likert_scores(responses, SCALE)
    for row in summary.itertuples():
        values = scores.loc[scores["question"] == row.question, "score"].to_numpy()
        assert row.n == len(values)
        assert row.median == np.median(values)
        shares = [float(np.mean(values == k)) for k in range(1, 6)]
        assert [getattr(summary.loc[row.Index], level) for level in SCALE] == pytest.approx(shares)
        assert row.above == pytest.approx(np.mean(values > 3))
    assert likert_summary(
        pd.DataFrame(
            {"respondent_id": ["a", "b"], "question": "q", "answer": ["Agree", "Neutral"]}
        ),
        SCALE,
    )["median_label"].tolist() == ["Neutral / Agree"]


def test_answers_off_the_scale_are_refused() -> None:
    frame = pd.DataFrame({"respondent_id": ["a"], "question": ["q"], "answer": ["Sort of"]})
    with pytest.raises(ValueError, match="Sort of"):
        likert_scores(frame, SCALE)


def test_mann_whitney_and_rank_biserial_against_scipy_and_statsmodels() -> None:
    responses, groups = _responses()
    table = compare_likert(responses, groups, SCALE, min_size=5)
    assert set(zip(table["group_a"], table["group_b"], strict=True)) == {
        ("dev", "pm"),
        ("dev", "res"),
        ("pm", "res"),
    }
    scores = likert_scores(responses, SCALE).assign(group=lambda f: f["respondent_id"].map(groups))
    for row in table.itertuples():
        answers = scores[scores["question"] == row.question]
        x = answers.loc[answers["group"] == row.group_a, "score"].to_numpy()
        y = answers.loc[answers["group"] == row.group_b, "score"].to_numpy()
        expected = mannwhitneyu(x, y, alternative="two-sided")
        assert row.u == pytest.approx(expected.statistic)
        assert row.pvalue == pytest.approx(expected.pvalue)
        ranks = rankdata(np.concatenate([x, y]))
        glass = 2 * (ranks[: len(x)].mean() - ranks[len(x) :].mean()) / (len(x) + len(y))
        assert row.rank_biserial == pytest.approx(glass)
    _, holm, _, _ = multipletests(table["pvalue"], method="holm")
    assert table["p_adjusted"].to_numpy() == pytest.approx(holm)
    only = compare_likert(responses, groups, SCALE, pairs=[("res", "dev")], correction="fdr_bh")
    assert set(only["group_a"]) == {"res"} and len(only) == 3


def test_rank_biserial_bounds() -> None:
    assert rank_biserial(0, 3, 4) == -1.0
    assert rank_biserial(12, 3, 4) == 1.0
    assert rank_biserial(6, 3, 4) == 0.0
