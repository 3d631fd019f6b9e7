"""Web workspace benchmark: how fast the overview, timeline and threats pages answer on a
store of 10,000 generated articles, beside a bare DuckDB query of the same rows.

The store is built once with the real pipeline (``bench_track.generate``'s corpus, read
by the reader in 2 processes and stored by ``standoff.track.ingest``) and kept under
``benchmarks/out/`` for later runs (the build takes ~15 minutes on 2 cores). The server
is the real one (uvicorn on 127.0.0.1, an ephemeral port) and requests go over the
loopback with httpx, one at a time.

Measured in the same run:

- **cold**: the first request of each page for a date, which builds the standoff
  (decoding every story's Reading on the very first) and what the page derives from it;
- **warm**: ``--requests`` requests per page and date after that, answered from the
  workspace's cache (keyed on articles stored, decisions stored and the as-of date);
  p50/p95/max;
- **baseline**: the bare DuckDB query of the rows each page shows (the overview's counts
  and latest ledger changes; the timeline's first 100 events; the threats page's first
  20 ledger entries with their histories), timed the same way on the same store.

Usage::

    .venv/bin/python benchmarks/bench_web.py                       # 10,000 articles
    .venv/bin/python benchmarks/bench_web.py --articles 1000 --requests 20
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))

import httpx  # noqa: E402
import uvicorn  # noqa: E402
from bench_track import generate  # noqa: E402

from standoff.track.store import Store  # noqa: E402

OUT = Path(__file__).parent / "out"
PAGES = {"overview": "/", "timeline": "/timeline", "threats": "/threats"}
BASELINES = {
    "overview": [
        "SELECT count(*) FROM articles",
        "SELECT count(*) FROM events",
        "SELECT count(*), count(*) FILTER (WHERE status IN ('pending', 'modified')) "
        "FROM threat_records",
        "SELECT count(*) FROM proposal_records",
        "SELECT * FROM ledger_history ORDER BY date DESC NULLS LAST LIMIT 40",
    ],
    "timeline": ["SELECT * FROM events ORDER BY date NULLS LAST, type LIMIT 100"],
    "threats": [
        "SELECT * FROM threat_records ORDER BY deadline NULLS LAST, id LIMIT 20",
        "SELECT h.* FROM ledger_history h JOIN (SELECT id FROM threat_records "
        "ORDER BY deadline NULLS LAST, id LIMIT 20) t ON h.record_id = t.id ORDER BY h.seq",
    ],
}


def build_store(articles: int) -> Path:
    """The benchmark store of ``articles`` generated articles, built once and kept."""
    from standoff.track.backends import ProcessPool
    from standoff.track.ingest import ingest

    OUT.mkdir(exist_ok=True)
    path = OUT / f"bench_web-{articles}.duckdb"
    if path.exists():
        with Store(path, read_only=True) as store:
            if store.counts()["articles"] > 0:
                return path
        path.unlink()
    feed_dir = OUT / f"bench_web-{articles}-corpus"
    feed_dir.mkdir(exist_ok=True)
    feed = generate(articles, feed_dir)
    started = time.perf_counter()
    print(f"building the {articles}-article store (once; kept in {path}) ...", flush=True)
    with Store(path) as store:
        summary = ingest([feed], store, ProcessPool(2, path.with_name(path.name + ".parts")))
    print(f"  {summary.line()} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": p95 * 1000,
        "max_ms": ordered[-1] * 1000,
        "n": len(ordered),
    }


def _timed(call: Callable[[], object], times: int) -> list[float]:
    out = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        out.append(time.perf_counter() - started)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30, help="warm requests per page and date")
    args = parser.parse_args()
    path = build_store(args.articles)

    from standoff.web.app import create_app
    from standoff.web.security import Security
    from standoff.web.workspace import Workspace

    results: dict[str, object] = {"articles": args.articles, "requests": args.requests}
    with Store(path, read_only=True) as store:
        counts = store.counts()
        results["store"] = counts
        row = store.con.execute("SELECT max(published) FROM articles").fetchone()
        latest = row[0] if row else None
        dates = [None] if latest is None else [None, latest.replace(day=1)]
        workspace = Workspace(store)
        config = uvicorn.Config(
            create_app(workspace, Security(port=0)), host="127.0.0.1", port=0,
            log_level="warning", access_log=False,
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        rows = []
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:

            def get(url: str) -> None:
                response = client.get(url)
                response.raise_for_status()

            for as_of in dates:
                suffix = f"?as_of={as_of.isoformat()}" if as_of else ""
                for page, url in PAGES.items():
                    cold = _timed(lambda u=url + suffix: get(u), 1)[0]
                    warm = _percentiles(_timed(lambda u=url + suffix: get(u), args.requests))
                    with workspace.lock:
                        base = _percentiles(
                            _timed(
                                lambda p=page: [
                                    store.con.execute(q).fetchall() for q in BASELINES[p]
                                ],
                                args.requests,
                            )
                        )
                    rows.append(
                        {"page": page, "as_of": str(as_of or "latest"), "cold_s": cold,
                         "warm": warm, "baseline": base}
                    )
                    print(
                        f"{page:9s} as of {str(as_of or 'latest'):10s} cold {cold:7.2f} s | "
                        f"warm p50 {warm['p50_ms']:6.1f} p95 {warm['p95_ms']:6.1f} "
                        f"max {warm['max_ms']:6.1f} ms | bare DuckDB p50 "
                        f"{base['p50_ms']:5.1f} p95 {base['p95_ms']:5.1f} ms",
                        flush=True,
                    )
        server.should_exit = True
        thread.join(timeout=10)
    results["pages"] = rows
    import resource

    results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"store: {counts}; peak memory of this process {results['peak_mb']:.0f} MB")
    (OUT / "bench_web.json").write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
