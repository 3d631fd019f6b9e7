"""Articles uploaded to the workspace: checked whole first, then ingested in the background.

An upload (files dropped or chosen, or text pasted) is checked before anything is
stored: every file must be an article file by name and content (the same checks as
``standoff ingest``: not empty, not binary, at most 5 MB, a JSON Lines feed whose every
line is a valid record), at most :data:`MAX_FILES` files. One bad file refuses the
whole upload with a message naming it, and nothing stored changes. Files are read in
memory; nothing is written to disk but the store.

Accepted uploads are ingested by an :class:`IngestJob` in a thread, through the CLI's
:func:`~standoff.track.ingest.ingest_articles` (the same deduplication, the same
skipped articles and reasons): each article is read outside the store's lock (reading
takes a second, pages keep answering) and stored in its own transaction; the job's
progress is polled by the page.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from standoff.errors import UserError
from standoff.grammar import count
from standoff.model import RawArticle, Reading
from standoff.read.inputs import MAX_BYTES, load_bytes, parse_date_option
from standoff.track.backends import InProcess
from standoff.track.ingest import IngestSummary, ingest_articles
from standoff.track.store import Store
from standoff.web.workspace import Workspace

MAX_FILES = 5
PASTED = "pasted text"

ReadFn = Callable[[RawArticle], Reading]


def check_upload(
    files: list[tuple[str, bytes]],
    pasted: str = "",
    title: str = "",
    published: str = "",
    source: str = "",
) -> list[RawArticle]:
    """The raw articles of an upload; UserError (naming the file) if any part is bad."""
    files = [(name, data) for name, data in files if name or data]
    if not files and not pasted.strip():
        raise UserError("nothing to upload: choose or drop article files, or paste a text")
    if len(files) > MAX_FILES:
        raise UserError(f"{count(len(files), 'file')}: at most {MAX_FILES} at a time")
    # one date for the upload, as `ingest --date` gives one: a file's article that states
    # no date of its own takes it (a date the article states wins), a pasted text has it
    day = parse_date_option(published.strip() or None, "date")
    raws: list[RawArticle] = []
    for name, data in files:
        safe = _display_name(name)
        for raw in load_bytes(data, safe):
            raws.append(raw.model_copy(update={"supplied_date": day}) if day else raw)
    if pasted.strip():
        raws.append(pasted_article(pasted, title.strip() or None, day, source.strip() or None))
    return raws


def pasted_article(
    text: str, title: str | None, published: date | None, source: str | None
) -> RawArticle:
    """Pasted text as a raw article (an HTML page when it looks like one)."""
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise UserError(f"{PASTED}: over the {MAX_BYTES // 1024 // 1024} MB limit for one article")
    (raw,) = load_bytes(data, f"{PASTED}.txt")
    return raw.model_copy(
        update={"origin": PASTED, "title": title, "published": published, "source": source}
    )


def _display_name(name: str) -> str:
    """The file's own name only (a browser may send a path), for messages and origins."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return base or "unnamed file"


@dataclass
class IngestJob:
    """One upload being ingested; the page polls :meth:`progress`."""

    total: int
    id: str = field(default_factory=lambda: secrets.token_hex(8))
    done: int = 0
    stage: str = "waiting"
    finished: bool = False
    error: str | None = None
    summary: IngestSummary = field(default_factory=IngestSummary)
    stored_ids: list[str] = field(default_factory=list)

    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 100


class Ingester:
    """Runs one ingest job at a time against a workspace, with one reader loaded once."""

    def __init__(self, workspace: Workspace, make_reader: Callable[[], ReadFn]) -> None:
        self.workspace = workspace
        self._make_reader = make_reader
        self._read: ReadFn | None = None
        self._jobs: dict[str, IngestJob] = {}
        self._running = threading.Lock()

    def job(self, ident: str) -> IngestJob | None:
        return self._jobs.get(ident)

    def start(self, raws: list[RawArticle]) -> IngestJob:
        """Start ingesting ``raws`` in a thread; UserError if a job is running."""
        if not self._running.acquire(blocking=False):
            raise UserError("an upload is still being read; wait for it to finish")
        job = IngestJob(total=len(raws))
        self._jobs[job.id] = job
        thread = threading.Thread(target=self._run, args=(job, raws), daemon=True)
        thread.start()
        return job

    def run(self, raws: list[RawArticle]) -> IngestJob:
        """Ingest ``raws`` in this thread (for tests and scripts)."""
        job = IngestJob(total=len(raws))
        with self._running:
            self._ingest(job, raws)
        return job

    def _run(self, job: IngestJob, raws: list[RawArticle]) -> None:
        try:
            self._ingest(job, raws)
        finally:
            self._running.release()

    def _ingest(self, job: IngestJob, raws: list[RawArticle]) -> None:
        ws = self.workspace

        def progress(done: int) -> None:
            job.done += done
            job.stage = f"reading {min(job.done + 1, job.total)} of {job.total}"

        try:
            if self._read is None:
                job.stage = "loading the reader"
                self._read = self._make_reader()
            job.stage = f"reading 1 of {job.total}"
            # The CLI's ingest: the same deduplication, the same skipped articles with
            # their reasons; the store is used under the workspace's lock, call by call,
            # so pages keep answering while an article is read.
            store = cast(Store, _Locked(ws.store, ws.lock))
            ingest_articles(
                raws, store, InProcess(self._read), progress, refresh=False, summary=job.summary
            )
            job.stored_ids = job.summary.stored_ids
            job.stage = "updating the ledgers"
            if job.summary.stored_ids:
                latest = ws.snapshot(None)
                with ws.lock:
                    if ws.store.data_version() == latest.version:
                        ws.store.refresh_ledgers(latest.standoff)
            job.stage = "done"
        except Exception as exc:  # noqa: BLE001 - shown on the page, not lost in a thread
            job.error = f"the upload stopped: {exc}"
            job.stage = "failed"
        finally:
            job.finished = True


class _Locked:
    """A store whose every method call (and every context it opens) holds ``lock``."""

    def __init__(self, store: Store, lock: threading.RLock) -> None:
        self._store = store
        self._lock = lock

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._store, name)
        if not callable(found):
            return found

        def call(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                result = found(*args, **kwargs)
            return _LockedContext(result, self._lock) if hasattr(result, "__enter__") else result

        return call


class _LockedContext:
    def __init__(self, context: AbstractContextManager[Any], lock: threading.RLock) -> None:
        self._context = context
        self._lock = lock

    def __enter__(self) -> Any:
        with self._lock:
            return self._context.__enter__()

    def __exit__(self, *exc: Any) -> bool | None:
        with self._lock:
            return self._context.__exit__(*exc)
