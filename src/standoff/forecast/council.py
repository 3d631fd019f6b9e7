"""Votes in the Council of the EU under qualified majority, by period (shipped table).

The table (``data/capabilities/council-qmv.yaml``) gives each member state's
weighted votes in each period from 1995 on, with the treaty articles that fix them.
The DEU III backtest uses the weights of the period in which the Council decided
each proposal as the member states' capability.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

TABLE = Path(__file__).resolve().parent.parent / "data" / "capabilities" / "council-qmv.yaml"


@dataclass(frozen=True)
class CouncilPeriod:
    """The weights (ISO alpha-3 -> votes) in force from ``start`` to the next period."""

    start: date
    label: str
    total: int
    weights: dict[str, int]

    @property
    def largest(self) -> int:
        """The votes of the largest member state."""
        return max(self.weights.values())


@lru_cache(maxsize=1)
def periods() -> tuple[CouncilPeriod, ...]:
    """The periods in date order; each period's weights sum to its stated total."""
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    out = []
    for item in data["periods"]:
        period = CouncilPeriod(
            start=item["from"],
            label=str(item["label"]),
            total=int(item["total"]),
            weights={str(k): int(v) for k, v in item["weights"].items()},
        )
        if sum(period.weights.values()) != period.total:  # a transcription slip
            raise ValueError(f"{TABLE}: the weights of {period.label} do not sum to its total")
        out.append(period)
    return tuple(sorted(out, key=lambda p: p.start))


def period_on(day: date) -> CouncilPeriod:
    """The period in force on ``day``; days before the first period get the first one."""
    chosen = periods()[0]
    for period in periods():
        if period.start <= day:
            chosen = period
    return chosen


def citation() -> str:
    """The table's source line, for model cards and reports."""
    return str(yaml.safe_load(TABLE.read_text(encoding="utf-8"))["source"])
