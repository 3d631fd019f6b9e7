"""Draft a scenario from a Standoff, for the analyst to edit.

Rules (each input gets a comment with its evidence):

- actors: every state or IGO the Standoff names (country level), with the CINC
  capability of the shipped table (actors missing from it get a placeholder
  flagged ``EDIT``);
- issues: one per proposal (0 = rejected outright, 100 = adopted in full) and
  one per live threat's demand (0 = the target refuses, 100 = it complies);
- positions: sponsors of a proposal 90, supporters 80, opponents 10; for a
  demand, the sender 95, the target 15 if it rejected anything said by the
  sender, else 40; third parties that rejected the sender 20;
- salience: sponsors and senders 80, targets 85, supporters 60, opponents 70,
  third parties 50 (defaults an analyst is expected to revise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from standoff.forecast.capabilities import capability, citation
from standoff.grammar import count
from standoff.model import ActorKind, ClaimKind, Evidence, Standoff
from standoff.read.actors import country_of
from standoff.track.threats import is_live

PLACEHOLDER_CAPABILITY = 0.001


@dataclass
class _Stance:
    position: float
    salience: float
    why: str


@dataclass
class _Issue:
    id: str
    name: str
    low: str
    high: str
    why: str
    stances: dict[str, _Stance] = field(default_factory=dict)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "issue"


def _cite(evidence: list[Evidence]) -> str:
    if not evidence:
        return "no sentence recorded"
    ev = evidence[0]
    day = ev.published.isoformat() if ev.published else None
    where = ", ".join(x for x in (ev.source, day) if x)
    sentence = " ".join(ev.sentence.split())
    sentence = sentence if len(sentence) <= 110 else sentence[:107] + "..."
    return f'"{sentence}"' + (f" ({where})" if where else "")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar on one line."""
    return yaml.safe_dump(text, default_style='"', width=10_000).strip()


def draft_issues(standoff: Standoff) -> list[_Issue]:
    """The issues and stances the rules above find in ``standoff``."""
    issues: list[_Issue] = []
    used: set[str] = set()

    def unique(slug: str) -> str:
        base, k = slug, 2
        while slug in used:
            slug, k = f"{base}_{k}", k + 1
        used.add(slug)
        return slug

    for p in standoff.proposals:
        issue = _Issue(
            id=unique(_slug(p.name)),
            name=p.name,
            low=f"{p.name} rejected outright",
            high=f"{p.name} adopted in full",
            why=_cite(p.evidence),
        )
        for codes, pos, sal, role in (
            (p.opponents, 10.0, 70.0, "opposes"),
            (p.supporters, 80.0, 60.0, "supports"),
            (p.sponsors, 90.0, 80.0, "sponsors"),
        ):
            for code in codes:
                issue.stances[country_of(code)] = _Stance(pos, sal, f"{role} the {p.name}")
        if issue.stances:
            issues.append(issue)
    rejecters = {
        (country_of(c.actor), country_of(c.target))
        for c in standoff.claims
        if c.kind == ClaimKind.REJECTION and c.target
    }
    for t in standoff.threats:
        if not is_live(t):
            continue
        demand = t.demand or "the sender's demand"
        sender, target = country_of(t.sender), country_of(t.target)
        issue = _Issue(
            id=unique(_slug(f"demand {target} {demand}")),
            name=f"{target} meets: {demand}",
            low=f"{target} refuses",
            high=f"{target} complies in full",
            why=_cite(t.evidence),
        )
        issue.stances[sender] = _Stance(95.0, 80.0, f"{sender} threatens {target} over it")
        rejected = (target, sender) in rejecters
        issue.stances[target] = _Stance(
            15.0 if rejected else 40.0,
            85.0,
            f"{target} rejected {sender}'s statements" if rejected else f"{target} is the target",
        )
        for third in t.third_parties:
            third = country_of(third)
            if third not in issue.stances and (third, sender) in rejecters:
                issue.stances[third] = _Stance(20.0, 50.0, f"{third} rejected {sender}'s measures")
        issues.append(issue)
    return issues


def draft_scenario_yaml(standoff: Standoff, name: str = "draft scenario") -> str:
    """A YAML scenario (the documented format) with a comment on every input."""
    issues = draft_issues(standoff)
    in_play = {code for issue in issues for code in issue.stances}
    names: dict[str, str] = {}
    for actor in standoff.actors:
        if actor.kind in (ActorKind.STATE, ActorKind.IGO, ActorKind.METONYM):
            names.setdefault(actor.country, actor.name)
    codes = sorted(in_play)
    out = [
        f"# Drafted by `standoff draft-scenario` from {count(len(standoff.articles), 'article')}",
        f"# as of {standoff.as_of}. A starting point: check every value against its evidence.",
        f"# Capabilities: {citation()} (approximate).",
        f"name: {yaml.safe_dump(name).splitlines()[0]}",
        f'as_of: "{standoff.as_of}"' if standoff.as_of else "as_of: null",
        "actors:",
    ]
    for code in codes:
        cap = capability(code)
        note = "CINC" if cap is not None else "EDIT: not in the capability table, placeholder"
        label = _quoted(names.get(code, code))
        out.append(
            f"  - {{code: {code}, name: {label}, capability: "
            f"{cap if cap is not None else PLACEHOLDER_CAPABILITY}}}  # {note}"
        )
    out.append("issues:")
    for issue in issues:
        out.append(f"  # from: {issue.why}")
        out.append(f"  - id: {issue.id}")
        for key in ("name", "low", "high"):
            out.append(f"    {key}: {_quoted(getattr(issue, key))}")
    out.append("stances:")
    for code in codes:
        out.append(f"  {code}:")
        for issue in issues:
            st = issue.stances.get(code)
            if st is None:
                continue
            out.append(f"    # {st.why}")
            out.append(f"    {issue.id}: {{position: {st.position:g}, salience: {st.salience:g}}}")
    return "\n".join(out) + "\n"
