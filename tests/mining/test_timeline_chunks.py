"""Timeline chunks mined one by one (out of order) by RepositoryMiner: the rows of one `run`,
pages in `timeline/range-K`, an incremental next run, and a chunk that leaves alone a timeline
a plain run fetched meanwhile for a later update."""

from __future__ import annotations

from pathlib import Path

from mining import archive, ranges
from mining.client import GitHubClient
from mining.miner import RepositoryMiner
from studykit.collect.replay import replay_archive
from studykit.collect.sink import DatabaseSink
from studykit.db import Database
from tests.support import corpus as gen
from tests.support.mining import ALPHA, QUICK, TOKEN, rows
from tests.support.standin import Behaviour, serving

TABLES = ("issues", "comments", "events", "pull_requests", "repositories", "cross_references")


def test_chunks_out_of_order_store_the_rows_of_one_run_and_leave_an_incremental_run(
    tmp_path: Path,
) -> None:
    corpus = gen.make_corpus([ALPHA], issues=40, pulls=6, comments=50, seed=31)
    db = Database.open(f"sqlite:///{tmp_path / 'chunks.sqlite'}")
    reference = Database.open(f"sqlite:///{tmp_path / 'one.sqlite'}")
    sink, root = DatabaseSink(db), tmp_path / "archive"
    with serving(corpus, Behaviour(tokens=(TOKEN,), max_per_page=10)) as standin:
        client = GitHubClient(standin.url, [TOKEN], policy=QUICK)
        one = RepositoryMiner(client, DatabaseSink(reference), tmp_path / "one", ALPHA).run()
        first = RepositoryMiner(client, sink, root, ALPHA).run(timelines=False)
        pending = RepositoryMiner(client, sink, root, ALPHA).pending_timelines()
        chunks = ranges.chunk_states(pending, 3)
        sink.store(ALPHA, None, [], chunks)
        fetched = [
            RepositoryMiner(client, sink, root, ALPHA).run_timeline_chunk(key).timelines
            for key in reversed(list(chunks))
        ]
        state = sink.load_state(ALPHA)
        standin.reset_counts()
        again = RepositoryMiner(client, sink, root, ALPHA).run()
    assert first.timelines == 0 and len(pending) == one.timelines > 3
    assert sum(fetched) == len(pending) and all(fetched), fetched
    assert all(state[key]["done"] for key in chunks)
    assert ranges.unfinished_chunks(state) == []
    for table in TABLES:
        assert rows(db, table) == rows(reference, table), table
    assert again.timelines == 0 and sum(again.pages.values()) == 0, again
    folder = archive.repo_folder(root, ALPHA) / "timeline"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"range-{k}" for k in range(1, 1 + len(chunks))
    )
    replayed = Database.open(f"sqlite:///{tmp_path / 'replayed.sqlite'}")
    replay_archive(replayed, root)
    for table in TABLES:
        assert rows(replayed, table) == rows(db, table), table


def test_a_chunk_leaves_alone_a_timeline_fetched_meanwhile_for_a_later_update(
    tmp_path: Path,
) -> None:
    corpus = gen.make_corpus([ALPHA], issues=40, pulls=6, comments=50, seed=31)
    db = Database.open(f"sqlite:///{tmp_path / 'chunks.sqlite'}")
    sink, root = DatabaseSink(db), tmp_path / "archive"
    with serving(corpus, Behaviour(tokens=(TOKEN,), max_per_page=10)) as standin:
        client = GitHubClient(standin.url, [TOKEN], policy=QUICK)
        RepositoryMiner(client, sink, root, ALPHA).run(timelines=False)
        pending = RepositoryMiner(client, sink, root, ALPHA).pending_timelines()
        chunks = ranges.chunk_states(pending, 2)
        sink.store(ALPHA, None, [], chunks)
        number, planned = pending[0]
        gen.add_comment(corpus, ALPHA, number)
        plain = RepositoryMiner(client, sink, root, ALPHA).run()
        later = sink.load_state(ALPHA)[f"timeline/{number}"]["updated_at"]
        standin.reset_counts()
        for key in chunks:
            RepositoryMiner(client, sink, root, ALPHA).run_timeline_chunk(key)
        requests = standin.requests
    assert len(chunks) > 1 and plain.timelines == len(pending) and later > planned
    assert requests == 0, "every timeline is current: the chunks fetch none"
    assert sink.load_state(ALPHA)[f"timeline/{number}"]["updated_at"] == later
