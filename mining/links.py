"""Link defect reports to the commits and pull requests that fixed them.

Evidence, strongest first (the `evidence` column of a link):

- `closed_event`: the issue was closed by a commit (a `closed` event with a `commit_id`);
- `pr_body`: a merged pull request says `fixes #N` (any of GitHub's nine closing keywords,
  optionally followed by a colon, and any reference form: `#N`, `GH-N`, `OWNER/REPO#N`, or
  the issue's URL);
- `commit_message`: a commit on the default branch of the local clone says `fixes #N`;
- `cross_reference`: a merged pull request mentions the issue without a keyword (from the
  issue's timeline, or from the body of a mined pull request);
- `pr_merge_commit`: the merge commit of a pull request linked by any of the above.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from mining.select import IssueFilter, select_issues

CLOSING_KEYWORDS = (
    "close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved"
)  # fmt: skip
LINK_COLUMNS = ["repository", "issue_number", "kind", "fix_repository", "target", "evidence"]

_NAME = r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"
_REFERENCE = (
    rf"(?:https?://[^\s/]+/(?P<url_repo>{_NAME})/(?:issues|pull)/(?P<url_number>\d+)"
    rf"|(?P<repo>{_NAME})?#(?P<number>\d+)"
    r"|GH-(?P<gh>\d+))(?![\w-])"
)
_KEYWORD = r"\b(?:" + "|".join(CLOSING_KEYWORDS) + r")\b"
_CLOSING = re.compile(rf"{_KEYWORD}:?\s+{_REFERENCE}", re.IGNORECASE)
_MENTION = re.compile(rf"(?<![\w/#.-]){_REFERENCE}", re.IGNORECASE)


@dataclass(frozen=True)
class IssueRef:
    """A reference to issue `number` of `repository` (OWNER/REPO)."""

    repository: str
    number: int


def closing_references(text: str | None, repository: str) -> list[IssueRef]:
    """The issues a text closes with GitHub's keywords; bare `#N` means `repository`."""
    return list(_references(_CLOSING, text, repository))


def mentions(text: str | None, repository: str) -> list[IssueRef]:
    """Every issue reference in a text, with or without a closing keyword."""
    return list(_references(_MENTION, text, repository))


def _references(pattern: re.Pattern[str], text: str | None, repository: str) -> Iterator[IssueRef]:
    seen: set[IssueRef] = set()
    for match in pattern.finditer(text or ""):
        groups = match.groupdict()
        if groups["url_number"]:
            ref = IssueRef(groups["url_repo"], int(groups["url_number"]))
        elif groups["number"]:
            ref = IssueRef(groups["repo"] or repository, int(groups["number"]))
        else:
            ref = IssueRef(repository, int(groups["gh"]))
        if ref not in seen:
            seen.add(ref)
            yield ref


def evidence_numbers(
    repository: str,
    events: pd.DataFrame,
    pulls: pd.DataFrame,
    comments: pd.DataFrame | None = None,
) -> set[int]:
    """Issue numbers of a repository that mined events or pull requests already tie to a fix.

    A commit that closed or referenced the issue, or a merged pull request of the repository
    that references it in its title, body or comments, counts: for those the timeline (whose
    cross-references from the same repository come from exactly these texts) is not needed.
    """
    numbers: set[int] = set()
    if not events.empty:
        hit = events["commit_id"].notna() & events["event"].isin(["closed", "referenced"])
        numbers |= {int(n) for n in events.loc[hit, "issue_number"]}
    for repo, _, text in _pull_texts(_merged(pulls), comments):
        numbers |= {r.number for r in mentions(text, repo) if _same(r.repository, repository)}
    return numbers


def timeline_candidates(
    repository: str,
    issues: pd.DataFrame,
    events: pd.DataFrame,
    pulls: pd.DataFrame,
    scope: IssueFilter | None = None,
    comments: pd.DataFrame | None = None,
) -> list[tuple[int, str]]:
    """(number, updated_at) of the closed, completed issues in scope that lack link evidence."""
    if issues.empty or (scope is not None and scope.state == "open"):
        return []
    closed = issues[
        ~issues["is_pull_request"].astype(bool)
        & (issues["state"] == "closed")
        & (issues["state_reason"].fillna("completed") != "not_planned")
    ]
    if scope is not None:
        spec = replace(scope, state="closed", pull_requests=False, require_fix=False)
        closed = select_issues(closed, spec)
    known = evidence_numbers(repository, events, pulls, comments)
    return [
        (int(n), str(u))
        for n, u in zip(closed["number"], closed["updated_at"], strict=True)
        if int(n) not in known
    ]


def fix_links(
    issues: pd.DataFrame,
    events: pd.DataFrame,
    pulls: pd.DataFrame,
    cross_references: pd.DataFrame,
    commits: pd.DataFrame | None = None,
    comments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every (issue, fix) link the evidence supports; `commits` has repository, sha, message.

    `comments` (the mined issue comments) adds the mentions made in merged pull requests'
    comments, which GitHub shows as cross-references in the mentioned issue's timeline.
    """
    names = {
        (r.lower(), int(n)): r
        for r, n, pr in zip(
            issues["repository"], issues["number"], issues["is_pull_request"], strict=True
        )
        if not pr
    }
    found: list[tuple[str, int, str, str, str, str]] = []

    def add(ref: IssueRef, kind: str, fix_repo: str, target: str, evidence: str) -> None:
        name = names.get((ref.repository.lower(), ref.number))
        if name is not None:
            found.append((name, ref.number, kind, fix_repo, target, evidence))

    if not events.empty:
        closing = events[(events["event"] == "closed") & events["commit_id"].notna()]
        for repo, number, sha in zip(
            closing["repository"], closing["issue_number"], closing["commit_id"], strict=True
        ):
            add(IssueRef(repo, int(number)), "commit", repo, str(sha), "closed_event")
    merged = _merged(pulls)
    closed_by: dict[tuple[str, int], list[IssueRef]] = {}
    for repo, number, body in _rows(merged, ("repository", "number", "body")):
        closed_by[repo, int(number)] = closing_references(body, repo)
        for ref in closed_by[repo, int(number)]:
            add(ref, "pull_request", repo, str(int(number)), "pr_body")
    for repo, number, text in _pull_texts(merged, comments):
        for ref in mentions(text, repo):
            if ref not in closed_by[repo, number]:
                add(ref, "pull_request", repo, str(number), "cross_reference")
    if not cross_references.empty:
        crossed = cross_references[
            cross_references["source_is_pull_request"].astype(bool)
            & cross_references["source_merged_at"].notna()
        ]
        for repo, number, source_repo, source in _rows(
            crossed, ("repository", "issue_number", "source_repository", "source_number")
        ):
            issue = IssueRef(repo, int(number))
            add(issue, "pull_request", source_repo, str(int(source)), "cross_reference")
    for repo, sha, message in _rows(commits, ("repository", "sha", "message")):
        for ref in closing_references(message, repo):
            add(ref, "commit", repo, sha, "commit_message")
    merge_shas = {
        (r.lower(), str(int(n))): (r, s)
        for r, n, s in zip(
            merged["repository"], merged["number"], merged["merge_commit_sha"], strict=True
        )
        if isinstance(s, str) and s
    }
    for repo, number, kind, fix_repo, target, _ in list(found):
        merge = merge_shas.get((fix_repo.lower(), target)) if kind == "pull_request" else None
        if merge is not None:
            found.append((repo, number, "commit", merge[0], merge[1], "pr_merge_commit"))
    frame = pd.DataFrame(sorted(set(found)), columns=LINK_COLUMNS)
    return frame.astype({"issue_number": int})


def _pull_texts(
    merged: pd.DataFrame, comments: pd.DataFrame | None
) -> Iterator[tuple[str, int, str]]:
    """(repository, number, text) of merged pull requests' titles, bodies and comments."""
    keys = set()
    for repo, number, title, body in _rows(merged, ("repository", "number", "title", "body")):
        keys.add((repo, int(number)))
        yield repo, int(number), f"{title or ''}\n{body or ''}"
    for repo, number, body in _rows(comments, ("repository", "issue_number", "body")):
        if (repo, int(number)) in keys:
            yield repo, int(number), str(body or "")


def _merged(pulls: pd.DataFrame) -> pd.DataFrame:
    if pulls.empty:
        return pulls
    return pulls[pulls["merged_at"].notna()]


def _rows(frame: pd.DataFrame | None, columns: Iterable[str]) -> Iterator[tuple[Any, ...]]:
    if frame is None or frame.empty:
        return iter(())
    return frame[list(columns)].itertuples(index=False, name=None)


def _same(a: str, b: str) -> bool:
    return a.lower() == b.lower()
