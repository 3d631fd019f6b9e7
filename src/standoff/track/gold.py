"""Reviewed articles as gold files of the development set (``standoff export --format gold``).

An article is written once the analyst has decided on every item read from it (confirmed,
corrected or rejected each event, threat and proposal): its text as ``DATE-ID.txt`` and
beside it ``DATE-ID.yaml`` in the format of ``tests/data/dev/*.yaml``
(docs/dev-set.md), so every review grows the evaluation set (``standoff eval gold DIR``).

What the gold holds is what the analyst decided: confirmed and corrected items, never a
rejected one and never an item nobody looked at. Actor names were not reviewed, so
``actors`` lists the codes the items use with no names (the format allows ``[]``).
Events are country-level (type, source, target) triples, once each, as the scorer counts
them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from standoff.errors import UserError
from standoff.files import atomic_dir
from standoff.model import Event, Proposal, Reading, Threat
from standoff.track.corrections import Correction, Decision, Item, apply, find, latest
from standoff.track.keys import country

HEADER = (
    "# Gold annotation for {file}, written by `standoff export --format gold` from the "
    "analyst's review\n# (confirmed and corrected items; rejected ones left out). "
    "Rules: shared/gold/README.md\n"
)


def reviewed(reading: Reading, corrections: Iterable[Correction]) -> bool:
    """Whether every item of ``reading`` has a decision (and there is at least one)."""
    decisions = [c for c in latest(corrections).values() if c.key.article_id == reading.article.id]
    items: dict[str, list[Item]] = {
        "event": list(reading.events),
        "threat": list(reading.threats),
        "proposal": list(reading.proposals),
    }
    covered: set[tuple[str, int]] = set()
    for decision in decisions:
        kind = decision.key.kind.value
        index = find(decision.key, items[kind], loose=decision.decision is not Decision.REJECT)
        if index is not None:
            covered.add((kind, index))
    total = sum(len(v) for v in items.values())
    return bool(decisions) and len(covered) == total


def file_stem(reading: Reading) -> str:
    day = reading.article.published.isoformat() if reading.article.published else "undated"
    return f"{day}-{reading.article.id}"


def article_file(reading: Reading) -> str:
    """The article as the text file beside its gold: title, body, outlet line."""
    art = reading.article
    parts = [art.title] if art.title else []
    parts.append(art.text)
    if art.source:
        parts.append(f"(Source: {art.source})")
    return "\n\n".join(parts) + "\n"


def _event(event: Event) -> dict[str, Any]:
    out: dict[str, Any] = {"type": event.type, "source": country(event.source)}
    out["target"] = country(event.target) if event.target else None
    if event.date is not None and event.date.value is not None:
        out["date"] = event.date.value
    if event.cue:
        out["cue"] = event.cue
    return out


def _threat(threat: Threat) -> dict[str, Any]:
    out: dict[str, Any] = {
        "sender": country(threat.sender),
        "target": country(threat.target),
        "third_parties": [country(c) for c in threat.third_parties],
        "demand": threat.demand,
        "measures": list(threat.measures),
    }
    if threat.deadline is not None and threat.deadline.value is not None:
        out["deadline"] = threat.deadline.value
    out["status"] = threat.status.value
    return out


def _proposal(proposal: Proposal, text: str) -> dict[str, Any]:
    cue = proposal.text if proposal.text and proposal.text in text else proposal.name
    out: dict[str, Any] = {
        "name": proposal.name,
        "cue": cue,
        "sponsors": [country(c) for c in proposal.sponsors],
    }
    if proposal.origin:
        out["origin"] = country(proposal.origin)
    return out


def gold_document(reading: Reading, corrections: list[Correction]) -> dict[str, Any]:
    """The gold of one reviewed article (``reading`` as the reader gave it)."""
    (fixed,) = apply([reading], corrections)
    art = fixed.article
    events: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str | None]] = set()
    for event in fixed.events:
        row = _event(event)
        triple = (row["type"], row["source"], row["target"])
        if triple not in seen:
            seen.add(triple)
            events.append(row)
    threats = [_threat(t) for t in fixed.threats]
    proposals = [_proposal(p, art.text) for p in fixed.proposals]
    codes = {e["source"] for e in events} | {e["target"] for e in events if e["target"]}
    codes |= {c for t in threats for c in (t["sender"], t["target"], *t["third_parties"])}
    codes |= {c for p in proposals for c in p["sponsors"]}
    document: dict[str, Any] = {
        "article": {
            "file": f"{file_stem(reading)}.txt",
            "published": art.published,
            "source": art.source,
            "body_paragraphs": len(art.paragraphs) or len(art.text.split("\n\n")),
        },
        "actors": {code: [] for code in sorted(codes)},
        "events": events,
    }
    if threats:
        document["threats"] = threats
    if proposals:
        document["proposals"] = proposals
    return document


def write_gold(readings: Iterable[Reading], corrections: list[Correction], out: Path) -> list[Path]:
    """Write every fully reviewed article and its gold under ``out`` (a folder that is new,
    empty, or an earlier gold export); returns the gold files. Written in a temporary
    sibling folder and moved into place (:func:`standoff.files.atomic_dir`), so a failed
    export leaves nothing half-written."""
    chosen = [r for r in readings if reviewed(r, corrections)]
    if not chosen:
        raise UserError(
            "no article is fully reviewed yet: decide on every item of an article "
            "(standoff serve, Review) before exporting it as gold"
        )

    def earlier_gold_export(folder: Path) -> bool:
        return folder.is_dir() and not any(
            p.suffix not in {".txt", ".yaml"} or p.name.startswith(".") for p in folder.iterdir()
        )

    refusal = "exists and is not an earlier gold export; give a new folder"
    with atomic_dir(out, replace=earlier_gold_export, refusal=refusal, label=str(out)) as tmp:
        for reading in chosen:
            stem = file_stem(reading)
            (tmp / f"{stem}.txt").write_text(article_file(reading), encoding="utf-8")
            text = yaml.safe_dump(
                gold_document(reading, corrections),
                sort_keys=False,
                allow_unicode=True,
                default_flow_style=None,
                width=100,
            )
            (tmp / f"{stem}.yaml").write_text(
                HEADER.format(file=f"{stem}.txt") + text, encoding="utf-8"
            )
    return sorted(out.glob("*.yaml"))
