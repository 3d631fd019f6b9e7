"""standoff.files: the one atomic writer every output goes through."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from standoff.errors import UserError
from standoff.files import atomic_dir, atomic_path, write_text


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_file_is_written_whole_with_an_ordinary_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_text(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert _mode(target) == 0o644
    assert os.listdir(tmp_path) == ["out.json"]  # no temporary left


def test_the_mode_follows_the_umask(tmp_path: Path) -> None:
    os.umask(0o077)
    write_text(tmp_path / "private.txt", "x")
    assert _mode(tmp_path / "private.txt") == 0o600


def test_folders_made_and_filled_get_ordinary_modes(tmp_path: Path) -> None:
    out = tmp_path / "new" / "export"
    with atomic_dir(out) as tmp:
        (tmp / "events.csv").write_text("a\n")
    assert _mode(out) == 0o755 and _mode(out.parent) == 0o755
    assert _mode(out / "events.csv") == 0o644
    assert sorted(os.listdir(out.parent)) == ["export"]


def test_a_folder_is_replaced_whole_only_when_allowed(tmp_path: Path) -> None:
    out = tmp_path / "export"
    with atomic_dir(out) as tmp:
        (tmp / "a.csv").write_text("1")
    with atomic_dir(out, replace=lambda p: (p / "a.csv").exists()) as tmp:
        (tmp / "a.csv").write_text("2")
    assert (out / "a.csv").read_text() == "2"
    (out / "thesis.docx").write_text("mine")
    with pytest.raises(UserError, match="nothing was replaced"):
        with atomic_dir(out, replace=lambda p: not (p / "thesis.docx").exists()) as tmp:
            (tmp / "a.csv").write_text("3")
    assert (out / "thesis.docx").read_text() == "mine"
    assert sorted(os.listdir(tmp_path)) == ["export"]


def test_never_replaces_a_file_when_asked_not_to(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("my notes")
    os.chmod(target, 0o640)
    with pytest.raises(UserError, match="notes.txt: exists"):
        write_text(target, "export", replace=False)
    assert target.read_text() == "my notes" and _mode(target) == 0o640
    assert os.listdir(tmp_path) == ["notes.txt"]


def test_a_file_that_appears_while_writing_is_not_clobbered(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with pytest.raises(UserError, match="out.json"):
        with atomic_path(target, replace=False) as tmp:
            tmp.write_text("ours")
            target.write_text("someone else's")  # after the first check
    assert target.read_text() == "someone else's"
    assert os.listdir(tmp_path) == ["out.json"]


def test_disk_full_is_one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(UserError) as caught:
        write_text(target, "new", label=f"--html {target}")
    message = str(caught.value)
    assert message.startswith(f"--html {target}: no space left") and "\n" not in message
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["report.html"]


def test_a_library_that_only_says_no_space_is_understood(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="out.parquet: no space left"):
        with atomic_path(tmp_path / "out.parquet"):
            raise OSError("IOError: [Errno 28] No space left on device")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("where", "says"),
    [
        ("missing/out.json", "does not exist"),
        ("file.txt/out.json", "does not exist"),
        (".", "is a folder"),
    ],
)
def test_bad_destinations_are_refused(tmp_path: Path, where: str, says: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(UserError, match=says):
        write_text(tmp_path / where, "x")
    assert sorted(os.listdir(tmp_path)) == ["file.txt"]


def test_a_folder_the_system_will_not_write_is_one_line() -> None:
    # /proc/self cannot hold new files, even for root (for whom os.access says yes)
    with pytest.raises(UserError, match="cannot write|not writable"):
        write_text(Path("/proc/self/standoff-test.json"), "x")


def test_an_error_in_the_block_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        with atomic_path(tmp_path / "a.png"):
            raise ValueError("bad figure")
    assert os.listdir(tmp_path) == []
