"""Checking one named reader rule on its example sentences, through the real pipeline.

A rule's test reads a sentence twice with the session's Reader: with every rule
(the expected finding is there) and with that one rule disabled (it is gone). So
the test fails when the rule is removed, renamed, or no longer does its job, and
shows that the example exercises this rule, not a neighbour that would read the
sentence the same way. A rule that rules something *out* ("signed an executive
order" is no agreement) is checked the other way round (``absent=True``).

Findings are short strings, so that the tables of cases read like the reader's
output:

- events: ``"REQUEST USA->MEX"`` (country level; ``?`` for no target);
- threats: ``"USA->RUS"`` (sender -> target), ``"USA->RUS +IND"`` for a third party;
- proposals: ``"ceasefire by UKR"`` (name and sponsors);
- actors: ``"RUSGOV"`` (every code the reading resolved, with mentions);
- types: ``"REJECT"`` (the sentence's event types, no actors needed).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from standoff.model import RawArticle, Reading
from standoff.read import Reader
from standoff.read.actors import country_of
from standoff.read.rules import Rules

WED = date(2025, 8, 6)  # a Wednesday; every example is read as published that day


def events(reading: Reading) -> set[str]:
    return {
        f"{e.type} {country_of(e.source)}->{country_of(e.target) if e.target else '?'}"
        for e in reading.events
    }


def threats(reading: Reading) -> set[str]:
    out: set[str] = set()
    for t in reading.threats:
        out.add(f"{t.sender}->{t.target}")
        out.update(f"{t.sender}->{t.target} +{c}" for c in t.third_parties)
    return out


def demands(reading: Reading) -> set[str]:
    return {f"{t.sender}->{t.target}: {t.demand}" for t in reading.threats if t.demand}


def measures(reading: Reading) -> set[str]:
    return {f"{t.sender}->{t.target}: {m}" for t in reading.threats for m in t.measures}


def proposals(reading: Reading) -> set[str]:
    out: set[str] = set()
    for p in reading.proposals:
        out.add(f"{p.name} by {','.join(p.sponsors)}")
        out.update(f"{p.name} backed by {c}" for c in p.supporters)
        out.update(f"{p.name} opposed by {c}" for c in p.opponents)
    return out


def actors(reading: Reading) -> set[str]:
    return {a.code for a in reading.actors}


def read(reader: Reader, text: str, published: date | None = WED) -> Reading:
    return reader.read(RawArticle(text=text), published)


Outcome = Callable[[Reading], set[str]]


def check_rule(
    reader: Reader,
    rules: Rules[Any],
    name: str,
    text: str,
    finding: str,
    outcome: Outcome = events,
    *,
    absent: bool = False,
) -> None:
    """``finding`` is read from ``text`` with rule ``name`` and not without it
    (the other way round with ``absent``)."""
    with_rule = outcome(read(reader, text))
    with rules.disabled(name):
        without = outcome(read(reader, text))
    if absent:
        with_rule, without = without, with_rule
    assert finding in with_rule, f"{name}: {finding!r} not read from {text!r}: {sorted(with_rule)}"
    assert finding not in without, (
        f"{name}: {finding!r} is read from {text!r} without the rule too: the example does "
        f"not exercise it ({sorted(without)})"
    )


def check_types(reader: Reader, rules: Rules[Any], name: str, text: str, finding: str) -> None:
    """Like :func:`check_rule`, on the sentence's event types alone (no actors needed)."""
    with_rule = reader.sentence_types(text)
    with rules.disabled(name):
        without = reader.sentence_types(text)
    assert finding in with_rule, f"{name}: {finding} not typed in {text!r}: {with_rule}"
    assert finding not in without, f"{name}: {finding} typed without the rule: {without}"
