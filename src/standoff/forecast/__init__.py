"""forecast: Standoff | scenario -> Forecast.

:func:`forecast_standoff` is the one entry point other layers call. It runs
the coercion model on each pending threat of economic sanctions and the exposure
table on secondary threats (``coercion.py``, ``exposure.py``), and the
bargaining models on a scenario (chosen by ``choose.py``), with Monte Carlo
intervals reproducible from ``(draws, seed)``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from standoff.forecast.coercion import predict_threat
from standoff.forecast.expected_utility import ExpectedUtility
from standoff.forecast.exposure import exposure
from standoff.forecast.models import default_models
from standoff.forecast.montecarlo import interval, simulate
from standoff.forecast.scenario import Scenario
from standoff.forecast.timing import with_horizons
from standoff.model import (
    Execution,
    Forecast,
    IssueForecast,
    NotForecast,
    Standoff,
    ThreatRecord,
    ThreatStatus,
)
from standoff.track.threats import imposed_on_target, is_live

__all__ = [
    "REFERENCE_SCENARIO",
    "forecast_issues",
    "forecast_standoff",
    "reference_scenario",
    "why_not_forecast",
]

REFERENCE_SCENARIO = "us-russia-2025.yaml"
DATA = Path(__file__).resolve().parent.parent / "data"


def reference_scenario() -> Scenario:
    """The shipped scenario of the 2025 US-Russia standoff (data/scenarios/)."""
    from standoff.forecast.scenario_io import parse_yaml_scenario

    ref = DATA / "scenarios" / REFERENCE_SCENARIO
    return parse_yaml_scenario(
        ref.read_text(encoding="utf-8"), f"standoff/data/scenarios/{REFERENCE_SCENARIO}"
    )


def forecast_issues(
    scenario: Scenario, *, draws: int = 0, seed: int | None = None, scheduler: str | None = None
) -> list[IssueForecast]:
    """Every model's outcome on every issue, with an interval over ``draws`` draws."""
    arrays = scenario.arrays()
    models = default_models()
    # The expected-utility model's point is the last round of its own trajectory: the
    # forecast and the plot (`--plot`) show the same rounds.
    runs = {k: m.run(arrays) for k, m in enumerate(models) if isinstance(m, ExpectedUtility)}
    points = [runs[k].final if k in runs else m.predict(arrays) for k, m in enumerate(models)]
    samples = simulate(arrays, models, draws, seed or 0, scheduler)  # (models, draws, issues)
    out = []
    for k, issue in enumerate(scenario.issues):
        for mi, model in enumerate(models):
            traj = runs[mi].outcome[:, k] if mi in runs else np.zeros(0)  # (rounds + 1,)
            out.append(
                IssueForecast(
                    issue=issue.id,
                    low_label=issue.low,
                    high_label=issue.high,
                    model=model.name,
                    position=interval(samples[mi, :, k], float(points[mi][k])),
                    trajectory=[round(float(v), 3) for v in traj],
                    model_card=model.card,
                    status=model.status,
                )
            )
    return out


def forecast_standoff(
    standoff: Standoff | None,
    scenario: Scenario | None,
    *,
    draws: int = 0,
    seed: int | None = None,
    overrides: Mapping[str, Any] | None = None,
    scheduler: str | None = None,
    scenario_note: str | None = None,
    threat_ids: Collection[str] | None = None,
) -> Forecast:
    """Forecast a standoff's pending threats and a scenario's issues.

    ``standoff`` may be None (scenario only); ``scenario`` may be None (threats only).
    Only a live threat with a stated coercive measure and nothing yet imposed on its
    target gets probabilities (see :func:`why_not_forecast`); every other threat is
    listed in ``not_forecast`` with what happened or what it lacks.
    ``draws`` Monte Carlo draws (0: point forecasts, intervals collapse to the point);
    ``seed`` makes the run exactly reproducible (None: a fresh seed, recorded in the
    result); ``overrides`` replace coded threat features by name; ``scheduler`` a Dask
    scheduler address for the scenario draws; ``scenario_note`` says which scenario
    this is and why (:func:`standoff.forecast.choose.choose_scenario`); ``threat_ids``
    forecasts only those threats of the standoff (None: all of them). Probabilities
    and positions are checked finite and in range before they are returned.
    """
    if draws < 0:
        raise ValueError("draws must be >= 0")
    if seed is None:
        seed = int(np.random.default_rng().integers(2**31))  # recorded: rerun with it
    result = Forecast(as_of=standoff.as_of if standoff else None, draws=draws, seed=seed)
    if standoff is not None:
        _forecast_threats(standoff, result, draws, seed, dict(overrides or {}), threat_ids)
    if scenario is not None:
        result.issues = forecast_issues(scenario, draws=draws, seed=seed, scheduler=scheduler)
        result.warnings.extend(_scenario_warnings(scenario))
    result.scenario = scenario_note or (scenario.origin if scenario is not None else None)
    _check(result)
    return result


def _scenario_warnings(scenario: Scenario) -> list[str]:
    if scenario.origin.endswith(REFERENCE_SCENARIO):
        return [
            f"issue positions come from the reference scenario {scenario.origin} "
            f"(as of {scenario.as_of}); pass --scenario to use your own"
        ]
    return []


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else "an unknown date"


def why_not_forecast(threat: ThreatRecord) -> str | None:
    """Why ``threat`` gets no probabilities (None when it does).

    The threat-outcome model forecasts how a pending threat of economic sanctions ends:
    a threat that states no such measure is outside it, and one that was withdrawn,
    carried out on its target or let expire has an outcome to show, not to forecast.
    """
    from standoff.forecast.coercion_coding import coercive_measures

    if not coercive_measures(threat.measures):
        stated = f" ({', '.join(threat.measures)})" if threat.measures else ""
        return (
            f"no coercive measure stated{stated}: the threat-outcome model is for threats "
            "of economic sanctions"
        )
    if threat.status == ThreatStatus.WITHDRAWN:
        when = [h.date for h in threat.history if h.state == ThreatStatus.WITHDRAWN.value]
        return f"withdrawn on {_day(when[-1] if when else None)}"
    imposed = imposed_on_target(threat)
    status = threat.status.value.replace("_", " ")
    if imposed:
        return f"{status}: {_imposed(imposed)} (the outcome is known: imposed)"
    if not is_live(threat):
        deadline = threat.deadline.value if threat.deadline else None
        passed = (
            f"deadline {deadline.isoformat()} passed with no measure on {threat.target}"
            if deadline is not None
            else "no longer pending"
        )
        done = f"; {_imposed(threat.executions)}" if threat.executions else ""
        return f"{status}: {passed}{done}"
    return None


def _imposed(executions: list[Execution]) -> str:
    return "; ".join(
        f"{x.measure or 'measures'} imposed on {x.on} on {_day(x.date)}" for x in executions
    )


def _forecast_threats(
    standoff: Standoff,
    result: Forecast,
    draws: int,
    seed: int,
    overrides: dict[str, Any],
    threat_ids: Collection[str] | None = None,
) -> None:
    chosen = [t for t in standoff.threats if threat_ids is None or t.id in threat_ids]
    if not chosen:
        return
    for threat in chosen:
        reason = why_not_forecast(threat)
        if reason is not None:
            result.not_forecast.append(
                NotForecast(threat_id=threat.id, label=threat.label, reason=reason)
            )
        else:
            item = predict_threat(
                threat, standoff=standoff, overrides=overrides or None, draws=draws, seed=seed
            )
            # P(imposed) by the deadline, within a year, at any time (forecast/timing.py)
            result.threats.append(with_horizons(item, threat, standoff.as_of))
        if reason is None or threat.third_parties:
            # A resolved threat keeps its exposure when it named third parties: who pays for
            # secondary measures matters most once they are imposed (India, August 2025).
            # rate None: the exposure layer reads it from the threat's measures (or its default)
            result.exposure.extend(exposure(threat, None, draws=draws, seed=seed))


def _check(result: Forecast) -> None:
    """No NaN and no probability outside [0, 1] may leave this layer; outcomes sum to 1."""
    for f in result.issues:
        p = f.position
        finite = all(np.isfinite([p.mean, p.low, p.high]))
        if not finite or not 0 <= p.low <= p.mean <= p.high <= 100:
            raise RuntimeError(f"issue {f.issue}, {f.model}: bad position interval {p}")
    for t in result.threats:
        total = 0.0
        for o in t.outcomes:
            q = o.probability
            if not all(np.isfinite([q.mean, q.low, q.high])) or not 0 <= q.low <= q.high <= 1:
                raise RuntimeError(f"threat {t.threat_id}: bad probability for {o.outcome}: {q}")
            total += q.mean
        if t.outcomes and abs(total - 1.0) > 1e-6:
            raise RuntimeError(f"threat {t.threat_id}: outcome probabilities sum to {total:.6f}")


# `standoff.forecast(...)` is the Python API's function of that name (standoff/entrypoints.py).
from standoff.entrypoints import make_callable  # noqa: E402

make_callable(__name__)
