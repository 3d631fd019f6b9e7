"""``standoff brief`` end to end through ``standoff.cli.main``."""

from __future__ import annotations

import json
import os
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

import standoff.forecast
from standoff.cli import main
from standoff.model import Forecast, Standoff
from test_show_view import make_forecast

ARTICLE = (
    "Washington threatened Moscow with secondary tariffs on Monday.\n\n"
    "The president gave Russia ten days to agree to a ceasefire.\n"
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    return folder


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["brief", "no/such/file.txt"], "no/such/file.txt: no such file or folder"),
        (["brief", "--as-of", "8 Aug", "--no-forecast"], "--as-of '8 Aug': expected a date"),
        (["brief", "--store", "no-such.duckdb"], "--store no-such.duckdb: no such file"),
        (["brief", "x.txt", "--store", "s.duckdb"], "not both"),
    ],
)
def test_user_errors_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(args, capsys)
    assert code == 2
    assert err.startswith("standoff: ") and message in err
    assert "Traceback" not in err


def test_bad_html_path_exits_2_and_writes_nothing(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "report.html"
    before = sorted(os.listdir(tmp_path))
    code, _, err = run(["brief", str(corpus), "--no-forecast", "--html", str(target)], capsys)
    assert code == 2 and "--html" in err and "does not exist" in err
    assert sorted(os.listdir(tmp_path)) == before


def test_brief_of_paths_prints_and_writes_html(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.html"
    code, out, err = run(["brief", str(corpus), "--no-forecast", "--html", str(target)], capsys)
    assert code == 0, err
    assert out.startswith("STANDOFF BRIEF\n")
    assert "no forecast: not run" in out
    assert f"wrote {target}" in err
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    # Only the report: the temporary file was renamed, not left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "report.html"]


def test_json_holds_standoff_and_forecast(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["brief", str(corpus), "--json", "--no-forecast"], capsys)
    assert code == 0, err
    document = json.loads(out)
    assert set(document) == {"schema_version", "standoff", "forecast"}
    assert document["forecast"] is None
    standoff = Standoff.model_validate(document["standoff"])
    assert len(standoff.articles) == 1


def test_forecast_options_reach_the_forecast(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[dict[str, Any]] = []

    def fake(standoff: Standoff, scenario: object, **options: Any) -> Forecast:
        calls.append({"scenario": scenario, **options})
        return make_forecast()

    monkeypatch.setattr(standoff.forecast, "forecast_standoff", fake, raising=False)
    code, out, err = run(["brief", str(corpus), "--draws", "50", "--seed", "3"], capsys)
    assert code == 0, err
    (call,) = calls
    assert (call["draws"], call["seed"]) == (50, 3)
    # Two of the reference scenario's six actors are named: a scenario is drafted instead.
    assert call["scenario"].name == "drafted from the readings"
    assert call["scenario_note"].startswith("drafted from the readings")
    assert "the standoff names 2 of its 6 actors" in call["scenario_note"]
    assert re.search(r"back down +55%", out) and "docs/models/coercion.md" in out


def test_scores_feed_the_html_chart(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from datetime import date

    scores = types.ModuleType("standoff.track.scores")
    seen: list[Standoff] = []

    def daily_scores(standoff: Standoff) -> list[tuple[date, str, str, float, int]]:
        seen.append(standoff)
        return [(date(2025, 7, 14), "USA", "RUS", -6.0, 1),
                (date(2025, 7, 15), "USA", "RUS", -4.0, 2)]

    scores.daily_scores = daily_scores  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "standoff.track.scores", scores)
    target = tmp_path / "r.html"
    code, _, err = run(["brief", str(corpus), "--no-forecast", "--html", str(target)], capsys)
    assert code == 0, err
    assert len(seen) == 1
    section = target.read_text().split('id="scores"', 1)[1].split("</section>", 1)[0]
    assert "<svg" in section and "USA -&gt; RUS" in section


def test_default_is_the_bundled_examples(capsys: pytest.CaptureFixture[str]) -> None:
    from standoff.cli.brief_commands import example_corpus
    from standoff.read.inputs import iter_paths, load_file

    expected = sum(len(load_file(p)) for p in iter_paths([example_corpus()]))
    assert expected >= 8
    code, out, err = run(["brief", "--no-forecast", "--json"], capsys)
    assert code == 0, err
    assert len(json.loads(out)["standoff"]["articles"]) == expected


def test_store_as_of_keeps_what_was_known_then(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from standoff.model import Article, Reading

    store_module = pytest.importorskip("standoff.track.store")
    path = tmp_path / "s.duckdb"
    with store_module.Store(path) as store:
        for number, day in enumerate((date(2025, 7, 14), date(2025, 7, 29))):
            article = Article(id=f"a{number}", title=f"story {number}", published=day,
                              source="example-wire.com", text=f"body {number}")
            store.add(Reading(article=article), raw_hash=f"h{number}")
    code, out, err = run(
        ["brief", "--store", str(path), "--as-of", "2025-07-20", "--json", "--no-forecast"], capsys
    )
    assert code == 0, err
    standoff = Standoff.model_validate(json.loads(out)["standoff"])
    assert standoff.as_of == date(2025, 7, 20)
    assert [a.title for a in standoff.articles] == ["story 0"]


def test_folder_without_articles_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.csv").write_text("not an article\n")
    code, _, err = run(["brief", str(tmp_path), "--no-forecast"], capsys)
    assert code == 2 and "no article files found" in err
