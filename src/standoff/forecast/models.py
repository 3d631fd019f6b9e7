"""The bargaining models a forecast runs, with the parameters fitted on DEU III.

One place for these facts: the parameters below were chosen on the issues of the DEU
III proposals with an even ``prnrnmc`` by ``standoff backtest deu
../shared/data/deu3/deu3.csv`` (the grid is each model's ``param_grid``); the held-out
scores are in each model's card under docs/models/.
"""

from __future__ import annotations

from standoff.forecast.bargaining import (
    BargainingModel,
    NashBargaining,
    WeightedMean,
    WeightedMedian,
)
from standoff.forecast.expected_utility import ExpectedUtility


def expected_utility_model() -> ExpectedUtility:
    """The forecast's expected-utility model: its point and its trajectory both come from
    this one model, so the plotted rounds end at the number the forecast reports."""
    return ExpectedUtility(rounds=1, risk="endogenous", outcome="mean")  # fitted on DEU III


def default_models() -> list[BargainingModel]:
    """Fresh instances of the forecast's models, in display order."""
    return [
        WeightedMean(),
        WeightedMedian(),
        NashBargaining(curvature=1.0),  # fitted on DEU III (even proposals)
        expected_utility_model(),
    ]


def backtest_models() -> list[BargainingModel]:
    """The models the DEU backtest fits and scores, with the salience-only bars first."""
    return [
        WeightedMean(use_capability=False),
        WeightedMedian(use_capability=False),
        WeightedMean(),
        WeightedMedian(),
        NashBargaining(),
        ExpectedUtility(),
    ]
