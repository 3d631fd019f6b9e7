"""The per-document word table gives what spaCy's tokens give, sentence by sentence."""

from __future__ import annotations

from standoff.read import Reader
from standoff.read.word_table import lemmas, lower_words, parts_of_speech


def test_words_and_lemmas_of_each_sentence_are_the_tokens(reader: Reader) -> None:
    doc = reader.nlp(
        "Ankara GAVE Stockholm a month, failing which it would block the bid.\n\n"
        "Unless Doha complies, the four states will widen the boycott."
    )
    assert lower_words(doc) == [t.lower_ for t in doc]
    assert lemmas(doc) == [t.lemma_.lower() for t in doc]
    for sent in doc.sents:
        assert lower_words(sent) == [t.lower_ for t in sent]
        assert lemmas(sent) == [t.lemma_.lower() for t in sent]
    assert "unless" in lower_words(list(doc.sents)[-1])
    assert "give" in lemmas(list(doc.sents)[0])
    for sent in doc.sents:
        assert parts_of_speech(sent) == [t.pos_ for t in sent]
