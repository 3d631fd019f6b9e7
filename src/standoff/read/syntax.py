"""Small readings of the dependency parse shared by the extractors: subjects, agents,
prepositional objects."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from standoff.read.spans import sentence_of
from standoff.read.words import WORDS

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


OBJECT_DEPS = ("dobj", "dative", "attr", "oprd")


def time_phrase(prep: Token) -> bool:
    """'on Thursday', 'for weeks', 'in December': a preposition whose object is a date or a
    time says when, and is no particle of the verb ("called Putin on Thursday" is no
    "called on")."""
    return prep.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children
    )


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through xcomp/conj/relative clauses."""
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in ("nsubj", "csubj") and not speaker_label(child):
                if child.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
                    return tok.head  # "Kyiv, which insists on ...": the relative's antecedent
                return _reduced_relative_subject(child)
        if tok.dep_ in ("xcomp", "conj", "advcl", "acomp") and tok.head.i != tok.i:
            tok = tok.head.head if reporters_conjunct(tok) else tok.head
            continue
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.dep_ in ("dobj", "pobj"):
            tok = tok.head.head  # "Trump signed an order placing a tariff": the signer
            continue
        if tok.dep_ == "acl" and tok.head.i != tok.i:
            return subject_past_relative(tok) or conjoined_clause_subject(tok)
        break
    return None


def conjoined_clause_subject(verb: Token) -> Token | None:
    """'Mitsotakis chaired a meeting of his security council and Athens called on Ankara to
    withdraw the ship': the parser joins the second clause's subject to the noun before it
    ("council and Athens") and hangs its finite verb on that noun. A past-tense verb right
    after a name that follows "and" or "but" is that name's own verb."""
    if verb.tag_ != "VBD" or verb.i == 0:
        return None
    name = verb.doc[verb.i - 1]
    if name.dep_ != "conj" or name.pos_ != "PROPN" or name.left_edge.i == 0:
        return None
    joint = verb.doc[name.left_edge.i - 1]
    return name if joint.lower_ in ("and", "but") else None


def speaker_label(tok: Token) -> bool:
    """'Q: Kigali accuses Belgium ...', 'ZHAO: We urge ...': a transcript's label, which the
    parser may make a second subject of the turn's first verb, is no subject."""
    doc = tok.doc
    opens = tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws or doc[tok.i - 1].is_space
    return opens and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"


def subject_past_relative(verb: Token) -> Token | None:
    """'The European Union, which was caught up in the 2006 dispute, called on both sides
    ...': the parser hangs the main verb on the relative clause's last noun and leaves the
    subject as the sentence's root. A verb after the comma closing a relative clause on a
    root noun is that noun's own verb."""
    root = sentence_of(verb).root
    if root.pos_ not in ("NOUN", "PROPN") or verb.tag_ not in ("VBD", "VBN", "VBZ"):
        return None
    if verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    relative = next((c for c in root.children if c.dep_ == "relcl" and c.i < verb.i), None)
    if relative is None or not root.i < verb.i:
        return None
    if verb.head != root and verb not in relative.subtree:
        return None
    return root


def reporters_conjunct(verb: Token) -> bool:
    """A past-tense verb the parser conjoined to a modal or subjunctive clause that is
    reported or asked for: "He said the issues should be settled through dialogue, and
    invited both leaders to Brussels", "demanded that they be returned with dignity, and
    offered his plane". A past tense cannot share the clause's modal or bare "be", so it is
    the reporter's second verb, and the reporter's subject is its subject."""
    clause = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or clause.dep_ != "ccomp":
        return False
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return False
    if _speech_act_of_reporter(verb, clause):
        return True
    if any(c.dep_ == "auxpass" for c in clause.children) and any(
        c.dep_ == "dobj" for c in verb.children
    ):
        # "complained that the ban was not based on science and urged Beijing to scrap
        # it": what a passive clause's subject undergoes does not act on an object
        return True
    return any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lower_ == "be")
        for c in clause.children
    )


def _speech_act_of_reporter(verb: Token, clause: Token) -> bool:
    """'Araghchi said Washington had no authority to dictate Iran's policy and demanded
    that the killing stop', 'the commissioner said Spain's borders were Europe's borders
    and called on Morocco to ...': a speech act joined to a reported clause whose own verb
    is no speech act is the reporter's (not "said Russia had accused Kyiv and demanded
    ...", where the clause's subject speaks too, nor a second verb of a speaker whose
    own "said" is reported: "X said the water was safe and urged ...")."""
    speech = WORDS.reporters_speech_acts
    said = clause.lemma_.lower()
    return verb.lemma_.lower() in speech and said not in speech | WORDS.reporting_verbs


def _reduced_relative_subject(subject: Token) -> Token:
    """'The Red Cross operating in Iraq said ...': the parser may make the participle of a
    reduced relative the subject; the noun it describes (its own subject) is meant."""
    if subject.tag_ == "VBG" and subject.dep_ == "nsubj":
        for child in subject.children:
            if child.dep_ == "nsubj" and child.i < subject.i:
                return child
    return subject


def agent_of(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def verb_above(tok: Token) -> Token:
    """The nearest verb or auxiliary at or above ``tok`` in the parse (the root when there
    is none): the clause a date, a pronoun or a place is told in."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def infinitive_subject(verb: Token) -> Token | None:
    """'wants Ukraine to stay neutral', 'expect Kyiv to withdraw it': the parser makes the
    one asked the subject of an infinitive clause on the verb, not its object."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i):
        if any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
            return next((s for s in clause.children if s.dep_ == "nsubj" and s.i > verb.i), None)
    return None


def act_objects(noun: Token) -> list[Token]:
    """What a noun for an act is done to: its "of" or "to" objects ("the closure of its
    embassy", "the recall of its ambassador"), and for "an end" the "to" object of the verb
    that puts or brings it ("putting an end to our military cooperation")."""
    heads = [noun]
    if noun.lemma_.lower() == "end" and noun.dep_ == "dobj":
        heads.append(noun.head)
    return [obj for head in heads for _prep, obj in prep_objects(head, ("of", "to"))]


def prep_objects(tok: Token, preps: tuple[str, ...]) -> Iterator[tuple[str, Token]]:
    """The objects of ``tok``'s prepositions among ``preps``, with the preposition; a
    preposition repeated after "and" counts too ("spoke with Sharif and with Jaishankar")."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for prep in (child, *(c for c in child.children if c.dep_ == "conj")):
                if prep.lower_ != child.lower_:
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        yield child.lower_, obj


def clause_of(verb: Token) -> Token:
    """The first of a run of joined clauses that ``verb`` belongs to ('said it would ease
    the ban and that Tokyo must keep ...': 'keep' joins 'ease', whose relation to 'said'
    holds for both); ``verb`` itself when it joins nothing."""
    for _ in range(4):  # a run of joined clauses is short; the bound keeps the walk total
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb


# Nouns of a span of time: "has ten days to comply".
TIME_NOUNS = WORDS.time_nouns


def that_clause(verb: Token) -> bool:
    """A clause opened by "that" ('demanded that Beijing end ...')."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def to_infinitive(verb: Token) -> bool:
    """'to leave': a verb with its infinitive marker."""
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def act_with_time_left(tok: Token) -> tuple[Token, Token] | None:
    """(the verb whose subject has the time, the act) for a 'have' with a time limit, as the
    parser hangs it: 'has' as the act's auxiliary ('has until X to turn') or with the time
    as its object ('has ten days to comply')."""
    if tok.lemma_.lower() != "have":
        return None
    times = [
        c
        for c in tok.children
        if (c.dep_ == "prep" and c.lower_ == "until")
        or (c.dep_ in ("dobj", "npadvmod") and c.lower_ in TIME_NOUNS)
    ]
    if not times:
        return None
    if tok.dep_ == "aux" and to_infinitive(tok.head):
        return tok.head, tok.head
    for child in tok.children:
        if child.dep_ == "xcomp" and to_infinitive(child):
            return tok, child
    for time in times:
        for act in time.children:
            if act.dep_ in ("relcl", "acl") and to_infinitive(act):
                return tok, act
    return None


_OWN = frozenset({"his", "her", "its", "their", "our", "my"})


def addresses_own_agent(verb: Token) -> bool:
    """'ordered his trade minister to ...', 'told its army to ...': the one ordered is the
    orderer's own, so the order is the orderer's own act, not a demand of another."""
    return any(
        c.dep_ == "dobj" and any(p.dep_ == "poss" and p.lower_ in _OWN for p in c.children)
        for c in verb.children
    )


def marked_clause(verb: Token, mark: str) -> Token | None:
    """The verb of an adverbial clause on ``verb`` opened by ``mark`` ("if", "unless"),
    also when the parser hangs it on a speech tag set inside the sentence ("If no apology
    came, he said, Spain would act": on "said")."""
    for c in verb.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == mark for m in c.children):
            return c
    for tag in verb.children:
        said = tag.lemma_.lower() in WORDS.reporting_verbs
        if tag.dep_ == "parataxis" and tag.i < verb.i and said:
            return marked_clause(tag, mark)
    return None


def for_mark(clause: Token) -> Token | None:
    """The 'for' that opens a clause with a subject of its own ('called for the road to be
    reopened', 'pressed for talks to resume': the parser makes it the clause's marker)."""
    return next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "for"), None)


def if_clause(verb: Token) -> Token | None:
    """The verb of an 'if' clause that qualifies ``verb`` ('... if Brazil retaliated')."""
    return marked_clause(verb, "if")


def unless_clause(verb: Token) -> Token | None:
    """The verb of an 'unless' clause on ``verb`` ('face tariffs from August 1 unless they
    strike deals'): what ``verb`` tells is still to come, whatever its tense."""
    return marked_clause(verb, "unless")


# Verbs that name what a free relative object is: "struck what it said were militant
# hideouts", "what it called terrorist camps", "what it described as Hezbollah sites".
NAMING_VERBS = frozenset(("say", "call", "describe", "claim", "term", "label", "believe"))


def free_relative_object(head: Token) -> list[Token]:
    """'fired missiles at what it said were militant targets in Iraq and Syria', 'struck
    what it called terrorist hideouts in Iran', 'strikes on what it described as Hezbollah
    sites': the phrases a free relative object ("what ...") of ``head`` (a verb or noun,
    directly or through a preposition) says it is, and the places its naming verb puts
    it in; [] when ``head`` takes no such object."""
    namers = [c for c in head.children if c.dep_ in ("ccomp", "pcomp")]
    for prep in (c for c in head.children if c.dep_ == "prep"):
        namers += [c for c in prep.children if c.dep_ == "pcomp"]
    out: list[Token] = []
    for namer in namers:
        if namer.lemma_.lower() not in NAMING_VERBS or not _takes_what(namer):
            continue
        described = [c for c in namer.children if c.dep_ in ("oprd", "dobj") and c.tag_ != "WP"]
        for clause in (c for c in namer.children if c.dep_ == "ccomp"):  # "said were X"
            described += [c for c in clause.children if c.dep_ in ("attr", "acomp")]
            out += [obj for _prep, obj in prep_objects(clause, ("in",))]
        described += [obj for _prep, obj in prep_objects(namer, ("as",))]
        out += [obj for _prep, obj in prep_objects(namer, ("in",))]
        for phrase in described:  # "targets in Iraq and Syria": every place, then the phrase
            out += [obj for _prep, obj in prep_objects(phrase, ("in",))]
        out += described
    return out


def _takes_what(namer: Token) -> bool:
    """'what it said were', 'what it called': the naming verb's clause starts with "what"."""
    return any(t.tag_ == "WP" and t.lower_ == "what" and t.i < namer.i for t in namer.subtree)
