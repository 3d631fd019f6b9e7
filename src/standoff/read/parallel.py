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

_READER = None  # one Reader per worker process, made by the initializer


def _start(actors_file: str | None) -> None:
    global _READER
    from standoff.read.reader import Reader

    _READER = Reader(actors_file=actors_file)


def _read_chunk(chunk: list[RawArticle], published: date | None) -> list[str]:
    assert _READER is not None, "worker started without its reader"
    # JSON crosses the process boundary faster than pickled pydantic models
    return [_READER.read(raw, published).model_dump_json() for raw in chunk]


def read_in_processes(
    raws: Sequence[RawArticle],
    published: date | None = None,
    workers: int = 1,
    actors_file: str | None = None,
    chunk_size: int = 8,
) -> list[Reading]:
    """Readings of ``raws`` (same order), read by ``workers`` processes."""
    if workers <= 1 or len(raws) <= 1:
        from standoff.read.reader import Reader

        reader = Reader(actors_file=actors_file)
        return list(reader.read_many(raws, published))
    chunks = [list(raws[i : i + chunk_size]) for i in range(0, len(raws), chunk_size)]
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),  # a clean interpreter: spaCy and fork do not mix well
        initializer=_start,
        initargs=(actors_file,),
    ) as pool:
        results = pool.map(_read_chunk, chunks, [published] * len(chunks))
        return [Reading.model_validate_json(text) for chunk in results for text in chunk]
