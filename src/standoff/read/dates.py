"""Dates in news text, resolved against the publication date, by sense.

Reports of what happened ("on Monday") point back; deadlines ("by Friday",
"within 50 days", "ten days from today") point forward. A global preference
for future dates would move datelines into next year and weekdays into next
week (reading-pitfalls.md, 6), so every call says which way it looks.

The commonest deadline forms are handled by the rules in :data:`RULES`; the
rest goes to dateparser with the publication date as its base.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from dateutil.relativedelta import relativedelta

from standoff.model import DatePrecision, ResolvedDate

Direction = Literal["past", "future"]

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "a": 1,
    "an": 1,
    "a couple of": 2,
    "several": 3,
    "a few": 3,
    "hundred": 100,
}
_NUM = (
    r"(\d+|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + r")"
)
UNIT_DAYS = {
    "day": 1,
    "days": 1,
    "week": 7,
    "weeks": 7,
    "hour": 1 / 24,
    "hours": 1 / 24,
    "fortnight": 14,
    "fortnights": 14,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


# ----------------------------------------------------------------- out-of-range dates
# Every function here is total: text such as "within 10000000 days", "until February 29"
# in a non-leap year, or any relative date counted from a publication date in year 1 or
# 9999 gives an unresolved date, never an exception. The words dropped that way are
# collected while a Reader reads an article (collect_dropped) and become one warning in
# the Reading.
_DROPPED: ContextVar[list[str] | None] = ContextVar("dropped_dates", default=None)


@contextmanager
def collect_dropped() -> Iterator[list[str]]:
    """Collect, in the block, the date words whose result fell outside 0001-9999."""
    bucket: list[str] = []
    token = _DROPPED.set(bucket)
    try:
        yield bucket
    finally:
        _DROPPED.reset(token)


def _drop(text: str) -> None:
    bucket = _DROPPED.get()
    if bucket is not None and text not in bucket:
        bucket.append(text)


def shift(day: date, days: float, text: str) -> date | None:
    """``day`` moved by ``days`` (negative: back); None, noted as dropped, when the result
    would fall outside the calendar's years 1-9999."""
    try:
        return day + timedelta(days=days)
    except (OverflowError, ValueError):
        _drop(text)
        return None


# Digits past this many mean a count beyond any calendar (and int() refuses over 4,300).
_MAX_DIGITS = 9


def number(word: str) -> int:
    """'ten' -> 10, '50' -> 50; a count of more than nine digits is capped at 10**9 days'
    worth, which no date can be moved by (:func:`shift` then drops it)."""
    word = word.lower().strip()
    if word.isdigit():
        return int(word) if len(word) <= _MAX_DIGITS else 10**_MAX_DIGITS
    return NUMBER_WORDS[word]


def _span(base: date, n: int, unit: str) -> date:
    if unit.lower().startswith("month"):
        # calendar months, as people count them: "two months" from 19 September is
        # 19 November, not 18 November (60 days)
        return base + relativedelta(months=n)
    days = n * UNIT_DAYS[unit.lower()]
    return base + timedelta(days=max(1, round(days)) if days >= 1 else 1)


Rule = Callable[[re.Match[str], date, Direction], tuple[date, DatePrecision, bool]]


def _within(m: re.Match[str], base: date, _d: Direction) -> tuple[date, DatePrecision, bool]:
    first = number(m.group("n"))
    approx = bool(m.group("alt")) or bool(m.group("about"))
    return _span(base, first, m.group("unit")), DatePrecision.DAY, approx


def _days_ago(m: re.Match[str], base: date, _d: Direction) -> tuple[date, DatePrecision, bool]:
    n, unit = number(m.group("n")), m.group("unit").lower()
    if unit.startswith("month"):
        return base - relativedelta(months=n), DatePrecision.DAY, False
    return base - timedelta(days=round(n * UNIT_DAYS[unit])), DatePrecision.DAY, False


def _weekday(
    m: re.Match[str], base: date, direction: Direction
) -> tuple[date, DatePrecision, bool]:
    target = WEEKDAYS.index(m.group("day").lower())
    which = (m.group("which") or "").lower()
    if which == "next" or (direction == "future" and which != "last"):
        ahead = (target - base.weekday()) % 7
        if which == "next" and ahead == 0:
            ahead = 7
        if which == "next" and ahead < 7 and m.group("week"):
            ahead += 7
        return base + timedelta(days=ahead), DatePrecision.DAY, False
    behind = (base.weekday() - target) % 7
    if which == "last" and behind == 0:
        behind = 7
    return base - timedelta(days=behind), DatePrecision.DAY, False


def _relative_word(m: re.Match[str], base: date, _d: Direction) -> tuple[date, DatePrecision, bool]:
    offsets = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
    return base + timedelta(days=offsets[m.group(0).lower()]), DatePrecision.DAY, False


def _end_of_week(m: re.Match[str], base: date, _d: Direction) -> tuple[date, DatePrecision, bool]:
    friday = base + timedelta(days=(4 - base.weekday()) % 7)
    if m.group("next"):
        friday += timedelta(days=7)
    return friday, DatePrecision.DAY, True


def _end_of_year(m: re.Match[str], base: date, _d: Direction) -> tuple[date, DatePrecision, bool]:
    """'by the end of the year', 'before year-end', 'by the end of next year': 31 December."""
    year = int(m.group("year")) if m.group("year") else base.year + (1 if m.group("next") else 0)
    return date(year, 12, 31), DatePrecision.DAY, True


def _end_of_month(m: re.Match[str], base: date, _d: Direction) -> tuple[date, DatePrecision, bool]:
    year, month = base.year, base.month + (1 if m.group("next") else 0)
    if month == 13:
        year, month = year + 1, 1
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1), DatePrecision.DAY, True


def _start_of_month(
    m: re.Match[str], base: date, _d: Direction
) -> tuple[date, DatePrecision, bool]:
    """'by the start of next month': its first day (this month's start is already past)."""
    year, month = base.year, base.month + 1
    if month == 13:
        year, month = year + 1, 1
    return date(year, month, 1), DatePrecision.DAY, True


RULES: list[tuple[re.Pattern[str], Rule]] = [
    (
        re.compile(
            r"(?:within|in|after|for|of|to)?\s*(?:the\s+(?:next|coming)\s+)?"
            r"(?P<about>about |some |around |roughly )?"
            rf"(?P<n>{_NUM})"
            rf"(?P<alt>\s*(?:or|to|-|\u2013)\s*{_NUM})?[\s-]+"
            r"(?P<unit>days?|weeks?|months?|hours?|fortnights?)"
            # "in ten days' time": the possessive of a span
            r"(?:\s+(?:from\s+(?:today|now)|time)|['\u2019](?:\s+time)?)?$",
            re.I,
        ),
        _within,
    ),
    (re.compile(rf"(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?)\s+ago$", re.I), _days_ago),
    (
        re.compile(
            r"(?:(?:by|on|until|before|from)\s+)?(?:(?P<which>next|last|this|coming)\s+)?"
            r"(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
            r"(?P<week>\s+week)?$",
            re.I,
        ),
        _weekday,
    ),
    (re.compile(r"today|tonight|tomorrow|yesterday", re.I), _relative_word),
    (
        re.compile(r"(?:by\s+)?(?:the\s+)?end\s+of\s+(?:(?P<next>next)|this|the)\s+week$", re.I),
        _end_of_week,
    ),
    (
        re.compile(r"(?:by\s+)?(?:the\s+)?end\s+of\s+(?:(?P<next>next)|this|the)\s+month$", re.I),
        _end_of_month,
    ),
    (
        re.compile(r"(?:by\s+)?(?:the\s+)?(?:start|beginning)\s+of\s+next\s+month$", re.I),
        _start_of_month,
    ),
    (
        re.compile(
            r"(?:by\s+)?(?:the\s+)?(?:end\s+of\s+(?:(?P<next>next)\s+year|this\s+year|the\s+year|"
            r"(?P<year>\d{4}))|year[\s-]end)$",
            re.I,
        ),
        _end_of_year,
    ),
]
_STRIP = re.compile(r"^(?:by|on|until|before|no later than|from|as of|since|the)\s+", re.I)


def bare(text: str) -> str:
    """A date phrase without its leading preposition, lower case: 'by next Friday' and
    'next Friday' name the same date."""
    return _STRIP.sub("", text.strip()).lower()


# News repeats its dates; ResolvedDate is immutable enough to share. A small cache fills
# within the first hundred articles: with 4,096 entries it took ~1,300 generated articles
# to fill, and a long ingest's memory grew by ~3 MB until it did (docs/store.md).
def resolve(text: str, base: date | None, direction: Direction) -> ResolvedDate:
    """Resolve a date expression against ``base`` (the publication date).

    Returns a :class:`ResolvedDate` whose ``value`` is None when the text has
    no date, when a relative expression has no base to count from, or when the
    date it gives is outside years 1-9999 or does not exist (February 29 of a
    common year); the last two are noted for :func:`collect_dropped`.
    """
    resolved, dropped = _resolve_cached(text, base, direction)
    if dropped:
        _drop(text)
    return resolved


@lru_cache(maxsize=512)
def _resolve_cached(
    text: str, base: date | None, direction: Direction
) -> tuple[ResolvedDate, bool]:
    """:func:`resolve`, cached, with whether the date was dropped as out of range."""
    try:
        return _resolve(text, base, direction), False
    except (OverflowError, ValueError):  # past year 9999 or before year 1; no such day
        return ResolvedDate(value=None, precision=DatePrecision.UNRESOLVED, text=text), True


# Days of the month spelt out, as speakers and transcripts give them ("the fourteenth of
# April"): dateparser reads only figures ("14th of April").
_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9,
}  # fmt: skip
ORDINAL_DAYS = {
    **_ORDINAL_UNITS,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
    **{f"twenty{sep}{w}": 20 + n for w, n in _ORDINAL_UNITS.items() for sep in ("-", " ")},
    "thirty-first": 31, "thirty first": 31,
}  # fmt: skip
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ORDINAL = "|".join(sorted((re.escape(w) for w in ORDINAL_DAYS), key=len, reverse=True))
_SPELT_DAY = re.compile(
    rf"\b(?:the\s+)?(?P<day>{_ORDINAL})\s+of\s+(?P<month>{_MONTH})|"
    rf"\b(?P<month2>{_MONTH})\s+(?:the\s+)?(?P<day2>{_ORDINAL})\b",
    re.I,
)


def spelt_days(words: str) -> str:
    """'the fourteenth of April' -> '14 April', 'May the first' -> '1 May': a day of the
    month spelt out, in figures for the date parser."""

    def figures(m: re.Match[str]) -> str:
        day = (m.group("day") or m.group("day2")).lower()
        return f"{ORDINAL_DAYS[day]} {m.group('month') or m.group('month2')}"

    return _SPELT_DAY.sub(figures, words)


def _resolve(text: str, base: date | None, direction: Direction) -> ResolvedDate:
    words = spelt_days(" ".join(text.split()).strip(" ,.;"))
    has_year = bool(re.search(r"\b\d{4}\b", words))
    for pattern, rule in RULES:
        m = pattern.fullmatch(words) or pattern.fullmatch(_STRIP.sub("", words))
        if m:
            if base is None:
                return ResolvedDate(
                    value=None, precision=DatePrecision.UNRESOLVED, text=text, relative=True
                )
            value, precision, approx = rule(m, base, direction)
            return ResolvedDate(
                value=value, precision=precision, text=text, approximate=approx, relative=True
            )
    return _dateparser(words, text, base, direction, has_year)


_MONTH_ONLY = re.compile(
    r"^(?:early |mid-|late |(?:the )?(?:end|start|beginning) of )?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+\d{4})?$",
    re.I,
)


_PART_OF_MONTH = re.compile(
    r"^(early|mid-?|late|the end of|end of|(?:the )?(?:start|beginning) of)\s*", re.I
)
_PART_DAY = {
    "early": 1,
    "mid": 15,
    "late": 25,
    "the end of": 31,
    "end of": 31,
    # "by the start of April": its first day
    "the start of": 1,
    "start of": 1,
    "the beginning of": 1,
    "beginning of": 1,
}


def _dateparser(
    words: str, text: str, base: date | None, direction: Direction, has_year: bool
) -> ResolvedDate:
    import dateparser

    cleaned = _STRIP.sub("", words)
    if not re.search(r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", cleaned, re.I):
        return ResolvedDate(value=None, precision=DatePrecision.UNRESOLVED, text=text)
    if base is None and not has_year:
        return ResolvedDate(
            value=None, precision=DatePrecision.UNRESOLVED, text=text, relative=True
        )
    month_only = bool(_MONTH_ONLY.match(cleaned))
    settings = {
        "PREFER_DATES_FROM": "current_period",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["month"],
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    part = _PART_OF_MONTH.match(cleaned)  # "early September": the month, then a day within it
    to_parse = cleaned[part.end() :] if part else cleaned
    parsed = dateparser.parse(to_parse, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return ResolvedDate(value=None, precision=DatePrecision.UNRESOLVED, text=text)
    value = parsed.date()
    if part is not None and month_only:
        day = _PART_DAY[part.group(1).lower().rstrip("- ")]
        last = (value.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        value = value.replace(day=min(day, last.day))
    if base is not None and not has_year:
        # "August 9" in an August article is this year; "December 1" read in January, by sense.
        if direction == "future" and value < base - timedelta(days=183):
            value = value.replace(year=value.year + 1)
        elif direction == "past" and value > base + timedelta(days=183):
            value = value.replace(year=value.year - 1)
    precision = DatePrecision.MONTH if month_only else DatePrecision.DAY
    return ResolvedDate(
        value=value,
        precision=precision,
        text=text,
        relative=not has_year,
        approximate=part is not None,
    )


def describe(day: date) -> str:
    """'Friday 8 August 2025'."""
    return f"{day:%A} {day.day} {day:%B %Y}"
