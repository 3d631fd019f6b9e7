"""Handing memory the process no longer uses back to the operating system.

A long ingest frees much more native memory than it keeps (DuckDB's buffers and
index nodes, one article's parse after another), but glibc's allocator keeps freed
blocks in its arenas, so the process's resident size creeps up with the corpus.
``malloc_trim`` returns the free parts of the heap to the system. Elsewhere (macOS,
musl) there is no such call and this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache


@cache
def _trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None


def release_free_memory() -> bool:
    """Return the allocator's free memory to the system; True when it could be asked."""
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
