"""Each threat rule on its own example, through the pipeline.

The sentence constructions of ``standoff.read.threat_rules`` and the article steps of
``standoff.read.threats``: a case is (rule, text, threat), the threat (``"EU->SRB"``,
``"USA->VEN +IND"`` for a third party, or a measure ``"USA->VEN: financial sanctions"``)
is read with every rule and is gone when that rule alone is disabled.
"""

from __future__ import annotations

from datetime import date

import pytest

from rulecheck import check_rule, events, measures, threats
from standoff.model import RawArticle
from standoff.read import Reader
from standoff.read.rules import Rules
from standoff.read.threat_rules import SENTENCE_THREATS
from standoff.read.threats import THREAT_STEPS

CASES = {
    SENTENCE_THREATS: [
        ("given_time", "Brussels gave Belgrade two weeks to withdraw its police from the north.",
         "EU->SRB"),
        ("named_deadline", "The deadline Washington set for Moscow passed on Friday.",
         "USA->RUS"),
        ("unmet_condition",
         "If Seoul does not lift the ban within a month, Tokyo will ask the WTO to set up a "
         "panel.",
         "JPN->KOR"),
        ("unless_measure",
         "China and India could face steep duties unless Moscow agrees to a ceasefire, Trump "
         "said.",
         "USA->RUS"),
        ("or_face", "Washington requires Iran to halt enrichment or face new sanctions.",
         "USA->IRN"),
        ("failing_which",
         "Nairobi told Kampala to pay the arrears within two weeks, failing which it would "
         "switch off the power line.",
         "KEN->UGA"),
        ("deterrent",
         "Chile said any incursion by Bolivian troops would be met with a firm response.",
         "CHL->BOL"),
        ("enforced_demand",
         "In a statement on Sunday, Colombia said Caracas must free the detained opposition "
         "candidates before the vote on March 3, and that it would take all necessary "
         "measures to uphold the result.",
         "COL->VEN"),
        ("recourse",
         "Bolivia blocked Peruvian trucks at the border. Lima said it was weighing a "
         "complaint to the WTO over the blockade.",
         "PER->BOL"),
        ("joined_threat",
         "Chile said it would shut its ports to Bolivian cargo unless La Paz paid its port "
         "fees. Peru made the same threat.",
         "PER->BOL"),
    ],
    THREAT_STEPS: [
        ("threatened_events", "Russia threatened to cut gas supplies to Moldova.", "RUS->MDA"),
        ("sentence_constructions",
         "The Kremlin gave Kyiv until the end of the month to sign the memorandum.", "RUS->UKR"),
        ("generic_third_parties",
         "The United States threatened Venezuela with sanctions. India and China, the main "
         "buyers of Venezuelan oil, could be next: Washington will impose tariffs on countries "
         "that buy it.",
         "USA->VEN +IND"),
        ("secondary_targets",
         "Trump threatened Russia with sanctions. He then put a tariff on India over its "
         "purchases of Russian oil.",
         "USA->RUS +IND"),
        ("measures_taken", "Saudi Arabia closed its border with Qatar.", "SAU->QAT"),
        ("answers_are_not_threats",
         "Chile imposed sanctions on two Peruvian ministers on Monday. On Wednesday Peru "
         "retaliated with sanctions on two Chilean cabinet members.",
         "not PER->CHL"),
        ("body_over_headline",
         "Kazakhstan imposes duties on Kyrgyz fruit but puts off freight ban\n\n"
         "Kazakhstan imposed a 30% duty on fruit from Kyrgyzstan on Wednesday.",
         "not KAZ->KGZ: freight ban"),
        ("threat_measures", "Washington threatened Caracas with financial sanctions.",
         "USA->VEN: financial sanctions"),
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("registry", "rule", "text", "threat"),
    [(registry, *case) for registry, cases in CASES.items() for case in cases],
    ids=[c[0] for cs in CASES.values() for c in cs],
)
def test_threat_rule_reads_its_example(
    reader: Reader, registry: Rules, rule: str, text: str, threat: str
) -> None:
    outcome = measures if ": " in threat else threats
    absent = threat.startswith("not ")  # a rule that keeps a finding out
    check_rule(reader, registry, rule, text, threat.removeprefix("not "), outcome, absent=absent)


@pytest.mark.parametrize("registry", list(CASES), ids=lambda r: r.step)
def test_every_threat_rule_has_a_case(registry: Rules) -> None:
    assert registry.names() == [c[0] for c in CASES[registry]]


def test_a_condition_negated_by_no_is_an_unmet_condition(reader: Reader) -> None:
    """'if we see no progress': "no" on the condition's object negates it as "not" would."""
    check_rule(
        reader,
        SENTENCE_THREATS,
        "unmet_condition",
        '"If we see no progress from Rabat by the twentieth of April, Spain will propose that '
        'Brussels suspend the fishing accord," the minister said.',
        "ESP->MAR",
        threats,
    )


def test_or_face_parsed_as_a_second_object_is_still_a_threat(reader: Reader) -> None:
    """'until the weekend to reopen the border or face sanctions': the parser makes "face" a
    conjunct of "border"; the demand is still the verb's and its doer the one given time."""
    check_rule(
        reader,
        SENTENCE_THREATS,
        "or_face",
        "Spain has given Morocco until the weekend to reopen the border or face sanctions.",
        "ESP->MAR",
        threats,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Spain said Morocco had until the end of March to reopen the border.",
        "Spain told Morocco on Thursday that it had until Monday to reopen the border.",
    ],
)
def test_a_reported_have_until_is_time_given(reader: Reader, text: str) -> None:
    """'said Rabat had until the end of March to ...', 'told Rabat that it had until Monday
    to ...': reported, "have until" gives time as "has ten days" does (the one told is the
    one given it); a bare "Spain said it had until Friday to decide" is no ultimatum."""
    check_rule(reader, SENTENCE_THREATS, "given_time", text, "ESP->MAR", threats)
    bare = _read_threats(reader, "Spain said it had until Friday to decide on the reform.")
    assert bare == set()


def _read_threats(reader: Reader, text: str) -> set[tuple[str, str]]:
    reading = reader.read(RawArticle(text=text, origin="probe"), date(2024, 3, 15))
    return {(t.sender, t.target) for t in reading.threats}


def test_a_plea_to_a_state_is_no_legal_recourse(reader: Reader) -> None:
    """'an appeal from Beirut to Washington' asks a state for help: only a body of states or
    law hears a recourse, so no threat against the party the speaker faces."""
    text = (
        "Israel said its troops would stay in the south past the deadline, drawing an appeal "
        "from Beirut to Washington."
    )
    assert "ISR->LBN" not in threats(reader, text)
    weighed = "Lebanon said it would file an appeal to the United Nations against Israel."
    assert "LBN->ISR" in threats(reader, weighed)


def test_a_bystanders_measure_opens_no_threat(reader: Reader) -> None:
    """A measure between the article's principal states opens a threat record (the ledger
    needs the episode); a bystander's measure, named once, is a SANCTION event only."""
    text = (
        "Iran fired missiles at targets in Pakistan on Tuesday. Pakistan recalled its "
        "ambassador from Tehran on Wednesday, and Pakistan's foreign ministry said Iran had "
        "violated its airspace. Iran said it had struck militants, not Pakistani citizens. "
        "Iraq recalled its envoy from Tehran last week over separate strikes in Erbil."
    )
    found = threats(reader, text)
    assert "PAK->IRN" in found
    assert "IRQ->IRN" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Mali gave the French ambassador 72 hours to leave the country.",
        "The junta gave the ambassadors of Germany and Nigeria 48 hours to leave.",
    ],
)
def test_an_envoys_time_to_leave_is_an_expulsion_not_an_ultimatum(
    reader: Reader, text: str
) -> None:
    """The hours an envoy is given to go are an expulsion's period (a SANCTION carried out),
    not a deadline to comply by; a state given days to act is still an ultimatum."""
    assert not threats(reader, text)
    assert "SAU->QAT" in threats(reader, "Riyadh gave Doha ten days to close the Turkish base.")


def test_reserving_the_right_to_respond_is_a_threat(reader: Reader) -> None:
    text = "Pakistan said it reserved the right to respond to Iran's missile strike."
    # the target is the party the deed answered (read as inferred: "~")
    assert {"THREATEN PAK->IRN", "THREATEN PAK->~IRN"} & events(reader, text)


def test_a_sender_that_does_likewise_joins_the_threat_with_its_deadline(reader: Reader) -> None:
    """'was ready to do likewise' right after a threat: the same target, measures and date."""
    text = (
        "Chile said it would shut its ports to Bolivian cargo on Friday unless La Paz paid "
        "its port fees. Peru's trade minister said Lima was ready to do likewise."
    )
    reading = reader.read(RawArticle(text=text, origin="probe"), date(2024, 3, 13))
    got = {(t.sender, t.target): t.deadline.value if t.deadline else None for t in reading.threats}
    assert got.get(("PER", "BOL")) == got.get(("CHL", "BOL")) == date(2024, 3, 15)


@pytest.mark.parametrize(
    "second",
    [
        "Chile urged Peru to do the same.",  # asked to, not done
        "Peru refused to follow suit.",
        "Peru did not follow suit.",
    ],
)
def test_a_sender_asked_or_refusing_to_do_likewise_joins_nothing(
    reader: Reader, second: str
) -> None:
    text = (
        "Chile said it would shut its ports to Bolivian cargo unless La Paz paid its port "
        "fees. " + second
    )
    reading = reader.read(RawArticle(text=text, origin="probe"), date(2024, 3, 13))
    assert ("PER", "BOL") not in {(t.sender, t.target) for t in reading.threats}


def test_doing_likewise_long_after_a_threat_joins_nothing(reader: Reader) -> None:
    """'did the same' two sentences after the threat, about another act, is no joining."""
    text = (
        "Chile said it would shut its ports to Bolivian cargo unless La Paz paid its port "
        "fees. Its president then flew to Brasilia for a summit. "
        "At the summit Peru's leader praised the host's new rail line, and Argentina did the "
        "same."
    )
    reading = reader.read(RawArticle(text=text, origin="probe"), date(2024, 3, 13))
    assert ("ARG", "BOL") not in {(t.sender, t.target) for t in reading.threats}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oslo said Riga must hand over the files by May 2, and that Norway would take all "
         "necessary steps to protect its interests.", True),
        ("Oslo said Riga must hand over the files by May 2, and that Norway would not take "
         "any steps required to punish it.", False),  # negated: no promise
        ("Oslo said Riga must hand over the files by May 2. Norway took all necessary "
         "measures last year.", False),  # a past act, not a promise
    ],
)
def test_a_demand_with_a_promise_of_all_necessary_measures_is_a_threat(
    reader: Reader, text: str, expected: bool
) -> None:
    """A demand with a date and, in the same report, a promise of "all necessary" measures
    threaten whom the demand asks, due on the demand's date."""
    reading = reader.read(RawArticle(text=text, origin="probe"), date(2024, 3, 15))
    got = {(t.sender, t.target): t.deadline for t in reading.threats}
    assert (("NOR", "LVA") in got) is expected
    if expected:
        deadline = got[("NOR", "LVA")]
        assert deadline is not None and deadline.value == date(2024, 5, 2)
