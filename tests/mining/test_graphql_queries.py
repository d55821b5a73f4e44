"""Every GraphQL query studykit sends is valid on GitHub's published schema, and costs what the
client expects; the parsing into REST rows and the page sizing are checked on hand-made input."""

from __future__ import annotations

import pytest
from graphql import parse, specified_rules, validate
from graphql.validation import NoDeprecatedCustomRule

from mining.archive import Page
from mining.errors import MiningInputError
from mining.graphql import queries
from mining.graphql.client import graphql_url
from mining.graphql.miner import PageSize, points, walk_cost
from mining.graphql.parse import event_row, issue_row, login, parse_graphql_page, pull_row
from tests.support.graphql_standin import Plan, github_schema, query_plan

RULES = [*specified_rules, NoDeprecatedCustomRule]
DOCUMENTS = {
    "IssuesPage": queries.ISSUES,
    "PullsPage": queries.PULLS,
    "MoreComments": queries.MORE_COMMENTS,
    "MoreEvents": queries.MORE_EVENTS,
    "CrossReferences (1)": queries.cross_references([7]),
    "CrossReferences (100)": queries.cross_references(list(range(1, 101))),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_query_is_valid_on_githubs_schema_and_uses_no_deprecated_field(name: str) -> None:
    assert validate(github_schema(), parse(DOCUMENTS[name]), RULES) == []


def test_the_schema_check_refuses_a_field_github_lacks() -> None:
    wrong = queries.ISSUES.replace("stateReason", "closeReason")
    errors = validate(github_schema(), parse(wrong), RULES)
    assert any("closeReason" in e.message for e in errors)


def test_the_schema_check_refuses_a_deprecated_field() -> None:
    wrong = queries.PULLS.replace("fullDatabaseId number", "databaseId number")
    errors = validate(github_schema(), parse(wrong), RULES)
    assert any("databaseId" in e.message and "deprecated" in e.message for e in errors)


@pytest.mark.parametrize("page", [1, 10, 33, 50, 100])
def test_client_cost_estimate_equals_githubs_rule_applied_to_the_query(page: int) -> None:
    variables = {"owner": "a", "name": "b", "first": page, "comments": 100, "events": 100}
    for document in (queries.ISSUES, queries.PULLS):
        assert query_plan(parse(document), variables).points == walk_cost(page)
    crossed = parse(queries.cross_references(list(range(1, page + 1))))
    assert query_plan(crossed, {}).points == points(page)


def test_cost_rule_matches_githubs_worked_examples() -> None:
    # docs.github.com, "Rate limits and node limits for the GraphQL API": 50 repositories,
    # 20 pull requests each, 10 comments each: 1 + 50 + 1,000 requests, 11 points,
    # 11,050 nodes; the "complex query" of the node-limit section has 22,060 nodes.
    points_example = parse(
        "query { viewer { repositories(first: 50) { edges { repository: node { name"
        " pullRequests(first: 20) { edges { pullRequest: node { title"
        " comments(first: 10) { edges { comment: node { bodyHTML } } } } } } } } } } }"
    )
    assert query_plan(points_example, {}) == Plan(points=11, nodes=11_050)
    nodes_example = parse(
        "query { viewer { repositories(first: 50) { edges { repository: node { name"
        " pullRequests(first: 20) { edges { pullRequest: node { title"
        " comments(first: 10) { edges { comment: node { bodyHTML } } } } } }"
        " issues(first: 20) { totalCount edges { issue: node { title bodyHTML"
        " comments(first: 10) { edges { comment: node { bodyHTML } } } } } } } } }"
        " followers(first: 10) { edges { follower: node { login } } } } }"
    )
    assert query_plan(nodes_example, {}).nodes == 22_060
    assert validate(github_schema(), points_example) == []
    assert validate(github_schema(), nodes_example) == []


def test_graphql_endpoint_beside_rest_and_enterprise() -> None:
    assert graphql_url("https://api.github.com") == "https://api.github.com/graphql"
    assert graphql_url("https://ghe.example/api/v3/") == "https://ghe.example/api/graphql"


def test_page_size_halves_for_the_run_and_fits_points_left() -> None:
    size = PageSize()
    assert size.fit(None, walk_cost) == 100
    assert size.fit(2, walk_cost) == 50
    assert size.fit(0, walk_cost) is None
    size.halve("502")
    size.halve("timeout")
    assert (size.size, size.halvings) == (25, 2)
    assert size.fit(1000, walk_cost) == 25
    tiny = PageSize(size=1)
    tiny.halve("502")
    assert tiny.size == 1


def test_rows_are_spelt_the_rest_way() -> None:
    assert login({"__typename": "Bot", "login": "dependabot"}) == "dependabot[bot]"
    assert login({"__typename": "User", "login": "ada"}) == "ada"
    assert login(None) is None
    node = {
        "fullDatabaseId": "12345678901",
        "number": 4,
        "title": "t",
        "body": "",
        "state": "MERGED",
        "author": None,
        "authorAssociation": "MEMBER",
        "labels": {"nodes": [{"name": "b"}, {"name": "a"}]},
        "comments": {"totalCount": 3},
        "mergedAt": "2024-01-01T00:00:00Z",
        "mergeCommit": {"oid": "f" * 40},
    }
    issue = issue_row(node, "o/r", pull=True)
    assert (issue["id"], issue["state"], issue["body"], issue["labels"]) == (
        None,
        "closed",
        None,
        ["a", "b"],
    )
    assert issue["comments"] == 3
    pull = pull_row(node, "o/r")
    assert (pull["id"], pull["state"], pull["merge_commit_sha"]) == (
        12345678901,
        "closed",
        "f" * 40,
    )
    closed = {
        "__typename": "ClosedEvent",
        "url": "https://github.com/o/r/issues/4#event-987654321",
        "createdAt": "2024-01-01T00:00:00Z",
        "actor": {"__typename": "User", "login": "ada"},
        "closer": {"__typename": "Commit", "oid": "a" * 40},
    }
    row = event_row(closed, "o/r", 4)
    assert (row["id"], row["event"], row["commit_id"]) == (987654321, "closed", "a" * 40)
    by_pull = {**closed, "closer": {"__typename": "PullRequest"}}
    assert event_row(by_pull, "o/r", 4)["commit_id"] is None


def test_a_mangled_archived_answer_is_named_not_a_traceback() -> None:
    event = {"__typename": "ClosedEvent", "url": "https://github.com/o/r/issues/4", "actor": None}
    node = {"number": 4, "comments": None, "timelineItems": {"nodes": [event]}}
    body = {
        "query": "MoreEvents",
        "variables": {},
        "response": {"data": {"repository": {"issueOrPullRequest": node}}},
    }
    page = Page("o/r", "graphql", "https://api.github.com/graphql#MoreEvents", body)
    with pytest.raises(MiningInputError, match=r"graphql#MoreEvents: .*#event-ID anchor"):
        parse_graphql_page(page)
    with pytest.raises(MiningInputError, match="not a GraphQL page"):
        parse_graphql_page(Page("o/r", "graphql", "u", {"query": "Other"}))
