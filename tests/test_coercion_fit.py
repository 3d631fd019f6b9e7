"""Fitting and back-testing the threat-outcome model on TIES, and the shipped coefficients."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from standoff.errors import UserError
from standoff.forecast.coercion_backtest import case_brier, reliability
from standoff.forecast.coercion_fit import log_loss
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
         "anticipatedsendercosts", "startmonth", "startday", "sanctiontype",
         "sancimpositionstartyear"], "",
    )
    row.update(cells)
    return row


def test_outcome_mapping_follows_the_ties_codes() -> None:
    assert outcome_of(ties_row(imposition="1", finaloutcome="3.0"))[0] == "imposed"
    stage = {"1.0": "concede", "2.0": "concede", "3.0": "back_down", "4.0": "stalemate",
             "5.0": "settle"}
    for code, outcome in stage.items():
        assert outcome_of(ties_row(imposition="0", finaloutcome=code))[0] == outcome
    assert outcome_of(ties_row(imposition="0", finaloutcome="7.0")) == (
        None, "post_imposition_outcome_without_imposition",
    )
    # An imposed type or an imposition year makes a case coded imposition = 0 imposed.
    assert outcome_of(ties_row(imposition="0", finaloutcome="4.0", sanctiontype="3"))[0] == (
        "imposed"
    )
    assert outcome_of(
        ties_row(imposition="0", finaloutcome="7.0", sancimpositionstartyear="1993")
    )[0] == "imposed"
    # Unresolved cases are left out alike, imposed or not.
    assert outcome_of(ties_row(imposition="0")) == (None, "unresolved_threat")
    assert outcome_of(ties_row(imposition="1")) == (None, "unresolved_imposition")
    assert outcome_of(ties_row(imposition="0", sanctiontype="7")) == (
        None, "unresolved_imposition",
    )


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
    assert case_brier(sure, y).tolist() == [0.0, 0.0]
    assert case_brier(flat, y) == pytest.approx([0.8**2 + 4 * 0.2**2] * 2)
    rows = reliability(flat, y)
    assert {r.outcome for r in rows} == {"concede", "settle", "back_down", "imposed", "stalemate"}
    assert all(r.n == 2 and r.predicted == pytest.approx(0.2) for r in rows)
    assert all((r.low, r.high) == (0.2, 0.3) for r in rows)  # 0.2 opens the third decile
    # A forecast of 1 falls in the last decile, which is closed.
    edge = reliability(np.array([[1.0, 0, 0, 0, 0]]), np.array([0]))
    assert (edge[0].low, edge[0].high, edge[0].observed) == (0.9, 1.0, 1.0)


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
    assert len(cases.outcomes) == 798
    assert cases.excluded == {
        "unresolved_threat": 80, "unresolved_imposition": 166,
        "post_imposition_outcome_without_imposition": 9,
    }
    assert cases.outcomes.count("imposed") == 332
    assert len(cases.starts) == len(cases.dyad_years) == len(cases.years) == 798
