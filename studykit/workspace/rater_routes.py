"""A rater's pages and writes: sign-in, the queue, the coding screen, saving codes and marks.

Everything a rater is shown is read with their own name: no page, fragment or API answer
holds another rater's codes (the coordinator's pages are apart, in coordinator_routes).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from studykit.workspace import store
from studykit.workspace.auth import COOKIE, Person, Tokens, checked_write, signed_in
from studykit.workspace.context import item_context
from studykit.workspace.render import safe_html
from studykit.workspace.suggestions import WorkspaceSuggestions

PAGE_SIZE = 100
FILTERS = ("all", "uncoded", "unsure", "notes")


def sign_in(request: Request) -> Response:
    """Trade the sign-in link's token for a session cookie, then leave the link's address."""
    tokens: Tokens = request.app.state.tokens
    token = request.query_params.get("token", "")
    if tokens.person(token) is None:
        raise HTTPException(401, "This sign-in link is not valid (a restart issues new links).")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response


def home(request: Request) -> Response:
    """The coordinator's overview, or the rater's next item to code."""
    person = signed_in(request)
    return RedirectResponse("/coordinator" if person.coordinator else "/next", status_code=303)


def _rater(request: Request) -> Person:
    person = signed_in(request)
    if person.coordinator:
        raise HTTPException(403, "The coordinator does not code: open /coordinator.")
    return person


def resume(request: Request) -> Response:
    """The first item of the queue the rater has not coded yet (the queue once all are)."""
    person = _rater(request)
    served: store.Round = request.app.state.served
    with served.db.begin() as conn:
        done = served.progress.coded(conn, person.name)
    for position, item in enumerate(served.items, start=1):
        if item not in done:
            return RedirectResponse(f"/items/{position}", status_code=303)
    return RedirectResponse("/queue", status_code=303)


def queue(request: Request) -> Response:
    """The rater's items of the round, filtered and paged, with their progress."""
    person = _rater(request)
    served: store.Round = request.app.state.served
    show = request.query_params.get("show", "all")
    if show not in FILTERS:
        raise HTTPException(400, f"show= takes one of {', '.join(FILTERS)}")
    page = max(1, _int(request.query_params.get("page", "1")))
    with served.db.begin() as conn:
        done = served.progress.coded(conn, person.name)
        marks = store.marks(conn, person.name, served.name)
        closed = store.is_closed(conn, served.name)
    keep = {
        "all": lambda item: True,
        "uncoded": lambda item: item not in done,
        "unsure": lambda item: marks.get(item, store.Mark()).unsure,
        "notes": lambda item: bool(marks.get(item, store.Mark()).note),
    }[show]
    chosen = [(n, item) for n, item in enumerate(served.items, start=1) if keep(item)]
    pages = max(1, -(-len(chosen) // PAGE_SIZE))
    shown = chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    rows = [
        {
            "position": n,
            "item": item,
            "coded": item in done,
            "mark": marks.get(item, store.Mark()),
        }
        for n, item in shown
    ]
    return request.app.state.templates.TemplateResponse(
        request,
        "queue.html",
        page_context(request, person)
        | {
            "rows": rows,
            "show": show,
            "filters": FILTERS,
            "page": page,
            "pages": pages,
            "matching": len(chosen),
            "coded": len(done & set(served.items)),
            "total": len(served.items),
            "closed": closed,
        },
    )


def item_page(request: Request) -> Response:
    """The coding screen of the item at a queue position."""
    person, served, position, item_id = _rater_at(request)
    with served.db.begin() as conn:
        item = store.item_row(conn, item_id)
        context = item_context(conn, item, served.mirrors)
        codes, mark = _own(conn, person, served, item_id)
        coded = served.progress.count(conn, person.name)
        closed = store.is_closed(conn, served.name)
    return request.app.state.templates.TemplateResponse(
        request,
        "item.html",
        page_context(request, person)
        | {
            "item": item,
            "body": safe_html(item.get("text")),
            "comments": [
                comment | {"html": safe_html(comment["body"])} for comment in context.comments
            ],
            "context": context,
            "codebook": served.codebook,
            "suggesting": request.app.state.suggestions.dimensions,
            "codes": codes,
            "mark": mark,
            "position": position,
            "count": len(served.items),
            "coded": coded,
            "closed": closed,
        },
    )


def item_json(request: Request) -> Response:
    """The rater's own codes, note and unsure flag of an item, as JSON."""
    person, served, position, item_id = _rater_at(request)
    with served.db.begin() as conn:
        codes, mark = _own(conn, person, served, item_id)
    return JSONResponse(
        {
            "item": item_id,
            "position": position,
            "rater": person.name,
            "round": served.name,
            "codes": codes,
            "note": mark.note,
            "unsure": mark.unsure,
        }
    )


async def save_codes(request: Request) -> Response:
    """Store the rater's codes of one dimension of an item (replacing what they had)."""
    person, served, item_id, body = await _coding_write(request)
    dimension, codes = body.get("dimension"), body.get("codes")
    visible = body.get("suggestion_visible", False)
    if not isinstance(dimension, str) or not isinstance(codes, list):
        raise HTTPException(400, 'send {"dimension": NAME, "codes": [CODE, ...]}')
    if not isinstance(visible, bool):
        raise HTTPException(400, '"suggestion_visible" takes true or false')
    stored = await run_in_threadpool(
        store.save_codes, served, person.name, item_id, dimension, codes, visible
    )
    return JSONResponse({"saved": True, "dimension": dimension, "codes": stored})


def item_suggestions(request: Request) -> Response:
    """The model's suggested codes of one dimension of an item, once the rater has stored their
    own codes of it (before that: 409, and nothing about the suggestion)."""
    person, served, _, item_id = _rater_at(request)
    dimension = request.path_params["dimension"]
    suggestions: WorkspaceSuggestions = request.app.state.suggestions
    if dimension not in suggestions.dimensions:
        raise HTTPException(404, f"no suggestions are served for {dimension!r}")
    with served.db.begin() as conn:
        codes, _ = _own(conn, person, served, item_id)
    if not codes.get(dimension):
        raise HTTPException(
            409, f"choose your own codes of {dimension} first: suggestions show only after"
        )
    shown = [
        {"code": s.code, "label": s.label, "probability": s.probability}
        for s in suggestions.of(dimension, item_id)
    ]
    return JSONResponse({"item": item_id, "dimension": dimension, "suggestions": shown})


async def save_mark(request: Request) -> Response:
    """Store the rater's note and/or unsure flag on an item."""
    person, served, item_id, body = await _coding_write(request)
    note, unsure = body.get("note"), body.get("unsure")
    if (note is not None and not isinstance(note, str)) or (
        unsure is not None and not isinstance(unsure, bool)
    ):
        raise HTTPException(400, 'send {"note": TEXT} and/or {"unsure": true|false}')
    mark = await run_in_threadpool(
        lambda: store.save_mark(served, person.name, item_id, note=note, unsure=unsure)
    )
    return JSONResponse({"saved": True, "note": mark.note, "unsure": mark.unsure})


async def _coding_write(request: Request) -> tuple[Person, store.Round, str, dict[str, Any]]:
    """A rater's checked write about an item: who, the round, the item, and the JSON sent."""
    person = checked_write(request)
    if person.coordinator:
        raise HTTPException(403, "The coordinator does not code.")
    _, item_id = _position(request)
    return person, request.app.state.served, item_id, await read_json(request)


def page_context(request: Request, person: Person) -> dict[str, Any]:
    """What every page's layout needs: who is signed in, the round, the CSRF token."""
    tokens: Tokens = request.app.state.tokens
    token = request.cookies.get(COOKIE) or ""
    return {
        "person": person,
        "round": request.app.state.served.name,
        "csrf": tokens.csrf(token) if token else "",
    }


def _rater_at(request: Request) -> tuple[Person, store.Round, int, str]:
    """The signed-in rater, the round served, and the queue position and item asked for."""
    person = _rater(request)
    position, item_id = _position(request)
    return person, request.app.state.served, position, item_id


def _own(
    conn: Connection, person: Person, served: store.Round, item_id: str
) -> tuple[dict[str, list[str]], store.Mark]:
    """The rater's own codes and mark (note, unsure) of an item in the round."""
    codes = store.my_codes(conn, person.name, served.name, item_id)
    return codes, store.my_mark(conn, person.name, served.name, item_id)


def _position(request: Request) -> tuple[int, str]:
    served: store.Round = request.app.state.served
    position = int(request.path_params["position"])
    if not 1 <= position <= len(served.items):
        raise HTTPException(404, f"the queue has items 1 to {len(served.items)}")
    return position, served.items[position - 1]


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise HTTPException(400, f"{text!r} is not a whole number") from None


async def read_json(request: Request) -> dict[str, Any]:
    """The request's JSON object body, or 400."""
    try:
        body = await request.json()
    except ValueError:
        raise HTTPException(400, "the request body is not JSON") from None
    if not isinstance(body, dict):
        raise HTTPException(400, "the request body is not a JSON object")
    return body


ROUTES = [
    Route("/signin", sign_in),
    Route("/", home),
    Route("/next", resume),
    Route("/queue", queue),
    Route("/items/{position:int}", item_page),
    Route("/api/items/{position:int}", item_json),
    Route("/api/items/{position:int}/codes", save_codes, methods=["POST"]),
    Route("/api/items/{position:int}/mark", save_mark, methods=["POST"]),
    Route("/api/items/{position:int}/suggestions/{dimension}", item_suggestions),
]
