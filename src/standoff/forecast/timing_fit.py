"""Fit when threats are carried out, from TIES (scipy; never at runtime).

* :func:`kaplan_meier` - the Kaplan-Meier distribution of days from a threat's start
  to imposition (``scipy.stats.ecdf`` on right-censored data): imposed cases are
  events, unresolved cases are censored at the last day they are known open.
* :func:`fit_timing` - the JSON document shipped in ``data/coercion/ties-timing.json``
  (the step function, its 90% Greenwood band, and the figures the model card quotes).

Cases resolved without imposition are not in the risk set. Counting every unresolved
case as a possible later imposition (the fit) pushes the distribution later than the
truth; dropping them (``complete_case``, reported beside it) pushes it earlier, because
long waits are the ones still open when TIES stops. The truth lies between the two.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import scipy
from scipy import stats

from standoff.errors import UserError
from standoff.forecast.coercion_fit import data_record, fitted_record
from standoff.forecast.timing import TimingCurve
from standoff.forecast.timing_ties import Spell, load_timing

SUMMARY_DAYS: Final = (0, 7, 30, 90, 180, 365, 730)  # days the card quotes F at
BAND: Final = 0.9  # coverage of the pointwise confidence band
MODEL_CARD: Final = "docs/models/threat-timing.md"


def kaplan_meier(spells: Sequence[Spell]) -> tuple[TimingCurve, TimingCurve, TimingCurve]:
    """The Kaplan-Meier F of days to imposition, with its pointwise 90% band (low, high).

    Imposed spells are events; the others are right-censored at their ``days``.
    """
    events = np.array([s.days for s in spells if s.imposed], dtype=float)
    censored = np.array([s.days for s in spells if not s.imposed], dtype=float)
    if events.size == 0:
        raise UserError("no imposed case with dates: cannot fit the timing of impositions")
    result = stats.ecdf(stats.CensoredData(uncensored=events, right=censored))
    # Only the days F rises on (scipy also lists the censoring days, where it is flat):
    # the runtime reads F linearly between them.
    rises = np.diff(result.cdf.probabilities, prepend=0.0) > 0
    days = np.asarray(result.cdf.quantiles, dtype=float)[rises]
    with warnings.catch_warnings():
        # scipy warns where the band is undefined (F = 0 or 1 exactly); those are clipped
        warnings.simplefilter("ignore", RuntimeWarning)
        band = result.cdf.confidence_interval(confidence_level=BAND, method="log-log")
    clean = lambda v: np.clip(np.nan_to_num(np.asarray(v, dtype=float), nan=1.0), 0, 1)  # noqa: E731
    return (
        TimingCurve(days, clean(result.cdf.probabilities[rises])),
        TimingCurve(days, clean(band.low.evaluate(days))),
        TimingCurve(days, clean(band.high.evaluate(days))),
    )


def fit_timing(path: Path, command: str) -> dict[str, Any]:
    """Fit on every TIES threat case of ``path``; the JSON document to ship."""
    cases = load_timing(path)
    curve, low, high = kaplan_meier(cases.spells)
    imposed = [s for s in cases.spells if s.imposed]
    complete, _, _ = kaplan_meier(imposed)
    return {
        "model": "ties-timing",
        "format": 1,
        "method": "Kaplan-Meier (scipy.stats.ecdf), unresolved cases right-censored",
        "days": [int(d) for d in curve.days],
        "cdf": _round(curve.cdf),
        "band": {"level": BAND, "low": _round(low.cdf), "high": _round(high.cdf)},
        "summary": {
            str(d): {
                "cdf": round(curve(d), 4),
                "low": round(low(d), 4),
                "high": round(high(d), 4),
                "complete_case": round(complete(d), 4),
            }
            for d in SUMMARY_DAYS
        },
        "median_days_after_day_0": _median_after_day_0(imposed),
        "n_imposed": len(imposed),
        "n_imposed_on_day_0": sum(1 for s in imposed if s.days == 0),
        "n_censored": len(cases.spells) - len(imposed),
        "n_resolved_without_imposition": len(cases.resolved),
        "n_imputed_day": sum(1 for s in cases.spells if s.imputed_day),
        "excluded_cases": cases.excluded,
        "data": data_record(path),
        "fitted": fitted_record(command, scipy=scipy.__version__, numpy=np.__version__),
        "model_card": MODEL_CARD,
    }


def _median_after_day_0(imposed: Sequence[Spell]) -> float:
    later = [s.days for s in imposed if s.days > 0]
    return float(np.median(later)) if later else 0.0


def _round(values: np.ndarray) -> list[float]:
    return [round(float(v), 5) for v in values]
