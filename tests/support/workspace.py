"""The coding workspace for tests: a served example study, a server thread, a headless Chromium."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from studykit.study import Study
from studykit.workspace.auth import COOKIE, CSRF_HEADER, Tokens
from studykit.workspace.serve import Served, prepare

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def serve_round(study: Study, round: str = "3") -> Served:
    """The workspace app of a (new) round of the study, with everyone's tokens."""
    return prepare(study, round=round)


@contextmanager
def running(served: Served) -> Iterator[str]:
    """Serve the app on a free loopback port in a thread; yield its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            served.app, host="127.0.0.1", port=port, log_level="warning", access_log=False
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the workspace server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def signed_in(base: str, served: Served, person: str) -> httpx.Client:
    """An HTTP client of the app at `base`, signed in as `person` (their token's cookie)."""
    return httpx.Client(base_url=base, cookies={COOKIE: served.tokens[person]})


def csrf_of(served: Served, person: str) -> str:
    """The CSRF token the pages of `person` carry."""
    tokens: Tokens = served.app.state.tokens
    return tokens.csrf(served.tokens[person])


def write_headers(served: Served, person: str) -> dict[str, str]:
    """Headers of a write by `person` from one of their pages."""
    return {CSRF_HEADER: csrf_of(served, person)}


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (skipped, saying why, where it is not installed)."""
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
