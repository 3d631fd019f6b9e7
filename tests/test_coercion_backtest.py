"""The TIES back-test as the tool runs: episodes kept whole, runtime coding, the runtime's
own averaging, and printed figures that are the report's."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from standoff import cli
from standoff.forecast import coercion_fit
from standoff.forecast.coercion_backtest import (
    MODELS,
    WITH_PERIOD,
    episode_folds,
    period_of,
    predict_runtime,
    runtime_levels,
    ties_backtest,
)
from standoff.forecast.coercion_fit import class_indices, fit_multinomial
from standoff.forecast.coercion_model import CoercionModel
from standoff.forecast.coercion_spec import (
    FEATURES,
    MISSING,
    NOT_READ,
    UNKNOWN,
    columns,
    encode_many,
    level_frequencies,
)
from standoff.forecast.coercion_ties import EPISODE_RULE, code_case, episodes, load_ties

ROOT = Path(__file__).resolve().parents[1]
TIES = ROOT / ".." / "shared" / "data" / "ties" / "TIESv4-1.csv"
CARD = ROOT / "docs" / "models" / "threat-outcome.md"
needs_ties = pytest.mark.skipif(not TIES.exists(), reason="../shared TIES data not present")


def test_episodes_join_a_start_date_and_a_dyad_year_transitively() -> None:
    starts = ["1990-01-05", "1990-01-05", "", "1991-02-01", "1992-03-03", "", ""]
    dyads = ["2-365-1990", "2-710-1990", "2-710-1990", "20-2-1991", "2-740-1992", "", ""]
    g = episodes(starts, dyads)
    assert g[0] == g[1] == g[2]  # 0-1 by date, 1-2 by dyad and year
    assert len({g[0], g[3], g[4], g[5], g[6]}) == 5  # blanks link nothing
    assert sorted(set(g.tolist())) == [0, 1, 2, 3, 4]  # numbered 0..episodes-1


@needs_ties
def test_folds_keep_every_episode_whole() -> None:
    cases = load_ties(TIES)
    groups = episodes(cases.starts, cases.dyad_years)
    sizes = np.bincount(groups)
    assert sizes.max() > 10  # TIES has large same-day families to keep together
    # every case sharing a full start date is in one episode
    by_start: dict[str, set[int]] = {}
    for start, g in zip(cases.starts, groups, strict=True):
        if start:
            by_start.setdefault(start, set()).add(int(g))
    assert all(len(gs) == 1 for gs in by_start.values())
    y = class_indices(list(cases.outcomes))
    seen: list[int] = []
    for train, test in episode_folds(y, groups, 10, 0):
        assert not set(groups[train]) & set(groups[test])
        seen.extend(test.tolist())
    assert sorted(seen) == list(range(len(y)))  # each case held out once


def test_runtime_levels_never_missing_never_the_coders_judgements() -> None:
    coded = code_case({
        "caseid": "1", "startyear": "1995", "threat": "1", "imposition": "0",
        "finaloutcome": "1", "primarysender": "2", "sender1": "2", "sender2": "",
        "targetstate": "740", "institution": "0", "issue1": "", "sanctiontypethreat": "4",
        "bspecif": "", "scommit": "3", "anticipatedtargetcosts": "2",
        "anticipatedsendercosts": "",
    })
    assert coded["commitment"] == "strong" and coded["issue"] == MISSING
    runtime = runtime_levels(coded)
    assert MISSING not in runtime.values()
    assert all(runtime[name] == UNKNOWN for name in NOT_READ)
    assert runtime["issue"] == UNKNOWN and runtime["specific"] == UNKNOWN
    assert runtime["threat_trade"] == "yes" and runtime["target_major"] == "yes"
    assert period_of(1995) == "1990s" and period_of(1950) == "1945-1969"
    assert period_of(2025) == "2000s" and period_of(None) == MISSING


@needs_ties
def test_no_ties_case_reaches_a_model_with_a_missing_level() -> None:
    cases = load_ties(TIES)
    for features, year in zip(cases.features, cases.years, strict=True):
        runtime = runtime_levels({**features, "period": period_of(year)}, WITH_PERIOD)
        assert MISSING not in runtime.values()


@needs_ties
def test_backtest_forecast_is_the_runtime_forecast_and_ignores_the_judgements() -> None:
    cases = load_ties(TIES)
    coded = cases.features
    y = class_indices(list(cases.outcomes))
    train, test = np.arange(0, 600), np.arange(600, 640)
    fitted = fit_multinomial(encode_many([coded[i] for i in train]), y[train], grid=(0.3162,))
    got = predict_runtime(fitted.predict_proba, coded, train, test)
    runtime = CoercionModel(
        fitted.coef, fitted.intercept, np.zeros((fitted.coef.size + 5, 1)), {},
        level_frequencies([coded[i] for i in train]),
    )
    want = [runtime.mixture_probabilities(runtime_levels(coded[i])) for i in test]
    assert got == pytest.approx(np.array(want), abs=1e-12)
    # The coders' judgements of a held-out case change nothing: the runtime never has them.
    changed = [dict(c) for c in coded]
    for i in test:
        changed[i].update(commitment="weak", target_costs="severe", sender_costs="major")
    again = predict_runtime(fitted.predict_proba, changed, train, test)
    assert again == pytest.approx(got, abs=1e-12)
    assert len(columns()) == fitted.coef.shape[1] and set(FEATURES) <= set(runtime_levels(coded[0]))


@needs_ties
def test_printed_figures_are_the_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    small = tmp_path / "ties-small.csv"
    with TIES.open(encoding="latin-1", newline="") as src, small.open(
        "w", encoding="latin-1", newline=""
    ) as dst:
        rows = list(csv.reader(src))
        csv.writer(dst).writerows(rows[:500])
    monkeypatch.setattr(coercion_fit, "C_GRID", (0.3162,))  # one C keeps the test fast
    report = ties_backtest(load_ties(small), folds=2, seed=3)
    cli.main(["backtest", "ties", str(small), "--folds", "2", "--seed", "3"])
    out = capsys.readouterr().out
    assert f"TIES threat cases: {report.n_cases} " in out
    for model in report.models:
        line = next(x for x in out.splitlines() if x.startswith(f"{model.name:20}"))
        assert f"{model.brier:.4f}" in line and f"{model.gain.value:.1%}" in line
        assert f"[{model.gain.low:.1%}, {model.gain.high:.1%}]" in line
        d = model.difference
        assert f"{d.value:.4f} [{d.low:.4f}, {d.high:.4f}]" in line
        assert line.rstrip().endswith(f"{model.worst_gap:.3f}")
    assert f"Brier {report.base_brier:.4f}" in out
    cli.main(["backtest", "ties", str(small), "--folds", "2", "--seed", "3", "--json"])
    payload = json.loads(capsys.readouterr().out)
    assert payload["n_cases"] == report.n_cases and payload["episode_rule"] == EPISODE_RULE
    assert [m["name"] for m in payload["models"]] == list(MODELS)
    logit = payload["models"][0]
    assert logit["brier"] == report.models[0].brier and logit["runtime"]
    assert logit["worst_gap"] == report.models[0].worst_gap
    assert logit["gain"]["low"] <= logit["gain"]["value"] <= logit["gain"]["high"]


def test_the_card_cites_the_command_and_describes_its_evaluation() -> None:
    text = CARD.read_text(encoding="utf-8")
    section = text[text.index("## How well it forecasts"):text.index("## Limits")]
    assert "standoff backtest ties ../shared/data/ties/TIESv4-1.csv --folds 10 --seed 0" in section
    assert EPISODE_RULE.split(" = ", 1)[1] in " ".join(section.split())  # the rule, whole
    assert "coercion_spec.mixture" in section and "0.573" not in section.split("previous")[0]
