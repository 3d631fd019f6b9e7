"""Export a Standoff (and its Forecast): JSON with PLOVER records, or CSV and Parquet tables.

JSON is one document: events as PLOVER records (the data fields of the PLOVER manual,
chapter 6, Table 6.1: ``id``, ``date``, ``actor`` and ``recipient`` as entity lists
with ``code`` and ``sector``, ``event``, ``mode``, ``context``, ``quad_code``,
``event_scale``, ``event_text``, ``text``; plus ``article``, ``source`` and
``published`` so every record traces to its article), the ledgers with their
histories, the daily scores and the forecast.

CSV and Parquet are one file per table in a folder: the tables of
:mod:`standoff.show.tables` (``events``, ``threats``, ``proposals``, ``history``,
``scores``, ``actors``, ``claims``, ``articles``, ``warnings``) and, when a forecast
is given, ``forecast`` (one row per threat and outcome), ``forecast_inputs``,
``forecast_issues``, ``forecast_exposure`` and ``forecast_skipped``. Parquet keeps
the column types (dates as ``date32``, lists as ``list<string>``). CSV writes dates as
``YYYY-MM-DD``,
booleans as ``true``/``false``, a missing value as an empty cell and a list as a JSON
array (``["IND","CHN"]``, ``[]`` when empty), so a value holding a comma or a
semicolon survives the round trip. Everything is written to a temporary sibling and
moved into place (:mod:`standoff.files`), with ordinary permissions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from standoff.files import atomic_dir, check_output, write_text
from standoff.model import Event, Forecast, Standoff
from standoff.show.tables import (
    FORECAST_SCHEMAS,
    STANDOFF_SCHEMAS,
    event_row,
    forecast_tables,
    list_columns,
    standoff_tables,
)
from standoff.track.scores import score_table

FORMATS = ("json", "csv", "parquet")
# The forecast's tables as files: its outcomes are "the forecast table".
FORECAST_FILES = {
    name: "forecast" if name == "outcomes" else f"forecast_{name}" for name in FORECAST_SCHEMAS
}
TABLES = (*STANDOFF_SCHEMAS, *FORECAST_FILES.values())


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _entity(row: dict[str, Any], prefix: str) -> list[dict[str, str]]:
    if row[prefix] is None:
        return []
    sector = row[f"{prefix}_sector"]
    return [{"code": row[f"{prefix}_country"], **({"sector": sector} if sector else {})}]


def plover_event(event: Event, index: int) -> dict[str, Any]:
    """One event as a PLOVER JSON record (nested ``actor``/``recipient`` entity lists)."""
    row = event_row(event, index)
    return {
        "id": row["id"],
        "date": _iso(row["date"]),
        "actor": _entity(row, "actor"),
        "recipient": _entity(row, "recipient"),
        "event": [row["event"]],
        "mode": [row["mode"]] if row["mode"] else [],
        "context": row["context"],
        "quad_code": row["quad_code"],
        "event_scale": row["event_scale"],
        "event_text": [row["event_text"]] if row["event_text"] else [],
        "text": row["text"],
        "article": row["article"],
        "source": row["source"],
        "published": _iso(row["published"]),
    }


def tables(standoff: Standoff, forecast: Forecast | None = None) -> dict[str, pa.Table]:
    """Every table of the export by file name (the forecast's only when one is given)."""
    out = standoff_tables(standoff)
    if forecast is not None:
        out.update({FORECAST_FILES[k]: v for k, v in forecast_tables(forecast).items()})
    return out


def as_json(standoff: Standoff, forecast: Forecast | None = None) -> str:
    """The whole export as one JSON document (nested PLOVER event records, full ledgers)."""
    scores = standoff_tables(standoff)["scores"].to_pylist()
    document = {
        "as_of": _iso(standoff.as_of),
        "plover_scores": score_table()["citation"],
        "events": [plover_event(e, i) for i, e in enumerate(standoff.events)],
        "threats": [t.model_dump(mode="json") for t in standoff.threats],
        "proposals": [p.model_dump(mode="json") for p in standoff.proposals],
        "scores": [{**row, "date": _iso(row["date"])} for row in scores],
        "forecast": forecast.model_dump(mode="json") if forecast is not None else None,
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def csv_ready(table: pa.Table) -> pa.Table:
    """``table`` with each list column as JSON array text, the CSV export's encoding."""
    for name in list_columns(table.schema):
        index = table.schema.get_field_index(name)
        encoded = pa.array(
            [
                json.dumps(v if v is not None else [], ensure_ascii=False)
                for v in table.column(name).to_pylist()
            ],
            type=pa.string(),
        )
        table = table.set_column(index, table.schema.field(index).with_type(pa.string()), encoded)
    return table


def _write_csv(table: pa.Table, path: Path) -> None:
    pa_csv.write_csv(csv_ready(table), path)


def _write_parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path)


_WRITERS: dict[str, tuple[str, Callable[[pa.Table, Path], None]]] = {
    "csv": (".csv", _write_csv),
    "parquet": (".parquet", _write_parquet),
}


def _earlier_export(suffix: str) -> Callable[[Path], bool]:
    """Whether an existing ``--out`` is an earlier export of this format, which alone
    may be replaced: a folder of our tables, or a JSON document that starts as ours."""

    def ours(out: Path) -> bool:
        if suffix == ".json":
            if not out.is_file() or out.is_symlink():
                return False
            with out.open("rb") as handle:
                head = handle.read(_JSON_HEAD)
            return head.startswith(b'{\n  "as_of": ') and b'"plover_scores":' in head
        names = {f"{name}{suffix}" for name in TABLES}
        return out.is_dir() and not out.is_symlink() and all(p.name in names for p in out.iterdir())

    return ours


_JSON_HEAD = 512  # enough for as_json's first two keys


def _policy(fmt: str, out: Path) -> dict[str, Any]:
    """What may be replaced at ``out`` and how errors name it, for :mod:`standoff.files`."""
    suffix = ".json" if fmt == "json" else _WRITERS[fmt][0]
    refusal = f"exists and is not an earlier {fmt} export"
    return {"replace": _earlier_export(suffix), "refusal": refusal, "label": f"--out {out}"}


def check_target(fmt: str, out: Path) -> None:
    """Refuse, before the store is read, an ``--out`` that the export could not write."""
    check_output(out, make_parents=True, folder_output=fmt != "json", **_policy(fmt, out))


def export(standoff: Standoff, fmt: str, out: Path, forecast: Forecast | None = None) -> list[Path]:
    """Write the export to ``out`` (a file for json, a folder for csv and parquet).

    Returns the files written. Everything is written to a temporary sibling and
    moved into place at the end (:mod:`standoff.files`); an existing ``out`` is
    replaced only when it is an earlier export of the same format.
    """
    policy = _policy(fmt, out)
    if fmt == "json":
        write_text(out, as_json(standoff, forecast) + "\n", make_parents=True, **policy)
        return [out]
    suffix, write = _WRITERS[fmt]
    with atomic_dir(out, **policy) as tmp:
        for name, table in tables(standoff, forecast).items():
            write(table, tmp / f"{name}{suffix}")
    return sorted(out.iterdir())


__all__ = [
    "FORMATS",
    "TABLES",
    "as_json",
    "check_target",
    "csv_ready",
    "export",
    "plover_event",
    "tables",
]
