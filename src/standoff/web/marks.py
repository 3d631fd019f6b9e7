"""An article's text as HTML with the sentences its items were read from marked.

All text is escaped here (markupsafe), piece by piece, and only ``<mark>`` elements
built from integers and fixed class names are added around it: an article containing
``<script>`` or ``onerror=`` shows those words and nothing runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """A sentence to mark: offsets in ``Article.text`` and the kinds of items read there."""

    start: int
    end: int
    kinds: frozenset[str]
    labels: tuple[str, ...] = ()


def spans(items: Iterable[tuple[int, int, str, str]]) -> list[Span]:
    """Merge ``(start, end, kind, label)`` of items into one span per sentence."""
    merged: dict[tuple[int, int], tuple[set[str], list[str]]] = {}
    for start, end, kind, label in items:
        kinds, labels = merged.setdefault((start, end), (set(), []))
        kinds.add(kind)
        labels.append(label)
    return [
        Span(start, end, frozenset(kinds), tuple(labels))
        for (start, end), (kinds, labels) in sorted(merged.items())
    ]


def marked(text: str, marks: list[Span], focus: tuple[int, int] | None = None) -> Markup:
    """``text`` escaped, each span wrapped in ``<mark>`` (overlaps are dropped, the first
    kept); the ``focus`` span (which need not be an item's) gets ``id="focus"``."""
    wanted = list(marks)
    if focus is not None and not any((m.start, m.end) == focus for m in wanted):
        wanted.append(Span(focus[0], focus[1], frozenset()))
    wanted.sort(key=lambda m: (m.start, -m.end))
    out: list[str] = []
    at = 0
    for span in wanted:
        start, end = max(span.start, 0), min(span.end, len(text))
        if start < at or start >= end:
            continue  # overlapping or empty: keep the text unmarked
        out.append(str(escape(text[at:start])))
        classes = sorted(f"k-{kind}" for kind in span.kinds)
        attrs = f' id="s-{start}-{end}"'
        if focus == (span.start, span.end):
            classes.append("focus")
            attrs = ' id="focus"'
        title = "; ".join(span.labels)
        title_attr = f' title="{escape(title)}"' if title else ""
        out.append(f'<mark class="{" ".join(classes)}"{attrs}{title_attr}>')
        out.append(str(escape(text[start:end])))
        out.append("</mark>")
        at = end
    out.append(str(escape(text[at:])))
    return Markup("".join(out))
