"""show: render a Standoff (and its Forecast) for people and programs.

The layers above own every number; this package only arranges them:

- :mod:`standoff.show.view` turns a Standoff/Forecast into plain sections of
  tables whose cells carry footnote indices (:mod:`standoff.show.citations`);
- :mod:`standoff.show.brief` prints those sections with rich (terminal, logs);
- :mod:`standoff.show.html` writes them as one self-contained HTML file, with
  the charts of :mod:`standoff.show.charts` inlined as SVG;
- :mod:`standoff.show.export_json` dumps the Standoff and Forecast as JSON.
"""

from standoff.show.brief import render_brief
from standoff.show.export_json import brief_json
from standoff.show.html import render_html, write_html
from standoff.show.view import BriefView, build_view

__all__ = ["BriefView", "brief_json", "build_view", "render_brief", "render_html", "write_html"]
