"""The pure merge: Readings -> Standoff with ledgers and histories (hand-made Readings)."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from standoff.model import ProposalState, ThreatStatus
from standoff.track import build_standoff
from test_track_factories import (
    AUG1,
    AUG6,
    AUG7,
    AUG8,
    AUG20,
    JULY14,
    JULY29,
    SEPT2,
    article,
    deadline,
    event,
    reading,
    threat,
    ultimatum_story,
)


def _states(history: list) -> list[tuple[date | None, str]]:  # type: ignore[type-arg]
    return [(h.date, h.state) for h in history]


def test_as_of_first_august_shows_the_moved_deadline_still_pending() -> None:
    standoff = build_standoff(ultimatum_story(), as_of=AUG1)
    assert standoff.as_of == AUG1
    assert [a.published for a in standoff.articles] == [JULY14, JULY29, AUG1]
    (record,) = standoff.threats
    assert record.status == ThreatStatus.MODIFIED
    assert record.deadline is not None and record.deadline.value == AUG8
    assert _states(record.history) == [(JULY14, "issued"), (JULY29, "modified")]
    moved = record.history[1]
    assert "2025-09-02" in moved.detail and "2025-08-08" in moved.detail
    assert moved.evidence is not None and "August 8" in moved.evidence.sentence
    assert moved.evidence.source == "northbridge-post.example"
    # Four statements of one threat in three articles: one record, four pieces of evidence.
    assert len(record.evidence) == 4
    assert [p.name for p in standoff.proposals] == ["ceasefire"]


def test_as_of_twentieth_august_adds_india_tariff_deadline_passing_and_summit() -> None:
    standoff = build_standoff(ultimatum_story(), as_of=AUG20)
    (record,) = standoff.threats
    assert record.status == ThreatStatus.PARTLY_CARRIED_OUT
    assert _states(record.history) == [
        (JULY14, "issued"),
        (JULY29, "modified"),
        (AUG6, "partly_carried_out"),
        (AUG8, "deadline_passed"),
    ]
    india = record.history[2]
    assert india.evidence is not None and "Indian goods" in india.evidence.sentence
    assert "RUS" in record.history[3].detail
    summit = next(p for p in standoff.proposals if p.name == "summit")
    assert summit.state == ProposalState.AGREED
    assert _states(summit.history) == [
        (AUG7, "floated"),
        (AUG7, "agreed"),
        (date(2025, 8, 15), "held"),
    ]
    assert summit.history[2].evidence is not None
    assert "Alaska" in summit.history[2].evidence.sentence


def test_deadline_passing_with_nothing_reported_expires_as_of_the_deadline() -> None:
    standoff = build_standoff(ultimatum_story(india_tariff=False), as_of=AUG20)
    (record,) = standoff.threats
    assert record.status == ThreatStatus.EXPIRED
    expired = record.history[-1]
    assert (expired.date, expired.state) == (AUG8, "expired")
    # The evidence is the sentence that set the deadline that passed.
    assert expired.evidence is not None and "August 8" in expired.evidence.sentence


def test_deadline_on_as_of_is_still_live() -> None:
    standoff = build_standoff(ultimatum_story(india_tariff=False), as_of=AUG8)
    assert standoff.threats[0].status == ThreatStatus.MODIFIED


def test_without_as_of_the_latest_article_is_the_horizon() -> None:
    standoff = build_standoff(ultimatum_story(india_tariff=False))
    assert standoff.as_of == AUG20
    assert standoff.threats[0].status == ThreatStatus.EXPIRED


def test_twenty_restatements_are_one_threat_with_twenty_pieces_of_evidence() -> None:
    readings = []
    for n in range(20):
        art = article(date(2025, 7, 1 + n), f"outlet{n}.example")
        readings.append(reading(art, threats=[threat(art, f"Restated {n}.", due=deadline(SEPT2))]))
    standoff = build_standoff(readings)
    (record,) = standoff.threats
    assert len(record.evidence) == 20
    assert len({e.source for e in record.evidence}) == 20
    assert _states(record.history) == [(date(2025, 7, 1), "issued")]


def test_other_target_or_other_measures_open_another_threat() -> None:
    art = article(JULY14)
    readings = [
        reading(
            art,
            threats=[
                threat(art, "tariffs on Russia", measures=("tariffs",), demand=None, third=()),
                threat(art, "tariffs on China", target="CHN", measures=("tariffs",), demand=None),
                threat(art, "troops", measures=("military action",), demand=None),
            ],
        )
    ]
    standoff = build_standoff(readings)
    assert sorted((t.target, tuple(t.measures)) for t in standoff.threats) == [
        ("CHN", ("tariffs",)),
        ("RUS", ("military action",)),
        ("RUS", ("tariffs",)),
    ]
    assert len({t.id for t in standoff.threats}) == 3


def test_sector_codes_compare_at_country_level_and_measures_added_are_a_change() -> None:
    a, b = article(JULY14), article(JULY29)
    readings = [
        reading(a, threats=[threat(a, "first", sender="USAGOV", measures=("tariffs",))]),
        reading(b, threats=[threat(b, "second", sender="USA", measures=("tariffs", "sanctions"))]),
    ]
    (record,) = build_standoff(readings).threats
    assert record.measures == ["tariffs", "sanctions"]
    assert record.history[-1].state == "modified"
    assert record.history[-1].detail == "measures added: sanctions"


def test_reported_status_carried_out_and_withdrawn_are_recorded() -> None:
    a, b, c = article(JULY14), article(JULY29), article(AUG7)
    readings = [
        reading(a, threats=[threat(a, "issued", due=deadline(AUG8))]),
        reading(b, threats=[threat(b, "withdrawn", status=ThreatStatus.WITHDRAWN)]),
        reading(c, threats=[threat(c, "imposed", status=ThreatStatus.CARRIED_OUT)]),
    ]
    (record,) = build_standoff(readings, as_of=AUG20).threats
    assert _states(record.history) == [
        (JULY14, "issued"),
        (JULY29, "withdrawn"),
        (AUG7, "carried_out"),
    ]
    # A carried-out threat does not expire when its deadline passes.
    assert record.status == ThreatStatus.CARRIED_OUT


def test_sanction_on_the_target_before_the_threat_does_not_carry_it_out() -> None:
    a = article(JULY29)
    readings = [
        reading(
            a,
            threats=[threat(a, "threat", due=deadline(AUG8))],
            events=[event(a, "SANCTION", "USA", "RUS", date(2022, 3, 1), "2022 sanctions")],
        )
    ]
    (record,) = build_standoff(readings, as_of=AUG7).threats
    assert record.status == ThreatStatus.PENDING


def test_sanction_on_the_target_after_the_threat_carries_it_out() -> None:
    a, b = article(JULY14), article(AUG7)
    readings = [
        reading(a, threats=[threat(a, "threat", due=deadline(AUG8))]),
        reading(b, events=[event(b, "SANCTION", "USAGOV", "RUSGOV", AUG6, "Tariffs imposed.")]),
    ]
    (record,) = build_standoff(readings, as_of=AUG20).threats
    assert record.status == ThreatStatus.CARRIED_OUT
    assert record.history[-1].date == AUG6
    assert [(x.measure, x.on, x.date) for x in record.executions] == [
        ("secondary tariffs", "RUS", AUG6)
    ]
    assert record.live is False


def test_a_sanction_that_names_no_threatened_measure_carries_nothing_out() -> None:
    a, b = article(JULY14), article(AUG7)
    readings = [
        reading(a, threats=[threat(a, "threat", due=deadline(AUG8))]),
        reading(b, events=[event(b, "SANCTION", "USA", "RUS", AUG6, "Visa bans on two aides.")]),
    ]
    (record,) = build_standoff(readings, as_of=AUG7).threats
    assert record.status == ThreatStatus.PENDING and not record.executions
    assert record.live is True


def test_articles_after_as_of_and_undated_articles_are_left_out() -> None:
    story = ultimatum_story()
    undated = article(None, "nodate.example")
    story.append(reading(undated, threats=[threat(undated, "undated", target="JPN")]))
    standoff = build_standoff(story, as_of=JULY29)
    assert {a.published for a in standoff.articles} == {JULY14, JULY29}
    assert all(t.target == "RUS" for t in standoff.threats)
    assert any(w.kind == "undated_articles_left_out" for w in standoff.warnings)
    # Without as_of, the undated article counts (it is known), after the dated ones.
    assert any(t.target == "JPN" for t in build_standoff(story).threats)


def test_evidence_is_anchored_to_its_article() -> None:
    art = article(JULY14, "wire.example")
    bare = threat(art, "sentence")
    bare.evidence[0] = bare.evidence[0].model_copy(
        update={"article_id": None, "source": None, "published": None}
    )
    (record,) = build_standoff([reading(art, threats=[bare])]).threats
    got = record.evidence[0]
    assert (got.article_id, got.source, got.published) == (art.id, "wire.example", JULY14)


def test_the_same_event_from_several_articles_is_one_event() -> None:
    a, b = article(AUG7, "one.example"), article(AUG7, "two.example")
    readings = [
        reading(x, events=[event(x, "SANCTION", "USA", "IND", AUG6, f"tariff told by {x.source}")])
        for x in (a, b)
    ]
    standoff = build_standoff(readings)
    assert len(standoff.events) == 1


def test_proposal_rejected_then_dropped_by_its_sponsor() -> None:
    from standoff.model import Proposal
    from test_track_factories import evidence

    a, b, c = article(JULY14), article(JULY29), article(AUG7)

    def prop(art, **kw):  # type: ignore[no-untyped-def]
        return Proposal(name="air-strike moratorium", text="t", evidence=[evidence("s", art)], **kw)

    readings = [
        reading(a, proposals=[prop(a, sponsors=["UKR"], supporters=["FRA"])]),
        reading(b, proposals=[prop(b, opponents=["RUS"])]),
        reading(c, proposals=[prop(c, opponents=["UKRGOV"])]),
    ]
    (record,) = build_standoff(readings).proposals
    assert _states(record.history) == [
        (JULY14, "floated"),
        (JULY14, "backed"),
        (JULY29, "rejected"),
        (AUG7, "dropped"),
    ]
    assert record.state == ProposalState.DROPPED
    assert record.opponents == ["RUS", "UKRGOV"]


def test_a_proposal_changes_only_on_an_event_that_names_it_and_says_who() -> None:
    from standoff.model import Proposal
    from test_track_factories import evidence

    a, b, c, d = article(JULY14), article(JULY29), article(AUG7), article(AUG20)
    ceasefire = Proposal(name="ceasefire", text="a 30-day ceasefire", sponsors=["USA"],
                         supporters=["UKR"], evidence=[evidence("A US plan for a ceasefire.", a)])
    talks = Proposal(name="talks", text="talks in Jeddah", sponsors=["USA"], supporters=["UKR"],
                     evidence=[evidence("Talks in Jeddah.", a, 30)])
    readings = [
        reading(a, proposals=[ceasefire, talks]),
        reading(b, events=[
            # A ceasefire named in another clause than the agreement's.
            event(b, "AGREE", "CHNGOV", "USA", JULY29,
                  "Kyiv said a full ceasefire must come first, and it will keep the right to "
                  "choose its own alliances.", "alliances"),
            # Talks between other parties than the proposal's.
            event(b, "CONSULT", "USAGOV", "CHNGOV", JULY29,
                  "U.S. and Chinese officials were holding trade talks in Stockholm.", "talks"),
        ]),
        reading(c, events=[event(c, "AGREE", "RUSGOV", "USA", AUG7,
                                 "Moscow agreed to the ceasefire on Thursday.", "agreed")]),
        reading(d, events=[event(d, "CONSULT", "UKR", "USAGOV", AUG20,
                                 "Ukrainian and US delegations held talks in Jeddah.", "talks")]),
    ]
    records = {p.name: p for p in build_standoff(readings).proposals}
    assert _states(records["ceasefire"].history) == [
        (JULY14, "floated"), (JULY14, "backed"), (AUG7, "agreed"),
    ]
    assert records["ceasefire"].history[-1].detail == "agreed by RUSGOV with USA (AGREE: agreed)"
    assert _states(records["talks"].history) == [
        (JULY14, "floated"), (JULY14, "backed"), (AUG20, "agreed"),
    ]
    assert records["talks"].history[-1].detail.startswith("held by UKR with USAGOV")


def test_an_agreement_between_other_parties_agrees_to_no_proposal() -> None:
    from standoff.model import Proposal
    from test_track_factories import evidence

    a, b, c = article(JULY14), article(JULY29), article(AUG7)
    ceasefire = Proposal(name="ceasefire", text="an immediate ceasefire", sponsors=["MYS"],
                         supporters=["KHM"], evidence=[evidence("Malaysia's ceasefire idea.", a)])
    readings = [
        reading(a, proposals=[ceasefire]),
        # The ceasefire stands near the cue, but Beijing and Washington agree on tariffs.
        reading(b, events=[event(b, "AGREE", "CHNGOV", "USA", JULY29,
                                 "As the Thai-Cambodian ceasefire held, Beijing and "
                                 "Washington agreed a tariff truce.", "agreed")]),
        reading(c, events=[event(c, "AGREE", "THAGOV", "KHM", AUG7,
                                 "Thailand agreed to the ceasefire on Thursday.", "agreed")]),
    ]
    (record,) = build_standoff(readings).proposals
    assert _states(record.history) == [(JULY14, "floated"), (JULY14, "backed"), (AUG7, "agreed")]
    assert record.history[-1].detail == "agreed by THAGOV with KHM (AGREE: agreed)"


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), day=st.dates(date(2025, 7, 10), date(2025, 8, 25)))
def test_input_order_does_not_matter_and_as_of_is_a_cut(seed: int, day: date) -> None:
    story = ultimatum_story()
    shuffled = story[:]
    random.Random(seed).shuffle(shuffled)
    assert build_standoff(shuffled, as_of=day) == build_standoff(story, as_of=day)
    known = build_standoff(story, as_of=day)
    # Nothing in the ledgers is dated after the cut, except deadlines themselves.
    for record in known.threats:
        assert all(h.date is None or h.date <= day for h in record.history)
    assert all(a.published is not None and a.published <= day for a in known.articles)
