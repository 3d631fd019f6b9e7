"""Back-test the threat-outcome model on TIES the way the tool runs it (scikit-learn; never
at runtime).

Three rules keep the figure honest:

* **Runtime information only.** Each held-out case is predicted from the features the
  tool has when it reads a threat (:func:`runtime_levels`): the coders' judgements
  (commitment, anticipated costs; :data:`coercion_spec.NOT_READ`) are ``unknown`` and
  averaged, as they always are at runtime, and a feature TIES left blank is ``unknown``
  and averaged too, never a level of its own. The averaging is the runtime's own
  (:func:`coercion_spec.mixture`, with the training folds' level frequencies).
* **Folds by episode.** Cases of one episode (:func:`coercion_ties.episodes`) are held
  out together,
  so siblings coded from one event never sit on both sides of a split.
* **Intervals on differences.** The gain over the base rate gets a 95% interval from
  a bootstrap that resamples whole episodes (:mod:`forecast.resample`).

Beside the logit the tool ships, the back-test scores a period feature (the decade
a threat began, :data:`PERIOD`) and a gradient-boosted model on the same inputs, and
the shipped logit fed the features as TIES coded them (a reference the runtime cannot
reach: it never knows the coders' judgements).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import StratifiedGroupKFold

from standoff.errors import UserError
from standoff.forecast.coercion_fit import class_indices, fit_multinomial, log_loss
from standoff.forecast.coercion_spec import (
    FEATURES,
    MISSING,
    NOT_READ,
    OUTCOMES,
    UNKNOWN,
    encode_many,
    level_frequencies,
    mixture,
)
from standoff.forecast.coercion_ties import EPISODE_RULE, TiesCases, episodes
from standoff.forecast.resample import Estimate, cluster_bootstrap_means, estimate
from standoff.grammar import count

Features = Mapping[str, tuple[str, ...]]
Predictor = Callable[[NDArray[np.float64]], NDArray[np.float64]]  # (N, P) -> (N, K)

# The decade a threat began; a threat read today falls in the last period.
PERIOD: Final[tuple[str, ...]] = ("1945-1969", "1970s", "1980s", "1990s", "2000s")
WITH_PERIOD: Final[dict[str, tuple[str, ...]]] = {**FEATURES, "period": (*PERIOD, MISSING)}
DECILES: Final = tuple(k / 10 for k in range(11))
RELIABLE_CASES: Final = 30  # a decile with fewer cases says little
RELIABLE_GAP: Final = 0.05  # the target: |observed - forecast| within 5 points
TARGET_GAIN: Final = 0.08  # the target: a Brier score 8% below the base rate's
# Gradient boosting: fixed, modest settings (not tuned on the held-out folds).
BOOSTING: Final = {
    "learning_rate": 0.05,
    "max_iter": 150,
    "max_leaf_nodes": 8,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
    "early_stopping": False,
}


def period_of(year: int | None) -> str:
    """The :data:`PERIOD` level of a start year (``missing`` when unknown)."""
    if year is None:
        return MISSING
    if year < 1970:
        return PERIOD[0]
    return PERIOD[min(len(PERIOD) - 1, (year - 1970) // 10 + 1)]


def runtime_levels(coded: Mapping[str, str], features: Features = FEATURES) -> dict[str, str]:
    """A TIES case's levels as the tool would have them: what a reading never gives
    (:data:`NOT_READ`) and what TIES left blank are ``unknown`` (averaged), never
    ``missing``."""
    return {
        name: UNKNOWN if name in NOT_READ or coded.get(name, MISSING) == MISSING else coded[name]
        for name in features
    }


@dataclass(frozen=True)
class ReliabilityRow:
    """One decile of forecast probability for one outcome: cases, mean forecast, observed."""

    outcome: str
    low: float
    high: float
    n: int
    predicted: float
    observed: float

    @property
    def gap(self) -> float:
        return self.observed - self.predicted


@dataclass(frozen=True)
class ModelScore:
    """One model's out-of-sample scores; ``gain`` = 1 - Brier/base Brier with its interval,
    ``difference`` = base Brier - model Brier with its interval (episode bootstrap)."""

    name: str
    runtime: bool
    brier: float
    log_loss: float
    gain: Estimate
    difference: Estimate
    reliability: list[ReliabilityRow]

    @property
    def worst_gap(self) -> float:
        """Largest |observed - forecast| over deciles holding :data:`RELIABLE_CASES` or more."""
        gaps = [abs(r.gap) for r in self.reliability if r.n >= RELIABLE_CASES]
        return max(gaps, default=0.0)


@dataclass(frozen=True)
class TiesBacktest:
    """The grouped, runtime-faithful back-test: one :class:`ModelScore` per model."""

    folds: int
    seed: int
    n_cases: int
    n_episodes: int
    largest_episode: int
    excluded: dict[str, int]
    base_brier: float
    base_log_loss: float
    chosen_C: list[float]
    models: list[ModelScore]
    episode_rule: str = EPISODE_RULE


@dataclass(frozen=True)
class _Data:
    coded: list[dict[str, str]]  # levels as TIES coded them, with the period
    y: NDArray[np.int64]
    groups: NDArray[np.int64]


MODELS: Final = ("logit", "logit + period", "boosted", "boosted + period", "logit, TIES coding")


def ties_backtest(
    cases: TiesCases, folds: int = 10, seed: int = 0, grid: tuple[float, ...] | None = None
) -> TiesBacktest:
    """Grouped k-fold back-test of every model of :data:`MODELS` beside the training folds'
    base rate. ``grid``: the C tried by the logit's inner (grouped) CV; default its own."""
    data = _Data(
        coded=[
            {**f, "period": period_of(year)}
            for f, year in zip(cases.features, cases.years, strict=True)
        ],
        y=class_indices(list(cases.outcomes)),
        groups=episodes(cases.starts, cases.dyad_years),
    )
    probs = {name: np.zeros((len(data.y), len(OUTCOMES))) for name in MODELS}
    base = np.zeros((len(data.y), len(OUTCOMES)))
    chosen: list[float] = []
    for train, test in episode_folds(data.y, data.groups, folds, seed):
        base[test] = np.bincount(data.y[train], minlength=len(OUTCOMES)) / len(train)
        for features, suffix in ((FEATURES, ""), (WITH_PERIOD, " + period")):
            logit, c = _fit_logit(data, train, features, seed, grid)
            boosted = _fit_boosted(data, train, features, seed)
            for name, model in (("logit", logit), ("boosted", boosted)):
                probs[name + suffix][test] = predict_runtime(
                    model, data.coded, train, test, features
                )
            if features is FEATURES:
                chosen.append(c)
                rows = encode_many([data.coded[i] for i in test], features)
                probs["logit, TIES coding"][test] = logit(rows)
    base_case = case_brier(base, data.y)
    return TiesBacktest(
        folds=folds,
        seed=seed,
        n_cases=len(data.y),
        n_episodes=int(data.groups.max()) + 1,
        largest_episode=int(np.bincount(data.groups).max()),
        excluded=dict(cases.excluded),
        base_brier=float(base_case.mean()),
        base_log_loss=log_loss(base, data.y),
        chosen_C=chosen,
        models=[_score(name, probs[name], base_case, data, seed) for name in MODELS],
    )


def episode_folds(
    y: NDArray[np.int64], groups: NDArray[np.int64], folds: int, seed: int
) -> list[tuple[NDArray[np.int64], NDArray[np.int64]]]:
    """(train, test) index pairs of a stratified k-fold split that keeps each episode
    (``groups``) whole on one side; UserError if ``folds`` does not fit the episodes."""
    n_groups = len(np.unique(groups))
    if not 2 <= folds <= n_groups // 10:
        raise UserError(
            f"--folds must be between 2 and {n_groups // 10} for "
            f"{count(n_groups, 'episode')}, got {folds}"
        )
    split = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    return list(split.split(np.zeros(len(y)), y, groups))


def _fit_logit(
    data: _Data,
    train: NDArray[np.int64],
    features: Features,
    seed: int,
    grid: tuple[float, ...] | None,
) -> tuple[Predictor, float]:
    X = encode_many([data.coded[i] for i in train], features)
    fitted = fit_multinomial(X, data.y[train], seed=seed, grid=grid, groups=data.groups[train])
    return fitted.predict_proba, fitted.C


def _fit_boosted(data: _Data, train: NDArray[np.int64], features: Features, seed: int) -> Predictor:
    X = encode_many([data.coded[i] for i in train], features)
    model = HistGradientBoostingClassifier(random_state=seed, **BOOSTING)  # type: ignore[arg-type]
    model.fit(X, data.y[train])
    present = [int(c) for c in model.classes_]

    def predict(rows: NDArray[np.float64]) -> NDArray[np.float64]:
        out = np.zeros((len(rows), len(OUTCOMES)))
        out[:, present] = model.predict_proba(rows)
        return out

    return predict


def predict_runtime(
    predict: Predictor,
    coded: Sequence[Mapping[str, str]],
    train: NDArray[np.int64],
    test: NDArray[np.int64],
    features: Features = FEATURES,
) -> NDArray[np.float64]:
    """(len(test), K) forecasts of the held-out cases from their runtime levels, each
    ``unknown`` averaged over the training cases' levels (the runtime's mixture)."""
    frequencies = level_frequencies([coded[i] for i in train], features)
    # Cases share most of their averaged codings: each distinct coding is predicted once.
    distinct: dict[tuple[str, ...], int] = {}
    cases: list[tuple[list[int], NDArray[np.float64]]] = []
    for i in test:
        combos, weights = mixture(runtime_levels(coded[i], features), frequencies, features)
        keys = [tuple(combo[name] for name in features) for combo in combos]
        cases.append(([distinct.setdefault(key, len(distinct)) for key in keys], weights))
    rows = [dict(zip(features, key, strict=True)) for key in distinct]
    p = predict(encode_many(rows, features))  # (distinct codings, K)
    out = np.zeros((len(test), len(OUTCOMES)))
    for k, (index, weights) in enumerate(cases):
        out[k] = weights @ p[index]
    return out


def case_brier(probs: NDArray[np.float64], y: NDArray[np.int64]) -> NDArray[np.float64]:
    """Per-case multi-class Brier score (0..2), shape (N,)."""
    out: NDArray[np.float64] = np.sum((probs - np.eye(probs.shape[1])[y]) ** 2, axis=1)
    return out


def _score(
    name: str, probs: NDArray[np.float64], base_case: NDArray[np.float64], data: _Data, seed: int
) -> ModelScore:
    model_case = case_brier(probs, data.y)
    samples = cluster_bootstrap_means(
        np.column_stack([model_case, base_case]), data.groups, seed=seed
    )
    model, base = float(model_case.mean()), float(base_case.mean())
    return ModelScore(
        name=name,
        runtime=name != "logit, TIES coding",
        brier=model,
        log_loss=log_loss(probs, data.y),
        gain=estimate(1.0 - model / base, 1.0 - samples[:, 0] / samples[:, 1]),
        difference=estimate(base - model, samples[:, 1] - samples[:, 0]),
        reliability=reliability(probs, data.y),
    )


def reliability(probs: NDArray[np.float64], y: NDArray[np.int64]) -> list[ReliabilityRow]:
    """Per outcome, cases by decile of forecast probability (0-0.1, ..., 0.9-1.0; the last
    closed): cases, mean forecast and observed frequency; empty deciles left out."""
    rows = []
    for k, outcome in enumerate(OUTCOMES):
        decile = np.minimum((probs[:, k] * 10).astype(int), 9)
        for d in range(10):
            mask = decile == d
            if mask.any():
                rows.append(
                    ReliabilityRow(
                        outcome,
                        DECILES[d],
                        DECILES[d + 1],
                        int(mask.sum()),
                        float(probs[mask, k].mean()),
                        float((y[mask] == k).mean()),
                    )
                )
    return rows
