"""`studykit mine` killed with SIGKILL mid-run and started again ends with the exact rows."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from mining.archive import read_pages
from studykit.collect.live import mine_live
from studykit.study import Study
from tests.support import corpus as gen
from tests.support.mining import (
    ALPHA,
    BETA,
    FAST,
    QUICK,
    TOKEN,
    assert_matches_truth,
    files_containing,
    rows,
    write_study,
)
from tests.support.processes import kill_after
from tests.support.standin import Behaviour, serving

STUDYKIT = str(Path(sys.executable).with_name("studykit"))


def archive_shape(root: Path) -> Counter[tuple[str, str]]:
    return Counter((page.repository, page.resource) for page in read_pages(root))


def test_sigkill_at_two_points_then_rerun_equals_an_uninterrupted_run(
    tmp_path: Path, db_url: str
) -> None:
    corpus = gen.make_corpus([ALPHA, BETA], issues=30, pulls=10, comments=60, seed=21)
    manifest = write_study(tmp_path / "killed", [ALPHA, BETA])
    behaviour = Behaviour(tokens=(TOKEN,), max_per_page=10, slow_after=0, slowness=0.01)
    with serving(corpus, behaviour) as standin:
        env = {**os.environ, **FAST, "GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": standin.url}
        command = [STUDYKIT, "mine", "--study", str(manifest), "--db", db_url]
        kill_after(command, env, standin, 9)
        kill_after(command, env, standin, 27)
        finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
        assert finished.returncode == 0, finished.stderr
        reference = Study.open(write_study(tmp_path / "reference", [ALPHA, BETA]))
        mine_live(reference, [ALPHA, BETA], api_url=standin.url, tokens=[TOKEN], policy=QUICK)
    study = Study.open(manifest, db=db_url)
    assert_matches_truth(study.db, corpus)
    for table in ("issues", "comments", "events", "pull_requests", "repositories"):
        assert rows(study.db, table) == rows(reference.db, table)
    assert study.db.read("cross_references").equals(reference.db.read("cross_references"))
    killed_archive = archive_shape(tmp_path / "killed" / "archive")
    assert killed_archive == archive_shape(tmp_path / "reference" / "archive")
    assert not list((tmp_path / "killed" / "archive").rglob("*.tmp"))
    assert not files_containing(tmp_path, TOKEN)
    study.close()
    reference.close()
