"""Where an ingest's memory goes: resident memory around each phase of a real ingest.

Ingests a generated corpus (bench_track.generate) in this process, as `standoff ingest`
does but without the ledger refresh, and every ``--every`` articles prints, for the
window just ended, the highest resident memory (VmHWM, reset before each phase) seen
while reading an article, adding it to the store and recycling the store's connection,
with the resident memory before that phase. The first column after the count is the
resident memory at that moment (right after a recycle when ``--every`` is a multiple
of RECYCLE_EVERY and nothing is a duplicate). Linux only (/proc/self/status).

    .venv/bin/python benchmarks/probe_ingest_memory.py --size 10000

A diagnostic, not part of `make bench`: a 10,000-article run takes ~15 minutes.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_track import generate  # noqa: E402

from standoff.track.memory import map_large_blocks  # noqa: E402


def _status(key: str) -> float:
    """A /proc/self/status field in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # resets VmHWM to the current resident size


Window = dict[str, tuple[float, float]]  # phase -> (highest VmHWM, resident before)


def _watch(name: str, fn: Callable[..., Any], window: Window) -> Callable[..., Any]:
    def watched(*args: Any, **kwargs: Any) -> Any:
        _reset_peak()
        before = _status("VmRSS")
        out = fn(*args, **kwargs)
        high = _status("VmHWM")
        if name not in window or high > window[name][0]:
            window[name] = (round(high, 1), round(before, 1))
        return out

    return watched


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="articles to ingest")
    parser.add_argument("--every", type=int, default=1_000, help="articles a window")
    args = parser.parse_args()
    map_large_blocks()  # first, as `standoff ingest` does
    from standoff.read import Reader
    from standoff.track.backends import InProcess
    from standoff.track.ingest import ingest
    from standoff.track.store import Store

    window: Window = {}
    Store._recycle = _watch("recycle", Store._recycle, window)  # type: ignore[method-assign]
    Store._add = _watch("add", Store._add, window)  # type: ignore[method-assign]
    read = _watch("read", Reader().read, window)
    count = 0
    highest = 0.0  # over the whole run: resetting VmHWM restarts ru_maxrss too
    started = time.perf_counter()

    def progress(step: int) -> None:
        nonlocal count, highest
        count += step
        highest = max([highest, *(v[0] for v in window.values())])
        if count % args.every == 0:
            phases = ", ".join(f"{k} {v[0]} (from {v[1]})" for k, v in sorted(window.items()))
            seconds = time.perf_counter() - started
            print(f"{count:7d} {_status('VmRSS'):6.1f} MB | {phases} | {seconds:.0f} s", flush=True)
            window.clear()

    with tempfile.TemporaryDirectory(prefix="probe-ingest-") as tmp:
        feed = generate(args.size, Path(tmp))
        with Store(Path(tmp) / "probe.duckdb") as store:
            summary = ingest([feed], store, InProcess(read=read), progress, refresh=False)
    since_reset = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak = max([highest, since_reset, *(v[0] for v in window.values())])
    print(f"peak {peak:.1f} MB; {summary.line()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
