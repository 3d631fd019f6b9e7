"""The web app's hold on one store: a lock, the Readings in memory, and cached standoffs.

Building a standoff replays every story's Reading through the ledgers; on a store of
10,000 articles decoding the Readings alone takes seconds. So the Workspace

- keeps the decoded Readings of every story in memory, fetching only the articles
  added since it last looked (articles are only ever added);
- caches each standoff it builds under (articles stored, decisions stored, as_of):
  :meth:`Store.data_version` changes with every article and every review decision, so a
  cached standoff is never stale, and a page asked again with the same date is answered
  from memory;
- caches, per standoff, what the pages derive from it (daily scores, forecasts, the
  review queue's items).

DuckDB allows one connection per file per process to write, and a connection is not
safe to share between threads: every use of the store goes through :attr:`lock`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from standoff.model import Forecast, Reading, Standoff
from standoff.track.corrections import Correction, corrected_standoff
from standoff.track.merge import Replay
from standoff.track.scores import ScoreRow, daily_scores
from standoff.track.store import Store, unpack

# Standoffs kept in memory (each as_of asked recently is one); on the 10,000-article
# benchmark store one is ~60 MB (see docs/workspace.md).
CACHE_SIZE = 6
# Monte Carlo draws and seed of the forecasts shown: those of `standoff brief`.
DRAWS = 1000
SEED = 0
_FETCH = 512  # Readings fetched per query when catching up with the store

T = TypeVar("T")
Version = tuple[int, int]


@dataclass
class Snapshot:
    """One standoff as of a date, with what the pages derive from it, computed once."""

    version: Version
    as_of: date | None
    standoff: Standoff
    corrections: list[Correction]
    _derived: dict[Any, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def derived(self, key: Any, make: Callable[[], T]) -> T:
        """``make()``, computed once per snapshot and key (two requests racing may both
        compute it; the first result is kept). ``make`` may itself ask for other keys."""
        with self._lock:
            if key in self._derived:
                found: T = self._derived[key]
                return found
        value = make()
        with self._lock:
            kept: T = self._derived.setdefault(key, value)
            return kept

    def scores(self) -> list[ScoreRow]:
        return self.derived("scores", lambda: daily_scores(self.standoff))


class Workspace:
    """A store opened for the web app, with its caches. Use :meth:`snapshot` for pages."""

    def __init__(self, store: Store, draws: int = DRAWS, seed: int = SEED) -> None:
        self.store = store
        self.draws = draws
        self.seed = seed
        self.lock = threading.RLock()
        self._readings: dict[str, Reading] = {}
        self._readings_at = -1  # the articles count the Readings were fetched at
        self._corrections: tuple[int, list[Correction]] = (-1, [])
        self._snapshots: OrderedDict[tuple[Version, date | None], Snapshot] = OrderedDict()
        self.builds = 0  # standoffs built (not answered from the cache), for tests
        self.replay = Replay()  # one build at a time through it (_replay_lock)
        self._replay_lock = threading.Lock()

    @property
    def writable(self) -> bool:
        return not self.store.read_only

    # ----------------------------------------------------------------- data

    def version(self) -> Version:
        with self.lock:
            return self.store.data_version()

    def readings(self) -> list[Reading]:
        """Every story's Reading (its first article), in publication order."""
        with self.lock:
            articles, _ = self.store.data_version()
            if articles != self._readings_at:
                self._catch_up()
                self._readings_at = articles
            return list(self._readings.values())

    def _catch_up(self) -> None:
        con = self.store.con
        ids = [
            str(r[0]) for r in con.execute("SELECT id FROM articles WHERE story_id = id").fetchall()
        ]
        missing = [i for i in ids if i not in self._readings]
        for start in range(0, len(missing), _FETCH):
            chunk = missing[start : start + _FETCH]
            marks = ", ".join("?" * len(chunk))
            for ident, blob in con.execute(
                f"SELECT id, reading FROM articles WHERE id IN ({marks})", chunk
            ).fetchall():
                self._readings[str(ident)] = unpack(blob)
        if missing:
            ordered = sorted(
                self._readings.values(),
                key=lambda r: (
                    r.article.published is None,
                    r.article.published or date.min,
                    r.article.id,
                ),
            )
            self._readings = {r.article.id: r for r in ordered}

    def corrections(self) -> list[Correction]:
        with self.lock:
            _, count = self.store.data_version()
            if count != self._corrections[0]:
                self._corrections = (count, self.store.corrections())
            return list(self._corrections[1])

    def snapshot(self, as_of: date | None = None) -> Snapshot:
        """The (corrected) standoff as known on ``as_of``, from the cache when it can be."""
        with self.lock:
            version = self.store.data_version()
            key = (version, as_of)
            cached = self._snapshots.get(key)
            if cached is not None:
                self._snapshots.move_to_end(key)
                return cached
            readings = self.readings()
            corrections = self.corrections()
        # Built outside the store's lock (other pages may use the store meanwhile), one
        # build at a time through the replay, which resumes from its nearest checkpoint.
        with self._replay_lock:
            standoff = corrected_standoff(readings, corrections, as_of, self.replay)
        snap = Snapshot(version, as_of, standoff, corrections)
        with self.lock:
            self.builds += 1
            self._snapshots[key] = snap
            while len(self._snapshots) > CACHE_SIZE:
                self._snapshots.popitem(last=False)
        return snap

    def add_correction(self, correction: Correction) -> Correction:
        """Store a decision and rewrite the store's ledger tables with the corrected picture."""
        with self.lock:
            stored = self.store.add_correction(correction)
        latest = self.snapshot(None)
        with self.lock:
            if self.store.data_version() == latest.version:
                self.store.refresh_ledgers(latest.standoff)
        return stored

    # ----------------------------------------------------------------- forecasts

    def forecast(
        self, snap: Snapshot, threat_id: str, overrides: dict[str, str] | None = None
    ) -> Forecast | None:
        """The forecast of one threat of ``snap`` (with ``overrides``), computed once."""
        if not any(t.id == threat_id for t in snap.standoff.threats):
            return None
        chosen = tuple(sorted((overrides or {}).items()))

        def run() -> Forecast:
            from standoff.forecast import forecast_standoff

            return forecast_standoff(
                snap.standoff,
                None,
                draws=self.draws,
                seed=self.seed,
                overrides=dict(chosen) or None,
                threat_ids={threat_id},
            )

        return snap.derived(("forecast", threat_id, chosen), run)
