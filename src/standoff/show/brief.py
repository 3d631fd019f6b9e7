"""The terminal brief: the view's sections printed with rich.

It must read well in a 100-column terminal and in a log file (``make run``
output), so it uses plain box characters, no colour when stdout is not a
terminal, and folds long cells instead of cutting them.
"""

from __future__ import annotations

import io
import sys
from typing import TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from standoff.model import Forecast, Standoff
from standoff.show.citations import Note, NoteKind
from standoff.show.view import (
    BriefView,
    Cell,
    Fields,
    Section,
    Table,
    build_forecast_view,
    build_view,
)

# The widest the brief gets, even on a wide terminal: tables stay readable.
MAX_WIDTH = 100
# Columns whose cells are all at most this long never wrap (dates, codes, percents).
SHORT_CELL = 32
# Columns that may wrap keep at least this width, so short ones cannot crush them.
MIN_WRAP_WIDTH = 14


def _cell(cell: Cell) -> Text:
    text = Text(cell.text)
    if cell.notes:
        text.append(" " + "".join(f"[{n}]" for n in cell.notes), style="dim")
    return text


def _table(block: Table) -> RenderableType:
    title = [Text(block.title, style="italic")] if block.title else []
    if not block.rows:
        return Group(*title, Text(f"  ({block.empty})"))
    table = RichTable(
        *block.columns,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),  # two spaces between columns, no more: 100 columns are few
    )
    cells = [[_cell(c) for c in row] for row in block.rows]
    longest = [max(len(row[i]) for row in cells) for i in range(len(block.columns))]
    widest = block.flex if block.flex is not None else longest.index(max(longest))
    for index, column in enumerate(table.columns):
        column.overflow = "fold"
        # Short values (dates, codes, percents) read badly when broken over lines; the
        # widest column always may wrap, so the table can always be fitted.
        column.no_wrap = index != widest and longest[index] <= SHORT_CELL
        if not column.no_wrap:
            column.min_width = MIN_WRAP_WIDTH
    for row in cells:
        table.add_row(*row)
    caption = [Text(block.caption, style="dim")] if block.caption else []
    return Group(*title, table, *caption)


def _fields(block: Fields) -> RenderableType:
    table = RichTable(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for label, cell in block.items:
        table.add_row(label, _cell(cell))
    title = _cell(Cell(block.title, block.title_notes))
    title.stylize("bold")
    return Group(title, table)


def _section(section: Section) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(""), Text(section.title.upper(), style="bold underline")]
    if not section.blocks:
        parts.append(Text(f"  ({section.empty})"))
    for number, block in enumerate(section.blocks):
        if number:
            parts.append(Text(""))  # a blank line between one threat's blocks and the next
        parts.append(_table(block) if isinstance(block, Table) else _fields(block))
    return parts


def _note(note: Note) -> Text:
    text = Text()
    if note.kind is NoteKind.EVIDENCE:
        text.append(f'"{note.text}" ')
        text.append(f"({note.where()})", style="italic")
    elif note.kind is NoteKind.MODEL_CARD:
        text.append(f"model card: {note.text}")
    else:
        text.append(f"data sources: {note.text}")
    return text


def renderables(view: BriefView, title: str = "STANDOFF BRIEF") -> list[RenderableType]:
    """The brief as rich renderables, in reading order."""
    parts: list[RenderableType] = [Text(title, style="bold"), _cell(view.headline)]
    for section in view.sections:
        parts.extend(_section(section))
    parts.extend([Text(""), Text("NOTES", style="bold underline")])
    if not view.notes:
        parts.append(Text("  (none)"))
    # A borderless two-column table gives the notes a hanging indent.
    notes = RichTable(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 0))
    notes.add_column("index", justify="right", no_wrap=True, style="dim")
    notes.add_column("note", overflow="fold")
    for note in view.notes:
        notes.add_row(f"[{note.index}]", _note(note))
    parts.append(notes)
    return parts


def make_console(file: TextIO | None = None, width: int | None = None) -> Console:
    """A console no wider than :data:`MAX_WIDTH`; plain text when not a terminal."""
    target = file or sys.stdout
    probe = Console(file=target)
    chosen = width or (min(probe.width, MAX_WIDTH) if probe.is_terminal else MAX_WIDTH)
    return Console(file=target, width=chosen, highlight=False, soft_wrap=False)


def render_brief(
    standoff: Standoff,
    forecast: Forecast | None = None,
    *,
    console: Console | None = None,
) -> None:
    """Print the brief of a standoff (and its forecast) to ``console`` (stdout by default).

    On a terminal rich prints with style; elsewhere (a pipe, a log) the text is
    written plain, with the padding rich leaves at line ends removed.
    """
    _print(renderables(build_view(standoff, forecast)), console or make_console())


def render_forecast(forecast: Forecast, *, console: Console | None = None) -> None:
    """Print a Forecast alone (``standoff forecast``) as the brief prints its Forecast section."""
    view = build_forecast_view(forecast)
    _print(renderables(view, "STANDOFF FORECAST"), console or make_console())


def _print(parts: list[RenderableType], out: Console) -> None:
    if out.is_terminal:
        for part in parts:
            out.print(part)
        return
    with out.capture() as captured:
        for part in parts:
            out.print(part)
    out.file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
    out.file.flush()


def brief_text(standoff: Standoff, forecast: Forecast | None = None, width: int = MAX_WIDTH) -> str:
    """The brief as plain text at ``width`` columns (for tests and logs)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    render_brief(standoff, forecast, console=console)
    return buffer.getvalue()
