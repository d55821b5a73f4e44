"""Mine one repository: repository-level listings at 100 a page, checkpointed page by page.

Passes, in order, each resumable from its checkpoint and incremental after it completed:

- `issues`, `comments` and (when asked for) `review_comments`, the code-line comments of pull
  request reviews: sorted by `updated` ascending and walked by `since`: each page's
  last `updated_at` (less a second) becomes the next `since`, so an item updated during the
  walk moves ahead of it instead of being skipped; where a whole page shares one second the
  walk follows the `Link` header instead. A finished pass leaves the next run's `since` a
  second after the newest item it saw (or two seconds before GitHub's Date, if earlier).
- Ranges (mining.ranges): `run_range` walks one time range of one of these listings, for a
  job that shares a large repository with other jobs; once all are done their checkpoints
  merge into the ordinary ones and `run` goes on incrementally.
- `events` (newest first, no `since` on GitHub): follows `Link` until it meets an event id it
  stored before.
- `pulls` (sorted by `updated` descending): only when the issues pass saw a pull request
  change; stops at the first pull request older than the last pass.
- `repository`: on the first run, and again when issues changed.
- `timeline`: per issue, only for closed issues in scope that nothing mined links to a fix
  (no commit closed or referenced it, no merged pull request of the repository mentions it in
  its title, body or comments): the timeline then adds cross-references from elsewhere.
  `run_timeline_chunk` fetches one chunk of them (mining.ranges), for a job that shares a
  large repository's timelines with other jobs; `run(timelines=False)` leaves them to those.

Every response with content is archived before its rows and the new checkpoint are stored
together, in one transaction (an empty list changes nothing and only moves the checkpoint);
pages archived by a run killed before it stored them are deleted at the next start.
A run that finds nothing new costs three requests per repository (issues, comments, events;
four with review comments);
from the second such run on they repeat the previous URLs with their ETags and are answered 304.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict, Unpack

from mining import archive, links, ranges, rest
from mining.archive import Page
from mining.client import PER_PAGE, GitHubClient, Response
from mining.errors import FetchError, MiningInputError
from mining.select import IssueFilter
from mining.sink import MiningSink, State
from mining.stamps import second_before, shift

PageHook = Callable[[str, str], None]
"""Called with (repository, resource) after each stored page."""


@dataclass
class RepositoryReport:
    """What mining one repository did: pages stored per resource and rows per table."""

    repository: str
    pages: Counter[str] = field(default_factory=Counter)
    rows: Counter[str] = field(default_factory=Counter)
    timelines: int = 0
    requests: int = 0
    not_modified: int = 0
    retries: int = 0
    waited: float = 0.0
    error: str | None = None


class MinerOptions(TypedDict, total=False):
    """The options every repository miner takes, whatever its API."""

    scope: IssueFilter | None
    on_page: PageHook | None
    review_comments: bool


class MinerBase:
    """What a miner of one repository holds, by any API: the client, the sink and archive, the
    repository, its options, the report and the checkpoints loaded from the sink."""

    def __init__(
        self,
        client: GitHubClient,
        sink: MiningSink,
        archive_root: Path,
        repository: str,
        **options: Unpack[MinerOptions],
    ) -> None:
        self.client = client
        self.sink = sink
        self.root = archive_root
        self.repository = repository
        self.scope = options.get("scope")
        self.on_page = options.get("on_page")
        self.review_comments = options.get("review_comments", False)
        self.report = RepositoryReport(repository)
        self.state: dict[str, State] = {}

    def _save(self, states: Mapping[str, State]) -> None:
        self.sink.store(self.repository, None, [], states)
        self.state.update(states)

    def _timeline_candidates(self) -> list[tuple[int, str]]:
        """The issues whose timeline may link a fix (mining.links), with their updated_at."""
        return links.timeline_candidates(
            self.repository,
            self.sink.read("issues", self.repository),
            self.sink.read("events", self.repository),
            self.sink.read("pull_requests", self.repository),
            self.scope,
            self.sink.read("comments", self.repository),
        )


class RepositoryMiner(MinerBase):
    """Brings one repository's GitHub data in a sink up to date, resuming where it stopped."""

    def run(self, *, timelines: bool = True) -> RepositoryReport:
        """Run every pass that has work (the timelines unless told not to); raise FetchError
        on a permanent failure."""
        self.state = self.sink.load_state(self.repository)
        self._prune_archive()
        base = f"/repos/{self.repository}"
        if "repository" not in self.state:
            self._repository()
        self._walk_since("issues")
        self._walk_since("comments")
        if self.review_comments:
            self._walk_since("review_comments")
        self._newest_first("events", f"{base}/issues/events", {}, _event_id, _as_is)
        if self.state["repository"].get("dirty"):
            self._repository()
        if self.state.get("pulls", {}).get("dirty", True):
            params = {"state": "all", "sort": "updated", "direction": "desc"}
            self._newest_first("pulls", f"{base}/pulls", params, _updated, second_before)
        if timelines:
            self.run_timelines()
        return self.report

    def run_timelines(self) -> RepositoryReport:
        """The timeline pass alone (after `run(timelines=False)`), every candidate at once."""
        for number, updated_at in self._timeline_candidates():
            self._timeline(number, updated_at)
        return self.report

    def pending_timelines(self) -> list[tuple[int, str]]:
        """The timeline candidates (number, updated_at) whose `timeline/<n>` checkpoint is not
        at that updated_at: what the timeline pass would fetch now."""
        self.state = self.sink.load_state(self.repository)
        return [
            (number, updated_at)
            for number, updated_at in self._timeline_candidates()
            if self.state.get(f"timeline/{number}", {}).get("updated_at") != updated_at
        ]

    def run_timeline_chunk(self, key: str) -> RepositoryReport:
        """Fetch the timelines of one chunk (checkpoint `key`, e.g. `timeline@2`,
        mining.ranges), resuming from their per-issue checkpoints (one fetched meanwhile for a
        later updated_at, by a plain run, is left alone), then mark it done. A chunk no longer
        planned was finished by another copy of its job, whose end dropped the chunks: nothing
        is left to do."""
        self.state = self.sink.load_state(self.repository)
        if key not in ranges.chunk_keys(self.state):
            return self.report
        self._open_part(key)
        for number, updated_at in self.state[key]["issues"]:
            fetched = self.state.get(f"timeline/{number}", {}).get("updated_at")
            if fetched is None or str(fetched) < str(updated_at):
                self._timeline(int(number), str(updated_at), part_key=key)
        if not self.state[key].get("done"):
            self._save({key: {**self.state[key], "done": True}})
        return self.report

    def run_review_comments(self) -> RepositoryReport:
        """Only the review-comment pass (for the GraphQL path, whose API lacks a listing)."""
        self.state = self.sink.load_state(self.repository)
        self._prune_archive()
        self._walk_since("review_comments")
        return self.report

    def run_range(self, key: str) -> RepositoryReport:
        """Walk one range of a listing (checkpoint `key`, e.g. `issues@2`, mining.ranges) to its
        upper bound; the passes that need the whole listing are left to a later `run`. A range
        no longer planned was finished and merged (another copy of its job ran first): nothing
        is left to do."""
        self.state = self.sink.load_state(self.repository)
        if key not in ranges.range_keys(self.state):
            return self.report
        self._open_part(key)
        if not self.state[key].get("done"):
            self._walk_since(key.split("@")[0], key=key)
        return self.report

    def _open_part(self, key: str) -> None:
        """Prepare a range's or chunk's archive sub-folder: delete pages a killed job archived
        but did not store, or, the first time, number its pages after any already there."""
        part, archive_key = ranges.archive_part(key), f"archive/{key}"
        resource = key.split("@")[0]
        if archive_key in self.state:
            keep = self.state[archive_key]["files"]
            archive.prune_pages(self.root, self.repository, resource, keep, part)
        else:
            files = archive.last_number(self.root, self.repository, resource, part)
            self._save({archive_key: {"files": files}})

    def _repository(self) -> None:
        old = self.state.get("repository", {})
        url = self.client.url(f"/repos/{self.repository}")
        response = self._get(url, old)
        new = {"etag_url": url, "etag": response.etag or old.get("etag"), "dirty": False}
        if response.status == 304:
            self._save({"repository": new})
            return
        name = response.body.get("full_name") if isinstance(response.body, dict) else None
        if name and name.lower() != self.repository.lower():
            raise FetchError(
                f"{self.repository} was renamed or transferred to {name}: "
                "put the new name in [github] repositories"
            )
        self._store("repository", response, {"repository": new})

    def _walk_since(self, resource: str, *, key: str | None = None) -> None:
        """Walk a listing by `since`; with a range `key`, that range's checkpoint, up to its
        `upper` bound (the page holding the first item at or after it is the last)."""
        key = key or resource
        path = f"/repos/{self.repository}{ranges.LISTINGS[resource][0]}"
        while True:
            old = self.state.get(key, {})
            since, page, mark = old.get("since"), old.get("page", 1), old.get("mark")
            url = self.client.url(path, ranges.listing_query(resource, since, page))
            response = self._get(url, old)
            if response.status == 304:
                return
            items = _items(response)
            stamps = [str(i["updated_at"]) for i in items if i.get("updated_at")]
            newest = max([mark, *stamps], key=lambda s: s or "") or None
            upper = old.get("upper")
            beyond = upper is not None and any(stamp >= upper for stamp in stamps)
            more = bool(items) and "next" in response.links and not beyond
            if not more:
                since, page = _next_run_since(newest, response.fetched_at, since), 1
            elif since is None or second_before(max(stamps)) > since:
                since, page = second_before(max(stamps)), 1
            else:
                page += 1
            new = {"since": since, "page": page, "mark": newest}
            new |= {"etag_url": url, "etag": response.etag}
            if key != resource:
                bounds: State = {k: old[k] for k in ("lower", "upper", "count") if k in old}
                states: dict[str, State] = {key: {**bounds, **new, "done": not more}}
            else:
                changed = [
                    i for i in items if mark is None or str(i.get("updated_at") or "") > mark
                ]
                states = {resource: new, **self._dirty_after(resource, changed, mark)}
            self._store(resource, response, states, key=key)
            if not more:
                return

    def _dirty_after(
        self, resource: str, changed: list[dict[str, Any]], mark: str | None
    ) -> dict[str, State]:
        if resource != "issues" or mark is None or not changed:
            return {}
        dirty: dict[str, State] = {}
        if not self.report.pages["repository"]:
            dirty["repository"] = {**self.state["repository"], "dirty": True}
        if "pulls" in self.state and any("pull_request" in item for item in changed):
            dirty["pulls"] = {**self.state["pulls"], "dirty": True}
        return dirty

    def _newest_first(
        self,
        resource: str,
        path: str,
        params: Mapping[str, Any],
        key: Callable[[dict[str, Any]], Any],
        mark_of: Callable[[Any], Any],
    ) -> None:
        old = self.state.get(resource, {})
        first_url = self.client.url(path, {**params, "per_page": PER_PAGE})
        resuming = "next" in old
        url = old["next"] if resuming else first_url
        stop = old["stop"] if resuming else old.get("mark")
        top, top_etag = old.get("top"), old.get("top_etag")
        while True:
            response = self._get(url, {} if resuming else old)
            if response.status == 304:
                if old.get("dirty"):
                    self._save({resource: {**old, "dirty": False}})
                return
            items = _items(response)
            keys = [key(item) for item in items]
            if not resuming:
                top = mark_of(max(keys)) if keys else stop
                top_etag, resuming = response.etag, True
            reached = stop is not None and any(k <= stop for k in keys)
            if reached or not items or "next" not in response.links:
                new = {"mark": top, "etag_url": first_url, "etag": top_etag, "dirty": False}
            else:
                new = {"next": response.links["next"], "stop": stop, "top": top}
                new |= {"top_etag": top_etag, "dirty": True}
            self._store(resource, response, {resource: new})
            if "next" not in new:
                return
            url = new["next"]

    def _timeline(self, number: int, updated_at: str, *, part_key: str | None = None) -> None:
        """Fetch one issue's timeline unless its checkpoint is at `updated_at`; with a chunk's
        `part_key`, into that chunk's archive sub-folder."""
        key = f"timeline/{number}"
        old = self.state.get(key, {})
        if old.get("updated_at") == updated_at:
            return
        path = f"/repos/{self.repository}/issues/{number}/timeline"
        url = old.get("next") or self.client.url(path, {"per_page": PER_PAGE})
        while True:
            response = self._get(url, {})
            following = response.links.get("next") if _items(response) else None
            new = {"next": following} if following else {"updated_at": updated_at}
            self._store("timeline", response, {key: new}, key=part_key)
            if not following:
                break
            url = following
        self.report.timelines += 1

    def _get(self, url: str, old: State) -> Response:
        etag = old.get("etag") if old.get("etag_url") == url else None
        counts = self.client.counts
        before = (counts.requests, counts.not_modified, counts.retries, counts.waited)
        try:
            return self.client.get(url, etag=etag)
        finally:
            self.report.requests += counts.requests - before[0]
            self.report.not_modified += counts.not_modified - before[1]
            self.report.retries += counts.retries - before[2]
            self.report.waited += counts.waited - before[3]

    def _store(
        self,
        resource: str,
        response: Response,
        states: Mapping[str, State],
        *,
        key: str | None = None,
    ) -> None:
        if response.body == []:
            self._save(states)
            return
        part = ranges.archive_part(key) if key else None
        key = f"archive/{key or resource}"
        number = int(self.state[key]["files"]) + 1
        page = Page(
            self.repository,
            resource,
            response.url,
            response.body,
            response.status,
            response.fetched_at,
            dict(response.headers),
        )
        try:
            table, rows = rest.parse_page(page)
        except MiningInputError as exc:
            raise FetchError(str(exc)) from None
        archive.write_page(self.root, page, number=number, part=part)
        states = {**states, key: {"files": number}}
        self.sink.store(self.repository, table, rows, states)
        self.state.update(states)
        self.report.pages[resource] += 1
        self.report.rows[table] += len(rows)
        if self.on_page is not None:
            self.on_page(self.repository, resource)

    def _prune_archive(self) -> None:
        fresh: dict[str, State] = {}
        for resource in archive.RESOURCES:
            key = f"archive/{resource}"
            if key in self.state:
                archive.prune_pages(self.root, self.repository, resource, self.state[key]["files"])
            else:
                fresh[key] = {"files": archive.last_number(self.root, self.repository, resource)}
        if fresh:
            self._save(fresh)


def _items(response: Response) -> list[dict[str, Any]]:
    if not isinstance(response.body, list):
        raise FetchError(f"GET {response.url}: expected a JSON list, got {type(response.body)}")
    return response.body


def _event_id(item: dict[str, Any]) -> int:
    return int(item["id"])


def _as_is(value: Any) -> Any:
    return value


def _updated(item: dict[str, Any]) -> str:
    return str(item.get("updated_at") or "")


def _next_run_since(newest: str | None, fetched_at: str, since: str | None) -> str | None:
    """Where the next run starts: after the newest item, unless that is too close to now.

    Anything changed after this walk's last answer has an `updated_at` no earlier than that
    answer's Date, so starting a second after the newest item seen loses nothing; two
    seconds before the Date bounds it for items updated while the walk ended.
    """
    if newest is None:
        return since
    return min(shift(newest, 1), shift(fetched_at, -2))
