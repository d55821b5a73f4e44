"""A GitHub REST v3 stand-in on 127.0.0.1: real sockets, real headers, injected faults.

It serves a Corpus the way api.github.com does: `Link` pagination (capped at `max_per_page`),
`since`/`sort`/`direction`/`state` filters, ETags and 304 answers that cost no rate limit,
`X-RateLimit-*` headers with a per-token window of a few seconds (the fault "exhaust" spends a
token's whole window at once, as another program sharing the token would), secondary limits with
`Retry-After`, 502s, dropped and reset connections, truncated bodies, 301 for a renamed
repository and 404 for a deleted one. Perceval's extra endpoints (per-issue comments and
reactions, users, organisations, `/rate_limit`) are there too, also under `/api/v3`.
`POST /graphql` (and `/api/graphql`) answers GitHub's GraphQL API for the same corpus
(tests/support/graphql_standin.py), with a per-token budget of points and the same faults.
"""

from __future__ import annotations

import hashlib
import json
import math
import socket
import struct
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.corpus import Corpus, RepoData, open_count
from tests.support.graphql_standin import github_schema, run_query

FAULTS = ("502", "drop", "truncate", "reset", "garble", "secondary", "secondary429")


@dataclass
class Behaviour:
    """How the stand-in misbehaves: limits, faults by request index, slowness."""

    tokens: tuple[str, ...] = ()
    limit: int = 1_000_000
    window: int = 3600
    max_per_page: int = 100
    faults: dict[int, str] = field(default_factory=dict)
    fault_every: int = 0
    fault_kinds: tuple[str, ...] = FAULTS
    slow_after: int | None = None
    slowness: float = 0.0
    points: int = 5000
    max_nodes: int | None = None


@dataclass
class _Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


class StandIn:
    """A threaded HTTP server that answers like GitHub's REST API for a corpus."""

    def __init__(self, corpus: Corpus, behaviour: Behaviour | None = None) -> None:
        self.corpus = corpus
        self.behaviour = behaviour or Behaviour()
        self.lock = threading.Lock()
        self.requests = 0
        self.log: list[tuple[str, int]] = []
        self.kinds: Counter[str] = Counter()
        self.points_spent = 0
        self.windows: dict[str, list[float]] = {}
        self.auth_headers: list[str] = []
        self.calls: list[tuple[str, str]] = []
        """(Authorization header, path) of every request, in arrival order."""
        self._server = _QuietServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        """The base URL to give a client as its API URL."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> StandIn:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()

    def reset_counts(self) -> None:
        """Forget the requests counted so far."""
        with self.lock:
            self.requests = 0
            self.log.clear()
            self.kinds.clear()
            self.calls.clear()

    def count(self, prefix: str = "") -> int:
        """Requests whose path (without the query) starts with `prefix`."""
        with self.lock:
            return sum(1 for path, _ in self.log if path.startswith(prefix))

    def answer(
        self, method: str, raw_path: str, headers: dict[str, str], body: bytes = b""
    ) -> tuple[str, _Reply]:
        """What to do with a request: a fault kind or "ok", and the reply."""
        with self.lock:
            self.requests += 1
            index = self.requests
        b = self.behaviour
        if b.slow_after is not None and index > b.slow_after:
            time.sleep(b.slowness)
        fault = b.faults.get(index)
        if fault is None and b.fault_every and index % b.fault_every == 0:
            fault = b.fault_kinds[(index // b.fault_every) % len(b.fault_kinds)]
        parsed = urllib.parse.urlsplit(raw_path)
        path = parsed.path.removeprefix("/api/v3")
        graphql = method == "POST" and path in ("/graphql", "/api/graphql")
        if fault == "exhaust":
            who = _token(headers.get("authorization", "")) or "anonymous"
            self._exhaust(f"{who}#graphql" if graphql else who)
        query = dict(urllib.parse.parse_qsl(parsed.query))
        if graphql:
            reply, kind = self._graphql(headers, body)
        elif method == "POST":
            reply, kind = _not_found(), "POST"
        else:
            reply, kind = self._reply(path, query, headers, raw_path), _kind(path)
        with self.lock:
            self.log.append((path, reply.status))
            self.kinds[kind] += 1
        if fault in ("secondary", "secondary429"):
            message = "You have exceeded a secondary rate limit. Please wait a few minutes."
            status = 429 if fault == "secondary429" else 403
            return "ok", _Reply(status, {"message": message}, {"Retry-After": "1"})
        return fault or "ok", reply

    def _reply(self, path: str, query: dict[str, str], headers: dict[str, str], raw: str) -> _Reply:
        token = _token(headers.get("authorization", ""))
        if self.behaviour.tokens and token not in self.behaviour.tokens:
            return _Reply(401, {"message": "Bad credentials"})
        limit_headers, exhausted = self._spend(token or "anonymous")
        if exhausted:
            body = {"message": "API rate limit exceeded for user ID 1."}
            return _Reply(403, body, limit_headers)
        reply = self._route(path, query, raw)
        reply.headers.update(limit_headers)
        if reply.status == 200:
            etag = 'W/"' + hashlib.sha1(_encode(reply.body)).hexdigest() + '"'
            reply.headers["ETag"] = etag
            if headers.get("if-none-match") == etag:
                self._refund(token or "anonymous", reply.headers)
                return _Reply(304, None, reply.headers)
        return reply

    def _graphql(self, headers: dict[str, str], body: bytes) -> tuple[_Reply, str]:
        token = _token(headers.get("authorization", ""))
        if self.behaviour.tokens and token not in self.behaviour.tokens:
            return _Reply(401, {"message": "Bad credentials"}), "graphql"
        try:
            request = json.loads(body)
        except ValueError:
            request = None
        name = str(request.get("query", "")).strip().split("(")[0].split("{")[0] if request else ""
        kind = "graphql " + (name.removeprefix("query").strip() or "?")
        key = f"{token or 'anonymous'}#graphql"
        github_schema()  # built once, before the clock of a rate-limit window starts
        b = self.behaviour
        with self.lock:
            now = time.time()
            window = self.windows.get(key)
            if window is None or now >= window[1]:
                window = [float(b.points), float(math.ceil(now + b.window))]
                self.windows[key] = window
            reset = datetime.fromtimestamp(window[1], UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            rate = {"limit": b.points, "remaining": int(window[0]), "resetAt": reset, "cost": 0}
            status, answer, _ = run_query(self.corpus, request, rate, b.max_nodes)
            self.points_spent += int(window[0]) - int(rate["remaining"])
            window[0] = float(rate["remaining"])
            limit_headers = _limit_headers(b.points, window)
        limit_headers["X-RateLimit-Resource"] = "graphql"
        return _Reply(status, answer, limit_headers), kind

    def _spend(self, token: str) -> tuple[dict[str, str], bool]:
        b = self.behaviour
        with self.lock:
            now = time.time()
            window = self.windows.get(token)
            if window is None or now >= window[1]:
                window = [float(b.limit), float(math.ceil(now + b.window))]
                self.windows[token] = window
            exhausted = window[0] <= 0
            if not exhausted:
                window[0] -= 1
            return _limit_headers(b.limit, window), exhausted

    def _exhaust(self, token: str) -> None:
        """Spend the rest of a token's window, as another program using the token would."""
        b = self.behaviour
        with self.lock:
            now = time.time()
            window = self.windows.get(token)
            if window is None or now >= window[1]:
                window = [float(b.limit), float(math.ceil(now + b.window))]
                self.windows[token] = window
            window[0] = 0

    def _refund(self, token: str, headers: dict[str, str]) -> None:
        with self.lock:
            window = self.windows[token]
            window[0] += 1
            headers.update(_limit_headers(self.behaviour.limit, window))

    def _route(self, path: str, query: dict[str, str], raw: str) -> _Reply:
        parts = [urllib.parse.unquote(p) for p in path.strip("/").split("/")]
        if parts == ["rate_limit"]:
            core = {"limit": self.behaviour.limit, "remaining": self.behaviour.limit, "reset": 0}
            return _Reply(200, {"resources": {"core": core}, "rate": core})
        if len(parts) >= 2 and parts[0] == "users":
            found = self.corpus.users.get(parts[1])
            if found is None:
                return _not_found()
            return _Reply(200, [] if parts[2:] == ["orgs"] else {**found, "name": parts[1]})
        if len(parts) == 2 and parts[0] == "repositories":
            for repo in self.corpus.repos.values():
                if str(repo.id) == parts[1]:
                    return _Reply(200, {**repo.meta, "full_name": repo.renamed_to or repo.name})
            return _not_found()
        if len(parts) < 3 or parts[0] != "repos":
            return _not_found()
        name = f"{parts[1]}/{parts[2]}"
        repo = self.corpus.repos.get(name)
        if repo is None or repo.gone:
            return _not_found()
        if repo.renamed_to:
            prefix = "/api/v3" if raw.startswith("/api/v3") else ""
            location = f"{self.url}{prefix}/repositories/{repo.id}"
            return _Reply(301, {"message": "Moved Permanently"}, {"Location": location})
        return self._repo_route(repo, parts[3:], query, raw)

    def _repo_route(
        self, repo: RepoData, rest: list[str], query: dict[str, str], raw: str
    ) -> _Reply:
        if not rest:
            return _Reply(200, {**repo.meta, "open_issues_count": open_count(repo)})
        if rest == ["issues"]:
            return self._page(raw, query, self._issues(repo, query))
        if rest == ["issues", "comments"]:
            items = _since(list(repo.comments.values()), query)
            items = _sorted(items, query.get("sort", "created"), query.get("direction", "asc"))
            return self._page(raw, query, items)
        if rest == ["pulls", "comments"]:
            items = _since(list(repo.review_comments.values()), query)
            items = _sorted(items, query.get("sort", "created"), query.get("direction", "asc"))
            return self._page(raw, query, items)
        if rest == ["issues", "events"]:
            return self._page(raw, query, sorted(repo.events.values(), key=lambda e: -e["id"]))
        if rest == ["pulls"]:
            items = _state(list(repo.pulls.values()), query.get("state", "open"))
            items = _sorted(items, query.get("sort", "created"), query.get("direction", "desc"))
            return self._page(raw, query, items)
        if len(rest) == 3 and rest[0] == "issues" and rest[1].isdigit():
            number = int(rest[1])
            if number not in repo.issues:
                return _not_found()
            if rest[2] == "timeline":
                return self._page(raw, query, _timeline(repo, number))
            if rest[2] == "comments":
                items = [c for c in repo.comments.values() if _comment_on(c, number)]
                return self._page(raw, query, sorted(items, key=lambda c: c["id"]))
            if rest[2] == "reactions":
                return self._page(raw, query, _reactions(repo.issues[number]))
        if len(rest) == 4 and rest[:2] == ["issues", "comments"] and rest[3] == "reactions":
            comment = repo.comments.get(int(rest[2]))
            return self._page(raw, query, _reactions(comment)) if comment else _not_found()
        if len(rest) == 2 and rest[0] == "pulls" and rest[1].isdigit():
            pull = repo.pulls.get(int(rest[1]))
            return _Reply(200, pull) if pull else _not_found()
        return _not_found()

    def _issues(self, repo: RepoData, query: dict[str, str]) -> list[dict[str, Any]]:
        items = _state(list(repo.issues.values()), query.get("state", "open"))
        items = _since(items, query)
        return _sorted(items, query.get("sort", "created"), query.get("direction", "desc"))

    def _page(self, raw: str, query: dict[str, str], items: list[dict[str, Any]]) -> _Reply:
        per_page = min(int(query.get("per_page", 30)), self.behaviour.max_per_page)
        page = max(int(query.get("page", 1)), 1)
        last = max(1, math.ceil(len(items) / per_page))
        chunk = items[(page - 1) * per_page : page * per_page]
        links = []
        path = urllib.parse.urlsplit(raw).path
        for rel, target in (("prev", page - 1), ("next", page + 1), ("last", last), ("first", 1)):
            if (rel in ("prev", "first") and page > 1) or (rel in ("next", "last") and page < last):
                params = urllib.parse.urlencode({**query, "page": target})
                links.append(f'<{self.url}{path}?{params}>; rel="{rel}"')
        headers = {"Link": ", ".join(links)} if links else {}
        return _Reply(200, chunk, headers)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say nothing when a client (killed on purpose) drops its connection."""


def _handler(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._serve("POST", self.rfile.read(length))

        def do_GET(self) -> None:
            self._serve("GET", b"")

        def _serve(self, method: str, body: bytes) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            if "authorization" in headers:
                standin.auth_headers.append(headers["authorization"])
            standin.calls.append((headers.get("authorization", ""), self.path))
            fault, reply = standin.answer(method, self.path, headers, body)
            if fault == "drop":
                self.close_connection = True
                return
            if fault == "reset":
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.close_connection = True
                return
            if fault == "502":
                reply = _Reply(502, "<html><body><h1>502 Bad Gateway</h1></body></html>")
            body = b"" if reply.status == 304 else _encode(reply.body)
            sent = body
            if fault == "truncate":
                sent = body[: len(body) // 2]
            if fault == "garble":
                body = sent = body[: len(body) // 2]
            self.send_response(reply.status)
            is_html = isinstance(reply.body, str)
            kind = "text/html" if is_html else "application/json"
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Date", formatdate(usegmt=True))
            for key, value in reply.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(sent)
            if fault == "truncate":
                self.wfile.flush()
                self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@contextmanager
def serving(corpus: Corpus, behaviour: Behaviour | None = None) -> Iterator[StandIn]:
    """A started stand-in, stopped on exit."""
    standin = StandIn(corpus, behaviour).start()
    try:
        yield standin
    finally:
        standin.stop()


def _encode(body: Any) -> bytes:
    if isinstance(body, str):
        return body.encode()
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _token(header: str) -> str | None:
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() in ("token", "bearer") and value.strip() else None


def _limit_headers(limit: int, window: list[float]) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(int(window[0])),
        "X-RateLimit-Reset": str(int(window[1])),
        "X-RateLimit-Used": str(limit - int(window[0])),
        "X-RateLimit-Resource": "core",
    }


def _not_found() -> _Reply:
    return _Reply(404, {"message": "Not Found", "documentation_url": "https://docs.github.com"})


def _kind(path: str) -> str:
    parts = path.strip("/").split("/")
    if parts[0] != "repos":
        return parts[0]
    rest = ["{n}" if p.isdigit() else p for p in parts[3:]]
    return "/".join(rest) or "repository"


def _normal(text: str) -> str:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).strftime("%Y-%m-%dT%H:%M:%SZ")


def _since(items: list[dict[str, Any]], query: dict[str, str]) -> list[dict[str, Any]]:
    if "since" not in query:
        return items
    since = _normal(query["since"])
    return [i for i in items if i["updated_at"] >= since]


def _state(items: list[dict[str, Any]], state: str) -> list[dict[str, Any]]:
    return items if state == "all" else [i for i in items if i["state"] == state]


def _sorted(items: list[dict[str, Any]], sort: str, direction: str) -> list[dict[str, Any]]:
    field_name = "updated_at" if sort == "updated" else "created_at"
    ordered = sorted(items, key=lambda i: (i[field_name], i.get("number", i.get("id"))))
    return ordered[::-1] if direction == "desc" else ordered


def _comment_on(comment: dict[str, Any], number: int) -> bool:
    return bool(comment["issue_url"].rsplit("/", 1)[1] == str(number))


def _timeline(repo: RepoData, number: int) -> list[dict[str, Any]]:
    own = [
        {k: v for k, v in e.items() if k != "issue"}
        for e in repo.events.values()
        if e["issue"]["number"] == number
    ]
    said = [
        {"event": "commented", "id": c["id"], "created_at": c["created_at"], "body": c["body"]}
        for c in repo.comments.values()
        if _comment_on(c, number)
    ]
    everything = own + said + list(repo.cross_refs.get(number, []))
    return sorted(everything, key=lambda e: e["created_at"])


def _reactions(obj: dict[str, Any]) -> list[dict[str, Any]]:
    count = obj["reactions"]["total_count"]
    return [
        {"id": obj["id"] * 10 + k, "content": "+1", "user": {"login": f"dev{k:04d}", "id": k}}
        for k in range(count)
    ]
