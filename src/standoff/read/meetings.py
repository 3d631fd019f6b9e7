"""Who takes part in a meeting: its host, chair or mediator, and the office a host acts in.

PLOVER codes a meeting of several parties as CONSULT between every two of them, both
ways; its host, chair or mediator meets each of them, one way (as a visit runs). The role
rules (``roles.occasion_parties``, ``roles.meeting_of``, ``roles.meeting_host``,
``roles.hosted_guests``) collect the parties and mark a hosted meeting
(``events.symmetric_pairs`` then pairs the guests); :func:`hosts` finds the third party a
meeting noun names ("talks hosted by Qatar"), :func:`third_party` tells the verbs whose
joint subjects do not meet each other ("mediated by Qatar, Egypt and the United States").

    "Over two days of talks hosted by Qatar, the delegations of Ethiopia and Eritrea ..."
    "The summit, chaired by the Kenyan president as head of the East African Community, ..."
"""

from __future__ import annotations

from spacy.tokens import Token

from standoff.read.mentions import ActorIndex, Ref
from standoff.read.syntax import agent_of, prep_objects
from standoff.read.words import WORDS

HOST_VERBS = WORDS.host_verbs
VOLUNTEERING_VERBS = WORDS.volunteering_verbs
OFFICE_NOUNS = WORDS.office_nouns
OFFICE_VERBS = WORDS.office_verbs


def hosts(noun: Token, index: ActorIndex) -> list[Ref]:
    """The parties that host, chair, broker or mediate the meeting ``noun`` names: the agent
    of "talks hosted by X" (as the office it holds, when the phrase names one); [] if none."""
    for verb in noun.children:
        if verb.dep_ == "acl" and verb.lemma_.lower() in HOST_VERBS:
            agent = agent_of(verb)
            if agent is not None:
                return office_of(verb, agent, index) or index.actors_of(agent, demonyms=True)
    return []


def office_of(verb: Token, holder: Token, index: ActorIndex) -> list[Ref]:
    """The body a host acts for: "chaired by X as head of the African Union", "hosted by X,
    who chairs the African Union this year"; [] when no office is named."""
    for tok in (verb, holder):
        for _prep, office in prep_objects(tok, ("as",)):
            if office.lemma_.lower() in OFFICE_NOUNS:
                for _of, body in prep_objects(office, ("of",)):
                    if refs := index.actors_of(body):
                        return refs
        for clause in tok.children:
            if clause.dep_ == "relcl" and clause.lemma_.lower() in OFFICE_VERBS:
                for body in (c for c in clause.children if c.dep_ == "dobj"):
                    if refs := index.actors_of(body):
                        return refs
    return []


def third_party(trigger: Token) -> bool:
    """'mediated by Qatar, Egypt and the United States', 'Oman and Qatar brokered the
    exchange': the joint agents of a host's verb stand outside the meeting together, they do
    not meet each other by it; 'China and Turkey offered to help' offer it to others."""
    lemma = trigger.lemma_.lower()
    return lemma in HOST_VERBS or lemma in VOLUNTEERING_VERBS
