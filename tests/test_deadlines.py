"""Deadline rules of the reader: where a duration's clock starts, which threats get a deadline,
and which sentences make a threat. Every sentence here is written for the test (none is taken
from the development set), so a rule fitted to one article cannot pass by memory."""

from __future__ import annotations

from datetime import date

import pytest

from standoff.model import RawArticle, Reading
from standoff.read import Reader
from standoff.read.chunks import parse
from standoff.read.deadlines import MOVED_CUES, deadline_candidates

# A Friday; "Thursday" in the text is 14 March 2024.
FRI = date(2024, 3, 15)


def _read(reader: Reader, text: str, published: date | None = FRI) -> Reading:
    return reader.read(RawArticle(text=text, origin="probe"), published)


def _deadlines(reading: Reading) -> dict[tuple[str, str], date | None]:
    return {
        (t.sender, t.target): (t.deadline.value if t.deadline else None) for t in reading.threats
    }


# --------------------------------------------------------------------------- the clock's start


def test_duration_counts_from_the_day_the_same_sentence_reports(reader: Reader) -> None:
    text = (
        "Spain has given Morocco twenty days to reopen the border, counted from "
        "Thursday's note, or face sanctions."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) == date(2024, 4, 3)  # Thursday 14 March + 20 days


def test_duration_counts_from_the_day_the_previous_sentence_reports(reader: Reader) -> None:
    text = (
        "Spain notified Morocco of the decision on Thursday. "
        "Under a treaty signed long ago, Spain will impose sanctions on Morocco within 20 days "
        "unless Morocco reopens the border."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) == date(2024, 4, 3)


def test_a_coarse_date_never_starts_the_clock(reader: Reader) -> None:
    """'a decade ago' is in the sentence, but the clock starts on the publication day."""
    text = (
        "Spain will impose the sanctions lifted a decade ago on Morocco again "
        "within 20 days unless Morocco reopens the border."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) == date(2024, 4, 4)  # Friday 15 March + 20 days


def test_a_day_in_another_paragraph_does_not_start_the_clock(reader: Reader) -> None:
    text = (
        "Spain held a cabinet meeting on Thursday.\n\n"
        "Spain will impose sanctions on Morocco within 20 days unless Morocco reopens the "
        "border."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) == date(2024, 4, 4)


def test_from_today_counts_from_publication(reader: Reader) -> None:
    text = (
        "Spain warned Morocco on Thursday that Morocco has ten days from today to reopen the "
        "border or face sanctions."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) == date(2024, 3, 25)


# --------------------------------------------------------------------------- whose deadline


def test_each_threat_keeps_the_dates_of_its_own_sentences(reader: Reader) -> None:
    """A counter-threat in the same article does not inherit the first threat's date."""
    text = (
        "Spain will impose sanctions on Morocco starting March 25 unless Morocco reopens "
        "the border. Morocco threatened Spain with countermeasures."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) == date(2024, 3, 25)
    assert ("MAR", "ESP") in got and got[("MAR", "ESP")] is None


# --------------------------------------------------------------------------- a threat's two sides


def _pairs(reading: Reading) -> set[tuple[str, str]]:
    return {(t.sender, t.target) for t in reading.threats}


def test_the_condition_names_the_target_of_a_threat(reader: Reader) -> None:
    text = (
        "The Spanish energy company had warned for weeks that it would halt supplies on "
        "March 20 if Morocco did not settle its debts."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 20)


def test_the_measure_names_the_target_of_a_threat(reader: Reader) -> None:
    text = (
        "Prime Minister Pedro Sanchez said on Thursday that Spain will impose a 10 per cent "
        "duty on all goods coming from Morocco starting March 25."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 25)


def test_the_speaker_is_the_sender_of_an_unauthored_threat(reader: Reader) -> None:
    text = (
        "Talks between Spanish and Moroccan officials ended on Thursday without an agreement, "
        "and Spain said the duties on all Moroccan goods would take effect next Monday."
    )
    assert ("ESP", "MAR") in _pairs(_read(reader, text))


def test_a_threat_naming_one_side_is_aimed_at_its_counterpart(reader: Reader) -> None:
    text = (
        "Spain accused Morocco of breaking the fisheries accord. Morocco warned that it "
        "would respond strongly if the duties take effect."
    )
    assert ("MAR", "ESP") in _pairs(_read(reader, text))


def test_the_day_a_measure_is_scheduled_to_start_is_the_deadline(reader: Reader) -> None:
    text = (
        "Spain threatened Morocco with tariffs over migration. "
        "The tariffs are scheduled to take effect on Monday, officials said."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 18)


def test_a_conditional_act_cut_by_the_parser_keeps_its_day(reader: Reader) -> None:
    """A long conditional whose "if" the parser hangs on the wrong word keeps its day."""
    text = (
        "The Spanish company had warned for weeks that it would stop supplies on March 20 "
        "if Morocco's state energy firm Onee did not settle its debts and sign a contract."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 20)


def test_a_negated_condition_with_a_modal_consequence_is_a_threat(reader: Reader) -> None:
    """The condition's subject is not an actor; the target is the sender's counterpart."""
    text = (
        "Spain filed a complaint against Morocco on Thursday over fishing quotas. "
        "If the talks do not settle the quarrel within 30 days, Spain may ask the court "
        "to rule on the case."
    )
    reading = _read(reader, text)
    assert ("ESP", "MAR") in _pairs(reading)
    assert _deadlines(reading)[("ESP", "MAR")] == date(2024, 4, 13)  # Thursday + 30 days


def test_a_friendly_consequence_is_no_threat(reader: Reader) -> None:
    text = (
        "Spain signed a fisheries accord with Morocco on Thursday. "
        "If the quotas do not work, Spain and Morocco will hold talks on new ones."
    )
    assert not _read(reader, text).threats


def test_a_date_the_sender_set_that_passed_is_a_threat_with_its_deadline(reader: Reader) -> None:
    """A measure reported after the fact: the passed date is still the threat's deadline."""
    text = (
        "Spain accused Morocco of breaking the fisheries accord. Morocco sent no answer, "
        "and the March 1 date Madrid had set passed without a reply."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 1)


def test_a_midnight_still_to_come_is_the_days_own(reader: Reader) -> None:
    """'hours before a deadline ... ran out at midnight': a past tense under "before" tells
    what had not happened yet when the report was written; the deadline is tonight's."""
    text = (
        "Chile said on Friday it would not reply to the Bolivian ultimatum over the pipeline, "
        "hours before a deadline set by President Arce ran out at midnight."
    )
    assert _deadlines(_read(reader, text)).get(("BOL", "CHL")) == FRI


def test_who_set_a_measure_off_threatened_it_and_midnight_ends_the_day_before(
    reader: Reader,
) -> None:
    # written for this test: a measure others carry out, set off by named states, in force
    # "at midnight" as told the next morning
    text = (
        "African Union sanctions on Mali came back into force at midnight, a month after "
        "Senegal and Ghana set the process in motion. Mali called them illegal."
    )
    reading = reader.read(RawArticle(text=text), published=date(2024, 3, 6))
    by_pair = {(t.sender, t.target): t for t in reading.threats}
    for sender in ("SEN", "GHA"):
        threat = by_pair[(sender, "MLI")]
        assert threat.status.value == "carried_out"
        assert threat.deadline is not None and threat.deadline.value == date(2024, 3, 5)


def test_a_tariff_charged_from_a_day_falls_due_that_day(reader: Reader) -> None:
    text = (
        "Spain's prime minister said he would charge a 30 per cent tariff on Moroccan goods "
        "from April 2."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 4, 2)


def test_a_cut_told_to_the_victim_counts_from_the_day_it_was_told(reader: Reader) -> None:
    text = (
        "Spain said on Thursday that it had notified Morocco that power exports could be "
        "halted within 48 hours."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 16)


def test_a_measure_faced_unless_one_acts_is_a_threat_due_that_day(reader: Reader) -> None:
    """Present tense, but still to come: the measure falls unless its target acts."""
    text = (
        "Morocco and Algeria closed their consulates. Both countries face Spanish tariffs of "
        "20 per cent from April 2 unless they reopen the pipeline."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) == date(2024, 4, 2)
    assert got.get(("ESP", "DZA")) == date(2024, 4, 2)


def test_a_measure_faced_by_no_one_named_threatens_no_one(reader: Reader) -> None:
    """'whose goods will face a Spanish tariff': with no sufferer named, the owner of the
    measure is no sender of a threat whose target would only be guessed."""
    text = (
        "Morocco rejected the demand on Monday. So far only one buyer has been penalised, "
        "whose goods will face a total Spanish tariff of 50 per cent from May 1."
    )
    reading = _read(reader, text)
    assert not [e for e in reading.events if e.type == "THREATEN"], reading.events


# --------------------------------------------------------------------------- named days


def test_a_period_that_runs_out_on_a_named_day_is_due_that_day(reader: Reader) -> None:
    """'the 90-day period ..., which runs out on Sunday': the day the text names beats a day
    counted from a guessed start; 'to move its troops' moves no deadline."""
    text = (
        "Spain said on Thursday that it would impose sanctions on Morocco if its troops stayed "
        "beyond the end of the 90-day period set in the truce, which runs out on Sunday. "
        "The truce requires Morocco to move its troops behind the old line within 90 days."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 17)


def test_the_first_deadline_that_was_pushed_back_is_not_the_new_one(reader: Reader) -> None:
    text = (
        "Today is the extended date for the withdrawal, after the first 30-day deadline was "
        "pushed back in February. On Wednesday Spain warned Morocco that it would impose "
        "sanctions unless its troops were out by March 15."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 15)


def test_a_limit_told_in_the_past_perfect_is_the_weekday_just_gone(reader: Reader) -> None:
    """'had given the envoys until Thursday', told on Friday: Thursday 14 March, not the 21st."""
    text = (
        "Spain said on Thursday it was imposing sanctions on Morocco. Its foreign minister had "
        "given the Moroccan envoys until Thursday to reopen the border, warning that Madrid "
        "would otherwise impose sanctions."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 14)


def test_a_limit_restated_in_a_live_recap_is_due_today(reader: Reader) -> None:
    """A live page restates the ultimatum its headline tells: 'gave ... until today' is the
    publication day, though the sentence carries no threat of its own."""
    text = (
        "Live: Spain threatens to seize Moroccan boats as deadline expires at midnight\n\n"
        "Recap: On March 1 the Spanish government gave Moroccan boats fishing in its waters "
        "without licences until today to leave."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == FRI


def test_a_threatened_measure_that_came_into_force_fell_due_that_day(reader: Reader) -> None:
    """'came into force on Thursday', told on Friday: Thursday 14 March, the day just gone."""
    text = (
        "Spain's 30 per cent tariffs on Moroccan tomatoes came into force on Thursday, after "
        "Rabat ignored Madrid's warning that it would impose them unless the border reopened."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 14)


def test_a_weekday_limit_given_a_week_ago_counts_from_that_day(reader: Reader) -> None:
    """'a week ago ... gave ... until Thursday', told on Friday: the Thursday after Friday
    8 March, the 14th, not the 21st."""
    text = (
        "Recap: a week ago Spain gave Morocco until Thursday to reopen the border, or face "
        "sanctions. The deadline has passed."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 14)


def test_a_lede_said_in_the_present_perfect_counts_from_the_day_below(reader: Reader) -> None:
    """The lede's 'has said' tells a fresh speech without its day; the next paragraph gives
    it (Friday 15 March), so the four days run from then, not from Saturday's paper."""
    text = (
        "The leader of Spain has said his country will impose sanctions on Morocco if Rabat "
        "does not reopen the border within four days.\n\n"
        "In a televised speech on Friday evening, the prime minister said the deadline was "
        "addressed to the mediators."
    )
    got = _deadlines(_read(reader, text, date(2024, 3, 16)))
    assert got.get(("ESP", "MAR")) == date(2024, 3, 19)


@pytest.mark.parametrize(
    ("lede", "due"),
    [
        # the lede's "on Thursday" (14 March) starts the clock, not Saturday's paper
        ("The foreign minister announced the decision in Santiago on Thursday, after a week "
         "of talks.", date(2024, 3, 16)),
        # a lede with no day leaves the publication date
        ("The foreign minister announced the decision in Santiago, after a week of talks.",
         date(2024, 3, 18)),
    ],
)  # fmt: skip
def test_a_headline_counts_from_the_day_of_the_lede(reader: Reader, lede: str, due: date) -> None:
    """A headline (and a standfirst: a line with no final stop) tells the lede's act in the
    present and leaves its day to the paragraph below."""
    text = f"Chile gives Peru 48 hours to reopen the border or face closed ports\n\n{lede}"
    got = _deadlines(_read(reader, text, date(2024, 3, 16)))
    assert got.get(("CHL", "PER")) == due


def test_a_lede_said_in_the_past_counts_from_publication(reader: Reader) -> None:
    """'said' (no fresh act left without its day): the clock starts on the publication date."""
    text = (
        "The leader of Spain said his country will impose sanctions on Morocco if Rabat "
        "does not reopen the border within four days.\n\n"
        "In a televised speech on Friday evening, the prime minister said the deadline was "
        "addressed to the mediators."
    )
    got = _deadlines(_read(reader, text, date(2024, 3, 16)))
    assert got.get(("ESP", "MAR")) == date(2024, 3, 20)


# --------------------------------------------------------------------------- limit clauses


def test_the_day_of_the_event_a_limit_runs_to_is_the_deadline(reader: Reader) -> None:
    """'before EU leaders meet on March 28': the meeting's day ends the time allowed."""
    text = (
        "Spain will impose sanctions on Morocco unless Rabat reopens the border before EU "
        "leaders meet on March 28, the minister said on Friday."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) == date(2024, 3, 28)


def test_a_day_in_a_past_before_clause_is_no_deadline(reader: Reader) -> None:
    """'before talks began on Monday' tells what happened, not a limit still to come."""
    text = (
        "Spain threatened sanctions on Morocco, which it accused on Tuesday of closing the "
        "border before talks began on Monday."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) is None


# ------------------------------------------------------------------ a measure that runs out


def test_the_day_a_measure_expires_is_the_deadline_of_the_threat_beside_it(
    reader: Reader,
) -> None:
    """The expiry is told in a sentence that carries no threat; the threat is in the next."""
    text = (
        "Spain said it would keep its ports shut to Moroccan fish after the EU's temporary "
        "quota expires on Tuesday. If the Commission does not renew the quota, Spain will "
        "impose a national ban on Morocco's fish, the minister said."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "EU")) == date(2024, 3, 19)  # aimed at whom the condition asks


def test_a_threat_that_waits_on_a_lapse_takes_the_expiry_day(reader: Reader) -> None:
    """'if the EU measure lapsed': a second sender's threat waits on the same expiry."""
    text = (
        "The EU's temporary quota on Moroccan fish expires on Tuesday, officials said. "
        "France warned that it would impose its own ban on Morocco's fish if the EU measure "
        "lapsed."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("FRA", "EU")) == date(2024, 3, 19)


def test_a_lapse_alone_is_not_a_deadline_of_a_threat_that_does_not_wait_on_it(
    reader: Reader,
) -> None:
    """The truce's end is no deadline of a threat with its own, unrelated condition."""
    text = (
        "The truce between Spain and Morocco expires on Tuesday. "
        "Spain will impose sanctions on Morocco if it detains more fishermen, the minister "
        "said. Portugal threatened Morocco with countermeasures if the fishermen were not "
        "freed."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("PRT", "MAR")) is None


# ------------------------------------------------------------------ how a limit is worded


def test_a_deadline_stated_by_a_copula_is_the_threats(reader: Reader) -> None:
    """'The deadline for Rabat ... is March 28': the limit is set for Rabat, who must act, so
    it is Spain's threat against Morocco that falls due, not one of Morocco's."""
    text = (
        "Spain threatened to impose sanctions on Morocco. "
        "The deadline for Rabat to reopen the border is March 28."
    )
    got = _deadlines(_read(reader, text))
    assert got == {("ESP", "MAR"): date(2024, 3, 28)}


def test_the_day_of_a_clock_time_limit_is_the_deadline(reader: Reader) -> None:
    """'by midnight on March 28': the parser hangs the day on the verb, not on the time."""
    text = (
        "Spain will impose sanctions on Morocco if Rabat does not reopen the border by "
        "midnight on March 28."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) == date(2024, 3, 28)


def test_a_duration_counts_from_the_day_a_later_phrase_gives(reader: Reader) -> None:
    """'on March 2. Five days later ... gave Rabat four days': from 7 March, not from 2 March."""
    text = (
        "Morocco closed the border on March 2. Five days later Spain gave Rabat four days to "
        "reopen it or face sanctions."
    )
    got = _deadlines(_read(reader, text, date(2024, 3, 9)))
    assert got.get(("ESP", "MAR")) == date(2024, 3, 11)


def test_a_retold_ultimatum_keeps_its_passed_deadline(reader: Reader) -> None:
    """An explainer published after the limit ran out still tells the day it fell on."""
    text = (
        "Morocco closed the border on March 2. Five days later Spain gave Rabat four days to "
        "reopen it or face sanctions."
    )
    got = _deadlines(_read(reader, text, date(2024, 3, 20)))
    assert got.get(("ESP", "MAR")) == date(2024, 3, 11)


def test_a_duration_from_publication_that_would_have_passed_is_no_deadline(
    reader: Reader,
) -> None:
    """Counted from the publication day, a duration cannot fall in the past: no change."""
    text = "Spain gave Morocco four days to reopen the border or face sanctions."
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) == date(2024, 3, 19)


@pytest.mark.parametrize(
    "day_told",
    ["The summit opens on March 21.", "EU leaders meet in Brussels on March 21."],
)
def test_a_limit_that_runs_to_a_meeting_falls_on_its_day(reader: Reader, day_told: str) -> None:
    """'before the summit': the next sentences give the meeting's day."""
    text = (
        "Spain will impose sanctions on Morocco unless Rabat reopens the border before the "
        f"summit. {day_told}"
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) == date(2024, 3, 21)


def test_a_meeting_no_limit_runs_to_gives_no_deadline(reader: Reader) -> None:
    text = (
        "Spain will impose sanctions on Morocco unless Rabat reopens the border. "
        "The summit opens on March 21."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) is None


def test_a_ban_told_far_from_its_unless_clause_takes_its_start_day(reader: Reader) -> None:
    """'would stop ... boats from landing their catch and step up checks ... from April 2
    unless ...': the ban is a threat, and the day it starts is its deadline, though the
    'unless' clause comes more than a dozen words after the verb that carries the date."""
    text = (
        "Norway said on Thursday it would stop Danish trawlers from landing their catch in "
        "Norwegian harbours and step up veterinary checks on fish shipped from Denmark by road "
        "from April 2 unless Copenhagen and the Faroe Islands granted more quota to Norwegian "
        "vessels."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("NOR", "DNK")) == date(2024, 4, 2)



@pytest.mark.parametrize(
    ("text", "moves"),
    [
        ("Madrid would not extend the port lease that expires at the end of the year", False),
        ("the ministers agreed to extend sanctions on Rabat for six months", False),
        ("Spain extended the deadline to March 28", True),
        ("the ultimatum was extended until Friday", True),
        ("Brussels may extend its grace period by a week", True),
        ("Today is the extended date for the withdrawal", True),
    ],
)
def test_only_a_deadline_extended_is_a_moved_deadline(text: str, moves: bool) -> None:
    """'extend' marks a new deadline when what it extends is one: extending a contract or
    sanctions moves no deadline (and its date must not outweigh the threat's own)."""
    assert (MOVED_CUES.search(text) is not None) is moves


def test_an_extended_deadline_is_the_new_one(reader: Reader) -> None:
    text = (
        "Spain had told Morocco to reopen the border by March 20 or face sanctions. On "
        "Thursday Spain extended the deadline to March 28."
    )
    got = _deadlines(_read(reader, text))
    assert got.get(("ESP", "MAR")) == date(2024, 3, 28)


def test_aid_blocked_if_a_demand_is_unmet_is_a_threat_due_in_its_time(reader: Reader) -> None:
    """'will block development aid to Rabat' if the wait goes on 'in two weeks': holding aid
    back is a threatened sanction (CAMEO 162), and its time limit is the threat's deadline;
    blocking a plan stays a refusal."""
    text = (
        '"If we are still waiting in two weeks for Morocco to reopen the border, Spain will '
        'block development aid to Rabat," the minister said.'
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 29)
    withheld = _read(reader, "Spain withheld the last tranche of aid to Morocco on Thursday.")
    assert {(e.type, e.source, e.target) for e in withheld.events} == {("SANCTION", "ESP", "MAR")}
    refused = _read(reader, "Hungary blocked the EU plan to fund Ukraine.")
    assert [e.type for e in refused.events] == ["REJECT"]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Spain gave Morocco until the end of next week to reopen the border or face sanctions.",
         date(2024, 3, 22)),  # a calendar week, not a span of weeks
        ("Spain warned Morocco that sanctions would follow in ten days' time unless it reopened "
         "the border.", date(2024, 3, 25)),
        ("Spain gave Morocco a week to reopen the border or face sanctions.", date(2024, 3, 22)),
        ("Spain gave Morocco a fortnight to reopen the border or face sanctions.",
         date(2024, 3, 29)),
        ("Spain gave Morocco 24 hours to reopen the border or face sanctions.", date(2024, 3, 16)),
        ("Spain will impose sanctions on Morocco unless Rabat reopens the border no later than "
         "April 5.", date(2024, 4, 5)),
        ("Spain threatened sanctions on Morocco unless the border reopened by the start of next "
         "month.", date(2024, 4, 1)),
        ("Spain warned Morocco it would impose sanctions if the border stayed closed beyond "
         "April 2.", date(2024, 4, 2)),
    ],
)
def test_the_common_ways_of_stating_a_time_limit(reader: Reader, text: str, due: date) -> None:
    """Time limits as reports phrase them, read on Friday 15 March 2024: spans the entity
    recogniser leaves untagged ("a week"), a fortnight, "in ten days' time", hours given,
    "no later than", the end of a calendar week, the start of next month, and "beyond" a day
    a state may last until."""
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == due


def test_a_range_of_spans_names_no_deadline(reader: Reader) -> None:
    text = (
        'Madrid said Rabat would have "a month to six weeks" to reopen the border or face '
        "sanctions."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) is None


def test_a_limit_that_ran_out_on_the_day_of_the_act_falls_on_that_day(reader: Reader) -> None:
    """'arrived on the very day her ultimatum ran out': the day the act is told on, here in the
    sentence before, across a paragraph break."""
    text = (
        "Spain had warned Morocco that it would impose sanctions unless the border reopened. "
        "On Wednesday the two foreign ministers finally met in Rabat.\n\n"
        "The Spanish minister landed on the same day her ultimatum to Morocco expired."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 13)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Spain on Tuesday gave Morocco until Thursday to reopen the border or face sanctions.",
         date(2024, 3, 14)),  # the Thursday after that Tuesday
        ("On Monday Spain gave Morocco until Wednesday to reopen the border or face sanctions.",
         date(2024, 3, 13)),  # gone by Friday's report, still the deadline
        ("Spain gave Morocco until Thursday to reopen the border or face sanctions, but the "
         "deadline passed without a reply.", date(2024, 3, 14)),
        ("The deadline Spain set for Morocco expired on Thursday.", date(2024, 3, 14)),
        ("Spain said on Thursday it would impose sanctions on Morocco on Monday unless the "
         "border was reopened.", date(2024, 3, 18)),  # Thursday is the day of the saying
        ("Spain's 10-day ultimatum to Morocco, issued on March 8, runs out on Monday.",
         date(2024, 3, 18)),  # told in the present: the Monday to come
        ("Spain gave Morocco a month from Monday to reopen the border or face sanctions.",
         date(2024, 4, 18)),  # counted from the coming Monday, 18 March
        ("Spain, which imposed duties on Moroccan goods on March 2, said it would raise them on "
         "Friday unless Rabat reopened the border.", date(2024, 3, 15)),  # not from March 2
    ],
)
def test_a_weekday_limit_counts_from_the_day_it_was_set_or_ran_out(
    reader: Reader, text: str, due: date
) -> None:
    """Read on Friday 15 March 2024: a weekday limit set on a stated day is the first such
    weekday after it; one that passed or expired is the one just gone."""
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == due


def test_a_measure_due_to_take_effect_is_a_threat_due_that_day(reader: Reader) -> None:
    """'duties ... are due to take effect on Friday': put on the calendar, not yet in force;
    a meeting due to take place is no threat."""
    text = "The Spanish duties on Moroccan tomatoes are due to take effect on Tuesday."
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 19)
    talks = _read(reader, "Talks between Spain and Morocco are due to take place on Tuesday.")
    assert talks.threats == []


def test_a_measure_that_will_take_effect_on_a_day_is_due_that_day(reader: Reader) -> None:
    text = "The Spanish duties on Moroccan tomatoes will take effect on Tuesday."
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 19)


def test_time_left_to_a_party_after_a_passed_deadline_is_the_new_deadline(
    reader: Reader,
) -> None:
    """Read on Friday 15 March 2024: 'X has until noon on Monday to ...', told after the old
    deadline ran out at midnight, names the new day; the sentence has no giving verb and no
    "deadline" word, and is still a time limit."""
    text = (
        "The deadline Spain gave Morocco to reopen the border ran out at midnight. Morocco "
        'now has until noon on Monday to reopen it. "If Rabat does not reopen the border by '
        'then, we will impose sanctions," the Spanish minister said.'
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 18)


@pytest.mark.parametrize(
    "expulsion",
    [
        "Spain said on Thursday it would expel six Moroccan diplomats. They have ten days to "
        "leave the country.",
        "Madrid expelled the Moroccan consul and two attaches, and the officials have ten days "
        "to go.",
    ],
)
def test_time_given_to_people_ordered_out_is_no_deadline(reader: Reader, expulsion: str) -> None:
    """Read on Friday 15 March 2024: the days expelled diplomats or officials (named, or
    taken up by "they") have to leave are the expulsion's period, not the threat's
    deadline; a threat that names no day has none."""
    text = (
        f"{expulsion} Spain warned it would impose sanctions on Morocco if Rabat did not "
        "hand over the suspects."
    )
    got = _deadlines(_read(reader, text))
    assert ("ESP", "MAR") in got
    assert got[("ESP", "MAR")] is None  # not 25 March, ten days on


def test_midnight_last_night_is_the_day_before_the_report(reader: Reader) -> None:
    """Read on Friday 15 March 2024: a limit 'by midnight last night' ended on Thursday,
    whatever the tense of the verb that set it."""
    text = (
        "Spain said it had asked Morocco to explain the border incursion by midnight last "
        "night, and that it would impose sanctions on Morocco if no answer came."
    )
    assert _deadlines(_read(reader, text)).get(("ESP", "MAR")) == date(2024, 3, 14)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Oslo said on Thursday it would expel four Latvian diplomats. They have ten days to "
         "leave the country.", False),
        ("Oslo gave the Latvian envoys 72 hours to depart.", False),
        ("Oslo said on Thursday it would expel four Latvian diplomats. They have ten days to "
         "hand over the files.", True),  # time to comply, not to go
        ("Oslo said on Thursday it would expel four Latvian diplomats. Riga has ten days to "
         "leave the talks.", True),  # a state told to quit something: a demand
    ],
)
def test_a_span_to_leave_given_to_people_ordered_out_is_no_candidate(
    reader: Reader, text: str, kept: bool
) -> None:
    doc = parse(reader.nlp, text)
    every = {t.sent.start for t in doc}
    assert bool(deadline_candidates(doc, FRI, every)) is kept
