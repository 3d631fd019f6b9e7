"""The HTML report: well-formed, self-contained, escaped, with inline SVG charts."""

from __future__ import annotations

import os
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from standoff.errors import UserError
from standoff.show import charts
from standoff.show.html import render_html, write_html
from test_show_view import EVIL_TITLE, make_forecast, make_standoff

# Elements HTML allows without a closing tag.
VOID = {"meta", "br", "hr", "img", "input", "link", "source", "col", "area", "base", "wbr"}

SCORES = [
    (date(2025, 7, 14), "USA", "RUS", -6.0, 2),
    (date(2025, 7, 29), "USA", "RUS", -7.0, 3),
    (date(2025, 8, 6), "USA", "RUS", 4.0, 1),
    (date(2025, 8, 6), "USA", "IND", -8.0, 1),
]


class _Checker(HTMLParser):
    """Records tags, checks nesting, and collects every src/href and script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links.extend(v or "" for k, v in attrs if k in {"src", "href", "xlink:href"})
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links.extend(v or "" for k, v in attrs if k in {"src", "href", "xlink:href"})

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    return checker


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(make_standoff(), make_forecast(), SCORES)


def test_well_formed(page: str) -> None:
    checker = _check(page)
    assert checker.errors == []
    assert checker.stack == []
    assert page.startswith("<!DOCTYPE html>")


def test_self_contained(page: str) -> None:
    checker = _check(page)
    assert "script" not in checker.tags
    assert all(link.startswith("#") for link in checker.links), checker.links
    # Every footnote link lands on a note in the page.
    for link in checker.links:
        assert f'id="{link[1:]}"' in page


def test_article_text_is_escaped(page: str) -> None:
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    # Parsed back, the title reads as the article gave it.
    assert EVIL_TITLE in "".join(_check(page).text)


def test_has_timeline_scores_and_forecast_charts(page: str) -> None:
    assert page.count("<svg") == 4  # timeline, conflict-cooperation, outcomes, issues
    timeline = page.split('id="timeline"', 1)[1].split("</figure>", 1)[0]
    assert "<svg" in timeline
    # The threat's row is named by its label, not its hash; its deadline in the legend.
    assert "USA -&gt; RUS, secondary tariffs, deadline 8 Aug" in timeline
    assert "THREATEN" in timeline and "T1" not in timeline and "deadline" in timeline
    scores = page.split('id="scores"', 1)[1].split("</section>", 1)[0]
    assert "USA -&gt; RUS" in scores and "<svg" in scores


def test_shows_threat_fields_and_model_card(page: str) -> None:
    assert "IND, CHN" in page
    assert "ten days from today" in page
    assert "docs/models/coercion.md" in page


def test_without_forecast_or_scores() -> None:
    page = render_html(make_standoff())
    assert _check(page).errors == []
    assert "no forecast: not run" in page
    assert "not available (no daily scores computed)" in page
    assert page.count("<svg") == 1


def test_charts_draw_nothing_from_nothing() -> None:
    from standoff.model import Forecast, Standoff

    assert charts.timeline_svg(Standoff()) is None
    assert charts.outcomes_svg(Forecast()) is None
    assert charts.issues_svg(Forecast()) is None
    assert charts.scores_svg([], []) is None


def test_busiest_pairs_first() -> None:
    rows = charts.score_rows(SCORES)
    assert charts.busiest_pairs(rows) == [("USA", "RUS"), ("USA", "IND")]
    assert charts.busiest_pairs(rows, limit=1) == [("USA", "RUS")]


def test_dollar_sign_is_not_mathtext() -> None:
    # "$" in a label must not be parsed as mathtext (two of them would be).
    standoff = make_standoff()
    standoff.threats[0].label = "USA -> RUS, $1$ tariffs"
    svg = charts.timeline_svg(standoff)
    assert svg is not None and "USA -&gt; RUS, $1$ tariffs" in svg


def test_write_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_html(target, "<p>one</p>")
    assert target.read_text() == "<p>one</p>"
    assert os.listdir(tmp_path) == ["report.html"]


def test_failed_write_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(UserError, match="no space left on device"):
        write_html(target, "<p>new</p>")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["report.html"]


@pytest.mark.parametrize("where", ["missing/report.html", "file.txt/report.html", "."])
def test_bad_path_is_refused(tmp_path: Path, where: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(UserError, match="--html"):
        write_html(tmp_path / where, "<p/>")
    assert sorted(os.listdir(tmp_path)) == before


def test_one_deadline_line_per_date() -> None:
    standoff = make_standoff()
    standoff.threats[0].label = "T1"
    second = standoff.threats[0].model_copy(update={"id": "T2", "label": "T2"})
    standoff.threats.append(second)
    fig = charts.timeline_figure(standoff)
    assert fig is not None
    ax = fig.axes[0]
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert [line.get_xdata()[0] for line in dashed] == [charts._num(date(2025, 8, 8))]
    # Each threat has its own deadline mark on its own row.
    rows = [t.get_text() for t in ax.get_yticklabels()]
    marks = [c for c in ax.collections if c.get_gid() == "deadline"]
    assert {rows[round(y)] for c in marks for _, y in c.get_offsets()} == {"T1", "T2"}
