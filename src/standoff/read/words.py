"""The word classes of the reader's rules, loaded from ``standoff/data/reader-words.yaml``.

Rules name a class (``WORDS.offer_nouns``); the words themselves live in the
YAML file so that widening a class is a data change, reviewed as such.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


class WordClasses:
    """Attribute access to the word classes: lists become frozensets, mappings dicts."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self._classes: dict[str, Any] = {}
        for name, value in raw.items():
            if isinstance(value, dict):
                self._classes[name] = {str(k).lower(): str(v) for k, v in value.items()}
            else:
                if any(isinstance(w, bool) for w in value):
                    raise ValueError(f'reader-words.yaml: {name}: quote words such as "on" or "no"')
                self._classes[name] = frozenset(str(w).lower() for w in value)
        # Plain attributes: rules read a class for every word of every article, and
        # ``__getattr__`` (below, for names with no class) runs only after a failed lookup.
        self.__dict__.update(self._classes)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._classes[name]
        except KeyError:
            raise AttributeError(f"no word class {name!r} in reader-words.yaml") from None


def load_words() -> WordClasses:
    text = (resources.files("standoff") / "data" / "reader-words.yaml").read_text(encoding="utf-8")
    return parse_words(text)


def parse_words(text: str) -> WordClasses:
    """The word classes of a YAML text; ValueError when it names a class twice (YAML keeps
    the last of two keys silently, so a class added under a name in use would replace the
    other's words)."""
    names = [line.split(":", 1)[0] for line in text.splitlines() if line[:1].isalpha()]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"the word list names a class twice: {', '.join(repeated)}")
    return WordClasses(yaml.safe_load(text))


WORDS = load_words()
