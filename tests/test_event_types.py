"""The event-type table (``standoff/data/event-types.yaml``): complete, checked, and the one
source the reader's sets and the tracker's scores are drawn from."""

from __future__ import annotations

import pytest

from standoff.event_types import EVENT_TYPES, _event_type, event_table, types_where
from standoff.read.lexicon import COOPERATIVE, THREATENABLE, load_lexicon
from standoff.track.scores import event_score, score_table

# The 16 PLOVER event types (PLOVER manual), written out here so the table is checked
# against the standard, not against itself.
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def test_the_table_has_every_plover_type_and_no_other() -> None:
    assert set(EVENT_TYPES) == PLOVER


def test_the_lexicon_has_words_for_exactly_the_table_types() -> None:
    assert set(load_lexicon().types) == set(EVENT_TYPES)


@pytest.mark.parametrize(
    ("name", "score", "quad"),
    [("AID", 10, 2), ("ASSAULT", -9, 4), ("REQUEST", 0, 3), ("SUPPORT", 5, 1)],
)
def test_scores_and_quads_are_plover_table_2_2(name: str, score: float, quad: int) -> None:
    assert (EVENT_TYPES[name].score, EVENT_TYPES[name].quad) == (score, quad)


def test_accuse_keeps_the_printed_sign_beside_the_corrected_score() -> None:
    accuse = EVENT_TYPES["ACCUSE"]
    assert (accuse.score, accuse.printed) == (-3, 3)
    assert "Table 2.2" in event_table().citation


def test_cooperative_types_are_quads_one_and_two() -> None:
    assert COOPERATIVE == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


def test_threatened_forms() -> None:
    assert THREATENABLE == {
        "SANCTION": "sanction",
        "ASSAULT": "assault",
        "COERCE": "coerce",
        "MOBILIZE": "mobilize",
        "PROTEST": "protest",
    }


def test_flags_select_their_types() -> None:
    assert types_where("symmetric") == {"AGREE", "CONSULT", "COOPERATE"}
    assert types_where("demonym_targets") < types_where("demonym_objects")
    with pytest.raises(ValueError, match="not a flag"):
        types_where("cooperative")


def test_target_prepositions_are_words_not_booleans() -> None:
    assert "on" in EVENT_TYPES["SANCTION"].target_preps
    with pytest.raises(ValueError, match='quote prepositions such as "on"'):
        _event_type("X", {"quad": 1, "score": 0, "pairing_quad": 1, "target_preps": [True]})


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"quad": 5, "score": 0, "pairing_quad": 1, "target_preps": []}, "quad must be"),
        ({"quad": 1, "score": 0, "pairing_quad": 1, "target_preps": [], "symetric": True},
         "unknown field"),
        ({"quad": 1, "score": 0, "target_preps": []}, "missing pairing_quad"),
        ({"quad": 1, "score": 0, "pairing_quad": 1, "target_preps": [], "targeted": "yes"},
         "targeted must be true or false"),
    ],
)  # fmt: skip
def test_a_bad_row_is_an_error_not_a_default(spec: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _event_type("X", spec)


def test_the_tracker_scores_from_the_same_table() -> None:
    assert event_score("CONSULT", "visit") == 4
    assert event_score("CONSULT", "unknown-mode") == 2.5
    assert score_table()["categories"]["PROTEST"]["quad"] == 4
    assert event_score("NOT-A-TYPE") is None
