"""The actor dictionary: names, metonyms, demonyms and people -> actor codes.

One place holds every fact of the form "this name stands for that actor": the
YAML files in ``standoff/data/actors/`` (countries, IGOs, people, companies and
offices, role words),
pycountry's official country names, and the user's own file (``--actors FILE``
or ``standoff-actors.yaml`` in the working folder). The dictionary turns them
into spaCy EntityRuler patterns, so the base model's entity errors are
corrected by rules inside the pipeline, not by special cases in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

from standoff.errors import UserError
from standoff.grammar import count
from standoff.model import ActorKind
from standoff.userfiles import load_yaml, read_text

USER_FILE = "standoff-actors.yaml"
SHIPPED = ("countries.yaml", "igos.yaml", "people.yaml", "organisations.yaml", "roles.yaml")
SECTIONS = ("countries", "igos", "people", "organisations", "roles")
SECTORS = ("GOV", "MIL", "LEG", "JUD", "BUS", "OPP", "REB", "MED", "CVL")
# libyaml's loader when PyYAML was built with it: people.yaml (some 2,800 entries)
# parses in about 0.1 s with it, 0.9 s in pure Python, a cost paid at every Reader load
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_shipped(text: str) -> Any:
    """One of the shipped YAML files, parsed as ``yaml.safe_load`` would (same safe types)."""
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


@cache
def shipped_igo_codes() -> frozenset[str]:
    """The codes of the international organisations in the shipped ``igos.yaml``."""
    text = (resources.files("standoff") / "data" / "actors" / "igos.yaml").read_text("utf-8")
    return frozenset(str(code) for code in _parse_shipped(text))


@dataclass(frozen=True)
class ActorEntry:
    """What one name in the dictionary stands for."""

    code: str  # RUSGOV, RUS, NATO
    country: str  # RUS, NATO
    name: str  # canonical name: "Vladimir Putin", "Russia", "the Kremlin"
    kind: ActorKind
    role: str | None = None


def is_igo(code: str | None) -> bool:
    """Whether ``code`` names an international organisation of the shipped dictionary
    (``NATO``, ``OPEC``, ``IAEA``; NGOs coded like IGOs too, such as ``ICRC``)."""
    if not code:
        return False
    return code.strip().upper() in shipped_igo_codes()


def country_of(code: str | None) -> str:
    """The country level of an actor code, the one rule for the whole project.

    ``USAGOV`` -> ``USA``; ``XKXGOV`` -> ``XKX``; an IGO is kept whole (``NATO``,
    ``OPEC``, ``IAEA``, ``ECOWAS``), and so is any code that is no country with a
    sector; None or "" -> "".
    """
    if not code:
        return ""
    code = code.strip().upper()
    if code in shipped_igo_codes():
        return code
    head = code[:3]
    if len(code) >= 3 and pycountry.countries.get(alpha_3=head) is not None:
        return head
    if len(code) == 6 and code[3:] in SECTORS:  # a state pycountry lacks, with a sector
        return head
    return code


# The forms of state a definite description can name ("the kingdom", "the sultanate").
STATE_FORMS = frozenset({"kingdom", "republic", "sultanate", "emirate", "principality"})


@cache
def state_form(country: str, form: str) -> bool:
    """Whether the state ``country`` (alpha-3) calls itself a ``form`` in its ISO 3166
    names ("Kingdom of Saudi Arabia", "United Kingdom", "French Republic")."""
    entry = pycountry.countries.get(alpha_3=country)
    if entry is None:
        return False
    names = f"{entry.name} {getattr(entry, 'official_name', '')}".lower()
    return form in names.split()


def split_code(code: str) -> tuple[str, str | None]:
    """'RUSGOV' -> ('RUS', 'GOV'); 'NATO' -> ('NATO', None)."""
    if len(code) == 6 and code[3:] in SECTORS and code[:3].isupper():
        return code[:3], code[3:]
    return code, None


@dataclass
class ActorDictionary:
    """Lookup tables built from the YAML files; build with :meth:`load`."""

    entries: dict[str, ActorEntry] = field(default_factory=dict)  # key -> entry
    phrases: dict[str, str] = field(default_factory=dict)  # phrase (as written) -> key
    demonyms: dict[str, str] = field(default_factory=dict)  # lower-case demonym -> country code
    demonym_forms: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # lower -> (code, as written)
    roles: dict[str, str] = field(default_factory=dict)  # lower-case role word -> sector
    country_names: dict[str, str] = field(default_factory=dict)  # lower-case name -> code
    # family name -> the people of the dictionary who bear it ("Bush" -> both presidents)
    surnames: dict[str, list[ActorEntry]] = field(default_factory=dict)
    # lower-case seat -> the organisations sitting there ("the hague" -> ICJ, ICC)
    seats: dict[str, list[str]] = field(default_factory=dict)

    # ------------------------------------------------------------------ building
    def _add(self, phrase: str, entry: ActorEntry) -> None:
        phrase = phrase.strip()
        if not phrase:
            return
        key = f"{entry.kind.value}|{entry.code}|{entry.name}"
        self.entries[key] = entry
        self.phrases[phrase] = key

    def add_country(self, code: str, spec: dict[str, Any], origin: str) -> None:
        code = code.upper()
        self._add_named(code, spec, ActorKind.STATE, f"{origin}: country {code}")
        for place, sector in (spec.get("metonyms") or {}).items():
            sector = str(sector).upper()
            if sector not in SECTORS:
                raise UserError(f"{origin}: {code} metonym {place!r}: unknown sector {sector!r}")
            self._add(place, ActorEntry(code + sector, code, place, ActorKind.METONYM))

    def add_igo(self, code: str, spec: dict[str, Any], origin: str) -> None:
        self._add_named(code, spec, ActorKind.IGO, f"{origin}: organisation {code}")
        seat = spec.get("seat") if isinstance(spec, dict) else None
        if seat:
            self.seats.setdefault(str(seat).lower(), []).append(code.upper())

    def _add_named(self, code: str, spec: dict[str, Any], kind: ActorKind, where: str) -> None:
        """The names and demonyms of a state or organisation (its first name is shown)."""
        if not isinstance(spec, dict):
            raise UserError(f"{where}: expected a mapping")
        names = list(spec.get("names") or [])
        display = names[0] if names else code
        for name in names:
            self._add(name, ActorEntry(code, code, display, kind))
            self.country_names[name.lower()] = code
        for demonym in spec.get("demonyms") or []:
            self._add_demonym(str(demonym), code)

    def _add_demonym(self, demonym: str, code: str) -> None:
        # Keep the written form: "US" must match case-sensitively, "us" is a pronoun.
        self.demonyms[demonym.lower()] = code
        self.demonym_forms[demonym.lower()] = (code, demonym)

    def add_person(self, spec: dict[str, Any], origin: str) -> None:
        if not isinstance(spec, dict) or "name" not in spec or "code" not in spec:
            raise UserError(f"{origin}: each person needs at least 'name' and 'code'")
        code = str(spec["code"]).upper()
        country, _ = split_code(code)
        entry = ActorEntry(code, country, str(spec["name"]), ActorKind.PERSON, spec.get("role"))
        for phrase in [spec["name"], *(spec.get("aliases") or [])]:
            self._add(str(phrase), entry)
        self.surnames.setdefault(entry.name.split()[-1], []).append(entry)

    def add_organisations(self, spec: Any, origin: str) -> None:
        """Companies (each acts for a state's sector: Gazprom -> RUSBUS) and offices, titles
        that name whoever holds them ("Emir of Kuwait" -> KWTGOV, "NATO chief" -> NATO),
        resolved as people."""
        if not isinstance(spec, dict) or set(spec) - {"companies", "offices"}:
            raise UserError(f"{origin}: organisations: expected sections companies and offices")
        for section, kind in (
            ("companies", ActorKind.ORGANISATION),
            ("offices", ActorKind.PERSON),
        ):
            for item in spec.get(section) or []:
                if not isinstance(item, dict) or "name" not in item or "code" not in item:
                    raise UserError(f"{origin}: each of {section} needs at least 'name' and 'code'")
                code = str(item["code"]).upper()
                country, _ = split_code(code)  # RUSBUS -> RUS; an IGO office's code is kept
                role = item.get("role")
                entry = ActorEntry(code, country, str(item["name"]), kind, role)
                for phrase in [item["name"], *(item.get("aliases") or [])]:
                    self._add(str(phrase), entry)

    def add_roles(self, spec: dict[str, list[str]], origin: str) -> None:
        for sector, words in spec.items():
            if sector.upper() not in SECTORS:
                raise UserError(f"{origin}: unknown sector {sector!r}")
            for word in words or []:
                self.roles[str(word).lower()] = sector.upper()

    @classmethod
    def load(cls, extra: Path | None = None, working_folder: bool = True) -> ActorDictionary:
        """The shipped dictionary, pycountry's names, then the user's file on top.

        Without ``extra``, ``standoff-actors.yaml`` in the working folder is used
        when present (unless ``working_folder`` is False).
        """
        book = cls()
        for country in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    book._add(
                        value,
                        ActorEntry(
                            country.alpha_3,
                            country.alpha_3,
                            getattr(country, "common_name", country.name),
                            ActorKind.STATE,
                        ),
                    )
                    book.country_names[value.lower()] = country.alpha_3
        folder = resources.files("standoff") / "data" / "actors"
        for name in SHIPPED:
            text = (folder / name).read_text(encoding="utf-8")
            book._merge_file(name, _parse_shipped(text), origin=f"standoff/data/actors/{name}")
        user = extra
        if user is None and working_folder and Path(USER_FILE).exists():
            user = Path(USER_FILE)
        if user is not None:
            book.merge_user_file(user)
        return book

    def _merge_file(self, name: str, data: Any, origin: str) -> None:
        if name.startswith("countries"):
            for code, spec in (data or {}).items():
                self.add_country(str(code), spec, origin)
        elif name.startswith("igos"):
            for code, spec in (data or {}).items():
                self.add_igo(str(code), spec, origin)
        elif name.startswith("people"):
            for spec in data or []:
                self.add_person(spec, origin)
        elif name.startswith("organisations"):
            self.add_organisations(data or {}, origin)
        elif name.startswith("roles"):
            self.add_roles(data or {}, origin)

    def merge_user_file(self, path: Path) -> None:
        """A user's YAML: optional sections ``countries``, ``igos``, ``people``,
        ``organisations`` (``companies``, ``offices``) and ``roles``."""
        data = load_yaml(read_text(path, "actor file"), str(path))
        if not isinstance(data, dict):
            raise UserError(f"{path}: expected sections {', '.join(SECTIONS)}")
        unknown = set(data) - set(SECTIONS)
        if unknown:
            names = ", ".join(sorted(unknown))
            raise UserError(f"{path}: {count(len(unknown), 'unknown section')} {names}")
        for section in SECTIONS:
            if section in data:
                self._merge_file(section, data[section], origin=str(path))

    # ------------------------------------------------------------------ patterns
    def ruler_patterns(self) -> list[dict[str, Any]]:
        """EntityRuler patterns: case-insensitive phrases, exact case for short acronyms."""
        label = {
            ActorKind.PERSON: "PERSON",
            ActorKind.STATE: "GPE",
            ActorKind.METONYM: "GPE",
            ActorKind.IGO: "ORG",
        }
        patterns: list[dict[str, Any]] = []
        for phrase, key in self.phrases.items():
            entry = self.entries[key]
            patterns.append(_pattern(phrase, label.get(entry.kind, "ORG"), key))
        for demonym, (code, written) in self.demonym_forms.items():
            patterns.append(_pattern(written, "NORP", f"demonym|{code}|{demonym}"))
        return patterns

    # ------------------------------------------------------------------ lookups
    def entry(self, key: str) -> ActorEntry | None:
        return self.entries.get(key)

    def country_for(self, text: str) -> str | None:
        """A country (or IGO) code for a name, demonym or metonym, else None."""
        low = text.lower().removeprefix("the ").strip()
        if low in self.country_names:
            return self.country_names[low]
        if low in self.demonyms:
            return self.demonyms[low]
        key = self.phrases.get(text) or self.phrases.get(text.removeprefix("the "))
        if key:
            return self.entries[key].country
        return None

    def by_surname(self, surname: str) -> ActorEntry | None:
        """'the Bush administration', 'Mitterrand's government': a bare family name stands for
        its bearer's side when every person of the dictionary with that name shares one
        code (both Bushes were USAGOV); an ambiguous name ("Kim") stands for none."""
        people = self.surnames.get(surname, [])
        if not people or len({p.code for p in people}) != 1:
            return None
        if len(people) == 1:
            return people[0]
        return ActorEntry(people[0].code, people[0].country, surname, ActorKind.PERSON)

    def sector_for(self, words: str) -> str | None:
        """The sector of a role phrase: 'foreign minister' -> GOV, 'troops' -> MIL."""
        low = " ".join(words.lower().split())
        if low in self.roles:
            return self.roles[low]
        for word in reversed(low.split()):  # head word last in English noun phrases
            if word in self.roles:
                return self.roles[word]
        return None


def _pattern(phrase: str, label: str, key: str) -> dict[str, Any]:
    """A phrase pattern (matched on lower case by the ruler's PhraseMatcher, which is fast),
    except short all-capital forms, which must match exactly: "US" is a country, "us" is not."""
    if len(phrase) <= 4 and phrase.replace(".", "").isupper():
        return {"label": label, "pattern": [{"ORTH": phrase}], "id": key}
    return {"label": label, "pattern": phrase.replace("\u2019", "'"), "id": key}


@cache
def load_dictionary(extra: str | None = None, working_folder: bool = True) -> ActorDictionary:
    """The dictionary for a run, cached per (user file, working-folder lookup)."""
    return ActorDictionary.load(Path(extra) if extra else None, working_folder=working_folder)
