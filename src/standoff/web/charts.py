"""The workspace's interactive charts, as ECharts options (plain JSON, no code).

Each data point carries its tooltip as data: ``tip`` (lines of text) and ``ev`` (the
evidence: label, sentence, outlet, date and the address of the sentence in its
article). ``static/app.js`` turns those into the tooltip, escaping every string, and
opens ``ev[0].h`` on a click. Options are embedded in the page as
``<script type="application/json">`` (never run), written by :func:`to_json`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from standoff.model import Event, ThreatForecast
from standoff.show import formats as fmt
from standoff.track.keys import country
from standoff.track.merge import event_day
from standoff.track.scores import ScoreRow, event_score

MAX_EVIDENCE = 4  # sentences per tooltip
MAX_PAIRS = 6
GAP = timedelta(days=14)  # a dyad's line breaks across a longer stretch with no event
SENTENCE_CHARS = 280


def to_json(option: dict[str, Any]) -> Markup:
    """``option`` as JSON safe inside ``<script type="application/json">``."""
    text = json.dumps(option, ensure_ascii=False, separators=(",", ":"), default=str)
    # "</script>" or "<!--" in an article's sentence must not end the element.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def evidence_href(event: Event) -> str | None:
    e = event.evidence
    if not e.article_id:
        return None
    return f"/articles/{e.article_id}?hl={e.start}-{e.end}#focus"


def _evidence(event: Event) -> dict[str, Any]:
    sentence = event.evidence.sentence.strip()
    if len(sentence) > SENTENCE_CHARS:
        sentence = sentence[: SENTENCE_CHARS - 1] + "…"
    day = event_day(event, event.evidence.published)
    return {
        "t": f"{event.type}{' (' + event.mode + ')' if event.mode else ''} "
        f"{event.source} -> {event.target or '-'}",
        "s": sentence,
        "o": event.evidence.source or "",
        "d": day.isoformat() if day else "",
        "h": evidence_href(event),
    }


def _base(title: str, y_name: str) -> dict[str, Any]:
    return {
        "title": {"text": title, "left": 0, "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "item", "confine": True, "enterable": True},
        "grid": {"left": 56, "right": 16, "top": 64, "bottom": 56, "containLabel": True},
        "xAxis": {"type": "time", "name": "date", "nameLocation": "middle", "nameGap": 30},
        "yAxis": {"name": y_name, "nameLocation": "end"},
        "dataZoom": [{"type": "inside"}],
    }


def dyad_pairs(scores: list[ScoreRow], limit: int = MAX_PAIRS) -> list[tuple[str, str]]:
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for row in scores:
        totals[(row.source, row.target)] += row.n_events
    return sorted(totals, key=lambda pair: (-totals[pair], pair))[:limit]


def dyad_option(
    events: Iterable[Event], scores: list[ScoreRow], pairs: list[tuple[str, str]]
) -> dict[str, Any] | None:
    """One line per actor pair: the day's mean PLOVER score, the events behind it in the
    tooltip; a line breaks across more than :data:`GAP` without events."""
    if not pairs:
        return None
    wanted = set(pairs)
    behind: dict[tuple[date, str, str], list[Event]] = defaultdict(list)
    for event in events:
        if event.target is None or event_score(event.type, event.mode) is None:
            continue
        pair = (country(event.source), country(event.target))
        day = event_day(event, event.evidence.published)
        if pair in wanted and day is not None:
            behind[(day, *pair)].append(event)
    series = []
    for source, target in pairs:
        rows = sorted(
            (r for r in scores if (r.source, r.target) == (source, target)), key=lambda r: r.date
        )
        data: list[dict[str, Any]] = []
        last: date | None = None
        for row in rows:
            if last is not None and row.date - last > GAP:
                data.append({"value": [(last + GAP / 2).isoformat(), "-"]})
            last = row.date
            evs = behind.get((row.date, source, target), [])
            data.append(
                {
                    "value": [row.date.isoformat(), round(row.score, 2)],
                    "tip": [
                        f"{source} -> {target}, {row.date.isoformat()}",
                        f"mean score {row.score:+.1f} from {row.n_events} event"
                        f"{'s' if row.n_events != 1 else ''}",
                    ],
                    "ev": [_evidence(e) for e in evs[:MAX_EVIDENCE]],
                }
            )
        series.append(
            {
                "name": f"{source} -> {target}",
                "type": "line",
                "connectNulls": False,
                "showSymbol": True,
                "symbolSize": 7,
                "data": data,
            }
        )
    option = _base("Conflict and cooperation per actor pair", "score (conflict < 0 < cooperation)")
    option["yAxis"].update(
        {"type": "value", "min": -10, "max": 10, "nameLocation": "middle", "nameGap": 32}
    )
    option["legend"] = {"type": "scroll", "bottom": 0}
    option["series"] = series
    return option


def timeline_option(events: list[Event]) -> dict[str, Any] | None:
    """Events by date and PLOVER type: a bubble per type and day, sized by count."""
    cells: dict[tuple[str, date], list[Event]] = defaultdict(list)
    for event in events:
        day = event_day(event, event.evidence.published)
        if day is not None:
            cells[(event.type, day)].append(event)
    if not cells:
        return None
    types = sorted({kind for kind, _ in cells})
    data = [
        {
            "value": [day.isoformat(), kind, len(evs)],
            "symbolSize": min(8 + 4 * (len(evs) - 1), 30),
            "tip": [f"{kind}, {day.isoformat()}: {len(evs)} event{'s' if len(evs) != 1 else ''}"],
            "ev": [_evidence(e) for e in evs[:MAX_EVIDENCE]],
        }
        for (kind, day), evs in sorted(cells.items(), key=lambda c: (c[0][1], c[0][0]))
    ]
    option = _base("Events by date and type (click a point for its sentence)", "event type")
    option["yAxis"].update({"type": "category", "data": types})
    option["series"] = [{"name": "events", "type": "scatter", "data": data}]
    return option


def outcomes_option(threat: ThreatForecast) -> dict[str, Any] | None:
    """Each outcome's probability: the interval as a bar, the mean as a point."""
    if not threat.outcomes:
        return None
    ordered = sorted(threat.outcomes, key=lambda o: o.probability.mean)
    names = [fmt.label(o.outcome) for o in ordered]

    def tip(o: Any) -> list[str]:
        p = o.probability
        return [
            f"{fmt.label(o.outcome)}: {fmt.percent(p.mean)}",
            f"{p.level:.0%} interval {fmt.interval_percent(p)}",
            f"model card {threat.model_card}",
        ]

    option = _base(f"How {threat.threat_id} ends ({threat.sender} -> {threat.target})", "")
    option["xAxis"] = {
        "type": "value",
        "min": 0,
        "max": 1,
        "name": "probability",
        "nameLocation": "middle",
        "nameGap": 30,
        "axisLabel": {"formatter": "{value}"},
    }
    option["yAxis"] = {"type": "category", "data": names, "name": "outcome"}
    option.pop("dataZoom")
    option["series"] = [
        {
            "name": "low",
            "type": "bar",
            "stack": "interval",
            "silent": True,
            "itemStyle": {"color": "transparent"},
            "data": [round(o.probability.low, 4) for o in ordered],
        },
        {
            "name": "interval",
            "type": "bar",
            "stack": "interval",
            "barWidth": 14,
            "itemStyle": {"color": "#9ec5e8"},
            "data": [
                {"value": round(o.probability.high - o.probability.low, 4), "tip": tip(o)}
                for o in ordered
            ],
        },
        {
            "name": "probability",
            "type": "scatter",
            "symbolSize": 12,
            "itemStyle": {"color": "#1f5f99"},
            "data": [
                {"value": [round(o.probability.mean, 4), names[i]], "tip": tip(o)}
                for i, o in enumerate(ordered)
            ],
        },
    ]
    return option
