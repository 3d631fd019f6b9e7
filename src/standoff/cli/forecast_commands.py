"""``standoff forecast``, ``standoff backtest deu`` and ``standoff draft-scenario``."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

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

if TYPE_CHECKING:
    from standoff.forecast.resample import Estimate

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
    capability: Annotated[
        str,
        typer.Option(
            "--capability",
            help="council: Council votes under qualified majority in the period of the "
            "decision (default); file: the file's GDP-like weight row.",
        ),
    ] = "council",
    draws: Annotated[int, typer.Option("--draws", help="Bootstrap draws.")] = 2000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """MAE of each bargaining model on DEU III, split by proposal, with intervals.

    Fitted on the issues of even-numbered proposals (prnrnmc), scored on the odd ones;
    "2-fold" also fits on the odd ones and scores the even ones, so every issue is held
    out once. Intervals (95%) resample whole proposals.
    """
    from standoff.forecast.deu import backtest, load_deu
    from standoff.forecast.models import backtest_models

    if capability not in ("council", "file"):
        raise UserError(f"--capability must be council or file, got {capability!r}")
    if draws < 100:
        raise UserError(f"--draws must be at least 100, got {draws}")
    data = load_deu(path, capability=capability)  # type: ignore[arg-type]
    report = backtest(data, backtest_models(), draws=draws, seed=seed, capability=capability)
    if as_json:
        print(json.dumps(asdict(report), indent=1))
        return
    print(
        f"DEU III: {count(len(data.outcome), 'issue')} of "
        f"{count(len(set(data.proposal.tolist())), 'proposal')}; "
        f"MAE on 0-100; capability: {capability}"
    )
    print(
        f"{'model':17}{'fitted on even proposals':36}{'fit':>7}  {'test (odd) [95%]':>22}"
        f"  {'vs bar [95%]':>22}  {'2-fold [95%]':>22}  {'vs bar [95%]':>22}"
    )
    for r in report.rows:
        print(
            f"{r.model:17}{r.params:36}{r.fit:>7.2f}  {_estimate(r.test):>22}  "
            f"{_estimate(r.test_vs_bar, True):>22}  {_estimate(r.crossfit):>22}  "
            f"{_estimate(r.crossfit_vs_bar, True):>22}"
        )
    print(
        f"\nfit on {report.n_fit} issues of {report.proposals_fit} even proposals (prnrnmc), "
        f"tested on {report.n_test} issues of {report.proposals_test} odd ones; 2-fold: also "
        "fitted on the odd and tested on the even,\nso every issue is held out once. "
        f"bar = {report.bar} (weights: salience only); vs bar = MAE minus the bar's (below 0 "
        "is better; shown better only when the interval excludes 0).\n"
        f"intervals: {report.draws} bootstrap draws resampling whole proposals, seed "
        f"{report.seed}. Fitted on the odd half: "
        + "; ".join(f"{r.model} {r.params_other_half}" for r in report.rows if r.params != "-")
    )


def _estimate(e: Estimate, signed: bool = False) -> str:
    """``22.04 [20.1, 24.0]``; a signed difference gets its sign."""
    fmt = "{:+.2f}" if signed else "{:.2f}"
    return f"{fmt.format(e.value)} [{fmt.format(e.low)}, {fmt.format(e.high)}]"


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
