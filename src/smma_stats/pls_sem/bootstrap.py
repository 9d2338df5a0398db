"""Bootstrap inference for PLS: every resample's PLS iterations at once.

A resample of the cases changes the PLS estimates only through the
indicators' correlation matrix. The draws (from
:func:`smma_stats.resampling.resample_plan`, so a seed gives the same
resamples as the project's other bootstraps) become count matrices ``K``
(how often each case is drawn); ``K @ z`` and ``K @ (z_i z_k)`` give every
resample's means and cross-products in two matrix products, hence a stack of
correlation matrices, and :func:`smma_stats.pls_sem.estimate.estimate` iterates
the whole stack together with a per-resample convergence mask. The draws are
processed in blocks so memory stays bounded.

Standard errors are the SD of the replicates (``n - 1``); ``t = estimate /
SE``; p-values come from the t distribution with ``B - 1`` degrees of
freedom (``B`` usable resamples), as SmartPLS computes them; one-tailed
p-values are half the two-tailed ones. Limits are percentile or BCa
(:func:`smma_stats.resampling.confidence_limits`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import DataError
from .estimate import estimate

# Cells of one stack of resample correlation matrices (32 MB of float64).
_STACK_CELLS = 4_000_000


@dataclass(frozen=True)
class BootInference:
    """Bootstrap summaries of a vector of statistics (aligned with ``t0``)."""

    t0: np.ndarray
    se: np.ndarray
    t: np.ndarray
    p_value: np.ndarray
    conf_low: np.ndarray
    conf_high: np.ndarray
    n_resamples: int
    n_failed: int
    seed: int | None
    method: str


def resample_correlations(z: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Correlation matrices of the resamples given by ``counts`` (B, n)."""
    n, p = z.shape
    total = counts.sum(axis=1)[:, None]
    m = (counts @ z) / total
    prods = (z[:, :, None] * z[:, None, :]).reshape(n, p * p)
    cov = ((counts @ prods) / total).reshape(-1, p, p)
    cov -= m[:, :, None] * m[:, None, :]
    d = np.sqrt(np.clip(np.diagonal(cov, axis1=1, axis2=2), 0.0, None))
    flat = ~(d > 1e-12)
    d = np.where(flat, np.nan, d)
    S = cov / d[:, :, None]
    S /= d[:, None, :]
    idx = np.arange(p)
    S[:, idx, idx] = 1.0
    S[flat.any(axis=1)] = np.nan
    return S


def replicates(z, stat, layout, scheme, *, n_resamples, seed, tol, max_iter):
    """Statistics of every usable resample, and how many failed.

    ``stat(S, W)`` maps stacks of correlations and weights to a (B, q)
    array. A resample fails, and is left out of every summary, when an
    indicator is constant in it, the iterations break down or do not converge
    within ``max_iter``, or a statistic is undefined in it (an HTMT whose
    monotrait correlations are all zero).
    """
    from ..resampling import draw_counts, resample_plan

    n, p = z.shape
    blocks, B, seed = resample_plan(n, n_resamples, seed)
    step = max(1, _STACK_CELLS // (p * p))       # resamples whose correlations fit the budget
    out, failed = [], 0
    for idx in (blk[s:s + step] for blk in blocks for s in range(0, len(blk), step)):
        counts = draw_counts(idx, n)
        S = resample_correlations(z, counts)
        ok = np.isfinite(S).all(axis=(1, 2))
        est = estimate(S[ok], layout, scheme, tol, max_iter)
        good = est.converged & ~est.failed
        t = stat(S[ok][good], est.weights[good])
        good_rows = np.isfinite(t).all(axis=1)
        out.append(t[good_rows])
        failed += len(idx) - int(good_rows.sum())
    return np.vstack(out), B, failed, seed


def jackknife(z, stat, layout, scheme, tol, max_iter) -> np.ndarray:
    """Leave-one-out statistics (n, q) for the BCa acceleration."""
    n = z.shape[0]
    out = []
    for start in range(0, n, 512):
        rows = np.arange(start, min(n, start + 512))
        counts = np.ones((len(rows), n))
        counts[np.arange(len(rows)), rows] = 0.0
        S = resample_correlations(z, counts)
        est = estimate(S, layout, scheme, tol, max_iter)
        out.append(stat(S, est.weights))
    jack = np.vstack(out)
    if not np.isfinite(jack).all():
        raise DataError("the BCa acceleration is undefined: leaving out one case breaks the "
                        "estimation; use the percentile method")
    return jack


def infer(z, stat, t0, layout, scheme, *, n_resamples, seed, method="percentile",
          alpha=0.05, one_tailed=False, tol=1e-7, max_iter=3000) -> BootInference:
    """Bootstrap SE, t, p and limits for the statistics ``stat`` (sample values ``t0``)."""
    from ..resampling import confidence_limits
    from ..distributions import t_cdf

    reps, B, failed, seed = replicates(z, stat, layout, scheme, n_resamples=n_resamples,
                                       seed=seed, tol=tol, max_iter=max_iter)
    if reps.shape[0] < 2:
        raise DataError(f"only {reps.shape[0]} of {B} bootstrap resamples could be estimated")
    jack = jackknife(z, stat, layout, scheme, tol, max_iter) if method == "bca" else None
    coverage = 1.0 - 2.0 * alpha if one_tailed else 1.0 - alpha
    low, high, se, _ = confidence_limits(reps, t0, jack, coverage, method)
    with np.errstate(invalid="ignore", divide="ignore"):
        tval = t0 / se
    df = reps.shape[0] - 1
    p = 2.0 * np.asarray(t_cdf(-np.abs(tval), df), dtype=float)
    if one_tailed:
        p = p / 2.0
    return BootInference(t0=t0, se=se, t=tval, p_value=p, conf_low=low, conf_high=high,
                         n_resamples=B, n_failed=failed, seed=seed, method=method)

