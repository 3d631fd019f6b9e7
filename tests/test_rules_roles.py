"""Each role rule of ``standoff.read.roles`` on its own example, through the pipeline.

A case is (rule, sentence, roles): the trigger's roles as the role rules read them
(``"ASSAULT RUS->UKR"``, before any fallback fills a missing side) are read with every
rule and differ when that rule alone is disabled. The rules of ``standoff.read.events``
that drop a trigger or change its type are checked on the whole reading. Every rule of
every registry has a case.
"""

from __future__ import annotations

import pytest

from rulecheck import check_prefixes, check_rule, events, roles
from standoff.read import Reader
from standoff.read.events import NOT_EVENTS, RETYPES
from standoff.read.roles import (
    ADJECTIVE_ROLES,
    CONDITION_ROLES,
    JUDGED_ROLES,
    NOUN_ROLES,
    PATIENT_ROLES,
    REPORTED_ROLES,
    VERB_ROLES,
)
from standoff.read.rules import Rules

ROLE_CASES = {
    VERB_ROLES: [
        ("pressed_party", "Canada will not be intimidated by Beijing.", "REJECT CAN->CHN"),
        ("stance", "Israel is opposed to Egyptian mediation.", "REJECT ISR->?"),
        ("participle_agent", "The sanctions demanded by Kyiv were delayed.", "REQUEST UKR->?"),
        ("passive_agent", "Turkey was hit by American sanctions.", "SANCTION USA->TUR"),
        ("passive_subject", "Ukraine was attacked by Russia.", "ASSAULT RUS->UKR"),
        ("custody_place", "Two Canadians were detained in China.", "COERCE CHN->CAN"),
        ("measure_subject", "American duties on Mexican goods took effect on Monday.",
         "SANCTION USA->MEX"),
        ("active_subject", "Russia attacked Ukraine.", "ASSAULT RUS->UKR"),
        ("second_verb_of_speaker",
         "Tokyo said the ruling violated the treaty and met Seoul's envoy.",
         "CONSULT JPN->KOR"),
        ("objects", "Russia invaded Georgia.", "ASSAULT RUS->GEO"),
        ("asked_to_act", "Warsaw expects Kyiv to withdraw the complaint.", "REQUEST POL->UKR"),
        ("asked_for_of", "Britain asked for an urgent meeting of the U.N. Security Council.",
         "REQUEST GBR->UN"),
        # a free relative object is what its own words say it is, and where
        ("described_object", "Turkey shelled what it said were militant positions in Syria.",
         "ASSAULT TUR->SYR"),
        ("held_answerable", "Lebanon holds Washington responsible for the strikes.",
         "ACCUSE LBN->USA"),
        ("deed_doer", "Germany condemned the strikes Russia carried out on Kyiv.",
         "ACCUSE DEU->RUS"),
        ("asked_deed_owner", "Kyiv seeks a complete Russian withdrawal.", "REQUEST UKR->RUS"),
        # a country hosting people it does not meet hosts no meeting: no party at all
        ("hosted_guests", "Turkey hosts nearly four million Syrian refugees.", "CONSULT ?->?"),
        ("not_itself", "China recalled its ambassador to Lithuania.", "SANCTION CHN->LTU"),
        ("type_prep_targets", "Japan appealed to Washington for help.", "REQUEST JPN->USA"),
        ("against_on_a_forum",
         "Gambia brought a case before the International Court of Justice against Myanmar.",
         "ACCUSE GMB->MMR"),
        ("measure_on", "Washington answered with tariffs on Chinese steel.", "SANCTION USA->CHN"),
        ("objection_to", "Saudi Arabia cut its flights to Qatari airports.", "SANCTION SAU->QAT"),
        ("goods_from", "Washington placed a tariff on goods from India.", "SANCTION USA->IND"),
        ("answered_offer", "Kyiv accepted the American proposal.", "AGREE UKR->USA"),
    ],
    NOUN_ROLES: [
        ("noun_agent", "The attack by Russia on Ukraine killed three people.", "ASSAULT RUS->UKR"),
        ("noun_owner", "The Russian attack on Ukraine killed three people.", "ASSAULT RUS->UKR"),
        ("light_verb_subject", "China held talks with Japan on Monday.", "CONSULT CHN->JPN"),
        ("occasion_subject",
         "The Japanese premier came to Seoul for talks with President Moon.",
         "CONSULT JPN->KOR"),
        ("occasion_parties",
         "Kenya, Uganda and Tanzania agreed at an African Union summit on Tuesday to reopen "
         "their borders.",
         "CONSULT AU->KEN,UGA,TZA"),
        ("light_verb_phrase_subject", "Putin arrived in Ankara on a state visit to Turkey.",
         "CONSULT RUS->TUR"),
        ("meeting_of", "A meeting of the foreign ministers of Egypt and Sudan ended in Cairo on "
         "Monday.", "CONSULT EGY,SDN->?"),
        ("delivered_list", "Saudi Arabia sent Qatar a list of demands.", "REQUEST SAU->QAT"),
        ("request_from", "A request from Kuwait reached the Saudi capital.", "REQUEST KWT->?"),
        ("drawn_from", "Israel kept its troops in Lebanon, drawing warnings from Hezbollah.",
         "THREATEN LBN->ISR"),
        ("request_answerer", "The U.N. Security Council met on Thursday at France's request.",
         "REQUEST FRA->UN"),
        ("threat_of", "Iran ignored the threat of European sanctions.", "THREATEN EU->?"),
        ("occasion_guests", "The Russian president joined Erdogan in Ankara for talks on Syria.",
         "CONSULT RUS->TUR"),
        ("nominal_object", "Caracas ordered the closure of its embassy in Bogota.",
         "SANCTION VEN->COL"),
        ("noun_prep_targets", "China's talks with Japan collapsed.", "CONSULT CHN->JPN"),
        ("described_object",
         "Israel carried out air strikes on what it called Hezbollah depots in Lebanon.",
         "ASSAULT ISR->LBN"),
        ("against_on_a_forum",
         "Ukraine's complaints at the World Trade Organization against Poland were heard.",
         "ACCUSE UKR->POL"),
        ("meeting_between",
         "After three days of negotiations in Vienna between an Iranian delegation led by its "
         "deputy minister and a French team, the envoys left.",
         "CONSULT IRN->FRA"),
        ("meeting_host",
         "Over a day of talks chaired by the Senegalese president as head of the African Union, "
         "the foreign ministers of Sudan and Chad failed to settle the dispute.",
         "CONSULT AU->SDN,TCD"),
    ],
    ADJECTIVE_ROLES: [
        ("adjective_subject", "Iran remained defiant against the United States.",
         "REJECT IRN->USA"),
        ("adjective_prep_targets", "Iran remained defiant against the United States.",
         "REJECT IRN->USA"),
    ],
    PATIENT_ROLES: [
        ("patient_is_target", "Trump said Russia would face heavy tariffs.", "THREATEN USA->RUS"),
        ("faced_measure_owner", "Brazil faces American tariffs unless it ends the trial.",
         "THREATEN USA->BRA"),
        ("speaker_threatens", "Trump said Russia would face heavy tariffs.", "THREATEN USA->RUS"),
    ],
    JUDGED_ROLES: [
        ("speaker_judges", "Moscow said the Estonian move was illegal.", "ACCUSE RUS->EST"),
        ("judged_party", "Moscow said the Estonian move was illegal.", "ACCUSE RUS->EST"),
    ],
    REPORTED_ROLES: [
        ("reported_subject", "Kyiv said Russia bears responsibility for the blast.",
         "ACCUSE UKR->RUS"),
        ("reported_speaker", "Kyiv said Russia bears responsibility for the blast.",
         "ACCUSE UKR->RUS"),
    ],
    CONDITION_ROLES: [
        ("condition_doer_is_target", "Poland will extend the ban if Ukraine escalates the dispute.",
         "THREATEN POL->UKR"),
        ("threatener_subject", "Poland will extend the ban if Ukraine escalates the dispute.",
         "THREATEN POL->UKR"),
        ("measure_owner_threatens", "American tariffs could rise further if Brazil retaliates.",
         "THREATEN USA->BRA"),
        ("speaker_threatens", "Washington said the tariffs could rise if Brazil retaliated.",
         "THREATEN USA->BRA"),
    ],
}  # fmt: skip
# Rules that drop a trigger (checked the other way round) or change its type.
EVENT_CASES = {
    NOT_EVENTS: [
        ("answered_request", "Yemen rejected an American request.", "REQUEST USA->YEM"),
        ("measure_under_threat", "The threat of Russian attacks on Kyiv alarmed Europe.",
         "ASSAULT RUS->UKR"),
        ("asked_participle",
         "Asked about Iran at a briefing, the Japanese minister declined to comment.",
         "REQUEST JPN->IRN"),
        ("danger_described",
         "The decree says the unrest in Nicaragua constitutes an unusual and extraordinary "
         "threat to the security of Costa Rica.",
         "THREATEN NIC->CRI"),
        ("foreseen_harm",
         "Egypt warned Ethiopia that an uncoordinated filling could endanger Egyptian farms.",
         "THREATEN EGY->ETH"),
        ("figurative_blow",
         "Warsaw denounced the European Commission's attack on Polish sovereignty.",
         "ASSAULT EU->POL"),
        ("standing_agreement", "Ankara will review its defence agreement with Qatar next year.",
         "AGREE TUR->QAT"),
        ("meeting_called_off", "The summit between Congo and Rwanda was called off on Sunday.",
         "CONSULT COD->RWA"),
        ("striving", "Quito sought to expel the Peruvian ambassador.", "REQUEST ECU->PER"),
        ("held_under", "Chinese firms still drill off Kenya under Kenyan concessions.",
         "CONCEDE KEN->~CHN"),
        ("conditional_request",
         "Kenya said it would ask the U.N. Security Council to act if Somalia kept the border "
         "closed.", "REQUEST KEN->UN"),
        ("refusal_to_rule_out", "Turkey refused to rule out the use of force against Greece.",
         "REJECT TUR->GRC"),
    ],
}  # fmt: skip
RETYPE_CASES = [
    ("defended_own", "India defended its oil purchases from Russia.", "REJECT IND->RUS"),
    ("gives_in", "Colombia agreed to all of the American terms.", "CONCEDE COL->?"),
    ("rioting_crowd", "Protesters in Nairobi attacked the Ugandan embassy.", "PROTEST KEN->UGA"),
    ("diplomatic_protest", "Lithuania protested to Belarus over the border incident.",
     "ACCUSE LTU->BLR"),
    ("hosted_welcome", "Xi welcomed the Brazilian president in Beijing.", "CONSULT CHN->BRA"),
    ("lone_drill", "North Korea held artillery drills on Sunday.", "MOBILIZE PRK->?"),
    ("troops_sent_to_a_state", "Turkey sent troops and food to Qatar.", "AID TUR->QAT"),
]


def _cases(table: dict[Rules, list[tuple[str, str, str]]]) -> list[tuple[Rules, str, str, str]]:
    return [(registry, *case) for registry, cases in table.items() for case in cases]


@pytest.mark.parametrize(
    ("registry", "rule", "text", "found"),
    _cases(ROLE_CASES),
    ids=[f"{r.step}:{c[0]}" for r, cs in ROLE_CASES.items() for c in cs],
)
def test_role_rule_reads_its_example(
    reader: Reader, registry: Rules, rule: str, text: str, found: str
) -> None:
    check_rule(reader, registry, rule, text, found, roles)


@pytest.mark.parametrize(
    ("registry", "rule", "text", "event"),
    _cases(EVENT_CASES),
    ids=[c[0] for cs in EVENT_CASES.values() for c in cs],
)
def test_rule_drops_the_trigger_of_its_example(
    reader: Reader, registry: Rules, rule: str, text: str, event: str
) -> None:
    check_rule(reader, registry, rule, text, event, events, absent=True)


@pytest.mark.parametrize(("rule", "text", "event"), RETYPE_CASES, ids=[c[0] for c in RETYPE_CASES])
def test_rule_retypes_its_example(reader: Reader, rule: str, text: str, event: str) -> None:
    check_rule(reader, RETYPES, rule, text, event)


@pytest.mark.parametrize("registry", [*ROLE_CASES, *EVENT_CASES, RETYPES], ids=lambda r: r.step)
def test_every_rule_has_a_case(registry: Rules) -> None:
    table = ROLE_CASES.get(registry) or EVENT_CASES.get(registry) or RETYPE_CASES
    assert registry.names() == [c[0] for c in table]


@pytest.mark.parametrize(
    "text",
    [
        # the parser hangs "called" on the relative clause's noun, or on the subject as a
        # participle; either way the subject that the relative clause describes acts
        "Japan and China traded accusations on Monday. The European Union, which was drawn "
        "into the dispute last year, called on both sides to show restraint.",
        "Japan and China traded accusations on Monday. The European Union, which was caught "
        "up in the 2006 dispute, called on both sides to show restraint.",
    ],
)
def test_a_subject_past_its_relative_clause_acts(reader: Reader, text: str) -> None:
    assert {"REQUEST EU->JPN", "REQUEST EU->CHN"} <= events(reader, text)


def test_a_clause_the_parser_joins_to_the_noun_before_it_keeps_its_subject(
    reader: Reader,
) -> None:
    """'... a meeting of his cabinet and Athens called on Ankara ...': the parser joins
    "Athens" to "cabinet" and hangs "called" on the meeting; the name before a past-tense
    verb after "and" is its subject."""
    text = (
        "Mitsotakis chaired an emergency meeting of his security council and Athens called on "
        "Ankara to withdraw the survey ship at once."
    )
    assert "REQUEST GRC->TUR" in roles(reader, text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # the owner of an offer is the agent of its putting forward
        ("Ankara dismissed the plan put forward by Cairo.", "REJECT TUR->EGY"),
        # "the plan" with no owner takes up the plan put forward just before
        ("Sisi unveiled a plan for Libya on Saturday. It proposes a ceasefire. Ankara dismissed "
         "the plan at once.", "REJECT TUR->EGY"),
        ("Cairo put forward a plan for Libya on Saturday. Ankara dismissed the plan at once.",
         "REJECT TUR->EGY"),
    ],
)
def test_a_refused_offer_is_aimed_at_whoever_put_it_forward(
    reader: Reader, text: str, event: str
) -> None:
    assert event in roles(reader, text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # a weapon named by its model is a party its demonym names
        ("Turkish F-16s shot down a Russian Su-24 near the border.", "ASSAULT TUR->RUS"),
        ("A Syrian MiG-29 bombed Turkish positions.", "ASSAULT SYR->TUR"),
        ("A Turkish fighter shot down a Russian warplane.", "ASSAULT TUR->RUS"),
        ("Israel launched a ground operation in Gaza.", "ASSAULT ISR->PSE"),
        # ending contacts between governments reduces relations
        ("Russia cut military contacts with Turkey on Wednesday.", "SANCTION RUS->TUR"),
        ("China suspended ministerial exchanges with Japan.", "SANCTION CHN->JPN"),
        ("Beijing postponed talks with Tokyo on the gas fields.", "SANCTION CHN->JPN"),
        # an envoy recalled from where it serves, goods banned from where they come
        ("France has recalled its ambassador from Algiers.", "SANCTION FRA->DZA"),
        ("Kyiv banned imports from Russia.", "SANCTION UKR->RUS"),
        # units sent to a border show force; sent to a state itself, they back it
        ("Venezuela sent ten battalions to the Colombian border.", "MOBILIZE VEN->COL"),
        ("Iran rushed troops to the Afghan border.", "MOBILIZE IRN->AFG"),
        # a noun for an object rule's act is read with its "of" object as the verb is
        ("Venezuela ordered the closure of its embassy in Bogota.", "SANCTION VEN->COL"),
        ("Algeria announced the recall of its ambassador to Paris.", "SANCTION DZA->FRA"),
        # nouns that judge a person or a claim accuse as judging adjectives do
        ("Hugo Chavez called Alvaro Uribe a criminal.", "ACCUSE VEN->COL"),
        ("Moscow called the British statement a circus show.", "ACCUSE RUS->GBR"),
        # a deed owed that a party expects is asked of the one it is expected from
        ("Moscow expected an apology from Ankara.", "REQUEST RUS->TUR"),
    ],
)
def test_weapons_by_model_contacts_cut_units_sent_acts_named_and_people_judged(
    reader: Reader, text: str, event: str
) -> None:
    assert event in roles(reader, text)



@pytest.mark.parametrize(
    "text",
    [
        "Cavusoglu spoke to Lavrov by telephone on Wednesday.",
        "Erdogan telephoned Putin on Wednesday.",
    ],
)
def test_a_telephone_conversation_is_held_by_both_sides(reader: Reader, text: str) -> None:
    assert {"CONSULT TUR->RUS", "CONSULT RUS->TUR"} <= events(reader, text)


def test_words_addressed_to_someone_run_one_way(reader: Reader) -> None:
    assert "CONSULT BRA->USA" not in events(reader, "Washington said it had spoken to Brazil.")


def test_a_relative_clause_of_saying_names_no_doer(reader: Reader) -> None:
    """'a process that the three countries said could be halted': the sayers did not do it."""
    text = (
        "Britain, France and Germany triggered the snapback. Iran welcomed a process that the "
        "three countries said could still be halted."
    )
    assert "SUPPORT IRN->?" in roles(reader, text)


@pytest.mark.parametrize(
    ("text", "assault"),
    [
        ("Modi and Sharif clashed over the treaty at the summit.", False),
        ("Thai and Cambodian troops clashed at the border.", True),
    ],
)
def test_leaders_who_clash_argue_and_troops_fight(reader: Reader, text: str, assault: bool) -> None:
    assert any(e.startswith("ASSAULT") for e in events(reader, text)) is assault


@pytest.mark.parametrize(
    ("text", "found", "not_found"),
    [
        # a speech act joined to a reported clause is the reporter's, not the clause subject's
        (
            "Iran's foreign minister said Washington had no right to dictate Tehran's policy "
            "and demanded that the strikes on Yemen stop.",
            "REQUEST IRN->",
            "REQUEST USA->",
        ),
        (
            "Greece said Turkey's ship was still in its waters and urged Berlin to mediate.",
            "REQUEST GRC->DEU",
            "REQUEST TUR->",
        ),
        # a reported "said" keeps its own subject: the teller's teller does not urge
        (
            "Japan lodged a protest after its government said the water was safe and urged "
            "Beijing to lift the ban.",
            "REQUEST JPN->CHN",
            "REQUEST ?",
        ),
    ],
)
def test_a_speech_act_joined_to_a_reported_clause_is_the_reporters(
    reader: Reader, text: str, found: str, not_found: str
) -> None:
    check_prefixes(reader, text, found, not_found)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Saudi Arabia agreed to a request from the Emir of Kuwait to extend the deadline.",
         "REQUEST KWT->SAU"),
        ("The U.N. Security Council met on Thursday at France's request.", "REQUEST FRA->UN"),
    ],
)  # fmt: skip
def test_a_request_is_made_of_the_side_that_answers_or_acts_on_it(
    reader: Reader, text: str, event: str
) -> None:
    assert event in events(reader, text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The United States lifted tariffs on Chinese goods.", "CONCEDE USA->CHN"),
        ("The United States delayed the tariffs on Chinese goods.", "CONCEDE USA->CHN"),
        ("The United States imposed tariffs on Chinese goods.", "SANCTION USA->CHN"),
    ],
)
def test_whose_goods_a_measure_is_on_is_its_target_imposed_or_lifted(
    reader: Reader, text: str, event: str
) -> None:
    assert event in events(reader, text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia warned Ukraine that any attack would trigger a response.",
        "China warned Australia that its countermeasures would hurt Australian exporters.",
    ],
)
def test_a_warning_of_ones_own_reply_or_measures_is_a_threat(reader: Reader, text: str) -> None:
    assert {e for e in events(reader, text) if e.startswith("THREATEN")}
