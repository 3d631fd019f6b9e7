"""The reader's lemmatizer, with every answer kept, gives the lemmas spaCy's own gives."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.pipeline import Lemmatizer

from standoff.read import Reader
from standoff.read.lemma_cache import KeptLemmas, keep_every_lemma

DEV = Path(__file__).parent / "data" / "dev"
# Base forms and inflected ones of the same words, twice over, so that kept answers are
# asked again: "talks" as a noun and a verb, "said"/"says", a plural proper noun.
SENTENCES = [
    "The talks failed. Iran talks to Oman; the envoys talked and said they would talk.",
    "Officials say the sanctions hit hardest; the United States says it hit back.",
]


def _texts() -> list[str]:
    files = sorted(DEV.glob("*.txt"))[:12]
    return SENTENCES + [f.read_text(encoding="utf-8") for f in files]


def test_kept_lemmas_equal_the_rule_lemmatizers(reader: Reader) -> None:
    lemmatizer = reader.nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    assert isinstance(lemmatizer.lemmatize, KeptLemmas)  # installed by build_pipeline
    later = ["lemmatizer", "ner", "actor_ruler"]
    with reader.nlp.select_pipes(disable=later):  # the Doc as the lemmatizer meets it
        docs = list(reader.nlp.pipe(_texts()))
    tokens = [t for doc in docs for t in doc]
    for tok in tokens:  # the kept answer, later asked again, is spaCy's own
        assert lemmatizer.lemmatize(tok) == Lemmatizer.rule_lemmatize(lemmatizer, tok)
    kept = lemmatizer.lemmatize.kept
    keys = [(t.orth, t.pos, t.morph.key) for t in tokens]
    assert all(key in kept for key in keys)  # every answer kept, and most asked again:
    assert len(set(keys)) < len(tokens) / 2


def test_a_lookup_lemmatizer_is_left_as_it_is() -> None:
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not keep_every_lemma(nlp)
    assert not isinstance(lemmatizer.lemmatize, KeptLemmas)  # type: ignore[attr-defined]
