"""Codebook revisions on a study: rewrite codebook.yaml, migrate codings and consensus at once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml
from sqlalchemy import and_, delete

from coding.codebook import load_codebook, parse_codebook
from coding.codebook_changes import Revision, apply_mapping
from coding.errors import CodingInputError
from studykit.clock import now_iso
from studykit.db import insert, reads, records, schema
from studykit.labelling.codebooks import codebook_file, store_codebook
from studykit.study import Study


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
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    codings = reads.codings(study)
    consensus = reads.consensus(study)
    old = list(revision.mapping)
    review = codings[
        (codings["dimension"] == revision.dimension) & codings["code"].isin(revision.review)
    ][["item_id", "rater", "round", "code"]].reset_index(drop=True)
    changed = {}
    with study.db.begin() as conn:
        for table, frame in ((schema.codings, codings), (schema.consensus, consensus)):
            hit = frame[(frame["dimension"] == revision.dimension) & frame["code"].isin(old)]
            changed[table.name] = len(hit)
            if hit.empty:
                continue
            keys = hit["item_id"].unique().tolist()
            scope = frame[(frame["dimension"] == revision.dimension) & frame["item_id"].isin(keys)]
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
    os.replace(tmp, path)
    return RevisionSummary(version, changed["codings"], changed["consensus"], review)


def _next_version(version: str) -> str:
    head, _, last = version.rpartition(".")
    if last.isdigit():
        return f"{head}.{int(last) + 1}" if head else str(int(last) + 1)
    raise CodingInputError(f"codebook version {version!r} does not end in a number to bump")
