"""Dated rows with their evidence in a terminal: ``standoff timeline``, ``threats``, ``proposals``.

Each row is a date, what happened, who (or a detail), the evidence sentence and its
outlet. On a wide terminal (:data:`WIDE` columns or more) they are one table. A
narrower one gets the compact layout, two lines a row, the evidence under the row::

    2025-07-14  THREATEN:sanction  USAGOV -> RUS  (meridianwire.example)
                Trump gave Russia 50 days to agree to a ceasefire or face secondary…

On a terminal each of the two lines is cut at the line's end (``full=True``, the
commands' ``--full``, shows them whole); written to a file or a pipe nothing is cut,
since a log must keep the evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

# Terminals at least this wide show one table; narrower ones the compact layout.
WIDE = 140
_DATE_WIDTH = 10  # YYYY-MM-DD


@dataclass(frozen=True)
class DatedRow:
    """One dated step: an event or a ledger change, with its evidence and outlet."""

    day: date | None
    what: str
    who: str
    evidence: str
    source: str


def _day(value: date | None) -> str:
    return value.isoformat() if value else "-"


def table(title: str, columns: Sequence[str], rows: Sequence[DatedRow]) -> Table:
    """The rows as one table with ``columns`` (date, what, who, evidence, source)."""
    out = Table(title=title, title_justify="left")
    for name in columns:
        out.add_column(name, overflow="fold")
    for row in rows:
        out.add_row(_day(row.day), row.what, row.who, row.evidence, row.source)
    return out


def compact(title: str, rows: Sequence[DatedRow], *, cut: bool) -> Table:
    """The rows two lines each under ``title``: date, what, who and outlet, then the
    evidence indented (each line cut at its end when ``cut``); consecutive rows with the
    same sentence share it."""
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.title = title
    grid.title_justify = "left"
    grid.add_column("date", no_wrap=True, width=_DATE_WIDTH)
    grid.add_column("row", overflow="fold")
    for number, row in enumerate(rows):
        head = Text(no_wrap=cut, overflow="ellipsis" if cut else "fold")
        head.append(row.what, style="bold")
        if row.who:
            head.append(f"  {row.who}")
        head.append(f"  ({row.source})", style="dim")
        grid.add_row(_day(row.day), head)
        following = rows[number + 1] if number + 1 < len(rows) else None
        if following is not None and (following.evidence, following.source) == (
            row.evidence,
            row.source,
        ):
            continue  # the next row has the same sentence: it is shown once, under both
        grid.add_row("", Text(row.evidence, no_wrap=cut, overflow="ellipsis" if cut else "fold"))
    return grid


def render(
    console: Console,
    title: str,
    columns: Sequence[str],
    rows: Sequence[DatedRow],
    *,
    full: bool = False,
) -> None:
    """Print ``rows`` to ``console``: a table when it is :data:`WIDE`, else compact (the
    evidence cut only on a terminal, and not with ``full``)."""
    if console.width >= WIDE:
        console.print(table(title, columns, rows))
        return
    console.print(compact(title, rows, cut=console.is_terminal and not full))


__all__ = ["WIDE", "DatedRow", "compact", "render", "table"]
