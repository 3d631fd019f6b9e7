"""The shipped actor dictionary (standoff/data/actors/*.yaml) is well formed and unambiguous.

These tests read the YAML files directly, so a broken entry is reported by file
and entry; one test loads them through :class:`ActorDictionary` to check that the
reader resolves the names news uses.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from importlib import resources
from typing import Any

import pycountry
import pytest
import yaml

from standoff.read.actors import SECTORS, ActorDictionary

FILES = ("countries.yaml", "igos.yaml", "people.yaml", "roles.yaml")

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
    expected = list if name == "people.yaml" else dict
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
        assert set(spec) == {"names", "demonyms"}, f"igos.yaml {code}"
        assert _string_list(spec["names"], f"igos.yaml {code} names"), f"{code}: no name"
        _string_list(spec["demonyms"], f"igos.yaml {code} demonyms")


def test_people_entries_have_name_code_role_and_aliases() -> None:
    for spec in _people():
        assert set(spec) == {"name", "code", "role", "aliases"}, f"people.yaml {spec}"
        assert isinstance(spec["name"], str) and spec["name"].strip() == spec["name"]
        name = spec["name"]
        assert isinstance(spec["role"], str) and spec["role"], f"people.yaml {name}: no role"
        _string_list(spec["aliases"], f"people.yaml {spec['name']} aliases")


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
              "bin salman", "bin zayed", "aoun", "zardari", "rodriguez", "rodríguez", "he"}
    for spec in _people():
        used = banned & {alias.lower() for alias in spec["aliases"]}
        assert not used, f"people.yaml {spec['name']}: ambiguous alias {sorted(used)}"


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
