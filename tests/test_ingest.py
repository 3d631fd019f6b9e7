"""Ingest: bad input in a batch, duplicates, and a run killed mid-article that a re-run finishes."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from unittest import mock

import pytest

from standoff.track.backends import InProcess
from standoff.track.ingest import count_articles, ingest
from standoff.track.store import Store
from test_track_factories import fake_read, write_jsonl

TESTS = Path(__file__).resolve().parent


def _batch(folder: Path) -> Path:
    folder.mkdir()
    write_jsonl(folder / "feed.jsonl", range(0, 8))
    (folder / "one.txt").write_text("A single article about the deadline. " * 3)
    (folder / "broken.jsonl").write_text('{"text": "fine"}\n{not json\n')
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 30)
    (folder / "empty.txt").write_text("   \n")
    return folder


def test_bad_files_are_skipped_with_reasons_and_the_rest_goes_in(tmp_path: Path) -> None:
    folder = _batch(tmp_path / "in")
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([folder, tmp_path / "missing.txt"], store, InProcess(read=fake_read))
        # broken.jsonl's good first record goes in; only its bad second line is skipped
        assert store.counts()["articles"] == 10
        kept = {Path(origin).name: reason for origin, reason, _ in store.skipped()}
    assert (summary.read, summary.stored, summary.duplicates) == (10, 10, 0)
    reasons = {Path(s.origin).name: s.reason for s in summary.skipped}
    assert set(reasons) == {"broken.jsonl:2", "binary.txt", "empty.txt", "missing.txt"}
    assert "broken.jsonl:2: not valid JSON" in reasons["broken.jsonl:2"]
    assert "binary" in reasons["binary.txt"] and "empty" in reasons["empty.txt"]
    assert "skipped 4" in summary.line() and "stored 10" in summary.line()
    assert len(summary.failed_files) == 4
    assert kept == reasons  # every skip is in the store's skipped table too


def test_an_article_the_reader_fails_on_is_skipped_alone(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    write_jsonl(feed, range(3))
    with feed.open("a") as handle:
        handle.write(json.dumps({"text": "UNREADABLE " * 30, "published": "2025-08-01"}) + "\n")
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([feed], store, InProcess(read=fake_read))
    assert summary.stored == 3
    (skipped,) = summary.skipped
    assert skipped.origin.endswith("feed.jsonl:4") and "choked" in skipped.reason


def test_reingesting_changes_nothing(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", range(6))
    with Store(tmp_path / "s.duckdb") as store:
        ingest([feed], store, InProcess(read=fake_read))
        before = store.counts()
        ledger = store.con.execute("SELECT count(*) FROM ledger_history").fetchone()
        again = ingest([feed, feed], store, InProcess(read=fake_read))
        assert store.counts() == before
        assert store.con.execute("SELECT count(*) FROM ledger_history").fetchone() == ledger
    assert (again.read, again.stored, again.duplicates) == (12, 0, 12)


def test_count_articles_estimates_the_progress_total(tmp_path: Path) -> None:
    folder = _batch(tmp_path / "in")
    # 8 + 2 JSON Lines records, one a file for the other three.
    assert count_articles([folder, tmp_path / "missing"]) == 13


KILLED_INGEST = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_track_factories import fake_read
    from standoff.track.backends import InProcess
    from standoff.track.ingest import ingest
    from standoff.track.store import Store

    kill_at = int(sys.argv[3])
    calls = 0
    real_insert = Store._insert

    def insert(self, *args, **kwargs):
        global calls
        real_insert(self, *args, **kwargs)
        calls += 1
        if calls == kill_at:
            # Every row of this article is written, not committed: die here.
            os.kill(os.getpid(), signal.SIGKILL)

    Store._insert = insert
    with Store(sys.argv[1]) as store:
        print(ingest([Path(sys.argv[2])], store, InProcess(read=fake_read)).line())
    """
)


def test_an_ingest_killed_mid_article_leaves_whole_articles_and_a_rerun_finishes(
    tmp_path: Path,
) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", range(30))
    script = tmp_path / "ingest.py"
    script.write_text(KILLED_INGEST.format(tests=str(TESTS)))
    store_path = tmp_path / "s.duckdb"
    run = subprocess.run(
        [sys.executable, str(script), str(store_path), str(feed), "12"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    with Store(store_path) as store:
        counts = store.counts()
        per_article = store.con.execute(
            "SELECT a.id, count(e.n) FROM articles a LEFT JOIN events e ON e.article_id = a.id "
            "GROUP BY a.id"
        ).fetchall()
    # Eleven articles committed; the twelfth, killed inside its transaction, is not there.
    assert counts["articles"] == 11
    assert all(n == 2 for _, n in per_article)
    assert counts["events"] == 22
    rerun = subprocess.run(
        [sys.executable, str(script), str(store_path), str(feed), "0"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert "read 30, stored 19, duplicates 11" in rerun.stdout
    with Store(store_path, read_only=True) as store:
        assert store.counts()["articles"] == 30 and store.counts()["events"] == 60


def run_cli(argv: list[str]) -> int:
    """Run the standoff command line in-process with only the track commands registered."""
    import standoff.cli as cli
    import standoff.cli.track_commands  # noqa: F401 - registers the commands

    with mock.patch.object(cli, "_register", lambda: None):
        try:
            cli.main(argv)
        except SystemExit as exc:
            return int(exc.code or 0)
    return 0


def test_cli_ingest_reports_a_summary_and_exits_1_when_files_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _batch(tmp_path / "in")
    store = tmp_path / "s.duckdb"
    with mock.patch("standoff.track.backends.InProcess.__init__", _fake_init):
        code = run_cli(["ingest", str(folder), "--store", str(store)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "read 10, stored 10, duplicates 0" in out and "skipped 3" in out
    assert "broken.jsonl:2: not valid JSON" in err
    assert err.strip().splitlines()[-1].startswith("standoff: 3 inputs failed")


def test_cli_refuses_a_foreign_store_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", range(2))
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    code = run_cli(["ingest", str(feed), "--store", str(notes)])
    assert code == 2
    assert notes.read_text() == "my notes"
    assert "not a standoff store" in capsys.readouterr().err


def _fake_init(self: InProcess, read: object = None, **_: object) -> None:
    self._read = fake_read
