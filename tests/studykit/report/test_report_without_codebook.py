"""`studykit report` for a study without a codebook (a benchmark only): the outputs that need no
codebook are built; one that needs one is refused in one line naming it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from studykit.cli import app
from tests.support.technique_runs import write_run_values

runner = CliRunner()
MANIFEST = r"""[study]
name = "bench"
database = "sqlite:///study.sqlite"

[techniques]
runs = "runs"
pattern = '(?P<technique>[^/]+)/(?P<subject>[^/]+)/run_(?P<run>\d+)\.csv$'
value = "acc"
better = "higher"
reference = "faulty"
baseline = "random"

[report]
output = "reports"

[[report.figures]]
name = "a12"
kind = "techniques"

[[report.tables]]
name = "repair"
kind = "techniques"

[[report.tables]]
name = "repair-summary"
kind = "technique_runs"
"""
DISTRIBUTION = """
[[report.figures]]
name = "defect-types"
kind = "distribution"
dimension = "defect_type"
"""


def _benchmark(tmp_path: Path, manifest: str) -> Path:
    means = {"faulty": 0.5, "random": 0.52, "tool": 0.8}
    write_run_values(tmp_path / "runs", means, ("lenet", "vgg"), 6, seed=11)
    study = tmp_path / "study.toml"
    study.write_text(manifest)
    result = runner.invoke(app, ["import", "runs", "--study", str(study)])
    assert result.exit_code == 0, result.output
    return study


def test_a_benchmark_only_study_reports_without_a_codebook(tmp_path: Path) -> None:
    study = _benchmark(tmp_path, MANIFEST)
    result = runner.invoke(app, ["report", "--study", str(study)])
    assert result.exit_code == 0, result.output
    assert "3 output(s) built" in " ".join(result.output.split())
    reports = tmp_path / "reports"
    assert (reports / "figures" / "a12.png").stat().st_size > 0
    assert r"\textbf{" in (reports / "tables" / "repair.tex").read_text()
    index = (reports / "index.md").read_text()
    assert "No items" not in index
    assert "acc: techniques significantly better than faulty on how many of 2 subjects" in index
    again = runner.invoke(app, ["report", "--study", str(study)])
    assert again.exit_code == 0
    assert "0 output(s) built, 3 unchanged" in " ".join(again.output.split())


def test_an_output_that_needs_a_codebook_is_refused_naming_it(tmp_path: Path) -> None:
    study = _benchmark(tmp_path, MANIFEST + DISTRIBUTION)
    result = runner.invoke(app, ["report", "--study", str(study)])
    assert result.exit_code == 2
    shown = " ".join(result.output.split())
    assert shown.count("not built:") == 1
    assert (
        "not built: figures/defect-types: report output 'defect-types' (distribution) needs a "
        "codebook; the study names none: set [coding] codebook in the manifest"
    ) in shown
    reports = tmp_path / "reports"
    assert not (reports / "figures" / "defect-types.png").exists()
    assert (reports / "figures" / "a12.png").is_file()
    assert (reports / "tables" / "repair-summary.csv").is_file()
