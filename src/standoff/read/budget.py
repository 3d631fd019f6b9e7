"""The per-article time limit: an article that takes too long to read is skipped.

:func:`time_limit` bounds a block (the reading of one article). In a process's main
thread on a Unix system a timer signal interrupts the work wherever it is (even deep
in spaCy or a regular expression's Python caller); elsewhere (a Dask worker's thread)
the limit is checked between the steps of the reading, where :func:`check` is called.
Either way the block raises :class:`ArticleTimeout`, a :class:`UserError` whose
message names the article and the limit, and the caller skips the article with it.

``standoff read --time-limit`` and ``standoff ingest --time-limit`` set it (seconds;
0 turns it off); the default is :data:`DEFAULT_SECONDS`.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import FrameType

from standoff.errors import UserError

# A news article reads in a second or two; a minute is a live blog of some 150,000
# characters on a busy machine. Longer inputs (the file limit is 5 MB, some ten minutes
# of spaCy's parse here) are skipped unless the user lifts the limit
# (docs/measurements.md, "Bounded work").
DEFAULT_SECONDS = 60.0


class ArticleTimeout(UserError):
    """Reading one article took longer than the time limit; the article is skipped."""


# (deadline on the monotonic clock, the limit in seconds, the article's origin)
_DEADLINE: ContextVar[tuple[float, float, str] | None] = ContextVar("deadline", default=None)


def _timeout(limit: float, origin: str) -> ArticleTimeout:
    return ArticleTimeout(
        f"{origin}: reading took over {limit:g} s, the per-article time limit "
        "(--time-limit); skipped"
    )


def check() -> None:
    """Raise :class:`ArticleTimeout` when the current article's time is up."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise _timeout(current[1], current[2])


def _can_signal() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, origin: str) -> Iterator[None]:
    """Bound the block to ``seconds`` (None or 0: no limit); raises ArticleTimeout."""
    if not seconds or seconds <= 0:
        yield
        return
    token = _DEADLINE.set((time.monotonic() + seconds, seconds, origin))
    if not _can_signal():
        try:
            yield
        finally:
            _DEADLINE.reset(token)
        return

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise _timeout(seconds, origin)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _DEADLINE.reset(token)
