"""Who pays for secondary measures: trade a third country exposes to a secondary tariff.

For a threat of secondary tariffs at rate r on the target's customers, each
third party's goods exports to the sender are the trade exposed, and
``r x exports`` is the tariff bill at today's volumes (a first-order figure:
no trade diversion, no price response, the tariff on all goods; see
docs/models/secondary-exposure.md). Figures come from the bundled table
``data/exposure/energy-trade.yaml``, each with its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np

from standoff.errors import UserError
from standoff.model import ExposureRow, Interval, ThreatRecord
from standoff.read.actors import country_of
from standoff.userfiles import load_yaml, read_text

DEFAULT_TABLE_PATH: Final = (
    Path(__file__).resolve().parents[1] / "data" / "exposure" / "energy-trade.yaml"
)
MODEL_CARD: Final = "docs/models/secondary-exposure.md"
# Used when the threat states no rate: the secondary tariff actually imposed in
# the founding case (25% on India, 6 Aug 2025). Documented in the model card.
DEFAULT_RATE: Final = 0.25
LEVEL: Final = 0.9

RATE_PATTERN: Final = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
TARIFF_WORDS: Final = re.compile(r"tariff|dut(y|ies)|levy|levies", re.IGNORECASE)


@dataclass(frozen=True)
class TradeFigure:
    """Goods exports of one country to one partner, USD per year (low == high for a point)."""

    low: float
    high: float
    year: int
    as_stated: str
    source: str
    estimate: bool

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class CountryEntry:
    """One country of the table: its exports by partner and its energy purchases by seller."""

    code: str
    name: str
    exports_to: dict[str, TradeFigure]
    energy_from: dict[str, list[dict[str, Any]]]


ExposureTable = dict[str, CountryEntry]


def load_table(path: Path = DEFAULT_TABLE_PATH) -> ExposureTable:
    """Read and check an exposure table (YAML). UserError naming the file if it is bad."""
    document = load_yaml(read_text(path, "exposure table"), str(path))
    if not isinstance(document, dict) or not isinstance(document.get("countries"), dict):
        raise UserError(f"{path}: expected a top-level 'countries' mapping")
    return {code: _entry(path, code, body) for code, body in document["countries"].items()}


def _entry(path: Path, code: str, body: Any) -> CountryEntry:
    where = f"{path}: countries.{code}"
    if not isinstance(body, dict):
        raise UserError(f"{where}: expected a mapping")
    exports: dict[str, TradeFigure] = {}
    for partner, fig in (body.get("exports_to") or {}).items():
        try:
            low = float(fig.get("usd_low", fig.get("usd")))
            high = float(fig.get("usd_high", fig.get("usd")))
            exports[partner] = TradeFigure(
                low,
                high,
                int(fig["year"]),
                str(fig["as_stated"]),
                str(fig["source"]),
                bool(fig.get("estimate", False)),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UserError(
                f"{where}.exports_to.{partner}: needs usd (or usd_low/usd_high), year, "
                f"as_stated and source ({exc})"
            ) from None
        if not 0 <= low <= high:
            raise UserError(f"{where}.exports_to.{partner}: needs 0 <= usd_low <= usd_high")
    energy = body.get("energy_from") or {}
    for seller, figures in energy.items():
        if not isinstance(figures, list) or not all(
            isinstance(f, dict) and "figure" in f and "source" in f for f in figures
        ):
            raise UserError(f"{where}.energy_from.{seller}: needs a list of figure/source items")
    return CountryEntry(code, str(body.get("name", code)), exports, energy)


_DEFAULT_TABLE: ExposureTable | None = None


def default_table() -> ExposureTable:
    """The bundled table, read once."""
    global _DEFAULT_TABLE
    if _DEFAULT_TABLE is None:
        _DEFAULT_TABLE = load_table()
    return _DEFAULT_TABLE


def tariff_rate(threat: ThreatRecord) -> tuple[float, str]:
    """The tariff rate the threat states (fraction) and where it was read, else the default."""
    for text in threat.measures:
        if TARIFF_WORDS.search(text):
            hit = RATE_PATTERN.search(text)
            if hit:
                return float(hit.group(1)) / 100, f"stated in the measures: {text!r}"
    return DEFAULT_RATE, f"no rate stated; default {DEFAULT_RATE:.0%} (see {MODEL_CARD})"


def exposure(
    threat: ThreatRecord,
    rate: float | None = None,
    table: ExposureTable | Path | None = None,
    draws: int = 0,
    seed: int | None = None,
) -> list[ExposureRow]:
    """Trade each third party of ``threat`` exposes to a secondary tariff at ``rate``.

    ``rate`` is a fraction (1.0 = 100%); None reads it from the threat's
    measures (:func:`tariff_rate`). Third parties are the threat's own; if it
    names none, every country of the table that buys energy from the target.
    ``exports_to_sender_usd`` is the trade exposed (midpoint if a range);
    ``exposed_usd`` the tariff bill ``rate x exports``: for a range, low/high
    are its ends (draws = 0) or the 5%/95% quantiles of ``draws`` uniform draws.
    """
    if rate is None:
        rate, _ = tariff_rate(threat)
    if not 0 <= rate or not np.isfinite(rate):
        raise UserError(f"tariff rate must be a non-negative fraction, got {rate}")
    if draws < 0:
        raise UserError(f"draws must be 0 or more, got {draws}")
    entries = (
        table
        if isinstance(table, dict)
        else (load_table(table) if table is not None else default_table())
    )
    sender = country_of(threat.sender)
    target = country_of(threat.target)
    parties = [country_of(c) for c in threat.third_parties] or [
        code for code, entry in entries.items() if target in entry.energy_from
    ]
    rng = np.random.default_rng(seed)
    rows = []
    for code in parties:
        entry = entries.get(code)
        figure = entry.exports_to.get(sender) if entry else None
        energy = entry.energy_from.get(target, []) if entry else []
        sources = [f"{f['source']}: {f['figure']}" for f in energy]
        exposed = None
        exports = None
        if figure is not None:
            exports = figure.mid
            exposed = _tariff_bill(figure, rate, draws, rng)
            flag = " (estimate)" if figure.estimate else ""
            sources.insert(0, f"{figure.source}: {figure.as_stated}{flag}")
        rows.append(
            ExposureRow(
                threat_id=threat.id,
                country=code,
                rate=rate,
                exports_to_sender_usd=exports,
                energy_from_target="; ".join(f["figure"] for f in energy) or None,
                exposed_usd=exposed,
                sources=sources,
            )
        )
    return rows


def _tariff_bill(
    figure: TradeFigure, rate: float, draws: int, rng: np.random.Generator
) -> Interval:
    if draws == 0 or figure.low == figure.high:
        return Interval(
            mean=rate * figure.mid, low=rate * figure.low, high=rate * figure.high, level=LEVEL
        )
    sample = rate * rng.uniform(figure.low, figure.high, size=draws)
    low, high = np.quantile(sample, [(1 - LEVEL) / 2, (1 + LEVEL) / 2])
    mean = float(sample.mean())
    return Interval(mean=mean, low=min(float(low), mean), high=max(float(high), mean), level=LEVEL)
