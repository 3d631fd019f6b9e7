"""Roles: who does an event to whom, read from the parse around its trigger.

Each trigger kind (:class:`~standoff.read.triggers.TriggerKind`) has an ordered list
of role rules (:data:`ROLES_BY_KIND`). A rule reads one construction and fills the
event's sources or targets in a :class:`RoleState`; most fill a slot only while it is
empty, so the order says which construction wins. A rule that answers True ends the
list (a stance such as "Israel is opposed to ..." needs nothing more).

    verb:   "Russia attacked Ukraine"; "was hit by U.S. sanctions"; "the ceasefire
            demanded by Kyiv"; "U.S. duties on Mexican goods would take effect"
    noun:   "Kyiv's plan", "talks with Moscow", "held talks", "sent Qatar a list of demands"
    other:  "Trump said Russia would face tariffs" (patient), "Kyiv said Russia bears
            responsibility" (reported), "Doha said the demands were not reasonable" (judged),
            "Russia remained defiant" (adjective)

Pronouns and titles are resolved by :class:`~standoff.read.mentions.ActorIndex`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from spacy.tokens import Token

from standoff.event_types import EVENT_TYPES, types_where
from standoff.model import ActorKind
from standoff.read.lexicon import LIGHT_VERBS, Lexicon
from standoff.read.meetings import HOST_VERBS, hosts
from standoff.read.mentions import ActorIndex, Ref
from standoff.read.refs import countries_of
from standoff.read.rules import Rules
from standoff.read.spans import sentence_start, sentences_back
from standoff.read.syntax import (
    OBJECT_DEPS,
    act_objects,
    agent_of,
    free_relative_object,
    if_clause,
    infinitive_subject,
    prep_objects,
    subject_of,
    subject_past_relative,
)
from standoff.read.targets import TOPIC_VERBS, between_parties
from standoff.read.triggers import (
    REPORTING_VERBS,
    Trigger,
    TriggerKind,
    is_measure,
    measure_object,
    reporting_verb,
)
from standoff.read.words import WORDS

# Types whose target may be named by a demonym alone ("attacks on Russian refineries").
MATERIAL = types_where("demonym_targets")
# ... and those whose object or own preposition phrase may (meetings too: "met Iranian envoys").
DEMONYM_OBJECTS = types_where("demonym_objects")
# Types whose missing target is the owner of the offer answered ("accepted a U.S. proposal").
ANSWERING = types_where("answers_offer")
# "travel to Washington for talks", "agreed over dinner": the meeting is the verb's occasion.
OCCASION_PREPS = frozenset(("for", "over", "during", "at", "after"))
COUNTED = WORDS.time_nouns | {"round", "rounds", "series"}
OFFER_NOUNS = WORDS.offer_nouns
GUEST_VERBS = WORDS.guest_verbs
AUTHORING_VERBS = WORDS.putting_verbs | WORDS.proposing_verbs
DRAWING_VERBS = WORDS.drawing_verbs
MODIFIER_DEPS = ("poss", "compound", "nmod", "amod")


@dataclass
class RoleState:
    """The roles of one trigger as the rules fill them."""

    trigger: Trigger
    index: ActorIndex
    lexicon: Lexicon
    sources: list[Ref] = field(default_factory=list)
    targets: list[Ref] = field(default_factory=list)
    generic: bool = False  # the target is a set of countries named elsewhere ("countries that")
    missing: bool = False  # no target once the grammar's own slots were read (verbs)
    hosted: bool = False  # the sources host the targets, who meet each other ("talks hosted by")

    @property
    def tok(self) -> Token:
        return self.trigger.token

    @property
    def preps(self) -> tuple[str, ...]:
        """The prepositions that introduce this type's target ("talks with", "attack on");
        a verbal attack told by a phrase also names it by "at" ("lashed out at Tokyo",
        "balked at the plan"; not "complaints at the WTO", where "at" is the forum)."""
        preps = EVENT_TYPES[self.trigger.type].target_preps
        if self.trigger.kind is TriggerKind.PHRASE and self.trigger.type in AIMED_AT:
            return (*preps, "at")
        if self.trigger.kind is TriggerKind.OBJECT_VERB and self.trigger.type == "SANCTION":
            # "suspended ministerial exchanges with Japan", "closed the border with Thailand":
            # the party the cut ties or shut border were with
            return (*preps, "with")
        return preps

    @property
    def material(self) -> bool:
        return self.trigger.type in MATERIAL

    @cached_property
    def passive(self) -> bool:
        """The trigger has a passive subject ("Qatar was isolated")."""
        return any(c.dep_ == "nsubjpass" for c in self.tok.children)

    @cached_property
    def voice(self) -> str:
        """'participle' ("the ceasefire demanded by Kyiv"), 'passive' or 'active'."""
        if self.tok.dep_ == "acl" and self.tok.tag_ == "VBN":
            # not "The EU, which was caught up in the dispute, called on ...": a main verb
            # the parser hung on the relative clause (subject_past_relative); nor "ALBARES:
            # We have expelled ...", a perfect with its own subject hung on a speaker's label
            own_subject = any(c.dep_ == "nsubj" for c in self.tok.children)
            if subject_past_relative(self.tok) is None and not own_subject:
                return "participle"
        return "passive" if self.passive else "active"

    @cached_property
    def occasion(self) -> Token | None:
        """For a meeting noun, the verb it is the occasion of ("travelled to Seoul for talks")."""
        return _occasion_verb(self.tok) if self.trigger.type == "CONSULT" else None

    def add_targets(self, head: Token, *, demonyms: bool = False) -> None:
        """The actors ``head`` names become targets; a generic set marks the target generic.
        A demonym names one for the types that take it so, or where ``demonyms`` says."""
        if self.index.is_generic(head):
            self.generic = True
            return
        demonyms = demonyms or self.trigger.type in DEMONYM_OBJECTS
        self.targets.extend(self.index.actors_of(head, demonyms=demonyms))

    def subject_actors(self, verb: Token) -> list[Ref]:
        subject = subject_of(verb)
        return self.index.actors_of(subject) if subject is not None else []


RoleRule = Callable[[RoleState], bool | None]


class Roles(NamedTuple):
    """Who does an event to whom, as the role rules read it."""

    sources: list[Ref]
    targets: list[Ref]
    generic: bool  # the target is a generic set of countries
    hosted: bool  # the sources host the targets, who meet each other


def roles(trigger: Trigger, index: ActorIndex, lexicon: Lexicon) -> Roles:
    """Source refs, target refs, whether the target is a generic set of countries and
    whether the sources host a meeting of the targets."""
    state = RoleState(trigger, index, lexicon)
    for rule in ROLES_BY_KIND[trigger.kind]:
        if rule(state):
            break
    return Roles(state.sources, state.targets, state.generic, state.hosted)


# ------------------------------------------------------------------ patient, judged, reported


def patient_is_target(r: RoleState) -> None:
    """'Trump said Russia would face tariffs': the subject suffers the threat."""
    subject = subject_of(r.tok)
    if subject is not None:
        r.targets = r.index.actors_of(subject)


def faced_measure_owner(r: RoleState) -> None:
    """'Brazil faces U.S. tariffs unless ...', 'Russia would face American sanctions': the
    measure's owner threatens (before the speaker: the reporter may be a third party)."""
    if not r.targets:
        return  # no one named to suffer it: no threat to fill a target in for
    for obj in (c for c in r.tok.children if c.dep_ == "dobj"):
        if is_measure(obj, r.lexicon):
            owners = modifier_actors(obj, r.index)
            own = {t.country for t in r.targets}
            r.sources = [o for o in owners if o.country not in own] or r.sources


def speaker_threatens(r: RoleState) -> None:
    """'Trump said Russia would face tariffs': the speaker threatens (when no one else
    has been found to)."""
    said = reporting_verb(r.tok)
    if said is not None and not r.sources:
        r.sources = reporter(said, r.index)


def speaker_judges(r: RoleState) -> None:
    """'Doha said the demands were not reasonable': the speaker judges."""
    # a judged trigger is always told: by its head, or by the head of the clause it joins
    r.sources = reporter(reporting_verb(r.tok) or r.tok.head, r.index)


def judged_party(r: RoleState) -> None:
    """'said Lithuania's move was illegal': an actor judged illegal is accused; a thing
    judged is its owner's ('the Saudi demands'); else the party faced (filled later)."""
    subject = subject_of(r.tok)
    if subject is None:
        return
    named = r.index.actors_of(subject)
    if named and r.trigger.type == "ACCUSE":
        r.targets = named
    elif not named:
        r.targets = modifier_actors(subject, r.index)


def reported_subject(r: RoleState) -> None:
    """'Kyiv said Russia bears responsibility': the subject is accused."""
    subject = subject_of(r.tok)
    if subject is not None:
        r.targets = r.index.actors_of(subject)


def reported_speaker(r: RoleState) -> None:
    """'Kyiv said Russia bears responsibility': the speaker accuses."""
    said = reporting_verb(r.tok)
    if said is not None:
        speaker = subject_of(said)
        if speaker is not None:
            r.sources = r.index.actors_of(speaker)


def condition_doer_is_target(r: RoleState) -> None:
    """'will extend the ban if Ukraine escalates': the one whose deed is the condition is
    threatened."""
    condition = if_clause(r.tok)
    doer = subject_of(condition) if condition is not None else None
    if doer is not None:
        r.targets = r.index.actors_of(doer)


def threatener_subject(r: RoleState) -> None:
    """'Poland will extend the ban if ...', 'it would be forced to take countermeasures':
    the subject promises the measure (not a measure as subject: 'the tariff could rise')."""
    subject = subject_of(r.tok)
    if subject is not None and not is_measure(subject, r.lexicon):
        r.sources = r.index.actors_of(subject)


def measure_owner_threatens(r: RoleState) -> None:
    """'U.S. tariffs would rise if ...': the measure's owner threatens."""
    subject = subject_of(r.tok)
    if not r.sources and subject is not None and is_measure(subject, r.lexicon):
        r.sources = modifier_actors(subject, r.index)


# --------------------------------------------------------------------------- verbs


def pressed_party(r: RoleState) -> bool:
    """'Canada will not be intimidated (by Beijing)': the one pressed refuses, aimed at the
    one pressing; nothing else to read."""
    if r.trigger.kind is not TriggerKind.LAPSE or r.trigger.type != "REJECT":
        return False
    holder = next((c for c in r.tok.children if c.dep_ == "nsubjpass"), None)
    if holder is None:
        return False
    r.sources = r.index.actors_of(holder)
    agent = agent_of(r.tok)
    if agent is not None:
        r.add_targets(agent)
    return True


def stance(r: RoleState) -> bool:
    """'Israel is opposed to French mediation': a stance its subject holds, aimed at the
    object of "to"; nothing else to read."""
    tok = r.tok
    if (
        not r.passive
        or tok.lemma_.lower() not in WORDS.stative_passives
        or agent_of(tok) is not None
    ):
        return False
    holder = next(c for c in tok.children if c.dep_ == "nsubjpass")
    r.sources = r.index.actors_of(holder)
    for _prep, obj in prep_objects(tok, ("to",)):
        r.add_targets(obj)
    return True


def participle_agent(r: RoleState) -> None:
    """'the ceasefire demanded by Kyiv': the agent acts."""
    if r.voice == "participle":
        agent = agent_of(r.tok)
        if agent is not None:
            r.sources = r.index.actors_of(agent, demonyms=True)


def passive_agent(r: RoleState) -> None:
    """'Turkey was hit by U.S. sanctions': the agent acts."""
    if r.voice == "passive":
        agent = agent_of(r.tok)
        if agent is not None:
            r.sources = r.index.actors_of(agent, demonyms=True)


def custody_place(r: RoleState) -> None:
    """'Two Canadians were detained in China': people of a named party, held in a state
    with no one named holding them, are held by that state (a coercion only: 'were killed
    in Cambodia' names where, not who; held people of no named party are left alone)."""
    passive = r.voice == "passive" and r.trigger.type == "COERCE"
    if not passive or r.sources or not r.targets or agent_of(r.tok):
        return
    for _prep, place in prep_objects(r.tok, ("in",)):
        held_by = [ref for ref in r.index.actors_of(place) if len(ref.country) == 3]
        if held_by:
            r.sources = held_by[:1]
            return


def passive_subject(r: RoleState) -> None:
    """'Qatar was isolated': the passive subject is acted upon; a measure as passive subject
    is its owner's ('U.S. tariffs will be raised') and hits what it is 'on' or 'of' ('the
    boycott of Qatar could be tightened'), or is told by a speaker ('officials said the
    boycott could be tightened')."""
    if r.voice != "passive":
        return
    for child in r.tok.children:
        if child.dep_ != "nsubjpass":
            continue
        if not is_measure(child, r.lexicon):
            r.add_targets(child)
            if not r.targets and r.trigger.kind is TriggerKind.OBJECT_VERB:
                _told_to(r)
            continue
        r.sources = r.sources or modifier_actors(child, r.index)
        for _prep, obj in prep_objects(child, ("on", "against", "of")):
            r.add_targets(obj)
        said = reporting_verb(r.tok)
        if not r.sources and said is not None:
            r.sources = reporter(said, r.index)


def _told_to(r: RoleState) -> None:
    """'Gazprom told Moldova that deliveries could be halted': a measure on a thing, told
    to someone with no author stated, is the teller's, aimed at the one told."""
    said = reporting_verb(r.tok)
    if said is None:
        return
    told = [c for c in said.children if c.dep_ in ("dobj", "dative")]
    targets = r.index.actors_of(told[0]) if told else []
    sources = reporter(said, r.index)
    if targets and sources:
        r.sources, r.targets = r.sources or sources, targets


def measure_subject(r: RoleState) -> None:
    """'U.S. duties on Mexican goods would take effect': the owner imposes, the country the
    measure is 'on' is hit."""
    if r.voice != "active":
        return
    subject = subject_of(r.tok)
    if subject is not None and is_measure(subject, r.lexicon):
        r.sources = modifier_actors(subject, r.index)
        for _prep, obj in prep_objects(subject, ("on", "against")):
            r.add_targets(obj)


def active_subject(r: RoleState) -> None:
    """'Russia attacked Ukraine': the subject acts (not a measure, nor the "it" of "It takes
    effect in three weeks", which is the measure)."""
    if r.voice != "active":
        return
    subject = subject_of(r.tok)
    if subject is None or is_measure(subject, r.lexicon):
        return
    if r.trigger.kind == TriggerKind.PHRASE and r.trigger.type == "SANCTION":
        if subject.pos_ == "PRON":
            return
    # "Israeli tank shelling killed ...": a blow as subject is its owner's, named anywhere
    # in its phrase (unlike "Russian oil", a thing)
    blow = r.lexicon.noun_index.get(subject.lemma_.lower()) in MATERIAL
    r.sources = r.index.actors_of(subject, demonyms=blow)


def second_verb_of_speaker(r: RoleState) -> None:
    """'X said the measures violated the rules and called on Tokyo to ...', 'the ministry
    denied that any clashes had taken place and accused Bangkok of ...': the parser joins
    the speaker's second verb to the clause the first verb governs; the speaker acts."""
    tok = r.tok
    if r.voice == "active" and not r.sources and tok.dep_ == "conj" and tok.head.dep_ == "ccomp":
        r.sources = r.subject_actors(tok.head.head)  # said, denied, complained ...


def objects(r: RoleState) -> None:
    """'Russia attacked Ukraine', 'sent Qatar a list': the objects are acted upon."""
    if r.voice != "active" or r.tok.lemma_.lower() in TOPIC_VERBS:
        return  # "discussed Turkish drilling": a topic, not a party met
    for child in r.tok.children:
        if child.dep_ in OBJECT_DEPS and not is_measure(child, r.lexicon):
            r.add_targets(child)


def asked_to_act(r: RoleState) -> None:
    """'Russia wants Ukraine to stay neutral', 'we expect Kyiv to withdraw it': the one asked
    is the subject the parser gives the infinitive clause."""
    if r.trigger.type == "REQUEST" and r.voice == "active" and not r.targets:
        asked = infinitive_subject(r.tok)
        if asked is not None:
            r.add_targets(asked)


def asked_for_of(r: RoleState) -> None:
    """'asked for an urgent meeting of the Security Council', 'called for the withdrawal of
    Russian troops': what is asked for is asked of the party its "of" phrase names."""
    if r.trigger.type != "REQUEST" or r.targets:
        return
    for _prep, thing in prep_objects(r.tok, ("for",)):
        for _of, party in prep_objects(thing, ("of",)):
            r.add_targets(party, demonyms=True)


def described_object(r: RoleState) -> None:
    """'Iran fired missiles at what it said were militant targets in Iraq and Syria',
    'strikes on what it called terrorist hideouts in Iran': a free relative object is
    what its own words say it is, and where."""
    if r.targets or r.voice != "active":
        return
    for head in (r.tok, *([r.tok.head] if r.tok.dep_ == "dobj" else [])):
        for phrase in free_relative_object(head):
            r.targets.extend(r.index.actors_of(phrase, demonyms=r.material))


def held_answerable(r: RoleState) -> None:
    """'holds Washington responsible', 'would hold Tehran accountable': the parser reads the
    side held answerable as the subject of a small clause on the adjective; it is acted upon."""
    if r.voice != "active" or r.targets:
        return
    for clause in r.tok.children:
        if clause.dep_ == "ccomp" and clause.lemma_.lower() in WORDS.answerable_words:
            for subject in (c for c in clause.children if c.dep_ == "nsubj"):
                r.add_targets(subject)


def asked_deed_owner(r: RoleState) -> None:
    """'seeks a full Israeli withdrawal', 'wants a Russian pullback': a deed asked for is
    asked of the actor its noun names."""
    if r.trigger.type != "REQUEST" or r.targets:
        return
    for child in r.tok.children:
        if child.dep_ != "dobj":
            continue
        for noun in (child, *child.conjuncts):
            if noun.lemma_.lower() in r.lexicon.noun_index:
                r.targets.extend(modifier_actors(noun, r.index))
            if noun.lemma_.lower() in WORDS.owed_deeds:  # "an apology from Ankara", not
                for _prep, party in prep_objects(noun, ("from",)):  # "a withdrawal from Bosnia"
                    r.add_targets(party)


# Types that judge a deed, whose doer they are aimed at.
JUDGING_TYPES = frozenset(("SUPPORT", "ACCUSE", "REJECT", "AGREE"))


def deed_doer(r: RoleState) -> None:
    """'supported the steps Azerbaijan was taking', 'condemned the strikes Russia carried
    out': an object with no actor of its own is the deed of its relative clause's subject,
    who is acted upon."""
    if r.voice != "active" or r.targets or r.trigger.type not in JUDGING_TYPES:
        return
    for child in r.tok.children:
        if child.dep_ != "dobj":
            continue
        for clause in (c for c in child.children if c.dep_ == "relcl"):
            if clause.lemma_.lower() in REPORTING_VERBS:
                continue  # "a process that the three countries said could be halted"
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in ("which", "that", "who"):
                r.add_targets(subject)


def hosted_guests(r: RoleState) -> bool | None:
    """'the emir hosted the presidents of Congo and Rwanda', 'Michel hosted Aliyev and
    Pashinyan in Brussels': a host meets the people it hosts, who meet each other; what a
    country hosts otherwise is no meeting ('hosts the largest U.S. military base', 'hosts
    Syrian refugees')."""
    if r.tok.lemma_.lower() not in GUEST_VERBS or r.voice == "participle":
        return None
    # "hosted the presidents", "the presidents were hosted by" (not "the meeting was hosted by")
    guests = [c for c in r.tok.children if c.dep_ == ("nsubjpass" if r.passive else "dobj")]
    if not any(_met_in_person(g, r.index) for g in guests):
        r.sources, r.targets = [], []  # no meeting: no party to it, none to guess
        return True
    r.hosted = len(countries_of(r.targets)) >= 2
    return None


def _met_in_person(head: Token, index: ActorIndex) -> bool:
    """Whether a phrase names people one meets: a name ("Aliyev"), or a government role
    ("the presidents of Congo and Rwanda", "a Japanese delegation")."""
    ref = index.by_token.get(head.i)
    if ref is not None:
        return ref.entry.kind is not ActorKind.GROUP or index.book.sector_for(head.lower_) == "GOV"
    return index.book.sector_for(head.lower_) == "GOV"


def not_itself(r: RoleState) -> None:
    """'recalled its ambassador': an actor is not its own target. Notes whether the
    grammar's own slots left the target missing."""
    own = {s.country for s in r.sources}
    r.targets = [t for t in r.targets if t.country not in own]
    r.missing = not r.targets and not r.generic


def type_prep_targets(r: RoleState) -> None:
    """'talks with Moscow', 'appealed to Washington': the type's prepositions name the
    target the slots left out."""
    if r.missing:
        for _prep, obj in prep_objects(r.tok, r.preps):
            r.add_targets(obj)


def against_on_a_forum(r: RoleState) -> None:
    """'filed complaints at the WTO against Poland', 'brought a case before the court
    against Myanmar': the parser hangs "against" on the forum; it still names whom the act
    is aimed at. Only "against": no other preposition is so sure to name a party."""
    if r.targets or r.generic or "against" not in r.preps:
        return
    heads = _noun_prep_heads(r) if r.trigger.kind is TriggerKind.NOUN else [r.tok]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ == "against":
                continue
            for forum in prep.children:
                if forum.dep_ == "pobj":
                    for _prep, obj in prep_objects(forum, ("against",)):
                        r.add_targets(obj)


def measure_on(r: RoleState) -> None:
    """'add a tariff on Indian goods', 'hit buyers with tariffs on ...': what the measure
    is on."""
    if not r.missing or r.trigger.kind not in (TriggerKind.OBJECT_VERB, TriggerKind.RESPONSE):
        return
    measure = measure_object(r.tok, r.lexicon) or next(
        (o for _p, o in prep_objects(r.tok, ("with",)) if is_measure(o, r.lexicon)), None
    )
    if measure is None:
        return
    # "duties of 80.5 per cent on Australian barley": the parser hangs "on" on the rate
    rates = [o for _p, o in prep_objects(measure, ("of",)) if o.like_num or o.lower_ in RATES]
    for head in (measure, *rates):
        for _prep, obj in prep_objects(head, ("on", "against")):
            # whose goods a measure is on is its target, imposed or lifted ("lifted the
            # tariffs on Chinese goods")
            r.add_targets(obj, demonyms=True)


# Words of a measure's rate: "duties of 80 per cent on ...", "a tariff of 25 percent on ...".
RATES = frozenset({"cent", "percent", "%", "pc"})


def objection_to(r: RoleState) -> None:
    """'dropped its objection to Sweden's membership': the object's own 'to', 'on' ..."""
    if not r.missing or r.trigger.kind not in (TriggerKind.OBJECT_VERB, TriggerKind.RESPONSE):
        return
    for obj in (c for c in r.tok.children if c.dep_ == "dobj"):
        # "recalled its ambassador from Algiers": where the one recalled serves
        for _prep, inner in prep_objects(obj, ("to", "on", "against", "in", "from")):
            r.add_targets(inner)


def goods_from(r: RoleState) -> None:
    """'placing a tariff on goods from India': the country the goods come from."""
    if not r.missing or r.trigger.kind not in (TriggerKind.OBJECT_VERB, TriggerKind.RESPONSE):
        return
    if not r.targets:
        for _prep, obj in prep_objects(r.tok, ("from",)):
            r.add_targets(obj)


def answered_offer(r: RoleState) -> None:
    """'Kyiv accepted a U.S. proposal': the proposal's owner is the one answered."""
    if not r.targets and not r.generic and r.trigger.type in ANSWERING:
        r.targets = owner_of_object(r.tok, r.index)


# --------------------------------------------------------------------------- nouns


def noun_agent(r: RoleState) -> None:
    """'an attack by Russia': the agent acts."""
    agent = agent_of(r.tok)
    if agent is not None:
        r.sources = r.index.actors_of(agent, demonyms=True)


def noun_owner(r: RoleState) -> None:
    """ "Kyiv's plan", 'U.S. sanctions', 'Russian attacks': the first modifier that names
    an actor acts."""
    for child in r.tok.children:
        if child.dep_ in MODIFIER_DEPS and not r.sources:
            ref = r.index.actors_of(child, demonyms=True)
            if ref:
                r.sources = ref


def light_verb_subject(r: RoleState) -> None:
    """'China held talks', 'made an offer', 'was in talks': the light verb's subject acts."""
    tok = r.tok
    if (
        not r.sources
        and tok.dep_ in ("dobj", "pobj", "attr")
        and tok.head.lemma_.lower() in LIGHT_VERBS
    ):
        r.sources = r.subject_actors(tok.head)


def occasion_subject(r: RoleState) -> None:
    """'Hashimoto travelled to Seoul for talks': the traveller meets."""
    if not r.sources and r.occasion is not None:
        r.sources = r.subject_actors(r.occasion)


def occasion_parties(r: RoleState) -> None:
    """'Kenya, Uganda and Tanzania agreed at an African Union summit': the summit's owner
    hosts it; those who meet at it are its guests (and meet each other)."""
    if r.occasion is None or not r.sources or any(c.dep_ == "poss" for c in r.tok.children):
        return  # "their summit", "Kyiv's talks": the owners are the parties, not a host
    known = set(countries_of(r.sources))
    guests = [g for g in r.subject_actors(r.occasion) if g.country not in known]
    if guests:
        r.targets += guests
        r.hosted = True


def light_verb_phrase_subject(r: RoleState) -> None:
    """'arrived in Amman on a visit': the subject of the light verb the phrase hangs on."""
    tok = r.tok
    if not r.sources and tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in LIGHT_VERBS:
        r.sources = r.subject_actors(tok.head.head)


def meeting_of(r: RoleState) -> None:
    """'a summit of Turkish, French and German leaders', 'a meeting of the foreign ministers of
    Egypt and Sudan': the parties the meeting is of take part, and meet each other (one party
    alone is no meeting between parties: 'a meeting of the Security Council')."""
    if r.trigger.type != "CONSULT" or r.sources:
        return
    for _prep, obj in prep_objects(r.tok, ("of",)):
        parties = r.index.actors_of(obj, demonyms=True)
        if len(countries_of(parties)) >= 2:
            r.sources = parties


def delivered_list(r: RoleState) -> None:
    """'sent Qatar a list of 13 demands': the sender acts, the recipient is the target."""
    tok = r.tok
    container = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    if (
        container is None
        or container.dep_ != "dobj"
        or container.head.lemma_.lower() not in LIGHT_VERBS | {"send", "deliver", "hand", "submit"}
    ):
        return
    verb = container.head
    if not r.sources:
        r.sources = r.subject_actors(verb)
    for child in verb.children:
        if child.dep_ in ("dative", "iobj"):
            r.targets.extend(r.index.actors_of(child))


def request_from(r: RoleState) -> None:
    """'a request from the Emir': the one it comes from acts."""
    if not r.sources:
        for _prep, obj in prep_objects(r.tok, ("from",)):
            r.sources = r.index.actors_of(obj, demonyms=True)


def drawn_from(r: RoleState) -> None:
    """'Israel kept its troops there, drawing warnings from Hezbollah', 'the decision drew
    condemnation from Beijing': a reaction a deed draws is made by the one named after
    "from" (on the noun or on the drawing verb) and aimed at the one who drew it: the
    drawing verb's subject, or the main clause's for a participle ("..., drawing")."""
    verb = r.tok.head
    if r.tok.dep_ != "dobj" or verb.lemma_.lower() not in DRAWING_VERBS:
        return
    if not r.sources:
        for _prep, obj in prep_objects(verb, ("from",)):
            r.sources = r.index.actors_of(obj, demonyms=True)
    if r.sources and not r.targets:
        drawer = verb.head if verb.dep_ == "advcl" and verb.tag_ == "VBG" else verb
        own = {s.country for s in r.sources}
        r.targets = [t for t in r.subject_actors(drawer) if t.country not in own]


def request_answerer(r: RoleState) -> None:
    """'accepted a request made by the British government', 'agreed to a request from the
    Emir of Kuwait', 'the Council met at France's request': a request is made of the side
    that answers it, or acts at it."""
    if r.trigger.type != "REQUEST" or r.targets or not r.sources:
        return
    head = r.tok.head
    if r.tok.dep_ == "pobj" and head.lower_ == "at":  # acted at: any verb
        answerer = head.head if head.head.pos_ in ("VERB", "AUX") else None
    else:  # answered: a verb of an answering type, on the request or its "to"/"with"
        if r.tok.dep_ == "dobj":
            verb = head
        elif r.tok.dep_ == "pobj" and head.lower_ in ("to", "with"):
            verb = head.head
        else:
            return
        answerer = verb if r.lexicon.verb_index.get(verb.lemma_.lower()) in ANSWERING else None
    if answerer is not None:
        own = {s.country for s in r.sources}
        r.targets = [t for t in r.subject_actors(answerer) if t.country not in own]


def threat_of(r: RoleState) -> None:
    """'the threat of U.S. sanctions': the owner of the measure threatens."""
    if r.trigger.type == "THREATEN" and not r.sources:
        for _prep, obj in prep_objects(r.tok, ("of",)):
            r.sources = r.index.actors_of(obj, demonyms=True)


def occasion_guests(r: RoleState) -> None:
    """'hosted Hashimoto for a meeting': the guest is met. 'The emir hosted the presidents of
    Kenya and Uganda for their first meeting': the host meets the guests (the meeting's owners
    among them), who meet each other."""
    if r.occasion is None:
        return
    guests = [g for c in r.occasion.children if c.dep_ == "dobj" for g in r.index.actors_of(c)]
    r.targets.extend(guests)
    host = r.subject_actors(r.occasion) if r.occasion.lemma_.lower() in HOST_VERBS else []
    if guests and host:
        ours = set(countries_of(host))
        r.targets = [p for p in (*r.sources, *r.targets) if p.country not in ours]
        r.sources, r.hosted = host, True


def nominal_object(r: RoleState) -> None:
    """'ordered the closure of its embassy in Bogota', 'the recall of its ambassador to
    Paris': the act's "of" object is read as a verb's object is, its owner acting and the
    place or party it is "in", "to" or "with" hit."""
    if r.tok.lemma_.lower() not in WORDS.nominalised_verbs:
        return
    for obj in act_objects(r.tok):
        if not r.sources:
            owners = [c for c in obj.children if c.dep_ == "poss"]
            r.sources = r.index.actors_of(owners[0]) if owners else []
        if not r.targets:
            for _inner_prep, inner in prep_objects(obj, ("to", "in", "with", "on")):
                r.add_targets(inner)


def noun_prep_targets(r: RoleState) -> None:
    """'talks with Moscow', 'attacks on refineries' (also on the light verb: "stepped up
    attacks ... on refineries", "travelled to Seoul for talks"); 'talks between X and Y'
    with no other source: the first party meets the others."""
    for prep, obj in (
        p for h in _noun_prep_heads(r) for p in prep_objects(h, (*r.preps, "between", "with"))
    ):
        refs = r.index.actors_of(obj, demonyms=r.material or prep in ("to", "with", "between"))
        if prep == "between" and len(refs) >= 2 and not r.sources:
            r.sources, refs = refs[:1], refs[1:]
        if r.index.is_generic(obj):
            r.generic = True
        r.targets.extend(refs)


def _noun_prep_heads(r: RoleState) -> list[Token]:
    """The noun, and the light or occasion verb whose phrases name its parties."""
    tok = r.tok
    heads = [tok]
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in LIGHT_VERBS:
        heads.append(tok.head)  # "stepped up attacks ... on refineries"
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in LIGHT_VERBS:
        heads.append(tok.head.head)  # "arrived in Amman on a visit"
    if r.occasion is not None and r.occasion not in heads:
        heads.append(r.occasion)  # "travelled to Seoul for talks"
    return heads


def meeting_between(r: RoleState) -> None:
    """'negotiations in Washington between a Chinese delegation and a U.S. team': the parser
    often hangs "between" on the place; the pair still meets."""
    if r.trigger.type != "CONSULT" or r.sources:
        return
    pair = between_parties(r.tok, r.index)
    if len(pair) >= 2:
        r.sources, r.targets = pair[:1], pair[1:]
    elif pair and not r.targets:
        r.targets = pair


def meeting_host(r: RoleState) -> None:
    """'talks between Armenia and Azerbaijan, mediated by Russia'; 'over two days of talks
    hosted by Qatar, the delegations of Ethiopia and Eritrea failed to agree': the host, chair
    or mediator meets the parties the meeting names, who meet each other. A host with no
    other party names no meeting of its own ('talks brokered by Washington collapsed')."""
    if r.trigger.type != "CONSULT":
        return
    host = hosts(r.tok, r.index)
    ours = set(countries_of(host))
    parties = [p for p in (*r.sources, *r.targets) if p.country not in ours]
    if host and parties:
        r.sources, r.targets, r.hosted = host, parties, True


# --------------------------------------------------------------------------- adjectives


def adjective_subject(r: RoleState) -> None:
    """'Russia remained defiant': the subject holds the stance."""
    tok = r.tok
    subject = subject_of(tok.head) if tok.dep_ != "ROOT" else subject_of(tok)
    if subject is not None:
        r.sources = r.index.actors_of(subject)


def adjective_prep_targets(r: RoleState) -> None:
    """'defiant toward Washington', 'opposed to the plan'."""
    for _prep, obj in prep_objects(r.tok, r.preps):
        r.add_targets(obj)


# Verbal-conflict types whose phrases aim "at" their target ("took aim at", "balked at").
AIMED_AT = frozenset(("ACCUSE", "REJECT"))


# The order is the meaning: a slot filled by an earlier rule is not refilled by a later one.
VERB_ROLES: Rules[RoleRule] = Rules(
    "roles of a verb",
    (
        pressed_party,
        stance,
        participle_agent,
        passive_agent,
        passive_subject,
        custody_place,
        measure_subject,
        active_subject,
        second_verb_of_speaker,
        objects,
        asked_to_act,
        asked_for_of,
        described_object,
        held_answerable,
        deed_doer,
        asked_deed_owner,
        hosted_guests,
        not_itself,
        type_prep_targets,
        against_on_a_forum,
        measure_on,
        objection_to,
        goods_from,
        answered_offer,
    ),
)
NOUN_ROLES: Rules[RoleRule] = Rules(
    "roles of a noun",
    (
        noun_agent,
        noun_owner,
        light_verb_subject,
        occasion_subject,
        occasion_parties,
        light_verb_phrase_subject,
        meeting_of,
        delivered_list,
        request_from,
        drawn_from,
        request_answerer,
        threat_of,
        occasion_guests,
        nominal_object,
        noun_prep_targets,
        described_object,
        against_on_a_forum,
        meeting_between,
        meeting_host,  # last: it gathers the parties every rule above found
    ),
)
ADJECTIVE_ROLES: Rules[RoleRule] = Rules(
    "roles of an adjective", (adjective_subject, adjective_prep_targets)
)
PATIENT_ROLES: Rules[RoleRule] = Rules(
    "roles of a threatened patient", (patient_is_target, faced_measure_owner, speaker_threatens)
)
JUDGED_ROLES: Rules[RoleRule] = Rules("roles of a judgement", (speaker_judges, judged_party))
REPORTED_ROLES: Rules[RoleRule] = Rules(
    "roles of a reported deed", (reported_subject, reported_speaker)
)
CONDITION_ROLES: Rules[RoleRule] = Rules(
    "roles of a measure promised on a condition",
    (condition_doer_is_target, threatener_subject, measure_owner_threatens, speaker_threatens),
)
ROLES_BY_KIND: dict[TriggerKind, Rules[RoleRule]] = {
    TriggerKind.VERB: VERB_ROLES,
    TriggerKind.PHRASE: VERB_ROLES,
    TriggerKind.OBJECT_VERB: VERB_ROLES,
    TriggerKind.LAPSE: VERB_ROLES,
    TriggerKind.RESPONSE: VERB_ROLES,
    TriggerKind.NOUN: NOUN_ROLES,
    TriggerKind.ADJECTIVE: ADJECTIVE_ROLES,
    TriggerKind.PATIENT: PATIENT_ROLES,
    TriggerKind.JUDGED: JUDGED_ROLES,
    TriggerKind.REPORTED: REPORTED_ROLES,
    TriggerKind.TIME_LEFT: REPORTED_ROLES,
    TriggerKind.CONDITION: CONDITION_ROLES,
}


# --------------------------------------------------------------------------- helpers


def reporter(verb: Token, index: ActorIndex) -> list[Ref]:
    """Who says what a reported clause tells: the subject's actors when ``verb`` is a
    reporting verb ("Trump said ..."), else []."""
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return []
    speaker = subject_of(verb)
    return index.actors_of(speaker) if speaker is not None else []


def modifier_actors(noun: Token, index: ActorIndex) -> list[Ref]:
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
    # "over three days of talks, the ministers failed to agree": the verb's complement meets
    if verb.lemma_.lower() in WORDS.occasion_verbs or any(
        c.dep_ == "xcomp" and c.lemma_.lower() in WORDS.occasion_verbs for c in verb.children
    ):
        return verb
    return None


def owner_of_object(tok: Token, index: ActorIndex) -> list[Ref]:
    """'Kyiv accepted a U.S. proposal': the proposal's owner is the one answered."""
    candidates = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.dep_ == "nsubj" for c in tok.children) and candidates:
        stray = agent_of(tok)  # "rejected the accusations by Saudi Arabia", attached to the verb
        if stray is not None and index.actors_of(stray, demonyms=True):
            return index.actors_of(stray, demonyms=True)
    if tok.dep_ == "acl":
        candidates.append(tok.head)  # "a US proposal ..., accepted by Ukraine"
    for noun in candidates:
        if noun.lemma_.lower() in OFFER_NOUNS or noun.lower_ in OFFER_NOUNS:
            refs = _offer_owner(noun, index) or _named_before(noun, index)
            if refs:
                return refs
    return []


PUT_FORWARD = frozenset(("plan", "proposal", "offer", "initiative", "idea", "roadmap"))


def _named_before(noun: Token, index: ActorIndex) -> list[Ref]:
    """'Sisi unveiled a plan on June 6 ... The GNA and Ankara dismissed the plan': "the plan"
    with no owner of its own is the one put forward in the two sentences before, and its
    owner is whoever put it forward there."""
    if noun.lemma_ not in PUT_FORWARD or not any(c.lower_ == "the" for c in noun.children):
        return []
    doc = noun.doc
    start = sentences_back(doc, noun.i, 2)
    for tok in reversed(doc[start : sentence_start(doc, noun.i)]):
        if tok.lemma_ != noun.lemma_:
            continue
        owner = _offer_owner(tok, index)
        verb = tok.head if tok.dep_ == "dobj" else next(
            (c for c in tok.children if c.dep_ == "relcl"), None
        )
        author = subject_of(verb) if verb is not None and verb.lemma_ in AUTHORING_VERBS else None
        if not owner and author is not None:
            owner = index.actors_of(author)
        if owner:
            return owner
    return []


def _offer_owner(noun: Token, index: ActorIndex) -> list[Ref]:
    """Whose offer a noun is: a modifier ("a U.S. proposal"), the agent ("the accusations by
    Saudi Arabia") or a "from"/"of" phrase."""
    for child in noun.children:
        if child.dep_ in MODIFIER_DEPS:
            refs = index.actors_of(child, demonyms=True)
            if refs:
                return refs
    agent = agent_of(noun) or _author_of(noun)
    for holder in [agent] + [o for _p, o in prep_objects(noun, ("from", "of"))]:
        if holder is not None:
            refs = index.actors_of(holder, demonyms=True)
            if refs:
                return refs
    return []


def _author_of(noun: Token) -> Token | None:
    """'dismissed the plan put forward by Cairo', 'the draft tabled by France': the agent
    of a participle of putting forward is whose the offer is."""
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_ in AUTHORING_VERBS:
            return agent_of(child)
    return None
