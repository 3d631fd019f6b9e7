"""One threat told by many articles is one record: moved deadlines, measures carried out in
part, a third party's exposure, withdrawal and expiry land on it, dated and sourced.

The first test reads two articles of our own (tests/data/linked-threat/: Kazakhstan
gives Kyrgyzstan until 12 March, threatening duties and a rail freight ban; on 13
March it imposes the duties and moves the ban's deadline to 31 March) with the real
reader. The others feed hand-made Readings, so that the ledger's rules are tested apart
from the reader's quality.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from standoff.forecast import forecast_standoff
from standoff.model import Reading, Standoff, ThreatRecord, ThreatStatus
from standoff.track import build_standoff
from test_track_factories import (
    AUG6,
    AUG7,
    AUG8,
    AUG20,
    JULY14,
    JULY29,
    article,
    deadline,
    event,
    reading,
    threat,
)

LINKED = Path(__file__).resolve().parent / "data" / "linked-threat"
MARCH4, MARCH12, MARCH13, MARCH31 = (date(2024, 3, d) for d in (4, 12, 13, 31))


def _states(record: ThreatRecord) -> list[tuple[date | None, str]]:
    return [(h.date, h.state) for h in record.history]


@pytest.fixture(scope="module")
def kazakh_readings() -> list[Reading]:
    from standoff.read import Reader
    from standoff.read.inputs import iter_paths, load_file

    reader = Reader()
    return [reader.read(raw) for path in iter_paths([LINKED]) for raw in load_file(path)]


def test_two_articles_a_moved_deadline_and_one_measure_carried_out_give_one_record(
    kazakh_readings: list[Reading],
) -> None:
    standoff = build_standoff(kazakh_readings)
    assert standoff.as_of == MARCH13
    (record,) = [t for t in standoff.threats if t.sender == "KAZ" and t.target == "KGZ"]
    assert _states(record) == [
        (MARCH4, "issued"),
        (MARCH13, "modified"),
        (MARCH13, "partly_carried_out"),
    ]
    issued, moved, partly = record.history
    assert "2024-03-12" in issued.detail
    assert "deadline moved from 2024-03-12 (it had passed) to 2024-03-31" in moved.detail
    assert moved.evidence is not None and "March 31" in moved.evidence.sentence
    assert moved.evidence.source == "caspian-ledger.example"
    assert partly.evidence is not None and "imposed a 30% duty" in partly.evidence.sentence
    assert "still threatened: ban" in partly.detail
    # The duties were carried out on the target; the ban waits for its new deadline.
    assert [(x.measure, x.on, x.date) for x in record.executions] == [("duties", "KGZ", MARCH13)]
    assert record.status == ThreatStatus.PARTLY_CARRIED_OUT
    assert record.deadline is not None and record.deadline.value == MARCH31
    assert record.live is True
    assert record.label == "KAZ -> KGZ, duties, ban, deadline 31 Mar"
    assert {e.source for e in record.evidence} == {"steppewire.example", "caspian-ledger.example"}
    # A measure already imposed on the target: the outcome is known, nothing to forecast.
    forecast = forecast_standoff(standoff, None, draws=0, seed=0)
    assert forecast.threats == []
    (skipped,) = [n for n in forecast.not_forecast if n.threat_id == record.id]
    assert "duties imposed on KGZ on 2024-03-13" in skipped.reason


def _kazakh_threat(standoff: Standoff) -> list[ThreatRecord]:
    return [t for t in standoff.threats if t.sender == "KAZ" and t.target == "KGZ"]


def test_the_moved_deadline_passing_is_noted_on_the_partly_carried_out_record(
    kazakh_readings: list[Reading],
) -> None:
    # (Kyrgyzstan's "would respond within days" is a threat record of its own, KGZ -> KAZ)
    (record,) = _kazakh_threat(build_standoff(kazakh_readings, as_of=date(2024, 4, 2)))
    assert record.status == ThreatStatus.PARTLY_CARRIED_OUT and record.live is False
    assert _states(record)[-1] == (MARCH31, "deadline_passed")
    # As of the first article only, the threat is live with its first deadline.
    (early,) = _kazakh_threat(build_standoff(kazakh_readings, as_of=MARCH4))
    assert early.status == ThreatStatus.PENDING and early.live is True
    assert early.deadline is not None and early.deadline.value == MARCH12


def _kazakh_story() -> list[Reading]:
    a, b = article(MARCH4, "steppe.example"), article(MARCH13, "caspian.example")
    kaz = {"sender": "KAZ", "target": "KGZ", "third": (), "demand": "resume water talks"}
    return [
        reading(
            a,
            threats=[
                threat(
                    a,
                    "KAZ gave KGZ until March 12, threatening duties and a freight ban.",
                    measures=("duties", "freight ban"),
                    due=deadline(MARCH12),
                    **kaz,
                )
            ],
        ),
        reading(
            b,
            threats=[
                # The reader calls the whole threat carried out; the events say which part.
                threat(
                    b,
                    "It moved the deadline for the freight ban to March 31.",
                    measures=("freight ban", "measures"),
                    due=deadline(MARCH31),
                    status=ThreatStatus.CARRIED_OUT,
                    sender="KAZ",
                    target="KGZ",
                    third=(),
                    demand=None,
                )
            ],
            events=[
                event(
                    b,
                    "SANCTION",
                    "KAZGOV",
                    "KGZ",
                    MARCH13,
                    "KAZ imposed a 30% duty.",
                    "imposed duty",
                )
            ],
        ),
    ]


def test_hand_made_story_gives_the_same_single_record() -> None:
    (record,) = build_standoff(_kazakh_story()).threats
    assert _states(record) == [
        (MARCH4, "issued"),
        (MARCH13, "modified"),
        (MARCH13, "partly_carried_out"),
    ]
    assert record.measures == ["duties", "freight ban"]  # "measures" names no measure
    assert [(x.measure, x.on) for x in record.executions] == [("duties", "KGZ")]


def test_the_second_measure_carried_out_completes_the_threat() -> None:
    story = _kazakh_story()
    c = article(date(2024, 4, 1), "wire.example")
    story.append(
        reading(
            c,
            events=[
                event(
                    c,
                    "SANCTION",
                    "KAZ",
                    "KGZ",
                    date(2024, 4, 1),
                    "Freight trains halted by the ban.",
                    "ban",
                ),
            ],
        )
    )
    (record,) = build_standoff(story).threats
    assert record.status == ThreatStatus.CARRIED_OUT and record.live is False
    assert [x.measure for x in record.executions] == ["duties", "freight ban"]
    # Carried out before its deadline passed: no expiry.
    assert _states(record)[-1] == (date(2024, 4, 1), "carried_out")


def test_withdrawing_one_of_two_measures_drops_it_and_keeps_the_threat() -> None:
    a, b = article(JULY14), article(JULY29)
    kaz = {"sender": "KAZ", "target": "KGZ", "third": ()}
    story = [
        reading(
            a,
            threats=[
                threat(
                    a,
                    "Duties and a freight ban by August 8.",
                    measures=("duties", "freight ban"),
                    due=deadline(AUG8),
                    **kaz,
                )
            ],
        ),
        reading(
            b,
            threats=[
                threat(
                    b,
                    "KAZ dropped the threatened freight ban.",
                    measures=("freight ban",),
                    status=ThreatStatus.WITHDRAWN,
                    **kaz,
                )
            ],
        ),
    ]
    (record,) = build_standoff(story, as_of=AUG7).threats
    assert record.measures == ["duties"] and record.live is True
    assert _states(record)[-1] == (JULY29, "modified")
    assert record.history[-1].detail == "measures dropped: freight ban"


def test_a_third_party_facing_the_secondary_measures_joins_the_threat_it_belongs_to() -> None:
    a, b, c = article(JULY14), article(AUG7, "live.example"), article(AUG20, "later.example")
    story = [
        reading(
            a,
            threats=[
                # The reader gives the buyers their own threats; read first here on purpose.
                threat(
                    a,
                    "China and India could face steep levies unless the Kremlin agrees.",
                    target="CHN",
                    measures=("steep levies",),
                    third=(),
                    demand=None,
                ),
                threat(
                    a,
                    "Trump gave Moscow 50 days, threatening secondary tariffs on its buyers.",
                    due=deadline(date(2025, 9, 2), text="50 days"),
                ),
            ],
        ),
        reading(
            b,
            threats=[
                threat(
                    b,
                    "India was hit with an extra tariff.",
                    target="IND",
                    measures=("tariff",),
                    third=(),
                    demand=None,
                    status=ThreatStatus.CARRIED_OUT,
                ),
            ],
        ),
        # An unrelated threat to India, with a demand of its own, is another threat.
        reading(
            c,
            threats=[
                threat(
                    c,
                    "Tariffs unless India opens its dairy market.",
                    target="IND",
                    measures=("tariffs",),
                    third=(),
                    demand="open its dairy market",
                ),
            ],
        ),
    ]
    standoff = build_standoff(story, as_of=AUG20)
    main = next(t for t in standoff.threats if t.target == "RUS")
    assert len(main.evidence) == 3  # its own sentence, China's and India's
    assert main.status == ThreatStatus.PARTLY_CARRIED_OUT
    assert [(x.measure, x.on, x.date) for x in main.executions] == [("", "IND", AUG7)]
    assert sorted(t.target for t in standoff.threats) == ["IND", "RUS"]
    assert main.rank == 1


def test_a_reported_expiry_of_a_replaced_deadline_does_not_end_the_threat() -> None:
    a, b, c = article(JULY14), article(JULY29), article(AUG6)
    story = [
        reading(a, threats=[threat(a, "By July 20, or tariffs.", due=deadline(date(2025, 7, 20)))]),
        reading(b, threats=[threat(b, "The deadline is now August 8.", due=deadline(AUG8))]),
        reading(
            c,
            threats=[
                threat(
                    c,
                    "The July 20 deadline expired.",
                    due=deadline(date(2025, 7, 20)),
                    status=ThreatStatus.EXPIRED,
                )
            ],
        ),
    ]
    (record,) = build_standoff(story, as_of=AUG7).threats
    assert record.live is True and record.status == ThreatStatus.MODIFIED
    assert record.deadline is not None and record.deadline.value == AUG8
    # The move was reported after the first deadline had gone by: said, not an expiry.
    assert _states(record) == [(JULY14, "issued"), (JULY29, "modified")]
    assert "(it had passed)" in record.history[1].detail


def test_a_measure_imposed_on_the_target_updates_its_threat_not_a_new_record() -> None:
    a, b = article(JULY14), article(AUG7)
    story = [
        reading(a, threats=[threat(a, "Tariffs by August 8.", due=deadline(AUG8), third=())]),
        # The imposing article retells the threat as carried out, with no deadline of its own.
        reading(
            b,
            threats=[
                threat(
                    b,
                    "Washington imposed the tariffs it had threatened.",
                    status=ThreatStatus.CARRIED_OUT,
                    third=(),
                    demand=None,
                )
            ],
            events=[
                event(
                    b,
                    "SANCTION",
                    "USA",
                    "RUS",
                    AUG6,
                    "Washington imposed the tariffs.",
                    "imposed tariffs",
                )
            ],
        ),
    ]
    (record,) = build_standoff(story, as_of=AUG20).threats
    assert _states(record) == [(JULY14, "issued"), (AUG6, "carried_out")]
    assert record.live is False


def test_a_label_names_sender_target_distinct_measures_and_the_deadline() -> None:
    from standoff.track.threats import label

    record = ThreatRecord(
        id="T-1",
        sender="USA",
        target="RUS",
        deadline=deadline(AUG8, approximate=True),
        measures=["secondary tariffs", "steep levies", "sanctions", "asset freeze"],
    )
    assert label(record) == "USA -> RUS, secondary tariffs, sanctions, deadline about 8 Aug"
    bare = ThreatRecord(id="T-2", sender="RUS", target="UKR", measures=["measures"])
    assert label(bare) == "RUS -> UKR, no measure stated"


def test_a_sanction_carries_out_the_measures_of_its_own_clause() -> None:
    from standoff.track.threats import cue_clause

    sentence = "Kazakhstan imposed duties on Kyrgyz fruit but put off the freight ban"
    assert cue_clause(sentence, "imposed duties") == "Kazakhstan imposed duties on Kyrgyz fruit"
    assert cue_clause(sentence, "put off") == "put off the freight ban"
    assert cue_clause("Chile imposed a levy.", "nowhere") == "Chile imposed a levy."
