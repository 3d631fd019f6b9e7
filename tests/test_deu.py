"""DEU III: the reader, the Council weights, the split by proposal and the backtest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from standoff.forecast.bargaining import NashBargaining, WeightedMean
from standoff.forecast.council import period_on, periods
from standoff.forecast.deu import (
    DEU_STATES,
    backtest,
    council_capability,
    load_deu,
    parse_deu_date,
    proposal_split,
)

DEU = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "deu3" / "deu3.csv"
needs_deu = pytest.mark.skipif(not DEU.exists(), reason="shared data absent")


def test_council_weights_sum_to_the_treaty_totals() -> None:
    totals = [(p.label.split()[0], p.total) for p in periods()]
    assert totals == [("EU-15", 87), ("EU-25", 124), ("EU-25", 321), ("EU-27", 345),
                      ("EU-28", 352)]
    assert period_on(date(2001, 5, 30)).weights["DEU"] == 10
    assert period_on(date(2004, 6, 1)).weights["POL"] == 8
    assert period_on(date(2004, 11, 1)).weights["POL"] == 27
    assert period_on(date(2008, 1, 1)).weights["ROU"] == 14
    assert "HRV" not in period_on(date(2013, 6, 30)).weights
    assert period_on(date(2019, 5, 10)).weights["HRV"] == 7
    # every member state code of DEU III is in the last period's table
    assert set(DEU_STATES.values()) == set(periods()[-1].weights)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26-01-00", date(2000, 1, 26)),
        ("07-02-96", date(1996, 2, 7)),
        ("14-09-2016", date(2016, 9, 14)),
        ("1930-05-01", date(2001, 5, 30)),  # a spreadsheet's 30-05-01
        ("2014-07-04", date(2004, 7, 14)),  # ... and 14-07-04
        ("999", None),
        ("", None),
        ("31-02-01", None),
    ],
)
def test_deu_dates(text: str, expected: date | None) -> None:
    assert parse_deu_date(text) == expected


def test_institutions_weigh_as_the_largest_member() -> None:
    cap = council_capability(["com", "ep", "de", "pl", "lu"], [date(2001, 1, 1), date(2010, 1, 1)])
    assert cap.tolist() == [[10, 10, 10, 0, 2], [29, 29, 29, 27, 4]]


@needs_deu
def test_split_never_puts_a_proposal_in_both_halves() -> None:
    data = load_deu(DEU)
    fit = proposal_split(data)
    assert set(data.proposal[fit]).isdisjoint(set(data.proposal[~fit]))
    assert 0.4 < fit.mean() < 0.6
    # the old split by issue number did: most proposals had issues on both sides
    by_issue = data.number % 2 == 0
    both = set(data.proposal[by_issue]) & set(data.proposal[~by_issue])
    assert len(both) > 100


@needs_deu
def test_council_capability_on_deu() -> None:
    data = load_deu(DEU)
    a = data.arrays
    # no one outside the Council of the day takes part; the institutions always weigh
    assert np.all(a.capability[a.present] > 0)
    com = a.actors.index("com")
    assert np.all(a.capability[:, com] == a.capability.max(axis=1))
    # the bars of the shared README are unchanged: salience weights do not use capability
    assert len(data.outcome) == 353
    assert len(np.unique(data.proposal)) == 137


@needs_deu
def test_backtest_reports_intervals_on_differences() -> None:
    data = load_deu(DEU)
    report = backtest(
        data, [WeightedMean(use_capability=False), NashBargaining()], draws=300, seed=1
    )
    bar, nash = report.rows
    assert bar.test_vs_bar.value == 0 and (bar.test_vs_bar.low, bar.test_vs_bar.high) == (0, 0)
    for e in (nash.test, nash.crossfit):
        assert e.low < e.value < e.high
    # the difference is the difference of the two MAEs on the same issues
    assert nash.test_vs_bar.value == pytest.approx(nash.test.value - bar.test.value)
    assert nash.crossfit_vs_bar.value == pytest.approx(nash.crossfit.value - bar.crossfit.value)
    assert report.n_fit + report.n_test == 353
    assert report.proposals_fit + report.proposals_test == 137
    # the curvature is fitted on each half in turn
    assert nash.params.startswith("curvature=") and nash.params_other_half.startswith("curv")
