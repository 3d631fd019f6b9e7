"""The cluster bootstrap of mean losses: intervals that respect groups of related cases.

Backtests score many cases that are not independent (the issues of one EU proposal,
the TIES threats of one episode). Resampling single cases would treat them as
independent and give intervals too narrow, so whole clusters are resampled: each
draw picks as many clusters as there are, with replacement, and takes the mean loss
over every case of the clusters picked (a cluster picked twice counts twice).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

LEVEL = 0.95  # coverage of the intervals reported by the backtests
DRAWS = 2000  # bootstrap draws: the percentile ends move by ~0.01 point of MAE between seeds


@dataclass(frozen=True)
class Estimate:
    """A point estimate and its percentile bootstrap interval (``level`` coverage)."""

    value: float
    low: float
    high: float
    level: float = LEVEL

    def excludes_zero(self) -> bool:
        """Whether the interval lies wholly on one side of 0 (a difference shown)."""
        return self.low > 0 or self.high < 0


def cluster_bootstrap_means(
    losses: NDArray[np.float64],
    clusters: NDArray[np.generic],
    draws: int = DRAWS,
    seed: int = 0,
) -> NDArray[np.float64]:
    """Bootstrap means of ``losses`` (cases, columns) resampling whole ``clusters`` (cases,).

    Returns an array (draws, columns): row b is the mean loss of each column over the
    cases of the clusters picked in draw b. Every column is resampled with the same
    clusters, so differences between columns keep their pairing.
    """
    values = np.asarray(losses, dtype=float)
    if values.ndim == 1:
        values = values[:, None]
    if values.shape[0] != len(clusters) or values.shape[0] == 0:
        raise ValueError("losses and clusters must have the same, non-zero, number of cases")
    if draws < 1:
        raise ValueError(f"draws must be positive, got {draws}")
    _, index = np.unique(np.asarray(clusters), return_inverse=True)
    groups = int(index.max()) + 1
    sums = np.zeros((groups, values.shape[1]))
    np.add.at(sums, index, values)
    sizes = np.bincount(index, minlength=groups).astype(float)
    rng = np.random.default_rng(seed)
    picks = rng.multinomial(groups, np.full(groups, 1.0 / groups), size=draws)  # (draws, G)
    out: NDArray[np.float64] = (picks @ sums) / (picks @ sizes)[:, None]
    return out


def estimate(value: float, samples: NDArray[np.float64], level: float = LEVEL) -> Estimate:
    """``value`` with the percentile interval of its bootstrap ``samples`` (draws,)."""
    low, high = np.quantile(samples, [(1 - level) / 2, (1 + level) / 2])
    return Estimate(float(value), float(low), float(high), level)
