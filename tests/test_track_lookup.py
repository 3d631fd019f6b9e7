"""The lookups an ingest makes against stored articles (track/lookup.py), and the store
version that moved them out of DuckDB's indexes (3), including the migration from 2."""

from __future__ import annotations

import hashlib
import math
import random
from pathlib import Path

import duckdb
import numpy as np

from standoff.model import Article, Reading
from standoff.track import dedupe
from standoff.track.lookup import ArticleLookup, KeyTable, StringColumn
from standoff.track.store import STORE_VERSION, Outcome, Store
from test_track_factories import AUG1

STORY = (
    "Negotiators from both capitals met in Geneva on Thursday and agreed to extend the "
    "grain corridor by sixty days, while warning that any strike on the port of Odesa "
    "would end the arrangement at once, officials on both sides told reporters afterwards."
)


def _reading(text: str, source: str) -> Reading:
    ident = hashlib.sha256(f"{source}{text}".encode()).hexdigest()[:16]
    return Reading(article=Article(id=ident, published=AUG1, source=source, text=text))


def _texts(count: int) -> list[str]:
    rng = random.Random(3)
    words = STORY.split()
    return [" ".join(rng.sample(words, len(words))) + f" Dispatch {i}." for i in range(count)]


# ------------------------------------------------------------------------- KeyTable


def test_a_key_table_answers_as_a_dict_of_lists_through_flushes_and_merges() -> None:
    rng = random.Random(0)
    table, expected = KeyTable(), {}
    keys = [rng.getrandbits(64) for _ in range(700)]
    for slot in range(5_000):  # several tails flushed into runs, runs merged
        key = rng.choice(keys)
        table.add(key, slot)
        expected.setdefault(key, []).append(slot)
    bulk = np.array([rng.choice(keys) for _ in range(2_000)], dtype=np.uint64)
    table.extend(bulk, np.arange(5_000, 7_000))
    for slot, key in enumerate(bulk.tolist(), start=5_000):
        expected.setdefault(key, []).append(slot)
    assert len(table) == 7_000
    for key, slots in expected.items():
        assert sorted(table.find(key)) == slots
    absent = next(k for k in range(10) if k not in expected)
    assert table.find(absent) == []


def test_a_key_table_keeps_a_logarithmic_number_of_runs() -> None:
    table = KeyTable()
    rng = random.Random(1)
    for slot in range(50_000):
        table.add(rng.getrandbits(64), slot)
    # sizes at least halve from run to run, so there are at most log2(n) + 1 of them
    assert len(table._runs) <= math.log2(50_000) + 1


def test_a_checked_key_table_tells_apart_equal_keys_with_other_checks() -> None:
    table = KeyTable(checked=True)
    table.add(42, 0, check=7)
    table.add(42, 1, check=8)
    table.extend(np.array([42], dtype=np.uint64), np.array([2]), np.array([7], dtype=np.uint64))
    assert sorted(table.find(42, check=7)) == [0, 2]
    assert table.find(42, check=8) == [1]
    assert table.find(42, check=9) == []


def test_a_string_column_gives_back_each_string_by_position() -> None:
    column = StringColumn()
    texts = ["a1", "", "Kyiv-ünïcode", "x" * 300, "\udcff surrogate"]
    for text in texts:
        column.append(text)
    assert len(column) == len(texts)
    assert [column[i] for i in range(len(texts))] == texts


# --------------------------------------------------------------------- ArticleLookup


def test_a_lookup_built_from_the_store_answers_as_the_one_kept_while_adding(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.duckdb"
    texts = _texts(12)
    readings = [_reading(t, f"src{i}") for i, t in enumerate(texts)]
    readings.append(_reading(texts[0] + " (Reuters)", "copy"))  # a near-duplicate
    with Store(path) as store:
        for i, r in enumerate(readings):
            store.add(r, f"hash{i}")
        kept = store._lookups()
        built = ArticleLookup.build(store.con)
    assert len(kept) == len(built) == len(readings)
    for i, r in enumerate(readings):
        for lookup in (kept, built):
            assert lookup.has_hash(f"hash{i}") and lookup.has_id(r.article.id)
        sig = dedupe.signature(r.article.text)
        assert sig is not None
        buckets = dedupe.bands(sig)
        assert r.article.id in built.candidates(buckets)
        assert built.candidates(buckets) == kept.candidates(buckets)
    assert not built.has_hash("hash-never-stored") and not built.has_id("no-such-id")


def test_a_near_duplicate_of_an_article_stored_in_an_earlier_run_joins_its_story(
    tmp_path: Path,
) -> None:
    # The second run finds the candidate through the lookup built from the store.
    path = tmp_path / "s.duckdb"
    texts = _texts(6)
    with Store(path) as store:
        first = store.add(_reading(texts[2], "wire"), "h-wire")
        copy = store.add(_reading(texts[2] + " (Reuters)", "paper"), "h-paper")
        for i, t in enumerate(texts[3:]):
            store.add(_reading(t, f"other{i}"), f"h-other{i}")
    assert copy.outcome is Outcome.NEAR_DUPLICATE and copy.story_id == first.article_id
    with Store(path) as store:
        later = store.add(_reading(texts[2] + " (AP)", "radio"), "h-radio")
        fresh = store.add(_reading(texts[1], "new"), "h-new")
    assert later.outcome is Outcome.NEAR_DUPLICATE
    assert later.story_id == first.article_id
    assert later.similarity is not None and later.similarity >= dedupe.THRESHOLD
    assert fresh.outcome is Outcome.STORED


def test_an_ingest_loads_no_duckdb_index_into_memory(tmp_path: Path) -> None:
    # The reason for the lookups in memory: DuckDB loads an index whole once random
    # lookups touch it, so its memory grew with the store (docs/store.md).
    path = tmp_path / "s.duckdb"
    texts = _texts(40)
    with Store(path) as store:
        for i, t in enumerate(texts):
            store.add(_reading(t, f"src{i}"), f"hash{i}")
    with Store(path) as store:
        near = store.add(_reading(texts[5] + " (AP)", "copy"), "hash-copy")
        again = store.add(_reading(texts[6], "src6"), "hash6")
        art = store.con.execute(
            "SELECT sum(memory_usage_bytes) FROM duckdb_memory() WHERE tag = 'ART_INDEX'"
        ).fetchone()
    assert near.outcome is Outcome.NEAR_DUPLICATE and again.outcome is Outcome.DUPLICATE
    assert art is not None and not art[0]


# ------------------------------------------------------------------ version 2 -> 3

# articles and the bucket index as store version 2 created them
_V2 = """
CREATE TABLE articles_v2 (
    id VARCHAR PRIMARY KEY, raw_hash VARCHAR NOT NULL UNIQUE, story_id VARCHAR NOT NULL,
    similarity DOUBLE, published DATE, source VARCHAR, url VARCHAR, title VARCHAR,
    origin VARCHAR, minhash BLOB, reading BLOB NOT NULL
);
INSERT INTO articles_v2 SELECT * FROM articles;
DROP TABLE articles;
ALTER TABLE articles_v2 RENAME TO articles;
CREATE INDEX minhash_bucket ON minhash_bands (bucket);
UPDATE standoff_meta SET value = '2' WHERE key = 'version';
"""


def _version_2_store(path: Path, readings: list[Reading]) -> None:
    with Store(path) as store:
        for i, r in enumerate(readings):
            store.add(r, f"hash{i}")
    con = duckdb.connect(str(path))
    con.execute(_V2)
    con.close()


def _version(path: Path) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute("SELECT value FROM standoff_meta WHERE key = 'version'").fetchone()
        indexes = con.execute("SELECT count(*) FROM duckdb_indexes()").fetchone()
        return f"{row[0] if row else None}, {indexes[0] if indexes else None} indexes"
    finally:
        con.close()


def test_a_version_2_store_is_read_as_it_is_and_migrated_when_written(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    texts = _texts(6)
    readings = [_reading(t, f"src{i}") for i, t in enumerate(texts)]
    _version_2_store(path, readings)
    assert _version(path) == "2, 1 indexes"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()

    with Store(path, read_only=True) as store:
        assert [r.article.id for r in store.readings()] == sorted(r.article.id for r in readings)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest  # reading changes nothing

    with Store(path) as store:
        again = store.add(readings[2], "hash2")
        near = store.add(_reading(texts[3] + " (AFP)", "copy"), "hash-copy")
        assert store.counts()["articles"] == 7
    assert again.outcome is Outcome.DUPLICATE
    assert near.outcome is Outcome.NEAR_DUPLICATE and near.story_id == readings[3].article.id
    assert _version(path) == f"{STORE_VERSION}, 0 indexes"
