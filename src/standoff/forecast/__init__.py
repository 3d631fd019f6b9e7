"""forecast: Standoff | scenario -> Forecast.

:func:`forecast_standoff` is the one entry point other layers call. It runs
the coercion model and the exposure table on each live threat (written in
``coercion.py`` and ``exposure.py``) and the bargaining models on a scenario,
with Monte Carlo intervals reproducible from ``(draws, seed)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from standoff.forecast.expected_utility import ExpectedUtility
from standoff.forecast.models import TRAJECTORY_ROUNDS, default_models
from standoff.forecast.montecarlo import interval, simulate
from standoff.forecast.scenario import Scenario
from standoff.model import Forecast, IssueForecast, Standoff, ThreatStatus

__all__ = ["forecast_issues", "forecast_standoff", "reference_scenario", "REFERENCE_SCENARIO"]

LIVE = {ThreatStatus.PENDING, ThreatStatus.MODIFIED}
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
    points = [model.predict(arrays) for model in models]
    samples = simulate(arrays, models, draws, seed or 0, scheduler)  # (models, draws, issues)
    trajectory = ExpectedUtility(rounds=TRAJECTORY_ROUNDS).run(arrays).outcome  # (rounds+1, m)
    out = []
    for k, issue in enumerate(scenario.issues):
        for mi, model in enumerate(models):
            traj = trajectory[:, k] if isinstance(model, ExpectedUtility) else np.zeros(0)
            out.append(
                IssueForecast(
                    issue=issue.id,
                    low_label=issue.low,
                    high_label=issue.high,
                    model=model.name,
                    position=interval(samples[mi, :, k], float(points[mi][k])),
                    trajectory=[round(float(v), 3) for v in traj],
                    model_card=model.card,
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
) -> Forecast:
    """Forecast a standoff's live threats and a scenario's issues.

    ``standoff`` may be None (scenario only); ``scenario`` may be None (threats only).
    ``draws`` Monte Carlo draws (0: point forecasts, intervals collapse to the point);
    ``seed`` makes the run exactly reproducible (None: a fresh seed, recorded in the
    result); ``overrides`` replace coded threat features by name; ``scheduler`` a Dask
    scheduler address for the scenario draws. Probabilities and positions are checked
    finite and in range before they are returned.
    """
    if draws < 0:
        raise ValueError("draws must be >= 0")
    if seed is None:
        seed = int(np.random.default_rng().integers(2**31))  # recorded: rerun with it
    result = Forecast(as_of=standoff.as_of if standoff else None, draws=draws, seed=seed)
    if standoff is not None:
        _forecast_threats(standoff, result, draws, seed, dict(overrides or {}))
    if scenario is not None:
        result.issues = forecast_issues(scenario, draws=draws, seed=seed, scheduler=scheduler)
        result.warnings.extend(_scenario_warnings(scenario))
    _check(result)
    return result


def _scenario_warnings(scenario: Scenario) -> list[str]:
    if scenario.origin.endswith(REFERENCE_SCENARIO):
        return [
            f"issue positions come from the reference scenario {scenario.origin} "
            f"(as of {scenario.as_of}); pass --scenario to use your own"
        ]
    return []


def _forecast_threats(
    standoff: Standoff, result: Forecast, draws: int, seed: int, overrides: dict[str, Any]
) -> None:
    live = [t for t in standoff.threats if t.status in LIVE]
    # A threat already resolved still gets the model's view, marked retrospective and shown
    # beside what happened: the analyst can judge the model on the case at hand.
    ended = [t for t in standoff.threats if t.status not in LIVE]
    if not live and not ended:
        return
    predict_threat: Any = None
    exposure: Any = None
    try:
        from standoff.forecast.coercion import predict_threat
    except ImportError:  # the coercion layer not built yet
        result.warnings.append("the coercion model is not installed: no threat outcome forecast")
    try:
        from standoff.forecast.exposure import exposure
    except ImportError:
        result.warnings.append("the exposure table is not installed: no third-party exposure")
    for threat in [*live, *ended]:
        if predict_threat is not None:
            forecast = predict_threat(
                threat, standoff=standoff, overrides=overrides or None, draws=draws, seed=seed
            )
            if threat.status not in LIVE:
                forecast.observed = threat.status.value
            result.threats.append(forecast)
        if exposure is not None and (threat.status in LIVE or threat.third_parties):
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


def scenario_from_path(path: Path | None) -> Scenario:
    """The scenario at ``path``, or the reference scenario when None."""
    from standoff.forecast.scenario_io import load_scenario

    return load_scenario(path) if path is not None else reference_scenario()
