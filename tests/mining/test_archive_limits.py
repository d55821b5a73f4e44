"""An archive page is unpacked within a bound: a gzip bomb is refused in one line naming the file
instead of filling memory (issue 11, item 9)."""

import gzip
import json
from pathlib import Path

import pytest

from mining import archive
from mining.archive import MAX_PAGE_BYTES, Page, read_pages, write_page
from mining.errors import MiningInputError
from tests.support.hostile_files import gzip_bomb_page


def test_a_page_that_unpacks_beyond_the_bound_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "owner__repo" / "issues" / "0001.json.gz"
    page.parent.mkdir(parents=True)
    page.write_bytes(gzip_bomb_page(MAX_PAGE_BYTES))
    assert page.stat().st_size < MAX_PAGE_BYTES // 500
    with pytest.raises(MiningInputError) as caught:
        list(read_pages(tmp_path))
    message = str(caught.value)
    assert message.startswith(f"{page}: refused: ")
    assert f"more than {MAX_PAGE_BYTES:,} bytes" in message and "\n" not in message


def test_a_page_within_the_bound_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written = write_page(tmp_path, Page("owner/repo", "issues", "u", {"x": "y" * 1000}))
    size = len(gzip.decompress(written.read_bytes()))
    monkeypatch.setattr(archive, "MAX_PAGE_BYTES", size)
    (found,) = read_pages(tmp_path)
    assert found.body == {"x": "y" * 1000}
    monkeypatch.setattr(archive, "MAX_PAGE_BYTES", size - 1)
    with pytest.raises(MiningInputError, match="refused"):
        list(read_pages(tmp_path))


def test_a_damaged_page_is_still_named(tmp_path: Path) -> None:
    written = write_page(tmp_path, Page("owner/repo", "issues", "u", json.loads("[1, 2]")))
    written.write_bytes(written.read_bytes()[:-6])
    with pytest.raises(MiningInputError, match=f"{written}: damaged archive page"):
        list(read_pages(tmp_path))
