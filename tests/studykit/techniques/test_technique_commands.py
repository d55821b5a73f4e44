"""`studykit import runs` and `studykit analyze techniques` on a small benchmark in a folder."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import fisher_exact
from typer.testing import CliRunner

from analysis.techniques import compare_runs
from studykit import Study
from studykit.cli import app
from tests.support.technique_runs import write_trial_runs

runner = CliRunner()
PATTERN = r"(?P<technique>[^/]+)/(?P<subject>[^/]+)/run_(?P<run>\d+)/trials\.csv$"
MEANS = {"faulty": 0.5, "fix": 0.9, "random": 0.55, "tool": 0.7}
MANIFEST = """[study]
name = "bench"
database = "sqlite:///study.sqlite"

[techniques]
reference = "faulty"
target = "fix"
baseline = "random"
"""


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    write_trial_runs(tmp_path / "results", MEANS, ("m1", "m2", "m3"), 6, seed=2)
    (tmp_path / "study.toml").write_text(MANIFEST)
    return tmp_path


def _import(bench: Path, *extra: str) -> object:
    return runner.invoke(
        app,
        ["import", "runs", str(bench / "results"), "--study", str(bench / "study.toml"),
         "--pattern", PATTERN, "--value", "test_acc", "--at-max", "val_acc", "--better",
         "higher", *extra],
    )  # fmt: skip


def test_import_then_analyze(bench: Path) -> None:
    result = _import(bench)
    assert result.exit_code == 0, result.output
    assert "Imported 72 runs of 'test_acc' (higher is better): 4 techniques" in result.output
    assert "on 3 subjects" in result.output
    stored = Study.open(bench / "study.toml").table("technique_runs")
    assert len(stored) == 72 and set(stored["metric"]) == {"test_acc"}
    csv = bench / "comparison.csv"
    result = runner.invoke(
        app,
        ["analyze", "techniques", "comparison", "--study", str(bench / "study.toml"), "-f", "csv",
         "-o", str(csv)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    shown = pd.read_csv(csv)
    runs = stored.rename(columns={})[["technique", "subject", "run", "value"]]
    expected = compare_runs(runs, reference="faulty", target="fix", baseline="random")
    np.testing.assert_allclose(shown["pvalue_reference"], expected["pvalue_reference"])
    np.testing.assert_allclose(shown["ratio"], expected["ratio"])
    latex = runner.invoke(
        app, ["analyze", "techniques", "paper", "--study", str(bench / "study.toml"), "-f", "latex"]
    )
    assert latex.exit_code == 0, latex.output
    assert r"\textbf{" in latex.output and r"$\mu$ & $\sigma$" in latex.output


def test_a_second_import_needs_replace(bench: Path) -> None:
    assert _import(bench).exit_code == 0
    again = _import(bench)
    assert again.exit_code == 2
    assert "already holds 72 run(s) of metric 'test_acc': add --replace" in again.output
    replaced = _import(bench, "--replace")
    assert replaced.exit_code == 0 and "replaced 72 stored run(s)" in replaced.output


def test_a_bad_cell_is_one_line_exit_2_and_nothing_stored(bench: Path) -> None:
    bad = bench / "results/tool/m2/run_3/trials.csv"
    bad.write_text("trial_id,val_acc,test_acc\nt0,0.5,0.5\nt1,0.6,0.6\nt2,oops,0.7\n")
    result = _import(bench)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "run_3/trials.csv row 4, column 'val_acc' (B): 'oops' is not a number" in lines[0]
    assert Study.open(bench / "study.toml").table("technique_runs").empty


def test_a_paired_test_on_independent_runs_is_refused(bench: Path) -> None:
    assert _import(bench).exit_code == 0
    result = runner.invoke(
        app, ["analyze", "techniques", "--study", str(bench / "study.toml"), "--test", "wilcoxon"]
    )
    assert result.exit_code == 2
    assert "wilcoxon pairs run i of one technique with run i of the other" in result.output
    paired = runner.invoke(
        app,
        ["analyze", "techniques", "--study", str(bench / "study.toml"), "--test", "wilcoxon",
         "--paired", "-f", "csv"],
    )  # fmt: skip
    assert paired.exit_code == 0, paired.output
    assert paired.output.splitlines()[0].startswith("technique,role,subjects,better_than_reference")


def test_missing_reference_and_unknown_metric(bench: Path) -> None:
    (bench / "study.toml").write_text(MANIFEST.replace('reference = "faulty"\n', ""))
    assert _import(bench).exit_code == 0
    result = runner.invoke(app, ["analyze", "techniques", "--study", str(bench / "study.toml")])
    assert result.exit_code == 2 and "needs a reference" in result.output
    result = runner.invoke(
        app,
        ["analyze", "techniques", "--study", str(bench / "study.toml"), "--reference", "faulty",
         "--metric", "loss"],
    )  # fmt: skip
    assert result.exit_code == 2 and "no runs of metric 'loss'; the study has test_acc" in (
        result.output
    )


def test_option_mistakes_are_one_line(bench: Path) -> None:
    result = _import(bench, "--at-min", "val_acc")
    assert result.exit_code == 2 and "give --at-max or --at-min, not both" in result.output
    result = runner.invoke(
        app,
        ["import", "runs", str(bench / "results"), "--study", str(bench / "study.toml"),
         "--better", "higher"],
    )  # fmt: skip
    assert result.exit_code == 2 and "needs --pattern" in result.output


def test_runs_import_and_read_back_the_same_on_postgresql(bench: Path, postgres_url: str) -> None:
    assert _import(bench).exit_code == 0
    assert _import(bench, "--db", postgres_url).exit_code == 0
    on_sqlite = Study.open(bench / "study.toml").table("technique_runs")
    on_postgres = Study.open(bench / "study.toml", db=postgres_url).table("technique_runs")
    key = ["technique", "subject", "run"]
    pd.testing.assert_frame_equal(
        on_sqlite.sort_values(key).reset_index(drop=True),
        on_postgres.sort_values(key).reset_index(drop=True),
    )


def test_success_failure_runs_get_fisher_unless_a_test_is_named(tmp_path: Path) -> None:
    rows = ["technique,subject,run,repaired"]
    for technique, solved in (("faulty", 2), ("tool", 9)):
        rows += [f"{technique},m1,{run},{int(run < solved)}" for run in range(10)]
    (tmp_path / "outcomes.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "study.toml").write_text(
        MANIFEST.replace('target = "fix"\nbaseline = "random"\n', "")
    )
    study = ["--study", str(tmp_path / "study.toml")]
    imported = runner.invoke(
        app,
        ["import", "runs", str(tmp_path / "outcomes.csv"), "--better", "higher",
         "--columns", "value=repaired", *study],
    )  # fmt: skip
    assert imported.exit_code == 0, imported.output
    shown = runner.invoke(app, ["analyze", "techniques", "comparison", "-f", "csv", *study])
    assert shown.exit_code == 0, shown.output
    tool = pd.read_csv(io.StringIO(shown.output)).set_index("technique").loc["tool"]
    assert tool["test_reference"] == "fisher"
    expected = fisher_exact([[9, 1], [2, 8]])
    assert tool["pvalue_reference"] == pytest.approx(expected.pvalue, rel=1e-6)
    named = runner.invoke(app, ["analyze", "techniques", "comparison", "-f", "csv", "--test",
                                "mann-whitney", *study])  # fmt: skip
    assert named.exit_code == 0, named.output
    assert "mann-whitney" in named.output and "fisher" not in named.output
