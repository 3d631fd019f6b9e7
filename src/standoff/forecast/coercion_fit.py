"""Fit and back-test the threat-outcome model on TIES (scikit-learn; never at runtime).

* :func:`fit_multinomial` - multinomial logistic regression, L2 penalty, its
  strength ``C`` chosen by stratified cross-validation on the data it is given
  (in a back-test: the training folds only).
* :func:`laplace_covariance` - the approximate sampling covariance of the
  coefficients: the inverse Hessian of the penalised negative log-likelihood
  at the fit (Laplace approximation), used at runtime to draw coefficients.
* :func:`fit_ties` - the JSON document shipped in ``data/coercion/``.
* :func:`backtest` - k-fold out-of-sample log loss and Brier score beside the
  base rate (class frequencies of the training folds) and a reliability table.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from standoff.errors import UserError
from standoff.forecast.coercion_spec import FEATURES, MISSING, OUTCOMES, columns, encode_many
from standoff.forecast.coercion_ties import load_ties
from standoff.grammar import count

C_GRID: Final = tuple(float(c) for c in np.logspace(-2.5, 1.5, 9))
INNER_FOLDS: Final = 5
CITATION: Final = (
    "Morgan, T. Clifton, Navin Bapat and Yoshiharu Kobayashi (2014). Threat and imposition "
    "of economic sanctions 1945-2005: updating the TIES dataset. Conflict Management and "
    "Peace Science 31(5): 541-558. Data: TIES v4.1 (TIESv4-1.csv)."
)
RELIABILITY_BINS: Final = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)


@dataclass(frozen=True)
class Fitted:
    """A fitted multinomial model: ``coef`` (K, P), ``intercept`` (K,), penalty ``C``."""

    coef: np.ndarray
    intercept: np.ndarray
    C: float
    cv_log_loss: dict[float, float] = field(default_factory=dict)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities, shape (N, K), rows summing to 1."""
        return softmax(X @ self.coef.T + self.intercept)


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of scores ``z`` (..., K), stable for large scores."""
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def _fit_c(X: np.ndarray, y: np.ndarray, C: float) -> Fitted:
    model = LogisticRegression(C=C, solver="newton-cg", max_iter=500, tol=1e-6)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    # Classes absent from a training fold get no row from sklearn: give them a
    # score far below the others rather than a crash (rare class, small fold).
    k = len(OUTCOMES)
    coef = np.zeros((k, X.shape[1]))
    intercept = np.full(k, -30.0)
    for row, cls in enumerate(model.classes_):
        coef[int(cls)] = model.coef_[row]
        intercept[int(cls)] = model.intercept_[row]
    return Fitted(coef, intercept, C)


def fit_multinomial(
    X: np.ndarray, y: np.ndarray, seed: int = 0, grid: tuple[float, ...] | None = None
) -> Fitted:
    """Fit on (X, y), ``y`` class indices into OUTCOMES; C by inner stratified CV log loss.

    ``grid`` is the set of C tried (default :data:`C_GRID`, read at call time).
    """
    folds = StratifiedKFold(n_splits=INNER_FOLDS, shuffle=True, random_state=seed)
    scores: dict[float, float] = {}
    splits = list(folds.split(X, y))
    for C in grid or C_GRID:
        losses = []
        for train, test in splits:
            p = _fit_c(X[train], y[train], C).predict_proba(X[test])
            losses.append(log_loss(p, y[test]))
        scores[C] = float(np.mean(losses))
    best = min(scores, key=lambda c: scores[c])
    fitted = _fit_c(X, y, best)
    return Fitted(fitted.coef, fitted.intercept, best, scores)


def laplace_covariance(X: np.ndarray, fitted: Fitted) -> np.ndarray:
    """Approximate covariance of the parameters, shape (K*(P+1), K*(P+1)).

    Parameters are ordered class by class, each ``[intercept, coef_1..coef_P]``.
    sklearn minimises ``0.5*|W|^2 + C * sum_i NLL_i`` (intercepts unpenalised),
    so the Hessian of ``sum NLL + |W|^2 / (2C)`` is ``sum_i H_i + I/C`` on the
    coefficients. The common shift of all intercepts leaves the softmax
    unchanged (a null direction): it is dropped by a pseudo-inverse.
    """
    n, p = X.shape
    k = fitted.coef.shape[0]
    Xa = np.hstack([np.ones((n, 1)), X])  # (N, P+1)
    probs = fitted.predict_proba(X)  # (N, K)
    hess = np.zeros((k * (p + 1), k * (p + 1)))
    for a in range(k):
        for b in range(a, k):
            w = probs[:, a] * ((a == b) - probs[:, b])  # (N,)
            block = (Xa * w[:, None]).T @ Xa
            hess[a * (p + 1) : (a + 1) * (p + 1), b * (p + 1) : (b + 1) * (p + 1)] = block
            hess[b * (p + 1) : (b + 1) * (p + 1), a * (p + 1) : (a + 1) * (p + 1)] = block.T
    penalty = np.ones(k * (p + 1)) / fitted.C
    penalty[:: p + 1] = 0.0  # intercepts are not penalised
    hess += np.diag(penalty)
    values, vectors = np.linalg.eigh(hess)
    keep = values > values.max() * 1e-10
    inv = np.where(keep, 1.0 / np.where(keep, values, 1.0), 0.0)
    cov: np.ndarray = (vectors * inv) @ vectors.T
    return cov


def log_loss(probs: np.ndarray, y: np.ndarray) -> float:
    """Mean negative natural log of the probability given to the observed class."""
    p = np.clip(probs[np.arange(len(y)), y], 1e-15, 1.0)
    return float(-np.mean(np.log(p)))


def brier(probs: np.ndarray, y: np.ndarray) -> float:
    """Multi-class Brier score: mean over cases of the summed squared error (0..2)."""
    onehot = np.eye(probs.shape[1])[y]
    return float(np.mean(np.sum((probs - onehot) ** 2, axis=1)))


def _class_indices(outcomes: list[str]) -> np.ndarray:
    return np.array([OUTCOMES.index(o) for o in outcomes])  # type: ignore[arg-type]


def fit_ties(path: Path, command: str, seed: int = 0) -> dict[str, Any]:
    """Fit on every TIES threat case of ``path``; the JSON document to ship."""
    cases = load_ties(path)
    X = encode_many(cases.features)
    y = _class_indices(list(cases.outcomes))
    fitted = fit_multinomial(X, y, seed=seed)
    cov = laplace_covariance(X, fitted)
    counts = np.bincount(y, minlength=len(OUTCOMES))
    return {
        "model": "ties-multinomial",
        "format": 1,
        "classes": list(OUTCOMES),
        "features": {name: list(levels) for name, levels in FEATURES.items()},
        "columns": columns(),
        "intercept": _round(fitted.intercept),
        "coef": [_round(row) for row in fitted.coef],
        "C": fitted.C,
        "cv_log_loss_by_C": {f"{c:.6g}": round(v, 5) for c, v in fitted.cv_log_loss.items()},
        "parameter_order": "class by class (classes order), each [intercept, *columns]",
        "covariance_lower": [_round(cov[i, : i + 1]) for i in range(cov.shape[0])],
        "level_frequencies": level_frequencies(cases.features),
        "n_cases": int(len(y)),
        "class_counts": {o: int(c) for o, c in zip(OUTCOMES, counts, strict=True)},
        "excluded_cases": cases.excluded,
        "data": {
            "citation": CITATION,
            "file": path.name,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        },
        "fitted": {
            "date": datetime.now(UTC).date().isoformat(),
            "command": command,
            "seed": seed,
            "scikit_learn": sklearn.__version__,
            "numpy": np.__version__,
        },
        "model_card": "docs/models/threat-outcome.md",
    }


def level_frequencies(features: list[dict[str, str]]) -> dict[str, dict[str, float]]:
    """Per feature, the share of each coded (non-missing) level among the cases."""
    out: dict[str, dict[str, float]] = {}
    for name, levels in FEATURES.items():
        counts = {lv: sum(1 for f in features if f[name] == lv) for lv in levels if lv != MISSING}
        total = sum(counts.values())
        out[name] = {lv: round(c / total, 6) for lv, c in counts.items() if total and c}
    return out


def _round(values: np.ndarray) -> list[float]:
    return [float(f"{v:.6g}") for v in values]


@dataclass(frozen=True)
class ReliabilityRow:
    """One bin of predicted probability: cases, mean forecast, observed frequency."""

    outcome: str
    low: float
    high: float
    n: int
    predicted: float
    observed: float


@dataclass(frozen=True)
class BacktestReport:
    """Out-of-sample scores of the model and of the base rate, over ``folds`` folds."""

    folds: int
    seed: int
    n_cases: int
    model_log_loss: float
    base_log_loss: float
    model_brier: float
    base_brier: float
    chosen_C: list[float]
    reliability: list[ReliabilityRow]

    @property
    def log_loss_gain(self) -> float:
        """Relative improvement of log loss over the base rate (0.05 = 5% lower)."""
        return 1.0 - self.model_log_loss / self.base_log_loss

    @property
    def brier_gain(self) -> float:
        """Relative improvement of the Brier score over the base rate."""
        return 1.0 - self.model_brier / self.base_brier


def backtest(
    path: Path, folds: int = 10, seed: int = 0, grid: tuple[float, ...] | None = None
) -> BacktestReport:
    """k-fold CV of the model (C chosen inside each training fold) beside the base rate."""
    cases = load_ties(path)
    if not 2 <= folds <= len(cases.outcomes) // 10:
        raise UserError(
            f"{path}: --folds must be between 2 and {len(cases.outcomes) // 10} "
            f"for {count(len(cases.outcomes), 'case')}, got {folds}"
        )
    X = encode_many(cases.features)
    y = _class_indices(list(cases.outcomes))
    outer = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    model_p = np.zeros((len(y), len(OUTCOMES)))
    base_p = np.zeros_like(model_p)
    chosen = []
    for train, test in outer.split(X, y):
        fitted = fit_multinomial(X[train], y[train], seed=seed, grid=grid)
        chosen.append(fitted.C)
        model_p[test] = fitted.predict_proba(X[test])
        freq = np.bincount(y[train], minlength=len(OUTCOMES)) / len(train)
        base_p[test] = freq
    return BacktestReport(
        folds=folds,
        seed=seed,
        n_cases=len(y),
        model_log_loss=log_loss(model_p, y),
        base_log_loss=log_loss(base_p, y),
        model_brier=brier(model_p, y),
        base_brier=brier(base_p, y),
        chosen_C=chosen,
        reliability=reliability(model_p, y),
    )


def reliability(probs: np.ndarray, y: np.ndarray) -> list[ReliabilityRow]:
    """Per outcome, cases binned by predicted probability: mean forecast vs frequency."""
    rows = []
    edges = RELIABILITY_BINS
    for k, outcome in enumerate(OUTCOMES):
        hit = (y == k).astype(float)
        for low, high in zip(edges[:-1], edges[1:], strict=True):
            upper = probs[:, k] <= high if high >= 1.0 else probs[:, k] < high
            mask = (probs[:, k] >= low) & upper
            if mask.any():
                rows.append(
                    ReliabilityRow(
                        outcome, low, high, int(mask.sum()),
                        float(probs[mask, k].mean()), float(hit[mask].mean()),
                    )
                )
    return rows
