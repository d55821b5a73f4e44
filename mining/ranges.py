"""Ranges of a large repository's `since`-walked listings, for jobs that mine them at once.

A listing (issues, comments, review comments), sorted by `updated` ascending, of P pages at
100 a page is cut into n = ceil(P / split_above) ranges of about `split_above` pages: the first
item of page 1 + P*k/n (k = 1..n-1) gives the lower bound of range k+1 as a time, its
`updated_at`. Range k walks [lower, upper) by `since` like the whole listing, and stops after
the first page holding an item updated at or after `upper`; the last range is open-ended.
Times stay put where GitHub's page numbers shift as items are updated: an item updated while
the ranges run moves into the last range, as it moves ahead in a one-process walk.

Checkpoints: range k of a listing is the state key `<listing>@<k>` (its archive pages go to
the sub-folder `range-<k>` of the listing's folder, numbered by the checkpoint
`archive/<listing>@<k>`). Once every range is done, `merged` gives the ordinary checkpoint of
each listing (the last range's, which ends where a one-process walk ends), and the range keys
are dropped: the next run is incremental as after a one-process walk.

Timeline chunks: the per-issue timelines still to fetch after a repository's ranges merged
can be cut into chunks (`chunk_states`) of at most `split_above` issues each (a timeline is one
request or more, as a listing page is one: a chunk job costs about what a range job does).
Chunk k is the state key `timeline@<k>`, listing its issues with the `updated_at` they are
fetched for; its pages go to the sub-folder `range-<k>` of the timeline folder, numbered by
`archive/timeline@<k>`. Every issue keeps its own `timeline/<n>` checkpoint, so chunks merge
nothing: once all are done their keys are dropped.
"""

from __future__ import annotations

import math
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mining.client import PER_PAGE, GitHubClient, Response
from mining.errors import FetchError
from mining.sink import State
from mining.stamps import second_before

LISTINGS: dict[str, tuple[str, dict[str, str]]] = {
    "issues": ("/issues", {"state": "all"}),
    "comments": ("/issues/comments", {}),
    "review_comments": ("/pulls/comments", {}),
}
"""The `since`-walked listings: path under /repos/OWNER/REPO and fixed query parameters."""


@dataclass
class Split:
    """What probing one listing found: its page count and the lower bounds of ranges 2..n."""

    listing: str
    pages: int
    bounds: list[str] = field(default_factory=list)
    requests: int = 0


def listing_query(listing: str, since: str | None = None, page: int = 1) -> dict[str, object]:
    """The query of a `since` walk of a listing: sorted by `updated` ascending, 100 a page."""
    query: dict[str, object] = {**LISTINGS[listing][1], "sort": "updated", "direction": "asc"}
    query["per_page"] = PER_PAGE
    query |= {"since": since} if since else {}
    query |= {"page": page} if page > 1 else {}
    return query


def probe(client: GitHubClient, repository: str, listing: str, split_above: int) -> Split:
    """Count a listing's pages and, above `split_above` pages, read its range bounds."""
    path = f"/repos/{repository}{LISTINGS[listing][0]}"
    before = client.counts.requests
    first = client.get(client.url(path, listing_query(listing)))
    pages = last_page(first)
    split = Split(listing, pages)
    if pages > split_above > 0:
        count = math.ceil(pages / split_above)
        for k in range(1, count):
            response = client.get(
                client.url(path, listing_query(listing, page=1 + pages * k // count))
            )
            stamp = _first_stamp(response)
            if stamp and (not split.bounds or stamp > split.bounds[-1]):
                split.bounds.append(stamp)
    split.requests = client.counts.requests - before
    return split


def last_page(response: Response) -> int:
    """The page count of a listing from its first page's `Link: rel=last` (1 without one)."""
    target = response.links.get("last")
    if not target:
        return 1
    pages = urllib.parse.parse_qs(urllib.parse.urlsplit(target).query).get("page", ["1"])
    try:
        return max(int(pages[0]), 1)
    except ValueError:
        raise FetchError(f"GET {response.url}: Link rel=last has no page number") from None


def range_states(listing: str, bounds: list[str]) -> dict[str, State]:
    """The first checkpoints of a listing's ranges: range k starts a second before its lower
    bound (GitHub's `since` is inclusive; a second's margin stores a few items twice, never
    misses one) and stops at its upper bound."""
    edges: list[str | None] = [None, *bounds, None]
    states: dict[str, State] = {}
    for k in range(1, len(edges)):
        lower, upper = edges[k - 1], edges[k]
        since = second_before(lower) if lower else None
        states[f"{listing}@{k}"] = {"lower": lower, "upper": upper, "count": len(edges) - 1}
        states[f"{listing}@{k}"] |= {"since": since, "page": 1, "mark": None, "done": False}
    return states


CHUNK = "timeline"
"""The resource whose per-issue requests are cut into chunks (`timeline@<k>`)."""


def is_range_key(key: str) -> bool:
    """True for a range's or chunk's checkpoint key (`issues@2`, `archive/issues@2`,
    `timeline@1`)."""
    return "@" in key


def is_chunk_key(key: str) -> bool:
    """True for a timeline chunk's checkpoint key (`timeline@3`, not its archive key)."""
    return key.startswith(f"{CHUNK}@")


def range_keys(state: Mapping[str, State]) -> list[str]:
    """The listing range checkpoint keys (not their archive keys, nor chunks), by listing and
    number."""
    keys = [
        k for k in state if is_range_key(k) and not k.startswith("archive/") and not is_chunk_key(k)
    ]
    return sorted(keys, key=_order)


def chunk_keys(state: Mapping[str, State]) -> list[str]:
    """The timeline chunk checkpoint keys, by number."""
    return sorted((k for k in state if is_chunk_key(k)), key=_order)


def chunk_states(pending: list[tuple[int, str]], split_above: int) -> dict[str, State]:
    """The checkpoints of timeline chunks for `pending` (issue number, updated_at) pairs: above
    `split_above` issues, n = ceil(len / split_above) chunks of consecutive issues, their sizes
    differing by one at most; none at or below it."""
    if split_above <= 0 or len(pending) <= split_above:
        return {}
    count = math.ceil(len(pending) / split_above)
    ordered = sorted(pending)
    states: dict[str, State] = {}
    for k in range(count):
        part = ordered[len(ordered) * k // count : len(ordered) * (k + 1) // count]
        states[f"{CHUNK}@{k + 1}"] = {
            "issues": [[number, updated_at] for number, updated_at in part],
            "count": count,
            "done": False,
        }
    return states


def unfinished_chunks(state: Mapping[str, State]) -> list[str]:
    """The timeline chunk keys not fetched to their end yet."""
    return [k for k in chunk_keys(state) if not state[k].get("done")]


def chunk_dropped_keys(state: Iterable[str]) -> list[str]:
    """Every timeline chunk key of a state (dropped once all are done; their archive keys stay,
    as those of listing ranges do)."""
    return sorted(k for k in state if is_chunk_key(k))


def archive_part(key: str) -> str | None:
    """The archive sub-folder of a checkpoint key: `range-<k>` for a range, None otherwise."""
    return f"range-{key.split('@', 1)[1]}" if is_range_key(key) else None


def unfinished(state: Mapping[str, State]) -> list[str]:
    """The range keys not walked to their end yet."""
    return [k for k in range_keys(state) if not state[k].get("done")]


def merged(state: Mapping[str, State]) -> dict[str, State]:
    """The ordinary checkpoint of each listing walked in ranges, once all of them are done.

    The last range ends as a one-process walk ends (its `since` a second after the newest item
    it saw, or two seconds before GitHub's Date): every item updated after any range read it
    is at or after that point, so the next walk from there misses nothing.
    """
    if unfinished(state):
        raise ValueError(f"ranges not done: {', '.join(unfinished(state))}")
    result: dict[str, State] = {}
    for listing in LISTINGS:
        keys = [k for k in range_keys(state) if k.split("@")[0] == listing]
        if not keys:
            continue
        last = state[keys[-1]]
        marks = [str(state[k]["mark"]) for k in keys if state[k].get("mark")]
        result[listing] = {"since": last["since"], "page": 1, "mark": max(marks, default=None)}
        result[listing] |= {"etag_url": last.get("etag_url"), "etag": last.get("etag")}
    return result


def dropped_keys(state: Iterable[str]) -> list[str]:
    """Every listing range key of a state (what `merged` replaces). Their archive keys stay:
    a listing split again later numbers its range sub-folder's pages after the stored ones,
    on whichever machine, so gathered folders never hold one number for two stored pages."""
    return sorted(
        k for k in state if is_range_key(k) and not k.startswith("archive/") and not is_chunk_key(k)
    )


def _order(key: str) -> tuple[str, int]:
    listing, _, number = key.partition("@")
    return listing, int(number) if number.isdigit() else 0


def _first_stamp(response: Response) -> str | None:
    body = response.body
    if not isinstance(body, list):
        raise FetchError(f"GET {response.url}: expected a JSON list, got {type(body)}")
    stamps = [str(item["updated_at"]) for item in body[:1] if item.get("updated_at")]
    return stamps[0] if stamps else None
