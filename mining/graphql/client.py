"""POST GraphQL queries to GitHub through the REST client's tokens, limits and retries.

On top of what the REST client does (token rotation, back-off on 5xx and dropped
connections, secondary limits), it reads GraphQL's own failures from the answer: an
exhausted point budget (`RATE_LIMITED`) waits until `resetAt`, an answer that ran past
GitHub's 10-second timeout asks the caller to shrink the page, a missing repository fails
for good. Nothing it raises or archives contains a token.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mining.client import GitHubClient, Response
from mining.errors import FetchError

Build = Callable[[], tuple[str, str, dict[str, Any]]]
"""Returns (operation name, document, variables) for the next attempt."""

_OVERLOAD_WORDS = ("timeout", "timed out", "something went wrong")


@dataclass(frozen=True)
class Answer:
    """A GraphQL answer with data: the request (name, variables), the response, its rate limit."""

    name: str
    variables: dict[str, Any]
    response: Response
    cost: int
    remaining: int | None
    reset_at: float | None

    @property
    def data(self) -> dict[str, Any]:
        """The `data` member of the answer."""
        return dict(self.response.body["data"])

    def archived(self) -> dict[str, Any]:
        """What the archive keeps: the request without credentials and the answer as it came."""
        return {"query": self.name, "variables": self.variables, "response": self.response.body}


def graphql_url(api_url: str) -> str:
    """GitHub's GraphQL endpoint beside a REST API URL (`/api/v3` becomes `/api/graphql`)."""
    base = api_url.rstrip("/")
    if base.endswith("/api/v3"):
        return base.removesuffix("/v3") + "/graphql"
    return base + "/graphql"


class GraphQLClient:
    """Sends GraphQL queries through a GitHubClient (whose tokens, counts and waits it shares)."""

    def __init__(self, client: GitHubClient) -> None:
        self.client = client
        self.url = graphql_url(client.api_url)
        self.remaining: int | None = None
        self.reset_at: float | None = None

    def query(self, build: Build, *, on_overload: Callable[[str], None]) -> Answer:
        """Send the query `build()` describes until GitHub answers it with data."""
        failures = 0
        sent: dict[str, Any] = {}

        def payload() -> dict[str, Any]:
            name, document, variables = build()
            sent.update(name=name, variables=variables)
            return {"query": document, "variables": variables}

        refused = 0
        while True:
            response = self.client.post(self.url, payload, on_overload=on_overload)
            body = response.body
            errors = body.get("errors") if isinstance(body, dict) else None
            if isinstance(body, dict) and body.get("data") and not errors:
                return self._answer(sent["name"], sent["variables"], response)
            reason = self._failure(sent["name"], errors)
            if reason == "rate limited":
                refused += 1
                if refused > 1:
                    on_overload("the query costs more points than a fresh budget holds")
                continue
            refused = 0
            failures += 1
            if failures >= self.client.policy.attempts:
                raise FetchError(f"POST {self.url} ({sent['name']}): gave up: {reason}")
            if reason.startswith("overload"):
                on_overload(reason)
                self.client.pause(self.client.policy.backoff_base * failures, reason)

    def _answer(self, name: str, variables: dict[str, Any], response: Response) -> Answer:
        limit = response.body["data"].get("rateLimit") or {}
        self.remaining = limit.get("remaining")
        self.reset_at = _epoch(limit.get("resetAt"))
        return Answer(
            name, variables, response, int(limit.get("cost") or 1), self.remaining, self.reset_at
        )

    def _failure(self, name: str, errors: Any) -> str:
        """Why an answer has no data; waits out a rate limit, raises on a permanent error."""
        if not isinstance(errors, list) or not errors:
            return "overload: an answer without data or errors"
        kinds = {str(e.get("type", "")) for e in errors if isinstance(e, dict)}
        text = "; ".join(str(e.get("message", "")) for e in errors if isinstance(e, dict))
        if "RATE_LIMITED" in kinds:
            reset = self.reset_at if self.reset_at and self.reset_at > time.time() else None
            self.client.spent(reset)
            self.remaining = None
            return "rate limited"
        if any(word in text.lower() for word in _OVERLOAD_WORDS):
            return f"overload: {text}"
        hint = " (no such repository, or the token cannot see it)" if "NOT_FOUND" in kinds else ""
        raise FetchError(f"POST {self.url} ({name}): {text}{hint}")


def _epoch(stamp: Any) -> float | None:
    if not stamp:
        return None
    return datetime.fromisoformat(str(stamp).replace("Z", "+00:00")).timestamp()
