"""Checking one named reader rule on its example sentences, through the real pipeline.

A rule's test reads a sentence twice with the session's Reader: with every rule
(the expected finding is there) and with that one rule disabled (it is gone). So
the test fails when the rule is removed, renamed, or no longer does its job, and
shows that the example exercises this rule, not a neighbour that would read the
sentence the same way. A rule that rules something *out* ("signed an executive
order" is no agreement) is checked the other way round (``absent=True``).

Findings are short strings, so that the tables of cases read like the reader's
output:

- events: ``"REQUEST USA->MEX"`` (country level; ``?`` for no target, ``~MEX`` for a
  target inferred from the article rather than read from the sentence);
- threats: ``"USA->RUS"`` (sender -> target), ``"USA->RUS +IND"`` for a third party;
- proposals: ``"ceasefire by UKR"`` (name and sponsors);
- actors: ``"RUSGOV"`` (every code the reading resolved, with mentions);
- types: ``"REJECT"`` (the sentence's event types, no actors needed);
- roles: ``"ASSAULT RUS->UKR"`` (each trigger's roles before any fallback).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from standoff.model import RawArticle, Reading
from standoff.read import Reader
from standoff.read import roles as role_rules
from standoff.read.actors import country_of
from standoff.read.mentions import ActorIndex, countries_of
from standoff.read.rules import Rules
from standoff.read.triggers import find_triggers

WED = date(2025, 8, 6)  # a Wednesday; every example is read as published that day


def read(reader: Reader, text: str, published: date | None = WED) -> Reading:
    return reader.read(RawArticle(text=text), published)


def events(reader: Reader, text: str) -> set[str]:
    return {
        f"{e.type} {country_of(e.source)}->{_target(e.target, 'target inferred' in e.context)}"
        for e in read(reader, text).events
    }


def _target(code: str | None, inferred: bool) -> str:
    if not code:
        return "?"
    return f"~{country_of(code)}" if inferred else country_of(code)


def threats(reader: Reader, text: str) -> set[str]:
    out: set[str] = set()
    for t in read(reader, text).threats:
        out.add(f"{t.sender}->{t.target}")
        out.update(f"{t.sender}->{t.target} +{c}" for c in t.third_parties)
    return out


def measures(reader: Reader, text: str) -> set[str]:
    return {f"{t.sender}->{t.target}: {m}" for t in read(reader, text).threats for m in t.measures}


def proposals(reader: Reader, text: str) -> set[str]:
    out: set[str] = set()
    for p in read(reader, text).proposals:
        out.add(f"{p.name} by {','.join(p.sponsors)}")
        out.update(f"{p.name} backed by {c}" for c in p.supporters)
        out.update(f"{p.name} opposed by {c}" for c in p.opponents)
    return out


def actors(reader: Reader, text: str) -> set[str]:
    return {a.code for a in read(reader, text).actors}


def types(reader: Reader, text: str) -> set[str]:
    return set(reader.sentence_types(text))


def roles(reader: Reader, text: str) -> set[str]:
    """Each trigger's roles as the role rules read them, before any fallback fills a
    missing side: ``"ASSAULT RUS->UKR"`` (``?`` for an empty side, ``*`` for a generic
    target). As in the pipeline, an actor is never its own target."""
    out: set[str] = set()
    with reader.nlp.memory_zone():
        doc = reader.nlp(text)
        index = ActorIndex(doc, reader.dictionary)
        for sent in doc.sents:
            for trigger in find_triggers(sent, reader.lexicon):
                sources, targets, generic, _hosted = role_rules.roles(
                    trigger, index, reader.lexicon
                )
                by = countries_of(sources)
                at = [c for c in countries_of(targets) if c not in by]
                out.add(f"{trigger.type} {','.join(by) or '?'}->{_side(at, generic)}")
    return out


def _side(codes: list[str], generic: bool) -> str:
    return ",".join(codes) or ("*" if generic else "?")


Outcome = Callable[[Reader, str], set[str]]


def word_actors(reader: Reader, text: str, word: str) -> list[str]:
    """The countries the one occurrence of ``word`` in ``text`` stands for ("its" ->
    ["KHM"]), in mention order."""
    doc = reader.nlp(text)
    index = ActorIndex(doc, reader.dictionary)
    (tok,) = [t for t in doc if t.lower_ == word]
    return countries_of(index.actors_of(tok))


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
    with_rule = outcome(reader, text)
    with rules.disabled(name):
        without = outcome(reader, text)
    if absent:
        with_rule, without = without, with_rule
    assert finding in with_rule, f"{name}: {finding!r} not read from {text!r}: {sorted(with_rule)}"
    assert finding not in without, (
        f"{name}: {finding!r} is read from {text!r} without the rule too: the example does "
        f"not exercise it ({sorted(without)})"
    )


def conditions(reader: Reader, text: str) -> set[str]:
    return {f"{c.actor}: {c.text}" for c in read(reader, text).claims if c.kind == "condition"}


def check_prefixes(reader: Reader, text: str, found: str, absent: str) -> None:
    """Some event of ``text`` starts with ``found`` and none with ``absent``
    (``"REQUEST IRN->"``: a source whatever the target)."""
    read = events(reader, text)
    assert any(e.startswith(found) for e in read), read
    assert not any(e.startswith(absent) for e in read), read
