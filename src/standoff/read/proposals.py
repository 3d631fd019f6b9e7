"""Proposals: what the actors put forward, and who sponsors, backs or opposes it.

A *proposal* is found by the detectors of :data:`PROPOSALS`, in order, on each word:
an act offered as a verb ("Mexico offered to deploy troops"), a key noun
(ceasefire, moratorium, summit, ...) in a proposal context, or any noun an offering
verb puts forward ("offered the presidential aircraft"). Mentions of the same key
across the article are one proposal. Who stands where on it is read by
:data:`PROPOSAL_ROLES` (the noun's own phrase) and, up its chain of governing words,
:data:`HEAD_ROLES` ("proposed by", "Kyiv accepted", "only a ceasefire would suffice").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from standoff.model import Proposal
from standoff.read.claims import ArticleContext
from standoff.read.events import Found
from standoff.read.mentions import ActorIndex, countries_of
from standoff.read.rules import NOTHING, Nothing, Rules, first_match
from standoff.read.syntax import agent_of, prep_objects, subject_of
from standoff.read.words import WORDS

PROPOSAL_NOUNS = WORDS.proposal_nouns
SPONSOR_VERBS = WORDS.sponsor_verbs
SUPPORT_VERBS = WORDS.support_verbs
OPPOSE_VERBS = WORDS.oppose_verbs
STANCE_VERBS = SPONSOR_VERBS | SUPPORT_VERBS | OPPOSE_VERBS
ENDORSING_PREDICATES = WORDS.endorsing_predicates

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

# ('sponsor' | 'supporter' | 'opponent' | 'sponsor-of-recipient', countries)
Role = tuple[str, list[str]]


@dataclass
class _ProposalDraft:
    key: str
    text: str
    sponsors: list[str] = field(default_factory=list)
    supporters: list[str] = field(default_factory=list)
    opponents: list[str] = field(default_factory=list)
    origin: str | None = None
    sentences: list[Span] = field(default_factory=list)


@dataclass
class ProposalAssembly:
    """The proposals of one article as the detectors find them."""

    index: ActorIndex
    partners: dict[str, list[str]]  # who met whom: a proposal put to one came from the other
    drafts: dict[str, _ProposalDraft] = field(default_factory=dict)


def proposals(
    doc: Doc, index: ActorIndex, found: list[Found], ctx: ArticleContext
) -> list[Proposal]:
    """Proposals with sponsors, supporters and opponents, merged by key noun."""
    found_so_far = ProposalAssembly(index, _meeting_partners(found))
    for sent in doc.sents:
        for tok in sent:
            for detector in PROPOSALS:
                if detector(tok, sent, found_so_far):
                    break
        _origin(sent, index, found_so_far.drafts)
    out = []
    for d in found_so_far.drafts.values():
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


# --------------------------------------------------------------------------- detectors


def offered_act(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """ "Mexico offered to deploy 6,000 troops": a deployment, sponsored by the offerer."""
    act = _offered_act(tok, p.index)
    if act is None:
        return False
    key, sponsors = act
    draft = p.drafts.setdefault(key, _ProposalDraft(key, _act_phrase(tok)))
    draft.sentences.append(sent)
    draft.sponsors.extend(c for c in sponsors if c not in draft.sponsors)
    return True


def proposal_noun(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """A key noun ('ceasefire', 'summit', 'moratorium') in a proposal context."""
    key = PROPOSAL_NOUNS.get(tok.lower_) or PROPOSAL_NOUNS.get(tok.lemma_.lower())
    if key is None:
        return False
    _record(tok, key, sent, p)
    return True


def offered_noun(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """Any noun an offering verb puts forward: 'offered the presidential aircraft'."""
    if not _offered(tok, p.index):
        return False
    _record(tok, tok.lemma_.lower(), sent, p)
    return True


PROPOSALS: Rules[Callable[[Token, Span, ProposalAssembly], bool]] = Rules(
    "proposal detectors", (offered_act, proposal_noun, offered_noun)
)


def _record(tok: Token, key: str, sent: Span, p: ProposalAssembly) -> None:
    """A proposal noun and who stands where on it; a mention with no proposal context only
    adds its sentence to a proposal already found."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
        return
    role = first_match(PROPOSAL_ROLES, tok, p.index)
    if role is None and not _proposal_word_near(tok):
        if key in p.drafts:
            p.drafts[key].sentences.append(sent)
        return
    draft = p.drafts.setdefault(key, _ProposalDraft(key, _phrase(tok)))
    draft.sentences.append(sent)
    if role is None:
        return
    kind, countries = role
    if kind == "sponsor-of-recipient":
        countries = [c for r in countries for c in p.partners.get(r, [])]
        kind = "sponsor"
    bucket = {
        "sponsor": draft.sponsors,
        "supporter": draft.supporters,
        "opponent": draft.opponents,
    }[kind]
    for c in countries:
        if c not in bucket:
            bucket.append(c)


# --------------------------------------------------------------------------- who stands where


def own_sponsors(tok: Token, index: ActorIndex) -> Role | None:
    """'a Trump-Putin summit', "Kyiv's ceasefire plan": the noun's own actors sponsor it
    (not for what is held rather than proposed: "the Kremlin talks")."""
    owners = _owners(tok, index)
    if owners and tok.lemma_.lower() not in HELD_NOT_PROPOSED:
        return "sponsor", owners
    return None


def proposal_for(tok: Token, index: ActorIndex) -> Role | None:
    """'a U.S. proposal for a 30-day ceasefire': the proposal's owner sponsors it."""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("for", "of", "on"):
        holder = tok.head.head
        if holder.lemma_.lower() in PROPOSAL_HEADS:
            owners = _owners(holder, index)
            if owners:
                return "sponsor", owners
    return None


def participle_stance(tok: Token, index: ActorIndex) -> Role | None:
    """'the ceasefire demanded by Kyiv and Washington', 'the plan rejected by Moscow'."""
    for child in tok.children:
        lemma = child.lemma_.lower()
        if child.dep_ == "acl" and lemma in STANCE_VERBS:
            agent = agent_of(child)
            refs = index.actors_of(agent, demonyms=True) if agent is not None else []
            if refs:
                return _stance(lemma), countries_of(refs)
    return None


def governing_words(tok: Token, index: ActorIndex) -> Role | None:
    """Up the noun's chain of governing words (:data:`HEAD_ROLES` on each, nearest first)."""
    for head in _clause_heads(tok):
        if head.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
            continue
        role = first_match(HEAD_ROLES, tok, head, index)
        if role is not None:
            return role
    return None


PROPOSAL_ROLES: Rules[Callable[[Token, ActorIndex], Role | None]] = Rules(
    "who stands where on a proposal",
    (own_sponsors, proposal_for, participle_stance, governing_words),
)


def stance_verb(tok: Token, head: Token, index: ActorIndex) -> Role | Nothing | None:
    """'Kyiv proposed a ceasefire', 'Moscow rejected the plan', 'was not willing to back',
    'options were presented to Witkoff' (the sponsor: whom the recipient met); 'ready to
    agree to a delay' is an offer. A stance verb with no actor ends the search here."""
    lemma = head.lemma_.lower()
    if lemma not in STANCE_VERBS:
        return None
    agent = agent_of(head)
    refs = index.actors_of(agent, demonyms=True) if agent is not None else []
    if not refs and head.dep_ != "acl":
        subject = subject_of(head)
        refs = index.actors_of(subject) if subject is not None else []
    if not refs:
        recipient = _recipient(head) if head.dep_ != "acl" or head.head.i == tok.i else None
        if recipient is not None:
            return "sponsor-of-recipient", [r.country for r in index.actors_of(recipient)]
        return NOTHING
    role = _stance(lemma)
    if any(c.dep_ == "neg" for c in head.children) and role != "opponent":
        role = "opponent"
    elif (
        role == "supporter"
        and head.dep_ == "xcomp"
        and (head.head.lemma_.lower() in WORDS.offer_heads)
    ):
        role = "sponsor"  # "ready to agree to a delay": an offer, not an answer
    return role, countries_of(refs)


def endorsement(tok: Token, head: Token, index: ActorIndex) -> Role | None:
    """'officials maintain that only a ceasefire would suffice': the speaker sponsors it."""
    lemma = head.lemma_.lower()
    if lemma not in ENDORSING_PREDICATES and not any(c.lower_ == "only" for c in tok.children):
        return None
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


HEAD_ROLES: Rules[Callable[[Token, Token, ActorIndex], Role | Nothing | None]] = Rules(
    "who stands where on a proposal, from a governing word", (stance_verb, endorsement)
)


def _stance(lemma: str) -> str:
    if lemma in SPONSOR_VERBS:
        return "sponsor"
    return "supporter" if lemma in SUPPORT_VERBS else "opponent"


# --------------------------------------------------------------------------- helpers


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


def _owners(noun: Token, index: ActorIndex) -> list[str]:
    """Actors named as the noun's own modifiers or possessor ('US', 'Kyiv's', 'Trump-Putin')."""
    refs = [
        r
        for c in noun.children
        if c.dep_ in ("poss", "compound", "nmod", "amod") and c.i < noun.i
        for r in index.actors_of(c, demonyms=True)
    ]
    return countries_of(refs)


def _recipient(verb: Token) -> Token | None:
    """'options were presented to Witkoff': the one the proposal was put to."""
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


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
