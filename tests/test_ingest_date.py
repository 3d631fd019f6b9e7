"""``standoff ingest --date``: the publication date of articles that state none.

The date an article states wins over the supplied one (with a warning); an article
with no date and no --date is stored undated, and stderr says so.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from standoff.model import RawArticle
from standoff.read import Reader
from standoff.track.backends import InProcess
from standoff.track.ingest import ingest
from standoff.track.store import Store
from test_ingest import run_cli

# A wire report whose only dateline has no year; the years the text names (2022,
# 2025) disagree, so the reader cannot settle it and the article is undated.
YEARLESS = (
    "WASHINGTON, July 14 (Capital Wire) - President Donald Trump on Monday gave Moscow "
    "50 days to reach a deal to end the war in Ukraine, and said that if it failed to do "
    "so Washington would hit countries buying Russian oil with secondary tariffs.\n\n"
    "Officials recalled the sanctions first imposed in February 2022 and the talks held "
    "in Istanbul in May 2025, which produced no ceasefire.\n"
)

# Another yearless report, on another standoff, of 16 July.
OTHER = (
    "BRUSSELS, July 16 (Capital Wire) - The European Commission gave Budapest two months "
    "to change its asylum law or lose part of its cohesion funds, officials said.\n\n"
    "The Commission first opened the case in December 2022; the court fined Hungary in "
    "June 2024.\n"
)


def _deadlines(store_path: Path) -> list[date | None]:
    with Store(store_path, read_only=True) as store:
        threats = store.standoff().threats
    return [t.deadline.value if t.deadline else None for t in threats]


def test_a_yearless_dateline_ingested_with_date_gets_its_deadline(tmp_path: Path) -> None:
    article = tmp_path / "wire.txt"
    article.write_text(YEARLESS, encoding="utf-8")
    undated, dated = tmp_path / "undated.duckdb", tmp_path / "dated.duckdb"
    with Store(undated) as store:
        summary = ingest([article], store, InProcess())
    assert summary.stored == 1
    (warning,) = summary.date_warnings  # stored undated, and said so
    assert '"July 14" with no year' in warning and "give --date" in warning
    assert set(_deadlines(undated)) == {None}  # 50 days from an unknown day: no deadline

    with Store(dated) as store:
        summary = ingest([article], store, InProcess(), supplied_date=date(2025, 7, 14))
        (reading,) = store.readings()
    assert summary.date_warnings == []
    assert reading.article.published == date(2025, 7, 14)
    assert date(2025, 9, 2) in _deadlines(dated)  # 50 days counted from 14 July


def test_a_stated_date_wins_over_date_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "feed.jsonl"
    record = {"text": YEARLESS, "published": "2025-07-14", "source": "wire.example"}
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    store = tmp_path / "s.duckdb"
    code = run_cli(["ingest", str(feed), "--store", str(store), "--date", "2025-07-20"])
    err = capsys.readouterr().err
    assert code == 0
    assert err == (
        f"standoff: warning: {feed}:1: --date 2025-07-20 not used: the article "
        "states 2025-07-14, which wins\n"
    )
    with Store(store, read_only=True) as opened:
        (reading,) = opened.readings()
    assert reading.article.published == date(2025, 7, 14)
    assert [w.kind for w in reading.warnings if w.kind == "supplied-date"] == ["supplied-date"]
    assert date(2025, 9, 2) in _deadlines(store)


def test_a_supplied_date_that_misses_the_dateline_day_is_used_and_flagged(
    reader: Reader,
) -> None:
    raw = RawArticle(text=YEARLESS, origin="wire.txt", supplied_date=date(2025, 7, 20))
    reading = reader.read(raw)
    assert reading.article.published == date(2025, 7, 20)
    (warning,) = [w for w in reading.warnings if w.kind == "supplied-date"]
    assert warning.message == '--date 2025-07-20 used, but the dateline gives "July 14"'
    assert not [w for w in reading.warnings if w.kind == "no-date"]


def test_read_date_still_overrides_what_the_article_states(reader: Reader) -> None:
    raw = RawArticle(text=YEARLESS, published=date(2025, 7, 14))
    assert reader.read(raw, date(2025, 7, 1)).article.published == date(2025, 7, 1)


@pytest.mark.parametrize("bad", ["14/07/2025", "2025-7-14", "20250714", "2025-02-30", ""])
def test_a_bad_date_is_one_line_and_exit_2_with_nothing_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    article = tmp_path / "wire.txt"
    article.write_text(YEARLESS, encoding="utf-8")
    store = tmp_path / "s.duckdb"
    code = run_cli(["ingest", str(article), "--store", str(store), "--date", bad])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.strip() == f"standoff: --date {bad!r}: expected a date as YYYY-MM-DD"
    assert out == "" and not store.exists()


def test_a_dates_manifest_dates_each_file_before_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(YEARLESS, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    manifest = tmp_path / "dates.csv"
    manifest.write_text("file,date\nin/a.txt,2025-07-14\n", encoding="utf-8")
    store = tmp_path / "s.duckdb"
    argv = ["ingest", str(folder), "--store", str(store), "--dates", str(manifest)]
    code = run_cli([*argv, "--date", "2025-07-16"])
    assert code == 0 and capsys.readouterr().err == ""  # every date agrees: no warning
    with Store(store, read_only=True) as opened:
        published = sorted(r.article.published for r in opened.readings() if r.article.published)
    assert published == [date(2025, 7, 14), date(2025, 7, 16)]  # a.txt by the manifest


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("file,date\nin/a.txt,14/07/2025\n", "dates.csv:2: date '14/07/2025': expected a date"),
        ("file,date\nin/typo.txt,2025-07-14\n", "dates.csv:2: in/typo.txt: no such file"),
        ("name,day\nin/a.txt,2025-07-14\n", "dates.csv:1: a dates manifest starts with"),
    ],
)
def test_a_bad_dates_manifest_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], manifest: str, message: str
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(YEARLESS, encoding="utf-8")
    (tmp_path / "dates.csv").write_text(manifest, encoding="utf-8")
    store = tmp_path / "s.duckdb"
    argv = ["ingest", str(tmp_path / "in"), "--store", str(store)]
    code = run_cli([*argv, "--dates", str(tmp_path / "dates.csv")])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert message in err and not store.exists()
