"""The Reader: clean an article, parse it once with spaCy, run the extractors.

    RawArticle --clean--> Article --spaCy + actor ruler--> Doc
        --mentions--> ActorIndex --events--> Found events --threats, claims--> Reading

Each step is a small module of ``standoff.read``; this one only wires them
and turns their findings into the model's types with evidence attached.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span

from standoff.model import (
    ActorKind,
    Article,
    DatePrecision,
    Event,
    RawArticle,
    Reading,
    ResolvedDate,
    Threat,
    Warning,
)
from standoff.read import claims as claim_rules
from standoff.read.actors import (
    ActorDictionary,
    ActorEntry,
    country_of,
    is_igo,
    load_dictionary,
)
from standoff.read.budget import ArticleTimeout, check, time_limit
from standoff.read.chunks import parse, parse_many
from standoff.read.clean import clean, month_day
from standoff.read.dates import bare, collect_dropped, resolve
from standoff.read.deadlines import sets_deadline
from standoff.read.events import (
    Found,
    events_in_sentence,
    fill_implicit_targets,
    sentence_types,
    symmetric_pairs,
)
from standoff.read.inputs import raw_from_text
from standoff.read.judged_deeds import answered_charges, judged_deeds
from standoff.read.lexicon import load_lexicon, load_modality
from standoff.read.mentions import ActorIndex, Ref, countries_of
from standoff.read.pipeline import build_pipeline
from standoff.read.proposals import proposals as find_proposals
from standoff.read.spans import sentence_ents, sentences, span_text
from standoff.read.threats import build_threats

_DAYISH = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\byesterday\b|\btoday\b|"
    r"\b\d{1,2}\s+[A-Z][a-z]+|\b[A-Z][a-z]+\.?\s+\d{1,2}\b",
    re.I,
)


# Strings (words, lemmas, labels) a reader keeps beyond its model's own, some 100 bytes
# each with their lexemes (see Reader._zone), and the longest text whose strings it keeps.
KEPT_STRINGS = 100_000
KEPT_TEXT = 200_000


class Reader:
    """Reads raw articles into Readings. Load once; call :meth:`read` many times.

    Parameters
    ----------
    actors_file:
        A user's YAML actor file to extend the shipped dictionary; without it,
        ``standoff-actors.yaml`` in the working folder is used when present.
    time_limit:
        Seconds one article may take (None: no limit); :meth:`read` raises
        :class:`~standoff.read.budget.ArticleTimeout` past it (see ``budget.py``).
    """

    def __init__(
        self, actors_file: str | Path | None = None, time_limit: float | None = None
    ) -> None:
        self.time_limit = time_limit
        self.dictionary: ActorDictionary = load_dictionary(
            str(actors_file) if actors_file else None
        )
        self.nlp = build_pipeline(self.dictionary)
        self._kept_strings = len(self.nlp.vocab.strings) + KEPT_STRINGS
        self.lexicon = load_lexicon()
        self.modality = load_modality()
        resolve("9 August 2025", date(2025, 8, 6), "future")  # dateparser builds its tables once

    # ------------------------------------------------------------------ public
    def read(self, raw: RawArticle, published: date | None = None) -> Reading:
        """Read one article; ``published`` (``--date``) overrides any date found in it.

        Raises ArticleTimeout when the reader's time limit is set and passed.
        """
        with time_limit(self.time_limit, raw.origin):
            article = clean(raw, published)
            with self._zone(len(article.text)):
                doc = parse(self.nlp, article.text)
                return self._extract_all(doc, article, raw)

    def read_each(
        self, raws: Iterable[RawArticle], published: date | None = None
    ) -> Iterator[Reading | ArticleTimeout]:
        """Read articles one by one, each held to the time limit: a Reading, or the
        ArticleTimeout of an article skipped for taking too long."""
        for raw in raws:
            try:
                yield self.read(raw, published)
            except ArticleTimeout as exc:
                yield exc

    def read_many(
        self, raws: Iterable[RawArticle], published: date | None = None, batch_size: int = 16
    ) -> Iterator[Reading]:
        """Read many articles, parsing them in batches with ``nlp.pipe``."""
        batch: list[tuple[Article, RawArticle]] = []
        for raw in raws:
            batch.append((clean(raw, published), raw))
            if len(batch) == batch_size:
                yield from self._read_batch(batch, batch_size)
                batch = []
        if batch:
            yield from self._read_batch(batch, batch_size)

    def _read_batch(self, batch: list[tuple[Article, RawArticle]], size: int) -> list[Reading]:
        with self._zone(sum(len(a.text) for a, _ in batch)):
            docs = parse_many(self.nlp, (a.text for a, _ in batch), batch_size=size)
            return [
                self._extract_all(doc, article, raw)
                for (article, raw), doc in zip(batch, docs, strict=True)
            ]

    def sentence_types(self, text: str) -> list[str]:
        """PLOVER types of each trigger in ``text``, main clause first (no actors needed)."""
        out: list[str] = []
        with self._zone(len(text)):
            for sent in self.nlp(text).sents:
                out.extend(t for t, _tok in sentence_types(sent, self.lexicon, self.modality))
        return out

    def _zone(self, chars: int) -> AbstractContextManager[object]:
        """Where spaCy interns the strings of ``chars`` characters of text being read.

        The first :data:`KEPT_STRINGS` strings a reader meets stay in its vocabulary:
        they are mostly the common words of the news, and a word spaCy has to build
        again for every article cost some 5% of the reading. Past that, or for a text
        of over :data:`KEPT_TEXT` characters, the strings interned for the text are
        freed when it is read (a memory zone), so a long-running reader (an ingest of
        10,000 articles) does not grow without bound. The Reading holds plain Python
        strings and outlives the zone safely.
        """
        if chars > KEPT_TEXT or len(self.nlp.vocab.strings) >= self._kept_strings:
            return self.nlp.memory_zone()
        return nullcontext()

    # ------------------------------------------------------------------ steps
    def _extract_all(self, doc: Doc, article: Article, raw: RawArticle) -> Reading:
        """:meth:`_extract`, with a warning for each date dropped as out of range."""
        with collect_dropped() as dropped:
            reading = self._extract(doc, article, raw)
        reading.warnings.extend(
            Warning(
                kind="date-out-of-range",
                message=f'"{text}": the date it gives is not in the calendar (years 1-9999, '
                "real days only); dropped",
            )
            for text in dropped
        )
        return reading

    def _dateline_state(self, place: str | None) -> str | None:
        """The state a dateline's place names ("Warsaw": POL); None for none, for a place
        of no state's (an organisation's seat) or for two ("Seoul/Tokyo")."""
        code = self.dictionary.country_for(place) if place else None
        return code if code is not None and len(code) == 3 and not is_igo(code) else None

    def _extract(self, doc: Doc, article: Article, raw: RawArticle) -> Reading:
        index = ActorIndex(doc, self.dictionary, home=self._dateline_state(article.place))
        warnings: list[Warning] = []
        if raw.decode_warning:
            warnings.append(Warning(kind="encoding", message=raw.decode_warning))
        if article.published is None:
            warnings.append(
                Warning(
                    kind="no-date",
                    message=_no_date(article),
                )
            )
        conflict = _date_conflict(article, raw)
        if conflict:
            warnings.append(Warning(kind="supplied-date", message=conflict))
        headline_end = len(article.headline) if article.headline else 0
        found: list[Found] = []
        for sent in sentences(doc):
            check()  # the time limit, where no timer signal can interrupt (budget.py)
            if not span_text(sent).strip():
                continue
            found.extend(events_in_sentence(sent, index, self.lexicon, self.modality))
        ctx = claim_rules.ArticleContext(article.id, article.source, article.published)
        threats, date_warnings = build_threats(
            doc,
            found,
            index,
            self.lexicon,
            article_id=article.id,
            source=article.source,
            published=article.published,
            headline_end=headline_end,
        )
        warnings.extend(date_warnings)
        _fill_sources(found, threats)
        symmetric_pairs(found)  # first: "X and Y agreed" pairs its own subjects
        judged_deeds(found)  # "welcomed the agreement": its parties, before any guess
        answered_charges(found)  # "rejected the charge": the accuser, over any guess
        fill_implicit_targets(found, _counterparts(index, threats), _states_named(index))
        events = self._events(found, ctx, article.published, _deadline_texts(threats))
        events = _told_once(events, headline_end)
        events.extend(_third_party_threats(threats, events))
        proposals = find_proposals(doc, index, found, ctx, headline_end)
        claims = [
            *claim_rules.conditions(doc, index, ctx),
            *claim_rules.beliefs(doc, index, ctx),
            *claim_rules.event_claims(found, ctx),
        ]
        return Reading(
            article=article,
            actors=index.actors(),
            events=events,
            claims=claims,
            threats=threats,
            proposals=proposals,
            warnings=warnings,
        )

    def _events(
        self,
        found: list[Found],
        ctx: claim_rules.ArticleContext,
        published: date | None,
        deadlines: dict[int, set[str]],
    ) -> list[Event]:
        """``deadlines`` maps a sentence's evidence start to the texts of the threat
        deadlines read in it (:func:`_deadline_texts`); none of them dates an event."""
        out: list[Event] = []
        seen: set[tuple[str, str, str | None, int]] = set()
        dates: dict[int, ResolvedDate | None] = {}  # one date per sentence, however many events
        for f in found:
            evidence = ctx.evidence(f.sentence)
            if f.sentence.start not in dates:
                taken = deadlines.get(evidence.start, set())
                dates[f.sentence.start] = _sentence_date(f.sentence, published, taken)
            when = dates[f.sentence.start]
            targets: list[Ref | None] = list(f.targets) or [None]
            for s in f.sources:
                for t in targets:
                    if t is not None and t.country == s.country:
                        continue  # an actor does not act on itself at country level
                    key = (f.type, s.code, t.code if t else None, f.sentence.start)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(
                        Event(
                            type=f.type,
                            mode=f.mode,
                            source=s.code,
                            target=t.code if t else None,
                            date=when,
                            cue=f.cue,
                            evidence=evidence,
                            context=["target inferred"] if f.inferred_target else [],
                        )
                    )
        return out


def _told_once(events: list[Event], headline_end: int) -> list[Event]:
    """The headline's events less those the body tells too: an event is reported once, with
    the body's evidence, which says more ("imposed a 30% duty ... on Wednesday") than the
    headline's few words ("imposes duties")."""
    if not headline_end:
        return events
    told = {(e.type, e.source, e.target) for e in events if e.evidence.start >= headline_end}
    return [
        e
        for e in events
        if e.evidence.start >= headline_end or (e.type, e.source, e.target) not in told
    ]


def _no_date(article: Article) -> str:
    """Why the article is undated, and what to do about it."""
    if article.undated_dateline:
        return (
            f'the dateline gives "{article.undated_dateline}" with no year and the text\'s '
            "other dates do not settle it: the article is undated, relative dates stay "
            "unresolved (give --date)"
        )
    return "no publication date given or found: relative dates stay unresolved (give --date)"


def _date_conflict(article: Article, raw: RawArticle) -> str | None:
    """Why the date the user supplied (``ingest --date``) disagrees with the article, if
    it does: the article states another date (which wins), or its yearless dateline
    names another day than the supplied one (the supplied date is kept)."""
    supplied = raw.supplied_date
    if supplied is None or article.published is None:
        return None
    if article.published != supplied:
        return (
            f"--date {supplied.isoformat()} not used: the article states "
            f"{article.published.isoformat()}, which wins"
        )
    if article.undated_dateline:
        day = month_day(article.undated_dateline, supplied)
        if day is not None and (day.month, day.day) != (supplied.month, supplied.day):
            return (
                f"--date {supplied.isoformat()} used, but the dateline gives "
                f'"{article.undated_dateline}"'
            )
    return None


def _deadline_texts(threats: list[Threat]) -> dict[int, set[str]]:
    """The text of each threat's deadline (bare of its preposition, :func:`dates.bare`),
    by the start of each sentence the threat was read from."""
    out: dict[int, set[str]] = {}
    for t in threats:
        if t.deadline is not None:
            for e in t.evidence:
                out.setdefault(e.start, set()).add(bare(t.deadline.text))
    return out


def _sentence_date(
    sent: Span, published: date | None, deadlines: set[str] | None = None
) -> ResolvedDate | None:
    """When a sentence says its event happened ('on Wednesday'), else the publication date.

    A date that sets a time limit ('by next Friday', 'within ten days', a date inside an
    'unless' condition, or one already read as a threat's deadline, ``deadlines``) says
    when something is due, not when the event happened: it is passed over for the next
    date phrase, else the publication date.
    """
    for ent in sentence_ents(sent):
        if (
            ent.label_ == "DATE"
            and _DAYISH.search(ent.text)
            and bare(ent.text) not in (deadlines or set())
            and not sets_deadline(ent, sent)
            and not re.search(
                r"deadline|days?\s+(from|before)|within",
                span_text(sent)[
                    ent.start_char - sent.start_char - 12 : ent.end_char - sent.start_char + 12
                ],
                re.I,
            )
        ):
            r = resolve(ent.text, published, "past")
            if r.value is not None:
                return r
    if published is None:
        return None
    return ResolvedDate(value=published, precision=DatePrecision.DAY, text="publication date")


def _counterparts(index: ActorIndex, threats: list[Threat]) -> Callable[[str], list[str]]:
    """The other parties an actor faces: from threats first, then from co-mentions.

    A target threatened by several senders in the same sentences ("Britain, France and
    Germany triggered ...") faces them all; otherwise one party.
    """
    by_threat: dict[str, list[str]] = {}
    for t in threats:
        if t.target not in by_threat:
            shared = {(e.start, e.end) for e in t.evidence}
            by_threat[t.target] = [
                u.sender
                for u in threats
                if u.target == t.target
                and (u is t or shared & {(e.start, e.end) for e in u.evidence})
            ]
        by_threat.setdefault(t.sender, [t.target])
        for third in t.third_parties:
            by_threat.setdefault(third, [t.sender])
    co: dict[str, Counter[str]] = {}
    named: Counter[str] = Counter()  # in how many sentences each state is named
    for mentions in index.by_sentence():
        # In order of mention (not a set): ties go to the first named, the same every run.
        countries = countries_of(r for r in mentions if len(r.country) == 3 and r.how != "pronoun")
        named.update(countries)
        for a in countries:
            for b in countries:
                if b != a:
                    co.setdefault(a, Counter())[b] += 1

    def counterpart(country: str) -> list[str]:
        if country in by_threat:
            return by_threat[country]
        if country in co and co[country]:
            # a tie goes to the state the article names most (its main party, not a
            # bystander named beside it as often), then to the first named
            return [max(co[country], key=lambda b: (co[country][b], named[b]))]
        return []

    return counterpart


def _states_named(index: ActorIndex) -> Callable[[Span], set[str]]:
    """The states a sentence names (not by a pronoun), for :func:`fill_implicit_targets`."""

    def named(sent: Span) -> set[str]:
        refs = index.refs_between(sent.start, sent.end)
        return {r.country for r in refs if len(r.country) == 3 and r.how != "pronoun"}

    return named


def _fill_sources(found: list[Found], threats: list[Threat]) -> None:
    """A measure or threat the sentence leaves unauthored ("India was hit with a tariff",
    "the sanctions will be reimposed") is the work of the sender whose threat names that
    target or third party; with no such threat it is dropped."""
    for f in list(found):
        if f.sources:
            continue
        senders = [
            t.sender
            for t in threats
            for r in f.targets
            if r.country == t.target or r.country in t.third_parties
        ]
        if not senders:
            found.remove(f)
            continue
        f.sources = [
            Ref(
                ActorEntry(senders[0], senders[0], senders[0], ActorKind.STATE),
                f.trigger.i,
                f.trigger.i + 1,
                "inferred",
            )
        ]
        f.targets = [r for r in f.targets if r.country != senders[0]]


def _third_party_threats(threats: list[Threat], events: list[Event]) -> list[Event]:
    """A threat is a THREATEN event of its sender against its target, and against each of its
    third parties (secondary measures), even when no single verb says "threaten"."""
    out: list[Event] = []
    have = {(e.type, country_of(e.source), country_of(e.target)) for e in events}
    for t in threats:
        # a measure the article reports carried out is a SANCTION, not a fresh threat, even
        # when its deadline is known
        threatened = t.demand or t.status.value != "carried_out"
        if threatened and ("THREATEN", t.sender, t.target) not in have and t.evidence:
            have.add(("THREATEN", t.sender, t.target))
            out.append(
                Event(
                    type="THREATEN",
                    mode="sanction",
                    source=t.sender,
                    target=t.target,
                    date=None,
                    cue="threat",
                    evidence=t.evidence[0],
                    context=["stated as a threat"],
                )
            )
        for third in t.third_parties:
            if ("THREATEN", t.sender, third) in have or not t.evidence:
                continue
            out.append(
                Event(
                    type="THREATEN",
                    mode="sanction",
                    source=t.sender,
                    target=third,
                    date=None,
                    cue="secondary measures",
                    evidence=t.evidence[-1],
                    context=["third party of a threat"],
                )
            )
    return out


@cache
def shared_reader(actors_file: str | None = None, time_limit: float | None = None) -> Reader:
    """This process's reader for these options, loaded on first use and kept: loading the
    pipeline takes seconds, so every command, API call, ingest and worker of one process
    shares it (a Reader holds no state from one article to the next)."""
    return Reader(actors_file=actors_file, time_limit=time_limit)


def read_raw(raw: RawArticle | str, published: date | None = None) -> Reading:
    """Read one article, a RawArticle or its text as a string (HTML when it looks like a
    page), with a fresh Reader (convenient, but loads the pipeline each call)."""
    if isinstance(raw, str):
        raw = raw_from_text(raw)
    return Reader().read(raw, published)
