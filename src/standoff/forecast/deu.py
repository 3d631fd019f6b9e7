"""The DEU III data (Thomson et al.) as bargaining issues, and the backtest over it.

The file is tab separated: a header, then one row of actor weights (under the
``p*`` columns, GDP-like), then one row an issue: ``p<actor>`` positions and
``s<actor>`` saliences on 0-100 for the Commission, the Parliament and 28 member
states, ``out`` the recorded outcome, ``isnrnmc`` the issue's running number and
``prnrnmc`` its proposal's. An actor with no position or no salience on an issue
takes no part in it.

Capability is, by default, each member state's votes in the Council under
qualified majority in the period of the decision (:mod:`standoff.forecast.council`);
the Commission and the Parliament weigh as much as the largest member state, the
convention of the file's own weight row (where both equal Germany's).

The backtest splits by proposal, never by issue: the issues of one proposal are
negotiated together, so a split by issue would score a model on siblings of the
issues it was fitted on.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from standoff.errors import UserError
from standoff.forecast.bargaining import BargainingModel, mae
from standoff.forecast.council import period_on
from standoff.forecast.resample import DRAWS, Estimate, cluster_bootstrap_means, estimate
from standoff.forecast.scenario import ScenarioArrays

Capability = Literal["council", "file"]

# DEU III member-state codes -> ISO 3166-1 alpha-3 (the Council table's keys).
DEU_STATES: dict[str, str] = {
    "at": "AUT",
    "be": "BEL",
    "bu": "BGR",
    "cr": "HRV",
    "cy": "CYP",
    "cz": "CZE",
    "dk": "DNK",
    "ee": "EST",
    "fi": "FIN",
    "fr": "FRA",
    "de": "DEU",
    "el": "GRC",
    "hu": "HUN",
    "ie": "IRL",
    "it": "ITA",
    "lv": "LVA",
    "lt": "LTU",
    "lu": "LUX",
    "mt": "MLT",
    "nl": "NLD",
    "pl": "POL",
    "pt": "PRT",
    "ro": "ROU",
    "si": "SVN",
    "sk": "SVK",
    "es": "ESP",
    "se": "SWE",
    "uk": "GBR",
}
# Not Council members: each weighs as much as the largest member state of the period.
DEU_INSTITUTIONS = ("com", "ep")


@dataclass(frozen=True)
class DeuIssues:
    """Issues with a recorded outcome; row k of every array is issue k.

    ``number`` is isnrnmc, ``proposal`` prnrnmc, ``decided`` the date whose Council
    weights give the capability (the decision, else the introduction of the proposal).
    """

    arrays: ScenarioArrays
    outcome: NDArray[np.float64]
    number: NDArray[np.int64]
    proposal: NDArray[np.int64]
    decided: list[date]

    def subset(self, mask: NDArray[np.bool_]) -> DeuIssues:
        a = self.arrays
        issues = [i for i, keep in zip(a.issues, mask, strict=True) if keep]
        return DeuIssues(
            ScenarioArrays(
                a.actors,
                issues,
                a.position[mask],
                a.salience[mask],
                a.capability[mask],
                a.present[mask],
                a.position_sd[mask],
                a.salience_sd[mask],
                a.capability_cv[mask],
            ),
            self.outcome[mask],
            self.number[mask],
            self.proposal[mask],
            [d for d, keep in zip(self.decided, mask, strict=True) if keep],
        )


def _cell(value: str) -> float:
    value = value.strip().strip('"')
    return float(value) if value else float("nan")


# The file's dates are day-month-year, some mangled by a spreadsheet into
# "20dd-mm-yy" or "19dd-mm-yy" (day 30 of May 2001 stored as 1930-05-01).
_MANGLED = re.compile(r"^(?:19|20)(\d\d)-(\d\d)-(\d\d)$")
_DMY = re.compile(r"^(\d\d)-(\d\d)-(\d\d|\d{4})$")


def parse_deu_date(text: str) -> date | None:
    """A DEU III date (``26-01-00``, ``14-09-2016``, mangled ``1930-05-01``), or None."""
    text = text.strip().strip('"')
    found = _MANGLED.match(text) or _DMY.match(text)
    if found is None:
        return None
    day, month, year = (int(g) for g in found.groups())
    if year < 100:
        year += 1900 if year >= 90 else 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _proposal_year(prnr: str) -> date | None:
    """The year in a proposal number (``d00032`` -> 2000, ``d160280`` -> 2016)."""
    found = re.match(r"^[a-z]+(\d\d)", prnr.strip().strip('"'))
    if found is None:
        return None
    yy = int(found.group(1))
    return date(1900 + yy if yy >= 90 else 2000 + yy, 7, 1)


def _decision_date(row: list[str], col: dict[str, int], where: str) -> date:
    """An issue row's date: final act, else introduction, else the proposal's year."""
    when = [parse_deu_date(row[col[c]]) for c in ("finact", "intro") if c in col]
    when.append(_proposal_year(row[col["prnr"]]) if "prnr" in col else None)
    known = [d for d in when if d is not None]
    if not known:
        raise UserError(f"{where}: no decision or introduction date")
    return known[0]


def _capability(
    capability: Capability, actors: list[str], decided: list[date], weights: NDArray[np.float64]
) -> NDArray[np.float64]:
    """(issues, actors) capability: Council votes of the period, or the file's weight row."""
    if capability == "council":
        return council_capability(actors, decided)
    if capability == "file":
        return np.broadcast_to(weights, (len(decided), len(actors))).copy()
    raise ValueError(f"capability must be 'council' or 'file', got {capability!r}")


def load_deu(path: Path, capability: Capability = "council") -> DeuIssues:
    """Read deu3.csv; raise UserError naming file and line when it is malformed.

    ``capability``: "council" (votes under qualified majority in the period of the
    decision) or "file" (the file's GDP-like weight row).
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    if len(rows) < 3:
        raise UserError(f"{path}:1: expected a header, a weight row and issue rows")
    header = [h.strip().strip('"') for h in rows[0]]
    col = {h: k for k, h in enumerate(header)}
    for need in ("out", "isnrnmc", "prnrnmc"):
        if need not in col:
            raise UserError(f"{path}:1: no '{need}' column")
    actors = [h[1:] for h in header if h.startswith("p") and "s" + h[1:] in col and h != "proc"]
    actors = [a for a in actors if f"p{a}" in col and a not in {"rnrnmc", "rnr", "rname"}]
    try:
        weights = np.array([_cell(rows[1][col[f"p{a}"]]) for a in actors])
    except (ValueError, IndexError):
        raise UserError(f"{path}:2: the weight row is malformed") from None
    pos_rows, sal_rows, outs, numbers, proposals, ids, decided = [], [], [], [], [], [], []
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
            proposals.append(int(_cell(row[col["prnrnmc"]])))
        except (ValueError, IndexError):
            raise UserError(f"{path}:{line}: malformed issue row") from None
        decided.append(_decision_date(row, col, f"{path}:{line}"))
        outs.append(out)
        ids.append(f"isnrnmc-{numbers[-1]}")
    pos = np.array(pos_rows)
    sal = np.array(sal_rows)
    present = ~np.isnan(pos) & ~np.isnan(sal)
    m, n = pos.shape
    cap = _capability(capability, actors, decided, weights)
    if capability == "council":
        present &= cap > 0  # a state with no vote in the period takes no part
    arrays = ScenarioArrays(
        actors=actors,
        issues=ids,
        position=np.where(present, pos, 50.0),
        salience=np.where(present, sal, 0.0),
        capability=cap,
        present=present,
        position_sd=np.zeros((m, n)),
        salience_sd=np.zeros((m, n)),
        capability_cv=np.zeros((m, n)),
    )
    return DeuIssues(arrays, np.array(outs), np.array(numbers), np.array(proposals), decided)


def council_capability(actors: list[str], decided: list[date]) -> NDArray[np.float64]:
    """(issues, actors) votes in the Council on each issue's date; 0 for non-members.

    The Commission and the Parliament (:data:`DEU_INSTITUTIONS`) get the largest
    member state's votes of the period.
    """
    out = np.zeros((len(decided), len(actors)))
    for k, day in enumerate(decided):
        period = period_on(day)
        for j, actor in enumerate(actors):
            if actor in DEU_INSTITUTIONS:
                out[k, j] = period.largest
            else:
                out[k, j] = period.weights.get(DEU_STATES.get(actor, ""), 0)
    return out


# --------------------------------------------------------------------------- backtest


def proposal_split(data: DeuIssues) -> NDArray[np.bool_]:
    """The fitting half: issues of proposals with an even prnrnmc (the rest is held out)."""
    return np.asarray(data.proposal % 2 == 0)


@dataclass(frozen=True)
class ModelScore:
    """One model's MAE (0-100 points) on DEU III, with cluster-bootstrap intervals.

    ``fit``: on the fitting half (even proposals), in sample. ``test``: on the held-out
    half (odd proposals), fitted on the even ones. ``crossfit``: every issue held out
    once (fitted on the other half). ``*_vs_bar``: the model's MAE minus the bar's
    (the salience-weighted mean) on the same issues: below 0 is better, and the
    difference is shown only when its interval excludes 0.
    """

    model: str
    params: str
    params_other_half: str
    card: str
    fit: float
    test: Estimate
    test_vs_bar: Estimate
    crossfit: Estimate
    crossfit_vs_bar: Estimate


@dataclass(frozen=True)
class DeuBacktest:
    """Every model's scores, and the split and the bootstrap they come from."""

    rows: list[ModelScore]
    bar: str
    capability: str
    n_fit: int
    n_test: int
    proposals_fit: int
    proposals_test: int
    draws: int
    seed: int


def backtest(
    data: DeuIssues,
    models: list[BargainingModel],
    bar: str = "salience-mean",
    draws: int = DRAWS,
    seed: int = 0,
    capability: str = "council",
) -> DeuBacktest:
    """Fit each model on the even proposals and score it on the odd ones, and back.

    Intervals resample whole proposals (the cluster bootstrap) with the same draws
    for every model, so differences keep their pairing.
    """
    names = [m.name for m in models]
    if bar not in names:
        raise ValueError(f"the bar {bar!r} is not among the models {names}")
    even = proposal_split(data)
    halves = (data.subset(even), data.subset(~even))
    test_err = np.zeros((int((~even).sum()), len(models)))
    cross_err = np.zeros((len(data.outcome), len(models)))
    fitted_params: list[tuple[str, str]] = []
    fit_mae: list[float] = []
    for k, model in enumerate(models):
        params = []
        for held, (train, test) in enumerate((halves, halves[::-1])):
            fitted = model.clone().fit(train.arrays, train.outcome)
            err = np.abs(fitted.predict(test.arrays) - test.outcome)
            cross_err[~even if held == 0 else even, k] = err
            if held == 0:
                test_err[:, k] = err
                fit_mae.append(mae(fitted.predict(train.arrays), train.outcome))
            params.append(_params(fitted))
        fitted_params.append((params[0], params[1]))
    b = names.index(bar)
    test_draws = cluster_bootstrap_means(test_err, data.proposal[~even], draws, seed)
    cross_draws = cluster_bootstrap_means(cross_err, data.proposal, draws, seed)
    rows = []
    for k, model in enumerate(models):
        rows.append(
            ModelScore(
                model=model.name,
                params=fitted_params[k][0],
                params_other_half=fitted_params[k][1],
                card=model.card,
                fit=fit_mae[k],
                test=estimate(test_err[:, k].mean(), test_draws[:, k]),
                test_vs_bar=estimate(
                    test_err[:, k].mean() - test_err[:, b].mean(),
                    test_draws[:, k] - test_draws[:, b],
                ),
                crossfit=estimate(cross_err[:, k].mean(), cross_draws[:, k]),
                crossfit_vs_bar=estimate(
                    cross_err[:, k].mean() - cross_err[:, b].mean(),
                    cross_draws[:, k] - cross_draws[:, b],
                ),
            )
        )
    return DeuBacktest(
        rows=rows,
        bar=bar,
        capability=capability,
        n_fit=int(even.sum()),
        n_test=int((~even).sum()),
        proposals_fit=len(np.unique(data.proposal[even])),
        proposals_test=len(np.unique(data.proposal[~even])),
        draws=draws,
        seed=seed,
    )


def _params(model: BargainingModel) -> str:
    fitted = model.get_params().items()
    return ", ".join(f"{k}={v}" for k, v in fitted if k in model.param_grid) or "-"
