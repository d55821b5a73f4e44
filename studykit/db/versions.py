"""Tables' data versions: every writing transaction bumps the version of each table it wrote.

They are kept in studykit_meta under "data_version:TABLE". `sqlite_data_versions` reads them from
an SQLite file with the standard library's driver, for checks that should not pay for importing
SQLAlchemy (a `studykit report` with nothing to rebuild).
"""

import sqlite3
from contextlib import closing
from pathlib import Path

VERSION_KEY = "data_version:"
_SQLITE_FILE = "sqlite:///"


def sqlite_data_versions(url: str, base: Path | None = None) -> dict[str, int] | None:
    """The data versions in the SQLite file `url` names, or None if that file can't answer.

    None for any other URL (PostgreSQL, in-memory, with a driver or query string), for a file
    that does not exist yet, and for a file without studykit_meta: the caller then opens the
    database the usual way. The file is opened read-write (it is only read) so that, being the
    last connection, this one removes the WAL files a read-only one would leave behind.
    """
    if not url.startswith(_SQLITE_FILE) or any(c in url for c in "?%"):
        return None
    name = url[len(_SQLITE_FILE) :]
    if name in ("", ":memory:"):
        return None
    path = Path(name)
    if not path.is_absolute() and base is not None:
        path = base / path
    if not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)) as conn:
            rows = conn.execute("SELECT key, value FROM studykit_meta").fetchall()
    except sqlite3.Error:
        return None
    return {
        key[len(VERSION_KEY) :]: int(value) for key, value in rows if key.startswith(VERSION_KEY)
    }
