"""Workers on two "machines" (study checkouts with their own archive folders, one database):
one killed after it archived a page but before it stored it, its job taken up on the other
machine, which archives that page number again; `studykit gather` keeps the page fetched later
and `studykit mine --replay` of the gathered archive rebuilds the live tables."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, text

from mining.archive import page_number
from studykit.study import Study
from tests.support import corpus as gen
from tests.support.mining import rows, write_study
from tests.support.standin import Behaviour, serving
from tests.support.workers import (
    TABLES,
    TOKENS,
    run,
    start_worker,
    wait_for_requests,
    worker_env,
)

REPOSITORIES = ["lab/one", "lab/two"]


def pages(root: Path) -> set[Path]:
    return set(root.rglob("*.json.gz"))


def unstored(conn: Connection, root: Path) -> set[Path]:
    """The archived pages numbered beyond what the database stored for their resource."""
    found = conn.execute(
        text("SELECT repository, resource, state FROM mining_state WHERE resource LIKE 'archive/%'")
    ).all()
    stored = {
        (repo, resource.removeprefix("archive/")): state["files"] for repo, resource, state in found
    }
    return {
        path
        for path in pages(root)
        if page_number(path)
        > stored.get((path.parent.parent.name.replace("__", "/"), path.parent.name), 0)
    }


@pytest.mark.postgres
def test_archives_of_two_machines_gathered_replay_to_the_live_tables(
    tmp_path: Path, postgres_url: str
) -> None:
    corpus = gen.make_corpus(REPOSITORIES, issues=30, pulls=6, comments=60, seed=31)
    machines = [write_study(tmp_path / name, REPOSITORIES) for name in ("machine-a", "machine-b")]
    archives = [manifest.parent / "archive" for manifest in machines]
    behaviour = Behaviour(tokens=TOKENS, max_per_page=10, slow_after=0, slowness=0.02)
    admin = create_engine(postgres_url)
    with serving(corpus, behaviour) as standin:
        env = worker_env(standin)
        where = ["--study", str(machines[0]), "--db", postgres_url]
        assert run("mine", "--enqueue", *where, env=env).returncode == 0
        first = start_worker(machines[0], postgres_url, env, 0)
        wait_for_requests(first, standin, TOKENS[0], 3, "the worker on machine a never got a job")
        deadline = time.monotonic() + 60
        with admin.connect() as conn:
            # EXCLUSIVE lets the worker read its checkpoints but not write them: it fetches and
            # archives its next page, then its store waits (ACCESS EXCLUSIVE would also stop a
            # worker about to read the checkpoints of its next job before it archived anything)
            conn.execute(text("LOCK TABLE mining_state IN EXCLUSIVE MODE"))
            while not unstored(conn, archives[0]):
                assert time.monotonic() < deadline, "the worker archived no page"
                time.sleep(0.005)
            first.send_signal(signal.SIGKILL)
            first.communicate()
            (orphan,) = unstored(conn, archives[0])
            conn.rollback()
        second = start_worker(machines[1], postgres_url, env, 1)
        _stdout, stderr = second.communicate(timeout=120)
        assert second.returncode == 0, stderr
    admin.dispose()
    twin = archives[1] / orphan.relative_to(archives[0])
    assert twin.exists(), "machine b archived the orphan's number again"
    gathered = tmp_path / "gathered"
    done = run("gather", str(archives[0]), str(archives[1]), "--into", str(gathered), env=env)
    assert done.returncode == 0, done.stderr
    assert "1 number(s) held by two different pages resolved" in done.stdout, done.stdout
    assert str(twin) in done.stdout
    assert (gathered / twin.relative_to(archives[1])).read_bytes() == twin.read_bytes()
    live = Study.open(machines[0], db=postgres_url)
    fresh = write_study(tmp_path / "replayed", REPOSITORIES)
    replayed = run("mine", "--replay", str(gathered), "--study", str(fresh), env=env)
    assert replayed.returncode == 0, replayed.stderr
    rebuilt = Study.open(fresh)
    for table in TABLES:
        assert rows(rebuilt.db, table) == rows(live.db, table), table
    assert rebuilt.db.read("cross_references").equals(live.db.read("cross_references"))
    live.close()
    rebuilt.close()
