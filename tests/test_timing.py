"""The threat-timing model: P(imposed) by the deadline, within a year, at any time.

docs/models/threat-timing.md is its card; scripts/fit_ties_timing.py re-derives the
shipped curve from TIES (../shared/data, never committed).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from standoff.api import ForecastTables
from standoff.errors import UserError
from standoff.forecast.timing import (
    DEFAULT_TIMING_PATH,
    TimingCurve,
    imposed_between,
    load_timing,
    threat_start,
    with_horizons,
)
from standoff.forecast.timing_fit import kaplan_meier
from standoff.forecast.timing_ties import Spell
from standoff.forecast.timing_ties import load_timing as load_ties_timing
from standoff.model import (
    DatePrecision,
    Forecast,
    Interval,
    OutcomeProbability,
    ResolvedDate,
    StateChange,
    ThreatForecast,
    ThreatRecord,
)
from standoff.show.view import Table, build_forecast_view, build_view
from test_brief_truth import AUG7, _brief, _main, readings  # noqa: F401 - the fixture
from test_web_app import web  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[1]
TIES = ROOT.parent / "shared" / "data" / "ties" / "TIESv4-1.csv"
needs_ties = pytest.mark.skipif(not TIES.exists(), reason="../shared/data/ties not present")
START = date(2025, 7, 14)
# A toy curve: 50% of impositions on day 0, 70% within 30 days, 90% within a year.
CURVE = TimingCurve(np.array([0.0, 30.0, 365.0, 900.0]), np.array([0.5, 0.7, 0.9, 1.0]))


def _threat(deadline: date | None) -> ThreatRecord:
    return ThreatRecord(
        id="t1",
        label="USA -> RUS, secondary tariffs",
        sender="USA",
        target="RUS",
        measures=["secondary tariffs"],
        deadline=(
            ResolvedDate(value=deadline, precision=DatePrecision.DAY, text="8 August")
            if deadline
            else None
        ),
        history=[StateChange(date=START, state="issued")],
    )


def _forecast(p: float = 0.5) -> ThreatForecast:
    others = [("concede", 0.3), ("settle", 0.1), ("back_down", 0.1 - (p - 0.5)), ("stalemate", 0)]
    outcomes = [OutcomeProbability(outcome="imposed", probability=Interval(
        mean=p, low=p - 0.1, high=p + 0.1))]
    outcomes += [
        OutcomeProbability(outcome=o, probability=Interval(mean=q, low=q, high=q))  # type: ignore[arg-type]
        for o, q in others
    ]
    return ThreatForecast(threat_id="t1", sender="USA", target="RUS", outcomes=outcomes,
                          model_card="docs/models/threat-outcome.md", horizon="at any time")


def test_curve_is_read_linearly_between_the_days_with_impositions() -> None:
    assert CURVE(-1) == 0.0 and CURVE(0) == 0.5  # the mass of day 0 counts on day 0
    assert CURVE(15) == pytest.approx(0.6) and CURVE(30) == pytest.approx(0.7)
    assert CURVE(365) == pytest.approx(0.9) and CURVE(10_000) == 1.0


def test_imposed_between_conditions_on_nothing_imposed_so_far() -> None:
    assert imposed_between(0.5, 1.0, 0.0) == 0.5  # at any time, from day 0 on
    assert imposed_between(0.5, 0.7, 0.7) == 0.0  # nothing more can come in that window
    # p (F(h) - F(a)) / (1 - p F(a)): 0.5 * 0.2 / 0.75
    assert imposed_between(0.5, 0.7, 0.5) == pytest.approx(0.1 / 0.75)
    with pytest.raises(ValueError):
        imposed_between(0.5, 0.4, 0.5)  # F(h) below F(a): h before a


def test_a_threat_with_a_deadline_gets_three_labelled_ordered_horizons() -> None:
    threat = _threat(date(2025, 8, 8))
    out = with_horizons(_forecast(0.5), threat, date(2025, 8, 7), CURVE)
    labels = [h.label for h in out.imposed_by]
    assert labels == ["by the deadline (8 Aug)", "within a year (by 14 Jul 2026)", "at any time"]
    deadline, year, anytime = (h.probability for h in out.imposed_by)
    f24, f25 = 0.5 + 0.2 * 24 / 30, 0.5 + 0.2 * 25 / 30  # day 24 is 7 Aug, day 25 8 Aug
    assert deadline.mean == pytest.approx(0.5 * (f25 - f24) / (1 - 0.5 * f24))
    assert year.mean == pytest.approx(0.5 * (0.9 - f24) / (1 - 0.5 * f24))
    assert anytime.mean == pytest.approx(0.5 * (1 - f24) / (1 - 0.5 * f24))
    assert deadline.mean <= year.mean <= anytime.mean < 0.5  # day-0 impositions ruled out
    for h in out.imposed_by:
        p = h.probability
        assert p.low < p.mean < p.high
    assert out.imposed_by[0].days == 25 and out.imposed_by[1].by == date(2026, 7, 14)
    assert "given nothing imposed on RUS" in out.timing and "(day 24)" in out.timing


def test_a_later_deadline_step_is_counted_and_the_interval_maps_monotonically() -> None:
    threat = _threat(date(2025, 9, 2))  # day 50, forecast on day 0
    out = with_horizons(_forecast(0.5), threat, START, CURVE)
    deadline = out.imposed_by[0].probability
    rise = 0.7 + 0.2 * 20 / 335 - 0.5  # F(50) - F(0)
    assert deadline.mean == pytest.approx(0.5 * rise / 0.75)
    assert deadline.low == pytest.approx(0.4 * rise / (1 - 0.4 * 0.5))
    assert deadline.high == pytest.approx(0.6 * rise / (1 - 0.6 * 0.5))


def test_no_deadline_means_no_deadline_figure_and_the_forecast_says_why() -> None:
    out = with_horizons(_forecast(), _threat(None), START, CURVE)
    assert [h.horizon for h in out.imposed_by] == ["year", "any_time"]
    assert "no deadline stated: no 'by the deadline' figure" in out.timing


def test_more_than_a_year_after_the_start_there_is_no_within_a_year_figure() -> None:
    out = with_horizons(_forecast(), _threat(None), date(2026, 8, 1), CURVE)
    assert [h.horizon for h in out.imposed_by] == ["any_time"]
    assert "more than a year since the threat" in out.timing


def test_threat_start_is_the_earliest_dated_step() -> None:
    threat = _threat(None)
    threat.history.insert(0, StateChange(date=None, state="modified"))
    threat.history.append(StateChange(date=date(2025, 7, 1), state="modified"))
    assert threat_start(threat) == date(2025, 7, 1)
    assert with_horizons(_forecast(), threat.model_copy(update={"history": []}), START).timing


def test_kaplan_meier_matches_the_hand_computed_estimate() -> None:
    spells = [Spell(str(i), START, d, imposed, False) for i, (d, imposed) in enumerate(
        [(1, True), (2, True), (2, True), (3, False), (5, True)])]
    curve, low, high = kaplan_meier(spells)
    # S(1) = 4/5, S(2) = 4/5 * 2/4, the censored spell leaves at 3, S(5) = 0.
    assert [curve(d) for d in (0, 1, 2, 5)] == pytest.approx([0, 0.2, 0.6, 1.0])
    assert curve(4) == pytest.approx(0.6 + 0.4 * 2 / 3)  # read linearly between days
    assert all(low(d) <= curve(d) <= high(d) for d in (1, 2, 4))
    with pytest.raises(UserError):
        kaplan_meier([Spell("x", START, 3, False, False)])


def test_shipped_curve_is_a_distribution_and_bad_files_are_user_errors(tmp_path: Path) -> None:
    curve = load_timing()
    assert np.all(np.diff(curve.cdf) >= 0) and 0 < curve(0) < curve(365) <= 1
    bad = tmp_path / "t.json"
    bad.write_text(json.dumps({"days": [0, 5, 3], "cdf": [0.1, 0.2, 0.3]}), encoding="utf-8")
    with pytest.raises(UserError, match="must increase"):
        load_timing(bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(UserError, match="not a threat-timing file"):
        load_timing(bad)


@needs_ties
def test_ties_spells_are_consistent_with_the_data() -> None:
    cases = load_ties_timing(TIES)
    imposed = [s for s in cases.spells if s.imposed]
    assert all(s.days >= 0 for s in cases.spells + cases.resolved)
    ids = [s.case_id for s in cases.spells + cases.resolved]
    assert len(ids) == len(set(ids))  # one spell per case
    assert len(imposed) > 400 and len(cases.spells) > len(imposed)  # some are censored
    # More than half the TIES impositions are dated the threat's own first day.
    assert sum(s.days == 0 for s in imposed) / len(imposed) > 0.5
    assert sum(cases.excluded.values()) > 0


@needs_ties
def test_the_shipped_curve_is_re_derived_from_ties_by_the_script() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fit_ties_timing.py"), "--check",
         "--ties", str(TIES), "--out", str(DEFAULT_TIMING_PATH)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "current" in done.stdout


@needs_ties
def test_grouped_backtest_beats_the_unconditioned_formula_at_30_days() -> None:
    from standoff.forecast.timing_backtest import backtest_timing, format_scores

    scores = backtest_timing(TIES, folds=3, seed=0, grid=(0.316,))
    by_h = {s.horizon: s for s in scores}
    assert set(by_h) == {30, 90, 365}
    # p * F(h) counts day-0 impositions a pending threat has escaped: far worse.
    low = by_h[30].gain_vs_unconditioned[1]
    assert low > 0, by_h[30]
    assert "| 365 days |" in format_scores(scores, 3, 0)


def test_as_of_7_august_the_brief_labels_each_probability_with_its_horizon(
    readings: list,  # noqa: F811 - the fixture
) -> None:
    standoff, forecast, headline = _brief(readings, AUG7)
    main = _main(standoff)
    (item,) = [t for t in forecast.threats if t.threat_id == main.id]
    labels = [h.label for h in item.imposed_by]
    assert labels[0].startswith("by the deadline (") and labels[-1] == "at any time"
    assert "within a year (by 14 Jul 2026)" in labels
    for label in labels:
        assert label in headline
    view = build_view(standoff, forecast)
    titles = [b.title for s in view.sections for b in s.blocks if hasattr(b, "title")]
    assert any("imposed by when" in t and main.label in t for t in titles)
    table = ForecastTables(forecast).horizons.to_pylist()
    rows = [r for r in table if r["threat_id"] == main.id]
    assert [r["horizon_label"] for r in rows] == labels
    assert all(r["low"] <= r["probability"] <= r["high"] for r in rows)


def test_the_forecast_view_of_a_threat_without_deadline_says_why_it_has_no_deadline_row() -> None:
    item = with_horizons(_forecast(), _threat(None), START, CURVE)
    view = build_forecast_view(Forecast(as_of=START, threats=[item]))
    (table,) = [
        b for s in view.sections for b in s.blocks
        if isinstance(b, Table) and "imposed by when" in b.title
    ]
    assert [r[0].text for r in table.rows] == ["within a year (by 14 Jul 2026)", "at any time"]
    assert "no deadline stated: no 'by the deadline' figure" in table.caption
    assert "docs/models/threat-timing.md" in table.title


def test_the_workspace_forecast_panel_shows_the_horizons(web) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    client, _, _ = web
    page = client.get("/forecast?as_of=2025-07-20").text
    assert 'id="outcomes-horizon"' in page and "at any time after the threat" in page
    rows = page[page.index('id="horizons"'):page.index('id="horizons-given"')]
    assert "by the deadline (2 Sep)" in rows and "within a year (by 14 Jul 2026)" in rows
    assert "at any time" in rows
    assert "given nothing imposed on RUS" in page and "docs/models/threat-timing.md" in page
