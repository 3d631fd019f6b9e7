"""Constructions the reader used to miss or misread (issue 12, section 2): clauses a
speaker tells, members of a named group, pronouns bound by their clause's subject, live
blog time stamps, short names of organisations, requests whose target is not guessed.

Each case is a sentence written for this test and the event the reader must (or must
not) find in it, at country level (see ``tests/rulecheck.py`` for the notation: ``~X``
is a target inferred from the article, not read from the sentence).
"""

from __future__ import annotations

import pytest

from rulecheck import events
from standoff.read import Reader

TOLD = [
    # the second of two reported clauses is told by the same speaker
    ("Beijing said it would ease the ban in stages and that Tokyo must keep the site open "
     "to inspectors.", "REQUEST CHN->JPN"),
    ("Ottawa said the tariffs were unfair and that Washington should withdraw them.",
     "REQUEST CAN->USA"),
    # 'had to' and 'needs to' in a reported clause demand as 'must' does
    ("Tokyo said Seoul needs to correct the court ruling.", "REQUEST JPN->KOR"),
    ("Moscow said Kyiv had to accept the new borders.", "REQUEST RUS->UKR"),
]  # fmt: skip
NOT_TOLD = [
    # a speaker telling what its own side must do demands nothing of another
    ("Ukraine's economy minister said Kyiv had to show the bans broke the rules.", "REQUEST"),
    ("President Sandu said Moldova must find other suppliers of gas.", "REQUEST"),
    # 'has until ... to' is no 'has to'
    ("The commissioner said Budapest has until November 19 to pass the laws.",
     "REQUEST HUN->"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event"), TOLD)
def test_told_clause_is_the_speakers_act(reader: Reader, text: str, event: str) -> None:
    assert event in events(reader, text)


@pytest.mark.parametrize(("text", "prefix"), NOT_TOLD)
def test_no_demand_of_ones_own_side(reader: Reader, text: str, prefix: str) -> None:
    found = events(reader, text)
    assert not [e for e in found if e.startswith(prefix)], found


GROUPS = [
    # a part of a group named by a list stands for every member of the list
    ("The interior ministers of Serbia and Hungary met in Belgrade on Monday.",
     {"CONSULT SRB->HUN", "CONSULT HUN->SRB"}),
    # the meeting at which they failed to agree took place all the same
    ("The envoys of Armenia and Azerbaijan failed to agree after six hours of talks.",
     {"CONSULT ARM->AZE", "CONSULT AZE->ARM"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "want"), GROUPS)
def test_members_of_a_named_group_act(reader: Reader, text: str, want: set[str]) -> None:
    assert want <= events(reader, text)


INSTEAD = [
    # 'The Thai army says it ...': the army, not an organisation named earlier
    ("The UN Security Council met in New York. The Thai army says it is prepared to step up "
     "its measures if Cambodia keeps up its attacks.", "THREATEN THA->KHM", "THREATEN UN"),
    # 'called for a ceasefire' names no addressee; the article's pairing is no guess
    ("Armenia accused Azerbaijan of shelling its border villages. Armenia called for an "
     "immediate ceasefire on Tuesday.", "REQUEST ARM->?", "REQUEST ARM->~AZE"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "right", "wrong"), INSTEAD)
def test_the_right_reading_instead_of_the_old_one(
    reader: Reader, text: str, right: str, wrong: str
) -> None:
    found = events(reader, text)
    assert right in found
    assert not [e for e in found if e.startswith(wrong)], found


MEETINGS = [
    # the host of a summit meets each party at it; the parties meet each other both ways
    ("Kenya, Uganda and Tanzania agreed at an African Union summit on Tuesday to reopen "
     "their borders.",
     {"CONSULT AU->KEN", "CONSULT AU->TZA", "CONSULT KEN->UGA", "CONSULT UGA->KEN",
      "CONSULT TZA->UGA"},
     {"CONSULT KEN->AU"}),
    # a host acting as the head of a body brings the body, not its own country
    ("Over two days of talks hosted by the Ghanaian president, who chairs the African Union "
     "this year, the delegations of Ethiopia and Eritrea failed to agree on a ceasefire.",
     {"CONSULT AU->ETH", "CONSULT AU->ERI", "CONSULT ETH->ERI", "CONSULT ERI->ETH"},
     {"CONSULT GHA->ETH", "CONSULT ETH->AU"}),
    # a mediator meets both parties of the talks it mediates
    ("Talks between Armenia and Azerbaijan, mediated by Kazakhstan, ended without a deal.",
     {"CONSULT KAZ->ARM", "CONSULT KAZ->AZE", "CONSULT ARM->AZE", "CONSULT AZE->ARM"},
     set()),
    # co-mediators do not meet each other by mediating
    ("Talks on a prisoner exchange, mediated by Oman, Qatar and Switzerland, stalled on "
     "Monday.",
     set(),
     {"CONSULT OMN->QAT", "CONSULT QAT->OMN", "CONSULT QAT->CHE"}),
    # guests hosted together meet each other; the host meets them one way
    ("The emir of Kuwait hosted the presidents of Kenya and Uganda for their first meeting "
     "since the clashes.",
     {"CONSULT KWT->KEN", "CONSULT KWT->UGA", "CONSULT KEN->UGA", "CONSULT UGA->KEN"},
     {"CONSULT KEN->KWT"}),
    # the verb too: the guests hosted meet each other; what a country hosts otherwise is no
    # meeting
    ("The presidents of Kenya and Uganda were hosted by the emir of Qatar in Doha.",
     {"CONSULT QAT->KEN", "CONSULT QAT->UGA", "CONSULT KEN->UGA", "CONSULT UGA->KEN"},
     {"CONSULT KEN->QAT"}),
    ("Qatar hosts the largest American military base in the region.", set(),
     {"CONSULT QAT->USA"}),
    # those a meeting is of meet each other, whatever it is called
    ("A summit of the leaders of Turkey, France and Germany was held in London in March.",
     {"CONSULT TUR->FRA", "CONSULT FRA->DEU", "CONSULT DEU->TUR"}, set()),
    ("The foreign ministers of Turkey, Germany and France held a teleconference on Tuesday.",
     {"CONSULT TUR->FRA", "CONSULT FRA->DEU", "CONSULT DEU->TUR"}, set()),
    ("Egypt, Sudan and Ethiopia held a video conference on the dam on Monday.",
     {"CONSULT EGY->SDN", "CONSULT ETH->EGY"}, set()),
    # a meeting still to come, or called off, is no meeting held
    ("Serbia and Kosovo will meet at a summit hosted by the European Union next week.",
     set(), {"CONSULT EU->SRB", "CONSULT SRB->XKX"}),
    ("Talks between Serbia and Kosovo, hosted by the European Union, were postponed.",
     set(), {"CONSULT EU->SRB", "CONSULT SRB->XKX"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "want", "unwanted"), MEETINGS)
def test_who_takes_part_in_a_meeting(
    reader: Reader, text: str, want: set[str], unwanted: set[str]
) -> None:
    found = events(reader, text)
    assert want <= found, found
    assert not unwanted & found, found


CALLS = [
    # a clause joined with a subject of its own keeps its own mood: the "would" of the first
    # clause does not make the call a mere possibility
    ("The Guyanese president said the army would stay on alert and that he had spoken to "
     "Brazil.", {"CONSULT GUY->BRA"}, {"CONSULT BRA->GUY"}),
    # "he" takes up the last person named as a subject, not an earlier "he" about another
    ("Nicolas Maduro spoke on Monday. He said the vote was final. Irfaan Ali answered on "
     "Tuesday. He said he had spoken to Brazil.", {"CONSULT GUY->BRA"}, {"CONSULT VEN->BRA"}),
    # words addressed to someone run one way; a call had with someone runs both ways
    ("Ottawa said it would keep talking to Riyadh about the dispute.", {"CONSULT CAN->SAU"},
     {"CONSULT SAU->CAN"}),
    ("The Danish prime minister's phone call with President Biden went badly.",
     {"CONSULT DNK->USA", "CONSULT USA->DNK"}, set()),
    # a preposition repeated after "and" names a party too
    ("The American envoy spoke by telephone with the Indian minister and with the Pakistani "
     "premier.", {"CONSULT USA->IND", "CONSULT USA->PAK"}, set()),
    # a trip to a capital is a visit: one way
    ("The Danish prime minister set off on Tuesday on a trip to Berlin.", {"CONSULT DNK->DEU"},
     {"CONSULT DEU->DNK"}),
    # joint subjects who spoke by phone spoke to each other
    ("The agriculture ministers of Poland and Ukraine spoke by phone on Monday.",
     {"CONSULT POL->UKR", "CONSULT UKR->POL"}, set()),
]  # fmt: skip


@pytest.mark.parametrize(("text", "want", "unwanted"), CALLS)
def test_who_called_whom(reader: Reader, text: str, want: set[str], unwanted: set[str]) -> None:
    found = events(reader, text)
    assert want <= found, found
    assert not unwanted & found, found


def test_a_live_blogs_time_stamp_is_no_part_of_the_sentence(reader: Reader) -> None:
    text = "The envoys met on Monday.\n\n08:00 Thailand expelled Cambodia's envoy on Wednesday."
    assert "SANCTION THA->KHM" in events(reader, text)


def test_an_organisation_is_later_called_by_its_last_word(reader: Reader) -> None:
    text = (
        "The European Commission opened an inquiry into the freeze. Madrid asked the "
        "Commission on Thursday to rule on the Algerian measures."
    )
    assert "REQUEST ESP->EU" in events(reader, text)


def test_a_lowercase_word_is_no_short_name(reader: Reader) -> None:
    text = "The UN Security Council met on Monday. Kenya asked the council of elders to meet."
    assert "REQUEST KEN->UN" not in events(reader, text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The European Union suspended budget support to Niger on Saturday.", "SANCTION EU->NER"),
        ("Nigeria cut off the electricity it sells to Niger.", "SANCTION NGA->"),
        ("ECOWAS called the Malian junta's timetable unacceptable.", "REJECT ECOWAS->MLI"),
    ],
)
def test_words_of_measures_and_offers(reader: Reader, text: str, event: str) -> None:
    assert [e for e in events(reader, text) if e.startswith(event)], events(reader, text)


def test_informing_another_is_a_one_way_consultation(reader: Reader) -> None:
    found = events(reader, "Azerbaijan said it had informed Turkey before the operation began.")
    assert "CONSULT AZE->TUR" in found
    assert "CONSULT TUR->AZE" not in found


def test_he_takes_up_the_office_that_says_it(reader: Reader) -> None:
    """'Guyana's president said he ...': the office's holder, not a person named earlier."""
    text = (
        "Nicolas Maduro spoke on Sunday. Guyana's president said that he had spoken to "
        "Brazil about the referendum."
    )
    assert "CONSULT GUY->BRA" in events(reader, text)


SET_CONDITIONS = [
    # a withheld or future clause that waits on another's act asks that act of it
    ("Tokyo said trade would not return to normal until Seoul withdrew the court order.",
     "REQUEST JPN->KOR"),
    ("The Arab League insisted that the blockade can end only when Qatar closes the base.",
     "REQUEST ARL->QAT"),
    ("Beijing said fishing boats could stay as long as Hanoi informed the coast guard first.",
     "REQUEST CHN->VNM"),
    # no speaker: the withholding subject sets the condition
    ("Ghana will keep the border closed until Togo hands over the suspects.", "REQUEST GHA->TGO"),
]  # fmt: skip
NOT_CONDITIONS = [
    # a past narrative tells when something ended; it asks nothing
    ("The shelling of the town went on until Russian troops withdrew in March.", "REQUEST"),
    # 'until' with a date is a time limit, not another party's act
    ("Peru said the embassy would stay closed until Friday.", "REQUEST"),
    # a condition on the setter's own side asks nothing of another
    ("Chile said it would not sign until Chile had seen the final text.", "REQUEST"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event"), SET_CONDITIONS)
def test_a_condition_on_anothers_act_is_a_request_of_it(
    reader: Reader, text: str, event: str
) -> None:
    assert event in events(reader, text), events(reader, text)


@pytest.mark.parametrize(("text", "prefix"), NOT_CONDITIONS)
def test_what_is_no_condition_asks_nothing(reader: Reader, text: str, prefix: str) -> None:
    assert not [e for e in events(reader, text) if e.startswith(prefix)], events(reader, text)


PAIRS = [
    # the pair just named together, even past a sentence
    ("Sweden and Finland applied to join NATO in May. Turkey objected on Monday. President "
     "Recep Tayyip Erdogan of Turkey accused both countries of harbouring militants.",
     {"ACCUSE TUR->SWE", "ACCUSE TUR->FIN"}),
    # the article's principal parties, not the helpers named last
    ("Thailand and Cambodia traded artillery fire on Thursday. Thailand closed the border. "
     "Cambodia accused Thailand of aggression. Malaysia and Indonesia offered to help. China "
     "urged both sides to hold talks.", {"REQUEST CHN->THA", "REQUEST CHN->KHM"}),
    # each side ... the other: the two sides of the story, not the pair named last
    ("Russia and Ukraine agreed a pause in strikes on energy sites. Russia said Ukraine had "
     "shelled a refinery and Ukraine said Russia had hit a power plant. Putin and Trump "
     "spoke by phone on Tuesday. Each side accused the other of breaking the pause.",
     {"ACCUSE RUS->UKR", "ACCUSE UKR->RUS"}),
    # a pair named by adjectives inside one mention ("Thai and Cambodian troops")
    ("Thai and Cambodian troops clashed on Thursday. Both sides blamed each other for the "
     "fighting.", {"ACCUSE THA->KHM", "ACCUSE KHM->THA"}),
    # never the one who addresses them, though it was named with another just before
    ("Thailand and Cambodia traded artillery fire on Thursday. Thailand closed the border "
     "with Cambodia. China and Japan voiced concern. Beijing urged both neighbours to hold "
     "talks.", {"REQUEST CHN->THA", "REQUEST CHN->KHM"}),
    # a plural pronoun takes up a nearer description of the pair, not a list named before
    ("Iran struck Pakistan on Tuesday. It had hit Iraq and Syria a day earlier. China, which "
     "has close ties with both neighbours, called on them to exercise restraint.",
     {"REQUEST CHN->IRN", "REQUEST CHN->PAK"}),
    # the two states of the phrase's own sentence, though the story is about another pair
    ("India refused to pull its troops out of the Maldives. Maldivian officials accused "
     "India of stalling. Muizzu, back from a visit to China during which the two "
     "governments signed twenty agreements, spoke on Sunday.",
     {"AGREE MDV->CHN", "AGREE CHN->MDV"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "wanted"), PAIRS)
def test_both_sides_are_the_pair_the_story_is_about(
    reader: Reader, text: str, wanted: set[str]
) -> None:
    found = events(reader, text)
    assert wanted <= found, found
    kinds = {e.split("->")[0] for e in wanted}  # no other target for the same source
    assert not [e for e in found if e.split("->")[0] in kinds and e not in wanted], found


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Thailand and Cambodia traded artillery fire on Thursday.",
         {"ASSAULT THA->KHM", "ASSAULT KHM->THA"}),
        ("Indian troops exchanged fire with Pakistani soldiers on Sunday.",
         {"ASSAULT IND->PAK", "ASSAULT PAK->IND"}),
        ("Indian troops clashed with Chinese soldiers in the Galwan valley.",
         {"ASSAULT IND->CHN", "ASSAULT CHN->IND"}),
        ("Russia and Ukraine traded accusations over the shelling.",
         {"ACCUSE RUS->UKR", "ACCUSE UKR->RUS"}),
    ],
)  # fmt: skip
def test_a_deed_done_to_each_other_runs_both_ways(
    reader: Reader, text: str, wanted: set[str]
) -> None:
    assert events(reader, text) == wanted


def test_their_own_measures_are_not_done_to_each_other(reader: Reader) -> None:
    found = events(reader, "Poland and Slovakia announced their own bans on Ukrainian grain.")
    assert "SANCTION UKR->POL" not in found and "SANCTION POL->SVK" not in found, found


TOLD_MEASURES = [
    # a measure on a thing, told to someone, is the teller's threat against the one told
    ("Gazprom told Moldova that deliveries could be halted within 48 hours.",
     "THREATEN RUS->MDA"),
    # also when the parser hangs the told clause on the addressee ("notified ... that")
    ("Gazprom said it had notified Moldova's gas company that deliveries could be halted "
     "within 48 hours.", "THREATEN RUS->MDA"),
    # put under a measure: 'expose X to', 'subject X to'
    ("The finance minister of Japan said the new rules could expose China to heavy tariffs.",
     "THREATEN JPN->CHN"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event"), TOLD_MEASURES)
def test_a_measure_told_to_someone_threatens_them(reader: Reader, text: str, event: str) -> None:
    assert event in events(reader, text), events(reader, text)


def test_telling_someone_that_is_no_request(reader: Reader) -> None:
    """'told X that ...' informs; 'told X to ...' orders."""
    informed = events(reader, "Gazprom told Moldova that deliveries could be halted soon.")
    assert not [e for e in informed if e.startswith("REQUEST")], informed
    assert "REQUEST USA->UKR" in events(reader, "Washington told Kyiv to accept the deal.")


def test_an_order_to_another_is_asked_not_done(reader: Reader) -> None:
    """'ordered Kyiv to accept the deal': the acceptance is demanded, not done; an order to
    one's own minister is the orderer's act."""
    assert events(reader, "Washington ordered Kyiv to accept the deal.") == {"REQUEST USA->UKR"}
    own = events(
        reader, "Petro said he had ordered his trade minister to raise tariffs on U.S. imports."
    )
    assert "SANCTION COL->USA" in own and not [e for e in own if e.startswith("REQUEST")], own


def test_who_seized_power_in_a_state_rules_it(reader: Reader) -> None:
    found = events(reader, "The officers who seized power in Mali expelled the French ambassador.")
    assert "SANCTION MLI->FRA" in found, found


def test_who_seized_power_where_the_junta_rules_is_that_junta(reader: Reader) -> None:
    """'the officers who seized power on September 5', no state named: the rulers of the one
    state whose junta the article names; with no junta named, nobody."""
    text = (
        "Guinea's junta closed the border on Monday. ECOWAS threatened sanctions against the "
        "officers who seized power on September 5."
    )
    assert "THREATEN ECOWAS->GIN" in events(reader, text)
    alone = "ECOWAS threatened sanctions against the officers who seized power on September 5."
    assert "THREATEN ECOWAS->GIN" not in events(reader, alone)


def test_a_body_named_in_the_next_sentence_is_the_bloc_of_the_lede(reader: Reader) -> None:
    text = (
        "The regional bloc threatened Guinea with sanctions. "
        "ECOWAS leaders met in Accra on Sunday."
    )
    assert "THREATEN ECOWAS->GIN" in events(reader, text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("EU ministers discussed Turkish drilling on Monday.", set()),
        ("EU foreign ministers met in Berlin to discuss Turkey.", set()),
        ("Merkel discussed the crisis with Erdogan.", {"CONSULT DEU->TUR", "CONSULT TUR->DEU"}),
        ("Merkel met Erdogan to discuss the crisis.", {"CONSULT DEU->TUR", "CONSULT TUR->DEU"}),
    ],
)  # fmt: skip
def test_what_a_meeting_discusses_is_no_party_to_it(
    reader: Reader, text: str, found: set[str]
) -> None:
    """A topic discussed ("discussed Turkish drilling") is not met; the partner is."""
    assert {e for e in events(reader, text) if not e.endswith("->?")} == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("China and Turkey offered to help ease the crisis.", {"AGREE CHN->?", "AGREE TUR->?"}),
        ("Pakistan and Iran signed a deal.", {"AGREE PAK->IRN", "AGREE IRN->PAK"}),
    ],
)  # fmt: skip
def test_joint_offers_go_to_others_joint_deals_to_each_other(
    reader: Reader, text: str, found: set[str]
) -> None:
    assert events(reader, text) == found
