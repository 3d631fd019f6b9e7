"""Errors a user can cause, reported as one line on stderr with exit status 2."""

from __future__ import annotations


class UserError(Exception):
    """A mistake in the user's input: a bad file, a bad option, a bad scenario.

    The command line prints ``standoff: <message>`` on stderr and exits with 2,
    without a traceback. Messages should name the file (and line) at fault.
    """

    exit_code = 2


class PartialFailure(Exception):
    """Some inputs of a batch failed; the rest went through (exit status 1)."""

    exit_code = 1


class Interrupted(Exception):
    """The user stopped the run (Ctrl-C); the message says what was kept (exit status 130)."""

    exit_code = 130
