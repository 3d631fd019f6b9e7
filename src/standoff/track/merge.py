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
    dated = [r.article.published for r in kept if r.article.published is not None]
    effective = as_of if as_of is not None else (max(dated) if dated else None)

    threats = ThreatLedger()
    proposals = ProposalLedger()
    actors: dict[str, Actor] = {}
    events: dict[EventKey, Event] = {}
    claims: dict[tuple[str, str, str], Claim] = {}
    last_news: date | None = None

    for reading in kept:
        published = reading.article.published
        for actor in reading.actors:
            actors.setdefault(actor.code, actor.model_copy(update={"mentions": []}))
        anchored_events = [
            e.model_copy(update={"evidence": ev.anchored(e.evidence, reading.article)})
            for e in reading.events
        ]
        # A threat naming third parties first: a statement about one of them ("India
        # could face tariffs") then joins the secondary threat it belongs to.
        for threat in sorted(reading.threats, key=lambda t: not t.third_parties):
            threats.add(_anchor_threat(threat, reading), published)
        for proposal in reading.proposals:
            proposals.add(_anchor_proposal(proposal, reading), published)
        for event in anchored_events:
            if event.type == "SANCTION":
                threats.sanction(event, published)
            proposals.event(event, published)
            events.setdefault(_event_key(event, published), event)
        threats.settle()
        if published is not None:
            # After the article, not before: a deadline it moves or a measure it reports
            # as taken is not expired in the meantime.
            threats.pass_time(published, last_news or published)
            last_news = published
        for claim in reading.claims:
            anchored = claim.model_copy(
                update={"evidence": ev.anchored(claim.evidence, reading.article)}
            )
            claims.setdefault((claim.kind.value, claim.actor, claim.text), anchored)
        warnings.extend(reading.warnings)

    if effective is not None:
        # Deadlines strictly before as_of have passed; one on as_of is still live.
        threats.pass_time(effective, last_news)

    ordered_events = sorted(
        events.values(),
        key=lambda e: (event_day(e, e.evidence.published) or date.max, e.type),
    )
    return Standoff(
        as_of=effective,
        articles=[r.article for r in kept],
        actors=sorted(actors.values(), key=lambda a: a.code),
        events=ordered_events,
        claims=list(claims.values()),
        threats=rank_threats(threats.records(effective), ordered_events),
        proposals=proposals.records(),
        warnings=warnings,
    )


__all__ = ["build_standoff", "event_day"]
