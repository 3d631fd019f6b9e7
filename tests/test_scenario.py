"""Scenario files: the YAML format, errors naming file and line, the KTAB and BDM readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from standoff.errors import UserError
from standoff.forecast import reference_scenario
from standoff.forecast.scenario_io import load_scenario, parse_yaml_scenario

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"

GOOD = """\
name: toy
actors:
  - {code: AAA, capability: 2}
  - {code: BBB, capability: 1}
issues:
  - {id: ceasefire, low: none, high: full}
stances:
  AAA:
    ceasefire: {position: 90, salience: 80}
  BBB:
    ceasefire: {position: 10, salience: 40}
"""


def test_good_scenario_arrays() -> None:
    s = parse_yaml_scenario(GOOD, "toy.yaml")
    a = s.arrays()
    assert a.actors == ["AAA", "BBB"] and a.issues == ["ceasefire"]
    assert a.position.tolist() == [[90.0, 10.0]]
    assert a.weight.tolist() == [[160.0, 40.0]]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("position: 10,", "position: 140,"), 11, "less than or equal to 100"),
        (GOOD.replace("salience: 80", "salience: -5"), 9, "greater than or equal to 0"),
        (GOOD.replace("  BBB:\n", "  CCC:\n"), 10, "unknown actor 'CCC'"),
        (GOOD.replace("    ceasefire: {position: 10", "    truce: {position: 10"), 11,
         "unknown issue 'truce'"),
        (GOOD.replace("  - {code: BBB, capability: 1}", "  - {code: BBB}"), 4, "capability"),
        (GOOD.replace("issues:\n", "issues:\n  - {id: nato}\n"), 6, "issue 'nato' has no stance"),
        (GOOD.replace("stances:", "stances: [1, 2"), 8, "malformed YAML"),
        (GOOD.replace("name: toy", "name: toy\nextra: 1"), 2, "extra"),
    ],
)
def test_errors_name_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(UserError) as err:
        parse_yaml_scenario(text, "toy.yaml")
    message = str(err.value)
    assert message.startswith(f"toy.yaml:{line}:"), message
    assert words.lower() in message.lower(), message
    assert "\n" not in message


def test_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such scenario file"):
        load_scenario(tmp_path / "none.yaml")
    other = tmp_path / "s.json"
    other.write_text("{}")
    with pytest.raises(UserError, match="unknown scenario format"):
        load_scenario(other)


def test_reference_scenario_loads_and_is_commented() -> None:
    s = reference_scenario()
    assert {a.code for a in s.actors} >= {"USA", "RUS", "UKR"}
    assert {i.id for i in s.issues} == {"ceasefire", "air_war", "territory", "nato", "sanctions"}
    text = (Path(__file__).resolve().parents[1] / "src/standoff/data/scenarios/us-russia-2025.yaml")
    lines = text.read_text().splitlines()
    # every stance line is preceded by a comment giving its evidence
    for k, line in enumerate(lines):
        if "{position:" in line:
            assert lines[k - 1].strip().startswith("#"), f"line {k + 1} has no evidence comment"


def test_ktab_csv(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text(
        "Toy ,desc,2,2,\n"
        "Actor,Description,Power,Pstn1,Sal1,Pstn2,Sal2,\n"
        "A, first, 10, 20, 30, 40, 50,\n"
        "B, second, 5, 60, 70, 80, 90,\n"
    )
    s = load_scenario(path)
    a = s.arrays()
    assert a.actors == ["A", "B"] and a.issues == ["dim1", "dim2"]
    assert a.position.tolist() == [[20, 60], [40, 80]]
    assert a.salience.tolist() == [[30, 70], [50, 90]]
    path.write_text(path.read_text().replace("60, 70", "60, 170"))
    with pytest.raises(UserError, match=r"k\.csv:4: salience .* outside 0-100"):
        load_scenario(path)
    path.write_text(path.read_text().replace("B, second, 5, 60, 170, 80, 90,", "B, second, 5, 60"))
    with pytest.raises(UserError, match=r"k\.csv:4: expected 7 cells"):
        load_scenario(path)


@pytest.mark.skipif(not (SHARED / "ktab").exists(), reason="shared data absent")
@pytest.mark.parametrize(("name", "actors", "dims"), [
    ("dummyData-a160.csv", 160, 1), ("dummyData_6Dim.csv", None, 6), ("SOE-Policy.csv", 26, 1),
])
def test_shared_ktab_files(name: str, actors: int | None, dims: int) -> None:
    s = load_scenario(SHARED / "ktab" / name)
    assert len(s.issues) == dims
    if actors is not None:
        assert len(s.actors) == actors


@pytest.mark.skipif(not (SHARED / "bdm").exists(), reason="shared data absent")
def test_bdm_csv_scales_to_0_100() -> None:
    s = load_scenario(SHARED / "bdm" / "HondurasCrisisData.csv")
    a = s.arrays()
    assert a.position.max() <= 100 and a.salience.max() == 100
