"""Read the threat cases of TIES v4.1 into feature levels and outcomes.

TIES (Threat and Imposition of Economic Sanctions, Morgan, Bapat and Kobayashi
2014, Conflict Management and Peace Science 31(5)) has one row per case. Only
cases that began with a threat (``threat`` = 1) are used. Each code's reading
was checked against the data (see docs/models/threat-outcome.md); notably the
threatened-sanction codes (``sanctiontypethreat``) run one ahead of the
imposed-sanction codes (``sanctiontype``): threat code k+1 is imposed code k,
as the cases where both are recorded show (threat 4 is imposed 3, import
restriction, in 242 cases; threat 8 is imposed 7, aid cut-off, in 112).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
from numpy.typing import NDArray

from standoff.errors import UserError
from standoff.forecast.coercion_actors import is_major_cow
from standoff.forecast.coercion_spec import MISSING
from standoff.model import Outcome

REQUIRED_COLUMNS: Final = (
    "caseid",
    "startyear",
    "threat",
    "imposition",
    "finaloutcome",
    "primarysender",
    "sender1",
    "sender2",
    "targetstate",
    "institution",
    "issue1",
    "sanctiontypethreat",
    "bspecif",
    "scommit",
    "anticipatedtargetcosts",
    "anticipatedsendercosts",
    "startmonth",
    "startday",
    "sanctiontype",
    "sancimpositionstartyear",
)

SENDER_COLUMNS: Final = ("primarysender", "sender1", "sender2", "sender3", "sender4", "sender5")

# TIES issue1 code -> issue group.
ISSUE_GROUPS: Final[dict[int, str]] = {
    1: "security",  # contain political influence
    2: "security",  # contain military behaviour
    3: "regime_rights",  # destabilise the regime
    4: "other",  # release citizens, property or material
    5: "security",  # territorial dispute
    6: "security",  # deny strategic materials
    7: "security",  # retaliate for alliance or alignment choice
    8: "regime_rights",  # human rights
    9: "security",  # weapons / nuclear programme
    10: "security",  # support for non-state actors
    11: "other",  # drug trafficking
    12: "economic_policy",  # environmental policy
    13: "trade",  # trade practices
    14: "economic_policy",  # economic reform
    15: "other",  # other
}

# TIES sanctiontypethreat code -> sanction group (codes as read from the data,
# one ahead of the imposed codes; 1 is the unspecified / other threat).
THREAT_TYPE_GROUPS: Final[dict[int, str]] = {
    1: "other",  # unspecified or other ("to sever trade, not saying how")
    2: "embargo",  # total economic embargo
    3: "trade",  # partial economic embargo
    4: "trade",  # import restriction (tariffs, duties)
    5: "trade",  # export restriction
    6: "embargo",  # blockade
    7: "financial",  # asset freeze
    8: "financial",  # termination of foreign aid
    9: "other",  # travel ban
    10: "trade",  # suspension of an economic agreement (tariff concessions)
}

SPECIFIC: Final = {1: "no", 2: "yes"}
COMMITMENT: Final = {1: "weak", 2: "moderate", 3: "strong"}
TARGET_COSTS: Final = {1: "minor", 2: "major", 3: "severe"}
SENDER_COSTS: Final = {1: "minor", 2: "major", 3: "major"}  # severe: 2 cases, merged

# finaloutcome codes 1-5 are outcomes at the threat stage.
THREAT_STAGE_OUTCOMES: Final[dict[int, Outcome]] = {
    1: "concede",  # partial acquiescence by the target
    2: "concede",  # complete acquiescence by the target
    3: "back_down",  # sender backs down (capitulation)
    4: "stalemate",
    5: "settle",  # negotiated settlement
}


@dataclass(frozen=True)
class TiesCases:
    """Coded threat cases: feature levels and outcome per case, plus what was left out.

    Per case also its start year, its full start date ("YYYY-MM-DD", "" when month or
    day is not coded) and its "sender-target-year" key (the back-test's episodes).
    """

    case_ids: list[str]
    features: list[dict[str, str]]
    outcomes: list[Outcome]
    excluded: dict[str, int]
    years: list[int | None]
    starts: list[str]
    dyad_years: list[str]


def load_ties(path: Path) -> TiesCases:
    """Read TIES threat cases from a CSV file (Latin-1). UserError naming the file if bad."""
    rows = _read_rows(path)
    kept: list[tuple[Mapping[str, str], Outcome]] = []
    excluded = dict.fromkeys(EXCLUSIONS, 0)
    for row in rows:
        if _int(row["threat"]) != 1:
            continue
        outcome, reason = outcome_of(row)
        if outcome is None:
            excluded[reason] += 1
        else:
            kept.append((row, outcome))
    if not kept:
        raise UserError(f"{path}: no threat cases with a coded outcome")
    return TiesCases(
        case_ids=[row["caseid"] for row, _ in kept],
        features=[code_case(row) for row, _ in kept],
        outcomes=[outcome for _, outcome in kept],
        excluded=excluded,
        years=[_int(row["startyear"]) for row, _ in kept],
        starts=[_start(row) for row, _ in kept],
        dyad_years=[_dyad_year(row) for row, _ in kept],
    )


# Why a threat case is left out (the keys of TiesCases.excluded).
EXCLUSIONS: Final = (
    "unresolved_threat",
    "unresolved_imposition",
    "post_imposition_outcome_without_imposition",
)


def outcome_of(row: Mapping[str, str]) -> tuple[Outcome | None, str]:
    """The threat-stage outcome of one case, or None and why it is left out.

    ``imposed`` whenever sanctions were imposed, whatever came after: ``imposition`` = 1,
    or a case coded 0 that records an imposed sanction type (``sanctiontype``) or an
    imposition year (``sancimpositionstartyear``), which is recoded. Otherwise the
    threat-stage code 1-5. A case with no final outcome was unresolved when TIES was
    coded, and is left out whether or not sanctions had come (keeping the unresolved
    impositions but not the unresolved threats would count impositions that had come
    and not concessions still to come). A case with no imposition but a post-imposition
    outcome (6-10) contradicts itself and is left out.
    """
    imposed = (
        _int(row["imposition"]) == 1
        or bool(row.get("sanctiontype", "").strip())
        or _int(row.get("sancimpositionstartyear")) is not None
    )
    code = _int(row["finaloutcome"])
    if code is None:
        return None, "unresolved_imposition" if imposed else "unresolved_threat"
    if imposed:
        return "imposed", ""
    if code in THREAT_STAGE_OUTCOMES:
        return THREAT_STAGE_OUTCOMES[code], ""
    return None, "post_imposition_outcome_without_imposition"


EPISODE_RULE: Final = (
    "one episode = cases linked by the same start date (year, month and day all coded) or "
    "by the same primary sender, target and start year (connected components)"
)


def episodes(starts: Sequence[str], dyad_years: Sequence[str]) -> NDArray[np.int64]:
    """Episode number of each case (:data:`EPISODE_RULE`): ``starts`` are full start dates
    ("" when not fully coded), ``dyad_years`` "sender-target-year" keys."""
    parent = list(range(len(starts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for keys in (starts, dyad_years):
        first: dict[str, int] = {}
        for i, key in enumerate(keys):
            if not key:
                continue
            if key in first:
                parent[root(i)] = root(first[key])
            else:
                first[key] = i
    roots = [root(i) for i in range(len(starts))]
    _, numbers = np.unique(roots, return_inverse=True)
    out: NDArray[np.int64] = numbers.astype(np.int64)
    return out


def _start(row: Mapping[str, str]) -> str:
    year, month, day = (_int(row.get(c)) for c in ("startyear", "startmonth", "startday"))
    if year is None or month is None or day is None:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def _dyad_year(row: Mapping[str, str]) -> str:
    parts = [_int(row.get(c)) for c in ("primarysender", "targetstate", "startyear")]
    return "" if any(p is None for p in parts) else "-".join(str(p) for p in parts)


def code_case(row: Mapping[str, str]) -> dict[str, str]:
    """Feature levels of one TIES row (see coercion_spec.FEATURES)."""
    year = _int(row["startyear"])
    types = _codes(row["sanctiontypethreat"])
    groups = {THREAT_TYPE_GROUPS[c] for c in types if c in THREAT_TYPE_GROUPS}
    levels: dict[str, str] = {
        "sender_major": _sender_major(row, year),
        "target_major": _major(_int(row["targetstate"]), year),
        "issue": ISSUE_GROUPS.get(_int(row["issue1"]) or 0, MISSING),
        "specific": SPECIFIC.get(_int(row["bspecif"]) or 0, MISSING),
        "commitment": COMMITMENT.get(_int(row["scommit"]) or 0, MISSING),
        "target_costs": TARGET_COSTS.get(_int(row["anticipatedtargetcosts"]) or 0, MISSING),
        "sender_costs": SENDER_COSTS.get(_int(row["anticipatedsendercosts"]) or 0, MISSING),
        "multilateral": _multilateral(row),
    }
    for group in ("trade", "financial", "embargo", "other"):
        levels[f"threat_{group}"] = MISSING if not groups else ("yes" if group in groups else "no")
    return levels


def _sender_major(row: Mapping[str, str], year: int | None) -> str:
    senders = [_int(row.get(c)) for c in SENDER_COLUMNS]
    known = [s for s in senders if s is not None]
    if year is None:
        return MISSING
    if known:
        return "yes" if any(is_major_cow(s, year) for s in known) else "no"
    # An institution acting alone (no state codes) is not a major power.
    return "no" if _int(row["institution"]) == 1 else MISSING


def _major(cow: int | None, year: int | None) -> str:
    if cow is None or year is None:
        return MISSING
    return "yes" if is_major_cow(cow, year) else "no"


def _multilateral(row: Mapping[str, str]) -> str:
    if row["sender2"].strip() or _int(row["institution"]) == 1:
        return "yes"
    if _int(row["institution"]) == 0:
        return "no"
    return MISSING


def _read_rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="latin-1", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            if missing:
                raise UserError(f"{path}: not a TIES v4 CSV, missing columns: {', '.join(missing)}")
            return [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, expected the TIES CSV file") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: not a readable CSV file ({exc})") from None


def _int(text: str | None) -> int | None:
    """A TIES numeric cell (``"2.0"``, ``"13"``, ``""``) as an int, None when blank/odd."""
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def _codes(text: str) -> list[int]:
    """Space-separated TIES codes (``"1 4"``) as ints."""
    out = []
    for part in text.split():
        value = _int(part)
        if value is not None:
            out.append(value)
    return out
