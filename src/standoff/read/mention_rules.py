"""The rules that say which actor the head of a noun phrase stands for.

:meth:`ActorIndex.actors_of <standoff.read.mentions.ActorIndex.actors_of>` asks
:data:`HEAD_ACTORS`, in order, for the actor a phrase's head names; the first rule
that answers decides (a pronoun with no antecedent answers :data:`NOTHING`: it names
no one, and no later rule guesses). Each rule takes the article's index, the head
token, and whether a demonym may stand for its country ("attacks on Russian
refineries" -> RUS; "Russian oil" as a subject names no actor).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from standoff.model import ActorKind
from standoff.read.actors import ActorEntry
from standoff.read.refs import Ref
from standoff.read.rules import NOTHING, Nothing, Rules
from standoff.read.words import WORDS

if TYPE_CHECKING:
    from standoff.read.mentions import ActorIndex

PERSON_PRONOUNS = WORDS.person_pronouns
THING_PRONOUNS = WORDS.thing_pronouns
PLURAL_PRONOUNS = WORDS.plural_pronouns
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS
PARTY_NOUNS = WORDS.party_nouns
MODIFIER_DEPS = ("poss", "compound", "nmod", "amod")

# Kinds of dictionary entry a state's institution is filed as ("Foreign Office": metonym).
INSTITUTION_KINDS = frozenset((ActorKind.ORGANISATION, ActorKind.METONYM))

HeadRule = Callable[["ActorIndex", Token, bool], Ref | Nothing | None]


def indexed(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """A name the entity rules already resolved: 'Russia', 'the Kremlin', 'Putin'."""
    return index.by_token.get(token.i)


def institution_of_another(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """'Pakistan's Foreign Office', 'its Foreign Office', 'the Pakistani Foreign Office':
    a state's institution that the dictionary files under one country ("Foreign Office"
    is Britain's) belongs to the state that owns it in the phrase, in the same sector."""
    ref = index.by_token.get(token.i)
    if ref is None or ref.how != "dictionary" or ref.entry.kind not in INSTITUTION_KINDS:
        return None
    sector = ref.code.removeprefix(ref.country)
    if len(ref.country) != 3 or not sector or sector == ref.code:
        return None
    for child, owner in _state_owners(index, token, ref):
        if owner != ref.country:
            entry = ActorEntry(owner + sector, owner, f"{child.text} {token.text}", ref.entry.kind)
            return Ref(entry, child.i, token.i + 1, "owned institution")
    return None


def owned_body(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """'his security council', "Greece's national security council": a body that the
    dictionary files under an international organisation by its generic name ("Security
    Council") is a state's own when a state owns it in the phrase: that state's
    government (not "the UN Security Council": the modifier is the organisation). "The
    African Union's Peace and Security Council" is another organisation's own: that
    organisation."""
    ref = index.by_token.get(token.i)
    if ref is None or ref.how != "dictionary" or ref.entry.kind is not ActorKind.IGO:
        return None
    found = next(_state_owners(index, token, ref), None)
    if found is not None:
        child, owner = found
        name = f"{child.text} {token.text}"
        entry = ActorEntry(owner + "GOV", owner, name, ActorKind.ORGANISATION)
        return Ref(entry, child.i, token.i + 1, "owned institution")
    for child in token.children:
        other = index.by_token.get(child.i) if child.dep_ == "poss" else None
        if other is not None and other.entry.kind is ActorKind.IGO and other.country != ref.country:
            return Ref(other.entry, child.i, token.i + 1, "owned institution")
    return None


def _state_owners(index: ActorIndex, token: Token, ref: Ref) -> Iterator[tuple[Token, str]]:
    """The modifiers of ``token`` outside its own name that name a state owning it, with
    that state: "Pakistan's", "its", "Pakistani" (for :func:`institution_of_another` and
    :func:`owned_body`)."""
    for child in token.children:
        if child.dep_ not in MODIFIER_DEPS or ref.start <= child.i < ref.end:
            continue
        owner = _owner_country(index, child)
        if owner is not None and len(owner) == 3:
            yield child, owner


def _owner_country(index: ActorIndex, modifier: Token) -> str | None:
    """The state a possessor or adjective names: 'Pakistan's', 'its' (its antecedent),
    'Pakistani'."""
    if modifier.i in index.demonyms:
        return index.demonyms[modifier.i]
    if modifier.lower_ in PRONOUNS:
        found = index.antecedent(modifier) if modifier.dep_ == "poss" else None
    else:
        found = index.by_token.get(modifier.i)
    return found.country if found is not None else None


def pronoun(index: ActorIndex, token: Token, demonyms: bool) -> Ref | Nothing | None:
    """'it', 'he', 'they': the earlier actor that fits (nothing when none does)."""
    if token.pos_ == "PRON" or token.lower_ in PRONOUNS:
        return index.antecedent(token) or NOTHING
    return None


def possessor(index: ActorIndex, token: Token, demonyms: bool) -> Ref | Nothing | None:
    """ "Kyiv's leadership", 'Trump administration': an actor that owns or modifies the head;
    'its foreign ministry': the owner of a pronoun possessor, for a role noun. Partners and
    allies are the ones named among the modifiers, not the pronoun's: "its European
    Union partners", "their NATO allies"."""
    if token.lower_ in WORDS.relation_nouns:
        for child in token.children:
            ref = index.by_token.get(child.i) if child.dep_ in MODIFIER_DEPS else None
            if ref is not None and ref.how != "pronoun":
                return ref
    for child in token.children:
        if child.dep_ in MODIFIER_DEPS and child.i in index.by_token and not _backer(child):
            return index.by_token[child.i]
        if (
            child.dep_ == "poss"
            and child.lower_ in PRONOUNS
            and index.book.sector_for(token.lower_)
        ):
            return index.antecedent(child) or NOTHING
    return None


def _backer(modifier: Token) -> bool:
    """'the UN-backed government in Tripoli', 'the UN-recognised Government of National
    Accord': the actor before "-backed", "-recognised", "-sponsored" supports what the noun
    names and does not own it (unlike "Saudi-led", whose leader speaks for the coalition)."""
    doc = modifier.doc
    if modifier.i + 2 >= len(doc) or doc[modifier.i + 1].text != "-":
        return False
    participle = doc[modifier.i + 2]
    return participle.tag_ == "VBN" and participle.lemma_ != "lead"


def described_owner(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """"the bloc's foreign policy chief", "the kingdom's foreign minister": a role whose
    owner is a definite description of a state or body belongs to the actor that
    description takes up."""
    if not _role_word(index, token):
        return None
    for child in token.children:
        if child.dep_ == "poss" and child.lower_ not in PRONOUNS and child.i not in index.by_token:
            found = index.actors_of(child)
            return found[0] if len(found) == 1 else None
    return None


def _role_word(index: ActorIndex, token: Token) -> bool:
    """A role noun, alone or with the words before it ("minister", "foreign policy chief")."""
    if index.book.sector_for(token.lower_):
        return True
    words = [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod")]
    return bool(words) and bool(index.book.sector_for(" ".join((*words, token.lower_))))


def demonym_modifier(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """'Ukrainian officials' -> UKRGOV (a demonym on a role noun); 'Palestinian youths',
    'Russian refineries' (with ``demonyms``) -> the country (unlike 'Russian oil')."""
    for child in token.children:
        if child.i not in index.demonyms or child.dep_ not in ("amod", "compound", "nmod"):
            continue
        country = index.demonyms[child.i]
        sector = index.book.sector_for(token.lower_)
        if sector and len(country) == 3:
            entry = ActorEntry(
                country + sector, country, f"{child.text} {token.text}", ActorKind.GROUP
            )
            return Ref(entry, child.i, token.i + 1, "demonym and role")
        if demonyms or party_word(token):
            return _demonym_ref(child, country)
    return None


def modifier_chain(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """'a Serbian army jet', 'U.S. border patrol agents': an actor or demonym one step down
    the chain of modifiers of a noun for people, units or weapons (never a thing's: "U.S.
    trade policy" names no actor)."""
    if not index.party_noun(token):
        return None
    for child in token.children:
        if child.dep_ not in ("compound", "nmod", "amod"):
            continue
        for mod in child.children:
            if mod.dep_ not in MODIFIER_DEPS:
                continue
            ref = index.by_token.get(mod.i)
            if ref is not None and ref.how != "pronoun":
                return ref
            if mod.i in index.demonyms:
                return _demonym_ref(mod, index.demonyms[mod.i])
    return None


def part_of_group(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """'thousands of Iraqi Kurds', 'a member of the Syrian parliament', 'residents of the
    Palestinian camp': a count or a part of a group named by its "of" phrase stands for it."""
    part = token.lower_ in WORDS.part_nouns or token.lemma_.lower() in WORDS.part_nouns
    if not part and not index.party_noun(token):
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = index.actors_of(obj, demonyms=True)
                    return found[0] if found else None
    return None


def serving(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """'a spokesman for Merkel', 'an adviser to the Turkish president': one who speaks or
    works for another stands for the one served (not "an envoy to Kyiv", who is sent
    there)."""
    if token.lower_ not in WORDS.serving_nouns:
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "to"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = index.actors_of(obj)
                    return found[0] if found else None
    return None


def role_holder(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """'the president', 'the envoy': the last person named with that role."""
    if token.pos_ != "NOUN" or not index.book.sector_for(token.lower_):
        return None
    for ref in reversed(index.refs):
        if (
            ref.start < token.i
            and ref.entry.kind is ActorKind.PERSON
            and ref.entry.role
            and token.lower_ in ref.entry.role.lower()
        ):
            return ref
    return None


def aimed_at(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """'the return of United Nations sanctions on Iran' (with ``demonyms``): the actor the
    phrase is aimed 'on' or 'against', before any other actor inside it."""
    if not demonyms:
        return None
    for t in _inner(token):
        if t.i in index.by_token and t.dep_ == "pobj" and t.head.lower_ in ("on", "against"):
            return index.by_token[t.i]
    return None


def named_inside(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """'attacks on the refineries of Russia', 'goods from India' (with ``demonyms``): an
    actor named deeper in the phrase (never inside a clause of its own)."""
    if not demonyms:
        return None
    for tok in _inner(token):
        if (
            tok.i in index.by_token
            and tok.dep_ in ("poss", "compound", "nmod", "pobj")
            and index.by_token[tok.i].how != "pronoun"
            and not _backer(tok)
        ):
            return index.by_token[tok.i]
    return None


def demonym_inside(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """'attacks on Russian oil refineries' (with ``demonyms``): a demonym deeper in the
    phrase, after any named actor."""
    if not demonyms:
        return None
    for tok in _inner(token):
        modifies = tok.dep_ in ("amod", "compound", "nmod")
        if tok.i in index.demonyms and modifies and not _backer(tok):
            return _demonym_ref(tok, index.demonyms[tok.i])
    return None


# The order is the meaning: a resolved name, then a pronoun, then the phrase's own
# modifiers (and theirs), a role's holder, the group a count or part belongs to, and only
# then (for demonym-bearing phrases) actors deeper inside it.
# Relative pronouns by their fine tags ("that" is also a complementizer, tagged IN).
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})


def relative_pronoun(index: ActorIndex, token: Token, demonyms: bool) -> Ref | None:
    """'Morocco, with which Algeria cut relations last year', 'Belarus, whose leader the EU
    sanctioned', 'the Kurdish militia, which Washington backs': a relative pronoun is the
    noun its clause describes."""
    if token.tag_ not in RELATIVE_TAGS:
        return None
    clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
    if clause is None or clause.head.i == token.i:
        return None
    found = index.actors_of(clause.head, demonyms=demonyms)
    return found[0] if found else None


HEAD_ACTORS: Rules[HeadRule] = Rules(
    "the actor a phrase's head names",
    (
        institution_of_another,
        owned_body,
        indexed,
        relative_pronoun,  # before pronoun: "which", "who" are pronouns with an antecedent
        pronoun,
        possessor,
        described_owner,
        demonym_modifier,
        modifier_chain,
        serving,
        role_holder,
        part_of_group,
        aimed_at,
        named_inside,
        demonym_inside,
    ),
)


def party_word(token: Token) -> bool:
    """A noun for people or a place ("workers", "youths", "republic"), or a weapon named by
    its model ("Turkish F-16s", "a Russian Su-24")."""
    return (
        token.lower_ in PARTY_NOUNS
        or token.lemma_.lower() in PARTY_NOUNS
        or MODEL_NAME.fullmatch(token.text) is not None
    )


# An aircraft, missile or tank by its maker's model: up to four letters, a hyphen, a number
# ("F-16s", "Su-24", "MiG-29", "S-400", "J-20", "T-72"). It is a party only with an actor or
# demonym on it, so a look-alike such as "COVID-19" names no one.
MODEL_NAME = re.compile(r"[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z]?s?")


def _demonym_ref(tok: Token, country: str) -> Ref:
    return Ref(ActorEntry(country, country, tok.text, ActorKind.STATE), tok.i, tok.i + 1, "demonym")


def _inner(token: Token) -> list[Token]:
    """The phrase's tokens outside any clause of its own and any border it lies on."""
    return [t for t in token.subtree if not _set_apart(t, token)]


def _set_apart(tok: Token, top: Token) -> bool:
    """True when ``tok`` sits below ``top`` in a clause (relative, participial, adverbial),
    or on a border: 'a rebel stronghold on the Thai border', 'camps near the Syrian
    frontier' (the neighbour whose border places a thing is not what the phrase names)."""
    while tok.i != top.i:
        if tok.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp") and tok.pos_ in ("VERB", "AUX"):
            return True
        if (
            tok.dep_ == "pobj"
            and tok.head.lower_ in BORDER_PREPS
            and tok.lemma_.lower() in WORDS.border_nouns
        ):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


BORDER_PREPS = frozenset(("on", "near", "along", "at", "by", "across"))
