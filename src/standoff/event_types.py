"""The PLOVER event types: every fact about a type, from ``standoff/data/event-types.yaml``.

One table holds what the reader and the tracker know of each type: its quad category
and conflict-cooperation score (PLOVER's Table 2.2, with its citation), whether it takes
a target, whether it runs both ways, which prepositions introduce its target, what its
threatened form is. Adding an event type means adding a row there (and its words to
``plover-lexicon.yaml``); code asks :func:`event_types` or the sets below.

    >>> EVENT_TYPES["SANCTION"].threatened_mode
    'sanction'
    >>> sorted(types_where("symmetric"))
    ['AGREE', 'CONSULT', 'COOPERATE']
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources
from typing import Any

import yaml

FLAGS = (
    "targeted",
    "symmetric",
    "answers_offer",
    "demonym_targets",
    "demonym_objects",
    "on_the_ground",
)
QUAD_NAMES = {1: "vcoop", 2: "mcoop", 3: "vconf", 4: "mconf"}


@dataclass(frozen=True)
class EventType:
    """One PLOVER event type; fields as documented in ``event-types.yaml``."""

    name: str
    quad: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    score: float  # -10 (most conflictual) .. +10 (most cooperative)
    pairing_quad: int
    target_preps: tuple[str, ...]
    modes: dict[str, float] = field(default_factory=dict)
    printed: float | None = None  # the score as PLOVER's table prints it, where we differ
    threatened_mode: str | None = None
    targeted: bool = False
    symmetric: bool = False
    answers_offer: bool = False
    demonym_targets: bool = False
    demonym_objects: bool = False
    on_the_ground: bool = False

    @property
    def cooperative(self) -> bool:
        """Verbal or material cooperation (quads 1 and 2)."""
        return self.quad in (1, 2)

    @property
    def pairing_class(self) -> str:
        """'vcoop', 'mcoop', 'vconf' or 'mconf': the class like events are paired by."""
        return QUAD_NAMES[self.pairing_quad]


@dataclass(frozen=True)
class EventTable:
    """The whole table: the types in file order, with the scores' citation and scale."""

    types: dict[str, EventType]
    citation: str
    scale: tuple[float, float]


@cache
def event_table() -> EventTable:
    """The shipped table, checked field by field (a typo is an error, not a silent default)."""
    text = (resources.files("standoff") / "data" / "event-types.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    types = {str(name): _event_type(str(name), spec) for name, spec in raw["types"].items()}
    low, high = raw["scale"]
    return EventTable(types, str(raw["citation"]), (float(low), float(high)))


def event_types() -> dict[str, EventType]:
    """Every PLOVER type by name, in the table's order."""
    return event_table().types


def types_where(flag: str) -> frozenset[str]:
    """The names of the types for which ``flag`` (a boolean field) is true."""
    if flag not in FLAGS:
        raise ValueError(f"{flag!r} is not a flag of event-types.yaml ({', '.join(FLAGS)})")
    return frozenset(name for name, t in event_types().items() if getattr(t, flag))


def _event_type(name: str, spec: Any) -> EventType:
    where = f"event-types.yaml: {name}"
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: expected a mapping")
    known = {f.name for f in fields(EventType)} - {"name"}
    unknown = set(spec) - known
    if unknown:
        raise ValueError(f"{where}: unknown fields: {', '.join(sorted(unknown))}")
    missing = {"quad", "score", "pairing_quad", "target_preps"} - set(spec)
    if missing:
        raise ValueError(f"{where}: missing {', '.join(sorted(missing))}")
    for quad in ("quad", "pairing_quad"):
        if spec[quad] not in QUAD_NAMES:
            raise ValueError(f"{where}: {quad} must be 1, 2, 3 or 4")
    for flag in FLAGS:
        if not isinstance(spec.get(flag, False), bool):
            raise ValueError(f"{where}: {flag} must be true or false")
    preps = spec["target_preps"]
    if any(not isinstance(p, str) for p in preps):  # YAML 1.1 reads a bare on/no as a boolean
        raise ValueError(f'{where}: quote prepositions such as "on" in target_preps')
    mode = spec.get("threatened_mode")
    return EventType(
        name=name,
        quad=int(spec["quad"]),
        score=float(spec["score"]),
        pairing_quad=int(spec["pairing_quad"]),
        target_preps=tuple(sorted(str(p).lower() for p in preps)),
        modes={str(k).lower(): float(v) for k, v in (spec.get("modes") or {}).items()},
        printed=float(spec["printed"]) if "printed" in spec else None,
        threatened_mode=str(mode) if mode is not None else None,
        **{flag: bool(spec.get(flag, False)) for flag in FLAGS},
    )


EVENT_TYPES = event_types()
