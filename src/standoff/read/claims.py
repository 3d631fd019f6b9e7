"""Claims: proposals and who backs them, stated conditions (red lines), beliefs.

- A *proposal* is a key noun (ceasefire, moratorium, summit, ...) in a
  proposal context: proposed, floated, offered, demanded, called for, insisted
  on, "would suffice". Its sponsors are the actors who put it forward (the
  subject, the passive agent, the speaker of a "only X would suffice" clause);
  mentions of the same key noun across the article are one proposal.
- A *condition* is an item of a listed set of conditions, demands, terms or red
  lines ("conditions for peace, including A, B and C"), or what an actor
  "insists on"; each item is one claim.
- A *belief* is what an actor believes, views, sees or doubts ("Putin believes
  the campaign is going well").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from standoff.model import Claim, ClaimKind, Evidence, Proposal
from standoff.read.events import Found
from standoff.read.evidence import sentence_evidence
from standoff.read.mentions import ActorIndex, countries_of
from standoff.read.syntax import agent_of, prep_objects, subject_of
from standoff.read.words import WORDS

PROPOSAL_NOUNS = WORDS.proposal_nouns
SPONSOR_VERBS = WORDS.sponsor_verbs
SUPPORT_VERBS = WORDS.support_verbs
OPPOSE_VERBS = WORDS.oppose_verbs
ENDORSING_PREDICATES = WORDS.endorsing_predicates
CONDITION_NOUNS = WORDS.condition_nouns
BELIEF_VERBS = WORDS.belief_verbs
BELIEF_ADJECTIVES = WORDS.belief_adjectives


@dataclass
class ArticleContext:
    article_id: str
    source: str | None
    published: date | None

    def evidence(self, sent: Span) -> Evidence:
        """The sentence as evidence from this article."""
        return sentence_evidence(sent, self.article_id, self.source, self.published)


@dataclass
class _ProposalDraft:
    key: str
    text: str
    sponsors: list[str] = field(default_factory=list)
    supporters: list[str] = field(default_factory=list)
    opponents: list[str] = field(default_factory=list)
    origin: str | None = None
    sentences: list[Span] = field(default_factory=list)


def _phrase(tok: Token) -> str:
    """The proposal's noun phrase, without determiners and trailing clauses."""
    words = [
        t
        for t in tok.subtree
        if t.i <= tok.i
        or (
            t.dep_ in ("prep", "pobj", "amod", "compound", "cc", "conj", "nmod") and t.i - tok.i < 6
        )
    ]
    words = [t for t in words if t.dep_ not in ("det", "poss", "punct") and t.head.dep_ != "relcl"]
    text = " ".join(t.text for t in words if t.i >= tok.left_edge.i)
    return " ".join(text.split()[:9])


def _clause_heads(tok: Token) -> list[Token]:
    """The chain of heads above a token, nearest first (at most 5)."""
    heads = []
    head = tok
    for _ in range(5):
        if head.head.i == head.i:
            break
        head = head.head
        heads.append(head)
    return heads


# Key nouns that name something held rather than proposed: "the Kremlin talks" sponsor nothing.
HELD_NOT_PROPOSED = {
    "talk",
    "talks",
    "negotiation",
    "negotiations",
    "conference",
    "mediation",
    "dialogue",
    "meeting",
}
PROPOSAL_HEADS = {
    "proposal",
    "plan",
    "offer",
    "idea",
    "initiative",
    "call",
    "push",
    "bid",
    "demand",
}


def _owners(noun: Token, index: ActorIndex) -> list[str]:
    """Actors named as the noun's own modifiers or possessor ('US', 'Kyiv's', 'Trump-Putin')."""
    refs = [
        r
        for c in noun.children
        if c.dep_ in ("poss", "compound", "nmod", "amod") and c.i < noun.i
        for r in index.actors_of(c, demonyms=True)
    ]
    return countries_of(refs)


def _role_for(tok: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """Who stands where on the proposal noun ``tok``.

    Returns ('sponsor' | 'supporter' | 'opponent', countries), or None.
    """
    owners = _owners(tok, index)  # "a Trump-Putin summit", "Kyiv's ceasefire plan"
    if owners and tok.lemma_.lower() not in HELD_NOT_PROPOSED:
        return "sponsor", owners
    if tok.dep_ == "pobj" and tok.head.lower_ in ("for", "of", "on"):
        holder = tok.head.head  # "a U.S. proposal for a 30-day ceasefire"
        if holder.lemma_.lower() in PROPOSAL_HEADS:
            owners = _owners(holder, index)
            if owners:
                return "sponsor", owners
    for child in tok.children:  # "the ceasefire demanded by Kyiv and Washington"
        lemma = child.lemma_.lower()
        if child.dep_ == "acl" and lemma in SPONSOR_VERBS | SUPPORT_VERBS | OPPOSE_VERBS:
            agent = agent_of(child)
            refs = index.actors_of(agent, demonyms=True) if agent is not None else []
            if refs:
                role = (
                    "sponsor"
                    if lemma in SPONSOR_VERBS
                    else "supporter"
                    if lemma in SUPPORT_VERBS
                    else "opponent"
                )
                return role, countries_of(refs)
    for head in _clause_heads(tok):
        lemma = head.lemma_.lower()
        if head.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
            continue
        if lemma in SPONSOR_VERBS | SUPPORT_VERBS | OPPOSE_VERBS:
            agent = agent_of(head)
            refs = index.actors_of(agent, demonyms=True) if agent is not None else []
            if not refs and head.dep_ != "acl":
                subject = subject_of(head)
                refs = index.actors_of(subject) if subject is not None else []
            if not refs and head.dep_ == "acl" and head.head.i != tok.i:
                continue
            if not refs:
                recipient = _recipient(head)
                if recipient is not None:
                    return "sponsor-of-recipient", [r.country for r in index.actors_of(recipient)]
                continue
            role = (
                "sponsor"
                if lemma in SPONSOR_VERBS
                else "supporter"
                if lemma in SUPPORT_VERBS
                else "opponent"
            )
            negated = any(c.dep_ == "neg" for c in head.children)
            if negated and role != "opponent":
                role = "opponent"
            elif (
                role == "supporter"
                and head.dep_ == "xcomp"
                and (head.head.lemma_.lower() in WORDS.offer_heads)
            ):
                role = "sponsor"  # "ready to agree to a delay": an offer, not an answer
            return role, countries_of(refs)
        if lemma in ENDORSING_PREDICATES or any(c.lower_ == "only" for c in tok.children):
            # "officials maintain that only a ceasefire would suffice": the speaker sponsors it.
            speaker = head
            for _ in range(3):
                if speaker.dep_ == "ccomp":
                    subject = subject_of(speaker.head)
                    refs = index.actors_of(subject) if subject is not None else []
                    if refs:
                        return "sponsor", countries_of(refs)
                if speaker.head.i == speaker.i:
                    break
                speaker = speaker.head
    return None


def _recipient(verb: Token) -> Token | None:
    """'options were presented to Witkoff': the one the proposal was put to."""
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def proposals(
    doc: Doc, index: ActorIndex, found: list[Found], ctx: ArticleContext
) -> list[Proposal]:
    """Proposals with sponsors, supporters and opponents, merged by key noun."""
    drafts: dict[str, _ProposalDraft] = {}
    partners = _meeting_partners(found)
    for sent in doc.sents:
        for tok in sent:
            act = _offered_act(tok, index)
            if act is not None:  # "Mexico offered to deploy 6,000 troops": a deployment
                key, sponsors = act
                draft = drafts.setdefault(key, _ProposalDraft(key, _act_phrase(tok)))
                draft.sentences.append(sent)
                draft.sponsors.extend(c for c in sponsors if c not in draft.sponsors)
                continue
            key = PROPOSAL_NOUNS.get(tok.lower_) or PROPOSAL_NOUNS.get(tok.lemma_.lower())
            if key is None and _offered(tok, index):
                key = tok.lemma_.lower()  # "offered the presidential aircraft": any noun
            if key is None or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if tok.dep_ == "compound":
                continue
            role = _role_for(tok, index)
            proposal_context = role is not None or _proposal_word_near(tok)
            if not proposal_context:
                if key in drafts:
                    drafts[key].sentences.append(sent)
                continue
            draft = drafts.setdefault(key, _ProposalDraft(key, _phrase(tok)))
            draft.sentences.append(sent)
            if role is None:
                continue
            kind, countries = role
            if kind == "sponsor-of-recipient":
                countries = [p for c in countries for p in partners.get(c, [])]
                kind = "sponsor"
            bucket = {
                "sponsor": draft.sponsors,
                "supporter": draft.supporters,
                "opponent": draft.opponents,
            }[kind]
            for c in countries:
                if c not in bucket:
                    bucket.append(c)
        _origin(sent, index, drafts)
    out = []
    for d in drafts.values():
        if not (d.sponsors or d.supporters or d.opponents):
            continue
        out.append(
            Proposal(
                name=d.key,
                text=d.text,
                sponsors=d.sponsors,
                supporters=[c for c in d.supporters if c not in d.sponsors],
                opponents=[c for c in d.opponents if c not in d.sponsors],
                origin=d.origin,
                evidence=[ctx.evidence(s) for s in _unique(d.sentences)],
            )
        )
    return out


def _offered_act(verb: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """An act put forward as a verb, and who puts it forward: "Mexico offered to deploy
    troops", "Moscow circulated a draft resolution that would extend the mandate", "a request
    from the Emir of Kuwait to extend it by 48 hours". None for other tokens."""
    key = WORDS.offered_acts.get(verb.lemma_.lower())
    if key is None or verb.pos_ != "VERB" or verb.dep_ not in ("xcomp", "acl", "relcl"):
        return None
    head = verb.head
    lemma = head.lemma_.lower()
    if verb.dep_ == "xcomp" and lemma in WORDS.offering_verbs:
        subject = subject_of(head)
        return key, countries_of(index.actors_of(subject)) if subject is not None else []
    if verb.dep_ in ("acl", "relcl") and lemma in WORDS.offer_carriers:
        owners = _owners(head, index)
        for _prep, obj in prep_objects(head, ("from", "by")):
            owners = owners or countries_of(index.actors_of(obj, demonyms=True))
        if not owners and head.dep_ == "dobj":
            subject = subject_of(head.head)  # "Moscow has circulated a draft resolution that ..."
            owners = countries_of(index.actors_of(subject)) if subject is not None else []
        return (key, owners) if owners else None
    return None


def _act_phrase(verb: Token) -> str:
    """The offered act in words: the verb and what follows it in its clause (at most 9)."""
    words = [t.text for t in verb.subtree if t.i >= verb.i and t.dep_ != "punct"]
    return " ".join(words[:9])


def _offered(noun: Token, index: ActorIndex) -> bool:
    """A noun put forward by an offering verb ("offered the presidential aircraft",
    "called for a solution through dialogue", "ready to agree to a delay")."""
    if noun.pos_ != "NOUN" or noun.dep_ not in ("dobj", "pobj"):
        return False
    offered = False
    if noun.dep_ == "dobj":
        offered = noun.head.lemma_.lower() in WORDS.offering_verbs
    elif noun.head.lower_ in ("for", "to"):
        verb = noun.head.head
        lemma = verb.lemma_.lower()
        if lemma == "agree":  # only an offer to agree: "were ready to agree to a delay"
            offered = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in WORDS.offer_heads
        else:  # "called for a solution", not "called an election for the spring"
            offered = (
                lemma in WORDS.offering_prep_verbs
                and noun.head.lower_ == "for"
                and not any(c.dep_ == "dobj" for c in verb.children)
            )
    thing = noun.lemma_.lower()
    return (
        offered
        and thing not in WORDS.not_proposals
        and thing not in WORDS.threat_objects
        and not index.actors_of(noun)
    )


def _unique(sentences: list[Span]) -> list[Span]:
    seen: set[int] = set()
    out = []
    for s in sentences:
        if s.start not in seen:
            seen.add(s.start)
            out.append(s)
    return out


def _proposal_word_near(tok: Token) -> bool:
    """'a proposal to implement a moratorium', 'the idea of a summit'."""
    for head in _clause_heads(tok)[:4]:
        if head.lemma_.lower() in (
            "proposal",
            "idea",
            "plan",
            "offer",
            "option",
            "options",
            "initiative",
            "suggestion",
            "proposed",
            "suggested",
        ):
            return True
    return any(c.lemma_.lower() in ("propose", "suggest") for c in tok.children)


def _origin(sent: Span, index: ActorIndex, drafts: dict[str, _ProposalDraft]) -> None:
    """'The proposal mirrors an idea discussed earlier by Lukashenko': the idea's origin."""
    for tok in sent:
        if tok.lemma_.lower() not in ("idea", "plan", "proposal", "initiative"):
            continue
        for child in tok.children:
            if child.dep_ == "acl":
                agent = agent_of(child)
                if agent is None:
                    continue
                refs = index.actors_of(agent, demonyms=True)
                if not refs:
                    continue
                mentioned = [
                    d for d in drafts.values() if any(s.start <= sent.start for s in d.sentences)
                ]
                if mentioned:
                    latest = max(mentioned, key=lambda d: max(s.start for s in d.sentences))
                    if latest.origin is None and refs[0].country not in latest.sponsors:
                        latest.origin = refs[0].country


def _meeting_partners(found: list[Found]) -> dict[str, list[str]]:
    """Who met whom (CONSULT events): a proposal put to one side came from the other."""
    partners: dict[str, list[str]] = {}
    for f in found:
        if f.type != "CONSULT" or f.inferred_target:
            continue
        for s in f.sources:
            for t in f.targets:
                partners.setdefault(s.country, []).append(t.country)
                partners.setdefault(t.country, []).append(s.country)
    return partners


# --------------------------------------------------------------------------- conditions and beliefs


def conditions(doc: Doc, index: ActorIndex, ctx: ArticleContext) -> list[Claim]:
    """Each listed condition, demand or red line of an actor, one claim per item."""
    out: list[Claim] = []
    for sent in doc.sents:
        for tok in sent:
            low = tok.lower_
            if low in CONDITION_NOUNS and tok.pos_ == "NOUN":
                owner = _owner(tok, index)
                if not owner:
                    continue
                for item in _listed_items(tok):
                    out.extend(_conditions_of(owner, item, sent, ctx))
            elif tok.lemma_.lower() == "insist":
                subject = subject_of(tok)
                owner = countries_of(index.actors_of(subject)) if subject is not None else []
                for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"):
                    for obj in prep.children:
                        if obj.dep_ == "pcomp" or obj.dep_ == "pobj":
                            for item_tok in [obj, *obj.conjuncts]:
                                out.extend(_conditions_of(owner, _item_text(item_tok), sent, ctx))
    return out


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
    sent = tok.sent
    rest = sent.doc.text[tok.idx : sent.end_char]
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
    for sent in doc.sents:
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
                    text=" ".join(f.sentence.text.split()),
                    evidence=ctx.evidence(f.sentence),
                )
            )
    return out
