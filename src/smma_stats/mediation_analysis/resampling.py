"""Every bootstrap resample of a mediation model at once.

A resample's regressions depend on it only through the weighted sums ``W @
V`` of the centred variables and their pairwise products (``W`` counts how
often each case is drawn), so the slopes of all resamples come from one
matrix product and a batch of small normal equations, instead of refitting
each regression 5,000 times with :func:`smma_stats.regression.regress`. The
jackknife that BCa intervals need uses the same sums less one case at a
time. :mod:`smma_stats.bootstrap` works the same way for alpha and a single
regression, with the same kernels of :mod:`smma_stats.resampling`
(:func:`~smma_stats.resampling.centred_products`,
:func:`~smma_stats.resampling.product_slopes`); only the statistic here
(products of slopes of several regressions) is different.
"""

from __future__ import annotations

from itertools import combinations, pairwise

import numpy as np

from ..resampling import centred_products, product_columns, product_slopes, sum_jackknife

#: The jackknife's message when a leave-one-out statistic is undefined.
UNDEFINED = "model singular; use the percentile method"


def indirect_chains(k: int, serial: bool) -> list[tuple[int, ...]]:
    """The mediator index chains of the specific indirect effects, in PROCESS's order."""
    if not serial:
        return [(i,) for i in range(k)]
    subsets = [c for r in range(1, k + 1) for c in combinations(range(k), r)]
    return sorted(subsets)


def indirect_statistic(Z: np.ndarray, chains, k: int, n_cov: int, serial: bool):
    """The resample statistic on sums ``S = W @ V``, and the per-case columns ``V``.

    Z holds X, the mediators, Y and the covariates. The statistic gives, per
    resample: the specific indirect effects, their total, the pairwise
    contrasts, and the partially and completely standardised effects.
    """
    p = Z.shape[1]
    V, _ = product_columns(Z)
    iy = k + 1
    covs = list(range(k + 2, p))
    eqs = [(1 + i, [0, *(range(1, 1 + i) if serial else ()), *covs]) for i in range(k)]
    eqs.append((iy, [0, *range(1, k + 1), *covs]))
    pairs = list(combinations(range(len(chains)), 2))

    def stat(S, m):
        C, _, ok = centred_products(S, m, p)
        slopes = []
        for dep, pred in eqs:
            b, good = product_slopes(C, dep, pred)
            slopes.append(dict(zip(pred, b.T, strict=True)))
            ok &= good
        eff = np.column_stack([_chain_effect(slopes, c, iy - 1) for c in chains])
        total = eff.sum(axis=1)[:, None]
        con = np.column_stack([eff[:, i] - eff[:, j] for i, j in pairs]) if pairs \
            else np.empty((len(eff), 0))
        with np.errstate(divide="ignore", invalid="ignore"):
            sd_y = np.sqrt(C[:, iy, iy] / (m - 1.0))[:, None]
            sd_x = np.sqrt(C[:, 0, 0] / (m - 1.0))[:, None]
            raw = np.hstack([eff, total])
            return np.hstack([raw, con, raw / sd_y, raw * sd_x / sd_y]), ok

    return stat, V


def _chain_effect(slopes, chain, outcome_eq: int) -> np.ndarray:
    """a_i1 * d_(i2 i1) * ... * b_ir from the slopes of each equation."""
    effect = slopes[chain[0]][0]
    for prev, nxt in pairwise(chain):
        effect = effect * slopes[nxt][1 + prev]
    return effect * slopes[outcome_eq][1 + chain[-1]]


def jackknife(stat, V: np.ndarray, n: int) -> np.ndarray:
    """Leave-one-out statistics for the BCa acceleration: total sums less one case."""
    return sum_jackknife(stat, V, n, UNDEFINED)
