"""read: one article -> a :class:`~standoff.model.Reading`.

The public entry points are :class:`Reader` (load the pipeline once, read many
articles) and :func:`read_raw` (a convenience for one article).
"""

from standoff.read.reader import Reader, read_raw

__all__ = ["Reader", "read_raw"]

# `standoff.read(...)` is the Python API's function of that name (standoff/entrypoints.py).
from standoff.entrypoints import make_callable  # noqa: E402

make_callable(__name__)
