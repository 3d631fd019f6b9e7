"""Coercive threats: who threatens whom with what, unless what, by when.

A threat is assembled from the sentences that carry one: THREATEN events
(an explicit "threatened", an "ultimatum", a modal sanction such as "tariffs
could target ..."), and the threat constructions of
:mod:`standoff.read.threat_rules` ("unless Russia ..., tariffs will be activated";
"... or face sanctions"; "gave Moscow 50 days to"). Threat sentences of the same
(sender, target) pair are one threat. :data:`THREAT_STEPS` runs the steps in order.
Its deadline is chosen from every date the article attaches to a deadline; a stated
date that disagrees with one counted from a relative phrase ("two days before the
deadline") is reported as a warning, never silently chosen.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date

from spacy.tokens import Doc, Span, Token

from standoff.model import Threat, ThreatStatus, Warning
from standoff.read.deadlines import (
    PASSED,
    Candidate,
    choose_deadline,
    deadline_candidates,
    tells_expiry,
    waits_on_lapse,
)
from standoff.read.events import Found
from standoff.read.evidence import sentence_evidence
from standoff.read.lexicon import Lexicon
from standoff.read.mentions import PRINCIPALS, ActorIndex, Ref, countries_of
from standoff.read.rules import Rules
from standoff.read.spans import sentence_at, sentences
from standoff.read.syntax import prep_objects, subject_of
from standoff.read.threat_drafts import (
    Assembly,
    Draft,
    attestation,
    counterpart,
    deadline_setter,
    demonym_refs,
    measure_phrases,
    speakers,
    threatened_acts,
)
from standoff.read.threat_rules import SENTENCE_THREATS, recourses
from standoff.read.words import WORDS

BUYER_NOUNS = WORDS.buyer_nouns

Step = Callable[[Assembly], None]


def find_threats(
    doc: Doc, found: list[Found], index: ActorIndex, lexicon: Lexicon, headline_end: int = 0
) -> list[Draft]:
    """Group threat sentences into one draft per (sender, target) pair. ``headline_end``:
    where the text's headline ends (0: none)."""
    assembly = Assembly(
        doc, found, index, lexicon, setter=deadline_setter(doc, index), headline_end=headline_end
    )
    for step in THREAT_STEPS:
        step(assembly)
    return [d for d in assembly.drafts.values() if d.sentences]


# --------------------------------------------------------------------------- steps


def threatened_events(a: Assembly) -> None:
    """Every THREATEN event is a threat of its sender against its target, a side the
    sentence leaves out filled in (:func:`_sides`); one aimed at "countries that buy ..."
    waits for :func:`generic_third_parties`."""
    for f in a.found:
        if f.type != "THREATEN":
            continue
        if f.generic_target and not f.targets:
            a.generic.extend((s.country, f.sentence) for s in f.sources)
            continue
        by, at = _sides(f, a.found, a.index, [r.country for r in a.setter])
        forums = {c for _noun, codes in recourses(f.sentence, a.index) for c in codes}
        for sender in by:
            targets = [t for t in at if t not in forums]
            if len(targets) < len(at):  # "a complaint with the WTO": the body is the forum
                other = counterpart(sender, a.found, a.index, frozenset(forums))
                targets = targets or [t for t in [other] if t and t != sender]
            for target in targets:
                a.draft(sender, target).sentences.append(f.sentence)


def sentence_constructions(a: Assembly) -> None:
    """The threat constructions of each sentence, in order (:data:`SENTENCE_THREATS`)."""
    for sent in sentences(a.doc):
        for rule in SENTENCE_THREATS:
            rule(sent, a)


def generic_third_parties(a: Assembly) -> None:
    """Generic targets ("countries that buy Russian oil") are third parties of the sender's
    main threat: the countries named around the sentence, else those called buyers."""
    for sender, sent in a.generic:
        main = a.main_of(sender)
        if main is None:
            continue
        exclude = {sender, main.target}
        parties = _window_countries(a.doc, sent, a.index, exclude) or [
            c for c in _buyers(a.doc, a.index, main.target) if c not in exclude
        ]
        for country in parties:
            if country not in main.third_parties:
                main.third_parties.append(country)
        main.sentences.append(sent)


def secondary_targets(a: Assembly) -> None:
    """Measures the sender imposed on a third country over its dealings with the target
    ('a tariff on India over its purchases of Russian oil') make that country a third party."""
    _secondary_targets(a.drafts, a.found, a.index)


def measures_taken(a: Assembly) -> None:
    """A sanction imposed is a coercive threat carried out (:func:`_measures_taken`)."""
    _measures_taken(a.drafts, a.found, a.index)


def answers_are_not_threats(a: Assembly) -> None:
    """A measure taken in answer to the other side's measure is a retaliation, not a
    coercive threat of its own: "Chile imposed sanctions on two Peruvian ministers. On
    Wednesday Peru retaliated with sanctions on two Chilean cabinet members" holds one
    threat (CHL -> PER).
    A measure-only draft goes when the reverse pair's measure comes before it in the text.
    A threat stated in words on either side stays: "Colombia will answer with tariffs of
    its own" is a counter-threat, and the measure it answers may be the story's threat."""
    for key, d in list(a.drafts.items()):
        other = a.drafts.get((d.target, d.sender))
        if d.measures_only and other is not None and other.measures_only:
            if 0 <= other.first_at < d.first_at:
                del a.drafts[key]


def body_over_headline(a: Assembly) -> None:
    """A threat the body tells is read from the body alone: its measures, state and dates.
    A headline compresses ("imposes duties but puts off freight ban": the ban was put off,
    not imposed); its sentence serves only a threat the body never states."""
    for d in a.drafts.values():
        body = [s for s in d.sentences if s.start_char >= a.headline_end]
        if body:
            d.sentences = body


def threat_measures(a: Assembly) -> None:
    """Each threat's measures: the measure phrases of its sentences; tariffs on third
    countries are secondary tariffs."""
    for d in a.drafts.values():
        for sent in d.sentences:
            for m in [*measure_phrases(sent, a.lexicon), *threatened_acts(sent)]:
                if m not in d.measures:
                    d.measures.append(m)
        if (
            d.third_parties
            and any("tariff" in m for m in d.measures)
            and "secondary tariffs" not in d.measures
        ):
            d.measures.append("secondary tariffs")


# The order is the meaning: stated threats first, then the constructions (which fall back
# on the main threat found so far), third parties and measures taken on the drafts found.
THREAT_STEPS: Rules[Step] = Rules(
    "threat steps of an article",
    (
        threatened_events,
        sentence_constructions,
        generic_third_parties,
        secondary_targets,
        measures_taken,
        answers_are_not_threats,
        body_over_headline,
        threat_measures,
    ),
)


# --------------------------------------------------------------------------- helpers


def _sides(
    f: Found, found: list[Found], index: ActorIndex, setter: list[str]
) -> tuple[list[str], list[str]]:
    """(senders, targets) of a THREATEN event, with a side the sentence leaves out filled in:
    a missing target is whom the condition asks to act, else an actor named in the threatened
    measure, else the sender's counterpart; a missing sender is the speaker of the threat,
    else the target's counterpart."""
    senders = countries_of(f.sources)
    targets = countries_of(f.targets)
    if senders and not targets and not f.generic_target:
        named = [r for r in _condition_subjects(f.sentence, index) if r.country not in senders]
        named = named or _refs_below(f.trigger, index, set(senders))
        targets = countries_of(named)
        if not targets:
            other = counterpart(senders[0], found, index, frozenset(senders))
            targets = [other] if other else []
    elif targets and not senders:
        senders = countries_of(speakers(f.trigger, index, set(targets)))
        senders = senders or [c for c in setter if c not in targets]
        if not senders:
            other = counterpart(targets[0], found, index, frozenset(targets))
            senders = [other] if other else []
    return senders, [t for t in targets if t not in senders]


def _condition_subjects(sent: Span, index: ActorIndex) -> list[Ref]:
    """Actors who must act for a conditional threat to lapse: the subject of its 'if' or
    'unless' clause ('... would stop supplies if Naftogaz did not settle its debts')."""
    out: list[Ref] = []
    for tok in sent:
        if tok.lower_ in ("if", "unless") and tok.dep_ == "mark":
            subject = subject_of(tok.head)
            if subject is not None:
                out += index.actors_of(subject) or _demonym_doers(subject, index)
    return out


def _demonym_doers(noun: Token, index: ActorIndex) -> list[Ref]:
    """The state a nationality adjective makes the doer of an act ('if Israeli operations
    push civilians across the border': Israel)."""
    return demonym_refs([c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")], index)


def _refs_below(tok: Token, index: ActorIndex, senders: set[str]) -> list[Ref]:
    """Actors named in the phrase a token heads ('a tariff on all goods coming from Mexico'),
    not the senders: those of the threatened measure, else those of its condition ("could
    end its contracts with Spanish buyers if any gas was passed on to Morocco": Spain); a
    nationality adjective of the measure counts as a name."""
    below = [
        r
        for r in index.refs_between(tok.left_edge.i, tok.right_edge.i + 1)
        if r.how != "pronoun" and r.country not in senders
    ]
    conditions = [
        range(m.head.left_edge.i, m.head.right_edge.i + 1)
        for m in tok.subtree
        if m.lower_ in ("if", "unless") and m.dep_ == "mark"
    ]

    def in_condition(i: int) -> bool:
        return any(i in c for c in conditions)

    measure = [r for r in below if not in_condition(r.start)]
    if not measure:
        words = [t for t in tok.subtree if not in_condition(t.i)]
        measure = [r for r in demonym_refs(words, index) if r.country not in senders]
    return measure or below


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
    previous = sentence_at(doc, sent.start - 1) if sent.start > 0 else None
    if previous is not None and previous.text.strip() == "" and previous.start > 0:
        previous = sentence_at(doc, previous.start - 1)
    if previous is not None:
        start = previous.start
    out: list[str] = []
    for ref in index.refs_between(start, sent.end):
        if ref.how != "pronoun":
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
            mentioned = {r.country for r in index.refs_between(f.sentence.start, f.sentence.end)}
            mentioned |= set(index.demonyms_between(f.sentence.start, f.sentence.end))
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
    Measures on a threat's third parties stay with that threat. A measure with no
    threat of its pair opens an episode only between the article's principal states
    (:func:`_principal_states`): a bystander's ("Iraq also recalled its ambassador")
    is a SANCTION event, not a standoff of its own.
    """
    thirds = {(d.sender, c) for d in drafts.values() for c in d.third_parties}
    principal = _principal_states(index)
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
                    if not principal.issuperset(key):
                        continue
                    drafts[key] = Draft(
                        s.country, t.country, measures_only=True, first_at=f.trigger.i
                    )
                drafts[key].sentences.append(f.sentence)
                drafts[key].set_off = drafts[key].set_off or s in instigators


def _principal_states(index: ActorIndex) -> set[str]:
    """The actors (country level) the article names most (not by a pronoun): the
    :data:`PRINCIPALS` most named and those tied with the last of them. Once two are named
    twice or more, one named once is none ("Iraq also recalled its envoy"); a short text
    that names each party once has them all ("Saudi Arabia closed its border with Qatar")."""
    named: Counter[str] = Counter(r.country for r in index.refs if r.how != "pronoun")
    counts = [n for _c, n in named.most_common()]
    if not counts:
        return set()
    floor = max(counts[min(PRINCIPALS, len(counts)) - 1], min(2, counts[min(1, len(counts) - 1)]))
    return {c for c, n in named.items() if n >= floor}


# --------------------------------------------------------------------------- deadlines


def status_of(text: str, draft: Draft, found: list[Found]) -> ThreatStatus:
    """The threat's status as this article (its text, ``doc.text``) reports it."""
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
    if PASSED.search(text):
        return ThreatStatus.EXPIRED
    return ThreatStatus.PENDING


def deadline_pools(
    drafts: list[Draft],
    candidates: list[Candidate],
    headline_end: int = 0,
    asked: dict[int, set[tuple[str, str]]] | None = None,
) -> dict[int, list[Candidate]]:
    """The deadline candidates each draft may choose from, keyed by ``id(draft)``.

    A date in a threat's own sentences is that threat's ("X will impose tariffs on Y
    starting June 10"); two threats in one article keep their own dates. A date in a
    sentence of no threat ("The new deadline runs out tonight") belongs to the article's
    main threat and to every threat issued with it: the co-senders of one ultimatum
    ("A, B and C gave Y ten days") share a sentence with the main threat and its target.
    The main threat is the one the body tells most about: a headline (the text before
    ``headline_end``) restates the story and does not make a threat the main one.
    ``asked`` holds, by sentence start, the (sender, target) pairs whose demand the
    sentence states ("Japan has asked Seoul to agree by July 18"): its date is theirs.
    A threat that waits on a measure running out ("would impose its own ban if the EU
    measure lapsed") takes the day the article says the measure runs out ("the ban expires
    on Friday"), wherever it says so.
    """
    owned: dict[int, list[Candidate]] = defaultdict(list)
    by_sentence: defaultdict[int, list[Draft]] = defaultdict(list)
    for d in drafts:
        for sent in {s.start: s for s in d.sentences}.values():
            by_sentence[sent.start].append(d)
    for start, asking in (asked or {}).items():
        if start not in by_sentence:
            by_sentence[start] = [d for d in drafts if (d.sender, d.target) in asking]
    unowned: list[Candidate] = []
    for c in candidates:
        holders = by_sentence.get(c.sentence.start, [])
        if not holders:
            unowned.append(c)
        for d in holders:
            owned[id(d)].append(c)
    _wait_on_expiries(drafts, candidates, owned)
    pools: dict[int, list[Candidate]] = {id(d): owned[id(d)] for d in drafts if owned[id(d)]}
    threats = [d for d in drafts if not d.measures_only] or drafts
    if not unowned or not threats:
        return pools

    def told(d: Draft) -> tuple[int, int]:
        body = [s.start for s in d.sentences if s.start_char >= headline_end]
        return attestation(d, headline_end)[0], -min(body, default=len(d.sentences[0].doc))

    main = max(threats, key=told)
    main_starts = {s.start for s in main.sentences}
    joint = [
        d
        for d in threats
        if d is main or (d.target == main.target and main_starts & {s.start for s in d.sentences})
    ]
    for d in joint:
        pools.setdefault(id(d), []).extend(c for c in unowned if c not in pools[id(d)])
    return pools


def _wait_on_expiries(
    drafts: list[Draft], candidates: list[Candidate], owned: dict[int, list[Candidate]]
) -> None:
    """Add to ``owned`` (candidates by ``id(draft)``) the day a measure runs out ("the EU
    ban expires on Friday") for each threat that waits on it ("would impose its own ban
    if the EU measure lapsed"): the threat falls due when the measure ends."""
    expiries = [c for c in candidates if tells_expiry(c.sentence)]
    for d in drafts:
        if expiries and not d.measures_only and any(waits_on_lapse(s) for s in d.sentences):
            owned[id(d)].extend(c for c in expiries if c not in owned[id(d)])


def build_threats(
    doc: Doc,
    found: list[Found],
    index: ActorIndex,
    lexicon: Lexicon,
    *,
    article_id: str,
    source: str | None,
    published: date | None,
    headline_end: int = 0,
) -> tuple[list[Threat], list[Warning]]:
    """Threat items with deadlines, status and evidence, plus date warnings.

    ``headline_end``: the character where the text's headline ends (0: no headline).
    """
    drafts = find_threats(doc, found, index, lexicon, headline_end)
    threats: list[Threat] = []
    warnings: list[Warning] = []
    pairs = {(d.sender, d.target) for d in drafts}
    asked: defaultdict[int, set[tuple[str, str]]] = defaultdict(set)
    for f in found:  # "Japan has asked Seoul to agree by July 18": the demand's deadline
        if f.type == "REQUEST":
            for s in f.sources:
                for r in f.targets:
                    if (s.country, r.country) in pairs:
                        asked[f.sentence.start].add((s.country, r.country))
    threat_sentences = {s.start for d in drafts for s in d.sentences} | set(asked)
    candidates = deadline_candidates(doc, published, threat_sentences)
    pools = deadline_pools(drafts, candidates, headline_end, asked)
    text = doc.text if drafts else ""  # joined from the tokens at each call: once here
    for d in drafts:
        evidence = []
        seen: set[int] = set()
        for sent in sorted(d.sentences, key=lambda s: s.start):
            if sent.start not in seen:
                seen.add(sent.start)
                evidence.append(sentence_evidence(sent, article_id, source, published))
        pool = pools.get(id(d), [])
        deadline, notes = choose_deadline(pool, evidence, headline_end) if pool else (None, [])
        warnings.extend(n for n in notes if n not in warnings)  # co-senders share the dates
        threats.append(
            Threat(
                sender=d.sender,
                target=d.target,
                third_parties=d.third_parties,
                demand=d.demand,
                measures=d.measures,
                deadline=deadline,
                status=status_of(text, d, found),
                evidence=evidence,
            )
        )
    return threats, warnings
