"""Mining workers on the study's PostgreSQL queue: three `studykit worker` processes, one killed
with SIGKILL mid-job, store exactly the rows of a one-process run; SQLite is refused."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from mining.client import fingerprint
from mining.errors import MiningInputError
from mining.run_lock import mining_run
from studykit.collect.live import mine_live
from studykit.study import Study
from studykit.workers import queue
from tests.support import corpus as gen
from tests.support.mining import (
    FAST,
    QUICK,
    assert_matches_truth,
    files_containing,
    rows,
    write_study,
)
from tests.support.standin import Behaviour, serving
from tests.support.workers import (
    STUDYKIT,
    TABLES,
    TOKENS,
    run,
    start_worker,
    wait_for_requests,
    worker_env,
)

REPOSITORIES = [f"lab/repo{k}" for k in range(6)]


@pytest.mark.postgres
def test_three_workers_one_killed_mid_job_store_the_rows_of_one_process(
    tmp_path: Path, postgres_url: str
) -> None:
    corpus = gen.make_corpus(REPOSITORIES, issues=12, pulls=4, comments=24, seed=15)
    manifest = write_study(tmp_path / "queued", REPOSITORIES)
    behaviour = Behaviour(tokens=TOKENS, max_per_page=10, slow_after=0, slowness=0.02)
    with serving(corpus, behaviour) as standin:
        env = worker_env(standin)
        env.pop("GITHUB_TOKEN", None)
        queued = run("mine", "--enqueue", "--study", str(manifest), "--db", postgres_url, env=env)
        assert queued.returncode == 0, queued.stderr
        assert "Queued 6 mining job(s)" in queued.stdout
        again = run("mine", "--enqueue", "--study", str(manifest), "--db", postgres_url, env=env)
        assert "Already waiting in the queue, not queued again" in again.stdout
        workers = [start_worker(manifest, postgres_url, env, k) for k in range(3)]
        wait_for_requests(workers[0], standin, TOKENS[0], 6, "worker 0 never got a job")
        workers[0].send_signal(signal.SIGKILL)
        workers[0].communicate()
        outputs = [process.communicate(timeout=90) for process in workers[1:]]
        for process, (_stdout, stderr) in zip(workers[1:], outputs, strict=True):
            assert process.returncode == 0, stderr
        status = run("mine", "--status", "--study", str(manifest), "--db", postgres_url, env=env)
        reference = Study.open(write_study(tmp_path / "reference", REPOSITORIES))
        mine_live(reference, REPOSITORIES, api_url=standin.url, tokens=[TOKENS[1]], policy=QUICK)
    study = Study.open(manifest, db=postgres_url)
    jobs = queue.jobs(study.db)
    assert sorted(job.repository for job in jobs) == sorted(REPOSITORIES)
    assert {job.status for job in jobs} == {"succeeded"}
    assert [job.retries for job in jobs if job.retries] == [1], "one job is taken up again"
    assert_matches_truth(study.db, corpus)
    for table in TABLES:
        assert rows(study.db, table) == rows(reference.db, table), table
    assert study.db.read("cross_references").equals(reference.db.read("cross_references"))
    assert status.returncode == 0, status.stderr
    assert "Mining jobs: 6 done, 0 running, 0 waiting, 0 failed." in status.stdout
    assert "taken up again (a worker died" in status.stdout
    seen = {fingerprint(token) for token in TOKENS[1:]}
    assert seen <= set(study.db.read("token_budgets")["fingerprint"])
    assert all(f in status.stdout for f in seen)
    for token in TOKENS:
        assert token not in status.stdout + "".join(o + e for o, e in outputs)
        assert not files_containing(tmp_path, token)
    with study.db.engine.connect() as conn:
        dump = conn.execute(text("SELECT string_agg(t::text, '') FROM token_budgets t")).scalar()
    assert not any(token in str(dump) for token in TOKENS)
    study.close()
    reference.close()


def test_a_sqlite_study_is_refused_the_queue_in_one_line(tmp_path: Path, sqlite_url: str) -> None:
    manifest = write_study(tmp_path / "study", REPOSITORIES)
    env = {**os.environ, "WORKER_TOKENS": TOKENS[0]}
    commands = (
        ["mine", "--enqueue"],
        ["mine", "--status"],
        ["worker", "--tokens", "WORKER_TOKENS"],
    )
    for arguments in commands:
        result = run(*arguments, "--study", str(manifest), "--db", sqlite_url, env=env)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "needs a PostgreSQL study database" in lines[0], lines
        assert TOKENS[0] not in result.stderr + result.stdout


@pytest.mark.postgres
def test_a_failing_repository_fails_its_job_and_the_status_names_it(
    tmp_path: Path, postgres_url: str
) -> None:
    corpus = gen.make_corpus(REPOSITORIES[:1], issues=8, pulls=1, comments=3, seed=2)
    manifest = write_study(tmp_path / "study", ["lab/gone"])
    with serving(corpus, Behaviour(tokens=TOKENS)) as standin:
        env = {**os.environ, **FAST, "GITHUB_API_URL": standin.url, "WORKER_TOKENS": TOKENS[0]}
        where = ["--study", str(manifest), "--db", postgres_url]
        assert run("mine", "--enqueue", *where, env=env).returncode == 0
        worked = run("worker", "--tokens", "WORKER_TOKENS", "--until-done", *where, env=env)
        status = run("mine", "--status", *where, env=env)
    assert worked.returncode == 1, worked.stderr
    assert "lab/gone:" in worked.stderr and "404" in worked.stderr
    assert "Mining jobs: 0 done, 0 running, 0 waiting, 1 failed." in status.stdout
    assert "failed: lab/gone" in status.stdout
    assert TOKENS[0] not in worked.stdout + worked.stderr + status.stdout


def test_workers_share_an_archive_and_a_plain_run_is_refused_beside_them(tmp_path: Path) -> None:
    refused = pytest.raises(MiningInputError, match="studykit worker")
    with mining_run(tmp_path, shared=True), mining_run(tmp_path, shared=True), refused:
        mining_run(tmp_path).__enter__()
    refused = pytest.raises(MiningInputError, match="pid")
    with mining_run(tmp_path), refused, mining_run(tmp_path, shared=True):
        pass


@pytest.mark.postgres
def test_a_worker_mines_through_graphql_when_the_study_queued_graphql(
    tmp_path: Path, postgres_url: str
) -> None:
    corpus = gen.make_corpus(REPOSITORIES[:2], issues=10, pulls=3, comments=20, seed=4)
    manifest = write_study(tmp_path / "queued", REPOSITORIES[:2])
    with serving(corpus, Behaviour(tokens=TOKENS)) as standin:
        env = {**os.environ, **FAST, "GITHUB_API_URL": standin.url, "WORKER_TOKENS": TOKENS[0]}
        where = ["--study", str(manifest), "--db", postgres_url]
        assert run("mine", "--enqueue", "--api", "graphql", *where, env=env).returncode == 0
        worked = run("worker", "--tokens", "WORKER_TOKENS", "--until-done", *where, env=env)
        assert worked.returncode == 0, worked.stderr
        graphql_requests = standin.kinds.total() - sum(
            n for kind, n in standin.kinds.items() if not kind.startswith("graphql")
        )
        status = run("mine", "--status", *where, env=env)
        reference = Study.open(write_study(tmp_path / "reference", REPOSITORIES[:2]))
        mine_live(
            reference, REPOSITORIES[:2], api_url=standin.url, tokens=[TOKENS[0]], api="graphql"
        )
    assert graphql_requests > 0
    study = Study.open(manifest, db=postgres_url)
    for table in TABLES:
        assert rows(study.db, table) == rows(reference.db, table), table
    assert "graphql" in status.stdout and fingerprint(TOKENS[0]) in status.stdout
    study.close()
    reference.close()


WRONG = "ghp_notACCEPTEDtoken000000000000000000"


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("api", "wrong", "says"),
    [
        ("rest", WRONG, "GitHub refused the token(s) in WRONG_TOKENS (401 Bad credentials)"),
        ("graphql", "", "the GraphQL API needs a token, and WRONG_TOKENS has none"),
    ],
)
def test_a_worker_that_cannot_mine_stops_and_leaves_its_job_to_others(
    tmp_path: Path, postgres_url: str, api: str, wrong: str, says: str
) -> None:
    corpus = gen.make_corpus(REPOSITORIES[:1], issues=8, pulls=1, comments=3, seed=3)
    manifest = write_study(tmp_path / "study", REPOSITORIES[:1])
    with serving(corpus, Behaviour(tokens=TOKENS)) as standin:
        env = {**os.environ, **FAST, "GITHUB_API_URL": standin.url}
        env |= {"WRONG_TOKENS": wrong, "GOOD_TOKENS": TOKENS[0]}
        where = ["--study", str(manifest), "--db", postgres_url]
        assert run("mine", "--enqueue", "--api", api, *where, env=env).returncode == 0
        refused = run("worker", "--tokens", "WRONG_TOKENS", "--until-done", *where, env=env)
        waiting = run("mine", "--status", *where, env=env)
        good = run("worker", "--tokens", "GOOD_TOKENS", "--until-done", *where, env=env)
        done = run("mine", "--status", *where, env=env)
    assert refused.returncode == 2, refused.stderr
    assert says in refused.stderr.splitlines()[-1]
    assert "back in the queue" in refused.stderr.splitlines()[-1]
    assert WRONG not in refused.stdout + refused.stderr + waiting.stdout
    assert "0 done, 0 running, 1 waiting, 0 failed" in waiting.stdout
    assert good.returncode == 0, good.stderr
    assert "1 done, 0 running, 0 waiting, 0 failed" in done.stdout
    assert not files_containing(tmp_path, WRONG)


@pytest.mark.postgres
def test_sigterm_stops_a_waiting_worker_cleanly(tmp_path: Path, postgres_url: str) -> None:
    manifest = write_study(tmp_path / "study", REPOSITORIES[:1])
    env = {**os.environ, "WORKER_TOKENS": TOKENS[0]}
    where = ["--study", str(manifest), "--db", postgres_url]
    process = subprocess.Popen(
        [STUDYKIT, "worker", "--tokens", "WORKER_TOKENS", *where],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    study = Study.open(manifest, db=postgres_url)
    deadline = time.monotonic() + 60
    while True:  # registered in the queue's workers table: it waits for jobs
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the worker never started"
        with study.db.engine.connect() as conn:
            exists = conn.execute(text("SELECT to_regclass('procrastinate_workers')")).scalar()
            if exists and conn.execute(text("SELECT count(*) FROM procrastinate_workers")).scalar():
                break
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    _stdout, stderr = process.communicate(timeout=30)
    study.close()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
