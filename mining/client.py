"""GitHub REST v3 through PyGithub's requester: conditional GETs, token rotation, limits, retries.

A primary rate limit waits until `X-RateLimit-Reset` (or switches to a token that has requests
left), a secondary limit waits for `Retry-After`, and 5xx answers, dropped or reset connections
and truncated bodies are retried with exponential back-off and jitter, a bounded number of
times. Permanent failures (401, 403, 404, 410, ...) raise FetchError at once. No message,
header or URL this module hands on contains a token.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import math
import random
import time
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any

import requests
from github import Auth
from github.Requester import Requester

from mining.errors import FetchError, TokensRefused

Sleep = Callable[[float, str], None]
"""Waits `seconds`, telling the user `reason` (the command line shows a progress bar)."""

PER_PAGE = 100
_HEADER_NAMES = {"etag": "ETag", "link": "Link", "last-modified": "Last-Modified", "date": "Date"}
_TRANSIENT_ERRORS = (requests.RequestException, http.client.HTTPException, OSError)


@dataclass(frozen=True)
class FetchPolicy:
    """How patient the client is: back-off base and cap, attempts per request, timeouts."""

    backoff_base: float = 1.0
    backoff_cap: float = 60.0
    attempts: int = 7
    secondary_wait: float = 60.0
    timeout: int = 30


@dataclass(frozen=True)
class Response:
    """A GET that succeeded: 200 with its JSON body, or 304 Not Modified (body None)."""

    url: str
    status: int
    body: Any
    headers: Mapping[str, str]
    links: Mapping[str, str]

    @property
    def etag(self) -> str | None:
        """The response's ETag, to make the next identical request conditional."""
        return self.headers.get("ETag")

    @property
    def fetched_at(self) -> str:
        """When GitHub answered (its Date header) as ISO-8601 UTC text."""
        try:
            moment = parsedate_to_datetime(self.headers["Date"])
        except (KeyError, TypeError, ValueError):
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class _Token:
    requester: Requester
    secret: str
    remaining: int | None = None
    reset: float = 0.0
    refused: bool = False
    limit: int | None = None
    resource: str = "core"


@dataclass(frozen=True)
class TokenBudget:
    """The rate limit a token had left when GitHub last answered it, named by fingerprint."""

    fingerprint: str
    position: int
    resource: str
    remaining: int | None
    limit: int | None
    reset: float


def fingerprint(secret: str) -> str:
    """A token's name in logs and tables: a SHA-256 prefix (never the token), or "anonymous"."""
    return hashlib.sha256(secret.encode()).hexdigest()[:12] if secret else "anonymous"


@dataclass
class RequestCounts:
    """What a client has spent: HTTP requests sent, 304 answers, retries, seconds waited."""

    requests: int = 0
    not_modified: int = 0
    retries: int = 0
    waited: float = 0.0


def _plain_sleep(seconds: float, _reason: str) -> None:
    time.sleep(seconds)


class GitHubClient:
    """GETs against one GitHub API (github.com or Enterprise) with one or more tokens."""

    def __init__(
        self,
        api_url: str,
        tokens: Sequence[str] = (),
        *,
        policy: FetchPolicy | None = None,
        sleep: Sleep | None = None,
        seed: int | None = None,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        self.policy = policy or FetchPolicy()
        self.counts = RequestCounts()
        self._sleep = sleep or _plain_sleep
        self._random = random.Random(seed)
        secrets = [t.strip() for t in tokens if t.strip()] or [""]
        self._tokens = [_Token(self._requester(secret), secret) for secret in secrets]
        self._current = self._tokens[0]

    def url(self, path: str, params: Mapping[str, Any] | None = None) -> str:
        """The absolute URL of an API path with query parameters."""
        query = urllib.parse.urlencode(dict(params or {}))
        return f"{self.api_url}{path}" + (f"?{query}" if query else "")

    def get(self, url: str, *, etag: str | None = None) -> Response:
        """GET a URL (conditionally if `etag` is given), waiting and retrying as needed."""
        headers = {"Accept": "application/vnd.github+json"}
        if etag:
            headers["If-None-Match"] = etag
        return self._send("GET", url, headers, lambda: None, None)

    def post(
        self,
        url: str,
        payload: Callable[[], Any],
        *,
        on_overload: Callable[[str], None] | None = None,
    ) -> Response:
        """POST the JSON `payload()` (rebuilt for each attempt), waiting and retrying as needed.

        A 502, 504 or a timeout calls `on_overload` before the retry, so that the caller can
        ask for less (GitHub's GraphQL API answers a query that runs past 10 seconds so).
        """
        headers = {"Accept": "application/vnd.github+json"}
        return self._send("POST", url, headers, payload, on_overload)

    def _send(
        self,
        verb: str,
        url: str,
        headers: Mapping[str, str],
        payload: Callable[[], Any],
        on_overload: Callable[[str], None] | None,
    ) -> Response:
        failures = 0
        label = f"{verb} {url}"
        while True:
            token = self._choose()
            self.counts.requests += 1
            try:
                status, raw_headers, text = token.requester.requestJson(
                    verb, url, headers=dict(headers), input=payload()
                )
            except RuntimeError as exc:
                raise FetchError(f"{verb} {self._scrub(url)}: {self._scrub(str(exc))}") from None
            except _TRANSIENT_ERRORS as exc:
                reason = f"connection failed ({type(exc).__name__})"
                if on_overload is not None and isinstance(exc, requests.Timeout):
                    on_overload(reason)
                failures = self._back_off(failures, label, reason)
                continue
            self._note_limits(token, raw_headers)
            kept = {_HEADER_NAMES[k]: v for k, v in raw_headers.items() if k in _HEADER_NAMES}
            if status == 304:
                self.counts.not_modified += 1
                return Response(url, 304, None, kept, _links(kept))
            if status == 200:
                try:
                    body = json.loads(text)
                except ValueError:
                    failures = self._back_off(failures, label, "truncated or malformed JSON body")
                    continue
                return Response(url, 200, body, kept, _links(kept))
            if on_overload is not None and status in (502, 504):
                on_overload(f"{status} {_phrase(status)}")
            failures = self._on_error(token, status, raw_headers, text, label, failures)

    def budgets(self) -> list[TokenBudget]:
        """Each token's last seen rate limit (only tokens GitHub has answered so far)."""
        return [
            TokenBudget(fingerprint(t.secret), i, t.resource, t.remaining, t.limit, t.reset)
            for i, t in enumerate(self._tokens, start=1)
            if t.limit is not None
        ]

    def pause(self, seconds: float, reason: str) -> None:
        """Wait `seconds` (counted in `counts.waited`), telling the user why."""
        self._wait(seconds, reason)

    def spent(self, reset: float | None) -> None:
        """Mark the token last used as out of budget until `reset` (default: its known reset)."""
        now = time.time()
        known = self._current.reset if self._current.reset > now else now + 60
        self._current.remaining, self._current.reset = 0, reset or known

    def _on_error(
        self,
        token: _Token,
        status: int,
        headers: Mapping[str, str],
        text: str,
        label: str,
        failures: int,
    ) -> int:
        message = _message(text) or _phrase(status)
        if status in (403, 429) and headers.get("x-ratelimit-remaining") == "0":
            reset = _number(headers.get("x-ratelimit-reset"))
            if reset > time.time():
                token.remaining, token.reset = 0, reset
                return failures
            return self._back_off(failures, label, "primary rate limit with a reset in the past")
        if status in (403, 429) and "retry-after" in headers:
            seconds = _retry_after(headers["retry-after"], self.policy.secondary_wait)
            return self._back_off(
                failures, label, "secondary rate limit (Retry-After)", wait=seconds
            )
        if status in (403, 429) and ("secondary rate limit" in message.lower() or status == 429):
            wait = self.policy.secondary_wait * 2 ** min(failures, 4)
            return self._back_off(failures, label, "secondary rate limit", wait=wait)
        if status == 401 and len(self._live()) > 1:
            token.refused = True
            return failures
        if status == 401:
            raise TokensRefused(f"{self._scrub(label)}: 401 {self._scrub(message)}{_hint(401)}")
        if status >= 500:
            return self._back_off(failures, label, f"{status} {message}")
        raise FetchError(f"{self._scrub(label)}: {status} {self._scrub(message)}{_hint(status)}")

    def _back_off(
        self, failures: int, label: str, reason: str, *, wait: float | None = None
    ) -> int:
        failures += 1
        if failures >= self.policy.attempts:
            raise FetchError(f"{self._scrub(label)}: gave up after {failures} attempts: {reason}")
        if wait is None:
            step = min(self.policy.backoff_cap, self.policy.backoff_base * 2 ** (failures - 1))
            wait = step / 2 + self._random.uniform(0, step / 2)
        self.counts.retries += 1
        self._wait(wait, f"{reason}: retrying in {wait:.1f} s (attempt {failures + 1})")
        return failures

    def _choose(self) -> _Token:
        while True:
            live = self._live()
            if not live:
                raise TokensRefused(
                    "GitHub refused every token in GITHUB_TOKEN (401 Bad credentials)"
                )
            now = time.time()
            for token in live:
                if token.remaining == 0 and token.reset <= now:
                    token.remaining = None
            if self._current in live and self._current.remaining != 0:
                return self._current
            usable = [t for t in live if t.remaining != 0]
            if usable:
                self._current = max(
                    usable, key=lambda t: math.inf if t.remaining is None else t.remaining
                )
                return self._current
            reset = min(t.reset for t in live)
            wait = max(reset - now, 0.0) + 0.5
            self._wait(
                wait,
                f"rate limit of {len(live)} token(s) used up: waiting {math.ceil(wait)} s "
                "until X-RateLimit-Reset",
            )

    def _live(self) -> list[_Token]:
        return [t for t in self._tokens if not t.refused]

    def _wait(self, seconds: float, reason: str) -> None:
        self.counts.waited += seconds
        self._sleep(seconds, reason)

    def _note_limits(self, token: _Token, headers: Mapping[str, str]) -> None:
        try:
            if "x-ratelimit-remaining" in headers:
                token.remaining = int(float(headers["x-ratelimit-remaining"]))
            if "x-ratelimit-reset" in headers:
                token.reset = float(headers["x-ratelimit-reset"])
            if "x-ratelimit-limit" in headers:
                token.limit = int(float(headers["x-ratelimit-limit"]))
            token.resource = headers.get("x-ratelimit-resource", token.resource)
        except ValueError:
            token.remaining = None

    def _requester(self, secret: str) -> Requester:
        return Requester(
            auth=Auth.Token(secret) if secret else None,
            base_url=self.api_url,
            timeout=self.policy.timeout,
            user_agent="studykit",
            per_page=PER_PAGE,
            verify=True,
            retry=None,
            pool_size=None,
            api_version="2022-11-28",
        )

    def _scrub(self, text: str) -> str:
        for token in self._tokens:
            if token.secret:
                text = text.replace(token.secret, "***")
        return text


def _links(headers: Mapping[str, str]) -> dict[str, str]:
    value = headers.get("Link")
    if not value:
        return {}
    return {
        link["rel"]: link["url"]
        for link in requests.utils.parse_header_links(value)
        if "rel" in link and "url" in link
    }


def _message(text: str) -> str:
    try:
        body = json.loads(text)
    except ValueError:
        return ""
    return str(body.get("message", "")) if isinstance(body, dict) else ""


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "unknown status"


def _number(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


def _retry_after(value: str, default: float) -> float:
    """Retry-After as seconds: GitHub sends a number; RFC 9110 also allows an HTTP date."""
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (TypeError, ValueError):
        return default


def _hint(status: int) -> str:
    hints = {
        401: " (GITHUB_TOKEN is not accepted)",
        403: " (the token may lack access)",
        404: " (no such repository, or the token cannot see it)",
        410: " (gone: deleted, or issues are disabled)",
    }
    return hints.get(status, "")
