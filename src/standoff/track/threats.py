"""The threat ledger: one record per threat across articles, with a dated history.

A record is keyed on the sender and target countries and on the threat's
lineage, not on one article: a later statement joins the record whose measures
are compatible (shared words, or measures of one kind, or no measure named),
whose demand overlaps, or whose deadline it restates (the current one or one it
replaced). A statement that a third party of a secondary threat ("buyers of
Russian oil such as India") faces the measures joins the threat it is the
secondary leg of. States::

    issued -> modified (deadline moved, measures added or dropped)
           -> carried_out | partly_carried_out | expired | withdrawn

A SANCTION event by the sender that matches a threatened measure carries that
measure out (an :class:`~standoff.model.Execution`): on the target, the threat is
carried out when every threatened measure has been, partly carried out before;
on a third party, partly carried out. Every change is a
:class:`~standoff.model.StateChange` dated by the article that reports it (or,
for an expiry nobody reported, by the deadline itself), with its sentence.

Feeding order for one article: :meth:`ThreatLedger.add` each threat, then
:meth:`ThreatLedger.sanction` each SANCTION event, then :meth:`ThreatLedger.settle`
(the statuses the article reports, once its events are known), then
:meth:`ThreatLedger.pass_time`. :meth:`ThreatLedger.records` finishes the
records as of a date (liveness, labels).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from standoff.model import (
    DatePrecision,
    Event,
    Evidence,
    Execution,
    ResolvedDate,
    StateChange,
    Threat,
    ThreatRecord,
    ThreatStatus,
)
from standoff.track import evidence as ev
from standoff.track.copying import fresh
from standoff.track.keys import (
    canonical,
    country,
    jaccard,
    measure_kinds,
    specific_measure_words,
    words,
)

# States in which a threat still waits on its deadline.
OPEN = frozenset({ThreatStatus.PENDING, ThreatStatus.MODIFIED})
# States after which nothing more can be done under the threat.
CLOSED = frozenset({ThreatStatus.CARRIED_OUT, ThreatStatus.WITHDRAWN})
# A reader's status that the ledger records as a change of its own.
REPORTED = frozenset(
    {
        ThreatStatus.CARRIED_OUT,
        ThreatStatus.PARTLY_CARRIED_OUT,
        ThreatStatus.EXPIRED,
        ThreatStatus.WITHDRAWN,
    }
)
DONE = frozenset({ThreatStatus.CARRIED_OUT, ThreatStatus.PARTLY_CARRIED_OUT})
# Deadlines this close are the same deadline restated ("about August 8" vs "August 8").
DEADLINE_SLACK = timedelta(days=1)
# Demands sharing this share of content words are the same demand.
DEMAND_OVERLAP = 0.3
# History state of a deadline that passed while part of the threat had been carried out.
DEADLINE_PASSED = "deadline_passed"


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
    sentences: set[str] = field(default_factory=set)
    closed: date | None = None  # when carried out in full or withdrawn
    # The article (id) whose SANCTION events last changed this record: its own
    # reported status is then already accounted for.
    acted_in: str | None = None

    def deadlines(self) -> list[date]:
        current = self.record.deadline.value if self.record.deadline else None
        return [*self.superseded, *([current] if current else [])]

    def third_countries(self) -> set[str]:
        return {country(t) for t in self.record.third_parties}


@dataclass(frozen=True)
class _Report:
    """A status an article reports for a record, applied once the article's events are in."""

    entry: _Entry
    status: ThreatStatus
    day: date | None
    evidence: Evidence | None
    article: str | None
    leg: str | None  # the third party, when the statement was about a secondary leg
    measures: tuple[str, ...]


def _near(a: date, b: date) -> bool:
    return abs(a - b) <= DEADLINE_SLACK


def _compatible(old: frozenset[str], new: frozenset[str]) -> bool:
    """Measures that can belong to one threat: shared words, one kind, or none named."""
    if not old or not new:
        return True
    return bool(old & new) or bool(measure_kinds(old) & measure_kinds(new))


def _match_score(entry: _Entry, threat: Threat, day: date | None) -> float | None:
    """How well ``threat`` fits ``entry`` (higher is better), or None when it is another threat."""
    mw = specific_measure_words(threat.measures)
    measures = jaccard(entry.measure_words, mw)
    demand = jaccard(entry.demand_words, words(threat.demand))
    deadline = threat.deadline.value if threat.deadline else None
    same_deadline = deadline is not None and any(_near(deadline, d) for d in entry.deadlines())
    compatible = _compatible(entry.measure_words, mw)
    if entry.closed is not None and deadline is not None and not same_deadline:
        # After a threat was carried out or withdrawn, a new deadline is a new threat.
        if day is None or day > entry.closed:
            return None
    if not (compatible or demand >= DEMAND_OVERLAP or same_deadline):
        return None
    return measures + demand + (1.0 if same_deadline else 0.0) + (0.5 if compatible else 0.0)


def _stating(threat: Threat) -> Evidence | None:
    """The sentence of ``threat`` that states its deadline's words, if one does."""
    text = threat.deadline.text.lower() if threat.deadline and threat.deadline.text else ""
    if not text:
        return None
    return next((e for e in threat.evidence if text in e.sentence.lower()), None)


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


def _fmt_words(deadline: ResolvedDate | None) -> str:
    """A deadline and the words it came from: ``2025-09-02 ("50 days")``."""
    words_ = f' ("{deadline.text}")' if deadline is not None and deadline.text else ""
    return _fmt(deadline) + (words_ if _fmt(deadline) != "none" else "")


def _short_day(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def label(record: ThreatRecord, limit: int = 2) -> str:
    """``USA -> RUS, secondary tariffs, deadline 8 Aug``: sender, target, up to ``limit``
    measures (one name per measure: "steep levies" after "secondary tariffs" is the
    same tariff) and the current deadline."""
    named = [m for m in record.measures if specific_measure_words([m])]
    shown: list[str] = []
    taken: set[str] = set()
    for measure in named:
        mw = specific_measure_words([measure])
        if mw & taken:  # "steep levies" after "secondary tariffs": the same tariff
            continue
        if len(shown) < limit:
            shown.append(measure)
        taken |= mw
    parts = [f"{record.sender} -> {record.target}"]
    parts.append(", ".join(shown) if shown else "no measure stated")
    value = record.deadline.value if record.deadline else None
    if value is not None:
        about = "about " if record.deadline and record.deadline.approximate else ""
        parts.append(f"deadline {about}{_short_day(value)}")
    return ", ".join(parts)


def is_live(record: ThreatRecord) -> bool:
    """Whether something still waits on the threat (``record.live``, else from its status)."""
    if record.live is not None:
        return record.live
    return record.status in OPEN


# Where a sentence turns to a contrasting clause: "imposed duties but put off the ban".
_CONTRAST = re.compile(r";|,?\s+(?:but|while|whereas|although|though)\s+", re.I)


def cue_clause(sentence: str, cue: str | None) -> str:
    """The part of ``sentence`` the event's cue is in, up to a contrasting clause: the
    measures a SANCTION names are those of its own clause ("Kazakhstan imposed duties but
    put off the freight ban": the duties, not the ban). The whole sentence when the cue's
    first word is not found."""
    first = (cue or "").split()[:1]
    at = sentence.lower().find(first[0].lower()) if first else -1
    if at < 0:
        return sentence
    start = 0
    for m in _CONTRAST.finditer(sentence):
        if m.start() > at:
            return sentence[start : m.start()]
        start = m.end()
    return sentence[start:]


def imposed_on_target(record: ThreatRecord) -> list[Execution]:
    """The measures carried out on the threat's target itself (country level)."""
    target = country(record.target)
    return [x for x in record.executions if country(x.on) == target]


class ThreatLedger:
    """Builds threat records from threats and SANCTION events fed in publication order."""

    def __init__(self) -> None:
        self._entries: list[_Entry] = []
        # The entries of each sender (country), in order of issue: matching looks at a
        # sender's threats only, and a long standoff has many senders.
        self._by_sender: dict[str, list[_Entry]] = {}
        self._reports: list[_Report] = []

    def copy(self) -> ThreatLedger:
        """An independent copy of the ledger between two articles (see
        :mod:`standoff.track.copying`)."""
        if self._reports:
            raise RuntimeError("a ledger is copied between articles, after settle()")
        copied = ThreatLedger()
        for entry in self._entries:
            copied._keep(fresh(entry))
        return copied

    def _keep(self, entry: _Entry) -> None:
        self._entries.append(entry)
        self._by_sender.setdefault(entry.key[0], []).append(entry)

    # ----------------------------------------------------------------- feeding

    def add(self, threat: Threat, published: date | None) -> None:
        """Record one threat as read from an article published on ``published``."""
        key = (country(threat.sender), country(threat.target))
        first = threat.evidence[0] if threat.evidence else None
        day = ev.day_of(first, published)
        article = first.article_id if first else None
        leg: str | None = None
        entry = self._find(key, threat, day)
        if entry is not None:
            self._restate(entry, threat, day, first)
        elif (parent := self._parent(key, threat, day)) is not None:
            # A third party facing the secondary measures: the same threat, seen from the
            # buyer's side. Its evidence joins the threat; it adds no measure.
            entry, leg = parent, key[1]
        else:
            entry = self._open(key, threat, day, first)
        self._add_evidence(entry, threat.evidence)
        if threat.status in REPORTED:
            self._reports.append(
                _Report(entry, threat.status, day, first, article, leg, tuple(threat.measures))
            )

    def sanction(self, event: Event, published: date | None) -> None:
        """Apply a SANCTION event to the one threat whose threatened measure it carries out.

        The sender must be the threat's sender, the measure taken after the threat was
        issued, and (when the threat names measures) the event's words must name one of
        them. Imposed on the target it carries the threat out (in full once every measure
        has been); on a third party of a secondary threat it carries it out in part.
        """
        if event.target is None:
            return
        src, dst = country(event.source), country(event.target)
        when = (event.date.value if event.date else None) or ev.day_of(event.evidence, published)
        said = canonical(words(event.cue) | words(cue_clause(event.evidence.sentence, event.cue)))
        best: tuple[tuple[int, int, int], _Entry, list[str], bool] | None = None
        for index, entry in enumerate(self._by_sender.get(src, [])):
            record = entry.record
            if record.status == ThreatStatus.WITHDRAWN:
                continue
            if when is not None and entry.issued is not None and when < entry.issued:
                continue  # only measures taken after the threat can carry it out
            direct = dst == entry.key[1]
            if not direct and dst not in entry.third_countries():
                continue
            matched, named = self._measures_named(record.measures, said)
            if record.measures and not matched:
                continue
            rank = (1 if direct else 0, 1 if record.status not in CLOSED else 0, index)
            if best is None or rank > best[0]:
                best = (rank, entry, matched, named)
        if best is None:
            return
        _, entry, matched, named = best
        if not named and any(country(x.on) == dst for x in entry.record.executions):
            # "India was the first to be penalised": the measure on it, told again.
            self._add_evidence(entry, [event.evidence])
            entry.acted_in = event.evidence.article_id
            return
        self._carry_out(entry, matched or [""], dst, when, event)

    def settle(self) -> None:
        """Apply the statuses the article just fed reports, now that its events are in."""
        reports, self._reports = self._reports, []
        for report in reports:
            self._apply_report(report)

    def pass_time(self, today: date, last_news: date | None) -> None:
        """Expire open threats whose deadline is before ``today`` with nothing reported.

        ``last_news`` is the latest publication date seen so far (the detail says
        nothing had been reported up to then).
        """
        seen = f" up to {last_news.isoformat()}" if last_news else ""
        for entry in self._entries:
            record = entry.record
            if record.status not in OPEN and record.status != ThreatStatus.PARTLY_CARRIED_OUT:
                continue  # nothing waits on it (this runs after every article: kept cheap)
            deadline = record.deadline.value if record.deadline else None
            if deadline is None or deadline >= today:
                continue
            if record.status in OPEN:
                self._change(
                    entry,
                    ThreatStatus.EXPIRED,
                    deadline,
                    f"deadline {_fmt(record.deadline)} passed with no measure reported{seen}",
                    entry.deadline_evidence,
                )
            elif record.status == ThreatStatus.PARTLY_CARRIED_OUT:
                self._note_deadline_passed(
                    entry,
                    f"deadline {_fmt(record.deadline)} passed with no further measure on "
                    f"{record.target} reported{seen}",
                    entry.deadline_evidence,
                )

    def records(self, as_of: date | None = None) -> list[ThreatRecord]:
        """The records in order of issue, finished as of ``as_of`` (liveness and label)."""
        out = []
        for entry in self._entries:
            record = entry.record
            deadline = record.deadline.value if record.deadline else None
            passed = deadline is not None and as_of is not None and deadline < as_of
            record.live = (
                record.status not in CLOSED and record.status != ThreatStatus.EXPIRED and not passed
            )
            record.label = label(record)
            out.append(record)
        return out

    # ----------------------------------------------------------------- matching

    def _find(self, key: tuple[str, str], threat: Threat, day: date | None) -> _Entry | None:
        best: tuple[float, _Entry] | None = None
        for entry in self._by_sender.get(key[0], []):
            if entry.key != key:
                continue
            score = _match_score(entry, threat, day)
            # Ties go to the latest record: a restatement refers to the live threat.
            if score is not None and (best is None or score >= best[0]):
                best = (score, entry)
        return None if best is None else best[1]

    def _parent(self, key: tuple[str, str], threat: Threat, day: date | None) -> _Entry | None:
        """The secondary threat this statement about a third party belongs to, if any.

        The statement's target must be a third party of a threat by the same sender, with
        compatible measures, and either state no demand of its own (the demand is the
        parent's) or share a sentence or demand with it.
        """
        sender, third = key
        mw = specific_measure_words(threat.measures)
        sentences = {e.sentence for e in threat.evidence}
        found: _Entry | None = None
        for entry in self._by_sender.get(sender, []):
            if third not in entry.third_countries():
                continue
            if not _compatible(entry.measure_words, mw):
                continue
            if day is not None and entry.issued is not None and day < entry.issued:
                continue
            shared = bool(sentences & entry.sentences)
            demand = jaccard(entry.demand_words, words(threat.demand)) >= DEMAND_OVERLAP
            if threat.demand is None or shared or demand:
                found = entry  # the latest fitting one: a restatement refers to the live threat
        return found

    @staticmethod
    def _measures_named(measures: list[str], said: frozenset[str]) -> tuple[list[str], bool]:
        """The threatened measures an event's words name, and whether it named them.

        A threat of bare "sanctions" is carried out by whatever sanction is imposed: it
        is returned, with False, when the words name no measure of the threat.
        """
        named: list[str] = []
        covered: set[str] = set()
        for measure in measures:
            hit = specific_measure_words([measure]) & said
            # "steep levies" beside "secondary tariffs": one tariff named twice.
            if hit and not hit <= covered:
                named.append(measure)
                covered |= hit
        if named:
            return named, True
        return [m for m in measures if specific_measure_words([m]) == {"sanction"}], False

    # ----------------------------------------------------------------- changes

    def _open(
        self, key: tuple[str, str], threat: Threat, day: date | None, first: Evidence | None
    ) -> _Entry:
        measures = list(dict.fromkeys(threat.measures))
        record = ThreatRecord(
            id=_threat_id(key, threat, {e.record.id for e in self._entries}),
            sender=threat.sender,
            target=threat.target,
            third_parties=list(dict.fromkeys(threat.third_parties)),
            demand=threat.demand,
            measures=measures,
            deadline=threat.deadline,
            status=ThreatStatus.PENDING,
        )
        detail = (
            f"{threat.sender} -> {threat.target}: "
            f"{', '.join(measures) or 'measures unstated'}"
            f"; deadline {_fmt_words(threat.deadline)}"
        )
        record.history.append(StateChange(date=day, state="issued", detail=detail, evidence=first))
        entry = _Entry(
            record=record,
            key=key,
            issued=day,
            measure_words=specific_measure_words(measures),
            demand_words=words(threat.demand),
            deadline_evidence=(_stating(threat) or first) if threat.deadline else None,
        )
        self._keep(entry)
        return entry

    def _restate(
        self, entry: _Entry, threat: Threat, day: date | None, first: Evidence | None
    ) -> None:
        record = entry.record
        stating = _stating(threat) or first
        changes: list[str] = []
        new = threat.deadline.value if threat.deadline else None
        old = record.deadline.value if record.deadline else None
        # Only a day-precise date moves a deadline: "early September" restates, it does not move.
        if old is not None and threat.deadline and threat.deadline.precision != DatePrecision.DAY:
            new = None
        # A deadline already replaced is history being retold, not a move back.
        if new is not None and (old is None or not _near(new, old)):
            if not any(_near(new, d) for d in entry.superseded):
                passed = " (it had passed)" if old is not None and day and old < day else ""
                changes.append(
                    f"deadline moved from {_fmt(record.deadline)}{passed} to "
                    f"{_fmt_words(threat.deadline)}" + self._pending_note(entry)
                )
                if old is not None:
                    entry.superseded.append(old)
                record.deadline = threat.deadline
                entry.deadline_evidence = stating
        added = [
            m
            for m in dict.fromkeys(threat.measures)
            if not specific_measure_words([m]) <= entry.measure_words
        ]
        if added:
            changes.append(f"measures added: {', '.join(added)}")
            record.measures = list(dict.fromkeys([*record.measures, *added]))
            entry.measure_words = entry.measure_words | specific_measure_words(added)
        for party in threat.third_parties:
            if party not in record.third_parties:
                record.third_parties.append(party)
        if record.demand is None and threat.demand:
            record.demand = threat.demand
            entry.demand_words = words(threat.demand)
        if changes:
            # A moved deadline re-opens an expired threat: it is live again.
            evidence = stating if new is not None and record.deadline is threat.deadline else first
            if record.status in OPEN or record.status == ThreatStatus.EXPIRED:
                self._change(entry, ThreatStatus.MODIFIED, day, "; ".join(changes), evidence)
            else:
                record.history.append(
                    StateChange(
                        date=day, state="modified", detail="; ".join(changes), evidence=evidence
                    )
                )

    @staticmethod
    def _pending_note(entry: _Entry) -> str:
        """`` for: ban`` when some measures were carried out and others still wait."""
        done = {x.measure for x in entry.record.executions}
        if not done:
            return ""
        waiting = [m for m in entry.record.measures if m not in done]
        return f" for {', '.join(waiting)}" if waiting else ""

    def _carry_out(
        self, entry: _Entry, measures: list[str], on: str, when: date | None, event: Event
    ) -> None:
        record = entry.record
        done = {(x.measure, country(x.on)) for x in record.executions}
        new = [m for m in measures if (m, on) not in done]
        self._add_evidence(entry, [event.evidence])
        entry.acted_in = event.evidence.article_id
        if not new:
            return  # the same measure told again
        for measure in new:
            record.executions.append(
                Execution(measure=measure, on=on, date=when, evidence=event.evidence)
            )
        target = entry.key[1]
        on_target = {x.measure for x in record.executions if country(x.on) == target}
        done_words = specific_measure_words(list(on_target))
        complete = on == target and all(
            m in on_target or specific_measure_words([m]) & done_words for m in record.measures
        )
        status = ThreatStatus.CARRIED_OUT if complete else ThreatStatus.PARTLY_CARRIED_OUT
        named = ", ".join(m for m in new if m) or "a measure"
        detail = f"{named} imposed on {on} ({event.type} {event.source}->{event.target}"
        detail += f": {event.cue})" if event.cue else ")"
        if on != target:
            detail += f"; third party of the threat on {target}"
        elif not complete:
            waiting = [
                m
                for m in record.measures
                if m not in on_target and not specific_measure_words([m]) & done_words
            ]
            detail += f"; still threatened: {', '.join(waiting)}"
        if record.status == ThreatStatus.CARRIED_OUT:
            status = ThreatStatus.CARRIED_OUT
        self._change(entry, status, when, detail, event.evidence)
        if status == ThreatStatus.CARRIED_OUT:
            entry.closed = when

    def _apply_report(self, report: _Report) -> None:  # noqa: C901 - ledger code in rework
        entry, record = report.entry, report.entry.record
        status = report.status
        if status in DONE:
            if entry.acted_in is not None and entry.acted_in == report.article:
                return  # the article's SANCTION events already said what was carried out
            if record.executions or record.status == ThreatStatus.CARRIED_OUT:
                return  # what was carried out is known from events; a report adds nothing
            if report.leg is not None:
                record.executions.append(
                    Execution(measure="", on=report.leg, date=report.day, evidence=report.evidence)
                )
                self._change(
                    entry,
                    ThreatStatus.PARTLY_CARRIED_OUT,
                    report.day,
                    f"measures on {report.leg} reported",
                    report.evidence,
                )
            elif status == ThreatStatus.CARRIED_OUT:
                for measure in record.measures or [""]:
                    record.executions.append(
                        Execution(
                            measure=measure,
                            on=record.target,
                            date=report.day,
                            evidence=report.evidence,
                        )
                    )
                self._change(entry, status, report.day, "reported", report.evidence)
                entry.closed = report.day
            elif record.status != status:
                self._change(entry, status, report.day, "reported", report.evidence)
        elif status == ThreatStatus.EXPIRED:
            if report.leg is not None:
                return  # a third party's exposure ended: the threat's own deadline decides
            deadline = record.deadline.value if record.deadline else None
            if deadline is not None and report.day is not None and deadline > report.day:
                return  # an earlier, replaced deadline is meant: the current one still runs
            when = deadline or report.day
            if record.status in OPEN:
                self._change(entry, ThreatStatus.EXPIRED, when, "reported", report.evidence)
            elif record.status == ThreatStatus.PARTLY_CARRIED_OUT:
                self._note_deadline_passed(
                    entry,
                    f"deadline {_fmt(record.deadline)} passed with no further measure on "
                    f"{record.target}: reported",
                    report.evidence,
                )
        elif status == ThreatStatus.WITHDRAWN and report.leg is None:
            self._withdraw(entry, report)

    def _withdraw(self, entry: _Entry, report: _Report) -> None:
        """Withdraw the threat, or only the measures the withdrawal names when others remain."""
        record = entry.record
        if record.status in CLOSED:
            return
        named = specific_measure_words(list(report.measures))
        dropped = [m for m in record.measures if specific_measure_words([m]) & named]
        kept = [m for m in record.measures if m not in dropped]
        if dropped and kept:
            record.measures = kept
            entry.measure_words = specific_measure_words(kept)
            record.history.append(
                StateChange(
                    date=report.day,
                    state="modified",
                    detail=f"measures dropped: {', '.join(dropped)}",
                    evidence=report.evidence,
                )
            )
            return
        self._change(entry, ThreatStatus.WITHDRAWN, report.day, "reported", report.evidence)
        entry.closed = report.day

    def _note_deadline_passed(self, entry: _Entry, detail: str, evidence: Evidence | None) -> None:
        """Record once that the current deadline went by; a part carried out keeps its status."""
        record = entry.record
        deadline = record.deadline.value if record.deadline else None
        if deadline is None or deadline in entry.deadline_passed_noted:
            return
        entry.deadline_passed_noted.add(deadline)
        record.history.append(
            StateChange(date=deadline, state=DEADLINE_PASSED, detail=detail, evidence=evidence)
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
                entry.sentences.add(item.sentence)
                entry.record.evidence.append(item)
