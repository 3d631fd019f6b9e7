"""``standoff forecast``, ``standoff backtest deu`` and ``standoff draft-scenario``."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from standoff.cli import app, backtest_app
from standoff.errors import UserError
from standoff.files import write_text
from standoff.model import Forecast, Standoff

PathsArg = Annotated[
    list[Path] | None, typer.Argument(help="Article files, folders or JSON Lines to read.")
]
DateOption = Annotated[
    str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for undated articles.")
]


def _read_standoff(paths: list[Path], published: date | None) -> Standoff:
    """Read the articles and merge them into a Standoff."""
    from standoff.read import Reader
    from standoff.read.inputs import iter_paths, load_file

    try:
        from standoff.track.merge import build_standoff
    except ImportError:  # the tracking layer not built yet
        raise UserError("reading articles needs the tracking layer (standoff.track)") from None
    reader = Reader()
    readings = [reader.read(raw, published) for p in iter_paths(paths) for raw in load_file(p)]
    if not readings:
        raise UserError(f"{' '.join(map(str, paths))}: no articles found")
    return build_standoff(readings)


def parse_overrides(items: list[str]) -> dict[str, str | int | float]:
    """``FEATURE=VALUE`` pairs into a mapping; numbers become numbers."""
    out: dict[str, str | int | float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise UserError(f"--override {item!r}: expected FEATURE=VALUE")
        parsed: str | int | float = value.strip()
        for kind in (int, float):
            try:
                parsed = kind(value)
                break
            except ValueError:
                continue
        out[name.strip()] = parsed
    return out


def _fmt(mean: float, low: float, high: float, pct: bool = False) -> str:
    if pct:
        return f"{mean:.0%} [{low:.0%}-{high:.0%}]"
    return f"{mean:.1f} [{low:.1f}-{high:.1f}]" if high > low else f"{mean:.1f}"


def render_forecast(forecast: Forecast, console: Console) -> None:
    """The Forecast as rich tables: threats, issues (one column per model), exposure."""
    head = f"Forecast as of {forecast.as_of or '-'}; draws {forecast.draws}, seed {forecast.seed}"
    console.print(head, style="bold")
    for t in forecast.threats:
        table = Table(title=f"Threat {t.threat_id}: {t.sender} -> {t.target}  ({t.model_card})")
        table.add_column("outcome")
        table.add_column("probability [90% interval]", justify="right")
        for o in t.outcomes:
            p = o.probability
            table.add_row(o.outcome, _fmt(p.mean, p.low, p.high, pct=True))
        console.print(table)
    if forecast.issues:
        models = list(dict.fromkeys(f.model for f in forecast.issues))
        table = Table(title="Where a deal lands (0-100) [90% interval]")
        table.add_column("issue")
        for m in models:
            table.add_column(m, justify="right")
        by_issue: dict[str, dict[str, Any]] = {}
        for f in forecast.issues:
            row = by_issue.setdefault(f.issue, {"label": f.issue})
            row[f.model] = _fmt(f.position.mean, f.position.low, f.position.high)
        for row in by_issue.values():
            table.add_row(row["label"], *(row.get(m, "-") for m in models))
        console.print(table)
        ends = {f.issue: (f.low_label, f.high_label) for f in forecast.issues}
        for issue, (low, high) in ends.items():
            console.print(f"  {issue}: 0 = {low or '-'}; 100 = {high or '-'}", style="dim")
        cards = sorted({f"{f.model}: {f.model_card}" for f in forecast.issues})
        console.print("model cards: " + "; ".join(cards), style="dim")
    if forecast.exposure:
        table = Table(title="Exposure of third parties to secondary tariffs")
        for col in ("threat", "country", "rate", "exports to sender (USD)", "tariff bill (USD)"):
            table.add_column(col)
        for e in forecast.exposure:
            bill = e.exposed_usd
            table.add_row(
                e.threat_id or "-", e.country, f"{e.rate:.0%}",
                f"{e.exports_to_sender_usd:,.0f}" if e.exports_to_sender_usd is not None else "-",
                f"{bill.mean:,.0f} [{bill.low:,.0f}-{bill.high:,.0f}]" if bill else "-",
            )
        console.print(table)
    for w in forecast.warnings:
        console.print(f"note: {w}", style="yellow")


@app.command("forecast")
def forecast_command(
    paths: PathsArg = None,
    scenario: Annotated[
        Path | None, typer.Option("--scenario", help="A scenario file (YAML or KTAB CSV).")
    ] = None,
    draws: Annotated[int, typer.Option("--draws", min=0, help="Monte Carlo draws.")] = 0,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed: same seed, same run.")] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Run the draws on this Dask scheduler.")
    ] = None,
    override: Annotated[
        list[str] | None, typer.Option("--override", help="FEATURE=VALUE, repeatable.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Forecast as JSON.")] = False,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Write the EU trajectories to this image.")
    ] = None,
    published: DateOption = None,
) -> None:
    """Forecast live threats (from articles) and where a deal lands (from a scenario)."""
    from standoff.forecast import forecast_standoff, scenario_from_path
    from standoff.read.inputs import parse_date_option

    overrides = parse_overrides(override or [])
    if plot is not None:
        from standoff.forecast.plot import check_plot_path

        check_plot_path(plot)  # before the slow work, not after
    standoff = _read_standoff(paths, parse_date_option(published)) if paths else None
    chosen = scenario_from_path(scenario)
    result = forecast_standoff(
        standoff, chosen, draws=draws, seed=seed, overrides=overrides, scheduler=scheduler
    )
    if plot is not None:
        from standoff.forecast.expected_utility import ExpectedUtility
        from standoff.forecast.models import TRAJECTORY_ROUNDS
        from standoff.forecast.plot import plot_trajectories

        labels = {i.id: (i.low, i.high) for i in chosen.issues}
        plot_trajectories(ExpectedUtility(rounds=TRAJECTORY_ROUNDS).run(chosen), plot, labels)
    if as_json:
        print(result.model_dump_json(indent=1))
    else:
        render_forecast(result, Console(soft_wrap=False))


@backtest_app.command("deu")
def backtest_deu_command(
    path: Annotated[Path, typer.Argument(help="deu3.csv (tab separated)")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """MAE of each bargaining model on DEU III: fitted on even isnrnmc, scored on odd."""
    from standoff.forecast.deu import backtest, load_deu
    from standoff.forecast.models import backtest_models

    data = load_deu(path)
    rows = backtest(data, backtest_models())
    if as_json:
        print(json.dumps([asdict(r) for r in rows], indent=1))
        return
    table = Table(title=f"DEU III: {len(data.outcome)} issues with an outcome; MAE on 0-100")
    for col in ("model", "fitted parameters", "MAE fit (even)", "MAE test (odd)", "MAE all"):
        left = col in ("model", "fitted parameters")
        table.add_column(col, justify="left" if left else "right")
    for r in rows:
        scores = (f"{r.mae_fit:.2f}", f"{r.mae_test:.2f}", f"{r.mae_all:.2f}")
        table.add_row(r.model, r.params, *scores)
    console = Console(soft_wrap=False)
    console.print(table)
    console.print(
        f"fit on {rows[0].n_fit} issues with even isnrnmc, tested on {rows[0].n_test} odd ones; "
        "salience-mean/median are the bars (weights: salience only)",
        style="dim",
    )


@app.command("draft-scenario")
def draft_scenario_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files, folders or JSON Lines.")],
    out: Annotated[Path | None, typer.Option("--out", help="Write the YAML here.")] = None,
    published: DateOption = None,
) -> None:
    """Propose a scenario (actors, issues, positions, capability) from articles, to edit."""
    from standoff.forecast.draft import draft_scenario_yaml
    from standoff.forecast.scenario_io import parse_yaml_scenario
    from standoff.read.inputs import parse_date_option

    standoff = _read_standoff(paths, parse_date_option(published))
    text = draft_scenario_yaml(standoff)
    if not any(line.startswith("  - id:") for line in text.splitlines()):
        raise UserError("no proposal or live threat found in the articles: nothing to draft")
    parse_yaml_scenario(text, "<draft>")  # the draft must load as it stands
    if out is None:
        print(text, end="")
    else:
        write_text(out, text, label=f"--out {out}")
        print(f"wrote {out}")
