"""Triggers: the words and phrases of a sentence that the lexicon maps to PLOVER types."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Span, Token

from standoff.read.lexicon import LIGHT_VERBS, Lexicon, load_modality
from standoff.read.rules import NOTHING, Nothing, Rules, first_match, word_gate
from standoff.read.syntax import (
    SUBJECT_DEPS,
    act_objects,
    act_with_time_left,
    addresses_own_agent,
    agent_of,
    clause_of,
    for_mark,
    if_clause,
    infinitive_subject,
    prep_objects,
    that_clause,
    time_phrase,
    to_infinitive,
    unless_clause,
)
from standoff.read.word_table import lemmas, parts_of_speech
from standoff.read.words import WORDS


class TriggerKind(StrEnum):
    """How a trigger carries its event; the role rules read sources and targets by kind."""

    VERB = "verb"  # "Russia attacked Ukraine"
    NOUN = "noun"  # "the attack on Ukraine"
    ADJECTIVE = "adjective"  # "Russia remained defiant"
    PHRASE = "phrase"  # "called on", "came into force"
    OBJECT_VERB = "object-verb"  # "imposed tariffs", "suspended aid"
    PATIENT = "patient"  # "Russia would face tariffs": the subject suffers it
    REPORTED = "reported"  # "Kyiv said Russia bears responsibility": the speaker's act
    JUDGED = "judged"  # "Doha said the demands were not reasonable"
    RESPONSE = "response"  # "Mexico would respond firmly"
    CONDITION = "condition"  # "will extend the ban if Kyiv escalates": threat to the 'if' side
    TIME_LEFT = "time left"  # "Budapest has until November 19 to comply": demanded of it
    LAPSE = "lapse"  # "would not renew the agreement": the negation is the act


@dataclass(frozen=True)
class Trigger:
    token: Token
    type: str
    kind: TriggerKind
    cue: str


TriggerRule = Callable[[Token, str, Lexicon], Trigger | Nothing | None]


def find_triggers(sent: Span, lexicon: Lexicon) -> Iterator[Trigger]:
    """Every word or phrase of the sentence that the lexicon maps to a PLOVER type.

    A verb (or a noun that roots the sentence) goes through :data:`VERB_TRIGGERS`, a
    noun through :data:`NOUN_TRIGGERS`, a predicate adjective through
    :data:`ADJECTIVE_TRIGGERS`; the first rule that answers decides.
    """
    words = lemmas(sent)
    for offset, pos in enumerate(parts_of_speech(sent)):
        if pos not in _TRIGGER_POS:
            continue  # no Token built for a word no rule reads
        tok = sent[offset]
        if pos in ("VERB", "AUX") or (pos == "NOUN" and tok.dep_ == "ROOT"):
            rules = VERB_TRIGGERS
        elif pos in ("NOUN", "PROPN"):
            rules = NOUN_TRIGGERS
        else:
            rules = ADJECTIVE_TRIGGERS
        lemma = words[offset]
        trigger = first_match(rules.for_word(lemma, lexicon), tok, lemma, lexicon)
        if trigger is not None:
            yield trigger


_TRIGGER_POS = frozenset(("VERB", "AUX", "NOUN", "PROPN", "ADJ"))


# --------------------------------------------------------------------------- verb rules


def reported_obligation(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Washington said Mexico must do more': the speaker demands it of the subject."""
    if not _reported_obligation(tok):
        return None
    return Trigger(tok, "REQUEST", TriggerKind.REPORTED, _told_cue(tok))


OWING_VERBS = frozenset(("owe",))


@word_gate(lambda _lexicon: OWING_VERBS)
def reported_debt(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Bogota said Quito owed it an explanation', 'Lula said Colombia owed Ecuador a formal
    apology': what the speaker says another owes is demanded of it, as with 'must'."""
    if lemma not in OWING_VERBS or not _reported_deed(tok):
        return None
    owed = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if owed is None or owed.lemma_.lower() not in WORDS.owed_deeds:
        return None
    return Trigger(tok, "REQUEST", TriggerKind.REPORTED, f"{_told_cue(tok)} {owed.text}")


@word_gate(lambda _lexicon: WORDS.necessity_verbs)
def reported_necessity(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Kinshasa said Rwandan troops had to leave', 'said both sides needed to talk': what
    the speaker says another has to do is demanded of it, as with 'must'."""
    if lemma not in WORDS.necessity_verbs or not _reported_deed(tok):
        return None
    # 'had to leave', not 'has until November 19 to turn': the infinitive follows the verb
    if tok.i + 1 >= len(tok.doc) or tok.nbor(1).lower_ != "to":
        return None
    if not any(c.dep_ == "xcomp" and to_infinitive(c) for c in tok.children):
        return None
    return Trigger(tok, "REQUEST", TriggerKind.REPORTED, f"{_told_cue(tok)} to")


def _told_cue(tok: Token) -> str:
    """'said ... do': the reporting verb and the told verb ('said the position had not
    changed and that Mexico must do more' tells 'do' through 'changed')."""
    said = reporting_verb(tok) or tok.head
    return f"{said.text} ... {tok.text}"


def time_left(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Budapest has until November 19 to turn the measures into law', 'Qatar has ten days
    to comply': time someone has to do something is a demand of them, by whoever set it
    (the speaker; else the sender of a threat aimed at them)."""
    found = act_with_time_left(tok)
    if found is None:
        return None
    holder, act = found
    return Trigger(holder, "REQUEST", TriggerKind.TIME_LEFT, f"{tok.text} ... to {act.text}")


def conditional_measure(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Warsaw will extend the ban if Kyiv escalates', 'the tariff could rise further if
    Brazil retaliated', 'would be forced to take countermeasures if the U.S. side goes
    ahead': a measure promised on another's deed threatens the one whose deed it is."""
    # 'Qatar would face isolation if ...', 'is prepared to absorb penalties if ...': the
    # subject suffers the measure, it does not promise it
    if lemma in WORDS.patient_verbs or lemma in WORDS.enduring_verbs:
        return None
    condition = if_clause(tok)
    if condition is None or not _foretold(tok):
        return None
    measure = next((t for t in _main_clause(tok, condition) if _threatening(t, lexicon)), None)
    if measure is None:
        return None
    return Trigger(tok, "THREATEN", TriggerKind.CONDITION, f"{measure.text} ... if")


def _foretold(verb: Token) -> bool:
    """A verb under a modal of the future or of possibility, on itself or on the verb it
    completes ('would be forced to take', 'is prepared to step up')."""
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in FORETELLING for c in verb.children):
            return True
        if verb.lemma_.lower() in WORDS.readiness_words:
            return True
        if verb.dep_ != "xcomp":
            return False
        verb = verb.head
    return False


def _main_clause(verb: Token, condition: Token) -> list[Token]:
    """The verb's phrase without its 'if' clause (where the measure promised is named)."""
    inside = {t.i for t in condition.subtree}
    return [t for t in verb.subtree if t.i not in inside]


def _threatening(tok: Token, lexicon: Lexicon) -> bool:
    """A measure or a word for one ('countermeasures', 'consequences')."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return is_measure(tok, lexicon) or tok.lower_ in WORDS.threat_objects


FORETELLING = frozenset(("will", "'ll", "would", "'d", "could", "may", "might", "shall"))


@word_gate(lambda lexicon: lexicon.reported_index)
def reported_deed(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Beijing said Vilnius had undermined its sovereignty': the speaker accuses."""
    if lemma not in lexicon.reported_index or not _reported_deed(tok):
        return None
    return Trigger(
        tok,
        lexicon.reported_index[lemma],
        TriggerKind.REPORTED,
        f"{tok.head.text} ... {tok.text}",
    )


@word_gate(lambda _lexicon: WORDS.denial_verbs)
def denied_claim(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Beijing denies any link to the hackers', 'denied the allegations': a denial of a
    claim is the denier's REJECT, not the measure 'deny' can take ('denied access')."""
    if lemma not in WORDS.denial_verbs:
        return None
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        if obj.lemma_.lower() in CONTENT_WORDS or any(
            d.dep_ == "det" and d.lower_ in ("any", "no", "this", "that") for d in obj.children
        ):
            return Trigger(tok, "REJECT", TriggerKind.VERB, f"{tok.text} {obj.text}")
    return None


CONTENT_WORDS = WORDS.content_nouns


@word_gate(lambda _lexicon: WORDS.renewing_verbs)
def refused_renewal(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Washington would not renew the 2019 agreement', 'will not extend the mission's
    mandate': letting a treaty, deal or mandate lapse reduces relations (CAMEO 16, PLOVER
    SANCTION); its "not" is the act itself, not a denial of it."""
    if lemma not in WORDS.renewing_verbs or not any(c.dep_ == "neg" for c in tok.children):
        return None
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in load_modality().threat_heads:
        return None  # "threatened not to renew": a threat, read as one
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        if obj.lemma_.lower() in WORDS.lapsing_ties:
            return Trigger(tok, "SANCTION", TriggerKind.LAPSE, f"not {tok.text} {obj.text}")
    return None


@word_gate(lambda _lexicon: WORDS.pressure_verbs)
def withstood_pressure(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Canada will not be intimidated', 'he would not be deterred': a party that says it
    will not yield to pressure rejects whoever presses it; the "not" is the act."""
    if lemma not in WORDS.pressure_verbs:
        return None
    passive = any(c.dep_ == "nsubjpass" for c in tok.children)
    if not passive or not any(c.dep_ == "neg" for c in tok.children):
        return None
    return Trigger(tok, "REJECT", TriggerKind.LAPSE, f"not {tok.text}")


@word_gate(lambda _lexicon: WORDS.directive_verbs)
def ordered_payment(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'the court ordered Poland to pay a fine': a payment ordered by a court or body is a
    SANCTION on the one who pays (PLOVER 3.13, court-ordered payments), not a request."""
    if lemma not in DIRECTIVE_VERBS:
        return None
    for pay in (c for c in tok.children if c.dep_ == "xcomp" and c.lemma_.lower() == "pay"):
        for obj in (c for c in pay.children if c.dep_ == "dobj"):
            if obj.lemma_.lower() in WORDS.penalty_payments:
                return Trigger(tok, "SANCTION", TriggerKind.VERB, f"{tok.text} ... pay {obj.text}")
    return None


@word_gate(lambda _lexicon: WORDS.option_verbs)
def options_kept_open(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Britain would consider all options, including Article 16', 'keeps every option open':
    a side that keeps all its options open warns of the worst of them (CAMEO 13)."""
    if lemma not in WORDS.option_verbs:
        return None
    # the object, or what the parser makes the subject of a clause after it ("consider all
    # options to deal with it": "options" the subject of "deal")
    if any(
        _every_option(t)
        for right in tok.rights
        for t in (right, *right.children)
        if t.dep_ in ("dobj", "nsubj")
    ):
        return Trigger(tok, "THREATEN", TriggerKind.VERB, f"{tok.text} all options")
    return None


@word_gate(lambda _lexicon: WORDS.staying_verbs)
def kept_on_the_table(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'the measures remained on the table', 'all options are on the table', 'sanctions stay
    on the table': measures, or every option, kept on the table are a warning (CAMEO 13)
    by whoever says so."""
    if lemma not in WORDS.staying_verbs or not any(
        prep.lower_ == "on" and any(o.lemma_.lower() == "table" for o in prep.children)
        for prep in tok.children
        if prep.dep_ == "prep"
    ):
        return None
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None or not (is_measure(subject, lexicon) or _every_option(subject)):
        return None
    return Trigger(tok, "THREATEN", TriggerKind.REPORTED, f"{subject.text} {tok.text} on the table")


def _every_option(noun: Token) -> bool:
    """'all options', 'every option'."""
    return noun.lemma_.lower() == "option" and any(
        c.lower_ in ("all", "every") for c in noun.children if c.dep_ in ("det", "predet")
    )


@word_gate(lambda _lexicon: WORDS.barring_verbs)
def barred_from(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'would stop British boats from landing their catch in French ports', 'barred Indian
    airlines from using its airspace': keeping another's people or carriers from doing
    something is a ban on them (SANCTION, CAMEO 16), whatever they are."""
    if lemma not in WORDS.barring_verbs:
        return None
    barred = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if barred is None or not any(
        prep.lower_ == "from" and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children)
        for prep in tok.children
        if prep.dep_ == "prep" and prep.i > barred.i
    ):
        return None
    return Trigger(tok, "SANCTION", TriggerKind.VERB, f"{tok.text} {barred.text} from")


@word_gate(lambda _lexicon: WORDS.directive_verbs)
def ordered_out(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'the junta ordered the French ambassador to leave the country': an envoy ordered out
    is expelled (CAMEO 166, PLOVER SANCTION mode expel), not asked to go."""
    if lemma not in DIRECTIVE_VERBS:
        return None
    envoy = next(
        (c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in WORDS.envoy_nouns),
        None,
    )
    if envoy is None or not any(
        c.dep_ == "xcomp" and c.lemma_.lower() in WORDS.leaving_verbs for c in tok.children
    ):
        return None
    return Trigger(tok, "SANCTION", TriggerKind.VERB, f"{tok.text} {envoy.text} to leave")


@word_gate(lambda lexicon: lexicon.object_rule_heads)
def verb_object_rule(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """A verb (with its particle) and object the lexicon's object rules name: 'suspended
    aid', 'lifted a new wave of sanctions' (the object of 'a wave of', 'a set of')."""
    if lemma not in lexicon.object_rule_heads:
        return None  # no rule's verb form is this verb, with or without a particle
    particles = [c for c in tok.children if c.dep_ == "prt"]
    verb_forms = [f"{lemma} {p.lower_}" for p in particles] + [lemma]
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    for obj in list(objects):
        objects.extend(
            g
            for p in obj.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        )
    for form in verb_forms:
        for obj in objects:
            kind = lexicon.object_rule_type(form, obj)
            if kind:
                return Trigger(tok, kind, TriggerKind.OBJECT_VERB, f"{tok.text} {obj.text}")
    return None


@word_gate(lambda _lexicon: WORDS.launching_verbs)
def aimed_launch(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Hezbollah launched rockets at northern Israel': weapons launched at a place or party
    are a blow (CAMEO 190/195, ASSAULT); one launched 'into the sea', or at nothing named, is
    a test or a show of force, no blow."""
    if lemma not in WORDS.launching_verbs:
        return None
    weapons = WORDS.launched_weapons
    weapon = next(
        (c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in weapons), None
    )
    if weapon is None:
        return None
    for prep in (c for h in (tok, weapon) for c in h.children if c.dep_ == "prep"):
        if (
            prep.lower_ in AIMING_PREPS
            and not time_phrase(prep)
            and any(
                o.dep_ == "pobj" and o.lemma_.lower() not in WORDS.open_waters
                for o in prep.children
            )
        ):
            cue = f"{tok.text} {weapon.text} {prep.text}"
            return Trigger(tok, "ASSAULT", TriggerKind.VERB, cue)
    return None


AIMING_PREPS = frozenset(("at", "on", "against", "toward", "towards", "into"))


@word_gate(lambda lexicon: lexicon.phrase_heads)
def verb_prep_phrase(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """A verb, preposition and object phrase: 'came (back) into force', 'entered into force',
    'pulled out of the deal' (with its particle), 'blasted the boat with water cannon' (the
    instrument the parser hangs on the object)."""
    if lemma not in lexicon.phrase_heads:
        return None  # no phrase opens with this verb
    for prep in _preps_of(tok) + _instruments_of(tok):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            for opening in _openings(tok, lemma, prep):
                phrase = f"{opening} {prep.lower_} {obj.lemma_.lower()}"
                if phrase in lexicon.phrase_index:
                    return Trigger(
                        tok,
                        lexicon.phrase_index[phrase],
                        TriggerKind.PHRASE,
                        f"{tok.text} ... {obj.text}",
                    )
    return None


def _openings(verb: Token, lemma: str, prep: Token) -> list[str]:
    """The verb's lemma, and with the particle the preposition hangs on ('pull out' of
    'pulled out of the deal')."""
    if prep.head.i != verb.i and prep.head.dep_ in ("prt", "prep", "advmod"):
        return [f"{lemma} {prep.head.lower_}", lemma]
    return [lemma]


def _instruments_of(verb: Token) -> list[Token]:
    """'with' phrases the parser hangs on the verb's object ('blasted the vessels with water
    cannon'): the instrument of the verb."""
    return [
        p
        for c in verb.children
        if c.dep_ == "dobj"
        for p in c.children
        if p.dep_ == "prep" and p.lower_ == "with"
    ]


@word_gate(lambda lexicon: lexicon.phrase_heads)
def verb_phrase(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """A verb and its particle, object or complement: 'called on', 'ruled out', 'bears
    responsibility' (a reported phrase: the speaker accuses its subject)."""
    if lemma not in lexicon.phrase_heads:
        return None  # no phrase opens with this verb
    for part in [
        c
        for c in tok.children
        if c.dep_ in ("prt", "prep", "dobj", "acomp", "xcomp", "oprd")
        or (c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES)
        or (c.dep_ == "ccomp" and c.pos_ == "ADJ")  # "hold Tehran accountable": small clause
    ] + _for_clause_marks(tok):
        if time_phrase(part) or (part.dep_ in ("prep", "mark") and _judged(tok)):
            continue  # "called it unacceptable for a neighbour to attack": no "call for"
        phrase = f"{lemma} {part.lemma_.lower()}"
        for prep in _particle_preps(tok, part):  # "sat down with": before "sit down"
            if f"{phrase} {prep.lower_}" in lexicon.phrase_index:
                return Trigger(
                    tok,
                    lexicon.phrase_index[f"{phrase} {prep.lower_}"],
                    TriggerKind.PHRASE,
                    f"{tok.text} {part.text} {prep.text}",
                )
        if phrase in lexicon.phrase_index:
            return Trigger(
                tok, lexicon.phrase_index[phrase], TriggerKind.PHRASE, f"{tok.text} {part.text}"
            )
        if phrase in lexicon.reported_index:
            return Trigger(
                tok, lexicon.reported_index[phrase], TriggerKind.REPORTED, f"{tok.text} {part.text}"
            )
    return None


def _particle_preps(verb: Token, part: Token) -> list[Token]:
    """The verb's prepositions after its particle ('sat down with'), for three-word phrases."""
    if part.dep_ not in ("prt", "advmod"):
        return []
    return [c for c in verb.children if c.dep_ == "prep" and c.i > part.i]


# Particles the parser may read as adverbs ("Bamako hits back": advmod, not prt).
ADVERB_PARTICLES = frozenset(("back", "off", "out", "down", "away", "aside"))


def unilateral_document(tok: Token, lemma: str, lexicon: Lexicon) -> Nothing | None:
    """'signed an executive order' is no agreement with anyone (but 'rejected the order'
    is still a refusal: only an agreeing verb is emptied)."""
    if lexicon.verb_index.get(lemma) != "AGREE":
        return None
    if any(
        c.dep_ == "dobj" and c.lemma_.lower() in WORDS.unilateral_documents for c in tok.children
    ):
        return NOTHING
    return None


def particle_idiom(tok: Token, lemma: str, lexicon: Lexicon) -> Nothing | None:
    """'pressed ahead with the ban', 'pushed on with the case': going on with one's own
    course, not pressing anyone; 'struck South Korea off the list': removing, not a blow."""
    particle = WORDS.going_on_particles.get(lemma)
    if particle is not None and any(
        c.dep_ in ("advmod", "prt", "prep") and c.lower_ in particle.split() for c in tok.children
    ):
        return NOTHING
    return None


def idiom_object(tok: Token, lemma: str, lexicon: Lexicon) -> Nothing | None:
    """'struck a different tone': an idiom, not a blow."""
    if any(c.dep_ == "dobj" and c.lemma_.lower() in WORDS.idiom_objects for c in tok.children):
        return NOTHING
    return None


@word_gate(lambda _lexicon: WORDS.publishing_verbs)
def published_object(tok: Token, lemma: str, lexicon: Lexicon) -> Nothing | None:
    """'released a statement', 'issued a report', 'gave few details': something told or
    published, not a release, an aid or a concession (the object rules, checked before,
    keep what a thing given is: "shared intelligence")."""
    if lemma in WORDS.publishing_verbs and any(
        c.dep_ == "dobj" and c.lemma_.lower() in WORDS.published_objects for c in tok.children
    ):
        return NOTHING
    return None


_APPROVING_VERBS = ("approve", "endorse", "authorize", "authorise", "order")


@word_gate(lambda _lexicon: _APPROVING_VERBS)
def approved_act(tok: Token, lemma: str, lexicon: Lexicon) -> Nothing | None:
    """'approved removing South Korea from the list': the embedded act is the event."""
    if lemma in _APPROVING_VERBS and any(
        c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" for c in tok.children
    ):
        return NOTHING
    return None


# What a judging verb refuses rather than accuses: an offer, a demand, a plan; a judged
# threat is held against the one who made it ("called the threats disproportionate").
REFUSABLE_OFFERS = WORDS.offer_nouns - WORDS.judged_threats


@word_gate(lambda _lexicon: WORDS.judging_verbs)
def judgement(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'X called the decision unjustified': ACCUSE, or REJECT when the object is an offer;
    'Athens called the talks a positive first step': praise (SUPPORT, CAMEO 051)."""
    if lemma not in WORDS.judging_verbs:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    for child in tok.children:
        # "viewed the proposal positively": a manner adverb judges as a predicate does
        if child.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "prep", "dobj", "advmod"):
            words = {t.lower_ for t in child.subtree}
            bad = words & WORDS.negative_judgements
            if bad:
                kind = "REJECT" if obj.lemma_.lower() in REFUSABLE_OFFERS else "ACCUSE"
                return Trigger(
                    tok, kind, TriggerKind.VERB, f"{tok.text} {obj.text} {sorted(bad)[0]}"
                )
            good = words & WORDS.positive_judgements
            if good:
                return Trigger(
                    tok, "SUPPORT", TriggerKind.VERB, f"{tok.text} {obj.text} {sorted(good)[0]}"
                )
    return None


@word_gate(lambda _lexicon: ("be", *WORDS.linking_verbs))
def reported_judgement(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'X said the demands were neither reasonable nor actionable', 'said the island was
    not for sale': REJECT; 'said the move was illegal', 'said the dam posed an existential
    threat': ACCUSE (a verb that links its subject to a judging noun as 'be' does). The
    speaker judges."""
    if not (lemma == "be" or lemma in WORDS.linking_verbs) or not _told(tok):
        return None
    predicate_deps = ("acomp", "attr", "prep") if lemma == "be" else ("dobj", "prep")
    # "were under threat", "under attack": a state suffered, not a deed judged
    predicate = [c for c in tok.children if c.dep_ in predicate_deps and c.lower_ != "under"]
    if not predicate or not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        return None
    words = {t.lower_ for c in predicate for t in c.subtree}
    negated = any(c.dep_ == "neg" for c in tok.children) or "neither" in words
    if negated and words & WORDS.refusal_predicates:
        return Trigger(
            tok, "REJECT", TriggerKind.JUDGED, f"{tok.head.text} ... not {predicate[0].text}"
        )
    bad = words & WORDS.negative_judgements
    if bad:
        subject = next(c for c in tok.children if c.dep_ in SUBJECT_DEPS)
        offer = subject.lemma_.lower() in WORDS.offered_things  # "the offer was unacceptable"
        void = bool(bad & WORDS.refusing_judgements)  # "the reimposition was null and void"
        kind = "REJECT" if offer or void else "ACCUSE"
        return Trigger(tok, kind, TriggerKind.JUDGED, f"{tok.head.text} ... {sorted(bad)[0]}")
    return None


@word_gate(lambda _lexicon: WORDS.directive_verbs)
def directive(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Russia wants Ukraine to stay neutral': wanting another to act is a REQUEST (not
    'officials told reporters' or 'told AFP', an audience or a news outlet)."""
    # "told Moldova to pay" orders; "told Moldova that deliveries could stop" informs
    clauses = ("xcomp",) if lemma == "tell" else ("xcomp", "ccomp")
    if (
        lemma in DIRECTIVE_VERBS
        and (
            any(
                c.dep_ in ("dobj", "nsubj") and c.i > tok.i and c.lower_ not in WORDS.audience_nouns
                for c in tok.children
            )
            or (lemma != "tell" and infinitive_subject(tok) is not None)
        )
        and any(c.dep_ in clauses for c in tok.children)
        and not addresses_own_agent(tok)
    ):
        return Trigger(tok, "REQUEST", TriggerKind.VERB, tok.text)
    return None


@word_gate(lambda _lexicon: WORDS.hoping_verbs)
def hoped_deed(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Beijing hoped they would resolve their differences through dialogue', 'hopes that
    both sides will exercise restraint': a deed hoped of another is asked of it (CAMEO 02,
    appeal), not 'hopes to host the talks', one's own intent."""
    if lemma not in WORDS.hoping_verbs:
        return None
    for clause in (c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i):
        if any(s.dep_ == "nsubj" for s in clause.children):
            return Trigger(tok, "REQUEST", TriggerKind.VERB, f"{tok.text} ... {clause.text}")
    return None


@word_gate(lambda _lexicon: WORDS.deed_wanting_verbs | WORDS.expecting_verbs)
def wanted_deed(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Hamas wants a full Israeli withdrawal', 'Pakistan wants the treaty restored': a deed
    wanted of others is asked of them (not 'wants a good deal', no deed)."""
    if lemma not in WORDS.deed_wanting_verbs and not _expected_from(tok, lemma):
        return None
    for child in tok.children:
        # a deal is wanted by both sides, not asked of one
        deed = child.dep_ == "dobj" and any(
            lexicon.noun_index.get(noun.lemma_.lower()) not in (None, "AGREE")
            for noun in (child, *child.conjuncts)
        )
        done_to = (  # "the treaty restored": an object and its participle
            child.dep_ == "ccomp"
            and child.tag_ in ("VBN", "VBD")  # the parser reads some participles as past
            and any(c.dep_ == "nsubj" for c in child.children)
            and not any(c.dep_ in ("aux", "auxpass") for c in child.children)
        )
        if deed or done_to:
            return Trigger(tok, "REQUEST", TriggerKind.VERB, f"{tok.text} {child.text}")
    return None


def _expected_from(verb: Token, lemma: str) -> bool:
    """'Moscow expected an apology (from Ankara)': a deed owed that a party expects is
    wanted ('expected talks next week', 'expected an attack' foresee, and ask nothing)."""
    return lemma in WORDS.expecting_verbs and any(
        c.dep_ == "dobj" and c.lemma_.lower() in WORDS.owed_deeds for c in verb.children
    )


@word_gate(lambda _lexicon: WORDS.proposing_verbs)
def proposed_deed(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Malaysia proposed that they halt hostilities', 'the panel recommended that Jakarta
    bring the ban into line': a deed proposed for another is asked of it, as a demand's is
    (not 'proposed talks' or 'proposed that talks be held', which name no doer)."""
    if lemma not in WORDS.proposing_verbs:
        return None
    for clause in (c for c in tok.children if c.dep_ == "ccomp" and that_clause(c)):
        if any(d.dep_ == "nsubj" for d in clause.children):
            return Trigger(tok, "REQUEST", TriggerKind.VERB, f"{tok.text} that")
    return None


@word_gate(lambda lexicon: lexicon.object_verbs)
def measure_verb(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """A verb that takes a measure as object: 'imposed tariffs', 'lifted the sanctions'
    (not 'put off the ban': a particle that postpones the measure)."""
    if lemma not in lexicon.object_verbs:
        return None
    if any(
        f"{lemma} {c.lower_}" in WORDS.postponing_phrasal_verbs
        for c in tok.children
        if c.dep_ == "prt"
    ):
        return None
    measure = measure_object(tok, lexicon)
    if measure is None:
        return None
    return Trigger(
        tok, lexicon.object_verbs[lemma], TriggerKind.OBJECT_VERB, f"{tok.text} {measure.text}"
    )


@word_gate(lambda _lexicon: LIGHT_VERBS)
def light_verb(tok: Token, lemma: str, lexicon: Lexicon) -> Nothing | None:
    """'held talks', 'launched an offensive': the event noun carries the event."""
    if lemma in LIGHT_VERBS and any(
        c.dep_ == "dobj"
        and (c.lemma_.lower() in lexicon.noun_index or c.lower_ in lexicon.noun_index)
        for c in tok.children
    ):
        return NOTHING
    return None


def threatened_patient(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Russia would face tariffs', 'could suffer consequences': the subject is threatened."""
    if not _threatened_patient(tok, lemma, lexicon):
        return None
    return Trigger(tok, "THREATEN", TriggerKind.PATIENT, tok.text)


@word_gate(lambda _lexicon: WORDS.response_verbs)
def response(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'would respond firmly', 'retaliated with tariffs': a measure in answer."""
    if (
        lemma in WORDS.response_verbs
        and tok.pos_ == "VERB"
        and (
            _with_measure(tok, lexicon)
            or any(c.dep_ == "aux" and c.lower_ in ("would", "will", "could") for c in tok.children)
        )
    ):
        return Trigger(tok, "SANCTION", TriggerKind.RESPONSE, tok.text)
    return None


@word_gate(lambda lexicon: lexicon.verb_index)
def blow_with_measure(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'tariffs could target buyers', 'hit buyers with tariffs': a blow dealt with a
    measure is a SANCTION, not an ASSAULT or COERCE."""
    if lemma not in lexicon.verb_index or tok.pos_ != "VERB":
        return None
    if lexicon.verb_index[lemma] in ("ASSAULT", "COERCE") and _with_measure(tok, lexicon):
        return Trigger(tok, "SANCTION", TriggerKind.VERB, tok.text)
    return None


@word_gate(lambda _lexicon: WORDS.exposing_verbs)
def exposed_to_measure(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'could expose China to heavy tariffs', 'subjected Qatar to a boycott': the object
    is put under the measure, a SANCTION of it (a threat of one, in a modal clause)."""
    if lemma not in WORDS.exposing_verbs or not any(c.dep_ == "dobj" for c in tok.children):
        return None
    if any(is_measure(obj, lexicon) for _p, obj in prep_objects(tok, ("to",))):
        return Trigger(tok, "SANCTION", TriggerKind.VERB, f"{tok.text} ... to")
    return None


@word_gate(lambda lexicon: lexicon.verb_index)
def event_verb(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """A verb the lexicon lists under a PLOVER type: 'Russia attacked', 'they met'."""
    if lemma in lexicon.verb_index and tok.pos_ == "VERB":
        return Trigger(tok, lexicon.verb_index[lemma], TriggerKind.VERB, tok.text)
    return None


# --------------------------------------------------------------------------- noun and adjective


def date_word(tok: Token, lemma: str, lexicon: Lexicon) -> Nothing | None:
    """'In March the emir hosted ...': a word of a date or a time ("March", "a strike
    anniversary on May Day") is no event noun."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return NOTHING
    return None


def idiom_noun(tok: Token, lemma: str, lexicon: Lexicon) -> Nothing | None:
    """'free of charge', 'in charge of the talks': an event noun that ends a fixed phrase
    (``WORDS.noun_idioms``) names no event."""
    for idiom in NOUN_IDIOMS.get(tok.lower_, ()):
        n = len(idiom) - 1
        if tok.i >= n and [t.lower_ for t in tok.doc[tok.i - n : tok.i]] == idiom[:-1]:
            return NOTHING
    return None


# The fixed phrases by their last word: "charge" -> [["free", "of", "charge"], ...].
NOUN_IDIOMS: dict[str, list[list[str]]] = {}
for _idiom in WORDS.noun_idioms:
    NOUN_IDIOMS.setdefault(_idiom.split()[-1], []).append(_idiom.split())


def noun_phrase(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """A noun phrase the lexicon lists: 'hunger strike', 'state of emergency'."""
    found = _noun_phrase_type(tok, lexicon)
    return Trigger(tok, found[0], TriggerKind.NOUN, found[1]) if found is not None else None


def _judged(verb: Token) -> bool:
    """'called it unacceptable', 'called the move a provocation': the verb judges an
    object by a predicate of its own."""
    deps = {c.dep_ for c in verb.children}
    return "dobj" in deps and bool(deps & {"oprd", "acomp"})


def _for_clause_marks(verb: Token) -> list[Token]:
    """The 'for' that opens a clause with its own subject under ``verb``: 'called for the
    road to be reopened', 'pushed for the talks to resume' (the parser makes 'for' the
    clause's marker, not a preposition of the verb)."""
    marks = (for_mark(c) for c in verb.children if c.dep_ == "advcl")
    return [m for m in marks if m is not None]


def call_for(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Egypt's call for Ethiopia to halt the filling', "the League's call for a ceasefire",
    'a call on Israel to withdraw': a call for something asks for it (a phone call is
    CONSULT: 'a call with Erdogan')."""
    if tok.lower_ not in WORDS.calling_nouns:
        return None
    prep = next(
        (
            c
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in ("for", "on", "upon") and not time_phrase(c)
        ),
        None,
    )  # not "a call between Putin and Trump on March 18"
    return Trigger(tok, "REQUEST", TriggerKind.NOUN, f"{tok.text} {prep.text}") if prep else None


def event_noun(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """An event noun: 'talks with', 'the threat of', 'attacks on' (a sanction noun alone is
    the measure, never the event: see :func:`is_measure_only`)."""
    key = tok.lower_ if tok.lower_ in lexicon.noun_index else lemma
    if key in lexicon.noun_index and not is_measure_only(tok, key, lexicon):
        # "launched a mediation effort between X and Y": the undertaking the noun names
        # carries its phrases, so the event is read there
        head = tok.head
        at = head if tok.dep_ == "compound" and head.lower_ in WORDS.effort_nouns else tok
        return Trigger(at, lexicon.noun_index[key], TriggerKind.NOUN, tok.text)
    return None


@word_gate(lambda _lexicon: NOMINALISED)
def nominal_object_rule(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'ordered the closure of its embassy in Bogota', 'announced the suspension of flights',
    'the recall of its ambassador': a noun for the act of an object rule's verb, read with
    its "of" object as the verb is with its own ("closed its embassy": SANCTION)."""
    verb = NOMINALISED.get(lemma)
    if verb is None:
        return None
    for obj in act_objects(tok):
        kind = lexicon.object_rule_type(verb, obj)
        if kind:
            return Trigger(tok, kind, TriggerKind.NOUN, f"{tok.text} {obj.text}")
    return None


NOMINALISED: dict[str, str] = WORDS.nominalised_verbs


def predicate_adjective(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    """'Russia remained defiant', 'Israel is opposed to ...'."""
    if lemma in lexicon.adjective_index and tok.dep_ in ("acomp", "oprd", "ROOT"):
        return Trigger(tok, lexicon.adjective_index[lemma], TriggerKind.ADJECTIVE, tok.text)
    return None


# The order is the meaning: a verb + object rule ("suspend aid") before a verb + particle
# phrase ("rule out"), a measure-taking verb ("impose tariffs") before the verb alone; a
# light verb whose object is an event noun ("held talks") leaves the event to the noun.
VERB_TRIGGERS: Rules[TriggerRule] = Rules(
    "verb triggers",
    (
        reported_obligation,
        reported_debt,
        reported_necessity,
        time_left,
        reported_deed,
        conditional_measure,
        denied_claim,
        refused_renewal,
        withstood_pressure,
        verb_object_rule,
        aimed_launch,
        verb_prep_phrase,
        verb_phrase,
        unilateral_document,
        particle_idiom,
        idiom_object,
        published_object,
        approved_act,
        judgement,
        reported_judgement,
        ordered_payment,
        options_kept_open,
        kept_on_the_table,
        barred_from,
        ordered_out,
        directive,
        hoped_deed,
        wanted_deed,
        proposed_deed,
        measure_verb,
        light_verb,
        threatened_patient,
        response,
        blow_with_measure,
        exposed_to_measure,
        event_verb,
    ),
)
NOUN_TRIGGERS: Rules[TriggerRule] = Rules(
    "noun triggers",
    (date_word, idiom_noun, noun_phrase, call_for, nominal_object_rule, event_noun),
)
ADJECTIVE_TRIGGERS: Rules[TriggerRule] = Rules("adjective triggers", (predicate_adjective,))


DIRECTIVE_VERBS = WORDS.directive_verbs


REPORTING_VERBS = WORDS.reporting_verbs


def _preps_of(verb: Token) -> list[Token]:
    """The verb's prepositions, also those hung on a particle or adverb ("came back into")."""
    out = [c for c in verb.children if c.dep_ == "prep"]
    for c in verb.children:
        if c.dep_ in ("prt", "advmod") or (c.dep_ == "prep" and c.lower_ in PREP_PARTICLES):
            out.extend(g for g in c.children if g.dep_ == "prep")
    return out


# Particles the parser may read as prepositions, with one of their own ("pulled out of").
PREP_PARTICLES = frozenset(("out", "away", "back", "off"))


def reporting_verb(verb: Token) -> Token | None:
    """The reporting verb whose complement ``verb`` is ('X said ...'), also through the
    clauses joined to that complement ('X said it would relax the ban, and that Japan must
    keep ...': 'keep' is told by 'said' too); None for a clause no one reports."""
    said = _said_of(clause_of(verb))
    if said is None and verb.dep_ == "conj" and that_clause(verb):
        # "said it will relax the ban, as results come in, and that Japan must keep ...": a
        # second "that" clause the parser joins to a clause inside the first complement
        head = verb.head
        if head.lemma_.lower() in REPORTING_VERBS:
            return head  # "said ..., and that Kyiv must settle": joined to the saying itself
        for _ in range(3):
            said = _said_of(head)
            if said is not None or head.dep_ not in ("advcl", "conj", "ccomp"):
                break
            head = head.head
    return said


def _said_of(clause: Token) -> Token | None:
    """The reporting verb whose complement ``clause`` is, if any."""
    if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING_VERBS:
        return clause.head
    if _content_clause_on_addressee(clause):
        return clause.head.head
    return None


def _content_clause_on_addressee(verb: Token) -> bool:
    """'notified Moldova's gas company that deliveries could be halted': the parser hangs the
    told clause on the addressee as a relative clause; one with a subject of its own beside
    its 'that' is no relative clause ('the company that supplies gas' has none)."""
    addressee = verb.head
    return (
        verb.dep_ == "relcl"
        and addressee.dep_ in ("dobj", "dative")
        and addressee.head.lemma_.lower() in REPORTING_VERBS
        and any(c.lower_ == "that" for c in verb.children if c.i < verb.i)
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in verb.children)
    )


def _told(verb: Token) -> bool:
    """A clause a speaker tells: the complement of a reporting verb ('X said ...')."""
    return reporting_verb(verb) is not None


def _reported_deed(verb: Token) -> bool:
    """A deed told by a speaker about a subject of its own: 'X said Y had undermined ...'."""
    return _told(verb) and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _reported_obligation(verb: Token) -> bool:
    """'Washington said Mexico must do more': the speaker demands it of the subject."""
    return _reported_deed(verb) and any(
        c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children
    )


def _threatened_patient(verb: Token, lemma: str, lexicon: Lexicon) -> bool:
    """'X would face tariffs', 'could suffer consequences': the subject is threatened."""
    if lemma not in WORDS.patient_verbs:
        return False
    threatening = any(
        c.dep_ == "dobj"
        and (c.lemma_.lower() in WORDS.threat_objects or is_measure(c, lexicon) or _penalty(c))
        for c in verb.children
    )
    modal = any(
        c.dep_ == "aux" and c.lower_ in ("would", "could", "will", "might", "may")
        for c in verb.children
    )
    # "both countries face tariffs from August 1 unless they strike deals": a measure that
    # falls unless they act is still to come, whatever the tense
    return threatening and (modal or unless_clause(verb) is not None)


def _penalty(noun: Token) -> bool:
    """'would pay a heavy price': a price that punishes, by its adjective."""
    return noun.lemma_.lower() == "price" and any(
        c.dep_ == "amod" and c.lower_ in WORDS.punishing_prices for c in noun.children
    )


def _with_measure(verb: Token, lexicon: Lexicon) -> bool:
    """A measure as subject or instrument turns a blow into a sanction: 'hit X with tariffs'."""
    if any(c.dep_ in SUBJECT_DEPS and is_measure(c, lexicon) for c in verb.children):
        return True
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    if any(is_measure(obj, lexicon) for h in heads for _p, obj in prep_objects(h, ("with", "by"))):
        return True
    agent = agent_of(verb)  # "Turkey was hit by U.S. sanctions"
    return agent is not None and is_measure(agent, lexicon)


def _noun_phrase_type(tok: Token, lexicon: Lexicon) -> tuple[str, str] | None:
    low = tok.lower_
    if (
        low not in lexicon.noun_phrase_ends
        and tok.lemma_.lower() not in lexicon.noun_phrase_ends
        and low not in lexicon.noun_phrase_openings
    ):
        return None  # the noun neither ends nor opens a listed phrase
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < tok.i:
            for head_form in (tok.lower_, tok.lemma_.lower()):
                phrase = f"{child.lower_} {head_form}"
                if phrase in lexicon.noun_phrases:
                    return lexicon.noun_phrases[phrase], f"{child.text} {tok.text}"
    for prep in tok.children:  # "state of emergency"
        if prep.dep_ == "prep":
            for obj in prep.children:
                phrase = f"{tok.lower_} {prep.lower_} {obj.lower_}"
                if phrase in lexicon.noun_phrases:
                    return lexicon.noun_phrases[phrase], phrase
    return None


def measure_object(verb: Token, lexicon: Lexicon) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and is_measure(child, lexicon):
            return child
        if child.dep_ == "dobj":  # "a new wave of sanctions", "a set of penalties"
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ == "of":
                    for obj in grand.children:
                        if obj.dep_ == "pobj" and is_measure(obj, lexicon):
                            return obj
    return None


def is_measure(tok: Token, lexicon: Lexicon) -> bool:
    return tok.lower_ in lexicon.measures or tok.lemma_.lower() in lexicon.measures


def is_measure_only(tok: Token, key: str, lexicon: Lexicon) -> bool:
    """A sanction noun ("sanctions", "tariffs") is the measure, never an event by itself:
    the verb that imposes, threatens or lifts it carries the event ("imposed tariffs",
    "the threat of sanctions", "tariffs could target countries")."""
    return lexicon.noun_index.get(key) == "SANCTION"
