"""The fitted threat-outcome model at runtime: numpy and the shipped JSON, nothing else.

The JSON (``data/coercion/ties-multinomial.json``, written by
``standoff fit ties``) holds the class order, the feature encoding, the
intercepts and coefficients, and the lower triangle of the coefficients'
approximate covariance. Prediction never refits and never reads TIES.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import numpy as np

from standoff.errors import UserError
from standoff.forecast.coercion_spec import (
    FEATURES,
    OUTCOMES,
    columns,
    encode_many,
    mixture,
)

DEFAULT_MODEL_PATH: Final = (
    Path(__file__).resolve().parents[1] / "data" / "coercion" / "ties-multinomial.json"
)


@dataclass(frozen=True)
class CoercionModel:
    """Coefficients ``coef`` (K, P), ``intercept`` (K,), and ``factor`` (K*(P+1), R).

    ``factor @ factor.T`` is the parameter covariance (order: class by class,
    ``[intercept, *coef]``); a draw is ``mean + factor @ z`` with z standard normal.
    """

    coef: np.ndarray
    intercept: np.ndarray
    factor: np.ndarray
    document: dict[str, Any]
    frequencies: dict[str, dict[str, float]]

    def mixture(self, values: Mapping[str, str]) -> tuple[np.ndarray, np.ndarray]:
        """Rows (C, P) and weights (C,) for a coding whose ``unknown`` features are averaged
        over the levels TIES coders gave them (:func:`coercion_spec.mixture`)."""
        combos, weights = mixture(values, self.frequencies)
        return encode_many(combos), weights

    def mixture_probabilities(self, values: Mapping[str, str]) -> np.ndarray:
        """Point-estimate probabilities (K,) averaged over the unknown features' levels."""
        rows, weights = self.mixture(values)
        out: np.ndarray = weights @ self.probabilities(rows)
        return out

    def draw_mixture(
        self, values: Mapping[str, str], draws: int, rng: np.random.Generator
    ) -> np.ndarray:
        """(draws, K) probabilities: each draw picks the unknown levels, then coefficients."""
        rows, weights = self.mixture(values)
        pick = rng.choice(len(weights), size=draws, p=weights)
        out = np.empty((draws, len(self.intercept)))
        for c in np.unique(pick):
            where = pick == c
            out[where] = self.draw_probabilities(rows[c], int(where.sum()), rng)
        return out

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        """Point-estimate probabilities, shape (N, K), for one-hot rows X (N, P)."""
        return _softmax(X @ self.coef.T + self.intercept)

    def draw_probabilities(self, x: np.ndarray, draws: int, rng: np.random.Generator) -> np.ndarray:
        """Probabilities under ``draws`` coefficient draws for one row ``x`` (P,): (draws, K)."""
        # The K scores are linear in the parameters, so under a Gaussian draw of
        # the parameters they are Gaussian too: draw the K scores directly
        # (exactly the same distribution, far cheaper than drawing K*(P+1) numbers).
        k, p = self.coef.shape
        blocks = self.factor.reshape(k, p + 1, -1)  # (K, P+1, R)
        score_factor = blocks[:, 0, :] + np.einsum("p,kpr->kr", x, blocks[:, 1:, :])  # (K, R)
        cov = score_factor @ score_factor.T  # (K, K)
        values, vectors = np.linalg.eigh(cov)
        root = vectors * np.sqrt(np.clip(values, 0.0, None))  # cov = root @ root.T
        mean = self.coef @ x + self.intercept  # (K,)
        scores = mean + rng.standard_normal((draws, k)) @ root.T  # (draws, K)
        return _softmax(scores)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def parse_model(document: dict[str, Any], origin: str = "<model>") -> CoercionModel:
    """Check a coefficients document against this code's encoding and build the model."""
    try:
        classes = tuple(document["classes"])
        cols = list(document["columns"])
        coef = np.asarray(document["coef"], dtype=float)
        intercept = np.asarray(document["intercept"], dtype=float)
        lower = document["covariance_lower"]
        frequencies = {
            name: {str(lv): float(f) for lv, f in document["level_frequencies"][name].items()}
            for name in FEATURES
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"{origin}: not a threat-outcome coefficients file ({exc})") from None
    if (
        classes != OUTCOMES
        or cols != columns()
        or document.get("features") != {k: list(v) for k, v in FEATURES.items()}
    ):
        raise UserError(
            f"{origin}: its classes/feature encoding differ from this version's; "
            "refit with `standoff fit ties PATH`"
        )
    if coef.shape != (len(OUTCOMES), len(cols)) or intercept.shape != (len(OUTCOMES),):
        raise UserError(f"{origin}: coefficient shapes do not match the encoding")
    size = coef.size + intercept.size
    cov = np.zeros((size, size))
    for i, row in enumerate(lower):
        cov[i, : i + 1] = row
    cov = cov + np.tril(cov, -1).T
    # A symmetric square root; eigenvalues ~0 (the softmax's free intercept shift)
    # are dropped, so the factor is well defined for a semi-definite matrix.
    values, vectors = np.linalg.eigh(cov)
    keep = values > max(values.max(), 0.0) * 1e-10
    factor = vectors[:, keep] * np.sqrt(values[keep])
    for name, freq in frequencies.items():
        if not freq or any(lv not in FEATURES[name] for lv in freq):
            raise UserError(f"{origin}: bad level frequencies for {name!r}; refit")
    return CoercionModel(coef, intercept, factor, document, frequencies)


@lru_cache(maxsize=4)
def load_model(path: Path = DEFAULT_MODEL_PATH) -> CoercionModel:
    """Load (once per path) the coefficients JSON."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{path}: no such coefficients file; run `standoff fit ties`") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: not a JSON coefficients file ({exc})") from None
    return parse_model(document, str(path))
