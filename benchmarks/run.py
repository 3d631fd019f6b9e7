"""Run every benchmark script in this folder (``bench_*.py``) and print their reports.

Each script measures its subject beside a baseline measured in the same run
(for example spaCy's own parse beside the reader) and prints a table.
Results are also written as JSON under ``benchmarks/out/``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name} ===", flush=True)
        failed += subprocess.call([sys.executable, str(script)]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
