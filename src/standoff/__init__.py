"""standoff: read the news about a coercive-diplomacy standoff, track it, forecast how it ends.

The Python API (:mod:`standoff.api`, docs/api.md)::

    import standoff
    r = standoff.read("article.txt", date="2025-08-06")   # or text="..."
    s = standoff.track(["folder/"], as_of="2025-08-07")   # or standoff.open_store("s.duckdb")
    f = standoff.forecast(s, draws=1000, seed=0)
    s.events.to_pandas(); s.threats.to_pandas(); f.to_pandas()

``standoff.read``, ``standoff.track`` and ``standoff.forecast`` are also the packages of
the three layers (``from standoff.read import Reader`` works as before): each package is
callable as the API function of its name (:mod:`standoff.entrypoints`). Everything here
loads on first use, so ``import standoff`` stays cheap for the command line.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("standoff")  # pyproject.toml is the one place of the version
except PackageNotFoundError:  # pragma: no cover - run from a source tree, not installed
    __version__ = "unknown"

if TYPE_CHECKING:  # the names as type checkers see them; at run time see __getattr__
    from standoff.api import (
        ForecastTables,
        ReadingTables,
        StandoffTables,
        Table,
        forecast,
        open_store,
        read,
        track,
    )
    from standoff.errors import UserError

# The layers' packages, callable as the API functions of the same name.
_LAYERS = frozenset({"read", "track", "forecast"})
_API = frozenset({"open_store", "Table", "ReadingTables", "StandoffTables", "ForecastTables"})

__all__ = [
    "ForecastTables",
    "ReadingTables",
    "StandoffTables",
    "Table",
    "UserError",
    "__version__",
    "forecast",
    "open_store",
    "read",
    "track",
]


def __getattr__(name: str) -> Any:
    if name in _LAYERS:
        return importlib.import_module(f"standoff.{name}")
    if name in _API:
        return getattr(importlib.import_module("standoff.api"), name)
    if name == "UserError":
        return importlib.import_module("standoff.errors").UserError
    raise AttributeError(f"module 'standoff' has no attribute {name!r}")
