"""What the GraphQL path must store: the REST rows it can have, and the corpus truth of them.

GraphQL gives no REST id for label and reference events, and no issue id for a pull request;
everything else is compared row for row with the REST path.
"""

from __future__ import annotations

from typing import Any

from studykit.db import Database
from tests.support.corpus import Corpus, expected_rows
from tests.support.mining import KEYS, plain, rows

LINKING_EVENTS = ("closed", "merged")
TABLES = ("repositories", "issues", "pull_requests", "comments", "events")


def graphql_view(table: str, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A table's rows as the GraphQL path can store them (see the module docstring)."""
    if table == "events":
        return [r for r in found if r["event"] in LINKING_EVENTS]
    if table == "issues":
        return [r | {"id": None} if r["is_pull_request"] else r for r in found]
    return found


def stored(db: Database, table: str) -> list[dict[str, Any]]:
    """A table's rows in GraphQL's view, sorted (cross_references by all its columns)."""
    if table == "cross_references":
        frame = db.read(table)
        found = [{k: plain(v) for k, v in r.items()} for r in frame.to_dict("records")]
        return sorted(found, key=lambda r: tuple(str(v) for v in r.values()))
    return graphql_view(table, rows(db, table))


def graphql_truth(corpus: Corpus) -> dict[str, list[dict[str, Any]]]:
    """The corpus's ground truth in GraphQL's view, sorted by each table's key."""
    truth = expected_rows(corpus)
    return {
        table: graphql_view(table, sorted(found, key=lambda r: tuple(r[k] for k in KEYS[table])))
        for table, found in truth.items()
    }


def assert_same_rows(graphql: Database, rest: Database) -> None:
    """Both studies hold the same rows in GraphQL's view, cross-references included."""
    for table in (*TABLES, "cross_references"):
        assert stored(graphql, table) == stored(rest, table), table


def assert_graphql_truth(db: Database, corpus: Corpus) -> None:
    """The GraphQL path stored exactly the corpus's truth in its view."""
    truth = graphql_truth(corpus)
    for table in TABLES:
        got = stored(db, table)
        assert len(got) == len(truth[table]), f"{table}: {len(got)} rows, {len(truth[table])} due"
        for found, wanted in zip(got, truth[table], strict=True):
            assert found == wanted, f"{table}: {found} != {wanted}"
