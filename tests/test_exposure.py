"""Secondary-tariff exposure: rates, figures, sources, ranges."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from standoff.errors import UserError
from standoff.forecast.exposure import (
    DEFAULT_RATE,
    default_table,
    exposure,
    load_table,
    tariff_rate,
)
from standoff.model import ThreatRecord


def threat(**changes: object) -> ThreatRecord:
    fields: dict[str, object] = {
        "id": "t1", "sender": "USA", "target": "RUS", "third_parties": ["IND"],
        "measures": ["a 25% tariff on Indian goods"],
    }
    fields.update(changes)
    return ThreatRecord.model_validate(fields)


def test_a_25_percent_tariff_on_india_costs_a_quarter_of_its_exports() -> None:
    figure = default_table()["IND"].exports_to["USA"]
    [row] = exposure(threat(), 0.25)
    assert row.country == "IND" and row.rate == 0.25
    assert row.exports_to_sender_usd == figure.mid
    assert row.exposed_usd is not None
    assert row.exposed_usd.mean == pytest.approx(0.25 * figure.mid)
    assert row.exposed_usd.low == row.exposed_usd.high == row.exposed_usd.mean
    assert row.sources and figure.source in row.sources[0]
    assert row.energy_from_target and "barrels a day" in row.energy_from_target


def test_every_figure_in_the_bundled_table_has_a_source_and_year() -> None:
    for entry in default_table().values():
        for figure in entry.exports_to.values():
            assert figure.source and figure.as_stated and 2000 < figure.year < 2100
        for figures in entry.energy_from.values():
            assert all(f["source"] and f["figure"] for f in figures)


@pytest.mark.parametrize(
    ("measures", "rate"),
    [
        (["100% secondary tariffs on buyers of Russian oil"], 1.0),
        (["a 25% tariff"], 0.25),
        (["tariffs of 12.5 per cent"], 0.125),
        (["sanctions and a 20% cut in aid", "tariffs"], DEFAULT_RATE),
        ([], DEFAULT_RATE),
    ],
)
def test_rate_is_read_from_the_measures_or_defaults(measures: list[str], rate: float) -> None:
    assert tariff_rate(threat(measures=measures))[0] == pytest.approx(rate)


def test_rate_none_reads_the_threat_and_no_third_parties_means_the_targets_buyers() -> None:
    rows = exposure(threat(third_parties=[], measures=["100% secondary tariffs"]))
    buyers = {c for c, e in default_table().items() if "RUS" in e.energy_from}
    assert {r.country for r in rows} == buyers
    assert all(r.rate == 1.0 for r in rows)
    for row in rows:
        assert row.exposed_usd is not None and row.exports_to_sender_usd is not None
        assert row.exposed_usd.mean == pytest.approx(row.exports_to_sender_usd)


def test_unknown_country_gives_an_empty_row_not_a_guess() -> None:
    [row] = exposure(threat(third_parties=["BRA"]), 0.5)
    assert row.exposed_usd is None and row.exports_to_sender_usd is None and row.sources == []


def write_table(tmp_path: Path, exports: dict[str, object]) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump({"countries": {"XYZ": {"name": "X", "exports_to": {
        "USA": exports}}}}))
    return path


def test_ranges_give_intervals_and_draws_are_seeded(tmp_path: Path) -> None:
    path = write_table(tmp_path, {"usd_low": 10e9, "usd_high": 20e9, "year": 2024,
                                  "as_stated": "10-20bn", "source": "S", "estimate": True})
    [row] = exposure(threat(third_parties=["XYZ"]), 0.5, table=path)
    assert row.exposed_usd is not None
    assert (row.exposed_usd.low, row.exposed_usd.mean, row.exposed_usd.high) == (5e9, 7.5e9, 10e9)
    assert "(estimate)" in row.sources[0]
    a = exposure(threat(third_parties=["XYZ"]), 0.5, table=path, draws=500, seed=3)
    b = exposure(threat(third_parties=["XYZ"]), 0.5, table=path, draws=500, seed=3)
    assert a == b
    assert a[0].exposed_usd is not None
    assert 5e9 <= a[0].exposed_usd.low < a[0].exposed_usd.high <= 10e9


def test_bad_tables_and_rates_raise_user_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="t.yaml: countries.XYZ.exports_to.USA"):
        load_table(write_table(tmp_path, {"usd": 1e9}))
    with pytest.raises(UserError, match="no such exposure table"):
        load_table(tmp_path / "absent.yaml")
    with pytest.raises(UserError, match="rate"):
        exposure(threat(), -0.1)
