"""The application factory: ``create_app(config)`` builds the web UI and the JSON API.

Nothing happens at import time; the store is opened per request (see ``deps``). Errors
are answered in the form of the route that raised them: JSON under /api, a page elsewhere.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..config import Config, load_config
from ..errors import TidingsError
from ..store import Store
from ..web import static_dir
from .deps import AppState
from .plover import load_plover_split
from .service import NotFound

log = logging.getLogger(__name__)

# Pages load scripts from this server only and run no inline script (the graph and map
# libraries set inline styles, which are allowed).
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def create_app(config: Config | None = None, store: Store | None = None) -> FastAPI:
    """The FastAPI app over the store named by ``config.store.url`` (or over ``store``)."""
    from . import pages, routes

    config = config or load_config()
    app = FastAPI(
        title="tidings", version=__version__,
        description="An evidence-linked event graph built from multilingual news: merged "
                    "PLOVER events with their actors, places, dates and the article spans "
                    "that report them; entities across languages; quotations; stories.",
        openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.tidings = AppState(config, load_plover_split(), store)
    app.state.templates = pages.make_templates()
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    app.include_router(routes.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [_problem(err) for err in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": "; ".join(problems), "errors": [
                {"loc": list(err.get("loc", ())), "msg": err.get("msg", "")}
                for err in exc.errors()]}, status_code=422)
        return pages.error_page(request, 422, "Some filters are not valid", problems)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=404)
        return pages.error_page(request, 404, f"No such {exc.kind}", [str(exc)])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request) or request.url.path.startswith("/static/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return pages.error_page(request, exc.status_code, str(exc.detail), [])

    @app.exception_handler(TidingsError)
    async def tidings_error(request: Request, exc: TidingsError) -> Response:
        log.error("%s %s: %s", request.method, request.url.path, exc)
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=500)
        return pages.error_page(request, 500, "tidings could not answer", [str(exc)])

    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") and request.url.path != "/api/docs"


def _problem(err: dict) -> str:
    """'since: '2020-13' is not a date like ...' from a pydantic error."""
    loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body")]
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    where = ".".join(p for p in loc if not p.isdigit()) or "request"
    return f"{where}: {msg}"
