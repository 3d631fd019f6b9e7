"""What keeps the workspace's research private and its pages safe.

- **Where it listens.** 127.0.0.1 by default. Any other address needs an access token
  (``--token``, or one generated and printed once): a request must carry it as a
  ``Bearer`` header, or open ``/?token=...`` once, which sets an HttpOnly, SameSite=Strict
  cookie and redirects to the same page without the token in its address.
- **Host names.** Only the names the server was started for are answered (a page on
  another site that resolves its own name to 127.0.0.1, "DNS rebinding", gets 400).
- **CSRF.** Every request that changes state (POST) must carry the server's CSRF token,
  as the ``X-CSRF-Token`` header (htmx sends it) or a ``csrf_token`` form field; a POST
  whose ``Origin`` is another site is refused too.
- **Headers.** A Content-Security-Policy allowing only the server's own scripts, styles,
  images and connections (no inline script, no eval, no outside address, no framing),
  ``nosniff``, no referrer.
- **Body size.** A request body over :data:`MAX_BODY` is refused with 413 before it is
  read whole.

Request paths never name files: the static assets are a fixed table read from the
package (web/app.py), uploads are read in memory, and the store is the one given at start.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_BODY = 25 * 1024 * 1024  # a whole upload: up to 5 files at the 5 MB article limit
TOKEN_COOKIE = "standoff_token"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


@dataclass
class Security:
    """The server's secrets and the host names it answers to."""

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    extra_hosts: tuple[str, ...] = ()

    @classmethod
    def for_address(cls, host: str, port: int, token: str | None) -> tuple[Security, bool]:
        """The settings for serving on ``host:port``; True when a token was generated
        (another address than loopback and none given)."""
        generated = False
        if token is None and not is_loopback(host):
            token = secrets.token_urlsafe(24)
            generated = True
        return cls(host=host, port=port, token=token), generated

    def allowed_hosts(self) -> set[str]:
        names = {self.host, *self.extra_hosts}
        if is_loopback(self.host) or self.host in {"0.0.0.0", "::"}:
            names |= LOOPBACK
        return names

    def host_allowed(self, header: str) -> bool:
        if not header:
            return False
        name = header
        if header.startswith("["):  # [::1]:8000
            name = header[1 : header.find("]")] if "]" in header else header
        elif header.count(":") == 1:
            name = header.split(":", 1)[0]
        return name in self.allowed_hosts() or self.host in {"0.0.0.0", "::"}

    def token_ok(self, request: Request) -> bool:
        if self.token is None:
            return True
        given = request.cookies.get(TOKEN_COOKIE, "")
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        return hmac.compare_digest(given.encode(), self.token.encode())

    def csrf_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.csrf.encode())


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


async def guard(
    request: Request,
    call_next: Callable[[Request], Awaitable[Response]],
    security: Security,
) -> Response:
    """The checks every request passes before a page sees it, and the response headers."""
    if not security.host_allowed(request.headers.get("host", "")):
        return _with_headers(PlainTextResponse("unknown host name", status_code=400))
    query_token = request.query_params.get("token")
    if security.token is not None and query_token is not None:
        if not hmac.compare_digest(query_token.encode(), security.token.encode()):
            return _with_headers(PlainTextResponse("wrong access token", status_code=401))
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
        response: Response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            TOKEN_COOKIE, security.token, httponly=True, samesite="strict", path="/"
        )
        return _with_headers(response)
    if not security.token_ok(request):
        return _with_headers(
            PlainTextResponse(
                "this workspace needs its access token: open the address printed when "
                "`standoff serve` started",
                status_code=401,
            )
        )
    if request.method not in SAFE_METHODS and not _same_origin(request):
        return _with_headers(PlainTextResponse("cross-site request refused", status_code=403))
    response = await call_next(request)
    return _with_headers(response)


def _with_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


async def check_csrf(request: Request, security: Security) -> bool:
    """Whether a state-changing request carries the CSRF token (header or form field)."""
    given = request.headers.get(CSRF_HEADER)
    if given is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
    return security.csrf_ok(given)


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimit:
    """Refuse a request body over ``limit`` bytes (413), by its Content-Length or as it
    streams in, so an oversized upload is never held whole."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refuse(send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        mb = self.limit // 1024 // 1024
        body = f"the upload is over the {mb} MB limit; nothing was stored".encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    *((k.encode(), v.encode()) for k, v in HEADERS.items()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass
