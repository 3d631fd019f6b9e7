"""Shared fixtures: one Reader per test session, and the shared gold files.

Building :class:`standoff.read.Reader` loads spaCy and the actor dictionary
(about a second, more on a busy machine), so every test that reads an article
shares the one built here. The gold article lives outside the repository in
``../shared/gold/`` (relative to the repo root); tests that need it skip when
it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
