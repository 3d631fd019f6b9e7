"""Score a Reading against a gold YAML file, by the rules of shared/gold/README.md.

Per section: how many gold items were found, precision and recall.

- actors: a gold code is found when an output actor's code starts with it; each
  person listed must resolve to that code.
- events: distinct (type, source, target) triples at country level; precision
  counts output triples that are gold or listed as acceptable.
- threats: matched on (sender, target); deadline same calendar date; third
  parties, measures and status scored one by one.
- proposals: the output text names the key noun and the sponsors agree.
- positions: a stated condition counts when the output holds it for the actor
  (by the condition's key words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from standoff.errors import UserError
from standoff.model import ClaimKind, Reading
from standoff.read.actors import country_of, shipped_igo_codes
from standoff.userfiles import load_yaml_all, read_text

STOP = {
    "of",
    "the",
    "a",
    "an",
    "for",
    "to",
    "and",
    "in",
    "on",
    "with",
    "its",
    "their",
    "by",
    "first",
    "option",
    "full",
    "formal",
    "protection",
    "recognition",
    "halt",
    "within",
    "over",
    "complete",
}
IGO_CODES = shipped_igo_codes()


def country(code: str | None) -> str:
    """Country level of an actor code: 'USAGOV' -> 'USA', 'NATO' -> 'NATO'."""
    return country_of(code)


@dataclass
class SectionScore:
    gold: int = 0
    found: int = 0
    output: int = 0
    correct_output: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct_output / self.output if self.output else (1.0 if not self.gold else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "found": self.found,
            "output": self.output,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "details": self.details,
        }


def load_gold(path: Path) -> list[dict[str, Any]]:
    """A gold file: one YAML document per article (JSON Lines sources have several)."""
    text = read_text(path, "gold file")
    docs = [d for d in load_yaml_all(text, str(path)) if d]
    if not docs or not all(isinstance(d, dict) for d in docs):
        raise UserError(f"{path}: expected a mapping with actors, events, threats ...")
    for doc in docs:
        _check_gold_shape(path, doc)
    return docs


_GOLD_SHAPE: dict[str, tuple[type, tuple[str, ...]]] = {
    # section -> (container type, keys every item must have)
    "article": (dict, ()),
    "actors": (dict, ()),
    "events": (list, ("type", "source", "target")),
    "acceptable": (list, ("type", "source", "target")),
    "threats": (list, ("sender", "target")),
    "proposals": (list, ("name",)),
    "positions": (dict, ()),
}
# Item fields that must be a single value (names, codes), and those that must be lists.
_SCALARS = ("type", "source", "target", "sender", "name", "cue", "status")
_LISTS = ("third_parties", "measures", "sponsors")
_Scalar = str | int | float | bool | date


def _check_gold_shape(path: Path, doc: dict[str, Any]) -> None:
    """A gold file of the wrong shape is the user's mistake: say which section is wrong."""
    for section, (container, keys) in _GOLD_SHAPE.items():
        value = doc.get(section)
        if value is None:
            continue
        if not isinstance(value, container):
            kind = "a mapping" if container is dict else "a list"
            raise UserError(f"{path}: section '{section}' must be {kind}")
        if isinstance(value, list):
            for n, item in enumerate(value, start=1):
                if not isinstance(item, dict) or any(k not in item for k in keys):
                    raise UserError(f"{path}: {section} item {n} needs the keys {', '.join(keys)}")
                _check_item(path, f"{section} item {n}", item)
        elif isinstance(value, dict) and section in ("actors", "positions"):
            for code, items in value.items():
                if items is not None and not isinstance(items, list):
                    raise UserError(f"{path}: {section} of {code!r} must be a list")


def _check_item(path: Path, where: str, item: dict[str, Any]) -> None:
    for key in _SCALARS:
        if item.get(key) is not None and not isinstance(item[key], _Scalar):
            raise UserError(f"{path}: {where}: '{key}' must be a single value")
    for key in _LISTS:
        if item.get(key) is not None and not isinstance(item[key], list):
            raise UserError(f"{path}: {where}: '{key}' must be a list")


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def score_actors(reading: Reading, gold: dict[str, Any]) -> SectionScore:
    s = SectionScore()
    codes = {a.code for a in reading.actors}
    gold_actors = gold.get("actors") or {}
    for code, people in gold_actors.items():
        s.gold += 1
        if any(c.startswith(str(code)) for c in codes):
            s.found += 1
        else:
            s.details.append(f"missing actor {code}")
        for person in people or []:
            s.gold += 1
            matches = [
                a
                for a in reading.actors
                if a.name.lower() == str(person).lower()
                or any(
                    m.text.lower().removeprefix("the ") == str(person).lower().removeprefix("the ")
                    for m in a.mentions
                )
            ]
            if matches and all(a.code.startswith(str(code)) for a in matches):
                s.found += 1
            else:
                got = sorted({a.code for a in matches}) or "nothing"
                s.details.append(f"{person}: expected {code}, got {got}")
    s.output = len({country(c) for c in codes})
    s.correct_output = len({country(c) for c in codes} & {str(c) for c in gold_actors})
    return s


def triples(reading: Reading) -> set[tuple[str, str, str]]:
    return {(e.type, country(e.source), country(e.target)) for e in reading.events if e.target}


def score_events(reading: Reading, gold: dict[str, Any]) -> SectionScore:
    s = SectionScore()
    gold_t = {(e["type"], str(e["source"]), str(e["target"])) for e in gold.get("events") or []}
    ok = gold_t | {
        (e["type"], str(e["source"]), str(e["target"])) for e in gold.get("acceptable") or []
    }
    out = triples(reading)
    s.gold, s.found = len(gold_t), len(gold_t & out)
    s.output, s.correct_output = len(out), len(out & ok)
    s.details += [f"missed {t}" for t in sorted(gold_t - out)]
    s.details += [f"extra {t}" for t in sorted(out - ok)]
    return s


def score_threats(reading: Reading, gold: dict[str, Any]) -> SectionScore:
    s = SectionScore()
    matched_out: set[int] = set()
    for g in gold.get("threats") or []:
        s.gold += 1
        cands = [
            (i, t)
            for i, t in enumerate(reading.threats)
            if country(t.sender) == str(g["sender"]) and country(t.target) == str(g["target"])
        ]
        if not cands:
            s.details.append(f"missed threat {g['sender']}->{g['target']}")
            continue
        i, t = cands[0]
        matched_out.add(i)
        s.found += 1
        want = _as_date(g.get("deadline"))
        got = t.deadline.value if t.deadline else None
        checks = {"deadline": want == got}
        for third in g.get("third_parties") or []:
            checks[f"third party {third}"] = third in {country(x) for x in t.third_parties}
        for m in g.get("measures") or []:
            checks[f"measure {m}"] = any(_words_match(str(m), x) for x in t.measures)
        if g.get("status"):
            checks["status"] = t.status.value == str(g["status"])
        for name, ok in checks.items():
            s.details.append(
                f"{g['sender']}->{g['target']} {name}: {'ok' if ok else 'WRONG'}"
                + ("" if ok or name != "deadline" else f" (gold {want}, got {got})")
            )
    s.output = len(reading.threats)
    s.correct_output = len(matched_out)
    return s


def _words_match(gold: str, text: str) -> bool:
    g = {w for w in re.findall(r"[a-z]+", gold.lower()) if w not in STOP}
    t = {w.rstrip("s") for w in re.findall(r"[a-z]+", text.lower())}
    return bool(g) and all(w.rstrip("s") in t for w in g)


def score_proposals(reading: Reading, gold: dict[str, Any]) -> SectionScore:
    s = SectionScore()
    used: set[int] = set()
    for g in gold.get("proposals") or []:
        s.gold += 1
        key = _key_noun(str(g.get("name", "")), str(g.get("cue", "")))
        sponsors = {str(x) for x in g.get("sponsors") or []}
        hit = None
        for i, p in enumerate(reading.proposals):
            text = f"{p.name} {p.text}".lower()
            if key and key in text and {country(x) for x in p.sponsors} >= sponsors:
                hit = i
                break
        if hit is None:
            s.details.append(f"missed proposal {g.get('name')} (sponsors {sorted(sponsors)})")
        else:
            used.add(hit)
            s.found += 1
    s.output = len(reading.proposals)
    s.correct_output = len(used)
    return s


KEY_NOUNS = (
    "moratorium",
    "ceasefire",
    "cease-fire",
    "truce",
    "summit",
    "talks",
    "referendum",
    "deal",
    "agreement",
    "exchange",
    "corridor",
    "plan",
    "negotiations",
    "conference",
    "freeze",
    "pause",
)


def _key_noun(name: str, cue: str) -> str:
    for text in (name.lower(), cue.lower()):
        for noun in KEY_NOUNS:
            if noun in text:
                return "ceasefire" if noun == "cease-fire" else noun
    return name.lower().split()[-1] if name else ""


def score_positions(reading: Reading, gold: dict[str, Any]) -> SectionScore:
    s = SectionScore()
    held: dict[str, list[str]] = {}
    for c in reading.claims:
        if c.kind in (ClaimKind.CONDITION, ClaimKind.DEMAND, ClaimKind.PROPOSAL):
            held.setdefault(country(c.actor), []).append(c.text)
    for code, items in (gold.get("positions") or {}).items():
        for item in items or []:
            s.gold += 1
            if any(_words_match_any(str(item), text) for text in held.get(str(code), [])):
                s.found += 1
            else:
                s.details.append(f"{code} position missed: {item}")
    s.output = sum(len(v) for v in held.values())
    gold_items = {
        str(code): [str(i) for i in items or []]
        for code, items in (gold.get("positions") or {}).items()
    }
    # precision: output claims that hold some gold position of their actor
    s.correct_output = sum(
        1
        for code, texts in held.items()
        for text in texts
        if any(_words_match_any(item, text) for item in gold_items.get(code, []))
    )
    return s


def _words_match_any(gold: str, text: str) -> bool:
    """A position matches when its distinctive key words occur (NATO, neutrality, territorial)."""
    words = [w for w in re.findall(r"[a-z][a-z\-]+", gold.lower()) if w not in STOP and len(w) > 3]
    low = text.lower()
    stems = [w[:7] for w in words]
    return bool(stems) and sum(stem in low for stem in stems) >= max(1, (len(stems) + 1) // 2)


def score_article(reading: Reading, gold: dict[str, Any]) -> dict[str, Any]:
    """Scores of one reading: a dict of sections plus article checks."""
    sections = {
        "actors": score_actors(reading, gold),
        "events": score_events(reading, gold),
        "threats": score_threats(reading, gold),
        "proposals": score_proposals(reading, gold),
        "positions": score_positions(reading, gold),
    }
    art = gold.get("article") or {}
    article: dict[str, Any] = {}
    if "body_paragraphs" in art:
        article["body_paragraphs"] = {
            "gold": art["body_paragraphs"],
            "got": len(reading.article.paragraphs),
        }
    if "source" in art:
        article["source"] = {"gold": art["source"], "got": reading.article.source}
    if "published" in art:
        article["published"] = {
            "gold": str(art["published"]),
            "got": str(reading.article.published),
        }
    return {"sections": {k: v.as_dict() for k, v in sections.items()}, "article": article}
