"""``standoff fit ties`` and ``standoff backtest ties``: the threat-outcome model on TIES."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from standoff.cli import backtest_app, fit_app
from standoff.errors import UserError
from standoff.files import write_text
from standoff.forecast.coercion_model import DEFAULT_MODEL_PATH


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
    print(
        f"fitted {document['n_cases']} TIES threat cases, C={document['C']:.4g}; wrote {target}"
    )


@backtest_app.command("ties")
def backtest_ties_command(
    path: Annotated[Path, typer.Argument(help="TIESv4-1.csv (Latin-1)")],
    folds: Annotated[int, typer.Option("--folds", help="number of CV folds (2 or more)")] = 10,
    seed: Annotated[int, typer.Option("--seed", help="seed of the fold split")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON instead of a table")] = False,
) -> None:
    """Cross-validated log loss and Brier score of the model beside the base rate."""
    from standoff.forecast.coercion_fit import backtest

    if folds < 2:
        raise UserError(f"--folds must be 2 or more, got {folds}")
    report = backtest(path, folds=folds, seed=seed)
    if as_json:
        payload = asdict(report)
        payload["log_loss_gain"] = report.log_loss_gain
        payload["brier_gain"] = report.brier_gain
        print(json.dumps(payload, indent=1))
        return
    print(f"TIES threat cases: {report.n_cases}; {report.folds}-fold CV, seed {report.seed}")
    print(f"{'':12}{'log loss':>10}{'Brier':>10}")
    print(f"{'model':12}{report.model_log_loss:>10.4f}{report.model_brier:>10.4f}")
    print(f"{'base rate':12}{report.base_log_loss:>10.4f}{report.base_brier:>10.4f}")
    print(
        f"{'improvement':12}{report.log_loss_gain:>10.1%}{report.brier_gain:>10.1%}"
        "  (lower is better; improvement = 1 - model/base)"
    )
    print("C chosen in each training fold: " + ", ".join(f"{c:.3g}" for c in report.chosen_C))
    print("\nreliability (out of sample): predicted-probability bin, cases, mean forecast,")
    print("observed frequency")
    print(f"{'outcome':10}{'bin':>12}{'n':>6}{'forecast':>10}{'observed':>10}")
    for row in report.reliability:
        span = f"{row.low:.1f}-{row.high:.1f}"
        print(f"{row.outcome:10}{span:>12}{row.n:>6}{row.predicted:>10.3f}{row.observed:>10.3f}")


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
