"""Review decisions (track/corrections.py): applied as a pure step on the Readings, kept in
the store's own table (store version 4, migrated from 3 and 2), never lost to a
re-ingest or a new reader, and followed by every command that reads a store."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import yaml

from standoff.cli import main
from standoff.model import ProposalState, Reading
from standoff.track.corrections import (
    Correction,
    Decision,
    ItemKind,
    apply,
    corrected_standoff,
    item_key,
)
from standoff.track.store import STORE_VERSION, Store
from standoff.web import review
from test_track_factories import (
    AUG1,
    AUG8,
    JULY14,
    article,
    deadline,
    event,
    reading,
    threat,
    ultimatum_story,
)

NOW = datetime(2025, 9, 1, 12, 0, tzinfo=UTC)


def _two_events() -> Reading:
    art = article(AUG1, "wire.example", "events")
    sentence = "Washington and Moscow traded accusations while Beijing met Kyiv."
    return reading(
        art,
        events=[
            event(art, "ACCUSE", "USAGOV", "RUS", AUG1, sentence),
            event(art, "CONSULT", "CHN", "UKR", AUG1, sentence),
        ],
    )


def _correct(entry: review.ReviewItem, **form: str) -> Correction:
    return review.decide(entry, Decision.CORRECT, form, now=NOW)


def test_a_rejected_event_leaves_and_the_other_of_its_sentence_stays() -> None:
    r = _two_events()
    key = item_key(r.events[0], r.article.id)
    out = apply([r], [Correction(key=key, decision=Decision.REJECT, at=NOW)])
    assert [e.type for e in out[0].events] == ["CONSULT"]
    assert [e.type for e in r.events] == ["ACCUSE", "CONSULT"]  # the input is unchanged


def test_a_correction_survives_a_new_reader_that_codes_the_country_only() -> None:
    r = _two_events()
    entry = review.items_of(r, [])[0]
    fix = _correct(entry, type="THREATEN", source="USA", target="RUS")
    # A newer reader says USA where the old one said USAGOV, and reads an offset later.
    newer = r.model_copy(
        update={"events": [r.events[0].model_copy(update={"source": "USA"}), r.events[1]]}
    )
    out = apply([newer], [fix])
    assert [(e.type, e.source) for e in out[0].events] == [("THREATEN", "USA"), ("CONSULT", "CHN")]


def test_a_confirmed_item_the_reader_no_longer_finds_is_kept() -> None:
    r = _two_events()
    entry = review.items_of(r, [])[1]
    keep = review.decide(entry, Decision.CONFIRM, {}, now=NOW)
    blind = r.model_copy(update={"events": [r.events[0]]})  # the new reader misses it
    out = apply([blind], [keep])
    assert [e.type for e in out[0].events] == ["ACCUSE", "CONSULT"]
    listed = review.items_of(blind, [keep])
    assert [e.kept_only for e in listed] == [False, True]


def test_the_latest_decision_counts_and_reopen_returns_to_the_reader() -> None:
    r = _two_events()
    key = item_key(r.events[0], r.article.id)
    reject = Correction(key=key, decision=Decision.REJECT, at=NOW, id=1)
    later = datetime(2025, 9, 2, tzinfo=UTC)
    reopen = Correction(key=key, decision=Decision.REOPEN, at=later, id=2)
    assert len(apply([r], [reject])[0].events) == 1
    assert len(apply([r], [reject, reopen])[0].events) == 2


def test_a_corrected_deadline_moves_the_ledger_and_its_expiry() -> None:
    story = ultimatum_story()
    first = story[0]
    entry = next(e for e in review.items_of(first, []) if e.kind is ItemKind.THREAT)
    july25 = date(2025, 7, 25)  # the first article alone is known
    before = corrected_standoff(story, [], july25)
    fix = _correct(entry, deadline="2025-07-20")
    after = corrected_standoff(story, [fix], july25)
    usa_rus = [t for t in after.threats if t.target == "RUS"]
    assert fix.changes["deadline"] == ["2025-09-02", "2025-07-20"]
    assert any(h.state == "expired" for h in usa_rus[0].history)
    assert not any(
        h.state == "expired" for t in before.threats if t.target == "RUS" for h in t.history
    )


def test_a_proposal_state_correction_is_dated_and_cites_the_sentence() -> None:
    story = ultimatum_story()
    entry = next(e for e in review.items_of(story[0], []) if e.kind is ItemKind.PROPOSAL)
    fix = review.decide(
        entry, Decision.CORRECT, {"state": "agreed", "why": "the text says so"}, now=NOW
    )
    standoff = corrected_standoff(story, [fix])
    (ceasefire,) = [p for p in standoff.proposals if p.name == "ceasefire"]
    assert ceasefire.state is ProposalState.AGREED
    last = ceasefire.history[-1]
    assert last.date == JULY14 and "the text says so" in last.detail
    assert last.evidence is not None and "ceasefire" in last.evidence.sentence


def test_the_queue_puts_threats_with_deadlines_and_doubtful_items_first() -> None:
    art = article(AUG1, "wire.example", "queue")
    sure = threat(art, "Trump threatened tariffs by August 8.", due=deadline(AUG8))
    unsure = threat(
        art, "Officials spoke of measures around August 8.", target="CHN", measures=(),
        due=deadline(AUG8, approximate=True),
    )
    r = reading(
        art,
        threats=[sure, unsure, threat(art, "Trump warned Delhi.", target="IND", due=None)],
        events=[event(art, "CONSULT", "USA", "RUS", AUG1, "They met.")],
    )
    order = [(e.kind.value, e.confidence < 1) for e in review.queue([r], [])]
    assert order == [("threat", True), ("threat", False), ("threat", False), ("event", False)]
    assert review.queue([r], [])[0].doubts == ("no measures stated", "deadline approximate")


# ------------------------------------------------------------------ the store


def _store(path: Path, readings: list[Reading]) -> None:
    with Store(path) as store:
        for i, r in enumerate(readings):
            store.add(r, hashlib.sha256(f"h{i}".encode()).hexdigest())
        store.refresh_ledgers()


def _version(path: Path) -> tuple[str, bool]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute("SELECT value FROM standoff_meta WHERE key = 'version'").fetchone()
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        return (str(row[0]) if row else "", "corrections" in tables)
    finally:
        con.close()


def test_decisions_are_stored_with_when_and_why_and_kept_across_a_reingest(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.duckdb"
    story = ultimatum_story()
    _store(path, story)
    entry = next(e for e in review.items_of(story[0], []) if e.kind is ItemKind.THREAT)
    with Store(path) as store:
        stored = store.add_correction(_correct(entry, deadline="2025-08-20", why="misread"))
        assert stored.id == 1
        # The same articles again: nothing changes, the decision stays.
        for i, r in enumerate(story):
            store.add(r, hashlib.sha256(f"h{i}".encode()).hexdigest())
        assert [c.why for c in store.corrections()] == ["misread"]
        standoff = store.standoff(JULY14)  # the corrected article alone
        store.refresh_ledgers()
        row = store.con.execute(
            "SELECT deadline FROM threat_records WHERE target = 'RUS' ORDER BY id LIMIT 1"
        ).fetchone()
    (usa_rus,) = [t for t in standoff.threats if t.target == "RUS"]
    assert usa_rus.deadline is not None and usa_rus.deadline.value == date(2025, 8, 20)
    assert row is not None and row[0] is not None


def test_a_version_3_store_is_read_as_it_is_and_migrated_when_written(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    _store(path, ultimatum_story())
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE corrections")
    con.execute("UPDATE standoff_meta SET value = '3' WHERE key = 'version'")
    con.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with Store(path, read_only=True) as store:
        assert store.corrections() == [] and store.data_version()[1] == 0
        assert store.standoff().threats
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert _version(path) == ("3", False)
    with Store(path) as store:
        assert store.corrections() == []
    assert _version(path) == (STORE_VERSION, True)


def test_every_store_command_follows_a_rejected_threat(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.duckdb"
    story = ultimatum_story()
    _store(path, story)
    entry = next(e for e in review.items_of(story[0], []) if e.kind is ItemKind.THREAT)
    with Store(path) as store:
        before = len([t for t in store.standoff().threats if t.target == "RUS"])
        store.add_correction(review.decide(entry, Decision.REJECT, {"why": "not a threat"}))
    capsys.readouterr()
    main(["export", "--store", str(path)])
    exported = capsys.readouterr().out
    first_sentence = story[0].threats[0].evidence[0].sentence
    assert first_sentence not in exported
    main(["threats", "--store", str(path)])
    assert before >= 1


def test_gold_export_writes_reviewed_articles_in_the_dev_set_format(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    r = _two_events()
    _store(path, [r])
    entries = review.items_of(r, [])
    with Store(path) as store:
        store.add_correction(review.decide(entries[0], Decision.REJECT, {}, now=NOW))
        store.add_correction(_correct(entries[1], target="RUS"))
    out = tmp_path / "gold"
    main(["export", "--format", "gold", "--store", str(path), "--out", str(out)])
    (gold_file,) = sorted(out.glob("*.yaml"))
    gold = yaml.safe_load(gold_file.read_text())
    assert gold["article"]["published"] == AUG1
    assert r.article.text in (out / gold["article"]["file"]).read_text()
    assert gold["events"] == [{"type": "CONSULT", "source": "CHN", "target": "RUS", "date": AUG1}]
    assert gold["actors"] == {"CHN": [], "RUS": []}


def test_gold_export_leaves_out_an_article_with_items_nobody_decided(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    story = ultimatum_story()
    _store(path, story)
    first = review.items_of(story[0], [])
    with Store(path) as store:
        store.add_correction(review.decide(first[0], Decision.CONFIRM, {}, now=NOW))
    out = tmp_path / "gold"
    assert main_status(["export", "--format", "gold", "--store", str(path), "--out", str(out)]) == 2
    assert not out.exists()


def main_status(argv: list[str]) -> int:
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
