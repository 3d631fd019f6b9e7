"""A judgement of a deed named only by its noun is aimed at whoever did that deed."""

from __future__ import annotations

import pytest

from rulecheck import events
from standoff.read import Reader


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a pact: every party to the agreement told before, however far back
        (
            "Armenia and Azerbaijan agreed on Monday to reopen their border crossings. The "
            "talks lasted six hours. Officials said more rounds would follow. Both capitals "
            "were quiet on Tuesday. Turkey welcomed the agreement.",
            {"SUPPORT TUR->ARM", "SUPPORT TUR->AZE"},
        ),
        # a vote: the deed a verb of voting or adopting told just before
        (
            "The European Parliament adopted a resolution condemning Morocco on Thursday. "
            "Spain welcomed the vote.",
            {"SUPPORT ESP->EU"},
        ),
        # a blow or a seizure, told by its verb or by its own noun, judged by its noun
        (
            "Azerbaijan launched an offensive against Armenian forces on Tuesday. France "
            "condemned the offensive as illegal.",
            {"ACCUSE FRA->AZE"},
        ),
        (
            "China detained two Canadian citizens in December. The European Union and "
            "Australia have called the detentions arbitrary.",  # "arbitrary" hung on the noun
            {"ACCUSE EU->CHN", "ACCUSE AUS->CHN"},
        ),
        (
            "Chile seized a Peruvian fishing boat on Monday. Ecuador called the seizure unlawful.",
            {"ACCUSE ECU->CHL"},
        ),
    ],
)
def test_a_judged_deed_noun_takes_up_its_doers(reader: Reader, text: str, found: set[str]) -> None:
    assert found <= events(reader, text)


def test_judges_do_not_judge_their_own_deed(reader: Reader) -> None:
    """'China and Turkey, which both offered to help, welcomed the agreement': the offer is
    the judges' own, and no agreement was told: no party judged."""
    text = "China and Turkey, which both offered to help ease the crisis, welcomed the agreement."
    assert {e for e in events(reader, text) if e.startswith("SUPPORT")} == {
        "SUPPORT CHN->?",
        "SUPPORT TUR->?",
    }


def test_a_vague_deed_noun_names_no_doer(reader: Reader) -> None:
    """'welcomed the move': any deed could be it; no target beats a wrong one."""
    text = "China rejected the complaint on Monday. Lithuania welcomed the move."
    assert "SUPPORT LTU->CHN" not in events(reader, text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Israel accused the Houthis of acting for Iran. Tehran's spokesman rejected the "
            "charge, saying Iran did not direct the group.",
            "REJECT IRN->ISR",
        ),
        (
            "Somalia accused Kenya of meddling in its elections. Kenya rejected the "
            "allegations of interference.",
            "REJECT KEN->SOM",
        ),
        ("Britain accused Spain of blocking the talks. Spain denied this.", "REJECT ESP->GBR"),
    ],
)
def test_a_refused_charge_answers_the_accuser(reader: Reader, text: str, found: str) -> None:
    assert found in events(reader, text)


def test_a_charge_with_its_owner_is_left_to_the_roles(reader: Reader) -> None:
    """'rejected Kenya's claim': the claim's owner, named in the phrase, is answered."""
    text = "Egypt accused Sudan of hoarding water. Ethiopia rejected Kenya's claim."
    assert "REJECT ETH->SDN" not in events(reader, text)


def test_a_blow_told_after_its_judgement_is_the_articles_attackers(reader: Reader) -> None:
    """A live blog tells the news newest first: 'France condemned the offensive' comes
    before 'Azerbaijani forces shelled ...'; the judged blow is the article's attacker's."""
    text = (
        "21:30 France condemned the military escalation. 18:00 Azerbaijani forces shelled "
        "Armenian positions near Stepanakert. 13:40 Azerbaijan launched a military operation "
        "in Karabakh."
    )
    assert "ACCUSE FRA->AZE" in events(reader, text)
