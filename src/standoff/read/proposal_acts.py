"""Acts put forward as a verb: "offered to mediate", "urged Chile to resume
negotiations", "agreed to meet again", "Malaysia said the leaders would meet".

Each rule of :data:`OFFERED_ACTS` answers ``(key, sponsors)`` for a verb, the key being the
noun the act is filed under (mediate -> mediation), or None; the first rule that answers
wins. Used by :func:`standoff.read.proposals.offered_act`.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from standoff.read.mentions import ActorIndex, countries_of
from standoff.read.proposal_roles import (
    ASKING,
    INSISTING_MODALS,
    REPORTING,
    addressee,
    institution,
    negated,
    owners_of,
    stance_lemma,
    stance_of,
)
from standoff.read.rules import Rules
from standoff.read.syntax import for_mark, prep_objects, subject_of, to_infinitive
from standoff.read.word_table import lower_words
from standoff.read.words import WORDS


def offered_to(verb: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """ "Mexico offered to deploy troops", "Chile was ready to talk", "Oman has offered to
    help settle the dispute" (a mediation): an act after an offering verb or a readiness
    word, sponsored by its subject."""
    head = _offering_head(verb)
    if head is None:
        return None
    key = _act_key(verb) or _proposed_act(verb, head)
    if key is None:
        return None
    subject = subject_of(head)
    return key, countries_of(index.actors_of(subject)) if subject is not None else []


def _proposed_act(verb: Token, head: Token) -> str | None:
    """ "Argentina has proposed to turn the page", "suggested to pool the stocks": whatever
    act a proposing verb's infinitive names is put forward (an offer to act may be a
    threat: "ready to strike" is none), filed under its object ("the page"), else as a
    proposal."""
    if head.lemma_.lower() not in WORDS.proposing_verbs or verb.dep_ != "xcomp":
        return None
    if negated(head) or not to_infinitive(verb):
        return None
    if any(c.dep_ == "dobj" for c in head.children):
        return None  # "proposed a law to create a state": the law's act, the parser's slip
    objects = (c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN")
    return next((o.lemma_.lower() for o in objects), "proposal")


def _offering_head(verb: Token) -> Token | None:
    """The offering verb or readiness word an act is offered under: "offered to deploy"
    (an infinitive), "remained open to carrying gas" (a gerund after "open to")."""
    head = verb.head
    if verb.dep_ == "xcomp":
        return head if head.lemma_.lower() in WORDS.offering_verbs | WORDS.offer_heads else None
    if verb.dep_ == "pcomp" and head.lower_ == "to" and head.head.i != head.i:
        ready = head.head
        return ready if ready.lemma_.lower() in WORDS.offering_readiness else None
    return None


def readiness_to(verb: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """ "Turkey expressed its readiness to mediate", "Oslo's willingness to host talks": an
    act a readiness noun is for, put forward by the noun's owner, else by the subject of
    the verb that states it."""
    head = verb.head
    if verb.dep_ != "acl" or head.lemma_.lower() not in WORDS.readiness_nouns:
        return None
    key = _act_key(verb)
    if key is None or negated(head.head):
        return None
    sponsors = owners_of(head, index)
    if not sponsors and head.dep_ == "dobj":
        subject = subject_of(head.head)
        sponsors = countries_of(index.actors_of(subject)) if subject is not None else []
    return (key, sponsors) if sponsors else None


def asked_to(verb: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """ "Peru urged Chile to resume negotiations", "called on the Commission to extend the
    ban", "told his team to restart talks": a negotiable act asked of another side is the
    asker's proposal (a demand to withdraw or release is a demand, not a proposal); so is a
    way to settle the dispute ("urged Manila to resolve it through consultations"), also
    when it follows another asked act ("urged both to show restraint and settle it through
    dialogue")."""
    asked_act = first_conjunct(verb)
    head = _through_aspect(asked_act).head  # "urged both sides to keep talking": urged
    if asked_act.dep_ != "xcomp" or head.lemma_.lower() not in ASKING:
        return None
    key = WORDS.negotiable_acts.get(verb.lemma_.lower()) or _settled_by_means(verb)
    if key is None or not addressee(head) or _body_convened(verb, head, index):
        return None
    subject = subject_of(head)
    sponsors = countries_of(index.actors_of(subject)) if subject is not None else []
    return (key, sponsors) if sponsors else None


def _body_convened(act: Token, asking: Token, index: ActorIndex) -> bool:
    """ "Egypt and Sudan asked the Council to meet": a body asked to convene, with no one
    to meet named, hears a request; it is offered nothing."""
    if act.lemma_.lower() not in WORDS.meeting_acts:
        return False
    if any(c.dep_ in ("dobj", "prep") for c in act.children):
        return False  # "urged Kinshasa to talk to all parties": a side to talk with
    asked = [c for c in asking.children if c.dep_ in ("dobj", "dative")]
    return bool(asked) and all(institution(c, index) for c in asked)


def called_for_clause(verb: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """ "Seoul called for the dispute to be resolved through dialogue", "pressed for talks
    to resume": a negotiable act, or a settlement by talks, that a caller asks to happen
    (a "for" clause of a calling verb) is the caller's proposal; "called for the troops to
    withdraw" is a demand."""
    head = verb.head
    if verb.dep_ not in ("advcl", "ccomp") or head.lemma_.lower() not in WORDS.offering_prep_verbs:
        return None
    if for_mark(verb) is None:
        return None
    key = WORDS.negotiable_acts.get(verb.lemma_.lower()) or _settled_by_means(verb)
    if key is None or negated(verb) or negated(head):
        return None
    return _by_subject(key, head, index)


def agreed_to(verb: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """ "Chile and Peru agreed to meet again in Lima", "agreed to keep talking about
    transit", "agreed to open talks on the border" (the talks), "agreed to stop all firing"
    (a ceasefire, or a truce where the article calls it one): what they agreed to do, put
    forward by those who agreed."""
    head = _through_aspect(verb).head  # "agreed to keep talking": agreed
    if verb.dep_ != "xcomp" or head.lemma_.lower() not in WORDS.agreeing_verbs:
        return None
    key = WORDS.meeting_acts.get(verb.lemma_.lower()) or ceasefire_key(verb) or _meeting_held(verb)
    if key is None:
        return None
    return _announced(key, head, index)


def wanted_act(verb: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """ "Lima wants to negotiate", "preferred to settle the dispute through dialogue",
    "is trying to mediate": a negotiable act its subject wants or tries (not "did not want
    to talk", nor "had tried to settle it", an attempt made)."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.lemma_.lower() not in WORDS.wanting_acts_heads:
        return None
    key = WORDS.negotiable_acts.get(verb.lemma_.lower()) or WORDS.settling_acts.get(
        verb.lemma_.lower()
    )
    if key is None or negated(head):
        return None
    if head.lemma_.lower() in WORDS.attempt_heads and head.tag_ in ("VBD", "VBN"):
        return None  # "the EU had tried to settle the matter": an attempt made, not an offer
    return _by_subject(key, head, index)


def meeting_to_come(verb: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """ "Canada would keep talking to Riyadh", "Brazil will negotiate over trade": a
    meeting act still to come, put forward by those who will meet."""
    key = WORDS.meeting_acts.get(verb.lemma_.lower())
    resumed = None if key is not None else _meeting_resumed(verb)
    key = key or resumed
    clause = _through_aspect(verb)  # "would keep talking": keep
    if key is None or clause.dep_ in ("xcomp", "acl", "relcl", "amod") or negated(clause):
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None  # "would be met with a firm response"
    if not resumed and any(c.dep_ == "dobj" and not index.actors_of(c) for c in verb.children):
        return None  # "would meet an energetic response", not "would meet Xi"
    if not to_come(verb):
        return None
    return _announced(key, clause, index)


def _meeting_resumed(verb: Token) -> str | None:
    """ "they would resume exploratory talks": a meeting taken up again, filed under its key
    noun (a meeting held anew, not one under way: the caller tests that it is to come)."""
    if verb.lemma_.lower() not in WORDS.resuming_verbs:
        return None
    return _meeting_held(verb)


def recommended_act(verb: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """ "Italy says the bloc should extend its ultimatum": a negotiable act that a speaker
    says another side should take is the speaker's proposal; so is a way to settle the
    dispute ("Caracas says the border should be settled by negotiation") and a stop to the
    hostilities ("Kyiv argues that the fighting must stop": a ceasefire)."""
    key = WORDS.negotiable_acts.get(verb.lemma_.lower()) or _settled_by_means(verb)
    modals = WORDS.advising_modals
    if key is None and (key := _hostilities_stopping(verb)) is not None:
        modals = INSISTING_MODALS  # "argued that the fighting must stop": a ceasefire
    if key is None or verb.dep_ != "ccomp" or negated(verb):
        return None
    if not any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children):
        return None
    return _by_subject(key, verb.head, index)


def _hostilities_stopping(verb: Token) -> str | None:
    """ "the fighting must stop", "attacks should cease": hostilities as the subject of a
    verb that stops them, a ceasefire (filed as :func:`ceasefire_key` files one)."""
    if verb.lemma_.lower() not in WORDS.ceasefire_verbs:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not any(s.lemma_.lower() in WORDS.hostilities for s in subjects):
        return None
    return _ceasefire_word(verb)


def _own_plan(verb: Token, head: Token) -> bool:
    """ "Turkey's plan to buy a Russian air defence system": a plan to do a thing of one's
    own is an intention; a plan to negotiate, or one under which others would act ("a plan
    under which the 26 states would guarantee the loans"), is put to others."""
    if head.lemma_.lower() != "plan" or verb.lemma_.lower() in WORDS.negotiable_acts:
        return False
    return to_infinitive(verb)


def _settled_by_means(verb: Token) -> str | None:
    """ "settled by negotiation", "resolved through dialogue", "settled in direct talks": a
    settlement with the way to reach it (a bare "should be resolved" names no way, and
    proposes nothing; "settled in court" names a court, no talks)."""
    key = WORDS.settling_acts.get(verb.lemma_.lower())
    means = any(
        c.dep_ in ("prep", "agent") and (c.lower_ in _MEANS or _in_meeting(c))
        for c in verb.children
    )
    return key if means else None


_MEANS = frozenset({"by", "through", "via", "under"})


def _in_meeting(prep: Token) -> bool:
    """ "in direct talks", "in negotiations": an "in" whose object is a meeting."""
    if prep.lower_ != "in":
        return False
    meetings = WORDS.meeting_nouns
    return any(
        o.dep_ == "pobj" and (o.lemma_.lower() in meetings or o.lower_ in meetings)
        for o in prep.children
    )


def carried_act(verb: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """ "Moscow circulated a draft resolution that would extend the mandate", "a request
    from the Emir of Kuwait to extend it by 48 hours": the act in a proposal's clause,
    sponsored by the proposal's owner."""
    key = WORDS.offered_acts.get(verb.lemma_.lower())
    head = verb.head
    if key is None or verb.dep_ not in ("acl", "relcl"):
        return None
    if head.lemma_.lower() not in WORDS.offer_carriers:
        return None
    if _own_plan(verb, head):
        return None
    owners = owners_of(head, index)
    for _prep, obj in prep_objects(head, ("from", "by")):
        owners = owners or countries_of(index.actors_of(obj, demonyms=True))
    put = head.head if head.dep_ == "appos" else head  # "prepare an alternative: a plan ..."
    if not owners and put.dep_ == "dobj" and _puts_forward(put.head):
        subject = subject_of(put.head)  # "Moscow has circulated a draft resolution that ..."
        owners = countries_of(index.actors_of(subject)) if subject is not None else []
    return (key, owners) if owners else None


def _puts_forward(verb: Token) -> bool:
    """Whether a verb's subject puts its object forward ("circulated a draft"), not answers
    it ("rejected a draft", "blocked a proposal to open talks": another's)."""
    lemma = stance_lemma(verb)
    return lemma is None or stance_of(lemma) == "sponsor"


OFFERED_ACTS: Rules[Callable[[Token, ActorIndex], tuple[str, list[str]] | None]] = Rules(
    "acts put forward as a verb",
    (
        offered_to,
        readiness_to,
        asked_to,
        called_for_clause,
        agreed_to,
        wanted_act,
        meeting_to_come,
        recommended_act,
        carried_act,
    ),
)


def _by_subject(key: str, verb: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """``key`` put forward by the subject of ``verb``, when it names an actor."""
    subject = subject_of(verb)
    sponsors = countries_of(index.actors_of(subject)) if subject is not None else []
    return (key, sponsors) if sponsors else None


def _announced(key: str, verb: Token, index: ActorIndex) -> tuple[str, list[str]] | None:
    """``key`` put forward by those who will meet or have agreed (the subject of ``verb``),
    or, when a third party announces it, by that party: "Malaysia said the two leaders
    would meet on Monday" is Malaysia's meeting."""
    subject = subject_of(verb)
    parties = countries_of(index.actors_of(subject)) if subject is not None else []
    sponsors = announcer(verb, parties, index) or parties
    return (key, sponsors) if sponsors else None


def announcer(verb: Token, parties: list[str], index: ActorIndex) -> list[str]:
    """The third party that reports what ``parties`` will do or have agreed ("Malaysia
    said the two leaders would meet"), when the reporter is none of them; else []."""
    speaker = verb.head
    if verb.dep_ != "ccomp" or speaker.lemma_.lower() not in REPORTING:
        return []
    said_by = subject_of(speaker)
    speakers = countries_of(index.actors_of(said_by)) if said_by is not None else []
    return speakers if not set(speakers) & set(parties) else []


def _through_aspect(verb: Token) -> Token:
    """The topmost of the aspect verbs an act hangs from ("would keep talking": keep), or
    the act itself."""
    while verb.dep_ == "xcomp" and verb.head.lemma_.lower() in WORDS.aspect_verbs:
        verb = verb.head
    return verb


def _meeting_held(verb: Token) -> str | None:
    """ "open talks", "hold a summit", "begin negotiations", "resume dialogue": the meeting
    a joining verb takes up, filed under its key noun (a round of talks is talks)."""
    if verb.lemma_.lower() not in WORDS.joining_verbs:
        return None
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        lemma = obj.lemma_.lower()
        key = WORDS.proposal_nouns.get(obj.lower_) or WORDS.proposal_nouns.get(lemma)
        if lemma in WORDS.meeting_nouns or obj.lower_ in WORDS.meeting_nouns:
            return key or ("talks" if lemma in ("round", "talk") else "meeting")
        if key in WORDS.held_not_proposed:  # "resume dialogue": a meeting by another name
            return key
    return None


def ceasefire_key(verb: Token) -> str | None:
    """ "stop all firing", "halt the escalation of their trade war": a ceasefire, filed
    under the article's own word for one (a truce where it says truce, not ceasefire)."""
    if verb.lemma_.lower() not in WORDS.ceasefire_verbs:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # "stop all firing and military action": the parser may hang the hostility on the
    # object as a modifier, or list it beside it
    named = [*objects, *(c for o in objects for c in o.children if c.dep_ in _NAMING_DEPS)]
    if not any(o.lemma_.lower() in WORDS.hostilities for o in named):
        return None
    return _ceasefire_word(verb)


_NAMING_DEPS = frozenset({"amod", "compound", "conj"})


def ceasefire_noun_key(noun: Token) -> str | None:
    """ "a cessation of hostilities", "an end to the fighting", "a halt to the shelling": a
    ceasefire named by what it stops, filed as :func:`ceasefire_key` files one."""
    if noun.lemma_.lower() not in WORDS.ceasefire_nouns or noun.pos_ != "NOUN":
        return None
    for _prep, obj in prep_objects(noun, ("to", "of", "in")):
        if obj.lemma_.lower() in WORDS.hostilities:
            return _ceasefire_word(noun)
    return None


def _ceasefire_word(tok: Token) -> str:
    # the article's words from its word table: Doc.text builds a Token for every word
    # (on the bundled examples, a quarter of the reader's extraction time)
    text = " ".join(lower_words(tok.doc))
    cease_fire = "cease-fire" in text or "cease - fire" in text
    says_truce = "truce" in text and "ceasefire" not in text and not cease_fire
    return "truce" if says_truce else "ceasefire"


def _act_key(verb: Token) -> str | None:
    """The noun an offered act is filed under: 'deploy' -> deployment; 'help' settle or
    resolve -> mediation ("offered to help settle the dispute"); 'act as a mediator' ->
    mediation (:data:`offered_roles`); none for a cost borne ("ready to pay the price")."""
    lemma = verb.lemma_.lower()
    if lemma == "help":
        settles = any(c.lemma_.lower() in WORDS.settling_verbs for c in verb.children)
        return "mediation" if settles else None
    if any(c.dep_ == "dobj" and c.lemma_.lower() in WORDS.cost_nouns for c in verb.children):
        return None  # "ready to pay a price of its own": a cost borne, nothing offered
    if any(f"{lemma} {c.lower_}" in WORDS.deed_phrasal_verbs for c in verb.children):
        return None  # "ready to carry out strikes": a deed done, not goods carried
    if lemma in ("act", "serve"):  # "offered to act as a mediator": the role's act
        roles = (o.lemma_.lower() for _prep, o in prep_objects(verb, ("as",)))
        return next((WORDS.offered_roles[r] for r in roles if r in WORDS.offered_roles), None)
    return WORDS.offered_acts.get(lemma)


# A conjoined verb with its own subject or auxiliary is a clause of its own.
_OWN_CLAUSE = frozenset({"aux", "nsubj", "nsubjpass"})


def first_conjunct(verb: Token) -> Token:
    """The first of the verbs a verb is conjoined to when it shares their subject and
    auxiliary ("would settle the dispute and set up a commission": settle); the verb
    itself when it has a clause of its own."""
    while verb.dep_ == "conj" and not any(c.dep_ in _OWN_CLAUSE for c in verb.children):
        verb = verb.head
    return verb


def to_come(verb: Token) -> bool:
    """A verb of something still to come: a future or conditional modal, "due to", "plans
    to", a present progressive dated ahead ("is hosting talks next week"); through "keep",
    "continue" ("would keep talking") and the verbs it is conjoined to ("would settle the
    dispute and set up a commission")."""
    verb = first_conjunct(_through_aspect(verb))  # "would settle ... and set up ...": one modal
    if any(c.dep_ == "aux" and c.lower_ in WORDS.future_auxiliaries for c in verb.children):
        return True
    if _present_progressive(verb) and _time_ahead(verb):
        return True  # "Egypt is hosting talks in Cairo next week"
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in WORDS.intending_words


def _present_progressive(verb: Token) -> bool:
    """ "is hosting", "are holding": a present "be" with the verb's -ing form."""
    return verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "be" for c in verb.children
    )


def _time_ahead(verb: Token) -> bool:
    """A date in the verb's clause that lies ahead: "next week", "tomorrow", "later this
    month", "in the coming days"."""
    return any(t.ent_type_ == "DATE" and t.lower_ in WORDS.ahead_words for t in verb.subtree)
