"""Gathering archive folders of several machines: the union of their pages; a number held by
two different pages keeps the later fetched one; two fetched in the same second are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from mining import archive
from mining.errors import MiningInputError
from mining.gather import gather

REPO = "lab/alpha"


def page(url: str, fetched_at: str, body: list[dict[str, int]] | None = None) -> archive.Page:
    return archive.Page(REPO, "issues", url, body or [{"n": 1}], fetched_at=fetched_at)


def urls(root: Path) -> list[str]:
    return [p.url for p in archive.read_pages(root)]


def test_the_union_of_the_folders_in_number_order(tmp_path: Path) -> None:
    a, b, into = tmp_path / "a", tmp_path / "b", tmp_path / "into"
    archive.write_page(a, page("u1", "2026-01-01T00:00:01Z"), number=1)
    archive.write_page(b, page("u2", "2026-01-01T00:00:02Z"), number=2)
    archive.write_page(a, page("u3", "2026-01-01T00:00:03Z"), number=3)
    archive.write_page(b, page("r1", "2026-01-01T00:00:04Z"), number=1, part="range-2")
    (a / "lab__alpha" / "issues" / "0004.json.gz.123-abcd.tmp").write_bytes(b"half")
    done = gather([a, b], into)
    assert urls(into) == ["r1", "u1", "u2", "u3"]
    assert (done.copied, done.present, done.resolved, done.skipped) == (4, 0, [], 1)
    again = gather([a, b, a], into)
    assert (again.copied, again.present, again.resolved) == (0, 4, [])


def test_a_number_held_twice_keeps_the_page_fetched_later(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    archive.write_page(a, page("orphan", "2026-01-01T00:00:05Z"), number=1)
    archive.write_page(b, page("stored", "2026-01-01T00:00:09Z"), number=1)
    archive.write_page(b, page("next", "2026-01-01T00:00:10Z"), number=2)
    done = gather([b, a], a)
    assert urls(a) == ["stored", "next"]
    assert len(done.resolved) == 1 and "2026-01-01T00:00:09Z" in done.resolved[0]
    assert (done.copied, done.present) == (2, 0)


def test_two_different_pages_fetched_in_the_same_second_are_refused_and_nothing_copied(
    tmp_path: Path,
) -> None:
    a, b, into = tmp_path / "a", tmp_path / "b", tmp_path / "into"
    archive.write_page(a, page("one", "2026-01-01T00:00:05Z", [{"n": 1}]), number=1)
    archive.write_page(b, page("two", "2026-01-01T00:00:05Z", [{"n": 2}]), number=1)
    archive.write_page(b, page("other", "2026-01-01T00:00:06Z"), number=2)
    with pytest.raises(MiningInputError, match=r"issues/0001\.json\.gz: .* same time") as caught:
        gather([a, b], into)
    assert "\n" not in str(caught.value)
    assert not into.exists() or not list(into.rglob("*.json.gz"))


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(MiningInputError, match="nowhere: no such archive folder"):
        gather([tmp_path / "nowhere"], tmp_path / "into")
