"""Monte Carlo over a scenario's uncertain inputs, locally or on a Dask cluster.

Each draw perturbs every input independently (documented in docs/scenarios.md):

- position: Normal(x, position_sd), clipped to [0, 100];
- salience: Normal(s, salience_sd), clipped to [0, 100];
- capability: c x LogNormal with mean 1 and coefficient of variation ``capability_cv``,
  one factor per actor and draw (shared by all issues).

Draws run in fixed chunks of :data:`CHUNK` with seeds spawned from one
``numpy.random.SeedSequence(seed)``, so a run is reproduced exactly by
``(draws, seed)`` whether the chunks run here or on a cluster. Draws x issues are
stacked as rows, so each model runs once per chunk, vectorised.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from standoff.errors import UserError
from standoff.forecast.bargaining import BargainingModel
from standoff.forecast.scenario import ScenarioArrays
from standoff.model import Interval

CHUNK = 64
LEVEL = 0.9


def perturb(a: ScenarioArrays, rng: np.random.Generator, k: int) -> ScenarioArrays:
    """``k`` perturbed copies of ``a`` stacked as rows: shapes (k * issues, actors)."""
    m, n = a.position.shape
    # abs: the spreads are range-checked (>= 0), but a scenario's "-0.0" passes that
    # check and numpy refuses a scale with the sign bit set ("scale < 0")
    pos_sd, sal_sd = np.abs(a.position_sd), np.abs(a.salience_sd)
    pos = np.clip(rng.normal(a.position, pos_sd, size=(k, m, n)), 0.0, 100.0)
    sal = np.clip(rng.normal(a.salience, sal_sd, size=(k, m, n)), 0.0, 100.0)
    cv = a.capability_cv[0]  # per actor
    sigma = np.sqrt(np.log1p(cv**2))
    factor = np.exp(rng.normal(-(sigma**2) / 2, sigma, size=(k, n)))  # mean 1
    cap = a.capability[None] * factor[:, None, :]
    rows = k * m
    return ScenarioArrays(
        actors=a.actors,
        issues=[f"{i}#{d}" for d in range(k) for i in a.issues],
        position=pos.reshape(rows, n),
        salience=sal.reshape(rows, n),
        capability=cap.reshape(rows, n),
        present=np.broadcast_to(a.present, (k, m, n)).reshape(rows, n),
        position_sd=np.zeros((rows, n)),
        salience_sd=np.zeros((rows, n)),
        capability_cv=np.zeros((rows, n)),
    )


def run_chunk(
    a: ScenarioArrays, models: Sequence[BargainingModel], seed: np.random.SeedSequence, k: int
) -> NDArray[np.float64]:
    """Outcomes of ``k`` draws: shape (models, k, issues). Pure; runs on any worker."""
    rng = np.random.default_rng(seed)
    stacked = perturb(a, rng, k)
    m = a.position.shape[0]
    return np.stack([model.predict(stacked).reshape(k, m) for model in models])


def _chunks(draws: int, seed: int) -> list[tuple[np.random.SeedSequence, int]]:
    sizes = [min(CHUNK, draws - start) for start in range(0, draws, CHUNK)]
    children = np.random.SeedSequence(seed).spawn(len(sizes))
    return list(zip(children, sizes, strict=True))


def simulate(
    a: ScenarioArrays,
    models: Sequence[BargainingModel],
    draws: int,
    seed: int,
    scheduler: str | None = None,
) -> NDArray[np.float64]:
    """All draws' outcomes: shape (models, draws, issues); the same for local and cluster runs."""
    if draws <= 0:
        return np.zeros((len(models), 0, a.position.shape[0]))
    jobs = _chunks(draws, seed)
    if scheduler is None:
        parts = [run_chunk(a, models, s, k) for s, k in jobs]
    else:
        parts = _on_cluster(scheduler, a, models, jobs)
    out = np.concatenate(parts, axis=1)
    if not np.all(np.isfinite(out)):
        raise RuntimeError("a Monte Carlo draw produced a non-finite outcome")
    return out


def _on_cluster(
    address: str,
    a: ScenarioArrays,
    models: Sequence[BargainingModel],
    jobs: list[tuple[np.random.SeedSequence, int]],
) -> list[NDArray[np.float64]]:
    """Submit the chunks to the Dask scheduler at ``address``; results in chunk order."""
    from distributed import Client

    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UserError(f"--scheduler {address}: cannot reach a Dask scheduler ({exc})") from None
    try:
        scattered = client.scatter(a, broadcast=True)
        futures = [
            client.submit(run_chunk, scattered, list(models), s, k, pure=False) for s, k in jobs
        ]
        return list(client.gather(futures))
    finally:
        client.close()


def interval(
    samples: NDArray[np.float64], point: float, lo: float = 0.0, hi: float = 100.0
) -> Interval:
    """The central 90% interval of ``samples`` (its mean as ``mean``); the point if none."""
    if samples.size == 0:
        value = float(np.clip(point, lo, hi))
        return Interval(mean=value, low=value, high=value, level=LEVEL)
    tail = (1.0 - LEVEL) / 2
    low, high = np.quantile(samples, [tail, 1.0 - tail])
    mean = float(np.clip(samples.mean(), lo, hi))
    return Interval(
        mean=mean,
        low=float(np.clip(min(low, mean), lo, hi)),
        high=float(np.clip(max(high, mean), lo, hi)),
        level=LEVEL,
    )
