"""Threat-outcome predictions per second, beside the base-rate lookup in the same run.

Measures (single process, one thread of work):

* baseline - the base-rate forecast: the TIES class frequencies, looked up;
* model arithmetic - the probabilities of an already coded threat (its unknown
  features averaged over their TIES levels);
* predict_threat, point - coding the threat (with reasons) and the point estimate;
* predict_threat, 1000 draws - the same with 1000 coefficient draws for intervals.

Run: ``.venv/bin/python benchmarks/bench_coercion.py`` (also run by ``make bench``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from standoff.forecast.coercion import base_rates, code_features, predict_threat
from standoff.forecast.coercion_model import load_model
from standoff.model import DatePrecision, ResolvedDate, ThreatRecord

OUT = Path(__file__).parent / "out" / "bench_coercion.json"

THREAT = ThreatRecord(
    id="bench",
    sender="USA",
    target="RUS",
    third_parties=["CHN", "IND"],
    demand="agree to a ceasefire in Ukraine",
    measures=["secondary tariffs of about 100% on buyers of Russian oil"],
    deadline=ResolvedDate(value=date(2025, 9, 2), precision=DatePrecision.DAY, text="50 days"),
)


def rate(fn: Callable[[], object], min_seconds: float = 1.0) -> tuple[float, int]:
    """Calls per second of ``fn`` over at least ``min_seconds`` (and the call count)."""
    fn()  # warm: load the JSON, compile regexes
    calls, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < min_seconds:
        fn()
        calls += 1
    return calls / elapsed, calls


def main() -> int:
    model = load_model()
    rates = base_rates(model)
    coding = {f.name: str(f.value) for f in code_features(THREAT)}
    cases = {
        "baseline: base-rate lookup": lambda: dict(rates),
        "model arithmetic (coded threat)": lambda: model.mixture_probabilities(coding),
        "predict_threat, point": lambda: predict_threat(THREAT, model=model),
        "predict_threat, 1000 draws": lambda: predict_threat(THREAT, model=model, draws=1000,
                                                             seed=1),
    }
    results = {}
    print(f"{'case':32}{'per second':>14}{'calls':>8}{'x baseline':>12}")
    base = None
    for name, fn in cases.items():
        per_second, calls = rate(fn)
        base = base or per_second
        results[name] = {"per_second": per_second, "calls": calls}
        print(f"{name:32}{per_second:>14,.0f}{calls:>8}{per_second / base:>12.2g}")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
