"""Large repositories mined in ranges by several workers: one killed mid-range with SIGKILL,
items updated while the ranges run, and still exactly the rows of a one-process run; one
follow-up job per repository (which may queue timeline chunks, tests/studykit/workers/
test_timeline_chunks.py), after which `studykit mine` is incremental; the archive replays to
the same rows."""

from __future__ import annotations

import math
import os
import signal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from mining import ranges as mining_ranges
from studykit.collect.live import mine_live
from studykit.collect.replay import replay_archive
from studykit.collect.sink import DatabaseSink
from studykit.study import Study
from studykit.workers import queue
from studykit.workers.ranges import after_range, merge, plan
from tests.support import corpus as gen
from tests.support.mining import QUICK, assert_matches_truth, rows, write_study
from tests.support.standin import Behaviour, serving
from tests.support.workers import (
    FAST_ENV,
    TABLES,
    TOKENS,
    run,
    start_worker,
    wait_for_requests,
    worker_env,
)

REPOSITORIES = ["lab/big", "lab/wide"]
PER_PAGE, SPLIT_ABOVE = 10, 4


def ranges_of(corpus: gen.Corpus, name: str) -> tuple[int, int]:
    """The ranges the issue and comment listings of a repository are cut into: ceil(P / 4) for
    P pages of 10 items."""
    repo = corpus.repos[name]
    pages = (math.ceil(len(repo.issues) / PER_PAGE), math.ceil(len(repo.comments) / PER_PAGE))
    return math.ceil(pages[0] / SPLIT_ABOVE), math.ceil(pages[1] / SPLIT_ABOVE)


@pytest.mark.postgres
def test_ranges_mined_by_three_workers_one_killed_store_the_rows_of_one_process(
    tmp_path: Path, postgres_url: str
) -> None:
    corpus = gen.make_corpus(REPOSITORIES, issues=40, pulls=8, comments=120, seed=21)
    manifest = write_study(tmp_path / "queued", REPOSITORIES)
    behaviour = Behaviour(tokens=TOKENS, max_per_page=PER_PAGE, slow_after=0, slowness=0.03)
    where = ["--study", str(manifest), "--db", postgres_url]
    with serving(corpus, behaviour) as standin:
        env = worker_env(standin, GITHUB_TOKEN=TOKENS[2])
        queued = run("mine", "--enqueue", "--split-above", str(SPLIT_ABOVE), *where, env=env)
        assert queued.returncode == 0, queued.stderr
        counts = {name: ranges_of(corpus, name) for name in REPOSITORIES}
        probes = sum(1 + n - 1 for listings in counts.values() for n in listings)
        assert f"Probed listings with {probes} request(s)" in queued.stdout, queued.stdout
        split = ", ".join(f"{name} ({sum(n)} ranges)" for name, n in counts.items())
        assert split in queued.stdout
        assert f"Queued {sum(map(sum, counts.values()))} mining job(s)" in queued.stdout
        assert all(n > 1 for listings in counts.values() for n in listings), counts
        workers = [start_worker(manifest, postgres_url, env, k) for k in range(3)]
        wait_for_requests(workers[0], standin, TOKENS[0], 2, "worker 0 never got a job")
        workers[0].send_signal(signal.SIGKILL)
        workers[0].communicate()
        oldest = min(corpus.repos["lab/big"].comments.values(), key=lambda c: c["updated_at"])
        gen.edit_comment(corpus, "lab/big", oldest["id"], "edited while the ranges ran")
        gen.add_comment(corpus, "lab/wide", min(corpus.repos["lab/wide"].issues))
        outputs = [process.communicate(timeout=120) for process in workers[1:]]
        for process, (_stdout, stderr) in zip(workers[1:], outputs, strict=True):
            assert process.returncode == 0, stderr
        status = run("mine", "--status", *where, env=env)
        study = Study.open(manifest, db=postgres_url)
        standin.reset_counts()
        again = mine_live(study, ["lab/big"], api_url=standin.url, tokens=[TOKENS[1]])
        reference = Study.open(write_study(tmp_path / "reference", REPOSITORIES))
        mine_live(reference, REPOSITORIES, api_url=standin.url, tokens=[TOKENS[1]], policy=QUICK)
    jobs = queue.jobs(study.db)
    assert {job.status for job in jobs} == {"succeeded"}
    follow_ups = sorted(job.repository for job in jobs if job.part == "follow-up")
    assert follow_ups == REPOSITORIES, "one follow-up job per repository"
    assert [job.part for job in jobs if job.retries] != [] and all(
        "@" in job.part for job in jobs if job.retries
    ), "the killed range job is taken up again"
    assert_matches_truth(study.db, corpus)
    for table in TABLES:
        assert rows(study.db, table) == rows(reference.db, table), table
    assert study.db.read("cross_references").equals(reference.db.read("cross_references"))
    state = study.db.read("mining_state")
    left = [key for key in state["resource"] if "@" in key or key == "ranges"]
    assert all(key.startswith("archive/") for key in left), f"merged: {left}"
    (report,) = again
    assert report.error is None and sum(report.pages.values()) == 0, report
    assert report.requests <= 4, f"the next run re-walked: {report.requests} requests"
    assert status.returncode == 0, status.stderr
    chunks = sum(job.part.startswith("timeline@") for job in jobs)
    done = sum(map(sum, counts.values())) + len(REPOSITORIES) + chunks
    assert f"Mining jobs: {done} done, 0 running, 0 waiting, 0 failed." in status.stdout
    replayed = Study.open(write_study(tmp_path / "replayed", REPOSITORIES))
    replay_archive(replayed.db, manifest.parent / "archive")
    for table in TABLES:
        assert rows(replayed.db, table) == rows(study.db, table), table
    study.close()
    reference.close()
    replayed.close()


@pytest.mark.postgres
def test_a_failed_range_holds_back_the_follow_up_until_queued_again(
    tmp_path: Path, postgres_url: str
) -> None:
    corpus = gen.make_corpus(REPOSITORIES[:1], issues=40, pulls=8, comments=50, seed=22)
    manifest = write_study(tmp_path / "queued", REPOSITORIES[:1])
    behaviour = Behaviour(tokens=TOKENS, max_per_page=PER_PAGE)
    where = ["--study", str(manifest), "--db", postgres_url]
    with serving(corpus, behaviour) as standin:
        env = {**os.environ, **FAST_ENV, "GITHUB_API_URL": standin.url, "GITHUB_TOKEN": TOKENS[0]}
        env |= {"WORKER_TOKENS": TOKENS[1]}
        queued = run("mine", "--enqueue", "--split-above", str(SPLIT_ABOVE), *where, env=env)
        assert queued.returncode == 0, queued.stderr
        corpus.repos["lab/big"].gone = True
        work = ["worker", "--tokens", "WORKER_TOKENS", "--until-done", *where]
        failed = run(*work, env=env)
        status = run("mine", "--status", *where, env=env)
        corpus.repos["lab/big"].gone = False
        again = run("mine", "--enqueue", *where, env=env)
        worked = run(*work, env=env)
        done = run("mine", "--status", *where, env=env)
        reference = Study.open(write_study(tmp_path / "reference", REPOSITORIES[:1]))
        mine_live(reference, REPOSITORIES[:1], api_url=standin.url, tokens=[TOKENS[1]])
    issues, comments = ranges_of(corpus, "lab/big")
    count = issues + comments
    study = Study.open(manifest, db=postgres_url)
    keys = [f"comments@{k}" for k in range(1, comments + 1)]
    keys += [f"issues@{k}" for k in range(1, issues + 1)]
    assert failed.returncode == 1
    assert f"lab/big in ranges: 0 of {count} done; failed: {', '.join(keys)}" in status.stdout
    assert "so its follow-up job (events, pull requests, timelines) is not queued" in status.stdout
    assert f"Queued {count} mining job(s)" in again.stdout, again.stdout
    assert worked.returncode == 0, worked.stderr
    chunks = sum(job.part.startswith("timeline@") for job in queue.jobs(study.db))
    done_jobs = count + 1 + chunks
    assert f"Mining jobs: {done_jobs} done, 0 running, 0 waiting, {count} failed." in done.stdout
    assert "lab/big in ranges" not in done.stdout, "merged by the follow-up"
    assert_matches_truth(study.db, corpus)
    for table in TABLES:
        assert rows(study.db, table) == rows(reference.db, table), table
    study.close()
    reference.close()


def test_split_above_without_enqueue_is_refused_in_one_line(tmp_path: Path) -> None:
    manifest = write_study(tmp_path / "study", REPOSITORIES)
    result = run("mine", "--split-above", "5", "--study", str(manifest), env=dict(os.environ))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "give it with --enqueue" in lines[0], lines


@pytest.mark.postgres
def test_two_range_jobs_ending_at_once_queue_one_follow_up_which_merges(
    tmp_path: Path, postgres_url: str
) -> None:
    study = Study.open(write_study(tmp_path / "study", REPOSITORIES[:1]), db=postgres_url)
    sink = DatabaseSink(study.db)
    states = mining_ranges.range_states("issues", ["2023-03-01T00:00:00Z"])
    ends = ("2023-02-28T12:00:00Z", "2023-09-01T00:00:01Z")
    done = {
        key: {**state, "done": True, "mark": end, "since": f"after {end}"}
        for (key, state), end in zip(states.items(), ends, strict=True)
    }
    sink.store("lab/big", None, [], {**done, "ranges": {"follow_up": False}})
    job = queue.MiningJob("lab/big", "rest", "https://api.github.com", False, {})
    assert [j.part for j in plan(study.db, job, client=None, split_above=3).jobs] == ["follow-up"]
    as_graphql = plan(study.db, replace(job, api="graphql"), client=None, split_above=3)
    assert [(j.part, j.api) for j in as_graphql.jobs] == [("follow-up", "rest")]
    with ThreadPoolExecutor(2) as pool:
        ended = list(pool.map(lambda key: after_range(study.db, replace(job, part=key)), done))
    assert sorted(ended) == [False, True]
    assert [j.part for j in queue.jobs(study.db)] == ["follow-up"]
    assert merge(study.db, "lab/big") == {
        "issues": {
            "since": "after 2023-09-01T00:00:01Z",
            "page": 1,
            "mark": "2023-09-01T00:00:01Z",
            "etag_url": None,
            "etag": None,
        }
    }
    assert set(sink.load_state("lab/big")) == {"issues"}
    assert merge(study.db, "lab/big") == {}, "merged once"
    study.close()


@pytest.mark.postgres
def test_unfinished_ranges_are_queued_again_and_not_merged(
    tmp_path: Path, postgres_url: str
) -> None:
    study = Study.open(write_study(tmp_path / "study", REPOSITORIES[:1]), db=postgres_url)
    bounds = ["2023-03-01T00:00:00Z", "2023-04-01T00:00:00Z"]
    states = mining_ranges.range_states("comments", bounds)
    states["comments@2"]["done"] = True
    DatabaseSink(study.db).store("lab/big", None, [], {**states, "ranges": {"follow_up": False}})
    job = queue.MiningJob("lab/big", "rest", "https://api.github.com", False, {})
    planned = plan(study.db, job, client=None, split_above=3)
    assert [j.part for j in planned.jobs] == ["comments@1", "comments@3"]
    assert planned.requests == 0
    as_graphql = plan(study.db, replace(job, api="graphql"), client=None, split_above=3)
    assert [(j.part, j.api) for j in as_graphql.jobs] == [
        ("comments@1", "rest"),
        ("comments@3", "rest"),
    ], "REST ranges stay REST when the study moves to GraphQL"
    assert not after_range(study.db, replace(job, part="comments@2"))
    assert merge(study.db, "lab/big") == {}
    study.close()
