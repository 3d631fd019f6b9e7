"""Exact and near-duplicate detection: a content hash, and MinHash over word shingles.

The same story from several outlets is near-duplicate text: its MinHash
signature (datasketch, 128 permutations over word 3-shingles) has an estimated
Jaccard similarity of at least :data:`THRESHOLD` with an earlier article's.
Candidates are found by LSH banding (:data:`BANDS` bands of :data:`ROWS` rows,
as datasketch's own parameter search picks for this threshold); the bands are
kept in the store, so a new run finds duplicates of articles stored long ago
without holding every signature in memory.
"""

from __future__ import annotations

import hashlib
import re
import struct

import numpy as np
from datasketch import MinHash

from standoff.model import RawArticle

NUM_PERM = 128
SHINGLE = 3
THRESHOLD = 0.7
# datasketch.lsh._optimal_param(0.7, 128, 0.5, 0.5) == (14, 9): 14 bands of 9 rows.
BANDS = 14
ROWS = 9
# Shorter texts share shingles by chance (headline-only items, empty bodies).
MIN_WORDS = 25
_WORD = re.compile(r"\w+")


def content_hash(raw: RawArticle) -> str:
    """sha256 of the article's text or HTML (metadata left out): the same body is the same
    article, whichever file or record it came from."""
    body = raw.text if raw.text is not None else (raw.html or "")
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (``NUM_PERM`` uint32 values) of a text's word 3-shingles,
    or None for a text under :data:`MIN_WORDS` words (too short to call a near-duplicate)."""
    tokens = _WORD.findall(text.lower())
    if len(tokens) < MIN_WORDS:
        return None
    shingles = {" ".join(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype(np.uint32).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal slots."""
    return float(np.count_nonzero(a == b)) / float(len(a))


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    """LSH buckets of a signature: (band number, 63-bit hash of the band's rows)."""
    out = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        out.append((band, struct.unpack("<q", digest)[0] & 0x7FFF_FFFF_FFFF_FFFF))
    return out
