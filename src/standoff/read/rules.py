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

from collections.abc import Callable, Container, Iterable, Iterator
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


# A word gate: given the step's context (the reader's lexicon), the words a rule can
# answer for at all.
WordGate = Callable[[Any], Container[str]]
# Words whose rules a Rules keeps (:meth:`Rules.for_word`) before it starts afresh.
MAX_KEPT_WORDS = 50_000


def word_gate(words: WordGate) -> Callable[[R], R]:
    """Mark a rule whose first test is that its word (a lemma) is in ``words(context)``:
    it answers None for every other word, so :meth:`Rules.for_word` need not call it for
    them. The rule keeps its own test; the gate must never be narrower than it."""

    def mark(rule: R) -> R:
        rule.word_gate = words  # type: ignore[attr-defined]
        return rule

    return mark


def _admits(rule: Callable[..., Any], word: str, context: object) -> bool:
    """Whether ``rule`` can answer for ``word``: it has no word gate, or its gate holds it."""
    gate: WordGate | None = getattr(rule, "word_gate", None)
    return gate is None or word in gate(context)


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
        # for_word's answers: for which enabled rules and context, and by word
        self._by_word: tuple[tuple[R, ...], object, dict[str, tuple[R, ...]]] = ((), None, {})

    def for_word(self, word: str, context: object) -> tuple[R, ...]:
        """The enabled rules that can answer for ``word``: those with no word gate
        (:func:`word_gate`) and those whose gate, given ``context``, holds it, in order.
        Running these gives the same answer as running them all; most words pass few
        gates, and a verb was tried against some 30 rules. Kept by word, for the rules
        enabled and the context of the last call (a test's :meth:`disabled` starts
        afresh)."""
        active, known, by_word = self._by_word
        if active is not self.active or known is not context:
            by_word = {}
            self._by_word = (self.active, context, by_word)
        rules = by_word.get(word)
        if rules is None:
            if len(by_word) >= MAX_KEPT_WORDS:
                by_word.clear()
            rules = by_word[word] = tuple(r for r in self.active if _admits(r, word, context))
        return rules

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
