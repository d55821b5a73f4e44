"""Every writer that replaces a slice of the data waits for another writer of that slice on
PostgreSQL (issue 11, item 13): the same command run twice at once ends with both runs done and
the data as one run leaves it, never an IntegrityError.

Each test holds a lock on a table the command writes, starts the command twice, waits until both
wait on a lock (the first on the table, the second on the first), then lets them go."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from studykit.cli import app
from studykit.db import Database, resolve_url
from tests.support.example_study import load_example
from tests.support.paths import EXAMPLE

pytestmark = pytest.mark.postgres
STUDYKIT = str(Path(sys.executable).with_name("studykit"))
STUDY = str(EXAMPLE / "study.toml")
runner = CliRunner()


def waiting_on_locks(url: str) -> int:
    """How many sessions of the database wait on a lock (a table's or an advisory one)."""
    engine = create_engine(resolve_url(url))
    with engine.connect() as conn:
        count = conn.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = :db AND wait_event_type = 'Lock'"
            ),
            {"db": resolve_url(url).database},
        ).scalar_one()
    engine.dispose()
    return int(count)


def twice_at_once(url: str, command: list[str], table: str) -> list[str]:
    """Run `command` twice while `table` is locked against writes; each run's output."""
    engine = create_engine(resolve_url(url))
    with engine.connect() as holder:
        holder.execute(text(f"LOCK TABLE {table} IN EXCLUSIVE MODE"))
        runs = [
            subprocess.Popen(
                [STUDYKIT, *command, "--db", url],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=os.environ,
            )
            for _ in range(2)
        ]
        deadline = time.monotonic() + 120
        while waiting_on_locks(url) < 2:
            if any(run.poll() is not None for run in runs):
                break
            assert time.monotonic() < deadline, "the runs never met"
            time.sleep(0.1)
        holder.rollback()
    engine.dispose()
    outputs = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, out + err
        assert "Traceback" not in out + err
        outputs.append(out + err)
    return outputs


def rows(url: str, table: str, drop: tuple[str, ...] = ("id",)) -> list[tuple[object, ...]]:
    db = Database.open(url)
    frame = db.read(table).drop(columns=list(drop), errors="ignore").astype(str)
    db.close()
    return sorted(map(tuple, frame.values.tolist()))


def test_consensus_twice_at_once(postgres_url: str) -> None:
    load_example(postgres_url).close()
    before = rows(postgres_url, "consensus", ("id", "decided_at"))
    adjudication = str(EXAMPLE / "codings" / "adjudication-round-2.csv")
    command = ["consensus", "--round", "2", "--adjudication", adjudication, "--study", STUDY]
    twice_at_once(postgres_url, command, "consensus")
    assert rows(postgres_url, "consensus", ("id", "decided_at")) == before


def test_import_labels_twice_at_once(postgres_url: str, tmp_path: Path) -> None:
    manifest = tmp_path / "study.toml"
    manifest.write_text('[study]\nname = "labels"\n')
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "id,a,b\n" + "".join(f"{n},{'crash' if n % 3 else 'hang'},crash\n" for n in range(300))
    )
    Database.open(postgres_url).close()
    command = ["import", "labels", str(labels), "--item", "id", "--dimension", "symptom",
               "--rater", "ann=a", "--rater", "bob=b", "--final", "b",
               "--study", str(manifest)]  # fmt: skip
    twice_at_once(postgres_url, command, "codings")
    assert len(rows(postgres_url, "codings")) == 600
    assert len(rows(postgres_url, "consensus")) == 300
    assert len(rows(postgres_url, "items")) == 300


def test_import_survey_twice_at_once(postgres_url: str) -> None:
    Database.open(postgres_url).close()
    outputs = twice_at_once(
        postgres_url, ["import", "survey", "--study", STUDY], "survey_responses"
    )
    assert len(rows(postgres_url, "survey_responses")) == 588
    assert outputs[0].splitlines()[-1] == outputs[1].splitlines()[-1]


def test_import_transcripts_twice_at_once(postgres_url: str) -> None:
    Database.open(postgres_url).close()
    result = runner.invoke(app, ["import", "participants", "--study", STUDY, "--db", postgres_url])
    assert result.exit_code == 0, result.stderr
    twice_at_once(postgres_url, ["import", "transcripts", "--study", STUDY], "transcripts")
    assert len(rows(postgres_url, "transcripts", ("id", "imported_at"))) == 6


def test_codebook_revision_twice_at_once(postgres_url: str, tmp_path: Path) -> None:
    load_example(postgres_url).close()
    (tmp_path / "codebook.yaml").write_bytes((EXAMPLE / "codebook.yaml").read_bytes())
    manifest = tmp_path / "study.toml"
    manifest.write_text('[study]\nname = "revise"\n[coding]\ncodebook = "codebook.yaml"\n')
    codings_before = rows(postgres_url, "codings")
    renamed = sum(row[3] == "env_api" for row in codings_before)
    assert renamed > 0
    engine = create_engine(resolve_url(postgres_url))
    with engine.connect() as holder:
        holder.execute(text("LOCK TABLE codings IN EXCLUSIVE MODE"))
        command = [STUDYKIT, "codebook", "rename", "defect_type", "env_api", "env_library",
                   "--study", str(manifest), "--db", postgres_url]  # fmt: skip
        runs = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        deadline = time.monotonic() + 120
        while waiting_on_locks(postgres_url) < 2 and all(run.poll() is None for run in runs):
            assert time.monotonic() < deadline, "the runs never met"
            time.sleep(0.1)
        holder.rollback()
    engine.dispose()
    outputs = [run.communicate(timeout=300) for run in runs]
    results = sorted((run.returncode, *out) for run, out in zip(runs, outputs, strict=True))
    assert [code for code, _, _ in results] == [0, 2], results
    refusal = results[1][2].strip()
    assert "changed while the revision started" in refusal and "\n" not in refusal
    changes = rows(postgres_url, "codebook_changes")
    assert len(changes) == 1
    codings_after = rows(postgres_url, "codings")
    assert sum(row[3] == "env_library" for row in codings_after) == renamed
    assert not any(row[3] == "env_api" for row in codings_after)
    assert "version: '3'" in (tmp_path / "codebook.yaml").read_text()
