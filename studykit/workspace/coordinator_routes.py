"""The coordinator's pages and writes."""

from starlette.routing import BaseRoute

ROUTES: list[BaseRoute] = []
