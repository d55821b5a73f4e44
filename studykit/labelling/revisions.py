"""Codebook revisions on a study: rewrite codebook.yaml, migrate codings and consensus at once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml
from sqlalchemy import Connection, Table, and_, delete, select

from coding.codebook import load_codebook, parse_codebook
from coding.codebook_changes import Revision, apply_mapping
from coding.errors import CodingInputError
from studykit.clock import now_iso
from studykit.db import insert, records, schema
from studykit.db.locks import codings_key, consensus_key, serialise_writers
from studykit.errors import StudykitError
from studykit.labelling.codebooks import codebook_file, store_codebook
from studykit.study import Study

CODEBOOK_KEY = "codebook:coding"
"""The writers' key of the coding codebook file: one revision at a time."""


@dataclass(frozen=True)
class RevisionSummary:
    """What a codebook revision changed."""

    version: str
    codings_changed: int
    consensus_changed: int
    review: pd.DataFrame


def codebook_data(path: Path) -> dict:
    """The codebook file as plain data (validated)."""
    load_codebook(path)
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def apply_revision(study: Study, revision: Revision, *, note: str = "") -> RevisionSummary:
    """Migrate codings and consensus of the revised dimension, record it, then rewrite the file."""
    path = codebook_file(study.manifest, "coding")
    before = load_codebook(path)
    data = dict(revision.data)
    version = _next_version(str(data.get("version", before.version or "0")))
    change = f"{revision.operation} in {revision.dimension}: " + ", ".join(
        f"{old} -> {new}" for old, new in revision.mapping.items()
    )
    data["version"] = version
    data["changelog"] = [
        *(data.get("changelog") or []),
        {"version": version, "date": now_iso()[:10], "changes": note or change},
    ]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    after = parse_codebook(yaml.safe_load(text), source=str(path))
    old = list(revision.mapping)
    with study.db.begin() as conn:
        pairs = _rater_rounds(conn)
    changed = {}
    original = path.read_bytes()
    replaced = False
    try:
        with study.db.begin() as conn:
            serialise_writers(
                conn,
                CODEBOOK_KEY,
                consensus_key(revision.dimension),
                *(codings_key(r, n) for r, n in pairs),
            )
            if (
                _rater_rounds(conn) != pairs
                or load_codebook(path).content_hash != before.content_hash
            ):
                raise StudykitError(
                    f"{path} or the codings changed while the revision started; run it again"
                )
            codings = _of_dimension(conn, schema.codings, revision.dimension)
            consensus = _of_dimension(conn, schema.consensus, revision.dimension)
            review = codings[codings["code"].isin(revision.review)][
                ["item_id", "rater", "round", "code"]
            ].reset_index(drop=True)
            for table, frame in ((schema.codings, codings), (schema.consensus, consensus)):
                hit = frame[frame["code"].isin(old)]
                changed[table.name] = len(hit)
                if hit.empty:
                    continue
                keys = hit["item_id"].unique().tolist()
                scope = frame[frame["item_id"].isin(keys)]
                conn.execute(
                    delete(table).where(
                        and_(table.c.dimension == revision.dimension, table.c.item_id.in_(keys))
                    )
                )
                insert(conn, table, records(apply_mapping(scope, revision).drop(columns="id")))
            store_codebook(conn, after, document=text)
            conn.execute(
                schema.codebook_changes.insert().values(
                    operation=revision.operation,
                    dimension=revision.dimension,
                    codes_from=old,
                    codes_to=sorted(set(revision.mapping.values())),
                    codings_changed=changed["codings"],
                    consensus_changed=changed["consensus"],
                    codebook_before=before.content_hash,
                    codebook_after=after.content_hash,
                    note=note or change,
                    applied_at=now_iso(),
                )
            )
            _replace(path, text)
            replaced = True
    except BaseException:
        if replaced:
            path.write_bytes(original)
        raise
    return RevisionSummary(version, changed["codings"], changed["consensus"], review)


def _replace(path: Path, text: str) -> None:
    """Write the revised codebook in place atomically, last in the transaction that records it."""
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _rater_rounds(conn: Connection) -> list[tuple[str, str]]:
    """Every (rater, round) pair that has codings, sorted."""
    column = schema.codings.c
    query = select(column.rater, column.round).distinct().order_by(column.rater, column.round)
    return [(row.rater, row.round) for row in conn.execute(query)]


def _of_dimension(conn: Connection, table: Table, dimension: str) -> pd.DataFrame:
    """The rows of codings or consensus for one dimension, read inside the transaction."""
    rows = conn.execute(select(table).where(table.c.dimension == dimension).order_by(table.c.id))
    return pd.DataFrame(list(rows), columns=[c.name for c in table.columns])


def _next_version(version: str) -> str:
    head, _, last = version.rpartition(".")
    if last.isdigit():
        return f"{head}.{int(last) + 1}" if head else str(int(last) + 1)
    raise CodingInputError(f"codebook version {version!r} does not end in a number to bump")
