"""Report outputs of kind techniques and technique_runs: files, marks, and rebuilds."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from studykit.cli import app
from tests.support.technique_runs import write_run_values

runner = CliRunner()
PATTERN = r"(?P<technique>[^/]+)/(?P<subject>[^/]+)/run_(?P<run>\d+)\.csv$"
MANIFEST = """[study]
name = "bench"
database = "sqlite:///study.sqlite"

[coding]
codebook = "codebook.yaml"

[techniques]
reference = "faulty"
target = "fix"
baseline = "random"

[report]
output = "reports"

[[report.figures]]
name = "a12"
kind = "techniques"

[[report.figures]]
name = "runs"
kind = "technique_runs"

[[report.tables]]
name = "repair"
kind = "techniques"

[[report.tables]]
name = "repair-summary"
kind = "technique_runs"
"""
CODEBOOK = "name: c\ndimensions:\n  - name: d\n    codes: [{code: a, label: A}]\n"


def _study(tmp_path: Path) -> Path:
    means = {"faulty": 0.5, "fix": 0.9, "random": 0.52, "tool": 0.8}
    write_run_values(tmp_path / "runs", means, ("vgg16-cifar10-lr-too-high", "lenet"), 8, seed=4)
    (tmp_path / "study.toml").write_text(MANIFEST)
    (tmp_path / "codebook.yaml").write_text(CODEBOOK)
    result = runner.invoke(
        app,
        ["import", "runs", str(tmp_path / "runs"), "--study", str(tmp_path / "study.toml"),
         "--pattern", PATTERN, "--value", "acc", "--better", "higher"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return tmp_path / "study.toml"


def _report(manifest: Path, *extra: str) -> str:
    result = runner.invoke(app, ["report", "--study", str(manifest), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_report_writes_the_technique_table_and_figures(tmp_path: Path) -> None:
    manifest = _study(tmp_path)
    _report(manifest)
    reports = tmp_path / "reports"
    for name in ("a12", "runs"):
        for suffix in ("png", "pdf", "svg"):
            assert (reports / "figures" / f"{name}.{suffix}").stat().st_size > 0
    tex = (reports / "tables" / "repair.tex").read_text()
    assert r"\textbf{" in tex and r"$\mu$ & $\sigma$" in tex and r"\label{tab:repair}" in tex
    md = (reports / "tables" / "repair.md").read_text()
    assert md.startswith("| Subject | faulty \u03bc | faulty \u03c3 | fix \u03bc |")
    assert "**0.8" in md
    assert md in (reports / "index.md").read_text()
    summary = (reports / "tables" / "repair-summary.csv").read_text().splitlines()
    assert summary[0] == (
        "technique,role,subjects,better_than_reference,better_than_baseline,mean_ratio,median_ratio"
    )
    assert summary[1].startswith("tool,technique,2,2,2,")
    assert (
        "acc: techniques significantly better than faulty on how many of 2 subjects"
        in (reports / "index.md").read_text()
    )


def test_a_second_report_keeps_the_files_and_a_changed_setting_rebuilds(tmp_path: Path) -> None:
    manifest = _study(tmp_path)
    _report(manifest)
    record = tmp_path / "reports" / "manifest.json"
    first = json.loads(record.read_text())
    tex = (tmp_path / "reports" / "tables" / "repair.tex").read_bytes()
    _report(manifest)
    assert json.loads(record.read_text()) == first
    _report(manifest, "--force")
    assert (tmp_path / "reports" / "tables" / "repair.tex").read_bytes() == tex
    manifest.write_text(MANIFEST.replace('baseline = "random"', 'baseline = "tool"'))
    _report(manifest)
    changed = json.loads(record.read_text())
    assert changed["tables/repair"]["data_hash"] != first["tables/repair"]["data_hash"]
    assert "\\textbf" in (tmp_path / "reports" / "tables" / "repair.tex").read_text()


def test_an_output_without_runs_names_why(tmp_path: Path) -> None:
    manifest = tmp_path / "study.toml"
    manifest.write_text(MANIFEST)
    (tmp_path / "codebook.yaml").write_text(CODEBOOK)
    result = runner.invoke(app, ["report", "--study", str(manifest)])
    assert result.exit_code == 2
    assert "not built: tables/repair: report output 'repair' (techniques): the study holds no " in (
        " ".join(result.output.split())
    )
    index = (tmp_path / "reports" / "index.md").read_text()
    assert "tables/repair: report output 'repair' (techniques): the study holds no runs" in index
