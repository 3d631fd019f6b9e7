"""Triggers: the words and phrases of a sentence that the lexicon maps to PLOVER types."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from standoff.read.lexicon import LIGHT_VERBS, Lexicon
from standoff.read.syntax import SUBJECT_DEPS, agent_of, prep_objects
from standoff.read.words import WORDS


@dataclass(frozen=True)
class Trigger:
    token: Token
    type: str
    kind: str  # verb, noun, adjective, phrase, object-verb
    cue: str


def find_triggers(sent: Span, lexicon: Lexicon) -> Iterator[Trigger]:
    """Every word or phrase of the sentence that the lexicon maps to a PLOVER type.

    Order of precedence for a verb: verb + object rule ("suspend aid"), verb +
    particle phrase ("rule out"), a measure-taking verb ("impose tariffs"), the
    verb alone. A light verb whose object is an event noun ("held talks")
    leaves the event to the noun. For a noun: compound ("hunger strike"), then
    the noun alone.
    """
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
            trigger = _verb_trigger(tok, lemma, lexicon)
            if trigger is not None:
                yield trigger
        elif tok.pos_ in ("NOUN", "PROPN"):
            compound = _noun_phrase_type(tok, lexicon)
            if compound is not None:
                yield Trigger(tok, compound[0], "noun", compound[1])
                continue
            key = tok.lower_ if tok.lower_ in lexicon.noun_index else lemma
            if key in lexicon.noun_index and not is_measure_only(tok, key, lexicon):
                yield Trigger(tok, lexicon.noun_index[key], "noun", tok.text)
        elif (
            tok.pos_ == "ADJ"
            and lemma in lexicon.adjective_index
            and tok.dep_ in ("acomp", "oprd", "ROOT")
        ):
            yield Trigger(tok, lexicon.adjective_index[lemma], "adjective", tok.text)


def _verb_trigger(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    if _reported_obligation(tok):
        return Trigger(tok, "REQUEST", "reported", f"{tok.head.text} ... {tok.text}")
    if lemma in lexicon.reported_index and _reported_deed(tok):
        # "Beijing said Vilnius had undermined its sovereignty": the speaker accuses
        return Trigger(
            tok, lexicon.reported_index[lemma], "reported", f"{tok.head.text} ... {tok.text}"
        )
    particles = [c for c in tok.children if c.dep_ == "prt"]
    verb_forms = [f"{lemma} {p.lower_}" for p in particles] + [lemma]
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    for obj in list(objects):  # "a new wave of sanctions", "a set of penalties"
        objects.extend(
            g
            for p in obj.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        )
    for form in verb_forms:
        for obj in objects:
            kind = lexicon.object_rules.get((form, obj.lemma_.lower())) or lexicon.object_rules.get(
                (form, obj.lower_)
            )
            if kind:
                return Trigger(tok, kind, "object-verb", f"{tok.text} {obj.text}")
    for prep in _preps_of(tok):  # "came (back) into force", "entered into force"
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            phrase = f"{lemma} {prep.lower_} {obj.lemma_.lower()}"
            if phrase in lexicon.phrase_index:
                return Trigger(
                    tok, lexicon.phrase_index[phrase], "phrase", f"{tok.text} ... {obj.text}"
                )
    for part in [c for c in tok.children if c.dep_ in ("prt", "prep", "dobj", "acomp", "xcomp")]:
        phrase = f"{lemma} {part.lemma_.lower()}"
        if phrase in lexicon.phrase_index:
            return Trigger(tok, lexicon.phrase_index[phrase], "phrase", f"{tok.text} {part.text}")
        if phrase in lexicon.reported_index:
            return Trigger(
                tok, lexicon.reported_index[phrase], "reported", f"{tok.text} {part.text}"
            )
    if any(
        c.dep_ == "dobj" and c.lemma_.lower() in WORDS.unilateral_documents for c in tok.children
    ):
        return None  # "signed an executive order" is no agreement with anyone
    if any(c.dep_ == "dobj" and c.lemma_.lower() in WORDS.idiom_objects for c in tok.children):
        return None  # "struck a different tone"
    if lemma in ("approve", "endorse", "authorize", "authorise", "order") and any(
        c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" for c in tok.children
    ):
        return None  # "approved removing South Korea from the list": the embedded act is the event
    judged = _judgement(tok, lemma) or _reported_judgement(tok, lemma)
    if judged is not None:
        return judged
    if (
        lemma in DIRECTIVE_VERBS
        and any(
            c.dep_ in ("dobj", "nsubj") and c.i > tok.i and c.lower_ not in WORDS.audience_nouns
            for c in tok.children
        )
        and any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)
    ):
        return Trigger(tok, "REQUEST", "verb", tok.text)  # "Russia wants Ukraine to stay neutral"
    if lemma in lexicon.object_verbs:
        measure = measure_object(tok, lexicon)
        if measure is not None:
            return Trigger(
                tok, lexicon.object_verbs[lemma], "object-verb", f"{tok.text} {measure.text}"
            )
    if lemma in LIGHT_VERBS and any(
        c.dep_ == "dobj"
        and (c.lemma_.lower() in lexicon.noun_index or c.lower_ in lexicon.noun_index)
        for c in tok.children
    ):
        return None  # "held talks", "launched an offensive": the noun carries the event
    if _threatened_patient(tok, lemma, lexicon):
        return Trigger(tok, "THREATEN", "patient", tok.text)  # "Russia would face tariffs"
    if (
        lemma in WORDS.response_verbs
        and tok.pos_ == "VERB"
        and (
            _with_measure(tok, lexicon)
            or any(c.dep_ == "aux" and c.lower_ in ("would", "will", "could") for c in tok.children)
        )
    ):
        return Trigger(tok, "SANCTION", "response", tok.text)  # "would respond firmly"
    if lemma in lexicon.verb_index and tok.pos_ == "VERB":
        kind = lexicon.verb_index[lemma]
        if kind in ("ASSAULT", "COERCE") and _with_measure(tok, lexicon):
            kind = "SANCTION"  # "tariffs could target buyers", "hit buyers with tariffs"
        return Trigger(tok, kind, "verb", tok.text)
    return None


DIRECTIVE_VERBS = WORDS.directive_verbs


REPORTING_VERBS = {
    "say",
    "warn",
    "tell",
    "announce",
    "state",
    "threaten",
    "declare",
    "insist",
    "add",
    "write",
    "post",
    "stress",
    "repeat",
    "reiterate",
}


def _preps_of(verb: Token) -> list[Token]:
    """The verb's prepositions, also those hung on a particle or adverb ("came back into")."""
    out = [c for c in verb.children if c.dep_ == "prep"]
    for c in verb.children:
        if c.dep_ in ("prt", "advmod"):
            out.extend(g for g in c.children if g.dep_ == "prep")
    return out


def _told(verb: Token) -> bool:
    """A clause a speaker tells: the complement of a reporting verb ('X said ...')."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS


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
        c.dep_ == "dobj" and (c.lemma_.lower() in WORDS.threat_objects or is_measure(c, lexicon))
        for c in verb.children
    )
    modal = any(
        c.dep_ == "aux" and c.lower_ in ("would", "could", "will", "might", "may")
        for c in verb.children
    )
    return threatening and modal


def _with_measure(verb: Token, lexicon: Lexicon) -> bool:
    """A measure as subject or instrument turns a blow into a sanction: 'hit X with tariffs'."""
    if any(c.dep_ in SUBJECT_DEPS and is_measure(c, lexicon) for c in verb.children):
        return True
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    if any(is_measure(obj, lexicon) for h in heads for _p, obj in prep_objects(h, ("with", "by"))):
        return True
    agent = agent_of(verb)  # "Turkey was hit by U.S. sanctions"
    return agent is not None and is_measure(agent, lexicon)


def _judgement(tok: Token, lemma: str) -> Trigger | None:
    """'X called the decision unjustified': ACCUSE, or REJECT when the object is an offer."""
    if lemma not in WORDS.judging_verbs:
        return None
    for child in tok.children:
        if child.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "prep") or child.dep_ == "dobj":
            words = {t.lower_ for t in child.subtree}
            bad = words & WORDS.negative_judgements
            if bad and any(c.dep_ == "dobj" for c in tok.children):
                obj = next(c for c in tok.children if c.dep_ == "dobj")
                kind = "REJECT" if obj.lemma_.lower() in WORDS.offer_nouns else "ACCUSE"
                return Trigger(tok, kind, "verb", f"{tok.text} {obj.text} {sorted(bad)[0]}")
    return None


def _reported_judgement(tok: Token, lemma: str) -> Trigger | None:
    """'X said the demands were neither reasonable nor actionable', 'said the island was
    not for sale': REJECT; 'said the move was illegal': ACCUSE. The speaker judges."""
    if lemma != "be" or not _told(tok):
        return None
    predicate = [c for c in tok.children if c.dep_ in ("acomp", "attr", "prep")]
    if not predicate or not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        return None
    words = {t.lower_ for c in predicate for t in c.subtree}
    negated = any(c.dep_ == "neg" for c in tok.children) or "neither" in words
    if negated and words & WORDS.refusal_predicates:
        return Trigger(tok, "REJECT", "judged", f"{tok.head.text} ... not {predicate[0].text}")
    bad = words & WORDS.negative_judgements
    if bad:
        subject = next(c for c in tok.children if c.dep_ in SUBJECT_DEPS)
        offer = subject.lemma_.lower() in WORDS.offered_things  # "the offer was unacceptable"
        void = bool(bad & WORDS.refusing_judgements)  # "the reimposition was null and void"
        kind = "REJECT" if offer or void else "ACCUSE"
        return Trigger(tok, kind, "judged", f"{tok.head.text} ... {sorted(bad)[0]}")
    return None


def _noun_phrase_type(tok: Token, lexicon: Lexicon) -> tuple[str, str] | None:
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
