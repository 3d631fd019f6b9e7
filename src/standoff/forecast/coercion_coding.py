"""Code a tracked threat into the threat-outcome model's features, each with its reason.

:func:`code_features` is pure: it reads a :class:`ThreatRecord` (and, if given,
the :class:`Standoff` around it) and returns one :class:`FeatureValue` per
model feature, in the model's order, each with a ``why`` a user can check.
What the reading cannot tell (the sender's commitment, anticipated costs, an
issue when no demand is stated) is coded ``unknown``: the forecast averages
over the levels TIES coders gave that feature, unless an analyst sets it
through ``overrides``. ``missing`` is kept for what TIES itself left blank
(a threat whose measures are not stated).

Two rules keep hindsight and stray text out: no feature is read from the
threat's own status (being carried out is the outcome, not a predictor), and
the issue comes only from the threat's own demand, never from other sentences
of its sender.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import pycountry

from standoff.forecast.coercion_actors import (
    COW_MAJOR_PERIODS,
    INSTITUTIONS,
    ISO3_TO_COW,
    OPEN,
)
from standoff.forecast.coercion_spec import FEATURES, MISSING, NOT_READ, UNKNOWN, check_level
from standoff.model import FeatureValue, Standoff, ThreatRecord
from standoff.read.actors import country_of, is_igo
from standoff.track.keys import jaccard, words

Coded = tuple[str, str]  # (level, why)
# Demands sharing this share of content words are one demand (two senders, one threat).
JOINT_DEMAND: Final = 0.5


@dataclass(frozen=True)
class MeasureRule:
    """Words in a threat's measures that name a sanction group; ``concrete`` if specific."""

    pattern: re.Pattern[str]
    group: str
    concrete: bool = True


def _rule(words: str, group: str, concrete: bool = True) -> MeasureRule:
    return MeasureRule(re.compile(words, re.IGNORECASE), group, concrete)


# Order matters only for the labels shown; every rule that matches counts.
MEASURE_RULES: Final[tuple[MeasureRule, ...]] = (
    _rule(r"\b(total|full|complete|comprehensive)\s+(trade\s+)?embargo|\bblockade", "embargo"),
    _rule(r"\b(oil|arms|grain|technology|partial|energy|gas)\s+embargo", "trade"),
    _rule(r"\btariffs?\b|\bduties\b|\bduty\b|\blev(y|ies)\b|\bquotas?\b", "trade"),
    _rule(r"\b(import|export)s?\s+(ban|control|restriction|curb|licen[cs])\w*", "trade"),
    _rule(r"\btrade\s+(restriction|sanction|measure|curb|penalt)\w*", "trade"),
    _rule(r"\basset\s+freeze|\bfreez\w*\s+(of\s+)?(\w+\s+)?assets|\bfrozen\s+assets", "financial"),
    _rule(r"\bfinancial\s+(sanction|penalt|measure|restriction)\w*|\bSWIFT\b", "financial"),
    _rule(r"\b(bank|banking|payment|investment)s?\s+(ban|sanction|restriction)\w*", "financial"),
    _rule(r"\b(aid|assistance|loans?)\s+(cut|suspen|terminat|halt|withdraw)\w*", "financial"),
    _rule(
        r"\b(cut|suspend|halt|end|withdraw)\w*\s+(\w+\s+)?(aid|assistance|loans?)\b", "financial"
    ),
    _rule(r"\btravel\s+bans?|\bvisa\s+(ban|restriction)\w*", "other"),
    _rule(
        r"(?<!financial )(?<!trade )\b(sanctions?|penalt(y|ies)|consequences)\b",
        "other",
        concrete=False,
    ),
)
# A bare "embargo" (no qualifier matched above) reads as a total embargo.
BARE_EMBARGO: Final = re.compile(r"\bembargo", re.IGNORECASE)

# Issue groups by the words of the demand; the first group whose words match wins.
ISSUE_RULES: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    (
        "security",
        re.compile(
            r"cease-?fire|\bwar\b|peace|troops|invasion|occupation|military|nuclear|missile|"
            r"weapons?|territor|\bstrikes?\b|attacks?|aggression|annex|border|terroris",
            re.IGNORECASE,
        ),
    ),
    (
        "trade",
        re.compile(
            r"\btrade\b|tariff|market access|deficit|dumping|subsid|\bimports?\b|\bexports?\b|"
            r"buying|purchases?",
            re.IGNORECASE,
        ),
    ),
    (
        "regime_rights",
        re.compile(
            r"human rights|democra|election|regime|political prisoner|coup|dissident|repression",
            re.IGNORECASE,
        ),
    ),
    (
        "economic_policy",
        re.compile(
            r"reform|environment|climate|whal|fisher|currency|privati|emission", re.IGNORECASE
        ),
    ),
    (
        "other",
        re.compile(r"hostage|release|extradit|drug|narcotic|compensation|detain", re.IGNORECASE),
    ),
)


def code_features(
    threat: ThreatRecord,
    standoff: Standoff | None = None,
    overrides: Mapping[str, str | int | float] | None = None,
) -> list[FeatureValue]:
    """The model's features for ``threat``, in model order, each with why it has its value.

    ``overrides`` maps feature names to levels (see ``coercion_spec.FEATURES``);
    an unknown name or level raises UserError listing the valid ones.
    """
    checked = {name: check_level(name, value) for name, value in (overrides or {}).items()}
    coded = _code_all(threat, standoff)
    out = []
    for name in FEATURES:
        level, why = coded[name]
        if name in checked:
            out.append(
                FeatureValue(
                    name=name,
                    value=checked[name],
                    overridden=True,
                    why=f"set by override (the reading gave {level}: {why})",
                )
            )
        else:
            out.append(FeatureValue(name=name, value=level, why=why))
    return out


def _code_all(threat: ThreatRecord, standoff: Standoff | None) -> dict[str, Coded]:
    matches = _measure_matches(threat.measures)
    coded: dict[str, Coded] = {
        "sender_major": _major("sender", threat.sender),
        "target_major": _major("target", threat.target),
        "issue": _issue(threat),
        "specific": _specific(threat, matches),
        "multilateral": _multilateral(threat, standoff),
        # The coders' judgements are never read. Never from the threat's status either:
        # carrying a threat out (or withdrawing it) is its outcome, not a sign of resolve
        # known when the threat was made.
        **{name: (UNKNOWN, _not_in_reading(name)) for name in NOT_READ},
    }
    for group in ("trade", "financial", "embargo", "other"):
        coded[f"threat_{group}"] = _threat_group(threat, matches, group)
    return coded


# --------------------------------------------------------------------------- power


def _major(role: str, code: str) -> Coded:
    country = country_of(code)
    if country in INSTITUTIONS or is_igo(country):
        return "no", f"{role} {country} is an international institution, not a COW major power"
    cow = ISO3_TO_COW.get(country)
    if cow is not None and any(end == OPEN for _, end in COW_MAJOR_PERIODS.get(cow, ())):
        return "yes", f"{role} {country} is a major power (COW)"
    if cow is not None or pycountry.countries.get(alpha_3=country) is not None:
        return "no", f"{role} {country} is not a COW major power"
    return UNKNOWN, (
        f"{role} code {code!r} is neither an ISO alpha-3 country nor a known IGO: "
        + _not_in_reading(f"{role}_major")
    )


# --------------------------------------------------------------------------- issue


def _issue(threat: ThreatRecord) -> Coded:
    # Only the threat's own demand: a sender's other statements are about other things
    # (a sentence on nuclear submarines says nothing of what a tariff threat demands).
    demand = threat.demand
    if not demand:
        return UNKNOWN, "no demand stated with the threat: " + _not_in_reading("issue")
    for group, pattern in ISSUE_RULES:
        hit = pattern.search(demand)
        if hit:
            return group, f"demand {_quote(demand)} names {hit.group(0)!r}: {group}"
    return "other", f"demand {_quote(demand)} matches no issue group's words: other"


# --------------------------------------------------------------------------- measures


def coercive_measures(measures: list[str]) -> list[str]:
    """The sanction words (``MEASURE_RULES``) the measures name: empty when the threat
    states no economic measure the threat-outcome model knows."""
    return sorted({w.lower() for _, w, _ in _measure_matches(measures)})


def _measure_matches(measures: list[str]) -> list[tuple[str, str, bool]]:
    """(group, words, concrete) for every sanction word found in the measures."""
    found: list[tuple[str, str, bool]] = []
    for text in measures:
        qualified = False
        for rule in MEASURE_RULES:
            for hit in rule.pattern.finditer(text):
                found.append((rule.group, hit.group(0), rule.concrete))
                qualified = qualified or "embargo" in hit.group(0).lower()
        if not qualified and BARE_EMBARGO.search(text):
            found.append(("embargo", "embargo", True))
    return found


def _threat_group(threat: ThreatRecord, matches: list[tuple[str, str, bool]], group: str) -> Coded:
    if not threat.measures:
        return MISSING, "no measures stated with the threat"
    words = sorted({w.lower() for g, w, _ in matches if g == group})
    if words:
        why = f"measures name {', '.join(repr(w) for w in words)}"
        if group == "trade" and threat.third_parties:
            why += f" (secondary, on {', '.join(threat.third_parties)})"
        return "yes", why
    return "no", f"no {group} measure among {_quote('; '.join(threat.measures))}"


def _specific(threat: ThreatRecord, matches: list[tuple[str, str, bool]]) -> Coded:
    deadline = ""
    if threat.deadline is not None:
        when = threat.deadline.value.isoformat() if threat.deadline.value else threat.deadline.text
        deadline = f", deadline {when} stated"
    if not threat.measures:
        return MISSING, "no measures stated with the threat" + deadline
    concrete = sorted({w.lower() for _, w, c in matches if c})
    if concrete:
        return "yes", f"specific: yes, {', '.join(repr(w) for w in concrete)} named{deadline}"
    return "no", f"specific: no, only {_quote('; '.join(threat.measures))}{deadline}"


def _multilateral(threat: ThreatRecord, standoff: Standoff | None) -> Coded:
    sender = country_of(threat.sender)
    if sender in INSTITUTIONS:
        return "yes", f"sender {sender} is an international institution"
    if standoff is not None:
        # Another sender's threat counts only when it is this threat made jointly: the
        # same target, and the same demand or the same deadline.
        others = sorted(
            {
                country_of(t.sender)
                for t in standoff.threats
                if t.id != threat.id
                and country_of(t.target) == country_of(threat.target)
                and country_of(t.sender) != sender
                and _joint(t, threat)
            }
        )
        if others:
            return "yes", (
                f"{', '.join(others)} also threaten{'s' if len(others) == 1 else ''} "
                f"{country_of(threat.target)} with the same demand or deadline"
            )
    return "no", f"one sender ({sender}) and no institution in the reading"


def _joint(a: ThreatRecord, b: ThreatRecord) -> bool:
    same_day = (
        a.deadline is not None
        and b.deadline is not None
        and a.deadline.value is not None
        and a.deadline.value == b.deadline.value
    )
    return same_day or jaccard(words(a.demand), words(b.demand)) >= JOINT_DEMAND


# --------------------------------------------------------------------------- helpers


def _not_in_reading(name: str) -> str:
    levels = "|".join(level for level in FEATURES[name] if level != MISSING)
    return (
        "not in the reading: averaged over the levels TIES coders gave it; "
        f"override with {name}={levels}"
    )


def _quote(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
