"""The expected-utility model beside a public replication of Scholz, Calbert and Smith (2011).

The replication (github.com/jmckib/bdm-scholz-expected-utility-model, run outside this
repository) gives different positions from round 1 on the paper's example
(../shared/data/bdm/ExampleActors.csv). The slow reference below is written from the
model card, with four rules that can be switched to the replication's reading:

* ``normalise``: a challenger's chance of success divides its positive votes by the
  absolute votes of that pair ("pair", ours: P_ij + P_ji = 1) or by the absolute votes
  of every voter over every ordered pair of actors ("all-pairs", the replication);
* ``vote_exponent``: votes weigh linear distances ("linear", ours) or distances raised
  to each voter's current risk exponent ("voter", the replication);
* ``capitulation``: whether a receiver who would lose more by resisting than the
  proposer gains moves all the way (ours) or never (the replication's test of it,
  ``eu_ji < abs(eu_ji)``, cannot hold);
* ``choice``: a receiver takes the offer that moves it least ("least-move", ours and the
  paper) or any confrontation first, else the compromise with the lowest weighted
  position, else a capitulation ("replication", which its author says follows Scholz's
  code).

With our four rules it equals :class:`ExpectedUtility`; with the replication's four it
equals the replication's run, round by round. docs/models/expected-utility.md gives
the numbers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from standoff.forecast.expected_utility import ExpectedUtility
from standoff.forecast.scenario_io import load_scenario

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parents[0] / ".." / "shared" / "data" / "bdm" / "ExampleActors.csv"
REPLICATION = HERE / "data" / "eu_replication" / "jmckib-example-actors.json"
needs_example = pytest.mark.skipif(not EXAMPLE.exists(), reason="shared data absent")


@dataclass(frozen=True)
class Rules:
    normalise: str = "pair"
    vote_exponent: str = "linear"
    capitulation: bool = True
    choice: str = "least-move"


OURS = Rules()
REPLICATION_RULES = Rules("all-pairs", "voter", False, "replication")


def _u(r: float, inner: float) -> float:
    return 2.0 - 4.0 * max(inner, 0.0) ** r


@dataclass(frozen=True)
class _Issue:
    """One issue's positions, capabilities and saliences (everyone present, q = 1)."""

    x: list[float]
    c: list[float]
    s: list[float]
    span: float
    rules: Rules

    def votes(self, i: int, j: int, r: list[float]) -> list[float]:
        """Each voter's vote for i over j (positive: for i)."""
        out = []
        for k in range(len(self.x)):
            e = r[k] if self.rules.vote_exponent == "voter" else 1.0
            far = abs(self.x[k] - self.x[j]) / self.span
            near = abs(self.x[k] - self.x[i]) / self.span
            out.append(self.c[k] * self.s[k] * (far**e - near**e))
        return out

    def chance(self, i: int, j: int, r: list[float]) -> float:
        if self.x[i] == self.x[j]:
            return 0.0
        v = self.votes(i, j, r)
        n = len(self.x)
        if self.rules.normalise == "pair":
            total = sum(abs(t) for t in v)
        else:
            total = sum(abs(t) for a in range(n) for b in range(n) for t in self.votes(a, b, r))
        return sum(max(t, 0.0) for t in v) / total if total > 0 else 0.0

    def eu(self, i: int, j: int, own: float, r: list[float]) -> float:
        """EU of i challenging j, utilities with exponent ``own``; votes with ``r``."""
        d = abs(self.x[i] - self.x[j]) / self.span
        us, uf, usq = _u(own, 0.5 - 0.5 * d), _u(own, 0.5 + 0.5 * d), _u(own, 0.5)
        p = self.chance(i, j, r)
        return self.s[j] * (p * us + (1 - p) * uf) + (1 - self.s[j]) * us - usq

    def risks(self) -> list[float]:
        """Each actor's risk exponent from its danger (the EU others expect against it)."""
        n, ones = len(self.x), [1.0] * len(self.x)
        danger = [sum(self.eu(i, j, 1.0, ones) for i in range(n) if i != j) for j in range(n)]
        hi, lo = max(danger), min(danger)
        big_r = [(2 * dj - hi - lo) / (hi - lo) if hi > lo else 0.0 for dj in danger]
        return [(1 - b / 3) / (1 + b / 3) for b in big_r]

    def offers(self, i: int, r: list[float]) -> list[tuple]:
        """The offers actor i receives: (kind, target, proposer[, eu_ij, eu_ji])."""
        x, out = self.x, []
        for j in range(len(x)):
            if x[j] == x[i]:
                continue
            a, b = self.eu(i, j, r[i], r), self.eu(j, i, r[i], r)  # both from i's view
            if b > a > 0:
                out.append(("confrontation", x[j], j))
            elif b > 0 > a and b > -a:
                out.append(("compromise", x[i] + (x[j] - x[i]) * (-a / b), j, a, b))
            elif b > 0 > a and self.rules.capitulation:
                out.append(("capitulation", x[j], j))
        return out

    def choose(self, i: int, offers: list[tuple]) -> tuple:
        """The offer actor i takes, by the ``choice`` rule."""
        x = self.x
        if self.rules.choice == "least-move":
            return min(offers, key=lambda o: (abs(o[1] - x[i]), x[o[2]]))
        kinds = [o for o in offers if o[0] == "confrontation"] or [
            o for o in offers if o[0] == "compromise"] or offers
        if kinds[0][0] == "compromise":
            return min(kinds, key=lambda o: (abs(o[3]) * x[i] + abs(o[4]) * x[o[2]])
                       / (abs(o[3]) + abs(o[4])))
        return min(kinds, key=lambda o: abs(o[1] - x[i]))


def variant_round(
    x: list[float], c: list[float], s: list[float], span: float, rules: Rules
) -> tuple[list[float], list[float]]:
    """One round on one issue (everyone present, q = 1): new positions, risk exponents."""
    issue = _Issue(x, c, s, span, rules)
    r = issue.risks()
    new = list(x)
    for i in range(len(x)):
        offers = issue.offers(i, r)
        if offers:
            new[i] = issue.choose(i, offers)[1]
    return new, r


def variant_run(rounds: int, rules: Rules) -> tuple[np.ndarray, np.ndarray]:
    """(rounds + 1, actors) positions and (rounds, actors) exponents on the example."""
    a = load_scenario(EXAMPLE).arrays()
    x = [float(v) for v in a.position[0]]
    c = [float(v) for v in a.capability[0]]
    s = [float(v) / 100 for v in a.salience[0]]
    span = max(x) - min(x)
    positions, risks = [list(x)], []
    for _ in range(rounds):
        x, r = variant_round(x, c, s, span, rules)
        positions.append(list(x))
        risks.append(r)
    return np.array(positions), np.array(risks)


@needs_example
def test_our_rules_are_the_model() -> None:
    a = load_scenario(EXAMPLE).arrays()
    result = ExpectedUtility(rounds=6).run(a)
    positions, risks = variant_run(6, OURS)
    assert np.allclose(result.positions[:, 0, :], positions, rtol=0, atol=1e-9)
    assert np.allclose(result.risk[:, 0, :], risks, rtol=0, atol=1e-9)


@needs_example
def test_replication_rules_give_the_replications_run() -> None:
    published = json.loads(REPLICATION.read_text(encoding="utf-8"))
    assert published["actors"] == load_scenario(EXAMPLE).arrays().actors
    positions, risks = variant_run(6, REPLICATION_RULES)
    assert np.allclose(positions, published["positions"], rtol=0, atol=1e-9)
    assert np.allclose(risks, published["risk"], rtol=0, atol=1e-9)


@needs_example
def test_the_model_disagrees_with_the_replication_from_round_one() -> None:
    # the disagreement the model card reports: already the first round's exponents differ
    published = json.loads(REPLICATION.read_text(encoding="utf-8"))
    result = ExpectedUtility(rounds=6).run(load_scenario(EXAMPLE).arrays())
    assert not np.allclose(result.risk[0, 0], published["risk"][0], atol=0.05)
    assert result.outcome[1, 0] == pytest.approx(7.264, abs=1e-3)
    assert published["mean"][1] == pytest.approx(7.461, abs=1e-3)


def comparison_table(rounds: int = 6) -> str:
    """The model card's table: the weighted mean after each round under each set of rules."""
    from dataclasses import replace

    a = load_scenario(EXAMPLE).arrays()
    w = a.capability[0] * a.salience[0]
    rows = [
        ("this model", OURS),
        ("the replication", REPLICATION_RULES),
        ("this model + all-pairs normalisation", replace(OURS, normalise="all-pairs")),
        ("this model + voter exponent in the votes", replace(OURS, vote_exponent="voter")),
        ("this model + no capitulation", replace(OURS, capitulation=False)),
        ("this model + the replication's choice of offer", replace(OURS, choice="replication")),
        ("the replication + pair normalisation", replace(REPLICATION_RULES, normalise="pair")),
        ("the replication + least-move choice", replace(REPLICATION_RULES, choice="least-move")),
    ]
    lines = []
    for name, rules in rows:
        positions, _ = variant_run(rounds, rules)
        means = (positions * w).sum(axis=1) / w.sum()
        lines.append(f"| {name} | " + " | ".join(f"{v:.3f}" for v in means) + " |")
    return "\n".join(lines)


if __name__ == "__main__":  # prints the table of docs/models/expected-utility.md
    print(comparison_table())
