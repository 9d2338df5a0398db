"""The Shapiro-Wilk test of normality (Royston's algorithm AS R94).

:func:`shapiro_wilk` gives W and its p-value as R's ``shapiro.test`` does;
:func:`ks_normality <smma_stats.normality.ks_normality>` prints them beside
the Kolmogorov-Smirnov table. :func:`clean_sample` is the input check both
tests share.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.polynomial.polynomial import polyval

from .errors import DataError

#: Largest sample Royston's p-value approximation covers.
SW_MAX_N = 5000


def clean_sample(x, name: str, minimum: int) -> np.ndarray:
    """A fresh 1-d float array of the non-missing values of ``x``."""
    if hasattr(x, "to_numpy"):
        try:
            x = x.to_numpy(dtype=float, na_value=np.nan)
        except (TypeError, ValueError) as exc:
            raise DataError(f"{name}: values must be numbers ({exc})") from None
    try:
        values = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as exc:
        raise DataError(f"{name}: values must be numbers ({exc})") from None
    if values.ndim != 1:
        values = np.squeeze(values)
        if values.ndim != 1:
            raise DataError(f"{name}: expected one column of values, got shape "
                            f"{np.shape(x)}")
    gaps = np.isnan(values)
    # one copy, whatever was given
    values = values[~gaps] if gaps.any() else values.copy()
    if np.isinf(values).any():
        raise DataError(f"{name}: values must be finite (found an infinite value)")
    if values.size < minimum:
        raise DataError(f"{name}: at least {minimum} non-missing values are needed, "
                        f"got {values.size}")
    return values


# Royston's (1992, 1995) polynomial coefficients for Shapiro-Wilk.
_SW_A1 = (0.0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056)


_SW_A2 = (0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633)


_SW_GAMMA = (-2.273, 0.459)


_SW_MEAN_SMALL = (0.544, -0.39978, 0.025054, -6.714e-4)


_SW_LOGSD_SMALL = (1.3822, -0.77857, 0.062767, -0.0020322)


_SW_MEAN_LARGE = (-1.5861, -0.31082, -0.083751, 0.0038915)


_SW_LOGSD_LARGE = (-0.4803, -0.082676, 0.0030302)


def shapiro_wilk(x) -> tuple[float, float]:
    """Shapiro-Wilk W and its p-value (Royston's algorithm AS R94).

    Parameters
    ----------
    x : array-like or pandas.Series
        3 to 5000 non-missing values; NaN are dropped.

    Returns
    -------
    (W, p) : tuple of float

    Raises
    ------
    DataError
        Fewer than 3 or more than 5000 values, or all values equal.

    Notes
    -----
    The coefficients are Royston's approximation to the expected normal
    order statistics (Blom scores, with polynomial corrections for the two
    most extreme); W is the squared correlation between the sorted values and
    the coefficients, computed as 1 - W for accuracy near 1. The p-value
    comes from Royston's normalising transformation of log(1 - W):
    n = 3 exact, 4 <= n <= 11 and n >= 12 by separate polynomial fits.
    Where the small-sample transformation is undefined (W far below any
    normal sample) p is returned as 0. Same results as R's ``shapiro.test``.

    References
    ----------
    Royston, P. (1995). Remark AS R94: A remark on algorithm AS 181: the
    W-test for normality. Applied Statistics, 44, 547-551.

    Examples
    --------
    >>> w, p = shapiro_wilk([1, 2, 3, 5, 8])
    >>> round(w, 6), round(p, 6)
    (0.93855, 0.655706)
    """
    values = clean_sample(x, getattr(x, "name", None) or "x", minimum=3)
    if values.size > SW_MAX_N:
        raise DataError(f"Shapiro-Wilk is defined here for 3 to {SW_MAX_N} values, "
                        f"got {values.size}")
    values.sort()
    if values[0] == values[-1]:
        raise DataError("Shapiro-Wilk: all values are equal")
    return shapiro_sorted(values)


def _sw_coefficients(n: int) -> np.ndarray:
    """Full antisymmetric coefficient vector for values sorted ascending."""
    from .distributions import norm_ppf

    half = n // 2
    if n == 3:
        a = np.array([math.sqrt(0.5)])
    else:
        m = -norm_ppf((np.arange(1, half + 1) - 0.375) / (n + 0.25))  # positive
        summ2 = 2.0 * float(np.dot(m, m))
        root = math.sqrt(summ2)
        rsn = 1.0 / math.sqrt(n)
        a1 = polyval(rsn, _SW_A1) + m[0] / root
        if n > 5:
            a2 = polyval(rsn, _SW_A2) + m[1] / root
            fac = math.sqrt((summ2 - 2.0 * m[0] ** 2 - 2.0 * m[1] ** 2)
                            / (1.0 - 2.0 * a1 ** 2 - 2.0 * a2 ** 2))
            a = m / fac
            a[1] = a2
        else:
            fac = math.sqrt((summ2 - 2.0 * m[0] ** 2) / (1.0 - 2.0 * a1 ** 2))
            a = m / fac
        a[0] = a1
    coef = np.zeros(n)
    coef[:half] = -a
    coef[n - half:] = a[::-1]
    return coef


def shapiro_sorted(values: np.ndarray) -> tuple[float, float]:
    """W and p for sorted, non-constant values (3 <= n <= 5000)."""
    from .distributions import norm_cdf

    n = values.size
    coef = _sw_coefficients(n)
    xc = (values - values.mean()) / (values[-1] - values[0])
    cc = coef - coef.mean()
    ssa = float(np.dot(cc, cc))
    ssx = float(np.dot(xc, xc))
    sax = float(np.dot(cc, xc))
    root = math.sqrt(ssa * ssx)
    w1 = (root - sax) * (root + sax) / (ssa * ssx)  # 1 - W without cancellation
    w = 1.0 - w1

    if n == 3:
        p = 6.0 / math.pi * (math.asin(math.sqrt(w)) - math.pi / 3.0)
        return w, min(max(p, 0.0), 1.0)
    y = math.log(w1)
    if n <= 11:
        gamma = polyval(n, _SW_GAMMA)
        if y >= gamma:
            return w, 0.0
        y = -math.log(gamma - y)
        mu = polyval(n, _SW_MEAN_SMALL)
        sigma = math.exp(polyval(n, _SW_LOGSD_SMALL))
    else:
        ln_n = math.log(n)
        mu = polyval(ln_n, _SW_MEAN_LARGE)
        sigma = math.exp(polyval(ln_n, _SW_LOGSD_LARGE))
    return w, float(norm_cdf(-(y - mu) / sigma))
