"""Start a command and SIGKILL it part-way, counted in requests the GitHub stand-in answered."""

from __future__ import annotations

import signal
import subprocess
import time

from tests.support.standin import StandIn


def kill_after(command: list[str], env: dict[str, str], standin: StandIn, requests: int) -> None:
    """Start `command`, SIGKILL it once the stand-in has answered `requests` more requests."""
    standin.reset_counts()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while standin.requests < requests:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the miner never got that far"
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if process.stderr:
        process.stderr.close()
