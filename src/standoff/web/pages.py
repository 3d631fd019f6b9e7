"""The workspace's pages (GET only: nothing here changes the store).

Every page takes ``as_of`` (YYYY-MM-DD): the standoff as it was known that day, from the
workspace's cache. Lists are paged so a store of 10,000 articles answers as fast as a
small one; filters are plain query parameters, so every view has an address.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from standoff.errors import UserError
from standoff.grammar import count
from standoff.model import Event, Reading, ThreatStatus
from standoff.read.inputs import parse_date_option
from standoff.track.keys import country
from standoff.track.merge import event_day
from standoff.track.store import unpack
from standoff.web import charts, marks, review, summary
from standoff.web.app import Web
from standoff.web.uploads import MAX_FILES
from standoff.web.workspace import Snapshot

router = APIRouter()
T = TypeVar("T")
ARTICLE_ID = re.compile(r"^[0-9a-f]{16}$")
EVENTS_PER_PAGE = 100
RECORDS_PER_PAGE = 20
ARTICLES_PER_PAGE = 50
ITEMS_PER_PAGE = 25
SINCE_DAYS = 7  # "what changed since" looks this far back by default


def _web(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def _day(value: str | None, name: str) -> date | None:
    return parse_date_option(value or None, name)


@dataclass(frozen=True)
class Page:
    """One page of a list: its number (1-based), the page count and the rows."""

    number: int
    pages: int
    total: int
    rows: list[Any]


def paged(rows: list[T], number: int, size: int) -> Page:
    pages = max(1, math.ceil(len(rows) / size))
    number = min(max(1, number), pages)
    return Page(number, pages, len(rows), rows[(number - 1) * size : number * size])


# --------------------------------------------------------------------------- overview


@router.get("/")
def overview(request: Request, as_of: str | None = None, since: str | None = None) -> Response:
    web = _web(request)
    day = _day(as_of, "as_of")
    snap = web.workspace.snapshot(day)
    standoff = snap.standoff
    main = summary.main_threat(standoff)
    forecast = None
    not_forecast = ""
    if main is not None:
        result = web.workspace.forecast(snap, main.id)
        forecast = result.threats[0] if result and result.threats else None
        if result is not None and result.not_forecast:
            not_forecast = result.not_forecast[0].reason
    since_day = _day(since, "since")
    if since_day is None and standoff.as_of is not None:
        since_day = standoff.as_of - timedelta(days=SINCE_DAYS)
    changes = summary.changes_since(standoff, since_day) if since_day else []
    new_articles = [
        a
        for a in standoff.articles
        if since_day is not None and a.published is not None and a.published > since_day
    ]
    new_articles.sort(key=lambda a: (a.published or date.min, a.id), reverse=True)
    return web.render(
        request,
        "overview.html",
        active="overview",
        as_of=day,
        standoff=standoff,
        main=main,
        main_title=summary.threat_title(main) if main else "",
        countdown=summary.countdown(main, standoff.as_of) if main else None,
        forecast=forecast,
        not_forecast=not_forecast,
        numbers=summary.key_numbers(standoff),
        decisions=len(snap.corrections),
        since=since_day,
        changes=changes[:40],
        more_changes=max(0, len(changes) - 40),
        new_articles=new_articles[:10],
        new_article_count=len(new_articles),
        dyad=snap.derived("dyad-all", lambda: _dyad_chart(snap, None)),
    )


def _dyad_chart(snap: Snapshot, pair: tuple[str, str] | None) -> Any:
    scores = snap.scores()
    pairs = [pair] if pair else charts.dyad_pairs(scores)
    option = charts.dyad_option(snap.standoff.events, scores, pairs)
    return charts.to_json(option) if option else None


# --------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    kind: str | None = None
    start: date | None = None
    end: date | None = None

    def keeps(self, event: Event) -> bool:
        source = country(event.source)
        target = country(event.target) if event.target else None
        if self.actor and self.actor not in (source, target):
            return False
        if self.dyad and (source, target) != self.dyad:
            return False
        if self.kind and event.type != self.kind:
            return False
        if self.start or self.end:
            day = event_day(event, event.evidence.published)
            if day is None:
                return False
            if (self.start and day < self.start) or (self.end and day > self.end):
                return False
        return True


def _dyad(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    source, sep, target = value.partition("-")
    if not sep or not source or not target:
        raise UserError(f"dyad: {value!r} is not SOURCE-TARGET (for example USA-RUS)")
    return source.upper(), target.upper()


@router.get("/timeline")
def timeline(
    request: Request,
    as_of: str | None = None,
    actor: str | None = None,
    dyad: str | None = None,
    type: str | None = None,  # noqa: A002 - the query parameter's name
    start: str | None = None,
    end: str | None = None,
    page: int = 1,
) -> Response:
    web = _web(request)
    day = _day(as_of, "as_of")
    snap = web.workspace.snapshot(day)
    chosen = EventFilter(
        actor=(actor or "").upper() or None,
        dyad=_dyad(dyad),
        kind=(type or "").upper() or None,
        start=_day(start, "from"),
        end=_day(end, "to"),
    )
    events = snap.derived(
        ("timeline", chosen), lambda: [e for e in snap.standoff.events if chosen.keeps(e)]
    )
    chart = snap.derived(("timeline-chart", chosen), lambda: _timeline_chart(events))
    dyad_chart = snap.derived(("dyad", chosen.dyad), lambda: _dyad_chart(snap, chosen.dyad))
    options = snap.derived("timeline-options", lambda: _filter_options(snap))
    template = "_timeline_results.html" if request.headers.get("hx-request") else "timeline.html"
    return web.render(
        request,
        template,
        active="timeline",
        as_of=day,
        standoff=snap.standoff,
        filters=chosen,
        query={
            "actor": chosen.actor,
            "dyad": dyad,
            "type": chosen.kind,
            "start": start,
            "end": end,
        },
        options=options,
        page=paged(events, page, EVENTS_PER_PAGE),
        chart=chart,
        dyad_chart=dyad_chart,
        event_day=lambda e: event_day(e, e.evidence.published),
        href=charts.evidence_href,
    )


def _timeline_chart(events: list[Event]) -> Any:
    option = charts.timeline_option(events)
    return charts.to_json(option) if option else None


def _filter_options(snap: Snapshot) -> dict[str, list[str]]:
    events = snap.standoff.events
    pairs = Counter((country(e.source), country(e.target)) for e in events if e.target is not None)
    actors = Counter(country(e.source) for e in events)
    actors.update(country(e.target) for e in events if e.target)
    return {
        "actors": sorted(actors),
        "dyads": [f"{s}-{t}" for (s, t), _ in pairs.most_common(300)],
        "types": sorted({e.type for e in events}),
    }


# --------------------------------------------------------------------------- ledgers


@router.get("/threats")
def threats(
    request: Request, as_of: str | None = None, status: str | None = None, page: int = 1
) -> Response:
    web = _web(request)
    day = _day(as_of, "as_of")
    snap = web.workspace.snapshot(day)
    records = list(snap.standoff.threats)
    if status:
        records = [t for t in records if t.status.value == status]
    main = summary.main_threat(snap.standoff)
    live = summary.LIVE

    def order(t: Any) -> tuple[bool, bool, date, str]:
        deadline = t.deadline.value if t.deadline and t.deadline.value else date.max
        return (main is None or t.id != main.id, t.status not in live, deadline, t.id)

    records.sort(key=order)
    return web.render(
        request,
        "threats.html",
        active="threats",
        as_of=day,
        standoff=snap.standoff,
        page=paged(records, page, RECORDS_PER_PAGE),
        status=status,
        statuses=[s.value for s in ThreatStatus],
        title=summary.threat_title,
        main_id=main.id if main else None,
        countdown=lambda t: summary.countdown(t, snap.standoff.as_of),
    )


@router.get("/proposals")
def proposals(request: Request, as_of: str | None = None, page: int = 1) -> Response:
    web = _web(request)
    day = _day(as_of, "as_of")
    snap = web.workspace.snapshot(day)
    return web.render(
        request,
        "proposals.html",
        active="proposals",
        as_of=day,
        standoff=snap.standoff,
        page=paged(list(snap.standoff.proposals), page, RECORDS_PER_PAGE),
    )


# --------------------------------------------------------------------------- actors


@router.get("/actors")
def actors(request: Request, as_of: str | None = None) -> Response:
    web = _web(request)
    day = _day(as_of, "as_of")
    snap = web.workspace.snapshot(day)
    rows = snap.derived("actor-rows", lambda: _actor_rows(snap))
    return web.render(
        request, "actors.html", active="actors", as_of=day, standoff=snap.standoff, rows=rows
    )


def _actor_rows(snap: Snapshot) -> list[dict[str, Any]]:
    standoff = snap.standoff
    sent = Counter(e.source for e in standoff.events)
    received = Counter(e.target for e in standoff.events if e.target)
    threats = Counter(t.sender for t in standoff.threats)
    threatened = Counter(t.target for t in standoff.threats)
    return [
        {
            "actor": actor,
            "sent": sent[actor.code],
            "received": received[actor.code],
            "threats": threats[actor.code],
            "threatened": threatened[actor.code],
        }
        for actor in sorted(standoff.actors, key=lambda a: (a.country, a.code))
    ]


@router.get("/actors/{code}")
def actor(request: Request, code: str, as_of: str | None = None) -> Response:
    web = _web(request)
    day = _day(as_of, "as_of")
    snap = web.workspace.snapshot(day)
    found = next((a for a in snap.standoff.actors if a.code == code), None)
    if found is None:
        raise HTTPException(404, f"no actor {code} in the standoff as of this date")
    events = snap.standoff.events
    return web.render(
        request,
        "actor.html",
        active="actors",
        as_of=day,
        standoff=snap.standoff,
        actor=found,
        sent=[e for e in events if e.source == code][:200],
        received=[e for e in events if e.target == code][:200],
        threats=[t for t in snap.standoff.threats if code in (t.sender, t.target)],
        event_day=lambda e: event_day(e, e.evidence.published),
        href=charts.evidence_href,
    )


# --------------------------------------------------------------------------- forecast


@router.get("/forecast")
def forecast(request: Request, as_of: str | None = None, threat: str | None = None) -> Response:
    from standoff.forecast.coercion_spec import FEATURE_HELP, FEATURES

    web = _web(request)
    day = _day(as_of, "as_of")
    snap = web.workspace.snapshot(day)
    standoff = snap.standoff
    main = summary.main_threat(standoff)
    chosen = next((t for t in standoff.threats if t.id == threat), main)
    overrides: dict[str, str] = {}
    for name, levels in FEATURES.items():
        value = request.query_params.get(f"o_{name}", "")
        if value:
            if value not in levels:
                raise UserError(f"{name}: {value!r} is not one of {', '.join(levels)}")
            overrides[name] = value
    result = web.workspace.forecast(snap, chosen.id, overrides) if chosen else None
    threat_forecast = result.threats[0] if result and result.threats else None
    option = charts.outcomes_option(threat_forecast) if threat_forecast else None
    choices = [t for t in standoff.threats if t.status in summary.LIVE][:300]
    if chosen is not None and chosen not in choices:
        choices.insert(0, chosen)
    template = "_forecast_panel.html" if request.headers.get("hx-request") else "forecast.html"
    return web.render(
        request,
        template,
        active="forecast",
        as_of=day,
        standoff=standoff,
        threat=chosen,
        choices=choices,
        title=summary.threat_title,
        result=result,
        forecast=threat_forecast,
        chart=charts.to_json(option) if option else None,
        overrides=overrides,
        features=FEATURES,
        feature_help=FEATURE_HELP,
        draws=web.workspace.draws,
        seed=web.workspace.seed,
    )


# --------------------------------------------------------------------------- articles


@router.get("/articles")
def articles(
    request: Request, as_of: str | None = None, page: int = 1, job: str | None = None
) -> Response:
    web = _web(request)
    day = _day(as_of, "as_of")
    snap = web.workspace.snapshot(day)
    rows = sorted(
        snap.standoff.articles, key=lambda a: (a.published or date.min, a.id), reverse=True
    )
    readings = {r.article.id: r for r in web.workspace.readings()}
    reviewed = Counter(c.key.article_id for c in snap.corrections)
    return web.render(
        request,
        "articles.html",
        active="articles",
        as_of=day,
        standoff=snap.standoff,
        page=paged(rows, page, ARTICLES_PER_PAGE),
        counts=lambda a: _counts(readings.get(a.id)),
        reviewed=reviewed,
        job=web.ingester.job(job) if job else None,
        max_files=MAX_FILES,
    )


def _counts(reading: Reading | None) -> str:
    if reading is None:
        return "-"
    return (
        f"{count(len(reading.events), 'event')}, {count(len(reading.threats), 'threat')}, "
        f"{count(len(reading.proposals), 'proposal')}"
    )


def reading_of(web: Web, article_id: str) -> Reading:
    if not ARTICLE_ID.match(article_id):
        raise HTTPException(404, "no such article")
    for reading in web.workspace.readings():
        if reading.article.id == article_id:
            return reading
    with web.workspace.lock:  # another outlet's copy of a story: not among the stories
        rows = web.workspace.store.con.execute(
            "SELECT reading FROM articles WHERE id = ?", [article_id]
        ).fetchall()
    if not rows:
        raise HTTPException(404, "no such article")
    return unpack(rows[0][0])


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str, hl: str | None = None) -> Response:
    web = _web(request)
    reading = reading_of(web, article_id)
    focus = None
    if hl:
        match = re.fullmatch(r"(\d{1,9})-(\d{1,9})", hl)
        if match is None:
            raise UserError(f"hl: {hl!r} is not START-END")
        focus = (int(match.group(1)), int(match.group(2)))
    corrections = [c for c in web.workspace.corrections() if c.key.article_id == article_id]
    items = review.items_of(reading, corrections)
    items.sort(key=review.ReviewItem.order)
    spans = marks.spans(_item_spans(items))
    in_focus = [i for i in items if focus and review.evidence_span(i.item) == focus]
    return web.render(
        request,
        "article.html",
        active="articles",
        as_of=None,
        reading=reading,
        text=marks.marked(reading.article.text, spans, focus),
        items=items,
        in_focus=in_focus,
        focus=focus,
        plover_types=review.plover_types(),
    )


def _item_spans(items: list[review.ReviewItem]) -> list[tuple[int, int, str, str]]:
    out = []
    for entry in items:
        if entry.decision is not None and entry.decision.decision.value == "reject":
            kind = "rejected"
        else:
            kind = entry.kind.value
        for evidence in _evidence_of(entry.item):
            out.append((evidence.start, evidence.end, kind, _label(entry)))
    return out


def _evidence_of(item: Any) -> list[Any]:
    return [item.evidence] if isinstance(item, Event) else list(item.evidence)


def _label(entry: review.ReviewItem) -> str:
    item = entry.item
    if isinstance(item, Event):
        return f"{item.type} {item.source} -> {item.target or '-'}"
    if entry.kind.value == "threat":
        return f"threat {item.sender} -> {item.target}"  # type: ignore[union-attr]
    return f"proposal {item.name}"  # type: ignore[union-attr]


# --------------------------------------------------------------------------- review queue

SHOW = ("pending", "reviewed", "all")


@router.get("/review")
def review_queue(
    request: Request,
    as_of: str | None = None,
    show: str = "pending",
    kind: str | None = None,
    page: int = 1,
) -> Response:
    web = _web(request)
    day = _day(as_of, "as_of")
    if show not in SHOW:
        raise UserError(f"show: {show!r} is not one of {', '.join(SHOW)}")
    snap = web.workspace.snapshot(day)
    everything = snap.derived(
        "queue", lambda: review.queue(web.workspace.readings(), snap.corrections, day)
    )
    entries = [
        e
        for e in everything
        if (show == "all" or (e.decision is None) == (show == "pending"))
        and (not kind or e.kind.value == kind)
    ]
    done = sum(1 for e in everything if e.decision is not None)
    return web.render(
        request,
        "review.html",
        active="review",
        as_of=day,
        standoff=snap.standoff,
        page=paged(entries, page, ITEMS_PER_PAGE),
        show=show,
        kind=kind,
        done=done,
        total=len(everything),
        plover_types=review.plover_types(),
    )
