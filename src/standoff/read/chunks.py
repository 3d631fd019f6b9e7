"""Parse an article of any size in pieces, so the work grows linearly with its length.

A long text is cut into pieces of at most :data:`CHUNK_CHARS` characters, each ending
at a paragraph break where there is one (then at a sentence end, then at a space, and
only a run of over 50,000 characters with no space at all is cut anywhere), parsed
piece by piece and joined with ``Doc.from_docs``: the pieces' texts add up to the
article's text exactly, so every offset into the Doc is an offset into the article.

Why: spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters, error E088)
while an article file may hold 5 MB, and parts of the pipeline grow faster than the
text (the EntityRuler filters every entity found so far for each match it sets, so a
whole 5 MB article would take hours). A paragraph always ends a sentence
(``pipeline.paragraph_breaks``), so cutting there changes nothing a sentence-level
rule sees; an article shorter than one piece is parsed whole, exactly as before.

Between pieces the reader's time limit is checked (:func:`standoff.read.budget.check`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from standoff.read.budget import check

CHUNK_CHARS = 50_000
# Where to cut, best first: after a paragraph break, after a sentence's end, after a space.
_CUTS = (re.compile(r"\n\s*\n\s*"), re.compile(r"[.!?][\"'\u201d\u2019)]*\s+"), re.compile(r"\s+"))


def pieces(text: str, limit: int | None = None) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` (:data:`CHUNK_CHARS`) characters;
    ``"".join`` gives it back."""
    limit = limit or CHUNK_CHARS
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = None
        for pattern in _CUTS:
            # the last boundary in the window's second half, so pieces stay large
            matches = list(pattern.finditer(text, start + limit // 2, end))
            if matches:
                cut = matches[-1].end()
                break
        cut = cut if cut is not None and cut > start else end
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def parse(nlp: Language, text: str) -> Doc:
    """The Doc of ``text``: one call of ``nlp`` when short, else piece by piece, joined."""
    parts = pieces(text)
    if len(parts) == 1:
        return nlp(text)
    docs = []
    for part in parts:
        check()
        doc = nlp(part)
        # The tok2vec output (384 bytes a token) serves only the pipeline's own
        # components, done by now: kept, it was the largest part of a long article's
        # memory (some 400 MB for 5 MB of text, twice over while the pieces are joined).
        doc.tensor = numpy.empty((0,), dtype="float32")
        docs.append(doc)
    return Doc.from_docs(docs, ensure_whitespace=False)


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """The Docs of ``texts`` in order: short ones batched through ``nlp.pipe``, long ones
    by :func:`parse`."""
    texts = list(texts)
    short = nlp.pipe((t for t in texts if len(t) <= CHUNK_CHARS), batch_size=batch_size)
    for text in texts:
        yield next(short) if len(text) <= CHUNK_CHARS else parse(nlp, text)
