"""The mined-row upsert keeps the newer version of an item: an older one stored later (by a
range job that read it before another range stored its update) leaves the row alone."""

from __future__ import annotations

from typing import Any

from studykit.collect.sink import DatabaseSink, store_rows
from studykit.db import Database, schema

COMMENT = {
    "id": 7,
    "repository": "lab/alpha",
    "issue_number": 1,
    "author": "dev0001",
    "author_association": "MEMBER",
    "created_at": "2023-01-01T00:00:00Z",
    "html_url": "https://github.com/lab/alpha/issues/1#issuecomment-7",
}


def comment(body: str, updated_at: str | None) -> dict[str, Any]:
    return {**COMMENT, "body": body, "updated_at": updated_at}


def stored(db: Database) -> list[tuple[str, str | None]]:
    frame = db.read("comments")
    return list(zip(frame["body"], frame["updated_at"], strict=True))


def test_an_older_version_stored_later_does_not_replace_the_newer(db_url: str) -> None:
    db = Database.open(db_url)
    sink = DatabaseSink(db)
    sink.store("lab/alpha", "comments", [comment("new", "2023-05-02T10:00:00Z")], {})
    sink.store("lab/alpha", "comments", [comment("old", "2023-05-01T10:00:00Z")], {})
    assert stored(db) == [("new", "2023-05-02T10:00:00Z")]
    sink.store("lab/alpha", "comments", [comment("same second", "2023-05-02T10:00:00Z")], {})
    assert stored(db) == [("same second", "2023-05-02T10:00:00Z")], "ties: the later store wins"
    sink.store("lab/alpha", "comments", [comment("newest", "2023-05-03T00:00:00Z")], {})
    assert stored(db) == [("newest", "2023-05-03T00:00:00Z")]
    db.engine.dispose()


def test_a_stored_row_without_a_stamp_is_replaced_and_tables_without_one_upsert_plainly(
    db_url: str,
) -> None:
    db = Database.open(db_url)
    with db.begin() as conn:
        store_rows(conn, schema.comments, [comment("unstamped", None)])
        store_rows(conn, schema.comments, [comment("stamped", "2023-05-01T00:00:00Z")])
        event = {"id": 3, "repository": "lab/alpha", "issue_number": 1, "event": "closed"}
        store_rows(conn, schema.events, [{**event, "created_at": "2023-05-02T00:00:00Z"}])
        store_rows(conn, schema.events, [{**event, "created_at": "2023-05-01T00:00:00Z"}])
    assert stored(db) == [("stamped", "2023-05-01T00:00:00Z")]
    assert list(db.read("events")["created_at"]) == ["2023-05-01T00:00:00Z"]
    db.engine.dispose()
