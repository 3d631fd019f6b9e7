"""Fuzzing standoff: Hypothesis strategies for what users feed it, and the harness that
feeds it through the command line exactly as a user would.

Four targets, each the path a command takes, run in this process through
:func:`standoff.cli.main` (so the reader is loaded once, not per input):

- ``read``: an article file (text, HTML or JSON Lines, with a ``--date`` or not)
  through ``standoff read FILE --json`` (the same path as ``standoff read``);
- ``ingest``: a folder of such files (odd names included) through ``standoff ingest``;
- ``score``: a Reading file and a gold YAML file through ``standoff score``;
- ``scenario``: a scenario file (YAML or CSV) through ``standoff forecast --scenario``.

The rule: whatever the input, the command ends with a documented status (0, 1 for a
batch with failures, 2 for a user's mistake) and stderr holds no traceback. Anything
else escaping is a crash. :func:`run_case` runs one :class:`Case`; ``scripts/fuzz.py``
(``make fuzz``) runs long campaigns and saves every crash to ``tests/data/fuzz-corpus``,
which ``tests/test_fuzz.py`` replays on every run.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from standoff.cli import main

CORPUS = Path(__file__).resolve().parent / "data" / "fuzz-corpus"
ALLOWED_STATUS = {0, 1, 2}  # ok; some inputs of a batch failed; a user's mistake
TIME_LIMIT = "20"  # seconds an article may take inside the harness (--time-limit)

# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    """One fuzz input: files (name as bytes -> content) and the command's arguments,
    where ``{dir}`` stands for the folder the files are written to."""

    target: str
    files: dict[bytes, bytes]
    args: list[str]
    note: str = ""
    slow: bool = False  # minutes to run: replayed by `make fuzz`, not by `make test`

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "args": self.args,
            "files": [
                {"name": base64.b64encode(n).decode(), "data": base64.b64encode(d).decode()}
                for n, d in self.files.items()
            ],
            "note": self.note,
        } | ({"slow": True} if self.slow else {})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Case:
        # "repeat": the data that many times over (a large input kept small in the corpus)
        files = {
            base64.b64decode(f["name"]): base64.b64decode(f["data"]) * int(f.get("repeat", 1))
            for f in data["files"]
        }
        return cls(
            data["target"], files, list(data["args"]), data.get("note", ""), data.get("slow", False)
        )

    def key(self) -> str:
        text = json.dumps(self.to_json() | {"note": ""}, sort_keys=True)
        return hashlib.sha1(text.encode()).hexdigest()[:16]


@dataclass
class Outcome:
    """How a case ended: its status, or the exception that escaped (a crash)."""

    status: int | None
    crash: str | None
    stderr: str
    seconds: float
    stdout: str = field(repr=False, default="")

    @property
    def ok(self) -> bool:
        return self.crash is None


@contextlib.contextmanager
def _folder() -> Iterator[Path]:
    # on a RAM disk when there is one: a campaign writes hundreds of thousands of files
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    folder = Path(tempfile.mkdtemp(prefix="standoff-fuzz-", dir=base))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_case(case: Case, folder: Path | None = None) -> Outcome:
    """Write the case's files and run its command through standoff.cli.main."""
    with contextlib.ExitStack() as stack:
        where = folder if folder is not None else stack.enter_context(_folder())
        for name, data in case.files.items():
            path = Path(os.fsdecode(os.path.join(os.fsencode(where), name)))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        args = [a.replace("{dir}", str(where)) for a in case.args]
        return run_command(args)


def run_command(args: list[str]) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    status: int | None = 0
    crash = None
    start = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException as exc:  # noqa: BLE001 - exactly what the fuzzer looks for
            status = None
            crash = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            crash += "\n" + "".join(traceback.format_tb(exc.__traceback__)[-3:])
    seconds = time.monotonic() - start
    text = err.getvalue()
    if crash is None and status not in ALLOWED_STATUS:
        crash = f"exit status {status}"
    if crash is None and "Traceback" in text:
        crash = "traceback on stderr: " + text[-500:]
    return Outcome(status, crash, text, seconds, out.getvalue())


def save_crash(case: Case, outcome: Outcome, corpus: Path = CORPUS) -> Path:
    """Keep a crashing input as a regression case (``corpus/<target>/<key>.json``)."""
    folder = corpus / case.target
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{case.key()}.json"
    data = case.to_json()
    data["note"] = data["note"] or (outcome.crash or "").splitlines()[0][:300]
    path.write_text(json.dumps(data, indent=1, ensure_ascii=True) + "\n")
    return path


def corpus_cases(corpus: Path = CORPUS) -> list[tuple[str, Case]]:
    return [
        (str(p.relative_to(corpus)), Case.from_json(json.loads(p.read_text())))
        for p in sorted(corpus.rglob("*.json"))
    ]


# --------------------------------------------------------------------------- text

ACTORS = [
    "Trump", "Donald Trump", "President Trump", "Putin", "the Kremlin", "Russia", "Moscow",
    "India", "New Delhi", "China", "Beijing", "the United States", "Washington", "Ukraine",
    "Kyiv", "the European Union", "Brussels", "NATO", "Iran", "Tehran", "Israel", "he",
    "they", "it", "the White House", "Modi", "Zelensky", "Dmitry Peskov, the Kremlin spokesman",
    "Britain, France and Germany", "both countries", "countries that buy Russian oil",
]
VERBS = [
    "warned", "threatened", "said", "rejected", "agreed", "imposed", "announced", "gave",
    "demanded", "refused", "signed", "met", "proposed", "backed", "denied", "accused",
    "cut", "extended", "moved", "withdrew", "will impose", "would face", "could hit",
]
DATES = [
    "within 50 days", "within 10000000 days", "in 99999999999999999999 days", "ten days",
    "by Friday", "on Monday", "next Tuesday week", "until February 29", "February 29",
    "by the end of next week", "the end of the month", "August 8", "8 August 2025",
    "2025-08-08", "0001-01-01", "9999-12-31", "early September", "mid-", "yesterday",
    "10 or 12 days", "about 3 weeks from today", "a few hours", "Aug 7", "31 June 2025",
    "30 February", "December 32", "the year 10000", "1 January 1", "tomorrow",
    "two days before the deadline", "99999 weeks ago", "hundred months",
]
MEASURES = [
    "secondary tariffs", "sanctions", "a 25% tariff", "an embargo", "military action",
    "tariffs of 100%", "severe consequences", "new levies on oil",
]
JOINERS = [
    ". ", ", ", " unless ", " or face ", " if ", "; ", " and ", "\n", "\n\n", " - ",
    "\u201c", "\u201d", '"', " (", ") ", "...", " \u2014 ",
]
ODD = [
    "\x00", "\x01", "\u200b", "\u202e", "\ufeff", "\ud83d\ude00", "\u00e9", "\t", "\r",
    "\r\n", "\u2028", "\u0301", "\uffff", "\U0010ffff", "<", ">", "&amp;", "&#0;",
    "\\", "{", "}", "%s", "'", "\u0000\u0000",
]


def _pieces() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(ACTORS),
        st.sampled_from(VERBS),
        st.sampled_from(DATES),
        st.sampled_from(MEASURES),
        st.sampled_from(JOINERS),
        st.sampled_from(ODD),
        st.text(max_size=12),
        st.integers(-10**30, 10**30).map(str),
    )


@st.composite
def article_text(draw: st.DrawFn) -> str:
    """News-like text: actors, verbs, deadlines and measures joined by punctuation, with
    odd characters and, sometimes, one unit repeated many times (run-on text)."""
    parts = draw(st.lists(_pieces(), max_size=60))
    text = " ".join(parts)
    if draw(st.integers(0, 9)) == 0:
        unit = draw(st.sampled_from(["Trump warned. ", "and ", "(", "very ", "\n", "a" * 50]))
        text += unit * draw(st.integers(1, 400))
    return text


# --------------------------------------------------------------------------- HTML

TAGS = [
    "html", "head", "body", "meta", "title", "p", "div", "svg", "e", "script", "style",
    "article", "table", "tr", "td", "br", "span", "time", "h1", "a", "noscript", "iframe",
]
ATTRS = [
    'content="2025-08-06"', 'property="article:published_time"', 'charset="utf-8"',
    'name="date"', 'content="9999-99-99"', 'datetime="0001-01-01"', 'href="http://[::1"',
    'content=""', "lang=en", 'class="byline"', 'content="2025-13-45T25:61"',
]


@st.composite
def html_page(draw: st.DrawFn) -> str:
    """Pages from a small tag set, nested, closed or not, with text, attributes and the
    shapes that broke trafilatura and htmldate (``<svg><meta><e>``)."""
    out: list[str] = []
    for _ in range(draw(st.integers(0, 25))):
        choice = draw(st.integers(0, 5))
        if choice <= 1:
            tag = draw(st.sampled_from(TAGS))
            attrs = " ".join(draw(st.lists(st.sampled_from(ATTRS), max_size=3)))
            out.append(f"<{tag}{' ' + attrs if attrs else ''}>")
        elif choice == 2:
            out.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif choice == 3:
            out.append(draw(article_text()))
        elif choice == 4:
            out.append(draw(st.sampled_from(["<!--", "-->", "<![CDATA[", "]]>", "<!doctype html>",
                                             "&nbsp;", "&#xD800;", "<", ">", "</"])))
        else:
            out.append(draw(st.text(max_size=20)))
    return "".join(out)


# --------------------------------------------------------------------------- JSON Lines

_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
    st.text(max_size=30), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
URLS = [
    "http://[::1", "https://www.example.com/news/1", "http://", "//", "ftp://x", "::::",
    "http://[", "http://example.com:99999999", "https://\u00e9x.com/\ud800", "a" * 300,
]


@st.composite
def jsonl_record(draw: st.DrawFn) -> str:
    """One line of a JSON Lines feed: a record of right or wrong types, or a broken line."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.sampled_from(["not json", "{", "[]", "null", "1e999999", "\"x\"",
                                     "{\"text\": \"\\ud800\"}", "[" * 3000, "9" * 5000]))
    record: dict[str, Any] = {}
    body = draw(st.one_of(article_text(), html_page(), _VALUES))
    record["html" if draw(st.booleans()) and isinstance(body, str) and "<" in body
           else "text"] = body
    for key in ("url", "source", "title", "published"):
        if draw(st.booleans()):
            record[key] = draw(st.one_of(
                st.sampled_from(URLS + DATES + ["2025-08-06", "2025-13-45", "0001-01-01"]),
                _VALUES,
            ))
    if draw(st.integers(0, 4)) == 0:
        record[draw(st.text(max_size=6))] = draw(_VALUES)
    line = json.dumps(record, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 6)) == 0:  # a lone surrogate escape, as some scrapers write
        line = line.replace("a", "\\ud800", 1)
    return line


@st.composite
def jsonl_feed(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(jsonl_record(), min_size=0, max_size=6))
    sep = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    return sep.join(lines).encode("utf-8", "surrogatepass")


# --------------------------------------------------------------------------- files

ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    codec = draw(st.sampled_from(ENCODINGS))
    return text.encode(codec, errors="replace")


@st.composite
def article_file(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """(file name, content) of an article file: text, HTML or JSON Lines."""
    kind = draw(st.sampled_from(["txt", "html", "jsonl", "htm", "md", "json"]))
    if kind in ("jsonl", "json"):
        data = draw(jsonl_feed())
    elif kind in ("html", "htm"):
        data = draw(encoded(draw(html_page())))
    else:
        data = draw(encoded(draw(st.one_of(article_text(), html_page()))))
    if draw(st.integers(0, 19)) == 0:
        data = draw(st.binary(max_size=300))
    stem = draw(st.sampled_from([b"a", b"news", b"caf\xe9", b"\xff\xfe", b"x y", b"-n", b".h"]))
    return stem + b"." + kind.encode(), data


BAD_DATES = ["2025-02-29", "20250801", "2025-W32-3", "2025-8-6", "", "x", "2025-08-06T00:00"]
# Weighted so that most inputs get past the option check and reach the reader: a
# rejected --date exercises only the option parser, one time in ten is enough for it.
DATE_OPTIONS = st.integers(0, 9).flatmap(lambda k: (
    st.sampled_from(BAD_DATES) if k == 0
    else st.none() if k <= 3
    else st.sampled_from(["2025-08-06", "0001-01-01", "9999-12-31", "2024-02-29"]) if k == 4
    else st.dates().map(lambda d: d.isoformat())
))


@st.composite
def read_case(draw: st.DrawFn) -> Case:
    name, data = draw(article_file())
    args = ["read", "{dir}/" + os.fsdecode(name), "--json", "--time-limit", TIME_LIMIT]
    when = draw(DATE_OPTIONS)
    if when is not None:
        args += ["--date", when]
    return Case("read", {name: data}, args)


@st.composite
def ingest_case(draw: st.DrawFn) -> Case:
    """A folder of article files (the same article twice, sometimes) into a new store,
    or into a file that is not a store."""
    files = {b"in/" + n: d for n, d in draw(st.lists(article_file(), max_size=5))}
    if files and draw(st.booleans()):
        name, data = next(iter(files.items()))
        files[name + b".copy.txt"] = data
    store = "s.duckdb"
    if draw(st.integers(0, 9)) == 0:
        store = "notes.txt"
        files[store.encode()] = draw(st.binary(max_size=64))
    args = ["ingest", "{dir}/in", "--store", "{dir}/" + store, "--time-limit", TIME_LIMIT]
    when = draw(DATE_OPTIONS)
    if when is not None:
        args += ["--date", when]
    elif files and draw(st.integers(0, 3)) == 0:  # a --dates manifest, right or wrong
        rows = [f"{os.fsdecode(n)},{draw(DATE_OPTIONS) or ''}" for n in files
                if n.startswith(b"in/")]
        header = draw(st.sampled_from(["file,date"] * 3 + ["path,published", "file", ""]))
        files[b"dates.csv"] = "\n".join([header, *rows]).encode("utf-8", "surrogateescape")
        args += ["--dates", "{dir}/dates.csv"]
    return Case("ingest", files, args)


# --------------------------------------------------------------------------- score

_CODES = st.sampled_from(["USA", "RUS", "IND", "CHN", "USAGOV", "", "X" * 40, "123"])


@st.composite
def gold_document(draw: st.DrawFn) -> Any:
    """A gold file's document: the right sections with right or wrong shapes."""
    doc: dict[str, Any] = {}
    if draw(st.booleans()):
        doc["actors"] = draw(st.one_of(
            st.dictionaries(_CODES, st.lists(st.text(max_size=8), max_size=2), max_size=3),
            _VALUES))
    if draw(st.booleans()):
        doc["events"] = draw(st.lists(st.one_of(
            st.fixed_dictionaries({"type": st.sampled_from(["THREATEN", "SANCTION", "X"]),
                                   "source": _CODES, "target": _CODES}),
            _VALUES), max_size=3))
    if draw(st.booleans()):
        doc["threats"] = draw(st.lists(st.one_of(
            st.fixed_dictionaries({"sender": _CODES, "target": _CODES},
                                  optional={"deadline": st.one_of(st.sampled_from(DATES), _VALUES,
                                                                  st.dates()),
                                            "measures": st.lists(st.text(max_size=8))}),
            _VALUES), max_size=3))
    if draw(st.booleans()):
        doc["proposals"] = draw(st.lists(st.one_of(
            st.fixed_dictionaries({"name": st.one_of(st.text(max_size=10), _VALUES)}), _VALUES),
            max_size=2))
    for key in ("article", "published", "positions"):
        if draw(st.integers(0, 3)) == 0:
            doc[key] = draw(st.one_of(_VALUES, st.dates()))
    return doc


@st.composite
def yaml_text(draw: st.DrawFn, document: Any) -> str:
    """``document`` as YAML, sometimes mangled: aliases, bare dates, tabs, cut short."""
    text = yaml.safe_dump(document, allow_unicode=draw(st.booleans()))
    mangle = draw(st.integers(0, 13))  # 0-5 mangle, the rest leave it as dumped
    if mangle == 0:
        text = text[: draw(st.integers(0, len(text)))]
    elif mangle == 1:
        text = "x: &a [*a]\n" + text
    elif mangle == 2:
        text += "deadline: 2025-13-45\nwhen: 0000-00-00\n"
    elif mangle == 3:
        text = text.replace("  ", "\t", 1)
    elif mangle == 4:
        lines = ["a0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"] + [
            f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)
        ]
        text = "\n".join(lines) + "\n" + text
    elif mangle == 5:
        text = draw(st.text(max_size=80))
    return text


def _reading_json() -> str:
    """A small valid Reading (one threat with a deadline) for the score target."""
    from standoff.model import (
        Actor,
        ActorKind,
        Article,
        DatePrecision,
        Reading,
        ResolvedDate,
        Threat,
    )

    deadline = ResolvedDate(value=date(2025, 8, 8), precision=DatePrecision.DAY, text="Friday")
    reading = Reading(
        article=Article(id="0123456789abcdef", published=date(2025, 8, 6)),
        actors=[Actor(code="USA", name="United States", kind=ActorKind.STATE, country="USA")],
        threats=[Threat(sender="USA", target="RUS", measures=["tariffs"], deadline=deadline)],
    )
    return reading.model_dump_json()


READING_JSON = _reading_json()


@st.composite
def score_case(draw: st.DrawFn) -> Case:
    reading = draw(st.one_of(
        st.just(READING_JSON), st.just(READING_JSON), st.text(max_size=50),
        st.just(READING_JSON.replace("2025-08-08", draw(st.sampled_from(
            ["9999-12-31", "0001-01-01", "2025-13-45", "x"])))),
    ))
    documents = draw(st.lists(gold_document(), min_size=0, max_size=2))
    gold = "---\n".join(draw(yaml_text(d)) for d in documents)
    gold_bytes = gold.encode() if draw(st.booleans()) else draw(encoded(gold))
    files = {b"r.json": reading.encode("utf-8", "surrogatepass"), b"g.yaml": gold_bytes}
    return Case("score", files, ["score", "{dir}/r.json", "{dir}/g.yaml", "--json"])


# --------------------------------------------------------------------------- scenario

WILD_NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1e308, 1e-308, 1e15, 1e-9, 100, 101, 50, 0.5, "50", "x", None]),
    st.integers(-10**30, 10**30),
)


@st.composite
def number(draw: st.DrawFn, low: float, high: float) -> Any:
    """A number in [low, high], one time in twenty anything at all."""
    if draw(st.integers(0, 19)) == 0:
        return draw(WILD_NUMBERS)
    return draw(st.floats(low, high))


@st.composite
def scenario_document(draw: st.DrawFn) -> Any:
    """A scenario of 1-4 actors and 1-3 issues, valid about half the time; the rest has a
    wild number, a missing name or stance, or an unknown key."""
    codes = draw(st.lists(st.sampled_from(["USA", "RUS", "UKR", "EU", "CHN"]), min_size=1,
                          max_size=4, unique=True))
    issues = draw(st.lists(st.sampled_from(["ceasefire", "territory", "sanctions"]),
                           min_size=1, max_size=3, unique=True))
    if draw(st.integers(0, 9)) == 0:
        draw(st.sampled_from([codes, issues])).append(draw(st.sampled_from(["", "USA", "x"])))
    position, salience = number(0, 100), number(0, 100)
    doc: dict[str, Any] = {
        "name": draw(st.text(max_size=10)),
        "actors": [
            {"code": c, "capability": draw(number(1e-6, 1e6))}
            | ({"capability_cv": draw(number(0, 2))} if draw(st.booleans()) else {})
            for c in codes
        ],
        "issues": [
            {"id": i} | ({"status_quo": draw(position)} if draw(st.booleans()) else {})
            for i in issues
        ],
        "stances": {
            c: {
                i: {"position": draw(position), "salience": draw(salience)}
                | ({"position_sd": draw(number(0, 50))} if draw(st.booleans()) else {})
                for i in issues
                if k == 0 or draw(st.booleans())  # the first actor has a stance on each
            }
            for k, c in enumerate(codes)
        },
    }
    if draw(st.booleans()):
        doc["uncertainty"] = {"position_sd": draw(number(0, 50)),
                              "capability_cv": draw(number(0, 2))}
    if draw(st.integers(0, 9)) == 0:
        doc[draw(st.text(max_size=5))] = draw(_VALUES)
    return doc


@st.composite
def scenario_csv(draw: st.DrawFn) -> str:
    rows = []
    if draw(st.booleans()):
        rows.append(f"name,desc,{draw(st.integers(-1, 4))},{draw(st.integers(-1, 3))}")
        rows.append("Actor,Desc,Cap,Pos1,Sal1,Pos2,Sal2")
    else:
        rows.append("actor,capability,position,salience")
    for code in draw(st.lists(st.sampled_from(["USA", "RUS", "UKR", ""]), max_size=4)):
        cells = [code, "d"] + [str(draw(number(0, 100))) for _ in range(draw(st.integers(1, 6)))]
        rows.append(",".join(cells))
    return "\n".join(rows) + "\n"


@st.composite
def scenario_case(draw: st.DrawFn) -> Case:
    if draw(st.integers(0, 3)) == 0:
        name, text = b"s.csv", draw(scenario_csv())
    elif draw(st.booleans()):
        name, text = b"s.yaml", yaml.safe_dump(draw(scenario_document()))
    else:
        name, text = b"s.yaml", draw(yaml_text(draw(scenario_document())))
    data = text.encode() if draw(st.integers(0, 3)) else draw(encoded(text))
    args = ["forecast", "--scenario", "{dir}/" + name.decode(), "--json", "--seed", "1"]
    if draw(st.booleans()):
        args += ["--draws", str(draw(st.sampled_from([0, 3])))]
    return Case("scenario", {name: data}, args)


STRATEGIES = {
    "read": read_case(),
    "ingest": ingest_case(),
    "score": score_case(),
    "scenario": scenario_case(),
}
