"""The Python API: read, track and forecast from a notebook or a script.

    import standoff
    r = standoff.read("article.txt", date="2025-08-06")   # or text="..."
    s = standoff.track(["folder/"], as_of="2025-08-07")   # or standoff.open_store("s.duckdb")
    f = standoff.forecast(s, draws=1000, seed=0)
    s.events.to_pandas(); s.threats.to_pandas(); f.to_pandas()

Each call goes through the same code as the command line (``standoff read``,
``standoff brief PATH``, ``standoff brief --store``, the brief's forecast), so a
script and the terminal see the same standoff. The results wrap the pydantic models
(``r.reading``, ``s.standoff``, ``f.forecast``) and hand out their tables
(:mod:`standoff.show.tables`) as :class:`Table`: ``to_arrow()`` needs only pyarrow,
``to_pandas()`` needs the ``pandas`` extra (``pip install 'standoff[pandas]'``).
Bad input (a missing file, a bad date) raises :class:`standoff.errors.UserError`
with the same one-line message the command line prints. See docs/api.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from standoff.errors import UserError
from standoff.grammar import count
from standoff.model import Forecast, Reading, Standoff
from standoff.show.tables import (
    FORECAST_SCHEMAS,
    READING_SCHEMAS,
    STANDOFF_SCHEMAS,
    forecast_tables,
    list_columns,
    reading_tables,
    standoff_tables,
)

if TYPE_CHECKING:
    import pandas as pd


PathLike = str | os.PathLike[str]
DateLike = date | str | None

PANDAS_HINT = "to_pandas() needs pandas: pip install 'standoff[pandas]' (to_arrow() does not)"


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Table:
    """One table of a reading, a standoff or a forecast.

    Arrow underneath (:meth:`to_arrow`); :meth:`to_pandas` gives a DataFrame with
    dates as ``datetime64[ns]`` (a day, no time), integers as nullable ``Int32``/``Int64``
    and list columns as Python lists; :meth:`to_pylist` gives one dict per row. The
    columns are documented in ``docs/tables.md``.
    """

    name: str
    arrow: pa.Table

    def __len__(self) -> int:
        return self.arrow.num_rows

    def __repr__(self) -> str:
        size = f"{count(len(self), 'row')}, {count(self.arrow.num_columns, 'column')}"
        return f"<Table {self.name}: {size}>"

    @property
    def columns(self) -> list[str]:
        return list(self.arrow.column_names)

    def to_arrow(self) -> pa.Table:
        """The table as a ``pyarrow.Table`` (dates ``date32``, lists ``list<...>``)."""
        return self.arrow

    def to_pylist(self) -> list[dict[str, Any]]:
        """One dict per row (dates as ``datetime.date``, lists as lists)."""
        rows: list[dict[str, Any]] = self.arrow.to_pylist()
        return rows

    def to_pandas(self) -> pd.DataFrame:
        """The table as a ``pandas.DataFrame`` with typed columns (needs the pandas extra)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError(PANDAS_HINT) from None
        integers = {
            pa.int8(): pd.Int8Dtype(),
            pa.int32(): pd.Int32Dtype(),
            pa.int64(): pd.Int64Dtype(),
            pa.bool_(): pd.BooleanDtype(),
        }
        frame = self.arrow.to_pandas(
            date_as_object=False,  # datetime64, so .dt, comparisons and resampling work
            coerce_temporal_nanoseconds=True,
            types_mapper=integers.get,
        )
        for name in list_columns(self.arrow.schema):
            # Arrow hands lists over as numpy arrays; users expect lists.
            frame[name] = pd.Series(
                [list(v) if v is not None else [] for v in frame[name]],
                index=frame.index,
                dtype=object,
            )
        return frame


def _tables(made: dict[str, pa.Table]) -> dict[str, Table]:
    return {name: Table(name, table) for name, table in made.items()}


class _Named:
    """A result's table by attribute: ``events = _Named()`` reads ``self.tables["events"]``."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, result: Any, owner: type | None = None) -> Table:
        table: Table = result.tables[self.name]
        return table


class ReadingTables:
    """One article's Reading (``.reading``) and its tables: ``events``, ``threats``,
    ``proposals``, ``claims``, ``actors``, ``warnings``."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading

    def __repr__(self) -> str:
        a = self.reading.article
        return (
            f"<Reading {a.id} ({a.published or 'undated'}, {a.source or 'unknown source'}): "
            f"{count(len(self.reading.events), 'event')}, "
            f"{count(len(self.reading.threats), 'threat')}>"
        )

    @cached_property
    def tables(self) -> dict[str, Table]:
        """Every table by name (in the order of ``standoff.show.tables.READING_SCHEMAS``)."""
        return _tables(reading_tables(self.reading))

    events = _Named()
    threats = _Named()
    proposals = _Named()
    claims = _Named()
    actors = _Named()
    warnings = _Named()


class StandoffTables:
    """A Standoff (``.standoff``) and its tables: ``events``, ``threats``, ``proposals``,
    ``history`` (the ledgers' dated changes), ``scores``, ``actors``, ``claims``,
    ``articles``, ``warnings``."""

    def __init__(self, standoff: Standoff) -> None:
        self.standoff = standoff

    def __repr__(self) -> str:
        s = self.standoff
        return (
            f"<Standoff as of {s.as_of or 'now'}: {count(len(s.articles), 'article')}, "
            f"{count(len(s.events), 'event')}, {count(len(s.threats), 'threat')}, "
            f"{count(len(s.proposals), 'proposal')}>"
        )

    @property
    def as_of(self) -> date | None:
        return self.standoff.as_of

    @cached_property
    def tables(self) -> dict[str, Table]:
        """Every table by name (in the order of ``standoff.show.tables.STANDOFF_SCHEMAS``)."""
        return _tables(standoff_tables(self.standoff))

    events = _Named()
    threats = _Named()
    proposals = _Named()
    history = _Named()
    scores = _Named()
    actors = _Named()
    claims = _Named()
    articles = _Named()
    warnings = _Named()


class ForecastTables:
    """A Forecast (``.forecast``) and its tables: ``outcomes`` (one row per threat and
    outcome, also what :meth:`to_pandas` and :meth:`to_arrow` give), ``horizons``
    (P(imposed) by the deadline, within a year, at any time), ``inputs`` (the
    features as coded, with why), ``issues`` (bargaining positions), ``exposure``,
    ``skipped`` (threats with no probability, and why)."""

    def __init__(self, forecast: Forecast) -> None:
        self.forecast = forecast

    def __repr__(self) -> str:
        f = self.forecast
        return (
            f"<Forecast as of {f.as_of or 'now'}: {count(len(f.threats), 'threat')}, "
            f"{count(len(f.issues), 'issue position')}, draws={f.draws}, seed={f.seed}>"
        )

    @cached_property
    def tables(self) -> dict[str, Table]:
        """Every table by name (in the order of ``standoff.show.tables.FORECAST_SCHEMAS``)."""
        return _tables(forecast_tables(self.forecast))

    outcomes = _Named()
    horizons = _Named()
    inputs = _Named()
    issues = _Named()
    exposure = _Named()
    skipped = _Named()

    def to_arrow(self) -> pa.Table:
        """The outcome probabilities as a ``pyarrow.Table``."""
        return self.outcomes.to_arrow()

    def to_pandas(self) -> pd.DataFrame:
        """The outcome probabilities as a ``pandas.DataFrame`` (needs the pandas extra)."""
        return self.outcomes.to_pandas()


# --------------------------------------------------------------------------- functions


def _day(value: DateLike, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    from standoff.read.inputs import parse_date_option

    return parse_date_option(str(value), f"{name}=")


def _actors(actors: PathLike | None) -> str | None:
    return os.fspath(actors) if actors is not None else None


def read(
    path: PathLike | None = None,
    *,
    text: str | None = None,
    date: DateLike = None,
    actors: PathLike | None = None,
) -> ReadingTables:
    """Read one article: a file (text, HTML, or JSON Lines with one record) or ``text``.

    ``date`` (``YYYY-MM-DD`` or a ``datetime.date``) is the publication date, as
    ``standoff read --date``; ``actors`` a YAML file of extra actors. Raises UserError
    for a missing, empty, binary or oversized file, a file of several articles, or a
    malformed date.
    """
    from standoff.read.inputs import load_file, raw_from_text

    if (path is None) == (text is None):
        raise UserError("read: give a path or text=, not both or neither")
    published = _day(date, "date")
    raws = load_file(Path(path)) if path is not None else [raw_from_text(text or "")]
    if len(raws) != 1:
        raise UserError(
            f"{path}: holds {count(len(raws), 'article')}; standoff.track reads them all as one "
            "standoff"
        )
    from standoff.read.reader import shared_reader

    return ReadingTables(shared_reader(_actors(actors)).read(raws[0], published=published))


def _paths(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    if isinstance(paths, str | os.PathLike):
        return [Path(paths)]
    return [Path(p) for p in paths]


def track(
    paths: PathLike | Iterable[PathLike],
    *,
    as_of: DateLike = None,
    actors: PathLike | None = None,
) -> StandoffTables:
    """Read every article under ``paths`` (files or folders) into one standoff as known on
    ``as_of`` (only what was published by then), as ``standoff brief PATH --as-of``."""
    from standoff.read.inputs import iter_paths, load_file
    from standoff.track.merge import build_standoff

    given = _paths(paths)
    day = _day(as_of, "as_of")
    raws = [raw for path in iter_paths(given) for raw in load_file(path)]
    if not raws:
        raise UserError(f"{', '.join(map(str, given))}: no article files found")
    from standoff.read.reader import shared_reader

    reader = shared_reader(_actors(actors))
    return StandoffTables(build_standoff([reader.read(raw) for raw in raws], day))


def open_store(path: PathLike, *, as_of: DateLike = None) -> StandoffTables:
    """The standoff kept in a store (made by ``standoff ingest``) as known on ``as_of``,
    read as ``standoff brief --store`` reads it. The store is opened read-only and closed
    before this returns."""
    from standoff.track.store import Store

    day = _day(as_of, "as_of")
    with Store(Path(path), read_only=True) as store:
        return StandoffTables(store.standoff(day))


def forecast(
    standoff: StandoffTables | Standoff,
    *,
    draws: int = 1000,
    seed: int = 0,
    scenario: PathLike | None = None,
    overrides: dict[str, Any] | None = None,
) -> ForecastTables:
    """Forecast how each pending threat of ``standoff`` ends and where its issues land,
    with Monte Carlo intervals over ``draws`` draws; the same ``seed`` gives the same
    numbers. The scenario is chosen as ``standoff brief`` chooses it (``scenario``: a
    file of your own); ``overrides`` replace coded threat features by name, as
    ``standoff forecast --override``. Threats given no probability are in ``.skipped``
    with the reason."""
    from standoff.cli.brief_commands import run_forecast

    model = standoff.standoff if isinstance(standoff, StandoffTables) else standoff
    path = Path(scenario) if scenario is not None else None
    result, _ = run_forecast(model, draws, seed, path, overrides=overrides)
    if result is None:
        raise UserError("the forecast layer is not available in this installation")
    return ForecastTables(result)


# The tables each result hands out, by name (for docs and tests).
TABLES = {
    "ReadingTables": tuple(READING_SCHEMAS),
    "StandoffTables": tuple(STANDOFF_SCHEMAS),
    "ForecastTables": tuple(FORECAST_SCHEMAS),
}

__all__ = [
    "ForecastTables",
    "ReadingTables",
    "StandoffTables",
    "Table",
    "forecast",
    "open_store",
    "read",
    "track",
]
