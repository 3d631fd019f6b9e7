"""Which threat is the standoff's main one: ranked on merit, not on its order of issue.

A threat ranks higher the more it is a threat an analyst must act on:

1. it states a measure (a threat with no stated measure never ranks above one with);
2. then on a score that adds
   - 1 for a stated deadline,
   - log2(1 + articles) and log2(1 + outlets) that carry its evidence (amount and spread),
   - 2 x the centrality of its dyad: the events between its sender and target (either
     direction, country level) over those of the busiest pair of the standoff.

Ties go to the threat issued first. Pure: records and events in, records out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from standoff.grammar import count
from standoff.model import Event, ThreatRecord
from standoff.track.keys import country, specific_measure_words

DEADLINE_WEIGHT = 1.0
CENTRALITY_WEIGHT = 2.0

Pair = frozenset[str]


def dyad_events(events: Iterable[Event]) -> Counter[Pair]:
    """Events per unordered pair of countries (an event with no target counts for none)."""
    counts: Counter[Pair] = Counter()
    for event in events:
        if event.target is None:
            continue
        pair = frozenset({country(event.source), country(event.target)})
        if len(pair) == 2:
            counts[pair] += 1
    return counts


def _merit(threat: ThreatRecord, pairs: Counter[Pair], busiest: int) -> tuple[bool, float, str]:
    stated = bool(specific_measure_words(threat.measures))
    articles = len({e.article_id for e in threat.evidence if e.article_id})
    outlets = len({e.source for e in threat.evidence if e.source})
    pair = frozenset({country(threat.sender), country(threat.target)})
    share = pairs.get(pair, 0) / busiest if busiest else 0.0
    deadline = threat.deadline is not None and threat.deadline.value is not None
    score = (
        (DEADLINE_WEIGHT if deadline else 0.0)
        + math.log2(1 + articles)
        + math.log2(1 + outlets)
        + CENTRALITY_WEIGHT * share
    )
    reason = "; ".join(
        [
            "measures stated" if stated else "no measure stated",
            "a deadline" if deadline else "no deadline",
            f"{count(len(threat.evidence), 'statement')} in {count(articles, 'article')} "
            f"from {count(outlets, 'outlet')}",
            f"{count(pairs.get(pair, 0), 'event')} between {' and '.join(sorted(pair))}"
            f" (busiest pair: {busiest})",
        ]
    )
    return stated, score, reason


def rank_threats(threats: list[ThreatRecord], events: Iterable[Event]) -> list[ThreatRecord]:
    """The threats, main first, each with ``rank`` (1 = main) and ``rank_reason`` set."""
    pairs = dyad_events(events)
    busiest = max(pairs.values(), default=0)
    scored = []
    for order, threat in enumerate(threats):
        stated, score, reason = _merit(threat, pairs, busiest)
        scored.append(((not stated, -round(score, 9), order), threat, reason))
    scored.sort(key=lambda item: item[0])
    out = []
    for rank, (_, threat, reason) in enumerate(scored, start=1):
        out.append(threat.model_copy(update={"rank": rank, "rank_reason": reason}))
    return out


__all__ = ["rank_threats", "dyad_events"]
