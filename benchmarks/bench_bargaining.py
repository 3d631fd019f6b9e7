"""Speed of the bargaining models, each beside the plain weighted mean in the same run.

Rows:
- expected-utility rounds per second for 10, 40, 160 and 1,000 actors on 6 issues, for
  160 and 1,000 both with the numba-compiled round and the numpy one (the baseline of
  the compiled round; compiled once before timing)
  (seeded random scenarios: positions and saliences uniform on 0-100, capability
  uniform on 1-100), beside weighted-mean predictions per second on the same arrays;
  wall seconds are the best of a few runs (the least disturbed by other load on the
  shared machine), CPU seconds those of one more run;
- Monte Carlo draws per second on the reference scenario (all forecast models per
  draw), beside draws per second of the weighted mean alone.

Run: ``.venv/bin/python benchmarks/bench_bargaining.py`` (or ``make bench``).
Writes benchmarks/out/bench_bargaining.json.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from standoff.forecast import expected_utility, reference_scenario
from standoff.forecast.bargaining import WeightedMean
from standoff.forecast.expected_utility import ExpectedUtility
from standoff.forecast.models import default_models
from standoff.forecast.montecarlo import simulate
from standoff.forecast.scenario import ScenarioArrays

OUT = Path(__file__).parent / "out" / "bench_bargaining.json"
ISSUES = 6


def random_arrays(n: int, m: int = ISSUES, seed: int = 0) -> ScenarioArrays:
    rng = np.random.default_rng(seed)
    return ScenarioArrays(
        actors=[f"A{j}" for j in range(n)],
        issues=[f"I{k}" for k in range(m)],
        position=rng.uniform(0, 100, (m, n)),
        salience=rng.uniform(0, 100, (m, n)),
        capability=np.broadcast_to(rng.uniform(1, 100, n), (m, n)).copy(),
        present=np.ones((m, n), dtype=bool),
        position_sd=np.zeros((m, n)),
        salience_sd=np.zeros((m, n)),
        capability_cv=np.zeros((m, n)),
    )


def best_of(fn: Callable[[], object], repeats: int) -> float:
    """The fastest of ``repeats`` wall-clock timings (seconds): the least disturbed by load."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def cpu_of(fn: Callable[[], object]) -> float:
    """CPU seconds of one call (this process): less sensitive to a shared machine's load."""
    start = time.process_time()
    fn()
    return time.process_time() - start


# (actors, rounds, timed repeats, engine): the compiled round beside the numpy one as the
# in-run baseline of the speed-up; "auto" is what callers get (numpy for small runs)
EU_CASES = (
    (10, 100, 3, "auto"),
    (40, 100, 3, "auto"),
    (160, 100, 3, "compiled"),
    (160, 100, 2, "numpy"),
    (1000, 20, 2, "compiled"),
    (1000, 3, 1, "numpy"),
)


def main() -> None:
    rows: list[dict[str, object]] = []
    # compile (or load the compiled round from numba's cache) before any timing
    expected_utility.ENGINE = "compiled"
    ExpectedUtility(rounds=1).run(random_arrays(5))
    for n, rounds, repeats, engine in EU_CASES:
        expected_utility.ENGINE = engine  # type: ignore[assignment]
        a = random_arrays(n)
        eu = ExpectedUtility(rounds=rounds)
        t_eu = best_of(lambda eu=eu, a=a: eu.run(a), repeats)
        cpu_eu = cpu_of(lambda eu=eu, a=a: eu.run(a))
        wm = WeightedMean()
        calls = 2000
        t_wm = best_of(lambda wm=wm, a=a, k=calls: [wm.predict(a) for _ in range(k)], 3)
        rows.append(
            {
                "case": f"EU {engine}, {n} actors x {ISSUES} issues",
                "rounds": rounds,
                "seconds": t_eu,
                "cpu_seconds": cpu_eu,
                "per_second": rounds / t_eu,
                "ms_each": 1000 * t_eu / rounds,
                "unit": "rounds/s",
                "baseline_per_second": calls / t_wm,
                "baseline_unit": "weighted-mean predictions/s",
            }
        )
    expected_utility.ENGINE = "auto"
    ref = reference_scenario().arrays()
    draws = 512
    t_mc = best_of(lambda: simulate(ref, default_models(), draws, seed=0), 2)
    t_mc_wm = best_of(lambda: simulate(ref, [WeightedMean()], draws, seed=0), 2)
    rows.append(
        {
            "case": "Monte Carlo, reference scenario, 4 models",
            "rounds": draws,
            "seconds": t_mc,
            "cpu_seconds": cpu_of(lambda: simulate(ref, default_models(), draws, seed=0)),
            "per_second": draws / t_mc,
            "ms_each": 1000 * t_mc / draws,
            "unit": "draws/s",
            "baseline_per_second": draws / t_mc_wm,
            "baseline_unit": "draws/s, weighted mean alone",
        }
    )
    print(
        f"{'case':42}{'n':>5}{'wall s':>8}{'cpu s':>8}{'ms each':>9}{'speed':>11}  {'unit':9}"
        f"{'baseline':>10}  unit"
    )
    for r in rows:
        print(
            f"{r['case']:42}{r['rounds']:>5}{r['seconds']:>8.3f}{r['cpu_seconds']:>8.3f}"
            f"{r['ms_each']:>9.2f}{r['per_second']:>11,.1f}  {r['unit']:9}"
            f"{r['baseline_per_second']:>10,.0f}  {r['baseline_unit']}"
        )
    # n counts rounds (EU) or draws (Monte Carlo); "ms each" is wall ms per round / draw
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
