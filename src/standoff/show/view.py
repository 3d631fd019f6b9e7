"""A Standoff and its Forecast as plain sections of tables, ready for any renderer.

The terminal brief and the HTML report both draw from :func:`build_view`, so
they show the same rows in the same order with the same footnotes. Every cell
that states a fact read from the news carries the footnote indices of its
evidence; every forecast number carries its model card's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from standoff.forecast.coercion_spec import UNKNOWN
from standoff.forecast.timing import TIMING_CARD
from standoff.grammar import count
from standoff.model import (
    Claim,
    ClaimKind,
    Evidence,
    Forecast,
    IssueForecast,
    ProposalRecord,
    ResolvedDate,
    Standoff,
    StateChange,
    ThreatForecast,
    ThreatRecord,
    ThreatStatus,
)
from standoff.show import formats as fmt
from standoff.show.citations import Citations, Note
from standoff.track.threats import is_live

# The claim kinds that state a side's position ("red lines").
POSITION_KINDS = (ClaimKind.CONDITION, ClaimKind.DEMAND)


@dataclass(frozen=True)
class Cell:
    """One shown value and the footnotes (1-based indices) that back it."""

    text: str
    notes: tuple[int, ...] = ()


@dataclass
class Table:
    """Rows of cells under named columns; ``empty`` is shown when there are no rows."""

    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    title: str = ""
    empty: str = "none"
    caption: str = ""
    flex: int | None = None  # the free-text column that wraps first (None: the widest)


@dataclass
class Fields:
    """A titled list of label/value pairs (one threat, one proposal)."""

    title: str
    items: list[tuple[str, Cell]] = field(default_factory=list)
    title_notes: tuple[int, ...] = ()


Block = Table | Fields


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    empty: str = "none"


@dataclass
class BriefView:
    """What a brief shows: a headline, sections in order, and the footnotes."""

    headline: Cell
    sections: list[Section]
    notes: list[Note]


def build_view(standoff: Standoff, forecast: Forecast | None = None) -> BriefView:
    """Arrange a Standoff (and its Forecast, if any) into the brief's sections."""
    cite = Citations()
    headline = _headline(standoff, forecast, cite)
    builders: list[Callable[[Standoff, Citations], Section]] = [
        _actors,
        _timeline,
        _threats,
        _proposals,
        _positions,
        _warnings,
    ]
    sections = [build(standoff, cite) for build in builders]
    sections.append(_forecast(forecast, cite))
    sections.append(_articles(standoff, cite))
    return BriefView(headline=headline, sections=sections, notes=cite.notes())


def build_forecast_view(forecast: Forecast) -> BriefView:
    """The Forecast alone as a view (``standoff forecast``): the brief's Forecast section,
    so both commands show the same rows, labels and footnotes."""
    cite = Citations()
    named = [t.label or t.threat_id for t in forecast.threats]
    headline = Cell(
        f"As of {fmt.day(forecast.as_of)}: {count(len(forecast.threats), 'threat')} forecast"
        + (f" ({'; '.join(named)})" if named else "")
        + f", {len(forecast.not_forecast)} not; "
        + f"{count(len(forecast.issues), 'issue forecast')}."
    )
    return BriefView(headline=headline, sections=[_forecast(forecast, cite)], notes=cite.notes())


# --------------------------------------------------------------------------- helpers


def _deadline_evidence(deadline: ResolvedDate | None, evidence: list[Evidence]) -> list[Evidence]:
    """The evidence sentences that state a deadline's words (else all of them)."""
    if deadline is None or not deadline.text:
        return evidence
    words = deadline.text.lower()
    stating = [e for e in evidence if words in e.sentence.lower()]
    return stating or evidence


def _history_table(history: list[StateChange], cite: Citations) -> Table:
    return Table(
        title="history",
        columns=("date", "state", "detail", "source"),
        rows=[
            (
                Cell(fmt.day(change.date)),
                Cell(fmt.label(change.state), cite.evidence(change.evidence)),
                Cell(change.detail or fmt.NONE),
                Cell(_outlet(change.evidence)),
            )
            for change in _by_date(history)
        ],
        empty="no recorded changes",
    )


def _outlet(evidence: Evidence | None) -> str:
    if evidence is None or not evidence.source:
        return fmt.NONE
    return evidence.source


def _by_date(history: list[StateChange]) -> list[StateChange]:
    # Undated steps keep their order after the dated ones.
    return sorted(history, key=lambda c: (c.date is None, c.date or date.min))


def _last_change_notes(history: list[StateChange], cite: Citations) -> tuple[int, ...]:
    dated = _by_date(history)
    return cite.evidence(dated[-1].evidence) if dated else ()


# --------------------------------------------------------------------------- headline


def _headline(standoff: Standoff, forecast: Forecast | None, cite: Citations) -> Cell:
    days = sorted(d for d in (fmt.event_day(e) for e in standoff.events) if d is not None)
    span = f" ({days[0].isoformat()} to {days[-1].isoformat()})" if days else ""
    live = [t for t in standoff.threats if is_live(t)]
    parts = [
        f"As of {fmt.day(standoff.as_of)}: {count(len(standoff.actors), 'actor')}",
        f"{count(len(standoff.events), 'event')} from "
        f"{count(len(standoff.articles), 'article')}{span}",
        f"{count(len(standoff.threats), 'threat')} ({len(live)} live)",
        count(len(standoff.proposals), "proposal"),
        count(len(standoff.warnings), "warning"),
    ]
    notes: tuple[int, ...] = ()
    upcoming = sorted(
        (t for t in live if t.deadline is not None and t.deadline.value is not None),
        key=lambda t: t.deadline.value if t.deadline and t.deadline.value else date.max,
    )
    if upcoming:
        first = upcoming[0]
        parts.append(
            f"next deadline {fmt.resolved(first.deadline)} ({first.sender} -> {first.target})"
        )
        notes = cite.all_evidence(_deadline_evidence(first.deadline, first.evidence)[:1])
    text = "; ".join(parts) + "."
    main = _main_threat(standoff)
    if main is not None:
        text += f" Main threat: {_name(main)}: {threat_state(main, standoff.as_of)}."
        story = threat_story(main)
        if story:
            text += f" Its story: {story}."
        notes = notes + _last_change_notes(main.history, cite)
        if forecast is not None:
            line, card = _forecast_line(main, forecast)
            text += f" {line}"
            notes = notes + (cite.model_card(card) if card else ())
            if any(t.threat_id == main.id and t.imposed_by for t in forecast.threats):
                notes = notes + cite.model_card(TIMING_CARD)
    return Cell(text, tuple(dict.fromkeys(notes)))


def _main_threat(standoff: Standoff) -> ThreatRecord | None:
    """The threat ranked first by the tracker (the first one when none is ranked)."""
    ranked = [t for t in standoff.threats if t.rank is not None]
    if ranked:
        return min(ranked, key=lambda t: t.rank or 0)
    return standoff.threats[0] if standoff.threats else None


def _name(threat: ThreatRecord) -> str:
    """The threat's label for people (its id only when the tracker gave no label)."""
    return threat.label or f"{threat.id} ({threat.sender} -> {threat.target})"


def _forecast_line(threat: ThreatRecord, forecast: Forecast) -> tuple[str, str | None]:
    """What the forecast says of ``threat``: its most likely end with the horizon, or
    why it has no probability; and the model card to cite."""
    for item in forecast.threats:
        if item.threat_id == threat.id and item.outcomes:
            top = max(item.outcomes, key=lambda o: o.probability.mean)
            shown = [top] + [o for o in item.outcomes if o.outcome == "imposed" and o is not top]
            said = "; ".join(
                f"{fmt.label(o.outcome)} {fmt.percent(o.probability.mean)} "
                f"[{fmt.interval_percent(o.probability)}]"
                for o in shown
            )
            return (
                f"Forecast, {item.horizon or 'horizon not stated'}: most likely {said}."
                + _horizons_said(item),
                item.model_card,
            )
    for skipped in forecast.not_forecast:
        if skipped.threat_id == threat.id:
            if not is_live(threat):
                return "No forecast: it is no longer pending (what happened is above).", None
            return f"No forecast: {skipped.reason}.", None
    return "No forecast for it.", None


def _horizons_said(item: ThreatForecast) -> str:
    """`` Imposed by the deadline (8 Aug) 2% [..], within a year ... (given ...).``"""
    if not item.imposed_by:
        return f" No horizon figures: {item.timing}." if item.timing else ""
    said = ", ".join(
        f"{h.label} {fmt.percent_fine(h.probability.mean)} "
        f"[{fmt.interval_percent(h.probability, fine=True)}]"
        for h in item.imposed_by
    )
    return f" Imposed {said} ({item.timing})."


def _short(day: date | None) -> str:
    return f"{day.day} {day.strftime('%b')}" if day is not None else "undated"


def threat_state(threat: ThreatRecord, as_of: date | None) -> str:
    """Where a threat stands on ``as_of``, in words: ``live, deadline 2025-08-08, 1 day
    left``, ``partly carried out: tariffs imposed on IND on 2025-08-06; deadline
    2025-08-08 passed with no measure on RUS``, ``carried out: ...``, ``withdrawn on ...``."""
    deadline = threat.deadline.value if threat.deadline else None
    done = "; ".join(
        f"{x.measure or 'measures'} imposed on {x.on} on {fmt.day(x.date)}"
        for x in threat.executions
    )
    if is_live(threat):
        if deadline is None:
            clock = "no deadline"
        elif as_of is None:
            clock = f"deadline {fmt.resolved(threat.deadline)}"
        else:
            left = (deadline - as_of).days
            when = (
                "today"
                if left == 0
                else "passed"
                if left < 0
                else f"{left} day{'s' if left != 1 else ''} left"
            )
            clock = f"deadline {fmt.resolved(threat.deadline)}, {when}"
        state = f"live, {clock}"
        return state + (f"; partly carried out: {done}" if done else "")
    status = threat.status
    if status == ThreatStatus.WITHDRAWN:
        return f"withdrawn on {fmt.day(_last_dated(threat, status.value))}"
    if status == ThreatStatus.CARRIED_OUT:
        return f"carried out: {done}" if done else "carried out"
    passed = ""
    if deadline is not None:
        passed = f"deadline {fmt.resolved(threat.deadline)} passed"
    if status == ThreatStatus.PARTLY_CARRIED_OUT:
        part = f"partly carried out: {done}" if done else "partly carried out"
        more = f"{passed} with no measure on {threat.target}" if passed else ""
        return "; ".join(x for x in (part, more) if x)
    if passed:
        return f"expired: {passed} with no measure reported"
    return fmt.label(status.value)


def _last_dated(threat: ThreatRecord, state: str) -> date | None:
    dated = [h.date for h in threat.history if h.state == state and h.date]
    return dated[-1] if dated else None


def threat_story(threat: ThreatRecord) -> str:
    """The threat's history in one line: ``14 Jul issued, deadline 2025-09-02 ("50 days");
    29 Jul deadline moved ...; 6 Aug secondary tariffs imposed on IND; 8 Aug deadline
    passed``."""
    steps = []
    for change in _by_date(threat.history):
        detail = change.detail
        if change.state == "issued":
            _, _, tail = detail.rpartition("; deadline ")
            words = f"deadline {tail}" if tail and tail != "none" else "no deadline"
            text = f"issued, {words}"
        elif change.state in (ThreatStatus.EXPIRED.value, "deadline_passed"):
            text = "deadline passed"
        elif change.state in (
            ThreatStatus.CARRIED_OUT.value,
            ThreatStatus.PARTLY_CARRIED_OUT.value,
        ):
            text = detail.split(" (", 1)[0] if "imposed on" in detail else fmt.label(change.state)
        elif change.state == ThreatStatus.MODIFIED.value and detail:
            text = detail
        else:
            text = f"{fmt.label(change.state)}: {detail}" if detail else fmt.label(change.state)
        steps.append(f"{_short(change.date)} {text}")
    return "; ".join(steps)


# --------------------------------------------------------------------------- sections


def _actors(standoff: Standoff, cite: Citations) -> Section:
    table = Table(
        columns=("code", "name", "kind", "role"),
        rows=[
            (
                Cell(actor.code),
                Cell(actor.name),
                Cell(actor.kind.value),
                Cell(actor.role or fmt.NONE),
            )
            for actor in sorted(standoff.actors, key=lambda a: (a.country, a.code, a.name))
        ],
        empty="no actors found",
    )
    return Section("actors", "Actors", [table])


def _timeline(standoff: Standoff, cite: Citations) -> Section:
    events = sorted(
        standoff.events,
        key=lambda e: (fmt.event_day(e) is None, fmt.event_day(e) or date.min),
    )
    table = Table(
        columns=("date", "event", "source -> target", "cue", "outlet"),
        rows=[
            (
                Cell(fmt.event_date(event)),
                Cell(fmt.event_label(event)),
                Cell(f"{event.source} -> {event.target or fmt.NONE}"),
                Cell(event.cue or fmt.NONE, cite.evidence(event.evidence)),
                Cell(event.evidence.source or fmt.NONE),
            )
            for event in events
        ],
        empty="no events found",
        flex=3,  # the cue
        caption=fmt.PUBLISHED_NOTE
        if any(e.date is None or e.date.value is None for e in events)
        else "",
    )
    return Section("timeline", "Timeline", [table])


def _threat_blocks(threat: ThreatRecord, as_of: date | None, cite: Citations) -> list[Block]:
    evidence = cite.all_evidence(threat.evidence)
    deadline_notes = cite.all_evidence(_deadline_evidence(threat.deadline, threat.evidence))
    status_notes = _last_change_notes(threat.history, cite) or evidence
    items = [
        ("id", Cell(threat.id)),
        ("sender", Cell(threat.sender)),
        ("target", Cell(threat.target)),
        ("third parties", Cell(fmt.codes(threat.third_parties))),
        ("demand", Cell(threat.demand or "not stated")),
        ("measures", Cell(fmt.codes(threat.measures))),
        ("deadline", Cell(fmt.deadline(threat.deadline), deadline_notes)),
        ("status", Cell(fmt.label(threat.status.value), status_notes)),
        ("state", Cell(threat_state(threat, as_of))),
    ]
    for execution in threat.executions:
        items.append(
            (
                "carried out",
                Cell(
                    f"{execution.measure or 'measures'} on {execution.on}, "
                    f"{fmt.day(execution.date)}",
                    cite.evidence(execution.evidence),
                ),
            )
        )
    if threat.rank is not None:
        first = "the main threat" if threat.rank == 1 else f"#{threat.rank}"
        items.append(("rank", Cell(f"{first}: {threat.rank_reason}")))
    fields = Fields(title=_name(threat), title_notes=evidence, items=items)
    return [fields, _history_table(threat.history, cite)]


def _threats(standoff: Standoff, cite: Citations) -> Section:
    blocks: list[Block] = []
    for threat in standoff.threats:
        blocks.extend(_threat_blocks(threat, standoff.as_of, cite))
    return Section("threats", "Threats", blocks, empty="no threats found")


def _proposal_blocks(proposal: ProposalRecord, cite: Citations) -> list[Block]:
    fields = Fields(
        title=f"{proposal.id}: {proposal.name}",
        title_notes=cite.all_evidence(proposal.evidence),
        items=[
            ("text", Cell(proposal.text or fmt.NONE)),
            ("sponsors", Cell(fmt.codes(proposal.sponsors))),
            ("supporters", Cell(fmt.codes(proposal.supporters))),
            ("opponents", Cell(fmt.codes(proposal.opponents))),
            ("state", Cell(proposal.state.value, _last_change_notes(proposal.history, cite))),
        ],
    )
    return [fields, _history_table(proposal.history, cite)]


def _proposals(standoff: Standoff, cite: Citations) -> Section:
    blocks: list[Block] = []
    for proposal in standoff.proposals:
        blocks.extend(_proposal_blocks(proposal, cite))
    return Section("proposals", "Proposals", blocks, empty="no proposals found")


def _position_order(claim: Claim) -> tuple[str, int, str]:
    return (claim.actor, POSITION_KINDS.index(claim.kind), claim.target or "")


def _positions(standoff: Standoff, cite: Citations) -> Section:
    claims = sorted((c for c in standoff.claims if c.kind in POSITION_KINDS), key=_position_order)
    table = Table(
        columns=("actor", "kind", "toward", "position"),
        rows=[
            (
                Cell(claim.actor),
                Cell(claim.kind.value),
                Cell(claim.target or fmt.NONE),
                Cell(claim.text, cite.evidence(claim.evidence)),
            )
            for claim in claims
        ],
        empty="no conditions or demands stated",
    )
    return Section("positions", "Red lines and demands", [table])


def _warnings(standoff: Standoff, cite: Citations) -> Section:
    table = Table(
        columns=("kind", "warning"),
        rows=[
            (Cell(warning.kind), Cell(warning.message, cite.evidence(warning.evidence)))
            for warning in standoff.warnings
        ],
        empty="no warnings",
    )
    return Section("warnings", "Warnings", [table])


def _articles(standoff: Standoff, cite: Citations) -> Section:
    articles = sorted(
        standoff.articles, key=lambda a: (a.published is None, a.published or date.min, a.id)
    )
    table = Table(
        columns=("published", "outlet", "title", "address"),
        rows=[
            (
                Cell(fmt.day(article.published)),
                Cell(article.source or fmt.NONE),
                Cell(article.title or f"(untitled, id {article.id})"),
                Cell(article.url or fmt.NONE),
            )
            for article in articles
        ],
        empty="no articles",
    )
    return Section("articles", "Articles read", [table])


# --------------------------------------------------------------------------- forecast


def _threat_forecast_blocks(threat: ThreatForecast, cite: Citations) -> list[Block]:
    card = cite.model_card(threat.model_card)
    averaged = [f.name for f in threat.features if f.value == UNKNOWN and not f.overridden]
    caption = (
        f"no evidence for {', '.join(averaged)}: averaged over the levels TIES coders "
        "gave them (see the inputs below)"
        if averaged
        else ""
    )
    name = threat.label or f"{threat.threat_id} ({threat.sender} -> {threat.target})"
    outcomes = Table(
        title=f"{name}: how it ends, {threat.horizon or 'horizon not stated'} "
        f"- model card {threat.model_card}",
        columns=("outcome", "probability", "interval"),
        rows=[
            (
                Cell(fmt.label(o.outcome)),
                Cell(fmt.percent(o.probability.mean), card),
                Cell(fmt.interval_percent(o.probability)),
            )
            for o in sorted(threat.outcomes, key=lambda o: -o.probability.mean)
        ],
        empty="no outcome probabilities",
        caption=caption,
    )
    features = Table(
        title=f"{name}: inputs as coded",
        columns=("feature", "value", "why"),
        rows=[
            (
                Cell(f.name),
                Cell(str(f.value) + (" (overridden)" if f.overridden else "")),
                Cell(f.why),
            )
            for f in threat.features
        ],
        empty="no inputs recorded",
    )
    return [outcomes, _horizon_table(threat, name, cite), features]


def _horizon_table(threat: ThreatForecast, name: str, cite: Citations) -> Table:
    """P(imposed) by each horizon, with what the figures are conditional on."""
    card = cite.model_card(TIMING_CARD)
    return Table(
        title=f"{name}: imposed by when - model card {TIMING_CARD}",
        columns=("horizon", "P(imposed)", "interval"),
        rows=[
            (
                Cell(h.label),
                Cell(fmt.percent_fine(h.probability.mean), card),
                Cell(fmt.interval_percent(h.probability, fine=True)),
            )
            for h in threat.imposed_by
        ],
        empty=f"no horizon figures: {threat.timing or 'no P(imposed)'}",
        caption=threat.timing,
    )


def _not_forecast_table(forecast: Forecast) -> Table:
    return Table(
        title="Threats with no forecast: what happened, or what they lack",
        columns=("threat", "why no probability"),
        rows=[
            (Cell(item.label or item.threat_id), Cell(item.reason))
            for item in forecast.not_forecast
        ],
        empty="every threat is forecast",
    )


def _issue_title(issue: IssueForecast) -> str:
    scale = ""
    if issue.low_label or issue.high_label:
        scale = f": 0 = {issue.low_label or fmt.NONE} .. 100 = {issue.high_label or fmt.NONE}"
    return f"Issue {issue.issue}{scale}"


def _trajectory(values: list[float]) -> str:
    """A model's rounds, the start (round 0) to the last: ``73->80 (10 rounds)``."""
    if not values:
        return fmt.NONE
    if len(values) == 1:
        return f"{values[0]:.0f}"
    rounds = len(values) - 1  # values[0] is the start, before any round
    return f"{values[0]:.0f}->{values[-1]:.0f} ({count(rounds, 'round')})"


def _issue_tables(forecast: Forecast, cite: Citations) -> list[Block]:
    """One table per issue (in the forecast's order), one row per bargaining model."""
    by_issue: dict[str, list[IssueForecast]] = {}
    for issue in forecast.issues:
        by_issue.setdefault(issue.issue, []).append(issue)
    return [
        Table(
            title=_issue_title(rows[0]),
            columns=("model", "position (0-100)", "rounds", "model card"),
            rows=[
                (
                    Cell(f"{issue.model} ({issue.status})" if issue.status else issue.model),
                    Cell(fmt.interval_plain(issue.position), cite.model_card(issue.model_card)),
                    Cell(_trajectory(issue.trajectory)),
                    Cell(issue.model_card),
                )
                for issue in rows
            ],
        )
        for rows in by_issue.values()
    ]


def _exposure_table(forecast: Forecast, cite: Citations) -> Table:
    return Table(
        title="Exposure of third countries to secondary measures",
        columns=("threat", "country", "rate", "exports to sender", "energy from target", "exposed"),
        rows=[
            (
                Cell(row.threat_id or fmt.NONE),
                Cell(row.country),
                Cell(fmt.rate(row.rate)),
                Cell(fmt.usd(row.exports_to_sender_usd), cite.sources(row.sources)),
                Cell(row.energy_from_target or fmt.NONE),
                Cell(fmt.interval_usd(row.exposed_usd), cite.sources(row.sources)),
            )
            for row in forecast.exposure
        ],
        empty="no exposure computed",
    )


def _forecast(forecast: Forecast | None, cite: Citations) -> Section:
    if forecast is None:
        return Section("forecast", "Forecast", [], empty="no forecast: not run")
    run = Fields(
        title="run",
        items=[
            ("as of", Cell(fmt.day(forecast.as_of))),
            ("draws", Cell(str(forecast.draws))),
            ("seed", Cell(str(forecast.seed) if forecast.seed is not None else fmt.NONE)),
            ("scenario", Cell(forecast.scenario or "none")),
        ],
    )
    blocks: list[Block] = [run]
    for threat in forecast.threats:
        blocks.extend(_threat_forecast_blocks(threat, cite))
    if forecast.not_forecast:
        blocks.append(_not_forecast_table(forecast))
    blocks.extend(_issue_tables(forecast, cite))
    blocks.append(_exposure_table(forecast, cite))
    blocks.append(
        Table(
            title="Forecast warnings",
            columns=("warning",),
            rows=[(Cell(w),) for w in forecast.warnings],
            empty="no forecast warnings",
        )
    )
    return Section("forecast", "Forecast", blocks)
