"""Ordered registries of named rules: each step of the reader as a list of small rules.

The reader's constructions ("X gave Y ten days to ...", "the threat of sanctions",
"Washington said Mexico must do more") are small functions, one job each, with an
example in the docstring. A step holds them in a :class:`Rules` list, in order; the
order is part of the meaning where the first rule that answers wins (a trigger's
mood, a verb's trigger kind), and is written down once, where the list is built.

A rule answers ``None`` when it does not apply (the next rule is tried), or
:data:`NOTHING` when it applies and decides that there is nothing to find (a
verb whose object is an event noun is no trigger itself: "held talks").

Tests disable one rule by name (:meth:`Rules.disabled`) to show that each rule,
and only it, reads its own example sentences; see ``tests/test_rules_*.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, Generic, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")
R = TypeVar("R", bound=Callable[..., Any])


class Nothing:
    """The answer of a rule that applies and finds that there is nothing to find."""

    _instance: Nothing | None = None

    def __new__(cls) -> Nothing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOTHING"


NOTHING = Nothing()


def rule_name(rule: Callable[..., Any]) -> str:
    """A rule's name: its ``name`` attribute (pattern entries), else the function's name."""
    return str(getattr(rule, "name", None) or rule.__name__)


class Rules(Generic[R]):
    """The ordered rules of one step; iterate over it to run the rules that are enabled.

    Parameters
    ----------
    step:
        What the step decides, for messages ("verb triggers", "mood of a trigger").
    rules:
        The rules in order; names (function names) must be unique.
    """

    def __init__(self, step: str, rules: Iterable[R]) -> None:
        self.step = step
        self._all: tuple[R, ...] = tuple(rules)
        names = [rule_name(r) for r in self._all]
        doubled = {n for n in names if names.count(n) > 1}
        if doubled:
            raise ValueError(f"{step}: rule names used twice: {', '.join(sorted(doubled))}")
        self.active: tuple[R, ...] = self._all

    def __iter__(self) -> Iterator[R]:
        return iter(self.active)

    def __len__(self) -> int:
        return len(self.active)

    def names(self) -> list[str]:
        """Every rule's name, in order (disabled ones included)."""
        return [rule_name(r) for r in self._all]

    def __repr__(self) -> str:
        return f"Rules({self.step!r}: {', '.join(self.names())})"

    @contextmanager
    def disabled(self, *names: str) -> Iterator[None]:
        """Run without the named rules (for tests: what does this rule alone read?)."""
        unknown = set(names) - set(self.names())
        if unknown:
            raise KeyError(f"{self.step}: no rule named {', '.join(sorted(unknown))}")
        before = self.active
        self.active = tuple(r for r in self.active if rule_name(r) not in names)
        try:
            yield
        finally:
            self.active = before


def first_match(
    rules: Iterable[Callable[P, T | Nothing | None]], *args: P.args, **kwargs: P.kwargs
) -> T | None:
    """The answer of the first rule that answers; None when none does or one says NOTHING."""
    # A Rules' enabled tuple directly: this runs for every word, and Rules.__iter__ is a
    # Python call each time.
    active = rules.active if isinstance(rules, Rules) else rules
    if kwargs:
        return first_match([partial(rule, **kwargs) for rule in active], *args)
    for rule in active:
        # without "**kwargs": half a million rule calls an article set, and an empty
        # keyword dictionary passed on makes each call half as slow again (Python 3.11)
        answer = rule(*args)  # type: ignore[call-arg]
        if answer is not None:
            return None if isinstance(answer, Nothing) else answer
    return None
