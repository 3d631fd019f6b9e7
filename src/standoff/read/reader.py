"""The Reader: cleans an article, parses it with spaCy, and runs the extractors."""

from __future__ import annotations

import hashlib
from datetime import date

from standoff.model import Article, RawArticle, Reading


class Reader:
    """Reads raw articles into Readings. Load once; call :meth:`read` many times."""

    def __init__(self, actors_file: str | None = None) -> None:
        self.actors_file = actors_file

    def read(self, raw: RawArticle, published: date | None = None) -> Reading:
        text = raw.text or raw.html or ""
        article = Article(
            id=hashlib.sha256(text.encode()).hexdigest()[:16],
            title=raw.title,
            published=published or raw.published,
            source=raw.source,
            url=raw.url,
            paragraphs=[p for p in text.splitlines() if p.strip()],
            text="\n\n".join(p for p in text.splitlines() if p.strip()),
        )
        return Reading(article=article)


def read_raw(raw: RawArticle, published: date | None = None) -> Reading:
    return Reader().read(raw, published)
