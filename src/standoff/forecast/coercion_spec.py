"""The threat-outcome model's features, their levels, and how they become a vector.

One place for the model's inputs: the TIES loader (training) and the threat
coder (runtime) both produce a ``{feature name: level}`` mapping, and
:func:`encode_many` turns them into the one-hot rows the coefficients multiply.
Every feature has an explicit ``missing`` level: a TIES case its coders left blank is
kept in the fit, not dropped. No forecast uses that level for a blank: what is not
known is ``unknown`` and averaged (:func:`mixture`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np

from standoff.errors import UserError
from standoff.model import Outcome

Features = Mapping[str, tuple[str, ...]]  # feature name -> its levels, in column order

MISSING: Final = "missing"
# Not a model level: "the reading cannot tell". Prediction averages over the levels
# TIES coders gave the feature, weighted by their frequency (coercion.predict_threat).
UNKNOWN: Final = "unknown"

# What a reading never tells: the TIES coders' judgements. At runtime they are always
# ``unknown`` (averaged) unless an analyst sets them; the back-test evaluates them so.
NOT_READ: Final[tuple[str, ...]] = ("commitment", "target_costs", "sender_costs")

# Class order of the model (rows of the coefficient matrix).
OUTCOMES: Final[tuple[Outcome, ...]] = ("concede", "settle", "back_down", "imposed", "stalemate")

# Feature name -> its levels, in column order. Each feature is one-hot coded,
# every level (missing included) a column: the L2 penalty makes that identifiable.
FEATURES: Final[dict[str, tuple[str, ...]]] = {
    "sender_major": ("yes", "no", MISSING),
    "target_major": ("yes", "no", MISSING),
    "issue": ("trade", "security", "regime_rights", "economic_policy", "other", MISSING),
    "threat_trade": ("yes", "no", MISSING),
    "threat_financial": ("yes", "no", MISSING),
    "threat_embargo": ("yes", "no", MISSING),
    "threat_other": ("yes", "no", MISSING),
    "specific": ("yes", "no", MISSING),
    "commitment": ("weak", "moderate", "strong", MISSING),
    "target_costs": ("minor", "major", "severe", MISSING),
    "sender_costs": ("minor", "major", MISSING),
    "multilateral": ("yes", "no", MISSING),
}

FEATURE_HELP: Final[dict[str, str]] = {
    "sender_major": "the sender is a COW major power",
    "target_major": "the target is a COW major power",
    "issue": "what the sender demands, grouped from TIES issue codes",
    "threat_trade": "trade measures threatened (tariffs, import/export limits, partial embargo)",
    "threat_financial": "financial measures threatened (asset freeze, aid cut-off)",
    "threat_embargo": "total embargo or blockade threatened",
    "threat_other": "other or unspecified measures threatened (travel bans, 'sanctions')",
    "specific": "the threat specifies the sanction (TIES bspecif)",
    "commitment": "the sender's commitment (TIES scommit)",
    "target_costs": "costs the sanction would impose on the target (TIES anticipatedtargetcosts)",
    "sender_costs": "costs the sanction would impose on the sender (major includes severe)",
    "multilateral": "several senders or an international institution",
}


def columns(features: Features = FEATURES) -> list[str]:
    """Column names of the design matrix, ``feature=level``, in order."""
    return [f"{name}={level}" for name, levels in features.items() for level in levels]


_COLUMN_INDEX: Final[dict[str, int]] = {c: i for i, c in enumerate(columns())}


def encode_many(cases: Sequence[Mapping[str, str]], features: Features = FEATURES) -> np.ndarray:
    """Design matrix, shape ``(len(cases), columns)``; ``features`` another encoding than the
    model's (the back-test's candidates), every level a column as in :data:`FEATURES`."""
    index = (
        _COLUMN_INDEX if features is FEATURES else {c: i for i, c in enumerate(columns(features))}
    )
    out = np.zeros((len(cases), len(index)))
    for row, case in enumerate(cases):
        for name in features:
            out[row, index[f"{name}={case.get(name, MISSING)}"]] = 1.0
    return out


def level_frequencies(
    cases: Sequence[Mapping[str, str]], features: Features = FEATURES
) -> dict[str, dict[str, float]]:
    """Per feature, the share of each coded (non-missing) level among the cases."""
    out: dict[str, dict[str, float]] = {}
    for name, levels in features.items():
        counts = {lv: sum(1 for f in cases if f[name] == lv) for lv in levels if lv != MISSING}
        total = sum(counts.values())
        out[name] = {lv: round(c / total, 6) for lv, c in counts.items() if total and c}
    return out


def mixture(
    values: Mapping[str, str],
    frequencies: Mapping[str, Mapping[str, float]],
    features: Features = FEATURES,
) -> tuple[list[dict[str, str]], np.ndarray]:
    """The codings (C of them) and weights (C,) that average a case's ``unknown`` features.

    Each ``unknown`` feature takes every level in ``frequencies`` (the levels TIES coders
    gave it), weighted by its share; unknown features are taken as independent. The
    runtime forecast (``CoercionModel``) and the back-test average with this one function.
    """
    combos: list[tuple[dict[str, str], float]] = [({}, 1.0)]
    for name in features:
        level = values.get(name, MISSING)
        options = frequencies[name].items() if level == UNKNOWN else [(level, 1.0)]
        combos = [({**c, name: lv}, w * f) for c, w in combos for lv, f in options]
    weights = np.array([w for _, w in combos])
    return [c for c, _ in combos], weights / weights.sum()


def check_level(name: str, value: object) -> str:
    """The level ``value`` names for feature ``name``; UserError listing valid ones if none."""
    if name not in FEATURES:
        raise UserError(
            f"unknown feature {name!r} in overrides; valid features: {', '.join(FEATURES)}"
        )
    level = _as_level(value)
    if level not in FEATURES[name] and level != UNKNOWN:
        raise UserError(
            f"invalid value {value!r} for feature {name!r}; valid values: "
            f"{', '.join(FEATURES[name])}, {UNKNOWN}"
        )
    return level


def _as_level(value: object) -> str:
    # Overrides may come from a CLI or a YAML scenario as bool/int: 1/True read "yes".
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float) and value in (0, 1):
        return "yes" if value == 1 else "no"
    return str(value).strip().lower()
