"""The PLOVER event lexicon and the modality cues, loaded from ``standoff/data``.

Both are data, not code: ``plover-lexicon.yaml`` says which words carry which
PLOVER event type, ``modality.yaml`` which words make an action threatened,
hypothetical, refused or negated. Users and maintainers edit the YAML. What a type
*is* (its quad, its target's prepositions, its threatened form) is in
``event-types.yaml`` (:mod:`standoff.event_types`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from standoff.event_types import EVENT_TYPES
from standoff.read.words import WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token

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

    # What a verb's lemma must be for a phrase rule to have any chance, so that the rules
    # can pass over the other verbs without building their phrases (computed on first use,
    # after load_lexicon has filled the indexes).
    @cached_property
    def phrase_heads(self) -> frozenset[str]:
        """Every opening of a phrase or reported phrase ("call" of "call on")."""
        return space_prefixes([*self.phrase_index, *self.reported_index])

    def object_rule_type(self, verb: str, obj: Token) -> str | None:
        """The type an object rule gives ``verb`` (a lemma, with its particle) with the
        object ``obj``, by the object's lemma or its own form ("relations"); None if none."""
        return self.object_rules.get((verb, obj.lemma_.lower())) or self.object_rules.get(
            (verb, obj.lower_)
        )

    @cached_property
    def object_rule_heads(self) -> frozenset[str]:
        """Every verb form of the object rules, and every opening of one ("lift" of
        "lift up")."""
        forms = {verb for verb, _obj in self.object_rules}
        return frozenset(forms) | space_prefixes(forms)

    @cached_property
    def noun_phrase_ends(self) -> frozenset[str]:
        """Every ending of a noun phrase after a space ("strike" of "hunger strike")."""
        return space_suffixes(self.noun_phrases)

    @cached_property
    def noun_phrase_openings(self) -> frozenset[str]:
        """Every opening of a noun phrase ("state" of "state of emergency")."""
        return space_prefixes(self.noun_phrases)


def space_prefixes(phrases: Iterable[str]) -> frozenset[str]:
    """Every part of a phrase that ends before one of its spaces: "come into force" ->
    "come", "come into". ``f"{w} {rest}"`` can be a phrase only when ``w`` is one."""
    return frozenset(p[:i] for p in phrases for i, ch in enumerate(p) if ch == " ")


def space_suffixes(phrases: Iterable[str]) -> frozenset[str]:
    """Every part of a phrase that starts after one of its spaces: "state of emergency" ->
    "of emergency", "emergency". ``f"{rest} {w}"`` can be a phrase only when ``w`` is one."""
    return frozenset(p[i + 1 :] for p in phrases for i, ch in enumerate(p) if ch == " ")


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
    allegation_heads: frozenset[str]


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
    noun_phrases = {
        str(k).lower(): str(v) for k, v in (raw.pop("noun_phrases", None) or {}).items()
    }
    object_rules = _object_rules(raw.pop("object_rules", None) or [])
    for kind in [*noun_phrases.values(), *object_rules.values(), *raw]:
        if kind not in PLOVER_TYPES:
            raise ValueError(f"plover-lexicon.yaml: {kind} is not a PLOVER event type")
    types = {name: _event_words(name, spec) for name, spec in raw.items()}
    lexicon = Lexicon(
        types=types,
        measures=types["SANCTION"].objects | types["SANCTION"].nouns,
        noun_phrases=noun_phrases,
        object_rules=object_rules,
    )
    for words in types.values():
        # First listed type wins for a word in two lists: keep the file's order meaningful.
        for field_name, index_name in INDEXES:
            index: dict[str, str] = getattr(lexicon, index_name)
            for word in getattr(words, field_name):
                index.setdefault(word, words.type)
    return lexicon


# The lexicon's word lists and the reverse index (word -> type) each one feeds.
INDEXES = (
    ("verbs", "verb_index"),
    ("nouns", "noun_index"),
    ("adjectives", "adjective_index"),
    ("phrases", "phrase_index"),
    ("reported_phrases", "reported_index"),
    ("verbs_with_object", "object_verbs"),
)


def _object_rules(rules: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(verb, object) -> type, from rules that list verbs and objects ("suspend aid")."""
    out: dict[tuple[str, str], str] = {}
    for rule in rules:
        for verb in _words(rule, "verbs"):
            for obj in _words(rule, "objects"):
                out.setdefault((verb, obj), str(rule["type"]))
    return out


def _event_words(name: str, spec: dict[str, list[str]]) -> EventWords:
    return EventWords(
        type=name,
        verbs=_words(spec, "verbs"),
        verbs_with_object=_words(spec, "verbs_with_object"),
        nouns=_words(spec, "nouns"),
        adjectives=_words(spec, "adjectives"),
        phrases=_words(spec, "phrases"),
        reported_phrases=_words(spec, "reported_phrases"),
        objects=_words(spec, "objects"),
    )


@cache
def load_modality() -> Modality:
    text = (resources.files("standoff") / "data" / "modality.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return Modality(**{key: _words(raw, key) for key in Modality.__dataclass_fields__})
