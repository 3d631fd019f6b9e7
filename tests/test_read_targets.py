"""Targets named deep in the predicate (read.targets), and the direction of contacts.

Sentences written for these tests; each names its parties once, so a wrong rule
shows up as a missing or an extra (type, source, target) triple.
"""

from __future__ import annotations

from datetime import date

import pytest

from standoff.model import RawArticle
from standoff.read.reader import Reader
from standoff.read.score import triples

DAY = date(2024, 3, 6)


def read_triples(reader: Reader, text: str) -> set[tuple[str, str, str]]:
    return triples(reader.read(RawArticle(text=text), published=DAY))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the other party sits in the object's own phrase, not in a fixed slot
        (
            "Norway threatened on Tuesday to cut off gas deliveries to the Polish port of Gdansk.",
            ("THREATEN", "NOR", "POL"),
        ),
        # a demonym on a noun for people is the party acted upon
        ("Chile granted asylum to five Peruvian soldiers.", ("AID", "CHL", "PER")),
        # the trigger's own object: whose proposal was turned down
        ("Seoul rejected the proposed Japanese changes to the accord.", ("REJECT", "KOR", "JPN")),
    ],
)
def test_target_named_in_the_predicate(
    reader: Reader, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in read_triples(reader, text)


def test_place_of_a_meeting_is_not_its_party(reader: Reader) -> None:
    out = read_triples(
        reader,
        "Chinese and Indian negotiators agreed on a border patrol plan at a summit in Brazil.",
    )
    assert not any(t[2] == "BRA" for t in out), out


def test_actor_deep_inside_a_demand_is_not_its_addressee(reader: Reader) -> None:
    out = read_triples(
        reader,
        "Moscow listed its conditions for a settlement, including a halt to NATO expansion.",
    )
    assert ("REQUEST", "RUS", "NATO") not in out


def test_joint_subjects_agree_both_ways(reader: Reader) -> None:
    out = read_triples(reader, "Peru and Ecuador agreed to reopen their border crossings.")
    assert {("AGREE", "PER", "ECU"), ("AGREE", "ECU", "PER")} <= out


def test_a_coalition_member_is_not_the_target_of_its_own_demand(reader: Reader) -> None:
    """Three joint subjects speak together: none is guessed to be another's addressee."""
    text = "Chile, Peru and Bolivia want the quota extended. Peru met Chile on Monday."
    out = read_triples(reader, text)
    assert not {t for t in out if t[0] == "REQUEST" and t[2] in ("CHL", "PER", "BOL")}


def test_a_visit_runs_one_way_a_meeting_both_ways(reader: Reader) -> None:
    visit = read_triples(reader, "The Kenyan foreign minister visited Ethiopia on Monday.")
    assert ("CONSULT", "KEN", "ETH") in visit
    assert ("CONSULT", "ETH", "KEN") not in visit
    meeting = read_triples(reader, "The Kenyan foreign minister met Ethiopia's prime minister.")
    assert {("CONSULT", "KEN", "ETH"), ("CONSULT", "ETH", "KEN")} <= meeting


def test_a_perfect_tense_request_is_an_event(reader: Reader) -> None:
    # "has asked" is a perfect; only a bare participle ("Asked whether ...") is not a request
    out = read_triples(reader, "Canada has asked Mexico to agree by June 3 to a review panel.")
    assert ("REQUEST", "CAN", "MEX") in out


def test_the_subject_of_a_demanded_clause_is_the_addressee(reader: Reader) -> None:
    out = read_triples(reader, "Brazil has demanded that Argentina lift the new import licences.")
    assert ("REQUEST", "BRA", "ARG") in out


def test_those_who_travel_for_talks_consult(reader: Reader) -> None:
    out = read_triples(
        reader, "Vietnam's trade minister travelled to Seoul for two days of talks on Monday."
    )
    assert ("CONSULT", "VNM", "KOR") in out


def test_recalling_an_envoy_for_consultations_is_no_meeting(reader: Reader) -> None:
    out = read_triples(reader, "Chile recalled its ambassador to Bolivia for consultations.")
    assert not any(t[0] == "CONSULT" for t in out), out


def test_a_group_of_senders_is_answered_as_a_group(reader: Reader) -> None:
    text = (
        "Norway, Sweden and Denmark threatened on Monday to impose sanctions on Belarus "
        "unless it frees the detained pilots. Belarus called the decision illegal."
    )
    out = read_triples(reader, text)
    assert {("REJECT", "BLR", c) for c in ("NOR", "SWE", "DNK")} <= out, out


def test_people_named_by_a_demonym_act_for_their_country(reader: Reader) -> None:
    # a demonym on a noun for people or for arms stands for the country as a subject;
    # "Russian oil" does not (tested in the seed acceptance tests)
    assert ("PROTEST", "NPL", "IND") in read_triples(
        reader, "Nepalese students protested on Monday against India's new border road."
    )
    assert ("ASSAULT", "AZE", "ARM") in read_triples(
        reader, "Azerbaijani helicopters attacked Armenian positions near the border."
    )


def test_international_groups_are_actors_and_count_as_igos(reader: Reader) -> None:
    from standoff.read.evaluate import _actor_code

    reading = reader.read(
        RawArticle(text="Amnesty International accused Myanmar of burning villages."),
        published=DAY,
    )
    assert {(e.type, _actor_code(e.source), _actor_code(e.target)) for e in reading.events} >= {
        ("ACCUSE", "IGO", "MMR")
    }


def test_they_takes_up_the_last_list_of_actors(reader: Reader) -> None:
    text = (
        "Norway, Sweden and Denmark imposed fishing quotas on Iceland on Monday. Iceland "
        "protested. They urged Iceland to return to the negotiating table."
    )
    out = read_triples(reader, text)
    assert {("REQUEST", c, "ISL") for c in ("NOR", "SWE", "DNK")} <= out, out


def test_no_longer_negates(reader: Reader) -> None:
    out = read_triples(reader, "Canada said it no longer applies sanctions against Cuba.")
    assert ("SANCTION", "CAN", "CUB") not in out


def test_the_speakers_second_verb_is_the_speakers(reader: Reader) -> None:
    text = (
        "Peru's trade minister said the duties violated trade rules and called on Chile "
        "to withdraw them at once."
    )
    assert ("REQUEST", "PER", "CHL") in read_triples(reader, text)


def test_an_offered_thing_is_a_proposal_of_its_sponsor(reader: Reader) -> None:
    reading = reader.read(
        RawArticle(
            text="Ecuador offered a joint border commission on Monday. "
            "Peru called for a solution through mediation."
        ),
        published=DAY,
    )
    by_name = {p.name: p for p in reading.proposals}
    assert by_name["commission"].sponsors == ["ECU"]
    assert by_name["solution"].sponsors == ["PER"]
    assert "mediation" in by_name["solution"].text


def test_speakers_ready_to_agree_sponsor_the_offer(reader: Reader) -> None:
    text = (
        "Norway, Sweden and Denmark imposed quotas on Iceland on Monday. In a joint statement, "
        "the three foreign ministers said they were ready to agree to a delay."
    )
    reading = reader.read(RawArticle(text=text), published=DAY)
    delay = next(p for p in reading.proposals if p.name == "delay")
    assert sorted(delay.sponsors) == ["DNK", "NOR", "SWE"]
    # a joint offer to a third party is not an agreement among the offerers
    assert ("AGREE", "NOR", "SWE") not in triples(reading)


def test_calling_an_election_is_no_proposal(reader: Reader) -> None:
    reading = reader.read(
        RawArticle(text="Greenland's prime minister has called an election for the spring."),
        published=DAY,
    )
    assert not reading.proposals


def test_a_speakers_judgement_is_a_rejection_or_an_accusation(reader: Reader) -> None:
    text = (
        "Colombia threatened tariffs on Panama on Monday. Panama's president said the "
        "demands were neither reasonable nor actionable. He also said the tariffs were illegal."
    )
    out = read_triples(reader, text)
    assert ("REJECT", "PAN", "COL") in out, out
    not_for_sale = read_triples(
        reader,
        "Venezuela threatened on Monday to annex a region of Guyana. Guyana's president said the "
        "region was not for sale.",
    )
    assert ("REJECT", "GUY", "VEN") in not_for_sale, not_for_sale


def test_a_reported_deed_is_the_speakers_accusation(reader: Reader) -> None:
    out = read_triples(
        reader, "Beijing said Vilnius had undermined China's sovereignty and territorial integrity."
    )
    assert ("ACCUSE", "CHN", "LTU") in out


def test_a_plain_negative_statement_is_no_rejection(reader: Reader) -> None:
    out = read_triples(
        reader, "The three European governments said the reimposition was not the end of talks."
    )
    assert not any(t[0] == "REJECT" for t in out), out


def test_a_measure_said_to_be_tightened_is_the_speakers_threat(reader: Reader) -> None:
    out = read_triples(
        reader,
        "Officials in Nairobi and Kampala have said the blockade of Juba could be tightened.",
    )
    assert {("THREATEN", "KEN", "SSD"), ("THREATEN", "UGA", "SSD")} <= out, out


def test_three_word_phrases_are_found(reader: Reader) -> None:
    out = read_triples(
        reader, "European Union sanctions on Belarus came back into force on Friday."
    )
    assert ("SANCTION", "EU", "BLR") in out, out


def test_a_stance_in_the_passive_is_its_subjects(reader: Reader) -> None:
    out = read_triples(reader, "Israel is opposed to Egyptian mediation in the water dispute.")
    assert ("REJECT", "ISR", "EGY") in out, out


def test_a_host_meets_its_guest_one_way(reader: Reader) -> None:
    out = read_triples(
        reader, "Kenya's president hosted Ethiopia's prime minister for an informal meeting."
    )
    assert ("CONSULT", "KEN", "ETH") in out
    assert ("CONSULT", "ETH", "KEN") not in out


def test_talks_between_two_delegations_run_both_ways(reader: Reader) -> None:
    text = (
        "The decision followed two days of negotiations in Lima between a Chilean delegation "
        "led by Foreign Minister Alberto van Klaveren and a Peruvian team."
    )
    assert {("CONSULT", "CHL", "PER"), ("CONSULT", "PER", "CHL")} <= read_triples(reader, text)


def test_both_of_them_and_diplomats_from_both_countries(reader: Reader) -> None:
    text = (
        "Chile and Peru traded accusations on Monday. The Brazilian foreign minister met both "
        "of them on Tuesday. Diplomats from both countries were in contact late on Wednesday."
    )
    out = read_triples(reader, text)
    assert {("CONSULT", "BRA", "CHL"), ("CONSULT", "BRA", "PER")} <= out, out
    assert {("CONSULT", "CHL", "PER"), ("CONSULT", "PER", "CHL")} <= out, out


def test_an_offers_condition_is_a_demand(reader: Reader) -> None:
    text = (
        "Norway, Sweden and Denmark imposed quotas on Iceland on Monday. The three ministers said "
        "they were ready to agree to a delay if Iceland cut its catch."
    )
    out = read_triples(reader, text)
    assert {("REQUEST", c, "ISL") for c in ("NOR", "SWE", "DNK")} <= out, out


def test_agreeing_to_the_other_sides_terms_is_a_concession(reader: Reader) -> None:
    out = read_triples(
        reader, "Peru threatened tariffs on Chile. Chile agreed to all of Peru's terms on Sunday."
    )
    assert ("CONCEDE", "CHL", "PER") in out, out


def test_what_an_ultimatum_gives_days_for_is_demanded_not_done(reader: Reader) -> None:
    out = read_triples(
        reader, "Peru on Monday gave Chile 30 days to reach an agreement on fishing."
    )
    assert ("AGREE", "PER", "CHL") not in out, out


def test_fellow_targets_do_not_threaten_each_other(reader: Reader) -> None:
    reading = reader.read(
        RawArticle(
            text="Peru warned Chile on Monday. Bolivia and Ecuador, the largest buyers of "
            "Chilean copper, could face steep levies unless Chile agrees to talks."
        ),
        published=DAY,
    )
    pairs = {(t.sender, t.target) for t in reading.threats}
    assert ("BOL", "ECU") not in pairs and ("ECU", "BOL") not in pairs, pairs


def test_led_forces_and_placed_people_are_their_countries(reader: Reader) -> None:
    assert ("ASSAULT", "NGA", "CMR") in read_triples(
        reader, "Nigerian-led forces attacked Cameroon's border posts on Monday."
    )
    assert ("PROTEST", "IRQ", "TUR") in read_triples(
        reader, "Demonstrators in Baghdad protested against Turkey's military policies."
    )


def test_a_scheduled_meeting_has_not_happened(reader: Reader) -> None:
    out = read_triples(
        reader, "The foreign ministers of Chile and Peru are due to meet in Lima on Wednesday."
    )
    assert not any(t[0] == "CONSULT" for t in out), out


def test_an_act_offered_as_a_verb_is_a_proposal(reader: Reader) -> None:
    text = (
        "Bolivia offered to deploy 2,000 border guards on Monday. Chile circulated a draft "
        "resolution that would extend the mandate for six months."
    )
    reading = reader.read(RawArticle(text=text), published=DAY)
    by_name = {p.name: p for p in reading.proposals}
    assert by_name["deployment"].sponsors == ["BOL"]
    assert by_name["extension"].sponsors == ["CHL"]
    assert "six months" in by_name["extension"].text


def test_a_measure_judged_null_and_void_is_rejected(reader: Reader) -> None:
    text = (
        "The African Union reimposed sanctions on Mali on Monday. Mali's foreign minister said "
        "the reimposition was null and void."
    )
    assert ("REJECT", "MLI", "AU") in read_triples(reader, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a promised act on the ground is promised to the party of the place it is done in
        ("Qatar will fund the reconstruction of schools in Gaza.", ("AGREE", "QAT", "PSE")),
        # the place of what an act is sent to ('to a force in X') is where it is done
        (
            "Italy is ready to contribute 500 troops to an international force in Somalia.",
            ("AGREE", "ITA", "SOM"),
        ),
    ],
)
def test_an_act_on_the_ground_is_done_to_the_party_of_its_place(
    reader: Reader, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in read_triples(reader, text)


def test_a_mediation_effort_is_the_mediators_contact_with_each_party(reader: Reader) -> None:
    """The event noun modifying an undertaking ('a mediation effort', 'a mediation bid') is
    read on it, with its 'between' phrase; a mediator meets each side, one way."""
    found = read_triples(reader, "Algeria launched a mediation effort between Mali and Niger.")
    assert {("CONSULT", "DZA", "MLI"), ("CONSULT", "DZA", "NER")} <= found
    assert ("CONSULT", "MLI", "DZA") not in found
    led = read_triples(reader, "Turkey led a mediation bid between Russia and Ukraine in March.")
    assert ("CONSULT", "TUR", "RUS") in led


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # against whose wish an act is done is not whom it is done to
        ("Japan signed the accord despite China's protests.", ("AGREE", "JPN", "CHN")),
        # a clause with its own doer ('organised by students') is theirs, not the act's object
        (
            "Kenyan police dispersed a march organised by students to protest the deployment "
            "of troops to Somalia.",
            ("COERCE", "KEN", "SOM"),
        ),
    ],
)
def test_a_party_outside_the_act_is_not_its_target(
    reader: Reader, text: str, wrong: tuple[str, str, str]
) -> None:
    assert wrong not in read_triples(reader, text)


def test_a_visit_told_with_an_arrival_is_paid_to_the_place_arrived_in(reader: Reader) -> None:
    visit = "The Turkish foreign minister arrived in Kabul on a two-day trip."
    assert ("CONSULT", "TUR", "AFG") in read_triples(reader, visit)
    talks = "The Iranian envoy arrived in Geneva for talks."  # a venue, not a host
    assert not any(t[2] == "CHE" for t in read_triples(reader, talks))


@pytest.mark.parametrize(
    ("text", "asked", "not_done"),
    [
        # the parser hangs the demand's clause on the verb when a word comes between
        (
            "Kenya repeated its demand this week that Somalia withdraw its troops from the "
            "border town.",
            ("REQUEST", "KEN", "SOM"),
            "RETREAT",
        ),
        # or on the demand noun itself; a UN agency is the UN
        (
            "The World Health Organization reiterated its demand that Israel allow fuel into Gaza.",
            ("REQUEST", "UN", "ISR"),
            None,
        ),
    ],
)
def test_a_demands_clause_is_asked_of_its_subject_not_done(
    reader: Reader, text: str, asked: tuple[str, str, str], not_done: str | None
) -> None:
    events = reader.read(RawArticle(text=text), published=DAY).events
    assert asked in read_triples(reader, text)
    assert not any(e.type == not_done for e in events)


def test_a_name_a_thing_is_likened_to_is_no_party(reader: Reader) -> None:
    text = "Algeria warned that a Libya-style collapse of the state would threaten the Sahel."
    assert not any("LBY" in t for t in read_triples(reader, text))
