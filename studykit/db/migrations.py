"""Schema versions: a fresh database gets the newest schema, an older one is upgraded in steps.

Each later feature that needs tables or columns appends a Migration here and defines the
tables in schema.py; `upgrade` brings any older database to SCHEMA_VERSION in one transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Connection, MetaData, Table, func, inspect, select, text

from studykit.db import schema
from studykit.db.urls import database_name
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
    Migration(
        6,
        "technique comparisons: one value per run of a technique on a subject (import runs)",
        tables=("technique_runs",),
    ),
    Migration(
        7,
        "coding workspace: closed rounds, raters' notes and unsure flags, codings by rater",
        tables=("workspace_rounds", "workspace_marks"),
        extra=lambda conn: schema.CODINGS_BY_RATER.create(conn, checkfirst=True),
    ),
    Migration(
        8,
        "assisted screening: each item `studykit screen next` served, by the model or at random",
        tables=("screening_served",),
    ),
    Migration(
        9,
        "never replacing raters: whether a suggestion was visible when a coding was made",
        extra=lambda conn: _add_column(conn, schema.codings.c.suggestion_visible),
    ),
    Migration(
        10,
        "mining workers: the rate limit left per token fingerprint (`studykit mine --status`)",
        tables=("token_budgets",),
    ),
    Migration(
        11,
        "consensus recorded in the workspace names who recorded it (the coordinator or a rater)",
        extra=lambda conn: _add_column(conn, schema.consensus.c.decided_by),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def stored_version(conn: Connection, metadata: MetaData = schema.metadata) -> int | None:
    """Return the schema version written in the database, or None for an empty database.

    A database whose creation was cut short by an older studykit (tables, all of them empty,
    but no version) counts as empty too: `upgrade` creates it anew.
    """
    where = database_name(conn.engine.url)
    names = set(inspect(conn).get_table_names())
    if schema.meta.name not in names:
        if names & set(metadata.tables):
            raise DatabaseError(
                f"{where}: this database has tables but no studykit_meta table: it is not a "
                "studykit study database (point --db at a new or existing studykit database)"
            )
        return None
    row = conn.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
    ).first()
    if row is None:
        if _unfinished(conn, metadata, names):
            return None
        raise DatabaseError(
            f"{where}: studykit_meta has no schema_version: the database is damaged"
        )
    try:
        return int(row[0])
    except ValueError:
        raise DatabaseError(
            f"{where}: the schema version {row[0]!r} in studykit_meta is not a number: "
            "the database is damaged or not a studykit database"
        ) from None


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
        metadata.drop_all(conn, tables=_present(conn, metadata))
        metadata.create_all(conn)
        conn.execute(meta.insert().values(key="schema_version", value=str(latest)))
        return None, latest
    if before > latest:
        raise DatabaseError(
            f"{database_name(conn.engine.url)}: the database has schema version {before}, "
            f"newer than this studykit's {latest}: upgrade studykit (`pip install -U studykit`) "
            "to open it"
        )
    for migration in migrations[before:]:
        metadata.create_all(conn, tables=[metadata.tables[name] for name in migration.tables])
        if migration.extra is not None:
            migration.extra(conn)
    if before < latest:
        conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(latest)))
    return before, latest


def _add_column(conn: Connection, column: Column[Any]) -> None:
    """ALTER TABLE ... ADD COLUMN for a nullable column new in a step (rows get NULL), unless
    the table has it already (a table an earlier step of this upgrade created anew)."""
    if column.name in {c["name"] for c in inspect(conn).get_columns(column.table.name)}:
        return
    preparer = conn.dialect.identifier_preparer
    kind = column.type.compile(dialect=conn.dialect)
    conn.execute(
        text(
            f"ALTER TABLE {preparer.format_table(column.table)} "
            f"ADD COLUMN {preparer.format_column(column)} {kind}"
        )
    )


def _unfinished(conn: Connection, metadata: MetaData, names: set[str]) -> bool:
    """True if every table is studykit's and empty: creation stopped before the version."""
    if names - set(metadata.tables):
        return False
    return all(
        conn.execute(select(func.count()).select_from(table)).scalar_one() == 0
        for table in _present(conn, metadata)
    )


def _present(conn: Connection, metadata: MetaData) -> list[Table]:
    names = set(inspect(conn).get_table_names())
    return [table for table in metadata.sorted_tables if table.name in names]
