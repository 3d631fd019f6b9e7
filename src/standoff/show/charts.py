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

from standoff.model import Forecast, Standoff, ThreatForecast, ThreatRecord  # noqa: E402
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
# The longest gap, in days, a line of the conflict-cooperation chart is drawn across.
MAX_GAP_DAYS = 7
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

# How each threat state is drawn on the timeline: a marker and a colour, named in the
# legend, so no text label sits in the plot to pile up on its neighbours.
STATE_STYLES: dict[str, tuple[str, str]] = {
    "issued": ("o", "tab:purple"),
    "modified": ("^", "tab:orange"),
    "deadline_passed": ("X", "tab:red"),
    "carried_out": ("s", "black"),
    "partly_carried_out": ("P", "tab:brown"),
    "expired": ("v", "tab:gray"),
    "withdrawn": ("D", "tab:green"),
    "pending": ("o", "tab:purple"),
}
_OTHER_STYLES = (("h", "tab:olive"), ("*", "tab:cyan"), ("p", "tab:pink"), ("8", "tab:blue"))


def _state_style(state: str, others: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The marker and colour of a threat state; states not listed get the next spare."""
    if state in STATE_STYLES:
        return STATE_STYLES[state]
    if state not in others:
        others[state] = _OTHER_STYLES[len(others) % len(_OTHER_STYLES)]
    return others[state]


def _threat_row(threat: ThreatRecord) -> str:
    """A threat's row: its label (its id and parties when the tracker gave none)."""
    return threat.label or f"{threat.id} {threat.sender}->{threat.target}"


def timeline_figure(standoff: Standoff) -> Figure | None:
    """Events by date and type, then one row per threat with its dated state changes
    (a marker per state, named in the legend) and its deadline (a red bar on its row,
    and a dashed line across the chart per deadline date)."""
    counts: dict[tuple[str, date], int] = defaultdict(int)
    for event in standoff.events:
        day = fmt.event_day(event)
        if day is not None:
            counts[(event.type, day)] += 1
    threats = [
        t
        for t in standoff.threats
        if any(c.date is not None for c in t.history)
        or (t.deadline is not None and t.deadline.value is not None)
    ]
    if not counts and not threats:
        return None
    types = sorted({kind for kind, _ in counts})
    rows = types + [_threat_row(t) for t in threats]
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(WIDTH_INCHES, 1.8 + 0.35 * max(len(rows), 2)))
        if counts:
            xs = [_num(day) for _, day in counts]
            ys = [types.index(kind) for kind, _ in counts]
            sizes = [30 + 25 * (n - 1) for n in counts.values()]
            ax.scatter(
                xs,
                ys,
                s=sizes,
                alpha=0.75,
                color="tab:blue",
                zorder=3,
                label="events (area: number that day)",
            )
        drawn: set[str] = set()
        others: dict[str, tuple[str, str]] = {}
        deadline_days: set[date] = set()
        for row, threat in enumerate(threats, start=len(types)):
            for change in threat.history:
                if change.date is None:
                    continue
                marker, colour = _state_style(change.state, others)
                label = fmt.label(change.state) if change.state not in drawn else None
                drawn.add(change.state)
                ax.scatter(
                    [_num(change.date)],
                    [row],
                    marker=marker,
                    color=colour,
                    s=45,
                    zorder=4,
                    label=label,
                )
            if threat.deadline is not None and threat.deadline.value is not None:
                deadline_days.add(threat.deadline.value)
                ax.scatter(
                    [_num(threat.deadline.value)],
                    [row],
                    marker="|",
                    s=300,
                    linewidths=2,
                    color="tab:red",
                    zorder=3,
                    gid="deadline",
                    label="deadline" if "deadline" not in drawn else None,
                )
                drawn.add("deadline")
        for day in sorted(deadline_days):
            ax.axvline(
                _num(day), color="tab:red", linestyle="--", linewidth=0.8, alpha=0.6, zorder=2
            )
        ax.set_yticks(range(len(rows)), rows)
        ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
        ax.grid(axis="x", alpha=0.3)
        _date_axis(ax)
        ax.set_xlabel("date (of the event; its article's, when the text gives none)")
        ax.set_ylabel("event type / threat")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
        ax.set_title("Timeline: events by type and date, threat changes and deadlines")
        return fig


def timeline_svg(standoff: Standoff) -> str | None:
    """:func:`timeline_figure` as inline SVG (None when there is nothing to draw)."""
    fig = timeline_figure(standoff)
    return None if fig is None else _to_svg(fig)


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


def _runs(series: list[tuple[date, float]], gap_days: int) -> tuple[list[float], list[float]]:
    """x and y of a daily series with a NaN wherever two days are more than ``gap_days``
    apart, so matplotlib breaks the line there instead of drawing across the gap."""
    xs: list[float] = []
    ys: list[float] = []
    for index, (day, score) in enumerate(series):
        if index and (day - series[index - 1][0]).days > gap_days:
            xs.append(float("nan"))
            ys.append(float("nan"))
        xs.append(_num(day))
        ys.append(score)
    return xs, ys


def scores_figure(rows: list[ScoreRow], pairs: list[tuple[str, str]]) -> Figure | None:
    """A line per actor pair: daily conflict (below 0) to cooperation (above 0) score.

    A line joins two days only when they are at most :data:`MAX_GAP_DAYS` apart: days
    with no event are not data, and a line across them would invent a trend."""
    if not rows or not pairs:
        return None
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(WIDTH_INCHES, 3.6))
        for source, target in pairs:
            pair = (source, target)
            series = sorted((r.day, r.score) for r in rows if (r.source, r.target) == pair)
            xs, ys = _runs(series, MAX_GAP_DAYS)
            ax.plot(xs, ys, marker="o", markersize=3, label=f"{source} -> {target}")
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.set_xlabel("date")
        ax.set_ylabel("daily score (conflict < 0 < cooperation)")
        ax.grid(alpha=0.3)
        _date_axis(ax)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
        ax.set_title("Conflict and cooperation per actor pair per day (PLOVER scale)")
        return fig


def scores_svg(rows: list[ScoreRow], pairs: list[tuple[str, str]]) -> str | None:
    """:func:`scores_figure` as inline SVG (None when there is nothing to draw)."""
    fig = scores_figure(rows, pairs)
    return None if fig is None else _to_svg(fig)


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
    ax.errorbar(
        means,
        names,
        xerr=_whiskers(means, lows, highs),
        fmt="none",
        ecolor="black",
        capsize=3,
        linewidth=1,
    )
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("probability", fontsize=8)
    ax.set_ylabel("outcome", fontsize=8)
    name = threat.label or f"{threat.threat_id} ({threat.sender} -> {threat.target})"
    ax.set_title(
        f"{name}: {threat.horizon or 'horizon not stated'} (model card: {threat.model_card})",
        fontsize=8,
        loc="left",
    )


def outcomes_figure(forecast: Forecast) -> Figure | None:
    """Per threat, the probability of each outcome as a bar with its interval as a whisker."""
    threats = [t for t in forecast.threats if t.outcomes][:MAX_THREAT_PANELS]
    if not threats:
        return None
    level = threats[0].outcomes[0].probability.level
    heights = [0.8 + 0.28 * len(t.outcomes) for t in threats]
    with plt.rc_context(_RC):
        fig, axes = plt.subplots(
            len(threats),
            1,
            figsize=(WIDTH_INCHES * 0.8, sum(heights) + 0.7),
            gridspec_kw={"height_ratios": heights},
            squeeze=False,
        )
        for ax, threat in zip(axes[:, 0], threats, strict=True):
            _outcome_panel(ax, threat)
        fig.suptitle(
            f"How each threat ends: probability of each outcome, whiskers the {level:.0%} interval",
            x=0.01,
            ha="left",
        )
        fig.tight_layout()
        return fig


def outcomes_svg(forecast: Forecast) -> str | None:
    """:func:`outcomes_figure` as inline SVG (None when there is nothing to draw)."""
    fig = outcomes_figure(forecast)
    return None if fig is None else _to_svg(fig)


def issues_figure(forecast: Forecast) -> Figure | None:
    """Per issue and model, the predicted position on 0-100 with its interval."""
    if not forecast.issues:
        return None
    issues = forecast.issues
    labels = [f"{i.issue} ({i.model})" for i in issues]
    means = [i.position.mean for i in issues]
    lows = [i.position.low for i in issues]
    highs = [i.position.high for i in issues]
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(WIDTH_INCHES * 0.8, 1.2 + 0.35 * len(issues)))
        ys = list(range(len(issues)))
        ax.errorbar(
            means, ys, xerr=_whiskers(means, lows, highs), fmt="o", color="tab:green", capsize=3
        )
        ax.set_yticks(ys, labels)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.grid(axis="x", alpha=0.3)
        ax.set_xlabel("predicted position on the issue's scale (0-100)")
        ax.set_ylabel("issue (bargaining model)")
        ax.set_title("Bargaining outcome per issue (0-100), with interval", fontsize=9, loc="left")
        return fig


def issues_svg(forecast: Forecast) -> str | None:
    """:func:`issues_figure` as inline SVG (None when there is nothing to draw)."""
    fig = issues_figure(forecast)
    return None if fig is None else _to_svg(fig)
