"""The workspace's Starlette app: routes per concern, templates and static files of the package."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from studykit.errors import StudykitError
from studykit.study import Study
from studykit.workspace import coordinator_routes, rater_routes
from studykit.workspace.auth import Tokens
from studykit.workspace.store import Round, RoundClosed
from studykit.workspace.suggestions import WorkspaceSuggestions

HERE = Path(__file__).parent


def create_app(
    study: Study,
    served: Round,
    raters: list[str],
    tokens: Tokens,
    suggestions: WorkspaceSuggestions | None = None,
) -> Starlette:
    """The workspace app of a study's served round, for these raters and sign-in tokens (and
    code suggestions, shown after a rater's own choice, when any are given)."""
    app = Starlette(
        routes=[
            *rater_routes.ROUTES,
            *coordinator_routes.ROUTES,
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        exception_handlers={HTTPException: _http_error, StudykitError: _refused},
    )
    app.state.study = study
    app.state.served = served
    app.state.raters = raters
    app.state.tokens = tokens
    app.state.suggestions = suggestions or WorkspaceSuggestions()
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.method != "GET"


async def _http_error(request: Request, exc: Exception) -> Response:
    """An HTTP error as JSON for the API and writes, as a short page for a browser."""
    assert isinstance(exc, HTTPException)
    if _wants_json(request):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"message": exc.detail}, status_code=exc.status_code
    )


async def _refused(request: Request, exc: Exception) -> Response:
    """A refused write (bad code, closed round): 409 for a closed round, else 400; nothing saved."""
    status = 409 if isinstance(exc, RoundClosed) else 400
    return JSONResponse({"error": str(exc)}, status_code=status)
