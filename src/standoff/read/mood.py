"""Mood: is a trigger a real event, a threat of one, an intention, a refusal, a demand,
or no event at all? The cue words are data (``data/modality.yaml``)."""

from __future__ import annotations

from spacy.tokens import Token

from standoff.read.lexicon import COOPERATIVE, THREATENABLE, Modality
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
    if any(
        c.dep_ in ("dobj", "nsubjpass")
        and any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children)
        for c in tok.children
    ):
        return "negated"  # "no tariff has been placed on Chinese goods"
    for child in tok.children:
        if (child.dep_ == "neg" or child.lower_ in ("not", "n't", "never")) and not _elided(
            tok, child
        ):
            return "negated"
        if child.dep_ == "det" and child.lower_ in ("no",) and tok.pos_ == "NOUN":
            return "negated"
        if (
            child.dep_ == "advmod"
            and child.lower_ in ("longer", "more")
            and any(g.lower_ == "no" for g in child.children)
        ):
            return "negated"  # "they no longer apply arms embargoes"
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
                rel in ("advcl", "xcomp")
                and hlemma in ("give", "grant", "allow")
                and any(
                    c.dep_ in ("dobj", "npadvmod") and c.lower_ in modality.hypothetical_heads
                    for c in head.children
                )
            ):
                return "hypothetical"  # "gave Moscow 50 days to reach an agreement": demanded
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
