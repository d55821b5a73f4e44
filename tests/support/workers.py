"""Shared helpers of the worker tests: the `studykit` command, worker processes, their tokens."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.support.mining import FAST
from tests.support.standin import StandIn

STUDYKIT = str(Path(sys.executable).with_name("studykit"))
TOKENS = tuple(f"ghp_workerTOKEN{k}0123456789abcdefghij" for k in range(3))
TABLES = ("issues", "comments", "events", "pull_requests", "repositories")
FAST_ENV = FAST
"""Short back-off and secondary-limit waits, as environment variables."""


def run(*arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run `studykit ARGUMENTS` to its end, its output captured."""
    return subprocess.run(
        [STUDYKIT, *arguments], env=env, capture_output=True, text=True, timeout=180
    )


def requests_with(standin: StandIn, token: str) -> int:
    """Requests the stand-in answered with this token."""
    return sum(1 for header in list(standin.auth_headers) if header.endswith(token))


def timeline_requests_with(standin: StandIn, token: str = "") -> int:
    """Timeline requests the stand-in received with this token (any token: all of them) since
    its counts were last reset."""
    return sum(
        1
        for header, path in list(standin.calls)
        if header.endswith(token) and "/timeline" in path.split("?")[0]
    )


def start_worker(manifest: Path, db_url: str, env: dict[str, str], k: int) -> subprocess.Popen[str]:
    """A `studykit worker --until-done` process with the tokens in WORKER_TOKENS_<k>."""
    command = [STUDYKIT, "worker", "--tokens", f"WORKER_TOKENS_{k}", "--stalled-after", "2"]
    command += ["--until-done", "--study", str(manifest), "--db", db_url]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for_requests(
    process: subprocess.Popen[str], standin: StandIn, token: str, count: int, what: str
) -> None:
    """Wait (60 s at most) until the stand-in answered `count` requests with the token of a
    running worker `process`; fail saying `what` did not happen."""
    deadline = time.monotonic() + 60
    while requests_with(standin, token) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, what
        time.sleep(0.005)


def worker_env(standin: StandIn, **extra: str) -> dict[str, str]:
    """The environment of `studykit` processes against the stand-in: short waits, its URL, and
    the worker tokens in WORKER_TOKENS_<k> (one token each), plus `extra`."""
    env = {**os.environ, **FAST_ENV, "GITHUB_API_URL": standin.url, **extra}
    return env | {f"WORKER_TOKENS_{k}": token for k, token in enumerate(TOKENS)}
