"""Where articles are read: in this process, in a pool of processes, or on a Dask cluster.

Every backend takes raw articles (with their content hash) and yields a
:class:`ReadResult` per article **in input order**, so that which article of a
story comes first does not depend on timing. The parallel backends read chunks
of articles in workers; each worker loads the reader (and its spaCy pipeline)
once, and writes its chunk as a Parquet partition under ``parts_dir``; the
main process queries the partition with DuckDB and stores it article by
article. A partition already on disk from a killed run is reused, not re-read.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from standoff.errors import UserError
from standoff.files import atomic_path
from standoff.model import RawArticle, Reading

CHUNK = 32  # articles per worker task: big enough to amortise a task, small for memory


@dataclass(frozen=True)
class Pending:
    """A raw article waiting to be read: its content hash and the article."""

    raw_hash: str
    raw: RawArticle


@dataclass(frozen=True)
class ReadResult:
    """One article's Reading, or why it could not be read."""

    raw_hash: str
    origin: str
    reading: Reading | None
    error: str | None = None


class Backend(Protocol):
    def read(self, items: Iterable[Pending]) -> Iterator[ReadResult]: ...


ReadFn = Callable[[RawArticle], Reading]


def _read_one(read: ReadFn, item: Pending) -> ReadResult:
    try:
        return ReadResult(item.raw_hash, item.raw.origin, read(item.raw))
    except UserError as exc:  # its message names the article already (a time-out)
        return ReadResult(item.raw_hash, item.raw.origin, None, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
        what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return ReadResult(item.raw_hash, item.raw.origin, None, f"{item.raw.origin}: {what}")


class InProcess:
    """Read in this process with one reader (loaded once), each article held to
    ``time_limit`` seconds (None: no limit)."""

    def __init__(
        self,
        read: ReadFn | None = None,
        actors_file: str | None = None,
        time_limit: float | None = None,
    ) -> None:
        if read is None:
            from standoff.read.reader import shared_reader

            read = shared_reader(actors_file, time_limit).read
        self._read = read

    def read(self, items: Iterable[Pending]) -> Iterator[ReadResult]:
        for item in items:
            yield _read_one(self._read, item)


# --------------------------------------------------------------------------- workers


def _worker_reader(actors_file: str | None, time_limit: float | None = None) -> ReadFn:
    """The reader of this worker process, loaded on first use and kept."""
    from standoff.read.reader import shared_reader

    return shared_reader(actors_file, time_limit).read


PARTITION_SCHEMA = pa.schema(
    [
        ("raw_hash", pa.string()),
        ("origin", pa.string()),
        ("published", pa.date32()),
        ("source", pa.string()),
        ("reading", pa.string()),  # Reading JSON; null when the article failed
        ("error", pa.string()),
    ]
)


def read_chunk(
    rows: list[tuple[str, str]],
    part: str,
    actors_file: str | None,
    time_limit: float | None = None,
) -> str:
    """Worker task: read ``rows`` (content hash, RawArticle JSON) into Parquet file ``part``.

    Written to a temporary name and renamed, so a partition on disk is always whole.
    Returns ``part``.
    """
    read = _worker_reader(actors_file, time_limit)
    columns: dict[str, list[Any]] = {name: [] for name in PARTITION_SCHEMA.names}
    for raw_hash, raw_json in rows:
        result = _read_one(read, Pending(raw_hash, RawArticle.model_validate_json(raw_json)))
        reading = result.reading
        columns["raw_hash"].append(raw_hash)
        columns["origin"].append(result.origin)
        columns["published"].append(reading.article.published if reading else None)
        columns["source"].append(reading.article.source if reading else None)
        columns["reading"].append(reading.model_dump_json() if reading else None)
        columns["error"].append(result.error)
    table = pa.table(columns, schema=PARTITION_SCHEMA)
    with atomic_path(Path(part)) as tmp:
        pq.write_table(table, tmp)
    return part


def load_partition(part: str) -> Iterator[ReadResult]:
    """The ReadResults of one Parquet partition, queried with DuckDB, in written order."""
    con = duckdb.connect()
    try:
        rows = con.execute(
            "SELECT raw_hash, origin, reading, error FROM read_parquet(?)", [part]
        ).fetchall()
    finally:
        con.close()
    for raw_hash, origin, reading, error in rows:
        parsed = Reading.model_validate_json(reading) if reading is not None else None
        yield ReadResult(raw_hash, origin, parsed, error)


def _chunks(items: Iterable[Pending], size: int) -> Iterator[list[Pending]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _part_name(parts_dir: Path, chunk: list[Pending]) -> str:
    digest = hashlib.sha1("".join(p.raw_hash for p in chunk).encode()).hexdigest()[:16]
    return str(parts_dir / f"part-{digest}.parquet")


Submit = Callable[[list[tuple[str, str]], str], "Future[str] | Any"]


def _run_chunks(
    items: Iterable[Pending], parts_dir: Path, in_flight: int, submit: Submit, size: int
) -> Iterator[ReadResult]:
    """Send chunks to ``submit`` with at most ``in_flight`` outstanding; yield in order."""
    parts_dir.mkdir(parents=True, exist_ok=True)
    queue: deque[Any] = deque()

    def drain_one() -> Iterator[ReadResult]:
        head = queue.popleft()
        part = head if isinstance(head, str) else head.result()
        yield from load_partition(part)

    for chunk in _chunks(items, size):
        part = _part_name(parts_dir, chunk)
        if Path(part).exists():
            queue.append(part)  # read by a run that was stopped: reuse it
        else:
            rows = [(p.raw_hash, p.raw.model_dump_json()) for p in chunk]
            queue.append(submit(rows, part))
        while len(queue) >= in_flight:
            yield from drain_one()
    while queue:
        yield from drain_one()


class ProcessPool:
    """Read in ``workers`` processes (spawned: no DuckDB threads forked), each loading
    the reader once; results land in Parquet partitions under ``parts_dir``. The pool
    starts only when a chunk needs reading (a resumed run may need none)."""

    def __init__(
        self,
        workers: int,
        parts_dir: Path,
        actors_file: str | None = None,
        chunk: int = CHUNK,
        time_limit: float | None = None,
    ) -> None:
        self.workers = workers
        self.parts_dir = parts_dir
        self.actors_file = actors_file
        self.chunk = chunk
        self.time_limit = time_limit

    def read(self, items: Iterable[Pending]) -> Iterator[ReadResult]:
        pool: ProcessPoolExecutor | None = None

        def submit(rows: list[tuple[str, str]], part: str) -> Future[str]:
            nonlocal pool
            if pool is None:
                pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"))
            return pool.submit(read_chunk, rows, part, self.actors_file, self.time_limit)

        finished = False
        try:
            yield from _run_chunks(items, self.parts_dir, 2 * self.workers, submit, self.chunk)
            finished = True
        finally:
            if pool is not None:
                # On Ctrl-C or an error, drop queued chunks instead of waiting for them.
                pool.shutdown(wait=finished, cancel_futures=not finished)


class DaskCluster:
    """Read on an existing Dask cluster (``address`` of its scheduler); results land in
    Parquet partitions under ``parts_dir``, which the workers must be able to write."""

    def __init__(
        self,
        address: str,
        parts_dir: Path,
        actors_file: str | None = None,
        chunk: int = CHUNK,
        timeout: str = "10s",
        time_limit: float | None = None,
    ) -> None:
        self.address = address
        self.parts_dir = parts_dir
        self.actors_file = actors_file
        self.chunk = chunk
        self.timeout = timeout
        self.time_limit = time_limit

    def read(self, items: Iterable[Pending]) -> Iterator[ReadResult]:
        from distributed import Client

        try:
            client = Client(self.address, timeout=self.timeout)
        except (OSError, TimeoutError) as exc:
            raise UserError(
                f"--scheduler {self.address}: cannot reach the scheduler ({exc})"
            ) from None
        try:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            yield from _run_chunks(
                items,
                self.parts_dir.resolve(),
                2 * workers,
                lambda rows, part: client.submit(
                    read_chunk, rows, part, self.actors_file, self.time_limit, pure=False
                ),
                self.chunk,
            )
        finally:
            client.close()
