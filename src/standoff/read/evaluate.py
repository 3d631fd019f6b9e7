"""Evaluate the reader the way event-data researchers evaluate coders.

- :func:`evaluate_plover` reads each gold sentence of the PLOVER gold standard
  (``PLOVER_GSR_CAMEO.txt``), maps the draft category names to today's
  (DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT),
  and scores the event type alone (accuracy on one-event sentences, per-type
  precision/recall/F1, confusion matrix) and (type, source, target) triples at
  country level.
- :func:`evaluate_gold_dir` reads a folder of articles with gold YAML files in
  the ``seed.yaml`` format and scores each by the rules of the gold README.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from standoff.errors import UserError
from standoff.model import RawArticle, Reading
from standoff.read.inputs import load_file
from standoff.read.reader import Reader
from standoff.read.score import IGO_CODES, country, load_gold, score_article

DRAFT_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# CAMEO actor codes that differ from ISO 3166 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "UK": "GBR", "GMY": "DEU", "SPN": "ESP"}
NONE = "NONE"


def _actor_code(code: str | None) -> str:
    """Country level, with every IGO as 'IGO' as the PLOVER gold codes them."""
    c = country(code)
    c = CAMEO_TO_ISO.get(c, c)
    return "IGO" if c in IGO_CODES else c


def _codes(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [_actor_code(value)]
    return [_actor_code(a.get("code")) for a in value if isinstance(a, dict) and a.get("code")]


@dataclass
class PloverSentence:
    id: str
    text: str
    when: date | None
    type: str
    triples: set[tuple[str, str, str]]


def load_plover(path: Path) -> list[PloverSentence]:
    """The gold sentences (the DOCUMENT record skipped), with draft names mapped."""
    if not path.exists():
        raise UserError(f"{path}: no such file")
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise UserError(f"{path}: not the PLOVER gold JSON array") from None
    if not isinstance(records, list):
        raise UserError(f"{path}: not the PLOVER gold JSON array")
    out: list[PloverSentence] = []
    for rec in records:
        if (
            not isinstance(rec, dict)
            or rec.get("event") in (None, "DOCUMENT")
            or not rec.get("text")
        ):
            continue
        etype = str(DRAFT_NAMES.get(rec["event"], rec["event"]))
        sources, targets = _codes(rec.get("source")), _codes(rec.get("target"))
        triples: set[tuple[str, str, str]] = set()
        if targets:
            triples = {(etype, s, t) for s in sources for t in targets if s != t}
        elif len(sources) > 1:  # compound actor: "X and Y agreed" codes both directions
            triples = {(etype, s, t) for s in sources for t in sources if s != t}
        try:
            when = date.fromisoformat(str(rec.get("date")))
        except ValueError:
            when = None
        out.append(PloverSentence(str(rec.get("id")), str(rec["text"]), when, etype, triples))
    return out


@dataclass
class TypeScores:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def row(self, label: str) -> dict[str, float | int]:
        tp, fp, fn = self.tp[label], self.fp[label], self.fn[label]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {
            "support": tp + fn,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        }


def main_type(reading: Reading, typed: list[str]) -> str:
    """The sentence's event type: the main-clause trigger's, else the first event's, else NONE."""
    if typed:
        return typed[0]
    return reading.events[0].type if reading.events else NONE


def evaluate_plover(path: Path, reader: Reader) -> dict[str, Any]:
    """Score the reader on the PLOVER gold sentences; a JSON-ready dict."""
    sentences = load_plover(path)
    raws = [RawArticle(text=s.text, origin=s.id) for s in sentences]
    by_date: dict[date | None, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        by_date[s.when].append(i)
    readings: list[Reading | None] = [None] * len(sentences)
    for when, idx in by_date.items():
        for i, reading in zip(
            idx, reader.read_many([raws[i] for i in idx], published=when), strict=True
        ):
            readings[i] = reading
    types = TypeScores()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    correct = 0
    tp = fp = fn = 0
    for s, maybe in zip(sentences, readings, strict=True):
        assert maybe is not None
        reading = maybe
        predicted = main_type(reading, reader.sentence_types(s.text))
        confusion[s.type][predicted] += 1
        correct += predicted == s.type
        if predicted == s.type:
            types.tp[s.type] += 1
        else:
            types.fn[s.type] += 1
            if predicted != NONE:
                types.fp[predicted] += 1
        out = {
            (e.type, _actor_code(e.source), _actor_code(e.target))
            for e in reading.events
            if e.target
        }
        tp += len(out & s.triples)
        fp += len(out - s.triples)
        fn += len(s.triples - out)
    labels = sorted({s.type for s in sentences} | set(types.fp))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "sentences": len(sentences),
        "type_accuracy": round(correct / len(sentences), 3) if sentences else 0.0,
        "per_type": {label: types.row(label) for label in labels},
        "triples": {
            "gold": tp + fn,
            "output": tp + fp,
            "correct": tp,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        },
        "confusion": {g: dict(c) for g, c in sorted(confusion.items())},
    }


# --------------------------------------------------------------------------- gold folders


def _article_for(
    gold_path: Path, gold: dict[str, Any], articles: Path | None
) -> tuple[Path, int | None]:
    """The article a gold file describes: ``article.file`` (``name.jsonl:N`` for a record)."""
    name = str((gold.get("article") or {}).get("file") or "")
    line: int | None = None
    if ":" in name and name.rsplit(":", 1)[1].isdigit():
        name, number = name.rsplit(":", 1)
        line = int(number)
    folders = [f for f in (articles, gold_path.parent) if f is not None]
    for folder in folders:
        if name and (folder / name).exists():
            return folder / name, line
        for suffix in (".txt", ".html", ".htm", ".jsonl"):
            cand = folder / (gold_path.stem + suffix)
            if cand.exists():
                return cand, line
    raise UserError(f"{gold_path}: cannot find its article {name or gold_path.stem + '.*'}")


def evaluate_gold_dir(
    folder: Path, reader: Reader, articles: Path | None = None, use_gold_date: bool = True
) -> dict[str, Any]:
    """Score every article of ``folder`` that has a gold YAML; per article and in total."""
    if not folder.is_dir():
        raise UserError(f"{folder}: not a folder")
    gold_files = sorted(p for p in folder.glob("*.yaml") if p.is_file())
    if not gold_files:
        raise UserError(f"{folder}: no gold .yaml files")
    per_article: dict[str, Any] = {}
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    for gold_path in gold_files:
        for n, gold in enumerate(load_gold(gold_path)):
            path, line = _article_for(gold_path, gold, articles)
            raws = load_file(path)
            raw = raws[(line or 1) - 1] if line else raws[min(n, len(raws) - 1)]
            published = (gold.get("article") or {}).get("published") if use_gold_date else None
            if isinstance(published, str):
                published = date.fromisoformat(published)
            reading = reader.read(raw, published if isinstance(published, date) else None)
            result = score_article(reading, gold)
            result["deadlines"] = _deadlines_found(reading, gold)
            label = f"{path.name}:{line}" if line else path.name
            per_article[label] = result
            for section, s in result["sections"].items():
                for key in ("gold", "found", "output"):
                    totals[section][key] += s[key]
                totals[section]["correct_output"] += round(s["precision"] * s["output"])
    total: dict[str, Any] = {}
    for section, c in totals.items():
        p = c["correct_output"] / c["output"] if c["output"] else 0.0
        r = c["found"] / c["gold"] if c["gold"] else 1.0
        total[section] = {
            "gold": c["gold"],
            "found": c["found"],
            "output": c["output"],
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        }
    return {"articles": per_article, "total": total, "deadlines": _deadline_recall(per_article)}


def _deadlines_found(reading: Reading, gold: dict[str, Any]) -> dict[str, int]:
    """Of the gold threats that have a deadline: how many the reading found by (sender,
    target) with the same calendar date (the issue's deadline-recall measure)."""
    wanted = right = 0
    for g in gold.get("threats") or []:
        if not g.get("deadline"):
            continue
        wanted += 1
        want = (
            g["deadline"]
            if isinstance(g["deadline"], date)
            else date.fromisoformat(str(g["deadline"]))
        )
        right += any(
            country(t.sender) == str(g["sender"])
            and country(t.target) == str(g["target"])
            and t.deadline is not None
            and t.deadline.value == want
            for t in reading.threats
        )
    return {"gold_with_deadline": wanted, "found_with_right_deadline": right}


def _deadline_recall(per_article: dict[str, Any]) -> dict[str, Any]:
    """Threats found by (sender, target) with the right deadline, over gold threats with one."""
    wanted = sum(r["deadlines"]["gold_with_deadline"] for r in per_article.values())
    right = sum(r["deadlines"]["found_with_right_deadline"] for r in per_article.values())
    return {
        "gold_threats_with_deadline": wanted,
        "found_with_right_deadline": right,
        "recall": round(right / wanted, 3) if wanted else None,
    }
