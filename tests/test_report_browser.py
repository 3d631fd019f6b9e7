"""The static HTML report in a real browser (Debian's Chromium driven by Playwright): at
400 px and at 1400 px nothing widens the page; screenshots kept as test artifacts."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from standoff.show.html import render_html
from test_show_html import SCORES
from test_show_view import make_forecast, make_standoff
from test_web_browser import SHOTS

LONG_ADDRESS = "https://news.example/" + "very-long-path-segment-" * 12 + "article.html"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report with wide tables: a long unbroken address, many footnotes in one cell."""
    standoff = make_standoff()
    standoff.articles[0].url = LONG_ADDRESS
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(standoff, make_forecast(), SCORES), encoding="utf-8")
    return path


@pytest.mark.parametrize("width", [400, 1400])
def test_nothing_overflows_the_page(browser: Browser, report: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(report.as_uri())
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    inner_width = page.evaluate("window.innerWidth")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"report-{width}.png"), full_page=True)
    assert inner_width == width
    assert scroll_width <= width, f"the page is {scroll_width} px wide at {width} px"
    # The wide tables are still whole: they scroll in their own box.
    boxes = page.evaluate(
        "Array.from(document.querySelectorAll('div.scroll'))"
        ".map(d => [d.scrollWidth, d.clientWidth, getComputedStyle(d).overflowX])"
    )
    assert boxes and all(overflow == "auto" for _, _, overflow in boxes)
    assert all(client <= width for _, client, _ in boxes)
    if width == 400:
        assert any(inner > client for inner, client, _ in boxes)  # one does scroll
    context.close()
