"""Ingest: files and folders -> raw articles -> Readings -> the store, one article at a time.

The pipeline streams: files are loaded one at a time, articles already stored
(same content hash) are skipped before reading, and each Reading is written in
its own transaction, so memory stays flat as the batch grows and a killed run
resumes where it stopped. Reading itself is done by a backend
(:mod:`standoff.track.backends`): in this process, in a pool of processes, or on
a Dask cluster.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from standoff.errors import Interrupted, UserError
from standoff.grammar import count
from standoff.model import RawArticle
from standoff.read.inputs import RecordError, display, iter_articles, iter_paths
from standoff.track.backends import Backend, Pending, ReadResult
from standoff.track.dedupe import content_hash
from standoff.track.store import Outcome, Store


@dataclass(frozen=True)
class Skipped:
    """An input left out, with the reason shown to the user."""

    origin: str
    reason: str


@dataclass
class IngestSummary:
    """What one ingest did. ``read`` counts raw articles seen (duplicates included)."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    failed_files: set[str] = field(default_factory=set)
    stored_ids: list[str] = field(default_factory=list)  # articles stored or merged
    # "origin: message" for each stored article that is undated or whose supplied date
    # was not used (the reading keeps the warning too; these are shown to the user)
    date_warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The one-line summary printed at the end of an ingest."""
        parts = [
            f"read {self.read}",
            f"stored {self.stored}",
            f"duplicates {self.duplicates}",
            f"near-duplicates merged into stories {self.near_duplicates}",
            f"skipped {len(self.skipped)}",
        ]
        text = ", ".join(parts)
        if self.skipped:
            reasons = "; ".join(s.reason for s in self.skipped[:3])
            more = f" (+{len(self.skipped) - 3} more)" if len(self.skipped) > 3 else ""
            text += f" ({reasons}{more})"
        return text


Progress = Callable[[int], None]


def count_articles(paths: Iterable[Path]) -> int:
    """A cheap estimate of how many articles ``paths`` hold, for the progress bar
    (one a file; one a non-empty line in JSON Lines). Unreadable paths count 0."""
    total = 0
    for path in paths:
        try:
            files = list(iter_paths([path]))
        except UserError:
            continue
        for file in files:
            if file.suffix.lower() in {".jsonl", ".json"}:
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    continue
            else:
                total += 1
    return total


def _raw_articles(
    paths: Iterable[Path],
    store: Store,
    summary: IngestSummary,
    supplied: date | None = None,
    dates: Mapping[Path, date] | None = None,
) -> Iterator[RawArticle]:
    """Every raw article of ``paths``; a bad path, file or JSON Lines record is recorded
    (summary and the store's skipped table) and left out, and the rest goes on.
    Each article carries the date to use if it states none: its file's in ``dates``
    (resolved path -> date, a ``--dates`` manifest), else ``supplied`` (``--date``)."""
    for path in paths:
        try:
            files = list(iter_paths([path]))
        except UserError as exc:
            _skip(store, summary, display(path), display(path), str(exc))
            continue
        for file in files:
            name = display(file)
            given = (dates or {}).get(file.resolve(), supplied)
            try:
                for item in iter_articles(file):
                    if isinstance(item, RecordError):
                        _skip(store, summary, name, item.origin, str(item))
                    elif given is not None:
                        yield item.model_copy(update={"supplied_date": given})
                    else:
                        yield item
            except UserError as exc:
                _skip(store, summary, name, name, str(exc))


def _skip(
    store: Store,
    summary: IngestSummary,
    file: str,
    origin: str,
    reason: str,
    raw_hash: str | None = None,
) -> None:
    """Leave an input out: in the summary and in the store's skipped table."""
    summary.skipped.append(Skipped(origin, reason))
    summary.failed_files.add(file)
    store.skip(origin, reason, raw_hash)


def _file_of(origin: str) -> str:
    """The file an input came from (its origin without a JSON Lines ``:line``)."""
    head, _, tail = origin.rpartition(":")
    return head if head and tail.isdigit() else origin


def _skip_again(
    store: Store, summary: IngestSummary, origin: str, reason: str, raw_hash: str
) -> None:
    """Leave out an exact copy of an input that failed in this run, with its reason."""
    again = f"{origin}: the same as an input that failed earlier in this run ({reason})"
    _skip(store, summary, _file_of(origin), origin, again, raw_hash)


def fingerprint(raw: RawArticle) -> str:
    """A hash of a raw article with its metadata: two inputs with the same text but
    another url or date may read differently, so only the same fingerprint repeats a
    failure."""
    body = raw.model_dump_json(exclude={"origin"}).encode("utf-8", "replace")
    return hashlib.sha256(body).hexdigest()


@dataclass
class _Seen:
    """What this batch has sent to the reader, by fingerprint (text and metadata).

    ``in_flight``: each article being read, with the origins of exact copies that came
    while it was (a parallel backend takes many articles before the first comes back):
    a copy is not read again but settled by the first one's outcome, a duplicate of the
    stored article or skipped with its failure's reason. ``failed``: the articles the
    reader failed on, so a later exact copy is skipped with the same reason instead of
    being read again (an article that ran out of time would cost the limit once more).
    The same text with other metadata is read on its own, and never counted as a
    duplicate of a failure (only a stored article makes a duplicate). Both stay bounded,
    by the backend's queue and by the failures the summary lists anyway.
    """

    in_flight: dict[str, list[str]] = field(default_factory=dict)  # fingerprint -> copies
    failed: dict[str, str] = field(default_factory=dict)  # fingerprint -> reason


def _pending(
    raws: Iterable[RawArticle],
    store: Store,
    summary: IngestSummary,
    seen: _Seen,
    progress: Progress | None,
) -> Iterator[Pending]:
    """Raw articles not stored yet: exact duplicates are counted and dropped before reading."""
    for raw in raws:
        summary.read += 1
        digest = content_hash(raw)
        mark = fingerprint(raw)
        if store.has(digest):
            summary.duplicates += 1
        elif mark in seen.failed:
            _skip_again(store, summary, raw.origin, seen.failed[mark], digest)
        elif mark in seen.in_flight:
            seen.in_flight[mark].append(raw.origin)  # settled with the first (_record)
            continue
        else:
            seen.in_flight[mark] = []
            yield Pending(digest, raw)
            continue
        if progress:
            progress(1)


def _record(
    result: ReadResult,
    pending: dict[str, RawArticle],
    store: Store,
    summary: IngestSummary,
    seen: _Seen,
    progress: Progress | None,
) -> None:
    raw = pending.pop(result.raw_hash + result.origin, None)
    mark = fingerprint(raw) if raw is not None else None
    copies = seen.in_flight.pop(mark, []) if mark is not None else []
    if result.reading is None:
        reason = result.error or f"{result.origin}: could not be read"
        _skip(store, summary, _file_of(result.origin), result.origin, reason, result.raw_hash)
        if mark is not None:
            seen.failed[mark] = reason
        for origin in copies:
            _skip_again(store, summary, origin, reason, result.raw_hash)
    else:
        added = store.add(result.reading, result.raw_hash, result.origin)
        if added.outcome == Outcome.STORED:
            summary.stored += 1
        elif added.outcome == Outcome.NEAR_DUPLICATE:
            summary.near_duplicates += 1
        else:
            summary.duplicates += 1
        summary.duplicates += len(copies)  # exact copies of the article just stored
        if added.outcome != Outcome.DUPLICATE:
            summary.stored_ids.append(added.article_id)
            summary.date_warnings.extend(
                f"{result.origin}: {w.message}"
                for w in result.reading.warnings
                if w.kind in DATE_WARNINGS
            )
    if progress:
        progress(1 + len(copies))


DATE_WARNINGS = frozenset({"no-date", "supplied-date"})


def ingest(
    paths: Iterable[Path],
    store: Store,
    backend: Backend,
    progress: Progress | None = None,
    refresh: bool = True,
    supplied_date: date | None = None,
    dates: Mapping[Path, date] | None = None,
) -> IngestSummary:
    """Read ``paths`` with ``backend`` into ``store``; returns what happened.

    Articles are committed one by one as they come back from the backend; an input
    that fails is recorded in the store's ``skipped`` table and the run goes on.
    ``refresh`` rewrites the ledger tables at the end (see Store.refresh_ledgers), and
    whenever an earlier run stopped before doing so. Ctrl-C raises
    :class:`~standoff.errors.Interrupted` saying how many articles were stored.
    ``supplied_date`` (``--date``) is the publication date of the articles that state
    none; an article's own date wins (its reading then warns that the two disagree).
    ``dates`` (resolved file path -> date, a ``--dates`` manifest) does the same per
    file, before ``supplied_date``.
    """
    summary = IngestSummary()
    raws = _raw_articles(paths, store, summary, supplied_date, dates)
    return ingest_articles(raws, store, backend, progress, refresh, summary)


def ingest_articles(
    raws: Iterable[RawArticle],
    store: Store,
    backend: Backend,
    progress: Progress | None = None,
    refresh: bool = True,
    summary: IngestSummary | None = None,
) -> IngestSummary:
    """:func:`ingest` of raw articles already loaded (the web workspace's uploads go
    through here, so they are read, deduplicated, skipped and reported as the CLI's)."""
    summary = IngestSummary() if summary is None else summary
    seen = _Seen()
    # The raw article of each article being read, to fingerprint it if it fails.
    reading: dict[str, RawArticle] = {}

    def tracked(items: Iterable[Pending]) -> Iterator[Pending]:
        for item in items:
            reading[item.raw_hash + item.raw.origin] = item.raw
            yield item

    pending = tracked(_pending(raws, store, summary, seen, progress))
    try:
        with store.ingesting():
            for result in backend.read(pending):
                _record(result, reading, store, summary, seen, progress)
    except KeyboardInterrupt:
        stored = summary.stored + summary.near_duplicates
        message = f"interrupted: {count(stored, 'article')} stored, re-run to resume"
        raise Interrupted(message) from None
    if refresh and (summary.stored + summary.near_duplicates > 0 or store.ledgers_stale()):
        store.refresh_ledgers()
    store.forget_stored_skips()
    return summary
