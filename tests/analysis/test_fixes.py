"""analysis.fixes on a small table whose numbers are worked out by hand below."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.figures.fixes import plot_fixes
from analysis.fixes import ALL, component_shares, fix_summary, fixed_issues, fixing_commits

R = "lab/a"
LINKS = pd.DataFrame(
    [
        (R, 1, "commit", R, "c1", "closed_event"),
        (R, 1, "commit", R, "c1", "commit_message"),  # the same commit twice: counted once
        (R, 2, "pull_request", R, "10", "pr_body"),  # closes #2: its merge commit m10
        (R, 2, "commit", R, "m10", "pr_merge_commit"),
        (R, 2, "commit", R, "c2b", "commit_message"),
        (R, 3, "pull_request", R, "11", "cross_reference"),  # a mention: no fix
        (R, 3, "commit", R, "m11", "pr_merge_commit"),
        (R, 4, "commit", R, "c4", "closed_event"),  # issue 4 has no type
        (R, 5, "commit", R, "c5", "closed_event"),  # c5 was not analysed
        (R, 6, "commit", R, "c6", "closed_event"),
    ],
    columns=["repository", "issue_number", "kind", "fix_repository", "target", "evidence"],
)
PULLS = pd.DataFrame([(R, 10, "m10"), (R, 11, "m11")], columns=["repository", "number",
                                                                 "merge_commit_sha"])  # fmt: skip
FILES = pd.DataFrame(
    [
        (R, "c1", "model/net.py", 10, 2, "model"),
        (R, "c1", "train.py", 3, 0, "training_loop"),
        (R, "m10", "data/loader.py", 5, 5, "data_pipeline"),
        (R, "c2b", "data/loader.py", 1, 0, "data_pipeline"),
        (R, "c2b", "tests/test_x.py", 4, 0, "tests"),
        (R, "c6", "model/net.py", 1, 0, "model"),
        (R, "m11", "README.md", 1, 0, "docs"),
    ],
    columns=["repository", "sha", "path", "added_lines", "deleted_lines", "component"],
)
COMMITS = pd.DataFrame(
    [
        (R, "c1", "2024-01-03T00:00:00Z"),
        (R, "m10", "2024-01-10T12:00:00Z"),
        (R, "c2b", "2024-01-05T00:00:00Z"),
        (R, "m11", "2024-01-04T00:00:00Z"),
        (R, "c4", "2024-01-04T00:00:00Z"),
        (R, "c6", "2024-01-31T00:00:00Z"),
    ],
    columns=["repository", "sha", "committed_at"],
)
ISSUES = pd.DataFrame(
    [
        (R, 1, "2024-01-01T00:00:00Z", "2024-01-03T06:00:00Z"),
        (R, 2, "2024-01-02T00:00:00Z", "2024-01-11T00:00:00Z"),
        (R, 3, "2024-01-02T00:00:00Z", None),
        (R, 4, "2024-01-02T00:00:00Z", None),
        (R, 5, "2024-01-02T00:00:00Z", None),
        (R, 6, "2024-01-01T00:00:00Z", None),
    ],
    columns=["repository", "number", "created_at", "closed_at"],
)
TYPES = {(R, 1): "model", (R, 2): "data", (R, 3): "data", (R, 5): "model", (R, 6): "model"}


def fixed() -> pd.DataFrame:
    return fixed_issues(fixing_commits(LINKS, PULLS), FILES, COMMITS, ISSUES, TYPES)


def test_fixing_commits_are_closing_commits_and_merges_of_closing_pull_requests() -> None:
    pairs = fixing_commits(LINKS, PULLS)[["issue_number", "sha"]].itertuples(index=False)
    assert sorted(map(tuple, pairs)) == [
        (1, "c1"), (2, "c2b"), (2, "m10"), (4, "c4"), (5, "c5"), (6, "c6"),
    ]  # fmt: skip


def test_fixed_issues_count_each_issues_commits_files_lines_and_days() -> None:
    frame = fixed().set_index("issue_number")
    assert list(frame.index) == [1, 2, 6]  # 3: a mention; 4: no type; 5: commit not analysed
    assert frame.loc[1, ["type", "commits", "files", "lines", "added", "deleted"]].tolist() == [
        "model", 1, 2, 15, 13, 2,
    ]  # fmt: skip
    # #2: m10 (10 lines of data/loader.py) and c2b (1 more there, 4 in a test): 2 files
    assert frame.loc[2, ["type", "commits", "files", "lines", "added", "deleted"]].tolist() == [
        "data", 2, 2, 15, 10, 5,
    ]  # fmt: skip
    assert frame.loc[1, "components"] == ("model", "training_loop")
    assert frame.loc[2, "components"] == ("data_pipeline", "tests")
    # days: #1 Jan 1 -> Jan 3 (fix), Jan 3 06:00 (close); #2 Jan 2 -> Jan 5 (c2b is first)
    assert frame.loc[1, ["days_to_fix", "days_to_close"]].tolist() == [2.0, 2.25]
    assert frame.loc[2, ["days_to_fix", "days_to_close"]].tolist() == [3.0, 9.0]
    assert frame.loc[6, "days_to_fix"] == 30.0 and np.isnan(frame.loc[6, "days_to_close"])


def test_summary_medians_and_quartiles_per_type_and_overall() -> None:
    summary = fix_summary(fixed(), ["model", "data", "other"]).set_index("type")
    assert list(summary.index) == ["model", "data", ALL]  # "other" has no fix
    model, everything = summary.loc["model"], summary.loc[ALL]
    # model: lines [15, 1] -> median 8, quartiles 1 + 14/4 and 15 - 14/4
    assert model[["issues", "commits", "lines_median", "lines_q1", "lines_q3"]].tolist() == [
        2, 2, 8.0, 4.5, 11.5,
    ]  # fmt: skip
    assert model[["files_median", "days_to_fix_median", "days_to_close_median"]].tolist() == [
        1.5, 16.0, 2.25,
    ]  # fmt: skip
    # all: lines [1, 15, 15]; days to fix [2, 3, 30]; days to close [2.25, 9]
    assert everything[["issues", "commits", "lines_median", "lines_q1", "lines_q3"]].tolist() == [
        3, 4, 15.0, 8.0, 15.0,
    ]  # fmt: skip
    assert everything[["days_to_fix_median", "days_to_fix_q1", "days_to_fix_q3"]].tolist() == [
        3.0, 2.5, 16.5,
    ]  # fmt: skip
    assert everything["days_to_close_median"] == pytest.approx(5.625)


def test_component_shares_are_shares_of_each_types_fixes() -> None:
    shares = component_shares(fixed(), ["model", "data"])
    # columns by how many fixes touch them (model: #1 and #6), then by name
    assert list(shares.columns) == ["model", "data_pipeline", "tests", "training_loop"]
    assert shares.loc["model"].tolist() == [1.0, 0.0, 0.0, 0.5]
    assert shares.loc["data"].tolist() == [0.0, 1.0, 1.0, 0.0]


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match="'evidence'"):
        fixing_commits(LINKS.drop(columns="evidence"), PULLS)


def test_fix_figure_has_a_row_per_type_with_fixes() -> None:
    labels = {"model": "Model (architecture, weights and operators)", "data": "Data"}
    fig = plot_fixes(fixed(), order=["model", "data", "other"], labels=labels)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(ticks) == 2 and ticks[1] == "Data\n(n = 1)"
    assert "Model" in ticks[0] and ticks[0].endswith("(n = 2)")
    assert fig.axes[1].get_xlabel() == ""


def test_fix_figure_says_how_many_values_it_drew_at_the_axis_floor() -> None:
    early = fixed().assign(days_to_fix=[2.0, -1.0, 0.01])  # a fix committed before its report
    fig = plot_fixes(early, order=["model", "data"], width="single")
    assert fig.axes[1].get_xlabel() == "2 below 0.1 (or negative) drawn at 0.1"
    assert fig.axes[0].get_xlabel() == ""
