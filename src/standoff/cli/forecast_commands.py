"""``standoff forecast``, ``standoff backtest deu`` and ``standoff draft-scenario``."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from standoff.cli import app, backtest_app
from standoff.cli.brief_commands import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    parse_as_of,
    run_forecast,
    standoff_from_paths,
    standoff_from_store,
)
from standoff.errors import UserError
from standoff.files import write_text
from standoff.grammar import count
from standoff.model import Standoff

PathsArg = Annotated[
    list[Path] | None, typer.Argument(help="Article files, folders or JSON Lines to read.")
]
DateOption = Annotated[
    str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for undated articles.")
]


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


@app.command("forecast")
def forecast_command(
    paths: PathsArg = None,
    store: Annotated[
        Path | None, typer.Option("--store", help="Forecast the standoff kept in this store.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="The standoff as known on YYYY-MM-DD.")
    ] = None,
    scenario: Annotated[
        Path | None, typer.Option("--scenario", help="A scenario file (YAML or KTAB CSV).")
    ] = None,
    draws: Annotated[
        int, typer.Option("--draws", min=0, help="Monte Carlo draws.")
    ] = DEFAULT_DRAWS,
    seed: Annotated[int, typer.Option("--seed", help="Seed: same seed, same run.")] = DEFAULT_SEED,
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
    """Forecast pending threats and where a deal lands, as the brief does.

    With no PATH and no --store: the bundled examples, unless --scenario alone is given
    (then only its issues). The scenario is the one given, else the reference scenario
    when its actors are the standoff's, else one drafted from the readings.
    """
    from standoff.read.inputs import parse_date_option
    from standoff.show.brief import render_forecast

    overrides = parse_overrides(override or [])
    if plot is not None:
        from standoff.forecast.plot import check_plot_path

        check_plot_path(plot)  # before the slow work, not after
    day = parse_as_of(as_of)
    if store is not None and paths:
        raise UserError("give article paths or --store, not both")
    standoff: Standoff | None
    if store is not None:
        standoff = standoff_from_store(store, day)
    elif paths or scenario is None:
        standoff = standoff_from_paths(paths or [], day, parse_date_option(published))
    else:
        standoff = None  # a scenario alone: its issues only
    result, chosen = run_forecast(
        standoff, draws, seed, scenario, overrides=overrides, scheduler=scheduler
    )
    if plot is not None:
        if chosen is None:
            raise UserError(f"--plot {plot}: no scenario to plot ({result.scenario})")
        from standoff.forecast.models import expected_utility_model
        from standoff.forecast.plot import plot_trajectories

        labels = {i.id: (i.low, i.high) for i in chosen.issues}
        # the forecast's own model: the plot ends at the number the forecast reports
        plot_trajectories(expected_utility_model().run(chosen), plot, labels)
    if as_json:
        print(result.model_dump_json(indent=1))
    else:
        render_forecast(result)


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
    issues = count(len(data.outcome), "issue")
    table = Table(title=f"DEU III: {issues} with an outcome; MAE on 0-100")
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

    standoff = standoff_from_paths(paths, None, parse_date_option(published))
    text = draft_scenario_yaml(standoff)
    if not any(line.startswith("  - id:") for line in text.splitlines()):
        raise UserError("no proposal or live threat found in the articles: nothing to draft")
    parse_yaml_scenario(text, "<draft>")  # the draft must load as it stands
    if out is None:
        print(text, end="")
    else:
        write_text(out, text, label=f"--out {out}")
        print(f"wrote {out}")
