"""One rule for the country part of an actor code (``standoff.read.actors.country_of``),
used by the reader, the tracker and the forecast alike: an IGO is never a state."""

from __future__ import annotations

from datetime import date

import pytest

from standoff.forecast.capabilities import capability
from standoff.forecast.coercion_coding import _major
from standoff.model import RawArticle
from standoff.read import Reader
from standoff.read.actors import country_of, is_igo
from standoff.read.score import country as score_country
from standoff.track.keys import country as track_country


@pytest.mark.parametrize(
    ("code", "country"),
    [
        ("OPEC", "OPEC"),  # once "OPE": the first three letters of an IGO are no state
        ("IAEA", "IAEA"),
        ("EU", "EU"),
        ("NATO", "NATO"),
        ("USAGOV", "USA"),
        ("RUS", "RUS"),
        ("XKXGOV", "XKX"),  # Kosovo: not in ISO 3166, but a state with a sector
        ("opec", "OPEC"),
        (None, ""),
        ("", ""),
    ],
)
def test_country_of(code: str | None, country: str) -> None:
    assert country_of(code) == country
    if code:  # every layer's helper is the same rule
        assert score_country(code) == track_country(code) == country


@pytest.mark.parametrize(
    ("code", "igo"),
    [("OPEC", True), ("IAEA", True), ("EU", True), ("NATO", True), ("USAGOV", False),
     ("RUS", False), (None, False)],
)  # fmt: skip
def test_is_igo(code: str | None, igo: bool) -> None:
    assert is_igo(code) is igo


@pytest.mark.parametrize("code", ["OPEC", "IAEA", "NATO"])
def test_the_threat_model_codes_an_igo_as_no_major_power(code: str) -> None:
    value, why = _major("sender", code)
    assert value == "no" and "international institution" in why and code in why


@pytest.mark.parametrize(("code", "major"), [("USAGOV", "yes"), ("RUS", "yes")])
def test_the_threat_model_codes_states_at_country_level(code: str, major: str) -> None:
    assert _major("sender", code)[0] == major


def test_capabilities_read_a_sector_code_as_its_country_and_an_igo_as_its_own() -> None:
    assert capability("USAGOV") == capability("USA") is not None
    assert capability("OPEC") is None  # no row, and never the row of a state "OPE"
    assert capability("NATO") is not None  # the sum of its listed members


def test_an_igo_threat_is_one_threaten_event(reader: Reader) -> None:
    """The THREATEN event a threat adds for its sender is compared with the sentence's own
    events at country level by the same rule: an IGO sender (once cut to "ECO") no longer
    gets a second, duplicate event."""
    reading = reader.read(
        RawArticle(text="ECOWAS will impose sanctions on Mali unless the junta sets a date."),
        date(2025, 8, 6),
    )
    threatens = [(e.source, e.target) for e in reading.events if e.type == "THREATEN"]
    assert threatens.count(("ECOWAS", "MLI")) == 1
