"""End to end on the bundled example corpus: real reader -> store -> ledgers as of two dates.

These depend on the reader and on the example corpus, both written by other
engineers: they skip (with the reason) while the corpus is missing or while
the reader extracts no threats yet; they never assert made-up results.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from standoff.model import Standoff, ThreatRecord
from standoff.track.backends import InProcess
from standoff.track.ingest import ingest
from standoff.track.keys import country
from standoff.track.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "standoff" / "data" / "examples"
AUG1, AUG20 = date(2025, 8, 1), date(2025, 8, 20)
DEADLINE = date(2025, 8, 8)


def _near(day: date | None, target: date, slack: int = 2) -> bool:
    return day is not None and abs(day - target) <= timedelta(days=slack)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not EXAMPLES.is_dir() or not any(EXAMPLES.iterdir()):
        pytest.skip("the bundled example corpus (src/standoff/data/examples) is missing")
    path = tmp_path_factory.mktemp("corpus") / "examples.duckdb"
    with Store(path) as opened:
        summary = ingest([EXAMPLES], opened, InProcess())
        assert not summary.skipped, summary.line()
        if opened.counts()["threats"] == 0:
            pytest.skip("the reader extracts no threats from the corpus yet")
    return path


def _ultimatum(standoff: Standoff) -> ThreatRecord:
    candidates = [
        t for t in standoff.threats if country(t.sender) == "USA" and country(t.target) == "RUS"
    ]
    assert candidates, [f"{t.sender}->{t.target}" for t in standoff.threats]
    return max(candidates, key=lambda t: len(t.evidence))


def _india_measure(standoff: Standoff) -> bool:
    events = any(
        e.type == "SANCTION" and country(e.source) == "USA" and country(e.target or "") == "IND"
        for e in standoff.events
    )
    records = any(
        h.state in {"partly_carried_out", "carried_out"}
        and h.evidence is not None
        and "India" in h.evidence.sentence
        for t in standoff.threats
        for h in t.history
    )
    return events or records


def _summit(standoff: Standoff) -> bool:
    return any(
        e.type == "CONSULT"
        and "summit" in e.evidence.sentence.lower()
        and e.evidence.published
        and e.evidence.published >= date(2025, 8, 15)
        for e in standoff.events
    )


def test_the_ledger_on_20_august(store: Path) -> None:
    with Store(store, read_only=True) as opened:
        standoff = opened.standoff(AUG20)
    threat = _ultimatum(standoff)
    issued = threat.history[0]
    assert issued.state == "issued" and issued.date == date(2025, 7, 14)
    assert issued.evidence is not None and issued.evidence.sentence
    moved = [h for h in threat.history if h.state == "modified" and "deadline moved" in h.detail]
    assert moved and "2025-08-0" in moved[0].detail and moved[0].evidence is not None
    assert _near(threat.deadline.value if threat.deadline else None, DEADLINE)
    assert _india_measure(standoff)
    passed = [h for h in threat.history if h.state in {"expired", "deadline_passed"}]
    assert passed and _near(passed[0].date, DEADLINE)
    assert threat.status.value != "carried_out"  # no sanctions on Russia itself
    assert _summit(standoff)


def test_the_brief_on_1_august_differs_in_exactly_those_ways(store: Path) -> None:
    with Store(store, read_only=True) as opened:
        early = opened.standoff(AUG1)
    threat = _ultimatum(early)
    assert threat.status.value in {"pending", "modified"}
    assert not [h for h in threat.history if h.state in {"expired", "deadline_passed"}]
    assert not _india_measure(early)
    assert not _summit(early)
    assert all(a.published is not None and a.published <= AUG1 for a in early.articles)


def test_timeline_of_the_corpus_fits_an_80_column_terminal(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On an 80-column terminal the timeline is two lines a row at most (it was a boxed
    table of 1,530 lines for the corpus's 82 events), and no line is wider."""
    import re

    from rich.cells import cell_len

    from test_ingest import run_cli

    with Store(store, read_only=True) as opened:
        standoff = opened.standoff()
    rows = len(standoff.events) + sum(len(t.history) for t in standoff.threats)
    rows += sum(len(p.history) for p in standoff.proposals)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert run_cli(["timeline", "--store", str(store)]) == 0
    lines = re.sub(r"\x1b\[[0-9;]*m", "", capsys.readouterr().out).splitlines()
    assert len(lines) <= 2 * rows + 1
    assert max(cell_len(line) for line in lines) <= 80


def test_a_replay_gives_build_standoffs_result_and_resumes_from_its_checkpoints(
    store: Path,
) -> None:
    from datetime import UTC, datetime

    from standoff.track.corrections import Correction, Decision, corrected_standoff, item_key
    from standoff.track.merge import Replay

    with Store(store, read_only=True) as opened:
        readings = opened.readings()
    assert len(readings) >= 6, len(readings)
    late = next(r for r in reversed(readings) if r.threats)
    reject = Correction(
        key=item_key(late.threats[0], late.article.id),
        decision=Decision.REJECT,
        at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    middle = readings[len(readings) // 2].article.published
    replay = Replay(every=2)
    # (corrections, as_of, whether the replay may resume): the first build has nothing
    # to resume from; an earlier date and a correction of a late article resume.
    steps = [([], None, False), ([], middle, True), ([reject], None, True), ([], AUG1, True)]
    for corrections, as_of, resumes in steps:
        got = corrected_standoff(readings, corrections, as_of, replay)
        want = corrected_standoff(readings, corrections, as_of)
        assert got.model_dump_json() == want.model_dump_json(), (corrections, as_of)
        assert (replay.replayed < len(want.articles)) == resumes, (replay.replayed, as_of)
