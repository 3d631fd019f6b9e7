"""Copies of ledger state that share what is never changed in place.

A ledger changes its records and entries in place (a history grows, a status is set)
but never changes an Evidence, a StateChange, an Execution or a date once made: it
appends new ones. So a copy that duplicates every record, entry and container and
shares those leaves is independent of the original, and costs a fraction of a deep
copy (the 10,000-article benchmark's threat ledger: ~20,000 pieces of evidence shared
instead of copied). :class:`~standoff.track.merge.Replay` keeps such copies as
checkpoints of a replay.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


def _container(value: Any) -> Any:
    if isinstance(value, list | set | dict):
        return value.copy()
    if isinstance(value, BaseModel):
        return fresh(value)
    return value


def fresh(item: T) -> T:
    """A copy of a record or a ledger entry (a pydantic model or a dataclass): a new
    object whose lists, sets, dicts and nested records are new too, the rest shared."""
    if isinstance(item, BaseModel):
        update = {
            name: _container(getattr(item, name))
            for name in type(item).model_fields
            if isinstance(getattr(item, name), list | set | dict)
        }
        return item.model_copy(update=update)
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        changes = {f.name: _container(getattr(item, f.name)) for f in dataclasses.fields(item)}
        copied: T = dataclasses.replace(item, **changes)  # type: ignore[type-var]
        return copied
    raise TypeError(f"cannot copy a {type(item).__name__} as ledger state")


__all__ = ["fresh"]
