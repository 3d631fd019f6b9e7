"""Readings, Standoffs and Forecasts as typed Arrow tables: the one place for their columns.

The Python API (:mod:`standoff.api`) hands these tables out (``.to_arrow()``,
``.to_pandas()``) and the CSV and Parquet exports (:mod:`standoff.show.export`)
write them, so a column has one name, one type and one meaning everywhere:

- dates are ``date32`` (a day, no time); the CSV export writes them ``YYYY-MM-DD``;
- an actor code sits beside its country and sector, split by the project's one
  rule (:func:`standoff.track.keys.country`), as POLECAT does: ``actor`` ``USAGOV``,
  ``actor_country`` ``USA``, ``actor_sector`` ``GOV``; an IGO (``NATO``) is its own
  country with no sector;
- lists (third parties, measures, contexts, sentences) are ``list<string>``, never
  joined into one string.

Every column carries its meaning in the schema's field metadata (``description``),
which is also what ``docs/tables.md`` is generated from (``scripts/gen_table_docs.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import pyarrow as pa

from standoff.forecast.timing import TIMING_CARD
from standoff.model import (
    Actor,
    Article,
    Claim,
    Event,
    Evidence,
    Execution,
    Forecast,
    Reading,
    ResolvedDate,
    Standoff,
    StateChange,
    Warning,
)
from standoff.track.keys import country
from standoff.track.merge import event_day
from standoff.track.scores import daily_scores, event_score, score_table

_TEXT = pa.string()
_LIST = pa.list_(pa.string())


def _field(name: str, kind: pa.DataType, description: str) -> pa.Field:
    return pa.field(name, kind, metadata={"description": description})


def _actor_fields(prefix: str, what: str) -> list[pa.Field]:
    """``prefix``, ``prefix_country``, ``prefix_sector``: a code and its two parts."""
    return [
        _field(prefix, _TEXT, f"{what}: actor code (ISO 3166 alpha-3 [+ sector], or an IGO)"),
        _field(f"{prefix}_country", _TEXT, f"{what}: country part of the code (or the IGO)"),
        _field(f"{prefix}_sector", _TEXT, f"{what}: sector part of the code (GOV, MIL, ...)"),
    ]


def _evidence_fields() -> list[pa.Field]:
    return [
        _field("article", _TEXT, "id of the article the item was read from"),
        _field("source", _TEXT, "the article's outlet"),
        _field("published", pa.date32(), "the article's publication date"),
    ]


def _deadline_fields() -> list[pa.Field]:
    return [
        _field("deadline", pa.date32(), "the deadline's day (null: none stated or unresolved)"),
        _field("deadline_precision", _TEXT, "day, month, year or unresolved"),
        _field("deadline_text", _TEXT, "the deadline's words as written"),
        _field(
            "deadline_approximate",
            pa.bool_(),
            "whether the deadline is approximate ('about', '10 or 12 days')",
        ),
    ]


def _support_fields() -> list[pa.Field]:
    return [
        _field("n_evidence", pa.int32(), "number of evidence sentences"),
        _field("sentences", _LIST, "the evidence sentences, in order"),
        _field("articles", _LIST, "ids of the articles of the evidence, without repeats"),
    ]


EVENTS = pa.schema(
    [
        _field("id", _TEXT, "event id: standoff-ARTICLE-N (N its place in the list)"),
        _field("date", pa.date32(), "the day it happened: the sentence's date, else published"),
        _field("date_stated", pa.bool_(), "whether the sentence states the date"),
        _field("event", _TEXT, "PLOVER event type, e.g. THREATEN"),
        _field("mode", _TEXT, "PLOVER mode, e.g. sanction"),
        _field("context", _LIST, "PLOVER contexts and the reader's notes"),
        _field(
            "quad_code",
            pa.int8(),
            "PLOVER quad category (1 verbal cooperation .. 4 material conflict)",
        ),
        _field("event_scale", pa.float64(), "PLOVER conflict (-10) to cooperation (+10) score"),
        *_actor_fields("actor", "who acts"),
        *_actor_fields("recipient", "who is acted on"),
        _field("event_text", _TEXT, "the words that carry the event (the cue)"),
        _field("text", _TEXT, "the sentence the event was read from"),
        *_evidence_fields(),
    ]
)

_THREAT_CORE = [
    *_actor_fields("sender", "who threatens"),
    *_actor_fields("target", "who is threatened"),
    _field("third_parties", _LIST, "countries hit by secondary measures"),
    _field("demand", _TEXT, "what the target must do"),
    _field("measures", _LIST, "what is threatened"),
    *_deadline_fields(),
    _field(
        "status", _TEXT, "pending, modified, carried_out, partly_carried_out, expired, withdrawn"
    ),
]

READING_THREATS = pa.schema([*_THREAT_CORE, *_support_fields()])
THREATS = pa.schema(
    [
        _field("id", _TEXT, "ledger id of the threat (a stable hash)"),
        _field("label", _TEXT, "the threat for people: 'USA -> RUS, secondary tariffs, ...'"),
        *_THREAT_CORE,
        _field("live", pa.bool_(), "something still waits on it as of the standoff's date"),
        _field("rank", pa.int32(), "1 = the standoff's main threat"),
        _field(
            "carried_out",
            _LIST,
            "each measure carried out: 'MEASURE on WHOM [YYYY-MM-DD]'",
        ),
        *_support_fields(),
    ]
)

_PROPOSAL_CORE = [
    _field("name", _TEXT, "the proposal's key noun phrase"),
    _field("text", _TEXT, "its words as read"),
    _field("sponsors", _LIST, "actor codes that put it forward"),
    _field("supporters", _LIST, "actor codes that back it"),
    _field("opponents", _LIST, "actor codes that reject it"),
]

READING_PROPOSALS = pa.schema(
    [*_PROPOSAL_CORE, _field("origin", _TEXT, "who first floated it, if said"), *_support_fields()]
)
PROPOSALS = pa.schema(
    [
        _field("id", _TEXT, "ledger id of the proposal"),
        *_PROPOSAL_CORE,
        _field("state", _TEXT, "floated, backed, rejected, agreed, dropped"),
        *_support_fields(),
    ]
)

HISTORY = pa.schema(
    [
        _field("record_id", _TEXT, "id of the threat or proposal"),
        _field("kind", _TEXT, "threat or proposal"),
        _field("seq", pa.int32(), "order of the change in the record's history"),
        _field("date", pa.date32(), "the day of the change"),
        _field("state", _TEXT, "the state it entered"),
        _field("detail", _TEXT, "what changed"),
        _field("sentence", _TEXT, "the sentence that reports it"),
        *_evidence_fields(),
    ]
)

SCORES = pa.schema(
    [
        _field("date", pa.date32(), "the day"),
        _field("source", _TEXT, "acting country (or IGO)"),
        _field("target", _TEXT, "recipient country (or IGO)"),
        _field("score", pa.float64(), "mean PLOVER score of the pair's events that day"),
        _field("n_events", pa.int32(), "number of events scored"),
    ]
)

ACTORS = pa.schema(
    [
        _field("code", _TEXT, "actor code"),
        _field("country", _TEXT, "country part of the code (or the IGO)"),
        _field("sector", _TEXT, "sector part of the code"),
        _field("name", _TEXT, "canonical name"),
        _field("kind", _TEXT, "state, igo, person, organisation, metonym, group"),
        _field("role", _TEXT, "a person's office, if known"),
        _field("how", _TEXT, "how the code was found"),
        _field("n_mentions", pa.int32(), "number of mentions"),
    ]
)

CLAIMS = pa.schema(
    [
        _field("kind", _TEXT, "demand, proposal, rejection, condition, belief"),
        *_actor_fields("actor", "who holds it"),
        *_actor_fields("target", "toward whom"),
        _field("text", _TEXT, "the claim's words"),
        _field("sentence", _TEXT, "the sentence it was read from"),
        *_evidence_fields(),
    ]
)

ARTICLES = pa.schema(
    [
        _field("id", _TEXT, "article id (sha256 of the raw input, 16 hex digits)"),
        _field("published", pa.date32(), "publication date"),
        _field("source", _TEXT, "outlet"),
        _field("url", _TEXT, "address"),
        _field("title", _TEXT, "headline"),
        _field("place", _TEXT, "the dateline's place"),
        _field("n_paragraphs", pa.int32(), "body paragraphs kept"),
    ]
)

WARNINGS = pa.schema(
    [
        _field("kind", _TEXT, "what could not be settled (no-date, date-conflict, ...)"),
        _field("message", _TEXT, "the warning"),
        _field("sentence", _TEXT, "the sentence it concerns, if any"),
        *_evidence_fields(),
    ]
)

_INTERVAL = [
    _field("low", pa.float64(), "lower end of the interval"),
    _field("high", pa.float64(), "upper end of the interval"),
    _field("level", pa.float64(), "coverage of [low, high], e.g. 0.9"),
]

OUTCOMES = pa.schema(
    [
        _field("as_of", pa.date32(), "the standoff's date the forecast is for"),
        _field("threat_id", _TEXT, "ledger id of the threat"),
        *_actor_fields("sender", "who threatens"),
        *_actor_fields("target", "who is threatened"),
        _field("outcome", _TEXT, "concede, settle, back_down, imposed, stalemate"),
        _field("probability", pa.float64(), "mean probability over the draws"),
        *_INTERVAL,
        _field("label", _TEXT, "the threat for people"),
        _field("horizon", _TEXT, "the time span the probabilities are for"),
        _field("model_card", _TEXT, "the model card under docs/models/"),
        _field("draws", pa.int32(), "Monte Carlo draws"),
        _field("seed", pa.int64(), "random seed (rerun with it for the same numbers)"),
    ]
)

HORIZONS = pa.schema(
    [
        _field("as_of", pa.date32(), "the standoff's date the forecast is for"),
        _field("threat_id", _TEXT, "ledger id of the threat"),
        _field("label", _TEXT, "the threat for people"),
        _field("horizon", _TEXT, "deadline, year or any_time"),
        _field("horizon_label", _TEXT, "the horizon for people: 'by the deadline (8 Aug)'"),
        _field("by", pa.date32(), "the horizon's last day (null: at any time)"),
        _field("days", pa.int32(), "days from the threat's start to that day"),
        _field("probability", pa.float64(), "P(imposed) by then, given nothing imposed so far"),
        *_INTERVAL,
        _field("given", _TEXT, "what the figures are conditional on, and any horizon left out"),
        _field("model_card", _TEXT, "the timing model's card under docs/models/"),
    ]
)

INPUTS = pa.schema(
    [
        _field("threat_id", _TEXT, "ledger id of the threat"),
        _field("feature", _TEXT, "model input"),
        _field("value", _TEXT, "its value as coded"),
        _field("why", _TEXT, "the evidence or rule behind the value"),
        _field("overridden", pa.bool_(), "set by the user, not coded"),
    ]
)

ISSUES = pa.schema(
    [
        _field("issue", _TEXT, "issue id of the scenario"),
        _field("low_label", _TEXT, "what 0 means"),
        _field("high_label", _TEXT, "what 100 means"),
        _field("model", _TEXT, "bargaining model"),
        _field("position", pa.float64(), "predicted outcome on 0-100"),
        *_INTERVAL,
        _field("trajectory", pa.list_(pa.float64()), "the outcome round by round, if any"),
        _field("model_card", _TEXT, "the model card under docs/models/"),
    ]
)

EXPOSURE = pa.schema(
    [
        _field("threat_id", _TEXT, "ledger id of the threat"),
        _field("country", _TEXT, "third country"),
        _field("rate", pa.float64(), "tariff rate as a fraction (1.0 = 100%)"),
        _field("exports_to_sender_usd", pa.float64(), "its exports to the sender, USD"),
        _field("energy_from_target", _TEXT, "its energy bought from the target, as stated"),
        _field("exposed_usd", pa.float64(), "trade at risk, USD (mean)"),
        *_INTERVAL,
        _field("sources", _LIST, "data sources"),
    ]
)

SKIPPED = pa.schema(
    [
        _field("threat_id", _TEXT, "ledger id of the threat"),
        _field("label", _TEXT, "the threat for people"),
        _field("reason", _TEXT, "why it has no probability (what happened, or what it lacks)"),
    ]
)

# Every table by name, in the order the export writes them and the docs list them.
READING_SCHEMAS: dict[str, pa.Schema] = {
    "events": EVENTS,
    "threats": READING_THREATS,
    "proposals": READING_PROPOSALS,
    "claims": CLAIMS,
    "actors": ACTORS,
    "warnings": WARNINGS,
}
STANDOFF_SCHEMAS: dict[str, pa.Schema] = {
    "events": EVENTS,
    "threats": THREATS,
    "proposals": PROPOSALS,
    "history": HISTORY,
    "scores": SCORES,
    "actors": ACTORS,
    "claims": CLAIMS,
    "articles": ARTICLES,
    "warnings": WARNINGS,
}
FORECAST_SCHEMAS: dict[str, pa.Schema] = {
    "outcomes": OUTCOMES,
    "horizons": HORIZONS,
    "inputs": INPUTS,
    "issues": ISSUES,
    "exposure": EXPOSURE,
    "skipped": SKIPPED,
}


# --------------------------------------------------------------------------- parts


def actor_parts(code: str | None) -> tuple[str | None, str | None]:
    """``USAGOV`` -> ``("USA", "GOV")``; ``NATO`` -> ``("NATO", None)``; None -> (None, None).

    The country part is the project's one rule (``track.keys.country``); the sector is
    what follows it in the code.
    """
    if not code:
        return None, None
    top = country(code)
    rest = code.strip().upper()[len(top) :] if code.strip().upper().startswith(top) else ""
    return top, rest or None


def _actor(prefix: str, code: str | None) -> dict[str, Any]:
    top, sector = actor_parts(code)
    return {prefix: code, f"{prefix}_country": top, f"{prefix}_sector": sector}


def _where(evidence: Evidence | None, published: date | None = None) -> dict[str, Any]:
    return {
        "article": evidence.article_id if evidence else None,
        "source": evidence.source if evidence else None,
        "published": (evidence.published if evidence else None) or published,
    }


def _deadline(value: ResolvedDate | None) -> dict[str, Any]:
    return {
        "deadline": value.value if value else None,
        "deadline_precision": value.precision.value if value else None,
        "deadline_text": value.text if value else None,
        "deadline_approximate": value.approximate if value else None,
    }


def _support(evidence: Sequence[Evidence]) -> dict[str, Any]:
    return {
        "n_evidence": len(evidence),
        "sentences": [e.sentence for e in evidence],
        "articles": list(dict.fromkeys(e.article_id for e in evidence if e.article_id)),
    }


def _carried_out(execution: Execution) -> str:
    """A measure carried out, in words: ``secondary tariffs on IND 2025-08-06``."""
    day = f" {execution.date.isoformat()}" if execution.date else ""
    return f"{execution.measure or 'measures'} on {execution.on}{day}"


def _table(schema: pa.Schema, rows: Iterable[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=schema)


# --------------------------------------------------------------------------- rows


def event_row(event: Event, index: int, published: date | None = None) -> dict[str, Any]:
    """One event as a row of :data:`EVENTS` (``published``: the article's, if the evidence
    lacks it)."""
    stated = event.date is not None and event.date.value is not None
    category = score_table()["categories"].get(event.type.upper(), {})
    return {
        "id": f"standoff-{event.evidence.article_id or 'na'}-{index:04d}",
        "date": event_day(event, event.evidence.published or published),
        "date_stated": stated,
        "event": event.type,
        "mode": event.mode,
        "context": list(event.context),
        "quad_code": category.get("quad"),
        "event_scale": event_score(event.type, event.mode),
        **_actor("actor", event.source),
        **_actor("recipient", event.target),
        "event_text": event.cue or None,
        "text": event.evidence.sentence,
        **_where(event.evidence, published),
    }


def _events(events: list[Event], published: date | None = None) -> pa.Table:
    return _table(EVENTS, (event_row(e, i, published) for i, e in enumerate(events)))


def _actors(actors: list[Actor]) -> pa.Table:
    return _table(
        ACTORS,
        (
            {
                "code": a.code,
                "country": actor_parts(a.code)[0],
                "sector": actor_parts(a.code)[1],
                "name": a.name,
                "kind": a.kind.value,
                "role": a.role,
                "how": a.how,
                "n_mentions": len(a.mentions),
            }
            for a in actors
        ),
    )


def _claims(claims: list[Claim], published: date | None = None) -> pa.Table:
    return _table(
        CLAIMS,
        (
            {
                "kind": c.kind.value,
                **_actor("actor", c.actor),
                **_actor("target", c.target),
                "text": c.text,
                "sentence": c.evidence.sentence,
                **_where(c.evidence, published),
            }
            for c in claims
        ),
    )


def _warnings(warnings: list[Warning], published: date | None = None) -> pa.Table:
    return _table(
        WARNINGS,
        (
            {
                "kind": w.kind,
                "message": w.message,
                "sentence": w.evidence.sentence if w.evidence else None,
                **_where(w.evidence, published),
            }
            for w in warnings
        ),
    )


def _history(kind: str, record_id: str, history: list[StateChange]) -> list[dict[str, Any]]:
    return [
        {
            "record_id": record_id,
            "kind": kind,
            "seq": seq,
            "date": change.date,
            "state": change.state,
            "detail": change.detail or None,
            "sentence": change.evidence.sentence if change.evidence else None,
            **_where(change.evidence),
        }
        for seq, change in enumerate(history)
    ]


def _articles(articles: list[Article]) -> pa.Table:
    return _table(
        ARTICLES,
        (
            {
                "id": a.id,
                "published": a.published,
                "source": a.source,
                "url": a.url,
                "title": a.title,
                "place": a.place,
                "n_paragraphs": len(a.paragraphs),
            }
            for a in articles
        ),
    )


# --------------------------------------------------------------------------- tables


def reading_tables(reading: Reading) -> dict[str, pa.Table]:
    """The tables of one article's Reading (:data:`READING_SCHEMAS`)."""
    published = reading.article.published
    threats = [
        {
            **_actor("sender", t.sender),
            **_actor("target", t.target),
            "third_parties": list(t.third_parties),
            "demand": t.demand,
            "measures": list(t.measures),
            **_deadline(t.deadline),
            "status": t.status.value,
            **_support(t.evidence),
        }
        for t in reading.threats
    ]
    proposals = [
        {
            "name": p.name,
            "text": p.text,
            "sponsors": list(p.sponsors),
            "supporters": list(p.supporters),
            "opponents": list(p.opponents),
            "origin": p.origin,
            **_support(p.evidence),
        }
        for p in reading.proposals
    ]
    return {
        "events": _events(reading.events, published),
        "threats": _table(READING_THREATS, threats),
        "proposals": _table(READING_PROPOSALS, proposals),
        "claims": _claims(reading.claims, published),
        "actors": _actors(reading.actors),
        "warnings": _warnings(reading.warnings, published),
    }


def standoff_tables(standoff: Standoff) -> dict[str, pa.Table]:
    """The tables of a Standoff (:data:`STANDOFF_SCHEMAS`): events, the ledgers and their
    histories, daily scores, actors, claims, articles, warnings."""
    threats = [
        {
            "id": t.id,
            "label": t.label or None,
            **_actor("sender", t.sender),
            **_actor("target", t.target),
            "third_parties": list(t.third_parties),
            "demand": t.demand,
            "measures": list(t.measures),
            **_deadline(t.deadline),
            "status": t.status.value,
            "live": t.live,
            "rank": t.rank,
            "carried_out": [_carried_out(x) for x in t.executions],
            **_support(t.evidence),
        }
        for t in standoff.threats
    ]
    proposals = [
        {
            "id": p.id,
            "name": p.name,
            "text": p.text,
            "sponsors": list(p.sponsors),
            "supporters": list(p.supporters),
            "opponents": list(p.opponents),
            "state": p.state.value,
            **_support(p.evidence),
        }
        for p in standoff.proposals
    ]
    history = [row for t in standoff.threats for row in _history("threat", t.id, t.history)]
    history += [row for p in standoff.proposals for row in _history("proposal", p.id, p.history)]
    scores = [row._asdict() for row in daily_scores(standoff)]
    return {
        "events": _events(standoff.events),
        "threats": _table(THREATS, threats),
        "proposals": _table(PROPOSALS, proposals),
        "history": _table(HISTORY, history),
        "scores": _table(SCORES, scores),
        "actors": _actors(standoff.actors),
        "claims": _claims(standoff.claims),
        "articles": _articles(standoff.articles),
        "warnings": _warnings(standoff.warnings),
    }


def forecast_tables(forecast: Forecast) -> dict[str, pa.Table]:
    """The tables of a Forecast (:data:`FORECAST_SCHEMAS`): one row per threat and outcome,
    the inputs as coded, the bargaining positions per issue and model, the exposure, and
    the threats left without a probability with the reason."""
    outcomes = [
        {
            "as_of": forecast.as_of,
            "threat_id": t.threat_id,
            **_actor("sender", t.sender),
            **_actor("target", t.target),
            "outcome": o.outcome,
            "probability": o.probability.mean,
            "low": o.probability.low,
            "high": o.probability.high,
            "level": o.probability.level,
            "label": t.label or None,
            "horizon": t.horizon or None,
            "model_card": t.model_card,
            "draws": forecast.draws,
            "seed": forecast.seed,
        }
        for t in forecast.threats
        for o in sorted(t.outcomes, key=lambda o: -o.probability.mean)
    ]
    inputs = [
        {
            "threat_id": t.threat_id,
            "feature": f.name,
            "value": str(f.value),
            "why": f.why,
            "overridden": f.overridden,
        }
        for t in forecast.threats
        for f in t.features
    ]
    issues = [
        {
            "issue": i.issue,
            "low_label": i.low_label or None,
            "high_label": i.high_label or None,
            "model": i.model,
            "position": i.position.mean,
            "low": i.position.low,
            "high": i.position.high,
            "level": i.position.level,
            "trajectory": list(i.trajectory),
            "model_card": i.model_card,
        }
        for i in forecast.issues
    ]
    exposure = [
        {
            "threat_id": e.threat_id,
            "country": e.country,
            "rate": e.rate,
            "exports_to_sender_usd": e.exports_to_sender_usd,
            "energy_from_target": e.energy_from_target,
            "exposed_usd": e.exposed_usd.mean if e.exposed_usd else None,
            "low": e.exposed_usd.low if e.exposed_usd else None,
            "high": e.exposed_usd.high if e.exposed_usd else None,
            "level": e.exposed_usd.level if e.exposed_usd else None,
            "sources": list(e.sources),
        }
        for e in forecast.exposure
    ]
    skipped = [
        {"threat_id": n.threat_id, "label": n.label or None, "reason": n.reason}
        for n in forecast.not_forecast
    ]
    return {
        "outcomes": _table(OUTCOMES, outcomes),
        "horizons": _table(HORIZONS, _horizon_rows(forecast)),
        "inputs": _table(INPUTS, inputs),
        "issues": _table(ISSUES, issues),
        "exposure": _table(EXPOSURE, exposure),
        "skipped": _table(SKIPPED, skipped),
    }


def _horizon_rows(forecast: Forecast) -> list[dict[str, Any]]:
    """One row per threat and horizon: P(imposed) by the deadline, within a year, at any time."""
    return [
        {
            "as_of": forecast.as_of,
            "threat_id": t.threat_id,
            "label": t.label or None,
            "horizon": h.horizon,
            "horizon_label": h.label,
            "by": h.by,
            "days": h.days,
            "probability": h.probability.mean,
            "low": h.probability.low,
            "high": h.probability.high,
            "level": h.probability.level,
            "given": t.timing or None,
            "model_card": TIMING_CARD,
        }
        for t in forecast.threats
        for h in t.imposed_by
    ]


def list_columns(schema: pa.Schema) -> list[str]:
    """The names of the list columns of ``schema``."""
    return [f.name for f in schema if pa.types.is_list(f.type)]


__all__ = [
    "FORECAST_SCHEMAS",
    "READING_SCHEMAS",
    "STANDOFF_SCHEMAS",
    "actor_parts",
    "event_row",
    "forecast_tables",
    "list_columns",
    "reading_tables",
    "standoff_tables",
]
