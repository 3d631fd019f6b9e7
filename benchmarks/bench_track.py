"""Track-layer benchmark: ingest speed with 1 and 2 workers, peak memory as the corpus grows,
store size per article.

The corpus is generated at benchmark time (never committed): news-like articles
from sentence templates with random actors, measures, dates and numbers, each
with one paragraph of the bundled example corpus, and one article in ten a
syndicated near-copy of an earlier one (so the near-duplicate path is timed too).

Baselines measured in the same run:
- throughput: the reader alone over the same articles (no store), so the
  store's and the pool's share of the time is visible;
- memory: the smallest corpus's peak, which the larger ones must stay near.

Usage::

    .venv/bin/python benchmarks/bench_track.py                 # the issue's sizes (long)
    .venv/bin/python benchmarks/bench_track.py --throughput 1000 --sizes 250,500,1000
    .venv/bin/python benchmarks/bench_track.py --throughput 100 --sizes 1000,10000 --no-refresh

Each size's memory is measured in a fresh process (``ru_maxrss`` of the child).
Results are printed as a table and written to ``benchmarks/out/bench_track.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from standoff.read.inputs import iter_paths, load_file  # noqa: E402

EXAMPLES = ROOT / "src" / "standoff" / "data" / "examples"
OUT = Path(__file__).parent / "out"

ACTORS = [
    ("Washington", "the United States"),
    ("Moscow", "Russia"),
    ("Beijing", "China"),
    ("New Delhi", "India"),
    ("Ankara", "Turkey"),
    ("Brussels", "the European Union"),
    ("Kyiv", "Ukraine"),
    ("Tokyo", "Japan"),
]
MEASURES = ["secondary tariffs", "sanctions", "an oil embargo", "export controls", "a 25% levy"]
DEMANDS = [
    "agree to a ceasefire",
    "stop buying Russian oil",
    "return to talks",
    "lift the blockade",
    "withdraw its troops",
]
TEMPLATES = [
    "{a} on {day} gave {b} {n} days to {demand}, and threatened {measure} if it did not.",
    "Officials in {a_city} said {measure} on {c} could follow by {when}.",
    "{b} rejected the ultimatum, calling it {adj} and {adj2}.",
    "Talks between {a} and {b} are expected in {place} on {when}.",
    "{c} bought about {n} million barrels a day of crude last year, analysts said.",
    "A spokesman for {b} said the country would decide its energy purchases for itself.",
    "The deadline, first set on {when}, was moved to {when2}, a senior official said.",
    "{a} imposed {measure} on {c} on {day}, citing its purchases of Russian oil.",
    "Diplomats from {c} met their counterparts from {a} in {place} to discuss {demand_noun}.",
]
ADJS = ["unfair", "unjustified", "unreasonable", "reckless", "illegal", "pointless"]
PLACES = ["Istanbul", "Geneva", "Jeddah", "Stockholm", "Alaska", "Doha", "Vienna"]
NOUNS = ["a ceasefire", "a moratorium on air strikes", "a summit", "prisoner exchanges"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _paragraphs() -> list[str]:
    paras: list[str] = []
    for path in iter_paths([EXAMPLES]):
        for raw in load_file(path):
            text = raw.text or ""
            paras += [p.strip() for p in text.split("\n\n") if len(p.split()) > 25]
    return paras or ["The standoff continued."]


def _article(rng: random.Random, paras: list[str], n: int) -> str:
    a, b, c = rng.sample(ACTORS, 3)
    start = date(2025, 6, 1) + timedelta(days=rng.randrange(120))
    sentences = []
    for template in rng.sample(TEMPLATES, 6):
        sentences.append(
            template.format(
                a=a[1].capitalize() if a[1].startswith("the") else a[1],
                a_city=a[0],
                b=b[1].capitalize() if b[1].startswith("the") else b[1],
                c=c[1],
                day=rng.choice(DAYS),
                n=rng.randrange(2, 90),
                demand=rng.choice(DEMANDS),
                demand_noun=rng.choice(NOUNS),
                measure=rng.choice(MEASURES),
                when=(start + timedelta(days=rng.randrange(60))).strftime("%B %d"),
                when2=(start + timedelta(days=rng.randrange(60))).strftime("%B %d"),
                adj=rng.choice(ADJS),
                adj2=rng.choice(ADJS),
                place=rng.choice(PLACES),
            )
        )
    body = " ".join(sentences[:3]) + "\n\n" + rng.choice(paras) + "\n\n" + " ".join(sentences[3:])
    return f"Dispatch {n}: {a[0]} and {b[0]}\n\n{body}"


def generate(count: int, folder: Path, seed: int = 7) -> Path:
    """Write ``count`` articles as JSON Lines under ``folder``; returns the file."""
    rng = random.Random(seed)
    paras = _paragraphs()
    path = folder / f"corpus-{count}.jsonl"
    texts: list[str] = []
    with path.open("w") as handle:
        for n in range(count):
            if texts and rng.random() < 0.1:
                # A syndicated copy: the same story with another outlet's sign-off.
                text = rng.choice(texts[-200:]) + f"\n\n(Reporting via outlet {n})"
            else:
                text = _article(rng, paras, n)
                texts.append(text)
            record = {
                "text": text,
                "source": f"outlet{n % 37}.example",
                "published": (date(2025, 6, 1) + timedelta(days=n % 120)).isoformat(),
            }
            handle.write(json.dumps(record) + "\n")
    return path


# --------------------------------------------------------------------------- measurements

CHILD = """
import json, resource, statistics, sys, threading, time
from pathlib import Path
sys.path.insert(0, {src!r})
samples = []  # resident memory (MB) every 0.2 s: the level between the peaks
def _sample():
    while True:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS"):
                    samples.append(int(line.split()[1]) / 1024)
        time.sleep(0.2)
threading.Thread(target=_sample, daemon=True).start()
from standoff.track.backends import InProcess, ProcessPool
from standoff.track.ingest import ingest
from standoff.track.store import Store
feed, store_path = Path(sys.argv[1]), Path(sys.argv[2])
workers, mode = int(sys.argv[3]), sys.argv[4]
if mode == "reader":
    from standoff.read import Reader
    from standoff.read.inputs import load_file
    reader = Reader()
    raws = load_file(feed)
    started = time.perf_counter()
    for raw in raws:
        reader.read(raw)
    out = {{"seconds": time.perf_counter() - started, "articles": len(raws)}}
else:
    from standoff.track.memory import map_large_blocks
    map_large_blocks()  # first, as `standoff ingest` does
    parts = Path(str(store_path) + ".parts")
    backend = InProcess() if workers == 1 else ProcessPool(workers, parts)
    with Store(store_path) as store:
        started = time.perf_counter()
        summary = ingest([feed], store, backend, refresh=(mode == "refresh"))
        seconds = time.perf_counter() - started
    size = store_path.stat().st_size + sum(
        p.stat().st_size for p in store_path.parent.glob(store_path.name + ".wal")
    )
    out = {{"seconds": seconds, "articles": summary.read, "stored": summary.stored,
           "near": summary.near_duplicates, "bytes": size}}
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out["median_mb"] = statistics.median(samples) if samples else None
print(json.dumps(out))
"""


def _child(feed: Path, store: Path, workers: int, mode: str) -> dict[str, float]:
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD.format(src=str(ROOT / "src")),
            str(feed),
            str(store),
            str(workers),
            mode,
        ],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        # The child's traceback, not just its exit status, so a failed size is diagnosable.
        sys.stderr.write(run.stderr)
        run.check_returncode()
    result: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--throughput", type=int, default=10_000, help="articles for speed runs")
    parser.add_argument("--sizes", default="1000,2500,5000,10000", help="corpus sizes for memory")
    parser.add_argument(
        "--no-refresh",
        action="store_true",
        help="skip the last run (an ingest of the largest size with the ledger refresh)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, object] = {"throughput_articles": args.throughput, "sizes": sizes}
    with tempfile.TemporaryDirectory(prefix="bench-track-") as tmp:
        folder = Path(tmp)
        feed = generate(args.throughput, folder)
        rows = []
        for label, workers, mode in [
            ("reader alone (baseline)", 1, "reader"),
            ("ingest, 1 worker", 1, "ingest"),
            ("ingest, 2 workers", 2, "ingest"),
        ]:
            store = folder / f"speed-{workers}-{mode}.duckdb"
            got = _child(feed, store, workers, mode)
            rate = got["articles"] / got["seconds"]
            rows.append((label, got["articles"], got["seconds"], rate))
            print(
                f"{label:28s} {got['articles']:6.0f} articles {got['seconds']:8.1f} s "
                f"{rate:8.1f} articles/s",
                flush=True,
            )
        results["throughput"] = [
            {"run": r[0], "articles": r[1], "seconds": r[2], "articles_per_s": r[3]} for r in rows
        ]
        memory: list[dict[str, float]] = []
        for size in sizes:
            sized = generate(size, folder)
            got = _child(sized, folder / f"mem-{size}.duckdb", 1, "ingest")
            per_article = got["bytes"] / max(1.0, got["stored"] + got["near"])
            memory.append(
                {
                    "articles": size,
                    "peak_mb": got["peak_mb"],
                    "median_mb": got["median_mb"],
                    "store_bytes": got["bytes"],
                    "bytes_per_article": per_article,
                    "near_duplicates": got["near"],
                }
            )
            print(
                f"ingest {size:6d} articles: peak {got['peak_mb']:7.1f} MB "
                f"(median {got['median_mb'] or 0:6.1f} MB), store "
                f"{got['bytes'] / 1e6:7.1f} MB ({per_article / 1024:5.1f} KiB/article), "
                f"{got['near']:.0f} near-duplicates merged",
                flush=True,
            )
        results["memory"] = memory
        if not args.no_refresh:
            refreshed = _child(generate(sizes[-1], folder), folder / "refresh.duckdb", 1, "refresh")
            results["ingest_with_ledger_refresh"] = refreshed
            print(
                f"ingest + ledger refresh, {sizes[-1]} articles: peak "
                f"{refreshed['peak_mb']:.1f} MB, {refreshed['seconds']:.1f} s",
                flush=True,
            )
    growth = memory[-1]["peak_mb"] / memory[0]["peak_mb"]
    print(f"peak memory, largest / smallest corpus: {growth:.2f}x")
    # Whether the peak levels off: each step's growth per article added. Falling steps
    # mean memory approaches a bound; a constant step means it grows without one.
    for small, large in pairwise(memory):
        added = large["articles"] - small["articles"]
        step = (large["peak_mb"] - small["peak_mb"]) * 1024 / added
        span = f"{small['articles']:6.0f} -> {large['articles']:6.0f} articles"
        print(f"  {span}: {step:+.2f} KB/article")
    results["memory_growth"] = growth
    OUT.mkdir(exist_ok=True)
    (OUT / "bench_track.json").write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
