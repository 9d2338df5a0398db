"""Sufficient statistics, accumulated a block of rows at a time.

Every statistic of smma_stats is computed by one kernel from what it needs:
item means and covariances (validity, reliability), the triangular factor of
a centred design (every regression, the auxiliary regressions of the
assumption tests), or arrays of rows (runs test, bootstrap). This module
accumulates the first two from a table of any length in blocks of rows, so
101 respondents and ten million go through the same code; the kernels never
know how many blocks there were.

- :class:`Moments`: means and centred cross-products (item covariance).
- :class:`Factor`: the triangular factor ``R`` of ``[1, Z]`` (a "tall and
  skinny" QR, one block at a time), whose lower block is the factor of the
  centred ``Z``. Regressions solved from it keep the accuracy of a QR
  decomposition of the whole centred design (NIST Longley to 10+ digits).
- :func:`item_moments`: complete-case item moments of a data frame.
- :func:`value_groups` and :class:`Tally`: values counted by value (whole
  numbers by counting, with no sort), for ranks, groups and exact moments.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from typing import Any

import numpy as np

from .errors import DataError

#: Cells per block: a few megabytes of float64 whatever the number of columns.
BLOCK_CELLS = 1 << 19

# A variance this small next to the squared mean is rounding noise of a constant.
_ZERO_VAR_REL = 1e-20
_CANCEL_REL = 1e-12


def blocks(n: int, width: int, cells: int | None = None):
    """``(start, stop)`` row ranges covering ``n`` rows, about ``cells`` cells each.

    Examples
    --------
    >>> list(blocks(600, 1, cells=256))
    [(0, 256), (256, 512), (512, 600)]
    """
    step = max(256, (BLOCK_CELLS if cells is None else cells) // max(int(width), 1))
    for start in range(0, int(n), step):
        yield start, min(start + step, int(n))


def one_blas_thread(func):
    """Run ``func`` with numpy's BLAS on one thread, when threadpoolctl is installed.

    The products here are of thin blocks (many rows, a few dozen columns),
    hundreds of them: split over threads each gains nothing, and on a busy
    machine every product waits for its slowest thread (measured at 10
    million rows on two shared cores: the item moments took 40 s on two BLAS
    threads, 1 s on one).
    """
    @functools.wraps(func)
    def run(*args, **kwargs):
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:
            return func(*args, **kwargs)
        with threadpool_limits(limits=1, user_api="blas"):
            return func(*args, **kwargs)

    return run


def column_block(columns, a: int, b: int, keep=None) -> np.ndarray:
    """Rows ``a..b`` of the columns (arrays of any numeric dtype) as one float64 block.

    With ``keep`` (a boolean array over all rows), only the kept rows.
    """
    out = np.empty((b - a, len(columns)))
    for j, c in enumerate(columns):
        out[:, j] = c[a:b]
    return out if keep is None else out[keep[a:b]]


class Moments:
    """Means and centred cross-products of columns, accumulated block by block.

    Each column is shifted by a value near its mean (taken from the first
    block; rounded for whole numbers, whose shifted products then sum
    exactly) before its sums and cross-products are added up, so no large
    sums of squares are subtracted at the end.
    """

    def __init__(self, p: int, spread: int | None = None):
        self.n = 0
        self.shift = None
        self.s = np.zeros(p)
        self.ss = np.zeros((p, p))
        # whole numbers at most ``spread`` from their shift: single precision sums them
        # exactly while every partial sum stays below 2**24
        self.spread = spread

    def add(self, x: np.ndarray) -> None:
        """Add the rows of a block (rows with a gap already removed)."""
        if x.shape[0] == 0:
            return
        if self.shift is None:
            self.shift = x.mean(axis=0)
            if x.dtype.kind in "iu":
                self.shift = np.round(self.shift)
        if (self.spread is not None and x.dtype.kind in "iu"
                and self.spread * self.spread * x.shape[0] < 1 << 24):
            p = x.shape[1]
            xs = np.empty((x.shape[0], p + 1), dtype=np.float32)
            np.subtract(x, self.shift.astype(np.float32), out=xs[:, :p], casting="unsafe")
            xs[:, p] = 1.0                       # the sums come out of the same product
            g = xs.T @ xs
            self.s += g[:p, p]
            self.ss += g[:p, :p]
        else:
            xs = np.subtract(x, self.shift, dtype=np.float64)
            self.s += xs.sum(axis=0)
            self.ss += xs.T @ xs
        self.n += x.shape[0]

    @property
    def mean(self) -> np.ndarray:
        if not self.n:
            return np.full(self.s.size, np.nan)
        return self.shift + self.s / self.n

    @property
    def m2(self) -> np.ndarray:
        """Sums of squares and cross-products of deviations from the means."""
        if not self.n:
            return np.zeros_like(self.ss)
        return self.ss - np.outer(self.s, self.s) / self.n

    def cov(self) -> np.ndarray:
        p = self.s.size
        return self.m2 / (self.n - 1) if self.n >= 2 else np.full((p, p), np.nan)


class Factor:
    """The triangular factor of ``[1, Z - shift]``, one block of rows at a time.

    Stacking the factor so far on the next block and factoring again (a
    "tall and skinny" QR) gives the factor of all rows; the first row of
    ``R`` holds ``sqrt(n)`` and the column means, the rest is the upper
    triangular factor ``Rc`` of the centred columns (``Rc'Rc`` is their
    centred cross-product matrix).
    """

    def __init__(self, p: int):
        self.p = p
        self.n = 0
        self.shift = None
        self.r = None

    def add(self, z: np.ndarray) -> None:
        """Add a float64 block of rows (``rows x p``, no missing values)."""
        if z.shape[0] == 0:
            return
        if self.shift is None:
            self.shift = z.mean(axis=0)
        a = np.empty((z.shape[0], self.p + 1))
        a[:, 0] = 1.0
        np.subtract(z, self.shift, out=a[:, 1:])
        if self.r is not None:
            a = np.vstack([self.r, a])
        self.r = np.linalg.qr(a, mode="r")
        self.n += z.shape[0]

    def centred(self) -> tuple[int, np.ndarray, np.ndarray]:
        """``(n, means, Rc)`` with ``Rc`` upper triangular, diagonal >= 0."""
        if self.r is None:
            return 0, np.full(self.p, np.nan), np.zeros((self.p, self.p))
        r = self.r
        means = self.shift + r[0, 1:] / r[0, 0]
        rc = np.zeros((self.p, self.p))
        m = min(r.shape[0] - 1, self.p)
        rc[:m] = r[1:m + 1, 1:]
        sign = np.where(np.diag(rc) < 0, -1.0, 1.0)
        return self.n, means, rc * sign[:, None]


@one_blas_thread
def factor_columns(columns, keep=None) -> tuple[int, np.ndarray, np.ndarray]:
    """``(n, means, Rc)`` of the centred columns over the kept rows (see :class:`Factor`).

    Parameters
    ----------
    columns : sequence of numpy.ndarray
        Equal-length numeric arrays (any dtype), one per column.
    keep : numpy.ndarray of bool, optional
        Rows to use (default all).

    Examples
    --------
    >>> x = np.array([1.0, 2.0, 4.0, 7.0])
    >>> n, means, rc = factor_columns([x])
    >>> n, means, np.round(rc ** 2, 6)       # Rc'Rc is the centred sum of squares
    (4, array([3.5]), array([[21.]]))
    """
    acc = Factor(len(columns))
    n = len(columns[0]) if columns else 0
    for a, b in blocks(n, len(columns) + 1, cells=1 << 17):
        acc.add(column_block(columns, a, b, keep))
    return acc.centred()


def cholesky_factor(sscp: np.ndarray) -> np.ndarray:
    """The upper factor ``R`` of a centred cross-product matrix (``R'R = sscp``).

    A column whose part independent of the earlier ones vanishes gets a zero
    row, so the kernels see the same rank deficiency as from a QR factor.
    """
    s = np.asarray(sscp, dtype=float)
    p = s.shape[0]
    r = np.zeros((p, p))
    for j in range(p):
        v = s[j, j:] - r[:j, j] @ r[:j, j:]
        d = v[0]
        if d > 1e-14 * max(s[j, j], np.finfo(float).tiny):
            r[j, j] = np.sqrt(d)
            r[j, j + 1:] = v[1:] / r[j, j]
    return r


@dataclasses.dataclass(frozen=True)
class ItemMoments:
    """Complete-case moments of a block of items.

    Attributes
    ----------
    n : int
        Respondents with an answer to every item (listwise deletion).
    n_excluded : int
        Respondents dropped because at least one answer was missing.
    mean : numpy.ndarray
        Item means, shape ``(k,)``.
    cov : numpy.ndarray
        Item covariance matrix with divisor ``n - 1``, shape ``(k, k)``;
        all NaN when ``n < 2``.
    names : tuple of str
        Item names, in column order.
    """

    n: int
    n_excluded: int
    mean: Any
    cov: Any
    names: tuple


def item_moments(items, spread: int | None = None) -> ItemMoments:
    """Complete-case means and covariance matrix of the items, block by block.

    Rows with any missing answer are dropped. Whole-number answers are
    shifted to near their mean and summed exactly (see :class:`Moments`).

    Parameters
    ----------
    items : pandas.DataFrame
        One numeric column per item.
    spread : int, optional
        The largest distance of a whole-number answer from another (the
        scale's max - min), which allows single-precision exact sums.

    Returns
    -------
    ItemMoments

    Raises
    ------
    DataError
        No columns, duplicated column names, a non-numeric column, or an
        infinite value.

    Examples
    --------
    >>> import pandas as pd
    >>> m = item_moments(pd.DataFrame({"a": [1, 2, 3, None], "b": [2, 2, 5, 1]}))
    >>> m.n, m.n_excluded, m.mean.tolist(), float(m.cov[0, 1])
    (3, 1, [2.0, 3.0], 1.5)
    """
    import pandas as pd

    df = items if isinstance(items, pd.DataFrame) else pd.DataFrame(items)
    names = tuple(str(c) for c in df.columns)
    if not names:
        raise DataError("no item columns given")
    dup = sorted({c for c in names if names.count(c) > 1})
    if dup:
        raise DataError(f"item names must be unique; repeated: {', '.join(dup)}")
    bad = [n for n, dt in zip(names, df.dtypes) if not pd.api.types.is_numeric_dtype(dt)]
    if bad:
        raise DataError(f"item columns must be numeric; not numeric: {', '.join(bad)}")
    return _accumulate_items(df, names, spread)


@one_blas_thread
def _accumulate_items(df, names: tuple, spread) -> ItemMoments:
    k = len(names)
    whole = all(isinstance(dt, np.dtype) and dt.kind in "iu" for dt in df.dtypes)
    acc = Moments(k, spread=spread if whole else None)
    values = df.to_numpy() if whole else None
    for a, b in blocks(len(df), k):
        if whole:
            acc.add(values[a:b])
            continue
        x = df.iloc[a:b].to_numpy(dtype=float, na_value=np.nan)
        x = x[~np.isnan(x).any(axis=1)]
        if np.isinf(x).any():
            col = names[int(np.where(np.isinf(x).any(axis=0))[0][0])]
            raise DataError(f"item {col!r} holds an infinite value")
        acc.add(x)
    return ItemMoments(n=acc.n, n_excluded=len(df) - acc.n, mean=acc.mean, cov=acc.cov(),
                       names=names)


def item_total_moments(mean, cov) -> dict:
    """Item, total and rest-score variances and covariances from the moments.

    Returns a dict of arrays: ``var`` (item variances), ``cov_total``
    (cov(x_i, T)), ``cov_rest`` (cov(x_i, T - x_i)), ``rest_var`` (var(T - x_i)),
    ``rest_mean``, the scalars ``total_var`` and ``total_mean``, boolean
    flags ``item_zero``, ``rest_zero``, ``total_zero`` for variances that are
    zero up to rounding, and the item-total correlations ``r`` (with T) and
    ``r_corrected`` (with T - x_i), NaN where a variance is zero.
    """
    var = np.diag(cov).copy()
    cov_total = cov.sum(axis=1)
    total_var = float(cov_total.sum())
    total_mean = float(mean.sum())
    rest_var = total_var - 2.0 * cov_total + var
    rest_mean = total_mean - mean
    # Sums of covariances cancel: judge them against the size of what was summed.
    a = np.abs(cov)
    a_row = a.sum(axis=1)
    a_total = float(a_row.sum())
    item_zero = is_zero_var(var, mean, 0.0)
    rest_zero = is_zero_var(rest_var, rest_mean, a_total - 2.0 * a_row + np.diag(a))
    total_zero = bool(is_zero_var(np.array([total_var]), np.array([total_mean]), a_total)[0])
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(item_zero | total_zero, np.nan, cov_total / np.sqrt(var * total_var))
        rc = np.where(item_zero | rest_zero, np.nan,
                      (cov_total - var) / np.sqrt(var * rest_var))
    return {
        "var": var, "cov_total": cov_total, "cov_rest": cov_total - var,
        "total_var": total_var, "total_mean": total_mean,
        "rest_var": rest_var, "rest_mean": rest_mean, "item_zero": item_zero,
        "rest_zero": rest_zero, "total_zero": total_zero,
        "r": np.clip(r, -1.0, 1.0), "r_corrected": np.clip(rc, -1.0, 1.0),
    }


def is_zero_var(var, mean, summed):
    """Which variances are zero up to rounding (of a constant, or of a sum of covariances)."""
    # A constant column's computed variance is rounding noise of order (eps*mean)^2;
    # a variance obtained by summing covariances is noise of order eps*sum|cov|.
    floor = np.maximum(_ZERO_VAR_REL * mean * mean, _CANCEL_REL * summed)
    return ~(var > np.maximum(floor, np.finfo(float).tiny))


def check_moments(n, mean_vector, cov_matrix, item_names):
    """Names, means and covariance as arrays, checked against each other."""
    names = tuple(str(c) for c in item_names)
    k = len(names)
    if k < 2:
        raise DataError(f"at least 2 items are needed, got {k}")
    mean = np.asarray(mean_vector, dtype=float).reshape(-1)
    cov = np.asarray(cov_matrix, dtype=float)
    if mean.shape != (k,) or cov.shape != (k, k):
        raise DataError(f"moments do not match {k} item names: mean has shape "
                        f"{mean.shape}, covariance matrix {cov.shape}")
    if isinstance(n, bool) or not float(n).is_integer() or n < 0:
        raise DataError(f"n must be a whole number of respondents, got {n!r}")
    return names, mean, cov


def excluded_note(n_excluded):
    """A note on respondents dropped for a missing answer (empty when none)."""
    if n_excluded:
        return f" ({n_excluded} dropped for a missing answer)"
    return ""


# Whole numbers spanning fewer values than this are counted rather than sorted.
COUNT_RANGE = 1 << 20


def value_groups(x) -> tuple[np.ndarray, np.ndarray]:
    """Counts of the distinct values of ``x`` (ascending) and each element's group number.

    Whole numbers within a range of :data:`COUNT_RANGE` are counted, with no
    sort; other values go through :func:`numpy.unique`.

    Examples
    --------
    >>> counts, group = value_groups([3, 1, 3, 2])
    >>> counts.tolist(), group.tolist()
    ([1, 1, 2], [2, 0, 2, 1])
    """
    a = np.asarray(x).ravel()
    if a.dtype.kind in "iu" and a.size and int(a.max()) - int(a.min()) < COUNT_RANGE:
        offsets = a.astype(np.intp) - int(a.min())
        counts = np.bincount(offsets)
        present = np.flatnonzero(counts)
        where = np.full(counts.size, -1, dtype=np.intp)
        where[present] = np.arange(present.size)
        return counts[present], where[offsets]
    _, group, counts = np.unique(a, return_inverse=True, return_counts=True)
    return counts, group.ravel()


class Tally:
    """Whole-number values counted by value, a block at a time; exact sums and moments.

    ``counts`` has one entry per value ``lo..hi``; ``values`` are the offsets
    (value - lo) that occur. ``total`` is exact, so ``mean`` is the correctly
    rounded mean, as ``numpy.mean`` of the same values as floats gives it;
    ``sd`` is the sample SD from exact integer sums.
    """

    _BLOCK = 1 << 20

    def __init__(self, x: np.ndarray, lo: int, hi: int):
        self.x, self.lo = x, lo
        counts = np.zeros(hi - lo + 1, dtype=np.int64)
        for a in range(0, x.size, self._BLOCK):
            counts += np.bincount(self._offsets(a), minlength=counts.size)
        self.counts = counts
        self.values = np.flatnonzero(counts)
        n = int(x.size)
        vals = [v + lo for v in self.values.tolist()]
        cnts = counts[self.values].tolist()
        self.total = sum(v * c for v, c in zip(vals, cnts))
        squares = sum(v * v * c for v, c in zip(vals, cnts))
        self.mean = self.total / n
        # (n * sum x^2 - (sum x)^2) / (n (n - 1)): exact integers until the one division
        self.sd = (math.sqrt((n * squares - self.total ** 2) / (n * (n - 1)))
                   if n > 1 else math.nan)

    def _offsets(self, a: int) -> np.ndarray:
        return self.x[a:a + self._BLOCK].astype(np.intp) - self.lo

    def classes(self, edges: np.ndarray, levels: int):
        """The class code (int8) of every value, class j from ``edges[j-1]``, and the
        count of each class."""
        table = np.zeros(self.counts.size, dtype=np.int8)
        table[self.values] = np.searchsorted(edges, self.values + self.lo, side="right")
        codes = np.empty(self.x.size, dtype=np.int8)
        for a in range(0, self.x.size, self._BLOCK):
            codes[a:a + self._BLOCK] = table[self._offsets(a)]
        counts = np.bincount(table, weights=self.counts, minlength=levels).astype(np.int64)
        return codes, counts


def average_ranks(x) -> np.ndarray:
    """Ranks 1..n of ``x``, ties given the mean of the ranks they span.

    Examples
    --------
    >>> average_ranks([3, 1, 3, 2]).tolist()
    [3.5, 1.0, 3.5, 2.0]

    Whole numbers within a range of about a million (construct scores) are
    ranked by counting, with no sort: the mean rank of a value is the count
    of smaller values plus half its own run, plus one half.
    """
    counts, group = value_groups(x)
    before = np.cumsum(counts) - counts
    return (before + (counts + 1) / 2.0)[group]


def tie_sizes(x) -> np.ndarray:
    """Sizes of the groups of equal values in ``x`` (1 for a value seen once)."""
    return value_groups(x)[0]
