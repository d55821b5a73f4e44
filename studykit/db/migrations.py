"""Schema versions: a fresh database gets the newest schema, an older one is upgraded in steps.

Each later feature that needs tables or columns appends a Migration here and defines the
tables in schema.py; `upgrade` brings any older database to SCHEMA_VERSION in one transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, MetaData, inspect, select

from studykit.db import schema
from studykit.errors import DatabaseError


@dataclass(frozen=True)
class Migration:
    """One step from version - 1 to version: tables it adds and any further DDL."""

    version: int
    description: str
    tables: tuple[str, ...] = ()
    extra: Callable[[Connection], None] | None = None


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "foundation: GitHub data, items, samples, codings, consensus, interviews"),
    Migration(
        2,
        "live mining: checkpoints, timeline cross-references, fix links, changed files",
        tables=("mining_state", "cross_references", "fix_links", "commit_files"),
    ),
    Migration(
        3,
        "interviews and surveys: survey questions, personal-data findings in transcripts",
        tables=("survey_questions", "pii_findings"),
    ),
    Migration(
        4,
        "pull-request review comments ([github] review_comments = true)",
        tables=("review_comments",),
    ),
    Migration(
        5,
        "import records: each `studykit import items|labels` (file, options, counts, rows stored)",
        tables=("imports",),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def stored_version(conn: Connection, metadata: MetaData = schema.metadata) -> int | None:
    """Return the schema version written in the database, or None for an empty database."""
    names = set(inspect(conn).get_table_names())
    if schema.meta.name not in names:
        if names & set(metadata.tables):
            raise DatabaseError(
                "this database has tables but no studykit_meta table: it is not a studykit "
                "study database (point --db at a new or existing studykit database)"
            )
        return None
    row = conn.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
    ).first()
    if row is None:
        raise DatabaseError("studykit_meta has no schema_version: the database is damaged")
    return int(row[0])


def upgrade(
    conn: Connection,
    migrations: tuple[Migration, ...] = MIGRATIONS,
    metadata: MetaData = schema.metadata,
) -> tuple[int | None, int]:
    """Create or upgrade the schema inside the caller's transaction; return (before, after)."""
    latest = migrations[-1].version
    meta = metadata.tables[schema.meta.name]
    before = stored_version(conn, metadata)
    if before is None:
        metadata.create_all(conn)
        conn.execute(meta.insert().values(key="schema_version", value=str(latest)))
        return None, latest
    if before > latest:
        raise DatabaseError(
            f"the database has schema version {before}, newer than this studykit's "
            f"{latest}: upgrade studykit (`pip install -U studykit`) to open it"
        )
    for migration in migrations[before:]:
        metadata.create_all(conn, tables=[metadata.tables[name] for name in migration.tables])
        if migration.extra is not None:
            migration.extra(conn)
    if before < latest:
        conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(latest)))
    return before, latest
