"""Zip files (XLSX, DOCX, QDPX) opened only after their declared sizes pass the limits.

Python's zipfile stops unpacking an entry at the size its header declares and then checks the
CRC-32, so checking the declared sizes bounds what reading can cost; an entry that unpacks to
more than it declares, or whose data is damaged, surfaces as one of ZIP_ERRORS while reading.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from coding.errors import CodingInputError
from coding.file_limits import (
    MAX_PACKING_RATIO,
    MAX_UNPACKED_BYTES,
    MAX_ZIP_ENTRIES,
    RATIO_FLOOR_BYTES,
)

# What reading a damaged or lying zip raises, from zipfile itself or the readers built on it.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError)


def open_zip(path: Path, what: str) -> zipfile.ZipFile:
    """Open a zip whose entries' declared sizes are within the limits; else refuse it.

    `what` names the kind of file for messages, e.g. "Word (.docx) document".

    A missing file raises FileNotFoundError, which each reader reports in its own words.
    """
    if path.is_dir():
        raise CodingInputError(f"{path}: a folder, not a {what}; name the file")
    try:
        archive = zipfile.ZipFile(path)
    except (*ZIP_ERRORS, ValueError) as exc:
        raise CodingInputError(
            f"{path}: not a readable {what}, which is a zip file ({exc})"
        ) from None
    try:
        check_entries(archive, str(path))
    except CodingInputError:
        archive.close()
        raise
    return archive


def check_zip(path: Path, what: str) -> None:
    """Refuse a zip (before another library reads it) whose declared sizes pass no limit."""
    open_zip(path, what).close()


def check_entries(archive: zipfile.ZipFile, source: str) -> None:
    """Refuse too many entries, too many unpacked bytes, or an entry packed like a bomb."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise CodingInputError(
            f"{source}: refused: {len(entries):,} entries, more than {MAX_ZIP_ENTRIES:,}"
        )
    total = 0
    for info in entries:
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise CodingInputError(
                f"{source}: refused: the archive unpacks to more than {MAX_UNPACKED_BYTES:,} "
                f"bytes (entry {info.filename!r} declares {info.file_size:,})"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_PACKING_RATIO:
            raise CodingInputError(
                f"{source}: refused: entry {info.filename!r} unpacks {ratio:,.0f} times its "
                f"packed size (a zip bomb?); the limit is {MAX_PACKING_RATIO}"
            )


def read_entry(archive: zipfile.ZipFile, name: str, source: str) -> bytes:
    """The unpacked bytes of one entry; a damaged entry is refused naming it."""
    try:
        return archive.read(name)
    except ZIP_ERRORS as exc:
        raise damaged(source, exc) from None


def damaged(source: str, exc: BaseException) -> CodingInputError:
    """The error for a zip whose data cannot be unpacked (bad CRC, truncated, lying sizes)."""
    return CodingInputError(f"{source}: damaged archive, nothing was read: {exc}")
