"""track: many Readings over time -> one Standoff, and the store that keeps them.

The merge (:func:`build_standoff`) is pure and knows nothing of storage; the
store (:class:`~standoff.track.store.Store`) keeps Readings in DuckDB and calls
the merge for its queries.
"""

from standoff.track.merge import build_standoff

__all__ = ["build_standoff"]

# `standoff.track(...)` is the Python API's function of that name (standoff/entrypoints.py).
from standoff.entrypoints import make_callable  # noqa: E402

make_callable(__name__)
