"""The brief's view: hand-made Standoff/Forecast objects arranged into sections.

``make_standoff`` and ``make_forecast`` are shared by the other show tests.
"""

from __future__ import annotations

from datetime import date

from standoff.model import (
    Actor,
    ActorKind,
    Article,
    Claim,
    ClaimKind,
    DatePrecision,
    Event,
    Evidence,
    ExposureRow,
    FeatureValue,
    Forecast,
    Interval,
    IssueForecast,
    OutcomeProbability,
    ProposalRecord,
    ProposalState,
    ResolvedDate,
    Standoff,
    StateChange,
    ThreatForecast,
    ThreatRecord,
    ThreatStatus,
    Warning,
)
from standoff.show.citations import NoteKind
from standoff.show.view import Cell, Fields, Table, build_view

EVIL_TITLE = 'Deadline <script>alert("x")</script> & "tariffs"'


def _ev(sentence: str, source: str, day: date, start: int = 0) -> Evidence:
    return Evidence(
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        article_id=f"{source}-{day.isoformat()}",
        source=source,
        published=day,
    )


ULTIMATUM = _ev(
    "Trump said Russia has ten days from today to make a deal or face secondary tariffs.",
    "example-wire.com",
    date(2025, 7, 29),
)
FIFTY_DAYS = _ev(
    "Trump gave Moscow 50 days to agree to a deal, threatening tariffs of about 100%.",
    "example-post.com",
    date(2025, 7, 14),
)
INDIA_TARIFF = _ev(
    "The president signed an order adding a 25% tariff on Indian goods.",
    "example-wire.com",
    date(2025, 8, 6),
    start=200,
)
MORATORIUM = _ev(
    "Moscow floated a moratorium on air strikes, which Kyiv called insufficient.",
    "example-times.com",
    date(2025, 8, 6),
    start=400,
)
NATO_LINE = _ev(
    "The Kremlin repeated that Ukraine must never join NATO.",
    "example-times.com",
    date(2025, 8, 6),
    start=600,
)


def make_standoff() -> Standoff:
    """A small standoff with one threat (deadline moved), one proposal, events, a warning."""
    deadline = ResolvedDate(
        value=date(2025, 8, 8),
        precision=DatePrecision.DAY,
        text="ten days from today",
        relative=True,
    )
    return Standoff(
        as_of=date(2025, 8, 7),
        articles=[
            Article(
                id="a1",
                title=EVIL_TITLE,
                published=date(2025, 7, 29),
                source="example-wire.com",
                url="https://example-wire.com/deadline",
            ),
            Article(id="a2", title="Envoy in Moscow", published=date(2025, 8, 6),
                    source="example-times.com"),
        ],
        actors=[
            Actor(code="USA", country="USA", name="United States", kind=ActorKind.STATE),
            Actor(code="RUS", country="RUS", name="Russia", kind=ActorKind.STATE),
            Actor(code="IND", country="IND", name="India", kind=ActorKind.STATE),
            Actor(code="UKR", country="UKR", name="Ukraine", kind=ActorKind.STATE),
        ],
        events=[
            Event(type="THREATEN", mode="sanction", source="USA", target="RUS",
                  date=ResolvedDate(value=date(2025, 7, 14), precision=DatePrecision.DAY,
                                    text="on Monday"),
                  cue="50 days ... or face tariffs", evidence=FIFTY_DAYS),
            Event(type="THREATEN", mode="sanction", source="USA", target="RUS",
                  cue="ten days from today", evidence=ULTIMATUM),
            Event(type="SANCTION", source="USA", target="IND",
                  date=ResolvedDate(value=date(2025, 8, 6), precision=DatePrecision.DAY,
                                    text="Wednesday"),
                  cue="adding a 25% tariff", evidence=INDIA_TARIFF),
            Event(type="REJECT", source="UKR", target="RUS", cue="called insufficient",
                  evidence=MORATORIUM),
        ],
        claims=[
            Claim(kind=ClaimKind.CONDITION, actor="RUS", target="UKR",
                  text="Ukraine must never join NATO", evidence=NATO_LINE),
            Claim(kind=ClaimKind.BELIEF, actor="USA", text="a deal is close",
                  evidence=ULTIMATUM),
        ],
        threats=[
            ThreatRecord(
                id="T1",
                label="USA -> RUS, secondary tariffs, deadline 8 Aug",
                sender="USA",
                target="RUS",
                third_parties=["IND", "CHN"],
                demand="agree to a ceasefire deal",
                measures=["secondary tariffs", "sanctions"],
                deadline=deadline,
                status=ThreatStatus.MODIFIED,
                live=True,
                rank=1,
                rank_reason="measures stated; a deadline",
                history=[
                    StateChange(date=date(2025, 7, 29), state="modified",
                                detail="deadline cut from 2025-09-02 to 2025-08-08",
                                evidence=ULTIMATUM),
                    StateChange(date=date(2025, 7, 14), state="pending",
                                detail="threat made", evidence=FIFTY_DAYS),
                ],
                evidence=[FIFTY_DAYS, ULTIMATUM],
            )
        ],
        proposals=[
            ProposalRecord(
                id="P1",
                name="air-strike moratorium",
                text="a moratorium on air strikes",
                sponsors=["RUS"],
                opponents=["UKR"],
                state=ProposalState.REJECTED,
                history=[StateChange(date=date(2025, 8, 6), state="rejected",
                                     detail="Kyiv: insufficient", evidence=MORATORIUM)],
                evidence=[MORATORIUM],
            )
        ],
        warnings=[
            Warning(kind="date_conflict",
                    message="stated deadline 2025-08-09 disagrees with 'two days' (2025-08-08)",
                    evidence=ULTIMATUM),
        ],
    )


def make_forecast() -> Forecast:
    """A forecast for T1 with features, one issue and one exposure row."""
    outcomes = [("concede", 0.1, 0.04, 0.2), ("back_down", 0.55, 0.4, 0.7),
                ("imposed", 0.2, 0.1, 0.32), ("settle", 0.1, 0.05, 0.18),
                ("stalemate", 0.05, 0.01, 0.1)]
    return Forecast(
        as_of=date(2025, 8, 7),
        draws=2000,
        seed=7,
        threats=[
            ThreatForecast(
                threat_id="T1",
                label="USA -> RUS, secondary tariffs, deadline 8 Aug",
                horizon="at any time after the threat",
                sender="USA",
                target="RUS",
                features=[
                    FeatureValue(name="target_cost", value="low",
                                 why="tariffs fall on third parties, not on RUS [T1 evidence]"),
                    FeatureValue(name="commitment", value="unknown", why="not in the reading"),
                    FeatureValue(name="deadline_days", value=10, why="ten days from today",
                                 overridden=True),
                ],
                outcomes=[
                    OutcomeProbability(outcome=o, probability=Interval(mean=m, low=lo, high=hi))
                    for o, m, lo, hi in outcomes
                ],
                model_card="docs/models/coercion.md",
            )
        ],
        issues=[
            IssueForecast(issue="territory", low_label="Ukraine's 1991 borders",
                          high_label="Russia's claims", model="median voter",
                          position=Interval(mean=62.5, low=51.0, high=70.0),
                          trajectory=[50.0, 58.0, 62.5], model_card="docs/models/bargaining.md")
        ],
        exposure=[
            ExposureRow(threat_id="T1", country="IND", rate=1.0,
                        exports_to_sender_usd=87.4e9, energy_from_target="about 35% of crude",
                        exposed_usd=Interval(mean=87.4e9, low=80e9, high=90e9),
                        sources=["UN Comtrade 2024 (example)"])
        ],
        warnings=["T1: the sender's past threats are not in the training data"],
    )


def _section(view_sections: list, key: str):  # type: ignore[no-untyped-def]
    return next(s for s in view_sections if s.key == key)


def test_sections_in_order() -> None:
    view = build_view(make_standoff(), make_forecast())
    keys = [s.key for s in view.sections]
    assert keys == ["actors", "timeline", "threats", "proposals", "positions", "warnings",
                    "forecast", "articles"]


def test_timeline_sorted_by_date_with_published_fallback() -> None:
    view = build_view(make_standoff())
    table = _section(view.sections, "timeline").blocks[0]
    assert isinstance(table, Table)
    dates = [row[0].text for row in table.rows]
    # The undated THREATEN falls back to its article's date, marked as such.
    assert dates == ["2025-07-14", "2025-07-29*", "2025-08-06", "2025-08-06*"]
    assert table.caption.startswith("* the article's publication date")


def test_threat_fields_carry_deadline_words_and_evidence() -> None:
    view = build_view(make_standoff())
    fields = _section(view.sections, "threats").blocks[0]
    assert isinstance(fields, Fields)
    items = dict(fields.items)
    assert items["third parties"].text == "IND, CHN"
    assert items["deadline"].text == '2025-08-08 (day, relative, from "ten days from today")'
    # The deadline cites the sentence with "ten days from today", not the 50-day one.
    (note_index,) = items["deadline"].notes
    note = view.notes[note_index - 1]
    assert "ten days from today" in note.text and note.source == "example-wire.com"
    # The status cites the latest state change (the deadline cut), not the first.
    assert view.notes[items["status"].notes[0] - 1].text == ULTIMATUM.sentence


def test_history_sorted_by_date() -> None:
    view = build_view(make_standoff())
    history = _section(view.sections, "threats").blocks[1]
    assert isinstance(history, Table)
    assert [row[1].text for row in history.rows] == ["pending", "modified"]


def test_positions_keep_conditions_and_demands_only() -> None:
    view = build_view(make_standoff())
    table = _section(view.sections, "positions").blocks[0]
    assert isinstance(table, Table)
    assert [row[3].text for row in table.rows] == ["Ukraine must never join NATO"]


def test_every_forecast_probability_cites_its_model_card() -> None:
    view = build_view(make_standoff(), make_forecast())
    forecast = _section(view.sections, "forecast")
    outcome_table = next(b for b in forecast.blocks if isinstance(b, Table) and b.columns[0] ==
                         "outcome")
    assert "docs/models/coercion.md" in outcome_table.title
    # Sorted most likely first.
    assert [row[0].text for row in outcome_table.rows][0] == "back down"
    for row in outcome_table.rows:
        (index,) = row[1].notes
        note = view.notes[index - 1]
        assert note.kind is NoteKind.MODEL_CARD and note.text == "docs/models/coercion.md"


def test_headline_counts_and_next_deadline() -> None:
    view = build_view(make_standoff(), make_forecast())
    text = view.headline.text
    assert text.startswith("As of 2025-08-07: 4 actors; 4 events from 2 articles")
    assert "1 threat (1 live)" in text and "1 threats" not in text
    assert "next deadline 2025-08-08 (USA -> RUS)" in text
    assert "back down 55%" in text
    kinds = {view.notes[i - 1].kind for i in view.headline.notes}
    assert kinds == {NoteKind.EVIDENCE, NoteKind.MODEL_CARD}


def test_headline_names_the_main_threat_by_label_with_its_state_story_and_horizon() -> None:
    text = build_view(make_standoff(), make_forecast()).headline.text
    assert "Main threat: USA -> RUS, secondary tariffs, deadline 8 Aug: live, deadline " \
        "2025-08-08, 1 day left." in text
    assert "Its story: 14 Jul pending: threat made; 29 Jul deadline cut from" in text
    assert "Forecast, at any time after the threat: most likely back down 55%" in text
    assert "imposed 20%" in text


def test_the_main_threat_is_the_ranked_one_not_the_first_issued() -> None:
    standoff = make_standoff()
    minor = ThreatRecord(id="T0", label="RUS -> UKR, no measure stated", sender="RUS",
                         target="UKR", live=True, rank=2)
    standoff.threats.insert(0, minor)
    text = build_view(standoff, make_forecast()).headline.text
    assert "Main threat: USA -> RUS, secondary tariffs" in text and "RUS -> UKR" not in text


def test_a_resolved_main_threat_shows_what_happened_and_no_probability() -> None:
    from standoff.model import Execution, NotForecast

    standoff = make_standoff()
    threat = standoff.threats[0]
    threat.status, threat.live = ThreatStatus.PARTLY_CARRIED_OUT, False
    threat.executions = [Execution(measure="secondary tariffs", on="IND",
                                   date=date(2025, 8, 6), evidence=INDIA_TARIFF)]
    forecast = make_forecast()
    forecast.threats = []
    forecast.not_forecast = [NotForecast(threat_id="T1", label=threat.label, reason="passed")]
    view = build_view(standoff, forecast)
    assert (
        "partly carried out: secondary tariffs imposed on IND on 2025-08-06; deadline "
        "2025-08-08 passed with no measure on RUS" in view.headline.text
    )
    assert "No forecast: it is no longer pending" in view.headline.text
    blocks = _section(view.sections, "forecast").blocks
    skipped = [b for b in blocks if isinstance(b, Table) and b.title.startswith("Threats with no")]
    assert skipped and skipped[0].rows[0][1].text == "passed"
    fields = _section(view.sections, "threats").blocks[0]
    assert isinstance(fields, Fields)
    carried = dict(fields.items)["carried out"]
    assert carried.text == "secondary tariffs on IND, 2025-08-06" and carried.notes


def test_each_forecast_table_states_its_horizon_and_the_averaged_features() -> None:
    blocks = _section(build_view(make_standoff(), make_forecast()).sections, "forecast").blocks
    (table,) = [b for b in blocks if isinstance(b, Table) and "how it ends" in b.title]
    assert "how it ends, at any time after the threat" in table.title
    assert table.caption.startswith("no evidence for commitment: averaged")


def test_notes_are_deduplicated() -> None:
    view = build_view(make_standoff(), make_forecast())
    keys = [(n.kind, n.text, n.article_id) for n in view.notes]
    assert len(keys) == len(set(keys))
    assert [n.index for n in view.notes] == list(range(1, len(view.notes) + 1))


def test_empty_standoff_says_none() -> None:
    view = build_view(Standoff())
    threats = _section(view.sections, "threats")
    assert threats.blocks == [] and threats.empty == "no threats found"
    assert _section(view.sections, "forecast").empty == "no forecast: not run"
    assert view.headline == Cell(
        "As of -: 0 actors; 0 events from 0 articles; 0 threats (0 live); 0 proposals; "
        "0 warnings."
    )
