"""Who "I" and "we" are (``standoff.read.first_person``): the speaker of a transcript's
turn or of a quotation, never a guess."""

from __future__ import annotations

import pytest

from rulecheck import events, word_actors
from standoff.read import Reader

# (transcript, events it must read): each turn's "I" and "we" are its labelled speaker's
TURNS = [
    # a label that is the speaker's family name, written first in the name
    (
        "Excerpts from a briefing by Chinese foreign ministry spokesman Zhao Lijian in "
        "Beijing.\n\n"
        "Q: The Czech senate speaker has landed in Taipei. What is your response?\n\n"
        "ZHAO: We again urge the Czech side to correct its mistake.\n\n"
        "Q: Will China take measures?\n\n"
        "ZHAO: We will respond firmly to any provocation.\n",
        {"REQUEST CHN->CZE"},
    ),
    # a label for an office: the person the text names before it
    (
        "Excerpts from Theresa May's statement to the House of Commons on Wednesday.\n\n"
        "THE PRIME MINISTER: Yesterday I spoke to President Macron and Chancellor Merkel.\n\n"
        "Q: Will the government expel diplomats?\n\n"
        "THE PRIME MINISTER: We will set out our response tomorrow.\n",
        {"CONSULT GBR->FRA", "CONSULT GBR->DEU"},
    ),
    # a label without the accents of the name it stands for
    (
        "Excerpts from a news conference by Foreign Minister St\u00e9phane S\u00e9journ\u00e9 in "
        "Paris.\n\n"
        "SEJOURNE: We have expelled the Algerian ambassador.\n\n"
        "Q: Will you close the consulates too?\n\n"
        "SEJOURNE: We will decide that tomorrow.\n",
        {"SANCTION FRA->DZA"},
    ),
    # the parser may make a label ("Q:") a second subject of the turn's verb: the subject is
    # the one the sentence names
    (
        "Excerpts from a news conference by Foreign Minister Maxime Prevot in Brussels.\n\n"
        "PREVOT: We regret it.\n\n"
        "Q: Kigali accuses Belgium of neocolonial behaviour. How do you respond?\n\n"
        "PREVOT: That is nonsense.\n",
        {"ACCUSE RWA->BEL"},
    ),
]


@pytest.mark.parametrize(("text", "found"), TURNS)
def test_a_transcript_turn_is_its_speakers(reader: Reader, text: str, found: set[str]) -> None:
    assert found <= events(reader, text)


def test_a_questioner_speaks_for_no_one(reader: Reader) -> None:
    text = (
        "Excerpts from a briefing by Chinese foreign ministry spokesman Zhao Lijian.\n\n"
        "Q: Do we know whether Japan has asked for talks?\n\n"
        "ZHAO: I have no information on that.\n"
    )
    assert word_actors(reader, text, "we") == []


@pytest.mark.parametrize(
    "text",
    [
        '"We will intervene militarily if he does not leave," Senegal\'s foreign minister said.',
        'Senegal\'s foreign minister said: "We will intervene militarily if he does not leave."',
    ],
)
def test_a_quotation_s_we_is_the_one_it_is_attributed_to(reader: Reader, text: str) -> None:
    assert word_actors(reader, text, "we") == ["SEN"]


def test_a_quotation_with_no_speaker_named_leaves_we_alone(reader: Reader) -> None:
    text = '"We will intervene militarily," a placard in the crowd read.'
    assert word_actors(reader, text, "we") == []


def test_a_labelled_question_asks(reader: Reader) -> None:
    text = (
        "Excerpts from a briefing by Chinese foreign ministry spokeswoman Jiang Yu.\n\n"
        "Q: Will Premier Wen Jiabao meet Prime Minister Naoto Kan in New York?\n\n"
        "JIANG: I have no information on that.\n"
    )
    assert not any(e.startswith("AGREE") for e in events(reader, text))
