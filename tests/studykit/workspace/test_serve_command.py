"""`studykit serve` prints one sign-in link per person and writes the secrets nowhere else."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.support.paths import EXAMPLE


def test_serve_prints_each_link_once_and_never_logs_a_token(
    example_copy: Callable[[], str],
) -> None:
    url = example_copy()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    studykit = Path(sys.executable).parent / "studykit"
    command = [str(studykit), "serve", "--study", str(EXAMPLE / "study.toml")]
    server = subprocess.Popen(
        [*command, "--db", url, "--round", "3", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = [server.stdout.readline() for _ in range(5)]  # type: ignore[union-attr]
        found = re.findall(r"^  (\w+): (http://\S+/signin\?token=\S+)$", "".join(lines), re.M)
        links = dict(found)
        assert sorted(links) == ["alice", "bob", "coordinator"]
        deadline = time.monotonic() + 20
        while True:
            try:
                with httpx.Client() as client:
                    signed = client.get(links["alice"], follow_redirects=True)
                    client.get(f"http://127.0.0.1:{port}/signin?token=wrong")
                    client.get(f"http://127.0.0.1:{port}/items/99999")
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert signed.status_code == 200 and str(signed.url).endswith("/items/1")
    finally:
        server.terminate()
        out, err = server.communicate(timeout=20)
    printed = "".join(lines) + out + err
    for link in links.values():
        token = link.split("token=")[1]
        assert printed.count(token) == 1
        assert token not in err
