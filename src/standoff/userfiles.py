"""Files a user writes by hand (scenarios, gold files, actor dictionaries): read as
UTF-8 text, and YAML composed with its aliases bounded, every failure one clear line.

YAML lets one node be named (``&a``) and repeated (``*a``); a few lines of aliases
can stand for billions of nodes ("billion laughs": a scenario of 1 KB grew past
3.4 GB), and an alias inside its own anchor (``&a [*a]``) for an endless one.
PyYAML composes aliases as shared nodes without expanding them, so
:func:`compose_yaml` composes the document, then counts the nodes it would expand to
(each shared node counted as often as it is used) and refuses a document over
:data:`MAX_NODES` or one that contains itself, before anything expands it. A
document nested too deeply for the parser is refused the same way.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from standoff.errors import UserError

MAX_TEXT_BYTES = 5 * 1024 * 1024  # as an article: a hand-written file is far smaller
MAX_NODES = 200_000  # a large scenario or gold file has a few thousand


def read_text(path: Path, what: str = "file") -> str:
    """The UTF-8 text of a regular file of at most :data:`MAX_TEXT_BYTES`; UserError for
    a missing path, a folder, a device or pipe, a big, binary or non-UTF-8 file."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UserError(f"{path}: no such {what}") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise UserError(f"{path}: is a folder, not a {what}")
    if not stat.S_ISREG(info.st_mode):
        raise UserError(f"{path}: not a regular file (a device, pipe or socket)")
    if info.st_size > MAX_TEXT_BYTES:
        raise UserError(f"{path}: {info.st_size / 1024 / 1024:.1f} MB is too big for a {what}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if b"\x00" in data[:8192]:
        hint = " (UTF-16? save it as UTF-8)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise UserError(f"{path}: a binary file, not a {what}{hint}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None


def _where(origin: str, exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return f"{origin}:{mark.line + 1}" if mark is not None else origin


def _expanded_size(root: yaml.Node, origin: str, limit: int) -> int:
    """How many nodes ``root`` stands for once its aliases are expanded; UserError past
    ``limit`` or for a node that contains itself. Iterative: no recursion to exhaust."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[key] > limit:
                raise UserError(
                    f"{origin}:{node.start_mark.line + 1}: YAML aliases expand to over "
                    f"{limit:,} values; refused"
                )
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise UserError(
                f"{origin}:{node.start_mark.line + 1}: a YAML alias refers to a value "
                "that contains it; refused"
            )
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                raise UserError(
                    f"{origin}:{child.start_mark.line + 1}: a YAML alias refers to a value "
                    "that contains it; refused"
                )
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def compose_yaml(text: str, origin: str, limit: int = MAX_NODES) -> list[yaml.Node]:
    """The node trees of every document in ``text``, checked to expand to at most
    ``limit`` nodes each; UserError (``origin:line``) for malformed YAML."""
    try:
        nodes = [n for n in yaml.compose_all(text, Loader=yaml.SafeLoader) if n is not None]
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or exc.context
        raise UserError(f"{_where(origin, exc)}: malformed YAML ({problem})") from None
    except yaml.YAMLError as exc:
        raise UserError(f"{origin}: malformed YAML ({exc})") from None
    except RecursionError:
        raise UserError(f"{origin}: YAML nested too deeply") from None
    for node in nodes:
        _expanded_size(node, origin, limit)
    return nodes


def construct(node: yaml.Node, origin: str) -> Any:
    """Plain Python values of a checked node (yaml.SafeLoader's types); a value YAML
    recognises but cannot build (``2025-13-45`` looks like a date) is a UserError."""
    try:
        return yaml.SafeLoader("").construct_document(node)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        mark = getattr(exc, "problem_mark", None)
        bad = _first_bad_scalar(node)
        line = (mark or (bad or node).start_mark).line + 1
        what = f"{bad.value!r}: " if bad is not None else ""
        raise UserError(f"{origin}:{line}: bad value ({what}{exc})") from None
    except RecursionError:
        raise UserError(f"{origin}: YAML nested too deeply") from None


def _first_bad_scalar(root: yaml.Node) -> yaml.ScalarNode | None:
    """The first scalar under ``root`` that YAML cannot build on its own, for the message."""
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(node)  # type: ignore[no-untyped-call]
            except (yaml.YAMLError, ValueError, OverflowError):
                return node
        stack.extend(reversed(_children(node)))
    return None


def load_yaml_all(text: str, origin: str) -> list[Any]:
    """Every document of ``text`` as plain Python values, aliases bounded."""
    return [construct(node, origin) for node in compose_yaml(text, origin)]


def load_yaml(text: str, origin: str) -> Any:
    """The one document of ``text`` (None when empty), aliases bounded."""
    documents = load_yaml_all(text, origin)
    if len(documents) > 1:
        raise UserError(f"{origin}: expected one YAML document, found {len(documents)}")
    return documents[0] if documents else None
