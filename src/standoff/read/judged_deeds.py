"""Judgements of a deed named only by its noun: 'China and Turkey welcomed the agreement',
'the junta welcomed the announcement', 'Frost welcomed the decision'.

The sentence names no other party; the deed the noun takes up was told just before, and
whoever did it is the party judged (for an agreement, every party to it). Runs after the
article's events are found and paired (:func:`standoff.read.events.symmetric_pairs`),
before any target is guessed from the article's dyads.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from standoff.read.events import Found
from standoff.read.refs import Ref
from standoff.read.spans import sentences_back
from standoff.read.words import WORDS

# Judgements aimed at a deed's doer (AGREE is left out: "agreed to the plan" accepts an
# offer, whose maker the roles already read).
JUDGEMENTS = frozenset(("SUPPORT", "REJECT", "ACCUSE"))
# How far back, in sentences, the deed may have been told (a pact: anywhere before, as
# "the agreement" of a report is the one it is about).
REACH = 2
# The words a judgement is made of, which the parser may hang on the judged noun.
JUDGING = WORDS.negative_judgements | WORDS.positive_judgements
# Deeds made by two sides together: any agreement told before is one, and every party to
# it is judged.
PACTS = frozenset(("agreement", "deal", "accord", "truce", "ceasefire"))


def judged_deeds(found: list[Found]) -> None:
    """Give a judgement of 'the agreement', 'the decision' ... with no target the doers of
    the latest earlier event, within :data:`REACH` sentences, that tells such a deed (any
    agreement for a pact; else a deed told by one of the noun's verbs: "decided to extend"
    for "the decision") and that none of its own sources did; in place. For a pact, every
    party to it is judged."""
    for f in found:
        if f.targets or f.generic_target or f.type not in JUDGEMENTS or not f.sources:
            continue
        noun = _deed_noun(f.trigger)
        if noun is None:
            continue
        deed = _latest_deed(found, f, noun.lemma_.lower())
        own = {s.country for g in found if g.trigger.i == f.trigger.i for s in g.sources}
        if deed is None:
            if noun.lemma_.lower() in BLOWS:
                f.targets = _aggressor(found, own)
            continue
        targets: dict[str, Ref] = {}
        for ref in deed.sources + (deed.targets if deed.type == "AGREE" else []):
            if ref.country not in own:
                targets.setdefault(ref.country, ref)
        f.targets = list(targets.values())


def answered_charges(found: list[Found]) -> None:
    """'Israel said the Houthis were Iran's proxy. Iran's spokesman rejected the charge':
    a refusal of a charge named only by its noun ('the charge', 'the allegations of
    interference', 'denied this') answers whoever made the latest accusation told within
    :data:`REACH` sentences before, not by the refuser (one aimed at the refuser first):
    the accuser is its target, whatever party a guess had given it; in place."""
    for f in found:
        if f.type != "REJECT" or not f.sources or not _answers_a_charge(f.trigger):
            continue
        own = {s.country for s in f.sources}
        told = [
            g
            for g in _told_before(found, f, REACH)
            if g.type == "ACCUSE" and g.sources and own.isdisjoint(s.country for s in g.sources)
        ]
        aimed = [g for g in told if not own.isdisjoint(t.country for t in g.targets)]
        if aimed or told:
            accusation = (aimed or told)[-1]
            f.targets = list({r.country: r for r in accusation.sources}.values())
            f.inferred_target = False


def _answers_a_charge(trigger: Token) -> bool:
    """A refusing verb whose object is a bare charge noun ('rejected the charge', 'denied
    the allegations of interference', not "rejected Kenya's claim") or 'this'/'that'."""
    for child in trigger.children:
        if child.dep_ != "dobj":
            continue
        if child.lower_ in ("this", "that"):
            return True
        owned = any(k.dep_ in ("poss", "compound", "amod", "nmod") for k in child.children)
        return child.lemma_.lower() in WORDS.charge_nouns and not owned
    return False


def _told_before(found: list[Found], f: Found, reach: int) -> list[Found]:
    """The events told before ``f``, from ``reach`` sentences back, in reading order."""
    first = sentences_back(f.sentence.doc, f.sentence.start, reach)
    return sorted(
        (g for g in found if first <= g.trigger.i < f.trigger.i), key=lambda g: g.trigger.i
    )


def _deed_noun(trigger: Token) -> Token | None:
    """The judged object when it is a bare definite deed noun ("the agreement", "this
    decision"), with no owner, modifier or phrase of its own that could name its doer."""
    for child in trigger.children:
        if child.dep_ != "dobj" or child.lemma_.lower() not in WORDS.deed_nouns:
            continue
        kids = list(child.children)
        definite = any(k.dep_ == "det" and k.lower_ in ("the", "this", "that") for k in kids)
        # "called the detentions arbitrary": the parser may hang the judgement on the noun;
        # "the military escalation": a plain adjective names no doer (a demonym would, and
        # the roles read it so)
        bare = all(k.dep_ in ("det", "punct", "amod") or k.lower_ in JUDGING for k in kids)
        return child if definite and bare else None
    return None


def _latest_deed(found: list[Found], f: Found, noun: str) -> Found | None:
    """The latest event told before ``f``, within :data:`REACH` sentences, that is the deed
    ``noun`` names and that none of the judges did ("China and Turkey, which both offered
    to help, welcomed the agreement": neither judges its own offer)."""
    own = {s.country for g in found if g.trigger.i == f.trigger.i for s in g.sources}
    verbs = {noun, *WORDS.deed_nouns[noun].split()}  # the deed told by its noun too
    reach = REACH if noun not in PACTS else len(f.sentence.doc)
    told = [g for g in _told_before(found, f, reach) if g.sources]
    for g in reversed(told):
        if not own.isdisjoint(s.country for s in g.sources):
            continue
        # the deed's own word or one of the two that govern it: "decided to recall",
        # "adopted a resolution condemning"
        said = {g.trigger.lemma_.lower(), *(t.lemma_.lower() for t in _governors(g.trigger))}
        if (noun in PACTS and g.type == "AGREE" and g.targets) or said & verbs:
            return g
    return None


# Blows a judgement names by their noun, whose doer, when no earlier sentence tells the
# deed (a live blog tells it after, a report in its headline), is the article's attacker.
BLOWS = frozenset(
    ("offensive", "attack", "attacks", "strikes", "escalation", "operation", "invasion",
     "incursion", "raid", "shelling", "bombardment")
)  # fmt: skip


def _aggressor(found: list[Found], own: set[str]) -> list[Ref]:
    """The party that the article's blows (ASSAULT events) come from most often, not one of
    the judges; none on a tie or when the article tells no blow."""
    counts: Counter[str] = Counter()
    first: dict[str, Ref] = {}
    for g in found:
        if g.type != "ASSAULT":
            continue
        for ref in g.sources:
            if ref.country not in own:
                counts[ref.country] += 1
                first.setdefault(ref.country, ref)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return []
    return [first[ranked[0][0]]]


def _governors(tok: Token) -> list[Token]:
    """The (at most two) words above ``tok`` in the parse."""
    up = [tok.head] if tok.head.i != tok.i else []
    if up and up[0].head.i != up[0].i:
        up.append(up[0].head)
    return up
