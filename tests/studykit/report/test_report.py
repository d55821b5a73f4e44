"""`studykit report`: byte-identical re-runs, outputs rebuilt only when their inputs change, and a
no-change run answered from the SQLite file without importing SQLAlchemy."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import delete, select
from typer.testing import CliRunner

from studykit.cli import app
from studykit.db import schema
from studykit.db.versions import sqlite_data_versions
from studykit.study import Study
from tests.support.example_study import load_example
from tests.support.paths import EXAMPLE, ROOT

runner = CliRunner()

MANIFEST = f"""[study]
name = "report test"
database = "sqlite:///study.sqlite"

[coding]
codebook = "{EXAMPLE / "codebook.yaml"}"

[report]
output = "report"

[[report.figures]]
name = "defect-types"
kind = "distribution"
dimension = "defect_type"

[[report.figures]]
name = "agreement-per-code"
kind = "agreement_per_code"
dimension = "defect_type"
round = "2"

[[report.tables]]
name = "stage-by-defect-type"
kind = "crosstab"
rows = "defect_type"
columns = "discovery_stage"
"""


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report-example") / "study.sqlite"
    load_example(f"sqlite:///{path}").close()
    return path


@pytest.fixture
def manifest(example_db: Path, tmp_path: Path) -> Path:
    # SQLite's backup, not a file copy: rows may still sit in the -wal file beside it
    source, copy = sqlite3.connect(example_db), sqlite3.connect(tmp_path / "study.sqlite")
    source.backup(copy)
    source.close()
    copy.close()
    path = tmp_path / "study.toml"
    path.write_text(MANIFEST)
    return path


def report(manifest: Path, *args: str) -> str:
    result = runner.invoke(app, ["report", "--study", str(manifest), *args])
    assert result.exit_code == 0, result.stdout + result.stderr
    return " ".join(result.stdout.split())


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_second_run_builds_nothing_and_writes_no_file(manifest: Path) -> None:
    assert "3 output(s) built, 0 unchanged" in report(manifest)
    folder = manifest.parent / "report"
    first = snapshot(folder)
    assert {"index.md", "index.html", "manifest.json", "figures/defect-types.pdf"} <= set(first)
    assert "3 output(s) built" not in report(manifest)
    assert snapshot(folder) == first


def test_a_forced_run_rewrites_the_same_bytes(manifest: Path) -> None:
    report(manifest)
    folder = manifest.parent / "report"
    first = {name: data for name, (data, _) in snapshot(folder).items()}
    assert "3 output(s) built" in report(manifest, "--force")
    assert {name: data for name, (data, _) in snapshot(folder).items()} == first


def test_new_consensus_rebuilds_only_the_outputs_that_read_it(manifest: Path) -> None:
    report(manifest)
    folder = manifest.parent / "report"
    before = snapshot(folder)
    study = Study.open(manifest)
    consensus = schema.consensus
    with study.db.begin() as conn:
        first = conn.execute(
            select(consensus.c.id)
            .where(consensus.c.dimension == "defect_type")
            .order_by(consensus.c.id)
            .limit(1)
        ).scalar_one()
        conn.execute(delete(consensus).where(consensus.c.id == first))
    study.close()
    assert "2 output(s) built, 1 unchanged" in report(manifest)
    after = snapshot(folder)
    assert after["figures/agreement-per-code.png"] == before["figures/agreement-per-code.png"]
    for name in ("tables/stage-by-defect-type.csv", "index.md", "manifest.json"):
        assert after[name][0] != before[name][0], name


def test_a_missing_file_or_a_changed_spec_rebuilds_that_output(manifest: Path) -> None:
    report(manifest)
    folder = manifest.parent / "report"
    svg = folder / "figures" / "defect-types.svg"
    kept = svg.read_bytes()
    svg.unlink()
    assert "1 output(s) built, 2 unchanged" in report(manifest)
    assert svg.read_bytes() == kept
    manifest.write_text(MANIFEST.replace('rows = "defect_type"', 'rows = "symptom"'))
    assert "1 output(s) built, 2 unchanged" in report(manifest)
    assert "symptom" in (folder / "tables" / "stage-by-defect-type.csv").read_text()


def test_a_no_change_run_does_not_import_sqlalchemy(manifest: Path) -> None:
    report(manifest)
    code = (
        "import sys\n"
        "from studykit.cli import app\n"
        f"app(['report', '--study', {str(manifest)!r}], standalone_mode=False)\n"
        "print('sqlalchemy imported:', 'sqlalchemy' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "0 output(s) built, 3 unchanged" in " ".join(run.stdout.split())
    assert "sqlalchemy imported: False" in run.stdout


def test_sqlite_data_versions_match_the_database(manifest: Path, tmp_path: Path) -> None:
    study = Study.open(manifest)
    versions = study.db.table_versions()
    study.close()
    assert versions["consensus"] >= 1 and versions["codings"] >= 1
    assert sqlite_data_versions("sqlite:///study.sqlite", tmp_path) == versions
    assert sqlite_data_versions(f"sqlite:///{tmp_path / 'study.sqlite'}") == versions
    (tmp_path / "other.sqlite").write_bytes(b"not a database")
    for url in (
        "sqlite:///missing.sqlite",
        "sqlite:///other.sqlite",
        "sqlite://",
        "sqlite:///:memory:",
        "postgresql://u:p@localhost/db",
        "sqlite:///study.sqlite?timeout=5",
    ):
        assert sqlite_data_versions(url, tmp_path) is None, url
