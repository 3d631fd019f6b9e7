"""What the overview page says about a standoff: the main threat, its countdown, key
numbers and what changed since a date. Pure functions over a Standoff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from standoff.model import Evidence, Standoff, StateChange, ThreatRecord, ThreatStatus
from standoff.show import formats as fmt
from standoff.track.keys import country

LIVE = frozenset({ThreatStatus.PENDING, ThreatStatus.MODIFIED})


def main_threat(standoff: Standoff) -> ThreatRecord | None:
    """The threat the standoff turns on: one with stated measures first (a threat of
    nothing in particular never headlines while one with measures exists), then a live
    one, then the one with the nearest deadline, then the one with the most evidence.

    The tracker's own ranking (``ThreatRecord.rank`` 1, the brief's main threat) wins when
    it is there; the rule above is the fallback.
    """
    if not standoff.threats:
        return None
    ranked = [t for t in standoff.threats if t.rank == 1]
    if ranked:
        return ranked[0]

    def rank(threat: ThreatRecord) -> tuple[bool, bool, bool, date, int, str]:
        deadline = threat.deadline.value if threat.deadline else None
        return (
            not threat.measures,
            threat.status not in LIVE,
            deadline is None,
            deadline or date.max,
            -len(threat.evidence),
            threat.id,
        )

    return min(standoff.threats, key=rank)


@dataclass(frozen=True)
class Countdown:
    """Days from ``as_of`` to a live threat's deadline (negative once passed)."""

    days: int
    deadline: date

    def text(self) -> str:
        if self.days > 1:
            return f"{self.days} days left"
        if self.days == 1:
            return "1 day left"
        if self.days == 0:
            return "deadline today"
        return f"deadline passed {-self.days} day{'s' if self.days < -1 else ''} ago"


def countdown(threat: ThreatRecord, as_of: date | None) -> Countdown | None:
    if as_of is None or threat.deadline is None or threat.deadline.value is None:
        return None
    return Countdown((threat.deadline.value - as_of).days, threat.deadline.value)


def threat_title(threat: ThreatRecord) -> str:
    """A person's name for a threat: the tracker's label, else
    ``USA -> RUS: secondary tariffs; deadline 2025-08-08``."""
    if threat.label:
        return threat.label
    measures = ", ".join(threat.measures) or "measures not stated"
    deadline = f"deadline {fmt.resolved(threat.deadline)}" if threat.deadline else "no deadline"
    return f"{threat.sender} -> {threat.target}: {measures}; {deadline}"


@dataclass(frozen=True)
class Change:
    """One dated change of a ledger entry, for "what changed since"."""

    date: date
    record_id: str
    what: str  # the record's title
    state: str
    detail: str
    evidence: Evidence | None


def changes_since(standoff: Standoff, since: date) -> list[Change]:
    """Ledger changes dated after ``since`` (up to the standoff's date), newest first."""
    out: list[Change] = []

    def add(record_id: str, what: str, history: list[StateChange]) -> None:
        for change in history:
            if change.date is not None and change.date > since:
                out.append(
                    Change(
                        change.date, record_id, what, change.state, change.detail, change.evidence
                    )
                )

    for threat in standoff.threats:
        add(threat.id, threat_title(threat), threat.history)
    for proposal in standoff.proposals:
        add(proposal.id, proposal.name, proposal.history)
    out.sort(key=lambda c: (c.date, c.record_id), reverse=True)
    return out


@dataclass(frozen=True)
class Numbers:
    articles: int
    events: int
    actors: int
    countries: int
    threats: int
    live_threats: int
    proposals: int
    warnings: int


def key_numbers(standoff: Standoff) -> Numbers:
    return Numbers(
        articles=len(standoff.articles),
        events=len(standoff.events),
        actors=len(standoff.actors),
        countries=len({country(a.code) for a in standoff.actors}),
        threats=len(standoff.threats),
        live_threats=sum(1 for t in standoff.threats if t.status in LIVE),
        proposals=len(standoff.proposals),
        warnings=len(standoff.warnings),
    )
