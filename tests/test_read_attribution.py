"""Who acts in what one party says of another: demands, allegations, guessed targets.

Sentences written for these tests in the shape of wire copy. A demand ("must cut its
ties") is a REQUEST of the one who states it, made of the one who must act; an
allegation ("alleged that France took part") is an ACCUSE by the one who makes it; an
agreement or a promise whose other party the sentence does not name gets no guessed one.
"""

from __future__ import annotations

from datetime import date

import pytest

from standoff.model import RawArticle
from standoff.read.reader import Reader
from standoff.read.score import triples

DAY = date(2024, 3, 6)


def read_triples(reader: Reader, text: str) -> set[tuple[str, str, str]]:
    return triples(reader.read(RawArticle(text=text), published=DAY))


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        # a "must" under a verb of belief: the believer asks it of the subject
        (
            "Paris believes that Ankara must withdraw its troops from Syria.",
            ("REQUEST", "FRA", "TUR"),
            ("REQUEST", "TUR", "SYR"),
        ),
        # a report's allegation: its maker accuses, the alleged deed is no assault
        (
            "A Rwandan report alleged that France took part in the massacres in Rwanda.",
            ("ACCUSE", "RWA", "FRA"),
            ("ASSAULT", "FRA", "RWA"),
        ),
        (
            "Moscow claims that Ukrainian drones struck the plant near Kursk.",
            ("ACCUSE", "RUS", "UKR"),
            ("ASSAULT", "UKR", "RUS"),
        ),
    ],
)
def test_said_of_another(
    reader: Reader, text: str, expected: tuple[str, str, str], wrong: tuple[str, str, str]
) -> None:
    found = read_triples(reader, text)
    assert expected in found
    assert wrong not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nationality inside the subject's phrase: the weapon's, the unit's, the group's
        (
            "Israeli tank shelling killed four Palestinians in Rafah on Sunday, medics said.",
            ("ASSAULT", "ISR", "PSE"),
        ),
        ("A Serbian army jet shot down a Croatian helicopter.", ("ASSAULT", "SRB", "HRV")),
        (
            "A member of the Syrian parliament went on hunger strike to protest against Israel.",
            ("PROTEST", "SYR", "ISR"),
        ),
    ],
)
def test_nationality_inside_the_subject(
    reader: Reader, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in read_triples(reader, text)


@pytest.mark.parametrize(
    "text",
    [
        # the content of a list of demands, with no one named as making it
        "Under the new list, Qatar must cut its diplomatic ties to Iran.",
        # an agreement-like promise whose other party the sentence leaves unsaid
        "Serbia and Kosovo argued over licence plates on Monday. "
        "Serbia promised a full investigation into the shooting.",
        # a statement released is no concession
        "Egypt released a statement on the Israeli prisoners.",
    ],
)
def test_no_deed_and_no_guessed_party(reader: Reader, text: str) -> None:
    found = read_triples(reader, text)
    assert not {t for t in found if t[0] in ("SANCTION", "AGREE", "CONCEDE")}, found
