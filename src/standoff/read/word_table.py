"""Each word of a document, in lower case, its lemma and its part of speech, listed once.

Many rules first ask whether a sentence holds some word at all ("unless", "failing
which", a form of "give"); asked through spaCy's Token objects, each question built
a Python object for every word of the sentence. :func:`texts`, :func:`lower_words`,
:func:`lemmas` and :func:`parts_of_speech` list ``token.text``, ``token.lower_``,
``token.lemma_.lower()`` and ``token.pos_`` for the whole document once (kept in
``doc.user_data``, as :mod:`standoff.read.spans` keeps its entities) and give a sentence
its slice, so such a test is a list lookup.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER, ORTH, POS
from spacy.parts_of_speech import NAMES
from spacy.tokens import Doc, Span

_TEXT = "standoff.words"
_LOWER = "standoff.lower"
_LEMMA = "standoff.lemma"
_POS = "standoff.pos"


def _table(doc: Doc, key: str) -> list[str]:
    cached = doc.user_data.get(key)
    if cached is None:  # the words and lemmas are final once the pipeline has run
        # read from one array of the Doc, not from a Token built for each word: the same
        # strings (``lower_``, ``lemma_`` and ``pos_`` look up these very ids)
        strings = doc.vocab.strings
        if key == _TEXT:
            cached = [strings[h] for h in doc.to_array(ORTH).tolist()]
        elif key == _LOWER:
            cached = [strings[h] for h in doc.to_array(LOWER).tolist()]
        elif key == _POS:
            cached = [NAMES[p] for p in doc.to_array(POS).tolist()]
        else:
            cached = [strings[h].lower() for h in doc.to_array(LEMMA).tolist()]
        doc.user_data[key] = cached
    return cached  # type: ignore[no-any-return]


def texts(span: Span | Doc) -> list[str]:
    """``[t.text for t in span]``."""
    if isinstance(span, Doc):
        return _table(span, _TEXT)
    return _table(span.doc, _TEXT)[span.start : span.end]


def lower_words(span: Span | Doc) -> list[str]:
    """``[t.lower_ for t in span]``."""
    if isinstance(span, Doc):
        return _table(span, _LOWER)
    return _table(span.doc, _LOWER)[span.start : span.end]


def lemmas(span: Span | Doc) -> list[str]:
    """``[t.lemma_.lower() for t in span]``."""
    if isinstance(span, Doc):
        return _table(span, _LEMMA)
    return _table(span.doc, _LEMMA)[span.start : span.end]


def parts_of_speech(span: Span | Doc) -> list[str]:
    """``[t.pos_ for t in span]``."""
    if isinstance(span, Doc):
        return _table(span, _POS)
    return _table(span.doc, _POS)[span.start : span.end]
