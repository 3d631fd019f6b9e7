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

from collections.abc import Callable
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
    n = xs.shape[1]
    big_a, w_tot2 = _vote_integral(xs, ws)
    w_tot = w_tot2[:, :, None]
    a_at = big_a(xs)
    a_mid = big_a((xs[:, :, None] + xs[:, None, :]) * 0.5)  # ascending per row: fast search
    a_lo = np.maximum(a_at[:, :, None], a_at[:, None, :])
    a_hi = np.minimum(a_at[:, :, None], a_at[:, None, :])
    low_votes = np.maximum(a_lo - a_mid, 0.0)  # max(): rounding only
    high_votes = np.maximum(dist * w_tot + a_hi - a_mid, 0.0)
    total = low_votes + high_votes
    upper = np.triu(np.ones((n, n), dtype=bool), 1)[None]  # i < j: i holds the lower position
    mine = np.where(upper, low_votes, high_votes)
    ok = (total > 1e-12 * np.maximum(w_tot, 1.0)) & (dist > 0)
    return np.where(ok, mine / np.where(ok, total, 1.0), 0.0)


def _vote_integral(xs: Array, ws: Array) -> tuple[Callable[[Array], Array], Array]:
    """``A(t)`` (see :func:`_win_probability_sorted`) for rows of ascending ``xs``, and W.

    ``A`` takes t of shape (rows, ...) and returns the same shape; W is (rows, 1).
    Rows are searched at once: row k's positions are offset by 1e4 k (positions lie in
    [0, 100]) so that one sorted flat array holds them all.
    """
    rows, n = xs.shape
    offset = (np.arange(rows, dtype=float) * 1e4)[:, None]
    flat = (xs + offset).ravel()
    cw = np.concatenate([[0.0], np.cumsum(ws.ravel())])
    cm = np.concatenate([[0.0], np.cumsum((ws * xs).ravel())])
    start = (np.arange(rows) * n)[:, None]

    def big_a(t: Array) -> Array:
        shape = t.shape
        t2 = t.reshape(rows, -1)
        g = np.searchsorted(flat, (t2 + offset).ravel(), side="left").reshape(rows, -1)
        below_w = cw[g] - cw[start]
        below_m = cm[g] - cm[start]
        return (2.0 * (below_m - t2 * below_w)).reshape(shape)

    return big_a, cw[start + n] - cw[start]


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
        span = np.where(span > 0, span, 1.0)[:, None]
        pairs = _PairIndex.of(rows, n)
        history = np.empty((self.rounds + 1, rows, n))
        risks = np.empty((self.rounds, rows, n))
        history[0] = x0
        for k in range(self.rounds):
            # The round is permutation-equivariant: run it with actors sorted by position
            # (pairs then run lower -> higher, and the vote searches are ordered), then put
            # the results back in the input order.
            order = np.argsort(history[k], axis=1, kind="stable")

            def sort(v: Any, order: NDArray[np.intp] = order) -> Any:
                return np.take_along_axis(v, order, axis=1)

            new, r = self._round(
                sort(history[k]), sort(s), sort(w), sort(present), span, pairs
            )
            np.put_along_axis(history[k + 1], order, new, axis=1)
            np.put_along_axis(risks[k], order, r, axis=1)
        return history, risks

    def _round(
        self, x: Array, s: Array, w: Array, here: NDArray[np.bool_], span: Array,
        pairs: _PairIndex,
    ) -> tuple[Array, Array]:
        """One round for a chunk sorted by position: new positions (rows, n), exponents used.

        Every pair quantity is symmetric but the receiver's exponent, so the round works
        on the T = n (n - 1) / 2 pairs lo < hi (arrays (rows, T)) and evaluates each pair
        in both directions: the lower actor receiving the higher one's offer and back.
        """
        lo, hi = pairs.lo, pairs.hi
        xl, xh = x[:, lo], x[:, hi]
        dist = xh - xl  # >= 0: x ascending per row
        p_lh, p_hl = _pair_votes(x, w, xl, xh, dist, pairs)
        d = np.where(here[:, lo] & here[:, hi], dist, 0.0) / span
        if self.risk == "endogenous":
            r = self._endogenous_risk(x, s, w, here, d, p_lh, p_hl, span, pairs)
        else:
            r = np.full(x.shape, float(self.risk))
        # log(1 -/+ d) once per pair; (1 -/+ d)^r = exp(r log(1 -/+ d)) per direction.
        # d = 1 (the two extreme actors) gives log 0 = -inf and exp(-inf) = 0 = 0^r: exact.
        with np.errstate(divide="ignore"):
            log_near = np.log(1.0 - d)
        log_far = np.log(1.0 + d)
        # receiver lo, proposer hi: a = EU(lo challenges hi), b = EU(hi challenges lo)
        move_l, target_l = self._offers(
            r[:, lo], d, log_near, log_far, s[:, hi] * p_hl, s[:, lo] * p_lh, xl, xh,
            self._status_pair(x, w, d, span, r, pairs, receiver_low=True),
        )
        move_h, target_h = self._offers(
            r[:, hi], d, log_near, log_far, s[:, lo] * p_lh, s[:, hi] * p_hl, xh, xl,
            self._status_pair(x, w, d, span, r, pairs, receiver_low=False),
        )
        # The least move per receiver over all proposers; ties go to the proposer with the
        # lower position (the first in sorted order), as np.argmin does on a full row.
        move = pairs.full(np.inf)
        move[:, pairs.lin_lh] = move_l
        move[:, pairs.lin_hl] = move_h
        target = pairs.full(0.0)
        target[:, pairs.lin_lh] = target_l
        target[:, pairs.lin_hl] = target_h
        move3 = move.reshape(x.shape[0], x.shape[1], x.shape[1])
        best = np.argmin(move3, axis=2)[:, :, None]
        take = np.isfinite(np.take_along_axis(move3, best, axis=2)[:, :, 0])
        new = np.take_along_axis(target.reshape(move3.shape), best, axis=2)[:, :, 0]
        return np.clip(np.where(take, new, x), 0.0, 100.0), r

    def _offers(
        self, r: Array, d: Array, log_near: Array, log_far: Array, alpha: Array, beta: Array,
        x_recv: Array, x_prop: Array, status: tuple[Array, Array] | None,
    ) -> tuple[Array, Array]:
        """Move and target of each pair's offer in one direction: (rows, T) each.

        ``r`` the receiver's exponent, ``alpha`` = s_proposer P(proposer beats receiver),
        ``beta`` = s_receiver P(receiver beats proposer): ``a = U_s - U_sq - alpha g`` (the
        receiver challenging) and ``b = U_s - U_sq - beta g`` (the proposer challenging),
        ``g = U_s - U_f``. Returns inf moves where no offer is made.
        """
        scale = 4.0 * 0.5**r  # U = 2 - 4 (0.5 -/+ 0.5 d)^r = 2 - scale (1 -/+ d)^r
        near = np.exp(r * log_near)
        h = scale * (1.0 - near)  # U_s - U_sq
        g = scale * (np.exp(r * log_far) - near)  # U_s - U_f
        a = h - alpha * g
        b = h - beta * g
        if status is not None:
            a = a - (1.0 - self.q) * status[0]
            b = b - (1.0 - self.q) * status[1]
        yielding = (b > 0) & (a < 0)
        compromise = yielding & (b > -a)
        valid = (d > 0) & (((b > a) & (a > 0)) | yielding)
        fraction = np.where(compromise, -a / np.where(compromise, b, 1.0), 1.0)
        target = np.where(compromise, x_recv + (x_prop - x_recv) * fraction, x_prop)
        return np.where(valid, np.abs(target - x_recv), np.inf), target

    def _endogenous_risk(
        self, x: Array, s: Array, w: Array, here: NDArray[np.bool_], d: Array, p_lh: Array,
        p_hl: Array, span: Array, pairs: _PairIndex,
    ) -> Array:
        """Scholz's r_i from the dangers at r = 1: shape (rows, n), in [0.5, 2].

        At r = 1, U_s = 2d, U_f = -2d, U_sq = 0, so EU_ik = 2 d_ik (1 - 2 s_k P_ki); the
        danger of k sums it over the challengers i (same-place pairs have d = 0).
        """
        rows, n = x.shape
        sum_d = pairs.to_actors(d, d)  # sum over challengers of d
        sum_dp = pairs.to_actors(d * p_hl, d * p_lh)  # ... of d P(k beats challenger)
        danger = 2.0 * sum_d - 4.0 * s * sum_dp
        if self.q < 1.0:
            danger = danger - (1.0 - self.q) * _status_full(x, w, d, span, pairs, self.t).sum(
                axis=1
            )
        valid = here & (here.sum(axis=1, keepdims=True) >= 2)  # someone to challenge
        top = np.max(danger, axis=1, where=valid, initial=-np.inf, keepdims=True)
        bottom = np.min(danger, axis=1, where=valid, initial=np.inf, keepdims=True)
        ok = valid.any(axis=1, keepdims=True)
        top, bottom = np.where(ok, top, 1.0), np.where(ok, bottom, 0.0)  # no inf - inf below
        spread = top - bottom
        ok &= spread > 1e-12
        big_r = np.where(ok, (2 * danger - top - bottom) / np.where(ok, spread, 1.0), 0.0)
        # actors absent from the issue have no danger: risk-neutral, and R in [-1, 1]
        big_r = np.clip(np.where(valid, big_r, 0.0), -1.0, 1.0)
        return (1 - big_r / 3) / (1 + big_r / 3)

    def _status_pair(
        self, x: Array, w: Array, d: Array, span: Array, r: Array, pairs: _PairIndex,
        receiver_low: bool,
    ) -> tuple[Array, Array] | None:
        """The ``T U_b + (1 - T) U_w`` terms of a and b in one direction (None when q = 1).

        As the model has always done it: a's term with the receiver's distance from the
        median and exponent, b's with the proposer's.
        """
        if self.q >= 1.0:
            return None
        recv, prop = (pairs.lo, pairs.hi) if receiver_low else (pairs.hi, pairs.lo)
        away = _away(x, w, span)
        return (
            _status(away[:, recv], d, r[:, recv], self.t),
            _status(away[:, prop], d, r[:, prop], self.t),
        )


@dataclass(frozen=True)
class _PairIndex:
    """Index tables of the pairs lo < hi of n actors, for a chunk of ``rows`` rows.

    ``lo``, ``hi``: (T,) the pair's actors; ``lin_lh``, ``lin_hl``: (T,) their flat
    indices in an n x n matrix (row = receiver); ``flat_lo``, ``flat_hi``: (rows * T,)
    the actors' flat indices in a (rows, n) array, for summing pair terms per actor.
    """

    rows: int
    n: int
    lo: NDArray[np.intp]
    hi: NDArray[np.intp]
    lin_lh: NDArray[np.intp]
    lin_hl: NDArray[np.intp]
    flat_lo: NDArray[np.intp]
    flat_hi: NDArray[np.intp]

    @classmethod
    def of(cls, rows: int, n: int) -> _PairIndex:
        lo, hi = np.triu_indices(n, 1)
        base = (np.arange(rows) * n)[:, None]
        return cls(
            rows, n, lo, hi, lo * n + hi, hi * n + lo,
            (base + lo).ravel(), (base + hi).ravel(),
        )

    def full(self, value: float) -> Array:
        """A (rows, n * n) matrix filled with ``value``."""
        return np.full((self.rows, self.n * self.n), value)

    def to_actors(self, for_hi: Array, for_lo: Array) -> Array:
        """Per-actor sums (rows, n) of pair terms (rows, T): ``for_hi`` adds to each
        pair's hi actor, ``for_lo`` to its lo actor."""
        size = self.rows * self.n
        total = np.bincount(self.flat_hi, for_hi.ravel(), minlength=size).astype(float)
        total += np.bincount(self.flat_lo, for_lo.ravel(), minlength=size)
        return total.reshape(self.rows, self.n)


def _pair_votes(
    x: Array, w: Array, xl: Array, xh: Array, dist: Array, pairs: _PairIndex
) -> tuple[Array, Array]:
    """(P(lo beats hi), P(hi beats lo)) per pair, (rows, T); x ascending per row.

    As :func:`_win_probability_sorted`, on the pairs lo < hi only.
    """
    rows, n = x.shape
    big_a, w_tot = _vote_integral(x, w)
    a_at = big_a(x)
    a_mid = big_a((xl + xh) * 0.5)  # ascending within each lo: fast ordered search
    a_lo = np.maximum(a_at[:, pairs.lo], a_at[:, pairs.hi])
    a_hi = np.minimum(a_at[:, pairs.lo], a_at[:, pairs.hi])
    low_votes = np.maximum(a_lo - a_mid, 0.0)  # max(): rounding only
    high_votes = np.maximum(dist * w_tot + a_hi - a_mid, 0.0)
    total = low_votes + high_votes
    ok = (total > 1e-12 * np.maximum(w_tot, 1.0)) & (dist > 0)
    safe = np.where(ok, total, 1.0)
    return np.where(ok, low_votes / safe, 0.0), np.where(ok, high_votes / safe, 0.0)


def _away(x: Array, w: Array, span: Array) -> Array:
    """|x_i - mu| / range, mu the weighted median: (rows, n)."""
    return np.abs(x - weighted_median(x, w)[:, None]) / span


def _status(away: Array, d: Array, r: Array, t: float) -> Array:
    """``T U_b + (1 - T) U_w`` with U_b, U_w = 2 - 4 (0.5 -/+ 0.25 (away + d))^r."""
    return t * _u(r, 0.5 - 0.25 * (away + d)) + (1.0 - t) * _u(r, 0.5 + 0.25 * (away + d))


def _status_full(
    x: Array, w: Array, d: Array, span: Array, pairs: _PairIndex, t: float
) -> Array:
    """The status terms at r = 1 for every (challenger i, target j): (rows, n, n).

    As the model has always done it, every i counts, the target itself and absent
    actors included (with d = 0); only used when q < 1.
    """
    rows, n = x.shape
    full = np.zeros((rows, n * n))
    full[:, pairs.lin_lh] = d
    full[:, pairs.lin_hl] = d
    away = _away(x, w, span)[:, :, None]
    return _status(away, full.reshape(rows, n, n), np.asarray(1.0), t)
