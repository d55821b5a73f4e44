"""Write a file whole or not at all: into a temporary file beside it, renamed over it at the end.

A failure (a folder in the way, no permission, a full disk) leaves the old file as it was and
no temporary file behind, and is one line naming the file.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from studykit.errors import StudykitError


@contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A binary stream that becomes `path` when the block ends without an error."""
    if path.is_dir():
        raise StudykitError(f"{path}: is a folder: name a file to write")
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise StudykitError(f"{path}: cannot write it: {_reason(path, exc)}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        raise StudykitError(f"{path}: cannot write it: {_reason(path, exc)}") from None
    finally:
        temporary.unlink(missing_ok=True)


def _reason(path: Path, exc: OSError) -> str:
    """What stopped the write, in words: a file where a folder should be, or the OS's reason."""
    for folder in path.parents:
        if folder.exists():
            if not folder.is_dir():
                return f"{folder} is a file, not a folder"
            break
    return exc.strerror or str(exc)
