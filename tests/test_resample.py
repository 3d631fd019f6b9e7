"""The cluster bootstrap behind the backtests' intervals."""

from __future__ import annotations

import numpy as np
import pytest

from standoff.forecast.resample import cluster_bootstrap_means, estimate


def test_whole_clusters_are_resampled() -> None:
    # three clusters whose cases share one loss each: every bootstrap mean must be a mean
    # over whole clusters (cluster sizes 1, 2, 3 with losses 0, 10, 20), never a mix that
    # splits a cluster.
    losses = np.array([0.0, 10.0, 10.0, 20.0, 20.0, 20.0])
    clusters = np.array(["a", "b", "b", "c", "c", "c"])
    draws = cluster_bootstrap_means(losses, clusters, draws=500, seed=3)[:, 0]
    possible = set()
    for na in range(4):
        for nb in range(4 - na):
            nc = 3 - na - nb
            possible.add(round((10 * 2 * nb + 20 * 3 * nc) / (na + 2 * nb + 3 * nc), 9))
    assert {round(float(v), 9) for v in draws} <= possible
    assert len({round(float(v), 9) for v in draws}) > 3


def test_clusters_widen_the_interval() -> None:
    # 40 clusters of 10 identical cases: the cluster bootstrap's spread is that of 40
    # independent values, about sqrt(10) wider than resampling 400 cases one by one.
    rng = np.random.default_rng(0)
    per_cluster = rng.normal(size=40)
    losses = np.repeat(per_cluster, 10)
    clustered = cluster_bootstrap_means(losses, np.repeat(np.arange(40), 10), 4000, seed=1)
    single = cluster_bootstrap_means(losses, np.arange(400), 4000, seed=1)
    ratio = clustered.std() / single.std()
    assert 2.5 < ratio < 4.0
    # and the clustered spread is the standard error of a mean of 40 values
    assert clustered.std() == pytest.approx(per_cluster.std() / np.sqrt(40), rel=0.1)


def test_columns_share_the_draws() -> None:
    # a difference of two columns is resampled in pairs: equal columns differ by 0 always
    losses = np.random.default_rng(2).normal(size=(30, 1)).repeat(2, axis=1)
    draws = cluster_bootstrap_means(losses, np.arange(30) // 3, 200, seed=0)
    assert np.all(draws[:, 0] == draws[:, 1])
    e = estimate(0.0, draws[:, 0] - draws[:, 1])
    assert (e.low, e.high) == (0.0, 0.0) and not e.excludes_zero()


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        cluster_bootstrap_means(np.zeros(3), np.zeros(2))
    with pytest.raises(ValueError):
        cluster_bootstrap_means(np.zeros(3), np.zeros(3), draws=0)
