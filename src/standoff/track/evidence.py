"""Evidence helpers: fill in an item's article fields, and key evidence for de-duplication."""

from __future__ import annotations

from datetime import date

from standoff.model import Article, Evidence

EvidenceKey = tuple[str | None, int, int, str]


def anchored(evidence: Evidence, article: Article) -> Evidence:
    """The evidence with its article id, source and publication date filled from ``article``.

    A reader may leave these empty on an item; the tracker fills them so that
    every ledger entry names the article, outlet and date it came from.
    """
    update: dict[str, object] = {}
    if evidence.article_id is None:
        update["article_id"] = article.id
    if evidence.source is None and article.source is not None:
        update["source"] = article.source
    if evidence.published is None and article.published is not None:
        update["published"] = article.published
    return evidence.model_copy(update=update) if update else evidence


def key(evidence: Evidence) -> EvidenceKey:
    """Two pieces of evidence are the same when article, offsets and sentence agree."""
    return (evidence.article_id, evidence.start, evidence.end, evidence.sentence)


def day_of(evidence: Evidence | None, fallback: date | None) -> date | None:
    """The date an item was reported: its evidence's publication date, else ``fallback``."""
    if evidence is not None and evidence.published is not None:
        return evidence.published
    return fallback
