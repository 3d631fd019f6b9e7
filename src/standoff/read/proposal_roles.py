"""Who stands where on a proposal: its sponsors, supporters and opponents.

Read on the word that carries the proposal (see :mod:`standoff.read.proposals`): the
rules of :data:`PROPOSAL_ROLES` look at its own phrase ("Kyiv's ceasefire plan", "the
plan rejected by Moscow") and, along the words that govern it, :data:`HEAD_ROLES` look
at each governing word ("Kyiv proposed", "only a ceasefire would suffice", "open to
dialogue", "the door to talks remained open"). Each role is
``(kind, countries)`` with kind ``sponsor``, ``supporter``, ``opponent`` or
``sponsor-of-recipient`` (whoever met the one a proposal was put to).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

from standoff.model import ActorKind
from standoff.read.lexicon import load_modality
from standoff.read.mentions import ActorIndex, countries_of
from standoff.read.rules import NOTHING, Nothing, Rules, first_match
from standoff.read.syntax import (
    agent_of,
    prep_objects,
    subject_of,
    subject_past_relative,
    to_infinitive,
)
from standoff.read.words import WORDS

SPONSOR_VERBS = WORDS.sponsor_verbs
SUPPORT_VERBS = WORDS.support_verbs
OPPOSE_VERBS = WORDS.oppose_verbs
STANCE_VERBS = SPONSOR_VERBS | SUPPORT_VERBS | OPPOSE_VERBS
ENDORSING_PREDICATES = WORDS.endorsing_predicates
# ('sponsor' | 'supporter' | 'opponent' | 'sponsor-of-recipient', countries)
Role = tuple[str, list[str]]
# Verbs that ask another side to act: "urged Chile to", "told his team to".
ASKING = WORDS.asking_verbs | WORDS.directive_verbs
_MARKS: frozenset[str] = WORDS.proposal_marks
WANTED_MARKS: frozenset[str] = WORDS.wanted_marks
INSISTING_MODALS: frozenset[str] = WORDS.insisting_modals
REPORTING = load_modality().reporting


def own_sponsors(tok: Token, index: ActorIndex) -> Role | None:
    """ "Kyiv's ceasefire plan", "an Egyptian proposal": the noun's own actors sponsor it;
    not for what is held rather than proposed ("the Kremlin talks", "an EU summit") nor for
    standing documents whose modifiers name their parties ("the Indus Waters Treaty")."""
    lemma = tok.lemma_.lower()
    if lemma in WORDS.held_not_proposed or lemma in WORDS.standing_documents:
        if not (marked_proposed(tok) or wanted_mark(tok)):
            return None
    owners = owners_of(tok, index)
    return ("sponsor", owners) if owners else None


def participle_stance(tok: Token, index: ActorIndex) -> Role | None:
    """'the ceasefire demanded by Kyiv and Washington', 'the plan rejected by Moscow', 'the
    proposal that Cairo and Doha put to both sides' (a clause whose subject puts it)."""
    standing = tok.lemma_.lower() in WORDS.standing_documents
    for child in tok.children:
        lemma = stance_lemma(child)
        if child.dep_ not in ("acl", "relcl") or lemma is None:
            continue
        if standing and _dated_by_year(child):
            continue  # "the treaty, brokered by the World Bank in 1960": one in force
        actor = agent_of(child) if child.dep_ == "acl" else _relative_subject(child)
        refs = index.actors_of(actor, demonyms=True) if actor is not None else []
        if refs:
            return stance_of(lemma), countries_of(refs)
    return None


def _dated_by_year(verb: Token) -> bool:
    """ "brokered by the World Bank in 1960": an act dated by a year of its own."""
    return any(
        obj.ent_type_ == "DATE" and any(t.like_num and len(t.text) == 4 for t in obj.subtree)
        for _prep, obj in prep_objects(verb, ("in",))
    )


def compound_stance(tok: Token, index: ActorIndex) -> Role | None:
    """ "a Qatari-brokered truce", "the US-backed plan", "a Kremlin-rejected proposal": a
    participle joined to an actor before the noun says who stands where on it."""
    for child in tok.children:
        lemma = stance_lemma(child) if child.dep_ == "amod" and child.tag_ == "VBN" else None
        if lemma is None:
            continue
        actors = [c for c in child.children if c.dep_ in _JOINED_ACTOR_DEPS and c.i < child.i]
        countries = [
            *countries_of([r for c in actors for r in index.actors_of(c, demonyms=True)]),
            *(index.demonyms[c.i] for c in actors if c.i in index.demonyms),  # "Qatari-"
        ]
        if countries:
            return stance_of(lemma), list(dict.fromkeys(countries))
    return None


# How the parser joins "Qatari" to "brokered" in "a Qatari-brokered truce".
_JOINED_ACTOR_DEPS = frozenset({"npadvmod", "compound", "nmod", "amod", "advmod"})


def own_effort(tok: Token, index: ActorIndex) -> Role | None:
    """ "Egypt has stepped up its mediation efforts", "Kuwait's mediation effort": whoever
    makes the effort a proposal is carried by puts the proposal forward."""
    if tok.lemma_.lower() not in WORDS.effort_nouns or tok.pos_ != "NOUN":
        return None
    named = (c.lower_ in WORDS.proposal_nouns for c in tok.children if c.dep_ == "compound")
    if not any(named):
        return None  # "a monitoring mission": a thing sent, not an effort at a proposal
    makers = effort_makers(tok, index)
    return ("sponsor", makers) if makers else None


def effort_makers(effort: Token, index: ActorIndex) -> list[str]:
    """Who makes an effort: its owner ("Turkey's efforts"), or the subject of the verb that
    makes it ("Qatar is leading efforts", "visited Ankara in an effort to")."""
    owners = owners_of(effort, index)
    if owners:
        return owners
    verb = effort.head
    if effort.dep_ == "pobj":
        verb = verb.head  # "in an effort to start talks"
    elif effort.dep_ != "dobj":
        return []
    lemma = stance_lemma(verb)
    if lemma is not None and stance_of(lemma) != "sponsor":
        return []  # "should accept a mission to monitor the truce": the sender's, not theirs
    subject = subject_of(verb)
    return countries_of(index.actors_of(subject)) if subject is not None else []


def governing_words(tok: Token, index: ActorIndex) -> Role | None:
    """Along the words that govern the noun (:data:`HEAD_ROLES` on each, nearest first):
    its verb, the preposition's verb ("called for", "agreed to"), a proposal word it is
    the content of; not a verb it only dates or places ("agreed at a summit")."""
    for head in _governors(tok):
        role = first_match(HEAD_ROLES, tok, head, index)
        if role is not None:
            return role
    return None


PROPOSAL_ROLES: Rules[Callable[[Token, ActorIndex], Role | None]] = Rules(
    "who stands where on a proposal",
    (own_sponsors, participle_stance, compound_stance, own_effort, governing_words),
)


def stance_verb(tok: Token, head: Token, index: ActorIndex) -> Role | Nothing | None:
    """'Kyiv proposed a ceasefire', 'Moscow rejected the plan', 'was not willing to back',
    'options were presented to Witkoff' (the sponsor: whom the recipient met); 'ready to
    agree to a delay' is an offer, 'asked Seoul to accept an arbitration panel' the
    asker's proposal. A stance verb with no actor says nothing."""
    lemma = stance_lemma(head)
    if lemma is None or head.pos_ not in ("VERB", "AUX"):
        return None
    negated = any(c.dep_ == "neg" for c in head.children)
    if (negated or _nothing_given(head)) and lemma in SPONSOR_VERBS:
        return NOTHING  # "had not offered a solution": nothing put forward, nothing refused
    asker = _asker(head, index)
    if asker:
        return "sponsor", asker
    countries = _stance_takers(head, index)
    if not countries:
        recipient = _recipient(head) if head.dep_ != "acl" or head.head.i == tok.i else None
        if recipient is not None:
            return "sponsor-of-recipient", [r.country for r in index.actors_of(recipient)]
        return NOTHING
    role = stance_of(lemma)
    if role == "sponsor" and not negated:
        countries = [*countries, *_met_with(head, index, countries)]
    if negated and role != "opponent":
        role = "opponent"
    elif (
        role == "supporter"
        and head.dep_ == "xcomp"
        and (head.head.lemma_.lower() in WORDS.offer_heads)
    ):
        role = "sponsor"  # "ready to agree to a delay": an offer, not an answer
    return role, countries


def _stance_takers(verb: Token, index: ActorIndex) -> list[str]:
    """Who takes a stance verb's stance: its agent, else its subject; a proposal as the
    subject speaks for its owner ("the Chinese initiative calls for a ceasefire")."""
    agent = agent_of(verb)
    if agent is not None and (refs := index.actors_of(agent, demonyms=True)):
        return countries_of(refs)
    # an acl's own noun is not its subject ("the truce demanded"), unless the parser hung a
    # main verb on the noun a relative clause closed ("Oman, which ..., called for talks")
    subject = subject_of(verb) if verb.dep_ != "acl" else subject_past_relative(verb)
    if subject is None:
        return []
    if refs := index.actors_of(subject):
        return countries_of(refs)
    return owners_of(subject, index) if subject.lemma_.lower() in WORDS.proposal_heads else []


def _met_with(verb: Token, index: ActorIndex, known: list[str]) -> list[str]:
    """ "Tshisekedi and Kagame met in Doha with the Emir of Qatar and called for a
    ceasefire": those a side met with, in the meeting verb the call is joined to, put the
    call forward with it (a joint statement after the meeting)."""
    met = verb.head
    if verb.dep_ != "conj" or met.lemma_.lower() not in WORDS.meeting_acts:
        return []
    partners = [r for _prep, o in prep_objects(met, ("with",)) for r in index.actors_of(o)]
    return [c for c in countries_of(partners) if c not in known]


def _nothing_given(verb: Token) -> bool:
    """ "offered no path to a final agreement" (the parser may hang "to" on the verb): the
    verb gives nothing, so puts nothing forward."""
    return any(
        c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        for c in verb.children
    )


def endorsement(tok: Token, head: Token, index: ActorIndex) -> Role | None:
    """'officials maintain that only a ceasefire would suffice': the speaker sponsors it."""
    lemma = head.lemma_.lower()
    only = any(c.lower_ == "only" for c in tok.children)
    if lemma not in ENDORSING_PREDICATES and not only and not _insisted_first(tok, head):
        return None
    if any(c.dep_ == "neg" for c in head.children):
        return None  # "would not help a settlement"
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


def _insisted_first(tok: Token, head: Token) -> bool:
    """ "Kyiv says a full ceasefire must come before any talks": a proposal that, as the
    subject, must or should happen; not "any deal must include ..." nor "an agreement must
    be legally binding", conditions on a thing still to be floated."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or any(c.dep_ == "acomp" for c in head.children):
        return False
    if any(c.lower_ in ("any", "no") for c in tok.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in INSISTING_MODALS for c in head.children)


def readiness(tok: Token, head: Token, index: ActorIndex) -> Role | None:
    """'Lima remained open to dialogue', 'ready for talks', 'committed to direct dialogue',
    'expressed its readiness for talks': the ready or pledged side offers it (the side that
    asks another to pledge it, when asked)."""
    lemma = head.lemma_.lower()
    ready = lemma in WORDS.readiness_words and head.pos_ == "ADJ" and head.head.i != head.i
    # (not in a relative clause: "insisted at the last minute that Kinshasa commit to
    # dialogue" may be parsed as a clause of "minute", the insister lost)
    pledged = lemma in WORDS.pledging_words and head.pos_ == "VERB" and head.dep_ != "relcl"
    ready = ready or (lemma in WORDS.readiness_nouns and head.pos_ == "NOUN")
    if not (ready or pledged) or any(c.dep_ == "neg" for c in head.children):
        return None
    if pledged and head.dep_ == "ccomp" and head.head.lemma_.lower() in ASKING:
        head = head.head  # "insisted that Kinshasa commit to dialogue": the insister's
    if lemma in WORDS.readiness_nouns:
        return _ready_side(head, index)
    subject = subject_of(head)
    refs = index.actors_of(subject) if subject is not None else []
    return ("sponsor", countries_of(refs)) if refs else None


def _ready_side(noun: Token, index: ActorIndex) -> Role | None:
    """Whose readiness a noun states: its owner ("Russia announced its readiness for
    mediation"), else the subject of the verb it is the object of ("Brazil expressed a
    willingness to undertake mediation"); none when that verb is negated."""
    owners = owners_of(noun, index)
    if not owners and noun.dep_ == "dobj" and not negated(noun.head):
        subject = subject_of(noun.head)
        owners = countries_of(index.actors_of(subject)) if subject is not None else []
    return ("sponsor", owners) if owners else None


def open_door(tok: Token, head: Token, index: ActorIndex) -> Role | None:
    """ "Brasilia said the door to talks remained open", "Kyiv kept the door open to
    talks": whoever keeps the door open offers what is behind it."""
    if head.lemma_.lower() != "door" or head.head.i == head.i:
        return None
    verb = head.head
    if not any(t.lemma_.lower() == "open" for t in (*verb.children, *head.children)):
        return None
    if head.dep_ in ("nsubj", "nsubjpass") and verb.dep_ == "ccomp":
        holder = subject_of(verb.head)  # "X said the door ... remained open"
    else:
        holder = subject_of(verb)  # "X kept the door open"
    refs = index.actors_of(holder) if holder is not None else []
    return ("sponsor", countries_of(refs)) if refs else None


def effort(tok: Token, head: Token, index: ActorIndex) -> Role | None:
    """ "Qatar is leading efforts to secure a truce", "visited Ankara in an effort to start
    talks", "Turkey's bid to broker a ceasefire": what an effort seeks is put forward by
    whoever makes it."""
    if head.lemma_.lower() not in WORDS.effort_nouns or head.pos_ != "NOUN":
        return None
    if not any(c.dep_ == "acl" and to_infinitive(c) for c in head.children):
        return None
    makers = effort_makers(head, index)
    return ("sponsor", makers) if makers else None


def undertaken_work(tok: Token, head: Token, index: ActorIndex) -> Role | None:
    """ "Ankara and Washington agreed to work towards a lasting ceasefire", "Oslo is ready
    to work on a truce": what a side agrees, pledges or offers to work on or towards, it
    puts forward (not "had worked towards a truce", an effort made)."""
    if head.lemma_.lower() not in WORDS.working_verbs or head.dep_ != "xcomp":
        return None
    first = tok
    while first.dep_ == "conj":
        first = first.head  # "to work on new gas and power links"
    prep = first.head
    if first.dep_ != "pobj" or prep.lower_ not in _TOWARDS or prep.head.i != head.i:
        return None  # "agreed to work out a framework": worked out, not worked towards
    if head.head.lemma_.lower() not in _UNDERTAKING_HEADS or negated(head.head):
        return None
    subject = subject_of(head)
    refs = index.actors_of(subject) if subject is not None else []
    return ("sponsor", countries_of(refs)) if refs else None


# What one works on or towards: "agreed to work on new links".
_TOWARDS = frozenset({"on", "towards", "toward"})
_UNDERTAKING_HEADS = WORDS.agreeing_verbs | WORDS.offer_heads | WORDS.pledging_words

HEAD_ROLES: Rules[Callable[[Token, Token, ActorIndex], Role | Nothing | None]] = Rules(
    "who stands where on a proposal, from a governing word",
    (stance_verb, endorsement, readiness, open_door, effort, undertaken_work),
)


def roles_of(carrier: Token, index: ActorIndex) -> list[Role]:
    return [r for r in (rule(carrier, index) for rule in PROPOSAL_ROLES) if r is not None]


def stance_lemma(verb: Token) -> str | None:
    """A verb's lemma when it takes a stance on a proposal; "put" only when put forward or
    put to someone ("put the treaty in abeyance" is no proposal)."""
    lemma = verb.lemma_.lower()
    if lemma == "put":  # "put forward", "put to both sides", "put on the table"
        forward = any(c.lower_ in ("forward", "to") for c in verb.children)
        tabled = any(o.lower_ == "table" for _prep, o in prep_objects(verb, ("on",)))
        return lemma if forward or tabled else None
    if lemma == "call":  # "called for talks", not "called the meeting a victory"
        return lemma if any(c.lower_ in ("for", "on") for c in verb.children) else None
    if lemma == "draw":  # "a plan drawn up by France", not "drew fire"
        return "draft" if any(c.lower_ == "up" for c in verb.children) else None
    return lemma if lemma in STANCE_VERBS | WORDS.putting_verbs else None


def stance_of(lemma: str) -> str:
    if lemma in SPONSOR_VERBS or lemma in WORDS.putting_verbs:
        return "sponsor"
    return "supporter" if lemma in SUPPORT_VERBS else "opponent"


def _asker(verb: Token, index: ActorIndex) -> list[str]:
    """ "Japan asked Seoul to agree to a panel", "pressed Mexico to accept an arrangement":
    who asks another side to take the proposal up."""
    head = verb.head
    if verb.lemma_.lower() not in SUPPORT_VERBS or not (asked(verb) or told(verb)):
        return []
    subject = subject_of(head)
    return countries_of(index.actors_of(subject)) if subject is not None else []


# Links from a word to the word that governs it, for what a stance verb says of it.
_ARGUMENT_DEPS = frozenset({"dobj", "nsubjpass", "nsubj", "attr", "oprd", "dative"})
_SAME_ROLE_DEPS = frozenset({"conj", "appos", "compound"})
# Verbs with which a side takes a proposal up: "urged both to return to talks", "ready to
# discuss a ceasefire", "stood ready to facilitate dialogue".
_TAKING_UP = WORDS.joining_verbs | WORDS.weighing_verbs | WORDS.furthering_verbs
_GOVERNING_PREPS = frozenset({"to", "for", "on", "with", "of", "including", "from", "towards"})


def _taken_up_as_asked(act: Token, head: Token) -> bool:
    """An act of taking a proposal up, asked of another side: "urged both sides to return
    to talks" (an xcomp), "Peru wants the two sides to return to talks" (parsed as a
    clause of its own, with its subject)."""
    if act.dep_ == "xcomp":
        return True
    asks = head.lemma_.lower() in ASKING and head.pos_ == "VERB"
    return act.dep_ == "ccomp" and asks and to_infinitive(act)


def _governors(tok: Token) -> Iterator[Token]:
    """The words that govern ``tok`` as an argument, nearest first (at most 6): through
    conjuncts, arguments, prepositions of a proposal ("for", "to", "including") and the
    clauses of a proposal word ("a proposal to implement a moratorium")."""
    cur = tok
    joining = False  # the last verb is one an asked side takes a proposal up with
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            return
        if any(c.dep_ == "det" and c.lower_ == "no" for c in cur.children):
            return  # "offered no path to a final agreement"
        if cur.pos_ in ("VERB", "AUX"):  # "to show restraint and return to talks"
            joining = cur.lemma_.lower() in _TAKING_UP or (joining and cur.dep_ == "xcomp")
        if cur.dep_ == "pobj":
            while head.dep_ == "conj" and head.head.pos_ == "ADP":
                head = head.head  # "asked for a formula and for an audit"
            if head.lower_ not in _GOVERNING_PREPS or head.head.i == head.i:
                return
            head = head.head
        elif cur.dep_ in ("acl", "relcl") and cur.pos_ in ("VERB", "AUX"):
            pass  # "a proposal to implement a moratorium": the proposal word
        elif joining and _taken_up_as_asked(cur, head):
            pass  # "urged both sides to return to talks": the asker
        elif cur.dep_ not in _ARGUMENT_DEPS | _SAME_ROLE_DEPS:
            return
        if cur.dep_ not in _SAME_ROLE_DEPS:
            yield head
        cur = head


def marked_proposed(tok: Token, marks: frozenset[str] = _MARKS) -> bool:
    """ "the proposed agreement", "a draft treaty", "the suggested summit"; with
    ``marks=WANTED_MARKS``, a thing only wanted ("Thailand preferred bilateral talks",
    which the parser may read as one noun phrase)."""
    return any(
        c.dep_ in ("amod", "compound") and (c.lower_ in marks or c.lemma_.lower() in marks)
        for c in tok.children
    )


def wanted_mark(tok: Token) -> bool:
    return marked_proposed(tok, WANTED_MARKS)


def _relative_subject(verb: Token) -> Token | None:
    """The subject of a relative clause other than its relative pronoun: "the proposal that
    Cairo put to both sides" -> Cairo."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in ("that", "which", "who"):
            return child
    return None


def owners_of(noun: Token, index: ActorIndex) -> list[str]:
    """Actors named as the noun's own modifiers or possessor ('US', 'Kyiv's', 'Trump-Putin'),
    with the other half of a hyphened pair ("the Egyptian-Qatari proposal", "a US-Russian
    summit", which the parser hangs on the second half)."""
    owners = [c for c in noun.children if c.dep_ in _OWNER_DEPS and c.i < noun.i]
    refs = [r for c in owners for r in index.actors_of(c, demonyms=True)]
    countries = countries_of(refs)
    # each adjective of the pair or list stands for its own state ("Egyptian-Qatari")
    adjectives = [
        c
        for o in owners
        if o.i in index.demonyms  # not "a Qatari-brokered truce": compound_stance's
        for c in (o, *o.children)
        if c is o or c.dep_ == "conj" or (c.dep_ in _PAIRED_DEPS and c.i == o.i - 2)
    ]
    for c in sorted(adjectives, key=lambda t: t.i):
        if c.i in index.demonyms and index.demonyms[c.i] not in countries:
            countries.append(index.demonyms[c.i])
    return countries


_OWNER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
_PAIRED_DEPS = frozenset({"amod", "compound", "npadvmod"})


def _recipient(verb: Token) -> Token | None:
    """'options were presented to Witkoff': the one the proposal was put to."""
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def addressee(verb: Token) -> bool:
    """Whether an asking verb names whom it asks: "urged Chile", "called on Chile"."""
    return any(
        c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "on")
        for c in verb.children
    )


def asked(verb: Token) -> bool:
    """Whether a verb is what another side is asked to do: "urged Seoul to accept", "wants
    Caracas to accept" (which the parser reads as a clause with its own subject)."""
    head = verb.head
    if head.lemma_.lower() not in ASKING:
        return False
    if verb.dep_ == "ccomp" and to_infinitive(verb):
        return any(c.dep_ == "nsubj" for c in verb.children)
    return verb.dep_ == "xcomp" and addressee(head)


def told(verb: Token) -> bool:
    """Whether a verb is what a speaker says another side must or should do: "Israel says
    Hamas must accept an extension" (a clause reported with a modal of insisting)."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING:
        return False
    return any(c.dep_ == "aux" and c.lower_ in INSISTING_MODALS for c in verb.children)


def institution(tok: Token, index: ActorIndex) -> bool:
    """Whether a phrase names only international bodies ("the Security Council", "the
    Council"), which convene when asked, not sides that offer."""
    refs = index.actors_of(tok)
    return bool(refs) and all(r.entry.kind is ActorKind.IGO for r in refs)


def negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)
