"""JSON Lines feeds are streamed: a feed may be any size, each record at most one article's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from standoff.errors import UserError
from standoff.read.inputs import MAX_BYTES, iter_file


def test_a_feed_over_the_article_limit_is_read_record_by_record(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    record = json.dumps({"text": "Russia said no. " * 200, "published": "2025-08-01"}) + "\n"
    copies = MAX_BYTES // len(record) + 50
    feed.write_text(record * copies, encoding="utf-8")
    assert feed.stat().st_size > MAX_BYTES
    count = sum(1 for _ in iter_file(feed))
    assert count == copies


def test_one_oversized_record_is_refused_with_its_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    small = json.dumps({"text": "ok"}) + "\n"
    huge = json.dumps({"text": "x" * (MAX_BYTES + 10)}) + "\n"
    feed.write_text(small + huge, encoding="utf-8")
    with pytest.raises(UserError, match=r"feed\.jsonl:2: a record over"):
        list(iter_file(feed))
