"""Closing keywords and references, link derivation, DL components, timeline pages, pruning."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from mining.archive import Page, last_number, prune_pages, read_pages, write_page
from mining.components import DEFAULT_RULES, OTHER, ComponentRules
from mining.links import (
    CLOSING_KEYWORDS,
    IssueRef,
    closing_references,
    fix_links,
    mentions,
    timeline_candidates,
)
from mining.rest import parse_page
from mining.select import IssueFilter

HERE = "lab/alpha"


@pytest.mark.parametrize("keyword", CLOSING_KEYWORDS)
def test_every_closing_keyword_in_any_case_closes(keyword: str) -> None:
    assert closing_references(f"This {keyword.upper()} #12.", HERE) == [IssueRef(HERE, 12)]
    assert closing_references(f"{keyword.capitalize()}: #12", HERE) == [IssueRef(HERE, 12)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fixes lab/beta#7", [IssueRef("lab/beta", 7)]),
        ("closes https://github.com/lab/beta/issues/8", [IssueRef("lab/beta", 8)]),
        ("resolves https://ghe.example.com/org/repo/pull/9", [IssueRef("org/repo", 9)]),
        ("fix GH-10", [IssueRef(HERE, 10)]),
        ("Fixes #1, fixes #2 and #3", [IssueRef(HERE, 1), IssueRef(HERE, 2)]),
        ("fixes #4\nCloses #4", [IssueRef(HERE, 4)]),
        ("prefixes #5, unfixed #6, fixes#7, fixes #8abc", []),
        ("see #9; this is not fixed yet", []),
        (None, []),
    ],
)
def test_closing_reference_forms(text: str | None, expected: list[IssueRef]) -> None:
    assert closing_references(text, HERE) == expected


def test_mentions_find_references_without_keywords_but_not_inside_words() -> None:
    found = mentions("See #3, lab/beta#4 and GH-5; not abc#6 nor lab/x/y#7.", HERE)
    assert found == [IssueRef(HERE, 3), IssueRef("lab/beta", 4), IssueRef(HERE, 5)]


ISSUE_COLUMNS = ["repository", "number", "is_pull_request", "state", "state_reason"]
ISSUE_COLUMNS += ["labels", "title", "body", "updated_at"]
CROSS_COLUMNS = ["repository", "issue_number", "source_repository", "source_number"]
CROSS_COLUMNS += ["source_is_pull_request", "source_merged_at"]
REASONS = {1: "completed", 2: "completed", 3: "not_planned", 4: None, 5: "completed"}
REASONS |= {6: "completed", 9: None}


def frames() -> dict[str, pd.DataFrame]:
    issues = pd.DataFrame(
        [
            (HERE, n, n == 9, "closed", reason, [], f"title {n}", "", "2024-01-01T00:00:00Z")
            for n, reason in REASONS.items()
        ],
        columns=ISSUE_COLUMNS,
    )
    events = pd.DataFrame(
        [
            (HERE, 1, "closed", "a" * 40),
            (HERE, 2, "referenced", "b" * 40),
            (HERE, 6, "closed", None),
        ],
        columns=["repository", "issue_number", "event", "commit_id"],
    )
    pulls = pd.DataFrame(
        [
            (HERE, 9, "Fix loss", "Fixes #5, related to #6", "2024-02-01T00:00:00Z", "c" * 40),
            ("lab/beta", 3, "Port", "fixes lab/alpha#2", None, None),
        ],
        columns=["repository", "number", "title", "body", "merged_at", "merge_commit_sha"],
    )
    crossed = pd.DataFrame(
        [
            (HERE, 4, "fork/x", 11, True, "2024-03-01T00:00:00Z"),
            (HERE, 4, "fork/x", 12, False, None),
        ],
        columns=CROSS_COLUMNS,
    )
    return {"issues": issues, "events": events, "pulls": pulls, "crossed": crossed}


def test_fix_links_name_their_evidence_and_skip_unmerged_and_pull_requests() -> None:
    f = frames()
    commits = pd.DataFrame(
        [(HERE, "d" * 40, "Closes #2 and #9"), ("lab/beta", "e" * 40, "fix lab/alpha#1")],
        columns=["repository", "sha", "message"],
    )
    comments = pd.DataFrame(
        [(HERE, 9, "Also covers #4"), (HERE, 1, "Duplicate of #2"), ("lab/beta", 3, "and #1")],
        columns=["repository", "issue_number", "body"],
    )
    links = fix_links(f["issues"], f["events"], f["pulls"], f["crossed"], commits, comments)
    assert sorted(map(tuple, links.to_numpy().tolist())) == sorted(
        [
            (HERE, 1, "commit", HERE, "a" * 40, "closed_event"),
            (HERE, 1, "commit", "lab/beta", "e" * 40, "commit_message"),
            (HERE, 2, "commit", HERE, "d" * 40, "commit_message"),
            (HERE, 4, "pull_request", "fork/x", "11", "cross_reference"),
            (HERE, 4, "pull_request", HERE, "9", "cross_reference"),
            (HERE, 4, "commit", HERE, "c" * 40, "pr_merge_commit"),
            (HERE, 5, "pull_request", HERE, "9", "pr_body"),
            (HERE, 5, "commit", HERE, "c" * 40, "pr_merge_commit"),
            (HERE, 6, "pull_request", HERE, "9", "cross_reference"),
            (HERE, 6, "commit", HERE, "c" * 40, "pr_merge_commit"),
        ]
    )


def test_timelines_are_wanted_only_for_closed_completed_issues_in_scope_without_evidence() -> None:
    f = frames()
    wanted = timeline_candidates(HERE, f["issues"], f["events"], f["pulls"])
    assert [n for n, _ in wanted] == [4]
    assert (
        timeline_candidates(HERE, f["issues"], f["events"], f["pulls"], IssueFilter(state="open"))
        == []
    )
    scoped = IssueFilter(keywords=("nothing-matches",))
    assert timeline_candidates(HERE, f["issues"], f["events"], f["pulls"], scoped) == []


@pytest.mark.parametrize(
    ("path", "component"),
    [
        ("models/resnet.py", "model"),
        ("src/lib/modeling/attention.py", "model"),
        ("yolo/nets/darknet.py", "model"),
        ("tools/train.py", "training_loop"),
        ("mmdet/models/losses/focal_loss.py", "training_loop"),
        ("engine/hooks.py", "training_loop"),
        ("data/coco.py", "data_pipeline"),
        ("datasets/transforms.py", "data_pipeline"),
        ("transformer.py", "model"),
        ("configs/resnet50.yaml", "configuration"),
        ("configs/models/model.py", "configuration"),
        ("requirements.txt", "environment"),
        ("docker/Dockerfile.gpu", "environment"),
        (".github/workflows/ci.yml", "environment"),
        ("tests/test_models.py", "tests"),
        ("models/model_test.py", "tests"),
        ("README.md", "docs"),
        ("docs/models/index.rst", "docs"),
        ("utils/misc.py", OTHER),
    ],
)
def test_default_component_rules(path: str, component: str) -> None:
    assert ComponentRules(DEFAULT_RULES).classify(path) == component


def test_component_rules_follow_the_manifest_order_and_globs() -> None:
    rules = ComponentRules({"model": ["**/zoo/**"], "training_loop": ["*.py"]})
    assert rules.classify("a/zoo/b/c.py") == "model"
    assert rules.classify("zoo/c.py") == "model"
    assert rules.classify("x/zoo.py") == "training_loop"
    assert rules.classify("x/readme.txt") == OTHER


def test_timeline_pages_keep_only_cross_references() -> None:
    body = [
        {"event": "closed", "created_at": "2024-01-01T00:00:00Z"},
        {
            "event": "cross-referenced",
            "created_at": "2024-01-02T00:00:00Z",
            "source": {
                "type": "issue",
                "issue": {
                    "number": 3,
                    "state": "closed",
                    "repository_url": "https://api.github.com/repos/fork/x",
                    "pull_request": {"merged_at": "2024-01-02T00:00:00Z"},
                },
            },
        },
    ]
    url = "https://api.github.com/repos/lab/alpha/issues/7/timeline?per_page=100"
    table, rows = parse_page(Page(HERE, "timeline", url, body))
    assert table == "cross_references"
    assert rows == [
        {
            "repository": HERE,
            "issue_number": 7,
            "source_repository": "fork/x",
            "source_number": 3,
            "source_is_pull_request": True,
            "source_merged_at": "2024-01-02T00:00:00Z",
            "source_state": "closed",
            "created_at": "2024-01-02T00:00:00Z",
        }
    ]


def test_pages_of_a_killed_run_are_pruned_and_numbering_resumes(tmp_path: Path) -> None:
    for n in range(1, 4):
        write_page(tmp_path, Page(HERE, "issues", f"u{n}", [n]))
    (tmp_path / "lab__alpha" / "issues" / "0004.json.tmp").write_bytes(b"half")
    assert last_number(tmp_path, HERE, "issues") == 3
    pruned = prune_pages(tmp_path, HERE, "issues", keep=1)
    assert [p.name for p in pruned] == ["0002.json.gz", "0003.json.gz", "0004.json.tmp"]
    write_page(tmp_path, Page(HERE, "issues", "again", [9]), number=2)
    assert [p.url for p in read_pages(tmp_path)] == ["u1", "again"]
    assert last_number(tmp_path, HERE, "comments") == 0
