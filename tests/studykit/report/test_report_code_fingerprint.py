"""A report's outputs are keyed by the code that builds them too (issue 11, item 18): after a fix
to a figure or a statistic, `studykit report` rebuilds them without `--force`; with the same code,
every run and every process computes the same key."""

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studykit.cli import app
from studykit.report import plan
from studykit.report.fingerprint import code_fingerprint, source_fingerprint
from tests.support.example_study import load_example
from tests.support.paths import EXAMPLE

runner = CliRunner()
MANIFEST = f"""[study]
name = "fingerprint"
database = "sqlite:///study.sqlite"

[coding]
codebook = "{EXAMPLE / "codebook.yaml"}"

[report]
output = "report"

[[report.figures]]
name = "defect-types"
kind = "distribution"
dimension = "defect_type"

[[report.tables]]
name = "stage-by-defect-type"
kind = "crosstab"
rows = "defect_type"
columns = "discovery_stage"
"""


def report(manifest: Path) -> str:
    result = runner.invoke(app, ["report", "--study", str(manifest)])
    assert result.exit_code == 0, result.stdout + result.stderr
    return " ".join(result.stdout.split())


def test_a_change_to_the_code_rebuilds_every_output_without_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_example(f"sqlite:///{tmp_path / 'study.sqlite'}").close()
    manifest = tmp_path / "study.toml"
    manifest.write_text(MANIFEST)
    assert "2 output(s) built, 0 unchanged" in report(manifest)
    assert "2 output(s) built" not in report(manifest)
    monkeypatch.setattr(plan, "code_fingerprint", lambda: "the code after a figure fix")
    assert "2 output(s) built, 0 unchanged" in report(manifest)
    assert "2 output(s) built" not in report(manifest)


def test_the_fingerprint_follows_the_source_and_the_library_versions(tmp_path: Path) -> None:
    package = tmp_path / "analysis"
    (package / "figures").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "figures" / "bars.py").write_text("WIDTH = 0.8\n")
    versions = {"matplotlib": "3.11.2"}
    first = source_fingerprint([package], versions)
    assert source_fingerprint([package], dict(versions)) == first
    (package / "figures" / "bars.py").write_text("WIDTH = 0.7\n")
    fixed = source_fingerprint([package], versions)
    assert fixed != first
    assert source_fingerprint([package], {"matplotlib": "3.11.3"}) != fixed
    (package / "figures" / "bars.py").rename(package / "figures" / "columns.py")
    assert source_fingerprint([package], versions) != fixed


def test_every_process_computes_the_same_fingerprint() -> None:
    code = "from studykit.report.fingerprint import code_fingerprint; print(code_fingerprint())"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    }
    assert runs == {code_fingerprint()}
