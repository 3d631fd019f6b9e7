"""PLOVER events from a parsed article: who did what to whom.

For each sentence, every word the lexicon knows (a verb, an event noun, a
predicate adjective, a verb phrase) is a *trigger*. The trigger's mood decides
whether it is an event at all (negated or hypothetical: no), or a threat of it
(modal, conditional, "threatened to", "ready to": THREATEN with the original
type as mode). Its source and target come from the parse: subject and object
for verbs, passive agent and subject swapped, possessor/modifier/agent and
prepositional object for nouns, the subject of a light verb ("held talks").
Pronouns and titles are resolved by :class:`~standoff.read.mentions.ActorIndex`.
A target the sentence leaves implicit is filled afterwards from the dyads the
article establishes (:func:`fill_implicit_targets`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from standoff.model import ActorKind
from standoff.read.actors import ActorEntry
from standoff.read.lexicon import LIGHT_VERBS, THREATENABLE, Lexicon, Modality
from standoff.read.mentions import ActorIndex, Ref
from standoff.read.mood import Mood, classify, elided_refusals, mood
from standoff.read.syntax import OBJECT_DEPS, agent_of, prep_objects, subject_of
from standoff.read.targets import between_parties, clause_addressee, predicate_targets
from standoff.read.triggers import (
    REPORTING_VERBS,
    Trigger,
    TriggerKind,
    find_triggers,
    is_measure,
    measure_object,
)
from standoff.read.words import WORDS

# "travel to Washington for talks", "agreed over dinner": the meeting is the verb's occasion.
OCCASION_PREPS = frozenset(("for", "over", "during", "at", "after"))
COUNTED = WORDS.time_nouns | {"round", "rounds", "series"}
# Event types with a clear other party: a missing target is worth inferring.
TARGETED_TYPES = {
    "AGREE",
    "CONCEDE",
    "REQUEST",
    "REJECT",
    "ACCUSE",
    "ASSAULT",
    "THREATEN",
    "COERCE",
}
QUAD = {  # PLOVER's four classes, for inferring implicit targets from like events
    "AGREE": "vcoop",
    "CONSULT": "vcoop",
    "SUPPORT": "vcoop",
    "CONCEDE": "mcoop",
    "COOPERATE": "mcoop",
    "AID": "mcoop",
    "RETREAT": "mcoop",
    "REQUEST": "vconf",
    "ACCUSE": "vconf",
    "REJECT": "vconf",
    "THREATEN": "vconf",
    "PROTEST": "vconf",
    "SANCTION": "mconf",
    "MOBILIZE": "mconf",
    "COERCE": "mconf",
    "ASSAULT": "mconf",
}


@dataclass
class Found:
    """One event found in a sentence, before it becomes a model Event."""

    type: str
    mode: str | None
    sources: list[Ref]
    targets: list[Ref]
    trigger: Token
    sentence: Span
    generic_target: bool = False  # "countries that buy ..." (third parties)
    cue: str = ""
    inferred_target: bool = False
    offered: bool = False  # announced, not done: "ready to agree", "will meet"


# --------------------------------------------------------------------------- roles


def roles(
    trigger: Trigger, index: ActorIndex, lexicon: Lexicon
) -> tuple[list[Ref], list[Ref], bool]:
    """Source refs, target refs and whether the target is a generic set of countries."""
    tok = trigger.token
    preps = lexicon.types[trigger.type].preps
    material = trigger.type in ("ASSAULT", "SANCTION", "COERCE", "MOBILIZE", "THREATEN")
    sources: list[Ref] = []
    targets: list[Ref] = []
    generic = False

    def add_targets(head: Token) -> None:
        nonlocal generic
        if index.is_generic(head):
            generic = True
            return
        targets.extend(index.actors_of(head, demonyms=material or trigger.type == "CONSULT"))

    if trigger.kind == "patient":
        # "Trump said Russia would face tariffs if ...": the subject is threatened, the
        # speaker threatens.
        subject = subject_of(tok)
        if subject is not None:
            targets = index.actors_of(subject)
        if tok.dep_ == "ccomp":
            sources = _reporter(tok.head, index)
        return sources, targets, generic
    if trigger.kind == "judged":
        # "Doha said the demands were not reasonable": the speaker judges; an actor judged
        # illegal is accused, a thing judged is its owner's, else the party faced (filled later)
        sources = _reporter(tok.head, index)  # a judged trigger's head always reports
        subject = subject_of(tok)
        if subject is not None:
            named = index.actors_of(subject)
            if named and trigger.type == "ACCUSE":
                targets = named
            elif not named:
                targets = _modifier_actors(subject, index)
        return sources, targets, generic
    if trigger.kind == "reported":
        # "Kyiv said Russia bears responsibility": the speaker accuses the subject.
        subject = subject_of(tok)
        if subject is not None:
            targets = index.actors_of(subject)
        if tok.dep_ == "ccomp":
            speaker = subject_of(tok.head)
            if speaker is not None:
                sources = index.actors_of(speaker)
    elif trigger.kind in ("verb", "phrase", "object-verb", "response"):
        passive = any(c.dep_ == "nsubjpass" for c in tok.children)
        if passive and tok.lemma_.lower() in WORDS.stative_passives and agent_of(tok) is None:
            # "Israel is opposed to French mediation": a stance, its subject holds it
            holder = next(c for c in tok.children if c.dep_ == "nsubjpass")
            sources = index.actors_of(holder)
            for _prep, obj in prep_objects(tok, ("to",)):
                add_targets(obj)
            return sources, targets, generic
        if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "the ceasefire demanded by Kyiv"
            agent = agent_of(tok)
            if agent is not None:
                sources = index.actors_of(agent, demonyms=True)
        elif passive:
            agent = agent_of(tok)
            if agent is not None:
                sources = index.actors_of(agent, demonyms=True)
            for child in tok.children:
                if child.dep_ == "nsubjpass":
                    if is_measure(child, lexicon):
                        # "U.S. tariffs ... will be raised": the owner imposes; "the boycott
                        # of Qatar could be tightened": the one boycotted is hit
                        sources = sources or _modifier_actors(child, index)
                        for _prep, obj in prep_objects(child, ("on", "against", "of")):
                            add_targets(obj)
                        if not sources and tok.dep_ == "ccomp":
                            # "officials said the boycott could be tightened"
                            sources = _reporter(tok.head, index)
                    else:
                        add_targets(child)
        else:
            subject = subject_of(tok)
            if subject is not None and is_measure(subject, lexicon):
                # "U.S. duties on Mexican goods would take effect": the owner imposes,
                # the country the measure is "on" is hit
                sources = _modifier_actors(subject, index)
                for _prep, obj in prep_objects(subject, ("on", "against")):
                    add_targets(obj)
            elif subject is not None and not (
                trigger.kind == "phrase" and trigger.type == "SANCTION" and subject.pos_ == "PRON"
            ):  # "It takes effect in three weeks": "it" is the measure, not an actor
                sources = index.actors_of(subject)
            if not sources and tok.dep_ == "conj" and tok.head.dep_ == "ccomp":
                # "X said the measures violated the rules and called on Tokyo to ...": the
                # parser joins the speaker's second verb to the reported clause
                sources = _reporter(tok.head.head, index)
            for child in tok.children:
                if child.dep_ in OBJECT_DEPS and not is_measure(child, lexicon):
                    add_targets(child)
        own = {s.country for s in sources}
        targets = [r for r in targets if r.country not in own]  # "recalled its ambassador"
        if not targets and not generic:
            for _prep, obj in prep_objects(tok, preps):
                add_targets(obj)
            if trigger.kind in ("object-verb", "response"):  # "add a tariff on Indian goods"
                measure = measure_object(tok, lexicon) or next(
                    (o for _p, o in prep_objects(tok, ("with",)) if is_measure(o, lexicon)), None
                )
                if measure is not None:
                    for _prep, obj in prep_objects(measure, ("on", "against")):
                        add_targets(obj)
                for obj in (c for c in tok.children if c.dep_ == "dobj"):  # "its objection to X"
                    for _prep, inner in prep_objects(obj, ("to", "on", "against", "in")):
                        add_targets(inner)
                if not targets:  # "placing a tariff on goods from India"
                    for _prep, obj in prep_objects(tok, ("from",)):
                        add_targets(obj)
    elif trigger.kind == "noun":
        agent = agent_of(tok)
        if agent is not None:
            sources = index.actors_of(agent, demonyms=True)
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "nmod", "amod") and not sources:
                ref = index.actors_of(child, demonyms=True)
                if ref:
                    sources = ref
        if (
            not sources
            and tok.dep_ in ("dobj", "pobj", "attr")
            and tok.head.lemma_.lower() in LIGHT_VERBS
        ):
            subject = subject_of(tok.head)
            if subject is not None:
                sources = index.actors_of(subject)
        occasion = _occasion_verb(tok) if trigger.type == "CONSULT" else None
        if not sources and occasion is not None:
            subject = subject_of(occasion)
            if subject is not None:
                sources = index.actors_of(subject)
        if not sources and tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in LIGHT_VERBS:
            subject = subject_of(tok.head.head)
            if subject is not None:
                sources = index.actors_of(subject)
        container = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
        if (
            container is not None
            and container.dep_ == "dobj"
            and container.head.lemma_.lower() in LIGHT_VERBS | {"send", "deliver", "hand", "submit"}
        ):
            verb = container.head  # "sent Qatar a list of 13 demands"
            subject = subject_of(verb)
            if not sources and subject is not None:
                sources = index.actors_of(subject)
            for child in verb.children:
                if child.dep_ in ("dative", "iobj"):
                    targets.extend(index.actors_of(child))
        if not sources:
            for _prep, obj in prep_objects(tok, ("from",)):  # "a request from the Emir"
                sources = index.actors_of(obj, demonyms=True)
        if trigger.type == "THREATEN" and not sources:  # "the threat of U.S. sanctions"
            for _prep, obj in prep_objects(tok, ("of",)):
                sources = index.actors_of(obj, demonyms=True)
        prep_heads = [tok]
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in LIGHT_VERBS:
            prep_heads.append(tok.head)  # "stepped up attacks ... on refineries"
        if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in LIGHT_VERBS:
            prep_heads.append(tok.head.head)  # "arrived in Amman on a visit"
        if occasion is not None:
            if occasion not in prep_heads:
                prep_heads.append(occasion)  # "travelled to Seoul for talks"
            for guest in (c for c in occasion.children if c.dep_ == "dobj"):
                targets.extend(index.actors_of(guest))  # "hosted Hashimoto for a meeting"
        for prep, obj in (
            p for h in prep_heads for p in prep_objects(h, (*preps, "between", "with"))
        ):
            refs = index.actors_of(obj, demonyms=material or prep in ("to", "with", "between"))
            if prep == "between" and len(refs) >= 2 and not sources:
                sources, refs = refs[:1], refs[1:]
            if index.is_generic(obj):
                generic = True
            targets.extend(refs)
        if trigger.type == "CONSULT" and not sources:
            # "negotiations in Washington between a Chinese delegation and a U.S. team": the
            # parser often hangs "between" on the place; the pair still meets.
            pair = between_parties(tok, index)
            if len(pair) >= 2:
                sources, targets = pair[:1], pair[1:]
            elif pair and not targets:
                targets = pair
    else:  # adjective: "Russia remained defiant"
        subject = subject_of(tok.head) if tok.dep_ != "ROOT" else subject_of(tok)
        if subject is not None:
            sources = index.actors_of(subject)
        for _prep, obj in prep_objects(tok, preps):
            add_targets(obj)
    if not targets and not generic and trigger.type in ("AGREE", "REJECT", "SUPPORT", "CONCEDE"):
        targets = _owner_of_object(tok, index)
    return sources, targets, generic


OFFER_NOUNS = WORDS.offer_nouns


def _reporter(verb: Token, index: ActorIndex) -> list[Ref]:
    """Who says what a reported clause tells: the subject's actors when ``verb`` is a
    reporting verb ("Trump said ..."), else []."""
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return []
    speaker = subject_of(verb)
    return index.actors_of(speaker) if speaker is not None else []


def _modifier_actors(noun: Token, index: ActorIndex) -> list[Ref]:
    """The actors that modify or own a noun ("U.S. tariffs", "Kyiv's plan", "Russian oil")."""
    return [
        r
        for c in noun.children
        if c.dep_ in ("compound", "amod", "poss", "nmod")
        for r in index.actors_of(c, demonyms=True)
    ]


def _occasion_verb(noun: Token) -> Token | None:
    """The verb a meeting noun is the occasion of: "travelled to Seoul for (two days of)
    talks", "agreed over dinner"; None when there is none."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in COUNTED:
        noun = noun.head.head  # "two days of talks", "a round of negotiations"
    if noun.dep_ != "pobj" or noun.head.lower_ not in OCCASION_PREPS:
        return None
    verb = noun.head.head
    return verb if verb.lemma_.lower() in WORDS.occasion_verbs else None


def _owner_of_object(tok: Token, index: ActorIndex) -> list[Ref]:
    """'Kyiv accepted a U.S. proposal': the proposal's owner is the one answered."""
    candidates = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.dep_ == "nsubj" for c in tok.children) and candidates:
        stray = agent_of(tok)  # "rejected the accusations by Saudi Arabia", attached to the verb
        if stray is not None and index.actors_of(stray, demonyms=True):
            return index.actors_of(stray, demonyms=True)
    if tok.dep_ == "acl":
        candidates.append(tok.head)  # "a US proposal ..., accepted by Ukraine"
    for noun in candidates:
        if noun.lemma_.lower() not in OFFER_NOUNS and noun.lower_ not in OFFER_NOUNS:
            continue
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "nmod", "amod"):
                refs = index.actors_of(child, demonyms=True)
                if refs:
                    return refs
        agent = agent_of(noun)  # "the accusations by Saudi Arabia"
        for holder in [agent] + [o for _p, o in prep_objects(noun, ("from", "of"))]:
            if holder is not None:
                refs = index.actors_of(holder, demonyms=True)
                if refs:
                    return refs
    return []


# --------------------------------------------------------------------------- sentence


def events_in_sentence(
    sent: Span, index: ActorIndex, lexicon: Lexicon, modality: Modality
) -> list[Found]:
    """All events of one sentence (before implicit targets are filled)."""
    found: list[Found] = []
    claimed: set[int] = set()  # tokens already used as a light verb's noun
    for trigger in find_triggers(sent, lexicon):
        if trigger.token.i in claimed or _answered(trigger.token, trigger.kind):
            continue
        if trigger.kind == "object-verb":  # "dropped its objection": the noun is consumed
            claimed.update(c.i for c in trigger.token.children if c.dep_ in ("dobj", "nsubjpass"))
        # a judgement's own "not" ("was not for sale") is the judgement, not its negation
        state = Mood.REAL if trigger.kind == TriggerKind.JUDGED else mood(trigger.token, modality)
        typed = classify(trigger.type, state)
        if typed is None:
            continue
        event_type, mode = typed
        if (
            trigger.type in THREATENABLE
            and state == Mood.REAL
            and trigger.kind == "noun"
            and _under_threat_noun(trigger.token)
        ):
            continue
        if (
            trigger.type == "REQUEST"
            and trigger.token.tag_ == "VBN"
            and agent_of(trigger.token) is None
            and trigger.token.dep_ in ("advcl", "ROOT", "ccomp", "acl")
            and not any(c.dep_ in ("nsubj", "aux") for c in trigger.token.children)
        ):  # ("Japan has asked Seoul" is a perfect, not a bare participle)
            continue  # "Asked at a news conference whether ...": he was asked, nobody asked him
        sources, targets, generic = roles(trigger, index, lexicon)
        for other in elided_refusals(trigger.token):
            refused = classify(trigger.type, Mood.NEGATED)
            refusers = index.actors_of(other)
            if refused and refusers:
                answer = _owner_of_object(trigger.token, index) or targets
                found.append(
                    Found(
                        refused[0],
                        refused[1],
                        refusers,
                        [r for r in answer if r.country not in {x.country for x in refusers}],
                        trigger.token,
                        sent,
                        cue=f"{other.text} did not",
                    )
                )
        if event_type == "THREATEN" and trigger.kind == "noun":
            mode = mode or _threat_mode(trigger.token, lexicon)
        if not sources and not (event_type in ("SANCTION", "THREATEN") and targets):
            continue  # a measure with no stated author is kept: its sender is the article's
        own = {s.country for s in sources}
        targets = [t for t in targets if t.country not in own]
        if not targets and not generic and trigger.kind not in ("patient", "reported", "judged"):
            if trigger.type == "REQUEST":
                targets = [
                    t for t in clause_addressee(trigger.token, index) if t.country not in own
                ]
            targets = targets or predicate_targets(trigger.token, own, index, event_type)
        if (
            trigger.token.lemma_.lower() == "defend"
            and event_type == "SUPPORT"
            and any(
                c.dep_ == "dobj"
                and any(
                    g.dep_ == "poss" and g.lower_ in ("its", "their", "his", "her")
                    for g in c.children
                )
                for c in trigger.token.children
            )
        ):
            event_type = "REJECT"  # "India defended its purchases": it rejects the demand
        if event_type == "AGREE" and _gives_in(trigger.token):
            event_type = "CONCEDE"  # "agreed to all of the president's terms"
        offered = state in (Mood.THREAT, Mood.INTENT)
        found.append(
            Found(
                event_type,
                mode,
                sources,
                targets,
                trigger.token,
                sent,
                generic_target=generic and not targets,
                cue=trigger.cue,
                offered=offered,
            )
        )
        if event_type == "AGREE" and offered:
            found.extend(_conditions_asked(trigger.token, sources, index, sent))
    return found


def _gives_in(verb: Token) -> bool:
    """Agreeing to the other side's terms or demands is a concession."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [o for _p, o in prep_objects(verb, ("to",))]
    for obj in objects:
        heads = [obj] + [o for _p, o in prep_objects(obj, ("of",))]  # "all of the terms"
        if any(h.lemma_.lower() in CONCEDED for h in heads):
            return True
    return False


CONCEDED = WORDS.conceded_nouns


def _conditions_asked(
    offer: Token, offerers: list[Ref], index: ActorIndex, sent: Span
) -> list[Found]:
    """'Ready to agree to a delay if Iran allowed inspectors access': an offer's condition
    is a demand of the condition's subject."""
    own = {r.country for r in offerers}
    out: list[Found] = []
    for clause in offer.children:
        if clause.dep_ != "advcl" or not any(
            m.dep_ == "mark" and m.lower_ in ("if", "provided") for m in clause.children
        ):
            continue
        subject = subject_of(clause)
        asked = [r for r in index.actors_of(subject) if r.country not in own] if subject else []
        if asked and offerers:
            out.append(
                Found("REQUEST", None, offerers, asked, clause, sent, cue=f"if {clause.text}")
            )
    return out


ANSWER_VERBS = WORDS.support_verbs | WORDS.oppose_verbs


def _answered(tok: Token, kind: str) -> bool:
    """'Yemen rejected a U.S. request', 'accepted Kuwait's appeal': the request is what is
    answered, told as background; the answer is the sentence's event."""
    return (
        kind == "noun"
        and tok.dep_ in ("dobj", "nsubjpass")
        and tok.head.lemma_.lower() in ANSWER_VERBS
    )


def _under_threat_noun(tok: Token) -> bool:
    """'the threat of sanctions': the sanction noun belongs to the threat."""
    head = tok.head
    for _ in range(3):
        if head.lemma_.lower() in ("threat", "ultimatum", "warning", "prospect", "risk"):
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False


def _threat_mode(tok: Token, lexicon: Lexicon) -> str | None:
    for t in tok.subtree:
        if is_measure(t, lexicon):
            return "sanction"
    return None


# --------------------------------------------------------------------------- implicit targets


def fill_implicit_targets(found: list[Found], counterpart: Callable[[str], list[str]]) -> None:
    """Give events with no stated target the other party the article pairs them with.

    First choice: the reverse of a stated event of the same PLOVER class
    (Russia attacks ?; Ukraine attacks Russia -> Russia attacks Ukraine).
    Otherwise ``counterpart(country)``: the parties it faces (from threats and co-mentions).
    """
    stated: Counter[tuple[str, str, str]] = Counter()
    for f in found:
        for s in f.sources:
            for t in f.targets:
                stated[(QUAD[f.type], s.country, t.country)] += 1
    for f in found:
        if (
            f.targets
            or f.generic_target
            or f.type not in TARGETED_TYPES
            or _content_object(f.trigger)
        ):
            continue
        source = f.sources[0].country
        reverse = [
            (n, key[1]) for key, n in stated.items() if key[0] == QUAD[f.type] and key[2] == source
        ]
        verbal = QUAD[f.type].startswith("v")
        # Words answer the party one is bargaining with; blows answer the party one is fighting.
        others = (
            (counterpart(source) if verbal else [])
            or ([max(reverse)[1]] if reverse else [])
            or counterpart(source)
        )
        others = [o for o in others if o != source]
        if others:
            f.targets = [Ref(_state(o), f.trigger.i, f.trigger.i + 1, "inferred") for o in others]
            f.inferred_target = True


CONTENT_NOUNS = WORDS.content_nouns


SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
ONE_WAY = WORDS.one_way_contacts


def symmetric_pairs(found: list[Found]) -> None:
    """Meetings and agreements run both ways: 'X and Y agreed', 'X met Y' -> X->Y and Y->X.

    This is the PLOVER gold standard's convention for compound actors; one-way
    events (a visit is CONSULT both ways, an offer to agree is not) keep one
    direction unless their sources are coordinated.
    """
    extra: list[Found] = []
    for f in found:
        if f.inferred_target or not (f.type in SYMMETRIC or _reciprocal(f.trigger)):
            continue
        if not f.targets and len({s.country for s in f.sources}) >= 2 and not f.offered:
            # (joint subjects "ready to agree" offer it to a third party, not to each other)
            everyone = f.sources[:]  # "X, Y and Z met": every pair, both ways
            f.sources, f.targets = everyone[:1], everyone[1:]
            for i, a in enumerate(everyone):
                others = [b for j, b in enumerate(everyone) if j != i]
                if i > 0:
                    extra.append(
                        Found(f.type, f.mode, [a], others, f.trigger, f.sentence, cue=f.cue)
                    )
        elif f.type == "CONSULT" and f.targets and not _one_way(f.trigger):
            extra.append(
                Found(f.type, f.mode, f.targets[:], f.sources[:], f.trigger, f.sentence, cue=f.cue)
            )
    found.extend(extra)


def _one_way(trigger: Token) -> bool:
    """A visit, a call, a hosting: the verb, or the verb a meeting noun hangs on
    ("hosted Hashimoto for an informal meeting"), runs one way."""
    governing = [trigger]
    if trigger.dep_ == "dobj":
        governing.append(trigger.head)
    elif trigger.dep_ == "pobj":
        governing.append(trigger.head.head)
    return any(t.lemma_.lower() in ONE_WAY for t in governing)


def _reciprocal(trigger: Token) -> bool:
    """'upgraded their ties', 'accused each other': joint subjects act on one another."""
    for child in trigger.children:
        if child.dep_ in ("dobj", "pobj", "prep", "npadvmod"):
            words = {t.lower_ for t in child.subtree}
            if {"each", "other"} <= words or {"one", "another"} <= words:
                return True
            if child.dep_ == "dobj" and any(
                g.dep_ == "poss" and g.lower_ == "their" for g in child.children
            ):
                return True
    return False


def _content_object(trigger: Token) -> bool:
    """'dismissed the notion that ...': the object is an idea, not a party; infer no target.
    'would continue to fight terrorism': a blow aimed at a thing names no party either."""
    if trigger.lemma_.lower() in ("fight", "attack", "strike", "combat", "target", "hit") and any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" for c in trigger.children
    ):
        return True
    return any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in CONTENT_NOUNS
        for c in trigger.children
    )


def _state(code: str) -> ActorEntry:
    return ActorEntry(code, code, code, ActorKind.STATE)


# --------------------------------------------------------------------------- sentence typing


def sentence_types(sent: Span, lexicon: Lexicon, modality: Modality) -> list[tuple[str, Token]]:
    """The PLOVER types a sentence carries, main clause first, whatever its actors.

    The same triggers and mood rules as :func:`events_in_sentence`, without the
    actor step: used to score event typing on its own (the PLOVER gold set
    codes actors the dictionary may not know).
    """
    typed: list[tuple[int, int, str, Token]] = []
    for trigger in find_triggers(sent, lexicon):
        classified = classify(trigger.type, mood(trigger.token, modality))
        if classified is None:
            continue
        event_type = classified[0]
        depth = 0
        tok = trigger.token
        while tok.head.i != tok.i and depth < 20:
            tok = tok.head
            depth += 1
        # Reported speech: the reported event matters more than "said".
        typed.append((depth, trigger.token.i, event_type, trigger.token))
    typed.sort(key=lambda x: (x[0], x[1]))
    return [(t, tok) for _d, _i, t, tok in typed]
