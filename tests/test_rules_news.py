"""How wire copy phrases demands, de-escalations and its own sources (issue 12, PLOVER
type accuracy): each case is a sentence written for this test, in the shape news
reports take, and the event the reader must (or must not) find in it, at country level
(``tests/rulecheck.py`` gives the notation; ``~X`` is a target inferred from the
article).
"""

from __future__ import annotations

import pytest

from rulecheck import events
from standoff.model import ActorKind
from standoff.read import Reader
from standoff.read.actors import ActorDictionary

# What a speaker says another "must" do is the speaker's REQUEST of it, however the
# demand is wrapped; the demanded act itself is no event.
DEMANDS = [
    # "must be ready to": the readiness is demanded, the talks are not offered
    ("Ankara said Athens must be ready to negotiate with Nicosia.",
     "REQUEST TUR->GRC", "AGREE GRC->CYP"),
    # a "that" clause on a noun of saying ("a reminder that", "a warning that")
    ("The Kenyan president sent a sharp reminder to Uganda that it must withdraw its troops "
     "from the island.", "REQUEST KEN->~UGA", "RETREAT UGA"),
    # the purpose of a demanded act ("to let fuel reach") is demanded too; the subject of
    # "said" is the noun a misparsed participle ("working in Yemen") describes
    ("The Red Crescent working in Yemen said Saudi forces must open the port to let fuel "
     "reach Hodeidah.", "REQUEST ICRC->SAU", "CONCEDE SAU->YEM"),
]  # fmt: skip
# Who acts: a country's name the tagger labels a nationality, a leader's family name.
ACTORS = [
    ("Quito said the US should withdraw its ships.", "REQUEST ECU->USA"),
    ("The Clinton administration declared that Belgrade must withdraw its police from Kosovo.",
     "REQUEST USA->SRB"),
]  # fmt: skip
# Ending a military measure de-escalates (CAMEO 0872, PLOVER RETREAT); ending a civil
# restriction ("the state of emergency", "the curfew") is a concession.
EASING = [
    ("Turkish troops lifted the siege of the Syrian town of Afrin.", "RETREAT TUR->SYR",
     "CONCEDE TUR->SYR"),
    ("Iraq eased the blockade of Kuwait.", "RETREAT IRQ->KWT", "CONCEDE IRQ->KWT"),
]  # fmt: skip
# What is done to whom decides the type (CAMEO verb classes as PLOVER maps them): taking
# monitors away reduces relations, letting observers in allows involvement, carrying the
# wounded out is aid, outlawing a party coerces, opening fire assaults; pressing another
# to act asks for the act, which is not done.
ACTS = [
    ("The OSCE will withdraw its monitors from Georgia.", "THREATEN OSCE->GEO", "AGREE OSCE"),
    ("The Kyrgyz president received a mission of observers from the OSCE.",
     "RETREAT KGZ->OSCE", "CONSULT KGZ"),
    ("U.N. helicopters evacuated the wounded from the besieged Syrian town.", "AID UN->SYR",
     "RETREAT UN"),
    ("The Turkish government outlawed the largest Kurdish party.", "COERCE TUR->?",
     "SANCTION TUR"),
    ("Tanzanian police opened fire on Kenyan traders.", "ASSAULT TZA->KEN", "COERCE TZA"),
    ("Algeria pressed Morocco to accept a referendum.", "REQUEST DZA->MAR", "AGREE MAR"),
    ("Rwandan officials pressured Burundian traders to cancel the boycott.", "REQUEST RWA->BDI",
     "CONCEDE BDI"),
    # a vow's "to fight" hung on the verb as a clause of purpose is still what is vowed
    ("Hamas fighters have sworn to fight until Israel leaves Gaza.", "THREATEN PSE->~ISR",
     "ASSAULT PSE"),
    # a decision taken is the act, not an intention ("decided to allow")
    ("The Ghanaian court decided to allow the Togolese opposition leader to stand.",
     "CONCEDE GHA->~TGO", "AGREE GHA"),
    # the purpose a demanded meeting would serve is asked for too
    ("Belgrade demanded a meeting of the Security Council to discuss the Croatian offensive.",
     "REQUEST SRB->UN", "CONSULT SRB"),
    # a fact told inside a demand (a participle, a relative clause) stays a fact
    ("Manila demanded that Beijing return the rifles seized by its coast guard.",
     "COERCE CHN->?", "RETREAT CHN"),
    # an act on the ground is done where its object or aim is ("its troops in Lebanon")
    ("Israel has reinforced its troops in Lebanon.", "MOBILIZE ISR->LBN", "MOBILIZE ISR->?"),
    ("Turkish jets fired missiles at targets in Iraq.", "ASSAULT TUR->IRQ", "ASSAULT TUR->?"),
    # a complaint "to" someone is told to an audience; "over" the grievance names the accused
    ("Kenya complained to the African Union over repeated Somali incursions.",
     "ACCUSE KEN->SOM", "ACCUSE KEN->AU"),
    # a border places a thing; its country is not the party acted upon
    ("Ethiopian troops seized a rebel camp on the Eritrean border.", "COERCE ETH->?",
     "COERCE ETH->ERI"),
    ("Burmese troops captured a guerrilla stronghold on the Thai border.", "ASSAULT MMR->?",
     "ASSAULT MMR->THA"),
    # a ban on goods, carriers or markets is a sanction, not a coercion of people
    ("Ghana banned the import of all goods shipped from Togo.", "SANCTION GHA->TGO",
     "COERCE GHA->TGO"),
    ("Seoul banned all Japanese fishery products on Monday.", "SANCTION KOR->JPN",
     "COERCE KOR->JPN"),
    # "on" hung on the rate by the parser still names what the measure is on
    ("Ottawa imposed duties of 27 per cent on Chinese steel.", "SANCTION CAN->CHN",
     "SANCTION CAN->?"),
    # "against" hung on the forum by the parser still names the accused
    ("Ukraine filed complaints at the World Trade Organization against Poland on Monday.",
     "ACCUSE UKR->POL", "ACCUSE UKR->~WTO"),
    ("Gambia brought a case before the International Court of Justice against Myanmar.",
     "ACCUSE GMB->MMR", "ACCUSE GMB->ICJ"),
    # "the two governments": one of them named only by its adjective ("Mexican goods")
    ("Washington dropped its plan to put tariffs on Mexican goods after the two governments "
     "reached a deal.", "AGREE MEX->USA", "AGREE USA->?"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "not_event"), DEMANDS + EASING + ACTS)
def test_the_act_the_sentence_reports(
    reader: Reader, text: str, event: str, not_event: str
) -> None:
    """The event read, and not the one the words of the demanded or eased act suggest."""
    found = events(reader, text)
    # "TYPE X" (no arrow) rules out every such event of X, "TYPE X->Y" that one reading
    wrong = [
        e for e in found if e == not_event or ("->" not in not_event and e.startswith(not_event))
    ]
    assert event in found and not wrong, found


@pytest.mark.parametrize(("text", "event"), ACTORS)
def test_the_actor_is_named_however_tagged(reader: Reader, text: str, event: str) -> None:
    assert event in events(reader, text)


def test_an_ambiguous_family_name_names_no_side() -> None:
    book = ActorDictionary()
    book.add_person({"name": "Ana Ortega", "code": "NICGOV"}, "test")
    assert book.by_surname("Ortega") is not None
    assert book.by_surname("Ortega").country == "NIC"  # type: ignore[union-attr]
    book.add_person({"name": "Luis Ortega", "code": "VENGOV"}, "test")
    assert book.by_surname("Ortega") is None
    book.add_person({"name": "Rui Costa", "code": "PRTGOV"}, "test")
    book.add_person({"name": "Maria Costa", "code": "PRTGOV"}, "test")
    shared = book.by_surname("Costa")
    assert shared is not None and shared.code == "PRTGOV" and shared.kind is ActorKind.PERSON


def test_lifting_a_state_of_emergency_is_a_concession(reader: Reader) -> None:
    text = "Baku lifted the state of emergency it had imposed on Armenian villages."
    assert reader.sentence_types(text)[0] == "CONCEDE"
    assert not [e for e in events(reader, text) if e.startswith("COERCE")]


def test_telling_a_news_agency_asks_for_nothing(reader: Reader) -> None:
    text = "Officials told Reuters that Egyptian police had arrested the Sudanese smugglers."
    assert "REQUEST" not in reader.sentence_types(text)
    assert "COERCE EGY->SDN" in events(reader, text)


def test_the_sentence_types_are_the_events_types(reader: Reader) -> None:
    """'accepted the demands of the rebels' is a concession in the events and in the
    sentence's types alike."""
    text = "The Congolese government accepted the demands of the Rwandan rebels."
    assert reader.sentence_types(text)[0] == "CONCEDE"
    assert "CONCEDE COD->RWA" in events(reader, text)
