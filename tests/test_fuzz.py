"""Fuzzing in the test suite: a small budget of generated inputs per target, and every
crashing input found so far replayed (tests/data/fuzz-corpus).

Nothing may escape the command line but the project's user error: each input must end
with status 0, 1 or 2 and no traceback (see tests/fuzzing.py). ``make fuzz`` runs the
long campaign (scripts/fuzz.py); ``STANDOFF_FUZZ_EXAMPLES`` sets the budget here.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings

from fuzzing import STRATEGIES, Case, Outcome, corpus_cases, run_case, save_crash

EXAMPLES = int(os.environ.get("STANDOFF_FUZZ_EXAMPLES", "12"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _check(case: Case) -> Outcome:
    outcome = run_case(case)
    if not outcome.ok:
        save_crash(case, outcome)  # kept for the corpus: commit it with the fix
    assert outcome.ok, f"{case.args}: {outcome.crash}"
    return outcome


@FUZZ
@given(STRATEGIES["read"])
def test_fuzz_read(case: Case) -> None:
    _check(case)


@FUZZ
@given(STRATEGIES["ingest"])
def test_fuzz_ingest(case: Case) -> None:
    _check(case)


@FUZZ
@given(STRATEGIES["score"])
def test_fuzz_score(case: Case) -> None:
    _check(case)


@FUZZ
@given(STRATEGIES["scenario"])
def test_fuzz_scenario(case: Case) -> None:
    _check(case)


CORPUS = corpus_cases()


def test_the_corpus_holds_the_issue_inputs() -> None:
    notes = " ".join(case.note for _, case in CORPUS)
    for found in ("OverflowError", "surrogate", "IPv6", "E088", "AssertionError",
                  "RecursionError", "2025-13-45", "alias"):
        assert found in notes, found


SLOW = os.environ.get("STANDOFF_FUZZ_SLOW") == "1"  # scripts/fuzz.py replays them itself


@pytest.mark.parametrize("name", [name for name, _ in CORPUS])
def test_corpus_case_no_longer_crashes(name: str) -> None:
    case = dict(CORPUS)[name]
    if case.slow and not SLOW:
        pytest.skip("takes minutes: `make fuzz` replays it (or STANDOFF_FUZZ_SLOW=1)")
    outcome = run_case(case)
    assert outcome.ok, f"{name}: {outcome.crash}"
    lines = [ln for ln in outcome.stderr.splitlines() if not ln.startswith("standoff: warning")]
    if outcome.status == 2:  # a user's mistake: one line
        assert len(lines) == 1 and lines[0].startswith("standoff: "), outcome.stderr
