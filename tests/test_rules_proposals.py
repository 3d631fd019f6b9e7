"""Each proposal and condition rule on its own example, through the pipeline.

The detectors and role rules of ``standoff.read.proposals`` (a case's finding is a
proposal, ``"ceasefire by UKR"``, ``"ceasefire opposed by RUS"``) and the condition
rules of ``standoff.read.claims`` (``"RUS: sanctions relief"``): each is read with every
rule and is gone when that rule alone is disabled. The examples are our own sentences.
"""

from __future__ import annotations

import pytest

from rulecheck import check_rule, conditions, proposals, read
from standoff.read import Reader
from standoff.read.claims import CONDITIONS
from standoff.read.proposal_acts import OFFERED_ACTS
from standoff.read.proposal_roles import HEAD_ROLES, PROPOSAL_ROLES
from standoff.read.proposals import PROPOSALS
from standoff.read.rules import Rules

CASES = {
    PROPOSALS: [
        ("offered_act", "Mexico offered to deploy troops to its southern border.",
         "deployment by MEX"),
        ("proposed_doing", "Chile proposed sending a team of engineers to Peru.", "team by CHL"),
        ("proposed_clause", "Norway proposed that both sides pause the quotas for a month.",
         "pause by NOR"),
        ("proposed_relative", "Chile rejected the timetable that Peru suggested.",
         "timetable by PER"),
        ("planned_meeting", "Oman will host another round of talks in Muscat next week.",
         "talks by OMN"),
        ("proposal_head", "An Egyptian proposal was on the table on Monday.",
         "proposal by EGY"),
        ("reached_noun", "Hanoi and Manila reached a provisional arrangement on fishing rights.",
         "arrangement by VNM,PHL"),
        ("plan_content", "Egypt unveiled a plan on Sunday. The plan calls for a truce.",
         "truce by EGY"),
        ("proposal_noun", "A Ukrainian moratorium on strikes was on the table.",
         "moratorium by UKR"),
        ("offered_noun", "Denmark offered the use of its bases in Greenland.", "use by DNK"),
        ("accepted_noun",
         "Peru and Ecuador held talks in Lima on Friday. In return, Ecuador accepted joint "
         "monitoring of the river.", "monitoring by PER"),
        ("reference", "Chile made a proposal on Monday. Peru rejected the offer on Tuesday.",
         "proposal opposed by PER"),
    ],
    OFFERED_ACTS: [
        ("offered_to", "Chile offered to mediate between the two.", "mediation by CHL"),
        ("readiness_to", "Turkey expressed its readiness to mediate between Baku and Yerevan.",
         "mediation by TUR"),
        ("asked_to", "Peru urged Chile to extend the deadline.", "extension by PER"),
        ("called_for_clause", "Seoul called for the dispute to be resolved through dialogue.",
         "settlement by KOR"),
        ("agreed_to", "Chile and Peru agreed to meet again in Lima.", "meeting by CHL,PER"),
        ("wanted_act", "Ecuador wants to negotiate with Colombia.", "negotiations by ECU"),
        ("meeting_to_come", "Bolivia will negotiate with Chile over the port.",
         "negotiations by BOL"),
        ("recommended_act", "Peru's foreign minister said Chile should extend the deadline.",
         "extension by PER"),
        ("carried_act",
         "Lima circulated a draft resolution that would extend the mandate for six months.",
         "extension by PER"),
    ],
    PROPOSAL_ROLES: [
        ("own_sponsors", "A Turkish ceasefire plan is on the table.", "ceasefire by TUR"),
        ("participle_stance", "The ceasefire demanded by Kyiv did not come.",
         "ceasefire by UKR"),
        ("compound_stance", "A Qatari-brokered truce took effect on Sunday.", "truce by QAT"),
        ("own_effort", "Egypt has stepped up mediation efforts between the two sides.",
         "mediation by EGY"),
        ("governing_words", "Kyiv proposed a ceasefire.", "ceasefire by UKR"),
    ],
    HEAD_ROLES: [
        ("stance_verb", "Chile proposed a ceasefire. Peru rejected the ceasefire.",
         "ceasefire opposed by PER"),
        ("endorsement", "Kyiv maintains that only a ceasefire would suffice.",
         "ceasefire by UKR"),
        ("readiness", "Bolivia remained open to dialogue with Chile.", "dialogue by BOL"),
        ("open_door", "Chile's foreign minister said the door to talks remained open.",
         "talks by CHL"),
        ("effort", "Qatar is leading efforts to secure a truce in Gaza.", "truce by QAT"),
        ("undertaken_work", "Chile and Peru agreed to work towards a lasting ceasefire.",
         "ceasefire by CHL,PER"),
    ],
    CONDITIONS: [
        ("listed_conditions",
         "Moscow's conditions include the withdrawal of foreign troops, a neutral Ukraine and "
         "sanctions relief.",
         "RUS: sanctions relief"),
        ("insisted_on", "Kyiv insists on security guarantees.", "UKR: security guarantees"),
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("registry", "rule", "text", "finding"),
    [(registry, *case) for registry, cases in CASES.items() for case in cases],
    ids=[c[0] for cs in CASES.values() for c in cs],
)
def test_rule_reads_its_example(
    reader: Reader, registry: Rules, rule: str, text: str, finding: str
) -> None:
    outcome = conditions if registry is CONDITIONS else proposals
    check_rule(reader, registry, rule, text, finding, outcome)


@pytest.mark.parametrize("registry", list(CASES), ids=lambda r: r.step)
def test_every_rule_has_a_case(registry: Rules) -> None:
    assert registry.names() == [c[0] for c in CASES[registry]]


# Mentions that put nothing forward: things held, done, named or asked for that are no
# proposal, and offers refused or withheld.
NO_PROPOSAL = [
    "The talks in Lima ended on Monday without a statement.",
    "Leaders met at an EU summit in Brussels on Thursday.",
    "India put the Indus Waters Treaty in abeyance on Wednesday.",
    "The United States dropped its plan to put tariffs on Mexican goods.",
    "Maduro called the meeting a victory for dialogue.",
    "Paris said any attack would be met with a firm response.",
    "The European Union and Japan called for restraint.",
    "Seoul had not offered a satisfactory solution.",
    "The proposal offered no path to a final agreement.",
    "Chinese investment deals were blocked on security grounds.",
]


@pytest.mark.parametrize("text", NO_PROPOSAL)
def test_a_mention_floats_no_proposal(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


def test_the_plan_is_the_proposal_just_made(reader: Reader) -> None:
    # a bare "the plan" names the proposal introduced in the last sentences ...
    text = "Chile proposed a ceasefire on Monday. Peru rejected the plan on Tuesday."
    assert "ceasefire opposed by PER" in proposals(reader, text)
    # ... not one made long before
    far = (
        "Chile proposed a ceasefire on Monday. Bolivia closed its border. Ecuador recalled "
        "its envoy. Colombia held elections. Peru rejected the plan on Tuesday."
    )
    assert "ceasefire opposed by PER" not in proposals(reader, far)


def test_an_agreement_elsewhere_does_not_back_a_proposal(reader: Reader) -> None:
    text = "Chile proposed a ceasefire on Monday. Peru and Bolivia signed a trade agreement."
    found = proposals(reader, text)
    assert "ceasefire by CHL" in found
    assert not any(f.startswith("ceasefire backed") for f in found), found


def test_a_third_party_announcing_a_meeting_floats_it(reader: Reader) -> None:
    text = "Malaysia said the two leaders would meet in Kuala Lumpur on Monday."
    assert proposals(reader, text) == {"meeting by MYS"}


def test_an_agreed_stop_to_firing_is_the_articles_truce(reader: Reader) -> None:
    ceasefire = "India and Pakistan agreed on Saturday to stop all firing."
    assert proposals(reader, ceasefire) == {"ceasefire by IND,PAK"}
    truce = "The truce held. India and Pakistan agreed on Saturday to stop all firing."
    assert "truce by IND,PAK" in proposals(reader, truce)


# Meetings taken up through an aspect or joining verb, and pledges and help offered: each
# read by an existing rule of OFFERED_ACTS or a word class, with a sentence that floats
# nothing beside it.
TAKEN_UP = [
    ("Ghana welcomed the pause and urged both sides to keep talking about the border.",
     "talks by GHA"),
    ("Kenya said it would keep talking to Ethiopia about the dam.", "talks by KEN"),
    ("Egypt and Sudan agreed to open talks on the border in Khartoum.", "talks by EGY,SDN"),
    (
        "Qatar said both governments had agreed to begin negotiations in Doha.",
        "negotiations by QAT",
    ),
    ("Nigeria committed to introduce a permit system for herders within a month.", "system by NGA"),
    (
        "Norway has offered to help facilitate a dialogue between the two governments.",
        "mediation by NOR",
    ),
    ("Brazil introduced a new proposal at the meeting on Friday.", "proposal by BRA"),
]


@pytest.mark.parametrize(("text", "finding"), TAKEN_UP)
def test_a_meeting_or_pledge_taken_up_is_floated(reader: Reader, text: str, finding: str) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Egypt and Sudan held talks on the border in Khartoum.",
        "Kenya said it would not keep talking to Ethiopia.",
        # talks under way that go on, with no one new to talk to and nothing named to talk about
        "Ghana welcomed the pause and urged both sides to keep talking.",
        "Britain's negotiator said the two sides would keep talking.",
        "Mexico's foreign minister said the two sides would keep talking on Thursday.",
        "Nigeria introduced a curfew in the north on Friday.",
    ],
)
def test_a_meeting_held_or_refused_floats_nothing(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


def test_a_modal_shared_by_conjoined_verbs_puts_both_forward(reader: Reader) -> None:
    # "would" governs both verbs: the commission is still to come ...
    text = (
        "Uganda and Kenya said they would settle the fishing dispute peacefully and set up "
        "a joint border commission."
    )
    assert "commission by UGA,KEN" in proposals(reader, text)
    # ... but one already set up, or set up in a clause of its own, is not proposed
    done = "Uganda set up a joint commission with Kenya and settled the dispute."
    assert proposals(reader, done) == set()
    text = "Uganda would settle the dispute, and Kenya set up a commission."
    assert not any(f.startswith("commission") for f in proposals(reader, text))


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Kenya called for an immediate cessation of hostilities in the east.", "ceasefire by KEN"),
        ("The African Union urged an end to the fighting around the town.", "ceasefire by AU"),
        ("Qatar called for a halt to the shelling on Sunday.", "ceasefire by QAT"),
    ],
)
def test_a_ceasefire_named_by_what_it_stops(reader: Reader, text: str, finding: str) -> None:
    assert finding in proposals(reader, text), text


def test_an_end_that_stops_no_hostilities_is_no_ceasefire(reader: Reader) -> None:
    assert proposals(reader, "Ghana demanded an end to the blockade of its ports.") == set()
    assert proposals(reader, "The end of the war came in 1995.") == set()


# Things a side asks of a body, does for its own ends, or offers to people rather than to
# another side: none is a proposal (gold: a proposal is put to the other side).
NOT_PUT_TO_A_SIDE = [
    "Ecuador asked for an emergency meeting of the UN Security Council.",
    "The UN Security Council met in private after Peru asked for an urgent meeting.",
    "Chile and Peru asked the Security Council to meet.",
    "Relations were strained by Chile's plan to buy Russian fighter jets.",
    "Migrants crossing the border are sent back to Chile. Chile will offer them jobs and housing.",
    "Maduro proposed a law to create a new state in the disputed region.",
    "Peru's president said Bolivia preferred confrontation to compromise.",
]


@pytest.mark.parametrize("text", NOT_PUT_TO_A_SIDE)
def test_what_is_not_put_to_another_side_is_no_proposal(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


def test_a_meeting_with_a_body_asked_for_is_still_proposed(reader: Reader) -> None:
    # the guard is on a body convened, not on every body named
    text = "Peru asked for a meeting with the Organization of American States."
    assert "meeting by PER" in proposals(reader, text)


def test_a_second_object_elaborates_the_first_offer(reader: Reader) -> None:
    found = proposals(reader, "Ghana has offered 12 reforms, among them a new anti-graft office.")
    assert found == {"reform by GHA"}


# Proposals read through constructions the parser gets half right, or named by what they
# hold: each with its own sentence.
PUT_FORWARD = [
    # a past-tense verb conjoined to a reported modal clause is the reporter's
    ("Chile's foreign minister said the dispute should be settled through dialogue, and "
     "invited both presidents to Santiago for talks in March.", "talks by CHL"),
    ("Ghana's president demanded that the fishermen be released with dignity, and offered a "
     "naval vessel to bring them home.", "vessel by GHA"),
    # "asked for X and for Y": the second "for" is the first's
    ("Chile has asked for a new tariff formula and for an independent audit of the debt.",
     "audit by CHL"),
    # a proposed thing whatever its place in the sentence
    ("The leaders called the Malian junta's proposed timetable unacceptable.",
     "timetable by MLI"),
    # a wanting verb read as a modifier, with a thing negotiated
    ("Thailand preferred bilateral talks and saw no need for mediation.", "talks by THA"),
    # a way to settle the dispute that a speaker says should be taken
    ("Venezuela says the border should be settled by negotiation under a 1966 agreement.",
     "settlement by VEN"),
    # a plan whose clause says what others would do, in apposition
    ("The European Commission would now prepare an alternative: a plan under which the other "
     "member states would guarantee the loans.", "plan by EU"),
    # a proposal that gives others a role is filed under that role's act
    ("Ethiopia rejected a Sudanese proposal to bring the United Nations in as a mediator.",
     "mediation by SDN"),
    # a hostility named as the modifier of what is stopped
    ("India and Pakistan agreed on Saturday to stop all firing and military action on land.",
     "ceasefire by IND,PAK"),
    # an urged thing negotiated is wanted, as a called-for one is
    ("Norway urged a negotiated solution to the fishing quarrel.", "solution by NOR"),
    # a way to settle the dispute asked after another asked act shares the asking verb
    ("Brazil urged Chile and Peru to lower their voices and settle the border row through "
     "talks.", "settlement by BRA"),
    # a repeated "for" the parser hangs on a nearer preposition is still the call's
    ("Peru called for a halt to the shelling and for talks.", "talks by PER"),
    # a main verb the parser hangs on the noun a relative clause closed keeps its subject
    ("Norway, which has hosted both delegations before, called for talks.", "talks by NOR"),
    # a thing negotiated agreed on is the agreers', also when a set gathers it
    ("Chile and Bolivia agreed on a series of practical arrangements for the port.",
     "series by CHL,BOL"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "finding"), PUT_FORWARD)
def test_a_proposal_put_forward_is_found(reader: Reader, text: str, finding: str) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Venezuela says the border dispute should be resolved.",  # no way to settle it named
        "India and Pakistan agreed to stop military action.",  # no hostility named
        "The preferred route for the pipeline runs through Turkey.",  # no thing negotiated
        "Norway urged calm on both sides.",  # urged, but nothing negotiated
        "Ecuador accepted joint monitoring of the river.",  # accepted, but from no one met
        "Chile and Bolivia agreed on a set of dates.",  # a set of nothing negotiated
        "Chile and Bolivia agreed on the need for calm.",  # agreed on nothing negotiated
        # accepted from the side met, but not a thing negotiated
        "Peru and Ecuador held talks in Lima. Ecuador accepted the loss of the river port.",
        "Brazil urged Peru to free the sailors and withdraw its troops.",  # demands, no way
    ],
)
def test_near_misses_of_those_constructions_float_nothing(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


def test_a_predicate_noun_is_named_by_its_subject(reader: Reader) -> None:
    text = "Maduro said the 1966 Geneva Agreement was the only valid framework for a solution."
    (found,) = read(reader, text).proposals
    assert found.sponsors == ["VEN"]
    assert "Geneva Agreement" in found.text


UNDERTAKEN = [
    # what a side commits or is ready to take up, when it is a thing negotiated
    ("Uganda committed to pay its arrears and to complete an audit of the fishing permits.",
     "audit by UGA"),
    ("Beijing is ready to play a constructive role in the talks on the border.", "role by CHN"),
    # a role between the sides, or in settling their quarrel, is a mediation
    ("Beijing is ready to play a constructive role between the two neighbours.",
     "mediation by CHN"),
    ("Ankara says it is willing to play a role in calming the situation.",
     "mediation by TUR"),
    # a clause asked of another side that takes a thing negotiated up
    ("Kenya insisted that Uganda commit to a joint inquiry into the clashes.",
     "inquiry by KEN"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "finding"), UNDERTAKEN)
def test_a_thing_undertaken_or_asked_to_be_taken_up(
    reader: Reader, text: str, finding: str
) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Russia said it was ready to use force to defend the region.",  # a means wielded
        "Beijing demanded that Washington cancel plans to sell jets to Taipei.",  # undone
        "Kosovo's prime minister said the Serbian plan offered no path to a final settlement.",
    ],
)
def test_a_means_wielded_a_thing_undone_or_nothing_given_is_no_proposal(
    reader: Reader, text: str
) -> None:
    assert not any(
        f.startswith(("force", "plan by CHN", "settlement")) for f in proposals(reader, text)
    ), text


def test_they_of_a_group_of_people_sponsors_nothing_wrong(reader: Reader) -> None:
    text = (
        "Rwanda and South Africa traded accusations on Monday. Kenya's president held a "
        "summit of the bloc's leaders on Tuesday. They called for an immediate ceasefire."
    )
    found = proposals(reader, text)
    assert not any(f.startswith("ceasefire by") and ("RWA" in f or "ZAF" in f) for f in found)


def test_leaders_who_will_meet_float_a_summit(reader: Reader) -> None:
    # two heads of state or government: a summit, put forward by both
    text = "Macron and Erdogan have agreed in principle to meet in Ankara next month."
    assert "summit by FRA,TUR" in proposals(reader, text)
    text = "Macron said he would meet Erdogan in Ankara next month."
    assert "summit by FRA,TUR" in proposals(reader, text)
    # an envoy meeting a leader: a meeting
    text = "Steve Witkoff will meet Putin in Moscow on Wednesday."
    assert not any(f.startswith("summit") for f in proposals(reader, text))


@pytest.mark.parametrize(
    "text",
    [
        "Analysis: Mali's colonels offer two years, and the bloc says no.",  # a length
        "The accord, brokered by Norway in 1993, still governs the border.",  # one in force
    ],
)
def test_a_length_or_an_accord_in_force_is_no_proposal(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # a meeting noun by its word or its lemma ("negotiations" -> "negotiation")
        ("Saudi Arabia invited both delegations to Jeddah for negotiations.",
         "negotiations by SAU"),
        # a body set up together, still to come
        ("Ankara and Baghdad agreed to form a joint committee to manage water releases.",
         "committee by TUR,IRQ"),
        # a proposal as the subject of a stance verb speaks for its owner
        ("The Chinese initiative calls for a ceasefire and talks.", "ceasefire by CHN"),
        # a stance joined to an actor before the noun
        ("A Kremlin-backed plan was rejected by Kyiv.", "plan backed by RUS"),
    ],
)  # fmt: skip
def test_more_ways_a_proposal_is_put(reader: Reader, text: str, finding: str) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # a thing negotiated that another side is asked to take up, the parser reading the
        # asked side as the clause's own subject
        ("Washington wants Caracas to accept a power-sharing deal.", "deal by USA"),
        # "observers" by its word, though lemmatised "observer"
        ("South Africa offered to send observers to monitor the vote.", "observer by ZAF"),
        # "the negotiating table" is talks
        ("Seoul called on Tokyo to return to the negotiating table.", "talks by KOR"),
        # a way to settle a dispute asked of another side
        ("Beijing urged Manila to resolve the dispute through bilateral consultations.",
         "settlement by CHN"),
        # "drawn up" is drafted
        ("Under a plan drawn up by France, peacekeepers would patrol the border.",
         "plan by FRA"),
        # "dangled" is offered
        ("Washington dangled sanctions relief in exchange for a freeze.", "relief by USA"),
        # a call puts forward for its owner
        ("India rejected Pakistan's call for a neutral probe.", "probe by PAK"),
    ],
)  # fmt: skip
def test_still_more_ways_a_proposal_is_put(reader: Reader, text: str, finding: str) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Moscow wants Kyiv to accept its terms.",  # terms are no thing negotiated
        "The troops drew fire from the hills.",  # not drawn up
        "The bridge table was set for the dinner.",  # no negotiating table
        "Seoul urged Tokyo to resolve the dispute.",  # no way named
    ],
)
def test_those_ways_near_misses_float_nothing(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Hamas said it had accepted the Egyptian-Qatari ceasefire proposal.",
         "ceasefire by EGY,QAT"),
        ("An Egyptian and Qatari proposal was put to both sides.", "proposal by EGY,QAT"),
    ],
)  # fmt: skip
def test_each_state_of_a_paired_adjective_sponsors(
    reader: Reader, text: str, finding: str
) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # a thing negotiated that two sides reach together, one of them named with "with"
        ("Ghana struck a deal with Togo on the shared gas field.", "deal by GHA,TGO"),
        ("Peru and Ecuador held talks in Quito. Lima said the two governments had clinched an "
         "understanding under which fishing boats would be released.",
         "understanding by PER,ECU"),
        # a third party announcing what two sides agreed to brokered it; both back it
        ("Qatar said Rwanda and Congo had agreed to an immediate truce.", "truce by QAT"),
        ("Qatar said Rwanda and Congo had agreed to an immediate truce.", "truce backed by RWA"),
    ],
)  # fmt: skip
def test_a_thing_two_sides_reach_is_theirs(reader: Reader, text: str, finding: str) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Both countries face tariffs unless they strike trade agreements with Washington.",
        "Peru and Chile did not reach an agreement on the border on Monday.",
        "Chile reached a deal.",  # one side alone
        "Peru and Chile reached the deal after midnight.",  # one already told
        "The migrants reached the border town on Monday.",  # nothing negotiated
        "Peru and Chile agreed to a truce.",  # agreed to, no broker named: unknown sponsor
    ],
)
def test_a_deal_not_reached_together_floats_nothing(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # a proposal that must or should come, as the subject: the speaker's
        ("Lima has said that a full truce must come before any talks on the border.",
         "truce by PER"),
        ("Kenya says a ceasefire must be the first step.", "ceasefire by KEN"),
        # hostilities that must stop: a ceasefire
        ("Armenia has long argued that the shelling must stop along the whole border.",
         "ceasefire by ARM"),
        # a thing negotiated that a speaker says another side must take up
        ("Israel says Hamas must accept an extension of the first phase.",
         "extension by ISR"),
        ("Washington said Caracas should accept a monitoring mission.", "mission by USA"),
    ],
)  # fmt: skip
def test_a_thing_a_speaker_insists_on_is_the_speakers(
    reader: Reader, text: str, finding: str
) -> None:
    found = proposals(reader, text)
    assert finding in found, text
    assert not any(" backed by " in f for f in found), found  # the one told backs nothing


@pytest.mark.parametrize(
    "text",
    [
        "Moscow says any deal must include recognition of its gains.",  # a condition
        "Egypt has long argued that an agreement must be legally binding.",  # a condition
        "Pakistan said the talks must not become a forum for accusations.",  # negated
        "The fighting stopped on Monday, Armenia said.",  # no modal: a fact
        "Moscow says Kyiv must accept the loss of its territory.",  # nothing negotiated
    ],
)
def test_a_condition_or_a_fact_is_no_insisted_proposal(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # invited to talks, not only for them
        ("Oman invited Iran and the United States to a new round of talks.", "talks by OMN"),
        # a relative clause whose own subject put the proposal forward names its sponsor
        ("The proposal, which Egypt circulated on Monday, calls for a six-week pause.",
         "proposal by EGY"),
        ("The plan, which Qatar put to both sides last week, remains on the table.",
         "plan by QAT"),
        # put on the table is put forward
        ("Brazil put a new offer on the table on Friday.", "offer by BRA"),
        # a side pledged to a thing negotiated offers it ...
        ("Ghana and Togo committed to direct dialogue over the gas field.", "dialogue by GHA,TGO"),
        # ... and one asked to pledge it, the side that asks
        ("Kenya insisted that Uganda commit to direct dialogue with the rebels.",
         "dialogue by KEN"),
    ],
)  # fmt: skip
def test_invited_put_on_the_table_or_pledged(reader: Reader, text: str, finding: str) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a proposal answered is not the answerer's, also when its act names it
        ("Hungary blocked a proposal to open accession talks with Ukraine.", "by HUN"),
        ("Moscow rejected a draft resolution that would extend the mandate.", "by RUS"),
        # a relative clause that rejects it, or has no subject, names no sponsor
        ("The plan, which was rejected on Monday, is dead.", "plan by"),
        ("Kenya insisted that Uganda commit to direct dialogue with the rebels.", "by UGA"),
        ("Brazil put the treaty in abeyance on Friday.", "treaty by"),
    ],
)
def test_an_answer_or_a_plain_put_sponsors_nothing(reader: Reader, text: str, absent: str) -> None:
    found = proposals(reader, text)
    assert not any(absent in f and "opposed" not in f for f in found), found


def test_a_proposals_text_keeps_the_participle_that_says_which_thing(reader: Reader) -> None:
    text = "Senegal called for an independent inquiry into the killings reported in Kidal."
    (found,) = read(reader, text).proposals
    assert found.sponsors == ["SEN"]
    assert "reported in Kidal" in found.text, found.text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Germany's foreign minister visited Athens and Ankara in an effort to start talks "
         "between the two.", "talks by DEU"),
        ("Turkey's bid to broker a ceasefire has stalled.", "ceasefire by TUR"),
        # an offer that sets a condition still puts its act forward
        ("Turkey would agree to talk if Greece withdrew its ships.", "talks by TUR"),
        ("The EU is trying to settle the matter bilaterally.", "settlement by EU"),
    ],
)  # fmt: skip
def test_an_effort_made_or_a_conditional_offer_puts_forward(
    reader: Reader, text: str, finding: str
) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Russia made a push to capture the town.",  # no thing negotiated sought
        "The efforts of aid groups to reach the town failed.",  # no actor makes it
        "Caracas should accept a mission to monitor the truce.",  # accepted, not made
        # an act supposed in an "if" clause, and an attempt already made
        '"If the EU wants to talk about sanctions, let it," he said in Ankara.',
        "The EU had tried to settle the matter bilaterally.",
    ],
)
def test_an_effort_at_nothing_a_supposed_act_or_a_past_attempt(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # a thing negotiated the parser hangs on the calling verb beside another object
        ("Beijing called for restraint and a negotiated solution.", "solution by CHN"),
        # what a ready side would discuss or consider, it offers
        ("Russia said it was prepared to consider a prisoner exchange.", "exchange by RUS"),
        ("Kyiv is ready to discuss a ceasefire.", "ceasefire by UKR"),
    ],
)  # fmt: skip
def test_a_thing_called_for_beside_another_or_weighed(
    reader: Reader, text: str, finding: str
) -> None:
    assert finding in proposals(reader, text), text


def test_a_proposal_a_ready_side_weighs_is_not_its_own(reader: Reader) -> None:
    text = "The Kremlin said it was willing to study the proposal."
    assert proposals(reader, text) == set()


# More ways a proposal is put, each read by one rule or word class, and near misses of each.
PUT_FORWARD = [
    # what a proposing verb's gerund would do, also in a relative clause on the thing
    ("Peru refused to receive a team of experts that Quito had suggested sending in June.",
     "team by ECU"),
    ("Uruguay suggested extending the deadline by a week.", "extension by URY"),
    ("Quito recommended setting up a joint commission on the river.", "commission by ECU"),
    # a settlement in talks, and a help to solve the quarrel, offered
    ("Bolivia said the dispute should be settled in direct negotiations.", "settlement by BOL"),
    ("Ecuador said it was willing to help them solve the quarrel through talks.",
     "mediation by ECU"),
    # a thing negotiated that a participle puts forward, wherever it stands
    ("Resolution 1234, drafted by Norway, endorses the roadmap.", "resolution by NOR"),
    ("The moratorium demanded by Kyiv never came.", "moratorium by UKR"),
    # what a plan holds is its sponsor's, whoever "it" would otherwise stand for
    ("Kenya backed a plan that Uganda drafted last week. It proposes a ceasefire.",
     "ceasefire by UGA"),
    # a readiness to help a thing along, or stated by a noun
    ("Oman said it stood ready to facilitate dialogue between the two neighbours.",
     "dialogue by OMN"),
    ("Brazil expressed a willingness to undertake mediation if both sides wished.",
     "mediation by BRA"),
    ("Russia announced its readiness for mediation between the two countries.",
     "mediation by RUS"),
    # an invitation issued for talks floats them (the "for" may hang on the invitees)
    ("France extended an invitation to both foreign ministers for talks in Paris.",
     "talks by FRA"),
    ("Brazil has offered to act as a mediator between Venezuela and Guyana.", "mediation by BRA"),
    # what a side wants another to take up, parsed as a clause of its own
    ("Peru wants the two sides to return to the negotiating table.", "talks by PER"),
    # a meeting held in the present tense with a date ahead is still to come
    ("Egypt is hosting ceasefire talks in Cairo next week.", "talks by EGY"),
]  # fmt: skip
NOT_PUT_FORWARD = [
    "Chile did not propose sending observers.",  # withheld, with what it would send
    "Argentina proposed raising tariffs on Chinese steel.",  # a measure
    "The Commission recommended keeping 7.5 billion euros from Budapest.",  # an amount
    "Analysts suggested watching the markets closely.",  # no actor
    "Bolivia said the dispute should be settled in court.",  # no talks
    "Chile said its navy was ready to carry out any mission.",  # no thing in particular
    "The Commission recommended keeping the funds for Budapest frozen.",  # what stands
    "The report, drafted by Norway, says the talks failed.",  # no thing negotiated
    "Iran accepted an invitation to talks in Oslo.",  # answered, the inviter not named
    "Brazil did not express any willingness to undertake mediation.",  # withheld
    "Seoul called for the troops to withdraw from the border.",  # a demand
    "Peru said the two sides would return to the negotiating table.",  # reported
    "Egypt is hosting ceasefire talks in Cairo this week.",  # under way
    "The White House is ready to pay a price of its own.",  # a cost borne
]


@pytest.mark.parametrize(("text", "finding"), PUT_FORWARD)
def test_a_proposal_put_forward_in_more_ways(reader: Reader, text: str, finding: str) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize("text", NOT_PUT_FORWARD)
def test_near_misses_of_those_ways_float_nothing(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


def test_a_plan_named_sentences_before_is_not_what_it_proposes(reader: Reader) -> None:
    text = "Egypt unveiled a plan on Sunday. Turkey rejected it. Libya said it proposes a truce."
    found = proposals(reader, text)
    assert "plan by EGY" in found
    assert "truce by EGY" not in found, found


def test_a_number_after_the_noun_stays_in_the_proposals_text(reader: Reader) -> None:
    (found,) = read(reader, "Resolution 1234, drafted by Norway, endorses the roadmap.").proposals
    assert found.text.startswith("Resolution 1234"), found.text


# What a ready side offers to discuss, whatever the noun; an act offered after "open to"; a
# talk or a transit offered; a body set up (a working group).
OFFERED_TO_DISCUSS = [
    ("Chile said it was ready to discuss deliveries of copper from other mines.",
     "delivery by CHL"),
    ("Brussels was willing to discuss more aid for the refugees Jordan hosts.", "aid by EU"),
    ("Bolivia said it remained open to carrying grain from other ports.", "transit by BOL"),
    ("Romania was ready to carry oil to Hungary from other suppliers.", "transit by ROU"),
    ("Peru said it had offered to speak with Chile about the quotas.", "talks by PER"),
    ("The European Commission will set up a working group with Austria on transit.",
     "group by EU"),
]  # fmt: skip
NOT_OFFERED_TO_DISCUSS = [
    "Chile said it was ready to discuss the issue.",  # a topic, nothing offered
    "Peru is willing to discuss their differences.",  # a topic
    "Iran said it was ready to carry out strikes.",  # a deed done, nothing carried
]


@pytest.mark.parametrize(("text", "finding"), OFFERED_TO_DISCUSS)
def test_a_thing_a_ready_side_would_discuss_or_carry(
    reader: Reader, text: str, finding: str
) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize("text", NOT_OFFERED_TO_DISCUSS)
def test_a_topic_discussed_or_a_deed_done_is_no_offer(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


def test_a_thing_offered_for_discussion_keeps_what_it_is_for(reader: Reader) -> None:
    text = "Brussels was willing to discuss more aid for the refugees Jordan hosts."
    (found,) = read(reader, text).proposals
    assert "refugees Jordan hosts" in found.text, found.text


# A thing a relative clause says a side put forward, the clause hung wherever the parser puts
# it (on the date or the place that says which one is meant).
PROPOSED_IN_A_CLAUSE = [
    ("Chile rejected the timetable that Peru suggested.", "timetable by PER"),
    ("Envoys will attend a meeting in Lima on March 17 that Chile proposed.", "meeting by CHL"),
    ("Ministers from Spain and Italy will join Lula at a meeting in Lisbon on May 2 that "
     "Brasilia proposed.", "meeting by BRA"),
]  # fmt: skip
PROPOSED_IN_A_CLAUSE += [
    # a meeting a side arranged for others, the clause hung on the party to be met
    ("The rebels will not attend the talks with the Peruvian government that Brazil had "
     "arranged in Brasilia.", "talks by BRA"),
]  # fmt: skip
NOT_PROPOSED_IN_A_CLAUSE = [
    "Chile rejected the explanation that Peru offered.",  # not a proposal
    "Chile rejected the timetable that Peru did not propose.",  # withheld
    "Rebels attacked the depot that Kenya had arranged.",  # only a meeting is arranged
]


@pytest.mark.parametrize(("text", "finding"), PROPOSED_IN_A_CLAUSE)
def test_a_thing_a_relative_clause_says_was_proposed(
    reader: Reader, text: str, finding: str
) -> None:
    assert finding in proposals(reader, text), text
    with PROPOSALS.disabled("proposed_relative"):
        assert finding not in proposals(reader, text), text


@pytest.mark.parametrize("text", NOT_PROPOSED_IN_A_CLAUSE)
def test_a_relative_clause_that_proposes_nothing(reader: Reader, text: str) -> None:
    assert not {f for f in proposals(reader, text) if " by " in f}, text


def test_a_meeting_proposed_in_a_clause_keeps_its_date(reader: Reader) -> None:
    text = "Envoys will attend a meeting in Lima on March 17 that Chile proposed."
    (found,) = read(reader, text).proposals
    assert found.text == "meeting in Lima on March 17", found.text


# Meetings taken up again by another name, and any act a proposing verb's infinitive names.
MORE_ACTS = [
    ("Chile and Peru agreed to resume dialogue on the border.", "dialogue by CHL,PER"),
    ("Bolivia has proposed to pool the lithium stocks of the three countries.",
     "stock by BOL"),
]  # fmt: skip
NOT_MORE_ACTS = [
    "Bolivia did not propose to pool the stocks.",  # withheld
    "Maduro proposed a law to create a new province.",  # the law's act (not a proposal)
]


@pytest.mark.parametrize(("text", "finding"), MORE_ACTS)
def test_dialogue_resumed_or_an_act_proposed(reader: Reader, text: str, finding: str) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize("text", NOT_MORE_ACTS)
def test_an_act_withheld_or_a_law_proposed_floats_nothing(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


# What sides agree or offer to work on or towards, and talks they will take up again.
WORKED_TOWARDS = [
    ("Chile and Bolivia agreed to work on new rail and road links.", "link by CHL,BOL"),
    ("Chile and Peru agreed to work towards a lasting ceasefire.", "ceasefire by CHL,PER"),
    ("Peru and Ecuador announced they would resume exploratory talks, frozen since 2019.",
     "talks by PER,ECU"),
    ("Chile will resume talks with Peru next week.", "talks by CHL"),
]  # fmt: skip
NOT_WORKED_TOWARDS = [
    "Quito was ready to work with Lima on all issues.",  # a topic
    "Chile had worked towards a ceasefire.",  # an effort made, nothing undertaken
    "Chile and Peru resumed talks on Monday.",  # talks under way again, not to come
]


@pytest.mark.parametrize(("text", "finding"), WORKED_TOWARDS)
def test_a_thing_sides_agree_to_work_on_or_talks_resumed(
    reader: Reader, text: str, finding: str
) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize("text", NOT_WORKED_TOWARDS)
def test_a_topic_worked_on_or_an_effort_made_floats_nothing(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


# A proposal named only by its content after a past "suggested" (a present verb is its
# subjunctive), and a thing a side is open to discussing (a gerund after "open to").
BY_CONTENT = [
    ("Ankara suggested both navies pull back.", "withdrawal by TUR"),
    ("Lima suggested that both fleets pull back from the bay.", "withdrawal by PER"),
    ("Japan said it was open to discussing new quotas for rice exports.", "quota by JPN"),
]
NOT_BY_CONTENT = [
    "Ankara suggested that the sanctions are unjust.",  # a view ("be"), nothing proposed
    "Ankara suggested the navies were tired.",  # a fact reported, shifted back
    "Chile said it was open to discussing the issue.",  # a topic
]


@pytest.mark.parametrize(("text", "finding"), BY_CONTENT)
def test_a_proposal_named_by_its_content(reader: Reader, text: str, finding: str) -> None:
    assert finding in proposals(reader, text), text


@pytest.mark.parametrize("text", NOT_BY_CONTENT)
def test_a_view_a_fact_or_a_topic_is_no_proposal(reader: Reader, text: str) -> None:
    assert proposals(reader, text) == set(), text


# A first-person pronoun in what a named actor is reported to say is that actor.
IN_A_QUOTE = [
    ('"We are ready to talk," Peruvian Foreign Minister Ana Gervasi said.', "talks by PER"),
    ('Chilean Foreign Minister Alberto van Klaveren said: "We are ready to discuss a '
     'prisoner exchange."', "exchange by CHL"),
    ('"I am ready to meet him anywhere," Ecuadorean Foreign Minister Gabriela Sommerfeld '
     "said.", "meeting by ECU"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "finding"), IN_A_QUOTE)
def test_we_in_a_quote_is_its_named_speaker(reader: Reader, text: str, finding: str) -> None:
    assert finding in proposals(reader, text), text


def test_those_met_with_share_the_call_made_after_the_meeting(reader: Reader) -> None:
    text = "Chile and Peru met in Lima with the Emir of Qatar and called for an immediate truce."
    assert "truce by CHL,PER,QAT" in proposals(reader, text)
    # only a call made jointly: a stance of another kind stays the subject's
    assert proposals(reader, "Chile met with Peru and rejected the plan.") == set()
