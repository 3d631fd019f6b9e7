"""The threat-outcome model at runtime: feature coding, overrides, probabilities."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from standoff.errors import UserError
from standoff.forecast.coercion import base_rates, code_features, predict_threat
from standoff.forecast.coercion_model import load_model
from standoff.forecast.coercion_spec import FEATURES, OUTCOMES, encode_many
from standoff.model import (
    Claim,
    ClaimKind,
    DatePrecision,
    Evidence,
    ResolvedDate,
    Standoff,
    StateChange,
    ThreatRecord,
    ThreatStatus,
)


def usa_russia(**changes: object) -> ThreatRecord:
    fields: dict[str, object] = {
        "id": "t-usa-rus",
        "sender": "USAGOV",
        "target": "RUS",
        "third_parties": ["CHN", "IND"],
        "demand": "agree to a ceasefire in Ukraine",
        "measures": ["secondary tariffs of about 100% on buyers of Russian oil"],
        "deadline": ResolvedDate(
            value=date(2025, 8, 8), precision=DatePrecision.DAY, text="ten days from today"
        ),
    }
    fields.update(changes)
    return ThreatRecord.model_validate(fields)


def by_name(threat: ThreatRecord, **kw: object) -> dict[str, tuple[object, str]]:
    return {f.name: (f.value, f.why) for f in code_features(threat, **kw)}  # type: ignore[arg-type]


def test_coding_of_a_hand_made_threat_gives_levels_and_reasons() -> None:
    coded = by_name(usa_russia())
    assert list(coded) == list(FEATURES)
    assert coded["sender_major"] == ("yes", "sender USA is a major power (COW)")
    assert coded["target_major"] == ("yes", "target RUS is a major power (COW)")
    assert coded["issue"][0] == "security" and "'ceasefire'" in coded["issue"][1]
    assert coded["threat_trade"] == ("yes", "measures name 'tariffs' (secondary, on CHN, IND)")
    assert coded["threat_financial"][0] == "no"
    assert coded["threat_embargo"][0] == "no"
    assert coded["specific"] == (
        "yes", "specific: yes, 'tariffs' named, deadline 2025-08-08 stated",
    )
    assert coded["commitment"][0] == "unknown"
    assert "override with commitment=weak|moderate|strong" in coded["commitment"][1]
    assert coded["multilateral"][0] == "no"


def test_coding_reads_each_sanction_group_from_its_words() -> None:
    coded = by_name(usa_russia(measures=["an asset freeze", "a total embargo", "travel bans"]))
    assert [coded[f"threat_{g}"][0] for g in ("trade", "financial", "embargo", "other")] == [
        "no", "yes", "yes", "yes",
    ]
    vague = by_name(usa_russia(measures=["very severe sanctions"], deadline=None))
    assert vague["specific"][0] == "no" and vague["threat_other"][0] == "yes"
    none = by_name(usa_russia(measures=[]))
    assert none["threat_trade"][0] == "missing" and none["specific"][0] == "missing"
    oil = by_name(usa_russia(measures=["an oil embargo"]))
    assert oil["threat_trade"][0] == "yes" and oil["threat_embargo"][0] == "no"


def test_no_feature_comes_from_the_threats_status_or_from_other_sentences() -> None:
    # Being carried out is the outcome, not a predictor: the commitment stays unknown.
    for status in (ThreatStatus.PARTLY_CARRIED_OUT, ThreatStatus.CARRIED_OUT,
                   ThreatStatus.WITHDRAWN):
        resolved = usa_russia(
            status=status, history=[StateChange(date=date(2025, 8, 6), state=status.value)]
        )
        level, why = by_name(resolved)["commitment"]
        assert level == "unknown" and "status" not in why
    assert by_name(resolved) == by_name(usa_russia())
    # The issue comes from the threat's own demand, never from its sender's other claims.
    submarines = Claim(
        kind=ClaimKind.DEMAND, actor="USA", text="reposition two nuclear submarines",
        evidence=Evidence(sentence="Trump ordered two nuclear submarines moved.", start=0, end=9),
    )
    bare = usa_russia(demand=None)
    level, why = by_name(bare, standoff=Standoff(claims=[submarines], threats=[bare]))["issue"]
    assert level == "unknown" and "no demand stated with the threat" in why


def test_coding_uses_institutions_and_joint_senders_only() -> None:
    eu = by_name(usa_russia(sender="EU"))
    assert eu["sender_major"][0] == "no" and eu["multilateral"][0] == "yes"
    joint = ThreatRecord(id="t2", sender="GBR", target="RUS", demand="agree to a ceasefire")
    standoff = Standoff(threats=[usa_russia(), joint])
    assert by_name(usa_russia(), standoff=standoff)["multilateral"] == (
        "yes", "GBR also threatens RUS with the same demand or deadline",
    )
    # Another sender's threat over something else is another threat, not a joint one.
    unrelated = ThreatRecord(id="t3", sender="GBR", target="RUS", demand="release the sailors")
    alone = by_name(usa_russia(), standoff=Standoff(threats=[usa_russia(), unrelated]))
    assert alone["multilateral"][0] == "no"
    assert by_name(usa_russia(sender="XXQ"))["sender_major"][0] == "unknown"
    assert by_name(usa_russia(target="IND"))["target_major"][0] == "no"


def test_overrides_replace_the_coded_value_and_say_so() -> None:
    features = code_features(usa_russia(), overrides={"commitment": "Strong", "multilateral": 1})
    chosen = {f.name: f for f in features}
    assert chosen["commitment"].value == "strong" and chosen["commitment"].overridden
    assert chosen["commitment"].why.startswith("set by override (the reading gave unknown")
    assert chosen["multilateral"].value == "yes"
    assert not chosen["issue"].overridden
    plain = predict_threat(usa_russia())
    moved = predict_threat(usa_russia(), overrides={"target_costs": "severe"})
    means = [o.probability.mean for o in plain.outcomes]
    assert means != [o.probability.mean for o in moved.outcomes]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"resolve": "strong"}, "unknown feature 'resolve'"),
        ({"commitment": "huge"}, "invalid value 'huge' for feature 'commitment'"),
    ],
)
def test_bad_overrides_raise_user_error_listing_valid_ones(
    overrides: dict[str, str], expected: str
) -> None:
    with pytest.raises(UserError, match=expected) as info:
        predict_threat(usa_russia(), overrides=overrides)
    listed = "sender_major" if "feature" in expected and "unknown" in expected else "moderate"
    assert listed in str(info.value)


def test_point_forecast_sums_to_one_with_degenerate_intervals() -> None:
    forecast = predict_threat(usa_russia())
    assert [o.outcome for o in forecast.outcomes] == list(OUTCOMES)
    means = np.array([o.probability.mean for o in forecast.outcomes])
    assert means.sum() == pytest.approx(1.0, abs=1e-12)
    assert all(o.probability.low == o.probability.high == o.probability.mean
               for o in forecast.outcomes)
    assert forecast.model_card == "docs/models/threat-outcome.md"
    # The model must say something the base rate does not: a US-Russia threat is not average.
    assert not np.allclose(means, [base_rates()[o] for o in OUTCOMES], atol=0.02)


def test_draws_give_intervals_and_the_same_seed_the_same_result() -> None:
    a = predict_threat(usa_russia(), draws=400, seed=7)
    b = predict_threat(usa_russia(), draws=400, seed=7)
    c = predict_threat(usa_russia(), draws=400, seed=8)
    assert a == b
    assert a != c
    for o in a.outcomes:
        p = o.probability
        assert 0 <= p.low < p.mean < p.high <= 1
    assert sum(o.probability.mean for o in a.outcomes) == pytest.approx(1.0, abs=1e-9)
    with pytest.raises(UserError):
        predict_threat(usa_russia(), draws=-1)


levels = st.fixed_dictionaries({name: st.sampled_from(lv) for name, lv in FEATURES.items()})
levels_or_unknown = st.fixed_dictionaries(
    {name: st.sampled_from((*lv, "unknown")) for name, lv in FEATURES.items()}
)


@settings(max_examples=60, deadline=None)
@given(levels)
def test_probabilities_are_a_distribution_for_any_coding(coding: dict[str, str]) -> None:
    probs = load_model().probabilities(encode_many([coding]))[0]
    assert np.all(np.isfinite(probs)) and np.all((probs >= 0) & (probs <= 1))
    assert probs.sum() == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=15, deadline=None)
@given(levels_or_unknown, st.integers(0, 2**32 - 1))
def test_drawn_forecasts_are_distributions_for_any_override(
    coding: dict[str, str], seed: int
) -> None:
    forecast = predict_threat(usa_russia(), overrides=coding, draws=50, seed=seed)
    assert sum(o.probability.mean for o in forecast.outcomes) == pytest.approx(1.0, abs=1e-9)
    for o in forecast.outcomes:
        p = o.probability
        assert 0 <= p.low <= p.mean <= p.high <= 1
