"""The workspace's web application: FastAPI routes over one store, Jinja2 pages, htmx.

:func:`create_app` wires the pieces: the :class:`~standoff.web.workspace.Workspace`
(the store and its caches), the :class:`~standoff.web.security.Security` checks, the
ingester for uploads, the templates and the fixed table of static assets. The pages
themselves are in :mod:`standoff.web.pages` (reading) and :mod:`standoff.web.actions`
(changing the store).
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from standoff.errors import UserError
from standoff.model import RawArticle, Reading
from standoff.web.security import BodyLimit, Security, guard
from standoff.web.uploads import Ingester
from standoff.web.workspace import Workspace

# Every file the server sends that is not a page: name -> media type. A request for any
# other name is 404; nothing in a request path is ever joined to a file-system path.
STATIC: dict[str, str] = {
    "htmx.min.js": "text/javascript",
    "echarts.min.js": "text/javascript",
    "app.js": "text/javascript",
    "app.css": "text/css",
}
LICENSES = (
    "README.txt",
    "htmx-LICENSE.txt",
    "echarts-LICENSE.txt",
    "echarts-NOTICE.txt",
    "echarts-LICENSE-d3.txt",
    "zrender-LICENSE.txt",
    "tslib-LICENSE.txt",
)

NAV = (
    ("overview", "/", "Overview"),
    ("timeline", "/timeline", "Timeline"),
    ("threats", "/threats", "Threats"),
    ("proposals", "/proposals", "Proposals"),
    ("actors", "/actors", "Actors"),
    ("forecast", "/forecast", "Forecast"),
    ("articles", "/articles", "Articles"),
    ("review", "/review", "Review"),
)


def _assets() -> dict[str, bytes]:
    """The static assets, read from the package once at start."""
    folder = importlib.resources.files("standoff.web").joinpath("static")
    files = {name: folder.joinpath(name).read_bytes() for name in STATIC}
    licenses = folder.joinpath("licenses")
    for name in LICENSES:
        files[f"licenses/{name}"] = licenses.joinpath(name).read_bytes()
    return files


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("standoff.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from standoff.show import formats as fmt

    env.globals["nav"] = NAV
    env.filters["label"] = fmt.label
    env.filters["resolved"] = fmt.resolved
    env.filters["percent"] = fmt.percent
    env.filters["interval"] = fmt.interval_percent
    env.filters["percent_fine"] = fmt.percent_fine  # small P(imposed) by a near deadline
    env.filters["interval_fine"] = lambda value: fmt.interval_percent(value, fine=True)
    env.filters["day"] = fmt.day
    return env


class Web:
    """What every route needs: the workspace, the security settings, the ingester and
    the templates."""

    def __init__(
        self,
        workspace: Workspace,
        security: Security,
        make_reader: Callable[[], Callable[[RawArticle], Reading]],
    ) -> None:
        self.workspace = workspace
        self.security = security
        self.ingester = Ingester(workspace, make_reader)
        self.env = _environment()
        self.assets = _assets()

    def render(
        self, request: Request, template: str, http_status: int = 200, **context: Any
    ) -> Response:
        as_of: date | None = context.get("as_of")
        base = {
            "request": request,
            "csrf": self.security.csrf,
            "writable": self.workspace.writable,
            "as_of": as_of,
            "url": lambda path, **params: link(path, as_of, **params),
            "htmx": request.headers.get("hx-request") == "true",
            "store_name": self.workspace.store.path.name,
        }
        html = self.env.get_template(template).render({**base, **context})
        return HTMLResponse(html, status_code=http_status)


def link(path: str, as_of: date | None, **params: Any) -> str:
    """An address in the app, keeping the as-of date (the whole app rewinds with it)."""
    query = {"as_of": as_of.isoformat()} if as_of else {}
    query.update({k: v for k, v in params.items() if v not in (None, "")})
    return path + (f"?{urlencode(query)}" if query else "")


def default_reader(actors_file: str | None = None) -> Callable[[], Callable[[RawArticle], Reading]]:
    def make() -> Callable[[RawArticle], Reading]:
        from standoff.read import Reader

        reader = Reader(actors_file=actors_file)
        return lambda raw: reader.read(raw)

    return make


def create_app(
    workspace: Workspace,
    security: Security | None = None,
    make_reader: Callable[[], Callable[[RawArticle], Reading]] | None = None,
) -> FastAPI:
    """The ASGI app of the workspace on ``workspace``'s store."""
    web = Web(workspace, security or Security(), make_reader or default_reader())
    app = FastAPI(title="standoff workspace", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.web = web

    @app.middleware("http")
    async def _guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        return await guard(request, call_next, web.security)

    @app.exception_handler(UserError)
    async def _user_error(request: Request, exc: UserError) -> Response:
        return web.render(request, "error.html", http_status=400, message=str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return web.render(
            request, "error.html", http_status=exc.status_code, message=str(exc.detail)
        )

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC:
            raise StarletteHTTPException(404, "no such file")
        return Response(
            web.assets[name],
            media_type=STATIC[name],
            headers={"cache-control": "max-age=3600"},
        )

    @app.get("/licenses/{name}")
    def licence(name: str) -> Response:
        if name not in LICENSES:
            raise StarletteHTTPException(404, "no such file")
        return Response(web.assets[f"licenses/{name}"], media_type="text/plain; charset=utf-8")

    from standoff.web import actions, pages

    app.include_router(pages.router)
    app.include_router(actions.router)
    app.add_middleware(BodyLimit)
    return app
