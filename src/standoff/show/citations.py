"""Footnotes: every number or claim shown points to its evidence or model card.

A :class:`Citations` registry hands out one index per distinct evidence
sentence (or model card, or list of data sources); renderers print the index
beside the cell and list the notes at the end of the brief.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from standoff.model import Evidence


class NoteKind(StrEnum):
    EVIDENCE = "evidence"  # a sentence of an article
    MODEL_CARD = "model_card"  # a path under docs/models/
    SOURCES = "sources"  # data sources named by a forecast row


@dataclass(frozen=True)
class Note:
    """One footnote: ``index`` is 1-based and stable within one brief."""

    index: int
    kind: NoteKind
    text: str
    source: str | None = None
    published: date | None = None
    article_id: str | None = None

    def where(self) -> str:
        """The outlet and date of an evidence note, e.g. ``reuters.com, 2025-07-14``."""
        parts = [self.source or "unknown source"]
        if self.published is not None:
            parts.append(self.published.isoformat())
        return ", ".join(parts)


class Citations:
    """Assigns footnote indices, one per distinct evidence sentence or model card."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[object, ...], Note] = {}

    def _add(
        self,
        key: tuple[object, ...],
        kind: NoteKind,
        text: str,
        evidence: Evidence | None = None,
    ) -> int:
        note = self._by_key.get(key)
        if note is None:
            note = Note(
                index=len(self._by_key) + 1,
                kind=kind,
                text=text,
                source=evidence.source if evidence else None,
                published=evidence.published if evidence else None,
                article_id=evidence.article_id if evidence else None,
            )
            self._by_key[key] = note
        return note.index

    def evidence(self, evidence: Evidence | None) -> tuple[int, ...]:
        """The index of an evidence sentence (empty when there is none)."""
        if evidence is None:
            return ()
        key = ("e", evidence.article_id, evidence.start, evidence.end, evidence.sentence)
        return (self._add(key, NoteKind.EVIDENCE, evidence.sentence, evidence),)

    def all_evidence(self, evidence: list[Evidence]) -> tuple[int, ...]:
        """Indices of several evidence sentences, in order, without repeats."""
        seen: list[int] = []
        for item in evidence:
            for index in self.evidence(item):
                if index not in seen:
                    seen.append(index)
        return tuple(seen)

    def model_card(self, path: str) -> tuple[int, ...]:
        """The index of a model card (a path under ``docs/models/``)."""
        return (self._add(("m", path), NoteKind.MODEL_CARD, path),)

    def sources(self, sources: list[str]) -> tuple[int, ...]:
        """The index of a list of data sources behind a forecast row."""
        if not sources:
            return ()
        text = "; ".join(sources)
        return (self._add(("s", text), NoteKind.SOURCES, text),)

    def notes(self) -> list[Note]:
        """All notes in index order."""
        return sorted(self._by_key.values(), key=lambda n: n.index)
