"""The workspace in a real browser: Debian's Chromium driven by Playwright for Python.

One server (``standoff serve``, as a user starts it) on a store of the bundled example
articles serves every test of this file; the tests run in file order and each leaves the
store as the next one expects. Screenshots are kept in ``tests/artifacts/screenshots/``
(not committed). The browser is Debian's (``make test`` installs it when missing);
Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "src" / "standoff" / "data" / "examples"
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
WAIT_MS = 120_000  # the machine may be busy: reading an upload can take a while
# Collects what the Content-Security-Policy blocked, and any script an article smuggled in.
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
window.alert = window.confirm = window.prompt = () => { window.__xss = 'dialog'; };
"""

BRAZIL = (
    "Brazil warns Argentina over beef ban\n\n"
    "Published 11 August 2025\n\n"
    "BRASILIA, Aug 11 - Brazil threatened on Monday to impose tariffs on Argentine wheat "
    "unless Argentina lifts its ban on Brazilian beef by September 30, officials said.\n\n"
    "Argentina rejected the demand, calling it unjustified.\n"
)
ARGENTINA = (
    "Argentina and Brazil agree to talks\n\n"
    "Published 14 August 2025\n\n"
    "BUENOS AIRES, Aug 14 - Argentina's foreign minister met Brazil's foreign minister in "
    "Montevideo on Thursday to discuss the beef dispute, both governments said.\n"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("web")
    store = folder / "s.duckdb"
    standoff = [sys.executable, "-m", "standoff"]
    subprocess.run(
        [*standoff, "ingest", str(EXAMPLES), "--store", str(store)],
        check=True, capture_output=True, timeout=900,
    )
    port = _free_port()
    process = subprocess.Popen(
        [*standoff, "serve", "--store", str(store), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert f"http://127.0.0.1:{port}/" in first, first
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=server, viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    context.add_init_script(WATCH)
    opened = context.new_page()
    yield opened
    assert opened.evaluate("window.__xss") is None
    assert opened.evaluate("window.__csp") == [], "the page broke its Content-Security-Policy"
    context.close()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _wait(page: Page, expression: str) -> None:
    """Wait until ``expression`` is true in the page. (Playwright's wait_for_function
    evaluates a string inside the page, which the Content-Security-Policy refuses.)"""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(100)


def _chart_text(page: Page, chart_id: str) -> str:
    """Everything the named chart holds (its series and tooltips' evidence), as text."""
    _wait(
        page,
        f"!!document.getElementById('{chart_id}') && "
        f"document.getElementById('{chart_id}').dataset.ready === 'yes'",
    )
    text: str = page.evaluate(
        f"JSON.stringify(echarts.getInstanceByDom(document.getElementById('{chart_id}'))"
        ".getOption().series)"
    )
    return text


def _drop(page: Page, files: dict[str, str]) -> None:
    """Drop files on the upload zone as a user dragging them from a file manager."""
    page.evaluate(
        """(files) => {
            const data = new DataTransfer();
            for (const [name, text] of Object.entries(files)) {
                data.items.add(new File([text], name, {type: 'text/plain'}));
            }
            const zone = document.getElementById('dropzone');
            zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: data, bubbles: true}));
            zone.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true}));
        }""",
        files,
    )


def _wait_for_job(page: Page) -> str:
    page.wait_for_selector("#job[data-finished='yes']")
    return page.inner_text("#job")


# ----------------------------------------------------------------------------- tests


def test_two_uploaded_articles_appear_on_the_timeline(page: Page) -> None:
    page.goto("/articles")
    before = int(re.findall(r"\d+", page.inner_text("p.count"))[0])
    _drop(page, {"brazil-warns.txt": BRAZIL, "talks.txt": ARGENTINA})
    expect(page.locator("progress")).to_be_visible()
    summary = _wait_for_job(page)
    assert "stored 2" in summary, summary
    _shot(page, "upload-done")
    page.goto("/timeline?dyad=BRA-ARG")
    text = page.inner_text("#timeline-results")
    assert "Brazilian beef" in text
    page.goto("/timeline?actor=ARG")
    assert "Montevideo" in page.inner_text("#timeline-results")
    page.goto("/articles")
    after = int(re.findall(r"\d+", page.inner_text("p.count"))[0])
    assert after == before + 2
    # Clicking an event opens its article with the sentence highlighted.
    page.goto("/timeline?dyad=BRA-ARG")
    page.locator("a.ev-link").first.click()
    focus = page.locator("mark#focus")
    expect(focus).to_be_visible()
    assert "Brazil" in focus.inner_text()
    _shot(page, "article-highlight")


def test_a_bad_upload_says_why_and_changes_nothing(page: Page) -> None:
    page.goto("/articles")
    before = page.inner_text("p.count")
    page.set_input_files(
        "#upload-files",
        files=[{"name": "scan.txt", "mimeType": "text/plain", "buffer": b"PK\x03\x04\x00\x00"}],
    )
    page.click("#upload-button")
    error = page.locator("#upload-error")
    expect(error).to_contain_text("binary")
    expect(error).to_contain_text("nothing was stored")
    page.reload()
    assert page.inner_text("p.count") == before


def test_article_text_is_shown_never_run(page: Page) -> None:
    hostile = (
        "Chile <script>window.__xss = 'script'</script> threatened Peru with tariffs.\n\n"
        "Peru said <img src=x onerror=\"window.__xss = 'img'\"> the demand was unfair "
        "and <svg onload=\"window.__xss = 'svg'\"></svg> rejected it.\n"
    )
    page.goto("/articles")
    page.click("#paste summary")
    page.fill("#paste-title", "<b onmouseover=\"window.__xss='title'\">Chile</b> and Peru")
    page.fill("#upload-date", "2025-08-12")
    page.fill("#paste-text", hostile)
    page.click("#upload-button")
    assert "stored 1" in _wait_for_job(page)
    page.locator("#job a[href^='/articles/']").first.click()
    text = page.inner_text("#article-text")
    assert "<script>window.__xss = 'script'</script>" in text
    assert "onerror=" in text
    assert "<b onmouseover" in page.inner_text("h1")
    page.mouse.move(200, 100)
    for path in ("/timeline?actor=PER", "/review?show=all", "/articles"):
        page.goto(path)
    _shot(page, "hostile-article")


def test_correcting_a_deadline_moves_the_ledger_the_headline_and_the_forecast(
    page: Page,
) -> None:
    page.goto("/?as_of=2025-07-20")
    headline = page.inner_text("#headline")
    assert "USA -> RUS" in headline and "44 days left" in headline, headline
    page.goto("/forecast?as_of=2025-07-20")
    assert "deadline 2025-09-02 stated" in page.inner_text("#features")
    page.goto("/review?kind=threat&show=all&as_of=2025-07-20")
    card = page.locator("article.card", has_text="USA → RUS").filter(
        has_text="2025-09-02"
    ).first
    card.locator("details.correct summary").click()
    card.locator("input[name=deadline]").fill("2025-07-25")
    card.locator("input[name=why]").fill("the text gives 25 July")
    card.locator("button.save").click()
    expect(page.locator("article.card.d-correct").first).to_contain_text("2025-07-25")
    page.goto("/?as_of=2025-07-20")
    headline = page.inner_text("#headline")
    assert "5 days left" in headline and "2025-07-25" in headline, headline
    _shot(page, "headline-after-correction")
    page.goto("/threats?as_of=2025-07-20")
    assert "2025-07-25" in page.inner_text("article.record >> nth=0")
    page.goto("/forecast?as_of=2025-07-20")
    assert "deadline 2025-07-25 stated" in page.inner_text("#features")
    _shot(page, "forecast-after-correction")
    # An override re-runs the forecast live, without storing anything.
    first = page.inner_text("#outcomes")
    page.select_option("select[name=o_sender_costs]", "major")
    _wait(page, "document.querySelector('#features tr.overridden') !== null")
    assert "o_sender_costs=major" in page.url
    assert page.inner_text("#outcomes") != first


def test_a_rejected_event_leaves_the_dyad_chart(page: Page) -> None:
    rejection = '"t":"REJECT ARG -> BRA"'
    page.goto("/timeline?dyad=ARG-BRA")
    before = _chart_text(page, "dyad-chart")
    assert rejection in before and "unjustified" in before, before[:500]
    page.locator("tr", has_text="REJECT").locator("a.ev-link").first.click()
    card = page.locator("#focus-items article.card").filter(
        has=page.locator("strong.what", has_text="REJECT")
    ).first
    card.locator("input[name=why]").fill("a reaction, not a rejection of a demand")
    card.locator("button.reject").click()
    expect(page.locator("#focus-items article.card.d-reject").first).to_be_visible()
    page.goto("/timeline?dyad=ARG-BRA")
    after = _chart_text(page, "dyad-chart")
    assert rejection not in after
    assert "ACCUSE ARG -> BRA" in after  # the other event of that sentence stays
    assert "REJECT" not in page.inner_text("table.events")
    _shot(page, "dyad-after-reject")


def test_the_as_of_picker_rewinds_the_whole_app(page: Page) -> None:
    page.goto("/")
    page.fill("#as-of", "2025-07-20")
    page.dispatch_event("#as-of", "change")
    page.wait_for_url(re.compile(r"as_of=2025-07-20"))
    expect(page.locator(".rewound")).to_contain_text("2025-07-20")
    numbers = page.inner_text("dl.numbers")
    assert re.search(r"articles\s+1\b", numbers), numbers
    for link in page.locator("header nav a").all():
        assert "as_of=2025-07-20" in (link.get_attribute("href") or "")
    page.click("header nav a:text('Timeline')")
    rows = page.locator("table.events tbody tr td.nowrap:first-child").all_inner_texts()
    days = [re.sub(r"\*$", "", r) for r in rows if re.match(r"\d{4}-\d{2}-\d{2}", r)]
    assert days and max(days) <= "2025-07-20", days
    _shot(page, "timeline-rewound")


PAGES = ["/", "/timeline", "/threats", "/proposals", "/actors", "/actors/USA", "/forecast",
         "/articles", "/review"]


@pytest.mark.parametrize("width", [1400, 400])
def test_nothing_overflows_at_1400_and_400_pixels(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/articles")
    article = page.locator("#article-list a").first.get_attribute("href")
    overflowing: list[Any] = []
    for path in [*PAGES, article]:
        page.goto(str(path))
        page.wait_for_load_state("load")
        if page.locator(".chart[data-chart]").count():
            _wait(
                page,
                "[...document.querySelectorAll('.chart[data-chart]')]"
                ".every(el => el.dataset.ready === 'yes')",
            )
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > width:
            culprits = page.evaluate(
                f"[...document.querySelectorAll('body *')]"
                f".filter(e => e.getBoundingClientRect().right > {width} + 1).slice(-3)"
                ".map(e => e.tagName + '.' + e.className + ': '"
                " + (e.textContent || '').slice(0, 80))"
            )
            overflowing.append((path, wide, culprits))
        shown = str(path).strip("/").replace("/", "-") or "overview"
        name = "article" if path == article else shown
        _shot(page, f"{name}-{width}")
    assert overflowing == []
