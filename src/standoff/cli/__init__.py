"""The ``standoff`` command: one entry point, sub-commands registered by module.

Each module under ``standoff.cli`` adds its sub-commands to :data:`app`; this
file only wires them together and turns user errors into one line on stderr
with exit status 2.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from typing import Annotated, Any

import click
import typer
import typer.main

from standoff import __version__
from standoff.cli import help as cli_help
from standoff.errors import Interrupted, PartialFailure, UserError

app = typer.Typer(
    name="standoff",
    help="Read the news about a coercive-diplomacy standoff, track it, forecast how it ends.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
cli_help.install()


def _print_version(value: bool) -> None:
    if value:
        print(f"standoff {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    # Options of the whole program (the app's help text is Typer(help=...) above).
    return None


def _register() -> None:
    # Imported for their side effect: each module adds its commands to `app`.
    from standoff.cli import read_commands  # noqa: F401

    for optional in (
        "brief_commands",
        "eval_commands",
        "track_commands",
        "coercion_commands",
        "forecast_commands",
        "serve_commands",
    ):
        try:
            __import__(f"standoff.cli.{optional}")
        except ModuleNotFoundError as exc:  # a layer not built yet
            if exc.name != f"standoff.cli.{optional}":
                raise


def _fail(message: str, code: int = 2) -> None:
    print(f"standoff: {message}", file=sys.stderr)
    raise SystemExit(code)


def _click_exceptions() -> tuple[type[BaseException], ...]:
    """The exception module(s) typer raises from: its vendored click, and click itself."""
    modules = []
    try:
        from typer._click import exceptions as vendored  # typer >= 0.20 vendors click

        modules.append(vendored)
    except ImportError:  # pragma: no cover - older typer
        pass
    modules.append(click.exceptions)
    return tuple(modules)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> None:
    """Run the command line; user mistakes exit 2 with one line on stderr, Ctrl-C 130
    (an ingest says what it kept), a closed pipe (``standoff export | head``) silently
    with 141, as a process killed by SIGPIPE would."""
    _register()
    _quiet_rich_pipe()
    try:
        # Outside standalone mode typer returns the status of Ctrl-C (130) instead of
        # raising it, and turns a closed pipe into sys.exit(1) after quieting stdout.
        code = _command(len(app.registered_commands), len(app.registered_groups))(
            args=argv, standalone_mode=False
        )
    except (UserError, PartialFailure, Interrupted) as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        _broken_pipe()
    except SystemExit:
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":  # typer's closed-pipe exit
            _broken_pipe()
        raise
    except Exception as exc:
        _handle_click(exc)
        raise
    if code == 130:
        _fail("interrupted", 130)
    if isinstance(code, int) and code:
        raise SystemExit(code)


@functools.cache
def _command(commands: int, groups: int) -> Any:
    """The click command typer builds from :data:`app` (a fifth of a second each time),
    built once per set of registered commands (the counts are the cache's key)."""
    return typer.main.get_command(app)


def _quiet_rich_pipe() -> None:
    """Have rich report a closed pipe as BrokenPipeError (its own handler exits with 1),
    so every command ends the same way on one (:func:`_broken_pipe`)."""
    from rich.console import Console

    def on_broken_pipe(self: Console) -> None:
        self.quiet = True
        raise BrokenPipeError

    Console.on_broken_pipe = on_broken_pipe  # type: ignore[method-assign]


def _broken_pipe() -> None:
    """The reader of our output has gone: say nothing, exit as SIGPIPE would (141).

    Standard output is pointed at /dev/null first, so the interpreter's own flush at
    exit does not fail again with a second message.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test's StringIO)
        pass
    raise SystemExit(128 + signal.SIGPIPE)


def _handle_click(exc: Exception) -> None:
    """Turn click's (or typer's vendored click's) exceptions into exit codes; else return."""
    for module in _click_exceptions():
        exceptions = module  # type: ignore[assignment]
        if isinstance(exc, getattr(exceptions, "NoArgsIsHelpError", ())):
            raise SystemExit(0) from None
        if isinstance(exc, getattr(exceptions, "Exit", ())):
            raise SystemExit(getattr(exc, "exit_code", 0)) from None
        if isinstance(exc, getattr(exceptions, "Abort", ())):
            _fail("interrupted", 130)
        if isinstance(exc, getattr(exceptions, "ClickException", ())):
            message = exc.format_message()  # type: ignore[attr-defined]
            _fail(" ".join(message.split()), 2)


# Command groups shared by several modules: each module adds its own sub-commands.
fit_app = typer.Typer(help="Fit a model's coefficients from a data file.", no_args_is_help=True)
backtest_app = typer.Typer(
    help="Score a model out of sample on historical data.", no_args_is_help=True
)
eval_app = typer.Typer(help="Score the reader against gold annotations.", no_args_is_help=True)
app.add_typer(fit_app, name="fit")
app.add_typer(backtest_app, name="backtest")
app.add_typer(eval_app, name="eval")
