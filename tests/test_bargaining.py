"""The bargaining models on hand-checkable scenarios, the DEU reader, the EU model's properties."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from standoff.forecast import expected_utility
from standoff.forecast.bargaining import NashBargaining, WeightedMean, WeightedMedian, mae
from standoff.forecast.expected_utility import ExpectedUtility, win_probability
from standoff.forecast.scenario import ScenarioArrays
from standoff.forecast.scenario_io import load_scenario

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def arrays(pos: list[list[float]], sal: list[list[float]], cap: list[float]) -> ScenarioArrays:
    p = np.array(pos, dtype=float)
    m, n = p.shape
    return ScenarioArrays(
        actors=[f"a{j}" for j in range(n)],
        issues=[f"i{k}" for k in range(m)],
        position=p,
        salience=np.array(sal, dtype=float),
        capability=np.broadcast_to(np.array(cap, dtype=float), (m, n)).copy(),
        present=np.ones((m, n), dtype=bool),
        position_sd=np.zeros((m, n)),
        salience_sd=np.zeros((m, n)),
        capability_cv=np.zeros((m, n)),
    )


def test_weighted_mean_and_median_exact() -> None:
    # weights c*s = 1*50, 2*50, 1*100 = 50, 100, 100: mean = (0*50 + 60*100 + 100*100) / 250
    a = arrays([[0, 60, 100]], [[50, 50, 100]], [1, 2, 1])
    assert WeightedMean().predict(a)[0] == pytest.approx(64.0)
    # cumulative 50, 150 of 250: half (125) is reached at 60
    assert WeightedMedian().predict(a)[0] == pytest.approx(60.0)
    # salience-only weights 50, 50, 100: mean 13000/200 = 65; cumulative 50, 100 of 200 is
    # exactly half at 60, so the median is the midpoint of 60 and 100
    assert WeightedMean(use_capability=False).predict(a)[0] == pytest.approx(65.0)
    assert WeightedMedian(use_capability=False).predict(a)[0] == pytest.approx(80.0)


def test_absent_actor_carries_no_weight() -> None:
    a = arrays([[0, 100]], [[50, 50]], [1, 1])
    present = np.array([[True, False]])
    b = ScenarioArrays(**{**a.__dict__, "present": present})
    assert WeightedMean().predict(b)[0] == 0.0
    assert NashBargaining().predict(b)[0] == 0.0


def test_nash_symmetric_case_is_the_midpoint() -> None:
    a = arrays([[20, 80], [10, 90]], [[50, 50], [70, 70]], [1, 1])
    for curvature in (0.5, 1.0, 2.0):
        assert NashBargaining(curvature=curvature).predict(a) == pytest.approx([50.0, 50.0])


def test_nash_leans_to_the_stronger_actor() -> None:
    a = arrays([[20, 80]], [[50, 50]], [1, 3])
    assert NashBargaining(curvature=2.0).predict(a)[0] > 55


@pytest.mark.parametrize("bad", [0, -1.0, float("nan")])
def test_parameters_are_validated(bad: float) -> None:
    with pytest.raises(ValueError):
        NashBargaining(curvature=bad)
    with pytest.raises(ValueError):
        ExpectedUtility(rounds=int(bad) if bad == bad else 0)
    with pytest.raises(ValueError):
        ExpectedUtility(q=2.0 + abs(bad) if bad == bad else bad)


def test_win_probability_matches_brute_force_votes() -> None:
    rng = np.random.default_rng(5)
    x = np.round(rng.uniform(0, 100, (4, 12)))  # rounded: ties between actors occur
    w = rng.uniform(0, 1, (4, 12))
    w[0, 2] = 0.0
    p = win_probability(x, w)
    xi, xj, xk = x[:, :, None, None], x[:, None, :, None], x[:, None, None, :]
    votes = w[:, None, None, :] * (np.abs(xk - xj) - np.abs(xk - xi))
    total = np.abs(votes).sum(-1)
    brute = np.maximum(votes, 0).sum(-1) / np.where(total > 0, total, 1)
    assert np.allclose(p, brute, atol=1e-12)
    differ = x[:, :, None] != x[:, None, :]
    assert np.allclose((p + np.swapaxes(p, 1, 2))[differ], 1.0)


def test_eu_trajectory_shape_and_range() -> None:
    rng = np.random.default_rng(1)
    a = arrays(
        rng.uniform(0, 100, (3, 7)).tolist(), rng.uniform(10, 90, (3, 7)).tolist(),
        rng.uniform(1, 10, 7).tolist(),
    )
    result = ExpectedUtility(rounds=5).run(a)
    assert result.positions.shape == (6, 3, 7)
    assert result.outcome.shape == (6, 3)
    assert result.risk.shape == (5, 3, 7)
    assert np.array_equal(result.positions[0], a.position)
    assert np.all((result.risk >= 0.5 - 1e-9) & (result.risk <= 2 + 1e-9))
    lo = a.position.min(axis=1)[None, :, None]
    hi = a.position.max(axis=1)[None, :, None]
    # actors only move toward others' positions: never outside the initial range
    assert np.all((result.positions >= lo - 1e-9) & (result.positions <= hi + 1e-9))
    assert result.outcome[0] == pytest.approx(WeightedMean().predict(a))
    assert ExpectedUtility(rounds=5).predict(a) == pytest.approx(result.final)


def test_eu_consensus_is_a_fixed_point() -> None:
    a = arrays([[40, 40, 40]], [[50, 60, 70]], [1, 2, 3])
    result = ExpectedUtility(rounds=4).run(a)
    assert np.all(result.positions == 40.0)


def test_eu_weak_low_salience_actor_moves_toward_the_strong() -> None:
    # two strong, committed actors at 70 and 80 and a weak indifferent one at 0
    a = arrays([[0, 70, 80]], [[5, 90, 90]], [0.1, 5, 5])
    result = ExpectedUtility(rounds=3).run(a)
    assert result.positions[-1, 0, 0] > 50


@pytest.mark.skipif(not (SHARED / "bdm").exists(), reason="shared data absent")
def test_eu_on_scholz_car_emissions_example() -> None:
    # Scholz, Calbert and Smith (2011): ten EC states, positions 4 (strict) to 10.
    # The model is not replicated (tests/test_eu_replication.py has the comparison with a
    # public replication), so check properties: the forecast stays in the initial range
    # and moves from the mean toward the strict pole held by Germany and the Netherlands.
    scenario = load_scenario(SHARED / "bdm" / "ExampleActors.csv")
    a = scenario.arrays()
    result = ExpectedUtility(rounds=6).run(a)
    assert result.outcome[0, 0] == pytest.approx(7.39, abs=0.01)
    assert np.all((result.outcome >= 4) & (result.outcome <= 10))
    assert result.outcome[-1, 0] < result.outcome[0, 0]
    # the UK (10, salience 90) concedes toward the centre over the rounds
    uk = scenario.arrays().actors.index("UK")
    assert result.positions[-1, 0, uk] < 10


@pytest.mark.skipif(not (SHARED / "deu3" / "deu3.csv").exists(), reason="shared data absent")
def test_deu_bars_are_reproduced() -> None:
    from standoff.forecast.deu import load_deu

    data = load_deu(SHARED / "deu3" / "deu3.csv")
    assert len(data.outcome) == 353
    a = data.arrays
    assert mae(WeightedMean(use_capability=False).predict(a), data.outcome) == pytest.approx(
        23.7, abs=0.05
    )
    assert mae(WeightedMedian(use_capability=False).predict(a), data.outcome) == pytest.approx(
        28.4, abs=0.05
    )


def test_fit_picks_the_parameter_with_least_error() -> None:
    # outcomes at the weighted median of lopsided issues: a small curvature fits best
    rng = np.random.default_rng(2)
    a = arrays(
        rng.uniform(0, 100, (30, 9)).tolist(), rng.uniform(10, 90, (30, 9)).tolist(),
        rng.uniform(1, 10, 9).tolist(),
    )
    target = NashBargaining(curvature=0.5).predict(a)
    model = NashBargaining(curvature=3.0).fit(a, target)
    assert model.curvature == 0.5
    assert model.fit_mae_ == pytest.approx(0.0)


def test_eu_absent_actor_stays_put_and_risk_neutral() -> None:
    a = arrays([[10, 50, 90, 30]], [[60, 40, 70, 0]], [1, 2, 3, 4])
    b = ScenarioArrays(**{**a.__dict__, "present": np.array([[True, True, True, False]])})
    result = ExpectedUtility(rounds=4).run(b)
    assert np.all(result.positions[:, 0, 3] == 30)
    assert np.all(result.risk[:, 0, 3] == 1.0)
    assert np.all((result.risk >= 0.5 - 1e-9) & (result.risk <= 2 + 1e-9))


# ---------------------------------------------------------------- slow reference of the EU model
# A plain, loop-by-loop transcription of the model card (one issue, one receiver, one proposer
# at a time; votes summed actor by actor) in float64. The vectorised ExpectedUtility must give
# the same trajectories: this pins its behaviour while it is optimised.


def _reference_votes(x: list[float], w: list[float]) -> list[list[float]]:
    """P[i][j]: positive votes for i over j / all absolute votes (0 on ties or no vote)."""
    n = len(x)
    total_w = sum(w)
    p = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if x[i] == x[j]:
                continue
            votes = [w[k] * (abs(x[k] - x[j]) - abs(x[k] - x[i])) for k in range(n)]
            total = sum(abs(v) for v in votes)
            if total > 1e-12 * max(total_w, 1.0):
                p[i][j] = sum(v for v in votes if v > 0) / total
    return p


def _reference_u(r: float, inner: float) -> float:
    return 2.0 - 4.0 * max(inner, 0.0) ** r


def _reference_round(
    x: list[float], s: list[float], w: list[float], here: list[bool], span: float,
    model: ExpectedUtility,
) -> tuple[list[float], list[float]]:
    """One round on one issue: (new positions, risk exponents)."""
    from standoff.forecast.bargaining import weighted_median

    n, q, t = len(x), model.q, model.t
    p = _reference_votes(x, w)
    pair = [[here[i] and here[j] and i != j for j in range(n)] for i in range(n)]
    d = [[abs(x[i] - x[j]) / span if pair[i][j] else 0.0 for j in range(n)] for i in range(n)]
    mu = float(weighted_median(np.array([x]), np.array([w]))[0])
    away = [abs(xi - mu) / span for xi in x]

    def status(i: int, j: int, r: float) -> float:  # T U_b + (1 - T) U_w, i challenging j
        return t * _reference_u(r, 0.5 - 0.25 * (away[i] + d[i][j])) + (1 - t) * _reference_u(
            r, 0.5 + 0.25 * (away[i] + d[i][j])
        )

    def eu(i: int, j: int, r: float, status_r: float) -> float:
        """EU of i challenging j, utilities with exponent r (the status terms with status_r)."""
        dd = d[i][j] if pair[i][j] else d[j][i]
        us, uf = _reference_u(r, 0.5 - 0.5 * dd), _reference_u(r, 0.5 + 0.5 * dd)
        usq = _reference_u(r, 0.5)
        # NOTE: the card's formula has ``- Q U_sq``; the model subtracts all of U_sq and then
        # (1 - Q) of the status terms. Identical when Q = 1 (Scholz's value, the only one
        # any caller uses); kept as the model does it.
        value = s[j] * (p[i][j] * us + (1 - p[i][j]) * uf) + (1 - s[j]) * us - usq
        return value - (1 - q) * status(i, j, status_r) if q < 1 else value

    if model.risk == "endogenous":
        # danger of j: the sum of the others' EU of challenging it, all at r = 1. NOTE: with
        # q < 1 the model also subtracts the status-quo term of j itself and of absent
        # actors (the card sums over the others only); kept as the model does it.
        danger = []
        for j in range(n):
            total = sum(eu(i, j, 1.0, 1.0) for i in range(n) if pair[i][j])
            if q < 1:
                total -= (1 - q) * sum(status(i, j, 1.0) for i in range(n) if not pair[i][j])
            danger.append(total)
        valid = [any(pair[i]) for i in range(n)]
        hi = max((danger[i] for i in range(n) if valid[i]), default=float("nan"))
        lo = min((danger[i] for i in range(n) if valid[i]), default=float("nan"))
        spread = hi - lo
        big_r = [
            min(1.0, max(-1.0, (2 * danger[i] - hi - lo) / spread))
            if valid[i] and spread > 1e-12 else 0.0
            for i in range(n)
        ]
        r = [(1 - b / 3) / (1 + b / 3) for b in big_r]
    else:
        r = [float(model.risk)] * n
    new = list(x)
    for i in range(n):
        best: tuple[float, float] | None = None
        # proposers in ascending position (ties by index): the first least move wins
        for j in sorted(range(n), key=lambda k: (x[k], k)):
            if not (pair[i][j] and d[i][j] > 0):
                continue
            a = eu(i, j, r[i], r[i])  # i challenging j
            # j challenging i, from i's view: i's exponent. NOTE: with q < 1 the model takes
            # that EU's status terms with j's exponent; kept as the model does it.
            b = eu(j, i, r[i], r[j])
            if b > a > 0 or (b > 0 > a):
                fraction = -a / b if (b > 0 > a and b > -a) else 1.0
                target = x[i] + (x[j] - x[i]) * fraction
                if best is None or abs(target - x[i]) < best[0]:
                    best = (abs(target - x[i]), target)
        if best is not None:
            new[i] = min(100.0, max(0.0, best[1]))
    return new, r


def reference_eu(a: ScenarioArrays, model: ExpectedUtility) -> tuple[np.ndarray, np.ndarray]:
    """Positions (rounds + 1, issues, actors) and risk (rounds, issues, actors), slowly."""
    m, n = a.position.shape
    positions = np.zeros((model.rounds + 1, m, n))
    risk = np.zeros((model.rounds, m, n))
    for row in range(m):
        here = [bool(v) for v in a.present[row]]
        s = [v / 100 for v in a.salience[row]]
        w = [c * sv if h else 0.0 for c, sv, h in zip(a.capability[row], s, here, strict=True)]
        x = [float(v) for v in a.position[row]]
        inside = [x[k] for k in range(n) if here[k]]
        span = max([0.0, *inside]) - min([100.0, *inside])
        span = span if span > 0 else 1.0
        positions[0, row] = x
        for k in range(model.rounds):
            x, r = _reference_round(x, s, w, here, span, model)
            positions[k + 1, row], risk[k, row] = x, r
    return positions, risk


def random_scenario(seed: int) -> ScenarioArrays:
    """5-30 actors, 1-4 issues; half the seeds on a coarse grid (ties, as in DEU), some absent."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(5, 31)), int(rng.integers(1, 5))
    pos = rng.uniform(0, 100, (m, n))
    if seed % 2:
        pos = np.round(pos / 25) * 25
    present = rng.uniform(size=(m, n)) > 0.15 * (seed % 3)
    base = arrays(pos.tolist(), rng.uniform(1, 100, (m, n)).tolist(), rng.uniform(1, 100, n))
    return ScenarioArrays(**{**base.__dict__, "present": present})


# Points on the 0-100 scale. Before its speed-up the model took the utilities in float32 and
# agreed to ~4e-4 after 12 rounds; in float64 it agrees with this reference to rounding.
EU_ATOL = 1e-9
EU_CASES = [
    (seed, {"rounds": 1 + seed % 6, **params})
    for seed, params in enumerate(
        [{}, {"risk": 1.0}, {"outcome": "median"}, {"risk": 0.5}, {"risk": 2.0}, {}, {}, {},
         {"q": 0.7, "t": 0.4}, {"q": 0.5, "risk": 1.5}, {}, {"risk": 1.0}]
    )
]


@pytest.mark.parametrize("engine", ["compiled", "numpy"])
@pytest.mark.parametrize(("seed", "params"), EU_CASES)
def test_eu_matches_the_slow_reference(
    seed: int, params: dict[str, object], engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(expected_utility, "ENGINE", engine)
    a = random_scenario(seed)
    model = ExpectedUtility(**params)  # type: ignore[arg-type]
    result = model.run(a)
    positions, risk = reference_eu(a, model)
    assert np.allclose(result.risk, risk, rtol=0, atol=EU_ATOL)
    assert np.allclose(result.positions, positions, rtol=0, atol=EU_ATOL)
    rule = WeightedMedian() if model.outcome == "median" else WeightedMean()
    for k in range(model.rounds + 1):
        moved = ScenarioArrays(**{**a.__dict__, "position": positions[k]})
        assert result.outcome[k] == pytest.approx(rule.predict(moved), abs=EU_ATOL)


@pytest.mark.parametrize("engine", ["compiled", "numpy"])
def test_eu_exact_tie_makes_no_offer(engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(expected_utility, "ENGINE", engine)
    # risk-neutral (r = 1) A at 0 (salience 50, capability 2) and B at 100 (100, 1): equal
    # weights, so P = 1/2 and B's s P = 1/2 exactly; A's EU of challenging B is then
    # exactly 0 (neither a conflict nor a concession), and B gains nothing from moving
    a = arrays([[0, 100]], [[50, 100]], [2, 1])
    assert ExpectedUtility(rounds=3, risk=1.0).run(a).positions[-1, 0].tolist() == [0, 100]


@pytest.mark.parametrize("engine", ["compiled", "numpy"])
@pytest.mark.parametrize("q", [1.0, 0.6])
def test_eu_degenerate_issues_raise_no_numpy_warnings(
    q: float, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(expected_utility, "ENGINE", engine)
    # one actor, nobody present, no salience, no capability, everyone in one place, the
    # extremes at distance 1: numpy must not warn (overflow, invalid value, division)
    a = arrays(
        [[10, 90, 50], [0, 100, 50], [20, 20, 20], [0, 100, 100], [0, 100, 40]],
        [[50, 60, 70], [0, 0, 0], [50, 50, 50], [100, 100, 100], [30, 100, 80]],
        [1, 0, 2],
    )
    present = np.ones((5, 3), dtype=bool)
    present[0, 1:] = False
    present[1, :] = False
    b = ScenarioArrays(**{**a.__dict__, "present": present})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for risk in ("endogenous", 0.5, 2.0):
            for data in (a, b):
                result = ExpectedUtility(rounds=4, q=q, risk=risk).run(data)
                assert np.all(np.isfinite(result.positions))
                assert np.all(np.isfinite(result.outcome))


def test_eu_compiled_and_numpy_rounds_agree_on_many_actors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 80 actors, 2 issues, 3 rounds: the compiled round is the numpy one step for step
    rng = np.random.default_rng(11)
    a = arrays(
        rng.uniform(0, 100, (2, 80)).tolist(), rng.uniform(0, 100, (2, 80)).tolist(),
        rng.uniform(1, 100, 80).tolist(),
    )
    runs = {}
    for engine in ("compiled", "numpy"):
        monkeypatch.setattr(expected_utility, "ENGINE", engine)
        runs[engine] = ExpectedUtility(rounds=3).run(a)
    assert expected_utility._compiled_round() is not None  # numba is a dependency
    assert np.allclose(runs["compiled"].positions, runs["numpy"].positions, rtol=0, atol=1e-9)
    assert np.allclose(runs["compiled"].risk, runs["numpy"].risk, rtol=0, atol=1e-9)
