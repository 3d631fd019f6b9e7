"""Every bad-input case of issue 15, through the command line: one line on stderr
(``standoff: ...``), the documented status (2 for a user's mistake, 130 for Ctrl-C,
141 for a closed pipe, 1 for a batch in which some inputs failed) and nothing
already stored lost.

The cases run in this process through :func:`standoff.cli.main` (the reader is loaded
once for the session); those that need a real signal, a real pipe or a real full disk
run the command in a subprocess.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import duckdb
import pytest

from standoff.cli import main
from standoff.model import RawArticle, Reading
from standoff.track.backends import InProcess
from standoff.track.store import Store
from test_track_factories import fake_read, threat_read, write_jsonl

TESTS = Path(__file__).resolve().parent
SCENARIO = TESTS.parent / "src" / "standoff" / "data" / "scenarios" / "us-russia-2025.yaml"
ARTICLE = "President Donald Trump gave Russia ten days to agree to a ceasefire or face tariffs.\n"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if not ln.startswith("standoff: warning")]


def cli(*args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return Run(code, out.getvalue(), err.getvalue())


def one_line(run: Run, code: int, *fragments: str) -> None:
    assert "Traceback" not in run.stderr, run.stderr
    assert run.code == code, run.stderr
    assert len(run.lines) == 1 and run.lines[0].startswith("standoff: "), run.stderr
    for fragment in fragments:
        assert fragment.lower() in run.lines[0].lower(), run.stderr


@pytest.fixture
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize("when", ["0001-01-01", "9999-12-31"])
def test_a_date_at_the_ends_of_the_calendar_reads(tmp_path: Path, when: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE + "The deadline is Friday, within 10000000 days.\n")
    run = cli("read", path, "--date", when, "--json")
    assert run.code == 0, run.stderr
    reading = json.loads(run.stdout)
    assert any(w["kind"] == "date-out-of-range" for w in reading["warnings"])


@pytest.mark.parametrize("value", ["20250801", "2025-W32-3", "2025-8-1", "2025-08-01T00:00"])
@pytest.mark.parametrize("option", ["--date", "--as-of"])
def test_dates_are_accepted_only_as_documented(tmp_path: Path, option: str, value: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    args = ("read", path) if option == "--date" else ("brief", "--store", tmp_path / "s")
    one_line(cli(*args, option, value), 2, option, "YYYY-MM-DD")


def test_device_and_pipe_are_refused(tmp_path: Path) -> None:
    one_line(cli("read", "/dev/zero"), 2, "/dev/zero", "not a regular file")
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    one_line(cli("read", fifo), 2, "not a regular file")  # would block forever if opened


def test_an_article_over_the_time_limit_is_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    # unique paragraphs (repeated ones are dropped before parsing): some forty seconds' work
    # on this machine (3,000 took about ten, too near the limit); the limit cuts it short
    paragraphs = (f"{ARTICLE.strip()} Day {i}.\n\n" for i in range(12000))
    (tmp_path / "b.txt").write_text("".join(paragraphs))
    # a.txt reads in well under a second, but the limit leaves room for a loaded machine
    run = cli("read", tmp_path / "a.txt", tmp_path / "b.txt", "--json", "--time-limit", "10")
    assert run.code == 1 and "Traceback" not in run.stderr
    assert len(run.stdout.splitlines()) == 1  # a.txt was read
    assert "b.txt: reading took over 10 s" in run.stderr and "skipped" in run.stderr


def test_text_over_spacys_limit_is_read_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """spaCy refuses a text over nlp.max_length (E088; 1,000,000 characters) while a file
    may hold 5 MB: the reader parses in pieces under it. Shown with both limits scaled
    down (a real million characters takes minutes to parse on this machine)."""
    from standoff.read import chunks
    from standoff.read.reader import shared_reader

    nlp = shared_reader(None, None).nlp
    assert chunks.CHUNK_CHARS < nlp.max_length
    monkeypatch.setattr(nlp, "max_length", 2_000)
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 1_000)
    text = "".join(f"Officials in Washington warned Moscow on day {i}. " * 4 + "\n\n"
                   for i in range(30))
    path = tmp_path / "long.txt"
    path.write_text(text)
    run = cli("read", path, "--json", "--date", "2025-08-06", "--time-limit", "0")
    assert run.code == 0, run.stderr
    reading = json.loads(run.stdout)
    body = reading["article"]["text"]
    assert len(body) > 5_000
    for event in reading["events"]:  # offsets still slice the article's text
        evidence = event["evidence"]
        assert body[evidence["start"] : evidence["end"]].strip() == evidence["sentence"]


# --------------------------------------------------------------------------- score


@pytest.mark.parametrize(
    ("gold", "says"),
    [
        ("folder", "is a folder"),
        ("binary", "binary"),
        ("utf16", "utf-16"),
        ("bad month", "2025-13-45"),
        ("alias bomb", "aliases"),
    ],
)
def test_score_refuses_bad_gold_files(tmp_path: Path, gold: str, says: str) -> None:
    reading = tmp_path / "r.json"
    reading.write_text('{"article": {"id": "0123456789abcdef"}}\n')
    path = tmp_path / "g.yaml"
    if gold == "folder":
        path.mkdir()
    elif gold == "binary":
        path.write_bytes(bytes(range(256)) * 4)
    elif gold == "utf16":
        path.write_bytes("actors: {USA: []}\n".encode("utf-16"))
    elif gold == "bad month":
        path.write_text("threats:\n  - {sender: USA, target: RUS, deadline: 2025-13-45}\n")
    else:
        lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
        path.write_text("\n".join(lines) + "\n")
    one_line(cli("score", reading, path, "--json"), 2, str(path), says)


# --------------------------------------------------------------------------- forecast


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ("self-reference", "contains it"),
        ("capability 1e308", "capability"),
        ("capability 0", "capability"),
    ],
)
def test_forecast_refuses_bad_scenarios(tmp_path: Path, change: str, says: str) -> None:
    text = SCENARIO.read_text()
    if change == "self-reference":
        text = "loop: &loop [1, *loop]\n" + text
    else:
        text = text.replace("capability: 0.135", change.replace("capability ", "capability: "))
    path = tmp_path / "s.yaml"
    path.write_text(text)
    one_line(cli("forecast", "--scenario", path), 2, str(path), says)


@pytest.mark.parametrize(("where", "says"), [("x.unknownext", "unknown image format"),
                                             ("missing/x.png", "does not exist"),
                                             ("/proc/self/x.png", "")])
def test_forecast_plot_refuses_bad_places_before_the_work(
    tmp_path: Path, where: str, says: str
) -> None:
    target = where if where.startswith("/") else tmp_path / where
    run = cli("forecast", "--plot", target)
    one_line(run, 2, "--plot", says)
    assert run.stdout == ""


# --------------------------------------------------------------------------- export


def _store(tmp_path: Path, articles: int = 6) -> Path:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        from standoff.track.ingest import ingest

        ingest([write_jsonl(tmp_path / "feed.jsonl", range(articles))], store,
               InProcess(read=fake_read))
    return path


def test_export_never_replaces_a_file_it_did_not_write(tmp_path: Path) -> None:
    store = _store(tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    os.chmod(notes, 0o640)
    one_line(cli("export", "--store", store, "--out", notes), 2, "notes.txt", "not an earlier")
    assert notes.read_text() == "my notes" and stat.S_IMODE(notes.stat().st_mode) == 0o640
    # an earlier JSON export is replaced; a folder for json, a file for csv are refused
    out = tmp_path / "export.json"
    assert cli("export", "--store", store, "--out", out).code == 0
    assert cli("export", "--store", store, "--out", out).code == 0
    one_line(cli("export", "--store", store, "--out", tmp_path), 2, "is a folder")
    one_line(cli("export", "--store", store, "--format", "csv", "--out", notes), 2, "notes.txt")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_to_an_unwritable_place_is_one_line(tmp_path: Path) -> None:
    store = _store(tmp_path)
    one_line(cli("export", "--store", store, "--out", "/proc/self/x.json"), 2, "--out")
    one_line(cli("export", "--store", store, "--format", "csv", "--out", "/proc/self/e"), 2,
             "--out")


@pytest.mark.usefixtures("usual_umask")
def test_outputs_get_ordinary_modes(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert cli("export", "--store", store, "--out", tmp_path / "a" / "e.json").code == 0
    assert cli("export", "--store", store, "--format", "csv", "--out", tmp_path / "c").code == 0
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "a" / "e.json").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "c").iterdir()} == {0o644}


# --------------------------------------------------------------------------- stores


@pytest.mark.parametrize("size", [100, 20_000, -4096])
def test_a_truncated_store_is_one_line(tmp_path: Path, size: int) -> None:
    store = _store(tmp_path, 40)
    con = duckdb.connect(str(store))
    con.execute("CHECKPOINT")
    con.close()
    length = store.stat().st_size
    with store.open("r+b") as handle:
        handle.truncate(size if size > 0 else length + size)
    for args in (("threats",), ("export",), ("ingest", tmp_path / "feed.jsonl")):
        run = cli(*args, "--store", store)
        one_line(run, 2, str(store))


def test_ingest_of_an_empty_folder_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    one_line(cli("ingest", tmp_path / "empty", "--store", tmp_path / "s.duckdb"), 2,
             "no article files")
    assert not (tmp_path / "s.duckdb").exists()


# --------------------------------------------------------------------------- ingest


def _fake_init(self: InProcess, read: object = None, **_: object) -> None:
    self._read = threat_read


def _ingest(*args: str | Path) -> Run:
    """``standoff ingest`` with a stand-in reader (threat_read) instead of spaCy."""
    with mock.patch("standoff.track.backends.InProcess.__init__", _fake_init):
        return cli("ingest", *args)


def test_one_bad_record_or_file_name_never_stops_an_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", range(3))
    with (folder / "a.jsonl").open("a") as handle:
        handle.write('{"text": "broken \\ud800 surrogate ' + "word " * 30 + '"}\n')
        handle.write('{"text": "UNREADABLE ' + "word " * 30 + '", "url": "http://[::1"}\n')
    write_jsonl(folder / "b.jsonl", range(3, 5))
    bad_name = os.fsencode(folder) + b"/caf\xe9-\xff.txt"
    with open(bad_name, "wb") as handle:
        handle.write(b"An article under a file name that is not UTF-8. " * 5)
    store = tmp_path / "s.duckdb"
    run = _ingest(folder, "--store", store)
    assert run.code == 1 and "Traceback" not in run.stderr, run.stderr
    with Store(store, read_only=True) as opened:
        assert opened.counts()["articles"] == 7  # 3 + the surrogate one + 2 + the odd name
        skipped = opened.skipped()
    assert [Path(origin).name for origin, _, _ in skipped] == ["a.jsonl:5"]
    assert "choked" in skipped[0][1]


def test_a_failed_read_never_makes_a_good_copy_a_duplicate(tmp_path: Path) -> None:
    """The issue's case: a record the reader failed on (its url broke it) made the same
    text in a .txt file count as a duplicate, so it was never stored."""
    text = "a story about tariffs and a deadline " * 5
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"text": text, "url": "http://[::1"}) + "\n")
    (folder / "b.txt").write_text(text)

    def read(raw: RawArticle) -> Reading:
        if raw.url is not None:
            raise ValueError("Invalid IPv6 URL")  # as the reader once did
        return fake_read(raw)

    with Store(tmp_path / "s.duckdb") as store:
        from standoff.track.ingest import ingest

        summary = ingest([folder], store, InProcess(read=read))
        assert (summary.stored, summary.duplicates, len(summary.skipped)) == (1, 0, 1)
        assert store.counts()["articles"] == 1
        # its text is stored now (as b.txt), so the skipped table no longer lists it: a
        # re-run would count the record a duplicate
        assert store.skipped() == []


# --------------------------------------------------------------------------- signals

SIGNAL_INGEST = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from unittest import mock
    import test_track_factories as factories
    from standoff.cli import main
    from standoff.track.backends import InProcess

    calls = 0

    def read(raw):
        global calls
        calls += 1
        if calls == int(sys.argv[3]):
            os.kill(os.getpid(), getattr(signal, sys.argv[4]))  # Ctrl-C, or kill -9
        return factories.threat_read(raw)

    def init(self, read_fn=None, **_):
        self._read = read

    with mock.patch.object(InProcess, "__init__", init):
        main(["ingest", sys.argv[2], "--store", sys.argv[1]])
    """
)


def _signal_run(tmp_path: Path, feed: Path, at: int, signame: str) -> subprocess.CompletedProcess:
    script = tmp_path / "ingest.py"
    script.write_text(SIGNAL_INGEST.format(tests=str(TESTS)))
    return subprocess.run(
        [sys.executable, str(script), str(tmp_path / "s.duckdb"), str(feed), str(at), signame],
        capture_output=True, text=True, timeout=300,
    )


def _ledger_rows(store: Path) -> int:
    con = duckdb.connect(str(store), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM ledger_history").fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()


def _feed(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "feed.jsonl", range(20))


def test_ctrl_c_exits_130_saying_what_was_stored_and_a_rerun_resumes(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    run = _signal_run(tmp_path, feed, 8, "SIGINT")
    assert run.returncode == 130, run.stderr
    assert run.stderr.strip() == "standoff: interrupted: 7 articles stored, re-run to resume"
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.counts()["articles"] == 7
    rerun = _signal_run(tmp_path, feed, 0, "SIGINT")
    assert rerun.returncode == 0, rerun.stderr
    assert "read 20, stored 13, duplicates 7" in rerun.stdout


def test_kill_9_loses_nothing_and_the_stale_ledgers_are_rebuilt(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    whole = tmp_path / "whole"
    whole.mkdir()
    shutil.copy(feed, whole / "feed.jsonl")
    assert _ingest(whole / "feed.jsonl", "--store", whole / "s.duckdb").code == 0
    run = _signal_run(tmp_path, feed, 12, "SIGKILL")
    assert run.returncode == -signal.SIGKILL
    store = tmp_path / "s.duckdb"
    con = duckdb.connect(str(store), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (11,)
    assert con.execute("SELECT stale FROM ledger_state").fetchone() == (True,)
    con.close()
    # the next command, even a query, rebuilds them from the 11 stored articles
    assert cli("threats", "--store", store).code == 0
    with Store(store, read_only=True) as opened:
        assert not opened.ledgers_stale()
        expected = opened.standoff()
    rows = sum(len(t.history) for t in expected.threats)
    assert rows > 0
    assert _ledger_rows(store) == rows + sum(len(p.history) for p in expected.proposals)
    rerun = _signal_run(tmp_path, feed, 0, "SIGINT")
    assert rerun.returncode == 0 and "stored 9, duplicates 11" in rerun.stdout
    assert _ledger_rows(store) == _ledger_rows(whole / "s.duckdb")


def test_a_closed_pipe_is_silent_with_status_141(tmp_path: Path) -> None:
    store = _store(tmp_path, 20)
    for command in (["export"], ["timeline"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "standoff", *command, "--store", str(store)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # like `| true`: the reader is gone before the first write
        err = process.stderr.read()
        assert process.wait(timeout=300) == 141, err
        assert err == b""


# --------------------------------------------------------------------------- disk full


def test_disk_full_is_one_line_and_keeps_every_stored_article(tmp_path: Path) -> None:
    store = _store(tmp_path, 10)
    feed = write_jsonl(tmp_path / "more.jsonl", range(10, 30))
    real = Store._insert
    calls = 0

    def insert(self: Store, *args: object, **kwargs: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 6:
            raise duckdb.IOException(
                f'IO Error: Could not write file "{self.path}.wal": No space left on device'
            )
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    with mock.patch.object(Store, "_insert", insert):
        run = _ingest(feed, "--store", store)
    one_line(run, 2, str(store), "no space left")
    with Store(store, read_only=True) as opened:
        assert opened.counts()["articles"] == 15  # the first 10 and 5 of the new ones
    assert _ingest(feed, "--store", store).code == 0  # space back: a re-run finishes
    with Store(store, read_only=True) as opened:
        assert opened.counts()["articles"] == 30


FULL_DISK = textwrap.dedent(
    """
    set -e
    mount -t tmpfs -o size=3m tmpfs {mount}
    cp {store} {mount}/s.duckdb
    set +e
    {python} {script} {mount}/s.duckdb {feed} 0 SIGINT > {out} 2> {err}
    echo $? > {code}
    cp {mount}/s.duckdb* {back}/
    """
)


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare for a tmpfs")
def test_a_real_full_disk_keeps_every_stored_article(tmp_path: Path) -> None:
    """A 3 MB tmpfs in a private mount namespace (skipped where mounting is not allowed)."""
    store = _store(tmp_path, 10)
    feed = write_jsonl(tmp_path / "more.jsonl", range(10, 3000))
    script = tmp_path / "ingest.py"
    script.write_text(SIGNAL_INGEST.format(tests=str(TESTS)))
    mount, back = tmp_path / "mnt", tmp_path / "back"
    mount.mkdir()
    back.mkdir()
    shell = FULL_DISK.format(
        mount=mount, store=store, python=sys.executable, script=script, feed=feed,
        out=tmp_path / "out", err=tmp_path / "err", code=tmp_path / "code", back=back,
    )
    done = subprocess.run(["unshare", "-rm", "sh", "-c", shell], capture_output=True, text=True,
                          timeout=600)
    if done.returncode != 0 or not (tmp_path / "code").exists():
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()[:200]}")
    err = (tmp_path / "err").read_text()
    assert (tmp_path / "code").read_text().strip() == "2", err
    assert len(err.splitlines()) == 1 and "no space left" in err and "s.duckdb" in err
    with Store(back / "s.duckdb", read_only=True) as opened:
        counts = opened.counts()
        events = opened.con.execute(
            "SELECT count(*) FROM articles a JOIN events e ON e.article_id = a.id"
        ).fetchone()
    assert 10 < counts["articles"] < 2990  # the first 10 and some new ones, all whole
    assert events == (2 * counts["articles"],)
