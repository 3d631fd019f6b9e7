"""CSV and Parquet exports: typed dates, list columns, country and sector apart, a forecast
table, ordinary permissions; the same tables the Python API hands out."""

from __future__ import annotations

import csv
import json
import os
import stat
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import standoff
from standoff.show.export import TABLES, export
from standoff.show.tables import STANDOFF_SCHEMAS, list_columns
from standoff.track import build_standoff
from test_ingest import run_cli
from test_track_factories import ultimatum_store

PENDING = "2025-08-01"  # the ultimatum still pending: the forecast gives it probabilities


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ultimatum_store(tmp_path_factory.mktemp("export") / "s.duckdb")


@pytest.fixture(scope="module")
def exported(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The csv and parquet exports of the store, made by the command line."""
    out = tmp_path_factory.mktemp("out")
    for fmt in ("csv", "parquet"):
        args = ["export", "--store", str(store_path), "--format", fmt]
        assert run_cli([*args, "--out", str(out / fmt), "--draws", "100"]) == 0
    return out


def test_parquet_keeps_dates_lists_and_country_sector_apart(exported: Path) -> None:
    threats = pq.read_table(exported / "parquet" / "threats.parquet")
    assert threats.schema.field("deadline").type == pa.date32()
    assert threats.schema.field("measures").type == pa.list_(pa.string())
    assert threats.schema.field("third_parties").type == pa.list_(pa.string())
    events = pq.read_table(exported / "parquet" / "events.parquet").to_pylist()
    assert events and all(isinstance(e["date"], date) for e in events)
    codes = {(e["actor"], e["actor_country"], e["actor_sector"]) for e in events}
    assert ("RUSGOV", "RUS", "GOV") in codes and ("USA", "USA", None) in codes
    # DuckDB (and so any SQL user) reads the types as they are.
    con = duckdb.connect()
    kinds = dict(
        con.execute(
            f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
            f"read_parquet('{exported / 'parquet' / 'threats.parquet'}'))"
        ).fetchall()
    )
    assert kinds["deadline"] == "DATE" and kinds["measures"] == "VARCHAR[]"


def test_the_forecast_is_a_table_of_the_export(
    exported: Path, store_path: Path, tmp_path: Path
) -> None:
    names = {p.stem for p in (exported / "parquet").iterdir()}
    assert names == set(TABLES)
    args = ["export", "--store", str(store_path), "--format", "parquet", "--out", str(tmp_path)]
    assert run_cli([*args, "--as-of", PENDING, "--draws", "100"]) == 0
    forecast = pq.read_table(tmp_path / "forecast.parquet").to_pandas()
    assert len(forecast) > 0
    assert set(forecast["outcome"]) <= {"concede", "settle", "back_down", "imposed", "stalemate"}
    for _, group in forecast.groupby("threat_id"):
        assert abs(group["probability"].sum() - 1) < 1e-6
    assert set(forecast["draws"]) == {100} and set(forecast["seed"]) == {0}
    assert {"sender_country", "sender_sector", "low", "high", "model_card"} <= set(forecast)


def test_csv_has_iso_dates_and_json_lists(exported: Path, store_path: Path) -> None:
    with (exported / "csv" / "threats.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    s = standoff.open_store(store_path)
    assert len(rows) == len(s.standoff.threats) > 0
    for row, threat in zip(rows, s.standoff.threats, strict=True):
        assert json.loads(row["measures"]) == threat.measures
        assert json.loads(row["third_parties"]) == threat.third_parties
        value = threat.deadline.value if threat.deadline else None
        assert row["deadline"] == (value.isoformat() if value else "")


def test_csv_reads_back_into_the_apis_dataframe(exported: Path, store_path: Path) -> None:
    """The documented way to read the CSV (docs/tables.md) gives the API's DataFrame."""
    s = standoff.open_store(store_path)
    for name, schema in STANDOFF_SCHEMAS.items():
        expected = getattr(s, name).to_pandas()
        dates = [f.name for f in schema if f.type == pa.date32()]
        lists = list_columns(schema)
        read = pd.read_csv(
            exported / "csv" / f"{name}.csv", converters={c: json.loads for c in lists}
        )
        for column in dates:
            read[column] = pd.to_datetime(read[column])
        assert list(read.columns) == list(expected.columns), name
        for column in lists:
            assert list(read[column]) == list(expected[column]), (name, column)
        for column in dates:
            pd.testing.assert_series_equal(read[column], expected[column], check_dtype=False)


def test_the_export_is_the_apis_tables(exported: Path, store_path: Path) -> None:
    s = standoff.open_store(store_path)
    for name in STANDOFF_SCHEMAS:
        written = pq.read_table(exported / "parquet" / f"{name}.parquet")
        assert written.equals(getattr(s, name).to_arrow()), name


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_exports_get_ordinary_permissions(store_path: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        for fmt, out in (("json", tmp_path / "new" / "s.json"), ("csv", tmp_path / "csv")):
            args = ["export", "--store", str(store_path), "--format", fmt, "--out", str(out)]
            assert run_cli([*args, "--no-forecast"]) == 0
        assert _mode(tmp_path / "new") == 0o755 and _mode(tmp_path / "new" / "s.json") == 0o644
        assert _mode(tmp_path / "csv") == 0o755
        assert {_mode(p) for p in (tmp_path / "csv").iterdir()} == {0o644}
    finally:
        os.umask(old)
    # --no-forecast leaves the forecast tables out.
    assert not any(p.stem.startswith("forecast") for p in (tmp_path / "csv").iterdir())
    assert json.loads((tmp_path / "new" / "s.json").read_text())["forecast"] is None


def test_json_export_carries_the_forecast(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", "--store", str(store_path), "--draws", "50", "--seed", "4"]
    assert run_cli([*args, "--as-of", PENDING]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["forecast"]["seed"] == 4 and document["forecast"]["threats"]


def test_threats_left_unforecast_are_listed_with_why(
    store_path: Path, tmp_path: Path
) -> None:
    """Later the ultimatum is partly carried out: no probability, and the export says why."""
    args = ["export", "--store", str(store_path), "--format", "csv", "--out", str(tmp_path)]
    assert run_cli([*args, "--draws", "50", "--as-of", "2025-08-20"]) == 0
    skipped = pd.read_csv(tmp_path / "forecast_skipped.csv")
    s = standoff.open_store(store_path, as_of="2025-08-20")
    forecast = standoff.forecast(s, draws=50)
    assert list(skipped["reason"]) == [n.reason for n in forecast.forecast.not_forecast]
    assert len(skipped) > 0 and skipped["reason"].str.len().min() > 0


def test_an_export_of_an_empty_standoff_has_headers(tmp_path: Path) -> None:
    empty = build_standoff([], date(2025, 8, 20))
    export(empty, "csv", tmp_path / "out")
    with (tmp_path / "out" / "threats.csv").open() as handle:
        header = handle.readline()
    columns = [name.strip('"') for name in header.strip().split(",")]
    assert columns == STANDOFF_SCHEMAS["threats"].names
