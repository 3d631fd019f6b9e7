"""An analyst's review of what the reader extracted: confirm, reject or correct an item.

A :class:`Correction` names an item of one article's Reading by a stable identity
(:class:`ItemKey`: the article id, the kind of item, the sentence it was read from and
the fields that told it apart, never a row number), so a correction survives a
re-ingest and a new version of the reader. Corrections are applied as a pure step on
the Readings before the standoff is built (:func:`apply`), so the ledgers, the scores,
the forecasts, the brief and every export see the corrected picture; a proposal's
state, which only the ledger knows, is set after the build (:func:`apply_states`).
:func:`corrected_standoff` does both.

How a correction finds its item in a Reading (the first rule that matches wins):

1. the same sentence (offsets, or the same words when a new cleaner moved them) and
   the same identifying fields (an event's type, source and target; a threat's sender
   and target; a proposal's name);
2. the same sentence and the same fields with actor codes compared at country level
   (a new reader that says ``USA`` where the old one said ``USAGOV``);
3. for a confirmation or a correction of an event only: the one event of that sentence
   between the same two countries, whatever its type (a new reader that changed the
   type the analyst already fixed).

A confirmed or corrected item replaces the item found, or is added back when the
reader no longer finds it: the analyst's word wins. A rejected item is dropped. The
latest decision on an item is the one that counts; a ``reopen`` decision returns the
item to the reader's version. See docs/workspace.md.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from standoff.model import (
    Event,
    Evidence,
    Proposal,
    ProposalState,
    Reading,
    Standoff,
    StateChange,
    Threat,
)
from standoff.track.keys import country
from standoff.track.merge import Replay, build_standoff


class ItemKind(StrEnum):
    EVENT = "event"
    THREAT = "threat"
    PROPOSAL = "proposal"


class Decision(StrEnum):
    CONFIRM = "confirm"  # the reader got it right
    REJECT = "reject"  # there is no such item in the text
    CORRECT = "correct"  # the item is there, with other fields
    REOPEN = "reopen"  # forget earlier decisions: back to the reader's version


Item = Event | Threat | Proposal
_ITEM_TYPES: dict[ItemKind, type[Event] | type[Threat] | type[Proposal]] = {
    ItemKind.EVENT: Event,
    ItemKind.THREAT: Threat,
    ItemKind.PROPOSAL: Proposal,
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ItemKey(_Model):
    """The stable identity of an extracted item.

    ``start``/``end`` are the offsets of its (first) evidence sentence in
    ``Article.text`` and ``sentence`` its words; ``fingerprint`` the fields that tell
    it apart from other items of that sentence, as the reader first gave them.
    """

    article_id: str
    kind: ItemKind
    start: int
    end: int
    sentence: str
    fingerprint: str

    @property
    def ident(self) -> str:
        """A short id for addresses and forms (a digest of the whole key)."""
        text = "|".join(
            [
                self.article_id,
                self.kind.value,
                str(self.start),
                str(self.end),
                self.sentence,
                self.fingerprint,
            ]
        )
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class Correction(_Model):
    """One decision of the analyst on one item, with when and why.

    ``item`` is the item as it should be (for confirm and correct; None for reject and
    reopen); ``state`` a proposal's corrected ledger state; ``changes`` what differs
    from the reader's item, ``{field: [before, after]}``, for showing the decision.
    """

    key: ItemKey
    decision: Decision
    item: dict[str, Any] | None = None
    state: ProposalState | None = None
    changes: dict[str, list[Any]] = Field(default_factory=dict)
    why: str = ""
    at: datetime
    id: int | None = None

    def parsed_item(self) -> Item | None:
        """``item`` as its model (an Event, Threat or Proposal)."""
        if self.item is None:
            return None
        return _ITEM_TYPES[self.key.kind].model_validate(self.item)


# --------------------------------------------------------------------------- identity


def first_evidence(item: Item) -> Evidence | None:
    """The sentence an item is known by: an event's evidence, a threat's first one."""
    if isinstance(item, Event):
        return item.evidence
    return item.evidence[0] if item.evidence else None


def kind_of(item: Item) -> ItemKind:
    if isinstance(item, Event):
        return ItemKind.EVENT
    if isinstance(item, Threat):
        return ItemKind.THREAT
    return ItemKind.PROPOSAL


def fingerprint(item: Item, by_country: bool = False) -> str:
    """The fields that tell an item apart from others read from the same sentence."""

    def code(value: str | None) -> str:
        if value is None:
            return "-"
        return country(value) if by_country else value

    if isinstance(item, Event):
        return f"{item.type}|{code(item.source)}|{code(item.target)}"
    if isinstance(item, Threat):
        return f"{code(item.sender)}|{code(item.target)}"
    return item.name.lower()


def item_key(item: Item, article_id: str) -> ItemKey:
    """The identity of ``item`` read from article ``article_id``."""
    first = first_evidence(item)
    return ItemKey(
        article_id=article_id,
        kind=kind_of(item),
        start=first.start if first else 0,
        end=first.end if first else 0,
        sentence=first.sentence.strip() if first else "",
        fingerprint=fingerprint(item),
    )


def _items(reading: Reading, kind: ItemKind) -> list[Item]:
    if kind is ItemKind.EVENT:
        return list(reading.events)
    if kind is ItemKind.THREAT:
        return list(reading.threats)
    return list(reading.proposals)


def _same_sentence(key: ItemKey, item: Item) -> bool:
    first = first_evidence(item)
    if first is None:
        return key.start == key.end == 0
    return (first.start, first.end) == (key.start, key.end) or first.sentence.strip() == (
        key.sentence
    )


def _country_fingerprint(fp: str, kind: ItemKind) -> str:
    if kind is ItemKind.PROPOSAL:
        return fp
    parts = fp.split("|")
    codes = parts[1:] if kind is ItemKind.EVENT else parts
    normal = [c if c == "-" else country(c) for c in codes]
    return "|".join(([parts[0]] if kind is ItemKind.EVENT else []) + normal)


def find(key: ItemKey, items: Sequence[Item], loose: bool = False) -> int | None:
    """The index in ``items`` (all of ``key.kind``) of the item ``key`` names, or None.

    ``loose`` allows the third rule of the module docstring: the sole event of the
    sentence between the same two countries.
    """
    in_sentence = [i for i, item in enumerate(items) if _same_sentence(key, item)]
    for i in in_sentence:
        if fingerprint(items[i]) == key.fingerprint:
            return i
    wanted = _country_fingerprint(key.fingerprint, key.kind)
    for i in in_sentence:
        if fingerprint(items[i], by_country=True) == wanted:
            return i
    if loose and key.kind is ItemKind.EVENT:
        pair = wanted.split("|", 1)[1]
        same_pair = [
            i
            for i in in_sentence
            if fingerprint(items[i], by_country=True).split("|", 1)[1] == pair
        ]
        if len(same_pair) == 1:
            return same_pair[0]
    return None


# --------------------------------------------------------------------------- applying


def latest(corrections: Iterable[Correction]) -> dict[ItemKey, Correction]:
    """The decision that counts for each item: the latest (by time, then id); an item
    whose latest decision is ``reopen`` has none."""
    out: dict[ItemKey, Correction] = {}
    ordered = sorted(corrections, key=lambda c: (c.at, c.id or 0))
    for correction in ordered:
        if correction.decision is Decision.REOPEN:
            out.pop(correction.key, None)
        else:
            out[correction.key] = correction
    return out


def _apply_one(reading: Reading, decisions: list[Correction]) -> Reading:
    lists: dict[ItemKind, list[Item]] = {kind: _items(reading, kind) for kind in ItemKind}
    removed: dict[ItemKind, set[int]] = defaultdict(set)
    for decision in decisions:
        kind = decision.key.kind
        items = lists[kind]
        loose = decision.decision is not Decision.REJECT
        index = find(decision.key, items, loose=loose)
        if decision.decision is Decision.REJECT:
            if index is not None:
                removed[kind].add(index)
            continue
        wanted = decision.parsed_item()
        if wanted is None:  # a proposal's state alone: the item stays as read
            continue
        if index is None:
            items.append(wanted)
        else:
            items[index] = wanted
    kept = {
        kind: [item for i, item in enumerate(items) if i not in removed[kind]]
        for kind, items in lists.items()
    }
    return reading.model_copy(
        update={
            "events": kept[ItemKind.EVENT],
            "threats": kept[ItemKind.THREAT],
            "proposals": kept[ItemKind.PROPOSAL],
        }
    )


def apply(readings: Iterable[Reading], corrections: Iterable[Correction]) -> list[Reading]:
    """The Readings with the analyst's decisions applied (pure; inputs are not changed).

    Readings no decision touches are returned as they are (not copied).
    """
    by_article: dict[str, list[Correction]] = defaultdict(list)
    for correction in latest(corrections).values():
        by_article[correction.key.article_id].append(correction)
    out = []
    for reading in readings:
        decisions = by_article.get(reading.article.id)
        out.append(_apply_one(reading, decisions) if decisions else reading)
    return out


def apply_states(standoff: Standoff, corrections: Iterable[Correction]) -> Standoff:
    """Set the ledger state of proposals the analyst corrected (pure).

    A state correction counts from its article's publication date (the record does not
    exist before it); it adds a dated history entry that cites the proposal's sentence
    and the analyst's reason.
    """
    states = [
        c
        for c in latest(corrections).values()
        if c.state is not None and c.key.kind is ItemKind.PROPOSAL
    ]
    if not states:
        return standoff
    published = {a.id: a.published for a in standoff.articles}
    records = list(standoff.proposals)
    for correction in states:
        key = correction.key
        if key.article_id not in published:
            continue  # the article is not part of the standoff as of this date
        for n, record in enumerate(records):
            evidence = next(
                (
                    e
                    for e in record.evidence
                    if e.article_id == key.article_id and (e.start, e.end) == (key.start, key.end)
                ),
                None,
            )
            if evidence is None:
                continue
            state = correction.state
            assert state is not None
            why = f": {correction.why}" if correction.why else ""
            change = StateChange(
                date=published[key.article_id],
                state=state.value,
                detail=f"corrected by the analyst (was {record.state.value}){why}",
                evidence=evidence,
            )
            records[n] = record.model_copy(
                update={"state": state, "history": [*record.history, change]}
            )
            break
    return standoff.model_copy(update={"proposals": records})


def corrected_standoff(
    readings: Iterable[Reading],
    corrections: Sequence[Correction],
    as_of: date | None = None,
    replay: Replay | None = None,
) -> Standoff:
    """:func:`~standoff.track.merge.build_standoff` on the corrected Readings, with the
    corrected proposal states; through ``replay`` when given (the same result, sooner
    when the last build through it differed little)."""
    corrected = apply(readings, corrections)
    built = replay.build(corrected, as_of) if replay else build_standoff(corrected, as_of)
    return apply_states(built, corrections)


__all__ = [
    "Correction",
    "Decision",
    "ItemKey",
    "ItemKind",
    "apply",
    "apply_states",
    "corrected_standoff",
    "find",
    "item_key",
    "latest",
]
