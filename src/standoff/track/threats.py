"""The threat ledger: one record per threat across articles, with a dated history.

A threat read from an article is matched to a record with the same sender and
target countries whose measures, demand or deadline overlap; otherwise it opens
a new record. States::

    issued -> modified (deadline moved, measures added)
           -> carried_out | partly_carried_out | expired | withdrawn

Every change is a :class:`~standoff.model.StateChange` dated by the article that
reports it (or, for an expiry nobody reported, by the deadline itself), with
the sentence that supports it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from standoff.model import (
    DatePrecision,
    Event,
    Evidence,
    ResolvedDate,
    StateChange,
    Threat,
    ThreatRecord,
    ThreatStatus,
)
from standoff.track import evidence as ev
from standoff.track.keys import country, jaccard, measure_words, words

# States in which a threat still waits on its deadline.
OPEN = frozenset({ThreatStatus.PENDING, ThreatStatus.MODIFIED})
# A reader's status that the ledger records as a change of its own.
REPORTED = frozenset(
    {
        ThreatStatus.CARRIED_OUT,
        ThreatStatus.PARTLY_CARRIED_OUT,
        ThreatStatus.EXPIRED,
        ThreatStatus.WITHDRAWN,
    }
)
# Deadlines this close are the same deadline restated ("about August 8" vs "August 8").
DEADLINE_SLACK = timedelta(days=1)
# Demands sharing this share of content words are the same demand.
DEMAND_OVERLAP = 0.3


@dataclass
class _Entry:
    """A record under construction plus what matching needs to remember."""

    record: ThreatRecord
    key: tuple[str, str]
    issued: date | None
    measure_words: frozenset[str]
    demand_words: frozenset[str]
    deadline_evidence: Evidence | None
    superseded: list[date] = field(default_factory=list)
    seen: set[ev.EvidenceKey] = field(default_factory=set)
    deadline_passed_noted: set[date] = field(default_factory=set)

    def deadlines(self) -> list[date]:
        current = self.record.deadline.value if self.record.deadline else None
        return [*self.superseded, *([current] if current else [])]


def _near(a: date, b: date) -> bool:
    return abs(a - b) <= DEADLINE_SLACK


def _match_score(entry: _Entry, threat: Threat) -> float | None:
    """How well ``threat`` fits ``entry`` (higher is better), or None when it is another threat."""
    mw = measure_words(threat.measures)
    dw = words(threat.demand)
    measures = jaccard(entry.measure_words, mw)
    demand = jaccard(entry.demand_words, dw)
    deadline = threat.deadline.value if threat.deadline else None
    same_deadline = deadline is not None and any(_near(deadline, d) for d in entry.deadlines())
    # Nothing to tell them apart: a bare restatement ("the threat against Moscow").
    unspecific = not mw or not entry.measure_words
    if measures > 0 or demand >= DEMAND_OVERLAP or same_deadline or unspecific:
        return measures + demand + (1.0 if same_deadline else 0.0)
    return None


def _threat_id(key: tuple[str, str], threat: Threat, taken: set[str]) -> str:
    """A stable id: the same first statement gives the same id whatever the as_of."""
    first = threat.evidence[0] if threat.evidence else None
    anchor = f"{first.article_id}|{first.start}|{first.sentence}" if first else ""
    text = f"{key[0]}|{key[1]}|{anchor}|{'|'.join(threat.measures)}"
    ident = f"T-{hashlib.sha1(text.encode()).hexdigest()[:8]}"
    serial = 1
    while ident in taken:  # two threats in one sentence with the same measures
        serial += 1
        ident = f"T-{hashlib.sha1(f'{text}|{serial}'.encode()).hexdigest()[:8]}"
    return ident


def _fmt(deadline: ResolvedDate | None) -> str:
    if deadline is None or deadline.value is None:
        return "none"
    return f"{'about ' if deadline.approximate else ''}{deadline.value.isoformat()}"


class ThreatLedger:
    """Builds threat records from threats and SANCTION events fed in publication order."""

    def __init__(self) -> None:
        self._entries: list[_Entry] = []

    # ----------------------------------------------------------------- feeding

    def add(self, threat: Threat, published: date | None) -> None:
        """Record one threat as read from an article published on ``published``."""
        key = (country(threat.sender), country(threat.target))
        entry = self._find(key, threat)
        first = threat.evidence[0] if threat.evidence else None
        day = ev.day_of(first, published)
        if entry is None:
            entry = self._open(key, threat, day, first)
        else:
            self._restate(entry, threat, day, first)
        self._add_evidence(entry, threat.evidence)
        if threat.status in REPORTED and threat.status != entry.record.status:
            when = day
            if threat.status == ThreatStatus.EXPIRED and entry.record.deadline:
                when = entry.record.deadline.value or day
            self._change(entry, threat.status, when, "reported", first)

    def sanction(self, event: Event, published: date | None) -> None:
        """Apply a SANCTION event: a threat whose sender imposed measures on its target
        (carried out) or on one of its third parties (partly carried out)."""
        if event.target is None:
            return
        src, dst = country(event.source), country(event.target)
        when = (event.date.value if event.date else None) or ev.day_of(event.evidence, published)
        for entry in self._entries:
            record = entry.record
            if entry.key[0] != src or record.status == ThreatStatus.CARRIED_OUT:
                continue
            if record.status == ThreatStatus.WITHDRAWN:
                continue
            # Only measures taken after the threat was issued can carry it out.
            if when is not None and entry.issued is not None and when < entry.issued:
                continue
            if dst == entry.key[1]:
                status = ThreatStatus.CARRIED_OUT
            elif dst in {country(t) for t in record.third_parties}:
                status = ThreatStatus.PARTLY_CARRIED_OUT
            else:
                continue
            if status == record.status:
                self._add_evidence(entry, [event.evidence])
                continue
            self._change(
                entry, status, when, f"{event.type} {event.source}->{event.target}", event.evidence
            )
            self._add_evidence(entry, [event.evidence])

    def pass_time(self, today: date, last_news: date | None) -> None:
        """Expire open threats whose deadline is before ``today`` with nothing reported.

        ``last_news`` is the latest publication date seen so far (the detail says
        nothing had been reported up to then).
        """
        for entry in self._entries:
            record = entry.record
            deadline = record.deadline.value if record.deadline else None
            if deadline is None or deadline >= today:
                continue
            seen = f" up to {last_news.isoformat()}" if last_news else ""
            if record.status in OPEN:
                self._change(
                    entry,
                    ThreatStatus.EXPIRED,
                    deadline,
                    f"deadline {_fmt(record.deadline)} passed with no measure reported{seen}",
                    entry.deadline_evidence,
                )
            elif (
                record.status == ThreatStatus.PARTLY_CARRIED_OUT
                and deadline not in entry.deadline_passed_noted
            ):
                # The status stays: part of the threat was done; the history still
                # shows that the deadline went by without measures on the target.
                entry.deadline_passed_noted.add(deadline)
                record.history.append(
                    StateChange(
                        date=deadline,
                        state="deadline_passed",
                        detail=(
                            f"deadline {_fmt(record.deadline)} passed with no measure on "
                            f"{record.target} reported{seen}"
                        ),
                        evidence=entry.deadline_evidence,
                    )
                )

    def records(self) -> list[ThreatRecord]:
        """The records, in order of issue."""
        return [e.record for e in self._entries]

    # ----------------------------------------------------------------- internals

    def _find(self, key: tuple[str, str], threat: Threat) -> _Entry | None:
        best: tuple[float, int] | None = None
        for index, entry in enumerate(self._entries):
            if entry.key != key:
                continue
            score = _match_score(entry, threat)
            # Ties go to the latest record: a restatement refers to the live threat.
            if score is not None and (best is None or score >= best[0]):
                best = (score, index)
        return None if best is None else self._entries[best[1]]

    def _open(
        self, key: tuple[str, str], threat: Threat, day: date | None, first: Evidence | None
    ) -> _Entry:
        record = ThreatRecord(
            id=_threat_id(key, threat, {e.record.id for e in self._entries}),
            sender=threat.sender,
            target=threat.target,
            third_parties=list(dict.fromkeys(threat.third_parties)),
            demand=threat.demand,
            measures=list(dict.fromkeys(threat.measures)),
            deadline=threat.deadline,
            status=ThreatStatus.PENDING,
        )
        detail = (
            f"{threat.sender} -> {threat.target}: "
            f"{', '.join(threat.measures) or 'measures unstated'}"
            f"; deadline {_fmt(threat.deadline)}"
        )
        record.history.append(StateChange(date=day, state="issued", detail=detail, evidence=first))
        entry = _Entry(
            record=record,
            key=key,
            issued=day,
            measure_words=measure_words(threat.measures),
            demand_words=words(threat.demand),
            deadline_evidence=first if threat.deadline else None,
        )
        self._entries.append(entry)
        return entry

    def _restate(
        self, entry: _Entry, threat: Threat, day: date | None, first: Evidence | None
    ) -> None:
        record = entry.record
        changes: list[str] = []
        new = threat.deadline.value if threat.deadline else None
        old = record.deadline.value if record.deadline else None
        # Only a day-precise date moves a deadline: "early September" restates, it does not move.
        if old is not None and threat.deadline and threat.deadline.precision != DatePrecision.DAY:
            new = None
        # A deadline already replaced is history being retold, not a move back.
        if new is not None and (old is None or not _near(new, old)):
            if not any(_near(new, d) for d in entry.superseded):
                changes.append(
                    f"deadline moved from {_fmt(record.deadline)} to {_fmt(threat.deadline)}"
                )
                if old is not None:
                    entry.superseded.append(old)
                record.deadline = threat.deadline
                entry.deadline_evidence = first
        added = [m for m in threat.measures if not (measure_words([m]) <= entry.measure_words)]
        if added:
            changes.append(f"measures added: {', '.join(added)}")
            record.measures = list(dict.fromkeys([*record.measures, *added]))
            entry.measure_words = entry.measure_words | measure_words(added)
        for party in threat.third_parties:
            if party not in record.third_parties:
                record.third_parties.append(party)
        if record.demand is None and threat.demand:
            record.demand = threat.demand
            entry.demand_words = words(threat.demand)
        if changes:
            # A moved deadline re-opens an expired threat: it is live again.
            if record.status in OPEN or record.status == ThreatStatus.EXPIRED:
                self._change(entry, ThreatStatus.MODIFIED, day, "; ".join(changes), first)
            else:
                record.history.append(
                    StateChange(
                        date=day, state="modified", detail="; ".join(changes), evidence=first
                    )
                )

    def _change(
        self,
        entry: _Entry,
        status: ThreatStatus,
        when: date | None,
        detail: str,
        evidence: Evidence | None,
    ) -> None:
        entry.record.status = status
        entry.record.history.append(
            StateChange(date=when, state=status.value, detail=detail, evidence=evidence)
        )

    def _add_evidence(self, entry: _Entry, evidence: list[Evidence]) -> None:
        for item in evidence:
            k = ev.key(item)
            if k not in entry.seen:
                entry.seen.add(k)
                entry.record.evidence.append(item)
