"""How values are written in the brief: dates with their precision, percents, dollars.

One place for each format, so the terminal brief and the HTML report agree.
"""

from __future__ import annotations

from datetime import date

from standoff.model import DatePrecision, Event, Interval, ResolvedDate

# How much of an ISO date to keep at each precision.
_PRECISION_CHARS: dict[DatePrecision, int] = {
    DatePrecision.DAY: 10,
    DatePrecision.MONTH: 7,
    DatePrecision.YEAR: 4,
}

# Dollar magnitudes, largest first: (threshold, divisor, suffix).
_USD_SCALES: tuple[tuple[float, float, str], ...] = (
    (1e12, 1e12, "tn"),
    (1e9, 1e9, "bn"),
    (1e6, 1e6, "m"),
    (1e3, 1e3, "k"),
)

NONE = "-"


def resolved(value: ResolvedDate | None) -> str:
    """A resolved date at its precision: ``2025-08-08``, ``2025-08``, ``~2025-09-02``.

    Unresolved dates show the words they came from in quotes.
    """
    if value is None:
        return NONE
    if value.value is None or value.precision is DatePrecision.UNRESOLVED:
        return f'unresolved "{value.text}"' if value.text else "unresolved"
    text = value.value.isoformat()[: _PRECISION_CHARS.get(value.precision, 10)]
    return f"~{text}" if value.approximate else text


def deadline(value: ResolvedDate | None) -> str:
    """A deadline with its precision and the words it came from.

    For example ``2025-08-08 (day, relative, from "ten days from today")``.
    """
    if value is None:
        return "none stated"
    flags = [value.precision.value]
    if value.approximate:
        flags.append("approximate")
    if value.relative:
        flags.append("relative")
    words = f', from "{value.text}"' if value.text else ""
    return f"{resolved(value)} ({', '.join(flags)}{words})"


def event_day(event: Event) -> date | None:
    """The day an event happened: its resolved date, else its article's publication date."""
    if event.date is not None and event.date.value is not None:
        return event.date.value
    return event.evidence.published


# Marks a timeline date taken from the article's publication date.
PUBLISHED_MARK = "*"
PUBLISHED_NOTE = f"{PUBLISHED_MARK} the article's publication date: the text gives no date"


def event_date(event: Event) -> str:
    """An event's date as shown in the timeline; :data:`PUBLISHED_MARK` marks a fallback."""
    if event.date is not None and event.date.value is not None:
        return resolved(event.date)
    if event.evidence.published is not None:
        return f"{event.evidence.published.isoformat()}{PUBLISHED_MARK}"
    return "undated"


def day(value: date | None) -> str:
    return value.isoformat() if value is not None else NONE


def codes(values: list[str]) -> str:
    return ", ".join(values) if values else NONE


def percent(value: float) -> str:
    """A probability in [0, 1] as a whole percent (``0.625`` -> ``62%``)."""
    return f"{value * 100:.0f}%"


def percent_fine(value: float) -> str:
    """A probability as a percent, one decimal below 1% (``0.002`` -> ``0.2%``, not ``0%``;
    ``<0.1%`` below that)."""
    if 0 < value < 0.001:
        return "<0.1%"
    return f"{value * 100:.1f}%" if 0 < value < 0.01 else percent(value)


def interval_percent(value: Interval, fine: bool = False) -> str:
    """An interval of probabilities: ``48-75% (90% interval)``; ``fine``: one decimal when
    its top is below 1% (``0.1-0.4%``)."""
    digits = 1 if fine and 0 < value.high < 0.01 else 0
    low, high = f"{value.low * 100:.{digits}f}", f"{value.high * 100:.{digits}f}"
    return f"{low}-{high}% ({value.level * 100:.0f}% interval)"


def interval_plain(value: Interval, digits: int = 1) -> str:
    """An interval on a plain scale: ``41.2 [35.0-47.9, 90%]``."""
    return (
        f"{value.mean:.{digits}f} [{value.low:.{digits}f}-{value.high:.{digits}f}, "
        f"{value.level * 100:.0f}%]"
    )


def usd(value: float | None) -> str:
    """Dollars at a readable scale: ``$12.3bn``; ``-`` when unknown."""
    if value is None:
        return NONE
    for threshold, divisor, suffix in _USD_SCALES:
        if abs(value) >= threshold:
            return f"${value / divisor:.1f}{suffix}"
    return f"${value:.0f}"


def interval_usd(value: Interval | None) -> str:
    if value is None:
        return NONE
    return f"{usd(value.mean)} [{usd(value.low)}-{usd(value.high)}, {value.level * 100:.0f}%]"


def rate(value: float) -> str:
    """A tariff rate given as a fraction (``1.0`` -> ``100%``)."""
    return f"{value * 100:.0f}%"


def label(value: str) -> str:
    """An enum value for people: ``partly_carried_out`` -> ``partly carried out``."""
    return value.replace("_", " ")


def event_label(event: Event) -> str:
    """A PLOVER event type with its mode, as every command shows it: ``REJECT (agree)``."""
    return event.type + (f" ({event.mode})" if event.mode else "")
