"""Interview statistics: participants per code, matrix, co-occurrence, saturation, quotes."""

import pandas as pd
import pytest

from analysis.interviews import cooccurrence, participant_matrix, participants_per_code
from analysis.quotes import pick_quotes, quotes_latex, quotes_markdown, shorten
from analysis.saturation import guest_saturation, new_codes_curve

LABELS = pd.DataFrame(
    [
        ("A-1", "A", "env"),
        ("A-1", "A", "data"),
        ("A-2", "A", "env"),
        ("B-1", "B", "env"),
        ("B-1", "B", "tools"),
        ("C-1", "C", "data"),
        ("C-1", "C", "env"),
    ],
    columns=["segment_id", "participant_id", "code"],
)
PARTICIPANTS = pd.DataFrame(
    {"participant_id": ["A", "B", "C", "D"], "role": ["dev", "dev", "researcher", "researcher"]}
)


def test_participants_per_code_overall_and_by_role() -> None:
    table = participants_per_code(LABELS, PARTICIPANTS, order=["env", "data", "tools"])
    assert table.to_dict("records") == [
        {"code": "env", "participants": 3, "share": 0.75, "dev (n=2)": 2, "researcher (n=2)": 1},
        {"code": "data", "participants": 2, "share": 0.5, "dev (n=2)": 1, "researcher (n=2)": 1},
        {"code": "tools", "participants": 1, "share": 0.25, "dev (n=2)": 1, "researcher (n=2)": 0},
    ]
    matrix = participant_matrix(LABELS, PARTICIPANTS["participant_id"])
    assert matrix.loc["A"].to_dict() == {"data": 1, "env": 2, "tools": 0}
    assert matrix.loc["D"].sum() == 0


def test_cooccurrence_counts_segments_with_both() -> None:
    table = cooccurrence(LABELS, order=["env", "data", "tools"])
    assert table.to_numpy().tolist() == [[4, 2, 1], [2, 2, 0], [1, 0, 1]]


def _labels_with_new_codes(new: list[int]) -> pd.DataFrame:
    rows, next_code = [], 0
    for i, count in enumerate(new):
        codes = [f"c{next_code + k}" for k in range(count)] + ["c0"]
        next_code += count
        rows += [(f"I{i}-1", f"I{i}", code) for code in codes]
    return pd.DataFrame(rows, columns=["segment_id", "participant_id", "code"])


def test_guest_rule_on_a_worked_example() -> None:
    # New codes per interview 10, 5, 3, 2 (base: 20 codes), then 1, 0, 0, 1.
    labels = _labels_with_new_codes([10, 5, 3, 2, 1, 0, 0, 1])
    curve = new_codes_curve(labels, [f"I{i}" for i in range(8)])
    assert curve["new_codes"].tolist() == [10, 5, 3, 2, 1, 0, 0, 1]
    assert curve["cumulative"].tolist() == [10, 15, 18, 20, 21, 21, 21, 22]
    strict = guest_saturation(curve, base=4, run=2, threshold=0.04)
    assert strict.base_codes == 20
    assert strict.runs[["run_start", "run_end", "new_codes"]].values.tolist() == [
        [5, 6, 1],
        [6, 7, 0],
        [7, 8, 1],
    ]
    assert strict.runs["new_information"].tolist() == pytest.approx([0.05, 0.0, 0.05])
    assert strict.saturated_at == 5
    assert guest_saturation(curve, base=4, run=2, threshold=0.05).saturated_at == 4
    assert guest_saturation(curve, base=4, run=3, threshold=0.0).saturated_at is None
    assert "after 5 interviews" in strict.summary()


def test_quotes_prefer_focused_segments_from_different_participants() -> None:
    long = "word " * 20
    segments = pd.DataFrame(
        {
            "segment_id": ["A-1", "A-2", "B-1", "C-1"],
            "participant_id": ["A", "A", "B", "C"],
            "text": [f"A1 {long}", f"A2 {long}", f"B1 {long}", "short"],
        }
    )
    labels = pd.DataFrame(
        {
            "segment_id": ["A-1", "A-1", "A-2", "B-1", "C-1"],
            "code": ["env", "data", "env", "env", "env"],
        }
    )
    picked = pick_quotes(segments, labels, per_theme=3, max_words=80)
    env = picked[picked["theme"] == "env"]
    assert env["segment_id"].tolist() == ["A-2", "B-1", "C-1"]
    markdown = quotes_markdown(picked, labels={"env": "Environment"})
    assert "## Environment" in markdown and "> — B (B-1)" in markdown
    assert r"\paragraph{Environment}" in quotes_latex(picked, labels={"env": "Environment"})
    assert shorten("One. Two three four. Five six", 4) == "One. Two three four. [...]"
