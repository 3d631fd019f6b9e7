"""``standoff brief``: the standoff as an analyst wants it, in the terminal, HTML or JSON.

The pipeline for articles is read -> track -> forecast -> show; for a store it
is the store's standoff as of a date -> forecast -> show. The layers are
imported inside the functions that use them, so that ``standoff --help`` and the
commands that need no language model start without loading spaCy.
"""

from __future__ import annotations

import functools
import importlib.resources
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from standoff.cli import app
from standoff.errors import UserError
from standoff.model import Forecast, Reading, Standoff

EXAMPLES = ("data", "examples")  # the bundled example corpus, inside the package
# Enough Monte Carlo draws for stable 90% intervals; a fixed seed so that the same
# articles always give the same numbers (the seed is printed with the forecast).
# `standoff forecast` takes the same defaults from here.
DEFAULT_DRAWS = 1000
DEFAULT_SEED = 0
# The forecast's two options, for every command that runs it (brief, export).
DrawsOption = Annotated[
    int, typer.Option("--draws", min=0, help="Monte Carlo draws of the forecast.")
]
SeedOption = Annotated[int, typer.Option("--seed", help="Random seed of the forecast.")]


def parse_as_of(value: str | None) -> date | None:
    """``--as-of YYYY-MM-DD``; a UserError naming the option when malformed."""
    from standoff.read.inputs import parse_date_option

    return parse_date_option(value, "--as-of")


def example_corpus() -> Path:
    """The folder of bundled example articles (``standoff/data/examples``)."""
    folder = importlib.resources.files("standoff").joinpath(*EXAMPLES)
    path = Path(str(folder))
    if not path.is_dir() or not any(path.iterdir()):
        raise UserError(f"{path}: the bundled example corpus is missing; give article paths")
    return path


@functools.cache
def _reader() -> Any:
    # Loading the language model takes seconds: once per process is enough (and imported
    # here, not at the top, so that `standoff --help` does not load spaCy).
    from standoff.read import Reader

    return Reader()


def read_paths(paths: Iterable[Path], published: date | None = None) -> list[Reading]:
    """Every article under ``paths`` (files or folders) read into a Reading.

    Every file is loaded (and bad input refused) before the reader is started.
    ``published`` is the publication date of articles that give none.
    """
    from standoff.read.inputs import iter_paths, load_file

    given = list(paths)
    raws = [raw for path in iter_paths(given) for raw in load_file(path)]
    if not raws:
        raise UserError(f"{', '.join(map(str, given))}: no article files found")
    reader = _reader()
    return [reader.read(raw, published=published) for raw in raws]


def standoff_from_paths(
    paths: list[Path], as_of: date | None, published: date | None = None
) -> Standoff:
    """The standoff of the articles under ``paths`` (none: the bundled examples)."""
    from standoff.track.merge import build_standoff

    readings = read_paths(paths or [example_corpus()], published)
    return build_standoff(readings, as_of)


def standoff_from_store(path: Path, as_of: date | None) -> Standoff:
    if not path.is_file():
        raise UserError(f"--store {path}: no such file")
    from standoff.track.store import Store

    with Store(path, read_only=True) as store:
        standoff: Standoff = store.standoff(as_of)
    return standoff


def run_forecast(
    standoff: Standoff | None,
    draws: int,
    seed: int,
    scenario_path: Path | None = None,
    *,
    overrides: dict[str, Any] | None = None,
    scheduler: str | None = None,
) -> tuple[Forecast, Any | None]:
    """The forecast of a standoff and the scenario it used, as both `brief` and `forecast`
    run it (scenario chosen by ``standoff.forecast.choose``)."""
    from standoff.forecast import forecast_standoff
    from standoff.forecast.choose import choose_scenario

    choice = choose_scenario(standoff, scenario_path)
    forecast = forecast_standoff(
        standoff,
        choice.scenario,
        draws=draws,
        seed=seed,
        overrides=overrides,
        scheduler=scheduler,
        scenario_note=choice.note,
    )
    forecast.warnings.extend(choice.warnings)
    return forecast, choice.scenario


def scores_of(standoff: Standoff) -> list[Any]:
    """Daily conflict-cooperation rows for the HTML chart."""
    from standoff.track.scores import daily_scores

    return list(daily_scores(standoff))


@app.command("brief")
def brief(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Article files or folders (default: the bundled example corpus)."),
    ] = None,
    store: Annotated[
        Path | None, typer.Option("--store", help="Brief the standoff kept in this store.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="The standoff as known on YYYY-MM-DD.")
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML report here.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the Standoff and Forecast as JSON instead.")
    ] = False,
    no_forecast: Annotated[bool, typer.Option("--no-forecast", help="Skip the forecast.")] = False,
    scenario_file: Annotated[
        Path | None,
        typer.Option("--scenario", help="Forecast the issues of this scenario file too."),
    ] = None,
    draws: DrawsOption = DEFAULT_DRAWS,
    seed: SeedOption = DEFAULT_SEED,
) -> None:
    """The standoff as an analyst wants it: actors, timeline, threats, proposals,
    red lines, warnings and the forecast, each item with its evidence."""
    from standoff.show.html import check_output_path

    day = parse_as_of(as_of)
    if store is not None and paths:
        raise UserError("give article paths or --store, not both")
    if html is not None:
        check_output_path(html)  # refuse before the slow work, not after
    standoff = (
        standoff_from_store(store, day)
        if store is not None
        else (standoff_from_paths(paths or [], day))
    )
    forecast = None
    if not no_forecast:
        forecast, _ = run_forecast(standoff, draws, seed, scenario_file)
    if html is not None:
        from standoff.show.html import render_html, write_html

        write_html(html, render_html(standoff, forecast, scores_of(standoff)))
        print(f"standoff: wrote {html}", file=sys.stderr)
    if as_json:
        from standoff.show.export_json import brief_json

        sys.stdout.write(brief_json(standoff, forecast) + "\n")
    else:
        from standoff.show.brief import render_brief

        render_brief(standoff, forecast)
