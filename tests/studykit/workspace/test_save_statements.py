"""The SQL a save costs, pinned: a save is a keystroke, and each statement is a round trip to
PostgreSQL. A change that adds a statement to a save fails here, not only in the benchmark
(benchmarks/bench_workspace.py, whose timings depend on the machine's load).

Also: the save reads the round's state after it holds the writer lock, so a close that commits
while the save waits for the lock is seen and the save refused."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx
import pytest
from sqlalchemy import Engine, event

from studykit.clock import now_iso
from studykit.db import insert, schema
from studykit.db.locks import codings_key, serialise_writers
from studykit.study import Study
from studykit.workspace import store
from studykit.workspace.auth import COOKIE
from tests.support.example_study import load_example
from tests.support.paths import EXAMPLE
from tests.support.workspace import running, serve_round, write_headers

SAVE = [
    "the writer lock of the rater's round (PostgreSQL: an advisory lock; SQLite: its write lock)",
    "one read: is the round closed, the rater's note on the item, the dimensions they coded",
    "DELETE of the rater's earlier codes of the dimension (only when re-coding it)",
    "INSERT of the chosen codes",
    "the data version of `codings` (every writing transaction bumps it)",
]
MARK = [
    "the writer lock of the rater's round",
    "one read: is the round closed, the rater's note on the item, the dimensions they coded",
    "upsert of the note and unsure flag",
    "UPDATE of the note on the rater's codings of the item (only if the note changed)",
    "the data version of `workspace_marks`",
    "the data version of `codings`",
]
"""What each statement of a save is for. On top: SQLite's BEGIN statement (psycopg sends its
own BEGIN before the first statement: one round trip either way) and the COMMIT."""


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    """The statements the engine runs inside the block (its BEGIN left out) and its commits."""
    seen: list[str] = []

    def statement(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        if sql.strip().upper() != "BEGIN":
            seen.append(sql)

    def commit(_conn: object) -> None:
        seen.append("COMMIT")

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", commit)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def study(request: pytest.FixtureRequest, example_copy: Callable[[], str]) -> Iterator[Study]:
    """The example study on each backend in turn."""
    if request.param == "sqlite":
        opened = Study.open(EXAMPLE / "study.toml", db=example_copy())
    else:
        opened = load_example(request.getfixturevalue("postgres_url"))
    yield opened
    opened.close()


def test_a_save_over_http_runs_at_most_five_statements_and_one_commit(study: Study) -> None:
    served = serve_round(study, "3")
    engine = served.round.db.engine
    with (
        running(served) as base,
        httpx.Client(base_url=base, cookies={COOKIE: served.tokens["alice"]}) as alice,
    ):

        def post(path: str, body: dict[str, object]) -> None:
            answer = alice.post(path, json=body, headers=write_headers(served, "alice"))
            assert answer.status_code == 200, answer.text

        post("/api/items/1/codes", {"dimension": "symptom", "codes": ["crash"]})  # + codebook
        with counted(engine) as first:
            post("/api/items/1/codes", {"dimension": "defect_type", "codes": ["env_api"]})
        with counted(engine) as again:
            post("/api/items/1/codes", {"dimension": "symptom", "codes": ["numerical_error"]})
        with counted(engine) as mark:
            post("/api/items/1/mark", {"note": "the traceback names a removed API"})
    assert len(again) <= len(SAVE) + 1, again
    assert len(first) <= len(SAVE), first  # no earlier codes of the dimension: no DELETE
    assert not any(sql.startswith("DELETE") for sql in first)
    assert len(mark) <= len(MARK) + 1, mark
    assert [sql for sql in again + first + mark if sql == "COMMIT"] == ["COMMIT"] * 3
    frame = study.db.read("codings")
    mine = frame[(frame["round"] == "3") & (frame["rater"] == "alice")]
    assert sorted(zip(mine["dimension"], mine["code"], mine["note"], strict=True)) == [
        ("defect_type", "env_api", "the traceback names a removed API"),
        ("symptom", "numerical_error", "the traceback names a removed API"),
    ]


def test_a_save_waiting_for_the_lock_sees_the_close_committed_meanwhile(study: Study) -> None:
    served = serve_round(study, "4")
    outcome: list[Exception | list[str]] = []
    first = served.round.items[0]

    def save() -> None:
        try:
            outcome.append(store.save_codes(served.round, "alice", first, "symptom", ["crash"]))
        except Exception as exc:
            outcome.append(exc)

    saver = threading.Thread(target=save)
    with served.round.db.begin() as closer:  # as close_round does, held open meanwhile
        serialise_writers(closer, codings_key("alice", "4"), codings_key("bob", "4"))
        closed = {"round": "4", "closed_at": now_iso(), "closed_by": "coordinator"}
        insert(closer, schema.workspace_rounds, [closed])
        saver.start()
        time.sleep(1.0)  # the save is under way: it waits for the lock the closer holds
        assert outcome == []
    saver.join(timeout=60)
    assert len(outcome) == 1 and isinstance(outcome[0], store.RoundClosed), outcome
    frame = study.db.read("codings")
    assert frame[frame["round"] == "4"].empty
