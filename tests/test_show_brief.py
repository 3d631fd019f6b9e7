"""The terminal brief: what an analyst reads in a terminal or in a ``make run`` log."""

from __future__ import annotations

import io
import re

from standoff.model import Standoff
from standoff.show.brief import MAX_WIDTH, brief_text, make_console, render_brief
from test_show_view import make_forecast, make_standoff


def test_brief_shows_threat_deadline_status_and_third_parties() -> None:
    text = brief_text(make_standoff(), make_forecast())
    assert "third parties  IND, CHN" in text
    assert '2025-08-08 (day, relative, from "ten days from today")' in text
    assert "status         modified" in text
    assert "deadline cut from 2025-09-02 to 2025-08-08" in text  # the history


def test_brief_has_every_section_and_the_forecast() -> None:
    text = brief_text(make_standoff(), make_forecast())
    for heading in ("ACTORS", "TIMELINE", "THREATS", "PROPOSALS", "RED LINES AND DEMANDS",
                    "WARNINGS", "FORECAST", "ARTICLES READ", "NOTES"):
        assert f"\n{heading}\n" in text
    assert "United States" in text
    assert "Ukraine must never join NATO" in text
    assert re.search(r"back down +55%", text)
    assert "docs/models/coercion.md" in text


def test_footnotes_point_to_sentence_and_outlet() -> None:
    text = brief_text(make_standoff(), make_forecast())
    notes = text.split("\nNOTES\n", 1)[1]
    assert '"Trump said Russia has ten days from today' in notes
    assert "(example-wire.com, 2025-07-29)" in notes
    assert "model card: docs/models/coercion.md" in notes


def test_fits_in_100_columns_without_trailing_spaces() -> None:
    text = brief_text(make_standoff(), make_forecast())
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= MAX_WIDTH
    assert all(line == line.rstrip() for line in lines)


def test_plain_text_when_not_a_terminal() -> None:
    buffer = io.StringIO()
    console = make_console(buffer)
    assert console.width == MAX_WIDTH and not console.is_terminal
    render_brief(make_standoff(), None, console=console)
    out = buffer.getvalue()
    assert "\x1b[" not in out  # no colour codes in a log
    assert "no forecast: not run" in out


def test_empty_standoff_renders() -> None:
    text = brief_text(Standoff())
    assert "(no threats found)" in text and "(no events found)" in text
