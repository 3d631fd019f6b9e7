"""The command line in a terminal: compact at 80 columns, right in the singular, with a
version and help texts a person can read."""

from __future__ import annotations

import io
import re
from importlib.metadata import version
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from standoff.grammar import count, plural
from standoff.show.view import build_view
from standoff.track import build_standoff
from standoff.track.store import Store
from test_ingest import run_cli
from test_track_factories import ultimatum_store, ultimatum_story

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
SRC = Path(__file__).resolve().parents[1] / "src" / "standoff"


def _store(tmp_path: Path) -> Path:
    return ultimatum_store(tmp_path / "s.duckdb")


def _rows(path: Path) -> tuple[int, list[str]]:
    """How many rows the timeline has (events and ledger changes), and every sentence."""
    with Store(path, read_only=True) as store:
        standoff = store.standoff()
    changes = [c for t in standoff.threats for c in t.history]
    changes += [c for p in standoff.proposals for c in p.history]
    sentences = [e.evidence.sentence for e in standoff.events]
    sentences += [c.evidence.sentence for c in changes if c.evidence]
    return len(standoff.events) + len(changes), sentences


def _timeline(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[str]:
    assert run_cli(["timeline", "--store", str(path), *extra]) == 0
    return ANSI.sub("", capsys.readouterr().out).splitlines()


def test_timeline_on_an_80_column_terminal_is_two_lines_a_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _store(tmp_path)
    rows, _ = _rows(path)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich: this is a terminal
    lines = _timeline(path, capsys)
    assert rows >= 10
    assert len(lines) <= 2 * rows + 1  # a title, then at most two lines a row
    assert max(cell_len(line) for line in lines) <= 80
    assert not any("┃" in line or "│" in line for line in lines)  # no boxed table
    # --full shows whole sentences, wrapped under their row.
    full = _timeline(path, capsys, "--full")
    assert len(full) > len(lines) and max(cell_len(line) for line in full) <= 80


def test_timeline_in_a_log_keeps_every_sentence_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _store(tmp_path)
    rows, sentences = _rows(path)
    monkeypatch.setenv("COLUMNS", "80")
    lines = _timeline(path, capsys)
    text = " ".join(" ".join(lines).split())
    for sentence in sentences:
        assert " ".join(sentence.split()) in text
    assert "…" not in text
    assert max(cell_len(line) for line in lines) <= 80


def test_a_wide_terminal_keeps_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    lines = _timeline(_store(tmp_path), capsys)
    assert any("evidence" in line and "┃" in line for line in lines)


def _confusion_of(types: list[str]) -> dict[str, dict[str, int]]:
    """A confusion matrix over ``types``: 10+ on the diagonal, a few errors off it."""
    return {
        gold: {gold: 10 + i, types[(i + 3) % len(types)]: 2}
        for i, gold in enumerate(types)
    }


PLOVER = (
    "ACCUSE AGREE AID ASSAULT COERCE CONCEDE CONSULT COOPERATE MOBILIZE PROTEST REJECT "
    "REQUEST RETREAT SANCTION SUPPORT THREATEN"
).split()


def _print_confusion(width: int, confusion: dict[str, dict[str, int]]) -> list[str]:
    from standoff.cli.eval_commands import _confusion

    console = Console(file=io.StringIO(), width=width, color_system=None)
    _confusion(console, confusion)
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def test_plover_confusion_matrix_is_readable_at_80_columns() -> None:
    confusion = _confusion_of(PLOVER)
    confusion["ACCUSE"]["NONE"] = 1  # predicted no event: a column without a row
    lines = _print_confusion(80, confusion)
    text = "\n".join(lines)
    assert "…" not in text
    assert max(cell_len(line) for line in lines) <= 80
    # Each gold row is named in full beside its number, and its diagonal count shown.
    numbers = {t: i for i, t in enumerate(sorted([*PLOVER, "NONE"]), start=1)}
    for i, gold in enumerate(PLOVER):
        row = next(line for line in lines if line.startswith(f"{numbers[gold]} {gold} "))
        assert str(10 + i) in row.split()
    assert "10 NONE" in text  # the column with no row is named too


def test_plover_confusion_matrix_names_columns_when_there_is_room() -> None:
    lines = _print_confusion(250, _confusion_of(PLOVER))
    header = next(line for line in lines if line.startswith("gold"))
    assert header.split() == ["gold", *PLOVER]


def test_counts_are_said_in_the_right_number() -> None:
    assert count(1, "article") == "1 article"
    assert count(2, "article") == "2 articles"
    assert count(0, "threat") == "0 threats"
    assert count(1, "piece of evidence") == "1 piece of evidence"
    assert count(3, "piece of evidence") == "3 pieces of evidence"
    assert [plural(w) for w in ("story", "day", "analysis", "match", "furniture line")] == [
        "stories",
        "days",
        "analyses",
        "matches",
        "furniture lines",
    ]


def test_the_brief_says_one_article_not_one_articles() -> None:
    standoff = build_standoff(ultimatum_story()[:1], None)
    assert len(standoff.articles) == 1
    headline = build_view(standoff).headline.text
    assert "from 1 article" in headline and "1 articles" not in headline


def test_threat_ledger_says_one_piece_of_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        first = ultimatum_story()[0]
        store.add(first, first.article.id)
    assert run_cli(["threats", "--store", str(path)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\b1 piece of evidence\b", out)
    assert "1 pieces" not in out


def _in_a_string(line: str, at: int) -> bool:
    return line[:at].count('"') % 2 == 1 or line[:at].count("'") % 2 == 1


def test_no_message_pluralises_by_hand() -> None:
    """Every 'N things' said to a user goes through standoff.grammar.count: no "(s)" and
    no f-string that puts a count before a plural noun."""
    by_hand = re.compile(r"[a-z]\(s\)(?= [a-z{])|\{len\([^{}]*\)\} [a-z]+s\b")
    found = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for path in SRC.rglob("*.py")
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        for match in by_hand.finditer(line)
        if _in_a_string(line, match.start()) and '"""' not in line
    ]
    assert found == []


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"standoff {version('standoff')}"


def _command_paths() -> list[list[str]]:
    """Every command and sub-command of the full command line, as argv prefixes."""
    import typer.main

    import standoff.cli as cli

    cli._register()
    paths: list[list[str]] = [[]]
    group = typer.main.get_command(cli.app)
    stack = [([], group)]
    while stack:
        prefix, command = stack.pop()
        for name, sub in getattr(command, "commands", {}).items():
            paths.append([*prefix, name])
            stack.append(([*prefix, name], sub))
    return paths


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    import standoff.cli as cli

    try:
        cli.main([*argv, "--help"])
    except SystemExit as exc:
        assert exc.code in (0, None), argv
    return ANSI.sub("", capsys.readouterr().out)


def test_help_texts_name_values_not_python_types(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    paths = _command_paths()
    assert ["brief"] in paths and ["eval", "plover"] in paths
    for argv in paths:
        out = _help(argv, capsys)
        assert "Usage" in out, argv
        assert not re.search(r"<[a-z][\w\[\], |]*>", out), (argv, out)
    # Value options name their value; flags show none.
    out = _help(["brief"], capsys)
    assert re.search(r"--store\s+PATH\b", out) and re.search(r"--draws\s+INTEGER\b", out)
    assert re.search(r"--json\s+Print", out)  # a flag: nothing between it and its help
