"""Turn paths on disk into :class:`RawArticle` records, refusing bad input early.

Accepted: plain text (``.txt`` or anything that decodes), HTML (``.html``,
``.htm`` or text that starts like a page), JSON Lines (``.jsonl``: one article
a line with ``text`` or ``html`` and optional ``url``, ``source``, ``title``,
``published``) and folders of those. Every refusal is a :class:`UserError`
whose message names the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from standoff.errors import UserError
from standoff.model import RawArticle

MAX_BYTES = 5 * 1024 * 1024
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".json"}
_HTML_SUFFIXES = {".html", ".htm"}


def decode(data: bytes, origin: str) -> tuple[str, str | None]:
    """Decode bytes as UTF-8, else as cp1252/Latin-1 with a warning.

    Returns the text and a warning (None when the input was valid UTF-8).
    Raises UserError for empty or binary input.
    """
    if not data.strip():
        raise UserError(f"{origin}: the file is empty")
    if b"\x00" in data[:8192]:
        raise UserError(f"{origin}: looks like a binary file, not an article")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        position = exc.start
    try:
        text, codec = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8d ...)
        text, codec = data.decode("latin-1"), "Latin-1"
    return text, f"{origin}: not valid UTF-8 (byte {position}); decoded as {codec} instead"


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UserError(
            f"{path}: {size / 1024 / 1024:.1f} MB is over the {MAX_BYTES // 1024 // 1024} MB "
            "limit for one article file"
        )


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def raw_from_text(text: str, origin: str = "<text>") -> RawArticle:
    """An article given as a string: HTML when it looks like a page, else plain text."""
    if not text.strip():
        raise UserError(f"{origin}: the text is empty")
    if _looks_like_html(text):
        return RawArticle(html=text, origin=origin)
    return RawArticle(text=text, origin=origin)


def load_file(path: Path) -> list[RawArticle]:
    """Read one file into raw articles (several for JSON Lines), all checked before return."""
    return list(iter_file(path))


def iter_file(path: Path) -> Iterator[RawArticle]:
    """The raw articles of one file, streamed: a JSON Lines feed of any size is read a
    line at a time, each record held to the one-article size limit."""
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    if path.is_dir():
        raise UserError(f"{path}: is a folder; give files, or use a command that takes folders")
    if path.suffix.lower() in {".jsonl", ".json"}:
        yield from _stream_jsonl(path)
        return
    _check_size(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror})") from None
    text, warning = decode(data, str(path))
    is_html = path.suffix.lower() in _HTML_SUFFIXES or _looks_like_html(text)
    yield RawArticle(
        text=None if is_html else text,
        html=text if is_html else None,
        origin=str(path),
        decode_warning=warning,
    )


def _stream_jsonl(path: Path) -> Iterator[RawArticle]:
    seen_any = False
    try:
        with path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                seen_any = True
                yield _jsonl_record(line, f"{path}:{number}")
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror})") from None
    if not seen_any:
        raise UserError(f"{path}: the file is empty")


def _jsonl_record(line: bytes, where: str) -> RawArticle:
    """One non-blank line of a JSON Lines feed, named ``where`` in messages."""
    if len(line) > MAX_BYTES:
        limit = MAX_BYTES // 1024 // 1024
        raise UserError(f"{where}: a record over the {limit} MB limit for one article")
    text, warning = decode(line, where)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{where}: not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise UserError(f"{where}: expected a JSON object with 'text' or 'html'")
    return raw_from_record(record, where, warning)


def load_bytes(data: bytes, name: str) -> list[RawArticle]:
    """The raw articles of a file held in memory (an upload) named ``name``, checked as a
    file on disk is, and refused unless its name ends in one of :data:`ARTICLE_SUFFIXES`."""
    suffix = Path(name).suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        allowed = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise UserError(f"{name}: not an article file (expected one of {allowed})")
    if suffix in {".jsonl", ".json"}:
        records = [
            _jsonl_record(line, f"{name}:{number}")
            for number, line in enumerate(data.splitlines(keepends=True), start=1)
            if line.strip()
        ]
        if not records:
            raise UserError(f"{name}: the file is empty")
        return records
    if len(data) > MAX_BYTES:
        raise UserError(
            f"{name}: {len(data) / 1024 / 1024:.1f} MB is over the "
            f"{MAX_BYTES // 1024 // 1024} MB limit for one article file"
        )
    text, warning = decode(data, name)
    is_html = suffix in _HTML_SUFFIXES or _looks_like_html(text)
    return [
        RawArticle(
            text=None if is_html else text,
            html=text if is_html else None,
            origin=name,
            decode_warning=warning,
        )
    ]


def raw_from_record(
    record: dict[str, object], where: str, warning: str | None = None
) -> RawArticle:
    """Validate one JSON Lines record (``text`` or ``html``, optional metadata)."""
    if not isinstance(record.get("text"), str) and not isinstance(record.get("html"), str):
        raise UserError(f"{where}: the record has neither 'text' nor 'html'")
    fields = {k: record.get(k) for k in ("text", "html", "url", "source", "title", "published")}
    try:
        return RawArticle(**fields, origin=where, decode_warning=warning)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise UserError(f"{where}: field '{field}': {first['msg']}") from None


def iter_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders (recursively, sorted) into article files; keep files as given."""
    for path in paths:
        if not path.exists():
            raise UserError(f"{path}: no such file or folder")
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in ARTICLE_SUFFIXES
                and not p.name.startswith(".")
            )
        else:
            yield path


def parse_date_option(value: str | None, option: str = "--date") -> date | None:
    """Parse a ``YYYY-MM-DD`` option value; a UserError naming the option when malformed."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option} {value!r}: expected a date as YYYY-MM-DD") from None
