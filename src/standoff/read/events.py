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
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from standoff.model import ActorKind
from standoff.read.actors import ActorEntry
from standoff.read.lexicon import COOPERATIVE, LIGHT_VERBS, THREATENABLE, Lexicon, Modality
from standoff.read.mentions import ActorIndex, Ref
from standoff.read.words import WORDS

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
OBJECT_DEPS = ("dobj", "dative", "attr", "oprd")
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
    conditional: bool = False
    cue: str = ""
    inferred_target: bool = False
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- triggers


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
            if key in lexicon.noun_index and not _is_measure_only(tok, key, lexicon):
                yield Trigger(tok, lexicon.noun_index[key], "noun", tok.text)
        elif (
            tok.pos_ == "ADJ"
            and lemma in lexicon.adjective_index
            and tok.dep_ in ("acomp", "oprd", "ROOT")
        ):
            yield Trigger(tok, lexicon.adjective_index[lemma], "adjective", tok.text)


def _verb_trigger(tok: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
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
    judged = _judgement(tok, lemma)
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
        measure = _measure_object(tok, lexicon)
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
_REPORTING = {
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


def _threatened_patient(verb: Token, lemma: str, lexicon: Lexicon) -> bool:
    """'X would face tariffs', 'could suffer consequences': the subject is threatened."""
    if lemma not in WORDS.patient_verbs:
        return False
    threatening = any(
        c.dep_ == "dobj" and (c.lemma_.lower() in WORDS.threat_objects or _is_measure(c, lexicon))
        for c in verb.children
    )
    modal = any(
        c.dep_ == "aux" and c.lower_ in ("would", "could", "will", "might", "may")
        for c in verb.children
    )
    return threatening and modal


def _with_measure(verb: Token, lexicon: Lexicon) -> bool:
    """A measure as subject or instrument turns a blow into a sanction: 'hit X with tariffs'."""
    if any(c.dep_ in SUBJECT_DEPS and _is_measure(c, lexicon) for c in verb.children):
        return True
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    if any(
        _is_measure(obj, lexicon) for h in heads for _p, obj in _prep_objects(h, ("with", "by"))
    ):
        return True
    agent = _agent(verb)  # "Turkey was hit by U.S. sanctions"
    return agent is not None and _is_measure(agent, lexicon)


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
                kind = "REJECT" if obj.lemma_.lower() in OFFER_NOUNS else "ACCUSE"
                return Trigger(tok, kind, "verb", f"{tok.text} {obj.text} {sorted(bad)[0]}")
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


def _measure_object(verb: Token, lexicon: Lexicon) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and _is_measure(child, lexicon):
            return child
        if child.dep_ == "dobj":  # "a new wave of sanctions", "a set of penalties"
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ == "of":
                    for obj in grand.children:
                        if obj.dep_ == "pobj" and _is_measure(obj, lexicon):
                            return obj
    return None


def _is_measure(tok: Token, lexicon: Lexicon) -> bool:
    return tok.lower_ in lexicon.measures or tok.lemma_.lower() in lexicon.measures


def _is_measure_only(tok: Token, key: str, lexicon: Lexicon) -> bool:
    """A sanction noun is the measure, not an event, unless something imposes it.

    "sanctions on Russia took effect" is an event; "the threat of sanctions" or
    "tariffs could target countries" are not SANCTION events by themselves.
    """
    if lexicon.noun_index.get(key) != "SANCTION":
        return False
    return True


# --------------------------------------------------------------------------- mood


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


def mood(trigger: Token, modality: Modality) -> str:
    """The trigger's mood: 'real', 'threat', 'intent', 'modal', 'hypothetical', 'negated',
    'refused', 'conditional', 'obliged' (reported "must") or 'ultimatum' (an "unless")."""
    tok = trigger
    if any(
        c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children if m.dep_ == "mark")
        for c in tok.children
    ):
        return "ultimatum"  # "will boycott the elections unless ..."
    for child in tok.children:
        if child.dep_ == "aux" and child.lower_ in modality.obligation and tok.dep_ == "ccomp":
            return "obliged"
        if (
            child.dep_ == "aux"
            and child.lower_ in ("would", "'d")
            and tok.dep_ == "ccomp"
            and tok.head.lemma_.lower() in modality.reporting
            and not any(c.dep_ == "neg" for c in tok.children)
        ):
            return "intent"  # "Iraq said it would allow": future in the past
    if any(c.dep_ == "mark" and c.lower_ in modality.conditionals for c in tok.children):
        return "conditional"  # "if it did not agree": a condition, not a refusal
    for child in tok.children:
        if (child.dep_ == "neg" or child.lower_ in ("not", "n't", "never")) and not _elided(
            tok, child
        ):
            return "negated"
        if child.dep_ == "det" and child.lower_ in ("no",) and tok.pos_ == "NOUN":
            return "negated"
    for child in tok.children:
        if child.dep_ == "mark" and child.lower_ in modality.conditionals:
            return "conditional"
        if child.dep_ == "aux" and child.lower_ in modality.modals:
            return "threat" if child.lower_ in ("will", "'ll", "shall") else "modal"
    # Walk up through clause and phrase heads: "threatened to impose", "a proposal to halt".
    hops = 0
    while tok.head.i != tok.i and hops < 4:
        head = tok.head
        hlemma = head.lemma_.lower()
        rel = tok.dep_
        if rel in (
            "xcomp",
            "acl",
            "pobj",
            "prep",
            "dobj",
            "ccomp",
            "advcl",
            "relcl",
            "compound",
            "nsubj",
            "nsubjpass",
            "csubj",
            "conj",
            "amod",
        ):
            if hlemma in modality.refusal_heads and rel == "xcomp":
                return "refused"
            if (
                rel in ("xcomp", "acl", "pobj", "dobj", "compound")
                and hlemma in modality.threat_heads
            ):
                return "threat"
            if rel in ("xcomp", "acl") and hlemma in modality.intent_heads:
                negated_head = any(c.dep_ == "neg" for c in head.children)
                return "refused" if negated_head else "intent"
            participle = rel == "acl" and tok.tag_ == "VBN"  # "the ceasefire demanded by Kyiv"
            if (
                rel in ("xcomp", "acl", "pobj", "dobj", "prep", "compound")
                and not participle
                and hlemma in modality.hypothetical_heads
            ):
                return "hypothetical"
            if rel == "ccomp" and hlemma in WORDS.asking_verbs and hops == 0:
                return "hypothetical"  # "demand that Doha cut links": asked for, not done
            if rel in ("pobj",) and hlemma in modality.negators:
                return "negated"
        for child in head.children:
            if child.dep_ == "neg" and rel in ("xcomp", "ccomp", "dobj", "conj"):
                own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
                if not (rel in ("ccomp", "conj") and own_subject):
                    return "negated"  # "did not agree to ...", not "X agreed; Y did not"
            if (
                child.dep_ == "mark"
                and child.lower_ in modality.conditionals
                and rel not in ("ccomp",)
            ):
                return "conditional"
            if (
                child.dep_ == "aux"
                and child.lower_ in modality.modals
                and rel in ("xcomp", "dobj", "conj", "nsubj", "nsubjpass", "csubj")
            ):
                return "threat" if child.lower_ in ("will", "'ll", "shall") else "modal"
        if rel in ("ccomp", "relcl", "advcl") and hops > 0:
            break
        tok = head
        hops += 1
    return "real"


def classify(trigger_type: str, state: str) -> tuple[str, str | None] | None:
    """The PLOVER (type, mode) a trigger stands for in its mood, or None if it is no event.

    PLOVER codes an announced cooperative action as AGREE (intent to
    cooperate) and its refusal as REJECT; a conflictual action that is only
    announced, conditional on an "unless" or modal is a THREATEN; a demanded
    one ("X must ...") a REQUEST.
    """
    if state in ("hypothetical", "conditional"):
        return None
    cooperative = trigger_type in COOPERATIVE
    if state in ("negated", "refused"):
        return ("REJECT", trigger_type.lower()) if cooperative else None
    if state == "ultimatum":
        return "THREATEN", trigger_type.lower()
    if state == "obliged":
        return "REQUEST", trigger_type.lower()
    if state in ("threat", "intent"):
        if cooperative:
            return ("AGREE", trigger_type.lower()) if trigger_type != "AGREE" else ("AGREE", None)
        if trigger_type in THREATENABLE:
            return "THREATEN", THREATENABLE[trigger_type]
        return trigger_type, None
    if state == "modal":
        return ("THREATEN", THREATENABLE[trigger_type]) if trigger_type in THREATENABLE else None
    return trigger_type, None


# --------------------------------------------------------------------------- roles


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, climbing through xcomp/conj/relative clauses."""
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
                    return tok.head  # "Kyiv, which insists on ...": the relative's antecedent
                return child
        if tok.dep_ in ("xcomp", "conj", "advcl") and tok.head.i != tok.i:
            tok = tok.head
            continue
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.dep_ in ("dobj", "pobj"):
            tok = tok.head.head  # "Trump signed an order placing a tariff": the signer
            continue
        if tok.dep_ == "acl" and tok.head.i != tok.i:
            return None
        break
    return None


def _agent(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _prep_objects(tok: Token, preps: tuple[str, ...]) -> Iterator[tuple[str, Token]]:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield child.lower_, obj


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
        subject = _subject(tok)
        if subject is not None:
            targets = index.actors_of(subject)
        speaker = tok.head if tok.dep_ == "ccomp" else None
        if speaker is not None and speaker.lemma_.lower() in _REPORTING:
            said_by = _subject(speaker)
            if said_by is not None:
                sources = index.actors_of(said_by)
        return sources, targets, generic
    if trigger.kind == "reported":
        # "Kyiv said Russia bears responsibility": the speaker accuses the subject.
        subject = _subject(tok)
        if subject is not None:
            targets = index.actors_of(subject)
        if tok.dep_ == "ccomp":
            speaker = _subject(tok.head)
            if speaker is not None:
                sources = index.actors_of(speaker)
    elif trigger.kind in ("verb", "phrase", "object-verb", "response"):
        passive = any(c.dep_ == "nsubjpass" for c in tok.children)
        if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "the ceasefire demanded by Kyiv"
            agent = _agent(tok)
            if agent is not None:
                sources = index.actors_of(agent, demonyms=True)
        elif passive:
            agent = _agent(tok)
            if agent is not None:
                sources = index.actors_of(agent, demonyms=True)
            for child in tok.children:
                if child.dep_ == "nsubjpass":
                    if _is_measure(child, lexicon):
                        sources = sources or index.actors_of(child, demonyms=True)
                    else:
                        add_targets(child)
        else:
            subject = _subject(tok)
            if subject is not None:
                measure_subject = _is_measure(subject, lexicon)
                sources = index.actors_of(subject, demonyms=measure_subject)
            for child in tok.children:
                if child.dep_ in OBJECT_DEPS and not _is_measure(child, lexicon):
                    add_targets(child)
        own = {s.country for s in sources}
        targets = [r for r in targets if r.country not in own]  # "recalled its ambassador"
        if not targets and not generic:
            for _prep, obj in _prep_objects(tok, preps):
                add_targets(obj)
            if trigger.kind in ("object-verb", "response"):  # "add a tariff on Indian goods"
                measure = _measure_object(tok, lexicon) or next(
                    (o for _p, o in _prep_objects(tok, ("with",)) if _is_measure(o, lexicon)), None
                )
                if measure is not None:
                    for _prep, obj in _prep_objects(measure, ("on", "against")):
                        add_targets(obj)
                for obj in (c for c in tok.children if c.dep_ == "dobj"):  # "its objection to X"
                    for _prep, inner in _prep_objects(obj, ("to", "on", "against", "in")):
                        add_targets(inner)
                if not targets:  # "placing a tariff on goods from India"
                    for _prep, obj in _prep_objects(tok, ("from",)):
                        add_targets(obj)
    elif trigger.kind == "noun":
        agent = _agent(tok)
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
            subject = _subject(tok.head)
            if subject is not None:
                sources = index.actors_of(subject)
        if not sources and tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in LIGHT_VERBS:
            subject = _subject(tok.head.head)
            if subject is not None:
                sources = index.actors_of(subject)
        container = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
        if (
            container is not None
            and container.dep_ == "dobj"
            and container.head.lemma_.lower() in LIGHT_VERBS | {"send", "deliver", "hand", "submit"}
        ):
            verb = container.head  # "sent Qatar a list of 13 demands"
            subject = _subject(verb)
            if not sources and subject is not None:
                sources = index.actors_of(subject)
            for child in verb.children:
                if child.dep_ in ("dative", "iobj"):
                    targets.extend(index.actors_of(child))
        if not sources:
            for _prep, obj in _prep_objects(tok, ("from",)):  # "a request from the Emir"
                sources = index.actors_of(obj, demonyms=True)
        if trigger.type == "THREATEN" and not sources:  # "the threat of U.S. sanctions"
            for _prep, obj in _prep_objects(tok, ("of",)):
                sources = index.actors_of(obj, demonyms=True)
        prep_heads = [tok]
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in LIGHT_VERBS:
            prep_heads.append(tok.head)  # "stepped up attacks ... on refineries"
        if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in LIGHT_VERBS:
            prep_heads.append(tok.head.head)  # "arrived in Amman on a visit"
        for prep, obj in (
            p for h in prep_heads for p in _prep_objects(h, (*preps, "between", "with"))
        ):
            refs = index.actors_of(obj, demonyms=material or prep in ("to", "with", "between"))
            if prep == "between" and len(refs) >= 2 and not sources:
                sources, refs = refs[:1], refs[1:]
            if index.is_generic(obj):
                generic = True
            targets.extend(refs)
    else:  # adjective: "Russia remained defiant"
        subject = _subject(tok.head) if tok.dep_ != "ROOT" else _subject(tok)
        if subject is not None:
            sources = index.actors_of(subject)
        for _prep, obj in _prep_objects(tok, preps):
            add_targets(obj)
    if not targets and not generic and trigger.type in ("AGREE", "REJECT", "SUPPORT", "CONCEDE"):
        targets = _owner_of_object(tok, index)
    return sources, targets, generic


OFFER_NOUNS = WORDS.offer_nouns


def _owner_of_object(tok: Token, index: ActorIndex) -> list[Ref]:
    """'Kyiv accepted a U.S. proposal': the proposal's owner is the one answered."""
    candidates = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.dep_ == "nsubj" for c in tok.children) and candidates:
        stray = _agent(tok)  # "rejected the accusations by Saudi Arabia", attached to the verb
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
        agent = _agent(noun)  # "the accusations by Saudi Arabia"
        for holder in [agent] + [o for _p, o in _prep_objects(noun, ("from", "of"))]:
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
        if trigger.token.i in claimed:
            continue
        if trigger.kind == "object-verb":  # "dropped its objection": the noun is consumed
            claimed.update(c.i for c in trigger.token.children if c.dep_ in ("dobj", "nsubjpass"))
        state = mood(trigger.token, modality)
        typed = classify(trigger.type, state)
        if typed is None:
            continue
        event_type, mode = typed
        if (
            trigger.type in THREATENABLE
            and state == "real"
            and trigger.kind == "noun"
            and _under_threat_noun(trigger.token)
        ):
            continue
        if (
            trigger.type == "REQUEST"
            and trigger.token.tag_ == "VBN"
            and _agent(trigger.token) is None
            and trigger.token.dep_ in ("advcl", "ROOT", "ccomp", "acl")
        ):
            continue  # "Asked at a news conference whether ...": he was asked, nobody asked him
        sources, targets, generic = roles(trigger, index, lexicon)
        for other in elided_refusals(trigger.token):
            refused = classify(trigger.type, "negated")
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
        targets = [t for t in targets if t.country not in {s.country for s in sources}]
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
            )
        )
    return found


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
        if _is_measure(t, lexicon):
            return "sanction"
    return None


# --------------------------------------------------------------------------- implicit targets


def fill_implicit_targets(found: list[Found], counterpart: Callable[[str], str | None]) -> None:
    """Give events with no stated target the other party the article pairs them with.

    First choice: the reverse of a stated event of the same PLOVER class
    (Russia attacks ?; Ukraine attacks Russia -> Russia attacks Ukraine).
    Otherwise ``counterpart(country)`` (from threats and co-mentions).
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
        other = (
            (counterpart(source) if verbal else None)
            or (max(reverse)[1] if reverse else None)
            or counterpart(source)
        )
        if other and other != source:
            f.targets = [Ref(_state(other), f.trigger.i, f.trigger.i + 1, "inferred")]
            f.inferred_target = True


CONTENT_NOUNS = WORDS.content_nouns


SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}


def symmetric_pairs(found: list[Found]) -> None:
    """Meetings and agreements run both ways: 'X and Y agreed', 'X met Y' -> X->Y and Y->X.

    This is the PLOVER gold standard's convention for compound actors; one-way
    events (a visit is CONSULT both ways, an offer to agree is not) keep one
    direction unless their sources are coordinated.
    """
    extra: list[Found] = []
    for f in found:
        if f.type not in SYMMETRIC or f.inferred_target:
            continue
        if not f.targets and len(f.sources) >= 2:
            everyone = f.sources[:]  # "X, Y and Z met": every pair, both ways
            f.sources, f.targets = everyone[:1], everyone[1:]
            for i, a in enumerate(everyone):
                others = [b for j, b in enumerate(everyone) if j != i]
                if i > 0:
                    extra.append(
                        Found(f.type, f.mode, [a], others, f.trigger, f.sentence, cue=f.cue)
                    )
        elif f.type == "CONSULT" and f.targets:
            extra.append(
                Found(f.type, f.mode, f.targets[:], f.sources[:], f.trigger, f.sentence, cue=f.cue)
            )
    found.extend(extra)


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
