"""Turn paths on disk into :class:`RawArticle` records, refusing bad input early.

Accepted: plain text (``.txt`` or anything that decodes), HTML (``.html``,
``.htm`` or text that starts like a page), JSON Lines (``.jsonl``: one article
a line with ``text`` or ``html`` and optional ``url``, ``source``, ``title``,
``published``) and folders of those. Every refusal is a :class:`UserError`
whose message names the file.
"""

from __future__ import annotations

import codecs
import json
import re
import stat
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError

from standoff.errors import UserError
from standoff.model import RawArticle

MAX_BYTES = 5 * 1024 * 1024
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".json"}
_HTML_SUFFIXES = {".html", ".htm"}


def decode(data: bytes, origin: str) -> tuple[str, str | None]:
    """Decode bytes as UTF-8 (or UTF-16 when they start with its byte-order mark, as
    Windows' "Unicode" text files do), else as cp1252/Latin-1 with a warning.

    Returns the text and a warning (None when the input was valid UTF-8 or UTF-16).
    Raises UserError for empty or binary input.
    """
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UserError(f"{origin}: starts as UTF-16 but is not (byte {exc.start})") from None
        if not text.strip():
            raise UserError(f"{origin}: the file is empty")
        return text, None
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


def display(path: Path | str) -> str:
    """A path as it can be printed and stored: a file name that is not valid UTF-8
    (its bytes kept by Python as lone surrogates) shows U+FFFD for each bad byte."""
    text = str(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: str) -> tuple[str, bool]:
    """``value`` with each lone surrogate (JSON's "\\ud800", which no encoding can hold)
    replaced by U+FFFD, and whether there was one."""
    fixed, count = _SURROGATE.subn("\ufffd", value)
    return fixed, count > 0


def _too_big(size: int, where: str) -> UserError:
    return UserError(
        f"{where}: {size / 1024 / 1024:.1f} MB is over the {MAX_BYTES // 1024 // 1024} MB "
        "limit for one article file"
    )


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES; a device, FIFO or socket is
    refused before it is opened (/dev/zero or a pipe would be read forever)."""
    where = display(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise UserError(f"{where}: not a regular file (a device, pipe or socket); give a file")
        if info.st_size > MAX_BYTES:
            raise _too_big(info.st_size, where)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # the file may have grown since stat
    except OSError as exc:
        raise UserError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise _too_big(len(data), where)
    return data


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
    line at a time, each record held to the one-article size limit. The first bad
    record raises its UserError (``standoff read`` reads nothing of a bad input)."""
    for item in iter_articles(path):
        if isinstance(item, RecordError):
            raise item
        yield item


class RecordError(UserError):
    """A bad record of a JSON Lines feed; ``origin`` is ``file:line``."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin


def iter_articles(path: Path) -> Iterator[RawArticle | RecordError]:
    """Like :func:`iter_file`, but a bad JSON Lines record is yielded as its RecordError
    and the feed goes on, so an ingest skips that record alone. A file that cannot be
    read at all (missing, a folder, a device, empty, binary, too big) raises."""
    where = display(path)
    if not path.exists():
        raise UserError(f"{where}: no such file or folder")
    if path.is_dir():
        raise UserError(f"{where}: is a folder; give files, or use a command that takes folders")
    if not path.is_file():
        raise UserError(f"{where}: not a regular file (a device, pipe or socket); give a file")
    if path.suffix.lower() in {".jsonl", ".json"}:
        yield from _stream_jsonl(path)
        return
    text, warning = decode(_read_regular(path), where)
    is_html = path.suffix.lower() in _HTML_SUFFIXES or _looks_like_html(text)
    yield RawArticle(
        text=None if is_html else text,
        html=text if is_html else None,
        origin=where,
        decode_warning=warning,
    )


def _lines(handle: BinaryIO) -> Iterator[bytes]:
    """The lines of a feed, each cut at one byte past the limit (the rest of an oversized
    line is skipped, never held in memory)."""
    while line := handle.readline(MAX_BYTES + 1):
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(MAX_BYTES)) and not rest.endswith(b"\n"):
                pass
        yield line


def _stream_jsonl(path: Path) -> Iterator[RawArticle | RecordError]:
    seen_any = False
    name = display(path)
    try:
        with path.open("rb") as handle:
            for number, line in enumerate(_lines(handle), 1):
                if line.strip():
                    seen_any = True
                    yield _record(line, f"{name}:{number}")
    except OSError as exc:
        raise UserError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if not seen_any:
        raise UserError(f"{name}: the file is empty")


def _record(line: bytes, where: str) -> RawArticle | RecordError:
    """One JSON Lines record as a raw article, or the RecordError that says what is wrong."""
    if len(line) > MAX_BYTES:
        limit = MAX_BYTES // 1024 // 1024
        return RecordError(where, f"a record over the {limit} MB limit for one article")
    try:
        text, warning = decode(line, where)
        record = json.loads(text)
    except UserError as exc:
        return RecordError(where, str(exc).removeprefix(f"{where}: "))
    except json.JSONDecodeError as exc:
        return RecordError(where, f"not valid JSON ({exc.msg})")
    except ValueError as exc:  # an integer of over 4,300 digits
        return RecordError(where, f"not valid JSON ({exc})")
    except RecursionError:
        return RecordError(where, "not valid JSON (nested too deeply)")
    if not isinstance(record, dict):
        return RecordError(where, "expected a JSON object with 'text' or 'html'")
    try:
        return raw_from_record(record, where, warning)
    except UserError as exc:
        return RecordError(where, str(exc).removeprefix(f"{where}: "))


def _jsonl_record(line: bytes, where: str) -> RawArticle:
    """One non-blank line of a JSON Lines feed, named ``where`` in messages; a bad one
    raises its RecordError."""
    item = _record(line, where)
    if isinstance(item, RecordError):
        raise item
    return item


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
    for key, value in fields.items():
        if isinstance(value, str):
            fields[key], replaced = _without_surrogates(value)
            if replaced and warning is None:
                warning = f"{where}: field '{key}' has a lone surrogate escape; replaced by U+FFFD"
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
            raise UserError(f"{display(path)}: no such file or folder")
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
    # date.fromisoformat also takes "20250801" and "2025-W32-3"; the help promises one form
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option} {value!r}: expected a date as YYYY-MM-DD") from None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def load_date_manifest(path: Path) -> dict[Path, date]:
    """A dates manifest: a CSV file with a ``file,date`` header and one row a file, the
    date as YYYY-MM-DD. ``file`` is relative to the manifest's folder (or absolute).
    Returns resolved path -> date; a UserError naming ``path:line`` when malformed, when a
    file is listed twice or does not exist (so a typo does not silently leave it undated)."""
    import csv

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{display(path)}: cannot read the dates manifest ({exc})") from None
    rows = csv.reader(text.splitlines())
    if [h.strip().lower() for h in next(rows, [])] != ["file", "date"]:
        raise UserError(f"{display(path)}:1: a dates manifest starts with the header file,date")
    dates: dict[Path, date] = {}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{display(path)}:{line}"
        if len(row) != 2:
            raise UserError(f"{where}: expected two columns, file and date")
        file = (path.parent / row[0].strip()).resolve()
        when = parse_date_option(row[1].strip(), f"{where}: date")
        if not file.is_file():
            raise UserError(f"{where}: {row[0].strip()}: no such file")
        if file in dates:
            raise UserError(f"{where}: {row[0].strip()} is listed twice")
        dates[file] = when  # type: ignore[assignment]  # never None: the value is given
    return dates
