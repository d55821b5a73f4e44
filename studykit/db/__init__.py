"""The study database: engine (open by URL, move rows), schema, migrations, data
versions, export, and `reads`, through which every wiring module and notebook reads the tables
(reads inside a write's transaction stay with the write).

Names are imported on first use, so that `versions` stays free of SQLAlchemy.
"""

from typing import TYPE_CHECKING

import lazy_loader

if TYPE_CHECKING:
    from studykit.db.engine import Database as Database
    from studykit.db.engine import insert as insert
    from studykit.db.engine import records as records
    from studykit.db.engine import table_named as table_named
    from studykit.db.engine import upsert as upsert
    from studykit.db.migrations import SCHEMA_VERSION as SCHEMA_VERSION
    from studykit.db.urls import resolve_url as resolve_url
    from studykit.db.urls import safe_url as safe_url

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "engine": ["Database", "insert", "records", "table_named", "upsert"],
        "migrations": ["SCHEMA_VERSION"],
        "urls": ["resolve_url", "safe_url"],
    },
)
