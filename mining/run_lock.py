"""One mining run at a time per archive: a lock file that the OS releases when the run ends,
however it ends (a kill included), and that names the run holding it. Mining workers share
the lock among themselves (their job queue keeps them off each other's repositories) and
exclude a plain run."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from mining.errors import MiningInputError

LOCK_FILE = ".mining.lock"


@contextmanager
def mining_run(root: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold the archive's mining lock (`shared`: with other workers); refuse in one line,
    naming the holder, if a run holds it that excludes this one."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / LOCK_FILE).open("a+", encoding="utf-8") as handle:
        if not _try_lock(handle, shared):
            handle.seek(0)
            holder = handle.read().strip() or "`studykit worker` processes, or a starting run"
            raise MiningInputError(
                f"{root}: another `studykit mine` is mining this study ({holder}); "
                "wait for it to finish, then run again"
            )
        if shared:
            yield
            return
        started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        _rewrite(handle, f"pid {os.getpid()} on {socket.gethostname()}, started {started}")
        try:
            yield
        finally:
            _rewrite(handle, "")


def _rewrite(handle: IO[str], text: str) -> None:
    handle.seek(0)
    handle.truncate()
    handle.write(text)
    handle.flush()


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[str], _shared: bool) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(handle: IO[str], shared: bool) -> bool:
        try:
            fcntl.flock(
                handle.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
            )
        except BlockingIOError:
            return False
        return True
