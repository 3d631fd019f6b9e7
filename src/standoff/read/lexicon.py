"""The PLOVER event lexicon and the modality cues, loaded from ``standoff/data``.

Both are data, not code: ``plover-lexicon.yaml`` says which words carry which
PLOVER event type, ``modality.yaml`` which words make an action threatened,
hypothetical, refused or negated. Users and maintainers edit the YAML. What a type
*is* (its quad, its target's prepositions, its threatened form) is in
``event-types.yaml`` (:mod:`standoff.event_types`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from standoff.event_types import EVENT_TYPES
from standoff.read.words import WORDS

PLOVER_TYPES = tuple(EVENT_TYPES)
# Cooperative types: their announced or intended form is AGREE (PLOVER: "express
# intent to cooperate"), their refusal REJECT.
COOPERATIVE = frozenset(name for name, t in EVENT_TYPES.items() if t.cooperative)
# Event types whose threatened (not carried-out) form is THREATEN with this mode.
THREATENABLE = {
    name: t.threatened_mode for name, t in EVENT_TYPES.items() if t.threatened_mode is not None
}
LIGHT_VERBS = WORDS.light_verbs


@dataclass(frozen=True)
class EventWords:
    """The words of one PLOVER type, as in the lexicon file."""

    type: str
    verbs: frozenset[str]
    verbs_with_object: frozenset[str]
    nouns: frozenset[str]
    adjectives: frozenset[str]
    phrases: frozenset[str]
    reported_phrases: frozenset[str]
    objects: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    types: dict[str, EventWords]
    verb_index: dict[str, str] = field(default_factory=dict)
    noun_index: dict[str, str] = field(default_factory=dict)
    adjective_index: dict[str, str] = field(default_factory=dict)
    phrase_index: dict[str, str] = field(default_factory=dict)
    reported_index: dict[str, str] = field(default_factory=dict)
    object_verbs: dict[str, str] = field(default_factory=dict)
    measures: frozenset[str] = frozenset()
    noun_phrases: dict[str, str] = field(default_factory=dict)  # "hunger strike" -> PROTEST
    object_rules: dict[tuple[str, str], str] = field(default_factory=dict)  # (verb, object) -> type


@dataclass(frozen=True)
class Modality:
    modals: frozenset[str]
    threat_heads: frozenset[str]
    hypothetical_heads: frozenset[str]
    conditionals: frozenset[str]
    refusal_heads: frozenset[str]
    reporting: frozenset[str]
    intent_heads: frozenset[str]
    obligation: frozenset[str]


def _words(spec: dict[str, list[str]], key: str) -> frozenset[str]:
    words = spec.get(key) or []
    if any(isinstance(w, bool) for w in words):  # YAML 1.1 reads a bare on/no/yes as a boolean
        raise ValueError(f'{key}: quote words such as "on" or "no" in the lexicon files')
    return frozenset(str(w).lower() for w in words)


@cache
def load_lexicon() -> Lexicon:
    """The shipped PLOVER lexicon with its reverse indexes (word -> type)."""
    text = (resources.files("standoff") / "data" / "plover-lexicon.yaml").read_text(
        encoding="utf-8"
    )
    raw = yaml.safe_load(text)
    types: dict[str, EventWords] = {}
    noun_phrases = {
        str(k).lower(): str(v) for k, v in (raw.pop("noun_phrases", None) or {}).items()
    }
    object_rules: dict[tuple[str, str], str] = {}
    for rule in raw.pop("object_rules", None) or []:
        for verb in _words(rule, "verbs"):
            for obj in _words(rule, "objects"):
                object_rules.setdefault((verb, obj), str(rule["type"]))
    for kind in [*noun_phrases.values(), *object_rules.values()]:
        if kind not in PLOVER_TYPES:
            raise ValueError(f"plover-lexicon.yaml: {kind} is not a PLOVER event type")
    for name, spec in raw.items():
        if name not in PLOVER_TYPES:
            raise ValueError(f"plover-lexicon.yaml: {name} is not a PLOVER event type")
        types[name] = EventWords(
            type=name,
            verbs=_words(spec, "verbs"),
            verbs_with_object=_words(spec, "verbs_with_object"),
            nouns=_words(spec, "nouns"),
            adjectives=_words(spec, "adjectives"),
            phrases=_words(spec, "phrases"),
            reported_phrases=_words(spec, "reported_phrases"),
            objects=_words(spec, "objects"),
        )
    lexicon = Lexicon(
        types=types,
        measures=types["SANCTION"].objects | types["SANCTION"].nouns,
        noun_phrases=noun_phrases,
        object_rules=object_rules,
    )
    for words in types.values():
        # First listed type wins for a word in two lists: keep the file's order meaningful.
        for verb in words.verbs:
            lexicon.verb_index.setdefault(verb, words.type)
        for noun in words.nouns:
            lexicon.noun_index.setdefault(noun, words.type)
        for adjective in words.adjectives:
            lexicon.adjective_index.setdefault(adjective, words.type)
        for phrase in words.phrases:
            lexicon.phrase_index.setdefault(phrase, words.type)
        for phrase in words.reported_phrases:
            lexicon.reported_index.setdefault(phrase, words.type)
        for verb in words.verbs_with_object:
            lexicon.object_verbs.setdefault(verb, words.type)
    return lexicon


@cache
def load_modality() -> Modality:
    text = (resources.files("standoff") / "data" / "modality.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return Modality(**{key: _words(raw, key) for key in Modality.__dataclass_fields__})
