"""How ``--help`` names a parameter's value: ``PATH``, ``TEXT``, ``INTEGER``; nothing for a flag.

typer 0.29 prints each parameter's Python type in angle brackets (``--json <bool>``,
``paths... <list[Path]>``), which reads as code, not as help. :func:`install` replaces
that label, for every command at once, by the value name a user expects from a Unix
tool: a flag shows none, a list shows its element's (``PATH``; the ``...`` that marks
several is typer's), a choice its values (``[json|csv]``). An explicit ``metavar``
still wins. The label is rewritten from typer's own, so this depends only on
``_TyperParameter.display_type`` (typer is pinned; tests/test_cli_help.py checks every
command's help).
"""

from __future__ import annotations

import re
from typing import Any

import typer.core

# typer's label (inside the angle brackets) -> the value name shown.
VALUE_NAMES = {
    "path": "PATH",
    "file": "FILE",
    "dir": "FOLDER",
    "directory": "FOLDER",
    "str": "TEXT",
    "int": "INTEGER",
    "int range": "INTEGER",
    "float": "NUMBER",
    "float range": "NUMBER",
    "bool": "BOOLEAN",
    "datetime": "DATETIME",
}
_LIST = re.compile(r"^list\[(.*)\]$")
_original = typer.core._TyperParameter.display_type


def value_name(label: str) -> str:
    """A typer type label (``list[Path]``, ``str``, ``a|b``) as a value name."""
    inner = _LIST.match(label)
    if inner:
        label = inner.group(1)
    if label.lower() in VALUE_NAMES:
        return VALUE_NAMES[label.lower()]
    if "|" in label:
        return f"[{label}]"  # a choice: its values
    return label.upper()


def _display_type(self: Any, ctx: Any) -> str | None:
    if getattr(self, "is_flag", False) or getattr(self, "count", False):
        return None  # a flag takes no value
    label: str = _original(self, ctx)
    if label.startswith("<") and label.endswith(">"):
        return value_name(label[1:-1])
    return label


def install() -> None:
    """Use :func:`value_name` labels in every ``--help`` of the process (idempotent)."""
    typer.core._TyperParameter.display_type = _display_type  # type: ignore[method-assign, assignment]


__all__ = ["VALUE_NAMES", "install", "value_name"]
