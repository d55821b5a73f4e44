"""Turn GraphQL answers (as returned, or as archived) into the rows the REST path stores.

An archived GraphQL page's body is `{"query": NAME, "variables": {...}, "response": {...}}`:
the request without credentials and GitHub's answer as it came. Values GraphQL spells
differently are put the REST way: enum values in lower case (a merged pull request's state
is `closed`), bot logins with `[bot]`, an empty issue body as null. A pull request's row in
`issues` has no `id`: GraphQL does not expose the issue id of a pull request (REST does).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from mining import rest
from mining.archive import Page
from mining.errors import MiningInputError

Row = dict[str, Any]
Rows = list[tuple[str, list[Row]]]
GRAPHQL_RESOURCE = "graphql"
_EVENT_ANCHOR = re.compile(r"#event-(\d+)$")
"""ClosedEvent and MergedEvent have no databaseId in GitHub's schema; their `url` is the
event's permalink, `.../issues/N#event-ID`, whose ID is the REST issue event's id (the form
GitHub's web pages link to and importers such as GitLab's build from REST ids). Not yet checked
against a live GraphQL answer: a URL without the anchor is refused, never guessed."""


def login(actor: Mapping[str, Any] | None) -> str | None:
    """An actor's login as REST gives it (`name[bot]` for a GitHub App)."""
    if not actor:
        return None
    name = str(actor["login"])
    return f"{name}[bot]" if actor.get("__typename") == "Bot" else name


def _lower(value: str | None) -> str | None:
    return value.lower() if value else None


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def repository_row(obj: Mapping[str, Any], repository: str) -> Row:
    """A `repositories` row from the `RepositoryFields` fragment."""
    owner, name = repository.split("/")
    branch, language = obj.get("defaultBranchRef"), obj.get("primaryLanguage")
    return {
        "full_name": repository,
        "id": obj.get("databaseId"),
        "owner": owner,
        "name": name,
        "description": obj.get("description"),
        "html_url": obj.get("url"),
        "default_branch": branch["name"] if branch else None,
        "language": language["name"] if language else None,
        "stars": obj.get("stargazerCount"),
        "forks": obj.get("forkCount"),
        "open_issues": obj["openIssues"]["totalCount"] + obj["openPulls"]["totalCount"],
        "created_at": obj.get("createdAt"),
        "updated_at": obj.get("updatedAt"),
        "pushed_at": obj.get("pushedAt"),
    }


def issue_row(obj: Mapping[str, Any], repository: str, *, pull: bool) -> Row:
    """An `issues` row from an Issue or PullRequest node."""
    return {
        "repository": repository,
        "number": obj["number"],
        "id": None if pull else _int(obj.get("fullDatabaseId")),
        "is_pull_request": pull,
        "title": obj.get("title"),
        "body": obj.get("body") or None,
        "state": "closed" if obj["state"] == "MERGED" else obj["state"].lower(),
        "state_reason": _lower(obj.get("stateReason")),
        "author": login(obj.get("author")),
        "author_association": obj.get("authorAssociation"),
        "labels": sorted(label["name"] for label in obj["labels"]["nodes"]),
        "comments": obj["comments"]["totalCount"],
        "created_at": obj.get("createdAt"),
        "updated_at": obj.get("updatedAt"),
        "closed_at": obj.get("closedAt"),
        "html_url": obj.get("url"),
    }


def pull_row(obj: Mapping[str, Any], repository: str) -> Row:
    """A `pull_requests` row from a PullRequest node."""
    merge = obj.get("mergeCommit")
    return {
        "repository": repository,
        "number": obj["number"],
        "id": _int(obj.get("fullDatabaseId")),
        "title": obj.get("title"),
        "body": obj.get("body") or None,
        "state": "closed" if obj["state"] == "MERGED" else obj["state"].lower(),
        "author": login(obj.get("author")),
        "author_association": obj.get("authorAssociation"),
        "merged_at": obj.get("mergedAt"),
        "merge_commit_sha": merge["oid"] if merge and obj.get("mergedAt") else None,
        "created_at": obj.get("createdAt"),
        "updated_at": obj.get("updatedAt"),
        "closed_at": obj.get("closedAt"),
        "html_url": obj.get("url"),
    }


def comment_row(obj: Mapping[str, Any], repository: str, number: int) -> Row:
    """A `comments` row from an IssueComment node of issue `number`."""
    return {
        "id": int(obj["fullDatabaseId"]),
        "repository": repository,
        "issue_number": number,
        "author": login(obj.get("author")),
        "author_association": obj.get("authorAssociation"),
        "body": obj.get("body"),
        "created_at": obj.get("createdAt"),
        "updated_at": obj.get("updatedAt"),
        "html_url": obj.get("url"),
    }


def event_row(obj: Mapping[str, Any], repository: str, number: int) -> Row:
    """An `events` row from a ClosedEvent or MergedEvent (its REST id is in its URL's anchor)."""
    match = _EVENT_ANCHOR.search(str(obj.get("url") or ""))
    if match is None:
        raise ValueError(f"'url' without an #event-ID anchor: {obj.get('url')!r}")
    if obj["__typename"] == "ClosedEvent":
        closer = obj.get("closer") or {}
        kind, commit = "closed", closer.get("oid") if closer.get("__typename") == "Commit" else None
    else:
        kind, commit = "merged", (obj.get("commit") or {}).get("oid")
    return {
        "id": int(match.group(1)),
        "repository": repository,
        "issue_number": number,
        "event": kind,
        "actor": login(obj.get("actor")),
        "commit_id": commit,
        "label": None,
        "created_at": obj.get("createdAt"),
    }


def cross_reference_row(obj: Mapping[str, Any], repository: str, number: int) -> Row:
    """A `cross_references` row from a CrossReferencedEvent."""
    source = obj["source"]
    pull = source["__typename"] == "PullRequest"
    state = source.get("pullState") if pull else source.get("issueState")
    return {
        "repository": repository,
        "issue_number": number,
        "source_repository": source["repository"]["nameWithOwner"],
        "source_number": source["number"],
        "source_is_pull_request": pull,
        "source_merged_at": source.get("mergedAt") if pull else None,
        "source_state": "closed" if state == "MERGED" else _lower(state),
        "created_at": obj.get("createdAt"),
    }


def _node_rows(node: Mapping[str, Any], repository: str, pull: bool, into: dict[str, list[Row]]):
    number = int(node["number"])
    into["issues"].append(issue_row(node, repository, pull=pull))
    if pull:
        into["pull_requests"].append(pull_row(node, repository))
    _comment_rows(node.get("comments"), repository, number, into)
    _event_rows(node.get("timelineItems"), repository, number, into)


def _comment_rows(page: Any, repository: str, number: int, into: dict[str, list[Row]]) -> None:
    for comment in (page or {}).get("nodes") or []:
        into["comments"].append(comment_row(comment, repository, number))


def _event_rows(page: Any, repository: str, number: int, into: dict[str, list[Row]]) -> None:
    for event in (page or {}).get("nodes") or []:
        if event.get("__typename") in ("ClosedEvent", "MergedEvent"):
            into["events"].append(event_row(event, repository, number))


def _walk(data: Mapping[str, Any], repository: str, into: dict[str, list[Row]], pull: bool):
    repo = data["repository"]
    into["repositories"].append(repository_row(repo, repository))
    connection = repo["pullRequests" if pull else "issues"]
    for node in connection["nodes"]:
        _node_rows(node, repository, pull, into)


def _nested(data: Mapping[str, Any], repository: str, into: dict[str, list[Row]]) -> None:
    node = data["repository"]["issueOrPullRequest"]
    number = int(node["number"])
    _comment_rows(node.get("comments"), repository, number, into)
    _event_rows(node.get("timelineItems"), repository, number, into)


def _cross_references(data: Mapping[str, Any], repository: str, into: dict[str, list[Row]]):
    for node in data["repository"].values():
        number = int(node["number"])
        for event in node["timelineItems"]["nodes"]:
            into["cross_references"].append(cross_reference_row(event, repository, number))


_PARSERS: dict[str, Callable[[Mapping[str, Any], str, dict[str, list[Row]]], None]] = {
    "IssuesPage": lambda d, r, into: _walk(d, r, into, False),
    "PullsPage": lambda d, r, into: _walk(d, r, into, True),
    "MoreComments": _nested,
    "MoreEvents": _nested,
    "CrossReferences": _cross_references,
}
TABLES = ("repositories", "issues", "pull_requests", "comments", "events", "cross_references")


def parse_graphql_page(page: Page) -> Rows:
    """The rows of one archived GraphQL answer, by table (tables without rows left out)."""
    body = page.body
    if not isinstance(body, dict) or body.get("query") not in _PARSERS:
        raise MiningInputError(f"{page.url}: not a GraphQL page studykit wrote ('query' field)")
    into: dict[str, list[Row]] = {table: [] for table in TABLES}
    try:
        _PARSERS[body["query"]](body["response"]["data"], page.repository, into)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise MiningInputError(
            f"{page.url}: GraphQL answer to {body['query']} lacks or mangles {exc}"
        ) from None
    return [(table, rows) for table, rows in into.items() if rows]


def page_rows(page: Page) -> Rows:
    """The rows of any archived page, REST or GraphQL, by table."""
    if page.resource == GRAPHQL_RESOURCE:
        return parse_graphql_page(page)
    return [rest.parse_page(page)]
