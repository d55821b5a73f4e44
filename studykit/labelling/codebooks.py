"""A study's codebooks: read from the manifest's files and stored in the database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection

from coding.codebook import Codebook, load_codebook
from studykit.clock import now_iso
from studykit.db import schema, upsert
from studykit.errors import StudykitError
from studykit.study import Study


def study_codebook(study: Study, path: Path | None = None) -> Codebook:
    """The codebook at `path`, or else the one the manifest's [coding] section names."""
    if path is not None:
        return load_codebook(path)
    named = study.manifest.coding.codebook
    if named is None:
        raise StudykitError(f"{study.manifest.path}: [coding] codebook is not set")
    return load_codebook(study.manifest.resolve(named))


def interview_codebook(study: Study, path: Path | None = None) -> Codebook:
    """The codebook at `path`, or else the one the manifest's [interviews] section names."""
    if path is not None:
        return load_codebook(path)
    named = study.manifest.interviews.codebook
    if named is None:
        raise StudykitError(f"{study.manifest.path}: [interviews] codebook is not set")
    return load_codebook(study.manifest.resolve(named))


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
