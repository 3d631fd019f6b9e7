"""Claims: stated conditions (red lines), beliefs, demands and rejections.

- A *condition* is an item of a listed set of conditions, demands, terms or red
  lines ("conditions for peace, including A, B and C"), or what an actor
  "insists on"; each item is one claim.
- A *belief* is what an actor believes, views, sees or doubts ("Putin believes
  the campaign is going well").
- A *demand* or *rejection* is a REQUEST or REJECT event, told as a claim.

Proposals and who backs them are read by :mod:`standoff.read.proposals`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from standoff.model import Claim, ClaimKind, Evidence
from standoff.read.events import Found
from standoff.read.evidence import sentence_evidence
from standoff.read.mentions import ActorIndex, countries_of
from standoff.read.rules import Rules
from standoff.read.spans import sentence_of, sentences, span_text
from standoff.read.syntax import subject_of
from standoff.read.word_table import lemmas
from standoff.read.words import WORDS

CONDITION_NOUNS = WORDS.condition_nouns
BELIEF_VERBS = WORDS.belief_verbs
BELIEF_ADJECTIVES = WORDS.belief_adjectives
_BELIEF_WORDS = BELIEF_VERBS | BELIEF_ADJECTIVES


@dataclass
class ArticleContext:
    article_id: str
    source: str | None
    published: date | None

    def evidence(self, sent: Span) -> Evidence:
        """The sentence as evidence from this article."""
        return sentence_evidence(sent, self.article_id, self.source, self.published)


# Key nouns that name something held rather than proposed: "the Kremlin talks" sponsor nothing.


# --------------------------------------------------------------------------- conditions and beliefs


def conditions(doc: Doc, index: ActorIndex, ctx: ArticleContext) -> list[Claim]:
    """Each listed condition, demand or red line of an actor, one claim per item
    (:data:`CONDITIONS`, on every word)."""
    out: list[Claim] = []
    rules = tuple(CONDITIONS)  # the enabled rules, taken once, not for every word
    for sent in sentences(doc):
        for tok in sent:
            for rule in rules:
                out.extend(rule(tok, sent, index, ctx))
    return out


def listed_conditions(
    tok: Token, sent: Span, index: ActorIndex, ctx: ArticleContext
) -> list[Claim]:
    """ "Moscow's conditions for peace, including A, B and C": one condition per item."""
    if tok.lower_ not in CONDITION_NOUNS or tok.pos_ != "NOUN":
        return []
    owner = _owner(tok, index)
    if not owner:
        return []
    return [c for item in _listed_items(tok) for c in _conditions_of(owner, item, sent, ctx)]


def insisted_on(tok: Token, sent: Span, index: ActorIndex, ctx: ArticleContext) -> list[Claim]:
    """'Kyiv insists on security guarantees and the return of its territory'."""
    if tok.lemma_.lower() != "insist":
        return []
    subject = subject_of(tok)
    owner = countries_of(index.actors_of(subject)) if subject is not None else []
    out: list[Claim] = []
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"):
        for obj in prep.children:
            if obj.dep_ == "pcomp" or obj.dep_ == "pobj":
                for item_tok in [obj, *obj.conjuncts]:
                    out.extend(_conditions_of(owner, _item_text(item_tok), sent, ctx))
    return out


CONDITIONS: Rules[Callable[[Token, Span, ActorIndex, ArticleContext], list[Claim]]] = Rules(
    "conditions", (listed_conditions, insisted_on)
)


def _conditions_of(owners: list[str], text: str, sent: Span, ctx: ArticleContext) -> list[Claim]:
    """One condition claim per actor that states it."""
    evidence = ctx.evidence(sent)
    return [Claim(kind=ClaimKind.CONDITION, actor=c, text=text, evidence=evidence) for c in owners]


def _owner(tok: Token, index: ActorIndex) -> list[str]:
    for child in tok.children:
        if child.dep_ == "poss":
            return countries_of(index.actors_of(child))
    if tok.dep_ in ("dobj", "attr", "nsubjpass"):
        subject = subject_of(tok.head)
        if subject is not None:
            return countries_of(index.actors_of(subject))
    return []


_LIST_OPENER = re.compile(
    r"(?:,?\s+(?:including|includ(?:e|es|ed)|such as|namely|notably)\s+|:\s+)", re.I
)
_LIST_SPLIT = re.compile(r"\s*(?:;|,\s*(?:and|or)\s+|,\s+|\s+and\s+|\s+or\s+)\s*", re.I)


def _listed_items(tok: Token) -> list[str]:
    """'conditions ..., including A, B, and C' or 'conditions: A, B and C' -> [A, B, C].

    Lists are split on the surface (commas, 'and', 'or'): the small parser's
    trees for long coordinations are less reliable than the punctuation.
    """
    sent = sentence_of(tok)
    rest = span_text(sent)[tok.idx - sent.start_char :]
    m = _LIST_OPENER.search(rest)
    if m is None or m.start() > 60:
        return []
    body = rest[m.end() :].rstrip(" .;")
    items = [
        s.strip(" ,.").removeprefix("a ").removeprefix("an ").removeprefix("the ")
        for s in _LIST_SPLIT.split(body)
    ]
    return [s for s in items if s and len(s.split()) <= 12]


def _item_text(tok: Token) -> str:
    words = [t for t in tok.subtree if t.i <= tok.i or t.dep_ not in ("cc", "conj", "punct")]
    stop = min([c.i for c in tok.children if c.dep_ in ("cc", "conj")] + [tok.right_edge.i + 1])
    words = [t for t in words if t.i < stop or t.i <= tok.i]
    return " ".join(" ".join(t.text for t in words).split()).strip(" ,.")


def beliefs(doc: Doc, index: ActorIndex, ctx: ArticleContext) -> list[Claim]:
    """What actors are said to believe: 'Putin believes X', 'views the threat as manageable'."""
    out: list[Claim] = []
    for sent in sentences(doc):
        if _BELIEF_WORDS.isdisjoint(lemmas(sent)):
            continue
        for tok in sent:
            lemma = tok.lemma_.lower()
            if not (
                (lemma in BELIEF_VERBS and tok.pos_ == "VERB")
                or (lemma in BELIEF_ADJECTIVES and tok.dep_ == "acomp")
            ):
                continue
            verb = tok if tok.pos_ == "VERB" else tok.head
            subject = subject_of(verb)
            if subject is None:
                continue
            actors = countries_of(index.actors_of(subject))
            if not actors:
                continue
            content = [
                c
                for c in tok.children
                if c.dep_ in ("ccomp", "dobj", "prep", "xcomp") and c.i > tok.i
            ]
            if not content:
                continue
            start = min(c.left_edge.i for c in content)
            end = max(c.right_edge.i for c in content) + 1
            text = " ".join(doc[start:end].text.split())
            if len(text.split()) < 2:
                continue
            for country in actors:
                out.append(
                    Claim(
                        kind=ClaimKind.BELIEF,
                        actor=country,
                        text=f"{tok.text} {text}",
                        evidence=ctx.evidence(sent),
                    )
                )
    return out


def event_claims(found: list[Found], ctx: ArticleContext) -> list[Claim]:
    """Demands and rejections, from REQUEST and REJECT events."""
    kinds = {"REQUEST": ClaimKind.DEMAND, "REJECT": ClaimKind.REJECTION}
    out: list[Claim] = []
    for f in found:
        if f.type not in kinds:
            continue
        for s in f.sources:
            out.append(
                Claim(
                    kind=kinds[f.type],
                    actor=s.country,
                    target=f.targets[0].country if f.targets else None,
                    text=" ".join(span_text(f.sentence).split()),
                    evidence=ctx.evidence(f.sentence),
                )
            )
    return out
