"""Bueno de Mesquita's expected-utility model, as Scholz, Calbert and Smith (2011) specify it.

Scholz, J. B., Calbert, G. J. and Smith, G. A. (2011), "Unravelling Bueno De
Mesquita's group decision model", Journal of Theoretical Politics 23(4): 510-531.

One round, for every issue at once (arrays are (rows, actors) or
(rows, actors, actors); rows are issues, or Monte Carlo draws x issues):

1. Votes and the probability of success. Actor k casts
   ``v_k(i, j) = w_k (|x_k - x_j| - |x_k - x_i|)`` for i against j, with
   ``w_k`` = capability x salience. ``P_ij`` = the positive votes for i over the
   sum of the absolute votes (so ``P_ij + P_ji = 1``). Computed exactly in
   O(n^2 log n) per issue from sorted positions and prefix sums, not O(n^3).
2. Utilities with risk exponent r_i and distance ``d = |x_i - x_j| / range``:
   success ``U_s = 2 - 4 (0.5 - 0.5 d)^r``, failure ``U_f = 2 - 4 (0.5 + 0.5 d)^r``,
   status quo ``U_sq = 2 - 4 (0.5)^r``, things getting better / worse
   ``U_b, U_w = 2 - 4 (0.5 -/+ 0.25 (|x_i - mu| + d))^r`` (mu the weighted median).
3. Expected utility of i challenging j:
   ``EU_ij = s_j (P_ij U_s + (1 - P_ij) U_f) + (1 - s_j) U_s - Q U_sq``
   ``        - (1 - Q)(T U_b + (1 - T) U_w)``
   with ``s_j`` j's salience on 0-1 (the chance j resists).
4. Risk: with r = 1, each actor's danger is the sum of the others' EU of challenging
   it; ``R_i = (2 danger_i - max - min) / (max - min)``, ``r_i = (1 - R_i/3) / (1 + R_i/3)``
   (so r lies in [0.5, 2]). Step 3 is then redone with r_i.
5. Offers, seen by receiver i (with its own r_i) from proposer j:
   ``a = EU_ij`` (i challenging j), ``b = EU_ji`` (j challenging i).
   Conflict, i loses: ``b > a > 0`` -> i moves to x_j.
   Compromise: ``b > 0 > a`` and ``b > |a|`` -> i moves ``|a / b|`` of the way to x_j.
   Capitulation: ``b > 0 > a`` and ``|a| > b`` -> i moves to x_j.
   i takes the offer that moves it least (the paper's rule), all actors at once.

The outcome of a round is the capability x salience weighted mean (or median)
of the current positions. Every round's positions are kept (the trajectory).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import numpy as np
from numpy.typing import NDArray

from standoff.forecast.bargaining import (
    Array,
    BargainingModel,
    as_arrays,
    weighted_mean,
    weighted_median,
)
from standoff.forecast.scenario import Scenario, ScenarioArrays

OutcomeRule = Literal["mean", "median"]
_OUTCOME_RULES = {"mean": weighted_mean, "median": weighted_median}
# Elements of one (rows, actors, actors) array per chunk: caps memory near 16 MB an array.
_CHUNK_ELEMENTS = 2_000_000


@dataclass(frozen=True)
class EUResult:
    """A run of the expected-utility model.

    ``positions``: (rounds + 1, rows, actors), round 0 the input positions.
    ``outcome``: (rounds + 1, rows), the weighted mean/median after each round.
    ``risk``: (rounds, rows, actors), the risk exponent r_i used in each round.
    """

    actors: list[str]
    issues: list[str]
    positions: Array
    outcome: Array
    risk: Array

    @property
    def final(self) -> Array:
        """The predicted outcome per row after the last round: shape (rows,)."""
        return self.outcome[-1]


def win_probability(x: Array, w: Array) -> Array:
    """P[r, i, j]: the chance i beats j in the weighted vote; x, w (rows, actors).

    Exact (see :func:`_win_probability_sorted`); zero where x_i == x_j or where no
    vote separates them.
    """
    order = np.argsort(x, axis=1, kind="stable")
    inv = np.argsort(order, axis=1)
    xs = np.take_along_axis(x, order, axis=1)
    ws = np.take_along_axis(w, order, axis=1)
    dist = np.abs(xs[:, :, None] - xs[:, None, :])
    ps = _win_probability_sorted(xs, ws, dist)
    ps = np.take_along_axis(ps, inv[:, :, None], axis=1)
    return np.take_along_axis(ps, inv[:, None, :], axis=2)


def _win_probability_sorted(xs: Array, ws: Array, dist: Array) -> Array:
    """P for rows of ascending positions ``xs`` with weights ``ws``; ``dist`` = |x_i - x_j|.

    With ``A(t) = 2 sum_{x_k < t} w_k (x_k - t)`` (non-increasing in t), the votes for
    the lower of two positions lo < hi are ``A(lo) - A(mid)`` and for the higher
    ``(hi - lo) W + A(hi) - A(mid)``, W the total weight, mid = (lo + hi) / 2.
    A at the actors' own positions is a vector; only A(mid) needs a search.
    """
    rows, n = xs.shape
    offset = (np.arange(rows, dtype=float) * 1e4)[:, None]  # positions lie in [0, 100]
    flat = (xs + offset).ravel()
    cw = np.concatenate([[0.0], np.cumsum(ws.ravel())])
    cm = np.concatenate([[0.0], np.cumsum((ws * xs).ravel())])
    start = (np.arange(rows) * n)[:, None]

    def big_a(t: Array) -> Array:
        shape = t.shape
        g = np.searchsorted(flat, (t.reshape(rows, -1) + offset).ravel(), side="left")
        g = g.reshape(rows, -1)
        below_w = cw[g] - cw[start]
        below_m = cm[g] - cm[start]
        return (2.0 * (below_m - t.reshape(rows, -1) * below_w)).reshape(shape)

    a_at = big_a(xs)
    a_mid = big_a((xs[:, :, None] + xs[:, None, :]) * 0.5)  # ascending per row: fast search
    w_tot = (cw[start + n] - cw[start])[:, :, None]
    a_lo = np.maximum(a_at[:, :, None], a_at[:, None, :])
    a_hi = np.minimum(a_at[:, :, None], a_at[:, None, :])
    low_votes = np.maximum(a_lo - a_mid, 0.0)  # max(): rounding only
    high_votes = np.maximum(dist * w_tot + a_hi - a_mid, 0.0)
    total = low_votes + high_votes
    upper = np.triu(np.ones((n, n), dtype=bool), 1)[None]  # i < j: i holds the lower position
    mine = np.where(upper, low_votes, high_votes)
    ok = (total > 1e-12 * np.maximum(w_tot, 1.0)) & (dist > 0)
    return np.where(ok, mine / np.where(ok, total, 1.0), 0.0)


def _u(r: Array, inner: Array) -> Array:
    """2 - 4 * inner**r, with inner clipped at 0 (Scholz's utility transform)."""
    return 2.0 - 4.0 * np.maximum(inner, 0.0) ** r


class ExpectedUtility(BargainingModel):
    """The expected-utility model run round by round (see the module docstring).

    Parameters: ``rounds`` (>= 1); ``q`` the chance the status quo holds absent a
    challenge and ``t`` the chance it then improves (Scholz: q = 1); ``risk``
    ``"endogenous"`` (Scholz's R formula) or a fixed exponent in [0.5, 2];
    ``outcome`` the rule that turns positions into the predicted outcome.
    """

    name = "expected-utility"
    card = "docs/models/expected-utility.md"
    param_grid: ClassVar[dict[str, list[Any]]] = {
        "rounds": [1, 2, 3, 5, 8, 12],
        "outcome": ["mean", "median"],
        "risk": ["endogenous", 1.0],
    }

    def __init__(
        self,
        rounds: int = 10,
        q: float = 1.0,
        t: float = 1.0,
        risk: float | str = "endogenous",
        outcome: OutcomeRule = "mean",
    ) -> None:
        if not (isinstance(rounds, int | np.integer) and rounds >= 1):
            raise ValueError(f"rounds must be a positive integer, got {rounds!r}")
        for label, value in (("q", q), ("t", t)):
            if not (isinstance(value, int | float) and 0.0 <= value <= 1.0):
                raise ValueError(f"{label} must lie in [0, 1], got {value!r}")
        if risk != "endogenous" and not (
            isinstance(risk, int | float) and 0.5 <= float(risk) <= 2.0
        ):
            raise ValueError(f"risk must be 'endogenous' or a number in [0.5, 2], got {risk!r}")
        if outcome not in _OUTCOME_RULES:
            raise ValueError(f"outcome must be one of {sorted(_OUTCOME_RULES)}, got {outcome!r}")
        self.rounds = int(rounds)
        self.q = float(q)
        self.t = float(t)
        self.risk: float | str = risk if risk == "endogenous" else float(risk)
        self.outcome: OutcomeRule = outcome

    def predict(self, data: Scenario | ScenarioArrays) -> Array:
        return self.run(data).final

    def run(self, data: Scenario | ScenarioArrays) -> EUResult:
        """Run all rounds; rows are processed in chunks so memory stays bounded."""
        a = as_arrays(data)
        rows, n = a.position.shape
        step = max(1, _CHUNK_ELEMENTS // max(1, n * n))
        parts = [
            self._run_rows(
                a.position[s : s + step],
                a.salience[s : s + step] / 100.0,
                a.capability[s : s + step],
                a.present[s : s + step],
            )
            for s in range(0, rows, step)
        ]
        positions = np.concatenate([p[0] for p in parts], axis=1)
        risk = np.concatenate([p[1] for p in parts], axis=1)
        weight = a.weight
        rule = _OUTCOME_RULES[self.outcome]
        outcome = np.stack([rule(positions[k], weight) for k in range(positions.shape[0])])
        return EUResult(a.actors, a.issues, positions, outcome, risk)

    # ------------------------------------------------------------------ one chunk

    def _run_rows(
        self, x0: Array, s: Array, c: Array, present: NDArray[np.bool_]
    ) -> tuple[Array, Array]:
        """Positions (rounds+1, rows, n) and risk exponents (rounds, rows, n) for a chunk."""
        rows, n = x0.shape
        w = np.where(present, c * s, 0.0)
        span = x0.max(axis=1, initial=0.0, where=present) - x0.min(
            axis=1, initial=100.0, where=present
        )
        span = np.where(span > 0, span, 1.0)[:, None, None]
        x = x0.copy()
        history = [x.copy()]
        risks = []
        eye = np.eye(n, dtype=bool)[None]
        for _ in range(self.rounds):
            # The round is permutation-equivariant: run it with actors sorted by position
            # (fast ordered searches), then put the results back in the input order.
            order = np.argsort(x, axis=1, kind="stable")
            inv = np.argsort(order, axis=1)

            def sort(v: Any, order: NDArray[np.intp] = order) -> Any:
                return np.take_along_axis(v, order, axis=1)

            here = sort(present)
            pair = here[:, :, None] & here[:, None, :] & ~eye
            new, r = self._round(sort(x), sort(s), sort(w), pair, span)
            x = np.take_along_axis(new, inv, axis=1)
            history.append(x.copy())
            risks.append(np.take_along_axis(r, inv, axis=1))
        return np.stack(history), np.stack(risks) if risks else np.ones((0, rows, n))

    def _round(
        self, x: Array, s: Array, w: Array, pair: Array, span: Array
    ) -> tuple[Array, Array]:
        """One round for a chunk: new positions (rows, n) and the risk exponents used.

        With ``U_s - U_f = g`` and ``U_s - U_sq = h`` the expected utilities reduce to
        ``EU_ij = h - s_j (1 - P_ij) g`` (plus the ``1 - q`` term), which saves most
        of the array operations; ``1 - P_ij = P_ji`` wherever x_i != x_j.
        """
        rows, n = x.shape
        dist = np.abs(x[:, :, None] - x[:, None, :])
        p = _win_probability_sorted(x, w, dist)  # p[i, j]: i beats j (x ascending per row)
        d = np.where(pair, dist, 0.0) / span
        pt = np.swapaxes(p, 1, 2)  # pt[i, j] = P_ji
        if self.risk == "endogenous":
            # r = 1: U_s = 2d, U_f = -2d, U_sq = 0, so EU_ik = 2 d_ik (1 - 2 s_k P_ki); the
            # danger of k sums that over challengers i (same-place pairs have d = 0).
            danger = 2.0 * d.sum(axis=1) - 4.0 * s * (d * pt).sum(axis=1)
            if self.q < 1.0:
                danger = danger - (1.0 - self.q) * self._status_terms(x, w, d, span, 1.0).sum(
                    axis=1
                )
            valid = pair.any(axis=2)
            hi = np.where(valid, danger, -np.inf).max(axis=1, keepdims=True)
            lo = np.where(valid, danger, np.inf).min(axis=1, keepdims=True)
            spread = hi - lo
            ok = np.isfinite(spread) & (spread > 1e-12)
            hi, lo = np.where(ok, hi, 1.0), np.where(ok, lo, 0.0)  # no inf - inf below
            big_r = np.where(ok, (2 * danger - hi - lo) / np.where(ok, spread, 1.0), 0.0)
            # actors absent from the issue have no danger: risk-neutral, and R in [-1, 1]
            big_r = np.clip(np.where(valid, big_r, 0.0), -1.0, 1.0)
            r = (1 - big_r / 3) / (1 + big_r / 3)
        else:
            r = np.full((rows, n), float(self.risk))
        ri = r[:, :, None]
        # Utilities in float32: the powers dominate the round and 7 digits are ample.
        r32 = ri.astype(np.float32)
        d32 = d.astype(np.float32)
        half_r = np.float32(0.5) ** r32
        us = 2.0 - 4.0 * half_r * (1.0 - d32) ** r32
        uf = 2.0 - 4.0 * half_r * (1.0 + d32) ** r32
        g = us - uf
        h = us - (2.0 - 4.0 * half_r)
        a = h - s[:, None, :].astype(np.float32) * pt.astype(np.float32) * g  # i challenges j
        b = h - s[:, :, None].astype(np.float32) * p.astype(np.float32) * g  # j challenges i
        if self.q < 1.0:
            st = self._status_terms(x, w, d, span, ri)
            a = a - (1.0 - self.q) * st
            b = b - (1.0 - self.q) * np.swapaxes(st, 1, 2)
        xi = x[:, :, None]
        xj = x[:, None, :]
        yielding = (b > 0) & (a < 0)
        compromise = yielding & (b > -a)
        valid = (d > 0) & (((b > a) & (a > 0)) | yielding)
        target = np.where(compromise, xi + (xj - xi) * (-a / np.where(compromise, b, 1.0)), xj)
        move = np.where(valid, np.abs(target - xi), np.inf)
        best = np.argmin(move, axis=2)[:, :, None]
        take = np.isfinite(np.take_along_axis(move, best, axis=2)[:, :, 0])
        new = np.take_along_axis(target, best, axis=2)[:, :, 0]
        return np.clip(np.where(take, new, x), 0.0, 100.0), r

    def _status_terms(
        self, x: Array, w: Array, d: Array, span: Array, r: Array | float
    ) -> Array:
        """``T U_b + (1 - T) U_w`` for i challenging j: (rows, n, n); mu the weighted median."""
        mu = weighted_median(x, w)
        away = (np.abs(x - mu[:, None]) / span[:, :, 0])[:, :, None]
        ub = _u(np.asarray(r), 0.5 - 0.25 * (away + d))
        uw = _u(np.asarray(r), 0.5 + 0.25 * (away + d))
        return self.t * ub + (1.0 - self.t) * uw
