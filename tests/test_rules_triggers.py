"""Each trigger rule of ``standoff.read.triggers`` on its own example, through the pipeline.

A case is (rule, sentence, event): the event is read with every rule and is gone when
that rule alone is disabled (see ``tests/rulecheck.py``). Rules that rule a reading
out are checked the other way round. Every rule of the three registries has a case.
"""

from __future__ import annotations

import pytest

from rulecheck import check_rule, events, types
from standoff.read import Reader
from standoff.read.triggers import ADJECTIVE_TRIGGERS, NOUN_TRIGGERS, VERB_TRIGGERS

FINDS = [
    ("reported_obligation", "Washington said Mexico must stop the flow of migrants.",
     "REQUEST USA->MEX"),
    ("reported_debt", "Bogota said Quito owed it an explanation.", "REQUEST COL->ECU"),
    ("reported_necessity", "Tokyo said Seoul needs to correct the court ruling.",
     "REQUEST JPN->KOR"),
    ("time_left", "Chile said Peru has ten days to reopen the border crossing.",
     "REQUEST CHL->PER"),
    ("reported_deed", "Beijing said Vilnius had undermined its sovereignty.", "ACCUSE CHN->LTU"),
    ("conditional_measure",
     "Beijing said it would be forced to take countermeasures if Washington raised the duties.",
     "THREATEN CHN->USA"),
    ("denied_claim", "Beijing denied any link between the tariffs and the inquiry.",
     "REJECT CHN->?"),
    ("refused_renewal", "Seoul said it would not renew the 2016 intelligence pact with Tokyo.",
     "SANCTION KOR->JPN"),
    ("withstood_pressure", "Ottawa said Canada would not be intimidated by China.",
     "REJECT CAN->CHN"),
    ("verb_object_rule", "Saudi Arabia suspended flights to Qatar.", "SANCTION SAU->QAT"),
    ("aimed_launch", "Hezbollah launched rockets at northern Israel.", "ASSAULT LBN->ISR"),
    ("verb_prep_phrase", "The Chinese tariffs on Australian wine came into force on Friday.",
     "SANCTION CHN->AUS"),
    ("verb_phrase", "Japan called on South Korea to withdraw the ruling.", "REQUEST JPN->KOR"),
    ("judgement", "Moscow called the Ukrainian strikes illegal.", "ACCUSE RUS->UKR"),
    ("reported_judgement", "Qatar said the Saudi demands were not reasonable.",
     "REJECT QAT->SAU"),
    ("ordered_payment", "The EU Court of Justice ordered Hungary to pay a fine of 200 million "
     "euros.", "SANCTION EU->HUN"),
    ("options_kept_open", "Washington is keeping all options open on Iran.",
     "THREATEN USA->IRN"),
    # the speaker warns; the target is the party the article pairs it with ("~")
    ("kept_on_the_table", "Washington has said all options are on the table against Iran.",
     "THREATEN USA->~IRN"),
    ("barred_from", "Ankara barred Greek fishermen from entering the disputed waters.",
     "SANCTION TUR->GRC"),
    ("ordered_out", "Bamako ordered the French ambassador to leave the country within 72 hours.",
     "SANCTION MLI->FRA"),
    ("directive", "Beijing ordered Lithuania to withdraw its ambassador.", "REQUEST CHN->LTU"),
    ("hoped_deed", "China said it hoped Pakistan would show restraint.", "REQUEST CHN->PAK"),
    ("wanted_deed", "Hamas wants a full Israeli withdrawal from Gaza.", "REQUEST PSE->ISR"),
    ("proposed_deed", "The WTO panel recommended that Indonesia bring its ban into line with "
     "its obligations.", "REQUEST WTO->IDN"),
    ("measure_verb", "Washington imposed tariffs on Brazil.", "SANCTION USA->BRA"),
    ("threatened_patient", "Trump said Russia would face tariffs.", "THREATEN USA->RUS"),
    ("response", "Mexico said it would respond firmly to the American tariffs.",
     "THREATEN MEX->USA"),
    ("blow_with_measure", "Washington targeted Beijing with new tariffs.", "SANCTION USA->CHN"),
    ("exposed_to_measure", "Washington subjected Havana to a trade embargo.",
     "SANCTION USA->CUB"),
    ("event_verb", "Russia attacked Ukraine.", "ASSAULT RUS->UKR"),
    ("noun_phrase", "Palestinian prisoners began a hunger strike against Israel.",
     "PROTEST PSE->ISR"),
    ("call_for", "Egypt's call for Ethiopia to halt the filling went unheeded.",
     "REQUEST EGY->ETH"),
    ("nominal_object_rule", "Caracas ordered the closure of its embassy in Bogota.",
     "SANCTION VEN->COL"),
    ("event_noun", "The Chinese attack on Taiwan began at dawn.", "ASSAULT CHN->TWN"),
    ("predicate_adjective", "Iran remained defiant toward the United States.", "REJECT IRN->USA"),
]  # fmt: skip
RULES_OUT = [
    ("idiom_noun", "Kyiv put Ukraine's envoy in charge of the Russia talks.", "ACCUSE UKR->RUS"),
    ("unilateral_document", "Trump signed an executive order on Canada.", "AGREE USA->CAN"),
    ("particle_idiom", "Japan struck South Korea off its list of trusted trading partners.",
     "ASSAULT JPN->KOR"),
    ("idiom_object", "Beijing struck a conciliatory tone toward Tokyo.", "ASSAULT CHN->JPN"),
    ("published_object", "Egypt released a statement on the Israeli prisoners.",
     "RETREAT EGY->ISR"),
    ("approved_act",
     "Japan approved removing South Korea from its list of trusted trading partners.",
     "AGREE JPN->KOR"),
    ("light_verb", "Russia offered talks to Ukraine.", "AGREE RUS->UKR"),
    ("date_word", "In March the emir of Qatar hosted the Sudanese president.", "PROTEST QAT->?"),
]  # fmt: skip
REGISTRIES = {
    name: registry
    for registry in (VERB_TRIGGERS, NOUN_TRIGGERS, ADJECTIVE_TRIGGERS)
    for name in registry.names()
}


@pytest.mark.parametrize(("rule", "text", "event"), FINDS, ids=[c[0] for c in FINDS])
def test_rule_reads_its_example(reader: Reader, rule: str, text: str, event: str) -> None:
    check_rule(reader, REGISTRIES[rule], rule, text, event)


@pytest.mark.parametrize(("rule", "text", "event"), RULES_OUT, ids=[c[0] for c in RULES_OUT])
def test_rule_rules_out_its_example(reader: Reader, rule: str, text: str, event: str) -> None:
    check_rule(reader, REGISTRIES[rule], rule, text, event, absent=True)


@pytest.mark.parametrize(
    ("text", "threatened"),
    [
        ("Beijing said Prague would pay a heavy price for the visit.", True),
        ("Kyiv said Europe would pay a higher price for gas.", False),
    ],
)
def test_a_punishing_price_is_threatened(reader: Reader, text: str, threatened: bool) -> None:
    assert ("THREATEN" in types(reader, text)) is threatened


def test_every_trigger_rule_has_a_case() -> None:
    assert sorted(REGISTRIES) == sorted(c[0] for c in FINDS + RULES_OUT)


def test_phrase_heads_hold_every_opening_of_a_phrase() -> None:
    """The verb and noun-phrase rules pass over a word that opens (or ends) no phrase:
    every phrase's openings and endings, and every object rule's verb forms, must be
    there."""
    from standoff.read.lexicon import load_lexicon, space_prefixes, space_suffixes

    assert space_prefixes(["come into force", "rule"]) == {"come", "come into"}
    lexicon = load_lexicon()
    for phrase in [*lexicon.phrase_index, *lexicon.reported_index]:
        if " " in phrase:  # a one-word entry is no verb's phrase ("call on")
            assert phrase.split(" ")[0] in lexicon.phrase_heads, phrase
    for verb, _obj in lexicon.object_rules:
        assert verb in lexicon.object_rule_heads
        assert verb.split(" ")[0] in lexicon.object_rule_heads
    assert space_suffixes(["state of emergency"]) == {"of emergency", "emergency"}
    for phrase in lexicon.noun_phrases:
        words = phrase.split(" ")
        assert len(words) == 1 or words[-1] in lexicon.noun_phrase_ends
        assert len(words) == 1 or words[0] in lexicon.noun_phrase_openings


@pytest.mark.parametrize(
    "text",
    [
        "India suspended the treaty. Pakistan called the suspension a violation of the law.",
        "India suspended the treaty. Pakistan described the suspension as a provocation.",
    ],
)
def test_a_judging_noun_accuses_as_a_judging_adjective_does(reader: Reader, text: str) -> None:
    assert "ACCUSE" in types(reader, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chile said the Bolivian pipeline posed questions.",
        "Guyana said its oil fields were under threat.",  # suffered, not judged
        "Greece said the islands were under attack.",
    ],
)
def test_no_judging_noun_or_a_state_suffered_judges_nothing(reader: Reader, text: str) -> None:
    assert "ACCUSE" not in types(reader, text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # CAMEO 051, praise or endorse
        ("Spain endorsed Morocco's autonomy plan for the territory.", "SUPPORT"),
        ("Poland and Latvia showed solidarity with Lithuania.", "SUPPORT"),
    ],
)
def test_endorsing_and_solidarity_support(reader: Reader, text: str, event: str) -> None:
    assert event in types(reader, text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Kyiv wants a permanent end to the war and a complete Russian withdrawal.",
         "REQUEST UKR->RUS"),
        ("India suspended the treaty. Pakistan wants the treaty restored.", "REQUEST PAK"),
    ],
)  # fmt: skip
def test_a_deed_wanted_of_another_is_asked_of_it(reader: Reader, text: str, event: str) -> None:
    assert any(e.startswith(event) for e in events(reader, text))


def test_a_deal_wanted_asks_nothing(reader: Reader) -> None:
    assert "REQUEST" not in types(reader, "Washington wants a good deal with Tokyo.")


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # a second "that" clause the parser joins inside the first complement
        ("Moscow has said it will resume deliveries gradually, as payments arrive, and that "
         "Kyiv must settle its debt first.", "REQUEST RUS->UKR"),
        # a verb joined to a passive complement is the reporter's, and not negated by it
        ("Seoul complained that the curbs were not justified by security and repeatedly urged "
         "Tokyo to lift them.", "REQUEST KOR->JPN"),
        # vessels stand for their state; ramming is an assault
        ("A Chinese coast guard cutter rammed a Vietnamese fishing boat.", "ASSAULT CHN->VNM"),
    ],
)  # fmt: skip
def test_told_and_done_through_joined_clauses(reader: Reader, text: str, event: str) -> None:
    assert event in events(reader, text)


def test_refusing_a_unilateral_document_is_a_refusal(reader: Reader) -> None:
    """'signed an executive order' agrees with no one, but 'rejected the order' refuses it."""
    text = (
        "Islamabad ordered all undocumented Afghans to leave. The Taliban government rejected "
        "the order on Thursday."
    )
    assert "REJECT" in types(reader, text)
    assert "AGREE" not in types(reader, "The president signed an executive order on Friday.")


def test_a_blow_aimed_at_an_idea_judges(reader: Reader) -> None:
    """'called the ruling an attack on Polish sovereignty': a charge, made with a noun."""
    found = events(reader, "Georgia called the Russian decision an attack on its sovereignty.")
    assert any(e.endswith("GEO->RUS") for e in found)  # the judgement of the decision
    assert not any(e.startswith("ASSAULT") for e in found)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("France said the sanctions remained on the table against Britain.",
         {"THREATEN FRA->~GBR"}),
        ("France said the sanctions were no longer on the table against Britain.", set()),
        ("The offer remains on the table, Paris told London.", set()),
        ("Is the import ban still on the table against Ukraine, Poland asked.", set()),
    ],
)  # fmt: skip
def test_only_measures_or_every_option_on_the_table_warn(
    reader: Reader, text: str, found: set[str]
) -> None:
    """Measures, or all options, kept on the table warn; an offer on the table, measures taken
    off it, or a question about them do not."""
    assert {e for e in events(reader, text) if e.startswith("THREATEN")} == found


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Russia wants Ukraine to stay neutral and out of NATO.", "REQUEST RUS->UKR"),
        ("Greece wants Turkey to withdraw the ship.", "REQUEST GRC->TUR"),
        ("China hoped Iran and Pakistan would resolve their differences.", "REQUEST CHN->IRN"),
    ],
)
def test_a_deed_wanted_or_hoped_of_another_is_asked_of_it(
    reader: Reader, text: str, event: str
) -> None:
    """The parser makes the one asked the subject of the clause ("wants Ukraine to stay"),
    not the object of "wants"."""
    assert event in events(reader, text)


def test_ones_own_hopes_and_wishes_ask_nothing(reader: Reader) -> None:
    assert not {e for e in events(reader, "China hopes to host the talks.") if "REQUEST" in e}
    assert not {e for e in events(reader, "Iran wants to talk to Oman.") if "REQUEST" in e}


def test_a_call_that_asks_for_nothing_is_a_conversation(reader: Reader) -> None:
    """'a call between Putin and Trump on March 18': "on" a date asks nothing."""
    found = events(reader, "Russia agreed after a call between Putin and Trump on March 18.")
    assert not {e for e in found if e.startswith("REQUEST")}
    assert {e for e in found if e.startswith("CONSULT")}


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Athens called the Turkish withdrawal a positive first step.", "SUPPORT GRC->TUR"),
        ("Berlin described the Greek offer as constructive.", "SUPPORT DEU->GRC"),
        ("China called the Australian decision unjustified.", "REJECT CHN->AUS"),
        # a threat judged is not refused but held against the one who made it
        ("Lisbon called the Spanish threats disproportionate.", "ACCUSE PRT->ESP"),
        ("Oslo described the Russian warnings as a provocation.", "ACCUSE NOR->RUS"),
    ],
)
def test_a_judgement_praises_or_condemns_by_its_words(
    reader: Reader, text: str, event: str
) -> None:
    assert event in events(reader, text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Peru called for the border to be reopened at once.", "REQUEST"),
        ("Cairo pushed for the talks to resume in Doha.", "REQUEST"),
        # an object of the verb's own makes it a judgement, not a call
        ("Madrid called it unacceptable for a neighbour to attack its borders.", "ACCUSE"),
    ],
)
def test_a_call_for_a_clause_with_its_own_subject_asks(
    reader: Reader, text: str, event: str
) -> None:
    assert types(reader, text) & {"REQUEST", "ACCUSE"} == {event}


# Judgements and warnings read this stop (stop 24): (text, event).
JUDGED_AND_WARNED = [
    # a verb linking a deed to a judging noun, as "be" does
    ("Chile said the Bolivian pipeline posed a grave threat to its water supply.",
     "ACCUSE CHL->BOL"),
    ("Vietnam said the Chinese exercises constituted a provocation.", "ACCUSE VNM->CHN"),
    ("Peru said the Ecuadorian decree represented a breach of the border treaty.",
     "ACCUSE PER->ECU"),
    # a view of a thing judges it, by an adverb too
    ("Hamas said it viewed the Egyptian proposal positively.", "SUPPORT PSE->EGY"),
    ("Israel viewed the Egyptian plan negatively.", "REJECT ISR->EGY"),
    ("Cairo regards the Turkish drills as a provocation.", "ACCUSE EGY->TUR"),
    ("Lisbon called the Spanish government corrupt.", "ACCUSE PRT->ESP"),
    # more of what was done, kept open, is a threat
    ("Lisbon did not rule out further steps against Madrid.", "THREATEN PRT->ESP"),
    # a condition the parser hangs on a speech tag still makes the measures a threat
    ("Peru insulted Chile on Monday. If no apology came, the minister said, Chile would "
     "take all the measures it considered appropriate.", "THREATEN CHL->~PER"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event"), JUDGED_AND_WARNED)
def test_judgements_and_warnings_are_read(reader: Reader, text: str, event: str) -> None:
    assert event in events(reader, text)


def test_a_step_back_not_ruled_out_threatens_nothing(reader: Reader) -> None:
    text = "Lisbon did not rule out a step back in its dispute with Madrid."
    assert "THREATEN PRT->ESP" not in events(reader, text)
