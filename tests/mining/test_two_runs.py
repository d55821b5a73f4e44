"""Two `studykit mine` runs at once on one study: the second is refused in one line naming the
first, which finishes with the exact rows; archive writers never share a temporary file."""

from __future__ import annotations

import multiprocessing
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from mining.archive import Page, read_pages, write_page
from studykit.study import Study
from tests.support import corpus as gen
from tests.support.mining import ALPHA, BETA, FAST, TOKEN, assert_matches_truth, write_study
from tests.support.standin import Behaviour, serving

STUDYKIT = str(Path(sys.executable).with_name("studykit"))


def test_a_second_run_is_refused_naming_the_first_which_finishes(
    tmp_path: Path, db_url: str
) -> None:
    corpus = gen.make_corpus([ALPHA, BETA], issues=30, pulls=10, comments=60, seed=5)
    manifest = write_study(tmp_path / "s", [ALPHA, BETA])
    behaviour = Behaviour(tokens=(TOKEN,), max_per_page=10, slow_after=0, slowness=0.2)
    with serving(corpus, behaviour) as standin:
        env = {**os.environ, **FAST, "GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": standin.url}
        command = [STUDYKIT, "mine", "--study", str(manifest), "--db", db_url]
        first = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 120
        while standin.requests < 3:
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the first run never started"
            time.sleep(0.01)
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert first.poll() is None, "the first run ended before the second was refused"
        _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 2, second.stderr
    holder = f"pid {first.pid} on {socket.gethostname()}, started "
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("studykit: error: "), second.stderr
    assert "another `studykit mine` is mining this study (" + holder in lines[0]
    assert lines[0].endswith("wait for it to finish, then run again")
    study = Study.open(manifest, db=db_url)
    assert_matches_truth(study.db, corpus)
    study.close()
    assert not list((tmp_path / "s" / "archive").rglob("*.tmp"))


def _write_the_same_page(root: Path, times: int) -> None:
    page = Page("lab/alpha", "issues", "https://api.github.com/x", [{"n": n} for n in range(50)])
    for _ in range(times):
        write_page(root, page, number=1)


def test_two_processes_writing_one_page_never_collide(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_write_the_same_page, args=(tmp_path, 300)) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0]
    assert [p.body[0] for p in read_pages(tmp_path)] == [{"n": 0}]
    assert not list(tmp_path.rglob("*.tmp"))
