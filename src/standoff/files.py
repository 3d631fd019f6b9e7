"""The one place standoff writes output files: atomically, with ordinary permissions,
and with errors a user can act on.

Every output (an export, an HTML report, a plot, a drafted scenario, fitted
coefficients, a Parquet partition of an ingest) goes through here:

1. a temporary file (or folder) is made in the destination's own folder, so the
   final rename never crosses a file system;
2. the caller writes it; it is flushed to the disk (``fsync``) and given the mode
   an ordinary new file gets: ``0666 & ~umask`` for files and ``0777 & ~umask`` for
   folders, that is 0644 and 0755 under the usual umask 022 (``mkstemp`` and
   ``mkdtemp`` alone would leave 0600 and 0700);
3. it is renamed over the destination in one step, and the folder is flushed too.

A reader of the destination sees the old file or the new one, never half of
either; a failure leaves the old file as it was and no temporary behind. With
``replace=False`` an existing destination is never replaced (the final step is a
hard link, which fails if a file appeared meanwhile); with a predicate, only a
destination the predicate recognises (e.g. an earlier export) is replaced. Every
failure of the file system is a :class:`~standoff.errors.UserError` naming the
file: a full disk says "no space left on device".

    from standoff.files import write_text, atomic_path, atomic_dir
    write_text(Path("out.json"), text)                  # replaces out.json
    with atomic_path(Path("plot.png")) as tmp:          # a library writes by path
        fig.savefig(tmp, format="png")
    with atomic_dir(Path("export"), replace=is_ours) as tmp:
        (tmp / "events.csv").write_text(...)
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from standoff.errors import UserError

# True: replace whatever is there; False: never replace; a predicate: replace only a
# destination it recognises (say, an earlier output of the same command).
Replace = bool | Callable[[Path], bool]

_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
_NO_LINK = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def umask() -> int:
    """The process's umask, read without changing it (Linux: /proc), else set and reset."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode of a new output file: 0644 under the usual umask 022."""
    return 0o666 & ~umask()


def dir_mode() -> int:
    """The mode of a new output folder: 0755 under the usual umask 022."""
    return 0o777 & ~umask()


def is_no_space(exc: BaseException) -> bool:
    """Whether ``exc`` says the disk (or the user's quota) is full, whoever raised it
    (an OSError with its errno, or a library that only kept the message)."""
    if isinstance(exc, OSError) and exc.errno in _NO_SPACE:
        return True
    text = str(exc).lower()
    return "no space left" in text or "disk quota exceeded" in text


def write_error(exc: BaseException, label: str) -> UserError:
    """The one line a failed write becomes: the file, and what the system said."""
    if is_no_space(exc):
        return UserError(f"{label}: no space left on device; nothing was written there")
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return UserError(f"{label}: cannot write ({reason})")


def _folder(path: Path, label: str, make_parents: bool) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if make_parents and not folder.exists():
        try:
            # mkdir applies the umask itself: 0755 under 022, as for the temporary folder
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(exc, label) from None
    if not folder.is_dir():
        raise UserError(f"{label}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(f"{label}: the folder {folder} is not writable")
    return folder


def _refusal(path: Path, label: str, replace: Replace, refusal: str | None) -> UserError | None:
    """The error for an existing ``path`` that ``replace`` forbids replacing, else None."""
    if not os.path.lexists(path) or replace is True:
        return None
    if replace is not False and replace(path):
        return None
    return UserError(
        f"{label}: {refusal or 'exists and was not written by standoff'}; "
        "nothing was replaced (give a new name, or remove it first)"
    )


def check_output(
    path: Path,
    *,
    replace: Replace = True,
    refusal: str | None = None,
    label: str | None = None,
    make_parents: bool = False,
    folder_output: bool = False,
) -> None:
    """Refuse, before any slow work, an output ``path`` that could not be written:
    a folder where a file is meant (or the reverse), a missing or unwritable folder,
    or an existing file ``replace`` does not allow replacing."""
    label = label or str(path)
    if not folder_output and path.is_dir():
        raise UserError(f"{label}: is a folder; give a file name")
    if not make_parents:
        _folder(path, label, make_parents=False)
    error = _refusal(path, label, replace, refusal)
    if error is not None:
        raise error


def _fsync(path: Path) -> None:
    """Flush a file or folder to the disk (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.EBADF):  # folders on some file systems
            raise
    finally:
        os.close(fd)


def _link_into_place(tmp: Path, path: Path, label: str, replace: Replace) -> None:
    """Rename ``tmp`` to ``path``; when ``path`` must not be replaced, never clobber it,
    even if it appeared after the check (a hard link fails on an existing name)."""
    if replace is True or os.path.lexists(path):
        # an existing destination was judged replaceable by _refusal just before
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise UserError(
            f"{label}: appeared while it was being written; nothing was replaced"
        ) from None
    except OSError as exc:
        if exc.errno not in _NO_LINK:
            raise
        os.replace(tmp, path)  # no hard links here (e.g. FAT): checked just before
        return
    tmp.unlink()


@contextmanager
def atomic_path(
    path: Path,
    *,
    replace: Replace = True,
    refusal: str | None = None,
    label: str | None = None,
    make_parents: bool = False,
) -> Iterator[Path]:
    """A temporary path beside ``path`` to write; renamed to ``path`` when the block ends.

    The temporary name is hidden and ends in ``.tmp`` (never in ``path``'s suffix, so a
    glob such as ``*.parquet`` never sees a half-written file); a library that picks a
    format by suffix must be told the format. ``label`` names the file in errors (e.g.
    ``--out report.json``). Raises UserError when the folder is missing (unless
    ``make_parents``) or not writable, when ``replace`` forbids replacing an existing
    ``path``, and for any OSError while writing (a full disk included).
    """
    path = Path(path)
    label = label or str(path)
    check_output(path, replace=replace, refusal=refusal, label=label, make_parents=make_parents)
    folder = _folder(path, label, make_parents)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise write_error(exc, label) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _fsync(tmp)
        os.chmod(tmp, file_mode())
        error = _refusal(path, label, replace, refusal)  # judged again: time has passed
        if error is not None:
            raise error
        _link_into_place(tmp, path, label, replace)
        _fsync(folder)
    except UserError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise write_error(exc, label) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(
    path: Path,
    data: bytes,
    *,
    replace: Replace = True,
    refusal: str | None = None,
    label: str | None = None,
    make_parents: bool = False,
) -> Path:
    """Write ``data`` to ``path`` atomically (the options are :func:`atomic_path`'s)."""
    with atomic_path(
        path, replace=replace, refusal=refusal, label=label, make_parents=make_parents
    ) as tmp:
        with tmp.open("wb") as handle:
            handle.write(data)
    return Path(path)


def write_text(
    path: Path,
    text: str,
    *,
    replace: Replace = True,
    refusal: str | None = None,
    label: str | None = None,
    make_parents: bool = False,
) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically (the options are :func:`atomic_path`'s).

    A lone surrogate, which UTF-8 cannot hold, is written as "?" rather than failing.
    """
    data = text.encode("utf-8", "replace")
    return write_bytes(
        path, data, replace=replace, refusal=refusal, label=label, make_parents=make_parents
    )


@contextmanager
def atomic_dir(
    path: Path,
    *,
    replace: Replace = True,
    refusal: str | None = None,
    label: str | None = None,
    make_parents: bool = True,
) -> Iterator[Path]:
    """A temporary folder beside ``path`` to fill; it becomes ``path`` when the block ends.

    An existing ``path`` that ``replace`` allows replacing is moved aside, the new
    folder renamed into place, then the old one removed, so ``path`` is always one
    whole version. Files get :func:`file_mode`, the folder :func:`dir_mode`.
    """
    path = Path(path)
    label = label or str(path)
    check_output(
        path,
        replace=replace,
        refusal=refusal,
        label=label,
        make_parents=make_parents,
        folder_output=True,
    )
    folder = _folder(path, label, make_parents)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder))
    except OSError as exc:
        raise write_error(exc, label) from None
    old: Path | None = None
    try:
        yield tmp
        mode = file_mode()
        for item in tmp.rglob("*"):
            if item.is_file():
                _fsync(item)
                os.chmod(item, mode)
            elif item.is_dir():
                os.chmod(item, dir_mode())
        os.chmod(tmp, dir_mode())
        _fsync(tmp)
        error = _refusal(path, label, replace, refusal)
        if error is not None:
            raise error
        if os.path.lexists(path):
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=folder))
            os.replace(path, old / path.name)
        os.replace(tmp, path)
        _fsync(folder)
    except BaseException as exc:
        if old is not None and not os.path.lexists(path):
            os.replace(old / path.name, path)  # put the old version back
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        if isinstance(exc, OSError):
            raise write_error(exc, label) from None
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


__all__ = [
    "Replace",
    "atomic_dir",
    "atomic_path",
    "check_output",
    "dir_mode",
    "file_mode",
    "is_no_space",
    "write_bytes",
    "write_error",
    "write_text",
]
