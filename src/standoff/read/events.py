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
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from standoff.event_types import EVENT_TYPES, types_where
from standoff.model import ActorKind
from standoff.read.actors import ActorEntry
from standoff.read.conditions import conditions_asked
from standoff.read.lexicon import THREATENABLE, Lexicon, Modality
from standoff.read.meetings import third_party
from standoff.read.mentions import ActorIndex, Ref
from standoff.read.mood import Mood, classify, content_clause, elided_refusals, mood
from standoff.read.roles import owner_of_object, roles
from standoff.read.rules import Rules, first_match
from standoff.read.syntax import (
    act_objects,
    agent_of,
    if_clause,
    prep_objects,
    subject_of,
    subject_past_relative,
    unless_clause,
)
from standoff.read.targets import ON_THE_GROUND, clause_addressee, predicate_targets
from standoff.read.triggers import (
    NOMINALISED,
    Trigger,
    TriggerKind,
    find_triggers,
    is_measure,
)
from standoff.read.words import WORDS

# Event types with a clear other party: a missing target is worth inferring.
TARGETED_TYPES = types_where("targeted")
# The class like events are paired by, for inferring implicit targets ("vcoop", "mconf" ...).
QUAD = {name: t.pairing_class for name, t in EVENT_TYPES.items()}


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
    hosted: bool = False  # the sources host a meeting of the targets ("talks hosted by")


# --------------------------------------------------------------------------- sentence


def events_in_sentence(
    sent: Span, index: ActorIndex, lexicon: Lexicon, modality: Modality
) -> list[Found]:
    """All events of one sentence (before implicit targets are filled).

    Each trigger's mood and type decide whether it is an event (:func:`classify`);
    :data:`NOT_EVENTS` drops triggers that are part of another event; the roles come
    from :func:`~standoff.read.roles.roles`, a missing target from the predicate;
    :data:`RETYPES` corrects the type a construction changes.
    """
    found: list[Found] = []
    for trigger, state, (event_type, mode) in _classified_triggers(sent, lexicon, modality):
        sources, targets, generic, hosted = roles(trigger, index, lexicon)
        if state in SAID_OF_OTHERS and trigger.kind not in REPORTED_KINDS:
            sources, targets, hosted = _speaker(trigger.token, index), sources, False
        found.extend(_elided_refusals(trigger, targets, index, sent))
        if event_type == "THREATEN" and trigger.kind == TriggerKind.NOUN:
            mode = mode or _threat_mode(trigger.token, lexicon)
        if not sources and not (
            (event_type in ("SANCTION", "THREATEN") or trigger.kind is TriggerKind.TIME_LEFT)
            and targets
        ):
            # a measure, or time given, with no stated author is kept: its author is the
            # sender of the article's threat on that target (or it is dropped later)
            continue
        own = {s.country for s in sources}
        if _told_of_own_side(trigger, targets, own) or _war_of_words(trigger, sources):
            continue
        targets = [t for t in targets if t.country not in own]
        if not targets and not generic and trigger.kind not in TOLD_KINDS:
            targets = _predicate_target(trigger, event_type, own, index)
        event_type = first_match(RETYPES, trigger.token, event_type) or event_type
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
                hosted=hosted,
            )
        )
        if event_type == "AGREE" and offered:
            found.extend(_conditions_asked(trigger.token, sources, index, sent))
    found.extend(_set_conditions(sent, index))
    return found


def _set_conditions(sent: Span, index: ActorIndex) -> list[Found]:
    """'Relations cannot return to normal until Madrid reconsiders': a condition set on a
    party's act is a REQUEST of it (:mod:`standoff.read.conditions`). With no stated
    setter the REQUEST waits for the sender of the article's threat on that party."""
    return [
        Found("REQUEST", None, c.setters, c.asked, c.verb, sent, cue=c.cue)
        for c in conditions_asked(sent, index)
    ]


def _classified_triggers(
    sent: Span, lexicon: Lexicon, modality: Modality
) -> Iterator[tuple[Trigger, Mood, tuple[str, str | None]]]:
    """Each trigger of the sentence that is an event in its mood, with its mood and its
    (type, mode) from :func:`classify`; triggers that :data:`NOT_EVENTS` drops, and the
    object noun a verb-object trigger has consumed ("dropped its objection"), left out."""
    claimed: set[int] = set()
    for trigger in find_triggers(sent, lexicon):
        if trigger.token.i in claimed:
            continue
        if trigger.kind in (TriggerKind.OBJECT_VERB, TriggerKind.LAPSE):
            claimed.update(c.i for c in trigger.token.children if c.dep_ in ("dobj", "nsubjpass"))
        elif trigger.kind is TriggerKind.NOUN and trigger.token.lemma_.lower() in NOMINALISED:
            claimed.update(o.i for o in act_objects(trigger.token))  # "an end to cooperation"
        state = Mood.REAL if trigger.kind in SETTLED_KINDS else mood(trigger.token, modality)
        typed = classify(trigger.type, state)
        if typed is None and _blow_not_ruled_out(trigger, state, lexicon):
            typed = ("THREATEN", None)
        if _answerable_from_now(trigger, state):
            typed = ("THREATEN", None)
        if typed is not None and not any(rule(trigger, state) for rule in NOT_EVENTS):
            yield trigger, state, typed


# What a side may do to another, which it threatens by not ruling it out.
_HOSTILE_TYPES = frozenset({"ASSAULT", "SANCTION", "COERCE", "MOBILIZE"})


def _blow_not_ruled_out(trigger: Trigger, state: Mood, lexicon: Lexicon) -> bool:
    """'did not rule out military action', 'refused to rule out the use of force': a hostile
    act kept open is a threat of it (CAMEO 13), not a refusal of anything."""
    if trigger.cue != "rule out" or state not in (Mood.NEGATED, Mood.REFUSED):
        return False
    return any(
        is_measure(obj, lexicon)
        or lexicon.noun_index.get(obj.lemma_.lower()) in _HOSTILE_TYPES
        or obj.lemma_.lower() in WORDS.force_nouns
        or obj.lower_ in WORDS.force_nouns  # "further steps", not "a step back"
        for obj in trigger.token.children
        if obj.dep_ == "dobj"
    )


# Moods of a charge still to come: "will hold", "would hold", "could hold", "vowed to hold".
_TO_COME = frozenset({Mood.THREAT, Mood.INTENT, Mood.MODAL})


def _answerable_from_now(trigger: Trigger, state: Mood) -> bool:
    """'would hold Tehran accountable for any attack', 'will hold Hamas fully responsible':
    holding a side answerable from now on warns of what will follow (CAMEO 13), where
    'held Pakistan responsible for the attack' is a charge (ACCUSE)."""
    return (
        state in _TO_COME
        and trigger.kind is TriggerKind.PHRASE
        and trigger.type == "ACCUSE"
        and any(
            c.dep_ in ("oprd", "ccomp") and c.lemma_.lower() in WORDS.answerable_words
            for c in trigger.token.children
        )
    )


def refusal_to_rule_out(trigger: Trigger, state: Mood) -> bool:
    """'refused to rule out the use of force': the refusal carries the threat read on
    "rule out" (:func:`_blow_not_ruled_out`), not a REJECT of its own."""
    return trigger.type == "REJECT" and any(
        c.dep_ == "xcomp"
        and c.lemma_.lower() == "rule"
        and any(p.lower_ == "out" for p in c.children)
        for c in trigger.token.children
    )


# Kinds that carry their speaker in their roles: a reported clause is theirs, not the
# reporter's act on the clause's subject.
REPORTED_KINDS = (TriggerKind.REPORTED, TriggerKind.TIME_LEFT)
# Kinds whose roles are told by a speaker: their target is read, never searched for.
TOLD_KINDS = (
    TriggerKind.PATIENT,
    TriggerKind.REPORTED,
    TriggerKind.TIME_LEFT,
    TriggerKind.JUDGED,
    TriggerKind.CONDITION,
)
# Kinds whose trigger rule has read the mood already: a judgement's own "not" ("was not
# for sale") is the judgement; a measure promised "if" another acts is a threat; a deal
# that "would not" be renewed lapses.
SETTLED_KINDS = (TriggerKind.JUDGED, TriggerKind.CONDITION, TriggerKind.LAPSE)


def _told_of_own_side(trigger: Trigger, targets: list[Ref], own: set[str]) -> bool:
    """'Kyiv's minister said Ukraine had to show ...': a speaker telling what its own side
    must do or did is no demand or accusation of another; no other party is guessed."""
    return (
        trigger.kind in REPORTED_KINDS and bool(targets) and all(t.country in own for t in targets)
    )


def _war_of_words(trigger: Trigger, sources: list[Ref]) -> bool:
    """'Von der Leyen and Morawiecki clash over the ruling': leaders who clash argue; only
    forces or states clash in arms."""
    return (
        trigger.type == "ASSAULT"
        and trigger.token.lemma_.lower() in WORDS.verbal_clash_words
        and bool(sources)
        and all(s.entry.kind is ActorKind.PERSON for s in sources)
    )


def _elided_refusals(
    trigger: Trigger, targets: list[Ref], index: ActorIndex, sent: Span
) -> list[Found]:
    """'Kyiv accepted the plan; Moscow did not': the elided clause refuses what the trigger
    accepts (REJECT of a cooperative act), answering the same party."""
    out: list[Found] = []
    for other in elided_refusals(trigger.token):
        refused = classify(trigger.type, Mood.NEGATED)
        refusers = index.actors_of(other)
        if refused and refusers:
            answer = owner_of_object(trigger.token, index) or targets
            out.append(
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
    return out


# Moods in which the trigger's doer is the one spoken of, and the speaker acts.
SAID_OF_OTHERS = (Mood.OBLIGED, Mood.ALLEGED)


def _speaker(trigger: Token, index: ActorIndex) -> list[Ref]:
    """Who says what a demanded or alleged act is: the subject of the verb whose clause
    holds it. 'Paris believes that Ankara must withdraw its troops' is what Paris
    REQUESTs of Ankara; 'a Rwandan report alleged that France took part in the massacres'
    is an ACCUSE of France by the report's maker (the trigger's own doer becomes the
    target). With no one saying so ("Under the list, Qatar must cut its ties to Iran")
    there is no source, and the demand is no event rather than a deed of Qatar."""
    tok = trigger
    for _ in range(5):
        if content_clause(tok):  # "said that ...", "issued a reminder that ..."
            teller = tok.head if tok.dep_ == "ccomp" else tok.head.head
            speaker = subject_of(teller)
            return index.actors_of(speaker, demonyms=True) if speaker is not None else []
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return []


def _predicate_target(
    trigger: Trigger, event_type: str, own: set[str], index: ActorIndex
) -> list[Ref]:
    """A target the role rules did not find: whom a demanded clause asks ("demanded that
    Beijing end ..."), else the first foreign actor of the predicate."""
    targets: list[Ref] = []
    if trigger.type == "REQUEST":
        targets = [t for t in clause_addressee(trigger.token, index) if t.country not in own]
    # an act on the ground that is only promised, refused or threatened ("will evacuate
    # the settlements in Gaza") is done, or not, in the same place: the act's own type
    act = trigger.type if trigger.type in ON_THE_GROUND else event_type
    return targets or predicate_targets(trigger.token, own, index, act)


# --------------------------------------------------------------------------- not events


def answered_request(trigger: Trigger, state: Mood) -> bool:
    """'Yemen rejected a U.S. request', 'accepted Kuwait's appeal': the request is what is
    answered, told as background; the answer is the sentence's event."""
    tok = trigger.token
    return (
        trigger.kind == TriggerKind.NOUN
        and tok.dep_ in ("dobj", "nsubjpass")
        and tok.head.lemma_.lower() in ANSWER_VERBS
    )


def measure_under_threat(trigger: Trigger, state: Mood) -> bool:
    """'the threat of sanctions', 'the risk of attacks': the measure belongs to the threat."""
    return (
        trigger.type in THREATENABLE
        and state == Mood.REAL
        and trigger.kind == TriggerKind.NOUN
        and _under_threat_noun(trigger.token)
    )


def asked_participle(trigger: Trigger, state: Mood) -> bool:
    """'Asked at a news conference whether ...': he was asked, nobody asked him ("Japan has
    asked Seoul" is a perfect, not a bare participle)."""
    tok = trigger.token
    return (
        trigger.type == "REQUEST"
        and tok.tag_ == "VBN"
        and agent_of(tok) is None
        and tok.dep_ in ("advcl", "ROOT", "ccomp", "acl")
        and not any(c.dep_ in ("nsubj", "aux") for c in tok.children)
        and subject_past_relative(tok) is None  # "The EU, which ..., called on both sides"
    )


def danger_described(trigger: Trigger, state: Mood) -> bool:
    """'the situation constitutes an unusual and extraordinary threat to the national
    security' (a sanctions order's legal formula), 'the dam poses a threat to Egypt': a
    danger described, not a coercive threat anyone makes."""
    tok = trigger.token
    return (
        trigger.type == "THREATEN"
        and trigger.kind == TriggerKind.NOUN
        and tok.dep_ in ("attr", "dobj")
        and tok.head.lemma_.lower() in WORDS.danger_verbs
    )


# What a warning's clause may bring that is the warner's own reply: "would trigger a response".
_REPLY_OBJECTS = WORDS.threat_objects | WORDS.reply_nouns


def foreseen_harm(trigger: Trigger, state: Mood) -> bool:
    """'Sudan warned that an uncoordinated filling could endanger its dam', 'warned that
    Gazprom's decision could affect deliveries': a warning that some deed or thing may do
    harm foresees it; the warner threatens nothing of its own."""
    if trigger.type != "THREATEN" or trigger.token.lemma_.lower() not in WORDS.warning_verbs:
        return False
    for clause in (c for c in trigger.token.children if c.dep_ == "ccomp"):
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if (
            subject is not None
            and subject.pos_ == "NOUN"
            and clause.lemma_.lower() in WORDS.harming_verbs
            # not the warner's own measures ("its countermeasures would hurt exporters") nor
            # a harm that is a reply ("any attack would trigger a response")
            and not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children)
            and subject.lemma_.lower() not in WORDS.threat_objects
            and not any(
                o.dep_ == "dobj" and o.lemma_.lower() in _REPLY_OBJECTS for o in clause.children
            )
        ):
            return True
    return False


def figurative_blow(trigger: Trigger, state: Mood) -> bool:
    """'described the ruling as an attack on Polish sovereignty', 'an assault on
    democracy': a blow aimed at an idea is a charge someone makes, not a blow struck."""
    tok = trigger.token
    if trigger.type != "ASSAULT" or trigger.kind != TriggerKind.NOUN:
        return False
    return any(
        obj.lemma_.lower() in WORDS.abstract_targets
        for _p, obj in prep_objects(tok, ("on", "against"))
    )


def standing_agreement(trigger: Trigger, state: Mood) -> bool:
    """'appeared to breach the EU-Algeria Association Agreement', 'no plans to review its
    base agreement', 'talks on a free trade agreement': an agreement that stands (or is only
    the topic) is a thing named, not an agreement made in the sentence; what is done to it
    is the event."""
    tok = trigger.token
    if trigger.type != "AGREE" or trigger.kind != TriggerKind.NOUN:
        return False
    if tok.dep_ == "pobj":
        return tok.head.lower_ in TOPIC_PREPS
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() not in MAKING_VERBS


# "talks on a deal", "a dispute over the accord": the agreement is what they are about.
TOPIC_PREPS = frozenset(("on", "about", "over", "of"))
# Verbs whose object agreement is made by the sentence's event ("signed a deal").
MAKING_VERBS = WORDS.light_verbs | WORDS.occasion_verbs | WORDS.agreement_making_verbs


def meeting_called_off(trigger: Trigger, state: Mood) -> bool:
    """'the summit between Congo and Rwanda was called off', 'talks planned for Monday were
    postponed', 'Kenya cancelled the meeting': a meeting called off, put off or cancelled did
    not take place (the calling off is what happened)."""
    tok = trigger.token
    if trigger.type != "CONSULT" or trigger.kind != TriggerKind.NOUN:
        return False
    verb = tok.head if tok.dep_ in ("nsubjpass", "nsubj", "dobj") else None
    if verb is None:
        return False
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    lemma = verb.lemma_.lower()
    return lemma in CALLING_OFF or any(f"{lemma} {p}" in CALLING_OFF for p in particles)


CALLING_OFF = WORDS.calling_off_verbs


def striving(trigger: Trigger, state: Mood) -> bool:
    """'the two leaders sought to ease tensions', 'accused Kigali of seeking to seize the
    mines': seeking to do a thing is trying it, asking no one ('sought talks', 'sought
    asylum' ask)."""
    tok = trigger.token
    return (
        trigger.type == "REQUEST"
        and tok.lemma_.lower() == "seek"
        and any(
            c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in tok.children
        )
    )


def held_under(trigger: Trigger, state: Mood) -> bool:
    """'companies operating offshore under Guyanese concessions': a concession one works
    under is a licence held, not a concession made."""
    tok = trigger.token
    return (
        trigger.type == "CONCEDE"
        and trigger.kind == TriggerKind.NOUN
        and tok.dep_ == "pobj"
        and tok.head.lower_ == "under"
    )


def conditional_request(trigger: Trigger, state: Mood) -> bool:
    """'Yerevan would ask the U.N. Security Council to act if the blockade continued': a
    request announced on a condition is not made yet; it is what the speaker threatens
    (read on the threat side), not a REQUEST of the body it would go to."""
    if trigger.type != "REQUEST" or state not in (Mood.THREAT, Mood.INTENT):
        return False
    tok = trigger.token
    # the condition may hang on the act asked for ("ask the Council to act if ...")
    verbs = [tok, *(c for c in tok.children if c.dep_ == "xcomp")]
    return any(if_clause(v) is not None or unless_clause(v) is not None for v in verbs)


NOT_EVENTS: Rules[Callable[[Trigger, Mood], bool]] = Rules(
    "triggers that are no event of their own",
    (
        answered_request,
        measure_under_threat,
        asked_participle,
        danger_described,
        foreseen_harm,
        figurative_blow,
        standing_agreement,
        meeting_called_off,
        striving,
        held_under,
        conditional_request,
        refusal_to_rule_out,
    ),
)


# --------------------------------------------------------------------------- retyping


def defended_own(verb: Token, event_type: str) -> str | None:
    """'India defended its purchases': defending one's own deeds rejects the demand (not
    'to defend its territorial integrity': guarding one's own state answers no demand)."""
    if (
        verb.lemma_.lower() == "defend"
        and event_type == "SUPPORT"
        and any(
            c.dep_ == "dobj"
            and c.lemma_.lower() not in WORDS.own_state_nouns
            and any(
                g.dep_ == "poss" and g.lower_ in ("its", "their", "his", "her") for g in c.children
            )
            for c in verb.children
        )
    ):
        return "REJECT"
    return None


def gives_in(verb: Token, event_type: str) -> str | None:
    """'agreed to all of the president's terms': agreeing to the other side's terms or
    demands is a concession."""
    return "CONCEDE" if event_type == "AGREE" and _gives_in(verb) else None


def rioting_crowd(verb: Token, event_type: str) -> str | None:
    """'Protesters in Kinshasa attacked the Rwandan embassy': a crowd's blow is a riot, a
    PROTEST (mode riot), not a state's assault."""
    if event_type != "ASSAULT":
        return None
    subject = subject_of(verb)
    return "PROTEST" if subject is not None and subject.lemma_.lower() in CROWDS else None


CROWDS = WORDS.crowd_nouns


def diplomatic_protest(verb: Token, event_type: str) -> str | None:
    """'Warsaw protested to Minsk over the incident': a protest addressed to a party is a
    diplomatic one, ACCUSE (PLOVER 3.12.2), not a demonstration."""
    if event_type != "PROTEST" or verb.lemma_.lower() != "protest":
        return None
    addressed = any(c.dep_ == "prep" and c.lower_ in ("to", "with") for c in verb.children)
    return "ACCUSE" if addressed else None


def hosted_welcome(verb: Token, event_type: str) -> str | None:
    """'Xi welcomed Lula to Beijing', 'welcomed the Brazilian president in Beijing': a guest
    welcomed to a place is a visit hosted (CAMEO 043, CONSULT), not praise ('welcomed the
    decision' stays SUPPORT)."""
    if event_type != "SUPPORT" or verb.lemma_.lower() not in WORDS.welcoming_verbs:
        return None
    guest = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if guest is None or (guest.pos_ != "PROPN" and guest.lemma_.lower() not in GUESTS):
        return None
    places = [c for h in (verb, guest) for c in h.children if c.dep_ == "prep"]
    return "CONSULT" if any(p.lower_ in ("to", "in", "at") for p in places) else None


GUESTS = WORDS.guest_nouns


def lone_drill(tok: Token, event_type: str) -> str | None:
    """'Iran held military drills near the strait': exercises a party holds alone show its
    force, MOBILIZE (PLOVER 3.14.1); only drills with a partner ('with China', 'India and
    Japan held') are COOPERATE."""
    if event_type != "COOPERATE":
        return None
    drill = tok if tok.lemma_.lower() in DRILLS else None
    if drill is None:
        drill = next(
            (c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in DRILLS), None
        )
    if drill is None or _with_partner(tok) or _with_partner(drill):
        return None
    doer = subject_of(tok if tok.pos_ == "VERB" else tok.head)
    if doer is not None and any(c.dep_ == "conj" for c in doer.children):
        return None  # "India and Japan held exercises"
    return "MOBILIZE"


def _with_partner(tok: Token) -> bool:
    """'exercises with China', 'drills between the two navies', 'joint drills by X and Y'."""
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between", "among") for c in tok.children)


DRILLS = WORDS.drill_nouns


def troops_sent_to_a_state(verb: Token, event_type: str) -> str | None:
    """'Turkey has sent troops and food to Qatar': units sent to a state itself back it, AID
    (CAMEO 074 military protection), unlike units sent to a border or a sea ('sent ten
    battalions to the Colombian border'), which show force (MOBILIZE)."""
    if event_type != "MOBILIZE" or verb.lemma_.lower() not in SENDING_VERBS:
        return None
    places = [obj for _prep, obj in prep_objects(verb, ("to",))]
    return "AID" if any(p.ent_type_ == "GPE" for p in places) else None


SENDING_VERBS = frozenset(("send", "dispatch", "rush", "transfer"))


RETYPES: Rules[Callable[[Token, str], str | None]] = Rules(
    "types a construction changes",
    (
        defended_own,
        gives_in,
        rioting_crowd,
        diplomatic_protest,
        hosted_welcome,
        lone_drill,
        troops_sent_to_a_state,
    ),
)


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


def fill_implicit_targets(
    found: list[Found],
    counterpart: Callable[[str], list[str]],
    named: Callable[[Span], set[str]] = lambda sent: set(),
) -> None:
    """Give events with no stated target the other party the article pairs them with.

    First choice: the reverse of a stated event of the same PLOVER class
    (Russia attacks ?; Ukraine attacks Russia -> Russia attacks Ukraine).
    Otherwise ``counterpart(country)``: the parties it faces (from threats and co-mentions).
    ``named(sentence)`` gives the states a sentence names: where it names two or more
    besides the source and the guessed party, no guess is made (:func:`_crowded`).
    """
    stated: Counter[tuple[str, str, str]] = Counter()
    fellows: dict[int, set[str]] = {}  # trigger -> every source it has ("X, Y and Z want")
    for f in found:
        fellows.setdefault(f.trigger.i, set()).update(s.country for s in f.sources)
        for s in f.sources:
            for t in f.targets:
                stated[(QUAD[f.type], s.country, t.country)] += 1
    for f in found:
        if (
            f.targets
            or f.generic_target
            or f.type not in TARGETED_TYPES
            or _content_object(f.trigger)
            or _addressed_request(f)
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
        # never the source itself, nor, in a coalition of three or more ("Poland, Hungary
        # and Slovakia want ..."), a fellow member; two joint subjects may be the two
        # sides ("Palestinians and Israelis failed to agree")
        coalition = fellows[f.trigger.i] if len(fellows[f.trigger.i]) > 2 else set()
        others = [o for o in others if o != source and o not in coalition]
        if others and not _crowded(f, others, named(f.sentence)):
            f.targets = [Ref(_state(o), f.trigger.i, f.trigger.i + 1, "inferred") for o in others]
            f.inferred_target = True


def _crowded(f: Found, guessed: list[str], named: set[str]) -> bool:
    """'Military governments in Mali and Burkina Faso have said ..., and Algeria opposes any
    use of force': a sentence that names two or more other states besides the source and
    the party the article pairs it with has parties of its own, and the article's pairing
    guessed among them was mostly wrong; no target beats a wrong one."""
    return len(named - {s.country for s in f.sources} - set(guessed)) >= 2


CONTENT_NOUNS = WORDS.content_nouns


def _addressed_request(f: Found) -> bool:
    """'urged the Commission to ...', 'told reporters', 'called for a ceasefire': a request
    spoken to an addressee the sentence names (or to no one) is not guessed to be aimed at
    the party the article pairs the speaker with; no target beats a wrong one."""
    return f.type == "REQUEST" and f.trigger.lemma_.lower() in WORDS.addressed_request_verbs


SYMMETRIC = types_where("symmetric")
ONE_WAY = WORDS.one_way_contacts
RECIPROCAL_VERBS = WORDS.reciprocal_verbs


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
        if (
            not f.targets
            and len({s.country for s in f.sources}) >= 2
            and not f.offered
            and not third_party(f.trigger)
        ):
            # (joint subjects "ready to agree" offer it to a third party, not to each other;
            # co-mediators do not meet each other by mediating)
            everyone = f.sources[:]  # "X, Y and Z met": every pair, both ways
            f.sources, f.targets = everyone[:1], everyone[1:]
            for i, a in enumerate(everyone):
                others = [b for j, b in enumerate(everyone) if j != i]
                if i > 0:
                    extra.append(
                        Found(f.type, f.mode, [a], others, f.trigger, f.sentence, cue=f.cue)
                    )
        elif f.hosted:
            extra.extend(_guests_meet(f))
        elif f.targets and (
            (f.type == "CONSULT" and not _one_way(f.trigger))
            or (_reciprocal_verb(f.trigger) and not f.offered)  # "exchanged fire with Y"
        ):
            extra.append(
                Found(f.type, f.mode, f.targets[:], f.sources[:], f.trigger, f.sentence, cue=f.cue)
            )
    found.extend(extra)


def _guests_meet(f: Found) -> list[Found]:
    """'Qatar hosted the presidents of Kenya and Uganda for talks': the host meets its guests
    (one way, as a visit runs), and the guests meet each other, both ways."""
    guests = list({t.country: t for t in f.targets}.values())
    if len(guests) < 2:
        return []
    return [
        Found(
            f.type, f.mode, [a], [b for b in guests if b is not a], f.trigger, f.sentence, cue=f.cue
        )
        for a in guests
    ]


def _one_way(trigger: Token) -> bool:
    """A visit, a call, a hosting: the verb, or the verb a meeting noun hangs on
    ("hosted Hashimoto for an informal meeting"), runs one way; so does a word addressed
    to someone ("said he had spoken to Brazil", "would keep talking to Riyadh")."""
    # "a phone call with Biden" is had together; "called Biden" is one way
    mutual = trigger.pos_ == "NOUN" and any(True for _ in prep_objects(trigger, ("with",)))
    governing = [] if mutual else [trigger]
    if trigger.lower_ in WORDS.effort_nouns:  # "a mediation effort between X and Y"
        governing += [c for c in trigger.children if c.dep_ == "compound"]
    if trigger.dep_ == "dobj":
        governing.append(trigger.head)
    elif trigger.dep_ == "pobj":
        governing.append(trigger.head.head)
    if _by_telephone(trigger):
        return False  # "Macron spoke to May by telephone", "Bush telephoned Uribe": a talk
    return any(t.lemma_.lower() in ONE_WAY for t in governing) or _addressed(trigger)


PHONES = frozenset(("telephone", "phone"))


def _by_telephone(verb: Token) -> bool:
    """A conversation on the telephone, which both sides hold: 'telephoned Uribe', 'spoke
    to Lavrov by telephone', 'talked with him over the phone'."""
    if verb.pos_ != "VERB":
        return False
    if verb.lemma_.lower() in PHONES:
        return True
    return any(obj.lemma_.lower() in PHONES for _p, obj in prep_objects(verb, ("by", "over", "on")))


def _addressed(verb: Token) -> bool:
    return verb.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)


def _reciprocal(trigger: Token) -> bool:
    """'upgraded their ties', 'accused each other', 'traded fire': joint subjects act on
    one another."""
    if _reciprocal_verb(trigger):
        return True
    for child in trigger.children:
        if child.dep_ in ("dobj", "pobj", "prep", "npadvmod"):
            words = {t.lower_ for t in child.subtree}
            if {"each", "other"} <= words or {"one", "another"} <= words:
                return True
            if {"the", "other"} <= words and _each_subject(trigger):
                return True  # "each side accuses the other"
            if child.dep_ == "dobj" and any(
                g.dep_ == "poss" and g.lower_ == "their" for g in child.children
            ):
                return True
    return False


def _each_subject(verb: Token) -> bool:
    """'each side', 'each country' as the verb's subject."""
    return any(d.lower_ == "each" for s in verb.children if s.dep_ == "nsubj" for d in s.children)


def _reciprocal_verb(trigger: Token) -> bool:
    """'traded fire', 'exchanged accusations', 'clashed with': a deed done to each other."""
    verb = trigger.head if trigger.dep_ == "dobj" else trigger
    return verb.lemma_.lower() in RECIPROCAL_VERBS


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

    The same triggers, mood rules, non-events and retypings as
    :func:`events_in_sentence`, without the actor step: used to score event typing on
    its own (the PLOVER gold set codes actors the dictionary may not know).
    """
    typed: list[tuple[int, int, str, Token]] = []
    for trigger, _state, (classified, _mode) in _classified_triggers(sent, lexicon, modality):
        event_type = first_match(RETYPES, trigger.token, classified) or classified
        depth = 0
        tok = trigger.token
        while tok.head.i != tok.i and depth < 20:
            tok = tok.head
            depth += 1
        # Reported speech: the reported event matters more than "said".
        typed.append((depth, trigger.token.i, event_type, trigger.token))
    typed.sort(key=lambda x: (x[0], x[1]))
    return [(t, tok) for _d, _i, t, tok in typed]
