"""Counts in words for people: ``count(1, "article")`` is "1 article", never "1 articles".

Every message, table title and headline that puts a number before a noun says it with
:func:`count`, so the singular and plural are right everywhere. English plurals by
rule, with a short table of the irregular nouns this project uses; "piece of evidence"
pluralises its head ("pieces of evidence"). (``inflect`` does this too, but takes
seconds to import, too slow for a command line.)
"""

from __future__ import annotations

# Nouns whose plural the rules below get wrong.
IRREGULAR = {
    "analysis": "analyses",
    "child": "children",
    "crisis": "crises",
    "criterion": "criteria",
    "datum": "data",
    "person": "people",
    "thesis": "theses",
}
_VOWELS = frozenset("aeiou")


def _plural_word(word: str) -> str:
    lower = word.lower()
    if lower in IRREGULAR:
        plural = IRREGULAR[lower]
        return plural.capitalize() if word[:1].isupper() else plural
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        return word[:-1] + "ies"  # party -> parties, but day -> days
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"  # box -> boxes, match -> matches
    return word + "s"


def plural(noun: str) -> str:
    """The plural of a noun or noun phrase: ``story`` -> ``stories``, ``piece of evidence``
    -> ``pieces of evidence``, ``furniture line`` -> ``furniture lines``."""
    head, of, tail = noun.partition(" of ")
    words = head.split(" ")
    words[-1] = _plural_word(words[-1])
    return " ".join(words) + of + tail


def count(n: int, noun: str, plural_form: str | None = None) -> str:
    """``n`` and the noun in the right number: ``count(1, "threat")`` -> ``1 threat``,
    ``count(0, "threat")`` -> ``0 threats``."""
    return f"{n} {noun if n == 1 else plural_form or plural(noun)}"


__all__ = ["count", "plural"]
