"""Checks (count, dimensions, agreement, pooled agreement) and the report outputs `pooling`,
`rounds` and `shares`, on a small two-rater study imported from messy files."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from studykit import Study
from studykit.cli import app
from studykit.labelling.agreement import pooled_kappa
from studykit.replication.checks import run_checks
from studykit.replication.importing import import_package

CODEBOOK = """name: t
dimensions:
  - name: stage
    codes: [{code: training, label: Training}, {code: modeling, label: Modeling}]
  - name: answer_a
    codes: [{code: "yes", label: "Yes"}, {code: "no", label: "No"}]
  - name: answer_b
    codes: [{code: "yes", label: "Yes"}, {code: "no", label: "No"}]
"""
# two raters' sheets of one round; the second has a blank row, so row numbers differ
RATER1 = "Issue #,Stage\n48,Training\n50,Modeling\n51,Training\n52, training\n"
RATER2 = "Issue #,Stage\n48,Training\n\n50,Training\n51,training\n52,Modeling\n"
# a survey export: a header, an import-id row, three answers, a row of totals
SURVEY = 'Id,A,B\n{"ImportId":"x"},,\nr1,Yes,No\nr2,Yes,Yes\nr3,No,\ntotal,2,1\n'
MANIFEST = """[study]
name = "t"
database = "sqlite:///processed/study.sqlite"
[coding]
codebook = "codebook.yaml"

[[imports]]
what = "labels"
file = "rater1.csv"
item_prefix = "r1-"
rater = "ann"
dimensions = { stage = "Stage", sheet_row = "@file_row" }

[[imports]]
what = "labels"
file = "rater2.csv"
item_prefix = "r1-"
rater = "bob"
dimensions = { stage = "Stage", sheet_row = "@file_row" }

[[imports]]
what = "labels"
file = "survey.csv"
item = "Id"
skip = 1
footer = 1
round = "survey"
dimensions = { answer_a = "name:A", answer_b = "name:B" }

[[checks]]
name = "respondents"
measure = "count"
dimensions = ["answer_a", "answer_b"]
count = 3

[[checks]]
name = "answered yes by at least half"
measure = "dimensions"
dimensions = ["answer_a", "answer_b"]
codes = ["yes"]
at_least = 0.5
count = 1

[[checks]]
name = "kappa on stage"
measure = "agreement"
dimension = "stage"
round = "1"
value = 0.0

[[checks]]
name = "pooled with the row index"
measure = "pooled_agreement"
round = "1"
dimensions = ["stage", "sheet_row"]
value = 0.0

[report]
output = "report"

[[report.tables]]
name = "pooled"
kind = "pooling"
dimension = "sheet_row"

[[report.tables]]
name = "answers"
kind = "shares"
dimensions = ["answer_a", "answer_b"]
code = "Yes"

[[report.tables]]
name = "per-round"
kind = "rounds"
dimension = "answer_a"
by = "answer_a"

[[report.figures]]
name = "answers"
kind = "shares"
dimensions = ["answer_a", "answer_b"]
code = "Yes"
"""


@pytest.fixture
def study(tmp_path: Path) -> Study:
    for name, text in (("rater1.csv", RATER1), ("rater2.csv", RATER2), ("survey.csv", SURVEY)):
        (tmp_path / name).write_text(text)
    (tmp_path / "codebook.yaml").write_text(CODEBOOK)
    (tmp_path / "study.toml").write_text(MANIFEST)
    opened = Study.open(tmp_path / "study.toml")
    import_package(opened)
    return opened


def test_skip_and_footer_leave_out_id_rows_and_totals(study: Study) -> None:
    consensus = study.table("consensus")
    assert sorted(set(consensus["item_id"])) == ["r1", "r2", "r3"]


def test_checks_count_dimensions_and_agreement(study: Study) -> None:
    results = {r.name: r for r in run_checks(study)}
    assert results["respondents"].reproduced == "3" and results["respondents"].equal
    assert results["answered yes by at least half"].reproduced == "1"
    kappa = float(results["kappa on stage"].reproduced)
    assert kappa == pytest.approx(-0.333, abs=1e-3)
    assert not results["kappa on stage"].equal


def test_pooled_agreement_compares_labels_as_written(study: Study) -> None:
    codings = study.table("codings")
    as_written = pooled_kappa(codings, round="1", dimensions=["stage"])
    lower = pooled_kappa(codings, round="1", dimensions=["stage"], lowercase=True)
    assert as_written < lower  # 'Training' and 'training' differ only as written
    rows = codings[codings["dimension"] == "sheet_row"]
    assert sorted(rows[rows["rater"] == "bob"]["code"]) == ["2", "4", "5", "6"]


def test_report_outputs_pooling_shares_rounds(study: Study) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["report", "--study", str(study.manifest.path)])
    assert result.exit_code == 0, result.stdout + result.stderr
    folder = study.root / "report"
    pooled = (folder / "tables" / "pooled.csv").read_text()
    assert "pooled with sheet_row (as published)" in pooled
    answers = (folder / "tables" / "answers.csv").read_text().splitlines()
    assert answers[1:] == ["Answer a,2,3,67%", "Answer b,1,3,33%"]
    rounds = (folder / "tables" / "per-round.csv").read_text().splitlines()
    assert rounds == ["round,No,Yes,total", "survey,1,2,3", "all,1,2,3"]
    assert (folder / "figures" / "answers.png").is_file()
