"""The GitHub stand-in's GraphQL endpoint: GitHub's published schema, executed over a Corpus.

Queries are parsed and validated against the vendored schema (tests/data/github_graphql) by
graphql-core, as GitHub does, and executed by resolvers that read the same corpus the REST
endpoints serve. Each query costs points by GitHub's published rule (connection requests it
may need, over 100, rounded, at least 1) from a per-token point budget; a query that may
return more nodes than `max_nodes` gets a 502, as GitHub answers one that runs past 10 seconds.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLResolveInfo,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    build_schema,
    execute,
    parse,
    validate,
    value_from_ast_untyped,
)

from tests.support.corpus import Corpus, RepoData
from tests.support.paths import ROOT

SCHEMA_FILE = ROOT / "tests" / "data" / "github_graphql" / "schema.graphql.gz"


@cache
def github_schema() -> GraphQLSchema:
    """GitHub's public GraphQL schema (built once per process, about two seconds)."""
    text = gzip.decompress(SCHEMA_FILE.read_bytes()).decode("utf-8")
    schema = build_schema(text, assume_valid_sdl=True)
    _install_resolvers(schema)
    return schema


@dataclass(frozen=True)
class Plan:
    """What a query may cost before it runs: GitHub's points and the nodes it may return."""

    points: int
    nodes: int


def query_plan(document: DocumentNode, variables: Mapping[str, Any]) -> Plan:
    """Points and nodes of a query by GitHub's rule, from its connections' `first`/`last`."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    tally = [0, 0]
    _walk(operation.selection_set, fragments, dict(variables), 1, tally)
    return Plan(max(1, round(tally[0] / 100)), tally[1])


def _walk(
    selections: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: dict[str, Any],
    multiplier: int,
    tally: list[int],
) -> None:
    if selections is None:
        return
    for node in selections.selections:
        if isinstance(node, FragmentSpreadNode):
            _walk(fragments[node.name.value].selection_set, fragments, variables, multiplier, tally)
        elif isinstance(node, InlineFragmentNode):
            _walk(node.selection_set, fragments, variables, multiplier, tally)
        elif isinstance(node, FieldNode) and node.selection_set is not None:
            args = {
                a.name.value: value_from_ast_untyped(a.value, variables) for a in node.arguments
            }
            size = args.get("first") or args.get("last")
            inner = {
                s.name.value for s in node.selection_set.selections if isinstance(s, FieldNode)
            }
            if size is not None or "totalCount" in inner:
                tally[0] += multiplier
                tally[1] += multiplier * int(size or 0)
                _walk(node.selection_set, fragments, variables, multiplier * int(size or 1), tally)
            else:
                _walk(node.selection_set, fragments, variables, multiplier, tally)


def run_query(
    corpus: Corpus, body: Any, rate: dict[str, Any], max_nodes: int | None
) -> tuple[int, Any, Plan | None]:
    """(HTTP status, JSON answer, plan) for a POSTed GraphQL request; `rate` gains its cost."""
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        return 400, {"message": "Problems parsing JSON"}, None
    schema = github_schema()
    try:
        document = parse(body["query"])
    except GraphQLError as exc:
        return 200, {"errors": [_error(exc)]}, None
    problems = validate(schema, document)
    if problems:
        return 200, {"errors": [_error(e) for e in problems]}, None
    variables = body.get("variables") or {}
    plan = query_plan(document, variables)
    if max_nodes is not None and plan.nodes > max_nodes:
        message = (
            "Something went wrong while executing your query. "
            "This may be the result of a timeout, or it could be a GitHub bug."
        )
        return 502, {"data": None, "errors": [{"message": message}]}, plan
    rate["cost"] = plan.points
    if rate["remaining"] < plan.points:
        message = "API rate limit exceeded for user ID 1."
        return 200, {"data": None, "errors": [{"type": "RATE_LIMITED", "message": message}]}, plan
    rate["remaining"] -= plan.points
    result = execute(
        schema, document, variable_values=variables, context_value={"corpus": corpus, "rate": rate}
    )
    answer: dict[str, Any] = {"data": result.data}
    if result.errors:
        answer["errors"] = [_error(e) for e in result.errors]
    return 200, answer, plan


def _error(error: GraphQLError) -> dict[str, Any]:
    found = error.formatted
    extensions = dict(found.pop("extensions", None) or {})
    if "type" in extensions:
        found["type"] = extensions.pop("type")
    return dict(found)


def _install_resolvers(schema: GraphQLSchema) -> None:
    query = schema.query_type
    assert query is not None
    query.fields["repository"].resolve = _repository
    query.fields["rateLimit"].resolve = _rate_limit
    repository = schema.get_type("Repository")
    for name, resolver in (
        ("issues", _issues),
        ("pullRequests", _pulls),
        ("issue", _issue),
        ("issueOrPullRequest", _issue_or_pull),
    ):
        repository.fields[name].resolve = resolver  # type: ignore[union-attr]
    for type_name in ("Issue", "PullRequest"):
        kind = schema.get_type(type_name)
        kind.fields["comments"].resolve = _comments  # type: ignore[union-attr]
        kind.fields["timelineItems"].resolve = _timeline  # type: ignore[union-attr]
        kind.fields["labels"].resolve = _labels  # type: ignore[union-attr]


def _rate_limit(_root: Any, info: GraphQLResolveInfo, **_: Any) -> dict[str, Any]:
    rate = info.context["rate"]
    return {**rate, "used": rate["limit"] - rate["remaining"], "nodeCount": 0}


def _repository(
    _root: Any, info: GraphQLResolveInfo, owner: str, name: str, **_: Any
) -> dict[str, Any]:
    corpus: Corpus = info.context["corpus"]
    repo = corpus.repos.get(f"{owner}/{name}")
    if repo is None or repo.gone:
        raise GraphQLError(
            f"Could not resolve to a Repository with the name '{owner}/{name}'.",
            extensions={"type": "NOT_FOUND"},
        )
    meta = repo.meta
    return {
        "_repo": repo,
        "databaseId": meta["id"],
        "nameWithOwner": repo.renamed_to or repo.name,
        "description": meta["description"],
        "url": meta["html_url"],
        "createdAt": meta["created_at"],
        "updatedAt": meta["updated_at"],
        "pushedAt": meta["pushed_at"],
        "defaultBranchRef": {"name": meta["default_branch"]},
        "primaryLanguage": {"name": meta["language"]} if meta["language"] else None,
        "stargazerCount": meta["stargazers_count"],
        "forkCount": meta["forks_count"],
    }


def _cursor(key: Any) -> str:
    return base64.b64encode(json.dumps(key).encode()).decode()


def _uncursor(cursor: str | None) -> Any:
    return json.loads(base64.b64decode(cursor)) if cursor else None


def _connection(items: list[Any], keys: list[Any], first: int | None, after: str | None):
    start = 0
    if after is not None:
        position = _uncursor(after)
        start = next((k for k, key in enumerate(keys) if key == position), len(keys) - 1) + 1
    chunk = items[start : start + first] if first is not None else []
    end = start + len(chunk)
    return {
        "totalCount": len(items),
        "nodes": chunk,
        "pageInfo": {
            "hasNextPage": end < len(items),
            "endCursor": _cursor(keys[end - 1]) if chunk else after,
            "hasPreviousPage": start > 0,
            "startCursor": _cursor(keys[start]) if chunk else None,
        },
    }


def _paged_walk(items: list[dict[str, Any]], order: Any, first: int | None, after: str | None):
    field = "updatedAt" if (order or {}).get("field") == "UPDATED_AT" else "createdAt"
    ordered = sorted(items, key=lambda i: (i[field], i["number"]))
    if (order or {}).get("direction", "ASC") == "DESC":
        ordered.reverse()
    return _connection(ordered, [[i[field], i["number"]] for i in ordered], first, after)


def _issues(
    parent: dict[str, Any],
    _info: GraphQLResolveInfo,
    first: int | None = None,
    after: str | None = None,
    states: list[str] | None = None,
    orderBy: Mapping[str, Any] | None = None,
    filterBy: Mapping[str, Any] | None = None,
    **_: Any,
) -> dict[str, Any]:
    repo: RepoData = parent["_repo"]
    items = [_issue_node(repo, n) for n in repo.issues if n not in repo.pulls]
    if states:
        items = [i for i in items if i["state"] in states]
    since = (filterBy or {}).get("since")
    if since:
        items = [i for i in items if i["updatedAt"] >= _normal(since)]
    return _paged_walk(items, orderBy, first, after)


def _pulls(
    parent: dict[str, Any],
    _info: GraphQLResolveInfo,
    first: int | None = None,
    after: str | None = None,
    states: list[str] | None = None,
    orderBy: Mapping[str, Any] | None = None,
    **_: Any,
) -> dict[str, Any]:
    repo: RepoData = parent["_repo"]
    items = [_pull_node(repo, n) for n in repo.pulls]
    if states:
        items = [i for i in items if i["state"] in states]
    return _paged_walk(items, orderBy, first, after)


def _issue(parent: dict[str, Any], _info: GraphQLResolveInfo, number: int, **_: Any) -> Any:
    repo: RepoData = parent["_repo"]
    if number not in repo.issues or number in repo.pulls:
        return None
    return _issue_node(repo, number)


def _issue_or_pull(parent: dict[str, Any], _info: GraphQLResolveInfo, number: int, **_: Any) -> Any:
    repo: RepoData = parent["_repo"]
    if number not in repo.issues:
        return None
    return _pull_node(repo, number) if number in repo.pulls else _issue_node(repo, number)


def _actor(user: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not user:
        return None
    return {"__typename": "Bot" if user.get("type") == "Bot" else "User", **user}


def _issue_node(repo: RepoData, number: int) -> dict[str, Any]:
    issue = repo.issues[number]
    reason = issue.get("state_reason")
    return {
        "__typename": "Issue",
        "_repo": repo,
        "_number": number,
        "fullDatabaseId": str(issue["id"]),
        "number": number,
        "title": issue["title"],
        "body": issue["body"] or "",
        "state": issue["state"].upper(),
        "stateReason": reason.upper() if reason else None,
        "author": _actor(issue["user"]),
        "authorAssociation": issue["author_association"],
        "createdAt": issue["created_at"],
        "updatedAt": issue["updated_at"],
        "closedAt": issue["closed_at"],
        "url": issue["html_url"],
    }


def _pull_node(repo: RepoData, number: int) -> dict[str, Any]:
    pull, issue = repo.pulls[number], repo.issues[number]
    merged = pull["merged_at"] is not None
    return {
        **_issue_node(repo, number),
        "__typename": "PullRequest",
        "fullDatabaseId": str(pull["id"]),
        "title": pull["title"],
        "body": pull["body"] or "",
        "state": "MERGED" if merged else pull["state"].upper(),
        "stateReason": None,
        "author": _actor(pull["user"]),
        "authorAssociation": pull["author_association"],
        "createdAt": pull["created_at"],
        "updatedAt": issue["updated_at"],
        "closedAt": pull["closed_at"],
        "merged": merged,
        "mergedAt": pull["merged_at"],
        "mergeCommit": {"oid": pull["merge_commit_sha"]} if pull["merge_commit_sha"] else None,
        "url": pull["html_url"],
    }


def _labels(parent: dict[str, Any], _info: GraphQLResolveInfo, first: int | None = None, **_: Any):
    issue = parent["_repo"].issues[parent["_number"]]
    names = sorted(label["name"] for label in issue["labels"])
    nodes = [{"name": n} for n in names]
    return _connection(nodes, names, first, _.get("after"))


def _comments(
    parent: dict[str, Any],
    _info: GraphQLResolveInfo,
    first: int | None = None,
    after: str | None = None,
    **_: Any,
) -> dict[str, Any]:
    repo: RepoData = parent["_repo"]
    number = parent["_number"]
    found = sorted(
        (c for c in repo.comments.values() if c["issue_url"].rsplit("/", 1)[1] == str(number)),
        key=lambda c: c["id"],
    )
    nodes = [
        {
            "__typename": "IssueComment",
            "fullDatabaseId": str(c["id"]),
            "author": _actor(c["user"]),
            "authorAssociation": c["author_association"],
            "body": c["body"],
            "createdAt": c["created_at"],
            "updatedAt": c["updated_at"],
            "url": c["html_url"],
        }
        for c in found
    ]
    return _connection(nodes, [c["id"] for c in found], first, after)


_ITEM_TYPES = {"closed": "CLOSED_EVENT", "merged": "MERGED_EVENT"}


def _timeline(
    parent: dict[str, Any],
    _info: GraphQLResolveInfo,
    first: int | None = None,
    after: str | None = None,
    itemTypes: list[str] | None = None,
    **_: Any,
) -> dict[str, Any]:
    repo: RepoData = parent["_repo"]
    number = parent["_number"]
    html = repo.issues[number]["html_url"]
    items: list[tuple[str, str, Any, dict[str, Any]]] = []
    for event in repo.events.values():
        kind = _ITEM_TYPES.get(event["event"])
        if event["issue"]["number"] != number or kind is None:
            continue
        node: dict[str, Any] = {
            "__typename": "ClosedEvent" if kind == "CLOSED_EVENT" else "MergedEvent",
            "url": f"{html}#event-{event['id']}",
            "createdAt": event["created_at"],
            "actor": _actor(event["actor"]),
        }
        commit = {"__typename": "Commit", "oid": event["commit_id"]} if event["commit_id"] else None
        node["closer" if kind == "CLOSED_EVENT" else "commit"] = commit
        items.append((event["created_at"], kind, event["id"], node))
    for k, ref in enumerate(repo.cross_refs.get(number, [])):
        items.append((ref["created_at"], "CROSS_REFERENCED_EVENT", -k - 1, _cross_ref(ref)))
    items.sort(key=lambda i: (i[0], str(i[2])))
    if itemTypes:
        items = [i for i in items if i[1] in itemTypes]
    return _connection([i[3] for i in items], [[i[0], i[2]] for i in items], first, after)


def _cross_ref(event: dict[str, Any]) -> dict[str, Any]:
    source = event["source"]["issue"]
    pull = source.get("pull_request")
    merged = bool(pull and pull.get("merged_at"))
    state = "MERGED" if merged else str(source["state"]).upper()
    return {
        "__typename": "CrossReferencedEvent",
        "createdAt": event["created_at"],
        "source": {
            "__typename": "PullRequest" if pull is not None else "Issue",
            "number": source["number"],
            "state": state,
            "mergedAt": pull.get("merged_at") if pull else None,
            "repository": {"nameWithOwner": source["repository"]["full_name"]},
        },
    }


def _normal(text: str) -> str:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).strftime("%Y-%m-%dT%H:%M:%SZ")
