"""The HTML report reads well: footnotes apart, labels that do not pile up, no lines across
empty months, tables that fit a phone, every chart titled and labelled."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date, timedelta
from html.parser import HTMLParser

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from standoff.model import StateChange
from standoff.show import charts
from standoff.show.html import render_html
from standoff.show.view import Cell
from test_show_html import SCORES
from test_show_view import make_forecast, make_standoff


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


class _Sup(HTMLParser):
    """The text and the links of each <sup> of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sups: list[tuple[str, list[str]]] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "sup":
            self._depth += 1
            self.sups.append(("", []))
        elif tag == "a" and self._depth:
            text, links = self.sups[-1]
            self.sups[-1] = (text, [*links, dict(attrs).get("href") or ""])

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            text, links = self.sups[-1]
            self.sups[-1] = (text + data, links)


def test_footnote_numbers_are_separated_links() -> None:
    from standoff.show.html import _cell

    parser = _Sup()
    parser.feed(_cell(Cell("tariffs", (9, 10, 15))))
    # One group, read as three numbers (not "91015"), each its own link to its note.
    assert parser.sups == [("[9, 10, 15]", ["#n9", "#n10", "#n15"])]


def test_a_real_report_never_runs_footnote_numbers_together() -> None:
    parser = _Sup()
    parser.feed(render_html(make_standoff(), make_forecast(), SCORES))
    assert parser.sups
    for text, links in parser.sups:
        numbers = re.findall(r"\d+", text)
        assert numbers == [link.removeprefix("#n") for link in links]
        assert text == "[" + ", ".join(numbers) + "]"


def _busy_standoff() -> object:
    """The example standoff with its threat's history crowded into three days."""
    standoff = make_standoff()
    threat = standoff.threats[0]
    day = date(2025, 8, 7)
    for offset, state in enumerate(
        ["modified", "deadline_passed", "partly_carried_out", "carried_out", "withdrawn"]
    ):
        threat.history.append(StateChange(date=day + timedelta(days=offset // 2), state=state))
    return standoff


def _inside_texts(fig: Figure) -> list[object]:
    """Text drawn inside the plotting area (annotations and texts, not ticks or titles)."""
    ax = fig.axes[0]
    return [t for t in [*ax.texts] if t.get_visible() and t.get_text()]


def test_timeline_state_labels_do_not_pile_up() -> None:
    standoff = _busy_standoff()
    fig = charts.timeline_figure(standoff)  # type: ignore[arg-type]
    assert fig is not None
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [t.get_window_extent(renderer) for t in _inside_texts(fig)]  # type: ignore[attr-defined]
    overlapping = [
        (a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)
    ]
    assert overlapping == []
    # Every state of the history is still told: by a marker named in the legend.
    legend = fig.axes[0].get_legend()
    assert legend is not None
    named = {t.get_text() for t in legend.get_texts()}
    states = {c.state.replace("_", " ") for c in standoff.threats[0].history}  # type: ignore[attr-defined]
    assert states <= named and "deadline" in named


def _segments(xs: list[float]) -> list[list[float]]:
    runs: list[list[float]] = [[]]
    for x in xs:
        if math.isnan(x):
            runs.append([])
        else:
            runs[-1].append(x)
    return [r for r in runs if r]


def test_dyad_chart_draws_no_line_across_empty_months() -> None:
    rows = charts.score_rows(
        [
            (date(2025, 3, 11), "USA", "RUS", 2.0, 1),
            (date(2025, 3, 12), "USA", "RUS", 1.0, 1),
            (date(2025, 7, 14), "USA", "RUS", -6.0, 2),  # four months later
            (date(2025, 7, 20), "USA", "RUS", -4.0, 1),
        ]
    )
    fig = charts.scores_figure(rows, charts.busiest_pairs(rows))
    assert fig is not None
    (line,) = [ln for ln in fig.axes[0].get_lines() if ln.get_label() == "USA -> RUS"]
    runs = _segments([float(x) for x in line.get_xdata()])
    # Two runs: March and July; no stretch of line spans the empty months between.
    assert len(runs) == 2
    for run in runs:
        assert all(b - a <= charts.MAX_GAP_DAYS for a, b in zip(run, run[1:], strict=False))
    # Every day is still drawn as a point.
    assert sum(len(r) for r in runs) == 4


def _figures() -> dict[str, Figure | None]:
    standoff, forecast = make_standoff(), make_forecast()
    rows = charts.score_rows(SCORES)
    return {
        "timeline": charts.timeline_figure(standoff),
        "scores": charts.scores_figure(rows, charts.busiest_pairs(rows)),
        "outcomes": charts.outcomes_figure(forecast),
        "issues": charts.issues_figure(forecast),
    }


def test_every_chart_has_a_title_and_axis_labels() -> None:
    for name, fig in _figures().items():
        assert fig is not None, name
        title = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
        for ax in fig.axes:
            assert title or ax.get_title(loc="center") or ax.get_title(loc="left"), name
            assert ax.get_xlabel().strip(), f"{name}: no x-axis label"
            assert ax.get_ylabel().strip(), f"{name}: no y-axis label"


class _Layout(HTMLParser):
    """Which element each <table> sits in, and the page's CSS."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.table_parents: list[tuple[str, str]] = []
        self.css = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.table_parents.append(self.stack[-1] if self.stack else ("", ""))
        if tag == "style":
            self._in_style = True
        if tag not in {"meta", "br", "hr", "img", "input", "link"}:
            self.stack.append((tag, dict(attrs).get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css += data


def test_tables_scroll_in_their_own_box_on_a_narrow_screen() -> None:
    """Structural check (no browser here): a table wider than a 400 px screen scrolls
    inside a box of the page's width instead of widening the page."""
    layout = _Layout()
    layout.feed(render_html(make_standoff(), make_forecast(), SCORES))
    assert len(layout.table_parents) > 5
    assert set(layout.table_parents) == {("div", "scroll")}
    css = re.sub(r"\s+", " ", layout.css)
    assert re.search(r"\.scroll \{[^}]*overflow-x: auto", css)
    assert re.search(r"figure svg \{[^}]*max-width: 100%", css)
    assert re.search(r"nav \{[^}]*flex-wrap: wrap", css)  # the section links wrap too
