"""Integrity of the bundled example corpus and its gold annotations.

The examples in ``src/standoff/data/examples/`` (plain text, one HTML page, one
JSON Lines file holding two records) each have a gold file in
``tests/data/examples_gold/`` with the same stem, in the format of
``shared/gold/seed.yaml``. A JSON Lines file's gold holds one YAML document per
record, in record order, with ``article.file`` written ``<name>:<line>``.

These tests check the gold against its article (so that scoring a reader on
it measures the reader, not typos in the annotation) and that the examples
are our own words: no run of eight words is shared with the founding article.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "standoff" / "data" / "examples"
GOLD = ROOT / "tests" / "data" / "examples_gold"
SEED_ARTICLE = ROOT / ".." / "shared" / "gold" / "seed-article.txt"

# The 16 PLOVER event types (PLOVER manual); written out here so the gold is
# checked against the standard, not against the reader's own lexicon.
PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
IGOS = frozenset({"NATO", "EU", "UN", "IAEA", "WTO", "G7", "G20", "OPEC", "AU", "ASEAN"})
THREAT_STATUSES = frozenset(
    {"pending", "modified", "carried_out", "partly_carried_out", "expired", "withdrawn"}
)
TOP_KEYS = {"article", "actors", "events", "threats", "proposals", "positions", "acceptable"}
ARTICLE_KEYS = {"file", "published", "source", "body_paragraphs"}
SUFFIXES = {".txt", ".html", ".jsonl"}
NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-[a-z]+-[a-z0-9-]+$")
MIN_EXAMPLES = 8
SHINGLE = 8  # words in a run that may not be shared with the founding article
WORDS = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


@dataclass(frozen=True)
class Case:
    """One article of the corpus: its name, raw text, body text and gold document."""

    ident: str  # file name, or "file:line" for a JSON Lines record
    raw: str  # the file (or the record's JSON line) as stored
    body: str  # the words a reader sees: tags dropped, entities unescaped
    published: date  # from the file name, or the record's "published" field
    source: str | None  # the record's "source" field (JSON Lines only)
    gold: dict[str, Any]


def _example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in SUFFIXES)


def _visible(raw: str, suffix: str) -> str:
    """The story text of a file: for HTML, the <article> element without tags."""
    if suffix != ".html":
        return raw
    story = re.search(r"<article.*?</article>", raw, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", story.group(0) if story else raw))


def _gold_docs(stem: str) -> list[dict[str, Any]]:
    with (GOLD / f"{stem}.yaml").open(encoding="utf-8") as handle:
        docs = [d for d in yaml.safe_load_all(handle) if d is not None]
    assert docs and all(isinstance(d, dict) for d in docs), f"{stem}.yaml: not mappings"
    return docs


def _cases() -> list[Case]:
    cases: list[Case] = []
    for path in _example_files():
        raw = path.read_text(encoding="utf-8")
        docs = _gold_docs(path.stem) if (GOLD / f"{path.stem}.yaml").exists() else []
        if path.suffix == ".jsonl":
            lines = [line for line in raw.splitlines() if line.strip()]
            for number, line in enumerate(lines, start=1):
                record = json.loads(line)
                gold = docs[number - 1] if number <= len(docs) else {}
                cases.append(
                    Case(
                        f"{path.name}:{number}",
                        line,
                        record["text"],
                        date.fromisoformat(record["published"]),
                        record["source"],
                        gold,
                    )
                )
        else:
            match = NAME.match(path.stem)
            assert match, f"{path.name}: name is not <yyyy-mm-dd>-<style>-<slug>"
            cases.append(
                Case(
                    path.name,
                    raw,
                    _visible(raw, path.suffix),
                    date.fromisoformat(match.group("date")),
                    None,
                    docs[0] if docs else {},
                )
            )
    return cases


def _flat(text: str) -> str:
    return " ".join(text.lower().split())


def _is_code(code: str) -> bool:
    return code in IGOS or (
        re.fullmatch(r"[A-Z]{3}", code) is not None
        and pycountry.countries.get(alpha_3=code) is not None
    )


def _cue_in_text(cue: str, text: str) -> bool:
    """Every fragment of a cue (fragments split at '...') occurs in the article."""
    fragments = [f.strip(" \"'").lower() for f in cue.split("...")]
    return all(" ".join(f.split()) in text for f in fragments if f)


CASES = _cases()
IDS = [c.ident for c in CASES]


def test_corpus_is_big_enough_and_every_example_has_gold() -> None:
    files = _example_files()
    assert len(CASES) >= MIN_EXAMPLES
    assert {p.suffix for p in files} >= {".txt", ".html"}
    missing = [p.name for p in files if not (GOLD / f"{p.stem}.yaml").exists()]
    assert not missing, f"examples without gold: {missing}"
    stems = {p.stem for p in files}
    orphans = [g.name for g in GOLD.glob("*.yaml") if g.stem not in stems]
    assert not orphans, f"gold without an example: {orphans}"
    for path in files:
        if path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            records = [line for line in lines if line.strip()]
            assert len(_gold_docs(path.stem)) == len(records), f"{path.name}: one document a record"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_gold_header_matches_article(case: Case) -> None:
    gold = case.gold
    assert TOP_KEYS <= gold.keys(), TOP_KEYS - gold.keys()
    head = gold["article"]
    assert ARTICLE_KEYS <= head.keys()
    assert head["file"] == case.ident
    assert head["published"] == case.published
    assert isinstance(head["body_paragraphs"], int) and head["body_paragraphs"] > 0
    # the outlet can be found in the article itself, as a reader would find it
    if case.source is not None:
        assert head["source"] == case.source
    else:
        assert head["source"].lower() in case.raw.lower()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_article_length(case: Case) -> None:
    assert 200 <= len(case.body.split()) <= 650


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_actors_are_codes_named_in_text(case: Case) -> None:
    text = _flat(case.body)
    actors = case.gold["actors"]
    assert actors, "no actors"
    for code, names in actors.items():
        assert _is_code(code), f"unknown actor code {code}"
        for name in names:
            assert name.lower() in text, f"{code}: {name!r} is not in the article"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_events_are_plover_triples_with_real_cues(case: Case) -> None:
    gold = case.gold
    text = _flat(case.body)
    codes = set(gold["actors"])
    seen: set[tuple[str, str, str]] = set()
    assert gold["events"], "no events"
    for event in gold["events"]:
        triple = (event["type"], event["source"], event["target"])
        assert event["type"] in PLOVER_TYPES, triple
        assert {event["source"], event["target"]} <= codes, triple
        assert event["source"] != event["target"], triple
        assert triple not in seen, f"duplicate triple {triple}"
        seen.add(triple)
        assert _cue_in_text(event["cue"], text), f"cue not in article: {event['cue']!r}"
        if "date" in event:
            assert isinstance(event["date"], date) and event["date"] <= case.published, triple
    extras: set[tuple[str, str, str]] = set()
    for extra in gold["acceptable"] or []:
        triple = (extra["type"], extra["source"], extra["target"])
        assert extra["type"] in PLOVER_TYPES, triple
        assert _is_code(extra["source"]) and _is_code(extra["target"]), triple
        assert triple not in seen, f"acceptable repeats a gold triple {triple}"
        assert triple not in extras, f"acceptable lists {triple} twice"
        extras.add(triple)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_threats_are_well_formed(case: Case) -> None:
    gold = case.gold
    codes = set(gold["actors"])
    stated = {
        (e["source"], e["target"])
        for e in [*gold["events"], *(gold["acceptable"] or [])]
        if e["type"] in {"THREATEN", "SANCTION"}
    }
    for threat in gold["threats"] or []:
        pair = (threat["sender"], threat["target"])
        assert {threat["sender"], threat["target"]} <= codes, pair
        assert set(threat["third_parties"]) <= codes, threat["third_parties"]
        assert threat["status"] in THREAT_STATUSES, threat["status"]
        assert threat["measures"], pair
        deadline = threat["deadline"]
        assert deadline is None or isinstance(deadline, date), pair
        # a threat the article states is also coded as a THREATEN (or SANCTION) event
        assert pair in stated, f"threat {pair} has no THREATEN event"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_proposals_and_positions_use_known_actors(case: Case) -> None:
    gold = case.gold
    codes = set(gold["actors"])
    for proposal in gold["proposals"] or []:
        assert proposal["name"] and _cue_in_text(proposal["cue"], _flat(case.body)), proposal
        assert set(proposal["sponsors"]) <= codes
        assert set(proposal.get("opposed_or_insufficient", [])) <= codes
    assert set(gold["positions"] or {}) <= codes


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = WORDS.findall(text.lower().replace("’", "'"))
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def test_shingles_find_a_copied_run() -> None:
    """The overlap check itself catches an eight-word run, and only that."""
    source = "The envoy met the president in the capital for three hours on Wednesday."
    copied = "Reports said the president in the capital for three hours."
    assert _shingles(source) & _shingles(copied)
    assert not _shingles(source) & _shingles("The envoy met the president in Moscow.")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_no_text_shared_with_the_founding_article(case: Case) -> None:
    if not SEED_ARTICLE.exists():
        pytest.skip("shared/gold/seed-article.txt is not available")
    seed = _shingles(SEED_ARTICLE.read_text(encoding="utf-8"))
    shared = _shingles(case.body) & seed
    assert not shared, f"{case.ident} shares text with the founding article: {sorted(shared)[:3]}"
