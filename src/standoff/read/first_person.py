"""Who "I" and "we" are: the speaker of a transcript's turn, or of a quotation.

News quotes its actors in the first person: '"We will intervene militarily," the
commission's president said', or prints remarks as a transcript whose turns open with a
speaker's label ("ZHAO: We again urge the Czech side ..."). A first-person pronoun there
stands for the one speaking, and the events the speaker announces are that actor's. The
reader's other pronouns ("he", "it", "they") are resolved in :mod:`standoff.read.mentions`;
this module only finds speakers, so it runs after them (a quotation's "he said" is then
already resolved).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from standoff.model import ActorKind
from standoff.read.refs import Ref
from standoff.read.spans import sentence_at
from standoff.read.words import WORDS

if TYPE_CHECKING:
    from standoff.read.mentions import ActorIndex

FIRST_PERSON = frozenset(("i", "me", "my", "myself", "we", "us", "our", "ours", "ourselves"))
QUOTES = frozenset(('"', "\u201c", "\u201d"))

# A turn's label at the start of a line: "ZHAO:", "THE PRIME MINISTER:", "Q:", "Q (BBC):".
TURN_LABEL = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.'\- ]{0,40}?)(?: \([^)\n]{0,60}\))?:[ \t]")
# Labels of those who ask, not answer.
ASKERS = frozenset(("Q", "QUESTION", "REPORTER", "JOURNALIST", "MODERATOR", "HOST"))


def first_person_refs(index: ActorIndex) -> Iterator[Ref]:
    """A mention for each first-person pronoun whose speaker the text names: a transcript
    turn's labelled speaker, else the one a quotation is attributed to."""
    doc = index.doc
    taken = set(index.by_token)
    for start, end, speaker in [*_turns(index), *_quotations(index)]:
        for i in range(start, end):
            if i not in taken and doc[i].lower_ in FIRST_PERSON:
                taken.add(i)
                yield Ref(speaker.entry, i, i + 1, "speaker")


def _turns(index: ActorIndex) -> list[tuple[int, int, Ref]]:
    """(first token, end token, speaker) of each transcript turn whose label names a
    speaker: the person whose surname it is ("ZHAO"), or for a label that names an office
    ("THE PRIME MINISTER") the first person the text names before it."""
    doc = index.doc
    labels = [m for m in TURN_LABEL.finditer(doc.text) if _label_words(m.group(1))]
    if len(labels) < 2:  # one "WASHINGTON:" line is a dateline, not a transcript
        return []
    people = [r for r in index.refs if r.entry.kind is ActorKind.PERSON and r.how != "pronoun"]
    turns: list[tuple[int, int, Ref]] = []
    for n, label in enumerate(labels):
        words = _label_words(label.group(1))
        if words[0] in ASKERS:
            continue
        # a surname ("MAY"), or a family name written first ("ZHAO" for Zhao Lijian), with
        # or without its accents ("PREVOT" for Maxime Prévot)
        speaker = next((r for r in people if words[-1] in _name_words(r)), None)
        if speaker is None and index.book.sector_for(words[-1].lower()):
            # "Excerpts from Theresa May's statement ... THE PRIME MINISTER: ..."
            speaker = next((r for r in people if doc[r.start].idx < label.start()), None)
        if speaker is None:
            continue
        end_char = labels[n + 1].start() if n + 1 < len(labels) else len(doc.text)
        span = doc.char_span(label.end(), end_char, alignment_mode="expand")
        if span is not None:
            turns.append((span.start, span.end, speaker))
    return turns


def _name_words(ref: Ref) -> set[str]:
    """The words of a person's name, in capitals and without accents."""
    name = unicodedata.normalize("NFKD", ref.entry.name).encode("ascii", "ignore").decode()
    return set(name.upper().split())


def _label_words(label: str) -> list[str]:
    """The words of a turn label, or none for a line that is no label (a time, a heading
    of more than four words)."""
    words = label.replace(".", " ").split()
    return words if 0 < len(words) <= 4 else []


def _quotations(index: ActorIndex) -> list[tuple[int, int, Ref]]:
    """(first token, end token, speaker) of each quotation whose sentence, where it opens or
    closes, has a reporting verb with an actor as subject: '"We will act," Ruto said'."""
    doc = index.doc
    marks = [t.i for t in doc if t.text in QUOTES]
    out: list[tuple[int, int, Ref]] = []
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):
        speaker = _attributed(index, doc, opening, closing)
        if speaker is not None:
            out.append((opening + 1, closing, speaker))
    return out


def _attributed(index: ActorIndex, doc: Doc, opening: int, closing: int) -> Ref | None:
    """The one actor a reporting verb outside the quotation, in the sentence where it opens
    or closes, has as subject."""
    for at in (closing, opening):
        sent = sentence_at(doc, at)
        for tok in sent:
            if opening <= tok.i <= closing or tok.lemma_.lower() not in WORDS.reporting_verbs:
                continue
            speakers = _subject_actors(index, tok)
            if len({r.country for r in speakers}) == 1:
                return speakers[0]
    return None


def _subject_actors(index: ActorIndex, verb: Token) -> list[Ref]:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return index.actors_of(subjects[0]) if subjects else []
