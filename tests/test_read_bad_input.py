"""Bad input to `standoff read` and `standoff score`, through the real command line.

Each user mistake gets one clear line on stderr starting ``standoff:``, exit
status 2, no traceback and nothing on stdout (``standoff read --json X > out``
leaves ``out`` empty, even when only one of several files is bad, because the
command checks every input before reading any). Two inputs are read anyway,
with a one-line warning and exit status 0: a file that is not UTF-8 (decoded
with a fallback) and an article with no date (relative dates stay unresolved).

The mistakes the issue names run in a subprocess (``python -m standoff``);
starting one costs a few seconds, so they run two at a time in one fixture.
Further cases of the same kinds run through :func:`standoff.cli.main` in this
process, which catches the same errors the same way. The tests then look at
the finished results.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from standoff.cli import main
from standoff.model import Reading
from standoff.read.inputs import MAX_BYTES

# An article with a relative deadline ("ten days") and no date of its own.
UNDATED = (
    "President Donald Trump gave Russia ten days to agree to a ceasefire or face sanctions.\n\n"
    "The Kremlin rejected the demand.\n"
)
# The same kind of article in Windows-1252: the e-acute of "café" is byte 0xE9.
LATIN1 = (
    "The Kremlin said the caf\xe9 talks with Washington had failed.\n\n"
    "President Donald Trump gave Russia ten days to agree to a ceasefire or face sanctions.\n"
).encode("cp1252")
READING_MINIMAL = '{"article": {"id": "0123456789abcdef"}}'


@dataclass(frozen=True)
class Case:
    """One command: the files it needs (name -> bytes) and its arguments (with {dir})."""

    files: dict[str, bytes]
    args: tuple[str, ...]
    code: int  # expected exit status
    says: str  # a fragment the stderr line must contain (lower case)
    sparse: dict[str, int] | None = None  # name -> size of a sparse file to create
    in_process: bool = False  # run through standoff.cli.main in this process (cheaper)


CASES: dict[str, Case] = {
    "empty file": Case({"a.txt": b""}, ("read", "{dir}/a.txt", "--json"), 2, "empty"),
    "blank file": Case(
        {"a.txt": b" \n\n\t\n"}, ("read", "{dir}/a.txt", "--json"), 2, "empty", in_process=True
    ),
    "binary file": Case(
        {"a.txt": bytes(range(256)) * 8}, ("read", "{dir}/a.txt", "--json"), 2, "binary"
    ),
    "missing path": Case({}, ("read", "{dir}/nothere.txt", "--json"), 2, "no such file"),
    "folder": Case(
        {"sub/a.txt": b"x"}, ("read", "{dir}/sub", "--json"), 2, "folder", in_process=True
    ),
    "over 5 MB": Case(
        {}, ("read", "{dir}/big.txt", "--json"), 2, "5 mb", sparse={"big.txt": MAX_BYTES + 1}
    ),
    "malformed --date": Case(
        {"a.txt": UNDATED.encode()},
        ("read", "{dir}/a.txt", "--date", "06/08/2025", "--json"),
        2,
        "--date",
    ),
    "impossible --date": Case(
        {"a.txt": UNDATED.encode()},
        ("read", "{dir}/a.txt", "--date", "2025-02-30", "--json"),
        2,
        "--date",
        in_process=True,
    ),
    "bad JSON Lines record": Case(
        {"a.jsonl": b'{"text": "Russia said no."}\nnot json\n'},
        ("read", "{dir}/a.jsonl", "--json"),
        2,
        "a.jsonl:2",
        in_process=True,
    ),
    "JSON Lines record without text": Case(
        {"a.jsonl": b'{"title": "no body"}\n'},
        ("read", "{dir}/a.jsonl", "--json"),
        2,
        "text",
        in_process=True,
    ),
    "one bad file among good ones": Case(
        {"good.txt": UNDATED.encode(), "bad.txt": b"\x00\x01\x02" * 100},
        ("read", "{dir}/good.txt", "{dir}/bad.txt", "--json"),
        2,
        "bad.txt",
    ),
    "--actors missing": Case(
        {"a.txt": UNDATED.encode()},
        ("read", "{dir}/a.txt", "--actors", "{dir}/nothere.yaml", "--json"),
        2,
        "nothere.yaml",
    ),
    "--actors malformed YAML": Case(
        {"a.txt": UNDATED.encode(), "act.yaml": b"people:\n  - {name: [unclosed\n"},
        ("read", "{dir}/a.txt", "--actors", "{dir}/act.yaml", "--json"),
        2,
        "act.yaml",
    ),
    "--actors unknown section": Case(
        {"a.txt": UNDATED.encode(), "act.yaml": b"armies:\n  X: 1\n"},
        ("read", "{dir}/a.txt", "--actors", "{dir}/act.yaml", "--json"),
        2,
        "armies",
        in_process=True,
    ),
    "--actors person without code": Case(
        {"a.txt": UNDATED.encode(), "act.yaml": b"people:\n  - {name: Jane Doe}\n"},
        ("read", "{dir}/a.txt", "--actors", "{dir}/act.yaml", "--json"),
        2,
        "code",
        in_process=True,
    ),
    "score: reading file missing": Case(
        {"g.yaml": b"actors: {USA: []}\n"},
        ("score", "{dir}/nothere.json", "{dir}/g.yaml", "--json"),
        2,
        "nothere.json",
        in_process=True,
    ),
    "score: not a Reading": Case(
        {"r.json": b'{"hello": 1}\n', "g.yaml": b"actors: {USA: []}\n"},
        ("score", "{dir}/r.json", "{dir}/g.yaml", "--json"),
        2,
        "not a reading",
    ),
    "score: gold missing": Case(
        {"r.json": READING_MINIMAL.encode()},
        ("score", "{dir}/r.json", "{dir}/nothere.yaml", "--json"),
        2,
        "nothere.yaml",
        in_process=True,
    ),
    "score: gold not YAML": Case(
        {"r.json": READING_MINIMAL.encode(), "g.yaml": b"actors: [\n"},
        ("score", "{dir}/r.json", "{dir}/g.yaml", "--json"),
        2,
        "g.yaml",
        in_process=True,
    ),
    "score: gold actors a list": Case(
        {"r.json": READING_MINIMAL.encode(), "g.yaml": b"actors: [USA, RUS]\n"},
        ("score", "{dir}/r.json", "{dir}/g.yaml", "--json"),
        2,
        "g.yaml",
        in_process=True,
    ),
    "score: gold event without target": Case(
        {
            "r.json": READING_MINIMAL.encode(),
            "g.yaml": b"events:\n  - {type: THREATEN, source: USA}\n",
        },
        ("score", "{dir}/r.json", "{dir}/g.yaml", "--json"),
        2,
        "g.yaml",
        in_process=True,
    ),
    # Read anyway, with a warning (exit 0):
    "not UTF-8": Case(
        {"a.txt": LATIN1}, ("read", "{dir}/a.txt", "--date", "2025-08-06", "--json"), 0, "utf-8"
    ),
    "no date": Case({"a.txt": UNDATED.encode()}, ("read", "{dir}/a.txt", "--json"), 0, "date"),
}

XFAIL: dict[str, str] = {}  # case -> reader bug that makes it fail (none at present)
XFAIL_ONE_LINE: dict[str, str] = {**XFAIL}


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    folder: Path


def _prepare(case: Case, folder: Path) -> list[str]:
    for name, data in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for name, size in (case.sparse or {}).items():
        with (folder / name).open("wb") as handle:
            handle.truncate(size)  # sparse: the size check must not need the bytes
    return [sys.executable, "-m", "standoff", *(a.format(dir=folder) for a in case.args)]


def _run(command: list[str], folder: Path) -> Run:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}  # no terminal width help
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    return Run(done.returncode, done.stdout, done.stderr, folder)


def _run_in_process(command: list[str], folder: Path) -> Run:
    """What ``python -m standoff`` would do, without starting Python again."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(command[3:])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except Exception:  # what the interpreter would print on an uncaught error
            traceback.print_exc()
            code = 1
    return Run(code, out.getvalue(), err.getvalue(), folder)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every case run once; subprocesses two at a time (the machine has two cores)."""
    results: dict[str, Run] = {}
    jobs: dict[str, Callable[[], Run]] = {}
    for number, (name, case) in enumerate(CASES.items()):
        folder = tmp_path_factory.mktemp(f"case{number}")
        command = _prepare(case, folder)
        if case.in_process:
            results[name] = _run_in_process(command, folder)
        else:
            jobs[name] = lambda c=command, f=folder: _run(c, f)  # type: ignore[misc]
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(job) for name, job in jobs.items()}
        results.update((name, future.result()) for name, future in futures.items())
    return results


def _params(xfails: dict[str, str]) -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=xfails[name]))
        if name in xfails
        else name
        for name in CASES
    ]


@pytest.mark.parametrize("name", _params(XFAIL))
def test_exit_status_and_no_traceback(runs: dict[str, Run], name: str) -> None:
    run = runs[name]
    assert "Traceback" not in run.stderr
    assert run.code == CASES[name].code, run.stderr


@pytest.mark.parametrize("name", _params(XFAIL_ONE_LINE))
def test_stderr_is_one_clear_line(runs: dict[str, Run], name: str) -> None:
    run = runs[name]
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("standoff:")
    assert CASES[name].says in lines[0].lower()


@pytest.mark.parametrize("name", list(CASES))
def test_errors_leave_no_output(runs: dict[str, Run], name: str) -> None:
    run = runs[name]
    if CASES[name].code == 0:
        assert run.stdout.strip(), "a warning must not stop the reading"
    else:
        assert run.stdout == ""
    # no stray files: only what the case itself created
    made = {p.relative_to(run.folder).as_posix() for p in run.folder.rglob("*") if p.is_file()}
    assert made == set(CASES[name].files) | set(CASES[name].sparse or {})


def test_error_messages_name_the_file(runs: dict[str, Run]) -> None:
    for name in ("empty file", "binary file", "missing path", "over 5 MB", "--actors missing"):
        run = runs[name]
        assert str(run.folder) in run.stderr, name


def test_non_utf8_is_decoded_with_a_warning(runs: dict[str, Run]) -> None:
    run = runs["not UTF-8"]
    assert run.code == 0
    assert run.stderr.startswith("standoff: warning:")
    assert "UTF-8" in " ".join(run.stderr.split())
    (line,) = run.stdout.splitlines()
    reading = Reading.model_validate_json(line)
    kinds = [w.kind for w in reading.warnings]
    assert "encoding" in kinds
    assert "café" in reading.article.text  # decoded as Windows-1252, not mangled
    assert any(a.code.startswith("RUS") for a in reading.actors)  # and then read


def test_no_date_leaves_relative_dates_unresolved(runs: dict[str, Run]) -> None:
    run = runs["no date"]
    assert run.code == 0
    assert run.stderr.startswith("standoff: warning:")
    assert "--date" in run.stderr
    (line,) = run.stdout.splitlines()
    reading = Reading.model_validate_json(line)
    assert reading.article.published is None
    assert [w.kind for w in reading.warnings].count("no-date") == 1
    threats = [t for t in reading.threats if t.deadline is not None]
    assert threats, "the 'ten days' deadline should be kept, unresolved"
    for threat in threats:
        assert threat.deadline is not None
        assert threat.deadline.value is None
        assert threat.deadline.precision == "unresolved"
        assert "ten days" in threat.deadline.text
    assert all(e.date is None or e.date.value is None for e in reading.events)


def test_no_partial_stdout_when_one_file_is_bad(runs: dict[str, Run]) -> None:
    run = runs["one bad file among good ones"]
    assert run.code == 2
    assert run.stdout == ""  # the good file was not read and printed first
    assert "bad.txt" in run.stderr and "good.txt" not in run.stderr


def test_json_output_is_one_reading_per_line(runs: dict[str, Run]) -> None:
    run = runs["not UTF-8"]
    for line in run.stdout.splitlines():
        assert json.loads(line)["schema_version"] == "1"
