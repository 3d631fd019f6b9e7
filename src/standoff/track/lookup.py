"""What an ingest looks up about stored articles, in compact arrays rather than DuckDB indexes.

For each new article an ingest asks: is this content hash stored? this article id? which
stored articles share one of its LSH buckets? DuckDB answered from ART indexes, which a
connection loads whole once random lookups have touched them (~1.1 KB an article: 14
bucket keys, the id and the 64-digit hash) and rewrites at every checkpoint, so an
ingest's memory grew with the store. Here the same answers come from sorted arrays of
64-bit keys (~0.25 KB an article, docs/store.md "Memory of a long ingest"):

- :class:`KeyTable`: a multimap from 64-bit keys to slots (article numbers), kept as a
  few sorted runs that merge as they grow (a log-structured merge), so adding a key is
  amortised O(log n) and a lookup is a binary search in each run.
- :class:`ArticleLookup`: the three lookups of a store, built from its tables when an
  ingest first needs them and kept up to date by :meth:`ArticleLookup.add`.

Exact lookups (hash, id) compare 128 bits of a blake2b digest; LSH lookups compare 64
bits and their candidates are confirmed by signature similarity anyway.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Sequence
from typing import Any

import numpy as np

_KEY = np.uint64
_SLOT = np.int32
_TAIL_SIZE = 1024  # keys held unsorted before they become a sorted run
_BATCH = 8_192  # rows fetched at a time while building (Arrow record batches)
# Folds the band number into a bucket's key, so equal rows in two bands do not collide.
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)


def digest(text: str) -> tuple[int, int]:
    """A string's 128-bit blake2b digest as two unsigned 64-bit integers."""
    raw = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return int.from_bytes(raw[:8], "little"), int.from_bytes(raw[8:], "little")


def band_keys(bands: np.ndarray, buckets: np.ndarray) -> np.ndarray:
    """64-bit keys of LSH buckets: ``bucket`` (63-bit hash) mixed with its band number.

    ``bands`` and ``buckets`` are integer arrays of one shape; returns uint64 of that shape.
    """
    with np.errstate(over="ignore"):
        mixed = (bands.astype(_KEY) + np.uint64(1)) * _BAND_MIX
    return np.bitwise_xor(buckets.astype(_KEY), mixed)


class KeyTable:
    """A multimap from 64-bit keys (and, when ``checked``, a second 64-bit check value)
    to int32 slots, in sorted runs.

    Memory: 12 bytes a key (20 when checked). ``find`` returns every slot stored under
    a key whose check value (when checked) matches.
    """

    def __init__(self, checked: bool = False) -> None:
        self.checked = checked
        # Each run: (keys sorted ascending, slots, checks or None), sizes falling.
        self._runs: list[tuple[np.ndarray, np.ndarray, np.ndarray | None]] = []
        # The newest keys, kept sorted as they arrive, in fixed arrays rather than Python
        # objects: an ingest adds 16 keys an article, and objects made one article at a
        # time are scattered among that article's parse objects. Sorted, so a lookup is a
        # binary search like the runs': scanning an unsorted tail made a few small arrays
        # a lookup, which left the resident memory creeping (docs/store.md).
        self._tail_keys = np.zeros(_TAIL_SIZE, dtype=_KEY)
        self._tail_slots = np.zeros(_TAIL_SIZE, dtype=_SLOT)
        self._tail_checks = np.zeros(_TAIL_SIZE, dtype=_KEY)
        self._tail_count = 0

    def __len__(self) -> int:
        return self._tail_count + sum(len(run[0]) for run in self._runs)

    def add(self, key: int, slot: int, check: int = 0) -> None:
        count = self._tail_count
        wanted = _KEY(key)
        # after any equal keys, so slots under one key keep the order they came in
        at = int(self._tail_keys[:count].searchsorted(wanted, side="right"))
        for column in (self._tail_keys, self._tail_slots, self._tail_checks):
            column[at + 1 : count + 1] = column[at:count]
        self._tail_keys[at], self._tail_slots[at], self._tail_checks[at] = wanted, slot, check
        self._tail_count = count + 1
        if self._tail_count >= _TAIL_SIZE:
            self._flush()

    def extend(self, keys: np.ndarray, slots: np.ndarray, checks: np.ndarray | None = None) -> None:
        """Add many keys at once (arrays of one length) as a sorted run."""
        if len(keys) == 0:
            return
        self._flush()
        self._push(keys.astype(_KEY), slots.astype(_SLOT), self._checks(checks, len(keys)))

    def find(self, key: int, check: int = 0) -> list[int]:
        wanted = _KEY(key)
        count = self._tail_count
        tail = (
            self._tail_keys[:count],
            self._tail_slots,
            self._tail_checks if self.checked else None,
        )
        found: list[int] = []
        for keys, slots, checks in (tail, *self._runs):
            lo = int(keys.searchsorted(wanted, side="left"))
            hi = int(keys.searchsorted(wanted, side="right"))
            for i in range(lo, hi):
                if checks is None or int(checks[i]) == check:
                    found.append(int(slots[i]))
        return found

    def _checks(self, checks: np.ndarray | None, size: int) -> np.ndarray | None:
        if not self.checked:
            return None
        if checks is None:
            raise ValueError("a checked KeyTable needs check values")
        if len(checks) != size:
            raise ValueError(f"{len(checks)} check values for {size} keys")
        return checks.astype(_KEY)

    def _flush(self) -> None:
        count, self._tail_count = self._tail_count, 0
        if count == 0:
            return
        checks = self._tail_checks[:count].copy() if self.checked else None
        # already sorted: _push's stable sort keeps it as it is
        self._push(self._tail_keys[:count].copy(), self._tail_slots[:count].copy(), checks)

    def _push(self, keys: np.ndarray, slots: np.ndarray, checks: np.ndarray | None) -> None:
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], slots[order], None if checks is None else checks[order]))
        # Merge while the newest run is at least half the size of the one before it: the
        # runs' sizes then fall geometrically, so there are O(log n) of them.
        while len(self._runs) > 1 and 2 * len(self._runs[-1][0]) >= len(self._runs[-2][0]):
            newer, older = self._runs.pop(), self._runs.pop()
            keys = np.concatenate([older[0], newer[0]])
            order = np.argsort(keys, kind="stable")
            slots = np.concatenate([older[1], newer[1]])[order]
            checks = None
            if older[2] is not None and newer[2] is not None:
                checks = np.concatenate([older[2], newer[2]])[order]
            self._runs.append((keys[order], slots, checks))


class StringColumn:
    """Strings appended to one growing buffer, read back by position.

    A list of str holds one object an article for the whole ingest (~73 bytes for a
    16-character id, allocated among that article's short-lived parse objects); here
    each string is its UTF-8 bytes in one buffer plus an 8-byte end offset (~24 bytes).
    """

    def __init__(self) -> None:
        self._data = bytearray()
        self._ends = array("Q")

    def __len__(self) -> int:
        return len(self._ends)

    def append(self, text: str) -> None:
        self._data += text.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._data))

    def __getitem__(self, index: int) -> str:
        start = self._ends[index - 1] if index > 0 else 0
        return self._data[start : self._ends[index]].decode("utf-8", "surrogatepass")


class ArticleLookup:
    """The stored articles an ingest checks a new one against.

    Slots number the articles as added; :attr:`ids` maps a slot to its article id.
    """

    def __init__(self) -> None:
        self.ids = StringColumn()
        self._by_hash = KeyTable(checked=True)
        self._by_id = KeyTable(checked=True)
        self._by_bucket = KeyTable()

    def __len__(self) -> int:
        return len(self.ids)

    def has_hash(self, raw_hash: str) -> bool:
        return bool(self._by_hash.find(*digest(raw_hash)))

    def has_id(self, article_id: str) -> bool:
        return bool(self._by_id.find(*digest(article_id)))

    def candidates(self, buckets: Sequence[tuple[int, int]]) -> list[str]:
        """Ids of stored articles sharing at least one (band, bucket) with ``buckets``,
        sorted; a 64-bit key collision can add an id, which similarity then rules out."""
        slots = {s for key in _bucket_keys(buckets) for s in self._by_bucket.find(key)}
        return sorted({self.ids[s] for s in slots})

    def add(self, article_id: str, raw_hash: str, buckets: Sequence[tuple[int, int]]) -> None:
        """Record a stored article (call after its transaction committed)."""
        slot = len(self.ids)
        self.ids.append(article_id)
        for table, text in ((self._by_hash, raw_hash), (self._by_id, article_id)):
            key, check = digest(text)
            table.add(key, slot, check)
        for key in _bucket_keys(buckets):
            self._by_bucket.add(key, slot)

    @classmethod
    def build(cls, con: Any) -> ArticleLookup:
        """Load the lookups of the store open on DuckDB connection ``con``, streaming.

        Articles get slots in id order; the bands join to them in DuckDB, so no
        id-to-slot dictionary is built here.
        """
        lookup = cls()
        articles = con.sql("SELECT id, raw_hash FROM articles ORDER BY id")
        for batch in articles.to_arrow_reader(_BATCH):
            ids = [str(i) for i in batch.column(0).to_pylist()]
            hashes = [str(h) for h in batch.column(1).to_pylist()]
            start = len(lookup.ids)
            for ident in ids:
                lookup.ids.append(ident)
            slots = np.arange(start, start + len(ids), dtype=_SLOT)
            for table, texts in ((lookup._by_hash, hashes), (lookup._by_id, ids)):
                pairs = np.array([digest(t) for t in texts], dtype=_KEY).reshape(-1, 2)
                table.extend(pairs[:, 0], slots, pairs[:, 1])
        bands = con.sql(
            """
            WITH slots AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS slot FROM articles)
            SELECT s.slot, b.band, b.bucket
            FROM minhash_bands b JOIN slots s ON s.id = b.article_id
            """
        )
        for batch in bands.to_arrow_reader(_BATCH):
            slot, band, bucket = (batch.column(i).to_numpy() for i in range(3))
            lookup._by_bucket.extend(band_keys(band, bucket), slot)
        return lookup


def _bucket_keys(buckets: Sequence[tuple[int, int]]) -> list[int]:
    """The keys of (band, bucket) pairs, as :func:`band_keys` makes them."""
    if not buckets:
        return []
    bands = np.fromiter((b for b, _ in buckets), dtype=np.int64, count=len(buckets))
    hashes = np.fromiter((h for _, h in buckets), dtype=np.int64, count=len(buckets))
    return [int(key) for key in band_keys(bands, hashes)]
