"""Turn GitHub REST v3 JSON (as returned, or as archived) into rows of the study's tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from mining.archive import Page
from mining.errors import MiningInputError

Row = dict[str, Any]


def _login(user: Mapping[str, Any] | None) -> str | None:
    return user.get("login") if user else None


def _number_from_url(url: str) -> int:
    return int(url.rstrip("/").rsplit("/", 1)[1])


def _as_is(obj: Mapping[str, Any], *fields: str) -> Row:
    """The named fields of a GitHub object, as they are (None where absent)."""
    return {field: obj.get(field) for field in fields}


def _authored(obj: Mapping[str, Any]) -> Row:
    """The fields every written object has: issue, pull request, comment, review comment."""
    return {
        "author": _login(obj.get("user")),
        **_as_is(obj, "author_association", "body", "created_at", "updated_at", "html_url"),
    }


def repository_row(obj: Mapping[str, Any], repository: str) -> Row:
    """A `repositories` row from GET /repos/{owner}/{repo}."""
    owner, name = repository.split("/")
    return {
        "full_name": repository,
        "owner": owner,
        "name": name,
        "stars": obj.get("stargazers_count"),
        "forks": obj.get("forks_count"),
        "open_issues": obj.get("open_issues_count"),
        **_as_is(obj, "id", "description", "html_url", "default_branch", "language"),
        **_as_is(obj, "created_at", "updated_at", "pushed_at"),
    }


def issue_row(obj: Mapping[str, Any], repository: str) -> Row:
    """An `issues` row from one element of /issues (pull requests flagged, not dropped)."""
    return {
        "repository": repository,
        "number": obj["number"],
        "is_pull_request": "pull_request" in obj,
        "labels": sorted(label["name"] for label in obj.get("labels") or []),
        **_as_is(obj, "id", "title", "state", "state_reason", "comments", "closed_at"),
        **_authored(obj),
    }


def comment_row(obj: Mapping[str, Any], repository: str) -> Row:
    """A `comments` row from one element of /issues/comments."""
    return {
        "id": obj["id"],
        "repository": repository,
        "issue_number": _number_from_url(obj["issue_url"]),
        **_authored(obj),
    }


def review_comment_row(obj: Mapping[str, Any], repository: str) -> Row:
    """A `review_comments` row from one element of /pulls/comments (code-line review)."""
    return {
        "id": obj["id"],
        "repository": repository,
        "pull_number": _number_from_url(obj["pull_request_url"]),
        **_as_is(obj, "in_reply_to_id", "path", "commit_id"),
        **_authored(obj),
    }


def event_row(obj: Mapping[str, Any], repository: str) -> Row:
    """An `events` row from one element of /issues/events."""
    label = obj.get("label")
    return {
        "id": obj["id"],
        "repository": repository,
        "issue_number": obj["issue"]["number"],
        "event": obj["event"],
        "actor": _login(obj.get("actor")),
        "commit_id": obj.get("commit_id"),
        "label": label.get("name") if label else None,
        "created_at": obj.get("created_at"),
    }


def pull_row(obj: Mapping[str, Any], repository: str) -> Row:
    """A `pull_requests` row from one element of /pulls."""
    return {
        "repository": repository,
        "number": obj["number"],
        **_as_is(obj, "id", "title", "state", "merged_at", "merge_commit_sha", "closed_at"),
        **_authored(obj),
    }


def commit_row(obj: Mapping[str, Any], repository: str) -> Row:
    """A `commits` row from one element of /commits."""
    commit = obj.get("commit") or {}
    author = commit.get("author") or {}
    committer = commit.get("committer") or {}
    return {
        "repository": repository,
        "sha": obj["sha"],
        "message": commit.get("message"),
        "author": author.get("name"),
        "authored_at": author.get("date"),
        "committer": committer.get("name"),
        "committed_at": committer.get("date"),
        "html_url": obj.get("html_url"),
    }


def timeline_issue_number(url: str) -> int:
    """The issue number of a timeline page's URL (`.../issues/{number}/timeline?...`)."""
    match = _TIMELINE_URL.search(url)
    if match is None:
        raise MiningInputError(f"{url}: not the URL of an issue timeline")
    return int(match.group(1))


def cross_reference_row(obj: Mapping[str, Any], repository: str, issue_number: int) -> Row | None:
    """A `cross_references` row from a timeline event, or None for other kinds of event."""
    if obj.get("event") != "cross-referenced":
        return None
    source = obj["source"]["issue"]
    pull = source.get("pull_request")
    return {
        "repository": repository,
        "issue_number": issue_number,
        "source_repository": _source_repository(source),
        "source_number": source["number"],
        "source_is_pull_request": pull is not None,
        "source_merged_at": pull.get("merged_at") if pull else None,
        "source_state": source.get("state"),
        "created_at": obj.get("created_at"),
    }


def _source_repository(source: Mapping[str, Any]) -> str:
    repo = source.get("repository")
    if repo and repo.get("full_name"):
        return str(repo["full_name"])
    parts = str(source["repository_url"]).rstrip("/").rsplit("/", 2)
    return f"{parts[-2]}/{parts[-1]}"


_TIMELINE_URL = re.compile(r"/issues/(\d+)/timeline(?:\?|$)")

PARSERS: dict[str, tuple[str, Callable[[Mapping[str, Any], str], Row]]] = {
    "repository": ("repositories", repository_row),
    "issues": ("issues", issue_row),
    "comments": ("comments", comment_row),
    "review_comments": ("review_comments", review_comment_row),
    "events": ("events", event_row),
    "pulls": ("pull_requests", pull_row),
    "commits": ("commits", commit_row),
}


def parse_page(page: Page) -> tuple[str, list[Row]]:
    """The table a page feeds and its rows; a malformed element is named by URL and position."""
    table, parse = _parser(page)
    elements = [page.body] if page.resource == "repository" else page.body
    if not isinstance(elements, list):
        raise MiningInputError(f"{page.url}: expected a JSON list of {page.resource}")
    rows = []
    for position, element in enumerate(elements):
        try:
            row = parse(element, page.repository)
            if row is not None:
                rows.append(row)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            raise MiningInputError(
                f"{page.url}: element {position} of {page.resource} lacks or mangles {exc}"
            ) from None
    return table, rows


def _parser(page: Page) -> tuple[str, Callable[[Mapping[str, Any], str], Row | None]]:
    if page.resource == "timeline":
        number = timeline_issue_number(page.url)
        return "cross_references", lambda obj, repo: cross_reference_row(obj, repo, number)
    return PARSERS[page.resource]
