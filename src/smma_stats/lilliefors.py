"""p-values of the Lilliefors (Kolmogorov-Smirnov with estimated mean and SD) statistic.

:func:`dallal_wilkinson_pvalue` is the approximation SPSS prints;
:func:`lilliefors_pvalue` interpolates the simulated null distribution
shipped with the package (``data/lilliefors_table.npz``), accurate over the
whole range of p. See the Notes of :func:`smma_stats.normality.ks_normality`.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from .errors import DataError


def dallal_wilkinson_pvalue(d: float, n: int) -> float:
    """Dallal-Wilkinson approximation to the Lilliefors p-value (what SPSS uses).

    For ``n > 100`` the statistic is rescaled to n = 100 first:
    ``D <- D (n/100)^0.49``. Accurate for p below about 0.1; above that it
    drifts (see :func:`lilliefors_pvalue`). Not capped.

    Examples
    --------
    >>> round(dallal_wilkinson_pvalue(0.0745, 120), 3)
    0.099
    >>> round(dallal_wilkinson_pvalue(0.135, 65), 3)
    0.005
    """
    d = float(d)
    if n > 100:
        d *= (n / 100.0) ** 0.49
        n = 100
    m = n + 2.78019
    return math.exp(-7.01256 * d * d * m + 2.99587 * d * math.sqrt(m)
                    - 0.122119 + 0.974598 / math.sqrt(n) + 1.67997 / n)


def _stephens_factor(n: float) -> float:
    root = math.sqrt(n)
    return root - 0.01 + 0.85 / root


class _LillieforsTable:
    """The shipped simulation table, arranged for lookup."""

    def __init__(self, n, levels, quantiles, t_min):
        self.n = np.asarray(n, dtype=float)
        order = np.argsort(levels)[::-1]  # p descending <=> quantile ascending
        self.p = np.asarray(levels, dtype=float)[order]
        self.logit = np.log(self.p / (1.0 - self.p))
        self.q = np.asarray(quantiles, dtype=float)[:, order]
        self.t_min = np.asarray(t_min, dtype=float)

    def row_p(self, k: int, t: float) -> float:
        """Upper-tail probability of T = t at the k-th tabulated sample size."""
        q = self.q[k]
        if t <= self.t_min[k]:
            return 1.0
        if t < q[0]:  # between the smallest simulated T and the .999 quantile
            frac = (t - self.t_min[k]) / (q[0] - self.t_min[k])
            return float(1.0 - frac * (1.0 - self.p[0]))
        if t <= q[-1]:
            lg = float(np.interp(t, q, self.logit))
            return 1.0 / (1.0 + math.exp(-lg))
        # Beyond the table: Dallal-Wilkinson's tail, joined continuously.
        n_k = int(self.n[k])
        f = _stephens_factor(n_k)
        tail = dallal_wilkinson_pvalue(t / f, n_k)
        edge = dallal_wilkinson_pvalue(q[-1] / f, n_k)
        return float(self.p[-1] * tail / edge)


@lru_cache(maxsize=1)
def _table() -> _LillieforsTable:
    from importlib.resources import files

    path = files("smma_stats") / "data" / "lilliefors_table.npz"
    with path.open("rb") as fh, np.load(fh) as z:
        return _LillieforsTable(z["n"], z["levels"], z["quantiles"], z["t_min"])


def lilliefors_pvalue(d: float, n: int) -> float:
    """Accurate p-value of the Lilliefors statistic D for a sample of size n.

    Interpolates the simulated null distribution shipped with the package
    (see the Notes of :func:`ks_normality`); below p = .001 it follows the
    Dallal-Wilkinson tail.

    Examples
    --------
    >>> round(lilliefors_pvalue(0.135, 65), 3)
    0.005
    >>> round(lilliefors_pvalue(0.101, 60), 3)
    0.129
    """
    if n < 4:
        raise DataError(f"the Lilliefors test needs n >= 4, got n = {n}")
    table = _table()
    t = float(d) * _stephens_factor(n)
    grid = table.n
    if n >= grid[-1]:
        return float(table.row_p(len(grid) - 1, t))
    k = int(np.searchsorted(grid, n))
    if grid[k] == n:
        return float(table.row_p(k, t))
    lo, hi = float(grid[k - 1]), float(grid[k])
    # Quantiles move with n roughly like 1/sqrt(n): interpolate on that scale.
    w = (lo ** -0.5 - n ** -0.5) / (lo ** -0.5 - hi ** -0.5)
    return float((1.0 - w) * table.row_p(k - 1, t) + w * table.row_p(k, t))
