"""The shipped actor dictionary (standoff/data/actors/*.yaml) is well formed and unambiguous.

These tests read the YAML files directly, so a broken entry is reported by file
and entry; the last ones load them through :class:`ActorDictionary` to check that
the names news uses resolve, and read sentences with the reader to check that
companies, offices and people resolve to their state's sector in running text
and that ordinary words ("total", "shell", "reliance") do not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

from standoff.errors import UserError
from standoff.model import ActorKind, RawArticle, Reading
from standoff.read import Reader
from standoff.read.actors import SECTORS, SHIPPED, ActorDictionary

FILES = SHIPPED

# The 193 UN member states (un.org/en/about-us/member-states), by ISO alpha-3.
UN_MEMBERS = frozenset("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA
DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND
HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER
NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO
TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())
# Non-members the news treats as actors in standoffs.
EXTRA_STATES = frozenset({"TWN", "XKX", "PSE", "GRL", "HKG"})
# Codes in use that ISO 3166-1 has not assigned (Kosovo's user-assigned code).
NON_ISO_STATES = frozenset({"XKX"})
# Names the YAML deliberately takes from pycountry's entry for another state
# (see the comment at the top of countries.yaml).
DELIBERATE_OVERRIDES = {"congo": "COD"}


@cache
def _load(name: str) -> Any:
    text = (resources.files("standoff") / "data" / "actors" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _countries() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = _load("countries.yaml")
    return data


def _igos() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = _load("igos.yaml")
    return data


def _people() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = _load("people.yaml")
    return data


def _organisations() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = _load("organisations.yaml")
    return data


def _roles() -> dict[str, list[str]]:
    data: dict[str, list[str]] = _load("roles.yaml")
    return data


def _is_state_code(code: str) -> bool:
    return code in NON_ISO_STATES or pycountry.countries.get(alpha_3=code) is not None


def _string_list(value: Any, where: str) -> list[str]:
    assert isinstance(value, list), f"{where}: expected a list"
    for item in value:
        ok = isinstance(item, str) and item and item == item.strip()
        assert ok, f"{where}: bad entry {item!r}"
    # Case variants are distinct ("NATO"/"Nato"): the ruler matches short capitals and
    # multiword phrases case-sensitively.
    assert len(set(value)) == len(value), f"{where}: repeated entry"
    return value


# ---------------------------------------------------------------- structure


@pytest.mark.parametrize("name", FILES)
def test_file_parses_to_the_documented_shape(name: str) -> None:
    data = _load(name)
    expected = list if name == "people.yaml" else dict  # organisations: companies, offices
    assert isinstance(data, expected) and data, f"{name}: expected a non-empty {expected.__name__}"


def test_country_entries_have_names_demonyms_and_metonyms() -> None:
    for code, spec in _countries().items():
        assert set(spec) == {"names", "demonyms", "metonyms"}, f"countries.yaml {code}"
        assert _string_list(spec["names"], f"countries.yaml {code} names"), f"{code}: no name"
        _string_list(spec["demonyms"], f"countries.yaml {code} demonyms")
        metonyms = spec["metonyms"]
        assert isinstance(metonyms, dict), f"countries.yaml {code} metonyms: expected a mapping"
        for place, sector in metonyms.items():
            assert isinstance(place, str) and place.strip() == place and place
            assert sector in SECTORS, f"countries.yaml {code} {place!r}: unknown sector {sector!r}"


def test_igo_entries_have_names_and_demonyms() -> None:
    for code, spec in _igos().items():
        assert set(spec) - {"seat"} == {"names", "demonyms"}, f"igos.yaml {code}"
        assert _string_list(spec["names"], f"igos.yaml {code} names"), f"{code}: no name"
        _string_list(spec["demonyms"], f"igos.yaml {code} demonyms")
        # a seat names a metonym of the dictionary (the place the court sits in)
        assert "seat" not in spec or isinstance(spec["seat"], str), f"igos.yaml {code} seat"


def test_people_entries_have_name_code_role_and_aliases() -> None:
    for spec in _people():
        assert set(spec) == {"name", "code", "role", "aliases"}, f"people.yaml {spec}"
        assert isinstance(spec["name"], str) and spec["name"].strip() == spec["name"]
        name = spec["name"]
        assert isinstance(spec["role"], str) and spec["role"], f"people.yaml {name}: no role"
        _string_list(spec["aliases"], f"people.yaml {spec['name']} aliases")


def test_organisation_entries_have_name_code_role_and_aliases() -> None:
    data = _organisations()
    assert set(data) == {"companies", "offices"}, "organisations.yaml: sections"
    for section, items in data.items():
        assert items, f"organisations.yaml: {section} is empty"
        for spec in items:
            assert set(spec) == {"name", "code", "role", "aliases"}, f"organisations.yaml {spec}"
            assert isinstance(spec["name"], str) and spec["name"].strip() == spec["name"]
            assert isinstance(spec["role"], str) and spec["role"], f"{spec['name']}: no role"
            _string_list(spec["aliases"], f"organisations.yaml {spec['name']} aliases")


def test_roles_are_lower_case_known_sectors_and_each_word_in_one_sector() -> None:
    owner: dict[str, str] = {}
    for sector, words in _roles().items():
        assert sector in SECTORS, f"roles.yaml: unknown sector {sector!r}"
        for word in _string_list(words, f"roles.yaml {sector}"):
            assert word == word.lower(), f"roles.yaml {sector}: {word!r} is not lower case"
            assert word not in owner, f"roles.yaml: {word!r} under {owner.get(word)} and {sector}"
            owner[word] = sector


# ---------------------------------------------------------------- codes


def test_country_codes_are_iso_alpha3() -> None:
    bad = [code for code in _countries() if not _is_state_code(code)]
    assert not bad, f"countries.yaml: not ISO 3166-1 alpha-3: {bad}"


def test_every_un_member_and_the_named_extras_are_covered() -> None:
    assert len(UN_MEMBERS) == 193
    missing = sorted((UN_MEMBERS | EXTRA_STATES) - set(_countries()))
    assert not missing, f"countries.yaml lacks {missing}"


def test_igo_codes_are_short_names_that_no_state_uses() -> None:
    for code in _igos():
        assert re.fullmatch(r"[A-Z][A-Z0-9+]{1,9}", code), f"igos.yaml: bad code {code!r}"
        assert not _is_state_code(code), f"igos.yaml: {code} is a country code"


def test_people_codes_are_a_known_state_plus_sector_or_an_igo() -> None:
    states, igos = set(_countries()), set(_igos())
    for spec in _people():
        code = spec["code"]
        if code in igos:
            continue
        state, sector = code[:3], code[3:]
        assert state in states, f"people.yaml {spec['name']}: {state} not in countries.yaml"
        assert sector == "" or sector in SECTORS, f"people.yaml {spec['name']}: sector {sector!r}"


def test_organisation_codes_are_a_known_state_plus_sector() -> None:
    states = set(_countries())
    for section, items in _organisations().items():
        for spec in items:
            code, name = spec["code"], spec["name"]
            assert len(code) == 6, f"organisations.yaml {name}: {code} is not state + sector"
            assert code[:3] in states, f"organisations.yaml {name}: {code[:3]} not a state"
            assert code[3:] in SECTORS, f"organisations.yaml {name}: sector {code[3:]!r}"
            if section == "companies":  # a firm is a business or a news outlet, not a government
                assert code[3:] in ("BUS", "MED"), f"organisations.yaml {name}: {code}"


# ---------------------------------------------------------------- ambiguity


def _claims() -> dict[str, set[str]]:
    """Lower-cased phrase -> the entities (``kind:code``) that claim it."""
    claims: dict[str, set[str]] = defaultdict(set)
    for code, spec in _countries().items():
        for phrase in [*spec["names"], *spec["demonyms"], *spec["metonyms"]]:
            claims[phrase.lower()].add(f"state:{code}")
    for code, spec in _igos().items():
        for phrase in [*spec["names"], *spec["demonyms"]]:
            claims[phrase.lower()].add(f"igo:{code}")
    for spec in _people():
        for phrase in [spec["name"], *spec["aliases"]]:
            claims[phrase.lower()].add(f"person:{spec['name']}")
    for section, items in _organisations().items():
        for spec in items:
            for phrase in [spec["name"], *spec["aliases"]]:
                claims[phrase.lower()].add(f"{section}:{spec['name']}")
    return claims


def test_no_person_is_listed_twice() -> None:
    names = [spec["name"].lower() for spec in _people()]
    repeated = sorted({name for name in names if names.count(name) > 1})
    assert not repeated, f"people.yaml lists twice: {repeated}"


def test_no_phrase_is_claimed_by_two_entities() -> None:
    clashes = {phrase: sorted(who) for phrase, who in _claims().items() if len(who) > 1}
    assert not clashes, f"ambiguous phrases: {clashes}"


def test_ambiguous_surnames_are_not_aliases() -> None:
    banned = {"kim", "wang", "li", "lee", "johnson", "khan", "sharif", "rasmussen", "al thani",
              "bin salman", "bin zayed", "aoun", "zardari", "rodriguez", "rodríguez", "he",
              # shared by two people of the dictionary, or by others often in the news
              "gul", "gül", "miller", "clinton", "bush", "rice", "hu", "wen", "ban", "gates",
              "lew", "hague", "hammond", "kirchner", "chavez", "chávez", "maliki", "al-maliki",
              "sabah", "al-sabah", "sheikh sabah", "panetta", "pritzker", "ambani", "meng",
              "santos", "harper", "abbott", "bishop", "fox", "king", "brown", "power"}
    for spec in _people():
        used = banned & {alias.lower() for alias in spec["aliases"]}
        assert not used, f"people.yaml {spec['name']}: ambiguous alias {sorted(used)}"


# Words news uses as ordinary words or for other things: no company or office may be
# named by them (the dictionary matches names case-insensitively).
COMMON_WORDS = {"total", "shell", "reliance", "apple", "meta", "intel", "micron", "ford",
                "indian oil", "nord stream", "commission", "the commission", "fed", "ioc", "ice",
                "bis", "cctv", "citgo", "airbus", "sber", "veb", "emirates", "alphabet",
                "amazon", "oracle", "visa", "delta", "target", "sabic"}


def test_companies_and_offices_avoid_ordinary_words() -> None:
    for items in _organisations().values():
        for spec in items:
            used = COMMON_WORDS & {p.lower() for p in [spec["name"], *spec["aliases"]]}
            assert not used, f"organisations.yaml {spec['name']}: ambiguous name {sorted(used)}"
    for spec in _igos().values():
        assert not COMMON_WORDS & {n.lower() for n in spec["names"]}


def test_yaml_names_do_not_take_another_states_official_name() -> None:
    official: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                official[value.lower()] = country.alpha_3
    for code, spec in _countries().items():
        for name in spec["names"]:
            other = official.get(name.lower())
            if other is not None and other != code:
                assert DELIBERATE_OVERRIDES.get(name.lower()) == code, (
                    f"countries.yaml {code}: {name!r} is pycountry's name for {other}")


# ---------------------------------------------------------------- through the loader


@pytest.fixture(scope="module")
def book() -> ActorDictionary:
    return ActorDictionary.load(working_folder=False)


@pytest.mark.parametrize(
    ("text", "country"),
    [("Türkiye", "TUR"), ("Turkiye", "TUR"), ("Czechia", "CZE"), ("Holland", "NLD"),
     ("South Korea", "KOR"), ("Tehran", "IRN"), ("Brussels", "EU"), ("the Elysee", "FRA"),
     ("Nuuk", "GRL"), ("Kyiv", "UKR"), ("Congo", "COD"), ("Emirati", "ARE"), ("Qataris", "QAT"),
     ("Gulf Cooperation Council", "GCC"), ("UN nuclear watchdog", "IAEA")],
)
def test_loader_resolves_the_names_news_uses(
        book: ActorDictionary, text: str, country: str) -> None:
    assert book.country_for(text) == country


@pytest.mark.parametrize(
    ("phrase", "code"),
    [("Pentagon", "USAMIL"), ("Capitol Hill", "USALEG"), ("Downing Street", "GBRGOV"),
     ("Araghchi", "IRNGOV"), ("Lindsey Graham", "USALEG"), ("María Corina Machado", "VENOPP"),
     ("Rawalpindi", "PAKMIL"), ("Grossi", "IAEA")],
)
def test_loader_gives_metonyms_and_people_their_sector(
        book: ActorDictionary, phrase: str, code: str) -> None:
    entry = book.entry(book.phrases[phrase])
    assert entry is not None and entry.code == code


@pytest.mark.parametrize(
    ("phrase", "code", "kind"),
    [("Gazprom", "RUSBUS", ActorKind.ORGANISATION),
     ("Naftogaz", "UKRBUS", ActorKind.ORGANISATION),
     ("Saudi Aramco", "SAUBUS", ActorKind.ORGANISATION),
     ("Xinhua", "CHNMED", ActorKind.ORGANISATION),
     ("Emir of Kuwait", "KWTGOV", ActorKind.PERSON),
     ("Bank of Japan", "JPNGOV", ActorKind.METONYM),
     ("Rospotrebnadzor", "RUSGOV", ActorKind.METONYM),
     ("Alexei Miller", "RUSBUS", ActorKind.PERSON),
     ("José Manuel Barroso", "EU", ActorKind.PERSON),
     ("Fikri Isik", "TURMIL", ActorKind.PERSON)],
)
def test_loader_gives_companies_offices_and_bodies_their_code(
        book: ActorDictionary, phrase: str, code: str, kind: ActorKind) -> None:
    entry = book.entry(book.phrases[phrase])
    assert entry is not None and (entry.code, entry.kind) == (code, kind)


def test_a_users_file_adds_companies_and_offices(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "organisations:\n"
        "  companies:\n"
        "    - {name: Acme Pipelines, code: NORBUS, role: pipeline operator, aliases: [Acme]}\n"
        "  offices:\n"
        "    - {name: Grand Duke of Luxembourg, code: LUXGOV, role: head of state, aliases: []}\n",
        encoding="utf-8",
    )
    mine = ActorDictionary.load(path, working_folder=False)
    acme = mine.entry(mine.phrases["Acme"])
    duke = mine.entry(mine.phrases["Grand Duke of Luxembourg"])
    assert acme is not None and (acme.code, acme.country, acme.kind) == (
        "NORBUS", "NOR", ActorKind.ORGANISATION)
    assert duke is not None and (duke.code, duke.kind) == ("LUXGOV", ActorKind.PERSON)


def test_a_users_organisations_section_must_have_known_sections(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("organisations:\n  firms: []\n", encoding="utf-8")
    with pytest.raises(UserError, match="companies and offices"):
        ActorDictionary.load(path, working_folder=False)


# ---------------------------------------------------------------- in running text


def _read(reader: Reader, text: str) -> Reading:
    return reader.read(RawArticle(text=text, origin="probe"), date(2025, 8, 6))


def _codes(reading: Reading) -> dict[str, str]:
    """Mention text -> actor code, for every mention of the Reading."""
    return {m.text: a.code for a in reading.actors for m in a.mentions}


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Gazprom cut off gas supplies to Ukraine on Thursday.", "Gazprom", "RUSBUS"),
        ("Ukraine's Naftogaz said it would guarantee transit to Europe.", "Naftogaz", "UKRBUS"),
        ("Washington blacklisted Huawei and SMIC last year.", "SMIC", "CHNBUS"),
        ("Reliance Industries said it would stop buying Russian crude.", "Reliance Industries",
         "INDBUS"),
        ("The Emir of Kuwait asked Qatar to answer the demands.", "Emir of Kuwait", "KWTGOV"),
        ("Sheikh Sabah Al-Ahmad Al-Sabah met the envoys in Kuwait City.",
         "Sheikh Sabah Al-Ahmad Al-Sabah", "KWTGOV"),
        ("Abdulhamit Gul said the court would decide.", "Abdulhamit Gul", "TURGOV"),
        ("Viktor Yushchenko said Ukraine had enough gas in storage.", "Viktor Yushchenko",
         "UKRGOV"),
        ("The Bank of Japan kept rates on hold.", "Bank of Japan", "JPNGOV"),
        # armed groups that act as one party: their state's code with the sector REB
        ("Turkish jets struck PKK positions in northern Iraq.", "PKK", "TURREB"),
        ("Boko Haram fighters attacked a base near the Chad border.", "Boko Haram", "NGAREB"),
        ("The Tamil Tigers rejected the Norwegian plan.", "Tamil Tigers", "LKAREB"),
    ],
)
def test_a_sentence_naming_them_resolves_to_the_state_and_sector(
        reader: Reader, text: str, mention: str, code: str) -> None:
    assert _codes(_read(reader, text)).get(mention) == code


def test_a_title_is_not_taken_for_the_person_named_after_it(reader: Reader) -> None:
    codes = _codes(_read(reader, "Donald Trump Jr. visited Nuuk on Tuesday."))
    assert codes.get("Donald Trump Jr.") == "USACVL"  # not the President (USAGOV)


@pytest.mark.parametrize(
    "text",
    [
        "The total cost of the shell companies rose, and reliance on imports grew.",
        "A commission of inquiry said the fed cattle and the ice on the roads were a concern.",
        "Indian oil imports rose while the apple harvest fell.",
    ],
)
def test_ordinary_words_name_no_actor(reader: Reader, text: str) -> None:
    reading = _read(reader, text)
    named = {m.text.lower() for a in reading.actors for m in a.mentions}
    assert not named - {"indian"}, f"actors named in {text!r}: {sorted(named)}"


def test_exact_case_names_match_in_their_case_only(reader: Reader) -> None:
    """'US' and 'OFAC' (exact-case patterns, matched by a PhraseMatcher on ORTH) name
    actors; the pronoun 'us' does not."""
    doc = reader.nlp("The US and OFAC told us on Monday that they would act.")
    ruled = {(e.text, e.ent_id_) for e in doc.ents if e.ent_id_}
    assert ("US", "state|USA|United States") in ruled
    assert ("OFAC", "metonym|USAGOV|OFAC") in ruled
    assert not any(e.text == "us" for e in doc.ents)
