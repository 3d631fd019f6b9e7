"""Clean a raw article into an :class:`Article`: body paragraphs, title, date, source.

News text arrives with furniture around the story: bylines, datelines
("MOSCOW, Aug 7 (Wire) -"), photo captions, "Read more" links, source and
credit lines, and, when scraped, the whole body printed twice. Each kind of
furniture is one entry of :data:`LINE_RULES`; a line that matches is dropped
from the body (and may give the article its date or source). HTML pages go
through trafilatura first, which keeps the page's own title, date and site.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlparse

from standoff.model import Article, RawArticle

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH_NUMBER = {
    m[:3]: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}
# A full date as datelines, bylines and "Published" lines write it.
FULL_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTHS})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))(?:\b|(?=T\d))",
    re.IGNORECASE,
)
# "MOSCOW, Aug 7 (Meridian Wire) -" or "ANKARA (Wire) -" or "WASHINGTON -"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{2,40}(?:/[A-Z][A-Z.'\- ]{2,40})*(?:,\s*[A-Z][A-Za-z.]+)?)"
    rf"(?:,\s*(?P<date>(?:{_MONTHS})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    r"\s*(?:\((?P<agency>[^)]{2,40})\))?\s*[-\u2013\u2014]+\s+",
    re.IGNORECASE,
)
# A bare domain or URL on its own line ("example.com/world/2025/07/29/story").
DOMAIN = re.compile(
    r"(?:https?://)?(?:www\.)?(?P<src>[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)+)(?:/\S*)?", re.I
)


def find_full_date(text: str) -> date | None:
    """The first complete day-month-year date written in ``text``, if any."""
    for m in FULL_DATE.finditer(text):
        try:
            if m.group("y3"):
                return date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
            day = int(m.group("d1") or m.group("d2"))
            month = _MONTH_NUMBER[(m.group("m1") or m.group("m2")).lower()[:3]]
            year = int(m.group("y1") or m.group("y2"))
            return date(year, month, day)
        except ValueError:
            continue
    return None


def normalise_source(value: str | None) -> str | None:
    """'https://www.aljazeera.com/news/x' or 'www.aljazeera.com' -> 'aljazeera.com'."""
    if not value:
        return None
    value = value.strip().strip("()").strip()
    if "//" in value:
        try:
            value = urlparse(value).netloc or value
        except ValueError:  # "http://[::1": a broken IPv6 host; keep what follows "//"
            value = value.split("//", 1)[1]
    value = value.split("/")[0].lower()
    return value.removeprefix("www.") or None


@dataclass
class _Found:
    """What furniture lines told us about the article."""

    source: str | None = None
    published: date | None = None
    title: str | None = None
    place: str | None = None
    dateline_day: str | None = None  # "July 14" in a dateline that names no year
    dropped: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- line rules
# Each rule: a name, a pattern on the stripped line, and what the line tells us.

_Action = Callable[[re.Match[str], _Found], None]


def _set_source(m: re.Match[str], found: _Found) -> None:
    found.source = found.source or normalise_source(m.group("src"))


def _set_date(m: re.Match[str], found: _Found) -> None:
    found.published = found.published or find_full_date(m.group(0))


def _nothing(m: re.Match[str], found: _Found) -> None:
    return None


def _header(m: re.Match[str], found: _Found) -> None:
    """A masthead or 'Outlet, 1 January 2009' line: its date and any domain it names."""
    _set_date(m, found)
    _domain_in_line(m, found)


def _domain_in_line(m: re.Match[str], found: _Found) -> None:
    """A copyright or masthead line that names the outlet's domain: keep it as the source."""
    domain = DOMAIN.search(m.group(0))
    if domain and "." in domain.group("src") and not domain.group("src")[0].isdigit():
        found.source = found.source or normalise_source(domain.group("src"))


_HEADER_DATE = (
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:\d{{1,2}}\s+(?:{_MONTHS})|(?:{_MONTHS})\s+\d{{1,2}}),?\s+\d{{4}}"
    r"(?:\s*[|,\u00b7-]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?\.?"
)
# (name, pattern on the whole stripped line, what the line tells us). First match wins.
LINE_RULES: list[tuple[str, re.Pattern[str], _Action]] = [
    (
        "source line",
        re.compile(r"^\(?\s*source\s*:\s*(?P<src>[\w.\-/:]+)\s*\)?\.?$", re.I),
        _set_source,
    ),
    ("url line", re.compile(rf"^{DOMAIN.pattern}$", re.I), _set_source),
    (
        "credit line",
        re.compile(
            r"^\(?(?:reporting|writing|additional reporting|editing|compiled)\s+by\b.{0,200}$", re.I
        ),
        _nothing,
    ),
    (
        "byline",
        re.compile(
            r"^(?:[Bb]y|(?:[Aa]nalysis|[Oo]pinion|[Cc]ommentary|[Ww]ords|[Rr]eport)\s+by)\s+"
            r"[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}(?:\s*(?:,|\||and|\u00b7|-)\s*.{0,80})?$"
        ),
        _set_date,
    ),
    (
        "date line",
        re.compile(
            rf"^(?:published|updated|posted|last updated|first published)?\s*:?\s*(?:on\s+)?"
            rf"{_HEADER_DATE}$",
            re.I,
        ),
        _set_date,
    ),
    (
        "published line",
        re.compile(
            r"^.{0,60}\b(?:published|updated|posted|last updated)\b.{0,80}\d{4}.{0,60}$", re.I
        ),
        _header,
    ),
    (
        "link line",
        re.compile(
            r"^(?:read more|read also|also read|related|related stories|more on this|see also|"
            r"watch|listen|sign up|subscribe|follow us|share this|advertisement|click here)"
            r"\b.{0,200}$",
            re.I,
        ),
        _nothing,
    ),
    (
        "caption",
        re.compile(
            r"^(?:\(?(?:photo|image|picture|file photo|caption|video)\s*(?:credit)?\s*[:|\-])"
            r".{0,300}$",
            re.I,
        ),
        _nothing,
    ),
    (
        "credit",
        re.compile(r"^.{0,250}\b(?:photo|image|picture)\s*(?:by|:)\s*[^.]{0,60}$", re.I),
        _nothing,
    ),
    (
        "copyright",
        re.compile(r"^(?:\u00a9|copyright\b|all rights reserved).{0,200}$", re.I),
        _domain_in_line,
    ),
    ("masthead", re.compile(r"^[^.!?|]{1,60}(?:\s\|\s[^.!?|]{1,40}){1,6}$"), _header),
    (
        "outlet and date",
        re.compile(rf"^[A-Z][\w .&'\-]{{1,40}}\s*[,|\u00b7\-]\s*{_HEADER_DATE}$", re.I),
        _header,
    ),
]


def _furniture(line: str, found: _Found) -> bool:
    """True when ``line`` is furniture; records what it tells us in ``found``."""
    for name, pattern, action in LINE_RULES:
        m = pattern.match(line)
        if m:
            action(m, found)
            found.dropped.append(f"{name}: {line}")
            return True
    return False


_TERMINAL = (".", "!", "?", '"', "'", "\u201d", "\u2019", ":", ")", ";")


def _is_heading(line: str) -> bool:
    """A short line with no closing punctuation: a headline or section heading."""
    words = line.split()
    return 0 < len(words) <= 14 and len(line) <= 110 and not line.endswith(_TERMINAL)


# A live blog's entry opens with the time it was posted ("14:20 The Thai army says ...",
# "09:20 CET - Leaders arrive"): the time is no part of the first sentence, whose subject
# the parser would otherwise miss.
TIME_STAMP = re.compile(
    r"^(?:[01]?\d|2[0-3])[:.][0-5]\d"  # 14:20, 9.05
    r"(?:\s+[A-Z]{2,4})?"  # a time zone: CET, GMT
    r"\s*(?:[-\u2013\u2014:|]\s*)?"  # a separator
    r"(?=[A-Z\"\u201c])"  # before the entry's first word
)


def strip_time_stamp(paragraph: str) -> str:
    """A paragraph without the time stamp a live blog's entry opens with."""
    return TIME_STAMP.sub("", paragraph, count=1)


def split_paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs, re-joining lines that were hard-wrapped.

    A line break inside a paragraph is undone when the line does not end a
    sentence and the next one starts in lower case.
    """
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current and not current.endswith(_TERMINAL) and line[:1].islower():
            current = f"{current} {line}"
        else:
            if current:
                paragraphs.append(current)
            current = line
    if current:
        paragraphs.append(current)
    return [" ".join(p.split()) for p in paragraphs]


def _story_start(body: list[str], title: str | None, headings: list[str]) -> int:
    """Where the story opens in the body (its dateline's paragraph): after a headline kept
    in the body, a heading, or a first line with no final stop; else the first."""
    if len(body) > 1 and (body[0] == title or body[0] in headings or not ends_sentence(body[0])):
        return 1
    return 0


def ends_sentence(paragraph: str) -> bool:
    """Whether a paragraph ends as prose does (a headline has no final stop)."""
    return paragraph.rstrip().rstrip("\"'\u201d\u2019)").endswith((".", "!", "?", "\u2026"))


def _strip_dateline(paragraph: str, found: _Found, published: date | None) -> str:
    m = DATELINE.match(paragraph)
    if not m or len(m.group("place").split()) > 4:
        return paragraph
    place = m.group("place").strip()
    if not place.replace(",", "").replace(" ", "").replace(".", "").isupper():
        return paragraph  # "Russia's foreign ministry -" is prose, not a dateline
    found.place = place.title()
    found.dropped.append(f"dateline: {m.group(0).strip()}")
    if m.group("date") and found.published is None:
        found.published = find_full_date(m.group("date")) or month_day(m.group("date"), published)
        if found.published is None:
            found.dateline_day = m.group("date")
    return paragraph[m.end() :]


_YEAR_OF_DATE = re.compile(rf"\b(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?(?P<y>(?:19|20)\d\d)\b", re.I)


def _agreed_year(text: str) -> int | None:
    """The year every month-and-year date of the text names ("June 10, 2025", "14 July
    2025", "May 2025"), None when they name none or disagree."""
    years = {int(m.group("y")) for m in _YEAR_OF_DATE.finditer(text)}
    return years.pop() if len(years) == 1 else None


def _dateline_year(found: _Found, body: list[str]) -> str | None:
    """A dateline day with no year ("WASHINGTON, July 14 -") dated by the year the text's
    other dates agree on; the day itself when they do not settle it (the article is undated)."""
    if found.dateline_day is None or found.published is not None:
        return None
    year = _agreed_year("\n".join(body))
    found.published = None if year is None else month_day(found.dateline_day, date(year, 1, 1))
    return found.dateline_day if found.published is None else None


def month_day(text: str, base: date | None) -> date | None:
    """'Aug 7' in a dateline: the year is the publication year when known."""
    m = re.match(rf"(?P<m>{_MONTHS})\.?\s+(?P<d>\d{{1,2}})", text, re.I)
    if not m or base is None:
        return None
    try:
        return date(base.year, _MONTH_NUMBER[m.group("m").lower()[:3]], int(m.group("d")))
    except ValueError:
        return None


def raw_id(raw: RawArticle) -> str:
    """The content hash that identifies an input article (first 16 hex digits of sha256)."""
    body = raw.html if raw.html is not None else (raw.text or "")
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _valid_url(url: str | None) -> str | None:
    """``url`` when it parses as a URL, else None (trafilatura would fail on it)."""
    if url is None:
        return None
    try:
        urlparse(url)
    except ValueError:
        return None
    return url


def _html_to_text(raw: RawArticle) -> tuple[str, dict[str, str | None]]:
    import trafilatura

    options: dict[str, Any] = {
        "url": _valid_url(raw.url),
        "include_comments": False,
        "include_tables": False,
        "include_images": False,
        "include_links": False,
        "favor_precision": True,
    }
    try:
        doc = trafilatura.bare_extraction(raw.html or "", with_metadata=True, **options)
    except Exception:  # noqa: BLE001 - htmldate and trafilatura assert on some broken pages
        # ("<svg><meta><e>" trips an assertion in htmldate): the text without metadata.
        try:
            doc = trafilatura.bare_extraction(raw.html or "", with_metadata=False, **options)
        except Exception:  # noqa: BLE001 - the same for the body: read the page's text
            return _tag_free(raw.html or ""), {}
    if doc is None:
        return "", {}
    meta = {
        "title": getattr(doc, "title", None),
        "date": getattr(doc, "date", None),
        "sitename": getattr(doc, "sitename", None),
        "hostname": getattr(doc, "hostname", None),
        "url": getattr(doc, "url", None),
    }
    return getattr(doc, "text", None) or "", meta


_TAG = re.compile(r"<[^>]*>")


def _tag_free(html: str) -> str:
    """The text of a page trafilatura cannot parse: tags dropped, entities kept as written."""
    return _TAG.sub(" ", html)


def clean(raw: RawArticle, published: date | None = None) -> Article:
    """Turn a raw article into a clean :class:`Article`.

    ``published`` (the user's ``--date``) wins over any date found in the text.
    """
    found = _Found()
    meta: dict[str, str | None] = {}
    if raw.html is not None:
        text, meta = _html_to_text(raw)
        if meta.get("date"):
            found.published = find_full_date(str(meta["date"]))
        found.source = normalise_source(meta.get("hostname") or meta.get("url") or raw.url)
        if not found.source and meta.get("sitename"):
            found.source = meta["sitename"]
        found.title = meta.get("title")
    else:
        text = raw.text or ""

    body: list[str] = []
    headings: list[str] = []
    seen: set[str] = set()
    duplicates = 0
    for paragraph in map(strip_time_stamp, split_paragraphs(text)):
        if _furniture(paragraph, found):
            continue
        key = re.sub(r"\W+", " ", paragraph.lower()).strip()
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        if not body and found.title is None and _is_heading(paragraph):
            found.title = paragraph
            found.dropped.append(f"title: {paragraph}")
            continue
        if _is_heading(paragraph):
            headings.append(paragraph)
        body.append(paragraph)

    if not body and found.title is not None and raw.html is None:
        # a text that is only a headline ("X gives Y 50 days to end the war or face
        # tariffs") is an article of one sentence: read it, do not drop it as a title
        body.append(found.title)
        found.dropped.remove(f"title: {found.title}")
    when = published or raw.published or found.published
    undated = None
    if body:
        # the dateline opens the story's first paragraph, after any headline or heading
        # kept in the body ("ANALYSIS: A fishing truce ..." then "BRUSSELS - Britain ...")
        first = _story_start(body, found.title, headings)
        body[first] = _strip_dateline(body[first], found, when)
        undated = None if when else _dateline_year(found, body)
        when = published or raw.published or found.published
        if found.title and body[0] == found.title and len(body) > 1:
            body.pop(0)
    # the user's supplied date only fills a date the article does not state; a yearless
    # dateline stays recorded (undated_dateline) so the reader can check it agrees
    when = when or raw.supplied_date
    title = raw.title or found.title
    headline = title if _reads_as_headline(title, body) else None

    return Article(
        id=raw_id(raw),
        title=title,
        headline=headline,
        published=when,
        source=normalise_source(raw.source) or found.source or normalise_source(raw.url),
        url=raw.url or meta.get("url"),
        place=found.place,
        paragraphs=body,
        headings=headings,
        duplicate_paragraphs_dropped=duplicates,
        boilerplate_dropped=found.dropped,
        undated_dateline=undated,
        text="\n\n".join([headline, *body] if headline else body),
    )


# Fewer words than this is a label ("ANALYSIS:", "Live updates"), not a headline.
HEADLINE_WORDS = 4


def _reads_as_headline(title: str | None, body: list[str]) -> bool:
    """A title above a body is read as its first paragraph: news often states the threat
    there ("X gives Y ten days to ... or face tariffs") and no body sentence restates it
    whole. A short label, or a title the body already starts with, is not."""
    if not title or not body or title.strip() == body[0].strip():
        return False
    return len(title.split()) >= HEADLINE_WORDS
