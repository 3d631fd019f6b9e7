"""Shared fixtures: one Reader per test session, and the shared gold files.

Building :class:`standoff.read.Reader` loads spaCy and the actor dictionary
(about a second, more on a busy machine), so every test that reads an article
shares the one built here. The gold article lives outside the repository in
``../shared/gold/`` (relative to the repo root); tests that need it skip when
it is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from standoff.read import Reader

REPO = Path(__file__).resolve().parents[1]
SHARED_GOLD = REPO / ".." / "shared" / "gold"
SEED_ARTICLE = SHARED_GOLD / "seed-article.txt"
SEED_GOLD = SHARED_GOLD / "seed.yaml"


@pytest.fixture(scope="session")
def reader() -> Reader:
    """The reader with the shipped actor dictionary only (no user actor file)."""
    return Reader()


@pytest.fixture(scope="session")
def seed_paths() -> tuple[Path, Path]:
    """(article, gold) of the founding article; skips the test when ../shared is absent."""
    if not (SEED_ARTICLE.is_file() and SEED_GOLD.is_file()):
        pytest.skip(f"shared gold not found at {SHARED_GOLD.resolve()}")
    return SEED_ARTICLE, SEED_GOLD


# The browser tests (test_web_browser, test_report_browser) drive Debian's Chromium
# (Playwright's own browser download cannot work here; `make test` installs it).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, one per test module."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
