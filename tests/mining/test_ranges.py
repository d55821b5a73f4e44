"""Ranges of a listing: the bounds read from probed pages, the range checkpoints, a range walk
that stops at its upper bound, and the merge after which the next run is incremental."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from sqlalchemy import delete

from mining import archive, ranges
from mining.client import GitHubClient
from mining.errors import MiningInputError
from mining.miner import RepositoryMiner
from studykit.collect.replay import replay_archive
from studykit.collect.sink import DatabaseSink
from studykit.db import Database, schema
from tests.support import corpus as gen
from tests.support.mining import ALPHA, QUICK, TOKEN, assert_matches_truth, rows
from tests.support.standin import Behaviour, serving

PER_PAGE = 10


def expected_bounds(stamps: list[str], split_above: int) -> list[str]:
    """The first stamp of page 1 + P*k/n for n = ceil(P / split_above), k = 1..n-1."""
    ordered = sorted(stamps)
    pages = math.ceil(len(ordered) / PER_PAGE)
    count = math.ceil(pages / split_above)
    picked = [ordered[(pages * k // count) * PER_PAGE] for k in range(1, count)]
    return sorted(set(picked))


@pytest.mark.parametrize("split_above", [2, 3, 5, 40])
def test_the_bounds_are_the_first_items_of_evenly_spaced_pages(split_above: int) -> None:
    corpus = gen.make_corpus([ALPHA], issues=20, pulls=4, comments=90, seed=8)
    stamps = [c["updated_at"] for c in corpus.repos[ALPHA].comments.values()]
    with serving(corpus, Behaviour(tokens=(TOKEN,), max_per_page=PER_PAGE)) as standin:
        client = GitHubClient(standin.url, [TOKEN], policy=QUICK)
        split = ranges.probe(client, ALPHA, "comments", split_above)
    pages = math.ceil(len(stamps) / PER_PAGE)
    assert split.pages == pages
    assert split.bounds == expected_bounds(stamps, split_above)
    assert split.requests == max(math.ceil(pages / split_above), 1)
    assert (split.bounds == []) == (pages <= split_above)


def test_range_checkpoints_start_a_second_early_and_the_last_is_open() -> None:
    states = ranges.range_states("issues", ["2023-03-01T00:00:00Z", "2023-06-01T00:00:00Z"])
    assert list(states) == ["issues@1", "issues@2", "issues@3"]
    assert [(s["lower"], s["upper"], s["since"]) for s in states.values()] == [
        (None, "2023-03-01T00:00:00Z", None),
        ("2023-03-01T00:00:00Z", "2023-06-01T00:00:00Z", "2023-02-28T23:59:59Z"),
        ("2023-06-01T00:00:00Z", None, "2023-05-31T23:59:59Z"),
    ]
    with pytest.raises(ValueError, match="issues@1, issues@2, issues@3"):
        ranges.merged(states)
    done = {
        k: {**s, "done": True, "mark": f"2023-0{n}-02T00:00:00Z", "since": f"s{n}"}
        for n, (k, s) in enumerate(states.items(), start=1)
    }
    assert ranges.merged(done)["issues"] | {} == {
        "since": "s3",
        "page": 1,
        "mark": "2023-03-02T00:00:00Z",
        "etag_url": None,
        "etag": None,
    }
    assert ranges.range_keys({"issues@10": {}, "issues@9": {}, "archive/issues@9": {}}) == [
        "issues@9",
        "issues@10",
    ]


def test_ranges_walked_out_of_order_then_merged_leave_an_incremental_run(
    tmp_path: Path, sqlite_url: str
) -> None:
    corpus = gen.make_corpus([ALPHA], issues=30, pulls=6, comments=80, seed=9)
    db = Database.open(sqlite_url)
    sink, root = DatabaseSink(db), tmp_path / "archive"
    with serving(corpus, Behaviour(tokens=(TOKEN,), max_per_page=PER_PAGE)) as standin:
        client = GitHubClient(standin.url, [TOKEN], policy=QUICK)
        states = {}
        for listing in ("issues", "comments"):
            split = ranges.probe(client, ALPHA, listing, 3)
            assert split.bounds, listing
            states |= ranges.range_states(listing, split.bounds)
        sink.store(ALPHA, None, [], states)
        walked = []
        for key in reversed(ranges.range_keys(states)):
            if key == "comments@1":
                oldest = min(corpus.repos[ALPHA].comments.values(), key=lambda c: c["updated_at"])
                gen.edit_comment(corpus, ALPHA, oldest["id"], "edited between two ranges")
            report = RepositoryMiner(client, sink, root, ALPHA).run_range(key)
            walked.append(sum(report.pages.values()))
        state = sink.load_state(ALPHA)
        assert not ranges.unfinished(state)
        sink.store(ALPHA, None, [], ranges.merged(state))
        with db.begin() as conn:
            conn.execute(
                delete(schema.mining_state).where(
                    schema.mining_state.c.resource.in_(ranges.dropped_keys(state))
                )
            )
        kept = sorted(k for k in sink.load_state(ALPHA) if "@" in k)
        assert kept == sorted(f"archive/{key}" for key in states), "archive numbers stay"
        late = RepositoryMiner(client, sink, root, ALPHA).run_range("issues@1")
        assert late.requests == 0, "a copy of a range job run after the merge does nothing"
        standin.reset_counts()
        follow_up = RepositoryMiner(client, sink, root, ALPHA).run()
    assert_matches_truth(db, corpus)
    listed = len(corpus.repos[ALPHA].issues) + len(corpus.repos[ALPHA].comments)
    assert sum(walked) < math.ceil(listed / PER_PAGE) + len(walked) + 1, "ranges overlap little"
    # the comment edited after the last range ended is the follow-up's one new comment
    assert follow_up.pages["issues"] == 0 and follow_up.rows["comments"] == 1, follow_up
    assert follow_up.pages["events"] > 0 and follow_up.pages["pulls"] > 0
    folder = archive.repo_folder(root, ALPHA) / "comments"
    parts = sorted(p.name for p in folder.iterdir() if p.is_dir())
    count = len([key for key in states if key.startswith("comments@")])
    assert parts == sorted(f"range-{k}" for k in range(1, count + 1))
    assert [p.name for p in folder.glob("*.json.gz")] == ["0001.json.gz"]
    replayed = Database.open(f"sqlite:///{tmp_path / 'replayed.sqlite'}")
    replay_archive(replayed, root)
    for table in ("issues", "comments", "events", "pull_requests", "repositories"):
        assert rows(replayed, table) == rows(db, table), table


def test_pages_are_read_in_numeric_order_ranges_first(tmp_path: Path) -> None:
    for number, part in ((9999, None), (10000, None), (2, "range-10"), (1, "range-2")):
        page = archive.Page(ALPHA, "issues", f"u{number}{part}", [])
        archive.write_page(tmp_path, page, number=number, part=part)
    order = [page.url for page in archive.read_pages(tmp_path)]
    assert order == ["u1range-2", "u2range-10", "u9999None", "u10000None"]
    assert archive.count_pages(tmp_path) == 4
    assert archive.last_number(tmp_path, ALPHA, "issues") == 10000
    assert archive.last_number(tmp_path, ALPHA, "issues", "range-10") == 2


def test_a_file_in_the_archive_that_is_not_a_numbered_page_is_named_in_one_error(
    tmp_path: Path,
) -> None:
    archive.write_page(tmp_path, archive.Page(ALPHA, "issues", "u1", []), number=1)
    stray = archive.repo_folder(tmp_path, ALPHA) / "issues" / "notes.json.gz"
    stray.write_bytes(b"")
    with pytest.raises(MiningInputError, match=r"notes\.json\.gz: not an archive page"):
        archive.count_pages(tmp_path)
    with pytest.raises(MiningInputError, match="move it out of the archive"):
        list(archive.read_pages(tmp_path))
