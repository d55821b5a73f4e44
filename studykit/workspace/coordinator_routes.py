"""The coordinator's pages and writes: per-rater progress, the round's agreement table
(refreshed as codings arrive), closing the round, and the disagreements view where consensus
is recorded with its rationale. Everyone signed in sees the disagreements, with every rater's
codes, only once the round is closed; then the coordinator, or the raters who coded the round
together (any one of them recording what they agreed on), record the consensus, each decision
naming who recorded it."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from studykit.workspace import adjudication, store
from studykit.workspace.auth import Person, checked_write, signed_in
from studykit.workspace.rater_routes import page_context, read_json


def _coordinator(person: Person) -> Person:
    if not person.coordinator:
        raise HTTPException(403, "Only the coordinator sees this page.")
    return person


def overview(request: Request) -> Response:
    """Progress per rater and the agreement table of the round."""
    person = _coordinator(signed_in(request))
    served: store.Round = request.app.state.served
    with served.db.begin() as conn:
        progress = {rater: served.progress.count(conn, rater) for rater in request.app.state.raters}
        closed = store.is_closed(conn, served.name)
    return request.app.state.templates.TemplateResponse(
        request,
        "coordinator.html",
        page_context(request, person)
        | {"progress": progress, "total": len(served.items), "closed": closed}
        | _agreement(request),
    )


def agreement_fragment(request: Request) -> Response:
    """The agreement table alone, for the overview to refresh."""
    _coordinator(signed_in(request))
    return request.app.state.templates.TemplateResponse(
        request, "agreement.html", _agreement(request)
    )


def _agreement(request: Request) -> dict[str, object]:
    """The round's agreement, computed again only when the codings have changed since."""
    served: store.Round = request.app.state.served
    version = served.db.table_versions().get("codings", 0)
    cached = getattr(request.app.state, "agreement", None)
    if cached is None or cached[0] != version:
        table, notes = adjudication.round_agreement(served)
        cached = (version, {"agreement": table.to_dict("records"), "notes": notes})
        request.app.state.agreement = cached
    return cached[1]


async def close(request: Request) -> Response:
    """Close the round: no more codings; the disagreements view opens."""
    person = _coordinator(checked_write(request))
    served: store.Round = request.app.state.served
    raters = request.app.state.raters
    closed = await run_in_threadpool(store.close_round, served, raters, person.name)
    return JSONResponse({"closed": True, "now": closed})


def _may_decide(request: Request, person: Person) -> bool:
    """The coordinator, or a rater of the study who coded the served round."""
    served: store.Round = request.app.state.served
    if person.coordinator:
        return True
    if person.name not in request.app.state.raters:
        return False
    with served.db.begin() as conn:
        return store.coded_in(conn, person.name, served.name)


def disagreements(request: Request) -> Response:
    """The round's disagreements with each rater's codes and notes, and the consensus so far."""
    person = signed_in(request)
    served: store.Round = request.app.state.served
    with served.db.begin() as conn:
        closed = store.is_closed(conn, served.name)
    if not closed:
        raise HTTPException(403, "The disagreements open once the coordinator closes the round.")
    table = adjudication.round_disagreements(served)
    decided = served.db.read("consensus")
    decided = decided[decided["round"] == served.name]
    settled = {
        (item, dim): f"{';'.join(group['code'])} ({group['rationale'].iloc[0]}; "
        + f"{_recorded_by(group['decided_by'].iloc[0])})"
        for (item, dim), group in decided.groupby(["item_id", "dimension"])
    }
    raters = [r for r in request.app.state.raters if r in table.columns]
    return request.app.state.templates.TemplateResponse(
        request,
        "disagreements.html",
        page_context(request, person)
        | {
            "rows": table.to_dict("records"),
            "raters": raters,
            "settled": settled,
            "codebook": served.codebook,
            "may_decide": _may_decide(request, person),
        },
    )


def _recorded_by(who: object) -> str:
    return f"recorded by {who}" if isinstance(who, str) else "from `studykit consensus`"


async def decide(request: Request) -> Response:
    """Record the consensus of one disagreement, once the round is closed: the coordinator, or
    a rater who coded the round (for the raters together)."""
    person = checked_write(request)
    served: store.Round = request.app.state.served
    if not _may_decide(request, person):
        raise HTTPException(
            403,
            f"Only the coordinator and the raters who coded round {served.name} record consensus.",
        )
    body = await read_json(request)
    item, dimension = body.get("item"), body.get("dimension")
    codes, rationale = body.get("codes"), body.get("rationale", "")
    if not (isinstance(item, str) and isinstance(dimension, str) and isinstance(codes, list)):
        raise HTTPException(400, 'send {"item", "dimension", "codes": [...], "rationale"}')
    with served.db.begin() as conn:
        if not store.is_closed(conn, served.name):
            raise HTTPException(409, "Close the round before recording consensus.")
    await run_in_threadpool(
        adjudication.record_consensus, served, item, dimension, codes, str(rationale), person.name
    )
    return JSONResponse({"saved": True})


ROUTES = [
    Route("/coordinator", overview),
    Route("/coordinator/agreement", agreement_fragment),
    Route("/api/round/close", close, methods=["POST"]),
    Route("/disagreements", disagreements),
    Route("/api/consensus", decide, methods=["POST"]),
]
