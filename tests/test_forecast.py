"""forecast_standoff, the Monte Carlo (seeded, local = Dask), random scenarios, the CLI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import standoff.cli as cli
from standoff.forecast import forecast_standoff, reference_scenario
from standoff.forecast.bargaining import WeightedMean
from standoff.forecast.draft import draft_scenario_yaml
from standoff.forecast.models import default_models, expected_utility_model
from standoff.forecast.montecarlo import simulate
from standoff.forecast.scenario import Scenario
from standoff.forecast.scenario_io import parse_yaml_scenario
from standoff.model import (
    Evidence,
    ProposalRecord,
    Standoff,
    ThreatRecord,
    ThreatStatus,
)


def toy_scenario(n: int = 4) -> Scenario:
    return Scenario.model_validate(
        {
            "actors": [{"code": f"A{j}", "capability": 1 + j} for j in range(n)],
            "issues": [{"id": "x"}, {"id": "y"}],
            "stances": {
                f"A{j}": {"x": {"position": 100 * j / (n - 1), "salience": 50},
                          "y": {"position": 100 - 100 * j / (n - 1), "salience": 80}}
                for j in range(n)
            },
        }
    )


def test_draws_and_seed_reproduce_exactly() -> None:
    s = reference_scenario()
    one = forecast_standoff(None, s, draws=70, seed=11)
    two = forecast_standoff(None, s, draws=70, seed=11)
    other = forecast_standoff(None, s, draws=70, seed=12)
    assert one.model_dump() == two.model_dump()
    assert one.model_dump()["issues"] != other.model_dump()["issues"]
    assert one.seed == 11 and one.draws == 70


def test_every_issue_number_has_an_interval() -> None:
    f = forecast_standoff(None, reference_scenario(), draws=40, seed=1)
    models = {m.name for m in default_models()}
    assert {i.model for i in f.issues} == models
    for i in f.issues:
        p = i.position
        assert 0 <= p.low <= p.mean <= p.high <= 100
        assert p.high > p.low  # the inputs are uncertain, so the interval is not a point
        assert i.model_card.startswith("docs/models/")
    eu = [i for i in f.issues if i.model == "expected-utility"]
    assert all(len(i.trajectory) == expected_utility_model().rounds + 1 for i in eu)


def test_eu_point_is_the_last_round_of_its_trajectory() -> None:
    # the forecast's number and the plotted trajectory come from the same model and rounds
    f = forecast_standoff(None, reference_scenario(), draws=0, seed=1)
    eu = [i for i in f.issues if i.model == "expected-utility"]
    assert eu
    for issue in eu:
        assert issue.trajectory[-1] == pytest.approx(issue.position.mean, abs=1e-3)


def test_no_draws_gives_the_point() -> None:
    s = toy_scenario()
    f = forecast_standoff(None, s, draws=0, seed=0)
    mean = WeightedMean().predict(s)
    got = [i.position for i in f.issues if i.model == "weighted-mean"]
    assert [g.mean for g in got] == pytest.approx(list(mean))
    assert all(g.low == g.high == g.mean for g in got)


def test_dask_local_cluster_equals_local_run() -> None:
    distributed = pytest.importorskip("distributed")
    a = toy_scenario().arrays()
    models = default_models()
    local = simulate(a, models, 150, seed=4)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        remote = simulate(a, models, 150, seed=4, scheduler=cluster.scheduler_address)
    assert np.array_equal(local, remote)


def _threat() -> ThreatRecord:
    ev = Evidence(sentence="Trump gave Russia 50 days or face 100% secondary tariffs.", start=0,
                  end=10, source="wire.example", published=date(2025, 7, 14))
    return ThreatRecord(id="t1", sender="USA", target="RUS", third_parties=["IND", "CHN"],
                        demand="agree to a ceasefire", measures=["100% secondary tariffs"],
                        status=ThreatStatus.PENDING, evidence=[ev])


def test_threats_get_outcomes_that_sum_to_one() -> None:
    standoff = Standoff(as_of=date(2025, 8, 6), threats=[_threat()])
    f = forecast_standoff(standoff, None, draws=30, seed=2)
    assert len(f.threats) == 1
    total = sum(o.probability.mean for o in f.threats[0].outcomes)
    assert total == pytest.approx(1.0)
    assert all(0 <= o.probability.low <= o.probability.high <= 1 for o in f.threats[0].outcomes)
    assert f.as_of == date(2025, 8, 6)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    n = draw(st.integers(2, 7))
    m = draw(st.integers(1, 3))
    pos = st.floats(0, 100, allow_nan=False)
    sal = st.floats(0, 100, allow_nan=False)
    stances = {}
    for j in range(n):
        picked = {f"i{k}": {"position": draw(pos), "salience": draw(sal)}
                  for k in range(m) if j == 0 or draw(st.booleans())}
        stances[f"A{j}"] = picked
    return Scenario.model_validate(
        {
            "actors": [{"code": f"A{j}", "capability": draw(st.floats(1e-3, 1e3))}
                       for j in range(n)],
            "issues": [{"id": f"i{k}"} for k in range(m)],
            "stances": stances,
        }
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios(), draws=st.integers(0, 5), seed=st.integers(0, 2**31 - 1))
def test_random_scenarios_give_finite_positions_in_range(
    scenario: Scenario, draws: int, seed: int
) -> None:
    f = forecast_standoff(None, scenario, draws=draws, seed=seed)
    assert len(f.issues) == len(scenario.issues) * len(default_models())
    for i in f.issues:
        values = [i.position.mean, i.position.low, i.position.high, *i.trajectory]
        assert all(np.isfinite(values))
        assert all(0 <= v <= 100 for v in values)


def test_draft_scenario_from_a_standoff_loads() -> None:
    ev = Evidence(sentence="Russia floated a moratorium on air strikes.", start=0, end=5,
                  source="wire.example", published=date(2025, 8, 6))
    standoff = Standoff(
        as_of=date(2025, 8, 6),
        threats=[_threat()],
        proposals=[ProposalRecord(id="p1", name="air-strike moratorium", text="moratorium",
                                  sponsors=["RUSGOV"], opponents=["UKR", "USA"], evidence=[ev])],
    )
    text = draft_scenario_yaml(standoff)
    s = parse_yaml_scenario(text, "<draft>")
    assert {a.code for a in s.actors} == {"RUS", "UKR", "USA"}
    assert s.stances["RUS"]["air_strike_moratorium"].position == 90
    assert s.stances["UKR"]["air_strike_moratorium"].position == 10
    assert "Russia floated a moratorium" in text
    rus = next(a for a in s.actors if a.code == "RUS")
    assert rus.capability == pytest.approx(0.037)


# --------------------------------------------------------------------------- command line


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """Invoke the CLI's main() with only this layer's commands registered."""
    def register() -> None:
        import standoff.cli.forecast_commands  # noqa: F401

    monkeypatch.setattr(cli, "_register", register)

    def invoke(*args: str) -> tuple[int, str, str]:
        try:
            cli.main(list(args))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


BAD = [
    ("stances:\n  XXX: {}\n", "unknown actor"),
    ("name: [unclosed\n", "malformed YAML"),
]


@pytest.mark.parametrize(("extra", "words"), BAD)
def test_cli_bad_scenario_exits_2_with_one_line(
    run: Run, tmp_path: Path, extra: str, words: str
) -> None:
    path = tmp_path / "bad.yaml"
    base = "actors:\n  - {code: A, capability: 1}\nissues:\n  - {id: x}\n"
    path.write_text(extra if "unclosed" in extra else base + extra)
    code, out, err = run("forecast", "--scenario", str(path))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"standoff: {path}:")
    assert words in err


def test_cli_bad_override_and_json(run: Run, tmp_path: Path) -> None:
    code, _, err = run("forecast", "--override", "nonsense")
    assert code == 2 and "FEATURE=VALUE" in err
    code, out, _ = run("forecast", "--json", "--draws", "5", "--seed", "3")
    assert code == 0
    from standoff.model import Forecast

    f = Forecast.model_validate_json(out)
    assert f.seed == 3 and f.draws == 5 and f.issues


def test_cli_plot_writes_an_image(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "eu.png"
    code, out, _ = run("forecast", "--plot", str(target))
    assert code == 0 and target.stat().st_size > 1000
    assert "expected-utility" in out


def test_cli_backtest_deu_missing_file(run: Run, tmp_path: Path) -> None:
    code, _, err = run("backtest", "deu", str(tmp_path / "none.csv"))
    assert code == 2 and "none.csv" in err


def test_resolved_and_measure_less_threats_get_no_probability_but_a_reason() -> None:
    """Only a pending threat of economic sanctions is forecast; the others say why not."""
    from datetime import date

    from standoff.forecast import forecast_standoff
    from standoff.model import Execution, Standoff, ThreatRecord, ThreatStatus

    day = date(2025, 8, 20)
    expired = ThreatRecord(
        id="T-1", sender="USA", target="RUS", measures=["tariffs"], status=ThreatStatus.EXPIRED,
        live=False, deadline=_deadline(date(2025, 8, 8)),
    )
    carried = ThreatRecord(
        id="T-2", sender="USA", target="IND", measures=["tariffs"],
        status=ThreatStatus.CARRIED_OUT, live=False,
        executions=[Execution(measure="tariffs", on="IND", date=date(2025, 8, 6))],
    )
    bare = ThreatRecord(id="T-3", sender="RUS", target="UKR", live=True)
    military = ThreatRecord(id="T-4", sender="RUS", target="UKR", measures=["strikes"], live=True)
    pending = ThreatRecord(
        id="T-5", sender="USA", target="RUS", measures=["secondary tariffs"], live=True,
        label="USA -> RUS, secondary tariffs",
    )
    standoff = Standoff(as_of=day, threats=[expired, carried, bare, military, pending])
    result = forecast_standoff(standoff, None, draws=0, seed=1)
    (forecast,) = result.threats
    assert forecast.threat_id == "T-5" and forecast.label == "USA -> RUS, secondary tariffs"
    assert "any time" in forecast.horizon and "not by the deadline" in forecast.horizon
    reasons = {item.threat_id: item.reason for item in result.not_forecast}
    assert set(reasons) == {"T-1", "T-2", "T-3", "T-4"}
    assert "deadline 2025-08-08 passed" in reasons["T-1"]
    assert "tariffs imposed on IND on 2025-08-06" in reasons["T-2"]
    assert "imposed" in reasons["T-2"] and "known" in reasons["T-2"]
    assert reasons["T-3"].startswith("no coercive measure stated")
    assert reasons["T-4"].startswith("no coercive measure stated (strikes)")
    # A resolved threat with no third parties exposes nobody.
    assert {row.threat_id for row in result.exposure} <= {"T-5"}


def _deadline(day: object) -> object:
    from standoff.model import DatePrecision, ResolvedDate

    return ResolvedDate(value=day, precision=DatePrecision.DAY, text=str(day))  # type: ignore[arg-type]
