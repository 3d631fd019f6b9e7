"""The brief tells the truth on the bundled examples (issue 13's checks), with the real reader.

The examples are the summer-2025 US-Russia standoff (../shared/facts/us-russia-2025.md):
on 14 July Trump gave Russia 50 days, threatening secondary tariffs on buyers of its oil;
on 28-29 July he cut the deadline to about 8 August; on 6 August he put a 25% tariff on
India; on 8 August the deadline passed with nothing on Russia. The brief's headline must
tell that story, forecast the threat only while it is pending, and say for which horizon.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from standoff.cli.brief_commands import DEFAULT_DRAWS, DEFAULT_SEED, example_corpus, read_paths
from standoff.forecast import forecast_standoff, why_not_forecast
from standoff.forecast.choose import choose_scenario
from standoff.forecast.coercion_coding import coercive_measures
from standoff.model import Forecast, Reading, Standoff, ThreatRecord, ThreatStatus
from standoff.show.view import build_view
from standoff.track import build_standoff
from standoff.track.keys import country
from standoff.track.threats import imposed_on_target, is_live
from test_brief_cli import run

JULY14, JULY30, AUG6, AUG7, AUG8 = (
    date(2025, 7, 14), date(2025, 7, 30), date(2025, 8, 6), date(2025, 8, 7), date(2025, 8, 8)
)
LINKED = Path(__file__).resolve().parent / "data" / "linked-threat"


def _near(day: date | None, target: date, slack: int = 1) -> bool:
    return day is not None and abs(day - target) <= timedelta(days=slack)


@pytest.fixture(scope="module")
def readings() -> list[Reading]:
    return read_paths([example_corpus()])


def _brief(readings: list[Reading], as_of: date | None) -> tuple[Standoff, Forecast, str]:
    standoff = build_standoff(readings, as_of)
    choice = choose_scenario(standoff, None)
    forecast = forecast_standoff(
        standoff, choice.scenario, draws=200, seed=DEFAULT_SEED, scenario_note=choice.note
    )
    return standoff, forecast, build_view(standoff, forecast).headline.text


def _main(standoff: Standoff) -> ThreatRecord:
    main = standoff.threats[0]
    assert main.rank == 1
    assert (country(main.sender), country(main.target)) == ("USA", "RUS"), main.label
    assert "secondary tariffs" in main.label
    return main


def test_on_the_examples_the_headline_is_the_secondary_tariff_threat_with_its_story(
    readings: list[Reading],
) -> None:
    standoff, forecast, headline = _brief(readings, None)
    main = _main(standoff)
    issued = main.history[0]
    assert (issued.state, issued.date) == ("issued", JULY14)
    assert '("50 days")' in issued.detail and "2025-09-02" in issued.detail
    moved = [h for h in main.history if "deadline moved" in h.detail]
    assert moved and moved[0].date is not None and moved[0].date <= JULY30
    assert main.deadline is not None and _near(main.deadline.value, AUG8)
    (india,) = [x for x in main.executions if country(x.on) == "IND"]
    assert _near(india.date, AUG6) and india.evidence is not None
    passed = [h for h in main.history if h.state in ("deadline_passed", "expired")]
    assert passed and _near(passed[0].date, AUG8)
    assert main.status == ThreatStatus.PARTLY_CARRIED_OUT and main.live is False
    assert not imposed_on_target(main)  # nothing on Russia itself
    # The headline tells it: the threat, 50 days, the move, India, the deadline passed.
    assert f"Main threat: {main.label}: partly carried out" in headline
    for words in ('"50 days"', "deadline moved", "imposed on IND", "deadline passed",
                  "no measure on RUS"):
        assert words in headline, words
    # Resolved: no probability, and the brief says so.
    assert main.id not in {t.threat_id for t in forecast.threats}
    assert "No forecast: it is no longer pending" in headline


def test_as_of_7_august_the_threat_is_live_with_a_horizon_labelled_forecast(
    readings: list[Reading],
) -> None:
    standoff, forecast, headline = _brief(readings, AUG7)
    main = _main(standoff)
    assert main.live is True and "live, deadline ~2025-08-08, 1 day left" in headline
    assert "partly carried out: secondary tariffs imposed on IND" in headline
    (first,) = [t for t in forecast.threats if t.threat_id == main.id]
    assert first.label == main.label and first.outcomes
    assert first.horizon and "not by the deadline" in first.horizon
    assert f"Forecast, {first.horizon}: most likely" in headline
    # The reference scenario is dated 8 August: a brief of the 7th may not use it.
    assert forecast.scenario is not None and forecast.scenario.startswith("drafted")
    assert "dated 2025-08-08, after the standoff's 2025-08-07" in forecast.scenario


def test_as_of_30_july_the_moved_deadline_is_live(readings: list[Reading]) -> None:
    standoff, forecast, headline = _brief(readings, JULY30)
    main = _main(standoff)
    assert main.status == ThreatStatus.MODIFIED and "9 days left" in headline
    assert forecast.threats and forecast.threats[0].threat_id == main.id


@pytest.mark.parametrize("as_of", [JULY30, AUG7, None])
def test_no_forecast_for_a_resolved_or_measure_less_threat(
    readings: list[Reading], as_of: date | None
) -> None:
    standoff, forecast, _ = _brief(readings, as_of)
    by_id = {t.id: t for t in standoff.threats}
    for item in forecast.threats:
        threat = by_id[item.threat_id]
        assert is_live(threat) and coercive_measures(threat.measures)
        assert not imposed_on_target(threat)
        assert item.horizon
    skipped = {n.threat_id for n in forecast.not_forecast}
    for threat in standoff.threats:
        if not coercive_measures(threat.measures) or not is_live(threat):
            assert threat.id in skipped and why_not_forecast(threat)
    assert skipped | {t.threat_id for t in forecast.threats} == set(by_id)


def test_forecast_and_brief_agree_on_defaults_numbers_and_labels(
    readings: list[Reading], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["forecast", "--as-of", "2025-08-07", "--json"], capsys)
    assert code == 0, err
    alone = Forecast.model_validate_json(out)
    code, out, err = run(["brief", "--as-of", "2025-08-07", "--json"], capsys)
    assert code == 0, err
    within = Forecast.model_validate(json.loads(out)["forecast"])
    assert (alone.draws, alone.seed) == (within.draws, within.seed) == (DEFAULT_DRAWS, DEFAULT_SEED)
    assert alone == within
    code, out, err = run(["forecast", "--as-of", "2025-08-07"], capsys)
    assert code == 0, err
    assert "back down" in out and "back_down" not in out
    code, brief_out, err = run(["brief", "--as-of", "2025-08-07"], capsys)
    assert code == 0, err
    # The forecast command prints the brief's Forecast section: the same lines.
    within_brief = brief_out.split("\nFORECAST\n", 1)[1].strip().splitlines()
    alone_lines = out.split("\nFORECAST\n", 1)[1].strip().splitlines()
    # Footnote numbers differ (the brief cites more before); the words do not.
    def bare(lines: list[str]) -> list[str]:
        return [re.sub(r" ?\[\d+\]", "", line) for line in lines[:16]]

    assert bare(within_brief) == bare(alone_lines)


def test_forecast_uses_no_scenario_about_other_actors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["forecast", str(LINKED), "--json", "--draws", "20"], capsys)
    assert code == 0, err
    result = Forecast.model_validate_json(out)
    assert result.scenario is not None and "reference scenario does not apply" in result.scenario
    assert not any(i.issue in {"ceasefire", "nato", "territory"} for i in result.issues)
    reference = Path(__file__).resolve().parents[1] / "src/standoff/data/scenarios"
    code, _, err = run(
        ["forecast", str(LINKED), "--scenario", str(reference / "us-russia-2025.yaml")], capsys
    )
    assert code == 2 and "not this standoff's scenario" in err and "\n" not in err.strip()


def test_the_reference_scenario_cites_no_fact_after_its_own_date() -> None:
    from standoff.forecast import reference_scenario

    path = Path(__file__).resolve().parents[1] / "src/standoff/data/scenarios/us-russia-2025.yaml"
    as_of = date.fromisoformat(reference_scenario().as_of or "")
    months = {m: i for i, m in enumerate(
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}
    cited = re.findall(r"\[F:(?:\d+-)?(\d+) ([A-Z][a-z]{2})\]", path.read_text(encoding="utf-8"))
    assert len(cited) >= 8
    late = [f"{d} {m}" for d, m in cited if date(2025, months[m], int(d)) > as_of]
    assert not late, f"facts after the scenario's date {as_of}: {late}"


def test_forecast_store_as_of_equals_the_briefs_forecast(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from standoff.track.store import Store
    from test_track_factories import ultimatum_story

    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        for reading in ultimatum_story():
            store.add(reading, reading.article.id)
    common = ["--store", str(path), "--as-of", "2025-08-07", "--draws", "50", "--json"]
    code, out, err = run(["forecast", *common], capsys)
    assert code == 0, err
    alone = Forecast.model_validate_json(out)
    code, out, err = run(["brief", *common], capsys)
    assert code == 0, err
    assert alone == Forecast.model_validate(json.loads(out)["forecast"])
    (threat,) = alone.threats
    assert threat.label.startswith("USA -> RUS, secondary tariffs") and threat.horizon
    code, _, err = run(["forecast", "a.txt", "--store", str(path)], capsys)
    assert code == 2 and "not both" in err
