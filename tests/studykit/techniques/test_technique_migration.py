"""Migration step 6: a version-5 study database gains the technique_runs table, data kept."""

from __future__ import annotations

from sqlalchemy import inspect, text

from studykit.db import SCHEMA_VERSION, Database, schema, upsert


def test_a_version_5_database_gains_technique_runs(sqlite_url: str) -> None:
    db = Database.open(sqlite_url)
    with db.begin() as conn:
        upsert(conn, schema.participants, [{"id": "P01", "attributes": {}}])
        conn.execute(text("DROP TABLE technique_runs"))
        conn.execute(
            schema.meta.update().where(schema.meta.c.key == "schema_version").values(value="5")
        )
        assert "technique_runs" not in inspect(conn).get_table_names()
    db.close()
    again = Database.open(sqlite_url)
    assert again.schema_version() == SCHEMA_VERSION
    assert again.read("technique_runs").empty
    assert again.read("participants")["id"].tolist() == ["P01"]
    again.close()
