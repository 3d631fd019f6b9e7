"""When a threat is carried out: P(imposed) by the deadline, within a year, at any time.

The threat-outcome model gives P(imposed) at any time, as TIES counts an imposition
(``coercion.HORIZON``). The timing model (docs/models/threat-timing.md) gives F(d), the
share of TIES impositions made within ``d`` days of the threat's start. A threat the
forecast applies to is still pending: nothing was imposed on its target from its start
(day 0) to the forecast's date (day ``a``). So, with p = P(imposed) and h the horizon
in days from the start,

    P(imposed by day h | nothing by day a) = p * (F(h) - F(a)) / (1 - p * F(a))

for h = the deadline and h = 365 days, and with F(h) = 1 for "at any time". This
matters: TIES dates more than half of its impositions on the threat's own first day
(threat and sanctions announced together), and those are already ruled out for a
threat that is still pending.

At runtime only the shipped step function (``data/coercion/ties-timing.json``) is used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import numpy as np

from standoff.errors import UserError
from standoff.model import Horizon, HorizonProbability, Interval, ThreatForecast, ThreatRecord

TIMING_CARD: Final = "docs/models/threat-timing.md"
DEFAULT_TIMING_PATH: Final = (
    Path(__file__).resolve().parent.parent / "data" / "coercion" / "ties-timing.json"
)
YEAR_DAYS: Final = 365


@dataclass(frozen=True)
class TimingCurve:
    """F(d): the share of eventual impositions made within ``d`` days of the threat's start.

    ``days`` (N,) are the distinct days TIES records impositions on, increasing; ``cdf``
    (N,) the Kaplan-Meier F at each of them. Between two such days F is read linearly
    (a day on which TIES happens to record no imposition is not a day with no chance of
    one); 0 before the first day, flat after the last (where it may stay below 1 when
    the longest spells are censored: that mass lies beyond the last day seen).
    """

    days: np.ndarray
    cdf: np.ndarray

    def __call__(self, day: float) -> float:
        """F(day): within ``day`` days, the day itself included."""
        if day < self.days[0]:
            return 0.0
        return float(np.interp(day, self.days, self.cdf))


@lru_cache(maxsize=4)
def load_timing(path: Path = DEFAULT_TIMING_PATH) -> TimingCurve:
    """The shipped timing curve (once per path); UserError naming the file if bad."""
    try:
        document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        days = np.asarray(document["days"], dtype=float)
        cdf = np.asarray(document["cdf"], dtype=float)
    except FileNotFoundError:
        raise UserError(f"{path}: no such timing file; run scripts/fit_ties_timing.py") from None
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError) as exc:
        raise UserError(f"{path}: not a threat-timing file ({exc})") from None
    ordered = days.ndim == 1 and days.shape == cdf.shape and bool(np.all(np.diff(days) > 0))
    if not ordered or not bool(np.all((np.diff(cdf) >= 0) & (cdf[1:] <= 1) & (cdf[:1] >= 0))):
        raise UserError(f"{path}: its days must increase and its cdf rise within [0, 1]")
    return TimingCurve(days, cdf)


def threat_start(threat: ThreatRecord) -> date | None:
    """The threat's first day as the ledger reads it: its earliest dated history step
    (else the earliest publication among its evidence)."""
    days = [h.date for h in threat.history if h.date is not None]
    days = days or [e.published for e in threat.evidence if e.published is not None]
    return min(days) if days else None


def imposed_between(p: float, f_h: float, f_a: float) -> float:
    """P(imposed by day h | nothing by day a) from p = P(imposed), F(h) and F(a), h >= a."""
    if not 0 <= f_a <= f_h <= 1 or not 0 <= p <= 1:
        raise ValueError(f"need 0 <= F(a) <= F(h) <= 1 and p in [0, 1], got {f_a}, {f_h}, {p}")
    return p * (f_h - f_a) / (1 - p * f_a) if p * f_a < 1 else 0.0


def with_horizons(
    forecast: ThreatForecast,
    threat: ThreatRecord,
    as_of: date | None,
    curve: TimingCurve | None = None,
) -> ThreatForecast:
    """``forecast`` with P(imposed) by the deadline, within a year and at any time.

    Each figure is conditional on nothing imposed from the threat's start to ``as_of``
    (its start when ``as_of`` is None). The interval maps the outcome model's interval
    for ``imposed`` through the formula above (increasing in p, so its quantiles map
    exactly); the timing curve's own uncertainty is not added (see the model card).
    """
    imposed = [o.probability for o in forecast.outcomes if o.outcome == "imposed"]
    start = threat_start(threat)
    if not imposed or start is None:
        note = "no start date for the threat in the ledger" if imposed else "no P(imposed)"
        return forecast.model_copy(update={"timing": f"{note}: no horizon figures"})
    curve = curve or load_timing()
    elapsed = max(0, (as_of - start).days) if as_of is not None else 0
    f_a = curve(elapsed)
    rows: list[HorizonProbability] = []
    notes = [
        f"given nothing imposed on {threat.target} from the threat's start "
        f"({_short(start)}) to {_short(start + timedelta(days=elapsed))} (day {elapsed})"
    ]
    deadline = threat.deadline.value if threat.deadline else None
    if deadline is None:
        notes.append("no deadline stated: no 'by the deadline' figure")
    elif deadline >= start + timedelta(days=elapsed):
        h = (deadline - start).days
        rows.append(_row("deadline", f"by the deadline ({_short(deadline)})", deadline, h))
        notes.append("TIES codes no deadlines, so it cannot see decisions gather on one")
    year_end = start + timedelta(days=YEAR_DAYS)
    if elapsed <= YEAR_DAYS:
        rows.append(_row("year", f"within a year (by {_short(year_end, True)})", year_end, 365))
    else:
        notes.append("more than a year since the threat: no 'within a year' figure")
    rows.append(_row("any_time", "at any time", None, None))
    notes.append(
        f"the outcome table's 'imposed' also counts, as TIES does, the {curve(0):.0%} of "
        "impositions made on the threat's first day, which a pending threat has escaped"
    )
    p = imposed[0]
    done = [
        r.model_copy(update={"probability": _map(p, 1.0 if r.days is None else curve(r.days), f_a)})
        for r in rows
    ]
    return forecast.model_copy(update={"imposed_by": done, "timing": "; ".join(notes)})


def _row(kind: Horizon, label: str, by: date | None, days: int | None) -> HorizonProbability:
    blank = Interval(mean=0.0, low=0.0, high=0.0, level=0.0)  # replaced by _map
    return HorizonProbability(horizon=kind, label=label, by=by, days=days, probability=blank)


def _map(p: Interval, f_h: float, f_a: float) -> Interval:
    return Interval(
        mean=imposed_between(p.mean, f_h, f_a),
        low=imposed_between(p.low, f_h, f_a),
        high=imposed_between(p.high, f_h, f_a),
        level=p.level,
    )


def _short(day: date, year: bool = False) -> str:
    return f"{day.day} {day.strftime('%b')}" + (f" {day.year}" if year else "")
