"""The pipeline's lemmas: every rule matches lemmas, so a verb the model lemmatizes to
another word ("hoped" -> "hop") is invisible to the lexicon until it is fixed."""

from __future__ import annotations

import pytest

from standoff.read import Reader
from standoff.read.words import WORDS

# Forms the generator below spells wrong or the model reads as another word class.
IRREGULAR = frozenset({"be", "see", "fly", "veto"})


def _regular_forms(verb: str) -> list[str]:
    """The past, third person and -ing forms of a regular verb."""
    consonant_y = verb.endswith("y") and verb[-2:-1] not in ("a", "e", "i", "o", "u")
    past = verb + "d" if verb.endswith("e") else (verb[:-1] + "ied" if consonant_y else verb + "ed")
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        third = verb + "es"
    else:
        third = verb[:-1] + "ies" if consonant_y else verb + "s"
    stem = verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb
    return [past, third, stem + "ing"]


def test_every_lexicon_verb_lemmatizes_back_to_itself(reader: Reader) -> None:
    """A regular verb of the lexicon, in any form, must come back as itself: add a wrong
    stem to ``lemma_fixes`` in reader-words.yaml when one does not."""
    verbs = sorted(
        {v for v in reader.lexicon.verb_index if v.isalpha() and v not in IRREGULAR}
        | set(WORDS.hoping_verbs)
    )
    cases = [(verb, form) for verb in verbs for form in _regular_forms(verb)]
    texts = [
        f"Officials were {form} it." if form.endswith("ing") else f"Officials {form} it."
        for _verb, form in cases
    ]
    wrong = []
    for (verb, form), doc in zip(cases, reader.nlp.pipe(texts), strict=True):
        token = doc[2] if form.endswith("ing") else doc[1]
        if token.lemma_.lower() != verb:
            wrong.append(f"{form} -> {token.lemma_}")
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "lemma"),
    [("China hoped Iran would talk.", "hope"), ("Brussels fined Poland.", "fine"),
     ("Protesters staged a sit-in.", "stage"), ("Russia waged war.", "wage")],
)  # fmt: skip
def test_wrong_stems_are_fixed(reader: Reader, text: str, lemma: str) -> None:
    assert reader.nlp(text)[1].lemma_ == lemma
