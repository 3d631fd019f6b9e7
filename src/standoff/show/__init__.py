"""show: render a Standoff (and its Forecast) for people and programs.

The layers above own every number; this package only arranges them:

- :mod:`standoff.show.view` turns a Standoff/Forecast into plain sections of
  tables whose cells carry footnote indices (:mod:`standoff.show.citations`);
- :mod:`standoff.show.brief` prints those sections with rich (terminal, logs);
- :mod:`standoff.show.html` writes them as one self-contained HTML file, with
  the charts of :mod:`standoff.show.charts` inlined as SVG;
- :mod:`standoff.show.export_json` dumps the Standoff and Forecast as JSON.

The names below load their module on first use, so the terminal brief does not
pay for importing matplotlib.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "BriefView": "standoff.show.view",
    "build_view": "standoff.show.view",
    "render_brief": "standoff.show.brief",
    "render_forecast": "standoff.show.brief",
    "build_forecast_view": "standoff.show.view",
    "brief_text": "standoff.show.brief",
    "render_html": "standoff.show.html",
    "write_html": "standoff.show.html",
    "brief_json": "standoff.show.export_json",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'standoff.show' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
