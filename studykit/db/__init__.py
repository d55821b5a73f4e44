"""The study database: schema, migrations, reads and writes."""

from studykit.db.database import (
    Database,
    insert,
    records,
    table_named,
    upsert,
)
from studykit.db.migrations import SCHEMA_VERSION
from studykit.db.urls import resolve_url, safe_url

__all__ = [
    "SCHEMA_VERSION",
    "Database",
    "insert",
    "records",
    "resolve_url",
    "safe_url",
    "table_named",
    "upsert",
]
