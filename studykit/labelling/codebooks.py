"""A study's codebooks: read from the manifest's files and stored in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from sqlalchemy import Connection

from coding.codebook import Codebook, load_codebook, parse_codebook
from studykit.clock import now_iso
from studykit.db import Database, schema, upsert
from studykit.db.reads import latest_codebook_document
from studykit.errors import StudykitError
from studykit.manifest import Manifest
from studykit.study import Study

Section = Literal["coding", "interviews"]


def codebook_file(manifest: Manifest, section: Section, *, default: str | None = None) -> Path:
    """The codebook file a manifest section ([coding] or [interviews]) names, else `default`."""
    named = getattr(manifest, section).codebook or default
    if named is None:
        raise StudykitError(f"{manifest.path}: [{section}] codebook is not set")
    return manifest.resolve(named)


def study_codebook(study: Study, path: Path | None = None) -> Codebook:
    """The codebook at `path`, or else the one the manifest's [coding] section names."""
    return load_codebook(path or codebook_file(study.manifest, "coding"))


def interview_codebook(study: Study, path: Path | None = None) -> Codebook:
    """The codebook at `path`, or else the one the manifest's [interviews] section names."""
    return load_codebook(path or codebook_file(study.manifest, "interviews"))


def study_codebook_or_none(study: Study) -> Codebook | None:
    """The codebook the manifest names, or None for a study without one."""
    return study_codebook(study) if study.manifest.coding.codebook else None


def stored_codebook(db: Database, kind: str) -> Codebook:
    """The codebook the latest coding of an item of `kind` was made with, as stored."""
    found = latest_codebook_document(db, kind)
    if found is None:
        raise StudykitError(
            "no interview segment is coded yet: run `studykit import qdpx` or import segment sheets"
            if kind == "segment"
            else f"no item of kind {kind!r} is coded yet"
        )
    document, source = found
    return parse_codebook(yaml.safe_load(document), source=source)


def report_codebook(study: Study) -> Codebook:
    """The [coding] codebook, or for a study of interviews only, the [interviews] one."""
    manifest = study.manifest
    if manifest.coding.codebook is None and manifest.interviews.codebook is not None:
        return interview_codebook(study)
    return study_codebook(study)


def kind_codebook(study: Study, kind: str | None, path: Path | None = None) -> Codebook:
    """The codebook items of `kind` are coded with: segments use the interview codebook."""
    return interview_codebook(study, path) if kind == "segment" else study_codebook(study, path)


def store_codebook(conn: Connection, codebook: Codebook, *, document: str | None = None) -> None:
    """Keep the codebook's text under its content hash, so every coding names its codebook."""
    upsert(
        conn,
        schema.codebooks,
        [
            {
                "content_hash": codebook.content_hash,
                "name": codebook.name,
                "version": codebook.version,
                "source": Path(codebook.source).name,
                "document": document or Path(codebook.source).read_text(encoding="utf-8"),
                "stored_at": now_iso(),
            }
        ],
    )
