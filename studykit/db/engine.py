"""Open a study database by URL (an SQLite file or PostgreSQL) and move rows in and out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Delete,
    Engine,
    Insert,
    Integer,
    Table,
    Text,
    Update,
    cast,
    create_engine,
    event,
    func,
    or_,
    select,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from studykit.db import migrations, schema, sqlite
from studykit.db.urls import database_name, resolve_url, safe_url, sqlite_file
from studykit.db.versions import VERSION_KEY
from studykit.errors import DatabaseError

if TYPE_CHECKING:
    import pandas as pd

_BATCH = 500


class Database:
    """A study database: its engine, its schema version and table-level reads and writes."""

    def __init__(self, url: URL, engine: Engine) -> None:
        self.url = url
        self.engine = engine

    @classmethod
    def open(cls, url: str | URL, *, base: Path | None = None) -> Database:
        """Connect, creating or upgrading the schema; raise DatabaseError if it can't be reached."""
        parsed = url if isinstance(url, URL) else resolve_url(url, base)
        file = sqlite_file(parsed)
        if file is not None:
            Path(file).parent.mkdir(parents=True, exist_ok=True)
        try:
            engine = create_engine(parsed)
        except (NoSuchModuleError, ArgumentError) as exc:
            raise DatabaseError(f"cannot use database URL {safe_url(parsed)}: {exc}") from None
        if engine.dialect.name == "sqlite":
            sqlite.configure(engine)
        event.listen(engine, "before_execute", _note_write)
        database = cls(parsed, engine)
        with database.begin() as conn:
            migrations.upgrade(conn)
        return database

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction: everything inside commits together or not at all.

        Each table written in it gets a new data version (see `table_versions`).
        """
        try:
            with self.engine.begin() as conn:
                conn.info.pop(_WRITTEN, None)
                yield conn
                bump_versions(conn, conn.info.pop(_WRITTEN, set()))
        except DBAPIError as exc:
            failure = _failure(self.url, exc)
            if failure is None:
                raise
            raise failure from None

    def check_integrity(self) -> None:
        """Refuse a damaged database, saying what is wrong (SQLite's quick_check; cheap)."""
        with self.begin() as conn:
            check_integrity(conn)

    def close(self) -> None:
        """Release the database's connections."""
        self.engine.dispose()

    def schema_version(self) -> int | None:
        """The schema version stored in the database."""
        with self.begin() as conn:
            return migrations.stored_version(conn)

    def counts(self) -> dict[str, int]:
        """Row counts of every data table."""
        with self.begin() as conn:
            return {
                t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for t in schema.DATA_TABLES
            }

    def table_versions(self) -> dict[str, int]:
        """Each table's data version: it grows with every transaction that writes the table."""
        with self.begin() as conn:
            rows = conn.execute(
                select(schema.meta.c.key, schema.meta.c.value).where(
                    schema.meta.c.key.startswith(VERSION_KEY)
                )
            ).all()
        return {key[len(VERSION_KEY) :]: int(value) for key, value in rows}

    def read(
        self,
        table: str | Table,
        conn: Connection | None = None,
        *,
        columns: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """A whole table (or some of its columns) as a DataFrame, ordered by its primary key."""
        import pandas as pd  # lazy: opening a database (db info, upgrade) needs no pandas

        tbl = table_named(table) if isinstance(table, str) else table
        unknown = sorted(set(columns or ()) - set(tbl.columns.keys()))
        if unknown:
            raise DatabaseError(f"table {tbl.name} has no column(s) {', '.join(unknown)}")
        chosen = [tbl.c[name] for name in columns] if columns else list(tbl.columns)
        query = select(*chosen).order_by(*tbl.primary_key.columns)
        if conn is not None:
            rows = conn.execute(query).all()
        else:
            with self.begin() as own:
                rows = own.execute(query).all()
        names = [c.name for c in chosen]
        if not rows:
            return pd.DataFrame(columns=names)
        return pd.DataFrame(dict(zip(names, zip(*rows, strict=True), strict=True)))


_WRITTEN = "studykit_written_tables"


def _note_write(conn: Connection, clause: Any, *_: Any) -> None:
    """Remember which tables a statement writes (an engine `before_execute` hook)."""
    name = (
        getattr(clause.table, "name", None)
        if isinstance(clause, Insert | Update | Delete)
        else None
    )
    if name is not None and name != schema.meta.name:
        conn.info.setdefault(_WRITTEN, set()).add(name)


def bump_versions(conn: Connection, tables: set[str]) -> None:
    """Add one to each table's data version in one statement, so concurrent writers all count."""
    meta = schema.meta
    for name in sorted(tables):
        stmt = _insert(conn, meta).values(key=f"{VERSION_KEY}{name}", value="1")
        following = cast(cast(meta.c.value, Integer) + 1, Text)
        conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": following}))


def _failure(url: URL, exc: DBAPIError) -> DatabaseError | None:
    """The user's view of a driver error: locked, damaged or unreachable; None for a bug."""
    where = database_name(url)
    code = sqlite.error_code(exc.orig)
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if code in (sqlite.BUSY, sqlite.LOCKED) or sqlstate in _PG_LOCKED:
        return DatabaseError(
            f"{where}: the database is locked by another studykit process; "
            "try again when it finishes"
        )
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    if code in (sqlite.CORRUPT, sqlite.NOT_A_DATABASE):
        return damaged(url, reason)
    if isinstance(exc, OperationalError):
        return DatabaseError(f"cannot reach the database {safe_url(url)}: {reason}")
    return None


def check_integrity(conn: Connection) -> None:
    """Refuse a damaged SQLite database with its first problem (quick_check); others pass."""
    if conn.dialect.name != "sqlite":
        return
    problems = sqlite.integrity_problems(conn)
    if problems:
        more = f" and {len(problems) - 1} more problem(s)" if len(problems) > 1 else ""
        raise damaged(conn.engine.url, f"{problems[0]}{more}")


def damaged(url: URL, reason: str) -> DatabaseError:
    """The one-line error for a damaged database, naming it and what is wrong."""
    return DatabaseError(
        f"{database_name(url)}: the database is damaged ({reason}): restore it from a backup"
    )


_PG_LOCKED = ("55P03", "40P01")
"""PostgreSQL's lock_not_available and deadlock_detected."""


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame's rows as dicts keyed by column name, missing values (NaN, NA) as None."""
    return [
        {str(k): _none_if_missing(v) for k, v in row.items()} for row in frame.to_dict("records")
    ]


def _none_if_missing(value: Any) -> Any:
    import pandas as pd  # lazy, as in Database.read

    if value is None or isinstance(value, list | dict | tuple):
        return value
    return None if pd.isna(value) else value


def table_named(name: str) -> Table:
    """The table called `name`, or a DatabaseError that lists the tables there are."""
    try:
        return schema.metadata.tables[name]
    except KeyError:
        known = ", ".join(t.name for t in schema.DATA_TABLES)
        raise DatabaseError(f"no table {name!r}; the tables are: {known}") from None


def upsert(
    conn: Connection,
    table: Table,
    rows: Iterable[Mapping[str, Any]],
    *,
    newer: str | None = None,
) -> int:
    """Insert rows, replacing those with the same primary key; return how many were given.

    With `newer` (a column of ISO timestamps, e.g. `updated_at`), a stored row is replaced only
    by a row whose stamp is no older (or when the stored stamp is NULL): a version of an item
    fetched earlier but stored later never overwrites the newer one.
    """
    keys = [c.name for c in table.primary_key.columns]
    count = 0
    for batch in _batches(list(rows)):
        stmt = _insert(conn, table).values(batch)
        updates = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys}
        where = None
        if newer is not None:
            where = or_(table.c[newer].is_(None), stmt.excluded[newer] >= table.c[newer])
        stmt = (
            stmt.on_conflict_do_update(index_elements=keys, set_=updates, where=where)
            if updates
            else stmt.on_conflict_do_nothing(index_elements=keys)
        )
        conn.execute(stmt)
        count += len(batch)
    return count


def _insert(conn: Connection, table: Table) -> Any:
    """An INSERT of the connection's dialect, which knows ON CONFLICT."""
    # lazy: the dialect modules load on the first write, not when studykit is imported
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.dialects import sqlite as sqlite_dialect

    return (postgresql if conn.dialect.name == "postgresql" else sqlite_dialect).insert(table)


def insert(conn: Connection, table: Table, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert rows (no conflict handling); return how many were written."""
    count = 0
    for batch in _batches(list(rows)):
        conn.execute(table.insert(), batch)
        count += len(batch)
    return count


def _batches(rows: Sequence[Mapping[str, Any]]) -> Iterator[list[Mapping[str, Any]]]:
    for start in range(0, len(rows), _BATCH):
        yield list(rows[start : start + _BATCH])
