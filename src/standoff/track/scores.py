"""PLOVER conflict-cooperation scores per actor pair per day.

The scores (in ``standoff/data/event-types.yaml``, :mod:`standoff.event_types`) are
PLOVER's Table 2.2 with its citation. A day's score for a pair is the mean score of the
distinct events from source to target that day (countries compared at country level, so
``USAGOV`` and ``USA`` are one actor); events without a recipient are left out.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from standoff.event_types import event_table
from standoff.model import Event, Standoff
from standoff.track.keys import country
from standoff.track.merge import event_day


class ScoreRow(NamedTuple):
    """One actor pair on one day: mean PLOVER score (-10..10) of ``n_events`` events."""

    date: date
    source: str
    target: str
    score: float
    n_events: int


@lru_cache(maxsize=1)
def score_table() -> dict[str, Any]:
    """The PLOVER score table: ``{"citation", "scale", "categories": {TYPE: {score, quad,
    modes[, printed]}}}``, from the event-type table."""
    table = event_table()
    categories: dict[str, Any] = {}
    for name, t in table.types.items():
        row: dict[str, Any] = {"score": t.score, "quad": t.quad}
        if t.modes:
            row["modes"] = dict(t.modes)
        if t.printed is not None:
            row["printed"] = t.printed
        categories[name] = row
    return {"citation": table.citation, "scale": list(table.scale), "categories": categories}


def event_score(event_type: str, mode: str | None = None) -> float | None:
    """The score of a PLOVER event type (and mode); None for a type PLOVER does not have.

    Modes are matched case-insensitively; an unlisted mode gets the category's score.
    """
    entry = score_table()["categories"].get(event_type.upper())
    if entry is None:
        return None
    modes: dict[str, float] = entry.get("modes", {})
    if mode is not None and mode.lower() in modes:
        return float(modes[mode.lower()])
    return float(entry["score"])


def daily_scores(standoff: Standoff) -> list[ScoreRow]:
    """Mean PLOVER score per (day, source country, target country), by day then pair."""
    cells: dict[tuple[date, str, str], list[float]] = defaultdict(list)
    for event in standoff.events:
        scored = _scored(event)
        if scored is not None:
            cells[scored[0]].append(scored[1])
    return [
        ScoreRow(day, source, target, sum(values) / len(values), len(values))
        for (day, source, target), values in sorted(cells.items())
    ]


def _scored(event: Event) -> tuple[tuple[date, str, str], float] | None:
    if event.target is None:
        return None
    day = event_day(event, event.evidence.published)
    score = event_score(event.type, event.mode)
    if day is None or score is None:
        return None
    return (day, country(event.source), country(event.target)), score
