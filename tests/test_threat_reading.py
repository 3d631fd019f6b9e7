"""Threats and deadlines as real reports phrase them (issue 12, section 2), end to end.

Each test reads a few sentences of our own, written in the shape wire copy uses, and
checks the threat the reader records: who threatens whom, with what, by when.
"""

from __future__ import annotations

from datetime import date

from standoff.model import RawArticle, Reading
from standoff.read import Reader


def _read(reader: Reader, text: str, published: date | None = date(2024, 3, 8)) -> Reading:
    return reader.read(RawArticle(text=text), published)


def _pairs(reading: Reading) -> dict[str, date | None]:
    return {
        f"{t.sender[:3]}->{t.target[:3]}": (t.deadline.value if t.deadline else None)
        for t in reading.threats
    }


# --------------------------------------------------------------------------- one-line input


def test_a_headline_alone_carries_its_threat(reader: Reader) -> None:
    reading = _read(reader, "Uganda gives Kenya seven days to reopen border or face fuel cut")
    assert _pairs(reading) == {"UGA->KEN": date(2024, 3, 15)}
