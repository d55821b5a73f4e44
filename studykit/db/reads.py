"""Every read of the study database the wiring modules and notebooks make: codings, consensus,
items and their fields, the mined, interview and survey tables as DataFrames; counts, the
miner's checkpoints and a stored codebook's text as plain values.

Each function takes a study (anything with a `db`) or its `Database`. Writes stay with the
module that writes; reads inside a write's transaction stay there too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, Protocol

import pandas as pd
from sqlalchemy import distinct, func, select

from studykit.db import Database, schema, table_named
from studykit.errors import StudykitError


class HasDatabase(Protocol):
    """Anything that holds a study database, such as a `Study`."""

    @property
    def db(self) -> Database: ...


Source = Database | HasDatabase
"""A study (anything with a `db`) or its database."""

MinedTable = Literal[
    "repositories", "issues", "pull_requests", "comments", "events", "cross_references"
]
InterviewTable = Literal["participants", "transcripts", "segments", "pii_findings"]
SurveyTable = Literal["survey_questions", "survey_responses"]


def database(source: Source) -> Database:
    """The database of a study, or the database itself; TypeError for anything else."""
    db = source if isinstance(source, Database) else getattr(source, "db", None)
    if not isinstance(db, Database):
        raise TypeError(f"expected a Study or a Database, got {type(source).__name__}")
    return db


def table(source: Source, name: str, *, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Any table (or some of its columns) as a DataFrame, in primary-key order."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a table name (str), got {type(name).__name__}")
    return database(source).read(name, columns=columns)


def codings(
    source: Source,
    *,
    rounds: str | Iterable[str] | None = None,
    kind: str | None = None,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Every rater's codings (item_id, rater, dimension, code, round, ...), optionally of
    some rounds and of the items of one kind."""
    db = database(source)
    wanted = _names("rounds", rounds)
    frame = db.read("codings", columns=_with(columns, "round" if wanted else None))
    if wanted is not None:
        frame = frame[frame["round"].isin(wanted)]
    if kind is not None:
        frame = frame[frame["item_id"].isin(_ids_of_kind(db, kind))]
    if wanted is not None or kind is not None:
        frame = frame.reset_index(drop=True)
    return frame[list(columns)] if columns else frame


def consensus(
    source: Source,
    *,
    rounds: str | Iterable[str] | None = None,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The stored consensus (item_id, dimension, code, round, ...), optionally of some rounds."""
    wanted = _names("rounds", rounds)
    frame = database(source).read("consensus", columns=_with(columns, "round" if wanted else None))
    if wanted is not None:
        frame = frame[frame["round"].isin(wanted)].reset_index(drop=True)
    return frame[list(columns)] if columns else frame


def consensus_labels(source: Source) -> pd.DataFrame:
    """Consensus labels in long form: item_id, dimension, code."""
    frame = database(source).read("consensus", columns=["item_id", "dimension", "code"])
    return frame.sort_values(["item_id", "dimension", "code"], ignore_index=True)


def items(source: Source, *, kind: str | None = None, sample: str | None = None) -> pd.DataFrame:
    """The stored items in id order; with `kind` only those of that kind, with `sample` only
    the members of that stored sample (an error if there are none)."""
    if kind is not None and sample is not None:
        raise ValueError("give kind or sample, not both")
    db = database(source)
    if kind is None and sample is None:
        return db.read("items")
    _text("kind", kind)
    _text("sample", sample)
    query = select(schema.items).order_by(schema.items.c.id)
    if sample is not None:
        query = (
            query.join(schema.sample_items, schema.sample_items.c.item_id == schema.items.c.id)
            .join(schema.samples, schema.samples.c.id == schema.sample_items.c.sample_id)
            .where(schema.samples.c.name == sample)
        )
    else:
        query = query.where(schema.items.c.kind == kind)
    with db.begin() as conn:
        rows = conn.execute(query).mappings().all()
    if not rows:
        if sample is not None:
            raise StudykitError(f"no sample named {sample!r}: run `studykit sample` first")
        raise StudykitError(f"the study has no items of kind {kind!r} yet")
    return pd.DataFrame([dict(r) for r in rows])


def item_fields(source: Source) -> pd.DataFrame:
    """Items with their fields (source, repository, created_at, each meta key) by item_id."""
    items = database(source).read("items")
    meta = pd.DataFrame(
        [
            {k: v for k, v in (m or {}).items() if not isinstance(v, list | dict)}
            for m in items["meta"]
        ],
        index=items.index,
    )
    base = items[["id", "kind", "source", "repository", "created_at", "title", "link"]].rename(
        columns={"id": "item_id"}
    )
    return pd.concat([base, meta.drop(columns=base.columns, errors="ignore")], axis=1)


def item_counts(source: Source) -> pd.DataFrame:
    """Items per kind, with the number of repositories they come from: kind, items,
    repositories (kinds in name order)."""
    column = schema.items.c
    with database(source).begin() as conn:
        rows = conn.execute(
            select(column.kind, func.count(), func.count(distinct(column.repository)))
            .group_by(column.kind)
            .order_by(column.kind)
        ).all()
    return pd.DataFrame([tuple(row) for row in rows], columns=["kind", "items", "repositories"])


def row_count(source: Source, name: str) -> int:
    """The number of rows of one table."""
    _text("name", name)
    counted = table_named(name)
    with database(source).begin() as conn:
        return int(conn.execute(select(func.count()).select_from(counted)).scalar_one())


def fixed_issues(source: Source) -> pd.DataFrame:
    """The stored fix links (repository, issue_number, evidence, ...)."""
    return database(source).read("fix_links")


def mined(source: Source, name: MinedTable) -> pd.DataFrame:
    """A table the miner writes (issues, events, comments, ...), in primary-key order."""
    return database(source).read(_one_of("name", name, MinedTable))


def repository_rows(source: Source, name: str, repository: str) -> pd.DataFrame:
    """The rows of a mined table that belong to one repository, in primary-key order."""
    tbl = table_named(name)
    query = select(tbl).where(tbl.c.repository == repository).order_by(*tbl.primary_key.columns)
    with database(source).begin() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in tbl.columns])


def mining_state(source: Source, repository: str) -> dict[str, dict]:
    """The miner's checkpoints of one repository, by resource key."""
    column = schema.mining_state.c
    with database(source).begin() as conn:
        rows = conn.execute(
            select(column.resource, column.state).where(column.repository == repository)
        ).all()
    return {resource: dict(state) for resource, state in rows}


def interview_table(source: Source, name: InterviewTable) -> pd.DataFrame:
    """A table of the interviews: participants, transcripts, segments or pii_findings."""
    return database(source).read(_one_of("name", name, InterviewTable))


def survey_table(source: Source, name: SurveyTable) -> pd.DataFrame:
    """A table of the survey: survey_questions or survey_responses."""
    return database(source).read(_one_of("name", name, SurveyTable))


def latest_codebook_document(source: Source, kind: str) -> tuple[str, str] | None:
    """The text and file name of the codebook the latest coding of an item of `kind` was made
    with, or None when no such item is coded."""
    c, b, i = schema.codings.c, schema.codebooks.c, schema.items.c
    with database(source).begin() as conn:
        row = conn.execute(
            select(b.document, b.source)
            .join(schema.codings, c.codebook == b.content_hash)
            .join(schema.items, i.id == c.item_id)
            .where(i.kind == kind)
            .order_by(c.coded_at.desc(), c.id.desc())
            .limit(1)
        ).first()
    return None if row is None else (row.document, row.source)


def _ids_of_kind(db: Database, kind: str) -> set[str]:
    _text("kind", kind)
    frame = db.read("items", columns=["id", "kind"])
    return set(frame.loc[frame["kind"] == kind, "id"])


def _with(columns: Sequence[str] | None, needed: str | None) -> list[str] | None:
    """`columns` plus a column a filter needs (None: all columns)."""
    if columns is None:
        return None
    if isinstance(columns, str):
        raise TypeError("columns must be a list of column names, not one string")
    return list(dict.fromkeys([*columns, *([needed] if needed else [])]))


def _names(parameter: str, value: str | Iterable[str] | None) -> list[str] | None:
    """A name or names given as a parameter, as a list; TypeError for anything else."""
    if value is None:
        return None
    names = [value] if isinstance(value, str) else list(value)
    wrong = [n for n in names if not isinstance(n, str)]
    if wrong:
        raise TypeError(f"{parameter} must be a str or a list of str, got {wrong[0]!r}")
    return names


def _text(parameter: str, value: str | None) -> str | None:
    """`value` if it is None or a str; TypeError naming the parameter otherwise."""
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{parameter} must be a str, got {type(value).__name__}")
    return value


def _one_of(parameter: str, value: str, allowed: object) -> str:
    """`value` if it is one of the names a Literal type allows; ValueError otherwise."""
    names = allowed.__args__  # type: ignore[attr-defined]
    if value not in names:
        raise ValueError(f"{parameter} must be one of {', '.join(names)}; got {value!r}")
    return value
