"""The proposal ledger: one record per proposal across articles, with a dated history.

Proposals are the same when their names share their content words ("air-strike
moratorium" and "moratorium on air strikes" differ; "ceasefire" and "30-day
ceasefire" agree on "ceasefire"). States::

    floated -> backed (a new supporter) | rejected (a new opponent)
            -> agreed (an AGREE event that names it near its cue, with one of its parties
               on a side; a meeting also by a CONSULT event between its parties)
            |  dropped (a sponsor turns against it)

Every change names the actor behind it ("backed by UKR", "agreed by RUSGOV with USA").

``held`` is also written to the history (state stays ``agreed``) when a CONSULT
event reports that a proposed meeting took place.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from standoff.model import Event, Evidence, Proposal, ProposalRecord, ProposalState, StateChange
from standoff.track import evidence as ev
from standoff.track.copying import fresh
from standoff.track.keys import country, proposal_key, words

# Proposals that are meetings: a CONSULT event naming one means it was held.
MEETINGS = frozenset({"summit", "meeting", "talk", "negotiation", "visit"})
# Which event types move a proposal, and to which state.
EVENT_STATES: dict[str, ProposalState] = {
    "AGREE": ProposalState.AGREED,
    "CONSULT": ProposalState.AGREED,
}


_STATES = frozenset(s.value for s in ProposalState)
# Words either side of an event's cue that the event can be about.
WINDOW = 6
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


# Pure and asked again for the same sentences on every rebuild of a standoff (the web
# workspace rebuilds after each correction): computed once per sentence and cue.
@lru_cache(maxsize=65536)
def _near_cue(sentence: str, cue: str) -> frozenset[str]:
    """The content words within ``WINDOW`` words of the cue's words in ``sentence``
    (the cue's own words included); the whole sentence when the cue is not found."""
    tokens = _TOKEN.findall(sentence)
    stems = [words(t.replace("-", " ")) for t in tokens]
    cue_words = words(cue.replace("-", " "))
    at = [i for i, s in enumerate(stems) if s & cue_words]
    if not at:
        return words(sentence.replace("-", " ")) if not cue_words else cue_words
    near: set[str] = set(cue_words)
    for i in at:
        for s in stems[max(0, i - WINDOW) : i + WINDOW + 1]:
            near |= s
    return frozenset(near)


@dataclass
class _Entry:
    record: ProposalRecord
    key: frozenset[str]
    floated: date | None
    seen: set[ev.EvidenceKey] = field(default_factory=set)
    held: bool = False


def _proposal_id(key: frozenset[str], evidence: list[Evidence], taken: set[str]) -> str:
    """A stable id: the same first statement gives the same id whatever the as_of."""
    first = evidence[0] if evidence else None
    anchor = f"{first.article_id}|{first.start}|{first.sentence}" if first else ""
    text = f"{'+'.join(sorted(key))}|{anchor}"
    ident = f"P-{hashlib.sha1(text.encode()).hexdigest()[:8]}"
    serial = 1
    while ident in taken:
        serial += 1
        ident = f"P-{hashlib.sha1(f'{text}|{serial}'.encode()).hexdigest()[:8]}"
    return ident


class ProposalLedger:
    """Builds proposal records from proposals and events fed in publication order."""

    def __init__(self) -> None:
        self._entries: list[_Entry] = []

    def copy(self) -> ProposalLedger:
        """An independent copy of the ledger (see :mod:`standoff.track.copying`)."""
        copied = ProposalLedger()
        copied._entries = [fresh(e) for e in self._entries]
        return copied

    def add(self, proposal: Proposal, published: date | None) -> None:
        """Record one proposal as read from an article published on ``published``."""
        key = proposal_key(proposal.name)
        first = proposal.evidence[0] if proposal.evidence else None
        day = ev.day_of(first, published)
        entry = self._find(key)
        if entry is None:
            record = ProposalRecord(
                id=_proposal_id(key, proposal.evidence, {e.record.id for e in self._entries}),
                name=proposal.name,
                text=proposal.text,
                sponsors=list(dict.fromkeys(proposal.sponsors)),
                history=[
                    StateChange(
                        date=day,
                        state=ProposalState.FLOATED.value,
                        detail=f"floated by {', '.join(proposal.sponsors) or 'unnamed sponsor'}",
                        evidence=first,
                    )
                ],
            )
            entry = _Entry(record=record, key=key, floated=day)
            self._entries.append(entry)
        record = entry.record
        for sponsor in proposal.sponsors:
            if sponsor not in record.sponsors:
                record.sponsors.append(sponsor)
        self._stand(entry, proposal.supporters, record.supporters, ProposalState.BACKED, day, first)
        self._stand(entry, proposal.opponents, record.opponents, ProposalState.REJECTED, day, first)
        self._add_evidence(entry, proposal.evidence)

    def event(self, event: Event, published: date | None) -> None:
        """Apply an AGREE or CONSULT event that names a proposal.

        The event names the proposal when the proposal's words stand in its cue or
        within :data:`WINDOW` words of it (a sentence that mentions a ceasefire in one
        clause and agrees on something else in another names no ceasefire). A CONSULT
        holds a meeting only between the meeting's parties: both countries of the
        event among those who sponsored, backed or opposed it (one of them when it
        names a single party).
        """
        target = EVENT_STATES.get(event.type)
        if target is None or not self._entries:
            return
        near = _near_cue(event.evidence.sentence, event.cue)
        when = (event.date.value if event.date else None) or ev.day_of(event.evidence, published)
        for entry in self._entries:
            if not entry.key or not entry.key <= near:
                continue
            if entry.floated and when and when < entry.floated:
                continue  # an event before the proposal existed is not its outcome
            is_meeting = bool(entry.key & MEETINGS)
            if event.type == "CONSULT" and not (is_meeting and self._between_parties(entry, event)):
                continue
            if event.type == "AGREE" and not self._a_party_agrees(entry, event):
                continue
            record = entry.record
            who = f"{event.source}" + (f" with {event.target}" if event.target else "")
            cue = f": {event.cue}" if event.cue else ""
            if record.state != ProposalState.AGREED:
                verb = "held" if event.type == "CONSULT" else "agreed"
                detail = f"{verb} by {who} ({event.type}{cue})"
                self._change(entry, ProposalState.AGREED.value, when, detail, event.evidence)
                entry.held = event.type == "CONSULT"
            elif event.type == "CONSULT" and not entry.held:
                entry.held = True
                detail = f"held by {who} ({event.type}{cue})"
                self._change(entry, "held", when, detail, event.evidence)
            self._add_evidence(entry, [event.evidence])

    @staticmethod
    def _between_parties(entry: _Entry, event: Event) -> bool:
        parties, sides = _parties_and_sides(entry, event)
        if len(parties) <= 1:
            return bool(parties & sides)
        return sides <= parties

    @staticmethod
    def _a_party_agrees(entry: _Entry, event: Event) -> bool:
        """Whether an AGREE event is about this proposal's parties: one side of it sponsored,
        backed or opposed the proposal (a proposal with no known party takes any). China
        and the US agreeing on tariffs in a sentence that mentions a Gulf truce agree to no
        truce."""
        parties, sides = _parties_and_sides(entry, event)
        return not parties or bool(parties & sides)

    def records(self) -> list[ProposalRecord]:
        return [e.record for e in self._entries]

    # ----------------------------------------------------------------- internals

    def _find(self, key: frozenset[str]) -> _Entry | None:
        for entry in reversed(self._entries):
            if entry.key and key and (entry.key <= key or key <= entry.key):
                return entry
        return None

    def _stand(
        self,
        entry: _Entry,
        actors: list[str],
        into: list[str],
        state: ProposalState,
        day: date | None,
        evidence: Evidence | None,
    ) -> None:
        """Add supporters or opponents; each new one is a dated change."""
        record = entry.record
        sponsors = {country(s) for s in record.sponsors}
        for actor in actors:
            if actor in into:
                continue
            into.append(actor)
            if state == ProposalState.REJECTED and country(actor) in sponsors:
                self._change(
                    entry, ProposalState.DROPPED.value, day, f"dropped by {actor}", evidence
                )
            elif record.state not in (ProposalState.AGREED, ProposalState.DROPPED):
                verb = "backed" if state == ProposalState.BACKED else "rejected"
                self._change(entry, state.value, day, f"{verb} by {actor}", evidence)

    def _change(
        self, entry: _Entry, state: str, when: date | None, detail: str, evidence: Evidence | None
    ) -> None:
        if state in _STATES:
            entry.record.state = ProposalState(state)
        entry.record.history.append(
            StateChange(date=when, state=state, detail=detail, evidence=evidence)
        )

    def _add_evidence(self, entry: _Entry, evidence: list[Evidence]) -> None:
        for item in evidence:
            k = ev.key(item)
            if k not in entry.seen:
                entry.seen.add(k)
                entry.record.evidence.append(item)


def _parties_and_sides(entry: _Entry, event: Event) -> tuple[set[str], set[str]]:
    """The countries that sponsored, backed or opposed a proposal, and the event's sides."""
    record = entry.record
    parties = {country(c) for c in (*record.sponsors, *record.supporters, *record.opponents)}
    sides = {country(event.source)} | ({country(event.target)} if event.target else set())
    return parties, sides
