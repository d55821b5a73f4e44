"""`studykit export -o` where the file cannot be written: one line, exit 2, nothing half-written."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studykit.cli import app
from tests.support.archives import build_archive

STUDYKIT = str(Path(sys.executable).with_name("studykit"))
runner = CliRunner()


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """A study of the small test archive, replayed."""
    manifest = tmp_path / "study.toml"
    manifest.write_text('[study]\nname = "export"\n')
    build_archive(tmp_path / "archive")
    result = runner.invoke(
        app, ["mine", "--replay", str(tmp_path / "archive"), "--study", str(manifest)]
    )
    assert result.exit_code == 0, result.stderr
    return manifest


def export_to(study: Path, output: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["export", "issues", "-o", str(output), "--study", str(study)])
    return result.exit_code, result.stderr


def test_export_to_a_folder(study: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert export_to(study, folder) == (
        2,
        f"studykit: error: {folder}: is a folder: name a file to write\n",
    )
    assert list(folder.iterdir()) == []


def test_export_under_a_file(study: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine\n")
    target = blocker / "issues.csv"
    assert export_to(study, target) == (
        2,
        f"studykit: error: {target}: cannot write it: {blocker} is a file, not a folder\n",
    )
    assert blocker.read_text() == "mine\n"


def test_export_into_proc(study: Path) -> None:
    target = Path("/proc/studykit-issues.csv")
    code, err = export_to(study, target)
    assert code == 2
    assert err.startswith(f"studykit: error: {target}: cannot write it: ")
    assert err.count("\n") == 1


def test_export_that_fills_the_disk_keeps_the_old_file(study: Path, tmp_path: Path) -> None:
    """A write that fails half-way (the file-size limit stands in for a full disk)."""
    target = tmp_path / "issues.csv"
    target.write_text("the previous export\n")

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    finished = subprocess.run(
        [STUDYKIT, "export", "issues", "-o", str(target), "--study", str(study)],
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        timeout=120,
    )
    assert finished.returncode == 2, finished.stderr
    assert finished.stderr == f"studykit: error: {target}: cannot write it: File too large\n"
    assert target.read_text() == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_replaces_a_file_whole(study: Path, tmp_path: Path) -> None:
    target = tmp_path / "deeper" / "issues.csv"
    assert export_to(study, target) == (0, "")
    first = target.read_text()
    assert first.count("\n") == 41
    assert export_to(study, target) == (0, "")
    assert target.read_text() == first
    assert [p.name for p in target.parent.iterdir()] == ["issues.csv"]


def test_export_to_path_that_fails_keeps_the_old_file(study: Path, tmp_path: Path) -> None:
    from studykit.db.export import export_to_path
    from studykit.errors import DatabaseError
    from studykit.study import Study

    target = tmp_path / "issues.csv"
    target.write_text("the previous export\n")
    opened = Study.open(study)
    with pytest.raises(DatabaseError, match="no table 'isues'"):
        export_to_path(opened.db, "isues", "csv", target)
    assert target.read_text() == "the previous export\n"
    assert export_to_path(opened.db, "issues", "csv", target) == 40
    assert target.read_text().startswith("repository,number,id,")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
