"""Integrity of the reader's development set in ``tests/data/dev/`` and of its
held-out set in ``tests/data/heldout/`` (docs/heldout-set.md).

Each article (``<standoff>-<yyyy-mm-dd>-<slug>.txt|.html``) has a gold file
beside it (same stem, ``.yaml``) in the format of ``shared/gold/seed.yaml``.
These tests check that the gold is well formed and consistent with its
article, so that scoring the reader against it measures the reader and not
typos in the annotation: valid PLOVER types and actor codes, distinct event
triples, cues that really occur in the article, deadlines that are dates,
and a set broad enough (standoffs, articles) to stand for unseen news.
"""

from __future__ import annotations

import html
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

DEV = Path(__file__).resolve().parent / "data" / "dev"
HELDOUT = DEV.parent / "heldout"
ARTICLE_SUFFIXES = (".txt", ".html")
NAME = re.compile(
    r"^(?P<standoff>[a-z0-9]+(?:-[a-z0-9]+)*?)-(?P<date>\d{4}-\d{2}-\d{2})-[a-z0-9-]+$"
)

PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
IGOS = frozenset({"NATO", "EU", "UN", "IAEA", "WTO", "GCC", "G7", "G20", "OPEC", "AU", "ASEAN"})
# Kosovo has no ISO 3166 code; XKX is the user-assigned code the reader's actor table uses
USER_ASSIGNED = frozenset({"XKX"})
THREAT_STATUSES = frozenset(
    {"pending", "modified", "carried_out", "partly_carried_out", "expired", "withdrawn"}
)
ARTICLE_KEYS = {"file", "published", "source", "body_paragraphs"}
TOP_KEYS = {"article", "actors", "events", "threats", "proposals", "positions", "acceptable"}

MIN_ARTICLES = 80
MIN_STANDOFFS = 30
# the held-out set: written once, before any tuning, never studied for errors
HELDOUT_MIN_ARTICLES = 25
HELDOUT_MIN_STANDOFFS = 10
# IGOs the held-out set names besides those above (short names of data/actors/igos.yaml)
IGOS |= {"OAS", "ARL", "ICJ"}
# and those the dev set names besides them
IGOS |= {"ECOWAS"}


def _articles(folder: Path = DEV) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES)


def _standoff(article: Path) -> str:
    return NAME.match(article.stem).group("standoff")  # type: ignore[union-attr]


@cache
def _gold(article: Path) -> dict[str, Any]:
    with article.with_suffix(".yaml").open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    assert isinstance(loaded, dict), f"{article.name}: gold is not a mapping"
    return loaded


@cache
def _flat_text(article: Path) -> str:
    """The article as lower-case words: tags dropped, entities unescaped, spaces squeezed."""
    raw = article.read_text(encoding="utf-8")
    if article.suffix == ".html":
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return " ".join(raw.lower().split())


def _is_code(code: str) -> bool:
    return code in IGOS | USER_ASSIGNED or pycountry.countries.get(alpha_3=code) is not None


ARTICLES = _articles() + _articles(HELDOUT)
IDS = [p.name for p in ARTICLES]
SETS = {DEV: (MIN_ARTICLES, MIN_STANDOFFS), HELDOUT: (HELDOUT_MIN_ARTICLES, HELDOUT_MIN_STANDOFFS)}


@pytest.mark.parametrize("folder", list(SETS), ids=[f.name for f in SETS])
def test_set_is_broad_enough(folder: Path) -> None:
    articles = _articles(folder)
    min_articles, min_standoffs = SETS[folder]
    standoffs = {_standoff(p) for p in articles}
    assert len(articles) >= min_articles
    assert len(standoffs) >= min_standoffs
    # several articles per standoff, so deadlines can move between them
    per = {s: sum(1 for p in articles if p.stem.startswith(s + "-")) for s in standoffs}
    assert min(per.values()) >= 2, per


def test_heldout_standoffs_are_not_in_the_dev_set() -> None:
    shared = {_standoff(p) for p in _articles()} & {_standoff(p) for p in _articles(HELDOUT)}
    assert not shared, shared


@pytest.mark.parametrize("folder", [DEV, HELDOUT], ids=["dev", "heldout"])
def test_no_orphan_gold_files(folder: Path) -> None:
    stems = {p.stem for p in _articles(folder)}
    orphans = [g.name for g in folder.glob("*.yaml") if g.stem not in stems]
    assert not orphans


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_header_matches_file(article: Path) -> None:
    match = NAME.match(article.stem)
    assert match, f"{article.name}: name is not <standoff>-<yyyy-mm-dd>-<slug>"
    gold = _gold(article)
    assert TOP_KEYS <= gold.keys(), TOP_KEYS - gold.keys()
    head = gold["article"]
    assert ARTICLE_KEYS <= head.keys()
    assert head["file"] == article.name
    assert head["published"] == date.fromisoformat(match.group("date"))
    assert isinstance(head["body_paragraphs"], int) and head["body_paragraphs"] > 0
    # the outlet is printed in the article (byline, source line or page metadata)
    assert head["source"].lower() in article.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_words_in_article_length(article: Path) -> None:
    raw = article.read_text(encoding="utf-8")
    if article.suffix == ".html":
        body = re.search(r"<article.*?</article>", raw, flags=re.S)
        raw = re.sub(r"<[^>]+>", " ", body.group(0) if body else raw)
    # 200-500 words of body; headers, captions and a repeated paragraph may add a little
    assert 200 <= len(raw.split()) <= 550


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_actors_are_codes_named_in_text(article: Path) -> None:
    text = _flat_text(article)
    actors = _gold(article)["actors"]
    assert actors, "no actors"
    for code, names in actors.items():
        assert _is_code(code), f"unknown actor code {code}"
        for name in names:
            assert name.lower() in text, f"{code}: {name!r} is not in the article"


def _cue_in_text(cue: str, text: str) -> bool:
    """Every fragment of a cue (fragments split at '...') occurs in the article."""
    fragments = [f.strip(" \"'").lower() for f in cue.split("...")]
    return all(" ".join(f.split()) in text for f in fragments if f)


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_events_are_plover_triples_with_real_cues(article: Path) -> None:
    gold = _gold(article)
    text = _flat_text(article)
    codes = set(gold["actors"])
    seen: set[tuple[str, str, str]] = set()
    assert gold["events"], "no events"
    for event in gold["events"]:
        triple = (event["type"], event["source"], event["target"])
        assert event["type"] in PLOVER_TYPES, triple
        assert event["source"] in codes and event["target"] in codes, triple
        assert event["source"] != event["target"], triple
        assert triple not in seen, f"duplicate triple {triple}"
        seen.add(triple)
        assert _cue_in_text(event["cue"], text), f"cue not in article: {event['cue']!r}"
        if "date" in event:
            assert isinstance(event["date"], date)
            assert event["date"] <= gold["article"]["published"], triple
    for extra in gold["acceptable"] or []:
        triple = (extra["type"], extra["source"], extra["target"])
        assert extra["type"] in PLOVER_TYPES and _is_code(extra["source"]), triple
        assert _is_code(extra["target"]), triple
        assert triple not in seen, f"acceptable repeats a gold triple {triple}"


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_threats_are_well_formed(article: Path) -> None:
    gold = _gold(article)
    codes = set(gold["actors"])
    threatened = {(e["source"], e["target"]) for e in gold["events"] if e["type"] == "THREATEN"}
    threatened |= {(e["source"], e["target"]) for e in gold["acceptable"] or []
                   if e["type"] == "THREATEN"}
    for threat in gold["threats"] or []:
        pair = (threat["sender"], threat["target"])
        assert {threat["sender"], threat["target"]} <= codes, pair
        assert set(threat["third_parties"]) <= codes, threat["third_parties"]
        assert threat["status"] in THREAT_STATUSES, threat["status"]
        assert threat["measures"] and threat["demand"], pair
        if "deadline" in threat:
            assert isinstance(threat["deadline"], date), pair
        # a threat the article states is also a THREATEN (or SANCTION, once carried out)
        if threat["status"] in {"pending", "modified"}:
            assert pair in threatened, f"threat {pair} has no THREATEN event"


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_proposals_and_positions_use_known_actors(article: Path) -> None:
    gold = _gold(article)
    codes = set(gold["actors"])
    for proposal in gold["proposals"] or []:
        assert proposal["name"] and proposal["cue"]
        assert _cue_in_text(proposal["cue"], _flat_text(article)), proposal["cue"]
        assert set(proposal["sponsors"]) <= codes
        assert set(proposal.get("opposed_or_insufficient", [])) <= codes
    assert set(gold["positions"] or {}) <= codes
