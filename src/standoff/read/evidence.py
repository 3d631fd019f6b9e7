"""Evidence for an item: the sentence it was read from, exactly as it stands in the text."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span

from standoff.model import Evidence


def sentence_evidence(
    sent: Span, article_id: str | None, source: str | None, published: date | None
) -> Evidence:
    """The sentence trimmed of surrounding whitespace, with offsets that slice to it.

    spaCy's sentence spans keep the paragraph break after the last sentence of
    a paragraph; ``article.text[start:end] == sentence`` must hold for users.
    """
    text = sent.text
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return Evidence(
        sentence=text.strip(),
        start=sent.start_char + lead,
        end=sent.end_char - trail,
        article_id=article_id,
        source=source,
        published=published,
    )
