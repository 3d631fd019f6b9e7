"""Dump every reading of the reader's yardstick texts as canonical JSON, or compare two dumps.

A refactoring of the reader must leave its readings byte-identical. This script
reads, with the current code:

- ``dev/``: every gold article of the development set (``tests/data/dev``), with
  the publication date its gold file gives, as ``standoff eval gold`` reads it;
- ``examples/``: every bundled example (``src/standoff/data/examples``; a JSON
  Lines record each), with no date given, as ``standoff brief`` reads them;
- ``plover/``: every PLOVER gold sentence (``../shared/data/plover/PLOVER_GSR_CAMEO.txt``),
  batched by date as ``standoff eval plover`` reads them, with the sentence's
  event types (``Reader.sentence_types``) beside its reading;
- ``seed/``: the founding article (``../shared/gold/seed-article.txt``), published
  2025-08-06;

and writes one file per reading, ``DIR/<set>/<name>.json`` (keys sorted, two-space
indent, UTF-8), so that ``diff -r`` or ``--compare`` shows what changed.

    .venv/bin/python scripts/reading_snapshot.py OUT_DIR            # take a snapshot
    .venv/bin/python scripts/reading_snapshot.py OUT_DIR --compare BASE_DIR
        # take one and compare it with BASE_DIR; exit status 1 on any difference
    .venv/bin/python scripts/reading_snapshot.py --compare BASE_DIR --against OTHER_DIR
        # compare two snapshots already taken

The held-out set (``tests/data/heldout``) is never read here.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "dev"
EXAMPLES = ROOT / "src" / "standoff" / "data" / "examples"
PLOVER = ROOT / ".." / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
SEED = ROOT / ".." / "shared" / "gold" / "seed-article.txt"
SEED_DATE = date(2025, 8, 6)
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def canonical(value: Any) -> str:
    """One fixed text for a JSON-ready value: sorted keys, two-space indent, final newline."""
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _write(folder: Path, name: str, value: Any) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{_SAFE.sub('_', name)}.json").write_text(canonical(value), encoding="utf-8")


def snapshot(out: Path) -> dict[str, int]:
    """Read every yardstick text with the current reader into ``out``; counts per set."""
    from standoff.read import Reader
    from standoff.read.evaluate import _article_for, load_plover
    from standoff.read.inputs import iter_paths, load_file
    from standoff.read.score import load_gold

    reader = Reader(actors_file=None)
    counts: dict[str, int] = defaultdict(int)

    for gold_path in sorted(DEV.glob("*.yaml")):
        for n, gold in enumerate(load_gold(gold_path)):
            path, line = _article_for(gold_path, gold, None)
            raws = load_file(path)
            raw = raws[(line or 1) - 1] if line else raws[min(n, len(raws) - 1)]
            published = (gold.get("article") or {}).get("published")
            if isinstance(published, str):
                published = date.fromisoformat(published)
            when = published if isinstance(published, date) else None
            reading = reader.read(raw, when)
            _write(out / "dev", f"{path.name}-{line or n}", reading.model_dump(mode="json"))
            counts["dev"] += 1

    for path in iter_paths([EXAMPLES]):
        for n, raw in enumerate(load_file(path), start=1):
            reading = reader.read(raw, published=None)
            _write(out / "examples", f"{path.name}-{n}", reading.model_dump(mode="json"))
            counts["examples"] += 1

    if PLOVER.is_file():
        sentences = load_plover(PLOVER)
        from standoff.model import RawArticle

        by_date: dict[date | None, list[int]] = defaultdict(list)
        for i, s in enumerate(sentences):
            by_date[s.when].append(i)
        for when, idx in by_date.items():
            raws = [RawArticle(text=sentences[i].text, origin=sentences[i].id) for i in idx]
            for i, reading in zip(idx, reader.read_many(raws, published=when), strict=True):
                value = {
                    "reading": reading.model_dump(mode="json"),
                    "sentence_types": reader.sentence_types(sentences[i].text),
                }
                _write(out / "plover", f"{i:04d}-{sentences[i].id}", value)
                counts["plover"] += 1
    else:
        print(f"note: {PLOVER} not found; PLOVER sentences skipped", file=sys.stderr)

    if SEED.is_file():
        (raw,) = load_file(SEED)
        _write(out / "seed", "seed-article", reader.read(raw, SEED_DATE).model_dump(mode="json"))
        counts["seed"] += 1
    else:
        print(f"note: {SEED} not found; the founding article skipped", file=sys.stderr)
    return dict(counts)


def compare(base: Path, other: Path, context: int = 3, show: int = 5) -> int:
    """Print every difference between two snapshots; the number of files that differ."""
    names = {p.relative_to(base) for p in base.rglob("*.json")}
    others = {p.relative_to(other) for p in other.rglob("*.json")}
    differing = 0
    for rel in sorted(names - others):
        print(f"only in {base}: {rel}")
        differing += 1
    for rel in sorted(others - names):
        print(f"only in {other}: {rel}")
        differing += 1
    for rel in sorted(names & others):
        a = (base / rel).read_text(encoding="utf-8")
        b = (other / rel).read_text(encoding="utf-8")
        if a == b:
            continue
        differing += 1
        if differing <= show:
            diff = difflib.unified_diff(
                a.splitlines(),
                b.splitlines(),
                str(base / rel),
                str(other / rel),
                n=context,
                lineterm="",
            )
            print("\n".join(list(diff)[:80]))
        else:
            print(f"differs: {rel}")
    total = len(names | others)
    print(f"{total - differing} of {total} readings identical; {differing} differ")
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder to write the snapshot to")
    parser.add_argument("--compare", type=Path, help="a snapshot to compare with")
    parser.add_argument("--against", type=Path, help="compare --compare with this snapshot")
    args = parser.parse_args(argv)
    if args.against is not None:
        if args.compare is None:
            parser.error("--against needs --compare")
        return 1 if compare(args.compare, args.against) else 0
    if args.out is None:
        parser.error("give a folder to write the snapshot to")
    counts = snapshot(args.out)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()), "readings written to", args.out)
    if args.compare is not None:
        return 1 if compare(args.compare, args.out) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
