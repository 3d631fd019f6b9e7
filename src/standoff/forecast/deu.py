"""The DEU III data (Thomson et al.) as bargaining issues, and the backtest over it.

The file is tab separated: a header, then one row of actor weights (under the
``p*`` columns), then one row an issue: ``p<actor>`` positions and ``s<actor>``
saliences on 0-100 for the Commission, the Parliament and 28 member states,
``out`` the recorded outcome and ``isnrnmc`` the issue's running number. An
actor with no position or no salience on an issue takes no part in it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from standoff.errors import UserError
from standoff.forecast.bargaining import BargainingModel, mae
from standoff.forecast.scenario import ScenarioArrays


@dataclass(frozen=True)
class DeuIssues:
    """Issues with a recorded outcome: ``arrays`` rows are issues; ``number`` is isnrnmc."""

    arrays: ScenarioArrays
    outcome: NDArray[np.float64]
    number: NDArray[np.int64]

    def subset(self, mask: NDArray[np.bool_]) -> DeuIssues:
        a = self.arrays
        issues = [i for i, keep in zip(a.issues, mask, strict=True) if keep]
        return DeuIssues(
            ScenarioArrays(
                a.actors, issues, a.position[mask], a.salience[mask], a.capability[mask],
                a.present[mask], a.position_sd[mask], a.salience_sd[mask], a.capability_cv[mask],
            ),
            self.outcome[mask],
            self.number[mask],
        )


def _cell(value: str) -> float:
    value = value.strip().strip('"')
    return float(value) if value else float("nan")


def load_deu(path: Path) -> DeuIssues:
    """Read deu3.csv; raise UserError naming file and line when it is malformed."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    if len(rows) < 3:
        raise UserError(f"{path}:1: expected a header, a weight row and issue rows")
    header = [h.strip().strip('"') for h in rows[0]]
    col = {h: k for k, h in enumerate(header)}
    for need in ("out", "isnrnmc"):
        if need not in col:
            raise UserError(f"{path}:1: no '{need}' column")
    actors = [h[1:] for h in header if h.startswith("p") and "s" + h[1:] in col and h != "proc"]
    actors = [a for a in actors if f"p{a}" in col and a not in {"rnrnmc", "rnr", "rname"}]
    try:
        weights = np.array([_cell(rows[1][col[f"p{a}"]]) for a in actors])
    except (ValueError, IndexError):
        raise UserError(f"{path}:2: the weight row is malformed") from None
    pos_rows, sal_rows, outs, numbers, ids = [], [], [], [], []
    for line, row in enumerate(rows[2:], start=3):
        if not any(c.strip() for c in row):
            continue
        try:
            out = _cell(row[col["out"]])
            if np.isnan(out):
                continue
            pos_rows.append([_cell(row[col[f"p{a}"]]) for a in actors])
            sal_rows.append([_cell(row[col[f"s{a}"]]) for a in actors])
            numbers.append(int(_cell(row[col["isnrnmc"]])))
        except (ValueError, IndexError):
            raise UserError(f"{path}:{line}: malformed issue row") from None
        outs.append(out)
        ids.append(f"isnrnmc-{numbers[-1]}")
    pos = np.array(pos_rows)
    sal = np.array(sal_rows)
    present = ~np.isnan(pos) & ~np.isnan(sal)
    m, n = pos.shape
    arrays = ScenarioArrays(
        actors=actors,
        issues=ids,
        position=np.where(present, pos, 50.0),
        salience=np.where(present, sal, 0.0),
        capability=np.broadcast_to(weights, (m, n)).copy(),
        present=present,
        position_sd=np.zeros((m, n)),
        salience_sd=np.zeros((m, n)),
        capability_cv=np.zeros((m, n)),
    )
    return DeuIssues(arrays, np.array(outs), np.array(numbers))


@dataclass(frozen=True)
class BacktestRow:
    """One model's score: MAE on the fitting (even) half and the held-out (odd) half."""

    model: str
    params: str
    mae_fit: float
    mae_test: float
    mae_all: float
    n_fit: int
    n_test: int
    card: str


def backtest(data: DeuIssues, models: list[BargainingModel]) -> list[BacktestRow]:
    """Fit each model on issues with even isnrnmc, score it on the odd ones (and on all)."""
    even = data.number % 2 == 0
    fit, test = data.subset(even), data.subset(~even)
    rows = []
    for model in models:
        model.fit(fit.arrays, fit.outcome)
        fitted = model.get_params().items()
        params = ", ".join(f"{k}={v}" for k, v in fitted if k in model.param_grid)
        rows.append(
            BacktestRow(
                model=model.name,
                params=params or "-",
                mae_fit=mae(model.predict(fit.arrays), fit.outcome),
                mae_test=mae(model.predict(test.arrays), test.outcome),
                mae_all=mae(model.predict(data.arrays), data.outcome),
                n_fit=int(even.sum()),
                n_test=int((~even).sum()),
                card=model.card,
            )
        )
    return rows
