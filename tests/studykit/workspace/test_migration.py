"""Schema versions 7 and 9: a version-5 study database gains the workspace's tables and index;
a version-8 one the column naming who recorded a consensus in the workspace."""

from sqlalchemy import inspect, text

from studykit.db import SCHEMA_VERSION, Database, schema, upsert


def test_a_version_5_study_database_gains_the_workspace_tables(sqlite_url: str) -> None:
    db = Database.open(sqlite_url)
    with db.begin() as conn:
        upsert(conn, schema.participants, [{"id": "P01", "attributes": {}}])
        conn.execute(text("DROP TABLE workspace_marks"))
        conn.execute(text("DROP TABLE workspace_rounds"))
        conn.execute(text("DROP INDEX ix_codings_rater_round_item"))
        conn.execute(
            schema.meta.update().where(schema.meta.c.key == "schema_version").values(value="5")
        )
    db.close()
    again = Database.open(sqlite_url)
    assert again.schema_version() == SCHEMA_VERSION
    assert again.read("workspace_marks").empty and again.read("workspace_rounds").empty
    with again.begin() as conn:
        indexes = {index["name"] for index in inspect(conn).get_indexes("codings")}
    assert "ix_codings_rater_round_item" in indexes
    assert again.read("participants")["id"].tolist() == ["P01"]
    again.close()


def test_a_version_10_database_gains_who_recorded_a_consensus(db_url: str) -> None:
    db = Database.open(db_url)
    with db.begin() as conn:
        upsert(
            conn,
            schema.items,
            [{"id": "i1", "kind": "github_issue", "source": "github", "meta": {}}],
        )
        conn.execute(text("ALTER TABLE consensus DROP COLUMN decided_by"))
        conn.execute(
            text(
                "INSERT INTO consensus (item_id, dimension, code, round, method, rationale, "
                "decided_at) VALUES ('i1', 'symptom', 'crash', '2', 'adjudicated', 'r', 't')"
            )
        )
        conn.execute(
            schema.meta.update().where(schema.meta.c.key == "schema_version").values(value="10")
        )
    db.close()
    again = Database.open(db_url)
    assert again.schema_version() == SCHEMA_VERSION
    kept = again.read("consensus")
    assert kept[["item_id", "code", "rationale"]].values.tolist() == [["i1", "crash", "r"]]
    assert kept["decided_by"].isna().all()
    again.close()
