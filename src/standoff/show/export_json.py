"""``standoff brief --json``: the Standoff and its Forecast as one JSON document."""

from __future__ import annotations

import json

from standoff.model import SCHEMA_VERSION, Forecast, Standoff


def brief_json(standoff: Standoff, forecast: Forecast | None = None, indent: int | None = 2) -> str:
    """``{"schema_version", "standoff", "forecast"}``; ``forecast`` is null when not run.

    Dates are ISO strings; enums their values (pydantic's JSON mode).
    """
    document = {
        "schema_version": SCHEMA_VERSION,
        "standoff": standoff.model_dump(mode="json"),
        "forecast": forecast.model_dump(mode="json") if forecast is not None else None,
    }
    return json.dumps(document, indent=indent, ensure_ascii=False)
