"""Live mining against the GitHub stand-in: exact rows despite faults, limits and restarts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mining.archive import read_pages
from studykit.collect.fix_links import link_fixes
from studykit.collect.live import mine_live
from studykit.collect.replay import replay_archive
from studykit.study import Study
from tests.support import corpus as gen
from tests.support.mining import (
    ALPHA,
    BETA,
    QUICK,
    TOKEN,
    assert_matches_truth,
    files_containing,
    rows,
    write_study,
)
from tests.support.standin import Behaviour, serving

FAULTS = {
    3: "502",
    8: "drop",
    13: "truncate",
    16: "exhaust",
    19: "reset",
    24: "garble",
    30: "secondary",
    37: "502",
    44: "secondary429",
    52: "truncate",
}


def small_corpus(seed: int = 7) -> gen.Corpus:
    return gen.make_corpus([ALPHA, BETA], issues=30, pulls=10, comments=60, seed=seed)


def mine(study: Study, url: str, tokens: tuple[str, ...] = (TOKEN,), waits: list | None = None):
    def sleep(seconds: float, reason: str) -> None:
        if waits is not None:
            waits.append((seconds, reason))
        time.sleep(seconds)

    return mine_live(study, [ALPHA, BETA], api_url=url, tokens=tokens, sleep=sleep, policy=QUICK)


def test_rows_equal_ground_truth_through_faults_and_rate_limits(
    tmp_path: Path, db_url: str
) -> None:
    corpus = small_corpus()
    behaviour = Behaviour(tokens=(TOKEN,), max_per_page=10, limit=30, window=1, faults=FAULTS)
    study = Study.open(write_study(tmp_path / "s", [ALPHA, BETA]), db=db_url)
    waits: list[tuple[float, str]] = []
    with serving(corpus, behaviour) as standin:
        reports = mine(study, standin.url, waits=waits)
    assert [r.error for r in reports] == [None, None]
    assert_matches_truth(study.db, corpus)
    reasons = " ".join(reason for _, reason in waits)
    assert "X-RateLimit-Reset" in reasons
    assert "secondary rate limit" in reasons
    for kind in ("502", "connection failed", "truncated or malformed JSON body"):
        assert kind in reasons
    big = next(r for r in rows(study.db, "issues") if r["body"] and len(r["body"]) > 200_000)
    assert big["repository"] == ALPHA
    assert any(r["body"] is None for r in rows(study.db, "issues"))
    assert any(r["title"].startswith("=") for r in rows(study.db, "issues"))
    shared = {r["number"] for r in rows(study.db, "pull_requests") if r["repository"] == ALPHA}
    issue_numbers = {r["number"] for r in rows(study.db, "issues") if r["repository"] == ALPHA}
    assert shared < issue_numbers
    assert not files_containing(tmp_path, TOKEN)
    for table in study.db.counts():
        assert TOKEN not in study.db.read(table).to_json(), table
    study.close()


def test_links_found_from_mined_data_equal_ground_truth(tmp_path: Path, sqlite_url: str) -> None:
    corpus = small_corpus(seed=11)
    study = Study.open(write_study(tmp_path / "s", [ALPHA, BETA]), db=sqlite_url)
    with serving(corpus, Behaviour(max_per_page=10)) as standin:
        mine(study, standin.url)
        timelines = standin.kinds["issues/{n}/timeline"]
    summary = link_fixes(study)
    found = {
        (
            r["repository"],
            r["issue_number"],
            r["kind"],
            r["fix_repository"],
            r["target"],
            r["evidence"],
        )
        for r in study.db.read("fix_links").to_dict("records")
    }
    assert found == gen.expected_links(corpus)
    assert summary.without_mirror == [ALPHA, BETA]
    assert {"closed_event", "pr_body", "cross_reference", "pr_merge_commit"} <= set(
        summary.by_evidence
    )
    candidates = sum(
        1
        for repo in corpus.repos.values()
        for n, i in repo.issues.items()
        if n not in repo.pulls and i["state_reason"] == "completed"
    )
    assert 0 < timelines < candidates
    study.close()


def test_second_run_fetches_only_changes_and_nothing_new_costs_three_requests(
    tmp_path: Path, db_url: str
) -> None:
    corpus = small_corpus(seed=5)
    study = Study.open(write_study(tmp_path / "s", [ALPHA, BETA]), db=db_url)
    with serving(corpus, Behaviour(tokens=(TOKEN,), max_per_page=10)) as standin:
        mine(study, standin.url)
        first = standin.requests
        for _ in range(2):
            standin.reset_counts()
            mine(study, standin.url)
            assert standin.count(f"/repos/{ALPHA}") <= 3
            assert standin.count(f"/repos/{BETA}") <= 3
        assert [status for _, status in standin.log] == [304] * 6

        open_issue = next(
            n for n, i in corpus.repos[ALPHA].issues.items()
            if i["state"] == "open" and n not in corpus.repos[ALPHA].pulls
        )  # fmt: skip
        gen.add_comment(corpus, ALPHA, open_issue, "Still failing on 2.1")
        old_comment = next(iter(corpus.repos[BETA].comments))
        gen.edit_comment(corpus, BETA, old_comment, "Edited: the fix works")
        gen.close_with_commit(corpus, ALPHA, open_issue)
        gen.add_issue(corpus, BETA, "=SUM(A1) NaN after resume")
        gen.add_issue(corpus, ALPHA, "Fix the loss scaling", pull=True)
        standin.reset_counts()
        mine(study, standin.url)
        changed = standin.requests
    assert_matches_truth(study.db, corpus)
    assert changed < first / 3
    assert "Edited: the fix works" in {r["body"] for r in rows(study.db, "comments")}
    study.close()


def test_review_comments_when_asked_for_and_incrementally(tmp_path: Path, db_url: str) -> None:
    corpus = small_corpus(seed=5)
    folder = tmp_path / "s"
    manifest = write_study(folder, [ALPHA, BETA], "review_comments = true\n")
    study = Study.open(manifest, db=db_url)
    expected = sorted(gen.expected_review_comments(corpus), key=lambda r: r["id"])
    assert len(expected) >= 4 and any(r["in_reply_to_id"] for r in expected)
    with serving(corpus, Behaviour(tokens=(TOKEN,), max_per_page=3)) as standin:
        mine(study, standin.url)
        assert rows(study.db, "review_comments") == expected
        assert standin.count(f"/repos/{ALPHA}/pulls/comments") >= 2  # paged at 3 a page
        for _ in range(2):
            standin.reset_counts()
            mine(study, standin.url)
        assert standin.count(f"/repos/{ALPHA}") == standin.count(f"/repos/{BETA}") == 4
        assert [status for _, status in standin.log] == [304] * 8
    assert_matches_truth(study.db, corpus)
    replayed = Study.open(manifest, db=f"sqlite:///{tmp_path / 'replayed.sqlite'}")
    replay_archive(replayed.db, folder / "archive")
    assert rows(replayed.db, "review_comments") == expected
    replayed.close()
    plain = Study.open(write_study(tmp_path / "p", [ALPHA]), db=f"sqlite:///{tmp_path / 'p.db'}")
    with serving(corpus, Behaviour(tokens=(TOKEN,))) as standin:
        mine_live(plain, [ALPHA], api_url=standin.url, tokens=(TOKEN,), policy=QUICK)
        assert standin.count(f"/repos/{ALPHA}/pulls/comments") == 0
    assert plain.db.read("review_comments").empty
    study.close()
    plain.close()


def test_a_missing_or_renamed_repository_is_reported_and_the_others_go_on(
    tmp_path: Path, sqlite_url: str
) -> None:
    corpus = gen.make_corpus([ALPHA, BETA, "lab/gamma"], issues=8, pulls=2, comments=10)
    corpus.repos[BETA].gone = True
    corpus.repos["lab/gamma"].renamed_to = "lab/gamma-v2"
    study = Study.open(write_study(tmp_path / "s", [ALPHA, BETA]), db=sqlite_url)
    with serving(corpus, Behaviour(tokens=(TOKEN,))) as standin:
        reports = mine_live(
            study,
            [ALPHA, BETA, "lab/gamma"],
            api_url=standin.url,
            tokens=[TOKEN],
            policy=QUICK,
        )
    errors = {r.repository: r.error for r in reports}
    assert errors[ALPHA] is None
    assert "404" in (errors[BETA] or "") and "no such repository" in (errors[BETA] or "")
    assert "renamed or transferred to lab/gamma-v2" in (errors["lab/gamma"] or "")
    assert_matches_truth(study.db, corpus)
    study.close()


def test_the_archive_replays_into_the_same_database(tmp_path: Path, sqlite_url: str) -> None:
    corpus = small_corpus(seed=9)
    folder = tmp_path / "s"
    study = Study.open(write_study(folder, [ALPHA, BETA]), db=sqlite_url)
    with serving(corpus, Behaviour(max_per_page=10)) as standin:
        mine(study, standin.url)
        gen.add_comment(corpus, BETA, 3, "new")
        mine(study, standin.url)
    replayed = Study.open(folder / "study.toml", db=f"sqlite:///{tmp_path / 'replayed.sqlite'}")
    replay_archive(replayed.db, folder / "archive")
    for table in ("repositories", "issues", "pull_requests", "comments", "events"):
        assert rows(replayed.db, table) == rows(study.db, table), table
    assert replayed.db.read("cross_references").equals(study.db.read("cross_references"))
    resources = {page.resource for page in read_pages(folder / "archive")}
    assert resources == {"repository", "issues", "comments", "events", "pulls", "timeline"}
    study.close()
    replayed.close()


@pytest.mark.parametrize(
    ("tokens", "limit"),
    [(("bad-token", TOKEN), 1000), ((TOKEN, "second-token"), 12)],
    ids=["refused-token-dropped", "rotated-at-limit"],
)
def test_tokens_rotate_and_a_refused_one_is_dropped(
    tmp_path: Path, tokens: tuple[str, ...], limit: int
) -> None:
    corpus = gen.make_corpus([ALPHA, BETA], issues=10, pulls=2, comments=10)
    behaviour = Behaviour(tokens=(TOKEN, "second-token"), limit=limit, window=60)
    study = Study.open(write_study(tmp_path / "s", [ALPHA, BETA]))
    waits: list[tuple[float, str]] = []
    with serving(corpus, behaviour) as standin:
        reports = mine(study, standin.url, tokens=tokens, waits=waits)
        used = {header.split()[-1] for header in standin.auth_headers}
    assert [r.error for r in reports] == [None, None]
    assert used == set(tokens)
    assert not [w for w in waits if "X-RateLimit-Reset" in w[1]]
    assert_matches_truth(study.db, corpus)
    study.close()
