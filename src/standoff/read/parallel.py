"""Read many articles in N worker processes, each loading the pipeline once.

Results come back in input order. With ``workers <= 1`` the articles are read
in this process (no pool to start, nothing to pickle).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from multiprocessing import get_context

from standoff.model import RawArticle, Reading
from standoff.read.budget import ArticleTimeout

_READER = None  # one Reader per worker process, made by the initializer


def _start(actors_file: str | None, time_limit: float | None = None) -> None:
    global _READER
    from standoff.read.reader import Reader

    _READER = Reader(actors_file=actors_file, time_limit=time_limit)


def _read_chunk(chunk: list[RawArticle], published: date | None) -> list[tuple[bool, str]]:
    """(True, Reading JSON) per article read, (False, why) per article skipped as too slow.
    JSON crosses the process boundary faster than pickled pydantic models."""
    assert _READER is not None, "worker started without its reader"
    return [
        (False, str(r)) if isinstance(r, ArticleTimeout) else (True, r.model_dump_json())
        for r in _READER.read_each(chunk, published)
    ]


def read_in_processes(
    raws: Sequence[RawArticle],
    published: date | None = None,
    workers: int = 1,
    actors_file: str | None = None,
    chunk_size: int = 8,
    time_limit: float | None = None,
) -> list[Reading | ArticleTimeout]:
    """Readings of ``raws`` (same order), read by ``workers`` processes.

    With ``time_limit`` (seconds per article) an article that takes longer is not
    read: its place holds the :class:`ArticleTimeout` that says so.
    """
    if workers <= 1 or len(raws) <= 1:
        from standoff.read.reader import shared_reader

        reader = shared_reader(actors_file, time_limit)
        if time_limit:
            return list(reader.read_each(raws, published))
        return list(reader.read_many(raws, published))
    chunks = [list(raws[i : i + chunk_size]) for i in range(0, len(raws), chunk_size)]
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),  # a clean interpreter: spaCy and fork do not mix well
        initializer=_start,
        initargs=(actors_file, time_limit),
    ) as pool:
        results = pool.map(_read_chunk, chunks, [published] * len(chunks))
        return [
            Reading.model_validate_json(text) if ok else ArticleTimeout(text)
            for chunk in results
            for ok, text in chunk
        ]
