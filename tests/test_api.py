"""The Python API: standoff.read / track / open_store / forecast and their typed tables."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import standoff
from standoff.errors import UserError
from standoff.model import Reading
from standoff.track.store import Store
from test_track_factories import ultimatum_store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "src" / "standoff" / "data" / "examples"
WIRE = EXAMPLES / "2025-07-14-wire-fifty-day-ultimatum.txt"
HTML = EXAMPLES / "2025-08-06-html-witkoff-kremlin-india-tariff.html"

# Written for this test in the shape of a wire report; not taken from any outlet.
TEXT = (
    "WASHINGTON, Aug 6 (Test Wire) - The White House said on Wednesday that it would "
    "impose secondary tariffs on India unless New Delhi stops buying Russian oil by "
    "August 27.\n\n"
    "India's foreign ministry rejected the demand and called the threat unjustified."
)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ultimatum_store(tmp_path_factory.mktemp("api") / "s.duckdb")


def _is_list_column(frame: pd.DataFrame, name: str) -> bool:
    return all(isinstance(v, list) for v in frame[name])


# --------------------------------------------------------------------------- read


def test_read_text_gives_typed_dataframes() -> None:
    r = standoff.read(text=TEXT, date="2025-08-06")
    assert isinstance(r, standoff.ReadingTables) and isinstance(r.reading, Reading)
    assert r.reading.article.published == datetime.date(2025, 8, 6)
    events = r.events.to_pandas()
    assert len(events) == len(r.reading.events) > 0
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert pd.api.types.is_datetime64_any_dtype(events["published"])
    assert _is_list_column(events, "context")
    # Codes beside their two parts, by the project's one rule.
    for row in events.itertuples():
        assert row.actor.startswith(row.actor_country)
        rest = row.actor[len(row.actor_country) :]
        assert (row.actor_sector if isinstance(row.actor_sector, str) else "") == rest
    threats = r.threats.to_pandas()
    assert len(threats) == len(r.reading.threats)
    for name in ("third_parties", "measures", "sentences"):
        assert _is_list_column(threats, name)


def test_read_a_file_and_refuse_bad_input(tmp_path: Path) -> None:
    r = standoff.read(WIRE, date=datetime.date(2025, 7, 14))
    assert r.reading.article.published == datetime.date(2025, 7, 14)
    assert r.reading.threats  # the fifty-day ultimatum
    with pytest.raises(UserError, match="no such file"):
        standoff.read(tmp_path / "missing.txt")
    with pytest.raises(UserError, match="not both"):
        standoff.read(WIRE, text=TEXT)
    with pytest.raises(UserError, match="date="):
        standoff.read(text=TEXT, date="6 August")
    feed = tmp_path / "two.jsonl"
    feed.write_text('{"text": "One."}\n{"text": "Two."}\n')
    with pytest.raises(UserError, match="2 articles"):
        standoff.read(feed)


def test_read_raw_takes_a_plain_string() -> None:
    from standoff.read import read_raw

    reading = read_raw(TEXT, datetime.date(2025, 8, 6))
    assert "secondary tariffs" in reading.article.text
    assert reading.events


# --------------------------------------------------------------------------- track


def test_track_files_then_forecast(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for source in (WIRE, HTML):
        shutil.copy(source, folder / source.name)
    s = standoff.track([folder], as_of="2025-08-07")
    assert s.as_of == datetime.date(2025, 8, 7) and len(s.standoff.articles) == 2
    threats = s.threats.to_pandas()
    assert len(threats) == len(s.standoff.threats) > 0
    assert pd.api.types.is_datetime64_any_dtype(threats["deadline"])
    assert _is_list_column(threats, "measures") and _is_list_column(threats, "third_parties")
    assert list(threats["sender_country"]) == [
        standoff.track.keys.country(t.sender) for t in s.standoff.threats
    ]
    # The same standoff as the command line builds from the same files.
    from standoff.cli.brief_commands import standoff_from_paths

    assert s.standoff == standoff_from_paths([folder], datetime.date(2025, 8, 7))

    f = standoff.forecast(s, draws=50, seed=3)
    outcomes = f.to_pandas()
    assert len(outcomes) == sum(len(t.outcomes) for t in f.forecast.threats) > 0
    assert pd.api.types.is_datetime64_any_dtype(outcomes["as_of"])
    sums = outcomes.groupby("threat_id")["probability"].sum()
    assert all(abs(total - 1) < 1e-6 for total in sums)
    assert (outcomes["low"] <= outcomes["probability"]).all()
    assert (outcomes["probability"] <= outcomes["high"]).all()
    again = standoff.forecast(s.standoff, draws=50, seed=3)  # a bare Standoff works too
    assert again.forecast == f.forecast
    assert f.to_arrow().equals(f.outcomes.to_arrow())
    assert len(f.inputs) == sum(len(t.features) for t in f.forecast.threats)


# --------------------------------------------------------------------------- store


def test_open_store_is_the_standoff_the_cli_sees(store_path: Path) -> None:
    day = datetime.date(2025, 8, 1)
    s = standoff.open_store(store_path, as_of="2025-08-01")
    with Store(store_path, read_only=True) as store:
        assert s.standoff == store.standoff(day)
    from standoff.cli.brief_commands import standoff_from_store

    assert s.standoff == standoff_from_store(store_path, day)
    with pytest.raises(UserError, match="no such store"):
        standoff.open_store(store_path.with_name("nothing.duckdb"))


def test_open_store_follows_the_analysts_corrections(tmp_path: Path) -> None:
    """A rejected event leaves the API's events table, as it leaves every command's."""
    from standoff.track.corrections import Correction, Decision, item_key

    path = ultimatum_store(tmp_path / "s.duckdb")
    before = standoff.open_store(path)
    event = before.standoff.events[0]
    with Store(path) as store:
        article = next(r for r in store.readings() if event in r.events)
        key = item_key(event, article.article.id)
        store.add_correction(
            Correction(key=key, decision=Decision.REJECT, why="no such event",
                       at=datetime.datetime(2025, 9, 1))
        )
    after = standoff.open_store(path)
    assert len(after.events) == len(before.events) - 1
    assert event not in after.standoff.events


def test_tables_have_typed_columns(store_path: Path) -> None:
    s = standoff.open_store(store_path)
    threats = s.threats.to_arrow()
    assert threats.schema.field("deadline").type == pa.date32()
    assert threats.schema.field("measures").type == pa.list_(pa.string())
    history = s.history.to_pandas()
    assert pd.api.types.is_datetime64_any_dtype(history["date"])
    assert str(history["seq"].dtype) == "Int32"
    frame = s.threats.to_pandas()
    first = s.standoff.threats[0]
    row = frame.iloc[0]
    assert row["measures"] == first.measures
    assert row["deadline"].date() == first.deadline.value  # type: ignore[union-attr]
    assert (row["sender"], row["sender_country"]) == (first.sender, first.sender[:3])



def test_every_table_is_an_attribute_of_its_result(store_path: Path) -> None:
    from standoff.api import TABLES, ForecastTables, ReadingTables
    from standoff.model import Forecast
    from test_track_factories import ultimatum_story

    results = {
        "ReadingTables": ReadingTables(ultimatum_story()[0]),
        "StandoffTables": standoff.open_store(store_path),
        "ForecastTables": ForecastTables(Forecast()),
    }
    for kind, result in results.items():
        assert list(result.tables) == list(TABLES[kind])
        for name in TABLES[kind]:
            table = getattr(result, name)
            assert table is result.tables[name] and table.name == name
            assert table.columns == table.to_arrow().column_names
            assert len(table.to_pylist()) == len(table) == len(table.to_pandas())


def test_arrow_works_without_pandas(store_path: Path, tmp_path: Path) -> None:
    # A "pandas" that cannot be imported, first on the path: as if it were not installed.
    (tmp_path / "pandas").mkdir()
    (tmp_path / "pandas" / "__init__.py").write_text("raise ImportError('no pandas here')\n")
    script = (
        "import standoff\n"
        f"s = standoff.open_store({str(store_path)!r})\n"
        "t = s.events.to_arrow()\n"
        "print(t.num_rows, t.schema.field('date').type)\n"
        "try:\n"
        "    s.events.to_pandas()\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert first.endswith("date32[day]") and int(first.split()[0]) > 0
    assert "pip install 'standoff[pandas]'" in second


# --------------------------------------------------------------------------- the packages


def test_layer_packages_stay_packages_and_are_callable() -> None:
    import standoff.track.store as store_module
    from standoff.read import Reader

    assert standoff.read.Reader is Reader  # the package, as before
    assert standoff.track.store is store_module
    assert callable(standoff.read) and callable(standoff.track) and callable(standoff.forecast)
    # In a fresh interpreter, before any layer was imported, too.
    script = (
        "import standoff, datetime\n"
        "print(type(standoff.track).__name__, standoff.forecast.__name__)\n"
        "from standoff.track import build_standoff\n"
        "print(callable(standoff.track))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["CallablePackage", "standoff.forecast", "True"]


def test_patching_a_layer_by_name_still_works(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("standoff.read.inputs.MAX_BYTES", 10)
    from standoff.read import inputs

    assert inputs.MAX_BYTES == 10
