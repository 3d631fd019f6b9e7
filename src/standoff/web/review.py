"""The review queue: every item the reader extracted, ordered by how much it matters, and
the analyst's form turned into a :class:`~standoff.track.corrections.Correction`.

Order: threats with a deadline first, then other threats, proposals, threatening and
sanctioning events, other events; within each, the items the reader was least sure of
first. The reader gives no probabilities, so "sure" is counted from what made it guess
(:func:`doubts`): an inferred target, an actor found from context, an approximate or
conflicting deadline, a threat with no stated measure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from standoff.errors import UserError
from standoff.model import (
    DatePrecision,
    Event,
    Proposal,
    ProposalState,
    Reading,
    ResolvedDate,
    Threat,
)
from standoff.track.corrections import (
    Correction,
    Decision,
    Item,
    ItemKey,
    ItemKind,
    find,
    first_evidence,
    item_key,
    latest,
)
from standoff.track.scores import score_table

# Warnings of the reader that cast doubt on a deadline read from the same sentence.
_DEADLINE_DOUBTS = {"date-conflict", "other-deadline", "unresolved-date"}
# An actor code: ISO alpha-3 with an optional sector (RUSGOV), or an IGO's short name.
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,11}$")
MAX_WHY = 500


def plover_types() -> list[str]:
    """The 16 PLOVER event types, as the shipped score table names them."""
    return sorted(score_table()["categories"])


@dataclass(frozen=True)
class ReviewItem:
    """One extracted item as the queue shows it."""

    key: ItemKey
    item: Item
    article_id: str
    title: str
    published: date | None
    source: str | None
    confidence: float
    doubts: tuple[str, ...]
    decision: Correction | None
    kept_only: bool = False  # the reader no longer finds it; the analyst's version is kept

    @property
    def ident(self) -> str:
        return self.key.ident

    @property
    def kind(self) -> ItemKind:
        return self.key.kind

    @property
    def rank(self) -> int:
        """0 threats with a deadline, 1 other threats, 2 proposals, 3 threatening and
        sanctioning events, 4 other events."""
        item = self.item
        if isinstance(item, Threat):
            return 0 if item.deadline is not None else 1
        if isinstance(item, Proposal):
            return 2
        return 3 if item.type in {"THREATEN", "SANCTION"} else 4

    @property
    def level(self) -> str:
        return "low" if self.confidence < 0.6 else "medium" if self.confidence < 0.85 else "high"

    def order(self) -> tuple[int, float, int, str]:
        published = -(self.published.toordinal()) if self.published else 0
        return (self.rank, self.confidence, published, self.ident)


def doubts(item: Item, reading: Reading) -> list[tuple[float, str]]:
    """What made the reader guess on this item: (weight, reason) pairs."""
    if isinstance(item, Event):
        return _event_doubts(item, reading)
    if isinstance(item, Threat):
        return _threat_doubts(item, reading)
    return [] if item.sponsors else [(0.2, "no sponsor named")]


def _event_doubts(item: Event, reading: Reading) -> list[tuple[float, str]]:
    found: list[tuple[float, str]] = []
    how = {a.code: a.how for a in reading.actors}
    if "target inferred" in item.context:
        found.append((0.3, "target inferred, not stated"))
    if item.target is None:
        found.append((0.2, "no target"))
    for role, code in (("source", item.source), ("target", item.target)):
        if code is not None and how.get(code, "dictionary") != "dictionary":
            found.append((0.2, f"{role} found by {how[code]}"))
    return found


def _threat_doubts(item: Threat, reading: Reading) -> list[tuple[float, str]]:
    found: list[tuple[float, str]] = []
    if not item.measures:
        found.append((0.2, "no measures stated"))
    if item.demand is None:
        found.append((0.1, "no demand stated"))
    deadline = item.deadline
    if deadline is None:
        return found
    if deadline.value is None:
        found.append((0.3, "deadline unresolved"))
    elif deadline.precision is not DatePrecision.DAY:
        found.append((0.2, f"deadline only to the {deadline.precision.value}"))
    if deadline.approximate:
        found.append((0.2, "deadline approximate"))
    sentences = {e.sentence.strip() for e in item.evidence}
    if any(
        w.kind in _DEADLINE_DOUBTS
        and w.evidence is not None
        and w.evidence.sentence.strip() in sentences
        for w in reading.warnings
    ):
        found.append((0.3, "the reader saw conflicting deadlines"))
    return found


def _review_item(
    item: Item, reading: Reading, decision: Correction | None, kept_only: bool = False
) -> ReviewItem:
    article = reading.article
    found = doubts(item, reading)
    confidence = max(0.05, 1.0 - sum(w for w, _ in found))
    return ReviewItem(
        key=item_key(item, article.id) if decision is None else decision.key,
        item=item,
        article_id=article.id,
        title=article.title or f"untitled ({article.id})",
        published=article.published,
        source=article.source,
        confidence=round(confidence, 2),
        doubts=tuple(reason for _, reason in found),
        decision=decision,
        kept_only=kept_only,
    )


def items_of(reading: Reading, corrections: Iterable[Correction]) -> list[ReviewItem]:
    """Every item of one Reading with its latest decision, plus the items the analyst
    kept that this reader no longer finds."""
    decisions = {
        c.key: c for c in latest(corrections).values() if c.key.article_id == reading.article.id
    }
    out: list[ReviewItem] = []
    matched: set[ItemKey] = set()
    by_kind: dict[ItemKind, list[Item]] = {
        ItemKind.EVENT: list(reading.events),
        ItemKind.THREAT: list(reading.threats),
        ItemKind.PROPOSAL: list(reading.proposals),
    }
    # The decision for each reader item, found the way corrections.apply finds it.
    owner: dict[tuple[ItemKind, int], Correction] = {}
    for key, decision in decisions.items():
        loose = decision.decision is not Decision.REJECT
        index = find(key, by_kind[key.kind], loose=loose)
        if index is not None and (key.kind, index) not in owner:
            owner[(key.kind, index)] = decision
            matched.add(key)
    for kind, items in by_kind.items():
        for index, item in enumerate(items):
            out.append(_review_item(item, reading, owner.get((kind, index))))
    for key, decision in decisions.items():
        kept = decision.parsed_item()
        if key not in matched and kept is not None:
            out.append(_review_item(kept, reading, decision, kept_only=True))
    return out


def queue(
    readings: Iterable[Reading], corrections: list[Correction], as_of: date | None = None
) -> list[ReviewItem]:
    """Every item of the Readings published by ``as_of``, most important first."""
    by_article: dict[str, list[Correction]] = {}
    for correction in corrections:
        by_article.setdefault(correction.key.article_id, []).append(correction)
    out: list[ReviewItem] = []
    for reading in readings:
        published = reading.article.published
        if as_of is not None and (published is None or published > as_of):
            continue
        out.extend(items_of(reading, by_article.get(reading.article.id, [])))
    out.sort(key=ReviewItem.order)
    return out


# --------------------------------------------------------------------------- the form


def _code(value: str, field: str, optional: bool = False) -> str | None:
    value = value.strip().upper()
    if not value and optional:
        return None
    if not _CODE.match(value):
        raise UserError(
            f"{field}: {value!r} is not an actor code (ISO alpha-3 with an optional sector, "
            "such as RUS or RUSGOV, or an organisation such as NATO)"
        )
    return value


def _codes(value: str, field: str) -> list[str]:
    return [c for c in (_code(v, field) for v in re.split(r"[,;\s]+", value) if v) if c]


def _list(value: str) -> list[str]:
    return [v.strip() for v in re.split(r"[;,\n]", value) if v.strip()]


def _deadline(value: str, before: ResolvedDate | None) -> ResolvedDate | None:
    value = value.strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UserError(f"deadline: {value!r} is not a date (YYYY-MM-DD)") from None
    if before is not None and before.value == day and before.precision is DatePrecision.DAY:
        return before
    return ResolvedDate(value=day, precision=DatePrecision.DAY, text=day.isoformat())


def corrected(item: Item, form: Mapping[str, str]) -> tuple[Item, dict[str, list[Any]]]:
    """The item with the form's fields, and what changed ``{field: [before, after]}``."""
    update: dict[str, Any] = {}
    if isinstance(item, Event):
        kind = form.get("type", item.type).strip().upper()
        if kind not in plover_types():
            raise UserError(f"type: {kind!r} is not a PLOVER event type")
        update["type"] = kind
        mode = form.get("mode", item.mode or "").strip().lower() or None
        update["mode"] = mode if kind == item.type or mode != item.mode else None
        update["source"] = _code(form.get("source", item.source), "source")
        update["target"] = _code(form.get("target", item.target or ""), "target", optional=True)
    elif isinstance(item, Threat):
        update["sender"] = _code(form.get("sender", item.sender), "sender")
        update["target"] = _code(form.get("target", item.target), "target")
        update["measures"] = _list(form.get("measures", "; ".join(item.measures)))
        update["third_parties"] = _codes(
            form.get("third_parties", " ".join(item.third_parties)), "third parties"
        )
        before = item.deadline.value.isoformat() if item.deadline and item.deadline.value else ""
        update["deadline"] = _deadline(form.get("deadline", before), item.deadline)
    else:
        update["sponsors"] = _codes(form.get("sponsors", " ".join(item.sponsors)), "sponsors")
    new = item.model_copy(update=update)
    changes: dict[str, list[Any]] = {}
    for name in update:
        old_value, new_value = getattr(item, name), getattr(new, name)
        if old_value != new_value:
            changes[name] = [_shown(old_value), _shown(new_value)]
    return new, changes


def _shown(value: Any) -> Any:
    if isinstance(value, ResolvedDate):
        return value.value.isoformat() if value.value else value.text
    return value


def decide(
    entry: ReviewItem, decision: Decision, form: Mapping[str, str], now: datetime | None = None
) -> Correction:
    """The Correction the analyst's form asks for on ``entry``; UserError for a bad field."""
    why = form.get("why", "").strip()[:MAX_WHY]
    at = now or datetime.now(UTC)
    if decision is Decision.REJECT or decision is Decision.REOPEN:
        return Correction(key=entry.key, decision=decision, why=why, at=at)
    if decision is Decision.CONFIRM:
        return Correction(
            key=entry.key,
            decision=decision,
            item=entry.item.model_dump(mode="json"),
            why=why,
            at=at,
        )
    item, changes = corrected(entry.item, form)
    state = None
    if entry.kind is ItemKind.PROPOSAL and form.get("state"):
        try:
            state = ProposalState(form["state"])
        except ValueError:
            raise UserError(f"state: {form['state']!r} is not a proposal state") from None
        changes["state"] = ["as the ledger has it", state.value]
    if not changes:
        raise UserError("nothing was changed: use Confirm if the item is right")
    return Correction(
        key=entry.key,
        decision=Decision.CORRECT,
        item=item.model_dump(mode="json"),
        state=state,
        changes=changes,
        why=why,
        at=at,
    )


def evidence_span(item: Item) -> tuple[int, int] | None:
    first = first_evidence(item)
    return (first.start, first.end) if first else None
