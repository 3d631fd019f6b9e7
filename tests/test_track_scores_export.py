"""PLOVER scores per actor pair per day, the export formats, and the query commands."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from standoff.show.export import export, plover_event
from standoff.track import build_standoff
from standoff.track.scores import daily_scores, event_score, score_table
from standoff.track.store import Store
from test_ingest import run_cli
from test_track_factories import AUG6, AUG7, article, event, reading, ultimatum_story


def test_score_table_has_the_sixteen_plover_categories_and_a_citation() -> None:
    table = score_table()
    assert len(table["categories"]) == 16
    assert "Table 2.2" in table["citation"]
    assert event_score("SANCTION") == -6
    assert event_score("CONSULT", "Visit") == 4
    assert event_score("ASSAULT", "unconventional") == -10
    assert event_score("THREATEN", "no-such-mode") == -3.5
    assert event_score("NOT_PLOVER") is None
    assert all(-10 <= c["score"] <= 10 for c in table["categories"].values())


def test_daily_scores_average_per_country_pair_and_day() -> None:
    a = article(AUG7)
    standoff = build_standoff(
        [
            reading(
                a,
                events=[
                    event(a, "SANCTION", "USAGOV", "IND", AUG6, "tariff order"),
                    event(a, "THREATEN", "USA", "INDGOV", AUG6, "more tariffs threatened"),
                    event(a, "ACCUSE", "IND", "USA", AUG7, "unfair, unjustified"),
                    event(a, "CONSULT", "RUS", None, AUG7, "no recipient"),
                ],
            )
        ]
    )
    rows = daily_scores(standoff)
    assert [(r.date, r.source, r.target, r.n_events) for r in rows] == [
        (AUG6, "USA", "IND", 2),
        (AUG7, "IND", "USA", 1),
    ]
    assert rows[0].score == pytest.approx((-6 + -3.5) / 2)
    assert rows[1].score == -3


def test_plover_event_record_traces_to_its_article() -> None:
    a = article(AUG7, "continental-daily.example")
    e = event(a, "SANCTION", "USAGOV", "IND", AUG6, "Trump signed an order.", "order")
    record = plover_event(e, 3)
    assert record["actor"] == [{"code": "USA", "sector": "GOV"}]
    assert record["recipient"] == [{"code": "IND"}]
    assert (record["date"], record["event"], record["quad_code"]) == ("2025-08-06", ["SANCTION"], 4)
    assert record["event_scale"] == -6
    assert (record["text"], record["article"], record["source"]) == (
        "Trump signed an order.",
        a.id,
        "continental-daily.example",
    )


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tabular_export_has_events_ledgers_and_history(tmp_path: Path, fmt: str) -> None:
    standoff = build_standoff(ultimatum_story(), as_of=date(2025, 8, 20))
    out = tmp_path / "export"
    written = export(standoff, fmt, out)
    assert {"events", "threats", "proposals", "history", "scores"} <= {p.stem for p in written}
    history_file = out / f"history.{fmt}"
    if fmt == "csv":
        with history_file.open() as handle:
            history = list(csv.DictReader(handle))
    else:
        con = duckdb.connect()
        cursor = con.execute(f"SELECT * FROM read_parquet('{history_file}')")
        names = [d[0] for d in cursor.description]
        history = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    states = [h["state"] for h in history if h["kind"] == "threat"]
    assert states == [h.state for h in standoff.threats[0].history]
    threats = list(duckdb.connect().execute(
        f"SELECT label, rank, carried_out FROM read_{'csv_auto' if fmt == 'csv' else 'parquet'}"
        f"('{out / f'threats.{fmt}'}')"
    ).fetchall())
    carried = ["secondary tariffs on IND 2025-08-06"]  # a list; in CSV a JSON array
    assert threats == [
        ("USA -> RUS, secondary tariffs, sanctions, deadline about 8 Aug", 1,
         json.dumps(carried) if fmt == "csv" else carried),
    ]
    assert all(h["sentence"] for h in history if h["state"] != "deadline_passed")
    # Exporting again replaces the earlier export; an unrelated folder is refused.
    export(standoff, fmt, out)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_text("x")
    with pytest.raises(Exception, match="not an earlier"):
        export(standoff, fmt, tmp_path / "mine")
    assert (tmp_path / "mine" / "thesis.docx").read_text() == "x"


def _store(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        for r in ultimatum_story():
            store.add(r, r.article.id)
    return path


def test_query_commands_show_the_ledger_as_of_a_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # rich folds cells to the terminal width
    path = _store(tmp_path)
    assert run_cli(["threats", "--store", str(path), "--as-of", "2025-08-01"]) == 0
    early = capsys.readouterr().out
    assert run_cli(["threats", "--store", str(path), "--as-of", "2025-08-20"]) == 0
    late = capsys.readouterr().out
    # States are written for people, as in the brief ("partly carried out").
    assert "modified" in early and "partly carried out" not in early
    assert "partly carried out" in late and "deadline passed" in late
    assert run_cli(["proposals", "--store", str(path)]) == 0
    assert "summit" in capsys.readouterr().out
    assert run_cli(["timeline", "--store", str(path)]) == 0
    assert "SANCTION" in capsys.readouterr().out
    assert run_cli(["actors", "--store", str(path)]) == 0
    assert "Actors as of 2025-08-20" in capsys.readouterr().out
    assert run_cli(["export", "--store", str(path), "--as-of", "2025-08-01"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["as_of"] == "2025-08-01" and len(document["threats"]) == 1


def test_query_commands_refuse_bad_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _store(tmp_path)
    assert run_cli(["threats", "--store", str(path), "--as-of", "August"]) == 2
    assert "--as-of 'August'" in capsys.readouterr().err
    assert run_cli(["export", "--store", str(path), "--format", "xml"]) == 2
    assert run_cli(["export", "--store", str(path), "--format", "csv"]) == 2
    assert run_cli(["threats", "--store", str(tmp_path / "none.duckdb")]) == 2
    assert not (tmp_path / "none.duckdb").exists()
