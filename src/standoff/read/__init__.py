"""read: one article -> a :class:`~standoff.model.Reading`.

The public entry points are :class:`Reader` (load the pipeline once, read many
articles) and :func:`read_raw` (a convenience for one article).

Each step that decides what a text says is an ordered registry of small named rules
(:mod:`standoff.read.rules`): ``HEAD_ACTORS`` (mention_rules), ``VERB_TRIGGERS`` and
its siblings (triggers), ``OWN_MOODS`` ... (mood), ``VERB_ROLES`` ... (roles),
``SENTENCE_THREATS`` (threat_rules), ``PROPOSALS`` (proposals). Every fact about a PLOVER
event type is one row of ``data/event-types.yaml``. How to add a rule or an event type:
``docs/reader-rules.md``.
"""

from standoff.read.reader import Reader, read_raw

__all__ = ["Reader", "read_raw"]

# `standoff.read(...)` is the Python API's function of that name (standoff/entrypoints.py).
from standoff.entrypoints import make_callable  # noqa: E402

make_callable(__name__)
