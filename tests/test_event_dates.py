"""The date of an event: the day the sentence says it happened, never a time limit it sets.

"Unless X moves by next Friday, Y would impose tariffs" reports a threat made before the
article; "next Friday" is when X must act. Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from standoff.model import RawArticle
from standoff.read import Reader
from standoff.read.deadlines import sets_deadline

# A Friday: "Tuesday" in the text is 12 March 2024, "Thursday" 14 March.
FRI = date(2024, 3, 15)


def _event_dates(reader: Reader, text: str) -> set[date | None]:
    reading = reader.read(RawArticle(text=text, origin="probe"), FRI)
    ours = [e for e in reading.events if e.source.startswith("ESP")]
    dates = {e.date.value if e.date else None for e in ours}
    assert dates, [(e.type, e.source, e.target) for e in reading.events]
    return dates


@pytest.mark.parametrize(
    "text",
    [
        "Unless Morocco reopens the border by next Friday, Spain would impose tariffs on "
        "Moroccan goods, the minister has said.",
        "Spain warned Morocco that it would impose sanctions if the border was not reopened "
        "before March 20.",
        "Spain said it would impose sanctions on Morocco unless the border reopened within "
        "ten days.",
        "Spain threatened to impose sanctions on Morocco if the border stays shut until "
        "Monday.",
        "Spain demanded that Morocco reopen the border no later than March 22.",
    ],
)
def test_a_time_limit_does_not_date_the_event(reader: Reader, text: str) -> None:
    assert _event_dates(reader, text) == {FRI}  # the publication date, not the limit


def test_the_day_stated_is_kept_beside_a_time_limit(reader: Reader) -> None:
    text = (
        "On Tuesday Spain threatened to impose sanctions on Morocco unless it reopens the "
        "border by Friday."
    )
    assert _event_dates(reader, text) == {date(2024, 3, 12)}


@pytest.mark.parametrize(
    "text",
    [
        "On March 14 Spain threatened to impose sanctions on Morocco.",
        "Spain threatened on Thursday to impose sanctions on Morocco.",
    ],
)
def test_a_past_day_that_dates_the_event_is_kept(reader: Reader, text: str) -> None:
    assert _event_dates(reader, text) == {date(2024, 3, 14)}


@pytest.mark.parametrize(
    "text",
    [
        "Spain has said that unless Morocco reopens the border by Monday, 18 March, it will "
        "impose sanctions on Moroccan goods.",
        "Spain has said that unless Rabat moves towards a deal by Friday, 22 March, Madrid "
        "will impose new sanctions on Morocco.",
    ],
)
def test_a_date_restating_a_time_limit_does_not_date_the_event(reader: Reader, text: str) -> None:
    assert _event_dates(reader, text) == {FRI}


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        (
            "The president has said that unless Moscow moves towards a ceasefire by Friday, "
            "8 August, Washington will impose new sanctions on countries that buy Russian gas.",
            {"Friday": True, "8 August": True},
        ),
        ("On March 14 Spain threatened sanctions, to take effect by Friday.", {"March 14": False}),
    ],
)
def test_which_date_phrases_set_a_time_limit(
    reader: Reader, text: str, limits: dict[str, bool]
) -> None:
    doc = reader.nlp(text)
    sent = next(iter(doc.sents))
    got = {e.text: sets_deadline(e, sent) for e in doc.ents if e.label_ == "DATE"}
    assert {k: got.get(k) for k in limits} == limits
