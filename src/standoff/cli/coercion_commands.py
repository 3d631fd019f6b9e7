"""``standoff fit ties`` and ``standoff backtest ties``: the threat-outcome model on TIES."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from standoff.cli import backtest_app, fit_app
from standoff.errors import UserError
from standoff.files import write_text
from standoff.forecast.coercion_model import DEFAULT_MODEL_PATH
from standoff.grammar import count

if TYPE_CHECKING:  # the back-test needs scikit-learn: imported only when it runs
    from standoff.forecast.coercion_backtest import TiesBacktest


@fit_app.command("ties")
def fit_ties_command(
    path: Annotated[Path, typer.Argument(help="TIESv4-1.csv (Latin-1)")],
    out: Annotated[
        Path | None, typer.Option("--out", help="where to write the coefficients JSON")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="seed of the CV folds that pick C")] = 0,
) -> None:
    """Refit the threat-outcome model on TIES threat cases and write its coefficients."""
    from standoff.forecast.coercion_fit import fit_ties

    target = out or DEFAULT_MODEL_PATH
    command = f"standoff fit ties {path}" + (f" --out {out}" if out else "")
    command += f" --seed {seed}" if seed else ""
    document = fit_ties(path, command=command, seed=seed)
    write_text(target, _format_document(document), label=f"--out {target}" if out else None)
    print(f"fitted {document['n_cases']} TIES threat cases, C={document['C']:.4g}; wrote {target}")


@backtest_app.command("ties")
def backtest_ties_command(
    path: Annotated[Path, typer.Argument(help="TIESv4-1.csv (Latin-1)")],
    folds: Annotated[int, typer.Option("--folds", help="number of CV folds (2 or more)")] = 10,
    seed: Annotated[int, typer.Option("--seed", help="seed of the fold split")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON instead of a table")] = False,
) -> None:
    """Brier score and log loss of each model beside the base rate: folds grouped by
    episode, held-out cases coded as the runtime codes a threat."""
    from standoff.forecast.coercion_backtest import ties_backtest
    from standoff.forecast.coercion_ties import load_ties

    if folds < 2:
        raise UserError(f"--folds must be 2 or more, got {folds}")
    report = ties_backtest(load_ties(path), folds=folds, seed=seed)
    if as_json:
        payload = asdict(report)
        for model, row in zip(report.models, payload["models"], strict=True):
            row["worst_gap"] = model.worst_gap
        print(json.dumps(payload, indent=1))
        return
    print("\n".join(ties_report_lines(report)))


def ties_report_lines(report: TiesBacktest) -> list[str]:
    """The back-test as printed: cases, episodes, one row per model, the target, and the
    reliability of the shipped model (the logit) by decile."""
    from standoff.forecast.coercion_backtest import RELIABLE_CASES, RELIABLE_GAP, TARGET_GAIN

    left_out = ", ".join(f"{n} {why.replace('_', ' ')}" for why, n in report.excluded.items())
    lines = [
        f"TIES threat cases: {report.n_cases} (left out: {left_out})",
        f"{count(report.n_episodes, 'episode')}, the largest {report.largest_episode} cases; "
        f"{report.episode_rule}",
        f"{report.folds}-fold CV, each episode in one fold, seed {report.seed}; held-out "
        "cases coded as at runtime (the coders' judgements and TIES blanks unknown, averaged)",
        f"base rate (training folds' class frequencies): Brier {report.base_brier:.4f}, "
        f"log loss {report.base_log_loss:.4f}",
        "",
        f"{'model':20}{'runtime':>8}{'log loss':>9}{'Brier':>8}"
        f"{'base - Brier [95%]':>26}{'better [95%]':>22}{'worst gap':>10}",
    ]
    for m in report.models:
        d = m.difference
        diff = f"{d.value:.4f} [{d.low:.4f}, {d.high:.4f}]"
        gain = f"{m.gain.value:.1%} [{m.gain.low:.1%}, {m.gain.high:.1%}]"
        lines.append(
            f"{m.name:20}{'yes' if m.runtime else 'no':>8}{m.log_loss:>9.4f}{m.brier:>8.4f}"
            f"{diff:>26}{gain:>22}{m.worst_gap:>10.3f}"
        )
    lines += [
        "base - Brier: the base rate's Brier minus the model's; better = 1 - Brier/base Brier;",
        "95% intervals resampling whole episodes; worst gap = largest |observed - forecast|",
        f"over the deciles of forecast probability with {RELIABLE_CASES} or more cases",
        f"target: {TARGET_GAIN:.0%} better and every such decile within {RELIABLE_GAP:.2f}",
        "C chosen in each training fold (logit): " + ", ".join(f"{c:.3g}" for c in report.chosen_C),
        "",
        "reliability of the shipped model (logit, runtime), by decile of forecast probability",
        f"{'outcome':10}{'decile':>10}{'n':>6}{'forecast':>10}{'observed':>10}",
    ]
    shipped = next(m for m in report.models if m.name == "logit")
    for row in shipped.reliability:
        span = f"{row.low:.1f}-{row.high:.1f}"
        lines.append(
            f"{row.outcome:10}{span:>10}{row.n:>6}{row.predicted:>10.3f}{row.observed:>10.3f}"
        )
    return lines


def _format_document(document: dict[str, object]) -> str:
    """JSON with one top-level key per line and one matrix row per line (readable diffs)."""
    lines = []
    for key, value in document.items():
        if isinstance(value, list) and value and isinstance(value[0], list):
            rows = ",\n  ".join(json.dumps(row) for row in value)
            lines.append(f" {json.dumps(key)}: [\n  {rows}\n ]")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"
