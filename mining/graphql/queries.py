"""The GraphQL documents studykit sends, validated in the tests against GitHub's public schema.

Every query asks for `rateLimit { cost remaining resetAt }`, so that the client can size the
next page to the points left. Issues and pull requests come with their labels, comments and
the timeline items that link fixes (`ClosedEvent` with its closing commit, `MergedEvent`);
cross-references are asked for separately, only for the issues that need them.
"""

from __future__ import annotations

from collections.abc import Sequence

RATE_LIMIT = "rateLimit { cost remaining resetAt }"

_FRAGMENTS = {
    "Who": """
fragment Who on Actor { __typename login }
""",
    "RepositoryFields": """
fragment RepositoryFields on Repository {
  databaseId nameWithOwner description url createdAt updatedAt pushedAt
  defaultBranchRef { name }
  primaryLanguage { name }
  stargazerCount forkCount
  openIssues: issues(states: [OPEN]) { totalCount }
  openPulls: pullRequests(states: [OPEN]) { totalCount }
}
""",
    "CommentFields": """
fragment CommentFields on IssueComment {
  fullDatabaseId author { ...Who } authorAssociation body createdAt updatedAt url
}
""",
    "FixEvent": """
fragment FixEvent on IssueTimelineItems {
  __typename
  ... on ClosedEvent { url createdAt actor { ...Who } closer { __typename ... on Commit { oid } } }
}
""",
    "PullFixEvent": """
fragment PullFixEvent on PullRequestTimelineItems {
  __typename
  ... on ClosedEvent { url createdAt actor { ...Who } closer { __typename ... on Commit { oid } } }
  ... on MergedEvent { url createdAt actor { ...Who } commit { oid } }
}
""",
    "CommentPage": """
fragment CommentPage on IssueCommentConnection {
  totalCount pageInfo { hasNextPage endCursor } nodes { ...CommentFields }
}
""",
    "CrossReference": """
fragment CrossReference on CrossReferencedEvent {
  createdAt
  source {
    __typename
    ... on Issue { number issueState: state repository { nameWithOwner } }
    ... on PullRequest { number pullState: state mergedAt repository { nameWithOwner } }
  }
}
""",
}


def _with_fragments(operation: str) -> str:
    """The operation followed by every fragment it spreads, directly or through another."""
    text, used = operation, []
    for _ in range(len(_FRAGMENTS)):
        wanted = [n for n in _FRAGMENTS if f"...{n}" in text and n not in used]
        if not wanted:
            break
        used += wanted
        text += "".join(_FRAGMENTS[n] for n in wanted)
    return operation + "".join(_FRAGMENTS[n] for n in sorted(used))


_ISSUE_BODY = """
  fullDatabaseId number title body state stateReason author { ...Who } authorAssociation
  createdAt updatedAt closedAt url
  labels(first: 100) { nodes { name } }
  comments(first: $comments) { ...CommentPage }
"""

ISSUES = _with_fragments(
    """
query IssuesPage($owner: String!, $name: String!, $first: Int!, $after: String,
                 $since: DateTime, $comments: Int!, $events: Int!) {
  @RATE@
  repository(owner: $owner, name: $name) {
    ...RepositoryFields
    issues(first: $first, after: $after, filterBy: {since: $since},
           orderBy: {field: UPDATED_AT, direction: ASC}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        @ITEM@
        timelineItems(first: $events, itemTypes: [CLOSED_EVENT]) {
          pageInfo { hasNextPage endCursor } nodes { ...FixEvent }
        }
      }
    }
  }
}
""".replace("@RATE@", RATE_LIMIT).replace("@ITEM@", _ISSUE_BODY)
)

PULLS = _with_fragments(
    """
query PullsPage($owner: String!, $name: String!, $first: Int!, $after: String,
                $comments: Int!, $events: Int!) {
  @RATE@
  repository(owner: $owner, name: $name) {
    ...RepositoryFields
    pullRequests(first: $first, after: $after, orderBy: {field: UPDATED_AT, direction: DESC}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        @ITEM@
        merged mergedAt mergeCommit { oid }
        timelineItems(first: $events, itemTypes: [CLOSED_EVENT, MERGED_EVENT]) {
          pageInfo { hasNextPage endCursor } nodes { ...PullFixEvent }
        }
      }
    }
  }
}
""".replace("@RATE@", RATE_LIMIT).replace("@ITEM@", _ISSUE_BODY.replace("stateReason ", ""))
)

MORE_COMMENTS = _with_fragments(
    """
query MoreComments($owner: String!, $name: String!, $number: Int!, $after: String) {
  @RATE@
  repository(owner: $owner, name: $name) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue { number comments(first: 100, after: $after) { ...CommentPage } }
      ... on PullRequest { number comments(first: 100, after: $after) { ...CommentPage } }
    }
  }
}
""".replace("@RATE@", RATE_LIMIT)
)

MORE_EVENTS = _with_fragments(
    """
query MoreEvents($owner: String!, $name: String!, $number: Int!, $after: String) {
  @RATE@
  repository(owner: $owner, name: $name) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue {
        number
        timelineItems(first: 100, after: $after, itemTypes: [CLOSED_EVENT]) {
          pageInfo { hasNextPage endCursor } nodes { ...FixEvent }
        }
      }
      ... on PullRequest {
        number
        timelineItems(first: 100, after: $after, itemTypes: [CLOSED_EVENT, MERGED_EVENT]) {
          pageInfo { hasNextPage endCursor } nodes { ...PullFixEvent }
        }
      }
    }
  }
}
""".replace("@RATE@", RATE_LIMIT)
)


def cross_references(numbers: Sequence[int]) -> str:
    """A query for the cross-references of several issues at once (aliases `i<number>`).

    Its variables are `$owner`, `$name` and, per issue, the cursor `$a<number>` (null at first).
    """
    cursors = "".join(f", $a{n}: String" for n in numbers)
    aliases = "".join(
        f"""
    i{n}: issue(number: {n}) {{
      number
      timelineItems(first: 100, after: $a{n}, itemTypes: [CROSS_REFERENCED_EVENT]) {{
        pageInfo {{ hasNextPage endCursor }} nodes {{ ...CrossReference }}
      }}
    }}"""
        for n in numbers
    )
    return _with_fragments(
        f"query CrossReferences($owner: String!, $name: String!{cursors}) {{\n"
        f"  {RATE_LIMIT}\n  repository(owner: $owner, name: $name) {{{aliases}\n  }}\n}}\n"
    )
