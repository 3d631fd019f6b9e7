"""The store's scale properties: what keeps an ingest's memory flat as the store grows.

- tables are cut into row groups of ROW_GROUP_SIZE rows (a checkpoint rewrites only
  the row groups that gained rows, so its work is bounded by a constant);
- an ingest asks glibc to map DuckDB's large blocks, so freed ones go back to the system
  (the lookups themselves, kept out of DuckDB's indexes, are tested in test_track_lookup);
- Readings are stored compressed and come back unchanged;
- an ingest keeps only the content hashes still in flight (and the failed ones), and
  still counts every copy of an article after the first as a duplicate.
The memory itself is measured by benchmarks/bench_track.py, not asserted here.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pytest

import standoff.track.store as store_module
from standoff.model import Article, Reading
from standoff.track import dedupe
from standoff.track.backends import InProcess, Pending, ReadResult
from standoff.track.ingest import ingest
from standoff.track.store import (
    ROW_GROUP_SIZE,
    Outcome,
    Store,
    pack,
    unpack,
)
from test_track_factories import AUG1, article_text, fake_read, ultimatum_story

STORY = (
    "The United States on Monday gave Russia fifty days to agree a ceasefire in Ukraine and "
    "threatened secondary tariffs of about one hundred percent on countries that buy Russian "
    "oil, gas and uranium, the president said in the Oval Office alongside the NATO chief."
)
NOISE_ROWS = 3 * ROW_GROUP_SIZE + 100  # band rows of other articles: four row groups


def _text_reading(text: str, source: str) -> Reading:
    ident = hashlib.sha256(f"{source}{text}".encode()).hexdigest()[:16]
    return Reading(article=Article(id=ident, published=AUG1, source=source, text=text))


def _add_noise_bands(store: Store) -> None:
    """Band rows of articles that match nothing (buckets no real signature hashes to
    with any likelihood), enough to fill several row groups."""
    store.con.execute(
        "INSERT INTO minhash_bands SELECT i % 14, -1 - i, 'noise' || i FROM range(?) t(i)",
        [NOISE_ROWS],
    )


def test_a_near_duplicate_of_an_article_from_an_earlier_session_is_found(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        first = store.add(_text_reading(STORY, "a.example"), "h1")
        _add_noise_bands(store)
    rewrite = STORY.replace("the president said", "the president told reporters") + " (AP)"
    with Store(path) as store:  # bands and their index read back from the file
        near = store.add(_text_reading(rewrite, "b.example"), "h2")
        other = store.add(_text_reading("Talks resumed in Geneva on Tuesday. " * 8, "c"), "h3")
    assert near.outcome == Outcome.NEAR_DUPLICATE and near.story_id == first.article_id
    assert near.similarity is not None and near.similarity >= dedupe.THRESHOLD
    assert other.outcome == Outcome.STORED


def test_tables_are_cut_into_row_groups_of_the_configured_size(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        _add_noise_bands(store)
    with Store(path) as store:  # the size is an attach option: it must hold after reopening
        _add_noise_bands(store)
        store.con.execute("CHECKPOINT")
        groups = store.con.execute(
            "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('minhash_bands')"
        ).fetchone()
    # Each session's rows start in the last row group, so the count is at most one
    # more than a table packed from scratch; DuckDB's default size would give one.
    assert groups is not None
    packed = math.ceil(2 * NOISE_ROWS / ROW_GROUP_SIZE)
    assert packed <= groups[0] <= packed + 1


def test_readings_are_stored_compressed_and_come_back_unchanged(tmp_path: Path) -> None:
    story = ultimatum_story()
    with Store(tmp_path / "s.duckdb") as store:
        for r in story:
            store.add(r, r.article.id + "h")
        blobs = dict(store.con.execute("SELECT id, reading FROM articles").fetchall())
    for r in story:
        blob = blobs[r.article.id]
        assert isinstance(blob, bytes) and blob == pack(r)
        assert len(blob) < len(r.model_dump_json().encode())
        assert unpack(blob) == r


class _ReadAllFirst:
    """A backend that takes every pending article before returning any result, as a
    parallel backend with a deep queue does: copies arrive while the first is in flight."""

    def __init__(self) -> None:
        self.taken: list[str] = []

    def read(self, items: Iterable[Pending]) -> Iterator[ReadResult]:
        batch = list(items)
        self.taken = [p.raw_hash for p in batch]
        yield from InProcess(read=fake_read).read(batch)


def _feed(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"text": t, "source": "x.example"}) + "\n" for t in texts))
    return path


def test_copies_in_flight_are_read_once_and_settled_by_the_first(tmp_path: Path) -> None:
    good, bad = article_text(1), article_text(2) + " UNREADABLE"
    feed = _feed(tmp_path / "feed.jsonl", [good, bad, good, bad, article_text(3), good])
    backend = _ReadAllFirst()
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([feed], store, backend)
        stored = store.counts()["articles"]
        skipped = store.skipped()
    assert len(backend.taken) == 3  # good, bad and the third article: each read once
    # the good one's copies are duplicates; the bad one's copy is skipped with its reason,
    # never counted as a duplicate of an article that was not stored
    assert (summary.read, summary.stored, summary.duplicates) == (6, 2, 2)
    assert [s.origin for s in summary.skipped] == [f"{feed}:2", f"{feed}:4"]
    assert all("choked" in s.reason for s in summary.skipped)
    assert "the same as an input that failed earlier" in summary.skipped[1].reason
    assert stored == 2 and len(skipped) == 2


def test_a_second_ingest_finds_duplicates_in_the_store(tmp_path: Path) -> None:
    texts = [article_text(n) for n in range(4)]
    feed = _feed(tmp_path / "feed.jsonl", texts)
    with Store(tmp_path / "s.duckdb") as store:
        ingest([feed], store, InProcess(read=fake_read))
        again = ingest([feed], store, _ReadAllFirst())
    assert (again.read, again.stored, again.duplicates) == (4, 0, 4)


def test_an_ingest_holds_duckdb_to_the_ingest_limit_and_restores_it(tmp_path: Path) -> None:
    def limit(store: Store) -> str:
        row = store.con.execute("SELECT current_setting('memory_limit')").fetchone()
        return str(row[0]) if row else ""

    seen: list[str] = []

    def read_and_look(raw):  # type: ignore[no-untyped-def]
        seen.append(limit(store))
        return fake_read(raw)

    feed = _feed(tmp_path / "feed.jsonl", [article_text(n) for n in range(2)])
    with Store(tmp_path / "s.duckdb") as store:
        before = limit(store)
        ingest([feed], store, InProcess(read=read_and_look))
        after = limit(store)
    assert seen and set(seen) != {before}
    assert after == before


# 2MB: DuckDB accepts the limit, then an article's insert runs out and Store.add lifts it;
# 256KB: DuckDB already holds more, so the limit is not lowered at all.
@pytest.mark.parametrize("limit", ["2MB", "256KB"])
def test_an_ingest_limit_too_tight_is_lifted_rather_than_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str
) -> None:
    monkeypatch.setattr(store_module, "INGEST_MEMORY_LIMIT", limit)
    feed = _feed(tmp_path / "feed.jsonl", [article_text(n, words=400) for n in range(3)])
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([feed], store, InProcess(read=fake_read))
        assert store.counts()["articles"] == 3
    assert (summary.stored, len(summary.skipped)) == (3, 0)


def _as_duckdb_shows(limit: str) -> tuple[str]:
    """A memory limit as current_setting reports it (e.g. '16MB' -> '15.2 MiB')."""
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{limit}'")
    shown = con.execute("SELECT current_setting('memory_limit')").fetchone()
    con.close()
    assert shown is not None
    return (str(shown[0]),)


def test_a_long_ingest_recycles_its_connection_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every 2 new articles the store checkpoints, reopens its connection and trims the
    # allocator; articles, near-duplicate lookups and the limit survive each recycle
    monkeypatch.setattr(store_module, "RECYCLE_EVERY", 2)
    recycled: list[int] = []
    original = Store._recycle

    def counting(self: Store) -> None:
        recycled.append(self._added)
        original(self)

    monkeypatch.setattr(Store, "_recycle", counting)
    texts = [f"{STORY} Report number {i} from a different desk." for i in range(5)]
    with Store(tmp_path / "s.duckdb") as store:
        with store.ingesting():
            outcomes = [
                store.add(_text_reading(t, f"src{i}"), f"h{i}").outcome for i, t in enumerate(texts)
            ]
            limit = store.con.execute("SELECT current_setting('memory_limit')").fetchone()
            again = store.add(_text_reading(texts[0], "src0"), "h0").outcome
        assert recycled == [2, 4]
        assert limit == _as_duckdb_shows(store_module.INGEST_MEMORY_LIMIT)  # after the recycles
        assert again is Outcome.DUPLICATE
        assert outcomes[0] is Outcome.STORED
        assert all(o is Outcome.NEAR_DUPLICATE for o in outcomes[1:]), outcomes
        assert store.counts()["articles"] == 5


def test_an_ingest_hands_free_memory_back_before_each_checkpoint_and_after_each_reopen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Trimming before a checkpoint keeps its peak from growing with the rows it rewrites
    # (docs/store.md); each recycle trims before its checkpoint and after reopening, and
    # the ingest's last checkpoint is trimmed before too.
    monkeypatch.setattr(store_module, "RECYCLE_EVERY", 2)
    calls: list[str] = []
    monkeypatch.setattr(store_module, "release_free_memory", lambda: calls.append("trim") or True)
    original = Store._recycle

    def recycle(self: Store) -> None:
        calls.append("recycle")
        original(self)

    monkeypatch.setattr(Store, "_recycle", recycle)
    texts = [f"{STORY} Report number {i} from a different desk." for i in range(4)]
    with Store(tmp_path / "s.duckdb") as store:
        with store.ingesting():
            for i, t in enumerate(texts):
                store.add(_text_reading(t, f"src{i}"), f"h{i}")
    assert calls == ["recycle", "trim", "trim"] * 2 + ["trim"]


def test_a_limit_lifted_for_one_article_stays_lifted_across_recycles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Store.add lifts the ingest's limit when an article runs out of memory under it; a
    # recycled connection must not put the low limit back for the rest of the run
    import duckdb

    monkeypatch.setattr(store_module, "RECYCLE_EVERY", 2)
    original = Store._add
    calls: list[int] = []

    def out_of_memory_once(self: Store, *args: object) -> object:
        calls.append(1)
        if len(calls) == 1:
            raise duckdb.OutOfMemoryException("could not allocate block")
        return original(self, *args)

    monkeypatch.setattr(Store, "_add", out_of_memory_once)
    texts = [f"Talks in round {i} ended without a date for the next one. " * 6 for i in range(4)]
    with Store(tmp_path / "s.duckdb") as store:
        with store.ingesting():
            for i, text in enumerate(texts):
                store.add(_text_reading(text, f"src{i}"), f"h{i}")
            limit = store.con.execute("SELECT current_setting('memory_limit')").fetchone()
        assert store.counts()["articles"] == 4
    assert limit == ("122.0 MiB",)  # MEMORY_LIMIT (128 MB), kept through both recycles


def test_large_blocks_are_mapped_on_glibc_and_nothing_happens_elsewhere() -> None:
    import platform

    from standoff.track.memory import map_large_blocks, release_free_memory

    glibc = platform.libc_ver()[0] == "glibc"
    assert map_large_blocks() is glibc
    assert release_free_memory() is glibc
