"""Read from TIES v4.1 how long each threat took to be carried out (days; never at runtime).

One :class:`Spell` per threat case (``threat`` = 1): the days from the threat's start
to the imposition of sanctions (``imposed`` True), or to the last day the case is known
to be still open (``imposed`` False, right-censored: an unresolved case may still be
imposed later). Cases resolved without imposition (``finaloutcome`` 1-5) are never at
risk after they end and are kept apart as ``resolved``: they belong to the outcome
model, not to the timing of impositions.

What TIES dates can support (checked against the file, see
docs/models/threat-timing.md): years are always coded; months almost always; days are
blank in some cases. A blank day is read as the 15th (error up to about two weeks); a
blank month leaves the case out (error up to a year). TIES has no deadline field, so
nothing here knows whether a threat set one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

from standoff.forecast.coercion_ties import _int, _read_rows

MID_MONTH: Final = 15  # the day assumed when TIES leaves the day blank
LAST_THREAT_STAGE_OUTCOME: Final = 5  # finaloutcome 1-5: ended at the threat stage


@dataclass(frozen=True)
class Spell:
    """One threat case: ``days`` from its start to imposition or censoring (>= 0)."""

    case_id: str
    start: date
    days: int
    imposed: bool
    imputed_day: bool  # a start or end day was blank and read as the 15th


@dataclass(frozen=True)
class TimingCases:
    """Spells of imposed and unresolved cases; resolved cases; counts of what was left out."""

    spells: list[Spell]
    resolved: list[Spell]  # ended without imposition: days to their end (never at risk after)
    excluded: dict[str, int] = field(default_factory=dict)


def load_timing(path: Path) -> TimingCases:
    """Spells of every TIES threat case of ``path`` (UserError naming the file if bad)."""
    spells: list[Spell] = []
    resolved: list[Spell] = []
    excluded = {
        "no_start_month": 0,
        "imposed_without_imposition_month": 0,
        "unresolved_without_a_later_date": 0,
        "resolved_without_end_date": 0,
        "end_before_start": 0,
        "post_imposition_outcome_without_imposition": 0,
    }
    for row in _read_rows(path):
        if _int(row["threat"]) != 1:
            continue
        spell, kind = spell_of(row)
        if spell is None:
            excluded[kind] += 1
        elif kind == "resolved":
            resolved.append(spell)
        else:
            spells.append(spell)
    return TimingCases(spells, resolved, excluded)


def spell_of(row: Mapping[str, str]) -> tuple[Spell | None, str]:
    """One case's spell and its kind (``imposed``, ``unresolved``, ``resolved``), or None
    and the reason it is left out (a key of :attr:`TimingCases.excluded`)."""
    start, start_imputed = _date(row, "startyear", "startmonth", "startday")
    if start is None:
        return None, "no_start_month"
    if _int(row["imposition"]) == 1:
        end, end_imputed = _date(
            row, "sancimpositionstartyear", "sancimpositionstartmonth", "sancimpositionstartday"
        )
        kind, reason = "imposed", "imposed_without_imposition_month"
    elif _int(row["finaloutcome"]) is None:
        # Unresolved: open at least until the ongoing-as-of date (else the end date).
        end, end_imputed = _date(row, "ongoingasofyear", "ongoingasofmonth", "ongoingasofday")
        if end is None:
            end, end_imputed = _date(row, "endyear", "endmonth", "endday")
        kind, reason = "unresolved", "unresolved_without_a_later_date"
    elif (_int(row["finaloutcome"]) or 0) > LAST_THREAT_STAGE_OUTCOME:
        return None, "post_imposition_outcome_without_imposition"  # contradicts itself
    else:
        end, end_imputed = _date(row, "endyear", "endmonth", "endday")
        kind, reason = "resolved", "resolved_without_end_date"
    if end is None:
        return None, reason
    days = (end - start).days
    if days < 0:
        return None, "end_before_start"
    spell = Spell(row["caseid"], start, days, kind == "imposed", start_imputed or end_imputed)
    return spell, kind


def _date(row: Mapping[str, str], year: str, month: str, day: str) -> tuple[date | None, bool]:
    """A TIES date from three cells; a blank day is the 15th (flagged), a blank month None."""
    y, m, d = _int(row.get(year)), _int(row.get(month)), _int(row.get(day))
    if y is None or m is None:
        return None, False
    try:
        return date(y, m, d or MID_MONTH), d is None
    except ValueError:  # a day past the month's end: read as mid-month too
        try:
            return date(y, m, MID_MONTH), True
        except ValueError:
            return None, False
