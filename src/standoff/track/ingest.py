"""Ingest: files and folders -> raw articles -> Readings -> the store, one article at a time.

The pipeline streams: files are loaded one at a time, articles already stored
(same content hash) are skipped before reading, and each Reading is written in
its own transaction, so memory stays flat as the batch grows and a killed run
resumes where it stopped. Reading itself is done by a backend
(:mod:`standoff.track.backends`): in this process, in a pool of processes, or on
a Dask cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from standoff.errors import UserError
from standoff.model import RawArticle
from standoff.read.inputs import iter_file, iter_paths
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


def _raw_articles(paths: Iterable[Path], summary: IngestSummary) -> Iterator[RawArticle]:
    """Every raw article of ``paths``; a bad path or file is recorded and skipped."""
    for path in paths:
        try:
            files = list(iter_paths([path]))
        except UserError as exc:
            summary.skipped.append(Skipped(str(path), str(exc)))
            summary.failed_files.add(str(path))
            continue
        for file in files:
            try:
                # A bad file is skipped whole: check every record first, keeping none, so
                # memory stays flat on a large feed; then stream it again to read it.
                for _ in iter_file(file):
                    pass
            except UserError as exc:
                summary.skipped.append(Skipped(str(file), str(exc)))
                summary.failed_files.add(str(file))
                continue
            yield from iter_file(file)


@dataclass
class _Seen:
    """Content hashes this batch has let through that the store does not answer for.

    ``in_flight``: sent to the backend and not stored yet (a second copy of one is a
    duplicate though the store does not hold it yet); a hash leaves the set once its
    article is stored, after which the store answers. ``failed``: articles the reader
    failed on, which are never stored. Both stay bounded (by the backend's queue and by
    the failures, which the summary lists anyway), so memory does not grow with the
    batch, unlike a set of every hash seen.
    """

    in_flight: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)

    def __contains__(self, digest: str) -> bool:
        return digest in self.in_flight or digest in self.failed


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
        if digest in seen or store.has(digest):
            summary.duplicates += 1
            if progress:
                progress(1)
            continue
        seen.in_flight.add(digest)
        yield Pending(digest, raw)


def _record(
    result: ReadResult,
    store: Store,
    summary: IngestSummary,
    seen: _Seen,
    progress: Progress | None,
) -> None:
    if result.reading is None:
        summary.skipped.append(Skipped(result.origin, result.error or "could not be read"))
        summary.failed_files.add(result.origin.rsplit(":", 1)[0])
        seen.failed.add(result.raw_hash)
    else:
        added = store.add(result.reading, result.raw_hash, result.origin)
        if added.outcome == Outcome.STORED:
            summary.stored += 1
        elif added.outcome == Outcome.NEAR_DUPLICATE:
            summary.near_duplicates += 1
        else:
            summary.duplicates += 1
    seen.in_flight.discard(result.raw_hash)
    if progress:
        progress(1)


def ingest(
    paths: Iterable[Path],
    store: Store,
    backend: Backend,
    progress: Progress | None = None,
    refresh: bool = True,
) -> IngestSummary:
    """Read ``paths`` with ``backend`` into ``store``; returns what happened.

    Articles are committed one by one as they come back from the backend.
    ``refresh`` rewrites the ledger tables at the end (see Store.refresh_ledgers).
    """
    summary = IngestSummary()
    seen = _Seen()
    pending = _pending(_raw_articles(paths, summary), store, summary, seen, progress)
    with store.ingesting():
        for result in backend.read(pending):
            _record(result, store, summary, seen, progress)
    if refresh and summary.stored + summary.near_duplicates > 0:
        store.refresh_ledgers()
    return summary
