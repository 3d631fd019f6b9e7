"""A bargaining scenario: actors with capability, issues on a 0-100 scale, positions.

The schema (pydantic) is the contract of a scenario file; :mod:`scenario_io`
reads YAML and KTAB CSV into it with errors that name file and line.
:meth:`Scenario.arrays` turns it into the numpy arrays every model consumes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

SCALE_LOW = 0.0
SCALE_HIGH = 100.0
# Capability is in any unit (CINC shares, KTAB's 0-100, GDP in dollars) and only ratios
# matter, but the models multiply it by salience and by other actors' weights: checked
# before any arithmetic, so 1e308 cannot overflow to inf and 1e-300 cannot vanish.
CAPABILITY_MIN = 1e-9
CAPABILITY_MAX = 1e15


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScenarioActor(_Model):
    """One actor: a code, a name and its capability (any positive unit, e.g. CINC)."""

    code: str = Field(min_length=1)
    name: str = ""
    capability: float = Field(ge=CAPABILITY_MIN, le=CAPABILITY_MAX, allow_inf_nan=False)
    capability_cv: float | None = Field(
        None, ge=0, le=2, allow_inf_nan=False, description="coefficient of variation, Monte Carlo"
    )
    source: str = ""


class ScenarioIssue(_Model):
    """One issue on the 0-100 scale; ``low``/``high`` label what 0 and 100 mean."""

    id: str = Field(min_length=1)
    name: str = ""
    low: str = ""
    high: str = ""
    status_quo: float | None = Field(None, ge=SCALE_LOW, le=SCALE_HIGH, allow_inf_nan=False)


class Stance(_Model):
    """An actor's position (0-100) and salience (0-100) on one issue, with its evidence."""

    position: float = Field(ge=SCALE_LOW, le=SCALE_HIGH, allow_inf_nan=False)
    salience: float = Field(ge=0, le=100, allow_inf_nan=False)
    position_sd: float | None = Field(None, ge=0, le=50, allow_inf_nan=False)
    salience_sd: float | None = Field(None, ge=0, le=50, allow_inf_nan=False)
    evidence: str = ""


class Uncertainty(_Model):
    """Default spreads for the Monte Carlo (see docs/scenarios.md for the distributions)."""

    position_sd: float = Field(10.0, ge=0, le=50, allow_inf_nan=False)
    salience_sd: float = Field(10.0, ge=0, le=50, allow_inf_nan=False)
    capability_cv: float = Field(0.25, ge=0, le=2, allow_inf_nan=False)


class Scenario(_Model):
    """A whole scenario; ``stances[actor][issue]`` gives a :class:`Stance`.

    An actor may leave an issue out (it takes no part in that issue); every
    issue must have at least one stance and every name must be declared.
    """

    name: str = "scenario"
    description: str = ""
    as_of: str | None = None
    actors: list[ScenarioActor] = Field(min_length=1)
    issues: list[ScenarioIssue] = Field(min_length=1)
    stances: dict[str, dict[str, Stance]]
    uncertainty: Uncertainty = Uncertainty.model_validate({})
    origin: str = Field("<scenario>", description="file it was read from, for messages")

    def arrays(self) -> ScenarioArrays:
        """The scenario as arrays: rows are issues, columns actors (see ScenarioArrays)."""
        codes = [a.code for a in self.actors]
        issue_ids = [i.id for i in self.issues]
        m, n = len(issue_ids), len(codes)
        pos = np.full((m, n), 50.0)
        sal = np.zeros((m, n))
        pos_sd = np.full((m, n), self.uncertainty.position_sd)
        sal_sd = np.full((m, n), self.uncertainty.salience_sd)
        present = np.zeros((m, n), dtype=bool)
        col = {c: j for j, c in enumerate(codes)}
        row = {c: i for i, c in enumerate(issue_ids)}
        for actor, by_issue in self.stances.items():
            for issue, stance in by_issue.items():
                i, j = row[issue], col[actor]
                pos[i, j] = stance.position
                sal[i, j] = stance.salience
                present[i, j] = True
                if stance.position_sd is not None:
                    pos_sd[i, j] = stance.position_sd
                if stance.salience_sd is not None:
                    sal_sd[i, j] = stance.salience_sd
        cap = np.array([a.capability for a in self.actors], dtype=float)
        cap_cv = np.array(
            [
                a.capability_cv if a.capability_cv is not None else self.uncertainty.capability_cv
                for a in self.actors
            ]
        )
        return ScenarioArrays(
            actors=codes,
            issues=issue_ids,
            position=pos,
            salience=sal,
            capability=np.broadcast_to(cap, (m, n)).copy(),
            present=present,
            position_sd=pos_sd,
            salience_sd=sal_sd,
            capability_cv=np.broadcast_to(cap_cv, (m, n)).copy(),
        )


@dataclass(frozen=True)
class ScenarioArrays:
    """A scenario as numpy arrays; every 2-D array has shape (issues, actors).

    ``position`` and ``salience`` are on 0-100; ``capability`` is positive in the
    scenario's own unit (only ratios matter); ``present`` marks the actors that
    take part in an issue (absent ones carry no weight and make no offers).
    """

    actors: list[str]
    issues: list[str]
    position: NDArray[np.float64]
    salience: NDArray[np.float64]
    capability: NDArray[np.float64]
    present: NDArray[np.bool_]
    position_sd: NDArray[np.float64]
    salience_sd: NDArray[np.float64]
    capability_cv: NDArray[np.float64]

    @property
    def weight(self) -> NDArray[np.float64]:
        """Capability x salience, zero for absent actors: shape (issues, actors)."""
        return np.where(self.present, self.capability * self.salience, 0.0)
