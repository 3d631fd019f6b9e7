"""Threat constructions: the sentence rules that find a threat and add it to the drafts.

Each rule reads one construction of a sentence and adds the threat it finds to the
article's :class:`~standoff.read.threat_drafts.Assembly`; :data:`SENTENCE_THREATS`
runs them, in order, over every sentence (the order matters where a rule falls back
on the threats found so far: "Trump's deadline" restates the sender's main threat).

    given_time        "X gave Y 50 days to do Z", "Y has ten days to do Z"
    named_deadline    "Trump's deadline for Russia", "the deadline Washington set for Moscow"
    unmet_condition   "if they do not produce a solution, the EU may ask for a panel"
    unless_measure    "unless Russia agrees, tariffs will be activated"
    or_face           "requires Russia to demonstrate progress or face sanctions"
    failing_which     "told Stockholm to act within a month, failing which it would block ...",
                      "must reopen the border by Friday or else Uganda will cut fuel supplies"
    deterrent         "said any attack on its nationals would be met with a firm response",
                      "will take all necessary measures against any attempt to ..."
    enforced_demand   "said Y must hand over power by May 3 and that it would take all
                      necessary measures to enforce the vote"
    recourse          "Canberra is considering a complaint to the WTO over the duties"
    joined_threat     "Hungary made the same threat", "Slovakia was ready to do likewise"

Threats stated by a THREATEN event ("threatened to", "an ultimatum", "tariffs could
target ...") come from the events themselves (:mod:`standoff.read.threats`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice

from spacy.tokens import Span, Token

from standoff.model import ActorKind
from standoff.read.deadlines import DEADLINE_NOUNS, SET_DATE_NOUNS, expulsion_period, set_date
from standoff.read.events import Found
from standoff.read.lexicon import COOPERATIVE
from standoff.read.mentions import ActorIndex, Ref, countries_of
from standoff.read.rules import Rules
from standoff.read.spans import sentence_start, span_text
from standoff.read.syntax import prep_objects, subject_of
from standoff.read.threat_drafts import (
    Assembly,
    Draft,
    counterpart,
    measure_phrases,
    phrase_parties,
    speakers,
    tidy,
)
from standoff.read.triggers import REPORTING_VERBS
from standoff.read.word_table import lemmas, lower_words
from standoff.read.words import WORDS

PATIENT_VERBS = WORDS.patient_verbs
TIME_NOUNS = WORDS.time_nouns
DETERRED_ACTS = frozenset(WORDS.deterred_acts)
RECOURSE_NOUNS = frozenset(WORDS.recourse_nouns)
WEIGHING_WORDS = frozenset(WORDS.weighing_words)
THREAT_NOUNS = DEADLINE_NOUNS | {"threat", "threats", "ultimatum", "warning"}
_NAMING_NOUNS = THREAT_NOUNS | set(SET_DATE_NOUNS)  # what deadline_threats reads a threat on
MODALS = ("will", "would", "may", "could", "might", "shall", "'ll")
FUTURE_MODALS = ("will", "would", "shall", "'ll")
# "would take all necessary measures": the measures a promise leaves open, and the words
# that leave them so (whatever is needed).
ENFORCING_NOUNS = frozenset(WORDS.enforcing_nouns)
NECESSARY_WORDS = frozenset(WORDS.necessary_words)
# Event types a consequence cannot have and still be a threat: the cooperative ones.
FRIENDLY = COOPERATIVE

SentenceRule = Callable[[Span, Assembly], None]


# --------------------------------------------------------------------------- the rules


def given_time(sent: Span, a: Assembly) -> None:
    """'Trump gave Moscow 50 days to reach a deal', 'gave the Kremlin until September',
    'Doha has ten days to comply' (the sender: the deadline's setter or the main sender)."""
    for senders, targets, demand in ultimatums(sent, a.index):
        for code in a.senders_or_setter(senders):
            for tgt in targets:
                if code != tgt.country:
                    d = a.draft(code, tgt.country)
                    d.sentences.append(sent)
                    d.demand = d.demand or demand


def named_deadline(sent: Span, a: Assembly) -> None:
    """ "Trump's deadline for Russia", 'the deadline Washington set for Moscow', 'the US
    sanctions threat against Iran'; a deadline named without its target restates the
    sender's main threat, or is aimed at the party the sender faces."""
    for senders, targets in deadline_threats(sent, a.index):
        for code in a.senders_or_setter(senders):
            for tgt in targets:
                if code != tgt.country:
                    a.draft(code, tgt.country).sentences.append(sent)
            if targets:
                continue
            main = a.main_of(code)
            if main is not None:
                main.sentences.append(sent)
            elif (other := counterpart(code, a.found, a.index)) is not None:
                # "the date Tokyo had set passed": a deadline implies a threat, aimed at
                # the party the setter faces in the article
                a.draft(code, other).sentences.append(sent)


def unmet_condition(sent: Span, a: Assembly) -> None:
    """'If they do not produce a solution within 60 days, the EU may ask for a panel': a
    consequence the speaker may bring about when a condition is not met is a threat."""
    for sender, target, condition in conditional_threats(sent, a.index, a.found):
        d = a.draft(sender, target)
        d.sentences.append(sent)
        d.demand = d.demand or condition


def unless_measure(sent: Span, a: Assembly) -> None:
    """'Unless Russia agrees to a deal, tariffs will be activated': a measure that falls
    unless its target acts (the sentence must name a measure)."""
    clause = _unless_clause(sent)
    if clause is not None and measure_phrases(sent, a.lexicon):
        _measure_unless(sent, a, *clause)


def or_face(sent: Span, a: Assembly) -> None:
    """'requires Russia to demonstrate progress or face sanctions' (not in a sentence with
    an "unless", which :func:`unless_measure` reads)."""
    if _unless_clause(sent) is not None:
        return
    face = _or_face(sent)
    if face is not None:
        _measure_unless(sent, a, *face)


def failing_which(sent: Span, a: Assembly) -> None:
    """'Ankara told Stockholm to extradite the suspects within a month, failing which it
    would block the bid', '... or else Uganda will cut fuel supplies', '...; otherwise
    Warsaw would widen the ban': a demand, then what follows if it is not met. The sender
    is who would act (else the demand's speaker); the target, whom the demand asks."""
    found = _consequence(sent)
    if found is None:
        return
    marker, verb = found
    if any(f.trigger.i == verb.i and f.type in FRIENDLY for f in a.found):
        return  # "..., otherwise they would meet again next week": no coercion
    subject = subject_of(verb)
    senders = a.index.actors_of(subject) if subject is not None else []
    asker = subject_of(sent.root) if sent.root.i < marker else None
    if not senders and asker is not None:
        senders = a.index.actors_of(asker)
    own = {r.country for r in senders}
    targets = [r for r in _asked(sent, marker, a.index) if r.country not in own]
    asked = next(  # "told Stockholm to extradite ...": the demand is the infinitive
        (t.i for t in sent.doc[sent.start : marker] if t.dep_ == "aux" and t.lower_ == "to"),
        sent.start,
    )
    demand = tidy(sent.doc[asked:marker].text.removeprefix("to "))
    for s in countries_of(senders):
        for t in countries_of(targets):
            d = a.draft(s, t)
            d.sentences.append(sent)
            d.demand = d.demand or demand


def deterrent(sent: Span, a: Assembly) -> None:
    """'France said any attack on its nationals would be met with a firm response', 'Baku
    will take all necessary measures against any attempt to move cargo into its territory':
    a consequence promised for *any* hostile act deters whoever might commit it.

    The sender is who would respond (the consequence's subject), else who says so. The
    target is the act's named agent ("any attempt by India"), else the party that the
    act's victim faces in the article ("any intervention against Niger": Niger's
    adversary), else the sender's own counterpart."""
    for act, verb in deterred_acts(sent):
        if any(f.trigger.i == verb.i and f.type in FRIENDLY for f in a.found):
            continue
        subject = subject_of(verb) if act.dep_ == "pobj" else None
        senders = a.index.actors_of(subject) if subject is not None else []
        senders = senders or speakers(verb.head, a.index, set())
        own = {r.country for r in senders}
        agents = [r for r in _act_parties(act, a.index, ("by", "from")) if r.country not in own]
        victims = [r for r in _act_parties(act, a.index, ("against", "on")) if r.country not in own]
        start = act.left_edge.i + (act.left_edge.lower_ == "any")  # "no attack", not "no any"
        demand = "no " + tidy(sent.doc[start : act.right_edge.i + 1].text)
        consequence = _consequence_phrase(verb, act)
        named = countries_of(agents)
        victim = next(iter(countries_of(victims)), None)
        faced = counterpart(victim, a.found, a.index, frozenset(own)) if victim else None
        for s in countries_of(senders):
            targets = named or [t for t in [faced or counterpart(s, a.found, a.index)] if t]
            for t in targets:
                if t != s:
                    d = a.draft(s, t)
                    d.sentences.append(sent)
                    d.demand = d.demand or demand
                    if consequence and consequence not in d.measures:
                        d.measures.append(consequence)


def enforced_demand(sent: Span, a: Assembly) -> None:
    """'The bloc said Banjul must hand over power before March 3, and that it would take
    all necessary measures to enforce the vote': a demand, and in the same report a promise
    of "all necessary" measures, threaten whom the demand asks; the demand's maker is the
    sender (the promise's subject is mostly a noun taking it up: "the bloc", "it")."""
    promise = _necessary_measures(sent)
    if promise is None:
        return
    for f in a.found:
        if f.type != "REQUEST" or f.sentence.start != sent.start:
            continue
        own = set(countries_of(f.sources))
        for s in own:
            for t in countries_of(f.targets):
                if t in own:
                    continue
                d = a.draft(s, t)
                d.sentences.append(sent)
                d.demand = d.demand or f.cue or None
                if promise not in d.measures:
                    d.measures.append(promise)


def _necessary_measures(sent: Span) -> str | None:
    """'would take all necessary measures', 'will take the steps required': a promise, under
    a future modal and not negated, of whatever measures it takes; the phrase, or None."""
    if NECESSARY_WORDS.isdisjoint(lower_words(sent)):
        return None  # a list lookup first: most sentences have none of the words
    for noun in sent:
        if noun.lemma_.lower() not in ENFORCING_NOUNS or noun.dep_ != "dobj":
            continue
        if not any(c.lower_ in NECESSARY_WORDS for c in noun.children):
            continue
        verb = noun.head
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "neg")}
        if aux & {"not", "n't", "never"} or not aux & set(FUTURE_MODALS):
            continue
        words = [  # "all necessary measures": the words up to the noun, "all" kept
            t.text
            for t in noun.subtree
            if t.i <= noun.i and not t.is_punct and (t.dep_ != "det" or t.lower_ == "all")
        ]
        return tidy(" ".join(words))
    return None


def recourse(sent: Span, a: Assembly) -> None:
    """'Canberra said it was considering a complaint to the WTO over the barley duties',
    'Seoul would take countermeasures, including filing a complaint with the WTO': a legal
    recourse to an international body, weighed or promised and not yet taken, threatens
    the state it would be brought against. The body is the forum, never the target: the
    target is named "against" it, else the party the sender faces in the article."""
    for noun, forum in recourses(sent, a.index):
        if not _weighed(noun):
            continue
        senders = speakers(noun, a.index, set())
        own = {r.country for r in senders}
        against = [
            r
            for _p, o in prep_objects(noun, ("against",))
            for r in a.index.actors_of(o)
            if r.country not in own
        ]
        for s in countries_of(senders):
            targets = countries_of(against) or [
                t for t in [counterpart(s, a.found, a.index, frozenset(forum))] if t
            ]
            for t in targets:
                if t != s and t not in forum:
                    a.draft(s, t).sentences.append(sent)


def recourses(sent: Span, index: ActorIndex) -> list[tuple[Token, set[str]]]:
    """The legal recourses a sentence names and the bodies they go to: ("complaint",
    {"WTO"}) for "filing a complaint with the WTO" (the body hangs on the noun or on the
    verb that takes it)."""
    out: list[tuple[Token, set[str]]] = []
    if RECOURSE_NOUNS.isdisjoint(lemmas(sent)):
        return out
    for noun in sent:
        if noun.lemma_.lower() not in RECOURSE_NOUNS or noun.pos_ != "NOUN":
            continue
        holders = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
        # a body of states or law hears a recourse; "an appeal from Beirut to Washington"
        # is a plea to a state, not a case brought before it
        forum = {
            r.country
            for h in holders
            for _p, o in prep_objects(h, ("to", "with", "at", "before"))
            for r in index.actors_of(o)
            if r.entry.kind is ActorKind.IGO
        }
        if forum:
            out.append((noun, forum))
    return out


def _weighed(noun: Token) -> bool:
    """A recourse not yet taken: weighed ("considering a complaint", "ready to file a
    case"), or promised with a modal ("would take countermeasures, including filing a
    complaint"); "filed a complaint" is an act done, not a threat."""
    for tok in [noun, *noun.ancestors][:6]:
        if tok.lemma_.lower() in WEIGHING_WORDS or tok.lower_ in WEIGHING_WORDS:
            return True
        if tok.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children
        ):
            return True
    return False


# "Hungary made the same threat", "Romania followed suit", "Bratislava was ready to do
# likewise": another sender joins a threat the text has just told.
JOINING = re.compile(
    r"\b(?P<named>(?:made|issued|voiced|echoed|repeated|delivered)\s+(?:the\s+same|a\s+"
    r"similar)\s+(?:threat|warning|ultimatum)s?)\b|"
    r"\b(?:follow(?:s|ed|ing)?\s+suit|(?:do|does|did|doing|done)\s+(?:likewise|the\s+same))\b",
    re.I,
)
# Words before the joining phrase that make it no joining: "urged Spain to do the same",
# "refused to follow suit", "did not follow suit".
_NOT_JOINING = re.compile(
    r"\b(?:not|n't|never|refused|declined|urged|asked|called\s+on|pressed|wants?|wanted)\b", re.I
)
# A word every JOINING phrase holds: the sentence's text is built only when one is there.
_JOINING_WORDS = frozenset({"same", "similar", "suit", "likewise"})
# How many sentences back the threat a "did likewise" joins may be; a threat named as
# such ("made the same threat") joins the last threat told, however far.
JOINED_LOOKBACK = 1


def joined_threat(sent: Span, a: Assembly) -> None:
    """'Poland said it would ban Ukrainian grain if the EU ban lapsed. Hungary made the
    same threat.', '... Slovakia was ready to do likewise': each state the sentence names,
    other than the parties of the threat just told, makes that threat against its target,
    with its sentences (its measures and deadline are theirs too)."""
    if _JOINING_WORDS.isdisjoint(lower_words(sent)):
        return  # every joining phrase holds one of them; most sentences hold none
    m = JOINING.search(span_text(sent))
    if m is None or _NOT_JOINING.search(span_text(sent)[: m.start()][-40:]):
        return
    told = _last_told(sent, a, named=m.group("named") is not None)
    if told is None:
        return
    parties = {told.sender, told.target}
    named = [r.country for r in a.index.refs_between(sent.start, sent.end) if r.how != "pronoun"]
    for sender in dict.fromkeys(c for c in named if c not in parties):
        d = a.draft(sender, told.target)
        d.sentences.extend(s for s in [*told.sentences, sent] if s not in d.sentences)
        d.demand = d.demand or told.demand


def _last_told(sent: Span, a: Assembly, *, named: bool) -> Draft | None:
    """The threat told last before ``sent``: in the sentences just before it, or anywhere
    before it when the sentence names it ("made the same threat")."""
    doc = sent.doc
    earliest = sent.start
    for _ in range(JOINED_LOOKBACK):
        earliest = sentence_start(doc, earliest - 1) if earliest > 0 else 0
    told: tuple[int, Draft] | None = None
    for d in a.drafts.values():
        starts = [s.start for s in d.sentences if s.start < sent.start]
        last = max(starts, default=-1)
        if last >= 0 and (named or last >= earliest) and (told is None or last > told[0]):
            told = (last, d)
    return told[1] if told else None


# The order is the meaning: a rule may fall back on the threats earlier rules found.
SENTENCE_THREATS: Rules[SentenceRule] = Rules(
    "threat constructions of a sentence",
    (
        given_time,
        named_deadline,
        unmet_condition,
        unless_measure,
        or_face,
        failing_which,
        deterrent,
        enforced_demand,
        recourse,
        joined_threat,
    ),
)


def deterred_acts(sent: Span) -> list[tuple[Token, Token]]:
    """(act, consequence) pairs: a hostile act under "any" whose consequence is a modal
    verb, as its subject ("any attack ... would be met with") or after "against"/"to"
    ("would respond to any new attack"); not a relative clause's act ("refrain from any
    action that would change ...")."""
    out: list[tuple[Token, Token]] = []
    if "any" not in lower_words(sent) or DETERRED_ACTS.isdisjoint(lemmas(sent)):
        return out  # a list lookup first: no Token built for a sentence without both
    for act in sent:
        if act.lemma_.lower() not in DETERRED_ACTS or act.pos_ != "NOUN":
            continue
        if not any(c.dep_ == "det" and c.lower_ == "any" for c in act.children):
            continue
        if act.dep_ in ("nsubj", "nsubjpass"):
            verb = act.head
        elif act.dep_ == "pobj" and act.head.lower_ in ("against", "to"):
            verb = act.head.head  # "would take all necessary measures against any attempt"
            verb = verb.head if verb.dep_ == "dobj" else verb
        else:
            continue
        if verb.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children
        ):
            out.append((act, verb))
    return out


def _consequence_phrase(verb: Token, act: Token) -> str | None:
    """What a deterred act would meet: "would be met with an immediate response", "would
    be considered a declaration of war", "treated as an act of war", "would meet a firm
    response" -> the noun with its modifiers and its "of" phrase, no determiner."""
    for child in verb.children:
        if child.i == act.i or child.dep_ not in ("dobj", "attr", "oprd", "prep"):
            continue
        noun = child
        if child.dep_ == "prep":
            if child.lower_ not in ("with", "as"):
                continue
            noun = next((c for c in child.children if c.dep_ == "pobj"), child)
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        words = [t for t in noun.subtree if t.i <= noun.i and t.dep_ not in ("det", "poss")]
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        tail = [of, *(c for c in of.children if c.dep_ == "pobj")] if of is not None else []
        return tidy(" ".join(t.text for t in [*words, *tail]))
    return None


def _act_parties(act: Token, index: ActorIndex, preps: tuple[str, ...]) -> list[Ref]:
    """The actors an act's own phrase names after one of ``preps`` ("any attempt by
    India", "any attack on French nationals"), or as its possessor for "by"."""
    refs = [r for _, obj in prep_objects(act, preps) for r in index.actors_of(obj, demonyms=True)]
    if "by" in preps:
        refs += [r for c in act.children if c.dep_ == "poss" for r in index.actors_of(c)]
    return refs


# Words after which a clause tells what follows if a demand is not met.
CONSEQUENCE_MARKERS = (("failing", "which"), ("failing", "that"), ("or", "else"), ("otherwise",))
_MARKER_STARTS = frozenset(m[0] for m in CONSEQUENCE_MARKERS)


def _consequence(sent: Span) -> tuple[int, Token] | None:
    """Where a consequence marker starts, and the modal verb of the consequence after it."""
    words = lower_words(sent)
    for n in range(1, len(words)):  # a marker opening the sentence follows no demand
        if words[n] not in _MARKER_STARTS:
            continue
        marker = next((m for m in CONSEQUENCE_MARKERS if tuple(words[n : n + len(m)]) == m), None)
        if marker is None:
            continue
        after = sent[n + len(marker) :]
        verb = next(
            (
                t
                for t in after
                if t.pos_ == "VERB"
                and any(c.dep_ == "aux" and c.lower_ in MODALS for c in t.children)
            ),
            None,
        )
        if verb is not None:
            return sent.start + n, verb
    return None


def _asked(sent: Span, marker: int, index: ActorIndex) -> list[Ref]:
    """Whom the demand before ``marker`` asks: the object of a directive ("told Stockholm
    to ..."), else the subject of the demand ("Kenya must reopen ...")."""
    objects: list[Ref] = []
    subjects: list[Ref] = []
    for tok in sent.doc[sent.start : marker]:
        if tok.dep_ in ("dobj", "dative") and tok.head.pos_ == "VERB":
            objects += index.actors_of(tok)
        elif tok.dep_ in ("nsubj", "nsubjpass"):
            subjects += index.actors_of(tok)
    return objects or subjects


def _measure_unless(sent: Span, a: Assembly, subject: Token | None, asked: str | None) -> None:
    """The threat of a measure conditioned on ``subject`` doing ``asked``: sent by the main
    clause's subject, or, when that subject suffers the measure ("China and India could
    face levies unless the Kremlin agrees"), by the setter, with the sufferers as third
    parties."""
    targets = a.index.actors_of(subject) if subject is not None else []
    root_subject = subject_of(sent.root)
    senders = a.index.actors_of(root_subject) if root_subject is not None else []
    if sent.root.lemma_.lower() in PATIENT_VERBS or any(
        c.dep_ == "nsubjpass" for c in sent.root.children
    ):
        _suffered(sent, a, senders, targets, asked)
        return
    own = {t.country for t in targets}
    for s in [s for s in senders if s.country not in own] or a.setter:
        for t in targets:
            if s.country == t.country:
                continue
            d = a.draft(s.country, t.country)
            d.sentences.append(sent)
            d.demand = d.demand or asked


def _suffered(
    sent: Span, a: Assembly, victims: list[Ref], targets: list[Ref], asked: str | None
) -> None:
    """The measure's sufferers are third parties of the setter's threat on the target."""
    leading = a.main_senders()  # the first mention only: a scan of every mention was quadratic
    senders = a.setter or list(
        islice((r for d in leading for r in a.index.refs if r.country == d), 1)
    )
    for s in senders:
        for t_ref in targets:
            d = a.draft(s.country, t_ref.country)
            d.sentences.append(sent)
            d.demand = d.demand or asked
            for v in victims:
                if v.country not in (s.country, t_ref.country) and v.country not in d.third_parties:
                    d.third_parties.append(v.country)


# --------------------------------------------------------------------------- reading the parse


def _unless_clause(sent: Span) -> tuple[Token, str] | None:
    """The subject and text of an 'unless ...' clause, if the sentence has one."""
    if "unless" not in lower_words(sent):
        return None
    for tok in sent:
        if tok.lower_ == "unless" and tok.dep_ == "mark":
            verb = tok.head
            subject = subject_of(verb)
            words = [t for t in verb.subtree if t.i > tok.i]
            text = " ".join(t.text for t in words).replace(" ,", ",").replace(" - ", "-")
            if subject is not None:
                return subject, tidy(sent.doc[tok.i + 1 : words[-1].i + 1].text if words else text)
    return None


def _or_face(sent: Span) -> tuple[Token | None, str | None] | None:
    """'requires Russia to demonstrate ... or face sanctions' -> (Russia, 'demonstrate ...')."""
    if "face" not in lemmas(sent):
        return None
    for tok in sent:
        if (
            tok.lemma_.lower() == "face"
            and tok.dep_ == "conj"
            and any(c.lower_ == "or" for c in tok.head.children)
        ):
            first = tok.head
            if first.dep_ == "dobj" and first.head.pos_ == "VERB":
                # "to reopen the border or face sanctions" parsed as two objects of
                # "reopen": the demand is the verb's, as when "face" is its conjunct
                first = first.head
            obj = None
            for child in first.head.children:
                if child.dep_ in ("dobj", "nsubj") and child.i < first.i:
                    obj = child
            demand = sent.doc[first.i : _clause_end(first, tok)].text
            return obj, tidy(demand)
    return None


def _clause_end(first: Token, stop: Token) -> int:
    end = first.i + 1
    for t in first.subtree:
        if t.i < stop.i and t.lower_ != "or":
            end = max(end, t.i + 1)
    return end


def _to_clause(tok: Token) -> Token | None:
    """An infinitive clause hanging from ``tok``: '... 50 days to reach an agreement'."""
    for child in tok.children:
        if child.dep_ in ("advcl", "xcomp", "acl", "relcl", "ccomp") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            return child
    return None


_GIVING = frozenset({"give", "grant", "allow", "have"})  # "gave Y 50 days", "Y has ten days"


def ultimatums(sent: Span, index: ActorIndex) -> list[tuple[list[Ref], list[Ref], str]]:
    """'X gave Y 50 days to do Z', 'Y has ten days to do Z': (senders, targets, demand).

    The sender of a "Y has N days" form is who says so ("Doha has ten days, Riyadh said"),
    else left empty for the caller to fill from the article (the deadline's setter).
    """
    out: list[tuple[list[Ref], list[Ref], str]] = []
    if not _GIVING.intersection(lemmas(sent)):
        return out
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX") or lemma not in _GIVING:
            continue
        time = next(  # "gave Qatar ten days" is often parsed as an adverbial (npadvmod)
            (
                d
                for c in tok.children
                if c.dep_ in ("dobj", "attr", "npadvmod")
                for d in c.subtree
                if d.lower_ in TIME_NOUNS
            ),
            None,
        )
        until = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "until"), None)
        if time is None and (until is None or (lemma == "have" and not _told_until(tok))):
            continue
        clause = (_to_clause(time) if time is not None else None) or _to_clause(tok)
        if clause is None and time is not None:
            continue
        demand = (
            tidy(sent.doc[clause.i : clause.right_edge.i + 1].text) if clause is not None else ""
        )
        if lemma == "have":  # "Doha has ten days to comply, Riyadh said": the speaker's
            given = subject_of(tok)
            told = tok.dep_ == "ccomp" and tok.head.i != tok.i
            if told and given is not None and given.pos_ == "PRON":
                # "told Morocco that it had until Monday": the one told is the one given time
                given = next((c for c in tok.head.children if c.dep_ in ("dobj", "dative")), given)
            senders: list[Ref] = speakers(tok.head, index, set()) if told else []
        else:
            given = next((c for c in tok.children if c.dep_ in ("dative", "iobj")), None)
            if given is None:  # "gave the Kremlin until early September", and "gave
                # companies operating under its concessions three months" (the time parsed
                # inside the recipient's phrase)
                given = next((c for c in tok.children if c.dep_ == "dobj" and c != time), None)
            subject = subject_of(tok)
            senders = index.actors_of(subject) if subject is not None else []
        if _expulsion(given, clause):
            continue
        targets = _given_parties(given, index, senders) if given is not None else []
        if targets:
            out.append((senders, targets, demand))
    return out


def _told_until(have: Token) -> bool:
    """'Spain told Morocco on Thursday that it had until Monday to reopen the border', 'Madrid
    said Rabat had until the end of March to act': a "have until" reported by a saying verb
    is time given, as "has ten days" is (a bare "we have until Friday to decide" is not)."""
    return have.dep_ == "ccomp" and have.head.lemma_.lower() in REPORTING_VERBS


def _expulsion(given: Token | None, clause: Token | None) -> bool:
    """'gave the French ambassador 72 hours to leave', '... 23 diplomats. They have one week
    to leave': the time people ordered out are given to go is an expulsion's period (a
    SANCTION carried out), not a deadline to comply by (:func:`expulsion_period`)."""
    return expulsion_period(given, clause)


def _given_parties(given: Token, index: ActorIndex, senders: list[Ref]) -> list[Ref]:
    """Whom an ultimatum is given to: the actor the recipient names, else, for firms,
    ships or people given time ("companies operating under Guyanese concessions have three
    months to leave"), the state the recipient's phrase ties them to (not the sender)."""
    named = index.actors_of(given)
    if named:
        return named
    own = {r.country for r in senders}
    return [r for r in phrase_parties(given, index) if r.country not in own]


def deadline_threats(sent: Span, index: ActorIndex) -> list[tuple[list[Ref], list[Ref]]]:
    """Threats named by a noun: "Trump's deadline for Russia", "the deadline Washington set for
    Moscow", "the deadline Trump had given Russia", "the US sanctions threat against Iran".

    Returns (senders, targets) pairs; either may be empty when the phrase leaves it out.
    """
    out: list[tuple[list[Ref], list[Ref]]] = []
    if _NAMING_NOUNS.isdisjoint(lower_words(sent)):
        return out
    for tok in sent:
        if (tok.lower_ not in THREAT_NOUNS and not set_date(tok)) or tok.pos_ not in (
            "NOUN",
            "PROPN",
        ):
            continue
        senders, targets = _noun_parties(tok, index)
        target_countries = {r.country for r in targets}
        senders = [s for s in senders if s.country not in target_countries]
        if senders or targets:
            out.append((senders, targets))
    return out


def _noun_parties(noun: Token, index: ActorIndex) -> tuple[list[Ref], list[Ref]]:
    """The setter and the target a threat noun's own phrase names."""
    senders: list[Ref] = []
    targets: list[Ref] = []
    for child in noun.children:
        if child.dep_ == "poss":
            senders += index.actors_of(child)
        elif child.dep_ in ("compound", "nmod", "amod") and child.i in index.by_token:
            senders += index.actors_of(child, demonyms=True)  # "the US deadline": the setter
        elif child.dep_ == "prep" and child.lower_ in ("for", "to", "against", "on"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    targets += index.actors_of(obj)
        elif child.dep_ in ("relcl", "acl"):  # "the deadline Washington set for Moscow"
            by, at = _clause_parties(noun, child, index)
            senders += by
            targets += at
    return senders, targets


def _clause_parties(noun: Token, clause: Token, index: ActorIndex) -> tuple[list[Ref], list[Ref]]:
    """'the deadline Washington set for Moscow', 'the deadline set by Trump', 'the deadline
    Trump had given Russia' (not 'the ultimatum that produced it': what it did)."""
    senders: list[Ref] = []
    targets: list[Ref] = []
    subject = subject_of(clause) if clause.dep_ == "relcl" else None
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
        # "the deadline for Rabat to reopen the border": who must act, not who set it
        targets += index.actors_of(subject) if subject is not None else []
        subject = None
    if subject is not None and subject.i != noun.i:
        senders += index.actors_of(subject)
    own_subject = subject is not None and subject.i != noun.i
    for grand in clause.children:
        if grand.dep_ == "agent":
            senders += [r for o in grand.children for r in index.actors_of(o)]
        elif (
            grand.dep_ in ("dative", "dobj")
            and grand.i != noun.i
            and (own_subject or clause.dep_ == "acl")
        ):
            targets += index.actors_of(grand)
        elif grand.dep_ == "prep" and grand.lower_ in ("for", "to", "on"):
            targets += [r for o in grand.children for r in index.actors_of(o)]
    return senders, targets


# The parts of a condition whose "no" negates it: "if we see no withdrawal", "if there is
# no deal", "if no agreement is reached".
_NEGATED_PARTS = frozenset(("dobj", "nsubj", "nsubjpass", "attr"))


def _negated(condition: Token) -> bool:
    """A condition that says something does not happen: 'if they do not produce a solution',
    'if Rabat fails to act', 'if we see no withdrawal by the fourteenth of April'."""
    if condition.lemma_.lower() in ("fail", "refuse"):
        return True
    return any(
        c.dep_ == "neg"
        or (
            c.dep_ in _NEGATED_PARTS
            and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        )
        for c in condition.children
    )


def conditional_threats(
    sent: Span, index: ActorIndex, found: list[Found]
) -> list[tuple[str, str, str]]:
    """'If they do not produce a solution within 60 days, the EU may ask for a panel':
    a consequence the speaker may bring about when a condition is not met is a threat.

    Returns (sender, target, demand) triples. The sender is the subject of the modal main
    clause, unless it would only suffer the consequence ("would face", read by the
    THREATEN event of "face"); the target is the subject of the negated condition, else the sender's
    counterpart in the article (the condition's subject is often "they" or "talks").
    """
    out: list[tuple[str, str, str]] = []
    if "if" not in lower_words(sent):
        return out
    for tok in sent:
        if tok.lower_ != "if" or tok.dep_ != "mark":
            continue
        condition = tok.head
        negated = _negated(condition)
        main = condition.head
        if not negated or condition.dep_ != "advcl" or main.pos_ not in ("VERB", "AUX"):
            continue
        if not any(c.dep_ == "aux" and c.lower_ in MODALS for c in main.children):
            continue
        if main.lemma_.lower() in PATIENT_VERBS:
            continue  # "Qatar would face isolation if it did not comply": Qatar is threatened
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
        demand = tidy(sent.doc[tok.i + 1 : condition.right_edge.i + 1].text)
        for sender in senders:
            for target in targets or [c for c in [counterpart(sender, found, index)] if c]:
                if target != sender:
                    out.append((sender, target, demand))
    return out
