"""The DuckDB store: one transaction per article, duplicates, stories, refusing foreign files."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from standoff.errors import UserError
from standoff.model import Article, Reading
from standoff.track.store import Outcome, Store
from test_track_factories import AUG1, AUG20, JULY29, article, reading, ultimatum_story

STORY = (
    "The United States on Monday gave Russia fifty days to agree a ceasefire in Ukraine and "
    "threatened secondary tariffs of about one hundred percent on countries that buy Russian "
    "oil, gas and uranium, the president said in the Oval Office alongside the NATO chief."
)


def _text_reading(text: str, source: str, day=AUG1) -> Reading:  # type: ignore[no-untyped-def]
    ident = hashlib.sha256(f"{source}{text}".encode()).hexdigest()[:16]
    return Reading(article=Article(id=ident, published=day, source=source, text=text))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_readings_round_trip_and_as_of(tmp_path: Path) -> None:
    story = ultimatum_story()
    with Store(tmp_path / "s.duckdb") as store:
        for r in story:
            assert store.add(r, r.article.id + "h").outcome == Outcome.STORED
        assert store.readings() == sorted(story, key=lambda r: (r.article.published, r.article.id))
        assert [r.article.published for r in store.readings(as_of=JULY29)] == [
            story[0].article.published,
            JULY29,
        ]
        counts = store.counts()
    assert counts["articles"] == 6 and counts["threats"] == 4 and counts["events"] == 3
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.standoff(AUG20).threats[0].status.value == "partly_carried_out"


def test_same_content_hash_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    first = ultimatum_story()[0]
    with Store(path) as store:
        store.add(first, "hash-1")
        before = store.counts()
        again = store.add(first, "hash-1")
        assert again.outcome == Outcome.DUPLICATE
        assert store.counts() == before


def test_no_query_leaves_a_result_that_blocks_the_next(tmp_path: Path) -> None:
    """DuckDB refuses a relation query (con.sql, as the duplicate lookups are built)
    while an execute() result is unfinished; every Store query reads its result whole."""
    path = tmp_path / "s.duckdb"
    story = ultimatum_story()
    with Store(path) as store:
        store.add(story[0], "hash-1")
    with Store(path) as store:
        store.counts()  # a count read with fetchone() left its result open here
        assert store.has("hash-1")  # builds the lookups with con.sql
        assert store.add(story[0], "hash-1").outcome == Outcome.DUPLICATE
        store.data_version()
        assert store.con.sql("SELECT count(*) FROM articles").fetchall() == [(1,)]


def test_the_code_never_leaves_a_duckdb_result_unfinished() -> None:
    """``fetchone`` leaves the rest of a result pending on the connection: the code reads
    results whole (``fetchall``, ``store.first_row``) or in batches until one is empty."""
    import ast

    root = Path(__file__).resolve().parents[1]
    found = []
    for folder in ("src", "benchmarks", "scripts"):
        for file in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr == "fetchone":
                    found.append(f"{file.relative_to(root)}:{node.lineno}")
    assert not found, found


def test_near_duplicate_from_another_outlet_is_one_story_with_two_sources(tmp_path: Path) -> None:
    rewrite = STORY.replace("the president said", "the president told reporters") + " (Reuters)"
    other = "Beijing said it would decide for itself where it buys energy. " * 4
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add(_text_reading(STORY, "a.example"), "h1").outcome == Outcome.STORED
        near = store.add(_text_reading(rewrite, "b.example"), "h2")
        assert near.outcome == Outcome.NEAR_DUPLICATE
        assert near.similarity is not None and near.similarity >= 0.7
        assert store.add(_text_reading(other, "c.example"), "h3").outcome == Outcome.STORED
        stories = store.stories()
        assert [s.sources for s in stories] == [["a.example", "b.example"], ["c.example"]] or [
            s.sources for s in stories
        ] == [["c.example"], ["a.example", "b.example"]]
        assert len(store.readings()) == 2
        assert store.counts()["articles"] == 3


def test_an_interrupted_add_leaves_no_half_article(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    story = ultimatum_story()
    real_insert = Store._insert

    def insert_then_interrupt(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        real_insert(self, *args, **kwargs)  # every row written, not yet committed
        raise KeyboardInterrupt

    with Store(tmp_path / "s.duckdb") as store:
        store.add(story[0], "h0")
        monkeypatch.setattr(Store, "_insert", insert_then_interrupt)
        with pytest.raises(KeyboardInterrupt):
            store.add(story[1], "h1")
        monkeypatch.setattr(Store, "_insert", real_insert)
        assert store.counts()["articles"] == 1
        assert store.counts()["threats"] == len(story[0].threats)
        assert not store.has("h1")
        assert store.add(story[1], "h1").outcome == Outcome.STORED


def test_refresh_ledgers_writes_queryable_history(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        for r in ultimatum_story():
            store.add(r, r.article.id)
        standoff = store.refresh_ledgers()
        rows = store.con.execute(
            "SELECT state, date, source FROM ledger_history WHERE record_id = ? ORDER BY seq",
            [standoff.threats[0].id],
        ).fetchall()
    assert [r[0] for r in rows] == [h.state for h in standoff.threats[0].history]
    assert rows[0][2] == "meridianwire.example"


def test_a_foreign_duckdb_file_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (x INTEGER); INSERT INTO sales VALUES (1)")
    con.close()
    before = _digest(path)
    with pytest.raises(UserError, match="not a standoff store.*sales"):
        Store(path)
    assert _digest(path) == before
    assert not (tmp_path / "other.duckdb.wal").exists()


@pytest.mark.parametrize("content", [b"just some notes\n", b"", b"\x00" * 64])
def test_a_file_that_is_not_duckdb_is_refused_and_unchanged(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_bytes(content)
    with pytest.raises(UserError, match="not a standoff store"):
        Store(path)
    assert path.read_bytes() == content


def test_a_newer_store_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE standoff_meta SET value = '99' WHERE key = 'version'")
    con.close()
    with pytest.raises(UserError, match="version 99"):
        Store(path)


def test_a_missing_store_is_an_error_for_queries(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such store"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_a_store_locked_by_another_process_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.add(reading(article(AUG1)), "h")
    before = _digest(path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time, duckdb
                con = duckdb.connect({str(path)!r})
                print("locked", flush=True)
                sys.stdin.read()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(UserError, match="locked by another process"):
            Store(path)
        assert time.monotonic() - started < 30
    finally:
        holder.communicate("", timeout=30)
    assert _digest(path) == before
