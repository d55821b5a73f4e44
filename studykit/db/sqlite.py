"""SQLite connections: WAL journal, a busy timeout, foreign keys, and transactions around DDL.

WAL lets readers go on while another process writes; the busy timeout makes a writer wait for
another writer instead of failing at once. With WAL, `synchronous = NORMAL` syncs the WAL to disk
at checkpoints instead of at every commit: a committed transaction survives the application's
crash (a killed process included: the WAL is written before the commit returns), but the last
transactions before a power loss or an operating-system crash may be rolled back (the database
stays consistent). It spares a save in the workspace an fsync per keystroke.

The driver's own transaction handling is switched off and every SQLAlchemy transaction starts
with an explicit BEGIN, so that CREATE TABLE runs inside the transaction too: a database is
created, and its version stamped, all or nothing.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Connection, Engine, event

BUSY_TIMEOUT = 30.0
"""Seconds a connection waits for another process's write lock before giving up."""

BUSY = 5
LOCKED = 6
READ_ONLY = 8
CORRUPT = 11
NOT_A_DATABASE = 26


def configure(engine: Engine) -> None:
    """Give every connection of an SQLite engine studykit's settings."""
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)


def error_code(exc: BaseException | None) -> int | None:
    """The primary SQLite result code of a driver error (SQLITE_BUSY is 5), if it has one."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def integrity_problems(conn: Connection, limit: int = 5) -> list[str]:
    """What SQLite's quick_check finds wrong with the database (at most `limit`); [] if sound."""
    rows = conn.exec_driver_sql(f"PRAGMA quick_check({limit})")
    found = [line for row in rows for line in str(row[0]).splitlines() if line.strip()]
    return [line for line in found if not line.startswith("*** ") and line != "ok"]


def take_write_lock(conn: Connection) -> None:
    """Make the transaction the database's writer now, waiting (busy timeout) for another."""
    conn.exec_driver_sql("UPDATE studykit_meta SET value = value WHERE 0")


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    cursor.execute("PRAGMA foreign_keys = ON")
    try:
        wal = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
    except sqlite3.OperationalError as exc:
        if error_code(exc) != READ_ONLY:
            raise
        wal = None
    if wal is not None and str(wal[0]).lower() == "wal":
        cursor.execute("PRAGMA synchronous = NORMAL")  # durable against crashes, not power loss
    cursor.close()


def _on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")
