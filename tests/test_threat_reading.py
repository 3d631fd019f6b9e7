"""Threats and deadlines as real reports phrase them (issue 12, section 2), end to end.

Each test reads a few sentences of our own, written in the shape wire copy uses, and
checks the threat the reader records: who threatens whom, with what, by when.
"""

from __future__ import annotations

from datetime import date

from standoff.model import RawArticle, Reading
from standoff.read import Reader


def _read(reader: Reader, text: str, published: date | None = date(2024, 3, 8)) -> Reading:
    return reader.read(RawArticle(text=text), published)


def _pairs(reading: Reading) -> dict[str, date | None]:
    return {
        f"{t.sender[:3]}->{t.target[:3]}": (t.deadline.value if t.deadline else None)
        for t in reading.threats
    }


# --------------------------------------------------------------------------- one-line input


def test_a_headline_alone_carries_its_threat(reader: Reader) -> None:
    reading = _read(reader, "Uganda gives Kenya seven days to reopen border or face fuel cut")
    assert _pairs(reading) == {"UGA->KEN": date(2024, 3, 15)}


def test_a_headline_above_a_body_is_read(reader: Reader) -> None:
    """The threat is only in the headline; the body tells what led to it."""
    text = (
        "Ghana threatens Togo with power cuts over unpaid electricity bills\n\n"
        "ACCRA, March 8 (Coastline Wire) - Togo's debt to the Volta River Authority has "
        "grown to 90 million dollars, officials said on Friday.\n\n"
        "The authority said talks with the state utility in Lome had made no progress."
    )
    reading = _read(reader, text)
    assert reading.article.headline is not None
    assert reading.article.headline.startswith("Ghana threatens Togo")
    assert "GHA->TGO" in _pairs(reading)
    assert reading.article.text.startswith(reading.article.headline)
    assert len(reading.article.paragraphs) == 2  # the body's paragraphs, headline apart


def test_the_body_dates_a_deadline_the_headline_rounds(reader: Reader) -> None:
    """'starts a 30-day clock' in the headline counts from publication; the body says the
    clock started on Thursday, which wins."""
    text = (
        "Chile starts 30-day clock to restore copper levy on Peru\n\n"
        "SANTIAGO, March 8 (Andes Wire) - Chile notified Peru on Thursday that it would "
        "restore the copper levy within 30 days unless Peru lifted its port fees."
    )
    reading = _read(reader, text)  # a Friday: Thursday is 7 March
    assert _pairs(reading).get("CHL->PER") == date(2024, 4, 6)


def test_a_short_label_above_a_body_is_not_a_headline(reader: Reader) -> None:
    text = (
        "Live updates\n\n"
        "Chile will restore the copper levy on Peru within 30 days unless Peru lifts its "
        "port fees, the trade minister said."
    )
    reading = _read(reader, text)
    assert reading.article.title == "Live updates"
    assert reading.article.headline is None
    assert not reading.article.text.startswith("Live")


def test_a_threat_naming_only_its_victims_is_from_who_set_the_deadline(reader: Reader) -> None:
    """'Brazil and Chile could face levies' names no threatener; the article's deadline was
    set by Argentina. Uruguay, whom the victims are seen dealing with, is the party the
    levies are meant to move, not their sender."""
    text = (
        "Argentina set Uruguay a deadline of Friday to reopen the river port.\n\n"
        "Uruguay rejected the demand and called it an insult. Uruguay and Brazil signed a "
        "grain accord on Thursday, and Uruguay and Chile held talks on a pipeline.\n\n"
        "Brazil and Chile, the largest buyers of Uruguayan grain, could face steep levies on "
        "everything they sell to the Argentine market unless Montevideo reopens the port "
        "before the deadline."
    )
    pairs = _pairs(_read(reader, text))
    assert "ARG->BRA" in pairs and "ARG->CHL" in pairs
    assert not any(p.startswith("URY->") for p in pairs)


def test_a_measure_put_off_is_not_imposed(reader: Reader) -> None:
    imposed = _read(reader, "Canada imposed the new tariffs on Mexico.")
    put_off = _read(reader, "Canada put off the new tariffs on Mexico.")
    assert [e.type for e in imposed.events] == ["SANCTION"]
    assert "SANCTION" not in [e.type for e in put_off.events]


def test_time_left_with_no_speaker_is_the_threatener_s_demand(reader: Reader) -> None:
    text = (
        "Chile threatened Peru with duties on fishmeal over the port fees.\n\n"
        "Lima has until March 20 to scrap the fees, under the rules of the trade pact."
    )
    events = {(e.type, e.source[:3], (e.target or "")[:3]) for e in _read(reader, text).events}
    assert ("REQUEST", "CHL", "PER") in events


# --------------------------------------------------------------------------- constructions


def test_or_else_and_otherwise_mark_a_threat_and_its_demand(reader: Reader) -> None:
    for text, pair in (
        (
            "Tanzania must lift the ban on Kenyan maize by Friday or else Nairobi will halt "
            "dairy imports from Dar es Salaam, the trade minister said.",
            "KEN->TZA",
        ),
        (
            "Vietnam said Cambodia should stop the dredging; otherwise Hanoi would take the "
            "dispute to the Mekong commission.",
            "VNM->KHM",
        ),
    ):
        reading = _read(reader, text)
        threat = next(t for t in reading.threats if f"{t.sender[:3]}->{t.target[:3]}" == pair)
        assert threat.demand and "otherwise" not in threat.demand and "else" not in threat.demand


def test_failing_which_gives_the_demand_and_its_deadline(reader: Reader) -> None:
    text = (
        "Algiers told Madrid to reverse its position within 30 days, failing which it would "
        "suspend the friendship treaty."
    )
    (threat,) = _read(reader, text).threats
    assert (threat.sender, threat.target) == ("DZA", "ESP")
    assert threat.demand == "reverse its position within 30 days"
    assert threat.deadline is not None and threat.deadline.value == date(2024, 4, 7)


def test_a_deterrent_warning_is_aimed_at_the_party_the_protected_side_faces(
    reader: Reader,
) -> None:
    text = (
        "Ethiopia rejected the demands of Egypt over the dam. Cairo warned that any move to "
        "fill the reservoir would be treated as an act of aggression."
    )
    threats = {(t.sender, t.target): t for t in _read(reader, text).threats}
    assert ("EGY", "ETH") in threats
    assert "act of aggression" in threats["EGY", "ETH"].measures
    assert threats["EGY", "ETH"].demand == "no move to fill the reservoir"


def test_an_act_the_deterrent_names_the_doer_of_is_aimed_at_that_doer(reader: Reader) -> None:
    text = "Tehran will take all necessary steps against any attempt by Israel to seize tankers."
    assert [(t.sender, t.target) for t in _read(reader, text).threats] == [("IRN", "ISR")]


def test_an_act_to_refrain_from_is_no_deterrent(reader: Reader) -> None:
    text = "The court ordered Venezuela to refrain from any action that would change the border."
    assert _read(reader, text).threats == []


# --------------------------------------------------------------------------- measures


def test_a_nationality_adjective_names_the_doer_the_condition_aims_at(reader: Reader) -> None:
    text = (
        "Jordan has warned of grave consequences if Syrian operations push Iraqi refugees "
        "across its northern border."
    )
    assert set(_pairs(_read(reader, text))) == {"JOR->SYR"}


def test_the_body_a_complaint_goes_to_is_the_forum_not_the_target(reader: Reader) -> None:
    text = (
        "Vietnam said the Indonesian export curbs broke trade rules and called on Jakarta "
        "to lift them. Hanoi would take countermeasures, including filing a complaint with "
        "the WTO, the trade minister said."
    )
    assert set(_pairs(_read(reader, text))) == {"VNM->IDN"}


def test_a_complaint_already_filed_is_no_threat(reader: Reader) -> None:
    text = "Vietnam filed a complaint with the WTO against Indonesian export curbs on Monday."
    assert _pairs(_read(reader, text)) == {}


def test_a_date_in_a_request_belongs_to_the_requester_s_threat(reader: Reader) -> None:
    text = (
        "Norway threatened to close its waters to Danish trawlers. Denmark said it would "
        "take countermeasures, including filing a complaint with the WTO. Norway has asked "
        "Copenhagen to agree by March 20 to new quotas."
    )
    assert _pairs(_read(reader, text)) == {"NOR->DNK": date(2024, 3, 20), "DNK->NOR": None}


def test_who_would_face_a_measure_if_it_did_not_comply_is_the_target(reader: Reader) -> None:
    text = (
        "Oman would face further isolation if it did not comply, a Saudi official told "
        "reporters."
    )
    assert set(_pairs(_read(reader, text))) == {"SAU->OMN"}


def test_firms_given_time_make_the_state_that_licensed_them_the_target(reader: Reader) -> None:
    text = (
        "Caracas had given fishing firms operating under Colombian licences six weeks to "
        "quit the gulf."
    )
    assert set(_pairs(_read(reader, text))) == {"VEN->COL"}


def test_time_had_is_given_by_whoever_says_so(reader: Reader) -> None:
    text = (
        "Sudan's foreign minister said boats registered in Ethiopia would have ten days to "
        "leave the lake."
    )
    assert _pairs(_read(reader, text)) == {"SDN->ETH": date(2024, 3, 18)}


def test_a_clock_that_starts_on_a_later_event_has_no_day(reader: Reader) -> None:
    text = (
        "Sudan's foreign minister said boats registered in Ethiopia would have ten days to "
        "leave the lake once the new border law was passed."
    )
    assert _pairs(_read(reader, text)) == {"SDN->ETH": None}


def test_the_measure_s_party_is_the_target_not_the_condition_s(reader: Reader) -> None:
    text = (
        "Oslo warned that it could cancel its fishing licences for Danish trawlers if any "
        "Norwegian catch was sold on to Russia."
    )
    assert set(_pairs(_read(reader, text))) == {"NOR->DNK"}


def test_both_as_a_subject_is_the_pair_the_story_named(reader: Reader) -> None:
    # published Friday 8 March 2024: "from Thursday" is 14 March
    text = (
        "The European Union spoke to the leaders of Serbia and Kosovo on Monday. Both face "
        "EU sanctions from Thursday unless talks resume."
    )
    assert _pairs(_read(reader, text)) == {
        "EU->SRB": date(2024, 3, 14),
        "EU->XKX": date(2024, 3, 14),
    }


def test_a_measure_answering_an_earlier_measure_is_no_threat_of_its_own(
    reader: Reader,
) -> None:
    text = (
        "Chile imposed sanctions on two Peruvian ministers on Monday. On Wednesday Peru "
        "retaliated with sanctions on two Chilean cabinet members and higher tariffs on "
        "Chilean wine."
    )
    assert set(_pairs(_read(reader, text))) == {"CHL->PER"}


def test_a_counter_threat_in_words_against_a_measure_stays(reader: Reader) -> None:
    text = (
        "Chile imposed sanctions on two Peruvian ministers on Monday. Peru said it would "
        "impose tariffs on Chilean wine if the sanctions were not lifted."
    )
    assert set(_pairs(_read(reader, text))) == {"CHL->PER", "PER->CHL"}


def test_a_measure_in_the_condition_is_not_the_threatened_measure(reader: Reader) -> None:
    text = (
        "Paraguay threatened to close its river ports to Bolivia unless La Paz lifted the embargo."
    )
    (threat,) = _read(reader, text).threats
    assert not any("embargo" in m for m in threat.measures)


def test_a_hyphenated_measure_is_kept_whole(reader: Reader) -> None:
    text = "Washington threatened triple-digit tariffs on Chinese steel if Beijing hit back."
    measures = [m for t in _read(reader, text).threats for m in t.measures]
    assert "triple-digit tariffs" in measures


def test_time_given_names_the_demand_and_threatening_to_names_the_measure(
    reader: Reader,
) -> None:
    text = (
        "Senegal and Mali gave Mauritania ten days to close the crossing, threatening to "
        "suspend all fish imports from its ports."
    )
    threat = next(t for t in _read(reader, text).threats if t.target == "MRT")
    assert threat.demand == "close the crossing"
    assert "suspend all fish imports" in threat.measures
    assert threat.deadline is not None and threat.deadline.value == date(2024, 3, 18)


# --------------------------------------------------------------------------- deadlines


def test_time_given_on_a_stated_day_counts_from_that_day(reader: Reader) -> None:
    text = (
        "Ethiopia has not replied. On February 20 Egypt gave Addis Ababa 30 days to halt "
        "the filling, threatening to take the dispute to the Security Council."
    )
    assert _pairs(_read(reader, text))["EGY->ETH"] == date(2024, 3, 21)


def test_a_past_weekday_in_a_report_counts_backwards(reader: Reader) -> None:
    # published Friday 8 March: "on Tuesday" is 5 March, a week from it 12 March
    text = (
        "Ghana said on Tuesday that it would impose sanctions on Togo unless Lome paid its "
        "debts within a week."
    )
    assert _pairs(_read(reader, text))["GHA->TGO"] == date(2024, 3, 12)


def test_a_present_perfect_lede_counts_from_the_day_the_next_paragraph_names(
    reader: Reader,
) -> None:
    # published Friday 8 March: the ultimatum was set at the meeting on Wednesday 6 March
    text = (
        "NAIROBI, March 8 (Rift Wire) - Kenya has given Burundi's rulers ten days to "
        "free the detained opposition leaders or face sanctions.\n\n"
        "At a meeting in Arusha on Wednesday, the two governments said the detentions "
        "broke the bloc's treaty."
    )
    assert _pairs(_read(reader, text))["KEN->BDI"] == date(2024, 3, 16)


def test_a_simple_past_lede_still_counts_from_publication(reader: Reader) -> None:
    text = (
        "NAIROBI, March 8 (Rift Wire) - Kenya gave Burundi ten days on Friday to free "
        "the detained opposition leaders or face sanctions.\n\n"
        "At a meeting in Arusha on Wednesday, officials said the detentions broke the "
        "bloc's treaty."
    )
    assert _pairs(_read(reader, text))["KEN->BDI"] == date(2024, 3, 18)


def test_days_of_a_request_count_from_the_day_of_the_request(reader: Reader) -> None:
    # "on Monday" in a report published Friday 8 March is 4 March; 30 days on: 3 April
    text = (
        "Chile said on Monday that it had requested arbitration with Argentina over the "
        "glacier border.\n\n"
        "Chile said that if Argentina did not agree to a hearing within 30 days of its "
        "request, it would take the case to the International Court of Justice."
    )
    assert _pairs(_read(reader, text))["CHL->ARG"] == date(2024, 4, 3)


def test_a_limit_named_by_an_occasion_falls_on_the_day_given_for_it(reader: Reader) -> None:
    text = (
        "Kenya will close its border with Somalia if the abducted engineers are not freed by "
        "the start of Ramadan, the interior minister said.\n\n"
        '"If by Ramadan our engineers are not home, the border stays shut," he told '
        "reporters. The fasting month is expected to begin around March 11."
    )
    assert _pairs(_read(reader, text)) == {"KEN->SOM": date(2024, 3, 11)}


def test_a_day_given_for_something_else_dates_no_occasion(reader: Reader) -> None:
    text = (
        "Kenya will close its border with Somalia if the abducted engineers are not freed by "
        "Christmas, the interior minister said. The talks are expected to begin on March 11."
    )
    assert _pairs(_read(reader, text)) == {"KEN->SOM": None}
