"""What changes the store: uploads and review decisions (POST, each with the CSRF token).

A bad request changes nothing: an upload is checked whole before its ingest starts, and
a decision is validated before it is stored.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from standoff.errors import UserError
from standoff.track.corrections import Decision
from standoff.web import review
from standoff.web.app import Web
from standoff.web.pages import reading_of
from standoff.web.security import check_csrf
from standoff.web.uploads import MAX_FILES, check_upload

router = APIRouter()


def _web(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


async def _checked(request: Request) -> Web:
    """The app's state, once the request has shown its CSRF token and the store is writable."""
    web = _web(request)
    if not await check_csrf(request, web.security):
        raise HTTPException(403, "the form has expired or came from another site: reload the page")
    if not web.workspace.writable:
        raise HTTPException(403, "the store was opened read-only (standoff serve --read-only)")
    return web


def _back(target: str | None, fallback: str) -> str:
    """A local address to return to (never another site's)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


# --------------------------------------------------------------------------- uploads


@router.post("/articles/upload")
async def upload(request: Request) -> Response:
    web = await _checked(request)
    form = await request.form(max_files=MAX_FILES + 1, max_fields=20)
    files: list[tuple[str, bytes]] = []
    for value in form.getlist("files"):
        if isinstance(value, UploadFile):
            data = await value.read()
            if value.filename or data:
                files.append((value.filename or "", data))
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        raws = check_upload(
            files,
            pasted=fields.get("text", ""),
            title=fields.get("title", ""),
            published=fields.get("published", ""),
            source=fields.get("source", ""),
        )
        job = web.ingester.start(raws)
    except UserError as exc:
        # Nothing was stored: say what was wrong where the upload was made.
        return web.render(request, "_upload_error.html", http_status=400, message=str(exc))
    if request.headers.get("hx-request"):
        return web.render(request, "_job.html", job=job)
    return RedirectResponse(f"/articles?job={job.id}", status_code=303)


@router.get("/jobs/{ident}")
def job(request: Request, ident: str) -> Response:
    web = _web(request)
    found = web.ingester.job(ident)
    if found is None:
        raise HTTPException(404, "no such upload")
    return web.render(request, "_job.html", job=found)


# --------------------------------------------------------------------------- review


@router.post("/review/{article_id}/{ident}")
async def decide(request: Request, article_id: str, ident: str) -> Response:
    web = await _checked(request)
    form = await request.form(max_files=0, max_fields=40)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        decision = Decision(fields.get("decision", ""))
    except ValueError:
        raise UserError(
            f"decision: {fields.get('decision', '')!r} is not one of "
            + ", ".join(d.value for d in Decision)
        ) from None
    reading = reading_of(web, article_id)
    corrections = [c for c in web.workspace.corrections() if c.key.article_id == article_id]
    entry = next((e for e in review.items_of(reading, corrections) if e.ident == ident), None)
    if entry is None:
        raise HTTPException(404, "no such item in this article (it may have been read again)")
    web.workspace.add_correction(review.decide(entry, decision, fields))
    back = _back(fields.get("next"), f"/articles/{article_id}")
    if request.headers.get("hx-request"):
        updated = review.items_of(
            reading, [c for c in web.workspace.corrections() if c.key.article_id == article_id]
        )
        entry = next((e for e in updated if e.ident == ident), entry)
        return web.render(
            request,
            "_review_card.html",
            entry=entry,
            next=back,
            plover_types=review.plover_types(),
        )
    return RedirectResponse(back, status_code=303)
