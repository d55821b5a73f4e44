"""A large repository's timelines shared among workers: after its ranges, the follow-up queues
chunks of the timelines still to fetch; mined by three workers with one killed mid-chunk, the
rows (timeline-derived cross-references included) are those of a one-process run, the chunk
keys are dropped, the next `studykit mine` is incremental and the archive replays to the same
rows."""

from __future__ import annotations

import math
import os
import signal
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from mining import ranges as mining_ranges
from studykit.collect.live import mine_live
from studykit.collect.replay import replay_archive
from studykit.collect.sink import DatabaseSink
from studykit.study import Study
from studykit.workers import queue
from studykit.workers.ranges import TIMELINES, after_chunk, chunk_timelines, plan
from tests.support import corpus as gen
from tests.support.mining import QUICK, assert_matches_truth, rows, write_study
from tests.support.standin import Behaviour, StandIn, serving
from tests.support.workers import (
    TABLES,
    TOKENS,
    run,
    start_worker,
    timeline_requests_with,
    worker_env,
)

REPOSITORY = "lab/big"
PER_PAGE, SPLIT_ABOVE = 10, 4
DERIVED = ("cross_references",)


def test_chunk_states_cut_pending_timelines_into_even_consecutive_chunks() -> None:
    pending = [(n, f"2023-01-{n:02d}T00:00:00Z") for n in (9, 1, 5, 3, 7, 2, 8, 4, 6, 10)]
    chunks = mining_ranges.chunk_states(pending, 4)
    assert list(chunks) == ["timeline@1", "timeline@2", "timeline@3"]
    numbers = [[n for n, _ in chunk["issues"]] for chunk in chunks.values()]
    assert numbers == [[1, 2, 3], [4, 5, 6], [7, 8, 9, 10]]
    assert chunks["timeline@2"]["issues"][0] == [4, "2023-01-04T00:00:00Z"]
    assert {chunk["count"] for chunk in chunks.values()} == {3}
    assert not any(chunk["done"] for chunk in chunks.values())
    assert mining_ranges.chunk_states(pending[:4], 4) == {}, "at the threshold: no chunks"
    assert mining_ranges.chunk_states(pending, 0) == {}
    state = {**chunks, "issues@1": {"done": False}, "archive/timeline@2": {"files": 3}}
    assert mining_ranges.range_keys(state) == ["issues@1"], "chunks are not listing ranges"
    assert mining_ranges.dropped_keys(state) == ["issues@1"]
    assert mining_ranges.chunk_dropped_keys(state) == [*chunks], "archive numbers stay"


@pytest.mark.postgres
def test_chunks_are_planned_once_queued_again_while_unfinished_and_dropped_when_done(
    tmp_path: Path, postgres_url: str
) -> None:
    manifest = write_study(tmp_path / "study", [REPOSITORY])
    study = Study.open(manifest, db=postgres_url)
    sink = DatabaseSink(study.db)
    sink.store(REPOSITORY, None, [], {TIMELINES: {"split_above": 2}})
    job = queue.MiningJob(REPOSITORY, "rest", "https://api.github.com", False, {})
    follow_up = replace(job, part="follow-up")
    pending = [(n, "2023-01-01T00:00:00Z") for n in range(1, 6)]
    assert [j.part for j in plan(study.db, job, client=None, split_above=2).jobs] == [
        "follow-up"
    ], "planned, chunks not cut yet: the follow-up cuts them"
    queued = chunk_timelines(study.db, follow_up, pending)
    assert queued is not None
    assert [j.part for j in queued] == ["timeline@1", "timeline@2", "timeline@3"]
    again = chunk_timelines(study.db, follow_up, pending[:1])
    assert again is not None and [j.part for j in again] == [j.part for j in queued], (
        "a follow-up taken up again queues the chunks planned, not new ones"
    )
    assert [j.part for j in queue.jobs(study.db)] == ["timeline@1", "timeline@2", "timeline@3"]
    sink.store(REPOSITORY, None, [], {"timeline@2": {"issues": [], "done": True}})
    sink.store(REPOSITORY, None, [], {"archive/timeline@2": {"files": 1}})
    planned = plan(study.db, job, client=None, split_above=0)
    assert [j.part for j in planned.jobs] == ["timeline@1", "timeline@3"]
    where = ["--study", str(manifest), "--db", postgres_url]
    status = run("mine", "--status", *where, env=dict(os.environ))
    assert status.returncode == 0, status.stderr
    assert "lab/big timelines in chunks: 1 of 3 done." in status.stdout, status.stdout
    with study.db.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE procrastinate_jobs SET status = 'failed', attempts = 1 "
                "WHERE args ->> 'part' = 'timeline@3'"
            )
        )
    failed = run("mine", "--status", *where, env=dict(os.environ))
    assert "lab/big timelines in chunks: 1 of 3 done; failed: timeline@3: " in failed.stdout
    assert not after_chunk(study.db, replace(job, part="timeline@2"))
    for key in ("timeline@1", "timeline@3"):
        sink.store(REPOSITORY, None, [], {key: {"issues": [], "done": True}})
    assert after_chunk(study.db, replace(job, part="timeline@3"))
    assert set(sink.load_state(REPOSITORY)) == {"archive/timeline@2"}, (
        "chunk keys and marker dropped, the chunk's archive number kept"
    )
    done = mining_ranges.chunk_states(pending, 2)
    done = {key: {**chunk, "done": True} for key, chunk in done.items()}
    sink.store(REPOSITORY, None, [], {**done, TIMELINES: {"split_above": 2}})
    assert chunk_timelines(study.db, follow_up, pending) is None, (
        "every chunk done, its last job killed before dropping them: the follow-up drops them"
    )
    assert set(sink.load_state(REPOSITORY)) == {"archive/timeline@2"}
    sink.store(REPOSITORY, None, [], {TIMELINES: {"split_above": 9}})
    assert chunk_timelines(study.db, follow_up, pending) is None, "few enough: fetched at once"
    assert TIMELINES not in sink.load_state(REPOSITORY)
    study.close()


def _wait_for_timeline_request(
    process: subprocess.Popen[str], standin: StandIn, token: str
) -> None:
    """Wait (90 s at most) until a running worker asked for a third timeline with its token
    (chunks hold 3 or 4 issues: it is in the middle of one, two of its issues stored)."""
    deadline = time.monotonic() + 90
    while timeline_requests_with(standin, token) < 3:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "worker 0 never fetched a timeline"
        time.sleep(0.005)


@pytest.mark.postgres
def test_timeline_chunks_mined_by_three_workers_one_killed_store_the_rows_of_one_process(
    tmp_path: Path, postgres_url: str
) -> None:
    corpus = gen.make_corpus([REPOSITORY], issues=80, pulls=8, comments=60, seed=23)
    manifest = write_study(tmp_path / "queued", [REPOSITORY])
    behaviour = Behaviour(tokens=TOKENS, max_per_page=PER_PAGE, slow_after=0, slowness=0.03)
    where = ["--study", str(manifest), "--db", postgres_url]
    with serving(corpus, behaviour) as standin:
        reference = Study.open(write_study(tmp_path / "reference", [REPOSITORY]))
        (one,) = mine_live(
            reference, [REPOSITORY], api_url=standin.url, tokens=[TOKENS[1]], policy=QUICK
        )
        chunks = math.ceil(one.timelines / SPLIT_ABOVE)
        assert chunks > 3, f"{one.timelines} timelines: too few to share"
        alone = timeline_requests_with(standin)
        standin.reset_counts()
        env = worker_env(standin, GITHUB_TOKEN=TOKENS[2])
        queued = run("mine", "--enqueue", "--split-above", str(SPLIT_ABOVE), *where, env=env)
        assert queued.returncode == 0, queued.stderr
        workers = [start_worker(manifest, postgres_url, env, k) for k in range(3)]
        _wait_for_timeline_request(workers[0], standin, TOKENS[0])
        workers[0].send_signal(signal.SIGKILL)
        workers[0].communicate()
        outputs = [process.communicate(timeout=180) for process in workers[1:]]
        for process, (_stdout, stderr) in zip(workers[1:], outputs, strict=True):
            assert process.returncode == 0, stderr
        per_token = [timeline_requests_with(standin, token) for token in TOKENS]
        status = run("mine", "--status", *where, env=env)
        study = Study.open(manifest, db=postgres_url)
        standin.reset_counts()
        (again,) = mine_live(study, [REPOSITORY], api_url=standin.url, tokens=[TOKENS[1]])
        closed = [number for number, _ in _chunked(study)]
        gen.add_comment(corpus, REPOSITORY, closed[0])
        (later,) = mine_live(study, [REPOSITORY], api_url=standin.url, tokens=[TOKENS[1]])
        (reference_later,) = mine_live(
            reference, [REPOSITORY], api_url=standin.url, tokens=[TOKENS[1]], policy=QUICK
        )
    jobs = queue.jobs(study.db)
    assert {job.status for job in jobs} == {"succeeded"}, jobs
    parts = [job.part for job in jobs]
    assert sorted(p for p in parts if p.startswith("timeline@")) == sorted(
        f"timeline@{k}" for k in range(1, chunks + 1)
    ), parts
    assert parts.count("follow-up") == 1
    retried = [job.part for job in jobs if job.retries]
    assert retried and all(p.startswith("timeline@") for p in retried), "killed mid-chunk"
    assert per_token[1] > 0 and per_token[2] > 0, f"timelines not shared: {per_token}"
    assert alone <= sum(per_token) <= alone + 1, (
        f"{per_token} timeline requests, {alone} in one process: the retried chunk fetched "
        "again more than the issue its worker was killed on"
    )
    assert_matches_truth(study.db, corpus)
    for table in (*TABLES, *DERIVED):
        assert rows(study.db, table) == rows(reference.db, table), table
    state = study.db.read("mining_state")
    left = [key for key in state["resource"] if "@" in key]
    assert all(key.startswith("archive/") for key in left), f"chunk keys dropped: {left}"
    assert not set(state["resource"]) & {"ranges", TIMELINES}
    assert again.error is None and sum(again.pages.values()) == 0, again
    assert again.requests <= 4, f"the next run re-fetched: {again.requests} requests"
    assert later.timelines == reference_later.timelines == 1
    assert status.returncode == 0, status.stderr
    assert f"Mining jobs: {len(jobs)} done, 0 running, 0 waiting, 0 failed." in status.stdout
    assert "timelines in chunks" not in status.stdout
    folder = manifest.parent / "archive" / "lab__big" / "timeline"
    parts_on_disk = sorted(p.name for p in folder.iterdir() if p.is_dir())
    assert parts_on_disk == sorted(f"range-{k}" for k in range(1, chunks + 1))
    assert [p.name for p in folder.glob("*.json.gz")] == ["0001.json.gz"], "own numbering"
    replayed = Study.open(write_study(tmp_path / "replayed", [REPOSITORY]))
    replay_archive(replayed.db, manifest.parent / "archive")
    for table in (*TABLES, *DERIVED):
        assert rows(replayed.db, table) == rows(study.db, table), table
    study.close()
    reference.close()
    replayed.close()


def _chunked(study: Study) -> list[tuple[int, str]]:
    """The issues whose timeline checkpoints exist, by number."""
    state = DatabaseSink(study.db).load_state(REPOSITORY)
    numbers = sorted(int(key.split("/")[1]) for key in state if key.startswith("timeline/"))
    return [(n, str(state[f"timeline/{n}"].get("updated_at"))) for n in numbers]
