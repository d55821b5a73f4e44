"""Sign-in tokens and request checks: who is asking, and whether a write really comes from them.

A token is a random secret printed once in a sign-in link; the server keeps only its SHA-256,
in memory, so a restart issues new links. The browser holds the token in an HttpOnly,
SameSite=Strict cookie. Every write must also carry the CSRF token of the page (an HMAC of the
sign-in token under a per-process key) in a header, and come from the app's own origin if the
browser names one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import Request

COOKIE = "studykit_session"
CSRF_HEADER = "x-csrf-token"
COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Person:
    """Who a token belongs to: a rater of the study, or the coordinator."""

    name: str
    coordinator: bool = False


class Tokens:
    """The sign-in secrets of one server process, known only by their digests."""

    def __init__(self) -> None:
        self._people: dict[str, Person] = {}
        self._csrf_key = secrets.token_bytes(32)

    def issue(self, person: Person) -> str:
        """A new secret for `person`: give it to them once (a sign-in link), keep only its hash."""
        token = secrets.token_urlsafe(32)
        self._people[_digest(token)] = person
        return token

    def person(self, token: str | None) -> Person | None:
        """Whose token this is, or None for no or an unknown token."""
        return None if not token else self._people.get(_digest(token))

    def csrf(self, token: str) -> str:
        """The CSRF token that pages signed in with `token` send back with their writes."""
        return hmac.new(self._csrf_key, _digest(token).encode(), hashlib.sha256).hexdigest()

    def csrf_matches(self, token: str, given: str | None) -> bool:
        """True if `given` is the CSRF token of `token` (compared in constant time)."""
        return given is not None and hmac.compare_digest(self.csrf(token), given)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def request_token(request: Request) -> str | None:
    """The sign-in token a request carries: its cookie, or an `Authorization: Bearer` header."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.cookies.get(COOKIE)


def signed_in(request: Request) -> Person:
    """The person behind a request, or 401 (the page says to use the sign-in link)."""
    tokens: Tokens = request.app.state.tokens
    person = tokens.person(request_token(request))
    if person is None:
        raise HTTPException(401, "Not signed in: open the sign-in link `studykit serve` printed.")
    return person


def checked_write(request: Request) -> Person:
    """The person behind a write, after its CSRF token and origin are checked; else 401/403."""
    person = signed_in(request)
    tokens: Tokens = request.app.state.tokens
    token = request_token(request) or ""
    if not tokens.csrf_matches(token, request.headers.get(CSRF_HEADER)):
        raise HTTPException(403, "Refused: the request lacks this page's CSRF token.")
    origin = request.headers.get("origin")
    if origin is not None and origin != _own_origin(request):
        raise HTTPException(403, "Refused: the request comes from another site.")
    return person


def _own_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', '')}"
