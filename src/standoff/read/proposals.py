"""Proposals: what the actors put forward, and who sponsors, backs or opposes it.

A *proposal* is something one side puts forward for others to take up: a plan, an
offer, a ceasefire, talks, a summit, a mediation, a draft resolution, an exchange. The
detectors of :data:`PROPOSALS` find one where it is *floated*, on each word in order:

- an act put forward as a verb ("Mexico offered to deploy troops", "Chile was ready to
  talk", "urged Peru to resume negotiations", "agreed to meet again in Lima");
- a clause proposed ("Norway proposed that both sides pause the quotas");
- a meeting planned ("Oman will host another round of talks");
- a proposal word with what it proposes ("Kyiv's idea of a licensing system", "the
  ceasefire plan put forward by Ankara", "an Egyptian proposal");
- a key noun (ceasefire, moratorium, summit, ...) in a proposal context;
- any noun an offering verb puts forward ("offered the presidential aircraft");
- a thing negotiated that a side accepts from the side it met (the met side's);
- a bare "the plan", "that offer": the proposal just introduced, for what is said of it.

A mere mention ("the talks", "a trade deal") floats nothing: it only joins a proposal
already floated under the same key. Acts put forward as verbs are read by
:mod:`standoff.read.proposal_acts`; who stands where on a proposal, by
:mod:`standoff.read.proposal_roles`, on the word that carries it (the proposal word of
"the ceasefire idea"), and only from sentences that name it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from standoff.model import ActorKind, Proposal
from standoff.read.actors import ActorEntry
from standoff.read.claims import ArticleContext
from standoff.read.events import Found
from standoff.read.mentions import ActorIndex, countries_of
from standoff.read.proposal_acts import (
    OFFERED_ACTS,
    announcer,
    ceasefire_key,
    ceasefire_noun_key,
    to_come,
)
from standoff.read.proposal_roles import (
    ASKING,
    SUPPORT_VERBS,
    Role,
    asked,
    institution,
    marked_proposed,
    negated,
    owners_of,
    roles_of,
    stance_lemma,
    stance_of,
    told,
    wanted_mark,
)
from standoff.read.rules import Rules, first_match, word_gate
from standoff.read.spans import sentences
from standoff.read.syntax import agent_of, prep_objects, subject_of, to_infinitive
from standoff.read.word_table import lemmas, parts_of_speech
from standoff.read.words import WORDS

PROPOSAL_NOUNS = WORDS.proposal_nouns
PROPOSAL_HEADS = WORDS.proposal_heads
# How many sentences back a bare "the plan" may point.
REFERENCE_SPAN = 2


@dataclass
class _ProposalDraft:
    key: str
    text: str
    sponsors: list[str] = field(default_factory=list)
    supporters: list[str] = field(default_factory=list)
    opponents: list[str] = field(default_factory=list)
    origin: str | None = None
    sentences: list[Span] = field(default_factory=list)
    floated: bool = False  # put forward somewhere in the article, not only mentioned
    last: int = 0  # the number of the last sentence that named it


@dataclass
class ProposalAssembly:
    """The proposals of one article as the detectors find them."""

    index: ActorIndex
    partners: dict[str, list[str]]  # who met whom: a proposal put to one came from the other
    drafts: dict[str, _ProposalDraft] = field(default_factory=dict)
    latest: _ProposalDraft | None = None  # the proposal introduced last ("the plan")
    content: set[int] = field(default_factory=set)  # words inside a proposal's own clause
    sentence: int = 0  # the number of the sentence being read

    def float(self, key: str, text: str, sent: Span, roles: list[Role]) -> _ProposalDraft:
        """A proposal put forward in ``sent`` (again, when its key is known), with who
        stands where on it."""
        draft = self.drafts.setdefault(key, _ProposalDraft(key, text))
        draft.floated = True
        self.latest = draft
        self.mention(draft, sent, roles)
        return draft

    def mention(self, draft: _ProposalDraft, sent: Span, roles: list[Role]) -> None:
        """A sentence that names ``draft``, and the stances it reports on it."""
        draft.sentences.append(sent)
        draft.last = self.sentence
        for kind, countries in roles:
            if kind == "sponsor-of-recipient":
                countries = [c for r in countries for c in self.partners.get(r, [])]
                kind = "sponsor"
            bucket = {
                "sponsor": draft.sponsors,
                "supporter": draft.supporters,
                "opponent": draft.opponents,
            }[kind]
            bucket.extend(c for c in dict.fromkeys(countries) if c not in bucket)

    def recent(self) -> _ProposalDraft | None:
        """The proposal introduced last, if it was named in the last few sentences."""
        if self.latest is None or self.sentence - self.latest.last > REFERENCE_SPAN:
            return None
        return self.latest


def proposals(
    doc: Doc, index: ActorIndex, found: list[Found], ctx: ArticleContext, headline_end: int = 0
) -> list[Proposal]:
    """Proposals with sponsors, supporters and opponents, merged by key noun.

    The headline (the text before ``headline_end``) is skipped: it names in a few words
    what the body tells with its sponsor ("tells Hamas to take the deal"), and read alone
    it gave proposals twice or with the wrong sponsor.
    """
    found_so_far = ProposalAssembly(index, _meeting_partners(found))
    for number, sent in enumerate(sentences(doc)):
        if sent.start_char < headline_end:
            continue
        found_so_far.sentence = number
        words = lemmas(sent)
        for offset, pos in enumerate(parts_of_speech(sent)):
            if pos not in DETECTED_POS:
                continue  # no Token built for the words no detector reads
            tok = sent[offset]
            if tok.i in found_so_far.content:
                continue  # "a draft resolution that would call for talks": the resolution's
            # the detectors that can answer for this word (a word-gated one only for its own)
            for detector in PROPOSALS.for_word(words[offset], None):
                if detector(tok, sent, found_so_far):
                    break
        _origin(sent, index, found_so_far.drafts)
    out = []
    for d in found_so_far.drafts.values():
        if not (d.floated and (d.sponsors or d.supporters or d.opponents)):
            continue
        out.append(
            Proposal(
                name=d.key,
                text=d.text,
                sponsors=d.sponsors,
                supporters=[c for c in d.supporters if c not in d.sponsors],
                opponents=[c for c in d.opponents if c not in d.sponsors],
                origin=d.origin,
                evidence=[ctx.evidence(s) for s in _unique(d.sentences)],
            )
        )
    return out


def offered_act(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """An act put forward as a verb, filed under its noun (:data:`OFFERED_ACTS`):
    "Mexico offered to deploy 6,000 troops" (a deployment by MEX), "Chile was ready to
    talk", "Peru urged Chile to resume negotiations"."""
    if tok.pos_ != "VERB":
        return False
    act = first_match(OFFERED_ACTS, tok, p.index)
    if act is None:
        return False
    key, sponsors = act
    if _going_on(tok) or _supposed(tok):
        return False
    if tok.lemma_.lower() in WORDS.resuming_verbs:  # "resume negotiations": the negotiations
        key = next((k for c in tok.children if c.dep_ == "dobj" and (k := _key(c))), key)
    leaders = _leaders_meeting(tok, p.index) if key == "meeting" else []
    if leaders:  # a summit, put forward by the leaders who will meet (unless announced)
        key, sponsors = "summit", leaders if set(sponsors) <= set(leaders) else sponsors
    p.float(key, _act_phrase(tok), sent, [("sponsor", sponsors)])
    p.content.update(t.i for t in _act_words(tok))  # what it does is the act's
    return True


def proposed_doing(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """A thing a proposing verb's gerund would do: "Chile proposed sending a team of
    engineers to Peru" (a team, by CHL), "a panel of judges that Quito suggested setting up"
    (a panel, by ECU: the relative clause's antecedent); filed under the act when it is an
    offered one ("proposed extending the deadline": an extension). What is proposed as a
    measure ("proposed raising tariffs") or withheld ("did not propose sending") is none."""
    if tok.tag_ != "VBG" or tok.dep_ != "xcomp" or tok.lemma_.lower() in WORDS.continuing_verbs:
        return False  # "recommended keeping the funds frozen": what stands, not a thing new
    verb = tok.head
    if verb.lemma_.lower() not in WORDS.proposing_verbs:
        return False
    if negated(verb) or negated(tok):  # nor does what it would do: "sending observers"
        p.content.update(t.i for t in _act_words(tok))
        return True
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    thing = obj if obj is not None else (_antecedent(verb) if verb.dep_ == "relcl" else None)
    if thing is None or thing.pos_ != "NOUN" or thing.ent_type_ in _AMOUNTS:
        return False  # "recommended keeping 7.5 billion euros": an amount names no proposal
    lemma = thing.lemma_.lower()
    if lemma in WORDS.not_proposals or lemma in WORDS.threat_objects:
        return False
    subject = subject_of(verb)
    sponsors = countries_of(p.index.actors_of(subject)) if subject is not None else []
    if not sponsors:
        return False
    key = WORDS.offered_acts.get(tok.lemma_.lower()) or _key(thing) or lemma
    text = _act_phrase(tok) if obj is not None else _phrase(thing)
    p.float(key, text, sent, [("sponsor", sponsors)])
    p.content.update(t.i for t in _act_words(tok))
    return True


_AMOUNTS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "DATE", "TIME"})


def _antecedent(clause: Token) -> Token:
    """The noun a relative clause says more of, taken whole: "a team of experts that Lima
    suggested sending" is the team (the parser may hang the clause on "experts")."""
    noun = clause.head
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head
    return noun


def _going_on(verb: Token) -> bool:
    """ "the two sides would keep talking", "urged both to continue talking": talks under
    way that go on, with no one new to talk to and nothing to talk about named, float
    nothing ("would keep talking to Riyadh", "agreed to keep talking about transit" do)."""
    if verb.lemma_.lower() not in WORDS.meeting_acts or verb.dep_ != "xcomp":
        return False
    if verb.head.lemma_.lower() not in WORDS.continuing_verbs:
        return False
    for c in verb.children:
        if c.dep_ in ("dobj", "dative"):
            return False
        # "would keep talking on Thursday": a day names no one and nothing
        if c.dep_ == "prep" and any(o.ent_type_ not in ("DATE", "TIME") for o in c.children):
            return False
    return True


def _supposed(verb: Token) -> bool:
    """ "If the EU wants to talk about sanctions, let it": an act in a clause under "if" or
    "unless" (through the verbs it hangs from) is supposed, not put forward; an offer that
    sets a condition ("would talk if Athens withdrew") puts its own act forward."""
    clause = verb
    for _ in range(3):
        if _conditional(clause):
            return True
        if clause.dep_ not in ("xcomp", "conj") or clause.head.i == clause.i:
            return False
        clause = clause.head
    return False


def _leaders_meeting(verb: Token, index: ActorIndex) -> list[str]:
    """ "Putin and Trump have agreed to meet", "he would meet Xi in Alaska": the states of
    the leaders (:data:`leader_titles`) when two or more meet, a summit; else []."""
    subject = subject_of(verb)
    met = [subject] if subject is not None else []
    met += [c for c in verb.children if c.dep_ == "dobj"]
    met += [obj for _prep, obj in prep_objects(verb, ("with",))]
    refs = [r for t in met for r in index.actors_of(t)]
    if not all(_leader(r.entry) for r in refs):
        return []
    countries = countries_of(refs)
    return countries if len(countries) >= 2 else []


def _leader(entry: ActorEntry) -> bool:
    """Whether a person leads a state: "President of Russia", "British Prime Minister"."""
    role = f" {entry.role or ''}".lower()
    if entry.kind is not ActorKind.PERSON or any(w in role for w in (" vice ", " deputy ")):
        return False
    return any(f" {title}" in role for title in WORDS.leader_titles)


@word_gate(lambda _context: WORDS.proposing_verbs)
def proposed_clause(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """ "Norway proposed that both sides pause the quotas": what the clause asks for, filed
    under its act when it is one (a pause), else as a proposal; "suggested that the
    prisoners could be exchanged" is an exchange. A "suggested that" with no modal or
    subjunctive verb reports, it does not propose ("data suggest that ...")."""
    if tok.lemma_.lower() not in WORDS.proposing_verbs or tok.pos_ != "VERB":
        return False
    clauses = (c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"))
    clause = next(clauses, None)
    if clause is None or not _proposed(tok, clause):
        return False
    subject = subject_of(tok)
    sponsors = countries_of(p.index.actors_of(subject)) if subject is not None else []
    if not sponsors:
        return False
    key = ceasefire_key(clause) or WORDS.offered_acts.get(clause.lemma_.lower(), "proposal")
    words = sorted((t for t in _plain(clause) if t.dep_ != "mark"), key=lambda t: t.i)
    text = " ".join(t.text for t in words[:_PHRASE_WORDS])
    p.float(key, text, sent, [("sponsor", sponsors)])
    return True


@word_gate(lambda _context: WORDS.offering_verbs | WORDS.arranging_verbs)
def proposed_relative(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """A thing a relative clause says a side put forward: "Chile rejected the timetable
    that Peru suggested", "a meeting in Lima on March 17 that Ecuador proposed" (the
    parser may hang the clause on the date or place that says which meeting: the thing is
    the noun those belong to); a meeting a side arranged ("the talks with the rebels that
    Kenya had arranged in Nairobi", hung on the party met). A clause with an object of its
    own ("the day Quito proposed talks") or a verb after it ("suggested sending") is
    another rule's."""
    lemma = tok.lemma_.lower()
    arranged = lemma in WORDS.arranging_verbs
    if (lemma not in WORDS.offering_verbs and not arranged) or negated(tok):
        return False
    relative = any(c.dep_ == "dobj" and _relative_pronoun(c) for c in tok.children)
    if tok.dep_ != "relcl" and not relative:  # the parser may take "that Ankara proposed"
        return False  # for a clause of the verb before ("advcl"): its "that" tells it
    if any(
        (c.dep_ == "dobj" and not _relative_pronoun(c)) or c.dep_ in ("ccomp", "xcomp")
        for c in tok.children
    ):
        return False
    thing = _said_of(tok)
    if arranged:  # only a meeting is arranged for others: "the talks ... that Kenya arranged"
        if not _meeting(thing) and thing.dep_ == "pobj":
            thing = thing.head.head  # "talks with the government that ...": the talks
        if not _meeting(thing):
            return False
    if thing.pos_ != "NOUN" or thing.ent_type_ in _AMOUNTS or p.index.actors_of(thing):
        return False
    lemma = thing.lemma_.lower()
    if lemma in WORDS.not_proposals or lemma in WORDS.threat_objects:
        return False
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    sponsors = countries_of(p.index.actors_of(subject)) if subject is not None else []
    if not sponsors:
        return False
    roles: list[Role] = [("sponsor", sponsors), *roles_of(thing, p.index)]
    p.float(_key(thing) or lemma, _phrase_up_to(thing, tok.left_edge), sent, roles)
    return True


def _phrase_up_to(noun: Token, end: Token) -> str:
    """A noun's words up to a clause on it ("meeting in Lima on March 17"), its date or
    place included wherever the parser hangs them."""
    if not noun.i < end.i <= noun.i + _PHRASE_WORDS:
        return _phrase(noun)
    words = noun.doc[noun.i : end.i]
    return " ".join(t.text for t in words if t.dep_ not in _SKIPPED)


def _relative_pronoun(tok: Token) -> bool:
    """ "that", "which" opening a relative clause (the tagger may call "that" a
    conjunction)."""
    return tok.tag_ in ("WDT", "WP") or tok.lower_ in ("that", "which")


def _meeting(tok: Token) -> bool:
    """ "talks", "a summit", "negotiations" (by word or lemma)."""
    return tok.lemma_.lower() in WORDS.meeting_nouns or tok.lower_ in WORDS.meeting_nouns


# What says which thing is meant ("a meeting in Lima on March 17"): a relative clause after
# these says more of the noun before them.
_WHICH_ONE = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})


def _said_of(clause: Token) -> Token:
    """The noun a relative clause says more of: the one right before it, or before the
    date and place that say which one is meant ("a meeting in Lima on March 17 that ...",
    where the parser may hang the clause on the date, the verb or a name before)."""
    doc = clause.doc
    i = clause.left_edge.i - 1
    while i >= 0 and (doc[i].ent_type_ in _WHICH_ONE or doc[i].pos_ in ("ADP", "DET")):
        i -= 1
    return doc[i] if i >= 0 and doc[i].pos_ == "NOUN" else clause.head


def planned_meeting(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """A meeting to come, floated by whoever will hold it: "Oman will host another round
    of talks", "he would plan a summit with Xi", "invited both leaders to Geneva for
    talks". A meeting held is no proposal ("held talks on Monday")."""
    meeting = tok.lemma_.lower() in WORDS.meeting_nouns or tok.lower_ in WORDS.meeting_nouns
    if not meeting or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    verb = _convening_verb(tok)
    if verb is None:
        return False
    subject = subject_of(verb)
    sponsors = countries_of(p.index.actors_of(subject)) if subject is not None else []
    if not sponsors:
        return False
    key = _key(tok) or ("talks" if tok.lemma_.lower() in ("round", "talk") else "meeting")
    p.float(key, _phrase(tok), sent, [("sponsor", sponsors)])
    return True


@word_gate(lambda _context: PROPOSAL_HEADS)
def proposal_head(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """A proposal word with no key noun in it: "the bridging proposal that Washington put to
    both sides", "Kyiv's idea of a licensing system" (filed as an idea, its text naming the
    system), "the plan for a 36-month transition". A head that carries a key noun ("the
    ceasefire idea") or an offered act ("a proposal to extend the mandate") is left to it;
    a bare "the plan" is :func:`reference`'s."""
    if tok.lemma_.lower() not in PROPOSAL_HEADS or tok.pos_ != "NOUN" or _bare(tok):
        return False
    if _carries_key(tok) or _intention(tok):
        return False
    _record(tok, tok, _role_offered(tok) or tok.lemma_.lower(), sent, p, [])
    return True


def reached_noun(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """A thing negotiated that two sides reach together: "the two governments had reached
    a provisional arrangement", "Hanoi struck a deal with Manila". Both put it forward, or
    the third party that announces it ("Malaysia said both sides had agreed to a truce":
    Malaysia's, which both back). Sides that agree to a thing with no one announcing it
    answer a broker not named (no proposal); a thing owned is its owners'
    ("reached the EU's deal"); "reached the understanding" names one already told; and a
    deal struck only "if" or "unless" is a condition, not a proposal."""
    if tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "pobj") or not _negotiated(tok):
        return False
    verb = _reaching_verb(tok)
    if verb is None or negated(verb) or _conditional(verb) or _bare(tok):
        return False
    if owners_of(tok, p.index) or _put_forward_by(tok) is not None:
        return False
    subject = subject_of(verb)
    parties = countries_of(p.index.actors_of(subject)) if subject is not None else []
    for _prep, partner in (*prep_objects(verb, ("with",)), *prep_objects(tok, ("with",))):
        parties += [c for c in countries_of(p.index.actors_of(partner)) if c not in parties]
    if len(parties) < 2:
        return False
    sponsors = announcer(verb, parties, p.index)
    if not sponsors and verb.lemma_.lower() in WORDS.reaching_verbs:
        sponsors = parties  # reached together; agreed to, with no broker named: unknown
    if not sponsors:
        return False
    _record(tok, tok, _key(tok) or tok.lemma_.lower(), sent, p, [("sponsor", sponsors)])
    return True


def _reaching_verb(noun: Token) -> Token | None:
    """The verb with which sides reach a thing: "reached an arrangement", "struck a deal",
    "agreed to a ceasefire"."""
    head = noun.head
    if noun.dep_ == "dobj":
        return head if head.lemma_.lower() in WORDS.reaching_verbs else None
    if head.lower_ == "to" and head.head.lemma_.lower() == "agree":
        return head.head
    return None


def _conditional(verb: Token) -> bool:
    """ "unless they strike trade agreements": a clause under "if" or "unless"."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


def plan_content(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """What a plan just put forward holds, said with the plan as the subject: "Egypt
    unveiled a plan on Sunday. It proposes a ceasefire and talks in Cairo", "The plan calls
    for a truce": each thing negotiated is put forward by the plan's sponsors (not by
    whoever a pronoun "it" would otherwise stand for). Only right after the plan, and only
    for one that has a sponsor."""
    if tok.pos_ != "NOUN" or not _negotiated(tok):
        return False
    verb = _content_verb(tok)
    if verb is None or negated(verb):
        return False
    subject = subject_of(verb)
    if subject is None or not _names_a_plan(subject):
        return False
    plan = p.recent()
    if plan is None or p.sentence - plan.last > 1 or not plan.sponsors:
        return False
    if plan.key not in WORDS.offer_carriers or plan.key == _key(tok):
        return False  # a plan names its content; a ceasefire does not "propose" another
    p.float(_key(tok) or tok.lemma_.lower(), _phrase(tok), sent, [("sponsor", plan.sponsors)])
    p.latest = plan  # "It also calls for ...": still the plan
    return True


def _content_verb(noun: Token) -> Token | None:
    """The verb whose object a noun is, through the nouns listed before it ("proposes a
    ceasefire, the departure of fighters and a council") and a "for" ("calls for a truce")."""
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "for":
        head = head.head
    elif noun.dep_ != "dobj":
        return None
    return head if head.lemma_.lower() in WORDS.content_verbs and head.pos_ == "VERB" else None


def _names_a_plan(subject: Token) -> bool:
    """ "It", "this", "the plan", "the proposal": a subject that can be the plan just named."""
    if subject.lower_ in ("it", "this"):
        return True
    return subject.lemma_.lower() in WORDS.offer_carriers and _bare(subject)


def proposal_noun(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """A key noun ('ceasefire', 'summit', 'moratorium') in a proposal context; read on the
    proposal word that carries it ("the ceasefire idea put forward by Malaysia")."""
    key = _key(tok)
    if key is None or tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() in PROPOSAL_HEADS:
        return False
    carrier = _carrier(tok)
    if carrier is tok and tok.dep_ == "compound":
        return False  # "ceasefire talks": the talks are the thing
    _record(tok, carrier, key, sent, p, [])
    return True


def offered_noun(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """Any noun an offering verb puts forward: 'offered the presidential aircraft'; a call
    puts forward for its owner ("Pakistan's call for a neutral probe")."""
    verb = _offered(tok, p.index)
    if verb is None or _carries_key(tok):
        return False
    if verb.pos_ == "NOUN" and verb is not tok:
        sponsors = owners_of(verb, p.index)
    else:
        offerer = subject_of(_gerund_offered(verb)) if verb is not tok else None
        sponsors = countries_of(p.index.actors_of(offerer)) if offerer is not None else []
    key = "mediation" if _mediating_role(tok) else tok.lemma_.lower()
    text = _weighed_phrase(tok, verb)
    _record(tok, tok, key, sent, p, [("sponsor", sponsors)] if sponsors else [], text)
    return True


def _weighed_phrase(noun: Token, verb: Token) -> str | None:
    """ "ready to discuss more money for the Syrian refugees Turkey hosts": the parser hangs
    what the thing is for on the discussing verb, so the thing offered is told by the
    verb's words from the noun on; None for other offers (the noun's own phrase)."""
    if verb.lemma_.lower() not in WORDS.weighing_verbs or noun.dep_ != "dobj":
        return None
    words = [t for t in _act_words(verb) if t.i >= noun.left_edge.i and t.dep_ not in _SKIPPED]
    return " ".join(t.text for t in words[:_PHRASE_WORDS]) or None


_SKIPPED = frozenset({"punct", "det", "poss", "case"})


def _gerund_offered(verb: Token) -> Token:
    """ "Japan was open to discussing new quotas": the readiness word a gerund after "to"
    hangs from (whose subject offers it), else the verb itself."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "to" and verb.head.head.i != verb.head.i:
        return verb.head.head
    return verb


def _mediating_role(noun: Token) -> bool:
    """ "ready to play a constructive role between the two neighbours", "a role in calming
    the situation": a role in settling the dispute, offered, is a mediation."""
    if noun.lemma_.lower() != "role":
        return False
    played = (noun, noun.head) if noun.dep_ == "dobj" else (noun,)  # "play a role in ..."
    for prep in (c for t in played for c in t.children if c.dep_ == "prep"):
        if prep.lower_ == "between":
            return True
        if prep.lower_ == "in" and any(
            c.lemma_.lower() in WORDS.settling_verbs for c in prep.children
        ):
            return True
    return False


def accepted_noun(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """A thing negotiated that a side accepts from the side it met is that side's proposal:
    "Lima and Quito held talks; in return Quito accepted joint monitoring of the river" (a
    monitoring by PER, backed by ECU). With no one met, whose it is stays unknown."""
    if tok.pos_ != "NOUN" or tok.dep_ != "dobj" or not _negotiated(tok) or _carries_key(tok):
        return False
    verb = tok.head
    if verb.lemma_.lower() != "accept" or negated(verb):
        return False
    subject = subject_of(verb)
    accepters = countries_of(p.index.actors_of(subject)) if subject is not None else []
    partners = [c for a in accepters for c in p.partners.get(a, []) if c not in accepters]
    if not partners:
        return False
    _record(tok, tok, _key(tok) or tok.lemma_.lower(), sent, p, [("sponsor", partners)])
    return True


@word_gate(lambda _context: PROPOSAL_HEADS)
def reference(tok: Token, sent: Span, p: ProposalAssembly) -> bool:
    """A bare "the plan", "that offer", "the proposal" right after a proposal was introduced
    is that proposal: what the sentence says of it counts ("Armenia rejected that offer")."""
    if tok.lemma_.lower() not in PROPOSAL_HEADS or tok.pos_ != "NOUN" or not _bare(tok):
        return False
    draft = p.recent()
    if draft is None:
        return False
    roles = roles_of(tok, p.index)
    p.mention(draft, sent, [r for r in roles if r[0] != "sponsor"])
    return True


# Every detector of PROPOSALS reads only verbs, nouns and proper nouns (its first test), so
# proposals() passes no other word to them: widen this with a detector that reads others.
DETECTED_POS = frozenset({"VERB", "NOUN", "PROPN"})
PROPOSALS: Rules[Callable[[Token, Span, ProposalAssembly], bool]] = Rules(
    "proposal detectors",
    (
        offered_act,
        proposed_doing,
        proposed_clause,
        proposed_relative,
        planned_meeting,
        proposal_head,
        reached_noun,
        plan_content,
        proposal_noun,
        offered_noun,
        accepted_noun,
        reference,
    ),
)


def _record(
    tok: Token,
    carrier: Token,
    key: str,
    sent: Span,
    p: ProposalAssembly,
    known: list[Role],
    text: str | None = None,
) -> None:
    """A proposal named by ``tok`` and carried by ``carrier`` (the same word, or the proposal
    word it is the content of), with who stands where on it (``known`` already). A mention
    that floats nothing only adds its sentence, and the stances it reports, to a proposal
    already found."""
    roles = [*known, *roles_of(carrier, p.index)]
    if _floats(carrier, roles):
        p.float(key, text or _phrase(carrier, clauses=True), sent, roles)
        p.content.update(t.i for c in _own_words(carrier) for t in _own_subtree(c))
    elif key in p.drafts:
        p.mention(p.drafts[key], sent, [r for r in roles if r[0] != "sponsor"])
    elif roles:  # "Moscow rejected the ceasefire": a proposal known only by the answer
        p.drafts[key] = _ProposalDraft(key, _phrase(carrier))
        p.mention(p.drafts[key], sent, roles)


def _floats(carrier: Token, roles: list[Role]) -> bool:
    """Whether a mention puts its proposal forward: a sponsor is named, or it is a
    proposal word, or a proposal word governs it ("a proposal to implement a moratorium")."""
    if any(kind.startswith("sponsor") for kind, _ in roles):
        return True
    return carrier.lemma_.lower() in WORDS.proposal_carriers or _proposal_word_near(carrier)


# --------------------------------------------------------------------------- phrases

# Dependents that belong to a proposal's phrase ("a permanent joint monitoring mechanism",
# "a 30-day pause", "Kyiv's idea of a licensing system") and the prepositions whose
# objects say what it is about.
_PHRASE_MODIFIERS = frozenset({"amod", "compound", "nummod", "nmod", "quantmod", "npadvmod"})
_PHRASE_PREPS = frozenset(
    {"of", "for", "on", "with", "between", "to", "under", "over", "in", "into", "through", "at",
     "without"}
)  # fmt: skip
_PHRASE_WORDS = 12


def _phrase(tok: Token, *, clauses: bool = False) -> str:
    """The proposal's noun phrase: its modifiers, the noun and what it is about ("full
    ceasefire", "plan for a 36-month transition"), without determiners, possessors or
    punctuation, at most :data:`_PHRASE_WORDS` words; with ``clauses``, its own clauses
    too ("a draft resolution that would call for talks")."""
    words: list[Token] = [*_what_it_is(tok)]
    if clauses:
        words.extend(t for c in _clauses(tok) for t in _plain(c, top=True))
    for child in tok.lefts:
        if child.dep_ in _PHRASE_MODIFIERS:
            words.extend(t for t in child.subtree if t.dep_ not in ("punct", "det", "poss", "case"))
    words.append(tok)
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in _PHRASE_PREPS:
            words.extend(_plain(child, participles=True))
        elif child.dep_ == "nummod":  # "Resolution 2046": the number names it
            words.append(child)
    words = sorted(set(words), key=lambda t: t.i)
    return " ".join(t.text for t in words[:_PHRASE_WORDS])


def _what_it_is(noun: Token) -> list[Token]:
    """ "the Geneva Agreement was the only framework for a solution": the name a predicate
    noun gives its subject, for the phrase (the proposal is the Geneva Agreement)."""
    if noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return []
    subjects = [c for c in noun.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
    return [t for s in subjects for t in s.subtree if t.dep_ in _PHRASE_MODIFIERS or t is s]


def _plain(tok: Token, *, top: bool = False, participles: bool = False) -> Iterator[Token]:
    """A subtree without its clauses (but the top one), appositions, determiners,
    possessors, relative pronouns and punctuation; with ``participles``, keeping the past
    participles that say which thing is meant ("an inquiry into the abuses reported in
    Moura")."""
    skip = ("relcl", "acl", "appos", "punct", "det", "poss", "case", "advcl")
    kept = participles and tok.dep_ == "acl" and tok.tag_ == "VBN"
    if (tok.dep_ in skip and not top and not kept) or tok.tag_ in ("WDT", "WP"):
        return
    if tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return  # "... and Malaysia was ready to host talks": a clause of its own
    yield tok
    for child in tok.children:
        yield from _plain(child, participles=participles)


def _own_words(noun: Token) -> list[Token]:
    """What a floated proposal's phrase holds besides its noun (its clauses, what it is
    about): "a solution through dialogue" is one proposal, not two."""
    return [*_clauses(noun), *(c for c in noun.rights if c.dep_ == "prep")]


def _own_subtree(tok: Token) -> Iterator[Token]:
    """A subtree without the prepositions hung on it that repeat one above it ("a halt to
    the fighting and for talks": the "for" is the call's, see :func:`_repeated_prep`)."""
    if tok.dep_ == "conj" and tok.pos_ == "ADP" and _rehung(tok):
        return
    yield tok
    for child in tok.children:
        yield from _own_subtree(child)


def _repeated_prep(prep: Token) -> Token:
    """The preposition a conjoined one repeats: "asked for a formula and for an audit" (the
    first "for"), also when the parser hangs the second on a nearer preposition of another
    word ("called for a halt to the fighting and for talks": the call's "for")."""
    first = _first_conjunct_prep(prep)
    if first.lower_ == prep.lower_:
        return first
    same = (h for h in _clause_heads(first) if h.pos_ == "ADP" and h.lower_ == prep.lower_)
    return next(same, first)


def _first_conjunct_prep(prep: Token) -> Token:
    while prep.dep_ == "conj" and prep.head.pos_ == "ADP":
        prep = prep.head
    return prep


def _rehung(prep: Token) -> bool:
    """Whether a conjoined preposition repeats one above the preposition it hangs on."""
    return _repeated_prep(prep) is not _first_conjunct_prep(prep)


def _clauses(noun: Token) -> list[Token]:
    """A noun's own clauses: "a resolution that would call for talks", "a price formula
    Moldova can afford", "the ceasefire demanded by Kyiv"."""
    return [c for c in noun.children if c.dep_ in ("relcl", "acl")]


# --------------------------------------------------------------------------- what a word is


def _key(tok: Token) -> str | None:
    """The name a key noun files its proposal under: "truce", "talks"; "a cessation of
    hostilities" is a ceasefire."""
    key = PROPOSAL_NOUNS.get(tok.lower_) or PROPOSAL_NOUNS.get(tok.lemma_.lower())
    return key or ceasefire_noun_key(tok) or _table_key(tok)


def _table_key(tok: Token) -> str | None:
    """ "return to the negotiating table": the table is talks."""
    if tok.lemma_.lower() != "table" or tok.pos_ != "NOUN":
        return None
    negotiating = any(c.lower_ in ("negotiating", "negotiation") for c in tok.children)
    return "talks" if negotiating else None


def _carrier(noun: Token) -> Token:
    """The proposal word a key noun is the content of ("the ceasefire idea", "a proposal
    for a truce", "Kyiv's idea of a moratorium"), else the noun itself."""
    head = noun.head
    if noun.dep_ == "compound" and head.lemma_.lower() in WORDS.proposal_carriers:
        return head
    if noun.dep_ == "compound" and head.lemma_.lower() in WORDS.effort_nouns:
        return head  # "mediation efforts"
    if noun.dep_ == "pobj" and head.lower_ in ("of", "for", "on"):
        if head.head.lemma_.lower() in WORDS.proposal_carriers and head.head.pos_ == "NOUN":
            return head.head
    return noun


def _carries_key(head: Token) -> bool:
    """Whether a proposal word's content is a key noun or an offered act (then that one
    names the proposal): "the ceasefire idea", "a plan for a truce", "an offer to mediate"."""
    for child in head.children:
        if child.dep_ == "compound" and _key(child):
            return True
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "on"):
            if any(_key(o) for o in child.children if o.dep_ == "pobj"):
                return True
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in WORDS.offered_acts:
            return head.lemma_.lower() in WORDS.offer_carriers
        if child.dep_ == "acl" and any(_key(t) for t in child.subtree):
            return True  # "a proposal to implement a moratorium"
    return False


def _role_offered(head: Token) -> str | None:
    """ "a Sudanese proposal to bring the UN and the EU in as mediators": a proposal whose
    own clause gives others a role (:data:`offered_roles`) is filed under that role's act,
    a mediation."""
    for clause in head.children:
        if clause.dep_ in ("acl", "relcl") and to_infinitive(clause):
            for t in clause.subtree:
                if t.lemma_.lower() in WORDS.offered_roles:
                    return str(WORDS.offered_roles[t.lemma_.lower()])
    return None


def _intention(head: Token) -> bool:
    """A plan of one's own act, not a proposal: "its plan to put tariffs on Mexico",
    "Washington's plan is to begin with 5 per cent"; a plan to end or settle something, or
    for an act offered, is one ("a plan to end the war")."""
    if head.lemma_.lower() != "plan":
        return False
    acts = [c for c in head.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    if head.dep_ == "nsubj":
        acts += [c for c in head.head.children if c.dep_ == "xcomp"]  # "the plan is to ..."
    return any(
        to_infinitive(act)
        and act.lemma_.lower() not in WORDS.offered_acts
        and act.lemma_.lower() not in WORDS.settling_verbs
        for act in acts
    )


def _bare(tok: Token) -> bool:
    """A proposal word with nothing of its own that names one just stated: "the plan",
    "that offer", ", an idea Washington rejected" (an apposition)."""
    own = [c for c in tok.children if c.dep_ not in ("det", "punct", "relcl")]
    clauses = [c for c in tok.children if c.dep_ == "relcl"]
    if own or any(_content_clause(c) or _put_by_clause(c) for c in clauses):
        return False
    if tok.dep_ == "appos":
        return True
    return any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in tok.children)


def _put_by_clause(clause: Token) -> bool:
    """A relative clause whose own subject puts the proposal forward: "the proposal, which
    Egypt circulated on Monday" names who made it, so it is no bare reference."""
    lemma = stance_lemma(clause)
    if lemma is None or stance_of(lemma) != "sponsor":
        return False
    return any(
        c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") and c.lower_ != "that"
        for c in clause.children
    )


def _content_clause(clause: Token) -> bool:
    """A relative clause that says what a plan holds: "a plan under which the 26 states would
    guarantee the loans" (a preposition before its "which")."""
    return any(
        c.dep_ == "prep" and any(o.tag_ == "WDT" for o in c.children) for c in clause.children
    )


def _convening_verb(noun: Token) -> Token | None:
    """The verb that will convene a meeting noun: "will host another round", "would plan a
    summit", "invited them to Geneva for talks"; None for a meeting held."""
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in WORDS.convening_verbs:
        return head if to_come(head) else None
    if noun.dep_ == "pobj" and head.lower_ in ("for", "to") and head.head.lemma_ == "invite":
        return head.head  # "invited them to Geneva for talks", "invited both to talks"
    if noun.dep_ == "pobj" and head.lower_ in ("for", "to"):
        return _issued_invitation(head)
    return None


def _issued_invitation(prep: Token) -> Token | None:
    """ "France extended an invitation to both ministers for talks in Paris": the verb that
    issues the invitation a meeting is named in (the parser may hang the "for" on the
    invitees), not one that answers it ("Iran accepted an invitation to talks")."""
    for head in _clause_heads(prep)[:4]:
        if head.lemma_.lower() == "invitation" and head.pos_ == "NOUN":
            verb = head.head
            if head.dep_ == "dobj" and verb.lemma_.lower() in WORDS.inviting_verbs:
                return verb
            return None
        if head.pos_ not in ("NOUN", "PROPN", "ADP"):
            return None
    return None


def _clause_heads(tok: Token) -> list[Token]:
    """The chain of heads above a token, nearest first (at most 5)."""
    heads = []
    head = tok
    for _ in range(5):
        if head.head.i == head.i:
            break
        head = head.head
        heads.append(head)
    return heads


def _act_phrase(verb: Token) -> str:
    """The offered act in words: the verb and what follows it in its clause (at most 9)."""
    words = [t.text for t in (verb, *_act_words(verb)) if t.dep_ != "punct"]
    return " ".join(words[:9])


def _act_words(verb: Token) -> list[Token]:
    """The words after an act's verb that belong to it: not a verb conjoined to it, which
    is an act of its own ("should be settled through dialogue, and invited both to talks")."""
    own = [c for c in verb.rights if not (c.dep_ in ("conj", "cc") or c.pos_ == "PUNCT")]
    return sorted((t for c in own for t in c.subtree), key=lambda t: t.i)


def _proposed(verb: Token, clause: Token) -> bool:
    """Whether a "that"-clause is proposed rather than reported: always after "propose";
    after "suggest" only with a modal or a bare (subjunctive) verb."""
    if verb.lemma_.lower() == "propose":
        return True
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children)
    return modal or clause.tag_ == "VB" or _unshifted(verb, clause)


def _unshifted(verb: Token, clause: Token) -> bool:
    """ "Ankara suggested both navies pull back": after a past "suggested", a present verb
    (not shifted back as a fact reported would be: "suggested the navies were tired") is
    the subjunctive of a thing proposed; "be" and "have" are left out ("suggested that
    the sanctions are unjust" states a view)."""
    if verb.tag_ not in ("VBD", "VBN") or clause.tag_ != "VBP":
        return False
    return clause.lemma_.lower() not in ("be", "have")


# --------------------------------------------------------------------------- nouns put forward


def _offered(noun: Token, index: ActorIndex) -> Token | None:
    """The word that puts a noun forward: an offering verb, whatever its object ("offered
    the presidential aircraft", "proposed an audit"); a wanting verb, a call or readiness
    for a thing negotiated (:func:`_negotiated`: "wants a peace treaty", "called for a
    solution through dialogue", "open to dialogue"); the noun itself when a participle or
    a mark puts it forward ("a formula proposed by Chisinau")."""
    if noun.pos_ != "NOUN":
        return None
    if noun.dep_ not in ("dobj", "pobj", "conj") and not _proposed_anywhere(noun):
        return None
    thing = noun.lemma_.lower()
    if thing in WORDS.not_proposals or thing in WORDS.threat_objects:
        return None
    if noun.ent_type_ in ("DATE", "TIME"):
        return None  # "Niger's generals offer three years": a length, said of a transition
    verb, any_thing = _offering(noun)
    if verb is None or (verb is not noun and index.actors_of(noun)):  # "offered Iran"
        return None  # (both tests pure: the costlier one second)
    if thing in WORDS.meeting_nouns and _institution_meeting(noun, index):
        return None
    if negated(verb) or any(c.lower_ in ("no", "any") for c in noun.children):
        return None  # "did not offer a solution", "offered no path", "ready for any mission"
    if verb.lemma_.lower() in _TOPIC_VERBS and (_bare(noun) or _weighed_topic(noun, verb)):
        return None  # "willing to study the proposal": one put to it, answered
    if _offered_to_people(verb, index):
        return None
    return verb if any_thing or _negotiated(noun) else None


def _proposed_anywhere(noun: Token) -> bool:
    """A thing marked or said to be put forward is one wherever it stands: "called the
    proposed timetable unacceptable", "Resolution 1234, drafted by Norway, endorses the
    plan" (a subject, put forward by the participle's agent, when it is a thing negotiated:
    "the report, drafted by Norway" is none)."""
    if marked_proposed(noun):
        return True
    return _put_forward_by(noun) is not None and _negotiated(noun)


def _offered_to_people(verb: Token, index: ActorIndex) -> bool:
    """ "Mexico will offer them jobs" (the migrants): offered to people, not to a side. The
    one offered to names no actor but the offerer's own, which a pronoun object cannot
    be ("them" is not Mexico)."""
    subject = subject_of(verb)
    own = {r.country for r in index.actors_of(subject)} if subject is not None else set()
    return any(
        c.dep_ == "dative" and not {r.country for r in index.actors_of(c)} - own
        for c in verb.children
    )


def _offering(noun: Token) -> tuple[Token | None, bool]:
    """The word that puts ``noun`` forward, and whether it puts forward anything (an
    offering verb, a proposing participle or mark) or only a thing negotiated (a wanting
    verb, a call, readiness)."""
    if noun.dep_ == "conj":  # "proposed a transition and a national dialogue"
        first = noun
        while first.dep_ == "conj":
            first = first.head
        if first.pos_ == "VERB":  # "called for restraint and a solution", hung on the verb
            objects = [o for _prep, o in prep_objects(first, ("for",)) if o.i < noun.i]
            first = objects[-1] if objects else first
        verb = _offering(first)[0] if first.pos_ == "NOUN" else None
        return verb, False
    if marked_proposed(noun) or _put_forward_by(noun) is not None:
        return noun, True  # "the junta's proposed timetable", "a formula proposed by Chisinau"
    if wanted_mark(noun):
        return noun, False  # "Thailand preferred bilateral talks" (read as one phrase)
    head = noun.head
    if noun.dep_ == "dobj":
        if any(c.dep_ == "dobj" and c.i < noun.i for c in head.children):
            return None, False  # "offered 17 measures, among them a new authority": the first's
        return _asked_clause(head) or _offering_verb(head)
    if noun.dep_ == "pobj":
        head = _repeated_prep(head)  # "asked for a price formula and for an audit"
        if head.lower_ in ("to", "in") and (asking := _asked_clause(head.head)):
            return asking
        return _offering_prep(head, head.head)
    return None, False


# Verbs with which an asked side takes a thing up: "join talks", "accept a mission",
# "commit to dialogue".
_TAKING_UP = WORDS.joining_verbs | SUPPORT_VERBS | WORDS.pledging_words


def _asked_clause(verb: Token) -> tuple[Token, bool] | None:
    """ "Rwanda insisted that Kinshasa commit to direct dialogue", "urged that both sides
    accept a monitoring mission", "Israel says Hamas must accept an extension": what a
    clause asked of another side takes up (a verb of
    :data:`_TAKING_UP`), when it is a thing negotiated, is the asker's (the asking verb puts
    it forward); "demanded that the US cancel its plans" is a demand."""
    asking = verb.head
    if verb.dep_ != "ccomp" or verb.lemma_.lower() not in _TAKING_UP:
        return None
    if asking.lemma_.lower() not in ASKING:
        return (asking, False) if told(verb) else None
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
    return (asking, False) if modal or verb.tag_ == "VB" else None


def _offering_verb(verb: Token) -> tuple[Token | None, bool]:
    """ "offered an audit" (anything), "wants a treaty" (a thing negotiated), "pressed
    Mexico to accept an arrangement" (the asker's), "would set up a commission"."""
    lemma = verb.lemma_.lower()
    if lemma in WORDS.offering_verbs:
        return verb, True
    if lemma in WORDS.wanting_verbs:
        return verb, False
    if lemma in SUPPORT_VERBS and asked(verb):
        return verb, True
    if lemma in WORDS.establishing_verbs and to_come(verb):
        return verb, False
    undertaken = verb
    while undertaken.dep_ == "conj":  # "committed to pay in full and to complete an audit"
        undertaken = undertaken.head
    infinitive = undertaken.dep_ == "xcomp" or (
        undertaken.dep_ == "advcl" and to_infinitive(undertaken)
    )
    undertaking = undertaken.head
    if undertaken.dep_ == "pcomp" and undertaking.lower_ == "to":  # "open to discussing"
        infinitive, undertaking = True, undertaking.head
    if infinitive and undertaking.lemma_.lower() in _UNDERTAKING | WORDS.offering_readiness:
        if lemma in WORDS.wielding_verbs:
            return None, False  # "ready to use force": a means wielded, not offered
        if lemma in WORDS.weighing_verbs:
            return verb, True  # "ready to discuss supplies of gas": any thing, see _weighed
        return verb, False  # "committed to complete an audit", "ready to play a role"
    return None, False


# Verbs whose object may be only the topic of an offer: "ready to discuss the issue",
# "ready to work with Tehran on all issues".
_TOPIC_VERBS = WORDS.weighing_verbs | WORDS.working_verbs


def _weighed_topic(noun: Token, verb: Token) -> bool:
    """What a ready side offers to discuss or work on is put forward whatever the noun
    ("ready to discuss supplies of gas from other sources", "agreed to work on new
    links"), but not a topic with nothing of its own ("ready to discuss the issue", "ready
    to work on all issues", "open to discussing their differences"): what a discussion is
    about, not a thing offered. A thing negotiated ("ready to discuss a ceasefire") is
    offered either way."""
    if verb.lemma_.lower() not in _TOPIC_VERBS or _negotiated(noun):
        return False
    if noun.lemma_.lower() in WORDS.topic_nouns or noun.lower_ in WORDS.topic_nouns:
        return True
    own = (c for c in noun.children if c.dep_ in ("amod", "compound", "prep", "relcl", "acl"))
    return next(own, None) is None


# Heads under which a side undertakes or offers an act: what the act takes up, when it is a
# thing negotiated, is put forward.
_UNDERTAKING = WORDS.offering_verbs | WORDS.offer_heads | WORDS.pledging_words


def _offering_prep(prep: Token, verb: Token) -> tuple[Token | None, bool]:
    """ "called for a solution" (not "called an election for the spring"), "ready to agree
    to a delay", "asked Seoul to agree to a panel", "open to dialogue", "offered to take
    part in an investigation"."""
    lemma = verb.lemma_.lower()
    word = prep.lower_
    if word == "to" and lemma == "agree":
        head = verb.head.lemma_.lower()
        offer = verb.dep_ == "xcomp" and (head in WORDS.offer_heads or asked(verb))
        return (verb, True) if offer else (None, False)
    if word == "to" and lemma in WORDS.readiness_words | WORDS.pledging_words:
        return verb, False  # "open to dialogue", "committed to a joint inquiry"
    if word == "on" and lemma == "agree":  # "agreed on workable solutions": the agreers'
        return verb, False
    if word in _TOWARDS and lemma in WORDS.working_verbs and _undertaken(verb):
        return verb, True  # "agreed to work on new interconnections", "to work towards a truce"
    if word == "for" and lemma in WORDS.offering_prep_verbs | WORDS.readiness_words:
        objects = any(c.dep_ == "dobj" for c in verb.children)
        return (None, False) if objects else (verb, False)
    if lemma == "take" and any(c.lower_ == "part" for c in verb.children):
        lemma = "part"  # "take part in"
    if word == "in" and lemma in WORDS.joining_in_verbs and verb.dep_ == "xcomp":
        offered = verb.head.lemma_.lower() in WORDS.offering_verbs | WORDS.offer_heads
        return (verb, True) if offered else (None, False)
    return None, False


# What one works on or towards: "agreed to work on new links", "pledged to work towards
# a lasting truce".
_TOWARDS = frozenset({"on", "towards", "toward"})


def _undertaken(verb: Token) -> bool:
    """An act its subject agrees, pledges or offers to do: "agreed to work on",
    "ready to work towards" (not "had worked on", a deed done)."""
    heads = WORDS.agreeing_verbs | WORDS.offer_heads | WORDS.pledging_words
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in heads


def _institution_meeting(noun: Token, index: ActorIndex) -> bool:
    """A meeting of a body that a side asks to convene: "France asked for an emergency
    meeting of the Security Council", "the Council met in private after Cambodia asked for
    an urgent meeting". The side asks the body for a hearing; it offers the other side
    nothing."""
    if any(institution(obj, index) for _prep, obj in prep_objects(noun, ("of",))):
        return True
    for head in _clause_heads(noun):
        if head.lemma_.lower() == "meet" and head.pos_ == "VERB":
            subject = subject_of(head)
            return subject is not None and institution(subject, index)
    return False


def _put_forward_by(noun: Token) -> Token | None:
    """ "a formula proposed by Chisinau", "a resolution drafted by the EU": the participle
    that puts the noun forward, with its agent."""
    for child in noun.children:
        lemma = stance_lemma(child)
        if child.dep_ == "acl" and lemma is not None and stance_of(lemma) == "sponsor":
            if agent_of(child) is not None:
                return child
    return None


def _negotiated(noun: Token) -> bool:
    """A thing sides negotiate over: a key noun or one of :data:`proposable_nouns`."""
    things = WORDS.proposable_nouns  # by lemma or word: "observers" lemmatised "observer"
    if noun.lemma_.lower() in WORDS.gathering_nouns:  # "a set of workable solutions"
        return any(_negotiated(o) for _prep, o in prep_objects(noun, ("of",)))
    return _key(noun) is not None or noun.lemma_.lower() in things or noun.lower_ in things


def _unique(sentences: list[Span]) -> list[Span]:
    seen: set[int] = set()
    out = []
    for s in sentences:
        if s.start not in seen:
            seen.add(s.start)
            out.append(s)
    return out


def _proposal_word_near(tok: Token) -> bool:
    """'a proposal to implement a moratorium', 'the idea of a summit'."""
    for head in _clause_heads(tok)[:4]:
        if head.lemma_.lower() in WORDS.proposal_words:
            return True
    return any(c.lemma_.lower() in ("propose", "suggest") for c in tok.children)


_ORIGIN_NOUNS = frozenset({"idea", "plan", "proposal", "initiative"})


def _origin(sent: Span, index: ActorIndex, drafts: dict[str, _ProposalDraft]) -> None:
    """'The proposal mirrors an idea discussed earlier by Lukashenko': the idea's origin."""
    if _ORIGIN_NOUNS.isdisjoint(lemmas(sent)):
        return
    for tok in sent:
        if tok.lemma_.lower() not in _ORIGIN_NOUNS:
            continue
        for child in tok.children:
            if child.dep_ == "acl":
                agent = agent_of(child)
                if agent is None:
                    continue
                refs = index.actors_of(agent, demonyms=True)
                if not refs:
                    continue
                mentioned = [  # proposals stated before, not the idea itself
                    d
                    for d in drafts.values()
                    if any(s.start <= sent.start for s in d.sentences)
                    and (d.sponsors or d.supporters or d.opponents)
                ]
                if mentioned:
                    latest = max(mentioned, key=lambda d: max(s.start for s in d.sentences))
                    if latest.origin is None and refs[0].country not in latest.sponsors:
                        latest.origin = refs[0].country


def _meeting_partners(found: list[Found]) -> dict[str, list[str]]:
    """Who met whom (CONSULT events): a proposal put to one side came from the other."""
    partners: dict[str, list[str]] = {}
    for f in found:
        if f.type != "CONSULT" or f.inferred_target:
            continue
        for s in f.sources:
            for t in f.targets:
                partners.setdefault(s.country, []).append(t.country)
                partners.setdefault(t.country, []).append(s.country)
    return partners
