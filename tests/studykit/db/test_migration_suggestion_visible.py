"""Schema step 9: codings gain `suggestion_visible`; older codings keep their rows, as NULL."""

from sqlalchemy import inspect, text

from studykit.db import SCHEMA_VERSION, Database, insert, schema


def _coding(item: str, visible: bool | None) -> dict[str, object]:
    return {
        "item_id": item,
        "rater": "alice",
        "dimension": "relevant",
        "code": "yes",
        "round": "1",
        "coded_at": "2026-01-01T00:00:00Z",
        "suggestion_visible": visible,
    }


def test_a_version_8_database_gains_the_column_with_unknown_for_old_codings(db_url: str) -> None:
    db = Database.open(db_url)
    with db.begin() as conn:
        insert(conn, schema.items, [{"id": "I1", "kind": "issue", "meta": {}}])
        old = _coding("I1", None)
        del old["suggestion_visible"]
        conn.execute(text("ALTER TABLE codings DROP COLUMN suggestion_visible"))
        conn.execute(
            text(
                "INSERT INTO codings (item_id, rater, dimension, code, round, coded_at) "
                "VALUES (:item_id, :rater, :dimension, :code, :round, :coded_at)"
            ),
            old,
        )
        conn.execute(
            schema.meta.update().where(schema.meta.c.key == "schema_version").values(value="8")
        )
    db.close()
    again = Database.open(db_url)
    assert again.schema_version() == SCHEMA_VERSION
    with again.begin() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("codings")}
        insert(conn, schema.items, [{"id": "I2", "kind": "issue", "meta": {}}])
        insert(conn, schema.codings, [_coding("I2", True)])
    assert "suggestion_visible" in columns
    stored = again.read("codings").set_index("item_id")["suggestion_visible"]
    assert stored["I1"] is None or stored.isna()["I1"]
    assert bool(stored["I2"]) is True
    again.close()


def test_a_new_database_stores_true_false_and_unknown(db_url: str) -> None:
    db = Database.open(db_url)
    with db.begin() as conn:
        insert(conn, schema.items, [{"id": f"I{n}", "kind": "issue", "meta": {}} for n in range(3)])
        insert(
            conn, schema.codings, [_coding("I0", True), _coding("I1", False), _coding("I2", None)]
        )
    stored = db.read("codings").set_index("item_id")["suggestion_visible"]
    assert [stored["I0"], stored["I1"]] == [True, False]
    assert stored.isna()["I2"]
    db.close()
