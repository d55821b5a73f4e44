"""A study's codebooks are found in one place: the manifest's [coding] or [interviews] file,
or the codebook stored with the latest codings of a kind."""

from pathlib import Path

import pytest

from studykit.db import Database
from studykit.errors import StudykitError
from studykit.labelling.codebooks import codebook_file, stored_codebook
from studykit.manifest import load_manifest


def _manifest(tmp_path: Path, coding: str) -> Path:
    path = tmp_path / "study.toml"
    path.write_text(f'[study]\nname = "t"\n\n[coding]\n{coding}raters = ["a", "b"]\n')
    return path


def test_the_named_file_else_the_default_else_an_error_naming_the_section(
    tmp_path: Path,
) -> None:
    (tmp_path / "books").mkdir()
    (tmp_path / "books" / "cb.yaml").write_text("name: cb\n")
    named = load_manifest(_manifest(tmp_path, 'codebook = "books/cb.yaml"\n'))
    assert codebook_file(named, "coding") == tmp_path / "books" / "cb.yaml"
    unnamed = load_manifest(_manifest(tmp_path, ""))
    assert codebook_file(unnamed, "coding", default="codebook.yaml") == tmp_path / "codebook.yaml"
    with pytest.raises(StudykitError, match=r"study\.toml: \[coding\] codebook is not set"):
        codebook_file(unnamed, "coding")
    with pytest.raises(StudykitError, match=r"\[interviews\] codebook is not set"):
        codebook_file(unnamed, "interviews")


def test_a_stored_codebook_needs_a_coded_item_of_the_kind(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    with pytest.raises(StudykitError, match="no interview segment is coded yet"):
        stored_codebook(db, "segment")
    with pytest.raises(StudykitError, match="no item of kind 'issue' is coded yet"):
        stored_codebook(db, "issue")
    db.close()
