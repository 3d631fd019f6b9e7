"""Deadlines: every date an article ties to a threat's deadline, and the one to keep.

Stated dates, durations ("within 50 days", quoted "10 or 12 days"), dates counted
from a relative phrase ("two days before the deadline"), and moved deadlines ("cut
the deadline to ...") are candidates; a stated date that disagrees with a counted one
is reported as a warning, never silently chosen.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from standoff.model import DatePrecision, Evidence, ResolvedDate, Warning
from standoff.read.clean import ends_sentence
from standoff.read.dates import Direction, describe, number, resolve, shift
from standoff.read.evidence import sentence_evidence
from standoff.read.spans import (
    sentence_at,
    sentence_ents,
    sentence_of,
    sentence_start,
    sentences,
    sentences_back,
    span_text,
)
from standoff.read.syntax import subject_of, to_infinitive, unless_clause, verb_above
from standoff.read.triggers import REPORTING_VERBS
from standoff.read.word_table import lemmas, lower_words
from standoff.read.words import WORDS

DEADLINE_NOUNS = WORDS.deadline_nouns
TIME_NOUNS = frozenset(WORDS.time_nouns)


# Words that mark a deadline as the new one: "cut the deadline to 10 days".
MOVED_CUES = re.compile(
    r"\b(new|shorten|shortened|cut|cuts|brought forward|"
    # "extended the deadline", "was extended to": not "would not extend the contract"
    r"extend(?:s|ed|ing)?\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:\w+\s+){0,2}?"
    r"(?:deadline|date|ultimatum|period|time-limit|grace)|"
    r"(?:was|were|been|be)\s+extended|"
    # "moved the deadline", "was moved to": not "to move its fighters north"
    r"moved?\s+(?:the\s+|its\s+|their\s+)?(?:\w+\s+){0,2}?(?:deadline|date|ultimatum)|"
    r"(?:was|were|been|be)\s+moved|"
    r"pushed back|revised|reduced|slashed|"
    r"(?:is|was|falls|expires)\s+now|now\s+(?:falls|expires|due))\b",  # not "acted now"
    re.I,
)


BEFORE_DEADLINE = re.compile(
    rf"\b(?P<n>\d+|{'|'.join(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'ten'])})\s+"
    r"(?P<unit>days?|weeks?)\s+(?:before|ahead\s+of|prior\s+to)\s+(?:the\s+)?(?:\w+\s+){0,4}?"
    r"(?:deadline|ultimatum)",
    re.I,
)


# "the tariffs scheduled to start on Monday", "due to take effect on June 10": the day a
# measure is set to begin is the day the threat falls due.
SCHEDULED = re.compile(
    r"\b(scheduled|due|set|planned|slated)\s+to\s+(start|begin|take\s+effect|"
    r"come\s+into\s+force|kick\s+in|rise|go\s+up)\b",
    re.I,
)
# "the duties will take effect on Friday": the same, said of a threat's own measure; in a
# sentence of no threat ("That duty [on India, imposed] will take effect on August 27") it
# makes no deadline, so it only ties a date in a threat's sentence (:func:`_about_deadline`).
WILL_TAKE_EFFECT = re.compile(
    r"\b(?:will|would|shall)\s+(?:take\s+effect|come\s+into\s+force|enter\s+into\s+force|"
    r"kick\s+in)\b",
    re.I,
)


# "tariffs ... came into force on Wednesday": the day a threatened measure took effect is the
# day the threat fell due (told in the past, so its weekday is the one just gone).
IN_FORCE = re.compile(
    r"\b(came|went|took)\s+(?:back\s+)?(?:into\s+force|into\s+effect|effect)\b", re.I
)


# "after the EU's temporary import ban expires on Friday", "when the truce lapses at
# midnight": a measure or accord that runs out on a day. A threat to act once it lapses
# ("Budapest would impose its own ban if the EU measure lapsed") falls due that day.
EXPIRES = re.compile(
    r"\b(?:expires?|expiring|lapses?|lapsing|runs?\s+out|running\s+out)\s+"
    r"(?:on|at|by|in|this|next|tomorrow|tonight|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)[a-z]*\.?\s+\d)",
    re.I,
)


# Verbs of a measure running out, and the words by which a threat waits on it: "would
# impose its own ban if the EU measure lapsed", "once the truce expires".
LAPSE_VERBS = frozenset(("expire", "lapse", "run", "end"))
_WAITING_MARKS = frozenset(("if", "when", "once", "after"))


def tells_expiry(sent: Span) -> bool:
    """A sentence that says when a measure runs out ('the ban expires on Friday'); its text
    is built only when it holds a lapsing verb."""
    if _EXPIRY_LEMMAS.isdisjoint(lemmas(sent)):
        return False
    return EXPIRES.search(span_text(sent)) is not None


# The lemmas of EXPIRES's verbs ("expires", "lapsing", "runs out").
_EXPIRY_LEMMAS = frozenset(("expire", "lapse", "run"))


def waits_on_lapse(sent: Span) -> bool:
    """A sentence whose act waits on a measure running out: 'Budapest would impose its own
    ban if the EU measure lapsed', 'will act once the truce expires'. Such a threat falls due
    on the day the article says the measure runs out, even in another sentence."""
    return any(
        t.lemma_.lower() in LAPSE_VERBS
        and (t.lemma_.lower() != "run" or any(c.lower_ == "out" for c in t.children))
        and any(c.dep_ == "mark" and c.lower_ in _WAITING_MARKS for c in t.children)
        for t in sent
    )


SET_VERBS = frozenset({"set", "give", "impose", "fix", "announce", "issue"})
SET_DATE_NOUNS = ("date", "time-limit", "timeline")
# Every word deadline_word or "unless" can be: a sentence with none of them has no such token.
_CUE_WORDS = DEADLINE_NOUNS | {*SET_DATE_NOUNS, "unless"}


def set_date(tok: Token) -> bool:
    """'the July 18 date Tokyo had set', 'the date set by Madrid': a date someone set is a
    deadline, though the text does not call it one."""
    return tok.lower_ in SET_DATE_NOUNS and any(
        c.dep_ in ("relcl", "acl") and c.lemma_.lower() in SET_VERBS for c in tok.children
    )


def deadline_word(tok: Token) -> bool:
    """A word that names a deadline: 'deadline', 'ultimatum', or a date someone set."""
    return tok.lower_ in DEADLINE_NOUNS or set_date(tok)


PASSED = re.compile(  # "the deadline ... ran out on Friday", not "before the deadline expired"
    r"(?<!before the )\b(deadline|date)\b[^.]{0,120}\b(passed|expired|lapsed|came and went|"
    r"ran out)\b|"
    r"\b(passed|expired|lapsed)\b[^.]{0,30}\bdeadline\b",
    re.I,
)


QUOTED_DURATION = re.compile(
    r"[\"\u201c'\u2018](?P<span>(?:within |in )?(?:\d+|ten|five|seven|fifty|thirty|sixty|ninety|"
    r"twelve|fourteen|twenty)(?:\s*(?:or|to|-)\s*\d+)?\s+(?:days?|weeks?)(?: from (?:today|now))?)"
    r"[\"\u201d'\u2019]",
    re.I,
)


@dataclass
class Candidate:
    date: ResolvedDate
    sentence: Span
    moved: bool = False
    derived: str | None = None  # how a relative deadline was counted, for the warning


def deadline_candidates(
    doc: Doc, published: date | None, threat_sentences: set[int] | None = None
) -> list[Candidate]:
    """Every date the article attaches to a deadline or ultimatum.

    ``threat_sentences`` (sentence starts) are sentences that carry a threat: a
    forward duration or date in them ("... if it does not agree within 50 days")
    is a deadline too.
    """
    out: list[Candidate] = []
    for sent in sentences(doc):
        if not _has_deadline(sent, threat_sentences or set()):
            continue
        moved_from = _moved_from(sent)
        rel = BEFORE_DEADLINE.search(span_text(sent))
        found, covered = _entity_candidates(sent, published, rel, moved_from)
        found += _untagged_candidates(sent, published, moved_from)
        out.extend(
            found or _occasion_candidates(sent, published) or _ran_out_that_day(sent, published)
        )
        out.extend(_quoted_candidates(sent, published, covered, moved_from))
        if rel is not None:
            out.extend(_counted_candidate(sent, published, rel, moved_from))
    return out


def _untagged_candidates(
    sent: Span, published: date | None, moved_from: int | None
) -> list[Candidate]:
    """The deadlines of spans of time the entity recogniser missed ('gave Rabat a week')."""
    found = (_date_candidate(s, sent, published, moved_from) for s in _untagged_durations(sent))
    return [c for c in found if c is not None]


def _has_deadline(sent: Span, threat_sentences: set[int]) -> bool:
    """A sentence that names a deadline, an ultimatum, an "unless", time given ("gave Moscow
    50 days"), a measure scheduled to start, or that carries a threat."""
    if sent.start in threat_sentences:  # the cheapest test first; all are pure
        return True
    low = span_text(sent).lower()
    return (
        re.search(r"\b(gave|give|giving|given)\b[^.]{0,60}\b(days?|weeks?|until|till)\b", low)
        is not None
        or HAS_UNTIL.search(low) is not None
        or SCHEDULED.search(low) is not None
        or IN_FORCE.search(low) is not None
        or EXPIRES.search(low) is not None
        or (
            not _CUE_WORDS.isdisjoint(lower_words(sent))
            and any(deadline_word(t) or t.lower_ == "unless" for t in sent)
        )
    )


# "Belgrade has until noon on Friday to withdraw", "the rebels now have till Monday": time
# left to a party, told without a giving verb or the word "deadline", is a time limit.
HAS_UNTIL = re.compile(
    r"\b(?:has|have|had)\s+(?:(?:now|only|just|still)\s+)?(?:until|till)\b", re.I
)


def _moved_from(sent: Span) -> int | None:
    """Where a moved deadline's new value starts (a character offset in the document):
    after "cut the 50-day deadline to", None when the sentence moves no deadline."""
    cue = MOVED_CUES.search(span_text(sent))
    if cue is None:
        return None
    moved_from = sent.start_char + cue.end()
    to = re.search(r"\b(to|until|till|at)\b", span_text(sent)[cue.end() :])
    if to is not None:  # "cut the 50-day deadline to 10 days": the new value follows "to"
        moved_from += to.start()
    return moved_from


def _entity_candidates(
    sent: Span, published: date | None, rel: re.Match[str] | None, moved_from: int | None
) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """The dates the entity recogniser found that a deadline is about, and where they are."""
    out: list[Candidate] = []
    covered: list[tuple[int, int]] = []  # dates already taken as candidates
    for ent in sentence_ents(sent):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if (
            rel
            and ent.start_char - sent.start_char <= rel.end()
            and ent.end_char - sent.start_char >= rel.start()
        ):
            continue  # "two days before the deadline" is not the deadline itself
        candidate = _midnight_candidate(ent, sent, published) or _date_candidate(
            ent, sent, published, moved_from
        )
        if candidate is not None:
            out.append(candidate)
            covered.append((ent.start_char, ent.end_char))
    return out, covered


# Verbs by which a text gives the day an occasion starts: "the holy month is expected to
# begin around March 10", "the festival falls on June 16".
OCCASION_VERBS = frozenset(("begin", "start", "fall", "open", "commence"))
# Verbs by which a text gives the day of a meeting: "EU leaders meet on March 21".
MEETING_VERBS = frozenset(("meet", "convene", "gather", "reconvene"))


def _occasion_candidates(sent: Span, published: date | None) -> list[Candidate]:
    """'not home by the start of Ramadan ... "If by Ramadan our hostages are not home ...,"
    he said. The Muslim holy month is expected to begin around March 10': a time limit
    named by an occasion, not a date, falls on the day a following sentence gives for the
    occasion's start (a sentence that names the occasion, or follows one that does)."""
    names = {
        t.text
        for e in sentence_ents(sent)
        if e.label_ in ("DATE", "EVENT")
        and sets_deadline(e, sent)
        and resolve(e.text, published, "future").value is None
        for t in e
        if t.pos_ == "PROPN"
    } | _limit_meetings(sent)
    if not names:
        return []
    doc = sent.doc
    previous = sent
    for _ in range(OCCASION_LOOKAHEAD):
        if previous.end >= len(doc):
            break
        following = sentence_at(doc, previous.end)
        told = f"{previous.text} {following.text}".lower()
        named = any(n.lower() in told for n in names)
        day = _occasion_day(following, published, names) if named else None
        if day is not None:
            return [Candidate(day, sent)]
        previous = following
    return []


def _limit_meetings(sent: Span) -> set[str]:
    """'unless Rabat acts before the summit', 'ahead of the talks': a meeting a limit runs to,
    named without its day (a following sentence gives it: "The summit opens on March 21")."""
    return {
        t.lower_
        for t in sent
        if t.lower_ in WORDS.meeting_nouns
        and t.dep_ == "pobj"
        and (
            t.head.lower_ in ("before", "until", "by")
            or (t.head.lower_ == "of" and t.head.head.lower_ == "ahead")
        )
    }


# How many sentences after a time limit named by an occasion may give its day.
OCCASION_LOOKAHEAD = 4


def _occasion_day(sent: Span, published: date | None, names: set[str]) -> ResolvedDate | None:
    """The day a sentence says an occasion begins ("the holy month is expected to begin
    around March 10"): the sentence's subject is the occasion's name or a noun that takes
    an occasion up ("month", "holiday"), not "the talks"."""
    for ent in sentence_ents(sent):
        verb = ent.root.head if ent.root.dep_ == "pobj" else ent.root
        verb = verb.head if verb.dep_ == "prep" else verb
        if ent.label_ != "DATE":
            continue
        lemma = verb.lemma_.lower()
        # "EU leaders meet in Brussels on March 21": the day of a meeting the limit runs to
        meets = lemma in MEETING_VERBS and not names.isdisjoint(WORDS.meeting_nouns)
        if lemma not in OCCASION_VERBS and not meets:
            continue
        subjects = [  # "the month is expected to begin": the subject of "expected"
            c for v in (verb, verb.head) for c in v.children if c.dep_ in ("nsubj", "nsubjpass")
        ]
        lower_names = {n.lower() for n in names}
        if not meets and not any(
            c.lower_ in lower_names or c.lower_ in WORDS.occasion_nouns for c in subjects
        ):
            continue
        text = _HEDGE.sub("", ent.text)  # "around March 10": the day is still March 10
        day = resolve(text, published, "future")
        if day.value is not None and day.precision is DatePrecision.DAY:
            return day
    return None


_HEDGE = re.compile(r"^(around|about|approximately|roughly|on or about)\s+", re.I)


# "arrived on the very day his ultimatum ran out", "on the day the deadline expired": a
# limit that ran out on the day of the act the sentence tells.
_RAN_OUT_THAT_DAY = re.compile(
    r"\bon the (?:very |same )?day (?:that |when )?(?:[\w']+\s+){0,3}?(?:deadline|ultimatum)"
    r"(?:\s+[\w']+){0,3}?\s+(?:ran out|expired|lapsed|passed|ended)\b",
    re.I,
)


def _ran_out_that_day(sent: Span, published: date | None) -> list[Candidate]:
    """'Fico arrived on the very day his own ultimatum ran out': the limit fell on the day of
    the act, which the sentence or the one before it states ("On Friday the two leaders
    finally met"), even across a paragraph break: the act is the one just told."""
    if _RAN_OUT_THAT_DAY.search(span_text(sent)) is None:
        return []
    day = _stated_past_day(sent, published)
    if day is None and sent.start > 0:
        previous = sentence_at(sent.doc, sent.start - 1)
        while previous.start > 0 and not previous.text.strip():  # the paragraph break
            previous = sentence_at(sent.doc, previous.start - 1)
        day = _stated_past_day(previous, published)
    if day is None:
        return []
    at = ResolvedDate(value=day, precision=DatePrecision.DAY, text=describe(day), relative=True)
    return [Candidate(at, sent)]


# "by midnight last night", "at midnight last night": the midnight that ended the day
# before the report.
_LAST_NIGHT = re.compile(r"\bmidnight\s+last\s+night\b", re.I)


def _midnight_candidate(ent: Span, sent: Span, published: date | None) -> Candidate | None:
    """'sanctions came back into force at midnight', told the next morning, or 'asked Rabat
    to answer by midnight last night': the day that ended at that midnight."""
    if published is None:
        return None
    if _LAST_NIGHT.search(ent.text):  # "by midnight last night": the day before the report
        day = shift(published, -1, ent.text)
        if day is None:
            return None
        at = ResolvedDate(value=day, precision=DatePrecision.DAY, text=ent.text, relative=True)
        return Candidate(at, sent)
    if not _bare_midnight(ent):
        return None
    verb = _clause_of(ent)
    if verb.tag_ != "VBD":
        return None
    # "hours before a deadline ran out at midnight": tonight's, the day of the report
    day = published if _still_to_come(verb) else shift(published, -1, ent.text)
    if day is None:  # published on 1 January of year 1
        return None
    at = ResolvedDate(value=day, precision=DatePrecision.DAY, text=ent.text, relative=True)
    return Candidate(at, sent)


def _date_candidate(
    ent: Span, sent: Span, published: date | None, moved_from: int | None
) -> Candidate | None:
    """A date about a deadline, resolved forwards (not a past day: "the deadline he had
    announced on July 14", unless the deadline has passed)."""
    if not _about_deadline(ent, sent) or _as_of(ent) or _from_a_later_event(ent, sent):
        return None
    told_past = _past_perfect(ent) or _took_effect(ent, sent) or _ran_out_on(ent)
    direction: Direction = "past" if told_past else "future"
    base = _anchor(ent, sent, published)
    weekday = _WEEKDAY.fullmatch(ent.text.strip()) is not None
    given = None
    if direction == "future" and weekday:
        given = _given_ago(sent, published) or _given_on(ent, sent, published)
        base = given or base
        if given is None and PASSED.search(span_text(sent)):
            direction = "past"  # "until Thursday, but the deadline passed": the one gone
    resolved = resolve(ent.text, base, direction)
    if (
        resolved.value is None
        and resolved.precision is DatePrecision.UNRESOLVED
        and not resolved.relative
    ):
        return None
    # A duration counted from a day the text states ("Five days later he gave them four
    # days") is a deadline even when it has passed: an explainer retells old ultimatums.
    counted = base != published and (_DURATION.search(ent.text) is not None or given is not None)
    if (
        resolved.value is not None
        and published is not None
        and resolved.value < (shift(published, -1, ent.text) or date.min)
        and not PASSED.search(span_text(sent))
        and not counted
    ):
        return None
    moved = moved_from is not None and ent.start_char >= moved_from and not _superseded(ent)
    return Candidate(resolved, sent, moved)


# Words that mark a deadline as the one since replaced: "the first 60-day deadline".
_SUPERSEDED = frozenset(("first", "original", "initial", "old", "previous", "earlier", "former"))


def _superseded(ent: Span) -> bool:
    """'after the first 60-day deadline was pushed back': the deadline the sentence says was
    moved is the old one, not the new value a moved deadline gives."""
    noun = ent.root.head if ent.root.dep_ in ("amod", "compound", "nmod") else ent.root
    window = ent.doc[max(sentence_start(ent.doc, noun.i), ent.start - 2) : ent.start]
    return any(c.lower_ in _SUPERSEDED for c in noun.children) or any(
        t.lower_ in _SUPERSEDED for t in window
    )


_WEEKDAY = re.compile(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.I)


def _given_ago(sent: Span, published: date | None) -> date | None:
    """'a week ago the bloc gave the junta until Sunday': a weekday limit given some time
    ago is the first such weekday after the day it was given, not after publication."""
    for other in sentence_ents(sent):
        if other.label_ == "DATE" and re.search(r"\bago\b", other.text, re.I):
            day = resolve(other.text, published, "past")
            if day.value is not None and day.precision is DatePrecision.DAY:
                return day.value
    return None


def _given_on(ent: Span, sent: Span, published: date | None) -> date | None:
    """'On Monday Spain gave Morocco until Wednesday', 'said on Thursday it would act on
    Monday': a weekday limit set on a day the sentence states is the first such weekday
    after that day (the resolver counts from the day after it), not after publication. The
    stated day must be that of the verb that sets the limit or says so, not of a clause
    beside it ("the EU, which imposed duties on March 2, said it would raise them on
    Friday": Friday from today)."""
    if _told_from_now(ent):
        return None  # "issued on March 8, runs out on Monday": Monday from today
    setting = {ent.root.i} | {t.i for t in ent.root.ancestors}
    for other in sentence_ents(sent):
        if other == ent or other.label_ != "DATE" or _clause_of(other).i not in setting:
            continue
        day = _stated_past_day(sent.doc[other.start : other.end], published)
        if day is not None:
            return shift(day, 1, ent.text)
    return None


def _clause_of(ent: Span) -> Token:
    """The verb a date entity belongs to ('On Monday Spain gave ...': "gave")."""
    return verb_above(ent.root)


def _told_from_now(ent: Span) -> bool:
    """A date on a verb in the present or with "will" ('runs out on Monday', 'will expire on
    Monday'): told from the report's day, whatever day the sentence says the limit was set."""
    verb = verb_above(ent.root.head)
    return verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children
    )


# Verbs of a limit running out, told in the past: "the deadline expired on Thursday".
_RAN_OUT_VERBS = frozenset(("expire", "pass", "lapse", "end", "run"))


def _ran_out_on(ent: Span) -> bool:
    """'The deadline Spain set expired on Thursday': a day a limit ran out on, told in the
    past tense, is the weekday just gone, not the next."""
    verb = ent.root.head if ent.root.dep_ == "pobj" else ent.root
    verb = verb.head if verb.dep_ == "prep" else verb
    return verb.lemma_.lower() in _RAN_OUT_VERBS and verb.tag_ == "VBD"


def _took_effect(ent: Span, sent: Span) -> bool:
    """'came into force on Wednesday': a day right after words that say a measure took effect."""
    m = IN_FORCE.search(span_text(sent))
    return m is not None and 0 <= ent.start_char - sent.start_char - m.end() <= 5


def _past_perfect(ent: Span) -> bool:
    """'had given the mediators until Tuesday': a limit told in the past perfect was set
    before the report, and its weekday is the one just gone, not the next."""
    verb = ent.root.head
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


def _quoted_candidates(
    sent: Span, published: date | None, covered: list[tuple[int, int]], moved_from: int | None
) -> list[Candidate]:
    """'had "ten days from today"', "to '10 or 12 days'": quotes often hide a duration from
    the entity recogniser; the words still set the deadline."""
    out: list[Candidate] = []
    for m in QUOTED_DURATION.finditer(span_text(sent)):
        start = sent.start_char + m.start("span")
        if any(a <= start < b for a, b in covered):
            continue
        resolved = resolve(m.group("span"), published, "future")
        if resolved.value is not None:
            moved = moved_from is not None and start >= moved_from
            out.append(Candidate(resolved, sent, moved))
    return out


def _counted_candidate(
    sent: Span, published: date | None, rel: re.Match[str], moved_from: int | None
) -> list[Candidate]:
    """'two days before the deadline', counted from the day the sentence tells."""
    anchor = _sentence_day(sent, published)
    if anchor is None:
        return []
    n = number(rel.group("n")) * (7 if rel.group("unit").lower().startswith("week") else 1)
    value = shift(anchor[0], n, rel.group(0))
    if value is None:  # outside the calendar: dropped with a warning (dates.shift)
        return []
    how = f'"{rel.group(0)}", counted from {anchor[1]}, gives {describe(value)}'
    at = ResolvedDate(value=value, precision=DatePrecision.DAY, text=rel.group(0), relative=True)
    return [Candidate(at, sent, moved_from is not None, how)]


def _from_a_later_event(ent: Span, sent: Span) -> bool:
    """'three months to leave once the law is passed': a clock that starts on an event still
    to come has no day yet."""
    return _DURATION.search(ent.text) is not None and any(
        t.lower_ == "once" and t.dep_ == "mark" and t.i > ent.start for t in sent
    )


def _bare_midnight(ent: Span) -> bool:
    """'came into force at midnight': a midnight with no day named."""
    return "midnight" in ent.text.lower() and not re.search(
        r"\d|day\b|tomorrow|tonight", ent.text, re.I
    )


def _still_to_come(verb: Token) -> bool:
    """'hours before a deadline ran out at midnight': a past tense under "before" tells what
    had not yet happened when the report was written."""
    near = [verb.head, *verb.children, *(g for c in verb.children for g in c.children)]
    if verb.dep_ == "pcomp":
        near += list(verb.head.children)
    return any(t.lower_ == "before" and t.dep_ in ("mark", "prep") for t in near)


def _as_of(ent: Span) -> bool:
    """'As of Tuesday, the clock runs out ...': the day of the statement, not the deadline."""
    before = ent.doc[max(0, ent.start - 2) : ent.start].text.lower()
    return before.endswith("as of") or before.endswith("since")


def _forward_duration(ent: Span, sent: Span) -> bool:
    """'within 50 days', 'a 50-day deadline', 'gave Moscow 50 days': a duration that sets a
    deadline; 'talks lasted about three hours' or '50 days ago' do not."""
    text = ent.text.lower()
    if re.search(r"\bago\b|\bpast\b|\blast\b|\bearlier\b", text) or _ends_a_range(ent, sent):
        return False
    before = sent.doc[max(sent.start, ent.start - 2) : ent.start].text.lower()
    if re.search(r"\b(within|in|by|next|from|of)\b", before) or re.search(
        r"from (today|now)", text
    ):
        return True
    root = ent.root
    if root.dep_ in ("amod", "compound", "nmod") and root.head.lower_ in DEADLINE_NOUNS:
        return True  # "the 50-day deadline"
    if _expulsion_span(ent):
        return False  # "They have one week to leave": the diplomats' time to go
    if _given(root):
        return True  # "gave Moscow 50 days", "Russia had ten days", "gave Rabat 24 hours"
    return bool(
        re.search(
            r"\b(?:days?|weeks?|hours?|fortnights?)\b.*\bto\b",
            sent.doc[ent.start : min(sent.end, ent.end + 3)].text,
        )
    )


def _ends_a_range(ent: Span, sent: Span) -> bool:
    """'a month to six weeks': the second end of a range of spans names no single day."""
    i = ent.start - 1
    return (
        i - 1 >= sent.start
        and sent.doc[i].lower_ in _RANGE_WORDS
        and sent.doc[i - 1].lower_ in TIME_NOUNS
    )


# Verbs whose object is time allowed: "gave Moscow 50 days", "Russia had ten days".
GIVING_VERBS = frozenset(("give", "grant", "have", "allow", "set"))

# People a state orders out: envoys, and its officials, nationals or staff.
EXPELLED_NOUNS = WORDS.envoy_nouns | WORDS.expellee_nouns
LEAVING_VERBS = WORDS.leaving_verbs
# Pronouns that take up people ordered out from a noun told just before.
_PLURAL_PRONOUNS = frozenset(("they", "them"))
_SINGULAR_PRONOUNS = frozenset(("he", "him", "she", "her"))


def expulsion_period(given: Token | None, clause: Token | None) -> bool:
    """'gave the French ambassador 72 hours to leave', 'the expelled officials have a week
    to leave', 'Oslo will expel four diplomats. They have five days to go': the time people
    ordered out are given to go is an expulsion's period (a SANCTION carried out), not a
    deadline to comply by. ``given`` is who has the time, ``clause`` the act it is for."""
    if given is None or clause is None or clause.lemma_.lower() not in LEAVING_VERBS:
        return False
    return _expelled_people(given)


def _expelled_people(tok: Token) -> bool:
    """Envoys or officials, named ('the diplomats') or taken up by a pronoun ('they') from
    the nearest nouns of the same number before it, in its sentence or the one before."""
    if tok.lemma_.lower() in EXPELLED_NOUNS or tok.lower_ in EXPELLED_NOUNS:
        return True
    low = tok.lower_
    if tok.pos_ != "PRON" or low not in _PLURAL_PRONOUNS | _SINGULAR_PRONOUNS:
        return False
    doc = tok.doc
    first = sentences_back(doc, tok.i, 1)
    plural = low in _PLURAL_PRONOUNS
    nouns = [
        t
        for t in reversed(doc[first : tok.i])
        if t.pos_ == "NOUN"
        and t.dep_ not in ("compound", "amod", "npadvmod")
        and (t.tag_ == "NNS") == plural
    ]
    return any(_expelled_people(n) for n in nouns[:2])


def _expulsion_span(ent: Span) -> bool:
    """'They have one week to leave', 'gave the envoys 48 hours to depart': a span of time
    the people ordered out are given to go (see :func:`expulsion_period`)."""
    noun = ent.root
    verb = noun.head
    lemma = verb.lemma_.lower()
    given: Token | None
    if noun.dep_ == "npadvmod" and verb.pos_ == "NOUN":
        given = verb  # "gave the envoys 72 hours": the time parsed inside the recipient
    elif lemma == "have":
        given = subject_of(verb)
    elif lemma in GIVING_VERBS:
        given = next(
            (c for c in verb.children if c.dep_ in ("dative", "iobj", "dobj") and c != noun),
            None,
        )
    else:
        return False
    clause = next(
        (
            c
            for t in (noun, verb)
            for c in t.children
            if c.dep_ in ("relcl", "acl", "xcomp", "advcl") and to_infinitive(c)
        ),
        None,
    )
    return expulsion_period(given, clause)


def _given(noun: Token) -> bool:
    """A span of time a verb allows: its object ("gave Moscow 50 days", "Russia had ten
    days"), or, as the parser often hangs it after an indirect object, its bare noun
    phrase ("gave Rabat 24 hours"; not "a month after they set the process in motion")."""
    lemma = noun.head.lemma_.lower()
    if noun.dep_ == "dobj":
        return lemma in GIVING_VERBS
    return noun.dep_ == "npadvmod" and lemma in ("give", "grant", "allow")


# Counts a span of time the entity recogniser may leave untagged starts with: "a week".
_SPAN_COUNTS = frozenset(("a", "an", "one"))
_RANGE_WORDS = frozenset(("to", "or", "-", "\u2013"))


def _untagged_durations(sent: Span) -> list[Span]:
    """'gave Rabat a week to reopen the border', 'within a fortnight': a span of time the
    entity recogniser did not tag (it often misses "a week"), given with a giving verb or
    within a limit preposition. Each is returned as the span of its words."""
    out: list[Span] = []
    for tok in sent:
        if tok.lower_ not in TIME_NOUNS or tok.ent_type_ or tok.i == sent.start:
            continue
        count = sent.doc[tok.i - 1]
        if count.lower_ not in _SPAN_COUNTS and count.like_num is False:
            continue
        if _ends_a_range(sent.doc[count.i : tok.i + 1], sent):
            continue
        within = tok.dep_ == "pobj" and tok.head.lower_ in ("within", "in")
        if _given(tok) or within:
            out.append(sent.doc[count.i : tok.i + 1])
    return out


# Links from a participle or noun inside a verb's object up to that verb.
_INSIDE_OBJECT = frozenset(("acl", "pobj", "prep", "dobj"))


def _clause_verb(tok: Token) -> Token:
    """The verb whose object holds ``tok``: 'step up checks on fish shipped from Denmark from
    April 2' hangs the date on "shipped", a participle inside the checks "step up" takes."""
    hops = 0
    while tok.dep_ in _INSIDE_OBJECT and tok.head.i != tok.i and hops < 5:
        if tok.dep_ != "acl" and tok.pos_ == "VERB":
            break
        tok, hops = tok.head, hops + 1
    return tok


def _due(verb: Token) -> bool:
    """A verb that puts a measure in force in the future: 'will raise tariffs', or any
    future act made conditional ('would stop supplies on January 1 if X did not pay'); not
    a saying verb the parser hangs the condition on ("said on Thursday it would impose
    sanctions on Monday unless ...": Thursday is the day of the saying)."""
    if verb.lemma_.lower() in REPORTING_VERBS:
        return False
    unless = unless_clause(verb) is not None
    future = unless or any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll") for c in verb.children
    )  # "face tariffs from August 1 unless ..."
    # "if"/"unless" after the verb, read from the words: the parser often cuts a long
    # conditional sentence in two or hangs "if" on the wrong verb; or the clause the parser
    # did hang on it, however far ("... step up checks on goods crossing from Britain from
    # November 2 unless London and the Channel island of Jersey issued more licences")
    after = verb.doc[verb.i + 1 : min(len(verb.doc), verb.i + 12)]
    conditional = unless or any(t.lower_ in ("if", "unless") for t in after)
    return (
        future
        and verb.pos_ == "VERB"
        and (
            conditional
            or any(
                c.dep_ == "dobj" and c.lemma_.lower() in WORDS.threat_objects for c in verb.children
            )
        )
    )


# Words that open a clause naming the event a limit runs to: "before EU leaders meet on
# September 24", "until the council votes on Friday". The event's day is the deadline.
LIMIT_MARKS = frozenset(("before", "until", "till"))


def _about_deadline(ent: Span, sent: Span) -> bool:
    """A date in a deadline sentence is the deadline when it is tied to it, or counts days."""
    text = ent.text.lower()
    if _DURATION.search(text):
        return _forward_duration(ent, sent)
    scheduled = SCHEDULED.search(span_text(sent)) or WILL_TAKE_EFFECT.search(span_text(sent))
    if scheduled is not None and 0 <= ent.start_char - sent.start_char - scheduled.end() <= 40:
        return True  # "scheduled to start on Monday"
    if _took_effect(ent, sent):
        return True  # "came into force on Wednesday"
    if _after_a_limit_time(ent):
        return True  # "by midnight on March 28", "until 5pm on Friday"
    if _NO_LATER_THAN.match(ent.text) or _no_later_than(ent):
        return True  # "reopens the border no later than April 5"
    head = ent.root
    for _ in range(4):
        if _ties_to_deadline(head, ent, sent):
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return (
        any(t.lower_ in DEADLINE_NOUNS for t in ent.root.children)
        or ent.root.head.lower_ in DEADLINE_NOUNS
    )


# Verbs of a period running out: a date hanging on one ends the period ("the ultimatum
# expires on Friday", "the 60 days run out on Sunday").
_ENDING_VERBS = frozenset(("expire", "fall", "end", "run", "lapse"))


def _ties_to_deadline(head: Token, ent: Span, sent: Span) -> bool:
    """Whether ``head`` (the date ``ent`` or a word above it) ties the date to a limit."""
    if head.lemma_ == "be" and any(c.dep_ == "nsubj" and deadline_word(c) for c in head.children):
        return True  # "The deadline for Rabat to reopen the border is March 28"
    if deadline_word(head) or head.lemma_.lower() in _ENDING_VERBS:
        return True
    # "if the border stays closed beyond April 2": the day a state may last until
    if head.dep_ == "pobj" and head.head.lower_ in ("by", "until", "before", "beyond"):
        return True
    if (
        head.pos_ in ("VERB", "AUX")
        and head.tag_ != "VBD"  # "before talks began on Monday" tells the past
        and any(c.dep_ == "mark" and c.lower_ in LIMIT_MARKS for c in head.children)
    ):
        return True  # "unless Ankara steps back before EU leaders meet on September 24"
    if (
        head.lemma_.lower() in ("start", "begin", "effective")
        and head.i < ent.start
        and any(t.dep_ == "aux" and t.lower_ in ("will", "would", "shall", "'ll") for t in sent)
    ):
        return True  # "will impose a tariff ... starting June 10" (not a measure in force)
    if head.dep_ == "prep" and head.lower_ in ("on", "from"):
        verb = _clause_verb(head.head)
        if _due(head.head) or (verb.i != head.head.i and _due(verb)):
            return True  # "will raise tariffs ... on Friday"
    # "putting the deadline at about August 8"
    return head.dep_ == "pobj" and any(c.lower_ in DEADLINE_NOUNS for c in head.head.head.children)


_NO_LATER_THAN = re.compile(r"no\s+later\s+than\b", re.I)


def _no_later_than(ent: Span) -> bool:
    """'no later than April 5' with the limit words outside the entity: the date is the
    object of "than" after "later"."""
    prep = ent.root.head
    return ent.root.dep_ == "pobj" and prep.lower_ == "than" and prep.head.lower_ == "later"


def _after_a_limit_time(ent: Span) -> bool:
    """'by midnight on March 28', 'until 5 p.m. on Friday': the day of a clock time that a
    limit word governs (the parser hangs "on March 28" on the verb, not on the time)."""
    doc = ent.doc
    first = sentence_start(doc, ent.start)
    i = ent.start - 1
    if i < first or doc[i].lower_ not in ("on", ","):
        return False
    i -= 1
    times = 0
    while i >= first and doc[i].ent_type_ == "TIME":
        i, times = i - 1, times + 1
    return times > 0 and i >= first and doc[i].lower_ in _LIMIT_PREPS


# A date that names one day ("Thursday", "July 14", "14 July", "yesterday"): the only kind a
# clock can start on. "A decade ago", "2015", "June" or "last week" are too coarse.
_DAY_NAMED = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.I,
)
# A span of time ("ten days", "a fortnight", "48 hours"), not a calendar week or month
# ("until the end of next week", "by this month"), which names its days itself.
_DURATION = re.compile(
    r"\b(?<!next )(?<!this )(?<!last )(?<!coming )(?<!the )"
    r"(days?|weeks?|months?|hours?|fortnights?)\b",
    re.I,
)
_FROM_NOW = re.compile(r"\bfrom\s+(today|now)\b", re.I)

# How many sentences back a duration may look for the day its clock started.
ANCHOR_LOOKBACK = 2


def _stated_past_day(sent: Span, published: date | None, skip: Span | None = None) -> date | None:
    """The first day a sentence says something happened on ("notified ... on Thursday",
    "counted from Thursday's delivery"): a named day, not after publication, not a day
    still to come ("next Monday")."""
    for other in sentence_ents(sent):
        if other.label_ != "DATE" or (skip is not None and other == skip):
            continue
        text = other.text.removesuffix("'s").removesuffix("\u2019s")
        if _DURATION.search(text) or not _DAY_NAMED.search(text):
            continue
        if re.search(r"\b(next|coming|tomorrow)\b", text, re.I):
            continue  # a day still to come is not when the clock started
        day = resolve(text, published, "past")
        if (
            day.value is not None
            and day.precision is DatePrecision.DAY
            and (published is None or day.value <= published)
        ):
            return day.value
    return None


def _anchor(ent: Span, sent: Span, published: date | None) -> date | None:
    """The day a duration counts from.

    News counts a duration from the event it reports: the day stated in the same
    sentence ("ten days, counted from Thursday's delivery"), else the day the nearest
    preceding sentence of the paragraph reports ("notified the Council on Thursday.
    ... within 30 days"). "From today" and a text with no stated day count from the
    publication date. Coarse dates ("a decade ago", "2015") never start a clock.
    """
    if not _DURATION.search(ent.text) or _FROM_NOW.search(span_text(sent)):
        return published
    start = _from_weekday(ent, published)
    if start is not None:
        return start
    day = _later_day(sent, ent, published) or _stated_past_day(sent, published, skip=ent)
    if day is not None:
        return day
    day = _day_before(sent, published)
    if day is not None:
        return day
    day = _day_of_the_act(ent, published)
    if day is None and (_present_perfect(ent) or _headline(sent)):
        day = _next_paragraph_day(sent, published)
    return published if day is None else day


# "a month from Monday": the weekday a span is counted from, right after the span.
_FROM_WEEKDAY = re.compile(
    r"\s*from\s+(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I
)


def _from_weekday(ent: Span, published: date | None) -> date | None:
    """'gave Rabat a month from Monday to reopen the border': the clock starts on the
    weekday named, the next one from publication (a start set in advance), whatever day
    the sentence says the span was given."""
    doc = ent.doc
    m = _FROM_WEEKDAY.match(doc.text[ent.end_char : ent.end_char + 20])
    if m is None:
        return None
    return resolve(m.group("day"), published, "future").value


def _headline(sent: Span) -> bool:
    """A line standing alone with no final stop, as a headline or a standfirst is ("African
    Union gives Sudan and South Sudan 48 hours to stop fighting"): it tells the lede's act
    in the present and leaves its day to the paragraph below."""
    doc = sent.doc
    text = span_text(sent)
    if not text.strip() or ends_sentence(text):
        return False  # the cleaner's test of a headline line
    starts = sent.start == 0 or _paragraph_ends(doc[sent.start - 1])
    return starts and (sent.end >= len(doc) or _paragraph_ends(doc[sent.end - 1]))


def _day_before(sent: Span, published: date | None) -> date | None:
    """The day the nearest preceding sentence of the paragraph reports (up to
    :data:`ANCHOR_LOOKBACK` sentences back); a paragraph break ends the search: the day
    belongs to another part of the story."""
    doc = sent.doc
    start = sent.start
    for _ in range(ANCHOR_LOOKBACK):
        if start == 0 or _paragraph_ends(doc[start - 1]):
            break
        previous = sentence_at(doc, start - 1)
        day = _stated_past_day(previous, published)
        if day is not None:
            return day
        start = previous.start
    return None


# "Five days later", "a week later": a day told as a span after the day told before it.
_LATER = re.compile(r"(?P<span>.+\b(?:days?|weeks?|months?))\s+later", re.I)


def _later_day(sent: Span, ent: Span, published: date | None) -> date | None:
    """'Israel halted deliveries on March 2. Five days later the leader gave the mediators
    four days': the clock starts on the day the sentence's "N days later" counts to from
    the day told just before (March 7), not on that earlier day."""
    for other in sentence_ents(sent):
        m = _LATER.fullmatch(other.text.strip()) if other.label_ == "DATE" else None
        if m is None or other == ent:
            continue
        day = _day_before(sent, published)
        later = resolve(m.group("span"), day, "future").value if day is not None else None
        if later is not None and (published is None or later <= published):
            return later
    return None


def _day_of_the_act(ent: Span, published: date | None) -> date | None:
    """'within 60 days of its request': the clock starts on the day the text reports the
    act the noun names ("The Commission said on Friday that it had requested
    consultations"), read from the sentences before the duration."""
    doc = ent.doc
    after = doc[ent.end : ent.end + 3]
    if len(after) < 2 or after[0].lower_ != "of":
        return None
    noun = next((t for t in after[1:] if t.pos_ == "NOUN"), None)
    if noun is None:
        return None
    for tok in reversed(doc[: sentence_start(doc, ent.start)]):
        if tok.pos_ == "VERB" and tok.lemma_.lower() == noun.lemma_.lower():
            return _stated_past_day(sentence_of(tok), published)
    return None


def _paragraph_ends(tok: Token) -> bool:
    """A paragraph break follows the token (a blank-line token, or a line break after it)."""
    return tok.is_space or "\n" in tok.whitespace_


def _present_perfect(ent: Span) -> bool:
    """'have given the junta one week': the duration hangs on a fresh act told without its
    day. The verb is the nearest one above the duration that is not in a relative clause
    (the parser may hang "one week" on "the soldiers who seized power")."""
    verb = ent.root.head
    while verb.head.i != verb.i and (verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "relcl"):
        verb = verb.head
    if _has_done(verb):
        return True
    # "The leader has said his forces will resume attacks if aid does not restart within
    # four days": the fresh act is the saying, the main verb the duration's clause hangs on.
    said = next((v for v in verb.ancestors if v.dep_ == "ROOT"), None)
    return said is not None and said.lemma_.lower() in REPORTING_VERBS and _has_done(said)


def _has_done(verb: Token) -> bool:
    """A verb in the present perfect: 'has given', 'have said'."""
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children
    )


def _next_paragraph_day(sent: Span, published: date | None) -> date | None:
    """The day the next paragraph's first sentence reports. A news lede tells a fresh act
    in the present perfect ("West African leaders have given the junta one week to ...")
    and leaves its day to the paragraph below ("At a summit in Abuja on Sunday, the bloc
    demanded ..."): the clock starts on that day, not on the publication date."""
    doc = sent.doc
    end = sent.end
    while end < len(doc) and not _paragraph_ends(doc[end - 1]) and not doc[end].is_space:
        end = sentence_at(doc, end).end  # the rest of the duration's paragraph
    while end < len(doc) and doc[end].is_space:
        end += 1
    if end >= len(doc):
        return None
    return _stated_past_day(sentence_at(doc, end), published)


def _sentence_day(sent: Span, published: date | None) -> tuple[date, str] | None:
    """The day a sentence reports ('on Wednesday'), else the publication date."""
    for ent in sentence_ents(sent):
        if ent.label_ == "DATE":
            r = resolve(ent.text, published, "past")
            if (
                r.value is not None
                and r.precision is DatePrecision.DAY
                and not _DURATION.search(ent.text)  # "Thursday" is a day, "ten days" is not
            ):
                return r.value, f"{ent.text.strip()} ({describe(r.value)})"
    if published is not None:
        return published, f"the publication date ({describe(published)})"
    return None


def choose_deadline(
    candidates: list[Candidate], evidence: list[Evidence], headline_end: int = 0
) -> tuple[ResolvedDate | None, list[Warning]]:
    """The deadline to keep, and warnings for the dates that disagree with it.

    ``headline_end`` is where the headline ends in the text (0: none). A headline
    rounds what the body tells ("start 30-day clock" for a clock started the day before),
    so its dates count only when the body gives none.
    """
    warnings: list[Warning] = []
    resolved = [c for c in candidates if c.date.value is not None]
    unresolved = [c for c in candidates if c.date.value is None]
    for c in unresolved:
        warnings.append(
            Warning(
                kind="unresolved-date",
                message=f'deadline "{c.date.text}" could not be resolved: '
                "no publication date (give --date)",
                evidence=evidence[0] if evidence else None,
            )
        )
    if not resolved:
        return (unresolved[0].date if unresolved else None), warnings
    days = {c.date.value for c in resolved if c.date.precision is DatePrecision.DAY}
    resolved = [
        c
        for c in resolved
        if not (  # "August" beside "August 9" adds nothing
            c.date.precision is DatePrecision.MONTH
            and c.date.value is not None
            and any((d.year, d.month) == (c.date.value.year, c.date.value.month) for d in days if d)
        )
    ]
    stated = [c for c in resolved if c.derived is None]
    pool = stated or resolved
    pool = [c for c in pool if c.sentence.start_char >= headline_end] or pool
    score: defaultdict[date, float] = defaultdict(float)  # weights: see NAMED_DAY_WEIGHT
    for c in pool:
        assert c.date.value is not None
        score[c.date.value] += (
            1 + (2 if c.moved else 0) + (1 if not c.date.relative else 0) + _named_day_weight(c)
        )
    best_day = max(score, key=lambda d: (score[d], d))
    best = next(c for c in pool if c.date.value == best_day)
    for c in resolved:
        if c.date.value == best_day:
            continue
        first = evidence[0] if evidence else None
        ev = sentence_evidence(
            c.sentence,
            first.article_id if first else None,
            first.source if first else None,
            first.published if first else None,
        )
        if c.derived:
            warnings.append(
                Warning(
                    kind="date-conflict",
                    message=f"{c.derived}, but the deadline is stated as {describe(best_day)}",
                    evidence=ev,
                )
            )
        else:
            warnings.append(
                Warning(
                    kind="other-deadline",
                    message=f'another deadline is mentioned: "{c.date.text}" '
                    f"({c.date.value}); kept {describe(best_day)}",
                    evidence=ev,
                )
            )
    return best.date, warnings


# What a day the text names outweighs a day counted from a duration by: "the 60-day period
# ..., which runs out early on Sunday" names the day; the 60 days' start is a guess.
NAMED_DAY_WEIGHT = 0.5


def _named_day_weight(c: Candidate) -> float:
    """The bonus of a candidate that names its day rather than counting it."""
    named = c.derived is None and not _DURATION.search(c.date.text)
    return NAMED_DAY_WEIGHT if named and _DAY_NAMED.search(c.date.text) else 0.0


# The words that make a date a time limit: "by Friday", "before August 8", "until
# Monday", "no later than June 1", "within ten days", "ahead of the summit".
_LIMIT_PREPS = frozenset({"by", "before", "until", "till", "within", "ahead", "prior"})
_LIMIT_WORDS = re.compile(
    r"\b(by|before|until|till|within|no\s+later\s+than|ahead\s+of|prior\s+to)\s*$", re.I
)
_LIMIT_START = re.compile(r"(by|before|until|till|within|no\s+later\s+than)\b", re.I)


def sets_deadline(ent: Span, sent: Span) -> bool:
    """A date that sets a time limit for an act, not the day of an act.

    ``ent`` is a date entity inside ``sent``. True when it is governed by "by", "before",
    "until", "no later than" or "within", or sits inside an "if"/"unless" condition
    ("unless Russia moves by next Friday"): such a date says when something is due, so an
    event read from the sentence must not be dated by it.
    """
    before = sent.doc[max(sent.start, ent.start - 4) : ent.start].text
    if _LIMIT_WORDS.search(before) or _LIMIT_START.match(ent.text):
        return True
    # The parse, for the words the entity itself takes in: "no later than March 22".
    for t in ent:
        prep = t.head if t.dep_ == "pobj" else None
        if prep is not None and (
            prep.lower_ in _LIMIT_PREPS or (prep.lower_ == "than" and prep.head.lower_ == "later")
        ):
            return True
    return _in_condition(ent, sent) or _restates_limit(ent, sent)


def _restates_limit(ent: Span, sent: Span) -> bool:
    """'by Friday, 8 August': a date set off by a comma after a time limit restates it."""
    comma = ent.start - 1
    if comma - 1 < sent.start or sent.doc[comma].text != ",":
        return False
    if sent.doc[comma - 1].ent_type_ != "DATE":
        return False
    first = comma - 1
    while first > sent.start and sent.doc[first].ent_iob_ == "I":
        first -= 1
    return sets_deadline(sent.doc[first:comma], sent)


def _in_condition(ent: Span, sent: Span) -> bool:
    """Whether ``ent`` sits in an 'if'/'unless' clause: by the parse, or, where the parser
    hangs the clause wrongly, by an 'if'/'unless' earlier in the same comma-free stretch."""
    for tok in [ent.root, *ent.root.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            return True
    for tok in reversed(sent.doc[sent.start : ent.start]):
        if tok.lower_ in ("if", "unless"):
            return True
        if tok.is_punct and tok.text in (",", ";", ":", "\u2014", "-"):
            return False
    return False
