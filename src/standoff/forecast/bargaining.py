"""Static bargaining models: where a deal lands on each issue, in one step.

Every model shares one small scikit-learn-like interface (:class:`BargainingModel`):
parameters are validated in ``__init__``; ``predict(data)`` returns the outcome
per issue (shape (issues,), on 0-100); ``fit(data, outcome)`` picks parameters
from ``param_grid`` by mean absolute error and returns the fitted model.
``data`` is a :class:`~standoff.forecast.scenario.ScenarioArrays` (or a Scenario);
rows are issues (or Monte Carlo draws x issues), columns actors.
"""

from __future__ import annotations

import inspect
import itertools
from typing import Any, ClassVar, Self

import numpy as np
from numpy.typing import NDArray

from standoff.forecast.scenario import SCALE_HIGH, SCALE_LOW, Scenario, ScenarioArrays

Array = NDArray[np.float64]


def as_arrays(data: Scenario | ScenarioArrays) -> ScenarioArrays:
    return data.arrays() if isinstance(data, Scenario) else data


class BargainingModel:
    """Base class: a named model with a card, validated parameters and grid-search fitting."""

    name: str = "model"
    card: ClassVar[str] = "docs/models/"
    # A caveat shown beside the model's numbers (e.g. "not replicated"); the card explains it.
    status: ClassVar[str] = ""
    param_grid: ClassVar[dict[str, list[Any]]] = {}
    fit_mae_: float | None = None

    def get_params(self) -> dict[str, Any]:
        """The constructor's parameters and their current values."""
        names = [p for p in inspect.signature(type(self).__init__).parameters if p != "self"]
        return {k: getattr(self, k) for k in names if hasattr(self, k)}

    def clone(self, **changes: Any) -> Self:
        """A new model of the same kind with some parameters changed (validated again)."""
        return type(self)(**{**self.get_params(), **changes})

    def predict(self, data: Scenario | ScenarioArrays) -> Array:
        """The predicted outcome of each row (issue): shape (issues,), within [0, 100]."""
        raise NotImplementedError

    def fit(self, data: ScenarioArrays, outcome: Array) -> Self:
        """Choose the parameters in ``param_grid`` with the least MAE on ``outcome`` (issues,)."""
        best: tuple[float, dict[str, Any]] | None = None
        keys = list(self.param_grid)
        for values in itertools.product(*(self.param_grid[k] for k in keys)):
            params = dict(zip(keys, values, strict=True))
            score = mae(self.clone(**params).predict(data), outcome)
            if best is None or score < best[0]:
                best = (score, params)
        if best is not None:
            for key, value in best[1].items():
                setattr(self, key, value)
            self.fit_mae_ = best[0]
        return self

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"


def mae(predicted: Array, outcome: Array) -> float:
    """Mean absolute error in points of the 0-100 scale."""
    return float(np.mean(np.abs(np.asarray(predicted) - np.asarray(outcome))))


def weighted_mean(position: Array, weight: Array) -> Array:
    """Row-wise weighted mean of ``position`` (rows, actors); rows of zero weight give 50."""
    total = weight.sum(axis=1)
    safe = np.where(total > 0, total, 1.0)
    mean = (position * weight).sum(axis=1) / safe
    return np.where(total > 0, mean, (SCALE_LOW + SCALE_HIGH) / 2)


def weighted_median(position: Array, weight: Array) -> Array:
    """Row-wise weighted median: the position where the cumulative weight reaches half.

    When the cumulative weight is exactly half at a position, the median is the
    midpoint between it and the next position (the usual convention).
    Rows of zero weight give 50. Shapes: (rows, actors) -> (rows,).
    """
    order = np.argsort(position, axis=1, kind="stable")
    xs = np.take_along_axis(position, order, axis=1)
    ws = np.take_along_axis(weight, order, axis=1)
    cum = np.cumsum(ws, axis=1)
    total = cum[:, -1:]
    half = total / 2
    tol = 1e-9 * np.maximum(total, 1.0)
    k = np.argmax(cum >= half - tol, axis=1)
    rows = np.arange(position.shape[0])
    at = xs[rows, k]
    exact = np.abs(cum[rows, k] - half[:, 0]) <= tol[:, 0]
    # the next position that carries weight, for the exact-half case
    later = np.where((np.arange(xs.shape[1]) > k[:, None]) & (ws > 0), xs, np.inf)
    nxt = later.min(axis=1)
    med = np.where(exact & np.isfinite(nxt), (at + np.where(np.isfinite(nxt), nxt, at)) / 2, at)
    return np.where(total[:, 0] > 0, med, (SCALE_LOW + SCALE_HIGH) / 2)


class _WeightedCentre(BargainingModel):
    """A centre of the actors' positions weighted by capability x salience (no fitted
    parameters). ``use_capability=False`` weights by salience alone: the DEU literature's
    plain salience-weighted statistic, the bar a bargaining model must beat.

    Subclasses name the statistic: ``centre(position, weight)`` maps arrays of shape
    (issues, actors) to one outcome per issue on the 0-100 scale.
    """

    salience_name: str

    @staticmethod
    def centre(position: Array, weight: Array) -> Array:
        raise NotImplementedError

    def __init__(self, use_capability: bool = True) -> None:
        if not isinstance(use_capability, bool):
            raise ValueError(f"use_capability must be True or False, got {use_capability!r}")
        self.use_capability = use_capability
        if not use_capability:
            self.name = self.salience_name

    def predict(self, data: Scenario | ScenarioArrays) -> Array:
        a = as_arrays(data)
        w = a.weight if self.use_capability else np.where(a.present, a.salience, 0.0)
        return self.centre(a.position, w)


class WeightedMean(_WeightedCentre):
    """The compromise model: the capability x salience weighted mean position."""

    name = "weighted-mean"
    salience_name = "salience-mean"
    card = "docs/models/weighted-mean.md"
    centre = staticmethod(weighted_mean)


class WeightedMedian(_WeightedCentre):
    """The position of the capability x salience weighted median actor."""

    name = "weighted-median"
    salience_name = "salience-median"
    card = "docs/models/weighted-median.md"
    centre = staticmethod(weighted_median)


class NashBargaining(BargainingModel):
    """The asymmetric Nash bargaining solution on each issue.

    Actor i's utility for outcome x is ``-(|x - x_i| / 100) ** curvature``; its
    disagreement utility is that of the scale end farthest from it (no deal is
    the worst case). The solution maximises ``sum_i w_i log(u_i(x) - d_i)`` with
    ``w_i`` = capability x salience, over a grid of ``grid`` points on 0-100.
    With ``curvature=2`` it is close to the weighted mean (Achen 2006); with
    smaller curvature it moves toward the weighted median.
    """

    name = "nash-bargaining"
    card = "docs/models/nash-bargaining.md"
    param_grid: ClassVar[dict[str, list[Any]]] = {"curvature": [0.5, 1.0, 1.5, 2.0, 3.0]}

    def __init__(self, curvature: float = 2.0, grid: int = 401) -> None:
        if not (np.isfinite(curvature) and curvature > 0):
            raise ValueError(f"curvature must be a positive number, got {curvature!r}")
        if not (isinstance(grid, int) and grid >= 11):
            raise ValueError(f"grid must be an integer of at least 11, got {grid!r}")
        self.curvature = float(curvature)
        self.grid = grid

    def predict(self, data: Scenario | ScenarioArrays) -> Array:
        a = as_arrays(data)
        xs = np.linspace(SCALE_LOW, SCALE_HIGH, self.grid)
        span = SCALE_HIGH - SCALE_LOW
        out = np.empty(a.position.shape[0])
        w = a.weight
        # rows one chunk at a time: the (rows, actors, grid) array stays small
        step = max(1, 2_000_000 // max(1, a.position.shape[1] * self.grid))
        for start in range(0, a.position.shape[0], step):
            sl = slice(start, start + step)
            x = a.position[sl][:, :, None]
            worst = np.maximum(x - SCALE_LOW, SCALE_HIGH - x) / span
            gain = worst**self.curvature - (np.abs(xs[None, None, :] - x) / span) ** self.curvature
            # an actor indifferent everywhere (at the far end) gains nothing at its own end
            with np.errstate(divide="ignore"):
                logs = np.where(gain > 0, np.log(np.maximum(gain, 1e-300)), -1e6)
            objective = (w[sl][:, :, None] * logs).sum(axis=1)
            out[sl] = xs[np.argmax(objective, axis=1)]
        total = w.sum(axis=1)
        return np.where(total > 0, out, (SCALE_LOW + SCALE_HIGH) / 2)
