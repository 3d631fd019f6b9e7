"""Coercive threats: who threatens whom with what, unless what, by when.

A threat is assembled from the sentences that carry one: THREATEN events
(an explicit "threatened", an "ultimatum", a modal sanction such as "tariffs
could target ..."), and conditional measures ("unless Russia ..., tariffs will
be activated"; "... or face sanctions"). Threat sentences of the same
(sender, target) pair are one threat. Its deadline is chosen from every date
the article attaches to a deadline; a stated date that disagrees with one
counted from a relative phrase ("two days before the deadline") is reported as
a warning, never silently chosen.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from standoff.model import DatePrecision, Evidence, ResolvedDate, Threat, ThreatStatus, Warning
from standoff.read.dates import describe, number, resolve
from standoff.read.events import Found, _subject
from standoff.read.evidence import sentence_evidence
from standoff.read.lexicon import Lexicon
from standoff.read.mentions import ActorIndex, Ref
from standoff.read.words import WORDS

DEADLINE_NOUNS = WORDS.deadline_nouns
# Words that mark a deadline as the new one: "cut the deadline to 10 days".
MOVED_CUES = re.compile(
    r"\b(new|shorten|shortened|cut|cuts|moved?|brought forward|extend|extended|"
    r"pushed back|revised|now|reduced|slashed)\b",
    re.I,
)
EVALUATIVE = WORDS.evaluative
BEFORE_DEADLINE = re.compile(
    rf"\b(?P<n>\d+|{'|'.join(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'ten'])})\s+"
    r"(?P<unit>days?|weeks?)\s+(?:before|ahead\s+of|prior\s+to)\s+(?:the\s+)?(?:\w+\s+){0,4}?"
    r"(?:deadline|ultimatum)",
    re.I,
)
PASSED = re.compile(  # "the deadline ... ran out on Friday", not "before the deadline expired"
    r"(?<!before the )\bdeadline\b[^.]{0,120}\b(passed|expired|lapsed|came and went|ran out)\b|"
    r"\b(passed|expired|lapsed)\b[^.]{0,30}\bdeadline\b",
    re.I,
)
BUYER_NOUNS = WORDS.buyer_nouns


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


def _evidence(sent: Span, article_id: str, source: str | None, published: date | None) -> Evidence:
    return sentence_evidence(sent, article_id, source, published)


def measure_phrases(sent: Span, lexicon: Lexicon) -> list[str]:
    """'a new regime of trade restrictions, tariffs, and financial penalties' -> three measures."""
    out: list[str] = []
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN"):
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
        phrase = " ".join([*(m.lower_ for m in mods), tok.lower_])
        if phrase not in out:
            out.append(phrase)
    return out


def _unless_clause(sent: Span) -> tuple[Token, str] | None:
    """The subject and text of an 'unless ...' clause, if the sentence has one."""
    for tok in sent:
        if tok.lower_ == "unless" and tok.dep_ == "mark":
            verb = tok.head
            subject = _subject(verb)
            words = [t for t in verb.subtree if t.i > tok.i]
            text = " ".join(t.text for t in words).replace(" ,", ",").replace(" - ", "-")
            if subject is not None:
                return subject, _tidy(sent.doc[tok.i + 1 : words[-1].i + 1].text if words else text)
    return None


def _or_face(sent: Span) -> tuple[Token | None, str | None] | None:
    """'requires Russia to demonstrate ... or face sanctions' -> (Russia, 'demonstrate ...')."""
    for tok in sent:
        if (
            tok.lemma_.lower() == "face"
            and tok.dep_ == "conj"
            and any(c.lower_ == "or" for c in tok.head.children)
        ):
            first = tok.head
            obj = None
            for child in first.head.children:
                if child.dep_ in ("dobj", "nsubj") and child.i < first.i:
                    obj = child
            demand = sent.doc[first.i : _clause_end(first, tok)].text
            return obj, _tidy(demand)
    return None


def _clause_end(first: Token, stop: Token) -> int:
    end = first.i + 1
    for t in first.subtree:
        if t.i < stop.i and t.lower_ != "or":
            end = max(end, t.i + 1)
    return end


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,;-\u2014")


PATIENT_VERBS = WORDS.patient_verbs
TIME_NOUNS = WORDS.time_nouns
QUOTED_DURATION = re.compile(
    r"[\"\u201c'\u2018](?P<span>(?:within |in )?(?:\d+|ten|five|seven|fifty|thirty|sixty|ninety|"
    r"twelve|fourteen|twenty)(?:\s*(?:or|to|-)\s*\d+)?\s+(?:days?|weeks?)(?: from (?:today|now))?)"
    r"[\"\u201d'\u2019]",
    re.I,
)


def _to_clause(tok: Token) -> Token | None:
    """An infinitive clause hanging from ``tok``: '... 50 days to reach an agreement'."""
    for child in tok.children:
        if child.dep_ in ("advcl", "xcomp", "acl", "relcl", "ccomp") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            return child
    return None


def ultimatums(sent: Span, index: ActorIndex) -> list[tuple[list[Ref], list[Ref], str]]:
    """'X gave Y 50 days to do Z', 'Y has ten days to do Z': (senders, targets, demand).

    The sender of a "Y has N days" form is not in the sentence; it is left
    empty for the caller to fill from the article (the deadline's setter).
    """
    out: list[tuple[list[Ref], list[Ref], str]] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX") or lemma not in ("give", "grant", "allow", "have"):
            continue
        time = next(
            (
                d
                for c in tok.children
                if c.dep_ in ("dobj", "attr")
                for d in c.subtree
                if d.lower_ in TIME_NOUNS
            ),
            None,
        )
        until = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "until"), None)
        if time is None and (until is None or lemma == "have"):
            continue
        clause = (_to_clause(time) if time is not None else None) or _to_clause(tok)
        if clause is None and time is not None:
            continue
        demand = (
            _tidy(sent.doc[clause.i : clause.right_edge.i + 1].text) if clause is not None else ""
        )
        if lemma == "have":
            subject = _subject(tok)
            targets = index.actors_of(subject) if subject is not None else []
            senders: list[Ref] = []
        else:
            dative = next((c for c in tok.children if c.dep_ in ("dative", "iobj")), None)
            if dative is None and time is None:  # "gave the Kremlin until early September"
                dative = next((c for c in tok.children if c.dep_ == "dobj"), None)
            targets = index.actors_of(dative) if dative is not None else []
            subject = _subject(tok)
            senders = index.actors_of(subject) if subject is not None else []
        if targets:
            out.append((senders, targets, demand))
    return out


THREAT_NOUNS = DEADLINE_NOUNS | {"threat", "threats", "ultimatum", "warning"}


def deadline_threats(sent: Span, index: ActorIndex) -> list[tuple[list[Ref], list[Ref]]]:
    """Threats named by a noun: "Trump's deadline for Russia", "the deadline Washington set for
    Moscow", "the deadline Trump had given Russia", "the US sanctions threat against Iran".

    Returns (senders, targets) pairs; either may be empty when the phrase leaves it out.
    """
    out: list[tuple[list[Ref], list[Ref]]] = []
    for tok in sent:
        if tok.lower_ not in THREAT_NOUNS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        senders: list[Ref] = []
        targets: list[Ref] = []
        for child in tok.children:
            if child.dep_ == "poss":
                senders += index.actors_of(child)
            elif child.dep_ in ("compound", "nmod", "amod") and child.i in index.by_token:
                targets_or_senders = index.actors_of(child, demonyms=True)
                senders += targets_or_senders  # "the US deadline": a modifier is the setter
            elif child.dep_ == "prep" and child.lower_ in ("for", "to", "against", "on"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        targets += index.actors_of(obj)
            elif child.dep_ in ("relcl", "acl"):  # "the deadline Washington set for Moscow"
                subject = _subject(child) if child.dep_ == "relcl" else None
                if subject is not None and subject.i != tok.i:
                    senders += index.actors_of(subject)
                # "the ultimatum that produced it": what it did, not whom it targets
                own_subject = subject is not None and subject.i != tok.i
                for grand in child.children:
                    if grand.dep_ == "agent":
                        senders += [r for o in grand.children for r in index.actors_of(o)]
                    elif (
                        grand.dep_ in ("dative", "dobj")
                        and grand.i != tok.i
                        and (own_subject or child.dep_ == "acl")
                    ):
                        targets += index.actors_of(grand)
                    elif grand.dep_ == "prep" and grand.lower_ in ("for", "to", "on"):
                        targets += [r for o in grand.children for r in index.actors_of(o)]
        target_countries = {r.country for r in targets}
        senders = [s for s in senders if s.country not in target_countries]
        if senders or targets:
            out.append((senders, targets))
    return out


def deadline_setter(doc: Doc, index: ActorIndex) -> list[Ref]:
    """Who set the article's deadline: 'a deadline set by Trump', "Trump's deadline"."""
    for tok in doc:
        if tok.lower_ not in DEADLINE_NOUNS:
            continue
        for child in tok.children:
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
        if tok.dep_ in ("dobj",) and tok.head.lemma_.lower() in (
            "set",
            "give",
            "issue",
            "impose",
            "extend",
            "cut",
            "shorten",
            "announce",
        ):
            subject = _subject(tok.head)
            if subject is not None and index.actors_of(subject):
                return index.actors_of(subject)
    return []


def _buyers(doc: Doc, index: ActorIndex, target: str) -> list[str]:
    """Countries the text calls buyers or importers (of the target's goods)."""
    out: list[str] = []
    for tok in doc:
        if tok.lower_ not in BUYER_NOUNS:
            continue
        candidates: list[Token] = []
        if tok.dep_ == "appos":
            candidates.append(tok.head)
        if tok.dep_ in ("attr",):
            subject = _subject(tok.head)
            if subject is not None:
                candidates.append(subject)
        for cand in candidates:
            for ref in index.actors_of(cand):
                if ref.country != target and ref.country not in out and len(ref.country) == 3:
                    out.append(ref.country)
    return out


def _window_countries(doc: Doc, sent: Span, index: ActorIndex, exclude: set[str]) -> list[str]:
    """Countries named as actors in this sentence and the one before (for 'countries that ...')."""
    start = sent.start
    previous = doc[sent.start - 1].sent if sent.start > 0 else None
    if previous is not None and previous.text.strip() == "" and previous.start > 0:
        previous = doc[previous.start - 1].sent
    if previous is not None:
        start = previous.start
    out: list[str] = []
    for ref in index.refs:
        if start <= ref.start < sent.end and ref.how != "pronoun":
            head = doc[ref.end - 1]
            if head.dep_ == "pobj" and head.head.head.i == ref.start - 2:
                pass
            if ref.country not in exclude and len(ref.country) == 3 and ref.country not in out:
                if _is_relative_clause_object(head) or _is_place(head):
                    continue
                out.append(ref.country)
    return out


def _is_place(tok: Token) -> bool:
    """'the war in Ukraine', 'talks in Istanbul': a location, not a party."""
    return tok.dep_ == "pobj" and tok.head.lower_ in (
        "in",
        "at",
        "near",
        "inside",
        "across",
        "from",
    )


def _is_relative_clause_object(tok: Token) -> bool:
    """'countries that keep trading with Russia': Russia is not one of the countries."""
    head = tok
    for _ in range(5):
        if head.dep_ == "relcl":
            return True
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def _main_senders(drafts: dict[tuple[str, str], Draft]) -> list[str]:
    """The sender of the article's best-attested threat, when a sentence leaves it out."""
    if not drafts:
        return []
    best = max(drafts.values(), key=lambda d: len(d.sentences))
    return [best.sender]


def _secondary_targets(
    drafts: dict[tuple[str, str], Draft], found: list[Found], index: ActorIndex
) -> None:
    """Measures the sender imposed on a third country over its dealings with the target
    ('a tariff on India over its purchases of Russian oil') make that country a third party."""
    for f in found:
        if f.type != "SANCTION":
            continue
        for d in drafts.values():
            if d.sender not in {s.country for s in f.sources}:
                continue
            mentioned = {
                r.country for r in index.refs if f.sentence.start <= r.start < f.sentence.end
            }
            mentioned |= {
                c for i, c in index.demonyms.items() if f.sentence.start <= i < f.sentence.end
            }
            if d.target not in mentioned:
                continue
            for tgt in f.targets:
                if tgt.country not in (d.sender, d.target) and tgt.country not in d.third_parties:
                    d.third_parties.append(tgt.country)
                    d.sentences.append(f.sentence)


def _measures_taken(drafts: dict[tuple[str, str], Draft], found: list[Found]) -> None:
    """A sanction imposed is a coercive threat carried out: record it as such.

    Articles often report the measure, not the threat that preceded it ("Japan
    removed South Korea from its white list"); the ledger needs the episode.
    Measures on a threat's third parties stay with that threat.
    """
    thirds = {(d.sender, c) for d in drafts.values() for c in d.third_parties}
    for f in found:
        if f.type != "SANCTION" or f.inferred_target:
            continue
        for s in f.sources:
            for t in f.targets:
                key = (s.country, t.country)
                if s.country == t.country or key in thirds:
                    continue
                if key not in drafts:
                    drafts[key] = Draft(s.country, t.country, measures_only=True)
                drafts[key].sentences.append(f.sentence)


def find_threats(doc: Doc, found: list[Found], index: ActorIndex, lexicon: Lexicon) -> list[Draft]:
    """Group threat sentences into one draft per (sender, target) pair."""
    drafts: dict[tuple[str, str], Draft] = {}
    setter = deadline_setter(doc, index)

    def draft(sender: str, target: str) -> Draft:
        key = (sender, target)
        if key not in drafts:
            drafts[key] = Draft(sender, target)
        return drafts[key]

    generic: list[tuple[str, Span]] = []
    for f in found:
        if f.type != "THREATEN":
            continue
        for s in f.sources:
            if f.generic_target and not f.targets:
                generic.append((s.country, f.sentence))
            for t in f.targets:
                d = draft(s.country, t.country)
                d.sentences.append(f.sentence)
    for sent in doc.sents:
        for senders, targets, demand in ultimatums(sent, index):
            codes = [r.country for r in senders or setter] or _main_senders(drafts)
            for code in codes:
                for tgt in targets:
                    if code != tgt.country:
                        d = draft(code, tgt.country)
                        d.sentences.append(sent)
                        d.demand = d.demand or demand
        for senders, targets in deadline_threats(sent, index):
            codes = [r.country for r in senders or setter] or _main_senders(drafts)
            for code in codes:
                for tgt in targets or []:
                    if code != tgt.country:
                        draft(code, tgt.country).sentences.append(sent)
                if not targets:  # "Trump's deadline": restates the sender's main threat
                    mains = [d for d in drafts.values() if d.sender == code]
                    if mains:
                        max(mains, key=lambda d: len(d.sentences)).sentences.append(sent)
        unless = _unless_clause(sent)
        face = _or_face(sent) if unless is None else None
        if unless is None and face is None:
            continue
        if not measure_phrases(sent, lexicon) and face is None:
            continue
        clause = unless if unless is not None else face
        if clause is None:
            continue
        subject_tok, asked = clause
        targets = index.actors_of(subject_tok) if subject_tok is not None else []
        root_subject = _subject(sent.root)
        senders = index.actors_of(root_subject) if root_subject is not None else []
        if sent.root.lemma_.lower() in PATIENT_VERBS or any(
            c.dep_ == "nsubjpass" for c in sent.root.children
        ):
            # "China and India could face levies unless the Kremlin agrees": the subject
            # suffers the measure; it is a third party, not the sender.
            victims = senders
            senders = (
                setter
                or [r for d in _main_senders(drafts) for r in index.refs if r.country == d][:1]
            )
            for s in senders:
                for t_ref in targets:
                    d = draft(s.country, t_ref.country)
                    d.sentences.append(sent)
                    d.demand = d.demand or asked
                    for v in victims:
                        if (
                            v.country not in (s.country, t_ref.country)
                            and v.country not in d.third_parties
                        ):
                            d.third_parties.append(v.country)
            continue
        senders = [s for s in senders if s.country not in {t.country for t in targets}] or setter
        for s in senders:
            for t in targets:
                if s.country == t.country:
                    continue
                d = draft(s.country, t.country)
                d.sentences.append(sent)
                d.demand = d.demand or asked
    # Generic targets ("countries that buy Russian oil") are third parties of the sender's threat.
    for sender, sent in generic:
        mains = [d for d in drafts.values() if d.sender == sender]
        if not mains:
            continue
        main = max(mains, key=lambda d: len(d.sentences))
        exclude = {sender, main.target}
        parties = _window_countries(doc, sent, index, exclude) or [
            c for c in _buyers(doc, index, main.target) if c not in exclude
        ]
        for country in parties:
            if country not in main.third_parties:
                main.third_parties.append(country)
        main.sentences.append(sent)
    _secondary_targets(drafts, found, index)
    _measures_taken(drafts, found)
    for d in drafts.values():
        for sent in d.sentences:
            for m in measure_phrases(sent, lexicon):
                if m not in d.measures:
                    d.measures.append(m)
        if (
            d.third_parties
            and any("tariff" in m for m in d.measures)
            and "secondary tariffs" not in d.measures
        ):
            d.measures.append(
                "secondary tariffs"
            )  # tariffs on third countries are secondary tariffs
    return [d for d in drafts.values() if d.sentences]


# --------------------------------------------------------------------------- deadlines


@dataclass
class Candidate:
    date: ResolvedDate
    sentence: Span
    moved: bool = False
    derived: str | None = None  # how a relative deadline was counted, for the warning


def deadline_candidates(
    doc: Doc, published: date | None, threat_sentences: set[int] | None = None
) -> list[Candidate]:
    """Every date the article attaches to a deadline or ultimatum.

    ``threat_sentences`` (sentence starts) are sentences that carry a threat: a
    forward duration or date in them ("... if it does not agree within 50 days")
    is a deadline too.
    """
    out: list[Candidate] = []
    for sent in doc.sents:
        low = sent.text.lower()
        has_deadline: object = any(
            t.lower_ in DEADLINE_NOUNS or t.lower_ == "unless" for t in sent
        ) or re.search(r"\b(gave|give|giving|given)\b[^.]{0,40}\b(days?|weeks?)\b", low)
        has_deadline = bool(has_deadline) or sent.start in (threat_sentences or set())
        if not has_deadline:
            continue
        cue = MOVED_CUES.search(sent.text)
        moved_from = sent.start_char + cue.end() if cue else None
        if cue is not None:  # "cut the 50-day deadline to 10 days": the new value follows "to"
            to = re.search(r"\b(to|until|till|at)\b", sent.text[cue.end() :])
            if to is not None and moved_from is not None:
                moved_from += to.start()
        rel = BEFORE_DEADLINE.search(sent.text)
        covered: list[tuple[int, int]] = []  # dates already taken as candidates
        for ent in sent.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            if (
                rel
                and ent.start_char - sent.start_char <= rel.end()
                and ent.end_char - sent.start_char >= rel.start()
            ):
                continue  # "two days before the deadline" is not the deadline itself
            if not _about_deadline(ent, sent) or _as_of(ent):
                continue
            resolved = resolve(ent.text, _anchor(ent, sent, published), "future")
            if (
                resolved.value is None
                and resolved.precision is DatePrecision.UNRESOLVED
                and not resolved.relative
            ):
                continue
            if (
                resolved.value is not None
                and published is not None
                and resolved.value < published - timedelta(days=1)
                and not PASSED.search(sent.text)
            ):
                continue  # "the deadline he had announced on July 14": a past day, not the deadline
            moved = moved_from is not None and ent.start_char >= moved_from
            out.append(Candidate(resolved, sent, moved))
            covered.append((ent.start_char, ent.end_char))
        for m in QUOTED_DURATION.finditer(sent.text):
            # 'had "ten days from today"', "to '10 or 12 days'": quotes often hide a duration
            # from the entity recogniser; the words still set the deadline.
            start = sent.start_char + m.start("span")
            if any(a <= start < b for a, b in covered):
                continue
            resolved = resolve(m.group("span"), published, "future")
            if resolved.value is not None:
                moved = moved_from is not None and start >= moved_from
                out.append(Candidate(resolved, sent, moved))
        if rel is not None:
            anchor = _sentence_day(sent, published)
            if anchor is not None:
                n = number(rel.group("n")) * (
                    7 if rel.group("unit").lower().startswith("week") else 1
                )
                value = anchor[0] + timedelta(days=n)
                how = f'"{rel.group(0)}", counted from {anchor[1]}, gives {describe(value)}'
                moved = moved_from is not None
                out.append(
                    Candidate(
                        ResolvedDate(
                            value=value,
                            precision=DatePrecision.DAY,
                            text=rel.group(0),
                            relative=True,
                        ),
                        sent,
                        moved,
                        how,
                    )
                )
    return out


def _as_of(ent: Span) -> bool:
    """'As of Tuesday, the clock runs out ...': the day of the statement, not the deadline."""
    before = ent.doc[max(0, ent.start - 2) : ent.start].text.lower()
    return before.endswith("as of") or before.endswith("since")


def _forward_duration(ent: Span, sent: Span) -> bool:
    """'within 50 days', 'a 50-day deadline', 'gave Moscow 50 days': a duration that sets a
    deadline; 'talks lasted about three hours' or '50 days ago' do not."""
    text = ent.text.lower()
    if re.search(r"\bago\b|\bpast\b|\blast\b|\bearlier\b", text):
        return False
    before = sent.doc[max(sent.start, ent.start - 2) : ent.start].text.lower()
    if re.search(r"\b(within|in|by|next|from|of)\b", before) or re.search(
        r"from (today|now)", text
    ):
        return True
    root = ent.root
    if root.dep_ in ("amod", "compound", "nmod") and root.head.lower_ in DEADLINE_NOUNS:
        return True  # "the 50-day deadline"
    if root.dep_ == "dobj" and root.head.lemma_.lower() in (
        "give",
        "grant",
        "have",
        "allow",
        "set",
    ):
        return True  # "gave Moscow 50 days", "Russia had ten days"
    return bool(
        re.search(r"\bdays?\b.*\bto\b", sent.doc[ent.start : min(sent.end, ent.end + 3)].text)
    )


def _about_deadline(ent: Span, sent: Span) -> bool:
    """A date in a deadline sentence is the deadline when it is tied to it, or counts days."""
    text = ent.text.lower()
    if re.search(r"\b(days?|weeks?|months?|hours?)\b", text):
        return _forward_duration(ent, sent)
    head = ent.root
    for _ in range(4):
        if head.lower_ in DEADLINE_NOUNS or head.lemma_.lower() in (
            "expire",
            "fall",
            "end",
            "run",
            "lapse",
        ):
            return True
        if head.dep_ == "pobj" and head.head.lower_ in ("by", "until", "before"):
            return True
        if head.dep_ == "pobj" and any(  # "putting the deadline at about August 8"
            c.lower_ in DEADLINE_NOUNS for c in head.head.head.children
        ):
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return (
        any(t.lower_ in DEADLINE_NOUNS for t in ent.root.children)
        or ent.root.head.lower_ in DEADLINE_NOUNS
    )


def _anchor(ent: Span, sent: Span, published: date | None) -> date | None:
    """The day a duration counts from: the day the sentence says the clock started
    ("the 50-day deadline set on July 14", "ten days counted from Thursday's delivery"),
    else the publication date."""
    if not re.search(r"\b(days?|weeks?|months?)\b", ent.text, re.I):
        return published
    for other in sent.ents:
        if other.label_ != "DATE" or other == ent or re.search(r"days?|weeks?", other.text, re.I):
            continue
        if re.search(r"\b(next|coming|tomorrow)\b", other.text, re.I):
            continue  # a day still to come is not when the clock started
        day = resolve(other.text.removesuffix("'s").removesuffix("\u2019s"), published, "past")
        if (
            day.value is not None
            and day.precision is DatePrecision.DAY
            and (published is None or day.value <= published)
        ):
            return day.value
    return published
    for other in sent.ents:
        if other.label_ != "DATE" or other == ent or re.search(r"days?|weeks?", other.text, re.I):
            continue
        head = other.root.head
        verb = head.head if head.dep_ == "prep" else head
        if verb.lemma_.lower() in (
            "set",
            "announce",
            "give",
            "issue",
            "impose",
            "deliver",
            "start",
        ):
            day = resolve(other.text, published, "past")
            if day.value is not None:
                return day.value
    return published


def _sentence_day(sent: Span, published: date | None) -> tuple[date, str] | None:
    """The day a sentence reports ('on Wednesday'), else the publication date."""
    for ent in sent.ents:
        if ent.label_ == "DATE":
            r = resolve(ent.text, published, "past")
            if (
                r.value is not None
                and r.precision is DatePrecision.DAY
                and not re.search(r"days?|weeks?", ent.text, re.I)
            ):
                return r.value, f"{ent.text.strip()} ({describe(r.value)})"
    if published is not None:
        return published, f"the publication date ({describe(published)})"
    return None


def choose_deadline(
    candidates: list[Candidate], evidence: list[Evidence]
) -> tuple[ResolvedDate | None, list[Warning]]:
    """The deadline to keep, and warnings for the dates that disagree with it."""
    warnings: list[Warning] = []
    resolved = [c for c in candidates if c.date.value is not None]
    unresolved = [c for c in candidates if c.date.value is None]
    for c in unresolved:
        warnings.append(
            Warning(
                kind="unresolved-date",
                message=f'deadline "{c.date.text}" could not be resolved: '
                "no publication date (give --date)",
                evidence=evidence[0] if evidence else None,
            )
        )
    if not resolved:
        return (unresolved[0].date if unresolved else None), warnings
    days = {c.date.value for c in resolved if c.date.precision is DatePrecision.DAY}
    resolved = [
        c
        for c in resolved
        if not (  # "August" beside "August 9" adds nothing
            c.date.precision is DatePrecision.MONTH
            and c.date.value is not None
            and any((d.year, d.month) == (c.date.value.year, c.date.value.month) for d in days if d)
        )
    ]
    stated = [c for c in resolved if c.derived is None]
    pool = stated or resolved
    score: Counter[date] = Counter()
    for c in pool:
        assert c.date.value is not None
        score[c.date.value] += 1 + (2 if c.moved else 0) + (1 if not c.date.relative else 0)
    best_day = max(score, key=lambda d: (score[d], d))
    best = next(c for c in pool if c.date.value == best_day)
    for c in resolved:
        if c.date.value == best_day:
            continue
        first = evidence[0] if evidence else None
        ev = sentence_evidence(
            c.sentence,
            first.article_id if first else None,
            first.source if first else None,
            first.published if first else None,
        )
        if c.derived:
            warnings.append(
                Warning(
                    kind="date-conflict",
                    message=f"{c.derived}, but the deadline is stated as {describe(best_day)}",
                    evidence=ev,
                )
            )
        else:
            warnings.append(
                Warning(
                    kind="other-deadline",
                    message=f'another deadline is mentioned: "{c.date.text}" '
                    f"({c.date.value}); kept {describe(best_day)}",
                    evidence=ev,
                )
            )
    return best.date, warnings


def status_of(doc: Doc, draft: Draft, found: list[Found]) -> ThreatStatus:
    """The threat's status as this article reports it."""
    imposed_on_target = any(
        f.type == "SANCTION"
        and any(s.country == draft.sender for s in f.sources)
        and any(t.country == draft.target for t in f.targets)
        for f in found
    )
    imposed_on_third = any(
        f.type == "SANCTION"
        and any(s.country == draft.sender for s in f.sources)
        and any(t.country in draft.third_parties for t in f.targets)
        for f in found
    )
    if imposed_on_target:
        return ThreatStatus.CARRIED_OUT
    if imposed_on_third:
        return ThreatStatus.PARTLY_CARRIED_OUT
    if PASSED.search(doc.text):
        return ThreatStatus.EXPIRED
    return ThreatStatus.PENDING


def build_threats(
    doc: Doc,
    found: list[Found],
    index: ActorIndex,
    lexicon: Lexicon,
    *,
    article_id: str,
    source: str | None,
    published: date | None,
) -> tuple[list[Threat], list[Warning]]:
    """Threat items with deadlines, status and evidence, plus date warnings."""
    drafts = find_threats(doc, found, index, lexicon)
    threats: list[Threat] = []
    warnings: list[Warning] = []
    candidates = deadline_candidates(doc, published, {s.start for d in drafts for s in d.sentences})
    by_sender: defaultdict[str, list[Draft]] = defaultdict(list)
    for d in drafts:
        by_sender[d.sender].append(d)
    for d in drafts:
        evidence = []
        seen: set[int] = set()
        for sent in sorted(d.sentences, key=lambda s: s.start):
            if sent.start not in seen:
                seen.add(sent.start)
                evidence.append(_evidence(sent, article_id, source, published))
        main = max(by_sender[d.sender], key=lambda x: (not x.measures_only, len(x.sentences)))
        deadline, notes = choose_deadline(candidates, evidence) if d is main else (None, [])
        warnings.extend(notes)
        threats.append(
            Threat(
                sender=d.sender,
                target=d.target,
                third_parties=d.third_parties,
                demand=d.demand,
                measures=d.measures,
                deadline=deadline,
                status=status_of(doc, d, found),
                evidence=evidence,
            )
        )
    return threats, warnings
