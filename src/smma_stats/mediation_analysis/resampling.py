"""Every bootstrap resample of a mediation model at once.

A resample's regressions depend on it only through the weighted sums ``W @
V`` of the centred variables and their pairwise products (``W`` counts how
often each case is drawn), so the slopes of all resamples come from one
matrix product and a batch of small normal equations, instead of refitting
each regression 5,000 times with :func:`smma_stats.regression.regress`. The
jackknife that BCa intervals need uses the same sums less one case at a
time. :mod:`smma_stats.bootstrap` works the same way for alpha and a single
regression; its helpers are private to it, and the statistic here (products
of slopes of several regressions) is different.
"""

from __future__ import annotations

from itertools import combinations, pairwise

import numpy as np

from ..resampling import sum_jackknife

# Smallest eigenvalue of a resample's predictor correlation matrix below
# which its design counts as singular (the rule of smma_stats.bootstrap).
_MIN_EIGEN = 1e-10
# A sum of squares this small next to the raw squares is rounding noise of a constant.
_ZERO_SS_REL = 1e-12


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
    Zc = Z - Z.mean(axis=0)
    rows, cols = np.triu_indices(p)
    V = np.hstack([Zc, Zc[:, rows] * Zc[:, cols]])
    iy = k + 1
    covs = list(range(k + 2, p))
    eqs = [(1 + i, [0, *(range(1, 1 + i) if serial else ()), *covs]) for i in range(k)]
    eqs.append((iy, [0, *range(1, k + 1), *covs]))
    pairs = list(combinations(range(len(chains)), 2))

    def stat(S, m):
        P = np.empty((S.shape[0], p, p))
        P[:, rows, cols] = S[:, p:]
        P[:, cols, rows] = S[:, p:]
        d = S[:, :p] / m[:, None]
        C = P - m[:, None, None] * d[:, :, None] * d[:, None, :]
        ok = np.all(np.einsum("bii->bi", C) > _ZERO_SS_REL * np.einsum("bii->bi", P), axis=1)
        slopes = []
        for dep, pred in eqs:
            b, good = _solve(C, dep, pred)
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


def _solve(C: np.ndarray, dep: int, pred) -> tuple[np.ndarray, np.ndarray]:
    """Slopes of ``dep`` on ``pred`` from centred cross-products, and which are defined."""
    A = C[:, pred][:, :, pred]
    scale = np.sqrt(np.abs(np.einsum("bii->bi", A)))
    scale[scale == 0] = 1.0
    R = A / (scale[:, :, None] * scale[:, None, :])
    ok = np.linalg.eigvalsh(R)[:, 0] > _MIN_EIGEN if len(pred) > 1 else R[:, 0, 0] > 0.5
    R[~ok] = np.eye(len(pred))
    r = C[:, pred, dep] / scale
    return np.linalg.solve(R, r[:, :, None])[:, :, 0] / scale, ok


def replicates(stat, V: np.ndarray, n: int, blocks):
    """Statistics of every resample (as case counts times ``V``); failed ones dropped."""
    parts, n_failed = [], 0
    for idx in blocks:
        b = idx.shape[0]
        flat = (idx + (np.arange(b) * n)[:, None]).ravel()
        W = np.bincount(flat, minlength=b * n).reshape(b, n).astype(float)
        t, ok = stat(W @ V, np.full(b, float(n)))
        ok &= np.isfinite(t).all(axis=1)
        n_failed += int((~ok).sum())
        parts.append(t[ok])
    return np.vstack(parts), n_failed


def jackknife(stat, V: np.ndarray, n: int) -> np.ndarray:
    """Leave-one-out statistics for the BCa acceleration: total sums less one case."""
    return sum_jackknife(stat, V, n, "model singular; use the percentile method")


def frozen(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.setflags(write=False)
    return a
