"""The threat-outcome model's features, their levels, and how they become a vector.

One place for the model's inputs: the TIES loader (training) and the threat
coder (runtime) both produce a ``{feature name: level}`` mapping, and
:func:`encode` turns it into the one-hot row the coefficients multiply.
Every feature has an explicit ``missing`` level, so a case the coders (or the
reader) could not code is kept, not dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np

from standoff.errors import UserError
from standoff.model import Outcome

MISSING: Final = "missing"
# Not a model level: "the reading cannot tell". Prediction averages over the levels
# TIES coders gave the feature, weighted by their frequency (coercion.predict_threat).
UNKNOWN: Final = "unknown"

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

def columns() -> list[str]:
    """Column names of the design matrix, ``feature=level``, in order."""
    return [f"{name}={level}" for name, levels in FEATURES.items() for level in levels]


_COLUMN_INDEX: Final[dict[str, int]] = {c: i for i, c in enumerate(columns())}
N_COLUMNS: Final = len(_COLUMN_INDEX)


def encode(values: Mapping[str, str]) -> np.ndarray:
    """One-hot row (shape ``(N_COLUMNS,)``, float64) of one case's feature levels.

    A feature absent from ``values`` is coded ``missing``.
    """
    row = np.zeros(N_COLUMNS)
    for name in FEATURES:
        row[_COLUMN_INDEX[f"{name}={values.get(name, MISSING)}"]] = 1.0
    return row


def encode_many(cases: Sequence[Mapping[str, str]]) -> np.ndarray:
    """Design matrix, shape ``(len(cases), N_COLUMNS)``."""
    if not cases:
        return np.zeros((0, N_COLUMNS))
    return np.vstack([encode(c) for c in cases])


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
