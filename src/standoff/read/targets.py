"""The other party of an event whose target the grammar rules did not find.

The role rules in :mod:`standoff.read.events` read targets from fixed slots
(object, "to"/"on"/"against" phrases, the owner of an offer). News and the
PLOVER gold standard also name the other party deeper in the predicate:
"threatened to cut off electricity to the Azerbaijani republic of Nakhichevan",
"extradited a militant to Britain", "arrived in Amman", "shared evidence with
the U.S.". The first actor of another country named inside the predicate is
then the target, as event coders such as PETRARCH take it, but never one that
sits in a clause with a subject of its own ("..., which Israel opposes"), in
the subject, or in the reporting frame ("officials in Cairo said").
"""

from __future__ import annotations

from spacy.tokens import Token

from standoff.event_types import types_where
from standoff.model import ActorKind
from standoff.read.actors import ActorEntry
from standoff.read.mentions import ActorIndex, Ref
from standoff.read.syntax import SUBJECT_DEPS, prep_objects, that_clause
from standoff.read.words import WORDS

TOPIC_VERBS = frozenset(WORDS.topic_verbs)

# Dependents that open a clause of their own when they carry a subject.
CLAUSE_DEPS = ("advcl", "ccomp", "relcl", "acl", "parataxis", "conj", "csubj")
# Dependents that never hold the other party: the doer, the manner, the time.
SKIPPED_DEPS = (*SUBJECT_DEPS, "agent", "npadvmod", "punct", "mark", "aux", "neg")
# Material acts whose foreign place is the party acted upon, when no other is named.
ON_THE_GROUND = types_where("on_the_ground")
# Where and when, not to whom: "met at the G20 summit in Buenos Aires"; and against whose
# wish ("agreed to the extension despite Israel's objections").
SETTING_PREPS = frozenset(
    (
        *("in", "at", "near", "inside", "outside", "across", "throughout", "during", "after"),
        *("before", "despite", "notwithstanding"),
    )
)


def _own_clause(tok: Token) -> bool:
    """A clause with its own subject or doer ("the protest staged by students"): its actors
    act, they are not acted upon."""
    return tok.dep_ in CLAUSE_DEPS and any(
        c.dep_ in SUBJECT_DEPS or c.dep_ == "agent" for c in tok.children
    )


def _walk(tok: Token, top: Token, settings: bool = False) -> list[Token]:
    """The predicate's tokens in reading order, without subjects and other clauses; with
    ``settings``, also the places ("in Lebanon") the plain walk leaves out.

    Iterative: a run-on sentence can nest a thousand phrases deep, past Python's
    recursion limit (it raised RecursionError).
    """
    out: list[Token] = []
    stack: list[tuple[Token, bool]] = [(tok, settings)]
    while stack:
        node, with_settings = stack.pop()
        for child in node.children:
            if child.dep_ in SKIPPED_DEPS or _own_clause(child):
                continue
            if child.dep_ == "prep" and child.lower_ in SETTING_PREPS:
                if with_settings and child.lower_ in ("in", "inside", "across", "throughout"):
                    out.append(child)
                    stack.append((child, False))
                continue
            if child.dep_ == "conj" and node.i == top.i and child.pos_ in ("VERB", "AUX"):
                continue  # "X met Y and attacked Z": the second verb is its own event
            out.append(child)
            stack.append((child, False))
    return sorted(out, key=lambda t: t.i)


def predicate_targets(
    trigger: Token, own: set[str], index: ActorIndex, event_type: str = ""
) -> list[Ref]:
    """The first actor of another country named in ``trigger``'s predicate, with the
    actors coordinated with it ("Congo and Costa Rica"); [] when there is none.

    ``own`` holds the sources' country codes, which are never their own target. For
    material acts done on the ground (troops, blockades, aid, strikes), a foreign place
    they happen in is the last resort: "strengthened its forces in Lebanon".
    """
    tokens = _walk(trigger, trigger)
    if _purpose(trigger):  # "sent personnel to Bosnia to investigate": the sending's target
        tokens += [t for t in _walk(trigger.head, trigger.head) if t not in trigger.subtree]
    arrival = _arrival(trigger) if event_type == "CONSULT" else None
    if arrival is not None:  # "arrived in Amman on a visit": the visit is to the host
        tokens += [o for _p, o in prep_objects(arrival, ("in",))]
    if event_type == "CONSULT":
        tokens = [t for t in tokens if not _topic(t, trigger)]
    if event_type in ON_THE_GROUND:
        tokens += _walk(trigger, trigger, settings=True)
        # "strengthened its forces in Lebanon", "fired at targets in Gaza": the place of
        # the act's object or aim is where it is done
        for obj in _aims(trigger):
            tokens += [t for t in _walk(obj, obj, settings=True) if t not in tokens]
    for tok in tokens:
        ref = _named(tok, index, trigger)
        if ref is None or ref.country in own:
            continue
        found = [ref]
        for conj in tok.conjuncts:
            other = _named(conj, index, trigger)
            if other is not None and other.country not in own and other not in found:
                found.append(other)
        return found
    return []


def _topic(tok: Token, trigger: Token) -> bool:
    """Whether ``tok`` lies in what a meeting discusses ("met to discuss Turkish drilling",
    "discussed Turkey"): a topic, not a party met (the partner is "with" one)."""
    for head in [tok, *tok.ancestors]:
        if head.dep_ == "pobj" and head.head.lower_ == "with":
            return False  # "discussed the crisis with Erdogan", wherever the parser hangs it
        if head.dep_ == "dobj" and head.head.lemma_.lower() in TOPIC_VERBS:
            return True
        if head.i == trigger.i:
            return False
    return False


def _arrival(trigger: Token) -> Token | None:
    """The verb of arrival a visit is told with ('arrived in Amman on a visit', 'arrived in
    Kabul on a two-day trip'); None otherwise, and for talks, which a third state may host
    ('arrived in Geneva for talks')."""
    if trigger.dep_ != "pobj" or trigger.lemma_.lower() not in WORDS.one_way_contacts:
        return None
    verb = trigger.head.head
    return verb if verb.lemma_.lower() in WORDS.arrival_verbs else None


def _aims(trigger: Token) -> list[Token]:
    """The trigger's object and the objects of its prepositions of aim ('at', 'on',
    'against') and of its recipient ('to': "troops to a force in Liberia", "aid to the
    refugees in Gaza"), the phrases whose own place an act on the ground is done in."""
    out = [c for c in trigger.children if c.dep_ == "dobj"]
    out += [o for _p, o in prep_objects(trigger, ("at", "on", "against", "into", "to"))]
    return out


def _named(tok: Token, index: ActorIndex, trigger: Token) -> Ref | None:
    """The actor a single token names: a dictionary mention, or a demonym adjective
    ("Palestinian workers", "the Azerbaijani republic", "rejected Israeli changes")."""
    if tok.dep_ == "conj" and tok.head.dep_ in ("amod", "compound", "nmod"):
        tok_dep, noun = tok.head.dep_, tok.head.head  # "Sierra Leonean and Liberian refugees"
    else:
        tok_dep, noun = tok.dep_, tok.head
    modifier = tok_dep in ("amod", "compound", "nmod", "poss")
    if modifier and not (_party_noun(noun, index) or _own_object(noun, trigger)):
        return None  # "a halt to NATO expansion": a thing deep in the demand, not the party
    if modifier and noun.lemma_.lower() in WORDS.border_nouns:
        return None  # "a stronghold on the Thai border": where, not whom
    ref = index.by_token.get(tok.i)
    if ref is not None:
        return None if ref.how == "pronoun" else ref
    if tok.i in index.demonyms and modifier:
        country = index.demonyms[tok.i]
        return Ref(
            ActorEntry(country, country, tok.text, ActorKind.STATE), tok.i, tok.i + 1, "demonym"
        )
    return None


def _party_noun(noun: Token, index: ActorIndex) -> bool:
    """An actor's name, or a noun for people or a place its modifier's country stands behind."""
    return noun.i in index.by_token or index.party_noun(noun)


def _own_object(noun: Token, trigger: Token) -> bool:
    """The trigger's own object ("rejected Israeli changes", "riots against Israeli
    policies"): whose thing it is names the party acted upon."""
    head = noun.head
    return head.i == trigger.i or (head.dep_ == "prep" and head.head.i == trigger.i)


def clause_addressee(trigger: Token, index: ActorIndex) -> list[Ref]:
    """Who a demand is made of when it is a clause: "demanded that Beijing end the
    transfers", "insisted Tokyo must withdraw": the clause's subject. Not for "told him
    that ...", whose addressee is the object, and the clause only what was said."""
    if trigger.lemma_.lower() not in WORDS.asking_verbs:
        return []
    clauses = [c for c in trigger.children if c.dep_ in ("ccomp", "xcomp")]
    clauses += [c for c in trigger.children if c.dep_ == "acl" and that_clause(c)]
    if trigger.dep_ == "dobj":  # "reiterated its demand today that Israel ease ...": the
        # parser hangs the demand's clause on the verb when a word comes between
        clauses += [
            c
            for c in trigger.head.children
            if c.dep_ in ("ccomp", "advcl") and c.i > trigger.i and that_clause(c)
        ]
    for child in clauses:
        if child.i < trigger.i and not _quoted_before(child, trigger):
            continue  # "X have said ..., Nigeria's Senate has urged caution", "Egypt wants
            # a binding deal; Ethiopia wants guidelines": a clause of its own the parser hung
            # on the later verb, not what is asked (unlike a quoted demand: '"..." he urged')
        for sub in child.children:
            if sub.dep_ in ("nsubj", "nsubjpass"):
                return index.actors_of(sub)
    return []


def _quoted_before(clause: Token, verb: Token) -> bool:
    """Whether a quotation closes between a clause told before its verb and the verb."""
    end = max(t.i for t in clause.subtree)
    return any(t.is_quote for t in clause.doc[end : verb.i])


def between_parties(noun: Token, index: ActorIndex) -> list[Ref]:
    """The parties of a "between X and Y" phrase anywhere in ``noun``'s phrase."""
    for tok in noun.subtree:
        if tok.lower_ == "between" and tok.dep_ == "prep" and not _inside_own_clause(tok, noun):
            found: list[Ref] = []
            # "between a Chinese delegation led by Liu He and a U.S. team": the parser may hang
            # the second party on the first one's "led by" phrase; every party phrase counts
            for part in tok.subtree:
                if part.dep_ not in ("pobj", "conj") or part.pos_ not in ("NOUN", "PROPN"):
                    continue
                if any(a.dep_ == "agent" for a in part.ancestors if a.i > tok.i):
                    if (
                        part.dep_ != "conj"
                        or part.head.dep_ != "pobj"
                        or part.head.head.dep_ != "agent"
                    ):
                        continue
                for ref in index.actors_of(part, demonyms=True):
                    if ref.country not in {r.country for r in found}:
                        found.append(ref)
            return found
    return []


def _inside_own_clause(tok: Token, top: Token) -> bool:
    while tok.i != top.i and tok.head.i != tok.i:
        if _own_clause(tok):
            return True
        tok = tok.head
    return False


def _purpose(verb: Token) -> bool:
    """A 'to' clause of purpose or plan with no subject of its own ("sent troops to X to
    help", "agreed to send aid to X"), whose head's phrases name the same party."""
    return (
        verb.dep_ in ("xcomp", "advcl")
        and verb.head.i != verb.i
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )
