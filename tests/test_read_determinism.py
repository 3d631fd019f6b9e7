"""A reading is the same every run: no answer may hang on the order of a Python set.

Python randomises string hashes per process (PYTHONHASHSEED), so a tie broken by a
set's order came out differently from one run to the next. Each seed below runs the
reader in its own process on a development article that once flipped between runs
(a threat's counterpart tied between two co-mentioned countries).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "tests" / "data" / "dev" / "greenland-denmark-2025-01-28-arctic-package.html"
SEEDS = ("1", "3", "4")  # seeds that gave two different readings before the fix


def _read(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    run = subprocess.run(
        [sys.executable, "-m", "standoff", "read", str(ARTICLE), "--date", "2025-01-28", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return run.stdout


def test_the_same_article_reads_the_same_under_any_hash_seed() -> None:
    readings = {seed: _read(seed) for seed in SEEDS}
    assert len(set(readings.values())) == 1, "readings differ between hash seeds"
