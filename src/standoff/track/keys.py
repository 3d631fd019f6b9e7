"""Small pure helpers that decide when two items read from different articles are the same.

Actor codes are compared at country level (``USAGOV`` -> ``USA``); IGO names
(``NATO``, ``EU``) are kept as they are. Measures, demands and proposal names
are compared as sets of normalised content words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from standoff.read.actors import country_of

# Words that carry no identity of a measure or a demand ("secondary tariffs" and
# "tariffs" are the same measure for matching; "a deal to end the war" and
# "end the war" the same demand).
_STOPWORDS = frozenset(
    """a an the of to on in for and or with by from its it their his her this that
    be is are was were will would could should may might more new further other
    secondary severe heavy very about around some any all""".split()
)
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=4096)
def country(code: str) -> str:
    """The country part of an actor code (``standoff.read.actors.country_of``)."""
    return country_of(code)


def _stem(word: str) -> str:
    # A plural strip is enough for measure nouns (tariffs, sanctions, duties).
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def words(text: str | None) -> frozenset[str]:
    """The normalised content words of a phrase (lower case, plural stripped, no stopwords)."""
    if not text:
        return frozenset()
    return _words(text)


# A standoff is built from tens of thousands of items whose sentences, cues and measures
# repeat (every rebuild of the web workspace asks for the same ones again): the words of a
# text are computed once. The results are frozensets, so sharing them is safe.
@lru_cache(maxsize=16384)
def _words(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOPWORDS)


def measure_words(measures: list[str]) -> frozenset[str]:
    """All content words of a list of measures (``["secondary tariffs"]`` -> ``{"tariff"}``)."""
    out: set[str] = set()
    for measure in measures:
        out |= words(measure)
    return frozenset(out)


# Words that name no particular measure: "the measures", "consequences". A threat whose
# measures are only these is unspecific; they never count as a measure added.
VAGUE_MEASURES = frozenset(
    """measure action step consequence penalty punishment retaliation countermeasure
    repercussion response""".split()
)
# Broad kinds of measure: two threats by one sender on one target whose measures are of
# one kind (duties and an import ban; tariffs and sanctions) can be the same threat, a
# trade threat and a military one cannot. Words are stems (see ``words``).
MEASURE_KINDS: dict[str, frozenset[str]] = {
    "economic": frozenset(
        """tariff duty levy sanction embargo ban quota freeze frozen restriction boycott
        blockade export import trade asset aid loan fine blacklist financial economic
        oil gas energy freight supply visa""".split()
    ),
    "military": frozenset(
        """military troop force strike attack war invasion missile nuclear army navy
        bombing weapon""".split()
    ),
    "diplomatic": frozenset(
        """diplomatic expulsion ambassador embassy relation recognition""".split()
    ),
}


# Names of one measure: "duties" and "levies" are tariffs.
MEASURE_SYNONYMS: dict[str, str] = {"duty": "tariff", "levy": "tariff"}


def canonical(words_: frozenset[str]) -> frozenset[str]:
    """Measure words with synonyms replaced by one name (``MEASURE_SYNONYMS``)."""
    return frozenset(MEASURE_SYNONYMS.get(w, w) for w in words_)


def specific_measure_words(measures: list[str]) -> frozenset[str]:
    """The content words of ``measures`` that name a measure, synonyms as one
    (``{"tariff", "ban"}`` for "steep levies" and "a freight ban"; vague words left out)."""
    return _specific_measure_words(tuple(measures))


@lru_cache(maxsize=4096)
def _specific_measure_words(measures: tuple[str, ...]) -> frozenset[str]:
    return canonical(measure_words(list(measures))) - VAGUE_MEASURES


def measure_kinds(measure_words_: frozenset[str]) -> frozenset[str]:
    """The kinds (``MEASURE_KINDS``) that a set of measure words names."""
    return frozenset(k for k, kind in MEASURE_KINDS.items() if measure_words_ & kind)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets, 0.0 when both are empty."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def proposal_key(name: str) -> frozenset[str]:
    """The identity of a proposal: its name's content words (hyphens split)."""
    return words(name.replace("-", " "))
