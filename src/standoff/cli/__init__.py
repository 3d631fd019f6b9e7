"""The ``standoff`` command: one entry point, sub-commands registered by module.

Each module under ``standoff.cli`` adds its sub-commands to :data:`app`; this
file only wires them together and turns user errors into one line on stderr
with exit status 2.
"""

from __future__ import annotations

import sys

import click
import typer

from standoff.errors import PartialFailure, UserError

app = typer.Typer(
    name="standoff",
    help="Read the news about a coercive-diplomacy standoff, track it, forecast how it ends.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # Imported for their side effect: each module adds its commands to `app`.
    from standoff.cli import read_commands  # noqa: F401

    for optional in (
        "brief_commands",
        "eval_commands",
        "track_commands",
        "coercion_commands",
        "forecast_commands",
    ):
        try:
            __import__(f"standoff.cli.{optional}")
        except ModuleNotFoundError as exc:  # a layer not built yet
            if exc.name != f"standoff.cli.{optional}":
                raise


def _fail(message: str, code: int = 2) -> None:
    print(f"standoff: {message}", file=sys.stderr)
    raise SystemExit(code)


def main(argv: list[str] | None = None) -> None:
    """Run the command line; user mistakes exit 2 with one line on stderr."""
    _register()
    try:
        app(args=argv, standalone_mode=False)
    except UserError as exc:
        _fail(str(exc), exc.exit_code)
    except PartialFailure as exc:
        _fail(str(exc), exc.exit_code)
    except click.exceptions.Abort:
        _fail("aborted", 130)
    except click.exceptions.NoArgsIsHelpError:
        raise SystemExit(0) from None
    except click.ClickException as exc:
        _fail(exc.format_message().replace("\n", " "), 2)
    except click.exceptions.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        _fail("interrupted", 130)


# Command groups shared by several modules: each module adds its own sub-commands.
fit_app = typer.Typer(help="Fit a model's coefficients from a data file.", no_args_is_help=True)
backtest_app = typer.Typer(
    help="Score a model out of sample on historical data.", no_args_is_help=True
)
eval_app = typer.Typer(help="Score the reader against gold annotations.", no_args_is_help=True)
app.add_typer(fit_app, name="fit")
app.add_typer(backtest_app, name="backtest")
app.add_typer(eval_app, name="eval")
