"""The threats of one article as they are assembled, and what every threat rule shares.

A :class:`Draft` is one threat of a (sender, target) pair, gathered from every
sentence that carries it. An :class:`Assembly` holds the article's drafts while the
rules of :mod:`standoff.read.threat_rules` and :mod:`standoff.read.threats` add to
them: the parsed article, its events, its actors, who set its deadline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from standoff.model import ActorKind
from standoff.read.actors import ActorEntry
from standoff.read.deadlines import DEADLINE_NOUNS
from standoff.read.events import QUAD, Found
from standoff.read.lexicon import Lexicon
from standoff.read.mentions import ActorIndex, Ref, countries_of
from standoff.read.syntax import subject_of
from standoff.read.word_table import lower_words
from standoff.read.words import WORDS

EVALUATIVE = WORDS.evaluative
# Verbs by which someone sets a deadline: "the deadline Trump set", "gave a deadline".
SETTING_VERBS = frozenset(
    ("set", "give", "issue", "impose", "extend", "cut", "shorten", "announce")
)


@dataclass
class Draft:
    """A threat being assembled from several sentences."""

    sender: str
    target: str
    third_parties: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    demand: str | None = None
    sentences: list[Span] = field(default_factory=list)
    measures_only: bool = False  # made from a measure taken, with no threat sentence
    set_off: bool = False  # its sender set off a measure the article reports carried out
    first_at: int = -1  # the token of its first measure taken (measures_only drafts)


@dataclass
class Assembly:
    """The drafts of one article and what the rules read them from.

    ``setter`` holds who set the article's deadline ("a deadline set by Trump"), the
    sender of a threat whose sentence leaves it out; ``generic`` the senders and
    sentences of threats aimed at a generic set of countries ("countries that buy ...").
    """

    doc: Doc
    found: list[Found]
    index: ActorIndex
    lexicon: Lexicon
    drafts: dict[tuple[str, str], Draft] = field(default_factory=dict)
    setter: list[Ref] = field(default_factory=list)
    generic: list[tuple[str, Span]] = field(default_factory=list)
    headline_end: int = 0  # the character where the text's headline ends (0: none)

    def draft(self, sender: str, target: str) -> Draft:
        """The draft of a (sender, target) pair, made on first use."""
        key = (sender, target)
        if key not in self.drafts:
            self.drafts[key] = Draft(sender, target)
        return self.drafts[key]

    def main_senders(self) -> list[str]:
        """The sender of the article's best-attested threat, when a sentence leaves it out."""
        if not self.drafts:
            return []
        # the headline counts here: it names who the story's threat is from
        best = max(self.drafts.values(), key=lambda d: len(d.sentences))
        return [best.sender]

    def senders_or_setter(self, senders: list[Ref]) -> list[str]:
        """The senders a sentence names, else the deadline's setter, else the main sender."""
        return [r.country for r in senders or self.setter] or self.main_senders()

    def main_of(self, sender: str) -> Draft | None:
        """The sender's best-attested threat, if it has one."""
        mains = [d for d in self.drafts.values() if d.sender == sender]
        return max(mains, key=lambda d: attestation(d, self.headline_end)) if mains else None


def attestation(draft: Draft, headline_end: int = 0) -> tuple[int, int]:
    """How well the article attests a draft, to rank an article's threats: its sentences in
    the body, then all its sentences. A headline (the text before ``headline_end``)
    restates the story; the threat it names first is not the main one for that."""
    body = sum(1 for s in draft.sentences if s.start_char >= headline_end)
    return body, len(draft.sentences)


def measure_phrases(sent: Span, lexicon: Lexicon) -> list[str]:
    """'a new regime of trade restrictions, tariffs, and financial penalties' -> three measures.

    Kept per sentence in ``doc.user_data``: the rules ask again for every event of a
    sentence, which made a long run-on sentence quadratic to read. A measure named in the
    condition is what the target must do, not what the sender threatens ("threatened to ban
    wheat exports unless it lifted the blockade": not the blockade); a hyphenated modifier is
    kept whole ("triple-digit duties").
    """
    per_sentence = sent.doc.user_data.setdefault("standoff.measures", {})
    key = (sent.start, sent.end, id(lexicon))
    if key not in per_sentence:
        per_sentence[key] = _measure_phrases(sent, lexicon)
    return list(per_sentence[key])


def _measure_phrases(sent: Span, lexicon: Lexicon) -> list[str]:
    out: list[str] = []
    condition = _condition_tokens(sent)
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in condition:
            continue
        if tok.lower_ not in lexicon.measures and tok.lemma_.lower() not in lexicon.measures:
            continue
        mods = [
            c
            for c in tok.children
            if c.dep_ in ("amod", "compound")
            and c.i < tok.i
            and c.lower_ not in EVALUATIVE
            and not c.ent_type_
            and c.pos_ in ("ADJ", "NOUN")
        ]
        phrase = " ".join([*(_modifier(m) for m in mods), tok.lower_])
        if phrase not in out:
            out.append(phrase)
    return out


def threatened_acts(sent: Span) -> list[str]:
    """What a 'threaten to' clause says the sender would do: 'gave Qatar ten days ...,
    threatening to halt all remaining trade with Doha' -> 'halt all remaining trade with
    Doha' (a measure told as a verb, which :func:`measure_phrases` cannot name)."""
    out: list[str] = []
    for tok in sent:
        if tok.lemma_.lower() != "threaten":
            continue
        for act in tok.children:
            if act.dep_ == "xcomp" and act.pos_ == "VERB":
                objects = [c for c in act.children if c.dep_ in ("dobj", "prt")]
                end = max([act.i, *(o.right_edge.i for o in objects)]) + 1
                out.append(tidy(sent.doc[act.i : end].text))
    return out


def _condition_tokens(sent: Span) -> set[int]:
    """The tokens of a sentence's 'unless' or 'if' clause."""
    out: set[int] = set()
    for tok in sent:
        if tok.lower_ in ("unless", "if") and tok.dep_ == "mark":
            out.update(range(tok.head.left_edge.i, tok.head.right_edge.i + 1))
    return out


def _modifier(mod: Token) -> str:
    """A modifier's words: 'digit' with its hyphenated part is 'triple-digit'."""
    start = mod.i
    doc = mod.doc
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2
    return doc[start : mod.i + 1].text.lower()


def tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,;-\u2014")


def deadline_setter(doc: Doc, index: ActorIndex) -> list[Ref]:
    """Who set the article's deadline: 'a deadline set by Trump', "Trump's deadline",
    'Trump gave a deadline'."""
    for i, word in enumerate(lower_words(doc)):  # a Token only for a deadline word
        if word in DEADLINE_NOUNS:
            tok = doc[i]
            refs = _named_setter(tok, index) or _setting_subject(tok, index)
            if refs:
                return refs
    return []


def _named_setter(noun: Token, index: ActorIndex) -> list[Ref]:
    """ "Trump's deadline", 'the deadline set by Trump'."""
    for child in noun.children:
        if child.dep_ == "poss":
            refs = index.actors_of(child)
            if refs:
                return refs
        if child.dep_ == "acl":
            for grand in child.children:
                if grand.dep_ == "agent":
                    for obj in grand.children:
                        refs = index.actors_of(obj)
                        if refs:
                            return refs
    return []


def _setting_subject(noun: Token, index: ActorIndex) -> list[Ref]:
    """'Trump set a deadline', 'extended the deadline': the subject of the setting verb."""
    if noun.dep_ in ("dobj",) and noun.head.lemma_.lower() in SETTING_VERBS:
        subject = subject_of(noun.head)
        if subject is not None and index.actors_of(subject):
            return index.actors_of(subject)
    return []


def counterpart(
    country: str, found: list[Found], index: ActorIndex, exclude: frozenset[str] = frozenset()
) -> str | None:
    """The party ``country`` faces in this article: the actor it most often acts on or is
    acted on by, then the one most often named beside it. A threat whose sentence names only
    one side ("Mexico would respond strongly if the tariffs take effect") is aimed there.
    ``exclude`` holds the event's own other parties ("China and India could face levies":
    India is China's fellow target, not its threatener)."""
    tally = Counter(_tallies(found, index).get(country, ()))
    for other in exclude:
        tally.pop(other, None)
    return tally.most_common(1)[0][0] if tally else None


def _tallies(found: list[Found], index: ActorIndex) -> dict[str, Counter[str]]:
    """Every country's tally of the parties it faces, built in one pass over the article
    and kept for it (one pass per call made a long article quadratic to read)."""
    key = ("counterparts", id(found), len(found))
    cached = index.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    # Countries in order of mention, never a set: the tally's ties go to the first counted,
    # so a set's order would change the answer from run to run.
    tallies: dict[str, Counter[str]] = {}
    for f in found:
        sides = (countries_of(f.sources), countries_of(f.targets))
        # a threat is aimed at an adversary: conflictual dealings weigh more than cooperative
        weight = 3 if QUAD.get(f.type, "").endswith("conf") else 1
        for ours, theirs in (sides, sides[::-1]):
            for country in ours:
                tallies.setdefault(country, Counter()).update(
                    {c: weight for c in theirs if c != country}
                )
    for mentions in index.by_sentence():
        countries = countries_of(mentions)
        for country in countries:
            tallies.setdefault(country, Counter()).update(c for c in countries if c != country)
    index.memo[key] = tallies
    return tallies


def demonym_refs(tokens: list[Token], index: ActorIndex) -> list[Ref]:
    """The states the nationality adjectives among ``tokens`` name ("Guyanese"), as mentions."""
    return [
        Ref(
            ActorEntry(index.demonyms[t.i], index.demonyms[t.i], t.text, ActorKind.STATE),
            t.i,
            t.i + 1,
            "demonym",
        )
        for t in tokens
        if t.i in index.demonyms
    ]


def phrase_parties(noun: Token, index: ActorIndex) -> list[Ref]:
    """The states a phrase ties its head to: the actors named in it ("companies working under
    concessions granted by Guyana"), else its nationality adjectives ("under Guyanese
    concessions"); pronouns excepted."""
    start, end = noun.left_edge.i, noun.right_edge.i + 1
    named = [r for r in index.refs_between(start, end) if r.how != "pronoun"]
    return named or demonym_refs(list(noun.subtree), index)


def speakers(tok: Token, index: ActorIndex, exclude: set[str]) -> list[Ref]:
    """The actor who says or does what a token is part of: the subject of the nearest
    governing verb that has one ('Trump said the duties would take effect', 'the United
    States has dropped its plan to put tariffs on ...')."""
    head = tok
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX"):
            subject = subject_of(head)
            refs = index.actors_of(subject) if subject is not None else []
            refs = [r for r in refs if r.country not in exclude]
            if refs:
                return refs
        if head.head.i == head.i:
            break
        head = head.head
    return []
