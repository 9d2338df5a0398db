"""Case resampling and bootstrap interval limits, shared by every bootstrap of the package.

:func:`resample_plan` draws the resamples of respondents block by block (the
same seed gives the same resamples to every statistic of a study);
:func:`sum_bootstrap` resamples a statistic of per-case sums (alpha, a
regression, a mediation model's regressions from
:func:`product_columns`, :func:`centred_products` and :func:`product_slopes`);
:func:`bootstrap_indices` shows the resamples a seed draws;
:func:`confidence_limits` turns the replicates of a statistic into
percentile or BCa limits, standard error and bias, as R's
``boot::boot.ci`` does (Davison & Hinkley, 1997; Efron, 1987).
"""

from __future__ import annotations

import math
import numbers
from collections import namedtuple

import numpy as np

from .errors import DataError

# About a million cells per block: 8 MB for each array of draws or counts.
_BLOCK_CELLS = 1_000_000
#: A sum of squares this small next to the squares summed is rounding noise of a constant.
ZERO_SS_REL = 1e-12
# Smallest eigenvalue of the predictors' correlation matrix below which a
# resample's design counts as singular (about 10 significant digits lost).
_MIN_EIGEN = 1e-10

#: Interval methods of every bootstrap of the package.
METHODS = ("percentile", "bca")

#: What :func:`sum_bootstrap` returns: the usable replicates and their summaries.
SumBootstrap = namedtuple("SumBootstrap", "replicates n_resamples n_failed seed low high se bias")


def bootstrap_indices(n: int, n_resamples: int = 10000, seed: int | None = None) -> np.ndarray:
    """The resamples that a given seed draws, as an index matrix.

    Parameters
    ----------
    n : int
        Number of cases.
    n_resamples : int, default 10000
        Number of resamples.
    seed : int, optional
        The seed given to :func:`~smma_stats.bootstrap.bootstrap_alpha` or
        :func:`~smma_stats.bootstrap.bootstrap_regression`.

    Returns
    -------
    numpy.ndarray of int, shape (n_resamples, n)
        Row ``b`` lists the 0-based positions (among the complete cases) of
        the cases drawn into resample ``b``.

    Examples
    --------
    >>> bootstrap_indices(5, n_resamples=3, seed=1)
    array([[2, 2, 3, 4, 0],
           [0, 4, 4, 1, 1],
           [4, 2, 1, 4, 1]])
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise DataError(f"n must be a positive whole number of cases, got {n!r}")
    if seed is None:
        raise DataError("give the seed whose resamples you want to see")
    blocks, _, _ = resample_plan(int(n), n_resamples, seed, None)
    return np.vstack(list(blocks))


def random_seed() -> int:
    """A fresh seed from the operating system's entropy, between 0 and 2**32 - 1.

    :func:`~smma_stats.study.analyze` draws one and passes it to every
    bootstrap of a study, so all use the same resamples of respondents.
    """
    return int(np.random.SeedSequence().generate_state(1)[0])


def draw_counts(idx: np.ndarray, n: int) -> np.ndarray:
    """How often each case is drawn into each resample, shape (B, n).

    ``idx`` is a block of index rows from :func:`resample_plan`.
    """
    b = idx.shape[0]
    flat = (idx + (np.arange(b) * n)[:, None]).ravel()
    return np.bincount(flat, minlength=b * n).reshape(b, n).astype(float)


def resample_plan(n: int, n_resamples, seed, indices=None):
    """The draws as blocks of index rows, the number of resamples, the seed used.

    Parameters
    ----------
    n : int
        Number of cases.
    n_resamples : int
        Number of resamples (ignored when ``indices`` is given).
    seed : int or None
        Seed of the draws; None draws a fresh one (:func:`random_seed`).
    indices : array_like, optional
        Resamples given as an index matrix (one row per resample).

    Returns
    -------
    blocks : iterator of numpy.ndarray
        Index matrices of at most about a million cells each, in draw order;
        stacked they are :func:`bootstrap_indices`.
    n_resamples : int
    seed : int or None
        The seed used (None when ``indices`` was given).
    """
    if indices is not None:
        idx = np.asarray(indices)
        if idx.ndim != 2 or idx.shape[1] != n or idx.shape[0] < 1:
            raise DataError(f"indices must be a matrix with one row per resample and {n} "
                            f"columns (the complete cases), got shape {idx.shape}")
        if not np.issubdtype(idx.dtype, np.integer) or idx.min() < 0 or idx.max() >= n:
            raise DataError(f"indices must be whole numbers from 0 to {n - 1}")
        idx = idx.astype(np.intp)
        block = max(1, _BLOCK_CELLS // n)
        return (idx[s:s + block] for s in range(0, len(idx), block)), len(idx), None
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, numbers.Integral) \
            or n_resamples < 1:
        raise DataError(f"n_resamples must be a positive whole number, got {n_resamples!r}")
    if seed is None:
        seed = random_seed()
    elif isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise DataError(f"seed must be a whole number of at least 0, got {seed!r}")
    seed, B = int(seed), int(n_resamples)

    def blocks():
        rng = np.random.default_rng(seed)
        block = max(1, _BLOCK_CELLS // n)
        for start in range(0, B, block):
            yield rng.integers(0, n, size=(min(block, B - start), n))

    return blocks(), B, seed


def check_method(method) -> str:
    """``method`` when it is one of :data:`METHODS`, else a DataError."""
    if method not in METHODS:
        raise DataError(f"method must be 'percentile' or 'bca', got {method!r}")
    return method


def frozen(a: np.ndarray) -> np.ndarray:
    """``a`` as a contiguous read-only array (the replicates of a result)."""
    a = np.ascontiguousarray(a)
    a.setflags(write=False)
    return a


def sum_bootstrap(stat, V: np.ndarray, t0: np.ndarray, *, n_resamples, seed, indices, ci: float,
                  method: str, undefined: str) -> SumBootstrap:
    """Replicates and limits of a statistic of per-case sums ``V`` (see :func:`sum_jackknife`).

    A resample's sums are ``W @ V`` for its case counts ``W``; undefined or
    non-finite statistics are left out and counted in ``n_failed``. The
    limits are those of :func:`confidence_limits` at the sample values ``t0``.
    """
    n = V.shape[0]
    blocks, B, seed = resample_plan(n, n_resamples, seed, indices)
    parts, n_failed = [], 0
    for idx in blocks:
        W = draw_counts(idx, n)
        t, ok = stat(W @ V, np.full(len(W), float(n)))
        ok &= np.isfinite(t).all(axis=1)
        n_failed += int((~ok).sum())
        parts.append(t[ok])
    t = np.vstack(parts)
    jack = sum_jackknife(stat, V, n, undefined) if method == "bca" else None
    low, high, se, bias = confidence_limits(t, t0, jack, ci, method)
    return SumBootstrap(t, B, n_failed, seed, low, high, se, bias)


def product_columns(Z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-case columns ``[Zc, Zc_i Zc_j (i <= j)]`` of the centred ``Z``, and its means."""
    means = Z.mean(axis=0)
    Zc = Z - means
    rows, cols = np.triu_indices(Z.shape[1])
    return np.hstack([Zc, Zc[:, rows] * Zc[:, cols]]), means


def centred_products(S: np.ndarray, m: np.ndarray, p: int):
    """Cross-products about each resample's means from sums of :func:`product_columns`.

    Returns ``C`` (b, p, p) for the rows of ``S`` over ``m`` cases, the
    resample means less the sample means ``d``, and ``ok``: no variable is
    constant in the resample.
    """
    rows, cols = np.triu_indices(p)
    P = np.empty((S.shape[0], p, p))
    P[:, rows, cols] = S[:, p:]
    P[:, cols, rows] = S[:, p:]
    d = S[:, :p] / m[:, None]
    C = P - m[:, None, None] * d[:, :, None] * d[:, None, :]
    diag = np.einsum("bii->bi", C)
    raw = np.einsum("bii->bi", P)
    ok = np.all(diag > np.maximum(ZERO_SS_REL * raw, np.finfo(float).tiny), axis=1)
    return C, d, ok


def product_slopes(C: np.ndarray, dep: int, pred) -> tuple[np.ndarray, np.ndarray]:
    """Least-squares slopes of ``dep`` on ``pred`` from centred cross-products ``C``.

    Solved scaled to correlations; ``ok`` is False where the predictors'
    correlation matrix has an eigenvalue below 1e-10 (collinear).
    """
    A = C[:, pred][:, :, pred]
    scale = np.sqrt(np.abs(np.einsum("bii->bi", A)))
    scale[scale == 0] = 1.0
    R = A / (scale[:, :, None] * scale[:, None, :])
    ok = np.linalg.eigvalsh(R)[:, 0] > _MIN_EIGEN if len(pred) > 1 else R[:, 0, 0] > 0.5
    R[~ok] = np.eye(len(pred))
    r = C[:, pred, dep] / scale
    return np.linalg.solve(R, r[:, :, None])[:, :, 0] / scale, ok


def sum_jackknife(stat, V: np.ndarray, n: int, undefined: str) -> np.ndarray:
    """Leave-one-out statistics from per-case sums, shape (n, q).

    ``V`` holds each case's contribution to the sums a statistic is computed
    from (row ``i`` is case ``i``); leaving case ``i`` out subtracts its row
    from the column totals. ``stat(sums, weights)`` returns the statistics of
    a block of such sums and a mask of the defined ones. The cases are taken
    in blocks of about a million cells.

    Raises
    ------
    DataError
        Fewer than 3 cases; or a leave-one-out statistic is undefined: "the
        BCa acceleration is undefined: leaving out one case makes the "
        followed by ``undefined``.
    """
    if n < 3:
        raise DataError("BCa intervals need at least 3 cases for the jackknife")
    total = V.sum(axis=0)
    block = max(1, _BLOCK_CELLS // V.shape[1])
    out = []
    for start in range(0, n, block):
        part = V[start:start + block]
        t, ok = stat(total - part, np.full(len(part), float(n - 1)))
        t[~ok] = np.nan
        out.append(t)
    jack = np.vstack(out)
    if not np.isfinite(jack).all():
        raise DataError("the BCa acceleration is undefined: leaving out one case makes the "
                        + undefined)
    return jack


def confidence_limits(t: np.ndarray, t0: np.ndarray, jack, ci: float, method: str):
    """Limits, standard error and bias of each column of bootstrap replicates ``t``.

    Parameters
    ----------
    t : numpy.ndarray, shape (R, q)
        The statistics of R usable resamples.
    t0 : numpy.ndarray, shape (q,)
        The statistics of the whole sample.
    jack : numpy.ndarray, shape (n, q), or None
        Leave-one-out statistics; needed only for ``method="bca"``.
    ci : float
        Coverage of the interval, e.g. 0.95.
    method : {"percentile", "bca"}

    Returns
    -------
    low, high, se, bias : numpy.ndarray, shape (q,)
        The limits are the ``(R + 1) q``-th order statistics, interpolated on
        the normal scale as ``boot::boot.ci`` does; BCa uses the bias
        correction ``z0`` and the jackknife acceleration (Efron, 1987).
    """
    from .distributions import norm_cdf, norm_ppf

    R = t.shape[0]
    tail = (1.0 - ci) / 2.0
    need = math.ceil(1.0 / tail - 1e-9)    # then the limits are not the extremes
    if R < need:
        raise DataError(f"{R} usable resample(s) are too few for a {ci:.10g} interval: at "
                        f"least {need} are needed")
    probs = np.array([tail, (1.0 + ci) / 2.0])
    ts = np.sort(t, axis=0)
    se = t.std(axis=0, ddof=1)
    bias = t.mean(axis=0) - t0
    low, high = np.empty(len(t0)), np.empty(len(t0))
    for j in range(len(t0)):
        q = probs
        if method == "bca":
            z0 = float(norm_ppf(np.count_nonzero(t[:, j] < t0[j]) / R))
            if not math.isfinite(z0):
                raise DataError("the BCa bias correction is infinite: every resample lies on "
                                "one side of the estimate; use the percentile method")
            L = jack[:, j].mean() - jack[:, j]
            ssq = float(np.dot(L, L))
            a = float(np.sum(L ** 3)) / (6.0 * ssq ** 1.5) if ssq > 0 else math.nan
            if not math.isfinite(a):
                raise DataError("the BCa acceleration is undefined (the jackknife values do "
                                "not vary); use the percentile method")
            z = norm_ppf(probs)
            q = norm_cdf(z0 + (z0 + z) / (1.0 - a * (z0 + z)))
        low[j], high[j] = _order_quantiles(ts[:, j], q)
    return low, high, se, bias


def _order_quantiles(ts: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The ``(R + 1) q``-th order statistics of sorted ``ts``, normal-scale interpolated."""
    from .distributions import norm_ppf

    R = len(ts)
    out = np.empty(len(q))
    for i, qi in enumerate(q):
        rk = (R + 1) * qi
        k = math.trunc(rk)
        if k < 1:
            out[i] = ts[0]
        elif k >= R:
            out[i] = ts[-1]
        elif k == rk:
            out[i] = ts[k - 1]
        else:
            lo, hi = norm_ppf(k / (R + 1)), norm_ppf((k + 1) / (R + 1))
            out[i] = ts[k - 1] + (norm_ppf(qi) - lo) / (hi - lo) * (ts[k] - ts[k - 1])
    return out
