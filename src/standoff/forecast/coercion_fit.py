"""Fit and back-test the threat-outcome model on TIES (scikit-learn; never at runtime).

* :func:`fit_multinomial` - multinomial logistic regression, L2 penalty, its
  strength ``C`` chosen by stratified cross-validation on the data it is given
  (in a back-test: the training folds only).
* :func:`laplace_covariance` - the approximate sampling covariance of the
  coefficients: the inverse Hessian of the penalised negative log-likelihood
  at the fit (Laplace approximation), used at runtime to draw coefficients.
* :func:`fit_ties` - the JSON document shipped in ``data/coercion/``.

The back-test (grouped folds, runtime information) is ``coercion_backtest``.
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
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from standoff.forecast.coercion_spec import (
    FEATURES,
    OUTCOMES,
    columns,
    encode_many,
    level_frequencies,
)
from standoff.forecast.coercion_ties import EPISODE_RULE, episodes, load_ties

C_GRID: Final = tuple(float(c) for c in np.logspace(-2.5, 1.5, 9))
INNER_FOLDS: Final = 5
CITATION: Final = (
    "Morgan, T. Clifton, Navin Bapat and Yoshiharu Kobayashi (2014). Threat and imposition "
    "of economic sanctions 1945-2005: updating the TIES dataset. Conflict Management and "
    "Peace Science 31(5): 541-558. Data: TIES v4.1 (TIESv4-1.csv)."
)


def data_record(path: Path) -> dict[str, str]:
    """Where a fit's TIES data came from: the citation, the file's name and its SHA-256
    (written beside every coefficient file fitted on TIES)."""
    return {
        "citation": CITATION,
        "file": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }


def fitted_record(command: str, **versions: Any) -> dict[str, Any]:
    """When and how a fit was made: today's date (UTC), the command, then ``versions``
    (seed and library versions) in the order given."""
    return {"date": datetime.now(UTC).date().isoformat(), "command": command, **versions}


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
    X: np.ndarray,
    y: np.ndarray,
    seed: int = 0,
    grid: tuple[float, ...] | None = None,
    groups: np.ndarray | None = None,
) -> Fitted:
    """Fit on (X, y), ``y`` class indices into OUTCOMES; C by inner stratified CV log loss.

    ``grid`` is the set of C tried (default :data:`C_GRID`, read at call time);
    ``groups`` (N,), when given, keeps each group's cases in one inner fold.
    """
    scores: dict[float, float] = {}
    if groups is None:
        folds = StratifiedKFold(n_splits=INNER_FOLDS, shuffle=True, random_state=seed)
        splits = list(folds.split(X, y))
    else:
        grouped = StratifiedGroupKFold(n_splits=INNER_FOLDS, shuffle=True, random_state=seed)
        splits = list(grouped.split(X, y, groups))
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


def class_indices(outcomes: list[str]) -> np.ndarray:
    """Each outcome's row in :data:`OUTCOMES`, shape (N,)."""
    return np.array([OUTCOMES.index(o) for o in outcomes])  # type: ignore[arg-type]


def fit_ties(path: Path, command: str, seed: int = 0) -> dict[str, Any]:
    """Fit on every TIES threat case of ``path``; the JSON document to ship."""
    cases = load_ties(path)
    X = encode_many(cases.features)
    y = class_indices(list(cases.outcomes))
    # C by inner CV with each episode in one fold, as the back-test chooses it.
    fitted = fit_multinomial(X, y, seed=seed, groups=episodes(cases.starts, cases.dyad_years))
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
        "C_chosen_by": f"{INNER_FOLDS}-fold CV log loss, stratified, {EPISODE_RULE}",
        "cv_log_loss_by_C": {f"{c:.6g}": round(v, 5) for c, v in fitted.cv_log_loss.items()},
        "parameter_order": "class by class (classes order), each [intercept, *columns]",
        "covariance_lower": [_round(cov[i, : i + 1]) for i in range(cov.shape[0])],
        "level_frequencies": level_frequencies(cases.features),
        "n_cases": int(len(y)),
        "class_counts": {o: int(c) for o, c in zip(OUTCOMES, counts, strict=True)},
        "excluded_cases": cases.excluded,
        "data": data_record(path),
        "fitted": fitted_record(
            command, seed=seed, scikit_learn=sklearn.__version__, numpy=np.__version__
        ),
        "model_card": "docs/models/threat-outcome.md",
    }


def _round(values: np.ndarray) -> list[float]:
    return [float(f"{v:.6g}") for v in values]
