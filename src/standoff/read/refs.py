"""A mention of an actor in a parsed article: the small type every reader step passes on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from standoff.read.actors import ActorEntry


@dataclass(frozen=True)
class Ref:
    """One mention of an actor in the document."""

    entry: ActorEntry
    start: int  # token index
    end: int
    how: str = "dictionary"

    @property
    def code(self) -> str:
        return self.entry.code

    @property
    def country(self) -> str:
        return self.entry.country


def countries_of(refs: Iterable[Ref]) -> list[str]:
    """The country codes of some mentions, each once, in the mentions' order."""
    return list(dict.fromkeys(r.country for r in refs))
