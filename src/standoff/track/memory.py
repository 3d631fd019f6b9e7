"""Handing memory the process no longer uses back to the operating system.

A long ingest frees much more native memory than it keeps (DuckDB's buffers, one
article's parse after another), but glibc's allocator keeps freed blocks in its arenas,
so the process's resident size creeps up with the corpus. Two calls of glibc's, and
elsewhere (macOS, musl) no-ops:

- :func:`release_free_memory` (``malloc_trim``) returns the free parts of the heap.
- :func:`map_large_blocks` (``mallopt(M_MMAP_THRESHOLD)``) stops glibc raising its
  threshold for serving an allocation from its own mapping. By default the threshold
  climbs to the size of the largest block freed, so after DuckDB frees its first
  256 KB buffers every later one comes from the heap, where the parser's small objects
  settle between them and keep freed pages from going back; resident memory then
  grows with the length of the run. Held at 128 KB, every DuckDB buffer is its own
  mapping and goes back to the system when freed (measured in docs/store.md).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any

_M_MMAP_THRESHOLD = -3  # mallopt parameter number, from glibc's malloc.h
MMAP_THRESHOLD = 128 * 1024  # bytes: glibc's default starting value, held fixed


@cache
def _libc() -> Any | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
    except OSError:
        return None
    # Both exist only in glibc; looking a symbol up raises AttributeError when missing.
    return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None


def release_free_memory() -> bool:
    """Return the allocator's free memory to the system; True when it could be asked."""
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True


def map_large_blocks() -> bool:
    """Serve every allocation of :data:`MMAP_THRESHOLD` bytes or more from its own
    mapping for the rest of the process; True when glibc accepted it."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))
