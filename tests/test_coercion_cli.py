"""``standoff fit ties`` / ``standoff backtest ties``: user mistakes exit 2 with one line."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import standoff.cli as cli

ROOT = Path(__file__).resolve().parents[1]
TIES = ROOT / ".." / "shared" / "data" / "ties" / "TIESv4-1.csv"


@pytest.fixture(autouse=True)
def only_coercion_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    # Other layers' command modules may be mid-edit; these tests need only ours.
    monkeypatch.setattr(
        cli, "_register", lambda: importlib.import_module("standoff.cli.coercion_commands")
    )


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        cli.main(argv)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


@pytest.mark.parametrize("command", ["fit", "backtest"])
def test_missing_file_exits_2_with_one_line_naming_it(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.csv"
    code, _, err = run([command, "ties", str(missing)], capsys)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("standoff: ") and "nope.csv" in err


def test_wrong_columns_exit_2_and_leave_no_output_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "other.csv"
    bad.write_text("x,y\n1,2\n")
    out_file = tmp_path / "model.json"
    code, _, err = run(["fit", "ties", str(bad), "--out", str(out_file)], capsys)
    assert code == 2 and "other.csv" in err and "missing columns" in err
    assert not out_file.exists() and list(tmp_path.iterdir()) == [bad]


def test_too_few_folds_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["backtest", "ties", str(tmp_path / "x.csv"), "--folds", "1"], capsys)
    assert code == 2 and err == "standoff: --folds must be 2 or more, got 1\n"
