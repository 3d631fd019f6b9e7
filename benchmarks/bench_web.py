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
  20 ledger entries with their histories), timed the same way on the same store;
- **rebuilds** (on a writable copy of the store): how long the analyst waits for a new
  picture after the first build: another as-of date, a correction posted from the
  review queue (the top item, and an item of an article from the middle of the
  sequence), a forecast override; each beside the plain rebuild (the whole fold from
  the first article, as every change cost before :class:`~standoff.track.merge.Replay`)
  timed in the same run.

Usage::

    .venv/bin/python benchmarks/bench_web.py                       # 10,000 articles
    .venv/bin/python benchmarks/bench_web.py --articles 1000 --requests 20
    .venv/bin/python benchmarks/bench_web.py --parts rebuilds      # the rebuilds only
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))

import httpx  # noqa: E402
import uvicorn  # noqa: E402
from bench_track import generate  # noqa: E402

from standoff.track.corrections import corrected_standoff  # noqa: E402
from standoff.track.store import Store  # noqa: E402
from standoff.web.app import create_app  # noqa: E402
from standoff.web.security import Security  # noqa: E402
from standoff.web.workspace import Workspace  # noqa: E402

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


@contextmanager
def _served(workspace: Workspace) -> Iterator[tuple[httpx.Client, Security]]:
    """The real app on ``workspace``, served by uvicorn on an ephemeral loopback port."""
    security = Security(port=0)
    config = uvicorn.Config(
        create_app(workspace, security), host="127.0.0.1", port=0,
        log_level="warning", access_log=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=900) as client:
            yield client, security
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _get(client: httpx.Client, url: str) -> str:
    response = client.get(url)
    response.raise_for_status()
    return response.text


def _pages(store: Store, workspace: Workspace, dates: list[date | None], requests: int) -> list:
    """Cold and warm page times per date, beside the bare DuckDB queries of their rows."""
    rows = []
    with _served(workspace) as (client, _):
        for as_of in dates:
            suffix = f"?as_of={as_of.isoformat()}" if as_of else ""
            for page, url in PAGES.items():
                cold = _timed(lambda u=url + suffix: _get(client, u), 1)[0]
                warm = _percentiles(_timed(lambda u=url + suffix: _get(client, u), requests))
                with workspace.lock:
                    base = _percentiles(
                        _timed(
                            lambda p=page: [store.con.execute(q).fetchall() for q in BASELINES[p]],
                            requests,
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
    return rows


def _once(call: Callable[[], object]) -> float:
    return _timed(call, 1)[0]


def _reject_first(client: httpx.Client, security: Security, page: str) -> float:
    """Reject the first item whose review card ``page`` shows; the seconds the POST took
    (it stores the decision, rebuilds the standoff and rewrites the ledger tables)."""
    action = re.search(r'action="(/review/[0-9a-f]{16}/[0-9a-f]{16})"', _get(client, page))
    if action is None:
        raise SystemExit(f"no review card on {page}")
    form = {"csrf_token": security.csrf, "decision": "reject", "why": "benchmark"}
    started = time.perf_counter()
    response = client.post(action.group(1), data=form)
    elapsed = time.perf_counter() - started
    if response.status_code != 303:  # the app answers a decision with a redirect
        raise SystemExit(f"the decision was refused: {response.status_code} {response.text[:200]}")
    return elapsed


def rebuilds(path: Path, as_of: date | None) -> dict[str, object]:
    """How long an analyst waits for a new picture (a first build, another date, a
    correction, a forecast override), beside the plain rebuild every change cost before
    the Replay (:func:`corrected_standoff` with no replay), in the same run.

    Runs on a copy of the store (corrections are written to it), deleted afterwards.
    """
    copy = path.with_name(path.stem + "-review.duckdb")
    shutil.copyfile(path, copy)
    out: dict[str, object] = {}
    try:
        with Store(copy) as store:
            workspace = Workspace(store)
            out["load_readings_s"] = _once(workspace.readings)
            readings = workspace.readings()

            def plain(day: date | None) -> float:
                return _once(lambda: corrected_standoff(readings, workspace.corrections(), day))

            with _served(workspace) as (client, security):
                out["first_build_s"] = _once(lambda: _get(client, "/"))
                out["plain_build_s"] = plain(None)
                if as_of is not None:
                    out["as_of_build_s"] = _once(lambda: _get(client, f"/?as_of={as_of}"))
                    out["as_of_replayed"] = workspace.replay.replayed
                    out["plain_as_of_build_s"] = plain(as_of)
                for label, page in (
                    ("top_of_queue", "/review?kind=threat"),
                    ("median_article", "/articles/" + _median_article(readings)),
                ):
                    out[f"correct_{label}_post_s"] = _reject_first(client, security, page)
                    out[f"correct_{label}_replayed"] = workspace.replay.replayed
                    out[f"correct_{label}_overview_s"] = _once(lambda: _get(client, "/"))
                    out[f"plain_after_{label}_s"] = plain(None)
                out.update(_forecast_times(client, as_of))
    finally:
        copy.unlink(missing_ok=True)
    out["articles_replayed_of"] = len(readings)
    for key, value in out.items():
        print(f"  {key:36s} {value:9.2f}" if isinstance(value, float) else f"  {key:36s} {value}")
    return out


def _median_article(readings: list) -> str:
    """The id of the first article with a threat from the middle of the sequence on."""
    middle = readings[len(readings) // 2 :]
    return next(r.article.id for r in middle if r.threats)


def _forecast_times(client: httpx.Client, as_of: date | None) -> dict[str, object]:
    """The forecast page of the main threat as of ``as_of`` (one with a forecast), then
    with one input overridden: the override re-runs the Monte Carlo forecast live."""
    from standoff.forecast.coercion_spec import FEATURES

    name, levels = next(iter(FEATURES.items()))
    page = f"/forecast?as_of={as_of}" if as_of else "/forecast"
    override = f"{page}{'&' if as_of else '?'}o_{name}={levels[0]}"
    out: dict[str, object] = {"forecast_first_s": _once(lambda: _get(client, page))}
    out["forecast_override_s"] = _once(lambda: _get(client, override))
    out["forecast_override_again_s"] = _once(lambda: _get(client, override))
    out["forecast_shown"] = "outcome-chart" in _get(client, override)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30, help="warm requests per page and date")
    parser.add_argument(
        "--parts", choices=["all", "pages", "rebuilds"], default="all", help="what to measure"
    )
    args = parser.parse_args()
    path = build_store(args.articles)

    results: dict[str, object] = {"articles": args.articles, "requests": args.requests}
    with Store(path, read_only=True) as store:
        counts = store.counts()
        results["store"] = counts
        latest = store.con.execute("SELECT max(published) FROM articles").fetchall()[0][0]
        dates = [None] if latest is None else [None, latest.replace(day=1)]
        if args.parts in {"all", "pages"}:
            results["pages"] = _pages(store, Workspace(store), dates, args.requests)
    if args.parts in {"all", "rebuilds"}:
        print("rebuilds (a writable copy of the store):", flush=True)
        results["rebuilds"] = rebuilds(path, dates[-1])
    import resource

    results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"store: {counts}; peak memory of this process {results['peak_mb']:.0f} MB")
    (OUT / "bench_web.json").write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
