"""The shipped table of national capabilities (COW NMC CINC), read once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from standoff.read.actors import country_of

TABLE = Path(__file__).resolve().parent.parent / "data" / "capabilities" / "cinc.yaml"


@lru_cache(maxsize=1)
def _table() -> dict[str, object]:
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def capability(code: str) -> float | None:
    """CINC share of ``code`` (an ISO alpha-3 code, optionally with a sector suffix, or an IGO).

    IGOs listed under ``groups`` get the sum of their members' values. None if unknown.
    """
    data = _table()
    values: dict[str, float] = data["values"]  # type: ignore[assignment]
    groups: dict[str, list[str]] = data.get("groups", {})  # type: ignore[assignment]
    if code in values:
        return float(values[code])
    if code in groups:
        return float(sum(values.get(m, 0.0) for m in groups[code]))
    country = country_of(code)  # RUSGOV -> RUS; an IGO (OPEC) is no country's
    if country != code and country in values:
        return float(values[country])
    return None


def citation() -> str:
    """The table's source line, for comments and model cards."""
    return str(_table()["source"])
