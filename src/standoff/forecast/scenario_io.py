"""Read scenario files: YAML (the documented format) and KTAB / BDM CSV.

Every error is a :class:`~standoff.errors.UserError` naming the file and the
line at fault. YAML is composed into its node tree first, so each value keeps
the line it was written on; pydantic errors are mapped back to those lines.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from standoff.errors import UserError
from standoff.forecast.scenario import CAPABILITY_MAX, CAPABILITY_MIN, Scenario
from standoff.userfiles import compose_yaml, construct, read_text

Loc = tuple[str | int, ...]


def load_scenario(path: Path) -> Scenario:
    """Read a scenario file; the format follows the suffix (.yaml/.yml or .csv)."""
    path = Path(path)
    text = read_text(path, "scenario file")
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return parse_yaml_scenario(text, str(path))
    if suffix in {".csv", ".txt"}:
        return parse_csv_scenario(text, str(path))
    raise UserError(f"{path}: unknown scenario format (expected .yaml, .yml or .csv)")


# --------------------------------------------------------------------------- YAML


def _plain(node: yaml.Node, loc: Loc, lines: dict[Loc, int], origin: str) -> Any:
    """Turn a composed YAML node into plain Python, recording each value's line (1-based)."""
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _plain(key_node, loc + ("<key>",), lines, origin)
            if not isinstance(key, str | int | float | bool):
                raise UserError(f"{origin}:{key_node.start_mark.line + 1}: a key must be a name")
            key = str(key)
            if key in out:
                raise UserError(f"{origin}:{key_node.start_mark.line + 1}: duplicate key {key!r}")
            out[key] = _plain(value_node, loc + (key,), lines, origin)
            lines[loc + (key,)] = key_node.start_mark.line + 1  # report the key's line
        lines.pop(loc + ("<key>",), None)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v, loc + (k,), lines, origin) for k, v in enumerate(node.value)]
    return construct(node, origin)


def _line(lines: dict[Loc, int], loc: Loc) -> int:
    """The line of the deepest recorded prefix of ``loc``."""
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return 1


def parse_yaml_scenario(text: str, origin: str = "<scenario>") -> Scenario:
    """Parse and validate a YAML scenario; errors name ``origin`` and the line."""
    # aliases bounded and self-references refused before _plain expands anything
    nodes = compose_yaml(text, origin)
    if not nodes:
        raise UserError(f"{origin}:1: the scenario file is empty")
    if len(nodes) > 1:
        raise UserError(f"{origin}:{nodes[1].start_mark.line + 1}: one scenario a file")
    node = nodes[0]
    lines: dict[Loc, int] = {}
    data = _plain(node, (), lines, origin)
    if not isinstance(data, dict):
        raise UserError(f"{origin}:1: a scenario is a mapping with actors, issues and stances")
    data.setdefault("origin", origin)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        field = ".".join(str(p) for p in loc)
        raise UserError(f"{origin}:{_line(lines, loc)}: {field}: {first['msg']}") from None
    check_references(scenario, lambda loc: f"{origin}:{_line(lines, loc)}")
    return scenario


def check_references(scenario: Scenario, where: Any) -> None:
    """Names must be declared once; every issue needs a stance. ``where(loc)`` -> 'file:line'."""
    codes = [a.code for a in scenario.actors]
    issue_ids = [i.id for i in scenario.issues]
    for label, names, key in (("actor", codes, "actors"), ("issue", issue_ids, "issues")):
        seen: set[str] = set()
        for k, name in enumerate(names):
            if name in seen:
                raise UserError(f"{where((key, k))}: {label} {name!r} is declared twice")
            seen.add(name)
    known_issues = set(issue_ids)
    for actor, by_issue in scenario.stances.items():
        if actor not in set(codes):
            raise UserError(
                f"{where(('stances', actor))}: unknown actor {actor!r} "
                f"(declare it under 'actors'; known: {', '.join(codes)})"
            )
        for issue in by_issue:
            if issue not in known_issues:
                raise UserError(
                    f"{where(('stances', actor, issue))}: unknown issue {issue!r} for actor "
                    f"{actor!r} (known: {', '.join(issue_ids)})"
                )
    for k, issue in enumerate(issue_ids):
        if not any(issue in by_issue for by_issue in scenario.stances.values()):
            raise UserError(f"{where(('issues', k))}: issue {issue!r} has no stance from any actor")


# --------------------------------------------------------------------------- CSV


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Non-blank CSV rows with their line numbers, cells stripped, trailing empties dropped."""
    out: list[tuple[int, list[str]]] = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in row]
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            out.append((number, cells))
    return out


def _number(cell: str, where: str, what: str) -> float:
    try:
        value = float(cell)
    except ValueError:
        raise UserError(f"{where}: {what} {cell!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise UserError(f"{where}: {what} must be a finite number")
    return value


def parse_csv_scenario(text: str, origin: str = "<scenario>") -> Scenario:
    """Read KTAB's CSV format or the 4-column BDM format (actor, capability, position, salience).

    KTAB: line 1 ``name,desc,nActors,nDims``; line 2 a header; then one row per actor
    ``actor,desc,capability,position1,salience1,...`` on 0-100. KTAB saliences are
    read as given (0-100). BDM files with saliences on 0-1 are scaled to 0-100.
    """
    rows = _rows(text)
    if not rows:
        raise UserError(f"{origin}:1: the scenario file is empty")
    _line, first = rows[0]
    if len(first) >= 4 and _is_int(first[2]) and _is_int(first[3]):
        return _parse_ktab(rows, origin)
    return _parse_bdm(rows, origin)


def _is_int(cell: str) -> bool:
    return cell.strip().isdigit()


def _parse_ktab(rows: list[tuple[int, list[str]]], origin: str) -> Scenario:
    line, head = rows[0]
    n_actors, n_dims = int(head[2]), int(head[3])
    if n_dims < 1 or n_actors < 1:
        raise UserError(f"{origin}:{line}: KTAB header needs at least one actor and one dimension")
    if len(rows) < 2:
        raise UserError(f"{origin}:{line}: KTAB file has no header row")
    header_line, header = rows[1]
    dims = [header[3 + 2 * d] if len(header) > 3 + 2 * d else f"dim{d + 1}" for d in range(n_dims)]
    body = rows[2:]
    if len(body) != n_actors:
        raise UserError(
            f"{origin}:{line}: the header announces {n_actors} actors, the file has {len(body)}"
        )
    issues = [{"id": f"dim{d + 1}", "name": _dim_name(dims[d])} for d in range(n_dims)]
    actors: list[dict[str, Any]] = []
    stances: dict[str, dict[str, dict[str, float]]] = {}
    for number, cells in body:
        where = f"{origin}:{number}"
        if len(cells) != 3 + 2 * n_dims:
            raise UserError(
                f"{where}: expected {3 + 2 * n_dims} cells (actor, description, capability, "
                f"then position and salience for {n_dims} dimensions), found {len(cells)}"
            )
        code = cells[0]
        if code in stances:
            raise UserError(f"{where}: actor {code!r} appears twice")
        capability = _number(cells[2], where, "capability")
        _check_capability(capability, where)
        actors.append({"code": code, "name": cells[1], "capability": capability})
        stances[code] = {}
        for d in range(n_dims):
            pos = _number(cells[3 + 2 * d], where, f"position on {dims[d]}")
            sal = _number(cells[4 + 2 * d], where, f"salience on {dims[d]}")
            _check_range(pos, where, f"position on {dims[d]}")
            _check_range(sal, where, f"salience on {dims[d]}")
            stances[code][f"dim{d + 1}"] = {"position": pos, "salience": sal}
    return _validated(
        {
            "name": head[0],
            "description": head[1],
            "actors": actors,
            "issues": issues,
            "stances": stances,
            "origin": origin,
        },
        origin,
    )


def _dim_name(header: str) -> str:
    for suffix in (" Position", "Position", "Pstn"):
        header = header.replace(suffix, "")
    return header.strip() or "dimension"


def _check_capability(value: float, where: str) -> None:
    if not CAPABILITY_MIN <= value <= CAPABILITY_MAX:
        raise UserError(
            f"{where}: capability {value:g} is outside {CAPABILITY_MIN:g}-{CAPABILITY_MAX:g} "
            "(any unit; only ratios matter)"
        )


def _check_range(value: float, where: str, what: str) -> None:
    if not 0.0 <= value <= 100.0:
        raise UserError(f"{where}: {what} {value:g} is outside 0-100")


def _parse_bdm(rows: list[tuple[int, list[str]]], origin: str) -> Scenario:
    header_line, header = rows[0]
    if len(header) != 4:
        raise UserError(
            f"{origin}:{header_line}: expected a KTAB header (name,desc,nActors,nDims) or four "
            "columns actor,capability,position,salience"
        )
    parsed: list[tuple[str, str, float, float, float]] = []
    for number, cells in rows[1:]:
        where = f"{origin}:{number}"
        if len(cells) != 4:
            raise UserError(f"{where}: expected 4 cells (actor, capability, position, salience)")
        parsed.append(
            (
                where,
                cells[0],
                _number(cells[1], where, "capability"),
                _number(cells[2], where, "position"),
                _number(cells[3], where, "salience"),
            )
        )
    if not parsed:
        raise UserError(f"{origin}:{header_line}: no actor rows")
    # BDM files use saliences on 0-1 or 0-100, positions on any range: bring both to 0-100.
    sal_scale = 100.0 if max(p[4] for p in parsed) <= 1.0 else 1.0
    positions = [p[3] for p in parsed]
    lo, hi = min(positions), max(positions)
    pos_scale = 100.0 if hi <= 1.0 and lo >= 0.0 else 1.0
    actors, stances = [], {}
    for where, code, cap, pos, sal in parsed:
        _check_capability(cap, where)
        _check_range(pos * pos_scale, where, "position")
        _check_range(sal * sal_scale, where, "salience")
        if code in stances:
            raise UserError(f"{where}: actor {code!r} appears twice")
        actors.append({"code": code, "name": code, "capability": cap})
        stances[code] = {"issue": {"position": pos * pos_scale, "salience": sal * sal_scale}}
    return _validated(
        {
            "name": Path(origin).stem,
            "actors": actors,
            "issues": [{"id": "issue"}],
            "stances": stances,
            "origin": origin,
        },
        origin,
    )


def _validated(data: dict[str, Any], origin: str) -> Scenario:
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise UserError(f"{origin}: {field}: {first['msg']}") from None
    check_references(scenario, lambda loc: origin)
    return scenario
