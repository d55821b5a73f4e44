"""The GraphQL path against the stand-in: the REST path's rows and fix links, with far fewer
requests, through faults, point limits, timeouts, incremental runs, replay and SIGKILL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mining.archive import read_pages
from studykit.collect.fix_links import link_fixes
from studykit.collect.live import mine_live
from studykit.collect.replay import replay_archive
from studykit.study import Study
from tests.support import corpus as gen
from tests.support.differential import assert_graphql_truth, assert_same_rows, stored
from tests.support.mining import (
    ALPHA,
    BETA,
    FAST,
    QUICK,
    TOKEN,
    files_containing,
    rows,
    write_study,
)
from tests.support.processes import kill_after
from tests.support.standin import Behaviour, StandIn, serving

STUDYKIT = str(Path(sys.executable).with_name("studykit"))
FAULTS = {
    2: "502",
    4: "drop",
    6: "truncate",
    8: "exhaust",
    10: "reset",
    12: "garble",
    14: "secondary",
    17: "secondary429",
}


def corpus_with_long_thread(seed: int = 7) -> gen.Corpus:
    """Two repositories; one issue of ALPHA has 130 comments and one closed issue that nothing
    links to a fix has 120 cross-references (second pages of both)."""
    corpus = gen.make_corpus([ALPHA, BETA], issues=30, pulls=10, comments=60, seed=seed)
    alpha = corpus.repos[ALPHA]
    number = next(n for n in sorted(alpha.issues) if n not in alpha.pulls)
    for k in range(130):
        gen.add_comment(corpus, ALPHA, number, f"me too ({k})")
    linked = {link[1] for link in alpha.links}
    lonely = next(
        n
        for n, refs in sorted(alpha.cross_refs.items())
        if n not in linked and all("pull_request" not in r["source"]["issue"] for r in refs)
    )
    gen.add_mentions(corpus, ALPHA, lonely, 120)
    return corpus


def mine(study: Study, standin: StandIn, api: str, waits: list | None = None, **kwargs):
    def sleep(seconds: float, reason: str) -> None:
        if waits is not None:
            waits.append((seconds, reason))
        time.sleep(seconds)

    return mine_live(
        study,
        [ALPHA, BETA],
        api_url=standin.url,
        tokens=[TOKEN],
        sleep=sleep,
        policy=QUICK,
        api=api,  # type: ignore[arg-type]
        **kwargs,
    )


def test_graphql_stores_the_rest_rows_and_fix_links_with_fewer_requests(
    tmp_path: Path, db_url: str
) -> None:
    corpus = corpus_with_long_thread()
    graphql = Study.open(write_study(tmp_path / "g", [ALPHA, BETA]), db=db_url)
    rest = Study.open(write_study(tmp_path / "r", [ALPHA, BETA]))
    with serving(corpus, Behaviour(tokens=(TOKEN,))) as standin:
        assert [r.error for r in mine(rest, standin, "rest")] == [None, None]
        rest_requests = standin.requests
        standin.reset_counts()
        assert [r.error for r in mine(graphql, standin, "graphql")] == [None, None]
        graphql_requests, kinds = standin.requests, dict(standin.kinds)
    assert_graphql_truth(graphql.db, corpus)
    assert_same_rows(graphql.db, rest.db)
    assert stored(graphql.db, "cross_references"), "the corpus plants cross-references"
    link_fixes(graphql)
    link_fixes(rest)
    links = graphql.db.read("fix_links")
    assert links.equals(rest.db.read("fix_links"))
    found = set(links.itertuples(index=False, name=None))
    assert found == gen.expected_links(corpus)
    # Under 100 issues and 100 pull requests a repository: one page of each; one more page
    # of comments for the long thread; cross-references: ALPHA's batch, the second page of
    # the issue mentioned 120 times, BETA's batch.
    assert kinds == {
        "graphql IssuesPage": 2,
        "graphql PullsPage": 2,
        "graphql MoreComments": 1,
        "graphql CrossReferences": 3,
    }
    assert len(stored(graphql.db, "cross_references")) > 120
    assert graphql_requests * 2 < rest_requests
    assert not files_containing(tmp_path, TOKEN)
    replayed = Study.open(write_study(tmp_path / "replayed", [ALPHA, BETA]))
    replay_archive(replayed.db, tmp_path / "g" / "archive")
    assert_same_rows(replayed.db, graphql.db)
    for study in (graphql, rest, replayed):
        study.close()


def test_graphql_through_faults_point_limits_and_timeouts(tmp_path: Path) -> None:
    corpus = corpus_with_long_thread(seed=8)
    behaviour = Behaviour(tokens=(TOKEN,), faults=FAULTS, points=6, window=1, max_nodes=5_000)
    study = Study.open(write_study(tmp_path / "s", [ALPHA, BETA]))
    waits: list[tuple[float, str]] = []
    with serving(corpus, behaviour) as standin:
        reports = mine(study, standin, "graphql", waits)
    assert [r.error for r in reports] == [None, None]
    assert_graphql_truth(study.db, corpus)
    reasons = " ".join(reason for _, reason in waits)
    for kind in ("502", "connection failed", "truncated or malformed JSON body"):
        assert kind in reasons
    assert "secondary rate limit" in reasons
    assert "GraphQL points used up" in reasons or "X-RateLimit-Reset" in reasons
    pages = [p for p in read_pages(tmp_path / "s" / "archive") if p.resource == "graphql"]
    firsts = {p.body["variables"].get("first") for p in pages} - {None}
    assert max(firsts) <= 12, "a page over the node budget is answered 502 and halved"
    assert not files_containing(tmp_path, TOKEN)
    study.close()


def test_pages_shrink_to_the_points_budget_and_wait_for_its_reset(tmp_path: Path) -> None:
    corpus = gen.make_corpus([ALPHA, BETA], issues=30, pulls=5, comments=30, seed=4)
    study = Study.open(write_study(tmp_path / "s", [ALPHA, BETA], "review_comments = true\n"))
    waits: list[tuple[float, str]] = []
    with serving(corpus, Behaviour(tokens=(TOKEN,), points=2, window=1)) as standin:
        reports = mine(study, standin, "graphql", waits)
        spent = standin.points_spent
    assert [r.error for r in reports] == [None, None]
    assert_graphql_truth(study.db, corpus)
    review = rows(study.db, "review_comments")
    assert review == sorted(gen.expected_review_comments(corpus), key=lambda r: r["id"])
    assert any("X-RateLimit-Reset" in reason for _, reason in waits)
    # each wait runs to the window's reset (1 s, sent in whole seconds) plus the client's 0.5 s:
    # never longer, however slowly the machine answers
    assert max(seconds for seconds, _ in waits) <= 2.5
    pages = [p for p in read_pages(tmp_path / "s" / "archive") if p.resource == "graphql"]
    sizes = [p.body["variables"]["first"] for p in pages if "first" in p.body["variables"]]
    assert max(sizes) == 50, "100 issues cost 3 points, more than the budget of 2"
    assert all(p.body["response"]["data"]["rateLimit"]["cost"] <= 2 for p in pages)
    assert spent == sum(p.body["response"]["data"]["rateLimit"]["cost"] for p in pages)
    study.close()


def test_second_graphql_run_fetches_only_what_changed(tmp_path: Path) -> None:
    corpus = gen.make_corpus([ALPHA, BETA], issues=30, pulls=10, comments=60, seed=9)
    study = Study.open(write_study(tmp_path / "g", [ALPHA, BETA]))
    rest = Study.open(write_study(tmp_path / "r", [ALPHA, BETA]))
    with serving(corpus, Behaviour(tokens=(TOKEN,))) as standin:
        mine(study, standin, "graphql")
        mine(rest, standin, "rest")
        open_issue = next(
            n
            for n, i in sorted(corpus.repos[ALPHA].issues.items())
            if i["state"] == "open" and n not in corpus.repos[ALPHA].pulls
        )
        gen.add_comment(corpus, ALPHA, 1, "Any news?")
        gen.close_with_commit(corpus, ALPHA, open_issue)
        gen.add_issue(corpus, BETA, "New crash in export")
        gen.add_issue(corpus, BETA, "Fix export", pull=True)
        standin.reset_counts()
        reports = mine(study, standin, "graphql")
        changed = standin.requests
        mine(rest, standin, "rest")
        standin.reset_counts()
        mine(study, standin, "graphql")
        unchanged = standin.requests
    assert [r.error for r in reports] == [None, None]
    assert_graphql_truth(study.db, corpus)
    assert_same_rows(study.db, rest.db)
    assert changed <= 6
    assert unchanged == 4, "issues and pull requests, one query each per repository"
    study.close()
    rest.close()


def test_sigkill_mid_graphql_run_then_rerun_equals_an_uninterrupted_run(
    tmp_path: Path, db_url: str
) -> None:
    corpus = corpus_with_long_thread(seed=21)
    manifest = write_study(tmp_path / "killed", [ALPHA, BETA], 'api = "graphql"\n')
    behaviour = Behaviour(tokens=(TOKEN,), max_nodes=3_000, slow_after=0, slowness=0.05)
    with serving(corpus, behaviour) as standin:
        env = {**os.environ, **FAST, "GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": standin.url}
        command = [STUDYKIT, "mine", "--study", str(manifest), "--db", db_url]
        kill_after(command, env, standin, 4)
        kill_after(command, env, standin, 9)
        finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        assert finished.returncode == 0, finished.stderr
        reference = Study.open(write_study(tmp_path / "reference", [ALPHA, BETA]))
        mine(reference, standin, "graphql")
    study = Study.open(manifest, db=db_url)
    assert_graphql_truth(study.db, corpus)
    assert_same_rows(study.db, reference.db)
    shape = [(p.repository, p.body["query"]) for p in read_pages(tmp_path / "killed" / "archive")]
    due = [(p.repository, p.body["query"]) for p in read_pages(tmp_path / "reference" / "archive")]
    assert shape == due
    assert not list((tmp_path / "killed" / "archive").rglob("*.tmp"))
    assert not files_containing(tmp_path, TOKEN)
    study.close()
    reference.close()


def test_missing_and_renamed_repositories_are_reported_and_the_rest_go_on(tmp_path: Path) -> None:
    corpus = gen.make_corpus([ALPHA, BETA, "lab/gone"], issues=5, pulls=2, comments=5, seed=3)
    corpus.repos["lab/gone"].gone = True
    corpus.repos[BETA].renamed_to = "lab/beta-v2"
    study = Study.open(write_study(tmp_path / "s", [ALPHA, BETA, "lab/gone"]))
    with serving(corpus, Behaviour(tokens=(TOKEN,))) as standin:
        reports = mine_live(
            study,
            [ALPHA, BETA, "lab/gone"],
            api_url=standin.url,
            tokens=[TOKEN],
            policy=QUICK,
            api="graphql",
        )
    errors = {r.repository: r.error for r in reports}
    assert errors[ALPHA] is None
    assert "renamed or transferred to lab/beta-v2" in str(errors[BETA])
    assert "no such repository" in str(errors["lab/gone"])
    assert set(study.db.read("issues")["repository"]) == {ALPHA}
    study.close()


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--api", "graphql"], {}, "the GraphQL API needs a token"),
        (["--api", "soap"], {"GITHUB_TOKEN": TOKEN}, "--api soap: expected rest or graphql"),
    ],
)
def test_mine_api_option_refuses_what_it_cannot_do(
    tmp_path: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    manifest = write_study(tmp_path / "s", [ALPHA])
    clean = {k: v for k, v in os.environ.items() if k != "GITHUB_TOKEN"}
    command = [STUDYKIT, "mine", "--study", str(manifest), *args]
    done = subprocess.run(command, env=clean | env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
