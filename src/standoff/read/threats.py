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

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from standoff.model import Threat, ThreatStatus, Warning
from standoff.read.deadlines import (
    DEADLINE_NOUNS,
    PASSED,
    Candidate,
    choose_deadline,
    deadline_candidates,
    set_date,
)
from standoff.read.events import QUAD, Found
from standoff.read.evidence import sentence_evidence
from standoff.read.lexicon import Lexicon
from standoff.read.mentions import ActorIndex, Ref, countries_of
from standoff.read.syntax import prep_objects, subject_of
from standoff.read.words import WORDS

EVALUATIVE = WORDS.evaluative
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
    set_off: bool = False  # its sender set off a measure the article reports carried out


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
            subject = subject_of(verb)
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
            subject = subject_of(tok)
            targets = index.actors_of(subject) if subject is not None else []
            senders: list[Ref] = []
        else:
            dative = next((c for c in tok.children if c.dep_ in ("dative", "iobj")), None)
            if dative is None and time is None:  # "gave the Kremlin until early September"
                dative = next((c for c in tok.children if c.dep_ == "dobj"), None)
            targets = index.actors_of(dative) if dative is not None else []
            subject = subject_of(tok)
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
        if (tok.lower_ not in THREAT_NOUNS and not set_date(tok)) or tok.pos_ not in (
            "NOUN",
            "PROPN",
        ):
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
                subject = subject_of(child) if child.dep_ == "relcl" else None
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
            subject = subject_of(tok.head)
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
            subject = subject_of(tok.head)
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


def _instigators(sent: Span, index: ActorIndex) -> list[Ref]:
    """Who set off the measure a sentence reports: the subject of "triggered", "invoked" or
    "set (the process) in motion" ("UN sanctions came back into force a month after Britain,
    France and Germany set the process in motion")."""
    out: list[Ref] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        set_off = lemma in WORDS.instigating_verbs or (
            lemma in ("set", "put")
            and any(o.lemma_.lower() == "motion" for _p, o in prep_objects(tok, ("in",)))
        )
        if tok.pos_ == "VERB" and set_off:
            subject = subject_of(tok)
            if subject is not None:
                out.extend(r for r in index.actors_of(subject) if r not in out)
    return out


def _measures_taken(
    drafts: dict[tuple[str, str], Draft], found: list[Found], index: ActorIndex
) -> None:
    """A sanction imposed is a coercive threat carried out: record it as such.

    Articles often report the measure, not the threat that preceded it ("Japan
    removed South Korea from its white list"); the ledger needs the episode.
    Measures on a threat's third parties stay with that threat.
    """
    thirds = {(d.sender, c) for d in drafts.values() for c in d.third_parties}
    for f in found:
        if f.type != "SANCTION" or f.inferred_target:
            continue
        instigators = _instigators(f.sentence, index)
        for s in [*f.sources, *instigators]:
            for t in f.targets:
                key = (s.country, t.country)
                if s.country == t.country or key in thirds:
                    continue
                if key not in drafts:
                    drafts[key] = Draft(s.country, t.country, measures_only=True)
                drafts[key].sentences.append(f.sentence)
                drafts[key].set_off = drafts[key].set_off or s in instigators


def counterpart(
    country: str, found: list[Found], index: ActorIndex, exclude: frozenset[str] = frozenset()
) -> str | None:
    """The party ``country`` faces in this article: the actor it most often acts on or is
    acted on by, then the one most often named beside it. A threat whose sentence names only
    one side ("Mexico would respond strongly if the tariffs take effect") is aimed there.
    ``exclude`` holds the event's own other parties ("China and India could face levies":
    India is China's fellow target, not its threatener)."""
    # Countries in order of mention, never a set: the tally's ties go to the first counted,
    # so a set's order would change the answer from run to run.
    tally: Counter[str] = Counter()
    for f in found:
        sides = (countries_of(f.sources), countries_of(f.targets))
        # a threat is aimed at an adversary: conflictual dealings weigh more than cooperative
        weight = 3 if QUAD.get(f.type, "").endswith("conf") else 1
        for ours, theirs in (sides, sides[::-1]):
            if country in ours:
                tally.update({c: weight for c in theirs if c != country})
    for mentions in index.by_sentence():
        countries = countries_of(mentions)
        if country in countries:
            tally.update(c for c in countries if c != country)
    for other in exclude:
        tally.pop(other, None)
    return tally.most_common(1)[0][0] if tally else None


def _refs_below(tok: Token, index: ActorIndex) -> list[Ref]:
    """Actors named in the phrase a token heads ('a tariff on all goods coming from Mexico')."""
    span = range(tok.left_edge.i, tok.right_edge.i + 1)
    return [r for r in index.refs if r.start in span and r.how != "pronoun"]


def _speakers(tok: Token, index: ActorIndex, exclude: set[str]) -> list[Ref]:
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


def _condition_subjects(sent: Span, index: ActorIndex) -> list[Ref]:
    """Actors who must act for a conditional threat to lapse: the subject of its 'if' or
    'unless' clause ('... would stop supplies if Naftogaz did not settle its debts')."""
    out: list[Ref] = []
    for tok in sent:
        if tok.lower_ in ("if", "unless") and tok.dep_ == "mark":
            subject = subject_of(tok.head)
            if subject is not None:
                out += index.actors_of(subject)
    return out


MODALS = ("will", "would", "may", "could", "might", "shall", "'ll")
# Event types a consequence cannot have and still be a threat.
FRIENDLY = frozenset({"AGREE", "CONSULT", "COOPERATE", "AID", "SUPPORT", "CONCEDE", "RETREAT"})


def conditional_threats(
    sent: Span, index: ActorIndex, found: list[Found]
) -> list[tuple[str, str, str]]:
    """'If they do not produce a solution within 60 days, the EU may ask for a panel':
    a consequence the speaker may bring about when a condition is not met is a threat.

    Returns (sender, target, demand) triples. The sender is the subject of the modal main
    clause; the target is the subject of the negated condition, else the sender's
    counterpart in the article (the condition's subject is often "they" or "talks").
    """
    out: list[tuple[str, str, str]] = []
    for tok in sent:
        if tok.lower_ != "if" or tok.dep_ != "mark":
            continue
        condition = tok.head
        negated = any(c.dep_ == "neg" for c in condition.children) or condition.lemma_.lower() in (
            "fail",
            "refuse",
        )
        main = condition.head
        if not negated or condition.dep_ != "advcl" or main.pos_ not in ("VERB", "AUX"):
            continue
        if not any(c.dep_ == "aux" and c.lower_ in MODALS for c in main.children):
            continue
        inside = range(condition.left_edge.i, condition.right_edge.i + 1)
        if any(
            f.sentence.start == sent.start and f.type in FRIENDLY and f.trigger.i not in inside
            for f in found
        ):
            continue  # "if the steps do not work, they will hold talks": no coercion
        subject = subject_of(main)
        senders = countries_of(index.actors_of(subject)) if subject else []
        asked = subject_of(condition)
        targets = [
            r.country
            for r in (index.actors_of(asked) if asked is not None else [])
            if r.country not in senders
        ]
        demand = _tidy(sent.doc[tok.i + 1 : condition.right_edge.i + 1].text)
        for sender in senders:
            for target in targets or [c for c in [counterpart(sender, found, index)] if c]:
                if target != sender:
                    out.append((sender, target, demand))
    return out


def _sides(f: Found, found: list[Found], index: ActorIndex) -> tuple[list[str], list[str]]:
    """(senders, targets) of a THREATEN event, with a side the sentence leaves out filled in:
    a missing target is whom the condition asks to act, else an actor named in the threatened
    measure, else the sender's counterpart; a missing sender is the speaker of the threat,
    else the target's counterpart."""
    senders = countries_of(f.sources)
    targets = countries_of(f.targets)
    if senders and not targets and not f.generic_target:
        named = [r for r in _condition_subjects(f.sentence, index) if r.country not in senders]
        named = named or [r for r in _refs_below(f.trigger, index) if r.country not in senders]
        targets = countries_of(named)
        if not targets:
            other = counterpart(senders[0], found, index, frozenset(senders))
            targets = [other] if other else []
    elif targets and not senders:
        senders = countries_of(_speakers(f.trigger, index, set(targets)))
        if not senders:
            other = counterpart(targets[0], found, index, frozenset(targets))
            senders = [other] if other else []
    return senders, [t for t in targets if t not in senders]


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
        if f.generic_target and not f.targets:
            generic.extend((s.country, f.sentence) for s in f.sources)
            continue
        by, at = _sides(f, found, index)
        for sender in by:
            for target in at:
                draft(sender, target).sentences.append(f.sentence)
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
                    elif (other := counterpart(code, found, index)) is not None:
                        # "the date Tokyo had set passed": a deadline implies a threat, aimed
                        # at the party the setter faces in the article
                        draft(code, other).sentences.append(sent)
        for sender, target, condition in conditional_threats(sent, index, found):
            d = draft(sender, target)
            d.sentences.append(sent)
            d.demand = d.demand or condition
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
        root_subject = subject_of(sent.root)
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
    _measures_taken(drafts, found, index)
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
    if imposed_on_target or draft.set_off:
        return ThreatStatus.CARRIED_OUT
    if imposed_on_third:
        return ThreatStatus.PARTLY_CARRIED_OUT
    if PASSED.search(doc.text):
        return ThreatStatus.EXPIRED
    return ThreatStatus.PENDING


def deadline_pools(drafts: list[Draft], candidates: list[Candidate]) -> dict[int, list[Candidate]]:
    """The deadline candidates each draft may choose from, keyed by ``id(draft)``.

    A date in a threat's own sentences is that threat's ("X will impose tariffs on Y
    starting June 10"); two threats in one article keep their own dates. A date in a
    sentence of no threat ("The new deadline runs out tonight") belongs to the article's
    main threat and to every threat issued with it: the co-senders of one ultimatum
    ("A, B and C gave Y ten days") share a sentence with the main threat and its target.
    """
    owned: dict[int, list[Candidate]] = defaultdict(list)
    by_sentence: defaultdict[int, list[Draft]] = defaultdict(list)
    for d in drafts:
        for sent in {s.start: s for s in d.sentences}.values():
            by_sentence[sent.start].append(d)
    unowned: list[Candidate] = []
    for c in candidates:
        holders = by_sentence.get(c.sentence.start, [])
        if not holders:
            unowned.append(c)
        for d in holders:
            owned[id(d)].append(c)
    pools: dict[int, list[Candidate]] = {id(d): owned[id(d)] for d in drafts if owned[id(d)]}
    threats = [d for d in drafts if not d.measures_only] or drafts
    if not unowned or not threats:
        return pools
    main = max(threats, key=lambda d: (len(d.sentences), -min(s.start for s in d.sentences)))
    main_starts = {s.start for s in main.sentences}
    joint = [
        d
        for d in threats
        if d is main or (d.target == main.target and main_starts & {s.start for s in d.sentences})
    ]
    for d in joint:
        pools.setdefault(id(d), []).extend(c for c in unowned if c not in pools[id(d)])
    return pools


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
    pairs = {(d.sender, d.target) for d in drafts}
    asked = {  # "Japan has asked Seoul to agree by July 18": the demand's deadline
        f.sentence.start
        for f in found
        if f.type == "REQUEST"
        and any((s.country, r.country) in pairs for s in f.sources for r in f.targets)
    }
    threat_sentences = {s.start for d in drafts for s in d.sentences} | asked
    candidates = deadline_candidates(doc, published, threat_sentences)
    pools = deadline_pools(drafts, candidates)
    for d in drafts:
        evidence = []
        seen: set[int] = set()
        for sent in sorted(d.sentences, key=lambda s: s.start):
            if sent.start not in seen:
                seen.add(sent.start)
                evidence.append(sentence_evidence(sent, article_id, source, published))
        pool = pools.get(id(d), [])
        deadline, notes = choose_deadline(pool, evidence) if pool else (None, [])
        warnings.extend(n for n in notes if n not in warnings)  # co-senders share the dates
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
