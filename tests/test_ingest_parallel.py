"""Scale-out: reading in a process pool and on a Dask LocalCluster; Parquet partitions.

Workers run the real reader (they cannot be handed a stand-in across processes),
so these tests compare against the real reader in-process rather than fixed numbers.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from standoff.track.backends import DaskCluster, InProcess, ProcessPool
from standoff.track.ingest import ingest
from standoff.track.store import Store
from test_track_factories import write_jsonl


def _ids(path: Path) -> set[str]:
    with Store(path, read_only=True) as store:
        return {str(r[0]) for r in store.con.execute("SELECT id FROM articles").fetchall()}


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("feed") / "feed.jsonl", range(20))


@pytest.fixture(scope="module")
def serial_ids(feed: Path, tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    path = tmp_path_factory.mktemp("serial") / "s.duckdb"
    with Store(path) as store:
        assert ingest([feed], store, InProcess()).stored == 20
    return _ids(path)


def test_process_pool_stores_what_the_serial_reader_stores_and_reuses_partitions(
    feed: Path, serial_ids: set[str], tmp_path: Path
) -> None:
    path = tmp_path / "p.duckdb"
    parts = tmp_path / "p.duckdb.parts"
    with Store(path) as store:
        summary = ingest([feed], store, ProcessPool(2, parts, chunk=5))
    assert (summary.read, summary.stored) == (20, 20)
    assert _ids(path) == serial_ids
    # The partitions are plain Parquet that DuckDB queries directly.
    con = duckdb.connect()
    query = f"SELECT count(*), count(reading) FROM read_parquet('{parts}/*.parquet')"
    assert con.execute(query).fetchone() == (20, 20)
    # Partitions left by an earlier (say, stopped) run are reused, not read again:
    # a fresh store over them gets everything, and no partition is rewritten.
    stamps = {p: p.stat().st_mtime_ns for p in parts.glob("*.parquet")}
    with Store(tmp_path / "second.duckdb") as store:
        assert ingest([feed], store, ProcessPool(2, parts, chunk=5)).stored == 20
    assert {p: p.stat().st_mtime_ns for p in parts.glob("*.parquet")} == stamps


def test_dask_local_cluster_stores_what_the_serial_reader_stores(
    feed: Path, serial_ids: set[str], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        path = tmp_path / "d.duckdb"
        with Store(path) as store:
            summary = ingest(
                [feed], store, DaskCluster(cluster.scheduler_address, tmp_path / "parts", chunk=8)
            )
    assert summary.stored == 20
    assert _ids(path) == serial_ids
    assert len(list((tmp_path / "parts").glob("*.parquet"))) == 3  # 20 articles, 8 a chunk


def test_an_unreachable_scheduler_is_a_clear_error(feed: Path, tmp_path: Path) -> None:
    from standoff.errors import UserError

    with Store(tmp_path / "s.duckdb") as store, pytest.raises(UserError, match="--scheduler"):
        ingest([feed], store, DaskCluster("tcp://127.0.0.1:9", tmp_path / "parts", timeout="1s"))
