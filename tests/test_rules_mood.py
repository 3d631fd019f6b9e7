"""Each mood rule of ``standoff.read.mood`` on its own example, through the pipeline.

A case is (rule, sentence, event): the event is read with every rule and is gone when
that rule alone is disabled; a rule that stops an event ("did not attack") is checked
the other way round. Every rule of the three mood registries has a case.
"""

from __future__ import annotations

import pytest

from rulecheck import check_rule, events, types
from standoff.read import Reader
from standoff.read.mood import (
    HEAD_CHILD_MOODS,
    HEAD_MOODS,
    OWN_MOODS,
    Mood,
    classify,
    unless_ultimatum,
)

FINDS = [
    ("unless_ultimatum",
     "Turkey will block the accession of Sweden unless Stockholm extradites the suspects.",
     "THREATEN TUR->SWE"),
    ("future_in_the_past", "Baghdad said it would release the Kuwaiti prisoners.",
     "AGREE IRQ->KWT"),
    ("modal", "Russia could attack Ukraine.", "THREATEN RUS->UKR"),
    ("alleged_clause", "A Rwandan report alleged that France took part in the massacres in Rwanda.",
     "ACCUSE RWA->FRA"),
    ("intent_head", "Kyiv is ready to meet Moscow.", "AGREE UKR->RUS"),
    ("modal_head", "Moscow could launch an attack on Kyiv.", "THREATEN RUS->UKR"),
    ("attempted_blow", "Serbian gunmen attempted to assassinate the Albanian prime minister.",
     "ASSAULT SRB->ALB"),
    ("continued_head", "Washington said it would continue to stand with Manila.",
     "SUPPORT USA->PHL"),
    ("held_occasion", "The foreign ministers of Ethiopia and Egypt failed to agree at a meeting "
     "in Cairo.", "CONSULT EGY->ETH"),
    ("reported_intent_head", "Greece said it would hold talks with Turkey.", "AGREE GRC->TUR"),
    ("scheduled_measure", "The Australian duties on Chinese wine are due to take effect on "
     "Friday.", "THREATEN AUS->CHN"),
]  # fmt: skip
RULES_OUT = [
    ("condition", "NATO will respond if Russia attacks Estonia.", "ASSAULT RUS->EST"),
    ("time_left", "Chile said Peru had until Friday to reopen the border.", "CONCEDE PER->~CHL"),
    ("no_object", "Washington imposed no tariffs on Canada.", "SANCTION USA->CAN"),
    ("stated_must", "Under the new list, Qatar must cut its diplomatic ties to Iran.",
     "SANCTION QAT->IRN"),
    ("obliged_head", "Qatar must close the Turkish base and expel the Iranian diplomats.",
     "SANCTION QAT->IRN"),
    ("negation", "Russia did not attack Ukraine.", "ASSAULT RUS->UKR"),
    ("no_noun", "There was no attack by Russia on Ukraine.", "ASSAULT RUS->UKR"),
    ("no_longer", "Britain no longer supplies arms to Ukraine.", "AID GBR->UKR"),
    ("direct_question", "What did the leaders of Greece and Cyprus agree?", "AGREE GRC->CYP"),
    ("readiness", "Mali said it remained open to dialogue with ECOWAS.", "CONSULT MLI->ECOWAS"),
    ("any_act", "Norway said any attack by Russia on Norwegian vessels would be answered at once.",
     "THREATEN RUS->NOR"),
    ("refusal_head", "Israel refused to release the Palestinian prisoners.", "RETREAT ISR->PSE"),
    ("demanded_readiness", "Ankara said Athens must be ready to negotiate with Nicosia.",
     "AGREE GRC->CYP"),
    ("time_given", "Trump gave Moscow 50 days to reach an agreement with Kyiv.",
     "AGREE USA->UKR"),
    ("threat_head", "Washington threatened to impose tariffs on Brazil.", "SANCTION USA->BRA"),
    ("hypothetical_head", "Britain is trying to prevent a Russian attack on Ukraine.",
     "ASSAULT RUS->UKR"),
    ("denied_clause", "Kigali denies arming the rebels in eastern Congo.", "AID RWA->COD"),
    ("asked_clause", "Algeria pressed Morocco to accept a referendum.", "AGREE DZA->MAR"),
    ("inside_a_demand",
     "Warsaw demanded that Berlin refuse to recognise the Russian annexation of Crimea.",
     "REJECT DEU->RUS"),
    ("negated_head", "Moscow did not launch an attack on Kyiv.", "ASSAULT RUS->UKR"),
    # a present tense in a clause of time is still to come
    ("not_yet", "Colombia wants security guarantees before it releases the Venezuelan prisoners.",
     "RETREAT COL->VEN"),
    # a promise of restraint holds the act back: no refusal of it
    ("promised_restraint", "Uganda agreed not to support the rebels in Congo.",
     "REJECT UGA->COD"),
    ("conditional_head", "If Moscow launches an attack on Kyiv, sanctions will follow.",
     "ASSAULT RUS->UKR"),
    # the purpose of an act still to come is offered (AGREE), not held
    ("intended_purpose",
     "Norway's foreign minister will visit Colombia and Venezuela to mediate in the dispute.",
     "CONSULT NOR->COL"),
]  # fmt: skip
TYPES = [
    # a "must" under a verb that is no reporting verb of the triggers: a demand, by type
    ("reported_must", "The European Union believes that Turkey must withdraw its troops.",
     "REQUEST"),
    # an act said to be out of the question is refused (no doer named: a type, no event)
    ("ruled_out", "Moscow said lifting the sanctions on Georgia was out of the question.",
     "REJECT"),
]  # fmt: skip
REGISTRIES = {
    name: registry
    for registry in (OWN_MOODS, HEAD_MOODS, HEAD_CHILD_MOODS)
    for name in registry.names()
}


@pytest.mark.parametrize(("rule", "text", "event"), FINDS, ids=[c[0] for c in FINDS])
def test_rule_reads_its_example(reader: Reader, rule: str, text: str, event: str) -> None:
    check_rule(reader, REGISTRIES[rule], rule, text, event)


@pytest.mark.parametrize(("rule", "text", "event"), RULES_OUT, ids=[c[0] for c in RULES_OUT])
def test_rule_rules_out_its_example(reader: Reader, rule: str, text: str, event: str) -> None:
    check_rule(reader, REGISTRIES[rule], rule, text, event, absent=True)


@pytest.mark.parametrize(("rule", "text", "kind"), TYPES, ids=[c[0] for c in TYPES])
def test_rule_types_its_example(reader: Reader, rule: str, text: str, kind: str) -> None:
    check_rule(reader, REGISTRIES[rule], rule, text, kind, types)


def test_every_mood_rule_has_a_case() -> None:
    assert sorted(REGISTRIES) == sorted(c[0] for c in FINDS + RULES_OUT + TYPES)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Will Paris retaliate against Mali?", set()),
        ("Iran struck Pakistan on Tuesday, but will Islamabad retaliate?", {"ASSAULT IRN->PAK"}),
        ("Who attacked the Ukrainian convoy? Russian forces attacked it on Monday.",
         {"ASSAULT RUS->?"}),
    ],
)  # fmt: skip
def test_a_question_asks_and_the_answer_tells(reader: Reader, text: str, found: set[str]) -> None:
    """A clause that asks holds no event; a clause joined before it, and the answer after
    it, do."""
    assert events(reader, text) == found


def test_moods_are_strings_in_readings() -> None:
    """A str enum: equal to the bare strings older code and serialised data hold."""
    assert Mood.INTENT == "intent" and f"{Mood.NEGATED}" == "negated"


@pytest.mark.parametrize(
    ("kind", "state", "expected"),
    [
        ("CONSULT", Mood.INTENT, ("AGREE", "consult")),  # an announced meeting: intent
        ("AGREE", Mood.THREAT, ("AGREE", None)),
        ("CONSULT", Mood.REFUSED, ("REJECT", "consult")),
        ("ASSAULT", Mood.NEGATED, None),  # a denied attack is no event
        ("SANCTION", Mood.MODAL, ("THREATEN", "sanction")),
        ("REJECT", Mood.MODAL, None),
        ("ASSAULT", Mood.ULTIMATUM, ("THREATEN", "assault")),
        ("RETREAT", Mood.OBLIGED, ("REQUEST", "retreat")),
        ("AID", Mood.HYPOTHETICAL, None),
        ("ACCUSE", Mood.REAL, ("ACCUSE", None)),
    ],
)
def test_classify_maps_type_and_mood_to_plover(
    kind: str, state: Mood, expected: tuple[str, str | None] | None
) -> None:
    assert classify(kind, state) == expected


def test_a_deed_said_to_go_on_is_no_threat(reader: Reader) -> None:
    """'the attacks on Ukraine would continue': the deed under way goes on, no new one is
    threatened."""
    found = events(reader, "Peskov said the attacks on Ukraine would continue.")
    assert not any(e.startswith("THREATEN") for e in found)


def test_an_unless_clause_hung_on_a_later_verb_makes_no_ultimatum(reader: Reader) -> None:
    """The parser hangs "unless the junta kept to the timetable" on the relative clause's
    "agreed" that follows it; with no comma between them it is not "agreed"'s condition."""
    doc = reader.nlp(
        "In June the bloc had warned that new sanctions would follow at the start of July "
        "unless the junta kept to the transition timetable of March 3 it had agreed to after "
        "seizing power in 2021."
    )
    agreed = next(t for t in doc if t.lower_ == "agreed")
    kept = next(t for t in doc if t.lower_ == "kept")
    assert kept.head == agreed  # the misparse this guards against
    assert unless_ultimatum(agreed, reader.modality) is None
    fronted = reader.nlp("Unless Serbia kept to the timetable, the bloc would impose sanctions.")
    impose = next(t for t in fronted if t.lower_ == "impose")
    assert unless_ultimatum(impose, reader.modality) is Mood.ULTIMATUM


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Washington did not rule out military action against Venezuela.",
         {"THREATEN USA->VEN"}),
        ("Turkey refused to rule out the use of force against Greece.", {"THREATEN TUR->GRC"}),
        ("Beijing did not rule out new tariffs on Australian wine.", {"THREATEN CHN->~AUS"}),
        ("Moscow ruled out talks with Kyiv.", {"REJECT RUS->UKR"}),
        ("The EU did not rule out a compromise with London.", set()),
    ],
)  # fmt: skip
def test_a_blow_not_ruled_out_is_threatened(reader: Reader, text: str, found: set[str]) -> None:
    """Keeping a hostile act open threatens it (CAMEO 13); ruling out talks refuses them."""
    assert events(reader, text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Iran said it would hold Pakistan responsible for any further attack.",
         {"THREATEN IRN->PAK"}),
        ("Israel will hold Hamas fully responsible for the hostages' safety.",
         {"THREATEN ISR->PSE"}),
        ("Beijing could hold Canberra liable for the losses.", {"THREATEN CHN->AUS"}),
        ("Iran held Pakistan responsible for the attack.", {"ACCUSE IRN->PAK"}),
        ("Lebanon holds Washington responsible for the strikes.", {"ACCUSE LBN->USA"}),
    ],
)  # fmt: skip
def test_holding_a_side_answerable_from_now_is_a_warning(
    reader: Reader, text: str, found: set[str]
) -> None:
    """'will hold X responsible' warns of what follows (CAMEO 13); 'held X responsible' for a
    past deed charges it (ACCUSE)."""
    assert events(reader, text) == found


def test_considering_options_is_no_threat_unless_it_is_all_of_them(reader: Reader) -> None:
    """'would consider all options' warns; 'considering options for aid' plans."""
    found = events(reader, "Britain said it would consider all options to deal with the EU.")
    assert {"THREATEN GBR->EU", "THREATEN GBR->~EU"} & found
    assert not events(reader, "The EU is considering options for aid to Ukraine.")


def test_a_relative_clause_keeps_its_own_mood(reader: Reader) -> None:
    """'would receive its citizens who are deported': the deporting is told as done, not
    still to come with the main clause's "would"."""
    found = events(
        reader, "Colombia would receive its citizens who are deported by the United States."
    )
    assert not {e for e in found if e.startswith("THREATEN")}
    assert "COERCE USA->COL" in found
