"""Mine one repository through GitHub's GraphQL API, into the same rows as the REST miner.

Passes, each resumable from its checkpoint and incremental after it completed:

- `graphql/issues`: issues by `updatedAt` ascending, `filterBy: {since}`, paged by cursor,
  each with labels, comments and closing events; the next run starts a second after the
  newest issue seen (as the REST walk does).
- `graphql/pulls`: pull requests by `updatedAt` descending (GraphQL has no `since` for them),
  stopping at the first one not changed since the last run; a page with nothing new is not
  stored again.
- review comments through REST, when asked for (GraphQL has no repository-wide listing).
- cross-references: for the same issues the REST miner asks the timeline of (closed issues in
  scope that nothing mined links to a fix), up to 100 issues a query.

An issue with more than 100 comments or closing events gets further pages of them before the
walk's checkpoint moves on. Page size starts at 100, is halved for the rest of the run on a
502, a timeout or GitHub's "something went wrong" answer, and shrinks to what the points left
(`rateLimit.remaining`) pay for. Every answer is archived (resource `graphql`) before its rows
and checkpoint are stored; pages of a run killed before storing them are deleted at the next
start. Not stored by this path: label and reference events (GraphQL gives them no REST id),
and the issue id of pull requests (see mining/graphql/parse.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Unpack

from mining import archive
from mining.archive import Page
from mining.client import GitHubClient
from mining.errors import FetchError, MiningInputError
from mining.graphql import queries
from mining.graphql.client import Answer, GraphQLClient
from mining.graphql.parse import GRAPHQL_RESOURCE, parse_graphql_page
from mining.miner import (
    MinerBase,
    MinerOptions,
    RepositoryMiner,
    RepositoryReport,
    _next_run_since,
)
from mining.sink import MiningSink, State
from mining.stamps import second_before

MAX_PAGE = 100
NESTED = 100
CROSS_BATCH = 100
_ARCHIVE_KEY = f"archive/{GRAPHQL_RESOURCE}"


_MORE = {
    "comments": ("MoreComments", queries.MORE_COMMENTS),
    "timelineItems": ("MoreEvents", queries.MORE_EVENTS),
}


def _pending(nodes: list[dict[str, Any]]) -> list[list[Any]]:
    """(number, connection, cursor) of each item whose comments or events have another page."""
    return [
        [int(node["number"]), field, node[field]["pageInfo"]["endCursor"]]
        for node in nodes
        for field in _MORE
        if node[field]["pageInfo"]["hasNextPage"]
    ]


def points(connections: float) -> int:
    """GitHub's cost of a query: connection requests it may need, over 100, rounded, at least 1."""
    return max(1, round(connections / 100))


def walk_cost(page: int) -> int:
    """Points of an issues or pull requests page of `page` items (labels, comments, events)."""
    return points(3 + 3 * page)


@dataclass
class PageSize:
    """Items per page: halved for the rest of the run on an overload, fitted to points left."""

    size: int = MAX_PAGE
    halvings: int = 0

    def halve(self, _reason: str) -> None:
        """GitHub ran out of time (or a proxy gave up): ask for half as many from now on."""
        if self.size > 1:
            self.size //= 2
            self.halvings += 1

    def fit(self, remaining: int | None, cost: Callable[[int], int]) -> int | None:
        """The largest page up to `size` whose cost `remaining` points pay; None if none does."""
        if remaining is None:
            return self.size
        page = self.size
        while page >= 1 and cost(page) > remaining:
            page //= 2
        return page if page >= 1 else None


class GraphQLRepositoryMiner(MinerBase):
    """Brings one repository's GitHub data in a sink up to date through GraphQL."""

    def __init__(
        self,
        client: GitHubClient,
        graphql: GraphQLClient,
        sink: MiningSink,
        archive_root: Path,
        repository: str,
        *,
        rest: GitHubClient | None = None,
        page_size: PageSize | None = None,
        nested: int = NESTED,
        **options: Unpack[MinerOptions],
    ) -> None:
        super().__init__(client, sink, archive_root, repository, **options)
        self.graphql = graphql
        self.owner, self.name = repository.split("/")
        self.rest = rest
        self.size = page_size or PageSize()
        self.nested = nested

    def run(self) -> RepositoryReport:
        """Run every pass that has work; raise FetchError on a permanent failure."""
        self.state = self.sink.load_state(self.repository)
        self._prune_archive()
        self._issues()
        self._pulls()
        if self.review_comments:
            self._review_comments()
        self._cross_references()
        return self.report

    def _issues(self) -> None:
        key = "graphql/issues"
        if self._drain(key):
            return
        while True:
            old = self.state.get(key, {})
            since, after, mark = old.get("since"), old.get("after"), old.get("mark")
            fixed = {"since": since, "after": after, "comments": self.nested, "events": self.nested}
            answer = self._walk_page("IssuesPage", queries.ISSUES, fixed)
            connection = self._repository(answer)["issues"]
            nodes = connection["nodes"]
            stamps = [str(n["updatedAt"]) for n in nodes]
            newest = max([mark, *stamps], key=lambda s: s or "") or None
            more = bool(nodes) and bool(connection["pageInfo"]["hasNextPage"])
            if more:
                cursor = connection["pageInfo"]["endCursor"]
                new: State = {"since": since, "after": cursor, "mark": newest}
            else:
                since = _next_run_since(newest, answer.response.fetched_at, since)
                new = {"since": since, "after": None, "mark": newest}
            if nodes:
                self._store(answer, {key: new | {"pending": _pending(nodes)}})
                self._drain(key)
            else:
                self._save({key: new})
            if not more:
                return

    def _pulls(self) -> None:
        key = "graphql/pulls"
        if self._drain(key):
            return
        old = self.state.get(key, {})
        resuming = bool(old.get("after"))
        after = old.get("after")
        stop = old["stop"] if resuming else old.get("mark")
        top = old.get("top")
        while True:
            fixed = {"after": after, "comments": self.nested, "events": self.nested}
            answer = self._walk_page("PullsPage", queries.PULLS, fixed)
            connection = self._repository(answer)["pullRequests"]
            nodes = connection["nodes"]
            keys = [str(n["updatedAt"]) for n in nodes]
            if not resuming:
                top, resuming = (second_before(max(keys)) if keys else stop), True
            reached = stop is not None and any(k <= stop for k in keys)
            if reached or not nodes or not connection["pageInfo"]["hasNextPage"]:
                new: State = {"mark": top}
            else:
                new = {"after": connection["pageInfo"]["endCursor"], "stop": stop, "top": top}
            if any(stop is None or k > stop for k in keys):
                self._store(answer, {key: new | {"pending": _pending(nodes)}})
                self._drain(key)
            else:
                self._save({key: new})
            if "after" not in new:
                return
            after = new["after"]

    def _drain(self, key: str) -> bool:
        """Fetch the further pages a stored walk page left pending; True if the walk had ended.

        The pending list (issue number, connection, cursor) is stored with each page, so a
        killed run goes on with the next page it lacks.
        """
        state = self.state.get(key, {})
        if not state.get("pending"):
            return False
        pending = [list(item) for item in state["pending"]]
        while pending:
            number, field, cursor = pending[0]
            name, document = _MORE[field]
            variables = self._names() | {"number": number, "after": cursor}
            answer = self._ask(name, document, variables)
            info = answer.data["repository"]["issueOrPullRequest"][field]["pageInfo"]
            if info["hasNextPage"]:
                pending[0] = [number, field, info["endCursor"]]
            else:
                pending.pop(0)
            self._store(answer, {key: {**state, "pending": pending}})
        ended = not state.get("after")
        return ended

    def _review_comments(self) -> None:
        if self.rest is None:
            raise FetchError("review comments need the REST API, and no REST client was given")
        miner = RepositoryMiner(
            self.rest, self.sink, self.root, self.repository, on_page=self.on_page
        )
        part = miner.run_review_comments()
        self.report.pages.update(part.pages)
        self.report.rows.update(part.rows)
        for name in ("requests", "not_modified", "retries"):
            setattr(self.report, name, getattr(self.report, name) + getattr(part, name))
        self.report.waited += part.waited
        self.state = self.sink.load_state(self.repository)

    def _cross_references(self) -> None:
        wanted = self._timeline_candidates()
        todo = [
            (number, updated)
            for number, updated in wanted
            if self.state.get(f"timeline/{number}", {}).get("updated_at") != updated
        ]
        key = "graphql/cross_references"
        cursors: dict[int, str | None] = {
            int(n): c for n, c in self.state.get(key, {}).get("cursors", {}).items()
        }
        while todo:
            batch, todo = todo[:CROSS_BATCH], todo[CROSS_BATCH:]
            numbers = [n for n, _ in batch]
            variables = self._names() | {f"a{n}": cursors.get(n) for n in numbers}
            document = queries.cross_references(numbers)
            answer = self._ask("CrossReferences", document, variables, cost=points(len(batch)))
            states: dict[str, State] = {}
            pending = []
            for number, updated in batch:
                info = answer.data["repository"][f"i{number}"]["timelineItems"]["pageInfo"]
                if info["hasNextPage"]:
                    cursors[number] = info["endCursor"]
                    pending.append((number, updated))
                else:
                    states[f"timeline/{number}"] = {"updated_at": updated}
                    self.report.timelines += 1
            for number, _ in batch:
                if f"timeline/{number}" in states:
                    cursors.pop(number, None)
            states[key] = {"cursors": {str(n): c for n, c in cursors.items()}}
            self._store(answer, states)
            todo = pending + todo

    def _walk_page(self, name: str, document: str, fixed: Mapping[str, Any]) -> Answer:
        def variables(page: int) -> dict[str, Any]:
            return self._names() | {"first": page} | dict(fixed)

        return self._ask(name, document, variables, cost=None)

    def _ask(
        self,
        name: str,
        document: str,
        variables: Mapping[str, Any] | Callable[[int], dict[str, Any]],
        *,
        cost: int | None = 1,
    ) -> Answer:
        """Send one query; a walk's variables depend on the page size, fitted to points left."""

        def build() -> tuple[str, str, dict[str, Any]]:
            if not callable(variables):
                self._afford(lambda _: cost or 1)
                return name, document, dict(variables)
            page = self._afford(walk_cost)
            return name, document, variables(page)

        counts = self.client.counts
        before = (counts.requests, counts.not_modified, counts.retries, counts.waited)
        try:
            return self.graphql.query(build, on_overload=self.size.halve)
        finally:
            self.report.requests += counts.requests - before[0]
            self.report.not_modified += counts.not_modified - before[1]
            self.report.retries += counts.retries - before[2]
            self.report.waited += counts.waited - before[3]

    def _afford(self, cost: Callable[[int], int]) -> int:
        """The page size the points left pay for, waiting for the reset if they pay for none."""
        if self.graphql.reset_at is not None and self.graphql.reset_at <= time.time():
            self.graphql.remaining = None
        page = self.size.fit(self.graphql.remaining, cost)
        if page is not None:
            return page
        reset = self.graphql.reset_at or 0.0
        wait = max(reset - time.time(), 0.0) + 0.5
        self.client.pause(wait, f"GraphQL points used up: waiting {wait:.0f} s until resetAt")
        self.graphql.remaining = None
        return self.size.size

    def _repository(self, answer: Answer) -> dict[str, Any]:
        repo = answer.data.get("repository")
        if not isinstance(repo, dict):
            raise FetchError(f"{self.repository}: GraphQL answered without the repository")
        name = repo.get("nameWithOwner")
        if name and str(name).lower() != self.repository.lower():
            raise FetchError(
                f"{self.repository} was renamed or transferred to {name}: "
                "put the new name in [github] repositories"
            )
        return repo

    def _names(self) -> dict[str, Any]:
        return {"owner": self.owner, "name": self.name}

    def _store(self, answer: Answer, states: Mapping[str, State] | None = None) -> None:
        number = int(self.state[_ARCHIVE_KEY]["files"]) + 1
        response = answer.response
        page = Page(
            self.repository,
            GRAPHQL_RESOURCE,
            f"{self.graphql.url}#{answer.name}",
            answer.archived(),
            response.status,
            response.fetched_at,
            dict(response.headers),
        )
        try:
            tables = parse_graphql_page(page)
        except MiningInputError as exc:
            raise FetchError(str(exc)) from None
        archive.write_page(self.root, page, number=number)
        for table, rows in tables:
            self.sink.store(self.repository, table, rows, {})
            self.report.rows[table] += len(rows)
        done = {**(states or {}), _ARCHIVE_KEY: {"files": number}}
        self._save(done)
        self.report.pages[GRAPHQL_RESOURCE] += 1
        if self.on_page is not None:
            self.on_page(self.repository, GRAPHQL_RESOURCE)

    def _prune_archive(self) -> None:
        if _ARCHIVE_KEY in self.state:
            keep = self.state[_ARCHIVE_KEY]["files"]
            archive.prune_pages(self.root, self.repository, GRAPHQL_RESOURCE, keep)
        else:
            files = archive.last_number(self.root, self.repository, GRAPHQL_RESOURCE)
            self._save({_ARCHIVE_KEY: {"files": files}})
