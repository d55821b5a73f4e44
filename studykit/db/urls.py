"""Database URLs: parse them, and name a database in messages without its password."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from studykit.errors import DatabaseError


def resolve_url(url: str, base: Path | None = None) -> URL:
    """Parse a database URL; relative SQLite paths start at `base`; PostgreSQL uses psycopg."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(
            f"{url!r} is not a database URL (e.g. sqlite:///study.sqlite)"
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if sqlite_file(parsed) is not None:
        path = Path(str(parsed.database))
        if not path.is_absolute() and base is not None:
            parsed = parsed.set(database=str((base / path).resolve()))
    return parsed


def sqlite_file(url: URL) -> str | None:
    """The file an SQLite URL names, or None for an in-memory or non-SQLite database."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return url.database


def safe_url(url: URL) -> str:
    """The URL as text with any password masked, fit for messages and logs."""
    return url.render_as_string(hide_password=True)


def database_name(url: URL) -> str:
    """How messages name a database: an SQLite file by its path, any other by its safe URL."""
    return sqlite_file(url) or safe_url(url)
