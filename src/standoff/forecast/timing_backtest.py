"""Back-test P(imposed within h days) on TIES the way the tool runs it (never at runtime).

Folds are grouped by start date (cases of one episode, begun the same day, stay in one
fold). In every training fold the outcome model is refitted (``fit_multinomial``) and the
timing curve too (``kaplan_meier``). Each held-out threat still pending on its first day
(not imposed on day 0, as a threat the tool forecasts is) gets the runtime's forecast:
P(imposed) with the judgement features (commitment, anticipated costs) unknown and
averaged, timed by ``imposed_between(p, F(h), F(0))``. It is scored against whether it
was imposed within h days; a case still open before day h has no label and is skipped.

Beside it: the base rate (the training folds' share imposed within h among those
pending on day 0) and the formula without the condition, p * F(h). Differences in
Brier score carry 90% intervals from a bootstrap over start-date groups.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
from sklearn.model_selection import GroupKFold

from standoff.errors import UserError
from standoff.forecast.coercion_fit import fit_multinomial
from standoff.forecast.coercion_model import CoercionModel
from standoff.forecast.coercion_spec import OUTCOMES, UNKNOWN, encode_many, level_frequencies
from standoff.forecast.coercion_ties import _int, _read_rows, code_case, outcome_of
from standoff.forecast.timing import TimingCurve, imposed_between
from standoff.forecast.timing_fit import kaplan_meier
from standoff.forecast.timing_ties import Spell, spell_of

HORIZONS: Final = (30, 90, 365)
JUDGEMENTS: Final = ("commitment", "target_costs", "sender_costs")  # unknown at runtime
BINS: Final = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)
BOOTSTRAP: Final = 1000
LEVEL: Final = 0.9


@dataclass(frozen=True)
class Case:
    """One TIES threat case: features, outcome (None when unresolved), spell, group."""

    features: dict[str, str]
    outcome: str | None
    spell: Spell
    group: str


@dataclass(frozen=True)
class Scores:
    """Brier scores at one horizon, with 90% intervals on the differences."""

    horizon: int
    n: int
    observed: float
    model: float
    base: float
    unconditioned: float
    gain_vs_base: tuple[float, float, float]  # base - model: point, low, high
    gain_vs_unconditioned: tuple[float, float, float]
    reliability: list[tuple[str, int, float, float, float, float]]  # bin, n, mean, obs, lo, hi


def load_cases(path: Path) -> list[Case]:
    """Every TIES threat case with a spell (imposed, unresolved or resolved)."""
    cases = []
    for row in _read_rows(path):
        if _int(row["threat"]) != 1:
            continue
        spell, kind = spell_of(row)
        if spell is None:
            continue
        # An imposed spell's outcome is imposed, resolved or not (outcome_of leaves the
        # unresolved impositions out of the outcome model's own cases).
        outcome = "imposed" if kind == "imposed" else outcome_of(row)[0]
        group = spell.start.isoformat()
        cases.append(Case(code_case(row), outcome if kind != "unresolved" else None, spell, group))
    return cases


def backtest_timing(
    path: Path, folds: int = 10, seed: int = 0, grid: tuple[float, ...] | None = None
) -> list[Scores]:
    """Grouped k-fold scores of P(imposed within h) for every h in :data:`HORIZONS`.

    ``grid``: the C values the outcome model's inner CV tries (default its own grid).
    """
    cases = load_cases(path)
    if not 2 <= folds <= 20:
        raise UserError(f"folds must be between 2 and 20, got {folds}")
    groups = np.array([c.group for c in cases])
    model_p = np.full((len(cases), len(HORIZONS)), np.nan)
    plain_p = np.full_like(model_p, np.nan)
    base_p = np.full_like(model_p, np.nan)
    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(cases)), groups=groups):
        p_imposed, curve = _fit_fold(
            [cases[i] for i in train], [cases[i] for i in test], seed, grid
        )
        f0 = curve(0)
        for k, h in enumerate(HORIZONS):
            fh = curve(h)
            model_p[test, k] = [imposed_between(p, fh, f0) for p in p_imposed]
            plain_p[test, k] = p_imposed * fh
            base_p[test, k] = _base_rate([cases[i] for i in train], h)
    return [
        _scores(h, cases, groups, model_p[:, k], base_p[:, k], plain_p[:, k], seed)
        for k, h in enumerate(HORIZONS)
    ]


def label(case: Case, h: int) -> float | None:
    """1 if imposed within ``h`` days, 0 if not, None if still open before day h."""
    s = case.spell
    if s.imposed:
        return 1.0 if s.days <= h else 0.0
    if case.outcome is not None:  # resolved without imposition
        return 0.0
    return 0.0 if s.days >= h else None


def _fit_fold(
    train: Sequence[Case], test: Sequence[Case], seed: int, grid: tuple[float, ...] | None
) -> tuple[np.ndarray, TimingCurve]:
    """P(imposed) for ``test`` as the runtime computes it, and the training timing curve."""
    known = [c for c in train if c.outcome is not None]
    X = encode_many([c.features for c in known])
    y = np.array([OUTCOMES.index(c.outcome) for c in known])  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a rare class below 5 in an inner fold
        fitted = fit_multinomial(X, y, seed=seed, grid=grid)
    size = fitted.coef.size + fitted.intercept.size
    model = CoercionModel(
        fitted.coef,
        fitted.intercept,
        np.zeros((size, 0)),
        {},
        level_frequencies([c.features for c in known]),
    )
    at = OUTCOMES.index("imposed")
    p = np.array(
        [
            model.mixture_probabilities({**c.features, **dict.fromkeys(JUDGEMENTS, UNKNOWN)})[at]
            for c in test
        ]
    )
    curve, _, _ = kaplan_meier([c.spell for c in train if c.outcome is None or c.spell.imposed])
    return p, curve


def _base_rate(train: Sequence[Case], h: int) -> float:
    labels = [label(c, h) for c in train if not (c.spell.imposed and c.spell.days == 0)]
    known = [v for v in labels if v is not None]
    return float(np.mean(known)) if known else 0.0


def _scores(
    h: int,
    cases: Sequence[Case],
    groups: np.ndarray,
    model: np.ndarray,
    base: np.ndarray,
    plain: np.ndarray,
    seed: int,
) -> Scores:
    keep = [
        i
        for i, c in enumerate(cases)
        if not (c.spell.imposed and c.spell.days == 0) and label(c, h) is not None
    ]
    y = np.array([label(cases[i], h) for i in keep], dtype=float)
    m, b, u = model[keep], base[keep], plain[keep]
    g = groups[keep]
    return Scores(
        horizon=h,
        n=len(keep),
        observed=float(y.mean()),
        model=_brier(m, y),
        base=_brier(b, y),
        unconditioned=_brier(u, y),
        gain_vs_base=_gain(b, m, y, g, seed),
        gain_vs_unconditioned=_gain(u, m, y, g, seed),
        reliability=_reliability(m, y),
    )


def _brier(p: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((p - y) ** 2))


def _gain(
    other: np.ndarray, model: np.ndarray, y: np.ndarray, groups: np.ndarray, seed: int
) -> tuple[float, float, float]:
    """Brier(other) - Brier(model), with a 90% interval resampling start-date groups."""
    diff = (other - y) ** 2 - (model - y) ** 2
    names, index = np.unique(groups, return_inverse=True)
    sums = np.bincount(index, weights=diff, minlength=len(names))
    sizes = np.bincount(index, minlength=len(names))
    rng = np.random.default_rng(seed)
    picks = rng.integers(len(names), size=(BOOTSTRAP, len(names)))
    boot = sums[picks].sum(axis=1) / sizes[picks].sum(axis=1)
    low, high = np.quantile(boot, [(1 - LEVEL) / 2, (1 + LEVEL) / 2])
    return float(diff.mean()), float(low), float(high)


def _reliability(p: np.ndarray, y: np.ndarray) -> list[tuple[str, int, float, float, float, float]]:
    """Per forecast bin: cases, mean forecast, observed share and its 90% Wilson interval."""
    rows = []
    z = 1.6449  # two-sided 90%
    for lo, hi in zip(BINS[:-1], BINS[1:], strict=True):
        inside = (p >= lo) & ((p < hi) | (hi == BINS[-1]))
        n = int(inside.sum())
        if not n:
            continue
        obs = float(y[inside].mean())
        centre = (obs + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(obs * (1 - obs) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        rows.append(
            (
                f"{lo:.1f}-{hi:.1f}",
                n,
                float(p[inside].mean()),
                obs,
                float(centre - half),
                float(centre + half),
            )
        )
    return rows


def format_scores(scores: Sequence[Scores], folds: int, seed: int) -> str:
    """The back-test as Markdown tables (what the model card quotes)."""
    lines = [
        f"Grouped {folds}-fold CV by start date, seed {seed}; threats pending on day 0.",
        "",
        "| within | cases | imposed | Brier model | base rate | p x F(h) | "
        "base - model [90%] | p x F(h) - model [90%] |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        gb, gu = s.gain_vs_base, s.gain_vs_unconditioned
        lines.append(
            f"| {s.horizon} days | {s.n} | {s.observed:.3f} | {s.model:.4f} | {s.base:.4f} | "
            f"{s.unconditioned:.4f} | {gb[0]:+.4f} [{gb[1]:+.4f}, {gb[2]:+.4f}] | "
            f"{gu[0]:+.4f} [{gu[1]:+.4f}, {gu[2]:+.4f}] |"
        )
    for s in scores:
        lines += [
            "",
            f"Reliability, within {s.horizon} days:",
            "",
            "| forecast bin | cases | mean forecast | observed | 90% interval |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {b} | {n} | {m:.3f} | {o:.3f} | {lo:.3f}-{hi:.3f} |"
            for b, n, m, o, lo, hi in s.reliability
        ]
    return "\n".join(lines)
