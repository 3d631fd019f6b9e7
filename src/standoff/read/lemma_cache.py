"""The model's rule lemmatizer with every answer kept, not only the derived ones.

spaCy's rule lemmatizer keeps the lemmas it derives by its suffix rules, by the word, its
part of speech and its morphology, but not the answers it returns early: a word already
in its base form (a singular noun, an infinitive, a plain adjective: most words of a
text) is checked again at every occurrence, by reading its morphology into a
dictionary. That made the lemmatizer some 7% of the whole parse (docs/measurements.md,
"Reader speed"). Every answer depends on that same key alone (the word's text, its part
of speech, its morphology; the lookup tables do not change once loaded), so keeping
every answer changes no lemma: the reader's pipeline gives the same Doc, faster.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Token

CACHE_SIZE = 200_000  # distinct (word, part of speech, morphology) keys kept


class KeptLemmas:
    """``Lemmatizer.rule_lemmatize`` with its answers kept by (orth, pos, morphology)."""

    def __init__(self, lemmatize: Callable[[Token], list[str]]) -> None:
        self._lemmatize = lemmatize
        self.kept: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: Token) -> list[str]:
        # the lemmatizer's own cache key (spaCy's stubs do not declare MorphAnalysis.key)
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
        found = self.kept.get(key)
        if found is None:
            if len(self.kept) >= CACHE_SIZE:  # a long run meets ever more words
                self.kept.clear()
            found = self.kept[key] = self._lemmatize(token)
        return found


def keep_every_lemma(nlp: Language, name: str = "lemmatizer") -> bool:
    """Have the pipeline's rule lemmatizer keep every answer (:class:`KeptLemmas`); False
    (nothing changed) when it has no lemmatizer in rule mode."""
    if name not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(name)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return False
    lemmatizer.lemmatize = KeptLemmas(lemmatizer.rule_lemmatize)
    return True
