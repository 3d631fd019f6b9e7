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

Implementation (all float64; docs/models/expected-utility.md has the speed figures).
Each round sorts every row's actors by position and works on the n (n - 1) / 2 pairs
lo < hi only (arrays (rows, T)): everything about a pair but the receiver's exponent is
symmetric. With q = 1, dividing a and b by ``g = U_s - U_f`` leaves one ratio
``phi = (U_s - U_sq) / g`` per pair, so a pair offers in one direction at most and
bounds on phi settle most pairs without powers (:func:`_fractions_q1`); q < 1 takes the
formulas term by term (:meth:`ExpectedUtility._fractions`). The round's (rows, T)
arrays live in buffers reused round after round: fresh pages for big temporaries cost
more than the arithmetic on them on this kind of machine. For big runs with q = 1 the
same round runs as loops compiled by numba (:func:`_round_loops`, see ``ENGINE``).
"""

from __future__ import annotations

import functools
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
# "compiled": rounds with q = 1 run in :func:`_round_loops` compiled by numba (when it is
# installed); "numpy": always the vectorised numpy rounds (the tests check both); "auto":
# compiled from _COMPILED_FROM pair-rounds on (about 0.2 s of numpy work), below that numpy,
# which spares small runs (a brief's reference scenario) numba's ~0.6 s import and load.
ENGINE: Literal["auto", "compiled", "numpy"] = "auto"
_COMPILED_FROM = 2_000_000
# Elements of one (rows, actors, actors) array per chunk: caps each of the round's ~25 pair
# buffers (rows, actors (actors - 1) / 2) near 4 MB, the whole near 100 MB.
_CHUNK_ELEMENTS = 1_000_000


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
    # A public replication of Scholz et al. disagrees from round 1 (the card has the numbers).
    status: ClassVar[str] = "not replicated"
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
        big = rows * n * (n - 1) // 2 * self.rounds >= _COMPILED_FROM
        wanted = ENGINE == "compiled" or (ENGINE == "auto" and big)
        compiled = _compiled_round() if self.q >= 1.0 and wanted else None
        step = max(1, _CHUNK_ELEMENTS // max(1, n * n))
        parts = [
            self._run_rows(
                a.position[s : s + step],
                a.salience[s : s + step] / 100.0,
                a.capability[s : s + step],
                a.present[s : s + step],
                compiled,
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
        self,
        x0: Array,
        s: Array,
        c: Array,
        present: NDArray[np.bool_],
        compiled: Callable[..., None] | None,
    ) -> tuple[Array, Array]:
        """Positions (rounds+1, rows, n) and risk exponents (rounds, rows, n) for a chunk;
        the rounds run in ``compiled`` (:func:`_round_loops`) if given, else in numpy."""
        rows, n = x0.shape
        w = np.where(present, c * s, 0.0)
        span = x0.max(axis=1, initial=0.0, where=present) - x0.min(
            axis=1, initial=100.0, where=present
        )
        span = np.where(span > 0, span, 1.0)[:, None]
        history = np.empty((self.rounds + 1, rows, n))
        risks = np.empty((self.rounds, rows, n))
        history[0] = x0
        if compiled is not None:
            self._run_compiled(compiled, history, risks, s, w, present, span[:, 0])
            return history, risks
        pairs = _Pairs.of(rows, n)
        for k in range(self.rounds):
            # The round is permutation-equivariant: run it with actors sorted by position
            # (pairs then run lower -> higher, and the vote searches are ordered), then put
            # the results back in the input order.
            order = np.argsort(history[k], axis=1, kind="stable")

            def sort(v: Any, order: NDArray[np.intp] = order) -> Any:
                return np.take_along_axis(v, order, axis=1)

            new, r = self._round(sort(history[k]), sort(s), sort(w), sort(present), span, pairs)
            np.put_along_axis(history[k + 1], order, new, axis=1)
            np.put_along_axis(risks[k], order, r, axis=1)
        return history, risks

    def _run_compiled(
        self,
        compiled: Callable[..., None],
        history: Array,
        risks: Array,
        s: Array,
        w: Array,
        present: NDArray[np.bool_],
        span: Array,
    ) -> None:
        """Fill ``history`` rounds 1.. and ``risks`` with the compiled round (q = 1)."""
        rows, n = s.shape
        t = n * (n - 1) // 2
        work = np.empty((3, t))  # P(lo beats hi), P(hi beats lo), d of one row's pairs
        new, r = np.empty((rows, n)), np.empty((rows, n))
        endogenous = self.risk == "endogenous"
        fixed = 1.0 if endogenous else float(self.risk)
        for k in range(self.rounds):
            order = np.argsort(history[k], axis=1, kind="stable")

            def sort(v: Any, order: NDArray[np.intp] = order) -> Any:
                return np.ascontiguousarray(np.take_along_axis(v, order, axis=1))

            compiled(
                sort(history[k]),
                sort(s),
                sort(w),
                sort(present),
                span,
                endogenous,
                fixed,
                new,
                r,
                work,
            )
            np.put_along_axis(history[k + 1], order, new, axis=1)
            np.put_along_axis(risks[k], order, r, axis=1)

    def _round(
        self, x: Array, s: Array, w: Array, here: NDArray[np.bool_], span: Array, pairs: _Pairs
    ) -> tuple[Array, Array]:
        """One round for a chunk sorted by position: new positions (rows, n), exponents used.

        Every pair quantity is symmetric but the receiver's exponent, so the round works
        on the T = n (n - 1) / 2 pairs lo < hi (arrays (rows, T)) and evaluates each pair
        in both directions: the lower actor receiving the higher one's offer and back.
        """
        # Every (rows, T) array lives in a buffer of ``pairs`` reused round after round:
        # fresh pages for temporaries cost more than the arithmetic on them.
        f, flag = pairs.f, pairs.flag
        xl, xh = pairs.at_lo(x, f("xl")), pairs.at_hi(x, f("xh"))
        dist = np.subtract(xh, xl, out=f("dist"))  # >= 0: x ascending per row
        p_lh, p_hl = _pair_votes(x, w, xl, xh, dist, pairs)
        d = f("d")
        if here.all():
            np.divide(dist, span, out=d)
        else:  # (dist * 1 is dist exactly: the same d as selecting it)
            both = np.logical_and(pairs.at_lo(here, flag("t1")), pairs.at_hi(here, flag("t2")))
            np.multiply(dist, both, out=d)
            d /= span
        if self.risk == "endogenous":
            r = self._endogenous_risk(x, s, w, here, d, p_lh, p_hl, span, pairs)
        else:
            r = np.full(x.shape, float(self.risk))
        # alpha_l = s_hi P(hi beats lo), beta_l = s_lo P(lo beats hi): receiver lo's view
        alpha_l = pairs.at_hi(s, f("alpha_l"))
        alpha_l *= p_hl
        beta_l = pairs.at_lo(s, f("beta_l"))
        beta_l *= p_lh
        if self.q >= 1.0:
            to_lo = np.greater(alpha_l, beta_l, out=flag("to_lo"))  # the one direction
            recv = pairs.receiver(to_lo)
            fraction, none = _fractions_q1(r, d, alpha_l, beta_l, to_lo, recv, pairs)
            move = np.multiply(none, _NO_OFFER, out=f("move"))
            move += np.multiply(fraction, dist, out=fraction)  # the whole way: dist exactly
            pairs.moves_one_way(move, to_lo)
        else:
            pairs.moves(
                *(
                    fraction * dist + _NO_OFFER * none
                    for fraction, none in (
                        self._fractions(
                            r,
                            d,
                            alpha_l,
                            beta_l,
                            pairs,
                            self._status_pair(x, w, d, span, r, pairs, receiver_low=low),
                            receiver_low=low,
                        )
                        for low in (True, False)
                    )
                )
            )
        return pairs.choose(x), r

    def _fractions(
        self,
        r: Array,
        d: Array,
        alpha_l: Array,
        beta_l: Array,
        pairs: _Pairs,
        status: tuple[Array, Array] | None,
        receiver_low: bool,
    ) -> tuple[Array, NDArray[np.bool_]]:
        """How far the offer in one direction of each pair takes its receiver: (rows, T),
        the fraction of the way to the proposer, and where no offer is made (rows, T).

        The card's formulas term by term: the general case (q = 1 has the faster
        :func:`_fractions_q1`). With ``alpha`` = s_proposer P(proposer beats receiver) and
        ``beta`` = s_receiver P(receiver beats proposer): ``a = U_s - U_sq - alpha g`` (the
        receiver challenging), ``b = U_s - U_sq - beta g`` (the proposer challenging),
        ``g = U_s - U_f``, all with the receiver's exponent.
        """
        alpha, beta = (alpha_l, beta_l) if receiver_low else (beta_l, alpha_l)
        rr = (pairs.at_lo if receiver_low else pairs.at_hi)(r)
        scale = 4.0 * 0.5**rr  # U = 2 - 4 (0.5 -/+ 0.5 d)^r = 2 - scale (1 -/+ d)^r
        near = (1.0 - d) ** rr
        h = scale * (1.0 - near)  # U_s - U_sq
        g = scale * ((1.0 + d) ** rr - near)  # U_s - U_f
        a = h - alpha * g
        b = h - beta * g
        if status is not None:
            a = a - (1.0 - self.q) * status[0]
            b = b - (1.0 - self.q) * status[1]
        yielding = (b > 0) & (a < 0)
        valid = (d > 0) & (((b > a) & (a > 0)) | yielding)
        compromise = yielding & (b > -a)
        fraction = np.where(compromise, -a / np.where(compromise, b, 1.0), 1.0)
        return fraction, ~valid

    def _endogenous_risk(
        self,
        x: Array,
        s: Array,
        w: Array,
        here: NDArray[np.bool_],
        d: Array,
        p_lh: Array,
        p_hl: Array,
        span: Array,
        pairs: _Pairs,
    ) -> Array:
        """Scholz's r_i from the dangers at r = 1: shape (rows, n), in [0.5, 2].

        At r = 1, U_s = 2d, U_f = -2d, U_sq = 0, so EU_ik = 2 d_ik (1 - 2 s_k P_ki); the
        danger of k sums it over the challengers i (same-place pairs have d = 0).
        """
        sum_d = _distance_sums(x, here) / span  # sum over challengers of d
        sum_dp = pairs.to_actors(  # ... of d P(k beats challenger)
            np.multiply(d, p_hl, out=pairs.f("t1")), np.multiply(d, p_lh, out=pairs.f("t2"))
        )
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
        self,
        x: Array,
        w: Array,
        d: Array,
        span: Array,
        r: Array,
        pairs: _Pairs,
        receiver_low: bool,
    ) -> tuple[Array, Array] | None:
        """The ``T U_b + (1 - T) U_w`` terms of a and b in one direction (None when q = 1).

        As the model has always done it: a's term with the receiver's distance from the
        median and exponent, b's with the proposer's.
        """
        if self.q >= 1.0:
            return None
        away = _away(x, w, span)
        at_recv, at_prop = (
            (pairs.at_lo, pairs.at_hi) if receiver_low else (pairs.at_hi, pairs.at_lo)
        )
        return (
            _status(at_recv(away), d, at_recv(r), self.t),
            _status(at_prop(away), d, at_prop(r), self.t),
        )


@dataclass(frozen=True)
class _Pairs:
    """Index tables of the pairs lo < hi of n actors in a chunk of ``rows`` rows, and the
    round's reusable (rows, n, n) buffer of moves (receiver, proposer).

    ``lo``, ``hi``: (T,) the pair's actors; ``flat_lo``, ``flat_hi``: (rows * T,) their
    flat indices in a (rows, n) array; ``slot_lh``, ``slot_hl``: (rows * T,) the flat
    index of (lo receiving from hi) and (hi receiving from lo) in a (rows, n, n) array;
    ``row_of``: (rows * T,) each pair's row; ``move``: (rows * n * n,) the moves offered;
    ``buffers``: the round's (rows, T) work arrays by name (see :meth:`f`);
    ``hi_minus_lo``, ``slot_lh_minus_hl``: (rows * T,) differences that pick one end of
    each pair by arithmetic (cheaper than np.where on a random mask).
    """

    rows: int
    n: int
    lo: NDArray[np.intp]
    hi: NDArray[np.intp]
    flat_lo: NDArray[np.intp]
    flat_hi: NDArray[np.intp]
    slot_lh: NDArray[np.intp]
    slot_hl: NDArray[np.intp]
    row_of: NDArray[np.intp]
    move: Array
    buffers: dict[str, NDArray[Any]]
    hi_minus_lo: NDArray[np.intp]
    slot_lh_minus_hl: NDArray[np.intp]

    @classmethod
    def of(cls, rows: int, n: int) -> _Pairs:
        lo, hi = np.triu_indices(n, 1)
        row = np.arange(rows)[:, None]
        slot_lh = (row * n * n + lo * n + hi).ravel()
        slot_hl = (row * n * n + hi * n + lo).ravel()
        return cls(
            rows,
            n,
            lo,
            hi,
            (row * n + lo).ravel(),
            (row * n + hi).ravel(),
            slot_lh,
            slot_hl,
            np.repeat(np.arange(rows), lo.size),
            np.full(rows * n * n, _NO_OFFER),  # the diagonal is never written: no offer
            {},
            np.tile(hi - lo, rows),
            slot_lh - slot_hl,
        )

    def f(self, name: str) -> Array:
        """The (rows, T) float buffer ``name``, made on first use, then reused."""
        return self._buffer(name, np.float64)

    def flag(self, name: str) -> NDArray[np.bool_]:
        """The (rows, T) boolean buffer ``name``, made on first use, then reused."""
        return self._buffer(name, np.bool_)

    def _buffer(self, name: str, dtype: type) -> NDArray[Any]:
        key = f"{name}:{np.dtype(dtype).char}"
        if key not in self.buffers:
            self.buffers[key] = np.empty((self.rows, self.lo.size), dtype=dtype)
        return self.buffers[key]

    def at_lo(self, v: NDArray[Any], out: NDArray[Any] | None = None) -> NDArray[Any]:
        """``v`` (rows, n) at each pair's lo actor: (rows, T), into ``out`` if given.
        (A flat take: several times faster than ``v[:, lo]``.)"""
        if out is None:
            return v.ravel().take(self.flat_lo).reshape(self.rows, -1)
        v.ravel().take(self.flat_lo, out=out.reshape(-1))
        return out

    def at_hi(self, v: NDArray[Any], out: NDArray[Any] | None = None) -> NDArray[Any]:
        """``v`` (rows, n) at each pair's hi actor: (rows, T), into ``out`` if given."""
        if out is None:
            return v.ravel().take(self.flat_hi).reshape(self.rows, -1)
        v.ravel().take(self.flat_hi, out=out.reshape(-1))
        return out

    def to_actors(self, for_hi: Array, for_lo: Array) -> Array:
        """Per-actor sums (rows, n) of pair terms (rows, T): ``for_hi`` adds to each
        pair's hi actor, ``for_lo`` to its lo actor."""
        size = self.rows * self.n
        total = np.bincount(self.flat_hi, for_hi.ravel(), minlength=size).astype(float)
        total += np.bincount(self.flat_lo, for_lo.ravel(), minlength=size)
        return total.reshape(self.rows, self.n)

    def receiver(self, to_lo: NDArray[np.bool_]) -> NDArray[np.intp]:
        """Each pair's receiver (flat index in (rows, n)): lo where ``to_lo``, else hi."""
        recv = self._buffer("receiver", np.intp).reshape(-1)
        np.multiply(self.hi_minus_lo, to_lo.ravel(), out=recv)
        np.subtract(self.flat_hi, recv, out=recv)
        return recv

    def moves_one_way(self, move: Array, to_lo: NDArray[np.bool_]) -> None:
        """Store the moves (rows, T) of pairs that offer one way only: to lo where
        ``to_lo``, else to hi; the other way gets no offer."""
        self.move.fill(_NO_OFFER)
        slot = self._buffer("slot", np.intp).reshape(-1)
        np.multiply(self.slot_lh_minus_hl, to_lo.ravel(), out=slot)
        slot += self.slot_hl
        self.move[slot] = move.ravel()

    def moves(self, to_lo: Array, to_hi: Array) -> None:
        """Store each pair's offer moves (rows, T): ``to_lo`` the lower actor's (from the
        higher), ``to_hi`` the higher's; :data:`_NO_OFFER` or more where none is made."""
        self.move[self.slot_lh] = to_lo.ravel()
        self.move[self.slot_hl] = to_hi.ravel()

    def choose(self, x: Array) -> Array:
        """New positions (rows, n) from the stored moves: each receiver takes the offer that
        moves it least; ties go to the proposer with the lower position (the first in
        sorted order), as np.argmin does on a full row; actors with no offer stay.

        A move m to proposer j is the fraction m / |x_j - x_i| of the way; the whole way
        lands on x_j exactly (m = |x_j - x_i| then, so the fraction is 1.0 exactly).
        """
        rows, n = self.rows, self.n
        best = np.argmin(self.move.reshape(rows, n, n), axis=2).ravel()
        least = self.move[np.arange(rows * n) * n + best]
        xs = x.ravel()
        mine, theirs = xs, xs[np.arange(rows * n) // n * n + best]
        offer = least < _NO_OFFER
        gap = np.abs(theirs - mine)
        fraction = least / np.where(offer, gap, 1.0)
        new = np.where(fraction == 1.0, theirs, mine + (theirs - mine) * fraction)
        return np.clip(np.where(offer, new, mine), 0.0, 100.0).reshape(rows, n)


def _pair_votes(
    x: Array, w: Array, xl: Array, xh: Array, dist: Array, pairs: _Pairs
) -> tuple[Array, Array]:
    """(P(lo beats hi), P(hi beats lo)) per pair, (rows, T); x ascending per row.

    As :func:`_win_probability_sorted`, on the pairs lo < hi only, with per-row sums.
    """
    rows, n = x.shape
    offset = (np.arange(rows, dtype=float) * 1e4)[:, None]  # positions lie in [0, 100]
    flat = (x + offset).ravel()
    zero = np.zeros((rows, 1))
    # (rows, n + 1) tables: the weight and the moment of the first k actors of the row
    # (kept as one flat array each: rows of n + 1)
    cw = np.concatenate([zero, np.cumsum(w, axis=1)], axis=1).ravel()
    cm = np.concatenate([zero, np.cumsum(w * x, axis=1)], axis=1).ravel()
    w_tot = cw[n :: n + 1][:, None]

    def big_a(t: Array, row: NDArray[np.intp], out: Array, scratch: Array) -> Array:
        """A(t) = 2 sum_{x_k < t} w_k (x_k - t) for t (rows, m) into ``out`` (rows, m);
        ``row`` each one's row; ``scratch`` a spare array of out's shape."""
        query = np.add(t, offset, out=out)
        g = np.searchsorted(flat, query.ravel(), side="left")
        g += row  # row k's table starts at k (n + 1), its positions at k n
        flat_out = out.reshape(-1)
        cw.take(g, out=flat_out)
        out *= t
        np.subtract(cm.take(g, out=scratch.reshape(-1)), flat_out, out=flat_out)
        out *= 2.0
        return out

    f, flag = pairs.f, pairs.flag
    a_at = big_a(x, np.repeat(np.arange(rows), n), np.empty((rows, n)), np.empty((rows, n)))
    mid = np.add(xl, xh, out=f("mid"))
    mid *= 0.5
    a_mid = big_a(mid, pairs.row_of, f("a_mid"), f("t2"))  # ascending per lo: ordered search
    a_l, a_h = pairs.at_lo(a_at, f("a_l")), pairs.at_hi(a_at, f("a_h"))
    low_votes = np.maximum(a_l, a_h, out=f("p_lh"))
    low_votes -= a_mid
    np.maximum(low_votes, 0.0, out=low_votes)  # max(): rounding only
    high_votes = np.multiply(dist, w_tot, out=f("p_hl"))
    high_votes += np.minimum(a_l, a_h, out=a_l)
    high_votes -= a_mid
    np.maximum(high_votes, 0.0, out=high_votes)
    total = np.add(low_votes, high_votes, out=f("total"))
    ok = np.greater(total, 1e-12 * np.maximum(w_tot, 1.0), out=flag("ok"))
    ok &= np.greater(dist, 0.0, out=flag("t1"))
    total += np.logical_not(ok, out=flag("t1"))  # >= 1 where not ok: no division by zero
    low_votes /= total
    low_votes *= ok  # and P = 0 there
    high_votes /= total
    high_votes *= ok
    return low_votes, high_votes


# Rounding room when a pair's offer is settled from the bounds of phi alone: phi itself
# carries an error near eps / d from the cancellation in 1 - (1 - d)^r.
_PHI_MARGIN = 1e-9
# Added to the move of a pair that makes no offer (moves are at most 100): finite, so the
# arithmetic stays free of inf * 0, and the least move tells at once whether any offer came.
_NO_OFFER = 1e300


def _fractions_q1(
    r: Array,
    d: Array,
    alpha_l: Array,
    beta_l: Array,
    to_lo: NDArray[np.bool_],
    recv: NDArray[np.intp],
    pairs: _Pairs,
) -> tuple[Array, NDArray[np.bool_]]:
    """How far each pair's offer takes its receiver when q = 1: (rows, T), the fraction of
    the way to the proposer, and where no offer is accepted (rows, T).

    Divided by ``g = U_s - U_f > 0`` (d > 0), ``a = phi - alpha`` and ``b = phi - beta``
    with ``phi = (1 - (1 - d)^r) / ((1 + d)^r - (1 - d)^r)`` (r the receiver's). So an
    offer needs ``alpha > beta``: each pair makes at most one offer, to the actor with the
    smaller ``s P`` (``recv``: the lower actor where ``to_lo``, i.e. ``alpha_l > beta_l``). It is
    accepted when ``phi > beta`` (b > 0) and ``phi != alpha``: as a conflict
    (phi > alpha) or a capitulation (phi < (alpha + beta) / 2) the receiver moves the
    whole way, else it compromises ``(alpha - phi) / (phi - beta)`` of the way. For r in
    [0.5, 2], phi lies between the lines ``1/2 - (r - 1) d / 4`` (its tangent at d = 0)
    and ``1/2 + (2^-r - 1/2) d`` (its chord to d = 1) (checked on a fine grid), so most
    pairs are settled from those bounds; phi is computed (two powers) only for the rest.
    """
    f, flag = pairs.f, pairs.flag
    alpha = np.maximum(alpha_l, beta_l, out=f("alpha"))
    beta = np.minimum(alpha_l, beta_l, out=f("beta"))
    slope_a, slope_b = 0.5**r - 0.5, (1.0 - r) / 4.0  # (rows, n)
    bounds = []
    for name, slope, margin in (
        ("phi_lo", np.minimum(slope_a, slope_b), -_PHI_MARGIN),
        ("phi_hi", np.maximum(slope_a, slope_b), _PHI_MARGIN),
    ):
        bound = f(name)
        slope.ravel().take(recv, out=bound.reshape(-1))  # the receiver's slope
        bound *= d
        bound += 0.5 + margin
        bounds.append(bound)
    phi_lo, phi_hi = bounds
    test = flag("t1")
    live = np.greater(d, 0.0, out=flag("live"))
    live &= np.greater(alpha, beta, out=test)
    live &= np.less(beta, phi_hi, out=test)
    middle = np.add(alpha, beta, out=f("t1"))
    middle *= 0.5
    # conflict (phi > alpha) or capitulation (phi below the midpoint): the whole way
    valid = np.less(beta, phi_lo, out=flag("valid"))
    valid &= np.less(phi_hi, middle, out=test)
    valid |= np.less(alpha, phi_lo, out=test)
    valid &= live
    fraction = f("fraction")
    fraction.fill(1.0)
    unsure = np.flatnonzero(np.logical_and(live, np.logical_not(valid, out=test), out=test))
    if unsure.size:
        ru, du = r.ravel().take(recv[unsure]), d.ravel()[unsure]
        al, be = alpha.ravel()[unsure], beta.ravel()[unsure]
        near = (1.0 - du) ** ru
        phi = (1.0 - near) / ((1.0 + du) ** ru - near)
        # r = 1 (risk-neutral) gives phi = 1/2 exactly: ties with s P = 1/2, common on
        # coarse scales, are then settled as exact arithmetic settles them (a = 0: no offer)
        phi[ru == 1.0] = 0.5
        yielding = (phi > be) & (phi < al)
        compromise = yielding & (phi - be > al - phi)
        fraction.ravel()[unsure[compromise]] = (al - phi)[compromise] / (phi - be)[compromise]
        valid.ravel()[unsure] = (phi > al) | yielding
    return fraction, np.logical_not(valid, out=flag("none"))


def _distance_sums(x: Array, here: NDArray[np.bool_]) -> Array:
    """sum_i |x_i - x_k| over the present i, for each present k (else 0): (rows, n).

    O(n) per row from prefix sums over positions in ascending order (the pairwise sum
    would be O(n^2)): the actors below k add x_k - x_i, those above x_i - x_k.
    """
    hx = np.where(here, x, 0.0)
    hc = here.astype(float)
    upto_x, upto_c = np.cumsum(hx, axis=1), np.cumsum(hc, axis=1)
    below_x, below_c = upto_x - hx, upto_c - hc
    above_x, above_c = upto_x[:, -1:] - upto_x, upto_c[:, -1:] - upto_c
    return np.where(here, x * below_c - below_x + above_x - x * above_c, 0.0)


def _away(x: Array, w: Array, span: Array) -> Array:
    """|x_i - mu| / range, mu the weighted median: (rows, n)."""
    return np.abs(x - weighted_median(x, w)[:, None]) / span


def _status(away: Array, d: Array, r: Array, t: float) -> Array:
    """``T U_b + (1 - T) U_w`` with U_b, U_w = 2 - 4 (0.5 -/+ 0.25 (away + d))^r."""
    return t * _u(r, 0.5 - 0.25 * (away + d)) + (1.0 - t) * _u(r, 0.5 + 0.25 * (away + d))


def _status_full(x: Array, w: Array, d: Array, span: Array, pairs: _Pairs, t: float) -> Array:
    """The status terms at r = 1 for every (challenger i, target j): (rows, n, n).

    As the model has always done it, every i counts, the target itself and absent
    actors included (with d = 0); only used when q < 1.
    """
    rows, n = x.shape
    full = np.zeros(rows * n * n)
    full[pairs.slot_lh] = d.ravel()
    full[pairs.slot_hl] = d.ravel()
    away = _away(x, w, span)[:, :, None]
    return _status(away, full.reshape(rows, n, n), np.asarray(1.0), t)


# ------------------------------------------------------------------ compiled round (q = 1)


@functools.cache
def _compiled_round() -> Callable[..., None] | None:
    """:func:`_round_loops` compiled by numba (cached on disk beside this module after the
    first compile, ~3 s), or None when numba is not installed."""
    try:
        from numba import njit
    except ImportError:  # pragma: no cover - numba is a dependency
        return None
    compiled: Callable[..., None] = njit(cache=True)(_round_loops)
    return compiled


def _round_loops(  # noqa: C901 - one numba kernel: a split costs a call per inner loop
    x: Array,
    s: Array,
    w: Array,
    here: NDArray[np.bool_],
    span: Array,
    endogenous: bool,
    fixed_r: float,
    new: Array,
    r_out: Array,
    work: Array,
) -> None:  # pragma: no cover - runs compiled
    """One round with q = 1 as loops over each row's pairs lo < hi: the numpy round's
    arithmetic step for step (:func:`_pair_votes`, :meth:`ExpectedUtility._endogenous_risk`,
    :func:`_fractions_q1`, :meth:`_Pairs.choose`), so both give the same trajectories to
    rounding, in one pass over memory instead of ~90.

    ``x``, ``s``, ``w``, ``here``: (rows, n) sorted by position per row; ``span``: (rows,);
    writes ``new`` and ``r_out`` (rows, n); ``work``: (3, n (n - 1) / 2) scratch.
    The vote search is a merge: mid = (x_lo + x_hi) / 2 only grows along a lo's pairs.
    """
    rows, n = x.shape
    cw = np.empty(n + 1)
    cm = np.empty(n + 1)
    a_at = np.empty(n)
    g_at = np.empty(n, np.int64)
    sum_dp = np.empty(n)
    sum_dp_lo = np.empty(n)  # summed apart, then added: the numpy round's rounding
    danger = np.empty(n)
    slope_lo = np.empty(n)
    slope_hi = np.empty(n)
    best_move = np.empty(n)
    best_prop = np.empty(n, np.int64)
    p_lh, p_hl, dd = work[0], work[1], work[2]
    for row in range(rows):
        xr, sr, wr, hr, sp, rr = x[row], s[row], w[row], here[row], span[row], r_out[row]
        # votes: A(t) = 2 sum_{x_k < t} w_k (x_k - t) from prefix sums
        cw[0] = 0.0
        cm[0] = 0.0
        for k in range(n):
            cw[k + 1] = cw[k] + wr[k]
            cm[k + 1] = cm[k] + wr[k] * xr[k]
        w_tot = float(cw[n])
        g = 0
        for i in range(n):
            while g < n and xr[g] < xr[i]:
                g += 1
            g_at[i] = g
            a_at[i] = 2.0 * (cm[g] - xr[i] * cw[g])
        threshold = 1e-12 * (w_tot if w_tot > 1.0 else 1.0)
        sum_dp[:] = 0.0
        sum_dp_lo[:] = 0.0
        t = 0
        for lo in range(n):
            g = g_at[lo]
            for hi in range(lo + 1, n):
                dist = xr[hi] - xr[lo]
                mid = (xr[lo] + xr[hi]) * 0.5
                while g < n and xr[g] < mid:
                    g += 1
                a_mid = 2.0 * (cm[g] - mid * cw[g])
                low = max(max(a_at[lo], a_at[hi]) - a_mid, 0.0)
                high = max(dist * w_tot + min(a_at[lo], a_at[hi]) - a_mid, 0.0)
                total = low + high
                if total > threshold and dist > 0:
                    p_lh[t] = low / total
                    p_hl[t] = high / total
                else:
                    p_lh[t] = 0.0
                    p_hl[t] = 0.0
                dd[t] = dist / sp if (hr[lo] and hr[hi]) else 0.0
                sum_dp[hi] += dd[t] * p_hl[t]
                sum_dp_lo[lo] += dd[t] * p_lh[t]
                t += 1
        sum_dp += sum_dp_lo
        # risk exponents
        present = 0
        for k in range(n):
            present += 1 if hr[k] else 0
        if endogenous:
            all_x = 0.0
            for k in range(n):
                all_x += xr[k] if hr[k] else 0.0
            upto_x = 0.0
            upto_c = 0.0
            top = -np.inf
            bottom = np.inf
            for k in range(n):
                hx = xr[k] if hr[k] else 0.0
                hc = 1.0 if hr[k] else 0.0
                upto_x += hx
                upto_c += hc
                if hr[k]:  # sum of |x_i - x_k| over the present i, as _distance_sums
                    below_x, below_c = upto_x - hx, upto_c - hc
                    above_x, above_c = all_x - upto_x, present - upto_c
                    dsum = xr[k] * below_c - below_x + above_x - xr[k] * above_c
                else:
                    dsum = 0.0
                danger[k] = 2.0 * (dsum / sp) - 4.0 * sr[k] * sum_dp[k]
                if hr[k] and present >= 2:
                    top = max(top, danger[k])
                    bottom = min(bottom, danger[k])
            ok = present >= 2
            if not ok:
                top, bottom = 1.0, 0.0
            spread = top - bottom
            ok = ok and spread > 1e-12
            for k in range(n):
                big_r = 0.0
                if ok and hr[k] and present >= 2:
                    big_r = min(1.0, max(-1.0, (2 * danger[k] - top - bottom) / spread))
                rr[k] = (1 - big_r / 3) / (1 + big_r / 3)
        else:
            rr[:] = fixed_r
        for k in range(n):  # phi's bounding lines (see _fractions_q1)
            slope_a, slope_b = 0.5 ** rr[k] - 0.5, (1.0 - rr[k]) / 4.0
            slope_lo[k] = min(slope_a, slope_b)
            slope_hi[k] = max(slope_a, slope_b)
            best_move[k] = _NO_OFFER
            best_prop[k] = -1
        # offers: each pair at most one way, to the actor with the smaller s P
        t = 0
        for lo in range(n):
            for hi in range(lo + 1, n):
                d = dd[t]
                alpha_l = sr[hi] * p_hl[t]
                beta_l = sr[lo] * p_lh[t]
                t += 1
                if not d > 0:
                    continue
                if alpha_l > beta_l:
                    recv, prop, alpha, beta = lo, hi, alpha_l, beta_l
                elif beta_l > alpha_l:
                    recv, prop, alpha, beta = hi, lo, beta_l, alpha_l
                else:
                    continue
                phi_lo = slope_lo[recv] * d + (0.5 - _PHI_MARGIN)
                phi_hi = slope_hi[recv] * d + (0.5 + _PHI_MARGIN)
                if not beta < phi_hi:
                    continue
                fraction = 1.0
                if not (alpha < phi_lo or (beta < phi_lo and phi_hi < (alpha + beta) * 0.5)):
                    ri = rr[recv]
                    near = (1.0 - d) ** ri
                    phi = 0.5 if ri == 1.0 else (1.0 - near) / ((1.0 + d) ** ri - near)
                    yielding = phi > beta and phi < alpha
                    if not (phi > alpha or yielding):
                        continue
                    if yielding and phi - beta > alpha - phi:
                        fraction = (alpha - phi) / (phi - beta)
                move = fraction * (xr[hi] - xr[lo])
                if move < best_move[recv] or (move == best_move[recv] and prop < best_prop[recv]):
                    best_move[recv] = move
                    best_prop[recv] = prop
        for i in range(n):  # as _Pairs.choose
            j = best_prop[i]
            value = xr[i]
            if j >= 0:
                fraction = best_move[i] / abs(xr[j] - xr[i])
                value = xr[j] if fraction == 1.0 else xr[i] + (xr[j] - xr[i]) * fraction
            new[row, i] = min(100.0, max(0.0, value))
