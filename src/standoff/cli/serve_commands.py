"""``standoff serve``: the analyst's workspace, a web app on a store (src/standoff/web/)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Annotated

import typer

from standoff.cli import app
from standoff.errors import UserError
from standoff.track.store import DEFAULT_STORE


def _check_free(host: str, port: int) -> None:
    """Refuse an address already in use with one clear line, before anything starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UserError(f"{host}:{port}: cannot listen there ({exc.strerror})") from None


@app.command("serve")
def serve_command(
    store: Annotated[
        Path, typer.Option("--store", help="The standoff store (created when missing).")
    ] = DEFAULT_STORE,
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on; another than 127.0.0.1 needs a token."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="STANDOFF_TOKEN",
            help="Access token the browser must present (generated and printed once when "
            "listening beyond this machine and none is given).",
        ),
    ] = None,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Browse only: no uploads, no review decisions.")
    ] = False,
    actors: Annotated[
        str | None, typer.Option("--actors", help="An extra actors dictionary for uploads.")
    ] = None,
) -> None:
    """The analyst's workspace in a browser: overview, timeline, ledgers, forecast,
    articles with upload, and the review queue. Every asset is served from the package."""
    import uvicorn

    from standoff.track.store import Store
    from standoff.web.app import create_app, default_reader
    from standoff.web.security import Security
    from standoff.web.workspace import Workspace

    if token is not None and len(token) < 12:
        raise UserError("--token: use at least 12 characters")
    security, generated = Security.for_address(host, port, token)
    _check_free(host, port)
    opened = Store(store, read_only=read_only)
    try:
        workspace = Workspace(opened)
        web_app = create_app(workspace, security, default_reader(actors))
        shown = f"[{host}]" if ":" in host else host
        address = f"http://{shown}:{port}/"
        if generated:
            print(f"standoff: access token (shown once): {security.token}")
            print(f"standoff: open {address}?token={security.token}")
        print(f"standoff workspace on {address} (store {store}); Ctrl-C to stop", flush=True)
        # No access log: an address carrying ?token= must not end up in a log.
        uvicorn.run(web_app, host=host, port=port, log_level="warning", access_log=False)
    finally:
        opened.close()
