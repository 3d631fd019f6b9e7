"""Each rule of ``standoff.read.mention_rules`` on its own example, through the pipeline.

Which actor a phrase's head names shows in the roles the role rules read
(``"ASSAULT RUS->UKR"``): each case's roles are read with every rule and differ when
that rule alone is disabled.
"""

from __future__ import annotations

import pytest

from rulecheck import check_prefixes, check_rule, events, roles, word_actors
from standoff.read import Reader
from standoff.read.mention_rules import HEAD_ACTORS

CASES = [
    # "Foreign Office" is filed under Britain; owned by another state it is that state's
    ("institution_of_another", "Pakistan's Foreign Office accused India of aggression.",
     "ACCUSE PAK->IND"),
    # "Security Council" is filed under the UN; a state's own is that state's
    ("owned_body", "Greece's security council accused Turkey of piracy.", "ACCUSE GRC->TUR"),
    ("indexed", "Russia attacked Ukraine.", "ASSAULT RUS->UKR"),
    ("relative_pronoun", "Ukraine, which Russia invaded in 2022, asked for weapons.",
     "ASSAULT RUS->UKR"),
    # A word the parser takes for a pronoun names only the actor it takes up, none of its
    # own phrase's ("some of Brazil's exports" is no party). (The article's first pass reads
    # its mentions in order, so a pronoun it resolves is indexed: "It attacked Ukraine".)
    ("pronoun", "Washington exempted some of Brazil's exports from the tariff.",
     "CONCEDE USA->?"),
    ("possessor", "Kyiv's forces attacked Russian positions.", "ASSAULT UKR->RUS"),
    ("described_owner",
     "Riyadh closed the border. The kingdom's foreign minister accused Doha of lying.",
     "ACCUSE SAU->QAT"),
    ("demonym_modifier", "Palestinian youths attacked Israeli soldiers.", "ASSAULT PSE->ISR"),
    ("modifier_chain", "Israeli riot police officers detained dozens of Palestinian protesters.",
     "COERCE ISR->PSE"),
    ("serving", "A spokeswoman for Erdogan accused Greece of piracy.", "ACCUSE TUR->GRC"),
    ("role_holder",
     "Kremlin spokesman Dmitry Peskov spoke on Monday. The spokesman accused Kyiv of sabotage.",
     "ACCUSE RUS->UKR"),
    ("part_of_group", "Thousands of Iraqi Kurds attacked Turkish soldiers near the border.",
     "ASSAULT IRQ->TUR"),
    ("aimed_at", "Washington announced the reimposition of United Nations sanctions on Pyongyang.",
     "SANCTION USA->PRK"),
    ("named_inside", "Moscow attacked the capital's power grid in Kyiv's suburbs.",
     "ASSAULT RUS->UKR"),
    ("demonym_inside", "Ukraine attacked fuel depots in Russian ports.", "ASSAULT UKR->RUS"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "text", "found"), CASES, ids=[c[0] for c in CASES])
def test_mention_rule_reads_its_example(reader: Reader, rule: str, text: str, found: str) -> None:
    check_rule(reader, HEAD_ACTORS, rule, text, found, roles)


def test_every_mention_rule_has_a_case() -> None:
    assert HEAD_ACTORS.names() == [c[0] for c in CASES]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the short name of a body named before
        (
            "The European Commission met ministers from Kyiv. Later the Commission accused "
            "Hungary of blocking the aid.",
            "ACCUSE EU->HUN",
        ),
        # a bloc taken up by its description
        (
            "ECOWAS leaders met in Abuja on Sunday. The regional bloc then sanctioned Mali.",
            "SANCTION ECOWAS->MLI",
        ),
    ],
)
def test_a_body_noun_takes_up_the_body_named_before(reader: Reader, text: str, found: str) -> None:
    assert found in roles(reader, text)


def test_a_body_noun_with_its_own_description_is_no_earlier_body(reader: Reader) -> None:
    text = (
        "The European Union met ministers from Kyiv. Later the commission of inquiry accused "
        "Hungary of blocking the aid."
    )
    assert "ACCUSE EU->HUN" not in roles(reader, text)


def test_it_takes_up_a_party_not_the_place_named_last(reader: Reader) -> None:
    """'the militias in Yemen ... if it failed': "it" is Iran, the party given the time,
    not Yemen, where the militias are (the subject, Trump, is a person)."""
    text = (
        "Trump on Monday gave Tehran 30 days to stop arming the militias in Yemen, and said "
        "that if it failed to do so Washington would impose sanctions."
    )
    assert word_actors(reader, text, "it") == ["IRN"]


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        # an actor before "-backed" or "-recognised" supports the noun, it does not own it
        ("The UN-backed government in Tripoli condemned the strikes.", "government", "LBY"),
        ("The UN-recognised Government of National Accord in Tripoli condemned the strikes.",
         "Government", "LBY"),
        # a leader's "-led" coalition stays the leader's
        ("The Saudi-led coalition condemned the strikes.", "coalition", "SAU"),
    ],
)
def test_a_backer_named_before_a_hyphen_does_not_own_the_noun(
    reader: Reader, text: str, word: str, code: str
) -> None:
    doc = reader.nlp(text)
    from standoff.read.mentions import ActorIndex

    index = ActorIndex(doc, reader.dictionary)
    (tok,) = [t for t in doc if t.text == word]
    assert [r.country for r in index.actors_of(tok, demonyms=True)][:1] == [code]


def test_a_surname_the_tagger_missed_is_the_person_named_in_full_before(reader: Reader) -> None:
    text = (
        "The ECOWAS Commission president, Marcel de Souza, spoke in Dakar. \"We will "
        'intervene militarily,\" de Souza told reporters.'
    )
    assert word_actors(reader, text, "we") == ["ECOWAS"]
    month = "Theresa May spoke in London. Elections are due in May, the bloc said."
    assert [c for w, c in _codes_of(reader, month).items() if w == "May"] == []


def test_he_takes_up_the_name_beside_the_subject_it_stands_for(reader: Reader) -> None:
    """'Croatia's economy minister, Ante Susnjar, said ...': the subject is the role noun,
    and the name in apposition to it is the person a later "he" takes up, not the last
    person who was a subject before."""
    text = (
        "Orban spoke to reporters in Budapest on Monday. Croatia's economy minister, Ante "
        "Susnjar, said the pipeline fees were fair. He accused Budapest of spreading rumours."
    )
    assert word_actors(reader, text, "he") == ["HRV"]


def test_he_takes_up_an_office_named_as_the_last_subject(reader: Reader) -> None:
    """'Croatia's economy minister said ... He accused Budapest': a role noun of one state as
    the subject of the sentence before stands for the office's holder."""
    text = (
        "Orban spoke to reporters in Budapest on Monday. Croatia's economy minister said the "
        "pipeline fees were fair. He accused Budapest of spreading rumours."
    )
    assert word_actors(reader, text, "he") == ["HRV"]


def test_a_clause_on_where_something_happened_is_bound_by_its_subject(reader: Reader) -> None:
    """'Fico was in Brussels, where he met ...': the subject of the clause the place belongs
    to binds "he", not the subject of an earlier sentence."""
    text = (
        "Zelensky said threats would not work. A day earlier Fico was in "
        "Brussels, where he met the energy commissioner."
    )
    assert word_actors(reader, text, "he") == ["SVK"]


def test_a_paragraph_opening_with_initials_goes_on_after_them(reader: Reader) -> None:
    text = (
        "Washington sets Caracas a deadline over oil licences\n\n"
        "U.S. President Joe Biden on Monday gave Venezuela until April 18 to free the "
        "prisoners."
    )
    sentences = [s.text.strip() for s in reader.nlp(text).sents]
    assert sentences[1].startswith("U.S. President Joe Biden on Monday")


def _codes_of(reader: Reader, text: str) -> dict[str, str]:
    from standoff.read.mentions import ActorIndex

    doc = reader.nlp(text)
    index = ActorIndex(doc, reader.dictionary)
    return {doc[r.start : r.end].text: r.code for r in index.refs}


def test_the_junta_is_the_government_of_the_state_named_with_it(reader: Reader) -> None:
    text = (
        "Chad's junta closed the border on Monday. Nigeria protested, and the junta said it "
        "would not reopen it."
    )
    codes = _codes_of(reader, text)
    assert codes.get("junta") == "TCDMIL"  # the roles table's sector for a junta


def test_the_junta_is_left_unresolved_when_two_states_have_one(reader: Reader) -> None:
    text = (
        "Guinea's junta met envoys from Mali's junta in Conakry. Later the junta said the "
        "talks had failed."
    )
    from standoff.read.mentions import ActorIndex

    doc = reader.nlp(text)
    index = ActorIndex(doc, reader.dictionary)
    last = [t for t in doc if t.lower_ == "junta"][-1]
    assert last.i not in index.by_token


def test_a_title_s_possessor_places_the_person(reader: Reader) -> None:
    text = "Lula's spokesman Paulo Pimenta said the tariffs were unacceptable."
    assert _codes_of(reader, text).get("Paulo Pimenta", "").startswith("BRA")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a state word before the people names the state it lives in
        ("Bosnian Croats walked out of the talks in Mostar on Tuesday.", "BIH"),
        ("Kosovo Serbs blocked the roads to the border crossing.", "XKX"),
        # the people 'of' a place
        ("The Russians of eastern Moldova voted to stay out of the customs union.", "MDA"),
        # an ethnic group put in a place
        ("Ethnic Hungarians in Slovakia protested against the language law.", "SVK"),
        # no qualifier: the people of its own state
        ("The Armenians accused Baku of shelling their villages.", "ARM"),
    ],
)
def test_a_people_is_coded_by_the_state_it_lives_in(reader: Reader, text: str, code: str) -> None:
    (people,) = [t for t in reader.nlp(text) if t.text.endswith("s") and t.ent_type_ == "NORP"]
    assert _codes_of(reader, text).get(people.text) == code


def test_an_ethnic_group_with_no_place_stands_for_no_state(reader: Reader) -> None:
    """'ethnic Uzbeks' are a minority somewhere: not Uzbekistan's people or government."""
    text = "Police detained dozens of ethnic Uzbeks after the clashes, the ministry said."
    assert "Uzbeks" not in _codes_of(reader, text)
    assert not any(e.startswith("COERCE") and "UZB" in e for e in events(reader, text))


def test_a_title_holder_of_a_named_state_is_that_states(reader: Reader) -> None:
    """'Prime Minister Hassan of Somalia': the state named after the name places the person
    (not another Hassan of the dictionary)."""
    text = "Prime Minister Hassan of Somalia met the Kenyan president on Monday."
    assert _codes_of(reader, text).get("Hassan") == "SOMGOV"


def test_northern_ireland_is_part_of_the_united_kingdom(reader: Reader) -> None:
    assert (
        _codes_of(reader, "Police in Northern Ireland arrested two men.").get("Northern Ireland")
        == "GBR"
    )


def _plural_pronoun_actors(reader: Reader, text: str) -> list[str]:
    return sorted(word_actors(reader, text, "they"))


def test_they_takes_up_the_group_of_people_named_last(reader: Reader) -> None:
    # a group with no actor of its own, named after the states: not those states
    text = (
        "Ghana and Togo closed their border on Monday. Nigeria's president held a summit of "
        "the bloc's leaders on Tuesday. They called for calm."
    )
    assert _plural_pronoun_actors(reader, text) == []
    # a group that names its actors: those actors
    text = (
        "Chile and Peru met on Monday. Britain, France and Germany followed. The three "
        "European governments said talks should resume. They urged Iran to return."
    )
    assert _plural_pronoun_actors(reader, text) == ["DEU", "FRA", "GBR"]
    # people named deep in a clause are no group the pronoun takes up
    text = (
        "Manila and Beijing say they found a way to let food reach the handful of marines on "
        "the ship. Still, they disagree."
    )
    doc_they = _plural_pronoun_actors(reader, text.replace("they found", "it was found"))
    assert doc_they == ["CHN", "PHL"]


def _head_codes(reader: Reader, text: str, head: str) -> set[str]:
    from standoff.read.mentions import ActorIndex

    doc = reader.nlp(text)
    index = ActorIndex(doc, reader.dictionary)
    (noun,) = [t for t in doc if t.text == head]
    return {r.country for r in index.actors_of(noun)}


def test_an_actor_coordinated_with_a_modifier_is_an_actor_too(reader: Reader) -> None:
    """'the EU and British negotiators': a name, then a demonym coordinated with it; an
    organisation's demonym after a name names a region's people, not the EU."""
    text = "The EU and British negotiators resumed talks on the fishing quotas."
    assert _head_codes(reader, text, "negotiators") == {"EU", "GBR"}
    regional = "Zelensky and European leaders met Trump on Monday."
    assert "EU" not in _head_codes(reader, regional, "leaders")


def test_partners_are_the_ones_their_modifier_names(reader: Reader) -> None:
    text = "Turkey said it would consult its NATO allies before any strike."
    assert _head_codes(reader, text, "allies") == {"NATO"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The Pakistani Foreign Office accused India of aggression.", "ACCUSE PAK->IND"),
        ("India suspended the treaty. Its Foreign Office accused Pakistan of terrorism.",
         "ACCUSE IND->PAK"),
        # Britain's own stays British
        ("The British Foreign Office accused Iran of piracy.", "ACCUSE GBR->IRN"),
    ],
)  # fmt: skip
def test_an_institution_is_the_state_that_owns_it(reader: Reader, text: str, found: str) -> None:
    assert found in events(reader, text)


def test_a_bare_surname_the_parser_takes_for_an_organisation_is_the_person(
    reader: Reader,
) -> None:
    """'Mike Pence ... Pence said': the small model tags the bare surname ORG."""
    text = (
        "Mexican Foreign Minister Marcelo Ebrard met Vice President Mike Pence on Wednesday. "
        "Pence said in a statement that the president's position had not changed and that "
        "Mexico must do more to stop migrants crossing its territory."
    )
    assert "REQUEST USA->MEX" in events(reader, text)


def test_they_in_a_single_states_demand_are_the_others(reader: Reader) -> None:
    """'Malaysia demanded that they halt': one state asks others; "they" is not Malaysia."""
    text = "Thailand and Cambodia clashed again. Malaysia demanded that they halt hostilities."
    assert {"REQUEST MYS->THA", "REQUEST MYS->KHM"} <= events(reader, text)


def test_people_from_a_described_group_of_named_states_are_those_states(reader: Reader) -> None:
    """'a delegation from the governments of Guinea and Mali' names its own states;
    it is not the pair the story is about (Nigeria and Niger)."""
    text = (
        "Nigeria warned Niger's junta on Sunday. Nigeria and Niger share a long border. "
        "A delegation from the governments of Guinea and Mali has arrived in Niamey to show "
        "solidarity with the junta."
    )
    found = events(reader, text)
    assert {"SUPPORT GIN->NER", "SUPPORT MLI->NER"} <= found
    assert not any(e.startswith("SUPPORT NGA") for e in found)


def test_a_possessive_in_a_joined_verb_is_the_shared_subjects(reader: Reader) -> None:
    """'Cambodia downgraded relations with Thailand and withdrew its diplomats': "its" is
    Cambodia's, the subject the joined verb shares, not the state named last."""
    text = (
        "Thailand shelled the border on Monday. Cambodia downgraded relations with Thailand "
        "and withdrew all but one of its diplomats."
    )
    assert word_actors(reader, text, "its") == ["KHM"]


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("The White House spoke on Sunday. Israel said its troops had fired on the crowd.",
         "ISR"),
        ("Brussels wrote to Minsk on Monday. Lithuania said its border guards were turning "
         "back the migrants.", "LTU"),
    ],
)  # fmt: skip
def test_the_owner_of_a_reported_subject_is_the_reporter(
    reader: Reader, text: str, owner: str
) -> None:
    """'Israel said its troops had fired': "its" owns the reported clause's subject and is
    the one who reports, as "it" is in "Russia said it would", not the subject of the
    sentence before."""
    assert word_actors(reader, text, "its") == [owner]


def test_the_kingdom_is_the_kingdom_named_not_the_last_state(reader: Reader) -> None:
    """'the kingdom' takes up a state that calls itself one (ISO 3166 names), though
    another state was named after it; with no kingdom named, the last state."""
    text = "Saudi Arabia expelled the ambassador of Canada. It said the kingdom would act."
    assert word_actors(reader, text, "kingdom") == ["SAU"]
    plain = "Ottawa protested to Riyadh. Canada said the country would act."
    assert word_actors(reader, plain, "country") == ["CAN"]


def test_they_bound_to_a_subject_that_is_no_state_takes_up_no_state(reader: Reader) -> None:
    """'French fishing groups said they could block ports': "they" are the groups, not the
    two states named before; officials of a state still speak for it."""
    text = (
        "France and Britain failed to agree on licences. French fishing groups said they "
        "could block ports."
    )
    assert word_actors(reader, text, "they") == []
    officials = text.replace("fishing groups", "officials")
    assert word_actors(reader, officials, "they") == ["FRA"]


def test_a_second_verb_joined_inside_a_denial_is_the_deniers(reader: Reader) -> None:
    text = (
        "Vietnam's foreign ministry denied that any boats had entered the zone and accused "
        "Beijing of spreading false claims."
    )
    assert "ACCUSE VNM->CHN" in events(reader, text)


@pytest.mark.parametrize(
    ("text", "found", "not_found"),
    [
        ("Ankara said it would not approve Sweden's and Finland's bids to join NATO.",
         {"REJECT TUR->SWE", "REJECT TUR->FIN"}, set()),
        # a possessive on the last name only is that name's: Syria owns no plan
        ("Ties were strained by U.S. support for Kurdish fighters in Syria and Turkey's plan "
         "to buy Russian missiles.", set(), {"SUPPORT USA->TUR"}),
    ],
)  # fmt: skip
def test_coordinated_possessors_each_own_the_noun(
    reader: Reader, text: str, found: set[str], not_found: set[str]
) -> None:
    got = events(reader, text)
    assert found <= got
    assert not (not_found & got)


@pytest.mark.parametrize(
    ("text", "found", "not_found"),
    [
        # "them" takes up the party the first verb was with, not a state in its own clause
        (
            "Lebanon's president spoke with US officials on Saturday and asked them to press "
            "Israel to withdraw.",
            "REQUEST LBN->USA",
            "REQUEST LBN->ISR",
        ),
        (
            "Egypt's foreign minister met Sudanese and Ethiopian envoys in Cairo and urged them "
            "to resume talks on the dam.",
            "REQUEST EGY->SDN",
            "REQUEST EGY->?",
        ),
    ],
)
def test_a_plural_object_takes_up_the_party_just_addressed(
    reader: Reader, text: str, found: str, not_found: str
) -> None:
    check_prefixes(reader, text, found, not_found)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a demonym in -ese is a plural people by its tag, not by a final "s"
        (
            "Israeli soldiers opened fire on crowds of Lebanese heading back to their homes.",
            "ASSAULT ISR->LBN",
        ),
        # "personnel" is a military word: the demanded clause's subject is asked
        (
            "The Maldives had asked that all Indian military personnel leave the islands by May.",
            "REQUEST MDV->IND",
        ),
    ],
)
def test_a_people_or_unit_is_its_states_as_a_target(reader: Reader, text: str, found: str) -> None:
    assert found in events(reader, text)


def test_their_people_are_each_sides_own(reader: Reader) -> None:
    """'India and Pakistan ... Their foreign ministers spoke by phone': both sides' ministers,
    who spoke with each other (not India's alone, with no one)."""
    text = (
        "India and Pakistan agreed to a ceasefire on Saturday. "
        "Their foreign ministers spoke by phone on Monday."
    )
    assert {"CONSULT IND->PAK", "CONSULT PAK->IND"} <= events(reader, text)


def test_the_subject_of_a_first_joined_clause_binds_it_in_the_second(reader: Reader) -> None:
    """'X said ..., and it called on Y': "it" is X, not the subject of the sentence before."""
    text = (
        "Iranian drones hit a base in Iraq. The Iraqi government said nobody was hurt. "
        "Iran's foreign ministry said the strikes had hit a spy centre, and it urged Baghdad "
        "to stop hosting hostile groups."
    )
    check_prefixes(reader, text, "REQUEST IRN->IRQ", "REQUEST IRQ->")


# The phrase names its actor: bodies, seats, places, datelines and role words (stop 24).
NAMED = [
    # another organisation's own body is that organisation, not the UN
    ("The African Union's Peace and Security Council ordered Sudan to withdraw.",
     "REQUEST AU->SDN"),
    ("The UN Security Council ordered Sudan to withdraw.", "REQUEST UN->SDN"),
    # a court's seat is the court where the article names that court ...
    ("The International Court of Justice ruled on the border. "
     "Chile rejected the Hague ruling.", "REJECT CHL->ICJ"),
    ("The International Court of Justice heard the case. "
     "The judges in The Hague rejected Bolivia's argument.", "REJECT ICJ->BOL"),
    # ... and the host state's government where it names none
    ("The Hague rejected Turkey's request.", "REJECT NLD->TUR"),
    # "the court" takes up a court named before, also with the charge's "of" hung on it
    ("The International Court of Justice drew the border. The court also rejected "
     "Chile's argument.", "REJECT ICJ->CHL"),
    ("The International Court of Justice drew the border. Chile accused the court of "
     "bias.", "ACCUSE CHL->ICJ"),
    # a clause that opens on a place puts its unnamed subject there
    ("Chile closed the pass. In Lima, the government suspended all talks with Chile.",
     "SANCTION PER->CHL"),
    ("Chile closed the pass. In Lima, officials suspended all talks with Chile.",
     "SANCTION PER->CHL"),
    # a wire story's bare "the cabinet" is the government of its dateline's state
    ("LIMA, March 3 (Andes Wire) - The cabinet on Monday called on Chile to reopen the "
     "pass.", "REQUEST PER->CHL"),
    ("LIMA, March 3 (Andes Wire) - The foreign ministry accused Chile of closing the "
     "pass.", "ACCUSE PER->CHL"),
    # a chief of a named state is that state's
    ("The army chief of Peru accused Chile of aggression.", "ACCUSE PER->CHL"),
    ("The military chiefs of Peru and Chile spoke by phone on Monday.", "CONSULT PER->CHL"),
]  # fmt: skip

# ... and not where the phrase's actor is another: (text, the event it must not give).
NOT_NAMED = [
    # a place after the subject says where, not whose
    ("Chile closed the pass. The government suspended all talks with Chile in Lima.",
     "SANCTION PER->CHL"),
    # a body owned in its phrase is not the dateline's state
    ("LIMA, March 3 (Andes Wire) - The government of Bolivia accused Chile of lying.",
     "ACCUSE PER->CHL"),
    # "the court" is never the last organisation of another kind
    ("The EU backed Lithuania. The court also rejected Chile's argument.", "REJECT EU->CHL"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "found"), NAMED)
def test_the_phrase_names_its_actor(reader: Reader, text: str, found: str) -> None:
    assert found in events(reader, text)


@pytest.mark.parametrize(("text", "wrong"), NOT_NAMED)
def test_the_phrase_does_not_name_another(reader: Reader, text: str, wrong: str) -> None:
    assert wrong not in events(reader, text)
