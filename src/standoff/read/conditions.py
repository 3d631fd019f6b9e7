"""Conditions set on another party's act: what must happen before something else will.

"Relations cannot return to normal until Madrid reconsiders", "the treaty will stay
suspended until Pakistan gives up its support for terrorism", "the dispute can end only
when Canada corrects its mistake", "resupply may go on as long as Manila notifies
Beijing": the one who sets the condition asks the condition's subject to act, a
REQUEST of it, though no verb of asking is used. The gold of news coders reads them so.

A condition counts only on a clause that is withheld or still to come (a modal, a
future or a negation above it): "the shelling went on until the troops withdrew" tells
what happened, it asks nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from standoff.read.mentions import ActorIndex, Ref
from standoff.read.roles import reporter
from standoff.read.syntax import subject_of
from standoff.read.triggers import reporting_verb
from standoff.read.word_table import lower_words

# The words that open a condition: "until", and "only" + "when/once/if/after".
_ONLY_MARKERS = frozenset({"when", "once", "if", "after"})
# What makes the main clause withheld or still to come.
_MODALS = frozenset(
    {"will", "would", "can", "could", "shall", "should", "must", "may", "'ll", "wo", "ca"}
)
_NEGATIONS = frozenset({"not", "n't", "never", "no", "none", "nothing"})
_SUBJECTS = ("nsubj", "nsubjpass")
# Every word that can end an opening, for a cheap first look at the sentence.
_MARKERS = frozenset({"until", "as", *_ONLY_MARKERS})
# How many words before the marker the opening starts: "only when", "as long as".
_OPENING_WORDS = {"until": 0, "as": 2}


@dataclass(frozen=True)
class ConditionAsked:
    """One condition: who sets it (may be empty: an unstated author), of whom, and where."""

    setters: list[Ref]
    asked: list[Ref]
    verb: Token  # the condition's verb ("reconsiders", "corrects")
    cue: str


def conditions_asked(sent: Span, index: ActorIndex) -> Iterator[ConditionAsked]:
    """Each condition the sentence sets on a named party's act.

    The setter is whoever tells the withheld clause ("Riyadh insisted that ..."), else
    its subject when that is a party ("India will keep the treaty suspended until ...");
    with neither it is left empty for the reader to fill from the article's threats.
    """
    doc = sent.doc
    for offset, word in enumerate(lower_words(sent)):
        if word not in _MARKERS:
            continue  # no Token built for the other words
        marker = doc[sent.start + offset]
        verb = _condition_verb(marker)
        if verb is None:
            continue
        subject = subject_of(verb)
        if subject is None or subject.i <= marker.i:
            continue
        main = _withheld_clause(verb)
        if main is None:
            continue
        setters = _setters(main, index)
        own = {r.country for r in setters}
        asked = [r for r in index.actors_of(subject) if r.country not in own]
        if asked:
            cue = sent.doc[marker.i - _OPENING_WORDS.get(marker.lower_, 1) : verb.i + 1].text
            yield ConditionAsked(setters, asked, verb, cue)


def _condition_verb(marker: Token) -> Token | None:
    """The verb of the condition ``marker`` opens ("until" -> "reconsiders"), None when the
    word opens no condition ("until Friday", "when they met")."""
    low = marker.lower_
    doc = marker.doc
    if low == "until":
        opened = marker.dep_ == "mark"
    elif low in _ONLY_MARKERS:
        opened = marker.i > 0 and doc[marker.i - 1].lower_ == "only"
    elif low == "as":
        before = tuple(t.lower_ for t in doc[max(0, marker.i - 2) : marker.i])
        opened = before in (("as", "long"), ("so", "long"))
    else:
        return None
    if not opened:
        return None
    verb = marker.head
    if verb.i <= marker.i or verb.pos_ not in ("VERB", "AUX"):
        return None
    return verb


def _withheld_clause(verb: Token) -> Token | None:
    """The clause the condition hangs on, when a modal, future or negation holds it back
    ('cannot return', 'will stay suspended', 'none ... would be paid'); else None."""
    if verb.head.i == verb.i:
        return None  # the condition is the sentence's root: nothing above it is withheld
    head = verb.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX") and _held_back(head):
            return head
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _held_back(verb: Token) -> bool:
    """A verb with a modal, a negation, or a negated subject ("no aid will flow")."""
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in _MODALS:
            return True
        if child.dep_ == "neg":
            return True
        if child.dep_ in _SUBJECTS and (
            child.lower_ in _NEGATIONS or any(d.lower_ in _NEGATIONS for d in child.children)
        ):
            return True  # "none of its funds would be paid", "no aid will flow"
    return False


def _setters(main: Token, index: ActorIndex) -> list[Ref]:
    """Who sets the condition: the speaker who tells the withheld clause, else its subject."""
    said = reporting_verb(main)
    if said is not None:
        return reporter(said, index)
    subject = subject_of(main)
    return index.actors_of(subject) if subject is not None else []
