"""Replay fills the GitHub tables exactly; sampling is filtered, stratified and seeded."""

import gzip
from pathlib import Path

import pytest

from mining.archive import Page, read_pages, write_page
from studykit.collect.replay import replay_archive
from studykit.collect.sampling import draw_items
from studykit.db import Database
from studykit.errors import InputError, StudykitError
from studykit.manifest import FilterSection, SamplingSection
from tests.support.archives import REPO_A, REPO_B, build_archive


def test_replay_writes_every_row_once_and_is_idempotent(tmp_path: Path, db_url: str) -> None:
    build_archive(tmp_path / "archive")
    db = Database.open(db_url)
    first = replay_archive(db, tmp_path / "archive")
    assert first["issues"] == 40
    snapshot = {name: db.read(name) for name in ("issues", "comments", "events", "repositories")}
    replay_archive(db, tmp_path / "archive")
    for name, frame in snapshot.items():
        assert db.read(name).equals(frame), name
    issues = snapshot["issues"]
    assert len(issues) == 40
    assert issues["is_pull_request"].sum() == 2
    assert set(snapshot["repositories"]["full_name"]) == {REPO_A, REPO_B}
    assert len(snapshot["comments"]) == 6
    assert snapshot["events"]["commit_id"].tolist() == ["abc123", "abc123"]
    db.close()


def test_a_damaged_page_is_named_and_nothing_is_written(tmp_path: Path, db_url: str) -> None:
    root = tmp_path / "archive"
    build_archive(root)
    page = root / "lab__beta" / "issues" / "0002.json.gz"
    page.write_bytes(gzip.compress(b'{"url": "x", "body": [')[:-6])
    db = Database.open(db_url)
    with pytest.raises(InputError, match=r"lab__beta/issues/0002.json.gz: damaged archive page"):
        replay_archive(db, root)
    assert db.read("issues").empty
    db.close()


def test_archive_pages_are_byte_stable_and_token_free(tmp_path: Path) -> None:
    page = Page(REPO_A, "issues", "u", [1], headers={"Authorization": "token s3cret", "ETag": "e"})
    first = write_page(tmp_path / "a", page).read_bytes()
    second = write_page(tmp_path / "b", page).read_bytes()
    assert first == second
    assert b"s3cret" not in gzip.decompress(first)
    assert next(read_pages(tmp_path / "a")).headers == {"ETag": "e"}


def test_sample_is_filtered_stratified_and_reproducible(tmp_path: Path, sqlite_url: str) -> None:
    build_archive(tmp_path / "archive")
    db = Database.open(sqlite_url)
    replay_archive(db, tmp_path / "archive")
    filt = FilterSection(labels=["bug"])
    result = draw_items(db, filt, SamplingSection(size=10, strata="repository", seed=7))
    assert result.population == 26  # bug-labelled, not PRs: 20 in alpha, 6 in beta
    assert result.per_stratum == {REPO_A: 8, REPO_B: 2}  # 7.69 + 2.31: largest remainder
    first = db.read("items")["id"].tolist()
    again = draw_items(
        db, filt, SamplingSection(size=10, strata="repository", seed=7), replace=True
    )
    assert again.size == 10
    assert db.read("items")["id"].tolist() == first
    stored = db.read("samples").iloc[0]
    assert (stored["seed"], stored["strata"], stored["filter"]["labels"]) == (
        7,
        "repository",
        ["bug"],
    )
    with pytest.raises(StudykitError, match="exists already"):
        draw_items(db, filt, SamplingSection(size=10))
    db.close()


def test_sampling_before_mining_says_what_to_do(sqlite_url: str) -> None:
    db = Database.open(sqlite_url)
    with pytest.raises(StudykitError, match="run `studykit mine` first"):
        draw_items(db, FilterSection(), SamplingSection())
    db.close()
