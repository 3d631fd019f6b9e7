"""Mood: is a trigger a real event, a threat of one, an intention, a refusal, a demand,
or no event at all? The cue words are data (``data/modality.yaml``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Token

from standoff.read.lexicon import COOPERATIVE, THREATENABLE, Modality
from standoff.read.rules import Rules, first_match
from standoff.read.spans import sentence_of
from standoff.read.syntax import (
    act_with_time_left,
    addresses_own_agent,
    clause_of,
    reporters_conjunct,
    speaker_label,
    that_clause,
)
from standoff.read.words import WORDS


def _elided(verb: Token, neg: Token) -> bool:
    """'Kyiv accepted the plan; Moscow did not': the negation has a subject of its own."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and verb.i < c.i < neg.i for c in verb.children)


def elided_refusals(trigger: Token) -> list[Token]:
    """Subjects of an elided negative clause after the trigger ('...; Moscow did not')."""
    negs = [c for c in trigger.children if c.dep_ == "neg" and c.i > trigger.i]
    out = [
        c
        for c in trigger.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.i > trigger.i and any(n.i > c.i for n in negs)
    ]
    head = trigger.head  # parsed the other way round: "[X accepted]; Moscow did not"
    if (
        trigger.dep_ in ("ccomp", "conj")
        and head.i > trigger.i
        and head.lemma_ in ("do", "be", "have")
    ):
        if any(c.dep_ == "neg" for c in head.children):
            out += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return out


class Mood(StrEnum):
    """What a trigger's clause says of its event."""

    REAL = "real"  # it happened or is happening
    THREAT = "threat"  # "will impose", "threatened to impose"
    INTENT = "intent"  # "offered to hand over", "said it would allow"
    MODAL = "modal"  # "could impose"
    HYPOTHETICAL = "hypothetical"  # "a proposal to halt", "gave Moscow 50 days to reach"
    NEGATED = "negated"  # "did not agree", "no tariff has been placed"
    REFUSED = "refused"  # "refused to attend"
    CONDITIONAL = "conditional"  # "if it did not agree"
    OBLIGED = "obliged"  # reported "must": "said China must drop barriers"
    ULTIMATUM = "ultimatum"  # "will boycott the elections unless ..."
    ALLEGED = "alleged"  # "alleged that France took part in ...": the alleger accuses
    ASKED = "asked"  # "Will Paris retaliate?": a direct question asserts nothing


@dataclass(frozen=True)
class Climb:
    """One step up from a trigger to a governing word: ``tok`` hangs on ``head`` by ``rel``."""

    tok: Token
    head: Token
    lemma: str  # the head's lemma, lower case
    rel: str  # tok.dep_
    hops: int  # 0 for the trigger's own head


OwnRule = Callable[[Token, Modality], Mood | None]
HeadRule = Callable[[Climb, Modality], Mood | None]
HeadChildRule = Callable[[Climb, Token, Modality], Mood | None]

# Relations under which a head's negation reaches the trigger: "did not agree to ...".
NEGATION_RELS = ("xcomp", "ccomp", "dobj", "conj")
# Relations under which a head's modal reaches the trigger: "could launch an attack".
MODAL_RELS = ("xcomp", "dobj", "conj", "nsubj", "nsubjpass", "csubj")
# Clauses whose own mood stops the climb after the first step.
CLAUSE_RELS = ("ccomp", "relcl", "advcl")
FUTURE = ("will", "'ll", "shall")


def mood(trigger: Token, modality: Modality) -> Mood:
    """The trigger's mood: the first answer of its own words (:data:`OWN_MOODS`), else of
    each governing word up to four steps up (:data:`HEAD_MOODS`, then the head's own
    dependents, :data:`HEAD_CHILD_MOODS`), else real."""
    own = first_match(OWN_MOODS, trigger, modality)
    if own is not None:
        return own
    for climb in _climb(trigger):
        found = first_match(HEAD_MOODS, climb, modality)
        if found is None:
            found = _head_child_mood(climb, modality)
        if found is not None:
            return found
    return Mood.REAL


def _climb(trigger: Token) -> Iterator[Climb]:
    """The governing words above a trigger, nearest first: at most four, and no further
    than the first clause boundary above the trigger's own head."""
    tok = trigger
    hops = 0
    while tok.head.i != tok.i and hops < 4:
        head = tok.head
        yield Climb(tok, head, head.lemma_.lower(), tok.dep_, hops)
        if (tok.dep_ in CLAUSE_RELS and hops > 0) or tok.dep_ == "relcl":
            # a relative clause tells of its noun on its own: 'would receive its citizens
            # who are deported' does not make the deporting still to come
            return
        tok = head
        hops += 1


def _head_child_mood(climb: Climb, modality: Modality) -> Mood | None:
    for child in climb.head.children:
        found = first_match(HEAD_CHILD_MOODS, climb, child, modality)
        if found is not None:
            return found
    return None


# ------------------------------------------------------------------ the trigger's own words


def held_occasion(tok: Token, modality: Modality) -> Mood | None:
    """'failed to agree at a meeting in Luanda', 'after eight hours of talks': the meeting
    took place though the verb it is the occasion of failed or was refused. 'Serbia and Kosovo
    will meet at a summit hosted by the EU next week': a meeting where something is still to
    be done is not held yet (the verb tells what is announced)."""
    verb = _occasion_of(tok)
    if verb is None:
        return None
    verb_mood = mood(verb, modality)
    if verb_mood in (Mood.REFUSED, Mood.NEGATED):
        return Mood.REAL
    if verb_mood in TO_COME and verb.lemma_.lower() in WORDS.occasion_verbs:
        return Mood.HYPOTHETICAL
    return None


# Moods of an act still to come.
TO_COME = (Mood.THREAT, Mood.INTENT, Mood.MODAL, Mood.HYPOTHETICAL, Mood.CONDITIONAL)


def _occasion_of(noun: Token) -> Token | None:
    """The verb a noun is the time or place of ('agree at a meeting', 'after two days of
    talks'), or None."""
    if noun.pos_ != "NOUN":
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in TIME_NOUNS:
        noun = noun.head.head  # "eight hours of talks"
    if noun.dep_ != "pobj" or noun.head.lower_ not in HELD_PREPS:
        return None
    verb = noun.head.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


# Prepositions of an occasion that took place ('for talks' may be only a purpose).
HELD_PREPS = frozenset(("at", "after", "during", "over"))
TIME_NOUNS = WORDS.time_nouns


def unless_ultimatum(tok: Token, modality: Modality) -> Mood | None:
    """'will block the accession unless Stockholm extradites ...': an ultimatum. An "unless"
    clause before its verb is set off by a comma ("Unless Russia agrees, tariffs will ...");
    without one the parser has hung a later clause on it ("unless the junta kept to the
    date it had agreed to": "agreed" is no ultimatum)."""
    doc = tok.doc
    if any(
        c.dep_ == "advcl"
        and any(m.lower_ == "unless" for m in c.children if m.dep_ == "mark")
        and (c.i > tok.i or doc[min(c.right_edge.i + 1, len(doc) - 1)].text == ",")
        for c in tok.children
    ):
        return Mood.ULTIMATUM
    return None


def reported_must(tok: Token, modality: Modality) -> Mood | None:
    """'believes that Ankara must withdraw', 'said the tariffs were unfair and that
    Washington should withdraw them', 'sent a reminder to Minsk that it must comply': a
    content clause's "must" is a demand (:func:`content_clause`)."""
    if content_clause(clause_of(tok)) and any(
        c.dep_ == "aux" and c.lower_ in modality.obligation for c in tok.children
    ):
        return Mood.OBLIGED
    return None


def content_clause(verb: Token) -> bool:
    """A clause that tells what was said: a verb's complement ('said that ...') or a "that"
    clause on a noun of saying ('a reminder to Minsk that it must comply', 'the warning
    that ...'); not a relative clause ('the troops that must leave')."""
    if verb.dep_ == "ccomp":
        return True
    return verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and that_clause(verb)


def stated_must(tok: Token, modality: Modality) -> Mood | None:
    """'Under the list, Qatar must cut its ties to Iran': a main clause's "must" states a
    demand on its subject, not a deed."""
    if tok.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
        return Mood.OBLIGED
    return None


def inside_a_demand(tok: Token, modality: Modality) -> Mood | None:
    """'demanded that its partners refuse to recognise Skopje', 'reiterated its demand that
    Israel ease the restrictions', 'demanded that Washington match the EU's support':
    whatever a demand's clause holds, however deep, is asked for, not done (the demand is
    the asker's REQUEST)."""
    word = tok
    for _ in range(6):
        if word.head.i == word.i:
            return None
        if word.dep_ in ("ccomp", "acl") and word.head.lemma_.lower() in WORDS.asking_verbs:
            if word.dep_ == "ccomp" or that_clause(word):
                return Mood.HYPOTHETICAL
        if (
            word.dep_ in ("ccomp", "advcl")
            and that_clause(word)
            and demand_object(word.head) is not None
        ):
            return Mood.HYPOTHETICAL  # "reiterated its demand today that ...": the parser
            # hangs the demand's clause on the verb when a word comes between
        if word.dep_ == "relcl" or (word.dep_ == "acl" and not that_clause(word)):
            return None  # "the court, which told Baku to ...", "rifles seized by": facts
        word = word.head
    return None


def demand_object(verb: Token) -> Token | None:
    """The demand a verb voices ('reiterated its demand', 'renewed its call'): its object
    when that is an asking word; else None."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in WORDS.asking_verbs:
            return child
    return None


def future_in_the_past(tok: Token, modality: Modality) -> Mood | None:
    """'Iraq said it would allow ...': a reported "would" announces an intention."""
    if (
        tok.dep_ == "ccomp"
        and tok.head.lemma_.lower() in modality.reporting
        and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in tok.children)
        and not any(c.dep_ == "neg" for c in tok.children)
    ):
        return Mood.INTENT
    return None


def condition(tok: Token, modality: Modality) -> Mood | None:
    """'if it did not agree', 'if Russia attacks': a condition, not a refusal or a deed."""
    if any(c.dep_ == "mark" and c.lower_ in modality.conditionals for c in tok.children):
        return Mood.CONDITIONAL
    return None


def not_yet(tok: Token, modality: Modality) -> Mood | None:
    """'before it frees all the hostages', 'until Kyiv lifts the ban', 'once Baku reopens
    the road': a present tense in a clause of time tells an act still to come."""
    if tok.tag_ in ("VBZ", "VBP") and any(
        c.dep_ == "mark" and c.lower_ in ("before", "until", "once") for c in tok.children
    ):
        return Mood.HYPOTHETICAL
    return None


def promised_restraint(tok: Token, modality: Modality) -> Mood | None:
    """'agreed not to support the militia', 'pledged not to use force': the act a promise
    holds back is neither done nor refused; the promise is the event."""
    if (
        tok.dep_ == "xcomp"
        and tok.head.lemma_.lower() in PROMISING
        and any(c.dep_ == "neg" for c in tok.children)
    ):
        return Mood.HYPOTHETICAL
    return None


PROMISING = WORDS.pledging_words | WORDS.agreeing_verbs


def no_object(tok: Token, modality: Modality) -> Mood | None:
    """'imposed no tariffs', 'no tariff has been placed on Chinese goods' (not 'pledged no
    force': a promise of restraint, made)."""
    if tok.lemma_.lower() in PROMISING:
        return None
    if any(
        c.dep_ in ("dobj", "nsubjpass")
        and any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children)
        for c in tok.children
    ):
        return Mood.NEGATED
    return None


def direct_question(tok: Token, modality: Modality) -> Mood | None:
    """'Will Paris retaliate?', 'What did the leaders agree?' (an explainer's heading): a
    clause that asks asserts no event; the answer that follows it tells what happened.
    The asking clause inverts its subject and auxiliary or opens with a wh-word, in a
    sentence that ends with a question mark; a clause joined before it is not asked
    ("Iran struck on Tuesday, but will Pakistan answer?")."""
    sent = sentence_of(tok)
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is None or last.text != "?":
        return None
    path = [tok, *tok.ancestors]
    for step, head in enumerate(path):
        if _asks(head, sent.start):
            return Mood.ASKED
        if head.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            return None  # a clause of its own, joined to another
        if step > 6:
            break
    return None


_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def _asks(head: Token, sentence_start: int) -> bool:
    """A clause head that asks: "did" or "will" before its subject, or a wh-word at the
    start of the sentence that it governs."""
    subjects = [
        c.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and not speaker_label(c)
    ]
    if subjects and any(c.dep_ == "aux" and c.i < min(subjects) for c in head.children):
        return True
    first = head.doc[sentence_start]
    if speaker_label(first) and sentence_start + 2 < len(head.doc):
        first = head.doc[sentence_start + 2]  # "Q: What did the leaders agree?"
    return first.tag_ in _WH_TAGS and head.i == first.head.i


def negation(tok: Token, modality: Modality) -> Mood | None:
    """'did not attack', 'never agreed' (not an elided "Kyiv accepted; Moscow did not")."""
    for child in tok.children:
        if (child.dep_ == "neg" or child.lower_ in ("not", "n't", "never")) and not _elided(
            tok, child
        ):
            return Mood.NEGATED
    return None


def no_noun(tok: Token, modality: Modality) -> Mood | None:
    """'there was no attack on ...': an event noun denied by its determiner."""
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return Mood.NEGATED
    return None


def any_act(tok: Token, modality: Modality) -> Mood | None:
    """'any attack on its nationals would be met with a response', 'Moscow will answer any
    new sanctions': an act under "any" is one a warning deters, done by nobody yet."""
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "any" for c in tok.children):
        return Mood.HYPOTHETICAL
    return None


def no_longer(tok: Token, modality: Modality) -> Mood | None:
    """'they no longer apply arms embargoes', 'no more'."""
    if any(
        c.dep_ == "advmod"
        and c.lower_ in ("longer", "more")
        and any(g.lower_ == "no" for g in c.children)
        for c in tok.children
    ):
        return Mood.NEGATED
    return None


def modal(tok: Token, modality: Modality) -> Mood | None:
    """'will impose' is a threat, 'could attack' a possibility (both THREATEN when the act
    is a threatenable one)."""
    for child in tok.children:
        if child.dep_ == "aux" and child.lower_ in modality.modals:
            return Mood.THREAT if child.lower_ in FUTURE else Mood.MODAL
    return None


def readiness(tok: Token, modality: Modality) -> Mood | None:
    """'remained open to dialogue with the bloc', 'is ready for talks': what one is ready for
    is offered, not done ('is not ready for talks': refused)."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("to", "for"):
        return None
    adjective = tok.head.head
    if adjective.pos_ != "ADJ" or adjective.lemma_.lower() not in OFFERING_READINESS:
        return None
    said = (adjective, adjective.head)
    negated = any(c.dep_ == "neg" for t in said for c in t.children)
    return Mood.REFUSED if negated else Mood.INTENT


OFFERING_READINESS = WORDS.offering_readiness


# ------------------------------------------------------------------ governing words


def refusal_head(climb: Climb, modality: Modality) -> Mood | None:
    """'refused to release the prisoners': refused."""
    if climb.rel == "xcomp" and climb.lemma in modality.refusal_heads:
        return Mood.REFUSED
    return None


def time_given(climb: Climb, modality: Modality) -> Mood | None:
    """'gave Moscow 50 days to reach an agreement': the act is demanded, not done."""
    if (
        climb.rel in ("advcl", "xcomp")
        and climb.lemma in ("give", "grant", "allow")
        and any(
            c.dep_ in ("dobj", "npadvmod") and c.lower_ in modality.hypothetical_heads
            for c in climb.head.children
        )
    ):
        return Mood.HYPOTHETICAL
    return None


def time_left(tok: Token, modality: Modality) -> Mood | None:
    """'Peru had until Friday to reopen the border', 'has ten days to comply': the act is
    demanded of the one with time left (a REQUEST, :func:`triggers.time_left`), not done."""
    haves = [c for c in tok.children if c.dep_ == "aux"] + [tok.head, tok.head.head]
    for have in haves:
        found = act_with_time_left(have)
        if found is not None and found[1].i == tok.i:
            return Mood.HYPOTHETICAL
    return None


# Heads that put a measure's start on the calendar: "the tariffs are due to take effect".
SCHEDULING_HEADS = frozenset(
    ("due", "schedule", "scheduled", "slate", "slated", "set", "plan", "planned")
)
# The verbs of a measure coming into force, with the word that completes each.
IN_FORCE_VERBS = {"take": "effect", "come": "force", "enter": "force", "kick": "in"}


def scheduled_measure(climb: Climb, modality: Modality) -> Mood | None:
    """'US tariffs on Chinese goods are due to take effect on Friday', 'the duties are set
    to come into force on Monday': a measure put on the calendar and not yet in force is
    threatened (its start day is the deadline), not merely planned as a meeting is ("talks
    are due to take place" stays hypothetical)."""
    if climb.hops != 0 or climb.rel != "xcomp" or climb.lemma not in SCHEDULING_HEADS:
        return None
    word = IN_FORCE_VERBS.get(climb.tok.lemma_.lower())
    if word is None or not any(t.lower_ == word for t in climb.tok.subtree):
        return None
    return Mood.THREAT


def threat_head(climb: Climb, modality: Modality) -> Mood | None:
    """'threatened to impose', 'the threat of sanctions', 'ready to activate'; 'have sworn
    to fight', which the parser may hang on the verb as a clause of purpose."""
    complement = climb.rel in ("xcomp", "acl", "pobj", "dobj", "compound")
    if climb.rel == "advcl" and climb.hops == 0 and _purpose(climb.tok):
        complement = True
    if complement and climb.lemma in modality.threat_heads:
        return Mood.THREAT
    return None


def demanded_readiness(climb: Climb, modality: Modality) -> Mood | None:
    """'Cairo said Washington must be ready to mediate', 'Kyiv should be willing to talk':
    the readiness is what is demanded, so the act it is ready for is asked of its
    subject, not offered by it."""
    if climb.rel != "xcomp" or climb.lemma not in modality.intent_heads:
        return None
    verb = climb.head.head if climb.head.dep_ in ("acomp", "xcomp") else climb.head
    if any(c.dep_ == "aux" and c.lower_ in modality.obligation for c in verb.children):
        return Mood.OBLIGED
    return None


def ruled_out(climb: Climb, modality: Modality) -> Mood | None:
    """'removing the sanctions is out of the question', 'a withdrawal is off the table': an
    act whose doing is said to be out of the question is refused."""
    if climb.hops > 1 or climb.rel not in ("csubj", "nsubj") or climb.lemma != "be":
        return None
    predicate = " ".join(
        t.lower_ for c in climb.head.children if c.i > climb.tok.i for t in c.subtree
    )
    if any(phrase in predicate for phrase in WORDS.ruled_out_predicates):
        return Mood.REFUSED
    return None


def intent_head(climb: Climb, modality: Modality) -> Mood | None:
    """'is ready to meet', 'offered to hand over': an intention; 'is not willing to': refused."""
    if climb.rel in ("xcomp", "acl") and climb.lemma in modality.intent_heads:
        negated = any(c.dep_ == "neg" for c in climb.head.children)
        return Mood.REFUSED if negated else Mood.INTENT
    return None


def attempted_blow(climb: Climb, modality: Modality) -> Mood | None:
    """'gunmen attempted to assassinate the governor', 'an attempt to kill the minister was
    foiled': an attempted blow is an assault already made, not one wished for."""
    if (
        climb.hops == 0
        and climb.rel in ("xcomp", "acl")
        and climb.lemma in WORDS.attempt_heads
        and climb.tok.lemma_.lower() in WORDS.violent_verbs
    ):
        return Mood.REAL
    return None


def hypothetical_head(climb: Climb, modality: Modality) -> Mood | None:
    """'trying to prevent an attack', 'a proposal to halt': wished for or proposed, not done
    (a participle such as "the ceasefire demanded by Kyiv" is not under its head)."""
    participle = climb.rel == "acl" and climb.tok.tag_ == "VBN"
    if (
        climb.rel in ("xcomp", "acl", "pobj", "dobj", "prep", "compound")
        and not participle
        and climb.lemma in modality.hypothetical_heads
    ):
        return Mood.HYPOTHETICAL
    return None


def alleged_clause(climb: Climb, modality: Modality) -> Mood | None:
    """'a report alleged that France took part in the massacres': an allegation, not a deed
    (whoever alleges it accuses the clause's doer)."""
    if climb.rel == "ccomp" and climb.lemma in modality.allegation_heads:
        return Mood.ALLEGED
    return None


def continued_head(climb: Climb, modality: Modality) -> Mood | None:
    """'Washington would continue to stand with the Philippines', 'will keep supporting
    Kyiv': what goes on is a deed under way, not a promise of a new one."""
    if climb.hops == 0 and climb.rel == "xcomp" and climb.lemma in WORDS.continuing_verbs:
        return Mood.REAL
    if climb.hops == 0 and climb.rel == "nsubj" and climb.lemma in WORDS.continuing_verbs:
        return Mood.REAL  # "the military operation would continue": the deed goes on
    return None


def denied_clause(climb: Climb, modality: Modality) -> Mood | None:
    """'Rwanda denies backing the rebels', 'denied that any clashes had taken place': the
    deed denied is no event (the denial itself is the denier's REJECT)."""
    if climb.hops == 0 and climb.rel in DENIED_RELS and climb.lemma in WORDS.denial_verbs:
        return Mood.HYPOTHETICAL
    return None


DENIED_RELS = ("ccomp", "xcomp", "dobj", "pcomp")


# Verbs whose complement is asked for: 'urged X to', and orders, 'told X to', 'ordered X to'.
ASKING_VERBS = WORDS.asking_verbs | WORDS.directive_verbs


def asked_clause(climb: Climb, modality: Modality) -> Mood | None:
    """'pressed Mexico to accept the plan', 'demanded a meeting of the Council to discuss
    the offensive': asked for, not done (a "that" clause: :func:`inside_a_demand`)."""
    # not "called Putin to apologise": a telephone call's purpose is done in the call
    purpose = climb.rel == "advcl" and _purpose(climb.tok) and climb.lemma != "call"
    complement = climb.rel == "xcomp" or purpose
    if complement and climb.lemma in ASKING_VERBS and climb.hops == 0:
        if climb.lemma in WORDS.directive_verbs and addresses_own_agent(climb.head):
            return None  # "ordered his trade minister to raise tariffs": done by ordering it
        return Mood.HYPOTHETICAL
    return None


def intended_purpose(climb: Climb, modality: Modality) -> Mood | None:
    """'will visit Mauritania and Senegal to mediate': the purpose of an act still to come
    is intended, not done."""
    if (
        climb.rel == "advcl"
        and climb.hops == 0
        and _purpose(climb.tok)
        and any(c.dep_ == "aux" and c.lower_ in FUTURE for c in climb.head.children)
    ):
        return Mood.INTENT
    return None


# ------------------------------------------------------------ a governing word's dependents


def negated_head(climb: Climb, child: Token, modality: Modality) -> Mood | None:
    """'did not launch an attack', 'did not agree to ...' (not "X agreed; Y did not", where
    the clause has a subject of its own)."""
    if child.dep_ != "neg" or climb.rel not in NEGATION_RELS:
        return None
    if climb.rel in ("ccomp", "conj") and _own_subject(climb.tok):
        return None
    if climb.rel == "conj" and reporters_conjunct(climb.tok):
        return None  # "said the ban was not based on science and urged ...": the reporter's
    return Mood.NEGATED


def _own_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def conditional_head(climb: Climb, child: Token, modality: Modality) -> Mood | None:
    """'if Moscow launches an attack': the head's condition covers its object."""
    if child.dep_ == "mark" and child.lower_ in modality.conditionals and climb.rel != "ccomp":
        return Mood.CONDITIONAL
    return None


def obliged_head(climb: Climb, child: Token, modality: Modality) -> Mood | None:
    """'Qatar must cut its ties to Iran and close the base': the "must" of the first verb
    covers the verbs joined to it; 'must open the border to let the convoys through':
    and the purpose the demanded act serves."""
    if child.dep_ != "aux" or child.lower_ != "must":
        return None
    if climb.rel in ("conj", "xcomp") or (climb.rel == "advcl" and _purpose(climb.tok)):
        return Mood.OBLIGED
    return None


def _purpose(verb: Token) -> bool:
    """'to let the convoys through', 'in order to allow': an infinitive of purpose."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def reported_intent_head(climb: Climb, modality: Modality) -> Mood | None:
    """'Greece and Turkey said they would hold talks': the object of a reported "would"
    is announced as its verb is (:func:`future_in_the_past`), not merely possible."""
    if climb.hops == 0 and climb.rel in MODAL_RELS and climb.rel != "conj":
        return future_in_the_past(climb.head, modality)
    return None


def modal_head(climb: Climb, child: Token, modality: Modality) -> Mood | None:
    """'could launch an attack', 'will keep up the strikes' (not "said Georgetown would take
    the matter to the Council and that he had spoken to Brazil": a joined clause with a
    subject of its own has its own mood)."""
    if child.dep_ == "aux" and child.lower_ in modality.modals and climb.rel in MODAL_RELS:
        if climb.rel == "conj" and _own_subject(climb.tok):
            return None
        return Mood.THREAT if child.lower_ in FUTURE else Mood.MODAL
    return None


# The order is the meaning: the first rule that answers decides. An "unless" makes an
# ultimatum of any verb, a reported or stated "must" a demand, before any negation or
# modal counts; the trigger's own words come before those of the words that govern it.
OWN_MOODS: Rules[OwnRule] = Rules(
    "mood of a trigger",
    (
        unless_ultimatum,
        time_left,
        reported_must,
        stated_must,
        inside_a_demand,
        future_in_the_past,
        condition,
        not_yet,
        direct_question,
        promised_restraint,
        no_object,
        negation,
        no_noun,
        any_act,
        no_longer,
        modal,
        readiness,
        held_occasion,
    ),
)
HEAD_MOODS: Rules[HeadRule] = Rules(
    "mood from a governing word",
    (
        continued_head,
        refusal_head,
        time_given,
        scheduled_measure,  # before intent and hypothetical heads: "set", "due"
        threat_head,
        demanded_readiness,
        ruled_out,
        intent_head,
        attempted_blow,
        hypothetical_head,
        alleged_clause,
        denied_clause,
        asked_clause,
        intended_purpose,
        reported_intent_head,
    ),
)
HEAD_CHILD_MOODS: Rules[HeadChildRule] = Rules(
    "mood from a governing word's dependents",
    (negated_head, conditional_head, obliged_head, modal_head),
)


def classify(trigger_type: str, state: Mood) -> tuple[str, str | None] | None:
    """The PLOVER (type, mode) a trigger stands for in its mood, or None if it is no event.

    PLOVER codes an announced cooperative action as AGREE (intent to
    cooperate) and its refusal as REJECT; a conflictual action that is only
    announced, conditional on an "unless" or modal is a THREATEN; a demanded
    one ("X must ...") a REQUEST; an alleged one ("alleged that X took part") an ACCUSE.
    """
    if state in (Mood.HYPOTHETICAL, Mood.CONDITIONAL, Mood.ASKED):
        return None
    cooperative = trigger_type in COOPERATIVE
    if state in (Mood.NEGATED, Mood.REFUSED):
        return ("REJECT", trigger_type.lower()) if cooperative else None
    if state == Mood.ULTIMATUM:
        return "THREATEN", trigger_type.lower()
    if state == Mood.OBLIGED:
        return "REQUEST", trigger_type.lower()
    if state == Mood.ALLEGED:
        return "ACCUSE", None
    if state in (Mood.THREAT, Mood.INTENT):
        if cooperative:
            return ("AGREE", trigger_type.lower()) if trigger_type != "AGREE" else ("AGREE", None)
        if trigger_type in THREATENABLE:
            return "THREATEN", THREATENABLE[trigger_type]
        return trigger_type, None
    if state == Mood.MODAL:
        return ("THREATEN", THREATENABLE[trigger_type]) if trigger_type in THREATENABLE else None
    return trigger_type, None
