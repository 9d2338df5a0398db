"""Probability distributions behind every p-value and critical value smma_stats prints.

Thin wrappers over :mod:`scipy.special`, with one argument order for the
whole project: the statistic (or probability) first, then the degrees of
freedom: ``t_cdf(t, df)``, ``f_sf(f, df1, df2)``, ``f_isf(q, df1, df2)``.

Upper tails come from scipy's complementary functions (``fdtrc``,
``chdtrc``, ``betaincc``, ``stdtr(df, -t)``, ``ndtr(-x)``), never from
``1 - cdf``, so a tiny p-value keeps its relative precision; upper-tail
quantiles invert the complementary functions for the same reason.

The functions take scalars or arrays (broadcast like numpy ufuncs) and
return a numpy float for scalar input, an array otherwise. Invalid
arguments (degrees of freedom <= 0, probabilities outside [0, 1]) give NaN.
A negative F or chi-square statistic (a sum of squares that rounding pushed
below zero) counts as 0, so its p-value is 1, not NaN.

scipy.special is imported at the top of this module; the statistics import
this module inside the functions that need it, so ``import smma_stats`` and
``smma --help`` load no scipy.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.special as sc

__all__ = [
    "beta_cdf", "beta_ppf", "beta_sf", "chi2_cdf", "chi2_sf", "f_cdf", "f_isf", "f_ppf",
    "f_sf", "kolmogorov_sf", "norm_cdf", "norm_isf", "norm_pdf", "norm_ppf", "norm_sf",
    "t_cdf", "t_isf", "t_ppf", "t_sf", "t_two_sided_p",
]

_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


# ----------------------------------------------------------------------------
# Normal

def norm_cdf(x):
    """Standard normal distribution function ``Phi(x) = P(Z <= x)`` (``scipy.special.ndtr``).

    Parameters
    ----------
    x : array_like

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> round(float(norm_cdf(1.959963984540054)), 15)
    0.975
    """
    return sc.ndtr(x)


def norm_sf(x):
    """Standard normal survival function ``1 - Phi(x) = Phi(-x)``.

    Examples
    --------
    >>> float(norm_sf(10.0))  # R: pnorm(10, lower.tail = FALSE) = 7.6198530241605269e-24
    7.61985302416047e-24
    """
    return sc.ndtr(np.negative(x, dtype=float))


def norm_pdf(x):
    """Standard normal density ``exp(-x^2 / 2) / sqrt(2 pi)``.

    Examples
    --------
    >>> round(float(norm_pdf(0.0)), 12)
    0.398942280401
    """
    x = np.asarray(x, dtype=float)
    return (_INV_SQRT_2PI * np.exp(-0.5 * x * x))[()]


def norm_ppf(p):
    """Quantile of the standard normal distribution (``scipy.special.ndtri``).

    Parameters
    ----------
    p : array_like
        Lower-tail probabilities; 0 gives ``-inf``, 1 gives ``inf``, values
        outside [0, 1] give NaN.

    Examples
    --------
    >>> float(norm_ppf(0.975))        # R: qnorm(0.975)
    1.959963984540054
    """
    return sc.ndtri(p)


def norm_isf(q):
    """Upper-tail normal quantile: the ``x`` with ``1 - Phi(x) = q``, ``-ndtri(q)``.

    Examples
    --------
    >>> round(float(norm_isf(1e-20)), 12)  # R: qnorm(1e-20, lower.tail = FALSE)
    9.262340089798
    """
    return np.negative(sc.ndtri(q))


# ----------------------------------------------------------------------------
# Student t

def t_cdf(t, df):
    """Student t distribution function ``P(T <= t)`` (``scipy.special.stdtr``).

    Parameters
    ----------
    t : array_like
        The statistic.
    df : array_like
        Degrees of freedom (> 0; ``inf`` gives the normal distribution).

    Examples
    --------
    >>> round(float(t_cdf(-2.0, 10)), 15)  # R: pt(-2, 10)
    0.03669401738537
    """
    return sc.stdtr(df, t)


def t_sf(t, df):
    """Student t survival function ``P(T > t) = P(T < -t)``.

    Examples
    --------
    >>> float(t_sf(40.0, 99))  # R: pt(40, 99, lower.tail = FALSE) = 3.1925425801436066e-63
    3.1925425801436255e-63
    """
    return sc.stdtr(df, np.negative(t, dtype=float))


def t_two_sided_p(t, df):
    """Two-sided p-value ``P(|T| >= |t|)`` of a t statistic (SPSS's "Sig. (2-tailed)").

    Examples
    --------
    >>> round(float(t_two_sided_p(2.0, 10)), 15)  # R: 2 * pt(-2, 10)
    0.07338803477074
    """
    return 2.0 * sc.stdtr(df, -np.abs(np.asarray(t, dtype=float)))


def t_ppf(p, df):
    """Quantile of Student's t: the ``t`` with ``P(T <= t) = p`` (``scipy.special.stdtrit``).

    Notes
    -----
    In scipy 1.17 ``stdtrit`` is unreliable below ``p`` = 1e-150 with fewer
    than about 10 df: it can be off by orders of magnitude, or answer
    ``+inf`` (as it does for ``p = 0``), which is returned here as ``-inf``.
    Critical values and confidence limits never ask that far out.

    Examples
    --------
    Two-tailed 5 % critical t with 99 df (R: ``qt(0.975, 99)`` =
    1.9842169515864172):

    >>> round(float(t_ppf(0.975, 99)), 12)
    1.984216951586
    """
    p = np.asarray(p, dtype=float)
    out = sc.stdtrit(df, p)
    return np.where((p < 0.5) & (out > 0.0), -np.inf, out)[()]


def t_isf(q, df):
    """Upper-tail quantile of Student's t: the ``t`` with ``P(T > t) = q``, ``-t_ppf(q)``.

    Examples
    --------
    >>> round(float(t_isf(1e-20, 99)), 11)  # R: qt(1e-20, 99, lower.tail = FALSE)
    11.72418391056
    """
    return np.negative(t_ppf(q, df))


# ----------------------------------------------------------------------------
# F

def f_cdf(f, df1, df2):
    """F distribution function ``P(F <= f)`` with ``(df1, df2)`` degrees of freedom (``fdtr``).

    Examples
    --------
    >>> round(float(f_cdf(2.6983975395340103, 3, 97)), 14)
    0.95
    """
    return sc.fdtr(df1, df2, np.maximum(f, 0.0))


def f_sf(f, df1, df2):
    """F survival function ``P(F > f)``, the p-value of an F test (``scipy.special.fdtrc``).

    Examples
    --------
    >>> round(float(f_sf(4.0, 2, 20)), 15)  # R: pf(4, 2, 20, lower.tail = FALSE)
    0.034571613033608
    """
    return sc.fdtrc(df1, df2, np.maximum(f, 0.0))


def f_ppf(p, df1, df2):
    """Quantile of the F distribution: the ``f`` with ``P(F <= f) = p`` (``scipy.special.fdtri``).

    Examples
    --------
    5 % critical value for (3, 97) df (R: ``qf(0.95, 3, 97)`` = 2.6983975395340103):

    >>> round(float(f_ppf(0.95, 3, 97)), 12)
    2.698397539534
    """
    return sc.fdtri(df1, df2, p)


def f_isf(q, df1, df2):
    """Upper-tail quantile of F: the ``f`` with ``P(F > f) = q``, accurate for tiny ``q``.

    Notes
    -----
    ``P(F > f) = 1 - I_x(df1/2, df2/2)`` with ``x = df1 f / (df1 f + df2)``
    (Abramowitz & Stegun 26.6.2): ``x`` comes from ``betainccinv`` and, where
    ``x`` is near 1, ``1 - x`` from ``betaincinv`` with the shapes swapped, so
    ``f = df2 x / (df1 (1 - x))`` keeps its precision in both tails.
    ``fdtri(df1, df2, 1 - q)`` is ``inf`` once ``1 - q`` rounds to 1 (``q``
    below about 1e-16), and so is ``scipy.stats.f.isf`` (scipy 1.17).

    Examples
    --------
    >>> round(float(f_isf(0.05, 3, 97)), 12)
    2.698397539534
    >>> round(float(f_isf(1e-20, 3, 50)), 10)  # R: qf(1e-20, 3, 50, lower.tail = FALSE)
    95.7490213633
    """
    a, b = np.multiply(0.5, df1), np.multiply(0.5, df2)
    x_small = np.asarray(sc.betainccinv(a, b, q))    # x, accurate while x <= 1/2
    y_small = np.asarray(sc.betaincinv(b, a, q))     # 1 - x, accurate while x >= 1/2
    use_x = x_small <= 0.5
    x = np.where(use_x, x_small, 1.0 - y_small)
    y = np.where(use_x, 1.0 - x_small, y_small)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (np.multiply(df2, x) / np.multiply(df1, y))[()]


# ----------------------------------------------------------------------------
# Chi-square

def chi2_cdf(x, df):
    """Chi-square distribution function ``P(X <= x)`` (``scipy.special.chdtr``).

    Examples
    --------
    >>> round(float(chi2_cdf(3.841458820694124, 1)), 12)
    0.95
    """
    return sc.chdtr(df, np.maximum(x, 0.0))


def chi2_sf(x, df):
    """Chi-square survival function ``P(X > x)``, the p-value of a chi-square test (``chdtrc``).

    Examples
    --------
    >>> round(float(chi2_sf(10.0, 3)), 15)  # R: pchisq(10, 3, lower.tail = FALSE)
    0.018566135463043
    """
    return sc.chdtrc(df, np.maximum(x, 0.0))


# ----------------------------------------------------------------------------
# Beta and Kolmogorov

def beta_cdf(x, a, b):
    """Regularised incomplete beta function ``I_x(a, b)`` (``scipy.special.betainc``).

    Examples
    --------
    >>> round(float(beta_cdf(0.3, 2.5, 7)), 14)   # R: pbeta(0.3, 2.5, 7)
    0.64122246297172
    """
    return sc.betainc(a, b, x)


def beta_sf(x, a, b):
    """``1 - I_x(a, b)`` (``scipy.special.betaincc``), accurate where it is small.

    Examples
    --------
    >>> round(float(beta_sf(0.3, 2.5, 7)), 14)
    0.35877753702828
    """
    return sc.betaincc(a, b, x)


def beta_ppf(p, a, b):
    """Quantile of the beta(a, b) distribution: ``x`` with ``I_x(a, b) = p`` (``betaincinv``).

    Examples
    --------
    >>> round(float(beta_ppf(0.05, 250.5, 300.25)), 14)  # R: qbeta(0.05, 250.5, 300.25)
    0.42005369775436
    """
    return sc.betaincinv(a, b, p)


def kolmogorov_sf(z):
    """Kolmogorov survival function ``P(K > z)`` (``scipy.special.kolmogorov``).

    The asymptotic p-value of the one-sample Kolmogorov-Smirnov test,
    ``z = sqrt(n) D`` (SPSS's "Kolmogorov-Smirnov Z").

    Examples
    --------
    >>> round(float(kolmogorov_sf(1.3580986393225505)), 15)
    0.05
    """
    return sc.kolmogorov(z)
