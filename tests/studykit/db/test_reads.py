"""studykit.db.reads: the named reads filter as they say, take a study or its database, and
refuse arguments of the wrong kind with the parameter's name."""

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from studykit.db import Database, insert, reads
from studykit.db import schema as tables
from studykit.errors import DatabaseError, StudykitError

STAMP = "2026-01-01T00:00:00Z"


class Holder:
    """Anything with a `db`, as a Study is."""

    def __init__(self, db: Database) -> None:
        self.db = db


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(f"sqlite:///{tmp_path / 'reads.sqlite'}")
    items = [
        {"id": "I1", "kind": "issue", "repository": "a/x", "meta": {"stage": "train"}},
        {"id": "I2", "kind": "issue", "repository": "a/y", "meta": {}},
        {"id": "S1", "kind": "segment", "repository": None, "meta": {}},
    ]
    codings = [
        {"item_id": i, "rater": r, "dimension": "type", "code": c, "round": n, "coded_at": STAMP}
        for i, r, c, n in [
            ("I1", "ann", "bug", "1"),
            ("I1", "bob", "bug", "2"),
            ("I2", "ann", "doc", "2"),
            ("S1", "ann", "theme", "2"),
        ]
    ]
    final = [
        {
            "item_id": i,
            "dimension": "type",
            "code": c,
            "round": n,
            "method": "m",
            "decided_at": STAMP,
        }
        for i, c, n in [("I2", "doc", "2"), ("I1", "bug", "1")]
    ]
    with database.begin() as conn:
        insert(conn, tables.items, items)
        insert(conn, tables.codings, codings)
        insert(conn, tables.consensus, final)
        conn.execute(
            tables.samples.insert().values(
                id=1,
                name="main",
                size=1,
                population=2,
                seed=1,
                filter={},
                method="m",
                created_at=STAMP,
            )
        )
        insert(conn, tables.sample_items, [{"sample_id": 1, "item_id": "I2"}])
    yield database
    database.close()


def test_codings_filter_by_rounds_and_kind(db: Database) -> None:
    assert len(reads.codings(db)) == 4
    assert reads.codings(db, rounds="2")["item_id"].tolist() == ["I1", "I2", "S1"]
    assert reads.codings(db, rounds=["1"])["rater"].tolist() == ["ann"]
    picked = reads.codings(db, rounds="2", kind="segment")
    assert picked["item_id"].tolist() == ["S1"]
    assert picked.index.tolist() == [0]


def test_codings_columns_keep_the_order_asked_even_when_a_filter_needs_another(
    db: Database,
) -> None:
    frame = reads.codings(db, rounds="1", columns=["code", "item_id"])
    assert list(frame.columns) == ["code", "item_id"]
    assert frame.values.tolist() == [["bug", "I1"]]


def test_consensus_in_primary_key_order_and_consensus_labels_sorted(db: Database) -> None:
    assert reads.consensus(db)["item_id"].tolist() == ["I2", "I1"]
    assert reads.consensus(db, rounds="1")["item_id"].tolist() == ["I1"]
    assert reads.consensus_labels(db)["item_id"].tolist() == ["I1", "I2"]


def test_items_of_a_kind_or_a_sample_and_errors_when_there_are_none(db: Database) -> None:
    assert reads.items(db)["id"].tolist() == ["I1", "I2", "S1"]
    assert reads.items(db, kind="segment")["id"].tolist() == ["S1"]
    assert reads.items(db, sample="main")["id"].tolist() == ["I2"]
    with pytest.raises(StudykitError, match="no sample named 'other'"):
        reads.items(db, sample="other")
    with pytest.raises(StudykitError, match="no items of kind 'survey_answer'"):
        reads.items(db, kind="survey_answer")
    with pytest.raises(ValueError, match="kind or sample, not both"):
        reads.items(db, kind="issue", sample="main")


def test_item_fields_spread_meta_keys_into_columns(db: Database) -> None:
    fields = reads.item_fields(db)
    assert fields.loc[fields["item_id"] == "I1", "stage"].tolist() == ["train"]


def test_counts_per_kind_and_per_table(db: Database) -> None:
    counts = reads.item_counts(db)
    expected = pd.DataFrame({"kind": ["issue", "segment"], "items": [2, 1], "repositories": [2, 0]})
    pd.testing.assert_frame_equal(counts, expected)
    assert reads.row_count(db, "codings") == 4
    with pytest.raises(DatabaseError, match="no table 'nope'"):
        reads.row_count(db, "nope")


def test_a_study_or_anything_holding_a_database_is_accepted(db: Database) -> None:
    pd.testing.assert_frame_equal(reads.codings(Holder(db)), reads.codings(db))
    with pytest.raises(TypeError, match="expected a Study or a Database, got str"):
        reads.codings("study.toml")  # type: ignore[arg-type]


def test_arguments_of_the_wrong_kind_are_refused_with_their_name(db: Database) -> None:
    with pytest.raises(TypeError, match="rounds must be a str or a list of str, got 2"):
        reads.codings(db, rounds=[2])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="columns must be a list"):
        reads.codings(db, rounds="1", columns="code")
    with pytest.raises(TypeError, match="kind must be a str"):
        reads.codings(db, kind=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="name must be one of repositories, issues"):
        reads.mined(db, "codings")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="name must be one of survey_questions"):
        reads.survey_table(db, "segments")  # type: ignore[arg-type]


def test_latest_codebook_document_is_that_of_the_latest_coding_of_the_kind(
    db: Database,
) -> None:
    assert reads.latest_codebook_document(db, "segment") is None
    with db.begin() as conn:
        for hash_, text in (("h1", "old"), ("h2", "new")):
            conn.execute(
                tables.codebooks.insert().values(
                    content_hash=hash_,
                    name="c",
                    version="1",
                    source=f"{hash_}.yaml",
                    document=text,
                    stored_at=STAMP,
                )
            )
        insert(
            conn,
            tables.codings,
            [
                {
                    "item_id": "S1",
                    "rater": rater,
                    "dimension": "type",
                    "code": "t",
                    "round": "3",
                    "coded_at": at,
                    "codebook": h,
                }
                for rater, at, h in (
                    ("ann", "2026-02-01T00:00:00Z", "h2"),
                    ("bob", "2026-01-15T00:00:00Z", "h1"),
                )
            ],
        )
    assert reads.latest_codebook_document(db, "segment") == ("new", "h2.yaml")
