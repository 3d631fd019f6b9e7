"""Which scenario a standoff's issues are forecast on, and why.

A scenario is used only when it is about this standoff and known by its date:

- a scenario file the user gives is used when its actors are the standoff's (else one
  clear error); dated after the standoff, it is used with a warning of hindsight;
- with none given, the shipped reference scenario is used when its actors are the
  standoff's and it is dated on or before the standoff; otherwise a scenario is
  drafted from the readings (:mod:`standoff.forecast.draft`), and when there is
  nothing to draft from, there is none and the forecast says so.

"Its actors are the standoff's": the main threat's sender and target (country level)
are actors of the scenario, and at least half of the scenario's actors are named in
the standoff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from standoff.errors import UserError
from standoff.forecast.scenario import Scenario
from standoff.grammar import count
from standoff.model import Standoff
from standoff.track.keys import country

# Share of a scenario's actors the standoff must name for the scenario to be its.
ACTORS_NAMED = 0.5


@dataclass(frozen=True)
class ScenarioChoice:
    """The scenario to forecast (or None), a note saying which and why, and warnings."""

    scenario: Scenario | None
    note: str
    warnings: list[str] = field(default_factory=list)


def _countries(standoff: Standoff) -> set[str]:
    named = {country(a.country or a.code) for a in standoff.actors}
    for threat in standoff.threats:
        named |= {country(threat.sender), country(threat.target)}
    return named


def misfit(scenario: Scenario, standoff: Standoff) -> str | None:
    """Why ``scenario`` is not about ``standoff`` (None when it is)."""
    actors = {country(a.code) for a in scenario.actors}
    listed = ", ".join(sorted(actors))
    if standoff.threats:
        main = standoff.threats[0]
        dyad = {country(main.sender), country(main.target)}
        if not dyad <= actors:
            return (
                f"its actors ({listed}) do not include the main threat's "
                f"{' and '.join(sorted(dyad - actors))}"
            )
    named = actors & _countries(standoff)
    if len(named) < ACTORS_NAMED * len(actors):
        return f"the standoff names {len(named)} of its {count(len(actors), 'actor')} ({listed})"
    return None


def _dated(scenario: Scenario) -> date | None:
    try:
        return date.fromisoformat(scenario.as_of) if scenario.as_of else None
    except ValueError:
        return None


def hindsight(scenario: Scenario, standoff: Standoff) -> str | None:
    """Why ``scenario`` knows more than the standoff's date allows (None when it does not)."""
    dated = _dated(scenario)
    if dated is not None and standoff.as_of is not None and dated > standoff.as_of:
        return f"it is dated {dated}, after the standoff's {standoff.as_of}"
    return None


def _describe(scenario: Scenario) -> str:
    dated = f", as of {scenario.as_of}" if scenario.as_of else ""
    return f"{scenario.name!r} ({scenario.origin}{dated})"


def draft(standoff: Standoff) -> Scenario | None:
    """A scenario drafted from the standoff's proposals and live threats, or None."""
    from standoff.forecast.draft import draft_issues, draft_scenario_yaml
    from standoff.forecast.scenario_io import parse_yaml_scenario

    if not draft_issues(standoff):
        return None
    return parse_yaml_scenario(draft_scenario_yaml(standoff, "drafted from the readings"), "draft")


def choose_scenario(
    standoff: Standoff | None, path: Path | None, reference: Scenario | None = None
) -> ScenarioChoice:
    """The scenario to forecast for ``standoff`` given the user's ``path`` (or None).

    ``reference`` is the shipped reference scenario (loaded when None).
    Raises UserError when the given scenario is about other actors.
    """
    from standoff.forecast import reference_scenario
    from standoff.forecast.scenario_io import load_scenario

    if path is not None:
        given = load_scenario(path)
        if standoff is None:
            return ScenarioChoice(given, f"{_describe(given)}, as given")
        reason = misfit(given, standoff)
        if reason is not None:
            raise UserError(f"--scenario {path}: not this standoff's scenario: {reason}")
        late = hindsight(given, standoff)
        warnings = [f"the scenario may use hindsight: {late}"] if late else []
        return ScenarioChoice(given, f"{_describe(given)}, as given", warnings)
    ref = reference if reference is not None else reference_scenario()
    if standoff is None:
        return ScenarioChoice(ref, f"the reference scenario {_describe(ref)}")
    reason = misfit(ref, standoff) or hindsight(ref, standoff)
    if reason is None:
        return ScenarioChoice(
            ref, f"the reference scenario {_describe(ref)}: its actors are this standoff's"
        )
    why = f"the reference scenario does not apply: {reason}"
    drafted = draft(standoff)
    if drafted is None:
        return ScenarioChoice(
            None,
            f"none: {why}, and the readings hold no proposal or live threat to draft one from",
        )
    return ScenarioChoice(
        drafted,
        f"drafted from the readings ({why}); its positions are rule defaults: "
        "`standoff draft-scenario` writes it out to check and edit",
    )


__all__ = ["ScenarioChoice", "choose_scenario", "hindsight", "misfit"]
