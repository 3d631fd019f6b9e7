"""Fitting and back-testing the threat-outcome model on TIES, and the shipped coefficients."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from standoff.errors import UserError
from standoff.forecast.coercion_fit import backtest, brier, log_loss, reliability
from standoff.forecast.coercion_model import DEFAULT_MODEL_PATH, load_model, parse_model
from standoff.forecast.coercion_spec import columns
from standoff.forecast.coercion_ties import code_case, load_ties, outcome_of

ROOT = Path(__file__).resolve().parents[1]
TIES = ROOT / ".." / "shared" / "data" / "ties" / "TIESv4-1.csv"
needs_ties = pytest.mark.skipif(not TIES.exists(), reason="../shared TIES data not present")


def ties_row(**cells: str) -> dict[str, str]:
    row = dict.fromkeys(
        ["caseid", "startyear", "threat", "imposition", "finaloutcome", "primarysender",
         "sender1", "sender2", "sender3", "sender4", "sender5", "targetstate", "institution",
         "issue1", "sanctiontypethreat", "bspecif", "scommit", "anticipatedtargetcosts",
         "anticipatedsendercosts"], "",
    )
    row.update(cells)
    return row


def test_outcome_mapping_follows_the_ties_codes() -> None:
    assert outcome_of(ties_row(imposition="1", finaloutcome="3.0"))[0] == "imposed"
    assert outcome_of(ties_row(imposition="1"))[0] == "imposed"
    stage = {"1.0": "concede", "2.0": "concede", "3.0": "back_down", "4.0": "stalemate",
             "5.0": "settle"}
    for code, outcome in stage.items():
        assert outcome_of(ties_row(imposition="0", finaloutcome=code))[0] == outcome
    assert outcome_of(ties_row(imposition="0", finaloutcome="7.0")) == (
        None, "post_imposition_outcome_without_imposition",
    )
    assert outcome_of(ties_row(imposition="0")) == (None, "no_outcome")


def test_case_coding_reads_power_by_year_types_and_missing() -> None:
    us_japan = code_case(ties_row(
        startyear="1995", primarysender="2.0", sender1="2.0", targetstate="740", institution="0.0",
        issue1="13", sanctiontypethreat="4", bspecif="2.0", scommit="3.0",
    ))
    assert us_japan["sender_major"] == "yes" and us_japan["target_major"] == "yes"
    assert us_japan["issue"] == "trade" and us_japan["threat_trade"] == "yes"
    assert us_japan["threat_financial"] == "no" and us_japan["specific"] == "yes"
    assert us_japan["commitment"] == "strong" and us_japan["target_costs"] == "missing"
    assert us_japan["multilateral"] == "no"
    # Japan was not a COW major power between 1946 and 1990.
    assert code_case(ties_row(startyear="1970", targetstate="740"))["target_major"] == "no"
    aid = code_case(ties_row(startyear="1990", sanctiontypethreat="8 2", institution="1.0"))
    assert aid["threat_financial"] == "yes" and aid["threat_embargo"] == "yes"
    assert aid["multilateral"] == "yes" and aid["sender_major"] == "no"
    assert code_case(ties_row(startyear="1990"))["threat_trade"] == "missing"


def test_scores_on_known_forecasts() -> None:
    y = np.array([0, 1])
    sure = np.array([[1.0, 0, 0, 0, 0], [0, 1.0, 0, 0, 0]])
    flat = np.full((2, 5), 0.2)
    assert log_loss(sure, y) == pytest.approx(0.0, abs=1e-12)
    assert log_loss(flat, y) == pytest.approx(np.log(5))
    assert brier(sure, y) == 0.0
    assert brier(flat, y) == pytest.approx(0.8**2 + 4 * 0.2**2)
    rows = reliability(flat, y)
    assert {r.outcome for r in rows} == {"concede", "settle", "back_down", "imposed", "stalemate"}
    assert all(r.n == 2 and r.predicted == pytest.approx(0.2) for r in rows)


def test_shipped_coefficients_match_the_encoding_and_cite_the_data() -> None:
    document = json.loads(DEFAULT_MODEL_PATH.read_text())
    assert document["columns"] == columns()
    assert "Morgan" in document["data"]["citation"] and "31(5)" in document["data"]["citation"]
    assert document["fitted"]["command"].startswith("standoff fit ties")
    model = load_model()
    assert model.factor.shape[0] == len(document["intercept"]) * (len(columns()) + 1)
    broken = dict(document, columns=document["columns"][:-1])
    with pytest.raises(UserError, match="refit"):
        parse_model(broken, "x.json")


def test_loader_rejects_missing_wrong_and_non_csv_files(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        load_ties(tmp_path / "absent.csv")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n")
    with pytest.raises(UserError, match=r"wrong\.csv: not a TIES v4 CSV, missing columns: caseid"):
        load_ties(wrong)
    binary = tmp_path / "data.bin"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04")
    with pytest.raises(UserError, match=r"data\.bin"):
        load_ties(binary)


@needs_ties
def test_ties_cases_load_with_the_documented_counts() -> None:
    cases = load_ties(TIES)
    assert len(cases.outcomes) == 955
    assert cases.excluded == {"no_outcome": 83, "post_imposition_outcome_without_imposition": 15}
    assert cases.outcomes.count("imposed") == 486


@needs_ties
def test_model_beats_the_base_rate_out_of_sample() -> None:
    report = backtest(TIES, folds=5, seed=1, grid=(0.1, 0.3162, 1.0))
    assert report.model_log_loss < report.base_log_loss
    assert report.model_brier < report.base_brier
    assert report.log_loss_gain > 0.05  # measured: about 12% lower with 10 folds
