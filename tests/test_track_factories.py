"""Hand-made Readings for the track tests (no test here: factories shared by test_track_*).

They tell the 2025 ultimatum the way the reader's conventions say it will be
read, so the ledger logic is tested apart from the reader's quality.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

from standoff.model import (
    Article,
    DatePrecision,
    Event,
    Evidence,
    Proposal,
    RawArticle,
    Reading,
    ResolvedDate,
    Threat,
    ThreatStatus,
)


def article(day: date | None, source: str = "wire.example", salt: str = "") -> Article:
    ident = hashlib.sha256(f"{day}{source}{salt}".encode()).hexdigest()[:16]
    return Article(id=ident, published=day, source=source, text=f"body {salt}")


def evidence(sentence: str, art: Article, start: int = 0) -> Evidence:
    return Evidence(
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        article_id=art.id,
        source=art.source,
        published=art.published,
    )


def deadline(value: date, approximate: bool = False, text: str = "") -> ResolvedDate:
    return ResolvedDate(
        value=value, precision=DatePrecision.DAY, text=text or str(value), approximate=approximate
    )


def threat(
    art: Article,
    sentence: str,
    *,
    sender: str = "USA",
    target: str = "RUS",
    measures: tuple[str, ...] = ("secondary tariffs",),
    due: ResolvedDate | None = None,
    third: tuple[str, ...] = ("CHN", "IND"),
    status: ThreatStatus = ThreatStatus.PENDING,
    demand: str | None = "reach an agreement to end the war in Ukraine",
) -> Threat:
    return Threat(
        sender=sender,
        target=target,
        third_parties=list(third),
        demand=demand,
        measures=list(measures),
        deadline=due,
        status=status,
        evidence=[evidence(sentence, art)],
    )


def event(
    art: Article,
    kind: str,
    source: str,
    target: str | None,
    day: date | None,
    sentence: str,
    cue: str = "",
) -> Event:
    return Event(
        type=kind,
        source=source,
        target=target,
        date=None if day is None else deadline(day),
        cue=cue,
        evidence=evidence(sentence, art, start=7),
    )


def reading(art: Article, **items: list) -> Reading:  # type: ignore[type-arg]
    return Reading(article=art, **items)


JULY14 = date(2025, 7, 14)
JULY29 = date(2025, 7, 29)
AUG1 = date(2025, 8, 1)
AUG7 = date(2025, 8, 7)
AUG16 = date(2025, 8, 16)
AUG20 = date(2025, 8, 20)
SEPT2 = date(2025, 9, 2)
AUG8 = date(2025, 8, 8)
AUG6 = date(2025, 8, 6)


def ultimatum_story(india_tariff: bool = True) -> list[Reading]:
    """The ultimatum in six articles: set, moved, restated, India hit, summit, after."""
    a = article(JULY14, "meridianwire.example")
    b = article(JULY29, "northbridge-post.example")
    c = article(AUG1, "harbourline.example")
    d = article(AUG7, "continental-daily.example")
    e = article(AUG16, "wire.example", "summit")
    f = article(AUG20, "wire.example", "after")
    out = [
        reading(
            a,
            threats=[
                threat(
                    a,
                    "Trump gave Moscow 50 days and threatened secondary tariffs.",
                    due=deadline(SEPT2, approximate=True, text="50 days"),
                )
            ],
            proposals=[
                Proposal(
                    name="ceasefire",
                    text="a 30-day ceasefire",
                    sponsors=["USA"],
                    supporters=["UKR"],
                    evidence=[evidence("Kyiv accepted a U.S. proposal for a ceasefire.", a, 40)],
                )
            ],
        ),
        reading(
            b,
            threats=[
                threat(
                    b,
                    "Russia had ten days, which points to about August 8.",
                    sender="USAGOV",
                    measures=("tariffs", "sanctions"),
                    due=deadline(AUG8, approximate=True, text="about August 8"),
                ),
                # Background retold: the original date must not move the deadline back.
                threat(
                    b,
                    "The original date was roughly September 2.",
                    due=deadline(SEPT2, approximate=True),
                ),
            ],
            proposals=[
                Proposal(
                    name="ceasefire",
                    text="ceasefire",
                    opponents=["RUS"],
                    evidence=[evidence("Moscow did not accept a ceasefire.", b, 90)],
                )
            ],
        ),
        reading(
            c,
            threats=[
                threat(
                    c,
                    "Unless Russia moves by next Friday, tariffs follow.",
                    measures=("tariffs",),
                    due=deadline(AUG8),
                )
            ],
        ),
        reading(
            d,
            events=[
                event(
                    d,
                    "AGREE",
                    "RUSGOV",
                    "USA",
                    AUG7,
                    "A Kremlin aide says a summit is agreed in principle.",
                    "agreed",
                )
            ]
            + (
                [
                    event(
                        d,
                        "SANCTION",
                        "USA",
                        "IND",
                        AUG6,
                        "Trump signed an order adding a 25% tariff on Indian goods.",
                        "tariff",
                    )
                ]
                if india_tariff
                else []
            ),
            proposals=[
                Proposal(
                    name="summit",
                    text="a summit of the two leaders",
                    sponsors=["RUS"],
                    evidence=[evidence("Putin and Trump agreed to meet at a summit.", d, 3)],
                )
            ],
        ),
        reading(
            e,
            events=[
                event(
                    e,
                    "CONSULT",
                    "USA",
                    "RUS",
                    date(2025, 8, 15),
                    "Trump and Putin met at a summit in Alaska.",
                    "summit",
                )
            ],
        ),
        reading(f),
    ]
    return out


def ultimatum_store(path: Path) -> Path:
    """A store at ``path`` holding :func:`ultimatum_story`, added as an ingest adds them."""
    from standoff.track.store import Store

    with Store(path) as store:
        for r in ultimatum_story():
            store.add(r, r.article.id)
    return path


def fake_read(raw: RawArticle) -> Reading:
    """A stand-in reader: the article as given, and two events per article.

    Lets ingest tests check store behaviour without depending on the real reader.
    """
    text = raw.text or raw.html or ""
    art = Article(
        id=hashlib.sha256(text.encode()).hexdigest()[:16],
        published=raw.published,
        source=raw.source,
        url=raw.url,
        text=text,
    )
    events = [
        event(art, "CONSULT", "USA", "RUS", raw.published, f"{text[:40]} {n}") for n in range(2)
    ]
    if "UNREADABLE" in text:
        raise ValueError("the reader choked on this article")
    return Reading(article=art, events=events)


def threat_read(raw: RawArticle) -> Reading:
    """:func:`fake_read` plus one threat (USA on RUS, IND or CHN by the text's first
    character, a deadline ten days after publication), so ledgers have something to hold."""
    reading = fake_read(raw)
    art = reading.article
    target = ("RUS", "IND", "CHN")[ord((art.text or "x")[0]) % 3]
    due = deadline(art.published + timedelta(days=10)) if art.published else None
    reading.threats = [threat(art, f"{art.text[:30]} threat", target=target, due=due)]
    return reading


_WORDS = (
    "tariff deadline summit envoy oil crude ceasefire moratorium sanction kremlin washington "
    "delhi beijing treasury order levy buyer export import talks meeting ultimatum"
).split()


def article_text(n: int, words: int = 40) -> str:
    """A distinct pseudo-article (no two share a 3-word shingle by design of the mixing)."""
    import random

    rng = random.Random(n)
    return " ".join(f"{rng.choice(_WORDS)}{rng.randrange(1000)}" for _ in range(words)) + "."


def write_jsonl(path: Path, numbers: range, start: date = date(2025, 7, 1)) -> Path:
    import json
    from datetime import timedelta

    with path.open("w") as handle:
        for n in numbers:
            record = {
                "text": article_text(n),
                "source": f"outlet{n % 5}.example",
                "published": (start + timedelta(days=n % 60)).isoformat(),
            }
            handle.write(json.dumps(record) + "\n")
    return path
