"""How a threat ends: the public API of the threat-outcome model.

* :func:`code_features` - a tracked threat -> the model's features, each with why.
* :func:`predict_threat` - probabilities of the five outcomes (concede, settle,
  back_down, imposed, stalemate), with intervals from coefficient draws.

The model is a multinomial logistic regression fitted on the threat cases of
TIES v4.1 (see docs/models/threat-outcome.md); at runtime it needs only numpy
and the shipped coefficients JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

import numpy as np

from standoff.errors import UserError
from standoff.forecast.coercion_coding import code_features
from standoff.forecast.coercion_model import DEFAULT_MODEL_PATH, CoercionModel, load_model
from standoff.forecast.coercion_spec import OUTCOMES
from standoff.model import Interval, OutcomeProbability, Standoff, ThreatForecast, ThreatRecord

__all__ = ["HORIZON", "MODEL_CARD", "LEVEL", "code_features", "predict_threat", "base_rates"]

MODEL_CARD: Final = "docs/models/threat-outcome.md"
LEVEL: Final = 0.9  # coverage of each probability's interval
# What time span the model's probabilities are for: TIES codes an imposition whenever it
# comes, so they are never "by the deadline".
HORIZON: Final = "at any time after the threat, as TIES counts an imposition (not by the deadline)"


def predict_threat(
    threat: ThreatRecord,
    standoff: Standoff | None = None,
    overrides: Mapping[str, str | int | float] | None = None,
    draws: int = 0,
    seed: int | None = None,
    *,
    model: CoercionModel | None = None,
    model_path: Path = DEFAULT_MODEL_PATH,
) -> ThreatForecast:
    """Probability of each outcome of ``threat``; they sum to 1, over :data:`HORIZON`.

    ``draws`` = 0 gives the point estimate (low = high = mean). With draws > 0
    the coefficients are drawn ``draws`` times from their approximate sampling
    distribution (Laplace), ``mean`` is the mean probability over the draws and
    ``low``/``high`` the 5% and 95% quantiles. The same ``seed`` gives the same
    result.
    """
    if draws < 0:
        raise UserError(f"draws must be 0 or more, got {draws}")
    fitted = model or load_model(model_path)
    features = code_features(threat, standoff, overrides)
    coding = {f.name: str(f.value) for f in features}
    if draws == 0:
        point = fitted.mixture_probabilities(coding)
        intervals = [_interval(p, p, p) for p in point]
    else:
        sample = fitted.draw_mixture(coding, draws, np.random.default_rng(seed))
        mean = sample.mean(axis=0)
        mean = mean / mean.sum()  # exact closure against rounding
        low, high = np.quantile(sample, [(1 - LEVEL) / 2, (1 + LEVEL) / 2], axis=0)
        intervals = [_interval(m, lo, hi) for m, lo, hi in zip(mean, low, high, strict=True)]
    return ThreatForecast(
        threat_id=threat.id,
        label=threat.label,
        sender=threat.sender,
        target=threat.target,
        horizon=HORIZON,
        features=features,
        outcomes=[
            OutcomeProbability(outcome=o, probability=i)
            for o, i in zip(OUTCOMES, intervals, strict=True)
        ],
        model_card=MODEL_CARD,
    )


def base_rates(model: CoercionModel | None = None) -> dict[str, float]:
    """The TIES class frequencies the model was fitted on (the base-rate forecast)."""
    document = (model or load_model()).document
    counts = document["class_counts"]
    total = sum(counts.values())
    return {o: counts[o] / total for o in OUTCOMES}


def _interval(mean: float, low: float, high: float) -> Interval:
    clip = lambda v: float(min(1.0, max(0.0, v)))  # noqa: E731 - guard float noise only
    m = clip(mean)
    return Interval(mean=m, low=min(clip(low), m), high=max(clip(high), m), level=LEVEL)
