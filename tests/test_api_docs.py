"""docs/tables.md is generated from the code's schemas; docs/api.md runs as a doctest
(pytest collects it: see testpaths in pyproject.toml)."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _gen() -> Any:
    spec = importlib.util.spec_from_file_location(
        "gen_table_docs", ROOT / "scripts" / "gen_table_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_table_docs_are_current() -> None:
    """docs/tables.md equals a fresh generation (run scripts/gen_table_docs.py)."""
    gen = _gen()
    assert (ROOT / "docs" / "tables.md").read_text(encoding="utf-8") == gen.render()
    assert gen.main(["--check"]) == 0


def test_api_page_is_collected_as_a_doctest() -> None:
    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"][
        "ini_options"
    ]
    assert "docs/api.md" in options["testpaths"]
    assert "--doctest-glob=api.md" in options["addopts"]
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert page.count(">>> ") > 20
