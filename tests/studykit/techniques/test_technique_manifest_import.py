"""`studykit import runs` driven by [techniques] (runs, pattern, value, at_max, better, ...):
no file arguments, options overriding the manifest, and one-line refusals of bad settings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from studykit import Study
from studykit.cli import app
from tests.support.technique_runs import write_trial_runs

runner = CliRunner()
PATTERN = r"(?P<technique>[^/]+)/(?P<subject>[^/]+)/run_(?P<run>\d+)/trials\.csv$"
HEAD = """[study]
name = "bench"
database = "sqlite:///study.sqlite"
"""
READ = f"""runs = "results"
pattern = '{PATTERN}'
value = "test_acc"
at_max = "val_acc"
"""
TECHNIQUES = f"""{HEAD}
[techniques]
{READ}better = "higher"
reference = "faulty"
"""


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    means = {"faulty": 0.5, "tool": 0.7}
    write_trial_runs(tmp_path / "results", means, ("m1", "m2"), 3, seed=7)
    (tmp_path / "study.toml").write_text(TECHNIQUES)
    return tmp_path


def _run(bench: Path, *args: str) -> object:
    return runner.invoke(app, ["import", "runs", "--study", str(bench / "study.toml"), *args])


def _stored(bench: Path, metric: str) -> pd.Series:
    runs = Study.open(bench / "study.toml").table("technique_runs")
    chosen = runs[runs["metric"] == metric]
    return chosen.set_index(["technique", "subject", "run"])["value"].sort_index()


def _by_hand(bench: Path, value: str, at: str, pick: str) -> pd.Series:
    """Each trials.csv reduced with pandas: `value` at the row where `at` is max/min."""
    rows = {}
    for path in sorted((bench / "results").rglob("trials.csv")):
        technique, subject, run = path.relative_to(bench / "results").parts[:3]
        trials = pd.read_csv(path)
        best = trials[at].idxmax() if pick == "max" else trials[at].idxmin()
        rows[(technique, subject, run.removeprefix("run_"))] = float(trials.loc[best, value])
    return pd.Series(rows).sort_index()


def test_import_with_no_arguments_reads_what_the_manifest_names(bench: Path) -> None:
    result = _run(bench)
    assert result.exit_code == 0, result.output
    assert "Imported 12 runs of 'test_acc' (higher is better): 2 techniques" in result.output
    stored = _stored(bench, "test_acc")
    expected = _by_hand(bench, "test_acc", "val_acc", "max")
    np.testing.assert_allclose(stored.to_numpy(), expected.to_numpy())
    assert [tuple(map(str, k)) for k in stored.index] == list(expected.index)
    sources = Study.open(bench / "study.toml").table("technique_runs")["source"]
    assert sources.str.endswith("trials.csv").all()


def test_the_same_runs_as_with_every_option_on_the_command_line(bench: Path) -> None:
    assert _run(bench).exit_code == 0
    by_options = _run(
        bench, str(bench / "results"), "--pattern", PATTERN, "--value", "test_acc",
        "--at-max", "val_acc", "--better", "higher", "--metric", "again",
    )  # fmt: skip
    assert by_options.exit_code == 0, by_options.output
    manifest, options = _stored(bench, "test_acc"), _stored(bench, "again")
    pd.testing.assert_series_equal(manifest, options)


def test_options_override_the_manifest(bench: Path) -> None:
    result = _run(bench, "--at-min", "val_acc", "--better", "lower", "--metric", "worst")
    assert result.exit_code == 0, result.output
    assert "of 'worst' (lower is better)" in result.output
    expected = _by_hand(bench, "test_acc", "val_acc", "min")
    np.testing.assert_allclose(_stored(bench, "worst").to_numpy(), expected.to_numpy())
    result = _run(bench, "--value", "val_acc")
    assert result.exit_code == 0, result.output
    assert "of 'val_acc'" in result.output  # an explicit --value names its own metric
    expected = _by_hand(bench, "val_acc", "val_acc", "max")
    np.testing.assert_allclose(_stored(bench, "val_acc").to_numpy(), expected.to_numpy())


def test_files_on_the_command_line_replace_the_manifests_runs(bench: Path) -> None:
    result = _run(bench, str(bench / "results" / "tool"), "--metric", "tool_only")
    assert result.exit_code == 0, result.output
    assert "Imported 6 runs of 'tool_only'" in result.output


def test_long_tables_named_in_the_manifest(tmp_path: Path) -> None:
    table = tmp_path / "scores.csv"
    table.write_text("Tool,Model,Seed,Loss\na,m1,1,0.5\na,m1,2,0.4\nb,m1,1,0.3\nb,m1,2,0.2\n")
    (tmp_path / "study.toml").write_text(
        f"{HEAD}\n[techniques]\nruns = 'scores.csv'\nbetter = 'lower'\n"
        "columns = {technique = 'Tool', subject = 'Model', run = 'Seed', value = 'Loss'}\n"
    )
    result = _run(tmp_path)
    assert result.exit_code == 0, result.output
    assert "Imported 4 runs of 'Loss' (lower is better): 2 techniques (a, b)" in result.output
    np.testing.assert_allclose(_stored(tmp_path, "Loss").to_numpy(), [0.5, 0.4, 0.3, 0.2])
    result = _run(tmp_path, "--value", "Seed")
    assert result.exit_code == 0, result.output
    assert "Imported 4 runs of 'Seed'" in result.output
    np.testing.assert_allclose(_stored(tmp_path, "Seed").to_numpy(), [1, 2, 1, 2])
    result = _run(tmp_path, "--value", "Seed", "--columns", "value=Loss", "--metric", "x")
    assert result.exit_code == 2
    assert "name the value column once: --value or --columns value=COLUMN" in result.output


@pytest.mark.parametrize(
    ("section", "message"),
    [
        (READ.replace("runs =", "runz ="), "[techniques] runz: unknown key (did you mean 'runs'?)"),
        (
            READ.replace(PATTERN, r"(?P<technique>[^/]+"),
            "[techniques] pattern: Value error, not a regular expression: missing ), "
            "unterminated subpattern",
        ),
        (
            READ.replace(r"/run_(?P<run>\d+)", ""),
            "[techniques] pattern: Value error, needs the named group(s) (?P<run>...)",
        ),
        (READ.replace('value = "test_acc"\n', ""), "at_max/at_min need value"),
        (READ + 'at_min = "val_acc"\n', "at_max and at_min: give one of them, not both"),
        (READ + "columns = {value = 'x'}\n", "pattern reads per-run files, columns long tables"),
        (READ + 'better = "up"\n', "[techniques] better: Input should be 'higher' or 'lower'"),
    ],
)
def test_bad_settings_are_one_line_naming_the_key(bench: Path, section: str, message: str) -> None:
    (bench / "study.toml").write_text(f"{HEAD}\n[techniques]\n{section}")
    result = _run(bench)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.output


def test_what_is_missing_is_named(bench: Path) -> None:
    (bench / "study.toml").write_text(f"{HEAD}\n[techniques]\n{READ}")
    result = _run(bench)
    assert result.exit_code == 2
    assert "--better higher|lower or [techniques] better" in result.output
    (bench / "study.toml").write_text(
        TECHNIQUES.replace('value = "test_acc"\n', "").replace('at_max = "val_acc"\n', "")
    )
    result = _run(bench)
    assert result.exit_code == 2
    assert "need the column that holds the run's value: --value COLUMN or [techniques] value" in (
        result.output
    )
    (bench / "study.toml").write_text(TECHNIQUES.replace('runs = "results"', 'runs = "nothing"'))
    result = _run(bench)
    assert result.exit_code == 2
    assert "[techniques] runs = 'nothing': no such file or folder" in result.output
    (bench / "study.toml").write_text(TECHNIQUES.replace('runs = "results"\n', ""))
    result = _run(bench)
    assert result.exit_code == 2
    assert "name the run files or folders to import, or [techniques] runs" in result.output
    assert Study.open(bench / "study.toml").table("technique_runs").empty


def test_help_shows_an_example_on_the_command_line_and_one_from_the_manifest() -> None:
    result = runner.invoke(app, ["import", "runs", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    shown = " ".join(result.output.replace("│", " ").split())
    assert "studykit import runs results/ --better higher --metric test_accuracy" in shown
    assert r"--pattern '(?P<technique>[^/]+)/(?P<subject>[^/]+)/run_(?P<run>\d+)/" in shown
    assert "--value test_accuracy --at-max val_accuracy" in shown
    assert "studykit import runs # what [techniques] names" in shown
    assert '[techniques] runs = "benchmark/runs"' in shown
    assert "Default: [techniques] runs." in shown
