"""The model's attribute ruler, matched through an index instead of spaCy's token Matcher.

The English model's ``attribute_ruler`` maps each fine tag to its part of speech and
morphology and fixes some words ("his" -> PRON, "gon na" -> go to): 179 patterns of
one or two tokens. spaCy's Matcher tries every pattern at every token, which made the
component about an eighth of the whole parse (docs/measurements.md, "Reader speed").

:class:`PatternIndex` files each pattern under what its first token must be (its
lower-case form, else its tag, else its dependency label, else "a space"), looks up
the few patterns filed under a token's values, checks them in full and returns the
matches exactly as ``AttributeRuler.match`` does: the same ``(attr_id, match_id,
start, end)`` tuples, sorted the same way. The ruler's own ``set_annotations`` then
applies them, so the annotations are spaCy's own. Patterns that use anything but
plain values, ``IN``, ``NOT_IN`` and ``REGEX`` on LOWER, TAG, DEP and IS_SPACE, or
any quantifier, leave the ruler as it is (:func:`index_attribute_ruler` says False).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import intify_attr
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

Check = Callable[[Token], bool]
# The token attributes a pattern may test, as strings (what the Matcher compares).
_READ: dict[str, Callable[[Token], Any]] = {
    "LOWER": lambda t: t.lower_,
    "TAG": lambda t: t.tag_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
_ANCHORS = ("LOWER", "TAG", "DEP", "IS_SPACE")  # what a pattern is filed under, first found
CACHE_SIZE = 200_000  # distinct (lower, tag, dep, space) rows kept, some 100 bytes each


class Unindexable(ValueError):
    """A pattern this index does not reproduce exactly; the Matcher stays."""


def _value_check(attr: str, value: Any) -> Check:
    read = _READ[attr]
    if isinstance(value, str | bool):
        return lambda t: bool(read(t) == value)
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN" and isinstance(arg, list):
            allowed = frozenset(arg)
            return lambda t: read(t) in allowed
        if op == "NOT_IN" and isinstance(arg, list):
            barred = frozenset(arg)
            return lambda t: read(t) not in barred
        if op == "REGEX" and isinstance(arg, str) and attr != "IS_SPACE":  # re.search, as spaCy
            regex = re.compile(arg)
            return lambda t: bool(regex.search(read(t)))
    raise Unindexable(f"{attr}: {value!r}")


def _token_checks(spec: dict[str, Any], skip: str | None = None) -> list[Check]:
    """One check per attribute of a token's spec, but ``skip`` (already settled)."""
    if not spec or not set(spec) <= set(_READ):
        raise Unindexable(repr(spec))
    return [_value_check(attr, value) for attr, value in spec.items() if attr != skip]


def _anchor(spec: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The attribute a pattern is filed under and the values it is filed under (looking
    one up settles that attribute); None when its first token has only regular
    expressions or exclusions (then it is checked at every token)."""
    for attr in _ANCHORS:
        value = spec.get(attr)
        if isinstance(value, str | bool):
            return attr, [value]
        if isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list):
            return attr, list(value["IN"])
    return None


# A pattern as the index keeps it: its attribute set's id, its match key, its length, and
# what is left to check, as (token offset, check) pairs.
Entry = tuple[int, int, int, list[tuple[int, Check]]]


class PatternIndex:
    """The patterns of an AttributeRuler, filed by their first token's values."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.attrs = [intify_attr(a) for a in _ANCHORS]
        # per anchor attribute: the value's hash (IS_SPACE: 0 or 1) -> its entries
        self.filed: list[dict[int, list[Entry]]] = [{} for _ in _ANCHORS]
        self.unfiled: list[Entry] = []
        self.cache: dict[tuple[int, ...], tuple[list[tuple[int, int]], list[Entry]]] = {}
        for attr_id in range(len(ruler.attrs)):
            match_id = strings[str(attr_id)]
            _on_match, patterns = ruler.matcher.get(match_id)
            for pattern in patterns:
                if not pattern or any(not isinstance(s, dict) or "OP" in s for s in pattern):
                    raise Unindexable(repr(pattern))
                anchor = _anchor(pattern[0])
                rest = [
                    (k, check)
                    for k, spec in enumerate(pattern)
                    for check in _token_checks(spec, anchor[0] if anchor and k == 0 else None)
                ]
                entry = (attr_id, match_id, len(pattern), rest)
                if anchor is None:
                    self.unfiled.append(entry)
                    continue
                attr, values = anchor
                table = self.filed[_ANCHORS.index(attr)]
                for value in dict.fromkeys(values):
                    key = int(value) if isinstance(value, bool) else strings.add(value)
                    table.setdefault(key, []).append(entry)

    def _at(self, tok: Token, row: tuple[int, ...]) -> tuple[list[tuple[int, int]], list[Entry]]:
        """What the patterns filed under a token's values make of it: the one-token ones
        that match it, (attr_id, match_id), and the longer ones its first token allows.
        A token's (lower, tag, dep, space) settles both, so they are cached by it."""
        single: list[tuple[int, int]] = []
        longer: list[Entry] = []
        candidates = [e for a, table in enumerate(self.filed) for e in table.get(row[a], ())]
        for entry in candidates + self.unfiled:
            attr_id, match_id, length, rest = entry
            if all(check(tok) for k, check in rest if k == 0):
                if length == 1:
                    single.append((attr_id, match_id))
                else:
                    longer.append(entry)
        return single, longer

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``AttributeRuler.match(doc)``: (attr_id, match_id, start, end), sorted."""
        if len(self.cache) > CACHE_SIZE:  # a long run meets ever more words
            self.cache.clear()
        found: set[tuple[int, int, int, int]] = set()
        n = len(doc)
        for i, values in enumerate(doc.to_array(self.attrs).tolist()):
            row = tuple(values)
            hit = self.cache.get(row)
            if hit is None:
                hit = self.cache[row] = self._at(doc[i], row)
            single, longer = hit
            for attr_id, match_id in single:
                found.add((attr_id, match_id, i, i + 1))
            for attr_id, match_id, length, rest in longer:
                end = i + length
                if end <= n and all(check(doc[i + k]) for k, check in rest if k):
                    found.add((attr_id, match_id, i, end))
        return sorted(found)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Have the pipeline's attribute ruler find its matches through a
    :class:`PatternIndex`; False (nothing changed) when it has none or a pattern the
    index does not reproduce exactly."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        index = PatternIndex(ruler)
    except Unindexable:
        return False
    ruler.match = index.match  # type: ignore[method-assign]
    return True
