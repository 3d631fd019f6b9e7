"""The report's charts, drawn with matplotlib (Agg) and returned as inline SVG text.

Each function takes model objects and returns the ``<svg>`` element as a string,
or None when there is nothing to draw. Text in the SVG is kept as text (not
paths) and escaped by matplotlib; ``$`` in labels is never read as mathtext.
Output is deterministic: no date in the metadata, a fixed id salt.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402 - after choosing the backend
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import PercentFormatter  # noqa: E402
from matplotlib.typing import RcKeyType  # noqa: E402

from standoff.model import Forecast, Standoff, ThreatForecast  # noqa: E402
from standoff.show import formats as fmt  # noqa: E402

# Settings for every chart: text stays text, ids are reproducible, "$" is literal.
_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "standoff",
    "text.parse_math": False,
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
# Most actor pairs one conflict-cooperation chart shows (the busiest ones).
MAX_PAIRS = 6
# Most threats the outcome chart shows, one panel each.
MAX_THREAT_PANELS = 8
WIDTH_INCHES = 9.0

_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)


def _to_svg(fig: Figure) -> str:
    """The figure as one ``<svg>`` element: no XML prologue, no RDF metadata."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = _PROLOGUE.sub("", buffer.getvalue(), count=1)
    return _METADATA.sub("", svg, count=1).strip()


def _num(day: date) -> float:
    """A date as matplotlib's day number (the axis is then formatted as dates)."""
    return float(mdates.date2num(day))


def _date_axis(ax: Any) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


# --------------------------------------------------------------------------- timeline


def timeline_svg(standoff: Standoff) -> str | None:
    """Events by date and type, deadlines as labelled vertical lines, threat state changes.

    One row per PLOVER event type (marker area grows with the number of events
    that day), then one row per threat with its dated state changes labelled.
    """
    counts: dict[tuple[str, date], int] = defaultdict(int)
    for event in standoff.events:
        day = fmt.event_day(event)
        if day is not None:
            counts[(event.type, day)] += 1
    changes = [
        (threat.label or threat.id, change.date, fmt.label(change.state))
        for threat in standoff.threats
        for change in threat.history
        if change.date is not None
    ]
    # One line per deadline date, naming every threat that falls due on it.
    deadlines: dict[date, list[str]] = defaultdict(list)
    for threat in standoff.threats:
        if threat.deadline is not None and threat.deadline.value is not None:
            deadlines[threat.deadline.value].append(
                threat.label or f"{threat.id} ({threat.sender}->{threat.target})"
            )
    if not counts and not changes and not deadlines:
        return None
    types = sorted({kind for kind, _ in counts})
    threat_rows = sorted({tid for tid, _, _ in changes})
    rows = types + list(threat_rows)
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(WIDTH_INCHES, 1.6 + 0.35 * max(len(rows), 2)))
        if counts:
            xs = [_num(day) for _, day in counts]
            ys = [types.index(kind) for kind, _ in counts]
            sizes = [30 + 25 * (n - 1) for n in counts.values()]
            ax.scatter(xs, ys, s=sizes, alpha=0.75, color="tab:blue", zorder=3, label="events")
        for tid, day, state in changes:
            y = len(types) + threat_rows.index(tid)
            ax.scatter([_num(day)], [y], marker="D", color="tab:purple", zorder=3)
            ax.annotate(
                state, (_num(day), y), xytext=(4, 5), textcoords="offset points", fontsize=7
            )
        for day, threats in sorted(deadlines.items()):
            ax.axvline(_num(day), color="tab:red", linestyle="--", linewidth=1, zorder=2)
            ax.annotate(
                "deadline: " + ", ".join(threats),
                (_num(day), 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(2, -2),
                textcoords="offset points",
                rotation=90,
                va="top",
                fontsize=7,
                color="tab:red",
            )
        ax.set_yticks(range(len(rows)), rows)
        ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
        ax.grid(axis="x", alpha=0.3)
        _date_axis(ax)
        ax.set_title("Timeline: events by type and date; deadlines dashed")
        return _to_svg(fig)


# --------------------------------------------------------------------------- scores


@dataclass(frozen=True)
class ScoreRow:
    """One actor pair on one day: the mean conflict-cooperation score of its events."""

    day: date
    source: str
    target: str
    score: float
    n_events: int


def score_rows(rows: Iterable[Any]) -> list[ScoreRow]:
    """Accept tuples ``(date, source, target, score, n_events)`` or objects with those names."""
    out: list[ScoreRow] = []
    for row in rows:
        if isinstance(row, Sequence):
            day, source, target, score, n_events = row[:5]
        else:
            day = getattr(row, "date", None) or row.day
            source, target, score, n_events = row.source, row.target, row.score, row.n_events
        out.append(ScoreRow(day, str(source), str(target), float(score), int(n_events)))
    return out


def busiest_pairs(rows: list[ScoreRow], limit: int = MAX_PAIRS) -> list[tuple[str, str]]:
    """The actor pairs with the most events, most first (ties by name)."""
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        totals[(row.source, row.target)] += row.n_events
    return sorted(totals, key=lambda pair: (-totals[pair], pair))[:limit]


def scores_svg(rows: list[ScoreRow], pairs: list[tuple[str, str]]) -> str | None:
    """A line per actor pair: daily conflict (below 0) to cooperation (above 0) score."""
    if not rows or not pairs:
        return None
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(WIDTH_INCHES, 3.6))
        for source, target in pairs:
            pair = (source, target)
            series = sorted((r.day, r.score) for r in rows if (r.source, r.target) == pair)
            ax.plot(
                [_num(d) for d, _ in series],
                [s for _, s in series],
                marker="o",
                markersize=3,
                label=f"{source} -> {target}",
            )
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.set_ylabel("daily score (conflict < 0 < cooperation)")
        ax.grid(alpha=0.3)
        _date_axis(ax)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
        ax.set_title("Conflict and cooperation per actor pair per day")
        return _to_svg(fig)


# --------------------------------------------------------------------------- forecast


def _whiskers(means: list[float], lows: list[float], highs: list[float]) -> list[list[float]]:
    # Negative error lengths would be drawn backwards: clamp them.
    return [
        [max(m - lo, 0.0) for m, lo in zip(means, lows, strict=True)],
        [max(hi - m, 0.0) for m, hi in zip(means, highs, strict=True)],
    ]


def _outcome_panel(ax: Any, threat: ThreatForecast) -> None:
    outcomes = sorted(threat.outcomes, key=lambda o: o.probability.mean)
    names = [fmt.label(o.outcome) for o in outcomes]
    means = [o.probability.mean for o in outcomes]
    lows = [o.probability.low for o in outcomes]
    highs = [o.probability.high for o in outcomes]
    ax.barh(names, means, color="tab:blue", alpha=0.8)
    ax.errorbar(means, names, xerr=_whiskers(means, lows, highs), fmt="none", ecolor="black",
                capsize=3, linewidth=1)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.grid(axis="x", alpha=0.3)
    name = threat.label or f"{threat.threat_id} ({threat.sender} -> {threat.target})"
    ax.set_title(
        f"{name}: {threat.horizon or 'horizon not stated'} - model card {threat.model_card}",
        fontsize=8,
        loc="left",
    )


def outcomes_svg(forecast: Forecast) -> str | None:
    """Per threat, the probability of each outcome as a bar with its interval as a whisker."""
    threats = [t for t in forecast.threats if t.outcomes][:MAX_THREAT_PANELS]
    if not threats:
        return None
    heights = [0.6 + 0.28 * len(t.outcomes) for t in threats]
    with plt.rc_context(_RC):
        fig, axes = plt.subplots(
            len(threats),
            1,
            figsize=(WIDTH_INCHES * 0.8, sum(heights) + 0.4),
            gridspec_kw={"height_ratios": heights},
            squeeze=False,
        )
        for ax, threat in zip(axes[:, 0], threats, strict=True):
            _outcome_panel(ax, threat)
        fig.tight_layout()
        return _to_svg(fig)


def issues_svg(forecast: Forecast) -> str | None:
    """Per issue and model, the predicted position on 0-100 with its interval."""
    if not forecast.issues:
        return None
    issues = forecast.issues
    labels = [f"{i.issue} ({i.model})" for i in issues]
    means = [i.position.mean for i in issues]
    lows = [i.position.low for i in issues]
    highs = [i.position.high for i in issues]
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(WIDTH_INCHES * 0.8, 0.9 + 0.35 * len(issues)))
        ys = list(range(len(issues)))
        ax.errorbar(means, ys, xerr=_whiskers(means, lows, highs), fmt="o", color="tab:green",
                    capsize=3)
        ax.set_yticks(ys, labels)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.grid(axis="x", alpha=0.3)
        ax.set_title("Bargaining outcome per issue (0-100), with interval", fontsize=9, loc="left")
        return _to_svg(fig)
