"""The HTML report: one self-contained file with the brief's sections and charts.

Self-contained means: CSS inline, charts as inline SVG, no script, no external
address in any ``src`` or ``href`` (footnote links are in-page anchors). Every
piece of text that came from an article goes through :func:`html.escape`.
The file is written to a temporary file beside the target and renamed, so a
failed run never leaves a half-written report.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from standoff.files import check_output, write_text
from standoff.grammar import count
from standoff.model import Forecast, Standoff
from standoff.show import charts
from standoff.show.citations import Note, NoteKind
from standoff.show.view import BriefView, Cell, Fields, Section, Table, build_view

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 1.5rem auto;
       padding: 0 1rem; color: #1b1b1b; line-height: 1.4; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1rem; margin-bottom: .3rem; }
table { border-collapse: collapse; margin: .4rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid #e2e2e2; padding: .2rem .6rem; text-align: left;
         vertical-align: top; }
th { background: #f4f4f4; }
table.fields th { background: none; width: 9rem; }
.headline { font-size: 1.05rem; background: #f6f8fa; padding: .6rem; }
.empty { color: #666; font-style: italic; }
sup.refs a { text-decoration: none; }
nav { display: flex; flex-wrap: wrap; gap: .2rem .8rem; }
.scroll { overflow-x: auto; max-width: 100%; }
p, li, h3, td, code { overflow-wrap: break-word; }  /* a long address breaks, not the page */
td:first-child { white-space: nowrap; }  /* dates and codes stay whole */
figure { margin: .5rem 0 1rem; overflow-x: auto; } figure svg { max-width: 100%; height: auto; }
figcaption, .caption { font-size: .85rem; color: #444; }
ol.notes li { margin-bottom: .3rem; font-size: .9rem; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _refs(notes: tuple[int, ...]) -> str:
    """Footnote links, apart: ``[9, 10, 15]``, each number its own link to its note."""
    if not notes:
        return ""
    links = ", ".join(f'<a href="#n{n}">{n}</a>' for n in notes)
    return f'<sup class="refs">[{links}]</sup>'


def _cell(cell: Cell) -> str:
    return _e(cell.text) + _refs(cell.notes)


def _table(block: Table) -> str:
    title = f"<h3>{_e(block.title)}</h3>" if block.title else ""
    if not block.rows:
        return f'{title}<p class="empty">{_e(block.empty)}</p>'
    head = "".join(f"<th>{_e(c)}</th>" for c in block.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in block.rows
    )
    caption = f'<p class="caption">{_e(block.caption)}</p>' if block.caption else ""
    # A table wider than a narrow screen scrolls in its own box, never the page.
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'{title}<div class="scroll">{table}</div>{caption}'


def _fields(block: Fields) -> str:
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_cell(v)}</td></tr>" for k, v in block.items)
    title = _cell(Cell(block.title, block.title_notes))
    table = f'<table class="fields"><tbody>{rows}</tbody></table>'
    return f'<h3>{title}</h3><div class="scroll">{table}</div>'


def _figure(svg: str | None, caption: str) -> str:
    if svg is None:
        return f'<p class="empty">{_e(caption)}: nothing to draw</p>'
    return f"<figure>{svg}<figcaption>{_e(caption)}</figcaption></figure>"


def _section(section: Section, before: Iterable[str] = ()) -> str:
    parts = [f'<section id="{_e(section.key)}"><h2>{_e(section.title)}</h2>', *before]
    if not section.blocks:
        parts.append(f'<p class="empty">{_e(section.empty)}</p>')
    for block in section.blocks:
        parts.append(_table(block) if isinstance(block, Table) else _fields(block))
    parts.append("</section>")
    return "".join(parts)


def _note(note: Note) -> str:
    if note.kind is NoteKind.EVIDENCE:
        body = f"&ldquo;{_e(note.text)}&rdquo; <em>({_e(note.where())})</em>"
    elif note.kind is NoteKind.MODEL_CARD:
        body = f"model card: <code>{_e(note.text)}</code>"
    else:
        body = f"data sources: {_e(note.text)}"
    return f'<li id="n{note.index}">{body}</li>'


def _scores_section(scores: list[charts.ScoreRow] | None) -> str:
    head = '<section id="scores"><h2>Conflict and cooperation</h2>'
    if scores is None:
        return head + '<p class="empty">not available (no daily scores computed)</p></section>'
    pairs = charts.busiest_pairs(scores)
    caption = (
        "Daily mean conflict-cooperation score of the events from one actor to another "
        "(PLOVER scale, computed by standoff.track.scores); the "
        f"{count(len(pairs), 'busiest pair')} shown. A line joins two days at most "
        f"{charts.MAX_GAP_DAYS} days apart: a gap is a stretch with no events"
    )
    totals = Table(
        title="Events per actor pair",
        columns=("pair", "days", "events"),
        rows=[
            (
                Cell(f"{s} -> {t}"),
                Cell(str(sum(1 for r in scores if (r.source, r.target) == (s, t)))),
                Cell(str(sum(r.n_events for r in scores if (r.source, r.target) == (s, t)))),
            )
            for s, t in pairs
        ],
        empty="no scored events",
    )
    return head + _figure(charts.scores_svg(scores, pairs), caption) + _table(totals) + "</section>"


def _forecast_figures(forecast: Forecast | None) -> list[str]:
    if forecast is None:
        return []
    return [
        _figure(
            charts.outcomes_svg(forecast),
            "Outcome probabilities per threat; whiskers are the intervals "
            "(model card in each title)",
        ),
        _figure(charts.issues_svg(forecast), "Bargaining outcome per issue with its interval"),
    ]


def render_view(view: BriefView, figures: dict[str, list[str]], after: dict[str, str]) -> str:
    """The HTML page of a view; ``figures`` go at the top of the named section,
    ``after`` is extra HTML placed after the named section."""
    nav = "".join(f'<a href="#{_e(s.key)}">{_e(s.title)}</a>' for s in view.sections)
    body = [
        "<h1>Standoff brief</h1>",
        f'<p class="headline">{_cell(view.headline)}</p>',
        f'<nav>{nav}<a href="#notes">Notes</a></nav>',
    ]
    for section in view.sections:
        body.append(_section(section, figures.get(section.key, [])))
        body.append(after.get(section.key, ""))
    notes = "".join(_note(n) for n in view.notes) or "<li>none</li>"
    body.append(f'<section id="notes"><h2>Notes</h2><ol class="notes">{notes}</ol></section>')
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Standoff brief</title><style>{_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def render_html(
    standoff: Standoff,
    forecast: Forecast | None = None,
    scores: Iterable[Any] | None = None,
) -> str:
    """The whole report as one HTML string.

    ``scores`` are rows ``(date, source, target, score, n_events)`` from
    ``standoff.track.scores.daily_scores``, or None when not computed.
    """
    rows = charts.score_rows(scores) if scores is not None else None
    figures = {
        "timeline": [
            _figure(
                charts.timeline_svg(standoff),
                "Events by date and type; below them each threat's state changes (markers "
                "named in the legend) and its deadline (red bar; dashed line across)",
            )
        ],
        "forecast": _forecast_figures(forecast),
    }
    return render_view(build_view(standoff, forecast), figures, {"timeline": _scores_section(rows)})


def check_output_path(path: Path, option: str = "--html") -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    check_output(path, label=f"{option} {path}")


def write_html(path: Path, text: str, option: str = "--html") -> None:
    """Write ``text`` to ``path`` atomically (:func:`standoff.files.write_text`)."""
    write_text(path, text, label=f"{option} {path}")
