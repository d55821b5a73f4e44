"""A kill (SIGKILL) at any statement while a database is created never leaves it unusable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from typer.testing import CliRunner

from studykit.cli import app
from studykit.db import SCHEMA_VERSION
from tests.support.paths import EXAMPLE

STUDYKIT = str(Path(sys.executable).with_name("studykit"))
runner = CliRunner()


def killed_at(point: int, args: list[str]) -> bool:
    """Run the CLI with `args` in a forked child that SIGKILLs itself at its `point`-th
    statement or commit; True if it was killed, False if it finished first."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        seen = 0

        def count(*_: Any) -> None:
            nonlocal seen
            seen += 1
            if seen == point:
                os.kill(os.getpid(), signal.SIGKILL)

        event.listen(Engine, "before_cursor_execute", count)
        event.listen(Engine, "commit", count)
        try:
            runner.invoke(app, args)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def study_in(folder: Path) -> Path:
    folder.mkdir()
    manifest = folder / "study.toml"
    manifest.write_text('[study]\nname = "kill test"\n', encoding="utf-8")
    return manifest


def test_db_upgrade_killed_at_every_statement_leaves_a_database_the_next_run_finishes(
    tmp_path: Path,
) -> None:
    point, killed = 0, True
    while killed:
        point += 1
        manifest = study_in(tmp_path / f"at-{point}")
        killed = killed_at(point, ["db", "upgrade", "--study", str(manifest)])
        result = runner.invoke(app, ["db", "info", "--study", str(manifest)])
        assert result.exit_code == 0, f"killed at statement {point}: {result.stderr}"
        assert f"schema version: {SCHEMA_VERSION}" in result.stdout
    assert point > 20, "creation ran too few statements to have been killed inside it"


def test_first_replay_killed_during_creation_then_run_again_succeeds(tmp_path: Path) -> None:
    archive = EXAMPLE / "archive"
    for point in (53, 66, 84):
        manifest = study_in(tmp_path / f"at-{point}")
        command = ["mine", "--study", str(manifest), "--replay", str(archive)]
        assert killed_at(point, command)
        again = subprocess.run([STUDYKIT, *command], capture_output=True, text=True, timeout=300)
        assert again.returncode == 0, f"killed at statement {point}: {again.stderr}"
        assert "Replayed" in again.stdout
