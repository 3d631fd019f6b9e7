"""Many Readings -> one Standoff, as known on a date. Pure: no I/O, no clock.

:func:`build_standoff` is the entry point other layers call (the brief of
``standoff brief PATH...``, the forecast). It keeps only articles published on
or before ``as_of``, replays them in publication order through the threat and
proposal ledgers, and expires deadlines that passed with nothing reported.
Threats come out ranked, the main one first (:mod:`standoff.track.rank`), each
with its label and whether it is still live as of that date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from standoff.grammar import count
from standoff.model import (
    Actor,
    Claim,
    Event,
    Proposal,
    Reading,
    Standoff,
    Threat,
    Warning,
)
from standoff.track import evidence as ev
from standoff.track.keys import country
from standoff.track.proposals import ProposalLedger
from standoff.track.rank import rank_threats
from standoff.track.threats import ThreatLedger

EventKey = tuple[str, str | None, str, str | None, date | None]


def event_day(event: Event, published: date | None) -> date | None:
    """The day an event happened: its resolved date, else the day it was reported."""
    if event.date is not None and event.date.value is not None:
        return event.date.value
    return ev.day_of(event.evidence, published)


def _event_key(event: Event, published: date | None) -> EventKey:
    # The same event told by many articles: same type, mode, countries and day.
    target = country(event.target) if event.target else None
    return (event.type, event.mode, country(event.source), target, event_day(event, published))


def _select(readings: Iterable[Reading], as_of: date | None) -> tuple[list[Reading], list[Warning]]:
    """Readings published on or before ``as_of``, in publication order (undated last)."""
    kept: list[Reading] = []
    undated = 0
    for reading in readings:
        published = reading.article.published
        if as_of is not None and published is None:
            undated += 1
            continue
        if as_of is not None and published is not None and published > as_of:
            continue
        kept.append(reading)
    kept.sort(key=lambda r: (r.article.published or date.max, r.article.id))
    warnings = []
    if undated:
        warnings.append(
            Warning(
                kind="undated_articles_left_out",
                message=f"{count(undated, 'article')} with no publication date left out of the "
                f"standoff as of {as_of}",
            )
        )
    return kept, warnings


def _anchor_threat(threat: Threat, reading: Reading) -> Threat:
    return threat.model_copy(
        update={"evidence": [ev.anchored(e, reading.article) for e in threat.evidence]}
    )


def _anchor_proposal(proposal: Proposal, reading: Reading) -> Proposal:
    return proposal.model_copy(
        update={"evidence": [ev.anchored(e, reading.article) for e in proposal.evidence]}
    )


@dataclass
class _Fold:
    """What the replay carries from one article to the next (the ledgers and the
    events, claims and actors seen so far)."""

    threats: ThreatLedger = field(default_factory=ThreatLedger)
    proposals: ProposalLedger = field(default_factory=ProposalLedger)
    actors: dict[str, Actor] = field(default_factory=dict)
    events: dict[EventKey, Event] = field(default_factory=dict)
    claims: dict[tuple[str, str, str], Claim] = field(default_factory=dict)
    warnings: list[Warning] = field(default_factory=list)
    last_news: date | None = None

    def copy(self) -> _Fold:
        """An independent copy (actors, events and claims are never changed once kept)."""
        return _Fold(
            self.threats.copy(),
            self.proposals.copy(),
            dict(self.actors),
            dict(self.events),
            dict(self.claims),
            list(self.warnings),
            self.last_news,
        )

    def feed(self, reading: Reading) -> None:
        """Replay one article through the ledgers."""
        published = reading.article.published
        for actor in reading.actors:
            self.actors.setdefault(actor.code, actor.model_copy(update={"mentions": []}))
        anchored_events = [
            e.model_copy(update={"evidence": ev.anchored(e.evidence, reading.article)})
            for e in reading.events
        ]
        # A threat naming third parties first: a statement about one of them ("India
        # could face tariffs") then joins the secondary threat it belongs to.
        for threat in sorted(reading.threats, key=lambda t: not t.third_parties):
            self.threats.add(_anchor_threat(threat, reading), published)
        for proposal in reading.proposals:
            self.proposals.add(_anchor_proposal(proposal, reading), published)
        for event in anchored_events:
            if event.type == "SANCTION":
                self.threats.sanction(event, published)
            self.proposals.event(event, published)
            self.events.setdefault(_event_key(event, published), event)
        self.threats.settle()
        if published is not None:
            # After the article, not before: a deadline it moves or a measure it reports
            # as taken is not expired in the meantime.
            self.threats.pass_time(published, self.last_news or published)
            self.last_news = published
        for claim in reading.claims:
            anchored = claim.model_copy(
                update={"evidence": ev.anchored(claim.evidence, reading.article)}
            )
            self.claims.setdefault((claim.kind.value, claim.actor, claim.text), anchored)
        self.warnings.extend(reading.warnings)

    def finish(self, kept: list[Reading], as_of: date | None, warnings: list[Warning]) -> Standoff:
        """The Standoff of the articles ``kept`` (all fed), as known on ``as_of``.
        Changes the ledgers: a fold is finished once."""
        dated = [r.article.published for r in kept if r.article.published is not None]
        effective = as_of if as_of is not None else (max(dated) if dated else None)
        if effective is not None:
            # Deadlines strictly before as_of have passed; one on as_of is still live.
            self.threats.pass_time(effective, self.last_news)
        ordered_events = sorted(
            self.events.values(),
            key=lambda e: (event_day(e, e.evidence.published) or date.max, e.type),
        )
        return Standoff(
            as_of=effective,
            articles=[r.article for r in kept],
            actors=sorted(self.actors.values(), key=lambda a: a.code),
            events=ordered_events,
            claims=list(self.claims.values()),
            threats=rank_threats(self.threats.records(effective), ordered_events),
            proposals=self.proposals.records(),
            warnings=[*warnings, *self.warnings],
        )


def build_standoff(readings: Iterable[Reading], as_of: date | None = None) -> Standoff:
    """Merge Readings into the Standoff as known on ``as_of``.

    ``as_of`` None means "as of the latest article": the result's ``as_of`` is
    then the latest publication date. Only articles published on or before
    ``as_of`` count; a deadline before ``as_of`` with nothing reported is
    expired as of the deadline. Events told by several articles are kept once
    (the earliest report); every evidence is anchored to its article, outlet
    and publication date.
    """
    kept, warnings = _select(readings, as_of)
    fold = _Fold()
    for reading in kept:
        fold.feed(reading)
    return fold.finish(kept, as_of, warnings)


def _shared(old: list[Reading], new: list[Reading]) -> int:
    """How many Readings the two sequences begin with in common."""
    n = 0
    for a, b in zip(old, new, strict=False):
        if a is not b and a != b:  # untouched Readings are the same objects: `is` suffices
            break
        n += 1
    return n


class Replay:
    """:func:`build_standoff` that remembers where it has been, for builds that differ
    little from the last one (an earlier ``as_of``, an analyst's correction, a new article).

    The replay is a fold over the articles in publication order, so its state after
    the first *n* articles depends on those *n* alone. A Replay keeps a copy of that
    state every ``every`` articles (:mod:`standoff.track.copying`), and a build starts
    from the latest copy whose articles it shares with the last sequence replayed,
    compared Reading by Reading. The result is the one :func:`build_standoff` gives.
    Not thread-safe: one build at a time.
    """

    def __init__(self, every: int = 250) -> None:
        if every < 1:
            raise ValueError(f"every must be at least 1 (got {every})")
        self.every = every
        self._sequence: list[Reading] = []
        self._checkpoints: dict[int, _Fold] = {}  # articles folded -> the state then
        self.replayed = 0  # articles the last build fed (the rest came from a checkpoint)

    def build(self, readings: Iterable[Reading], as_of: date | None = None) -> Standoff:
        """The Standoff :func:`build_standoff` would give for ``readings`` and ``as_of``."""
        kept, warnings = _select(readings, as_of)
        shared = _shared(self._sequence, kept)
        if shared < len(kept):
            # Another sequence from `shared` on: later checkpoints do not hold for it.
            self._sequence = kept
            self._checkpoints = {n: f for n, f in self._checkpoints.items() if n <= shared}
        start = max((n for n in self._checkpoints if n <= len(kept)), default=0)
        fold = self._checkpoints[start].copy() if start else _Fold()
        for n in range(start, len(kept)):
            fold.feed(kept[n])
            if (n + 1) % self.every == 0 and n + 1 not in self._checkpoints:
                self._checkpoints[n + 1] = fold.copy()
        self.replayed = len(kept) - start
        return fold.finish(kept, as_of, warnings)


__all__ = ["Replay", "build_standoff", "event_day"]
