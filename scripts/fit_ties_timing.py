"""Re-derive the threat-timing model (src/standoff/data/coercion/ties-timing.json) from TIES.

Data: Morgan, Bapat and Kobayashi (2014), Threat and imposition of economic sanctions
1945-2005: updating the TIES dataset, Conflict Management and Peace Science 31(5):
541-558; TIES v4.1, read from ../shared/data/ties/ and never committed. The card is
docs/models/threat-timing.md.

Usage (from the repository root)::

    .venv/bin/python scripts/fit_ties_timing.py              # refit, write the JSON
    .venv/bin/python scripts/fit_ties_timing.py --check      # exit 1 if the JSON is stale
    .venv/bin/python scripts/fit_ties_timing.py --backtest   # grouped 10-fold back-test
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from standoff.files import write_text
from standoff.forecast.timing import DEFAULT_TIMING_PATH

ROOT = Path(__file__).resolve().parents[1]
TIES = Path("../shared/data/ties/TIESv4-1.csv")
COMMAND = "scripts/fit_ties_timing.py"


def fitted_figures(document: dict[str, Any]) -> dict[str, Any]:
    """The document without its fitting date (what --check compares)."""
    return {**document, "fitted": {k: v for k, v in document["fitted"].items() if k != "date"}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ties", type=Path, default=TIES, help="TIESv4-1.csv (Latin-1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_TIMING_PATH)
    parser.add_argument("--check", action="store_true", help="compare with the shipped JSON")
    parser.add_argument("--backtest", action="store_true", help="print the grouped back-test")
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.backtest:
        from standoff.forecast.timing_backtest import backtest_timing, format_scores

        scores = backtest_timing(args.ties, args.folds, args.seed)
        print(format_scores(scores, args.folds, args.seed))
        return 0
    from standoff.forecast.timing_fit import fit_timing

    document = fit_timing(args.ties, command=COMMAND)
    if args.check:
        shipped = json.loads(args.out.read_text(encoding="utf-8"))
        same = fitted_figures(shipped) == fitted_figures(document)
        print(f"{args.out}: {'current' if same else 'STALE: rerun ' + COMMAND}")
        return 0 if same else 1
    write_text(args.out, json.dumps(document, indent=1) + "\n")
    imposed, censored = document["n_imposed"], document["n_censored"]
    print(f"{imposed} impositions, {censored} censored; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
