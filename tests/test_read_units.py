"""Unit tests of the reader's small pure parts: dates, cleaning, input decoding, scoring.

Dates are resolved against a known publication date, Wednesday 6 August 2025,
so every expected value below is a hand count from that day. The scoring
rules (shared/gold/README.md) are checked on tiny hand-made Readings. A few
end-to-end probes of deadlines use the session's Reader on one-line articles.
Several of these began as strict xfails documenting reader bugs; they now
guard the fixes.
"""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from standoff.errors import UserError
from standoff.model import (
    Actor,
    ActorKind,
    Article,
    Claim,
    ClaimKind,
    DatePrecision,
    Event,
    Evidence,
    Mention,
    Proposal,
    RawArticle,
    Reading,
    ResolvedDate,
    Threat,
    ThreatStatus,
)
from standoff.model import Warning as ReadingWarning
from standoff.read import Reader
from standoff.read.clean import clean, find_full_date, normalise_source, split_paragraphs
from standoff.read.dates import resolve
from standoff.read.inputs import MAX_BYTES, decode, load_file, parse_date_option
from standoff.read.score import (
    country,
    load_gold,
    score_actors,
    score_article,
    score_events,
    score_positions,
    score_proposals,
    score_threats,
)

WED = date(2025, 8, 6)  # Wednesday 6 August 2025, the founding article's date


def _days(n: int) -> date:
    return WED + timedelta(days=n)


# =========================================================================== dates.resolve

FUTURE_CASES = [
    # text, expected value, approximate
    ("within 50 days", _days(50), False),
    ("ten days from today", _days(10), False),
    ("10 or 12 days", _days(10), True),  # the first figure, flagged approximate
    ("about two weeks", _days(14), True),
    ("within 24 hours", _days(1), False),
    ("within the next 10 days", _days(10), False),
    ("the coming two weeks", _days(14), False),
    ("by Friday", date(2025, 8, 8), False),
    ("the end of next week", date(2025, 8, 15), True),  # Friday of next week
    ("the end of the month", date(2025, 8, 31), True),
    ("by the end of the year", date(2025, 12, 31), True),
    ("the end of next year", date(2026, 12, 31), True),
    ("year-end", date(2025, 12, 31), True),
    ("the end of 2027", date(2027, 12, 31), True),
    ("August 9", date(2025, 8, 9), False),  # an August base: this year
    ("by August 9", date(2025, 8, 9), False),
    ("9 August", date(2025, 8, 9), False),
    ("tomorrow", _days(1), False),
    # months are calendar months: 6 August + two months is 6 October (61 days), and a
    # month from 31 January ends on the month's last day
    ("two months", date(2025, 10, 6), False),
    ("within six months", date(2026, 2, 6), False),
]


@pytest.mark.parametrize("text", ["the end of September", "end of September"])
def test_the_end_of_a_named_month_is_its_last_day(text: str) -> None:
    """'before the end of September': the 30th, not the 1st (the month is the precision)."""
    r = resolve(text, WED, "future")
    assert r.value == date(2025, 9, 30)
    assert r.precision is DatePrecision.MONTH


@pytest.mark.parametrize(("text", "want", "approximate"), FUTURE_CASES)
def test_deadlines_resolve_forward(text: str, want: date, approximate: bool) -> None:
    r = resolve(text, WED, "future")
    assert r.value == want
    assert r.precision is DatePrecision.DAY
    assert r.approximate is approximate
    assert r.text == text  # the words are kept as evidence


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("on Monday", date(2025, 8, 4)),  # reports look back: the Monday before
        ("Monday", date(2025, 8, 4)),
        ("last Friday", date(2025, 8, 1)),
        ("yesterday", date(2025, 8, 5)),
        ("three days ago", date(2025, 8, 3)),
        ("on Wednesday", WED),  # the publication day itself
    ],
)
def test_reports_resolve_backward(text: str, want: date) -> None:
    assert resolve(text, WED, "past").value == want


def test_months_are_calendar_months_both_ways() -> None:
    assert resolve("one month", date(2025, 1, 31), "future").value == date(2025, 2, 28)
    assert resolve("two months ago", WED, "past").value == date(2025, 6, 6)


def test_weekday_direction_is_the_callers_choice() -> None:
    assert resolve("Monday", WED, "future").value == date(2025, 8, 11)
    assert resolve("Monday", WED, "past").value == date(2025, 8, 4)


def test_month_day_without_year_crosses_the_new_year_by_sense() -> None:
    assert resolve("January 5", date(2025, 12, 20), "future").value == date(2026, 1, 5)
    assert resolve("December 28", date(2025, 1, 3), "past").value == date(2024, 12, 28)


def test_month_alone_has_month_precision() -> None:
    r = resolve("August", WED, "future")
    assert r.value is not None and (r.value.year, r.value.month) == (2025, 8)
    assert r.precision is DatePrecision.MONTH


@pytest.mark.parametrize("text", ["August 9", "within 50 days", "by Friday", "tomorrow"])
def test_no_base_leaves_relative_dates_unresolved(text: str) -> None:
    r = resolve(text, None, "future")
    assert r.value is None
    assert r.precision is DatePrecision.UNRESOLVED
    assert r.relative is True
    assert r.text == text


def test_a_full_date_needs_no_base() -> None:
    r = resolve("September 1, 2025", None, "future")
    assert r.value == date(2025, 9, 1)
    assert r.relative is False


def test_words_that_are_not_dates_stay_unresolved() -> None:
    r = resolve("the spring offensive", WED, "future")
    assert r.value is None and r.precision is DatePrecision.UNRESOLVED


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("the twentieth of April", (4, 20)),
        ("twenty-first of September", (9, 21)),
        ("October the third", (10, 3)),
        ("the first of December", (12, 1)),
    ],
)
def test_a_day_of_the_month_spelt_out_resolves(text: str, want: tuple[int, int]) -> None:
    """Speakers and transcripts spell the day out; the parser reads only figures."""
    r = resolve(text, WED, "future")
    assert r.value is not None and (r.value.month, r.value.day) == want
    assert r.precision is DatePrecision.DAY


def test_the_start_of_a_month_is_its_first_day() -> None:
    assert resolve("the start of September", WED, "future").value == date(2025, 9, 1)
    assert resolve("the beginning of next month", WED, "future").value == date(2025, 9, 1)


def test_an_ordinal_that_is_no_day_stays_unresolved() -> None:
    assert resolve("the second of two rounds", WED, "future").value is None


def test_hyphenated_day_range_is_a_future_approximate_deadline() -> None:
    r = resolve("10-12 days", WED, "future")
    assert r.value == _days(10) and r.approximate


def test_day_range_with_to_is_approximate() -> None:
    r = resolve("10 to 12 days", WED, "future")
    assert r.value == _days(10) and r.approximate


def test_early_month_has_month_precision() -> None:
    r = resolve("early September", WED, "future")
    assert r.value is not None and r.value.month == 9
    assert r.precision is DatePrecision.MONTH


def test_end_of_next_week_without_article() -> None:
    assert resolve("end of next week", WED, "future").value == date(2025, 8, 15)


# =========================================================================== clean.clean


def _clean(text: str, published: date | None = None) -> Article:
    return clean(RawArticle(text=text, origin="t.txt"), published)


def test_dateline_gives_place_and_date_and_is_stripped() -> None:
    a = _clean(
        "MOSCOW, Aug 7, 2025 (Meridian Wire) - Russia said it would answer any tariffs.\n\n"
        "The ministry gave no details."
    )
    assert a.place == "Moscow"
    assert a.published == date(2025, 8, 7)
    assert a.paragraphs[0] == "Russia said it would answer any tariffs."
    assert any(d.startswith("dateline:") for d in a.boilerplate_dropped)


def test_dateline_without_year_gives_place_but_invents_no_date() -> None:
    a = _clean("MOSCOW, Aug 7 (Wire) - Russia said it would answer.\n\nMore text here.")
    assert a.place == "Moscow"
    assert a.published is None  # no year and no --date: not guessed
    assert a.paragraphs[0] == "Russia said it would answer."


def test_given_date_wins_over_the_dateline() -> None:
    a = _clean("MOSCOW, Aug 7, 2025 (Wire) - Russia said no.", published=date(2025, 8, 8))
    assert a.published == date(2025, 8, 8)
    assert a.paragraphs == ["Russia said no."]


def test_a_dateline_after_a_headline_is_stripped_from_the_first_paragraph() -> None:
    """'ANALYSIS: A truce by the deadline' (no final stop) then 'BRUSSELS - Britain agreed
    ...': the dateline opens the story, not the headline kept above it."""
    a = _clean(
        "ANALYSIS: A fishing truce by the deadline, but Paris says the fight is not over\n\n"
        "BRUSSELS - Britain agreed on Saturday to give French boats more licences.\n\n"
        "Paris said the fight was not over."
    )
    assert a.place == "Brussels"
    assert "Britain agreed on Saturday to give French boats more licences." in a.paragraphs
    assert not any(p.startswith("BRUSSELS") for p in a.paragraphs)


def test_prose_with_a_dash_is_not_a_dateline() -> None:
    a = _clean("Russia's foreign ministry - in a rare statement - said no.")
    assert a.place is None
    assert a.paragraphs == ["Russia's foreign ministry - in a rare statement - said no."]


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Trump sets a new deadline for Moscow",
        "(Source: wire.example.com)",
        "Photo: Vladimir Putin at the Kremlin, August 6, 2025.",
        "Image: the envoy arrives in Moscow",
        "by Jane Smith",
        "Reporting by Jane Smith; Editing by Omar Khan",
        "Published August 6, 2025",
        "Copyright 2025 Meridian Wire. All rights reserved.",
    ],
)
def test_furniture_lines_are_dropped(line: str) -> None:
    body = "Russia said it would answer any new tariffs."
    a = _clean(f"{body}\n\n{line}\n\nThe ministry gave no details.")
    assert a.paragraphs == [body, "The ministry gave no details."]
    assert any(d.endswith(line) for d in a.boilerplate_dropped)


def test_capitalised_byline_is_dropped() -> None:
    a = _clean("By Jane Smith\n\nRussia said it would answer any new tariffs.")
    assert a.title is None
    assert a.paragraphs == ["Russia said it would answer any new tariffs."]


def test_source_line_sets_the_source_from_a_url() -> None:
    a = _clean("Russia said no.\n\nSource: https://www.reuters.com/world/europe/x")
    assert a.source == "reuters.com"
    assert a.paragraphs == ["Russia said no."]


def test_hard_wrapped_lines_are_rejoined() -> None:
    a = _clean("Russia said it would\nanswer any new tariffs\nwith measures of its own.\nIt did.")
    assert a.paragraphs == [
        "Russia said it would answer any new tariffs with measures of its own.",
        "It did.",
    ]


def test_split_paragraphs_keeps_sentence_ends_apart() -> None:
    assert split_paragraphs("One ends here.\nAnother starts.\n\n\nThird.") == [
        "One ends here.",
        "Another starts.",
        "Third.",
    ]


def test_repeated_paragraph_is_dropped_and_counted() -> None:
    first = "Russia said it would answer any new tariffs."
    second = "The ministry gave no details."
    a = _clean(f"{first}\n\n{second}\n\n{first}\n\n{second.upper()}")
    assert a.paragraphs == [first, second]  # case and punctuation do not make a paragraph new
    assert a.duplicate_paragraphs_dropped == 2
    assert a.text == f"{first}\n\n{second}"


def test_headline_becomes_the_title_and_headings_are_kept() -> None:
    a = _clean("Russia rejects the ultimatum\n\nRussia said no.\n\nWhat comes next\n\nTalks stall.")
    assert a.title == "Russia rejects the ultimatum"
    assert a.headings == ["What comes next"]
    assert a.paragraphs == ["Russia said no.", "What comes next", "Talks stall."]


def test_a_text_that_is_only_a_headline_is_an_article() -> None:
    a = _clean("Uganda gives Kenya seven days to reopen border or face fuel cut\n")
    assert a.title == a.text == "Uganda gives Kenya seven days to reopen border or face fuel cut"
    assert a.paragraphs == [a.title] and a.boilerplate_dropped == []


def test_article_id_is_a_content_hash() -> None:
    one, two = _clean("Russia said no."), _clean("Russia said no.")
    assert one.id == two.id and len(one.id) == 16
    assert _clean("Russia said yes.").id != one.id


def test_raw_metadata_wins() -> None:
    raw = RawArticle(
        text="Russia said no.",
        source="https://www.aljazeera.com/news/x",
        title="A title",
        published=date(2025, 8, 6),
    )
    a = clean(raw)
    assert (a.source, a.title, a.published) == ("aljazeera.com", "A title", date(2025, 8, 6))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("6 August 2025", date(2025, 8, 6)),
        ("Aug. 6, 2025", date(2025, 8, 6)),
        ("2025-08-06T10:00", date(2025, 8, 6)),
        ("August 32, 2025", None),
        ("no date here", None),
    ],
)
def test_find_full_date(text: str, want: date | None) -> None:
    assert find_full_date(text) == want


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("https://www.aljazeera.com/news/2025/8/6/x", "aljazeera.com"),
        ("www.Reuters.com", "reuters.com"),
        ("(aljazeera.com)", "aljazeera.com"),
        ("", None),
        (None, None),
    ],
)
def test_normalise_source(value: str | None, want: str | None) -> None:
    assert normalise_source(value) == want


# =========================================================================== inputs


def test_decode_utf8_with_bom() -> None:
    assert decode("\ufeffcafé".encode(), "x.txt") == ("café", None)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_decode_utf16_with_its_byte_order_mark(codec: str) -> None:
    # Windows' "Unicode" text files: UTF-16 with a BOM, full of NUL bytes, yet text
    data = ("\ufeff" if codec != "utf-16" else "") + "Moscow rejected the 50-day deadline."
    assert decode(data.encode(codec), "x.txt") == ("Moscow rejected the 50-day deadline.", None)


@pytest.mark.parametrize(
    ("data", "says"),
    [("\ufeff  \n".encode("utf-16-le"), "empty"), (b"\xff\xfeM\x00o\x00\x00\xdc", "UTF-16")],
)
def test_decode_utf16_refuses_empty_or_broken(data: bytes, says: str) -> None:
    with pytest.raises(UserError, match=says):
        decode(data, "x.txt")


def test_decode_falls_back_to_windows_1252_with_a_warning() -> None:
    text, warning = decode("caf\xe9 \u20ac5".encode("cp1252"), "x.txt")
    assert text == "café €5"
    assert warning is not None and "x.txt" in warning and "UTF-8" in warning


def test_decode_warning_names_the_codec_used() -> None:
    _text, warning = decode(b"caf\xe9 \x81", "x.txt")
    assert warning is not None and "Windows-1252" not in warning


@pytest.mark.parametrize(
    ("data", "says"), [(b"", "empty"), (b" \n\t\n", "empty"), (b"ab\x00cd", "binary")]
)
def test_decode_refuses(data: bytes, says: str) -> None:
    with pytest.raises(UserError, match=says):
        decode(data, "x.txt")


def test_load_file_text_html_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Russia said no.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("<!DOCTYPE html><html><body>x</body></html>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        '{"text": "Russia said no.", "source": "x.com", "published": "2025-08-06"}\n\n'
        '{"html": "<p>Kyiv said no.</p>", "url": "https://y.com/a", "title": "T"}\n',
        encoding="utf-8",
    )
    (text,) = load_file(tmp_path / "a.txt")
    assert text.text == "Russia said no." and text.html is None
    (page,) = load_file(tmp_path / "b.txt")  # HTML by its content, whatever the suffix
    assert page.html is not None and page.text is None
    first, second = load_file(tmp_path / "c.jsonl")
    assert (first.source, first.published) == ("x.com", date(2025, 8, 6))
    assert first.origin.endswith("c.jsonl:1")
    assert second.origin.endswith("c.jsonl:3")  # the blank line still counts
    assert (second.url, second.title, second.text) == ("https://y.com/a", "T", None)


def test_load_file_checks_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(UserError, match="big.txt.*limit"):
        load_file(big)


def test_load_file_bad_published_field(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "x", "published": "soon"}\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"a\.jsonl:1: field 'published'"):
        load_file(path)


@pytest.mark.parametrize(("value", "want"), [(None, None), ("2025-08-06", date(2025, 8, 6))])
def test_parse_date_option(value: str | None, want: date | None) -> None:
    assert parse_date_option(value) == want


@pytest.mark.parametrize("value", ["06/08/2025", "2025-02-30", "", "yesterday"])
def test_parse_date_option_refuses(value: str) -> None:
    with pytest.raises(UserError, match="--date"):
        parse_date_option(value)


# =========================================================================== score

SENT = "The United States threatened Russia."


def _ev(start: int = 0) -> Evidence:
    return Evidence(sentence=SENT, start=start, end=start + len(SENT))


def _actor(code: str, name: str, kind: ActorKind = ActorKind.STATE, *mentions: str) -> Actor:
    return Actor(
        code=code,
        country=code[:3],
        name=name,
        kind=kind,
        mentions=[Mention(text=m, start=0, end=len(m)) for m in mentions],
    )


def _event(type_: str, source: str, target: str | None) -> Event:
    return Event(type=type_, source=source, target=target, evidence=_ev())


def _reading(**parts: Any) -> Reading:
    return Reading(article=Article(id="0" * 16), **parts)


@pytest.mark.parametrize(
    ("code", "want"),
    [("USAGOV", "USA"), ("USA", "USA"), ("NATO", "NATO"), ("EU", "EU"), (None, ""), ("", "")],
)
def test_country_level(code: str | None, want: str) -> None:
    assert country(code) == want


def test_actors_found_by_prefix_and_people_by_code() -> None:
    reading = _reading(
        actors=[
            _actor("USAGOV", "Donald Trump", ActorKind.PERSON, "Trump"),
            _actor("RUS", "Russia"),
            _actor("UKRGOV", "Steve Witkoff", ActorKind.PERSON),  # wrong country
            _actor("IRN", "Iran"),
        ]
    )
    gold = {"actors": {"USA": ["Donald Trump", "Steve Witkoff"], "RUS": [], "CHN": []}}
    s = score_actors(reading, gold)
    assert (s.gold, s.found) == (5, 3)  # USA, RUS, Trump; not CHN, not Witkoff
    assert any("Steve Witkoff: expected USA" in d for d in s.details)
    assert "missing actor CHN" in s.details
    assert (s.output, s.correct_output) == (4, 2)  # USA RUS UKR IRN at country level


def test_a_person_is_found_by_a_mention_too() -> None:
    reading = _reading(actors=[_actor("RUSGOV", "Vladimir Putin", ActorKind.PERSON, "Putin")])
    assert score_actors(reading, {"actors": {"RUS": ["Putin"]}}).found == 2


def test_event_triples_at_country_level_with_acceptable() -> None:
    reading = _reading(
        events=[
            _event("THREATEN", "USAGOV", "RUS"),
            _event("THREATEN", "USA", "RUSGOV"),  # the same triple at country level
            _event("CONSULT", "RUSGOV", "USAGOV"),  # acceptable
            _event("ASSAULT", "RUS", "UKR"),  # neither: an error
            _event("REJECT", "RUS", None),  # no target: not a triple
        ]
    )
    gold = {
        "events": [
            {"type": "THREATEN", "source": "USA", "target": "RUS"},
            {"type": "REJECT", "source": "RUS", "target": "USA"},
        ],
        "acceptable": [{"type": "CONSULT", "source": "RUS", "target": "USA"}],
    }
    s = score_events(reading, gold)
    assert (s.gold, s.found, s.output, s.correct_output) == (2, 1, 3, 2)
    assert s.recall == 0.5 and s.precision == pytest.approx(2 / 3)
    assert "missed ('REJECT', 'RUS', 'USA')" in s.details
    assert "extra ('ASSAULT', 'RUS', 'UKR')" in s.details


def test_a_sanction_for_a_threat_is_wrong() -> None:
    reading = _reading(events=[_event("SANCTION", "USA", "RUS")])
    s = score_events(reading, {"events": [{"type": "THREATEN", "source": "USA", "target": "RUS"}]})
    assert (s.found, s.correct_output) == (0, 0)


def _threat(deadline: date | None, third: list[str], status: ThreatStatus) -> Threat:
    return Threat(
        sender="USAGOV",
        target="RUS",
        third_parties=third,
        measures=["secondary tariffs", "financial penalties"],
        deadline=ResolvedDate(value=deadline, precision=DatePrecision.DAY, text="August 9"),
        status=status,
        evidence=[_ev()],
    )


GOLD_THREAT = {
    "sender": "USA",
    "target": "RUS",
    "third_parties": ["IND", "CHN"],
    "measures": ["secondary tariffs", "financial penalties"],
    "deadline": date(2025, 8, 9),
    "status": "pending",
}


def test_threat_checks_one_by_one() -> None:
    good = _reading(threats=[_threat(date(2025, 8, 9), ["IND", "CHN"], ThreatStatus.PENDING)])
    s = score_threats(good, {"threats": [GOLD_THREAT]})
    assert (s.found, s.correct_output) == (1, 1)
    assert all(d.endswith(": ok") for d in s.details)

    bad = _reading(threats=[_threat(date(2025, 8, 8), ["IND"], ThreatStatus.EXPIRED)])
    s = score_threats(bad, {"threats": [GOLD_THREAT]})
    assert s.found == 1  # matched on (sender, target); the checks below say what is wrong
    wrong = [d for d in s.details if "WRONG" in d]
    assert len(wrong) == 3  # deadline, third party CHN, status
    assert any("deadline" in d and "gold 2025-08-09, got 2025-08-08" in d for d in wrong)


def test_threat_in_the_wrong_direction_is_missed() -> None:
    flipped = _threat(date(2025, 8, 9), [], ThreatStatus.PENDING).model_copy(
        update={"sender": "RUS", "target": "USA"}
    )
    s = score_threats(_reading(threats=[flipped]), {"threats": [GOLD_THREAT]})
    assert (s.found, s.output, s.correct_output) == (0, 1, 0)


def _proposal(name: str, text: str, sponsors: list[str]) -> Proposal:
    return Proposal(name=name, text=text, sponsors=sponsors, evidence=[_ev()])


def test_proposals_by_key_noun_and_sponsors() -> None:
    reading = _reading(
        proposals=[
            _proposal("moratorium", "temporary moratorium on aerial bombardments", ["RUSGOV"]),
            _proposal("ceasefire", "full ceasefire", ["UKR"]),  # USA missing
        ]
    )
    gold = {
        "proposals": [
            {"name": "air-strike moratorium", "sponsors": ["RUS"]},
            {"name": "full ceasefire", "sponsors": ["UKR", "USA"]},
        ]
    }
    s = score_proposals(reading, gold)
    assert (s.gold, s.found, s.output, s.correct_output) == (2, 1, 2, 1)
    assert any("full ceasefire" in d for d in s.details)


def test_positions_by_key_words_for_the_right_actor() -> None:
    claims = [
        Claim(
            kind=ClaimKind.CONDITION, actor="RUSGOV", text="Ukrainian neutrality", evidence=_ev()
        ),
        Claim(kind=ClaimKind.CONDITION, actor="UKR", text="halt to NATO expansion", evidence=_ev()),
        Claim(kind=ClaimKind.BELIEF, actor="RUS", text="a halt to NATO expansion", evidence=_ev()),
    ]
    gold = {"positions": {"RUS": ["Ukrainian neutrality", "halt to NATO expansion"]}}
    s = score_positions(_reading(claims=claims), gold)
    # neutrality found; NATO expansion held by UKR (wrong actor) or as a belief (not a position)
    assert (s.gold, s.found) == (2, 1)


def test_empty_sections_score_one() -> None:
    result = score_article(_reading(), {})
    for name, section in result["sections"].items():
        assert (section["precision"], section["recall"]) == (1.0, 1.0), name
    assert result["article"] == {}


def test_output_with_no_gold_has_zero_precision_only_when_gold_expected() -> None:
    events = _reading(events=[_event("THREATEN", "USA", "RUS")])
    assert score_events(events, {}).precision == 0.0
    assert score_events(_reading(), {"events": [GOLD_EVENT]}).precision == 0.0


GOLD_EVENT = {"type": "THREATEN", "source": "USA", "target": "RUS"}


def test_load_gold_multi_document(tmp_path: Path) -> None:
    path = tmp_path / "feed.yaml"
    path.write_text(
        "article: {file: feed.jsonl:1}\nactors: {USA: []}\n---\n"
        "article: {file: feed.jsonl:2}\nactors: {RUS: []}\n",
        encoding="utf-8",
    )
    docs = load_gold(path)
    assert [d["article"]["file"] for d in docs] == ["feed.jsonl:1", "feed.jsonl:2"]


@pytest.mark.parametrize(
    ("content", "says"),
    [("actors: [\n", r"g\.yaml:\d+: malformed YAML"), ("- a\n- b\n", "expected a mapping")],
)
def test_load_gold_refuses(tmp_path: Path, content: str, says: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=says):
        load_gold(path)


# =========================================================================== deadlines end to end


def _deadline(reader: Reader, text: str, published: date | None = WED) -> ResolvedDate | None:
    reading = reader.read(RawArticle(text=text, origin="probe"), published)
    threats = [t for t in reading.threats if country(t.sender) == "USA"]
    assert threats, f"no US threat read from {text!r}"
    return threats[0].deadline


def test_gave_ten_days(reader: Reader) -> None:
    text = "President Donald Trump gave Russia ten days to agree to a ceasefire or face sanctions."
    deadline = _deadline(reader, text)
    assert deadline is not None and deadline.value == _days(10)
    undated = _deadline(reader, text, published=None)
    assert undated is not None and undated.value is None and undated.text == deadline.text


def test_by_friday_deadline(reader: Reader) -> None:
    text = (
        "The United States threatened Russia with sanctions unless it halts air strikes by Friday."
    )
    deadline = _deadline(reader, text)
    assert deadline is not None and deadline.value == date(2025, 8, 8)


def test_within_fifty_days_threat(reader: Reader) -> None:
    text = (
        "Trump said Russia would face secondary tariffs if it did not agree to a ceasefire "
        "within 50 days."
    )
    deadline = _deadline(reader, text)
    assert deadline is not None and deadline.value == _days(50)


# =========================================================================== JSON Schema

ROOT = Path(__file__).resolve().parents[1]


def _gen_schema() -> Any:
    spec = importlib.util.spec_from_file_location("gen_schema", ROOT / "scripts" / "gen_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_schema_is_current() -> None:
    """docs/schema/reading.schema.json equals a fresh generation (run scripts/gen_schema.py)."""
    gen = _gen_schema()
    committed = (ROOT / "docs" / "schema" / "reading.schema.json").read_text(encoding="utf-8")
    assert committed == gen.render()
    assert gen.main(["--check"]) == 0


def _undeclared(value: Any, schema: dict[str, Any], defs: dict[str, Any], where: str) -> list[str]:
    """Paths of keys in ``value`` that ``schema`` does not declare (a structural walk)."""
    if "$ref" in schema:
        return _undeclared(value, defs[schema["$ref"].rsplit("/", 1)[-1]], defs, where)
    for option in schema.get("anyOf", []):
        if option.get("type") != "null" and value is not None:
            return _undeclared(value, option, defs, where)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        out = [f"{where}.{k}" for k in value if k not in props]
        for key, item in value.items():
            if key in props:
                out += _undeclared(item, props[key], defs, f"{where}.{key}")
        return out
    if isinstance(value, list):
        return [
            p
            for i, x in enumerate(value)
            for p in _undeclared(x, schema.get("items", {}), defs, f"{where}[{i}]")
        ]
    return []


def test_schema_declares_every_key_of_a_real_reading(reader: Reader) -> None:
    text = (
        "President Donald Trump gave Russia ten days to agree to a ceasefire or face sanctions.\n\n"
        "The Kremlin rejected the demand and proposed a moratorium on air strikes."
    )
    reading = reader.read(RawArticle(text=text, origin="probe"), WED)
    assert reading.threats and reading.events  # the walk must visit nested items
    schema = json.loads((ROOT / "docs" / "schema" / "reading.schema.json").read_text("utf-8"))
    data = json.loads(reading.model_dump_json())
    assert _undeclared(data, schema, schema["$defs"], "$") == []
    assert set(schema["required"]) <= set(data)


# =========================================================================== docs/formats.md

DOC_MODELS = [
    Reading,
    Article,
    Actor,
    Mention,
    Event,
    Claim,
    Threat,
    Proposal,
    ResolvedDate,
    Evidence,
    ReadingWarning,
]


@pytest.mark.parametrize("model", DOC_MODELS, ids=lambda m: m.__name__)
def test_formats_doc_names_every_field(model: type[Any]) -> None:
    doc = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    missing = [f for f in model.model_fields if f"`{f}`" not in doc]
    assert missing == [], f"docs/formats.md does not describe {model.__name__}.{missing}"


def test_formats_doc_names_every_warning_kind() -> None:
    doc = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    source = "".join(p.read_text("utf-8") for p in (ROOT / "src/standoff/read").glob("*.py"))
    kinds = set(re.findall(r'Warning\(\s*kind="([a-z-]+)"', source))
    assert kinds >= {"encoding", "no-date", "date-conflict"}
    assert sorted(k for k in kinds if f"`{k}`" not in doc) == []


def test_a_dateline_without_a_year_takes_the_year_the_text_agrees_on() -> None:
    text = (
        "MANILA, June 18 (Wire) - The Philippines gave Beijing two weeks to return the rifles. "
        "The boarding on June 17, 2024 followed a ruling of July 12, 2016, that Manila cites."
    )
    assert _clean(text).published is None  # the text's years disagree: undated
    one_year = text.replace("a ruling of July 12, 2016, that Manila cites", "talks in May 2024")
    a = _clean(one_year)
    assert a.published == date(2024, 6, 18) and a.undated_dateline is None


def test_an_undated_dateline_is_said(reader: Reader) -> None:
    raw = RawArticle(text="MANILA, June 18 (Wire) - The Philippines gave Beijing two weeks.")
    reading = reader.read(raw)
    assert reading.article.published is None
    assert reading.article.undated_dateline == "June 18"
    (no_date,) = [w for w in reading.warnings if w.kind == "no-date"]
    assert '"June 18" with no year' in no_date.message


@pytest.mark.parametrize(
    ("paragraph", "want"),
    [
        ("14:20 The army says it is ready.", "The army says it is ready."),
        ("09:20 CET - Leaders arrive in Brussels.", "Leaders arrive in Brussels."),
        ("By 12:00 the talks had ended.", "By 12:00 the talks had ended."),
        ("2024 was a hard year.", "2024 was a hard year."),
        ("12:00", "12:00"),
    ],
)
def test_a_live_blog_entry_loses_its_time_stamp(paragraph: str, want: str) -> None:
    from standoff.read.clean import strip_time_stamp

    assert strip_time_stamp(paragraph) == want


def test_a_word_class_named_twice_is_refused() -> None:
    from standoff.read.words import parse_words

    assert sorted(parse_words("verbs: [ask]\nnouns: [plea]\n").verbs) == ["ask"]
    with pytest.raises(ValueError, match="verbs"):
        parse_words("verbs: [ask]\nnouns: [plea]\nverbs: [beg]\n")
