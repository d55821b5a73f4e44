"""`studykit check` compares a percentage at the precision the paper printed, says what a count
counted when a dimension has rater labels but no final labels (issue 11 item 5), and resolves
names as every command does (item 2)."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from studykit import Study
from studykit.cli import app
from studykit.errors import StudykitError
from studykit.replication.checks import run_checks
from studykit.replication.importing import import_package

CODEBOOK = """name: t
dimensions:
  - name: stage
    codes: [{code: training, label: Training}, {code: modeling, label: Modeling}]
  - name: severity
    codes: [{code: low, label: Low}, {code: high, label: High}]
"""
# 75 of 103 items are training (72.8%); ann alone labelled severity on 40 of them
ITEMS = "id,Stage,Library\n" + "".join(
    f"{i},{'training' if i <= 75 else 'modeling'},{'keras' if i % 2 else 'torch'}\n"
    for i in range(1, 104)
)
ANN = "id,Severity\n" + "".join(f"{i},{'low' if i % 4 else 'high'}\n" for i in range(1, 41))
MANIFEST = """[study]
name = "t"
database = "sqlite:///study.sqlite"
[coding]
codebook = "codebook.yaml"

[[imports]]
what = "items"
file = "items.csv"
item = "id"

[[imports]]
what = "labels"
file = "items.csv"
item = "id"
final = "Stage"
dimension = "stage"

[[imports]]
what = "labels"
file = "ann.csv"
item = "id"
rater = "ann"
dimensions = { severity = "Severity" }
"""


@pytest.fixture
def study(tmp_path: Path) -> Study:
    files = {"items.csv": ITEMS, "ann.csv": ANN, "codebook.yaml": CODEBOOK}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "study.toml").write_text(MANIFEST)
    import_package(Study.open(tmp_path / "study.toml"))
    return Study.open(tmp_path / "study.toml")


def checked(study: Study, checks: str) -> dict[str, tuple[str, bool]]:
    path = study.manifest.path
    path.write_text(MANIFEST + checks)
    return {r.name: (r.reproduced, r.equal) for r in run_checks(Study.open(path))}


SHARE = """
[[checks]]
name = "{name}"
dimension = "stage"
codes = ["Training"]
percent = {percent}
count = 75
of = 103
"""


def test_a_percentage_is_compared_at_the_precision_the_paper_printed(study: Study) -> None:
    results = checked(
        study,
        "".join(
            SHARE.format(name=name, percent=percent)
            for name, percent in (("one decimal", "72.8"), ("whole", "73"), ("wrong", "72.9"))
        ),
    )
    assert results["one decimal"] == ("72.8% (75 of 103)", True)
    assert results["whole"] == ("72.8% (75 of 103)", True)
    assert results["wrong"][1] is False


def test_a_count_on_rater_labels_only_counts_them_and_says_so(study: Study) -> None:
    results = checked(
        study,
        """
[[checks]]
name = "rated on severity"
measure = "count"
dimension = "severity"
count = 40
""",
    )
    shown, equal = results["rated on severity"]
    assert equal
    assert shown.startswith("40 ") and "rater labels" in shown and "no final labels" in shown


def test_a_condition_on_rater_labels_only_is_refused_with_why(study: Study) -> None:
    with pytest.raises(StudykitError, match="rater labels but no final labels"):
        checked(
            study,
            """
[[checks]]
name = "high severity"
measure = "count"
where = { severity = "high" }
count = 10
""",
        )


def test_a_name_that_is_both_a_field_and_a_dimension_is_refused_in_where(study: Study) -> None:
    both = """
[[checks]]
name = "training on keras"
measure = "count"
where = {{ {key} = "training", library = "keras" }}
count = 38
"""
    with pytest.raises(StudykitError, match="both a dimension and an item field"):
        checked(study, both.format(key="stage"))
    results = checked(study, both.format(key='"dimension:stage"'))
    assert results["training on keras"] == ("38", True)
    result = CliRunner().invoke(app, ["check", "--study", str(study.manifest.path)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "stage: dimension (consensus labels)" in result.stdout + result.stderr
