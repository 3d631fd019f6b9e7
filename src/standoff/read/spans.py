"""A sentence's entities in time proportional to their number, not to the document's.

spaCy's ``Span.ents`` builds every entity of the whole document and filters them, so a
rule that asks each sentence for its entities reads an article in time quadratic in its
length (a 4,000-sentence text took minutes). :func:`sentence_ents` builds the
document's entities once, keeps them in ``doc.user_data``, and finds a sentence's by
binary search. The document's sentences (:func:`sentences`, :func:`sentence_of`) and
texts (:func:`span_text`) are kept the same way, for the same reason.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc, Span, Token

_KEY = "standoff.ents"


def _doc_ents(doc: Doc) -> tuple[list[int], tuple[Span, ...]]:
    cached = doc.user_data.get(_KEY)
    if cached is None:  # the entities are final once the pipeline has run
        ents = tuple(doc.ents)
        cached = doc.user_data[_KEY] = ([e.start for e in ents], ents)
    return cached  # type: ignore[no-any-return]


def sentence_ents(sent: Span) -> list[Span]:
    """The entities inside ``sent`` (as ``sent.ents`` gives them), in order."""
    starts, ents = _doc_ents(sent.doc)
    out = []
    for k in range(bisect_left(starts, sent.start), len(ents)):
        ent = ents[k]
        if ent.end > sent.end:
            break
        out.append(ent)
    return out


_CONJ_KEY = "standoff.conjuncts"


def _coordinations(doc: Doc) -> tuple[list[int], dict[int, list[int]]]:
    """For each token the first member of its coordination, and each coordination's
    members in spaCy's order (``Token.conjuncts``: breadth first from the first member,
    rightward ``conj`` children in order); built once per document."""
    cached = doc.user_data.get(_CONJ_KEY)
    if cached is None:
        # read from one array, not from a Token per word: building Tokens was most of the
        # cost of this pass
        conj_id = doc.vocab.strings["conj"]
        offsets = doc.to_array(HEAD).astype("int64").tolist()  # stored unsigned: -1 wraps
        heads = [i + offset for i, offset in enumerate(offsets)]
        conj = [dep == conj_id for dep in doc.to_array(DEP).tolist()]
        root = list(range(len(doc)))
        for i in range(len(doc)):  # heads come before conjuncts: one pass up each chain
            j = i
            while conj[j] and heads[j] != j:
                j = heads[j]
            root[i] = j
        rights: dict[int, list[int]] = {}
        for i, head in enumerate(heads):
            if conj[i] and head < i:
                rights.setdefault(head, []).append(i)
        members: dict[int, list[int]] = {}
        for first in {root[i] for i in range(len(doc)) if conj[i]}:
            order = [first]
            for word in order:  # grows as it goes: breadth first
                order.extend(rights.get(word, ()))
            members[first] = order
        cached = doc.user_data[_CONJ_KEY] = (root, members)
    return cached  # type: ignore[no-any-return]


def later_conjuncts(token: Token, limit: int) -> list[Token]:
    """The first ``limit`` of ``token.conjuncts`` that come after it, in spaCy's order,
    without building the whole coordination for every call (a list of thousands of
    names made that quadratic)."""
    root, members = _coordinations(token.doc)
    out: list[Token] = []
    for i in members.get(root[token.i], ()):
        if i > token.i:
            out.append(token.doc[i])
            if len(out) == limit:
                break
    return out


_TEXT_KEY = "standoff.text"


def span_text(span: Span) -> str:
    """``span.text``, cut from the document's text kept once (in ``doc.user_data``): spaCy
    joins a span's text from a Token built for each of its words at every call, and the
    rules ask each sentence for its text many times. The document's text is the words'
    texts with their spaces, so the cut from the span's first character to its last word's
    end is ``span.text`` exactly (no trailing space)."""
    doc = span.doc
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:  # the text is final once the pipeline has run
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text[span.start_char : span.end_char]  # type: ignore[no-any-return]


_SENTS_KEY = "standoff.sentences"


def _sentences(doc: Doc) -> tuple[list[Span], list[int]]:
    """The document's sentences, and for each token the number of its sentence; built once
    per document."""
    cached = doc.user_data.get(_SENTS_KEY)
    if cached is None:  # the sentence boundaries are final once the pipeline has run
        sents = list(doc.sents)
        number = [0] * len(doc)
        for n, sent in enumerate(sents):
            number[sent.start : sent.end] = [n] * (sent.end - sent.start)
        cached = doc.user_data[_SENTS_KEY] = (sents, number)
    return cached  # type: ignore[no-any-return]


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, built once per document: every step reads the article sentence
    by sentence, and ``Doc.sents`` builds the spans again each time."""
    return _sentences(doc)[0]


def sentence_at(doc: Doc, i: int) -> Span:
    """The sentence of token ``i`` (``doc[i].sent``, which walks back to the sentence's
    first word and on to its last on every call)."""
    sents, number = _sentences(doc)
    return sents[number[i]]


def sentence_of(token: Token) -> Span:
    """``token.sent``, from the sentences built once (:func:`sentence_at`)."""
    return sentence_at(token.doc, token.i)


def sentence_start(doc: Doc, i: int) -> int:
    """The index of the first token of token ``i``'s sentence (``doc[i].sent.start``)."""
    return sentence_at(doc, i).start


def sentences_back(doc: Doc, i: int, n: int) -> int:
    """The index of the first token of the sentence ``n`` sentences before token ``i``'s
    (its own for 0; the document's first token when there are fewer)."""
    sents, number = _sentences(doc)
    return sents[max(0, number[i] - n)].start
