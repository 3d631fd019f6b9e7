"""Evidence for an item: the sentence it was read from, exactly as it stands in the text."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span

from standoff.model import Evidence
from standoff.read.spans import span_text


def sentence_evidence(
    sent: Span, article_id: str | None, source: str | None, published: date | None
) -> Evidence:
    """The sentence trimmed of surrounding whitespace, with offsets that slice to it.

    spaCy's sentence spans keep the paragraph break after the last sentence of
    a paragraph; ``article.text[start:end] == sentence`` must hold for users.
    """
    # Built once per sentence (doc.user_data): every event of a sentence asks, and
    # building the text of a long run-on sentence for each made reading quadratic.
    per_sentence = sent.doc.user_data.setdefault("standoff.evidence", {})
    key = (sent.start, sent.end)
    cached = per_sentence.get(key)
    if cached is None:
        text = span_text(sent)
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        cached = per_sentence[key] = (
            text.strip(),
            sent.start_char + lead,
            sent.end_char - trail,
        )
    sentence, start, end = cached
    return Evidence(
        sentence=sentence,
        start=start,
        end=end,
        article_id=article_id,
        source=source,
        published=published,
    )
