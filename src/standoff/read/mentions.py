"""Which actor does a noun phrase stand for? Entities, titles, demonyms, pronouns.

:class:`ActorIndex` is built once per parsed article. It resolves every named
entity the EntityRuler tagged, people the dictionary does not know but the text
introduces ("Dmitry Peskov, the Kremlin spokesman"), surnames used after a full
name, groups named by a demonym and a role ("Ukrainian officials"), and
pronouns (to the nearest fitting actor before them). Event extractors then ask
:meth:`ActorIndex.actors_of` for the actors a phrase refers to; which actor a
phrase's head names is decided by the rules of :mod:`standoff.read.mention_rules`.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter

from spacy.tokens import Doc, Span, Token

from standoff.model import Actor, ActorKind, Mention
from standoff.read.actors import STATE_FORMS, ActorDictionary, ActorEntry, state_form
from standoff.read.first_person import first_person_refs
from standoff.read.mention_rules import HEAD_ACTORS, PRONOUNS, party_word
from standoff.read.refs import Ref, countries_of
from standoff.read.rules import first_match
from standoff.read.spans import later_conjuncts, sentence_at, sentence_of, sentence_start
from standoff.read.syntax import prep_objects, verb_above
from standoff.read.word_table import lower_words, texts
from standoff.read.words import WORDS

__all__ = ["ActorIndex", "Ref", "countries_of"]

ACTOR_LABELS = {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"}
# Where a noun phrase is a verb's or preposition's argument rather than a modifier.
ARGUMENT_DEPS = frozenset(("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative"))
PERSON_PRONOUNS = WORDS.person_pronouns
THING_PRONOUNS = WORDS.thing_pronouns
PLURAL_PRONOUNS = WORDS.plural_pronouns
DESCRIPTION_NOUNS = WORDS.description_nouns
# How many of the states an article names most count as its principal parties: a pair
# named together ("Thailand and Cambodia") is "both sides" only among them.
PRINCIPALS = 3
BODY_NOUNS = WORDS.body_nouns
RULER_NOUNS = WORDS.ruler_nouns
# How far past its sentence a body noun with no antecedent looks for the body it names.
BODY_LOOKAHEAD = 120
SEIZING_VERBS = frozenset({"seize", "take", "grab", "usurp"})  # "... who seized power in X"
# "the war in Ukraine", "talks at Doha": a mention after these names a place.
PLACE_PREPOSITIONS = frozenset(("in", "at", "near", "inside", "across"))
GENERIC_NOUNS = WORDS.generic_nouns
# What "it" and "they" may take up.
THINGS = (ActorKind.STATE, ActorKind.METONYM, ActorKind.IGO, ActorKind.ORGANISATION)
PLURALS = (ActorKind.GROUP, ActorKind.STATE, ActorKind.IGO)
# Determiners that make a description definite ("the", "both", "its") and the counts some give.
DEFINITE = frozenset(
    (
        "the",
        "both",
        "two",
        "three",
        "four",
        "five",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
    )
)
COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}
# The most actors one list is followed for ("Austria, Belgium, ... and Sweden": the EU's
# 27 fit): longer runs of names are not prose, and following them made reading quadratic.
MAX_LISTED = 64


# Kinds of actor whose full name may later be shortened to its last word ("the Council").
ORGANS = frozenset((ActorKind.ORGANISATION, ActorKind.IGO, ActorKind.GROUP))


class ActorIndex:
    """Actor mentions of one parsed document, and the rules to resolve phrases to them."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary, home: str | None = None) -> None:
        self.doc = doc
        self.book = dictionary
        # The state of the dateline's place ("WARSAW, Sept 13 -"): whose "the government"
        # a wire story means when it names none (:meth:`_home_body`).
        self.home = home
        self.by_token: dict[int, Ref] = {}
        self.demonyms: dict[int, str] = {}  # token index -> country code
        self.refs: list[Ref] = []
        # What rules derive from the whole article's mentions, computed once: a rule that
        # re-derived it for every sentence made reading quadratic in the article's length.
        self.memo: dict[object, object] = {}
        self._index_entities()
        self._index_seats()
        self._index_short_names()
        self._index_rulers()
        self._index_pronouns()
        self._index_first_person()

    # ------------------------------------------------------------------ indexing
    def _add(self, ref: Ref) -> None:
        self.refs.append(ref)
        for i in range(ref.start, ref.end):
            self.by_token[i] = ref

    def _index_pronouns(self) -> None:
        """Resolve pronouns in reading order, so a pronoun can be the antecedent of the next."""
        self.refs.sort(key=lambda r: r.start)
        for i, word in enumerate(lower_words(self.doc)):  # no Token built for other words
            if word in PRONOUNS and i not in self.by_token:
                tok = self.doc[i]
                ref = self.antecedent(tok)
                if ref is not None:
                    pron = Ref(ref.entry, tok.i, tok.i + 1, "pronoun")
                    # in place, not at the end: the next pronoun reads the mentions latest
                    # first, and an earlier "he" must not come before the name after it
                    insort(self.refs, pron, key=lambda r: r.start)
                    self.by_token[tok.i] = pron

    def _index_first_person(self) -> None:
        """'ZHAO: We again urge ...', '"We will intervene," the president said': "I" and
        "we" stand for the speaker of a transcript's turn or a quotation (after the other
        pronouns, so that a quotation's "he said" is resolved)."""
        found = list(first_person_refs(self))
        for ref in found:
            insort(self.refs, ref, key=lambda r: r.start)
            self.by_token[ref.start] = ref
        if found:
            self.memo.clear()  # the mentions changed under what was derived from them

    def _index_seats(self) -> None:
        """'The judges in The Hague rejected Kenya's argument', 'Kenya rejects the Hague
        ruling': in an article that names one organisation seated in a place (``seat`` in
        ``igos.yaml``: the ICJ and the ICC in The Hague), the place's name is that
        organisation, not the host state's government it names elsewhere."""
        if not self.book.seats:
            return
        named = {r.country: r.entry for r in self.refs if r.entry.kind is ActorKind.IGO}
        for n, ref in enumerate(self.refs):
            seated = self.book.seats.get(ref.entry.name.lower())
            if ref.entry.kind is not ActorKind.METONYM or not seated:
                continue
            courts = [named[code] for code in seated if code in named]
            if len(courts) == 1:
                seat = Ref(courts[0], ref.start, ref.end, "seat")
                self.refs[n] = seat
                for i in range(ref.start, ref.end):
                    self.by_token[i] = seat

    def _index_entities(self) -> None:
        people: dict[str, ActorEntry] = {}  # surname -> person entry, for later bare surnames
        for ent in self.doc.ents:
            if ent.label_ not in ACTOR_LABELS or _likened(ent):
                continue
            entry = self._entry_for(ent, people)
            if ent.label_ == "NORP" and entry is not None:
                for tok in ent:
                    self.demonyms[tok.i] = entry.country
                group = (
                    self._group(ent, entry.country)
                    or self._people(ent, entry.country)
                    or self._named_country(ent, entry)
                )
                if group is not None:
                    self._add(group)
                continue
            if entry is None:
                continue
            how = "dictionary" if ent.ent_id_ else "context"
            self._add(Ref(entry, ent.start, ent.end, how))
            if entry.kind is ActorKind.PERSON:
                people[entry.name.split()[-1].lower()] = entry
                people[ent[-1].lower_] = entry
        self._index_surnames(people)

    def _index_surnames(self, people: dict[str, ActorEntry]) -> None:
        """'Marcel de Souza, the commission's president ... de Souza told reporters': the
        surname of a person named in full before, where the tagger marks no entity (or a
        date or number: "in May" stays a month), is that person."""
        if not people:
            return
        first: dict[str, int] = {}  # surname -> the token after the full name's first mention
        for ref in self.refs:
            if ref.entry.kind is ActorKind.PERSON:
                for name in (ref.entry.name.split()[-1].lower(), self.doc[ref.end - 1].lower_):
                    first.setdefault(name, ref.end)
        for i, word in enumerate(lower_words(self.doc)):
            entry = people.get(word)
            if entry is None or i in self.by_token or i < first.get(word, len(self.doc)):
                continue
            tok = self.doc[i]
            if not tok.is_title or tok.ent_type_ not in ("", "PERSON", "ORG", "GPE", "NORP"):
                continue
            self._add(Ref(entry, i, i + 1, "surname"))

    def _index_short_names(self) -> None:
        """'the European Commission ... the Commission', 'the UN Security Council ... the
        Council': an organisation named in full is later called by its last word alone."""
        named: dict[str, ActorEntry] = {}  # last word of a full name -> its entry
        refs = iter(sorted(self.refs, key=lambda r: r.start))
        upcoming = next(refs, None)
        orth, lower = texts(self.doc), lower_words(self.doc)  # no Token for every word
        for i, text in enumerate(orth):
            while upcoming is not None and upcoming.end <= i:
                if upcoming.end - upcoming.start >= 2 and upcoming.entry.kind in ORGANS:
                    named[orth[upcoming.end - 1]] = upcoming.entry
                upcoming = next(refs, None)
            entry = named.get(text)
            if (
                entry is not None
                and i not in self.by_token
                and i > 0
                and lower[i - 1] == "the"
                and self.doc[i].is_title
            ):
                self._add(Ref(entry, i, i + 1, "short name"))

    def _index_rulers(self) -> None:
        """'Mali's junta', 'the junta in Niamey', 'the Syrian regime' ... 'the junta': who
        rules a state is its government, named once with the state and later alone. A bare
        'the junta' is that government when the article names the rulers of one state only
        (before or after: a headline's 'Niger junta' is often the only one); with the juntas
        of two states named, it is left unresolved rather than guessed."""
        bound: list[tuple[int, str]] = []  # (token, country) of each ruler named with its state
        bare: list[int] = []
        seizers: list[int] = []  # "the soldiers who seized power on July 26": no state named
        for i, word in enumerate(lower_words(self.doc)):
            if word == "power":
                seizers += self._power_seizers(self.doc[i])
            if word not in RULER_NOUNS or i in self.by_token:
                continue
            country = self._ruled(self.doc[i])
            if country is None:
                bare.append(i)
            else:
                bound.append((i, country))
                self._add(self._ruler_ref(i, country, "ruler of a named state"))
        ruled = {c for _, c in bound}
        if len(ruled) != 1:
            return  # no ruler named with its state, or several: "the junta" is not settled
        (country,) = ruled
        for i in bare:
            if i > 0 and self.doc[i - 1].lower_ in DEFINITE:  # not "a junta", "juntas"
                self._add(self._ruler_ref(i, country, "ruler named with its state"))
        for i in seizers:  # "the soldiers who seized power": the junta the article names
            if i > 0 and self.doc[i - 1].lower_ in DEFINITE and i not in self.by_token:
                entry = ActorEntry(
                    country + "MIL", country, self.doc[i].text, ActorKind.ORGANISATION
                )
                self._add(Ref(entry, i, i + 1, "seized power where the junta rules"))

    def _power_seizers(self, power: Token) -> list[int]:
        """'the soldiers who seized power in Niger', 'the officers who took power in Bamako
        last year': whoever seized power in a state rules it (its military). Returns the
        noun of seizers told with no state ("the soldiers who seized power on July 26"),
        for :meth:`_index_rulers` to give the state whose rulers the article names."""
        verb = power.head
        if power.dep_ != "dobj" or verb.lemma_.lower() not in SEIZING_VERBS:
            return []
        if verb.dep_ not in ("relcl", "acl") or verb.head.i in self.by_token:
            return []
        for _prep, place in prep_objects(verb, ("in",)):
            ref = self.by_token.get(place.i)
            if ref is not None and len(ref.country) == 3:
                noun = verb.head
                self._add(
                    Ref(
                        ActorEntry(
                            ref.country + "MIL", ref.country, noun.text, ActorKind.ORGANISATION
                        ),
                        noun.i,
                        noun.i + 1,
                        "seized power in a named state",
                    )
                )
                return []
        return [verb.head.i]

    def _ruled(self, noun: Token) -> str | None:
        """The state a ruler noun names with it: a possessor, a modifier, 'in X', 'of X'."""
        modifiers = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        places = [obj for _prep, obj in prep_objects(noun, ("in", "of"))]  # "junta of Goita"
        for tok in modifiers + places:
            ref = self.by_token.get(tok.i)
            if tok in modifiers and tok.i in self.demonyms:
                return self.demonyms[tok.i]  # "the Malian junta"
            if ref is not None and len(ref.country) == 3:
                return ref.country
        return None

    def _ruler_ref(self, i: int, country: str, how: str) -> Ref:
        word = self.doc[i].text
        sector = self.book.sector_for(word) or "GOV"  # the roles table: a junta is MIL
        return Ref(
            ActorEntry(country + sector, country, word, ActorKind.ORGANISATION), i, i + 1, how
        )

    def _entry_for(self, ent: Span, people: dict[str, ActorEntry]) -> ActorEntry | None:
        if ent.ent_id_:
            kind, code, name = ent.ent_id_.split("|", 2)
            if kind == "demonym":
                return ActorEntry(code, code, name, ActorKind.GROUP)
            return self.book.entry(ent.ent_id_)
        text = ent.text.removeprefix("the ").strip()
        if ent.label_ == "PERSON":
            known = people.get(ent[-1].lower_)
            if known is not None:
                return known
            titled = self._person_from_title(ent)
            if titled is None and len(ent) == 1:
                return self.book.by_surname(ent.text)
            return titled
        found: str | None
        found = self.book.country_for(text)
        if found is not None:
            code = found
            kind = ActorKind.IGO if len(code) != 3 or not code.isalpha() else ActorKind.STATE
            return ActorEntry(code, code, text, kind)
        # 'Mike Pence ... Pence said': the parser often tags a bare surname as an
        # organisation or place; one named in full before is that person
        if len(ent) == 1 and ent[0].lower_ in people:
            return people[ent[0].lower_]
        if ent.label_ == "ORG":
            return self._organisation(ent)
        return None

    def _person_from_title(self, ent: Span) -> ActorEntry | None:
        """A person the dictionary does not know, placed by the words around the name."""
        title_tokens: list[Token] = [t for t in ent.root.children if t.i < ent.start]
        # "Tshisekedi's spokeswoman Tina Salama": the title's possessor places the person
        title_tokens.extend(
            g for t in list(title_tokens) for c in t.children if c.dep_ == "poss" for g in c.subtree
        )
        for child in ent.root.children:
            if child.dep_ == "appos":
                title_tokens.extend(child.subtree)
        if ent.root.dep_ == "appos":
            title_tokens.extend(t for t in ent.root.head.subtree if t.i < ent.start)
        if not title_tokens:
            return None
        words = " ".join(t.lower_ for t in title_tokens)
        sector = self.book.sector_for(words)
        country = None
        for tok in title_tokens:
            ref = self.by_token.get(tok.i)
            country = ref.country if ref else self.book.country_for(tok.text)
            if country:
                break
        for _prep, place in prep_objects(ent.root, ("of",)) if country is None else ():
            country = self.book.country_for(_entity_text(place))  # "King Hassan of Morocco"
        if country is None or sector is None:
            return None
        role = " ".join(t.text for t in title_tokens if not t.is_punct).strip()
        return ActorEntry(
            country + sector if len(country) == 3 else country,
            country,
            ent.text,
            ActorKind.PERSON,
            role or None,
        )

    def _organisation(self, ent: Span) -> ActorEntry | None:
        """'the Russian Foreign Ministry' -> RUSGOV: a country word plus a role word."""
        country = None
        for tok in ent:
            country = self.book.country_for(tok.text)
            if country:
                break
        sector = self.book.sector_for(ent.text)
        if country is None or sector is None or len(country) != 3:
            return None
        return ActorEntry(country + sector, country, ent.text, ActorKind.ORGANISATION)

    def _group(self, ent: Span, country: str) -> Ref | None:
        """'Ukrainian officials', 'Russian forces': a demonym on a role noun is an actor."""
        head = ent.root.head if ent.root.dep_ in ("amod", "compound", "nmod") else None
        if head is None or head.pos_ not in ("NOUN", "PROPN"):
            return None
        sector = self.book.sector_for(head.lower_)
        if sector is None or len(country) != 3:
            return None
        span = self.doc[min(ent.start, head.i) : max(ent.end, head.i + 1)]
        entry = ActorEntry(country + sector, country, span.text, ActorKind.GROUP)
        return Ref(entry, span.start, span.end, "demonym and role")

    def _people(self, ent: Span, country: str) -> Ref | None:
        """'the Palestinians', 'Iranians', 'crowds of Lebanese': a plural demonym used as a
        noun is its people."""
        root = ent.root
        if root.pos_ not in ("NOUN", "PROPN") or root.dep_ in ("amod", "compound", "nmod", "poss"):
            return None
        # "crowds of Lebanese", "the Sudanese": a demonym in -ese is plural by its tag
        plural = root.text.endswith("s") or root.tag_ in ("NNS", "NNPS")
        if not plural or len(country) != 3:
            return None
        home = self._homeland(root, country)
        if home is None:
            del self.demonyms[root.i]  # nor does the word stand for its state elsewhere
            return None
        entry = ActorEntry(home, home, ent.text.removeprefix("the "), ActorKind.GROUP)
        return Ref(entry, ent.start, ent.end, "demonym as noun")

    def _homeland(self, people: Token, country: str) -> str | None:
        """The state a people named by a demonym lives in: a state word before it ('Bosnian
        Serbs', 'Kosovo Albanians') or the place it is 'of' ('the Albanians of southern
        Serbia'), else its own state ('the Palestinians'). An ethnic group ('ethnic
        Albanians') is a people of the place it is put in ('ethnic Albanians in Serbia'), and
        with no place, of a state the phrase does not name: None."""
        for mod in people.children:
            if mod.dep_ in ("amod", "compound") and mod.i < people.i:
                state = self.book.country_for(mod.text)
                if state is not None and len(state) == 3 and state != country:
                    return state
        ethnic = any(c.lower_ == "ethnic" for c in people.children)
        for _prep, place in prep_objects(people, ("of", "in") if ethnic else ("of",)):
            state = self.book.country_for(_entity_text(place))
            if state is not None and len(state) == 3:
                return state
        return None if ethnic else country

    def _named_country(self, ent: Span, entry: ActorEntry) -> Ref | None:
        """'Cairo said that the US must be ready to mediate': the tagger sometimes labels a
        country's name a nationality; a singular proper noun that is an argument, not a
        modifier, names the state itself."""
        root = ent.root
        if root.tag_ != "NNP" or root.dep_ not in ARGUMENT_DEPS or len(entry.country) != 3:
            return None
        state = ActorEntry(entry.country, entry.country, ent.text, ActorKind.STATE)
        return Ref(state, ent.start, ent.end, "country named")

    # ------------------------------------------------------------------ resolving
    def actors_of(
        self,
        token: Token,
        *,
        demonyms: bool = False,
        depth: int = 0,
        _memo: dict[tuple[int, bool, int], list[Ref]] | None = None,
    ) -> list[Ref]:
        """The actors a noun phrase headed by ``token`` refers to (conjuncts included).

        ``demonyms`` lets an adjective stand for its country ("attacks on Russian
        refineries" -> RUS); subjects of verbs should not use it ("Russian oil").
        The head's actor is the first answer of :data:`HEAD_ACTORS`.
        """
        # Each conjunct is followed to its own later conjuncts, six deep: a list of n
        # names made that n**6 calls. The answer for a (token, depth) does not change
        # within one call, so it is computed once (_memo), and at most MAX_LISTED
        # conjuncts are followed (no sentence lists more actors than that).
        memo: dict[tuple[int, bool, int], list[Ref]] = {} if _memo is None else _memo
        key = (token.i, demonyms, depth)
        if key not in memo:
            memo[key] = self._actors_of(token, demonyms, depth, memo)
        return memo[key]

    def _actors_of(
        self,
        token: Token,
        demonyms: bool,
        depth: int,
        memo: dict[tuple[int, bool, int], list[Ref]],
    ) -> list[Ref]:
        whole = self._whole_phrase(token, demonyms, depth)
        if whole is not None:
            return whole
        found = first_match(HEAD_ACTORS, self, token, demonyms) or self._leader(token)
        if found is None and self.party_noun(token):
            placed = self._placed(token)
            if placed:  # "officials in Riyadh and Abu Dhabi", "demonstrators in Baghdad"
                return placed
        refs = [found] if found is not None else []
        if found is not None and found.how != "pronoun":
            refs.extend(self._coordinated_modifiers(token, found))
        if found is not None:
            refs.extend(self._group_members(token, found))
        if depth < 6:
            for conj in later_conjuncts(token, MAX_LISTED):
                refs.extend(self.actors_of(conj, demonyms=demonyms, depth=depth + 1, _memo=memo))
            if found is not None and found.how != "pronoun":
                refs.extend(self._listed_with(token))
        if found is None and depth == 0:
            refs.extend(self._described(token) or self._home_body(token))
        unique: dict[str, Ref] = {}
        for ref in refs:
            unique.setdefault(ref.code, ref)
        return list(unique.values())

    def _whole_phrase(self, token: Token, demonyms: bool, depth: int) -> list[Ref] | None:
        """Phrases whose actors are not their head's: 'both of them' (the object of 'of'),
        a plural pronoun taking up its speakers ("the ministers said they were ready") or
        a list ("Britain, France and Germany ... They urged Iran"); None otherwise."""
        if token.lower_ in ("both", "all", "each", "either", "neither"):
            for _prep, obj in prep_objects(token, ("of",)):  # "met both of them"
                return self.actors_of(obj, demonyms=demonyms, depth=depth)
        if token.tag_ in ("NNS", "NNPS") and depth == 0:
            # "India and Pakistan ... Their foreign ministers spoke": each side's own
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ in PLURAL_PRONOUNS and self.party_noun(token):
                refs = self.actors_of(owner, demonyms=demonyms)
                if len(countries_of(refs)) > 1:
                    return refs
        if token.lower_ not in PLURAL_PRONOUNS or depth != 0:
            return None
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp":
            # "the three foreign ministers said they were ready": the speakers
            speaker = next(
                (c for c in token.head.head.children if c.dep_ in ("nsubj", "nsubjpass")),
                None,
            )
            if speaker is not None and speaker.i < token.i:
                refs = self.actors_of(speaker, demonyms=demonyms)
                # a plural speaker only: "Malaysia demanded that they halt" asks others
                if refs and (speaker.tag_ in ("NNS", "NNPS") or len(countries_of(refs)) > 1):
                    return refs
        if self._bound_to_others(token):
            return []
        return self._addressed_before(token) or self._plural_antecedents(token) or None

    def _addressed_before(self, pronoun: Token) -> list[Ref]:
        """'spoke with US officials and asked them to press Israel', 'was in contact with
        both capitals and urged them to avoid steps': a plural pronoun that a verb takes as
        its object, joined to an earlier verb of the same subject, takes up the party that
        verb was with, spoke to or met (its object or its "with" or "to" phrase)."""
        verb = pronoun.head
        if pronoun.dep_ not in ("dobj", "dative") or verb.dep_ != "conj" or verb.head.i > verb.i:
            return []
        earlier = verb.head
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return []  # a subject of its own: "X met Y and they agreed"
        parties = [c for c in earlier.children if c.dep_ in ("dobj", "dative")]
        parties += [obj for _prep, obj in prep_objects(earlier, ("with", "to"))]
        found: list[Ref] = []
        for party in sorted(parties, key=lambda t: t.i):
            found += [r for r in self.actors_of(party) if r.how != "pronoun"]
        return found

    def _group_members(self, token: Token, found: Ref) -> list[Ref]:
        """'the foreign ministers of Rwanda and Congo': when the head stands for the group
        its "of" phrase names (``part_of_group``), every actor of that list is meant."""
        for _prep, obj in prep_objects(token, ("of",)):
            members = self.actors_of(obj, demonyms=True)
            if any(m.code == found.code for m in members):
                return members
        return []

    def _coordinated_modifiers(self, token: Token, found: Ref) -> list[Ref]:
        """'Russian and Ukrainian delegations', 'US and British forces': each actor or
        demonym coordinated with the head's modifier is an actor too (a demonym with the
        head's sector). An organisation's demonym joins a list of demonyms only ('Russian
        and European delegations'); after a name it names a region's people ('Zelensky and
        European leaders' are not the EU)."""
        out: list[Ref] = []
        sector = found.code[3:] if len(found.code) == 6 else ""
        any_demonym = found.how in ("demonym and role", "demonym")
        for child in token.children:
            if child.dep_ not in ("amod", "compound", "nmod", "poss") or not (
                child.i in self.demonyms or child.i in self.by_token
            ):
                continue
            for conj in child.conjuncts:
                if child.dep_ == "poss" and not (_possessive(child) and _possessive(conj)):
                    continue  # "Sweden's and Finland's bids", not "Syria and Turkey's plan"
                ref = self.by_token.get(conj.i)
                if conj.i in self.demonyms:
                    country = self.demonyms[conj.i]
                    if len(country) != 3 and not any_demonym:
                        continue
                    code = country + sector if len(country) == 3 else country
                    entry = ActorEntry(code, country, conj.text, found.entry.kind)
                    out.append(Ref(entry, conj.i, conj.i + 1, found.how))
                elif ref is not None and ref.how != "pronoun":
                    out.append(ref)
        return out

    def _listed_with(self, token: Token) -> list[Ref]:
        """'Saudi Arabia, the UAE, Bahrain and Egypt': every actor of a comma list.

        Read on the surface: the parser often attaches long lists as appositions.
        Walks right from the phrase while only actors, commas, 'and' and
        determiners follow.
        """
        out: list[Ref] = []
        i = self.by_token[token.i].end if token.i in self.by_token else token.i + 1
        doc = self.doc
        while i < len(doc) and len(out) < MAX_LISTED:
            tok = doc[i]
            if tok.i in self.by_token and self.by_token[tok.i].how != "pronoun":
                ref = self.by_token[tok.i]
                if _opens_clause(doc[ref.end - 1], token):
                    break  # "support for Guyana, and Brazil had moved troops": a new clause
                out.append(ref)
                i = ref.end
                continue
            if tok.text in (",",) or tok.lower_ in ("and", "the", "as", "well"):
                i += 1
                continue
            break
        return (
            out
            if any(
                doc[r.start - 1].lower_ == "and" or doc[r.start - 2].lower_ == "and" for r in out
            )
            else []
        )

    def _last_group(self, token: Token, size: int) -> list[Ref]:
        """The last list of exactly ``size`` states named together before ``token``."""
        for ref in reversed(self.refs):
            if ref.start >= token.i or ref.how == "pronoun" or len(ref.country) != 3:
                continue
            group = self._group_at(ref)
            if len(group) == size:
                return group
        return []

    def _group_at(self, ref: Ref) -> list[Ref]:
        """The states named together with ``ref`` and after it ("Thailand and Cambodia",
        "Saudi Arabia, the UAE and Egypt"), ``ref`` first, one mention per state."""
        head = self.doc[ref.end - 1]
        members = [ref, *self._listed_with(head)]
        for conj in head.conjuncts:
            if conj.i in self.by_token:
                members.append(self.by_token[conj.i])
        countries: dict[str, Ref] = {}
        for m in members:
            countries.setdefault(m.country, m)
        return list(countries.values())

    def _form_named(self, token: Token, named: list[Ref]) -> str | None:
        """'the kingdom' after Canada and Saudi Arabia is Saudi Arabia: a description that
        names a form of state (:data:`STATE_FORMS`) takes up only states of that form, when
        one was named before it (else the last state, as any description)."""
        form = token.lower_
        if form not in STATE_FORMS:
            return None
        earlier = {r.country for r in named if r.start < token.i and len(r.country) == 3}
        return form if any(state_form(c, form) for c in earlier) else None

    def _pairs_named(self) -> list[list[Ref]]:
        """Every pair of states the article names together ("Thailand and Cambodia"), in
        reading order; computed once per document."""
        key = "pairs named"
        if key not in self.memo:
            pairs: list[list[Ref]] = []
            taken: set[int] = set()  # a pair's second state opens no pair of its own
            for ref in self.refs:
                if ref.how == "pronoun" or len(ref.country) != 3 or ref.start in taken:
                    continue
                group = self._group_at(ref)
                taken.update(r.start for r in group)
                if len(group) == 2 and all(len(r.country) == 3 for r in group):
                    pairs.append(group)
            self.memo[key] = pairs
        return self.memo[key]  # type: ignore[return-value]

    def _described(self, token: Token) -> list[Ref]:
        """'the small gas-rich state', 'both countries', 'the two allies': earlier actors.

        A definite description of a state refers to the last state named before
        it; 'both'/'two' take the pair the story is about (:meth:`_pair`); 'the four
        countries' the last four named.
        """
        if token.lower_ in BODY_NOUNS:
            return self._body(token)
        want = _described_count(token)
        if not want:
            return []
        subject_countries = {
            r.country
            for c in token.head.children
            if c.dep_ in ("nsubj", "nsubjpass")
            for r in ([self.by_token[c.i]] if c.i in self.by_token else [])
        }
        if want == 2:
            return self._pair(token, subject_countries)
        if want > 2:
            group = self._last_group(token, want)
            if group:  # "Saudi Arabia, the UAE, Bahrain and Egypt ... The four countries"
                return group
        out: list[Ref] = []
        named = self._named_states(token, with_demonyms=want > 1)
        form = self._form_named(token, named)
        for ref in reversed(named):
            if ref.start >= token.i or ref.how == "pronoun" or len(ref.country) != 3:
                continue
            if ref.country in subject_countries or any(r.country == ref.country for r in out):
                continue
            if form and not state_form(ref.country, form):
                continue
            place = self.doc[ref.end - 1]
            if place.dep_ == "pobj" and place.head.lower_ in ("in", "at", "near"):
                continue  # "met in Madrid": a place, not one of "the three countries"
            out.append(ref)
            if len(out) == want:
                break
        return out if len(out) == want else []

    def _pair(self, token: Token, exclude: set[str]) -> list[Ref]:
        """'both sides', 'the two governments', 'each side ... the other': two states named
        together in the same sentence ("the juntas of Mali and Burkina Faso said the two
        countries"), else the pair of the article's principal states (its PRINCIPALS most
        named) named together that it names most, else its two most-named states; never
        the one addressing them ("China urged both neighbours") nor a place of meeting.

        Not simply the last two states named: in a story of two parties and their
        mediators those are often the mediators, and a pair named in the sentence before
        ("after a call between Putin and Trump, each side accused the other") need not be
        the sides.
        """
        before = [p for p in self._pairs_named() if p[-1].start < token.i]
        usable = [p for p in before if exclude.isdisjoint(countries_of(p))]
        if usable and usable[-1][0].start >= sentence_start(self.doc, token.i):
            return usable[-1]  # "the juntas of Mali and Burkina Faso said the two countries"
        states = self._named_states(token, with_demonyms=True)
        in_sentence = self._sentence_pair(states, token, exclude)
        if in_sentence:
            return in_sentence
        tally = self._mention_tally(states, exclude)
        principal = {c for c, _ in tally.most_common(PRINCIPALS)}
        usable = [p for p in usable if principal.issuperset(countries_of(p))]
        if usable:  # the principal pair the article names most, the later on a tie
            return max(usable, key=lambda p: (sum(tally[r.country] for r in p), p[0].start))
        earlier = {r.country: r for r in reversed(states) if r.start < token.i}
        ranked = [c for c, _ in tally.most_common(2)]
        if len(ranked) < 2 or not all(c in earlier for c in ranked):
            return []  # a pair not both named before the phrase is no antecedent
        return [earlier[c] for c in ranked]

    def _sentence_pair(self, states: list[Ref], token: Token, exclude: set[str]) -> list[Ref]:
        """'Muizzu, back from a state visit to China during which the two governments signed
        twenty agreements': exactly two states named before the phrase in its own sentence
        (no place of meeting, not the one addressing them) are the pair it takes up."""
        start = sentence_start(self.doc, token.i)
        here = [r for r in states if start <= r.start < token.i]
        tally = self._mention_tally(here, exclude)
        if len(tally) != 2:
            return []
        first = {r.country: r for r in reversed(here) if r.country in tally}
        return [first[c] for c in tally]

    def _mention_tally(self, states: list[Ref], exclude: set[str]) -> Counter[str]:
        """How often ``states`` (mentions, and adjectives: "tariffs on Mexican goods") name
        each state, leaving out ``exclude`` and places of meeting ("talks in Doha")."""
        tally: Counter[str] = Counter()
        for ref in states:
            if ref.how == "pronoun" or len(ref.country) != 3 or ref.country in exclude:
                continue
            place = self.doc[ref.end - 1]
            if place.dep_ == "pobj" and place.head.lower_ in ("in", "at", "near"):
                continue
            tally[ref.country] += 1
        return tally

    def _named_states(self, token: Token, *, with_demonyms: bool) -> list[Ref]:
        """The actors named before ``token``, in order; with ``with_demonyms`` also the
        countries named only by an adjective ('tariffs on Mexican goods ... after the two
        governments reached a deal': Mexico is one of the two)."""
        if not with_demonyms:
            return self.refs
        named = {i for r in self.refs for i in range(r.start, r.end)}
        adjectives = [
            Ref(_state(country, self.doc[i].text), i, i + 1, "demonym")
            for i, country in self.demonyms.items()
            if i < token.i
            and len(country) == 3
            # "Thai and Cambodian troops" is one mention of Thailand's: Cambodia still counts
            and (i not in named or self.by_token[i].country != country)
        ]
        return sorted([*self.refs, *adjectives], key=lambda r: r.start)

    def _body(self, token: Token) -> list[Ref]:
        """'the Commission' after 'the European Commission', 'the regional bloc' after
        'ECOWAS': the last international body named before it, one whose name holds the
        noun if there is one ("the Council" is not the last-named Commission)."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children):
            return []
        # "accused the bloc of bias": the parser may hang the charge's "of" on the object
        charged = token.dep_ == "dobj" and token.head.lemma_.lower() in ("accuse", "suspect")
        if any(
            c.dep_ in ("relcl", "prep", "compound") and not (charged and c.lower_ == "of")
            for c in token.children
        ):
            return []  # "the commission of inquiry", "the union that represents dockers"
        bodies = [
            r
            for r in self.refs
            if r.start < token.i and r.entry.kind is ActorKind.IGO and r.how != "pronoun"
        ]
        named = [r for r in bodies if token.lower_ in r.entry.name.lower().split()]
        if token.lower_ in WORDS.named_body_nouns:
            return named[-1:]  # "the court": a court named before, never the last bloc
        if bodies:
            return (named or bodies)[-1:]
        # a lede names "the regional bloc" and the next sentences say which: the first body
        # named after it, within two sentences (and BODY_LOOKAHEAD words)
        end = sentence_of(token).end
        for _ in range(2):  # the end of the second sentence after it
            end = sentence_at(self.doc, end).end if end < len(self.doc) else end
        limit = min(end, token.i + BODY_LOOKAHEAD)
        later = [
            r
            for r in self.refs
            if token.i < r.start < limit and r.entry.kind is ActorKind.IGO and r.how != "pronoun"
        ]
        return later[:1]

    def _clause_subject(self, pronoun: Token) -> Ref | None:
        """The actor that is subject of the pronoun's own clause (for a possessive) or of
        the reporting verb above it (for a subject pronoun): binding before recency."""
        verb = _binding_verb(pronoun)
        if verb is None:
            return None
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child.i >= pronoun.i:
                continue
            if child.i in self.by_token:
                ref = self.by_token[child.i]
                if ref.how != "pronoun" or ref.start != pronoun.i:
                    return ref
            elif child.pos_ in ("NOUN", "PROPN"):
                # "The Thai army says it is prepared ...", "Guyana's president said he had
                # spoken to ...": a subject named by its role binds the pronoun as a name does
                named = self.actors_of(child)
                if len(named) == 1:
                    return self._as_holder(named[0], child, pronoun)
        return None

    def _bound_to_others(self, pronoun: Token) -> bool:
        """'French fishing groups said they could block ports': a plural pronoun bound to a
        subject that is no actor and no noun for a state's people ("groups", "companies",
        not "officials") takes up that subject, not the states named before it."""
        if pronoun.lower_ not in PLURAL_PRONOUNS:
            return False
        verb = _binding_verb(pronoun)
        if verb is None:
            return False
        return any(
            c.dep_ in ("nsubj", "nsubjpass")
            and c.i < pronoun.i
            and c.tag_ == "NNS"
            and c.i not in self.by_token
            and not self.party_noun(c)
            and not self.actors_of(c)
            for c in verb.children
        )

    def _as_holder(self, ref: Ref, subject: Token, pronoun: Token) -> Ref:
        """A role noun's actor taken up by "he" or "she" ("the president ... he") stands
        for the office's holder: a person of that country, for the pronoun to fit."""
        if pronoun.lower_ not in PERSON_PRONOUNS or not self.book.sector_for(subject.lower_):
            return ref
        entry = ActorEntry(ref.code, ref.country, subject.text, ActorKind.PERSON, subject.text)
        return Ref(entry, ref.start, ref.end, ref.how)

    def party_noun(self, noun: Token) -> bool:
        """A noun for people, a place or an arm of a state ("workers", "republic",
        "officials"), which a demonym or an actor modifying it stands behind."""
        return party_word(noun) or self.book.sector_for(noun.lower_) is not None

    def _leader(self, token: Token) -> Ref | None:
        """'Vietnamese-led forces', 'the Saudi-led coalition': the leading country."""
        for child in token.children:
            if child.dep_ == "amod" and child.lower_ == "led":
                for lead in child.children:
                    if lead.i in self.by_token and self.by_token[lead.i].how != "pronoun":
                        return self.by_token[lead.i]
                    if lead.i in self.demonyms:
                        country = self.demonyms[lead.i]
                        entry = ActorEntry(country, country, lead.text, ActorKind.STATE)
                        return Ref(entry, lead.i, lead.i + 1, "demonym")
        return None

    def _placed(self, role: Token) -> list[Ref]:
        """'officials in Riyadh and Abu Dhabi', 'diplomats from Kuwait', 'inhabitants of the
        Syrian Golan': the country of the place the people are put in (with conjuncts)."""
        for prep in role.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "from", "of"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if obj.i not in self.by_token:
                    # "diplomats from both countries", "doctors from two American aid groups";
                    # "a delegation from the governments of Mali and Burkina Faso" names its own
                    named = self.actors_of(obj, demonyms=True, depth=1) or self._described(obj)
                    if named or prep.lower_ != "of":
                        return named
                    continue  # "the Government of National Accord in Tripoli": the place
                out = [self.by_token[obj.i]]
                out += [self.by_token[c.i] for c in obj.conjuncts if c.i in self.by_token]
                return [r for r in out if r.how != "pronoun"]
        return self._placed_by_opening(role)

    def _home_body(self, token: Token) -> list[Ref]:
        """'WARSAW, Sept 13 - The cabinet called on the Commission to ...': a wire story's
        bare 'the government', 'the cabinet', 'the foreign ministry' is the government of
        the state its dateline names, when the text names no owner for it."""
        if self.home is None or token.lower_ not in WORDS.home_bodies:
            return []
        kids = list(token.children)
        if not any(k.dep_ == "det" and k.lower_ == "the" for k in kids):
            return []
        owned = [k for k in kids if k.dep_ in ("poss", "relcl", "acl") or k.i in self.by_token]
        owned += [k for k in kids if k.dep_ == "prep" and k.lower_ in ("of", "in", "from")]
        if owned:
            return []  # "the government of Mali", "Kenya's cabinet": owned in the phrase
        entry = ActorEntry(self.home + "GOV", self.home, token.text, ActorKind.ORGANISATION)
        return [Ref(entry, token.i, token.i + 1, "dateline")]

    def _placed_by_opening(self, role: Token) -> list[Ref]:
        """'In Khartoum, the government announced ...': a clause that opens on the place
        puts its subject there (the place's state; a place that is no state's says
        nothing)."""
        verb = role.head
        if role.dep_ not in ("nsubj", "nsubjpass") or verb.i < role.i:
            return []
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "in" or prep.i > role.i:
                continue
            for obj in prep.children:
                ref = self.by_token.get(obj.i) if obj.dep_ == "pobj" else None
                if ref is not None and ref.how != "pronoun" and len(ref.country) == 3:
                    return [ref]
        return []

    def _plural_antecedents(self, pronoun: Token) -> list[Ref]:
        """The coordinated actors a plural pronoun takes up: the last list of two or more
        named together before it ("Britain, France and Germany ... they"); [] if the
        last plural candidate is a single group ("Ukrainian officials ... they") or a
        group of people named after it (:meth:`_people_since`: that group's actors), or
        the states a plural description nearer to it stands for ("China, which has close
        ties with both neighbours, called on them": the pair, not a list named before)."""
        described = self._last_plural_description(pronoun)
        for ref in reversed(self.refs):
            if ref.start >= pronoun.i or ref.how == "pronoun":
                continue
            if pronoun.i - ref.start > 150:
                break
            if described is not None and ref.end <= described.i:
                taken = self._described(described)
                if taken:
                    return taken
                described = None
            group = self._people_since(ref.end, pronoun)
            if group is not None:
                return group
            head = self.doc[ref.end - 1]
            group = [ref]
            for conj in head.conjuncts:
                other = self.by_token.get(conj.i)
                if other is not None and other.how != "pronoun" and other not in group:
                    group.append(other)
            if len({r.country for r in group}) >= 2:
                return sorted(group, key=lambda r: r.start)
            if ref.entry.kind is ActorKind.GROUP and head.lower_.endswith("s"):
                return []
        return []

    def _last_plural_description(self, pronoun: Token) -> Token | None:
        """The last description of two or more states ("both neighbours", "the two
        capitals") before ``pronoun``, in its sentence or the one before."""
        sent = sentence_of(pronoun)
        first = sentence_start(self.doc, sent.start - 1) if sent.start else 0
        words = lower_words(self.doc)
        for i in range(pronoun.i - 1, first - 1, -1):
            if words[i] in DESCRIPTION_NOUNS and _described_count(self.doc[i]) >= 2:
                return self.doc[i]
        return None

    def antecedent(self, pronoun: Token) -> Ref | None:
        """The earlier actor that fits the pronoun (person, thing, plural).

        Subjects and possessors are preferred to other mentions (centering): in
        "Past interviews ... where he dismissed", "he" is the last person who
        was a subject, not the last person named.
        """
        low = pronoun.lower_
        local = self._clause_subject(pronoun)
        if local is not None and self._fits_earlier(low, local):
            return local  # "Iran recalled its ambassadors", "Russia said it would not ..."
        if local is None and self._bound_to_others(pronoun):
            return None
        fitting: list[Ref] = []
        for ref in reversed(self.refs):
            if ref.start >= pronoun.i:
                continue
            if pronoun.i - ref.start > 150:
                break
            if self._fits_earlier(low, ref):
                fitting.append(ref)
        holder = self._office_subject_before(pronoun) if low in PERSON_PRONOUNS else None
        if holder is not None and (not fitting or fitting[0].start < holder.start):
            return holder  # "Croatia's economy minister said ... He accused Budapest"
        if not fitting:
            return None
        chosen = self._preferred(fitting, pronoun)
        group = self._people_since(chosen.end, pronoun) if low in PLURAL_PRONOUNS else None
        if group is None:
            return chosen
        # "a summit of the bloc's leaders. They called for": the group, not a state before it
        return group[0] if len({r.country for r in group}) == 1 else None

    def _office_subject_before(self, pronoun: Token) -> Ref | None:
        """The holder of an office named by its role noun as the main subject of the
        sentence before the pronoun's ("Croatia's economy minister said the fees were fair.
        He accused Budapest ..."): a person of the office's one state, for "he" or "she"
        to take up; None if that subject is a name, or no office of one state."""
        own = sentence_start(self.doc, pronoun.i)
        if own == 0:
            return None
        root = sentence_at(self.doc, own - 1).root
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.tag_ != "NN" or subject.i in self.by_token:
            return None
        if not self.book.sector_for(subject.lower_):
            return None
        named = [r for r in self.actors_of(subject) if r.how != "pronoun"]
        if len({r.country for r in named}) != 1:
            return None
        return self._as_holder(named[0], subject, pronoun)

    def _people_since(self, start: int, pronoun: Token) -> list[Ref] | None:
        """The actors of a plural noun for people ("the three European governments", "the
        bloc's leaders": none) that stands between an actor named at token ``start`` and a
        plural pronoun, in the pronoun's sentence or the one before; None if there is no
        such group. The nearer group is what the pronoun takes up."""
        people = self._last_people(pronoun)
        if people is None or people.i < start:
            return None
        return [r for r in self.actors_of(people) if r.how != "pronoun"]

    def _last_people(self, pronoun: Token) -> Token | None:
        """The last plural noun for people (:meth:`_people_noun`) before ``pronoun``, in its
        sentence or the one before (looked for once per pronoun)."""
        key = ("last_people", pronoun.i)
        if key not in self.memo:
            sent = sentence_of(pronoun)
            first = sentence_start(self.doc, sent.start - 1) if sent.start else 0
            self.memo[key] = next(
                (t for t in reversed(self.doc[first : pronoun.i]) if self._people_noun(t)), None
            )
        found = self.memo[key]
        return found if isinstance(found, Token) else None

    def _people_noun(self, tok: Token) -> bool:
        """A plural noun for people that a pronoun can take up as a group: a subject or
        object of a main clause ("the ministers said", "held a summit of the bloc's
        leaders"), not itself an actor mention."""
        if tok.tag_ != "NNS" or tok.i in self.by_token or not self.party_noun(tok):
            return False
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ == "of":
            tok = head.head  # "a summit of the bloc's leaders": as the summit stands
        return tok.dep_ in _GROUP_DEPS and tok.head.dep_ == "ROOT"  # of the main clause

    def _fits_earlier(self, low: str, ref: Ref) -> bool:
        """Whether an earlier mention (or the subject of the pronoun's own clause: "the Thai
        army says it is prepared") can be what the pronoun ``low`` takes up: a person for
        "he", a state, organisation or a singular group for "it" ("the Russian company ...
        it would stop supplies"), a group, state or IGO for "they"."""
        kind = ref.entry.kind
        if low in PERSON_PRONOUNS and kind is ActorKind.PERSON:
            return True
        if low in THING_PRONOUNS and (
            kind in THINGS
            or (kind is ActorKind.GROUP and not self.doc[ref.end - 1].lower_.endswith("s"))
        ):
            return True
        return low in PLURAL_PRONOUNS and kind in PLURALS

    def _preferred(self, fitting: list[Ref], pronoun: Token) -> Ref:
        """Among fitting mentions (latest first): the subject of an earlier main clause
        ("China ... It urged"), else a subject or possessor, else the latest."""
        own_sentence = sentence_start(self.doc, pronoun.i)
        for ref in fitting:
            head = _apposed_to(self.doc[ref.end - 1])
            main = head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT"
            if main and sentence_start(self.doc, head.i) < own_sentence:
                return ref
        for ref in fitting:
            head = _apposed_to(self.doc[ref.end - 1])
            if head.dep_ in ("nsubj", "nsubjpass", "poss") or head.head.dep_ in (
                "nsubj",
                "nsubjpass",
            ):
                if ref.start >= own_sentence or sentence_start(self.doc, head.i) < own_sentence:
                    return ref
        for ref in fitting:  # "gave Moscow 50 days to end the war in Ukraine ... if it failed"
            head = self.doc[ref.end - 1]
            if not (head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS):
                return ref  # the latest that is not where something happens
        return fitting[0]

    def refs_between(self, start: int, end: int) -> list[Ref]:
        """The mentions that start at a token in ``[start, end)``, in order (a binary search
        over the sorted mentions: scanning them all for every sentence was quadratic)."""
        starts = self.memo.get("ref_starts")
        if starts is None:
            starts = self.memo["ref_starts"] = [r.start for r in self.refs]
        assert isinstance(starts, list)
        return self.refs[bisect_left(starts, start) : bisect_left(starts, end)]

    def demonyms_between(self, start: int, end: int) -> list[str]:
        """The countries of the demonyms at tokens in ``[start, end)``, in token order."""
        keys = self.memo.get("demonym_tokens")
        if keys is None:
            keys = self.memo["demonym_tokens"] = sorted(self.demonyms)
        assert isinstance(keys, list)
        return [self.demonyms[i] for i in keys[bisect_left(keys, start) : bisect_left(keys, end)]]

    def by_sentence(self) -> list[list[Ref]]:
        """The actor mentions of each sentence, in order of mention (a list, not a set, so
        that whoever uses them to break ties gets the same answer every run)."""
        cached = self.memo.get("by_sentence")
        if cached is None:
            groups: dict[int, list[Ref]] = {}
            for ref in sorted(self.refs, key=lambda r: r.start):
                groups.setdefault(sentence_start(self.doc, ref.start), []).append(ref)
            cached = self.memo["by_sentence"] = list(groups.values())
        return cached  # type: ignore[return-value]

    def is_generic(self, token: Token) -> bool:
        """'countries that buy Russian oil': a set of third parties, named elsewhere.

        'both countries', 'the two countries' are not: they name states already named.
        """
        if token.lower_ not in GENERIC_NOUNS:
            return False
        dets = {c.lower_ for c in token.children if c.dep_ in ("det", "predet", "nummod")}
        return not dets & {"both", "two", "three", "four", "five", "the", "these", "those"}

    # ------------------------------------------------------------------ output
    def actors(self) -> list[Actor]:
        """One :class:`Actor` per distinct (code, name), with every mention."""
        grouped: dict[tuple[str, str], Actor] = {}
        for ref in self.refs:
            if ref.how in ("pronoun", "inferred"):
                continue
            span = Span(self.doc, ref.start, ref.end)  # doc[start:end], without its checks
            key = (ref.code, ref.entry.name)
            actor = grouped.get(key)
            if actor is None:
                actor = Actor(
                    code=ref.code,
                    country=ref.country,
                    name=ref.entry.name,
                    kind=ref.entry.kind,
                    role=ref.entry.role,
                    how=ref.how,
                )
                grouped[key] = actor
            actor.mentions.append(Mention(text=span.text, start=span.start_char, end=span.end_char))
        return list(grouped.values())


# Where a plural noun for people stands as a group a pronoun can take up.
_GROUP_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _described_count(token: Token) -> int:
    """How many states a definite description names ("the kingdom": 1, "both countries":
    2, "the four countries": 4); 0 when ``token`` is no such description ("the only allies
    that have not ratified" is a class, not named states). A bare "Both" as a subject
    ("Both face U.S. tariffs from Friday") is the pair too."""
    if token.lower_ == "both" and token.dep_ in ("nsubj", "nsubjpass") and not token.n_lefts:
        return 2 if not any(c.dep_ == "prep" for c in token.children) else 0
    if token.pos_ != "NOUN" or token.lower_ not in DESCRIPTION_NOUNS:
        return 0
    if any(
        c.dep_ == "relcl" or c.lower_ in ("only", "other", "many", "some") for c in token.children
    ):
        return 0
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "predet", "nummod", "poss")}
    if "each" in dets and _the_other(token):
        return 2  # "each side accuses the other": the two sides, each of them
    if not dets & DEFINITE:
        return 0
    return max([COUNTS[d] for d in dets if d in COUNTS] or [2 if token.lower_.endswith("s") else 1])


def _the_other(subject: Token) -> bool:
    """'Each side accuses the other', 'each country blames the other': "the other" in the
    predicate of a subject with "each"."""
    verb = subject.head
    return subject.dep_ in ("nsubj", "nsubjpass") and any(
        t.lower_ == "other" and t.i > subject.i and t.nbor(-1).lower_ == "the" for t in verb.subtree
    )


def _opens_clause(name: Token, listed_after: Token) -> bool:
    """A name that is the subject of a verb other than the one of the phrase it follows
    ("support for Guyana, and Brazil had moved troops") opens a clause of its own and
    ends the list."""
    return name.dep_ in ("nsubj", "nsubjpass") and name.head.i != listed_after.head.i


def _state(country: str, written: str) -> ActorEntry:
    """A state named by ``written`` (its name or its adjective)."""
    return ActorEntry(country, country, written, ActorKind.STATE)


def _entity_text(tok: Token) -> str:
    """The text of the named entity ``tok`` is part of ("Sierra Leone"), else its own."""
    if tok.ent_iob_ == "O":
        return tok.text
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def _likened(ent: Span) -> bool:
    """'a Bosnia-style civil war', 'a Marshall Plan-type scheme': a name a thing is likened
    to is no party."""
    doc = ent.doc
    return (
        ent.end + 1 < len(doc)
        and doc[ent.end].text == "-"
        and doc[ent.end + 1].lower_ in WORDS.likeness_words
    )


def _possessive(tok: Token) -> bool:
    """A name with its own possessive ending ("Sweden's")."""
    return any(c.dep_ == "case" for c in tok.children)


def _binding_verb(pronoun: Token) -> Token | None:
    """The verb whose subject binds ``pronoun`` (:meth:`ActorIndex._clause_subject`), or None
    for a pronoun no subject binds."""
    if pronoun.dep_ == "poss":
        verb = verb_above(pronoun.head)
        if pronoun.head.dep_ in ("nsubj", "nsubjpass") and verb.dep_ == "ccomp":
            # "Israel said its troops had fired": the owner of the reported clause's
            # subject is the one who reports, as "Russia said it would ..." is
            verb = verb.head
    elif pronoun.dep_ in ("nsubj", "nsubjpass") and pronoun.head.dep_ == "ccomp":
        verb = pronoun.head.head  # "Russia said it would ..."
    elif pronoun.dep_ in ("nsubj", "nsubjpass") and pronoun.head.dep_ == "conj":
        # "Pakistan's foreign ministry said the strikes had hit militants, and it called on
        # Kabul to act": the subject of the first of two joined clauses binds the second's
        verb = pronoun.head.head
    elif pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "relcl" and _on_setting(pronoun.head):
        # "Fico was in Brussels on Thursday, where he met the commissioner": a clause on a
        # place or a time is bound by the subject of the verb that place or time belongs to
        verb = verb_above(pronoun.head.head)
    else:
        return None
    # "Cambodia downgraded relations and withdrew its diplomats": a joined verb with no
    # subject of its own shares the first verb's (a conjunct only: the subject above an
    # infinitive, "urged Kyiv to withdraw its troops", is not the owner)
    for _ in range(3):
        if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            break
        verb = verb.head
    return verb


def _apposed_to(name: Token) -> Token:
    """The noun a name stands in apposition to, else the name: in "Ukraine's foreign
    minister, Andrii Sybiha, says ...", the subject is the role noun "minister", and the
    name beside it is that subject for a later "he"."""
    return name.head if name.dep_ == "appos" else name


def _on_setting(clause: Token) -> bool:
    """Whether a relative clause is opened by "where" or "when": it tells where or when the
    thing above it happened, not who did it."""
    return any(c.lower_ in ("where", "when") and c.dep_ == "advmod" for c in clause.children)
