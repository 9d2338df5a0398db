"""Durbin-Watson autocorrelation: the statistic, exact bounds and the verdict.

A thesis reads ``d`` from SPSS's Model Summary and compares it with ``dL``
and ``dU`` from a printed table. The tables stop at a few hundred cases and
disagree on whether ``k`` counts the intercept, so here the bounds are
computed exactly instead (Imhof's integral), for any ``n``.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from .errors import DataError
from .keywords import older_keywords

#: Verdict codes of :func:`durbin_watson_decision`, in the order of the d axis.
DECISIONS = ("positive", "inconclusive", "none", "negative")

#: Above this many cases the bounds come from the Durbin-Watson beta
#: approximation: Imhof's integral over millions of eigenvalues would be slow,
#: and at n = 1000 the approximation is already within 2e-8 of it.
EXACT_MAX_N = 1000


def durbin_watson(residuals) -> float:
    """The Durbin-Watson statistic of residuals in case order.

    Parameters
    ----------
    residuals : array_like
        Unstandardised residuals, in the order the cases were observed.

    Returns
    -------
    float
        ``d = sum((e_t - e_(t-1))^2) / sum(e_t^2)``, between 0 and 4;
        NaN when every residual is zero.

    Examples
    --------
    >>> round(durbin_watson([1.0, -1.0, 1.0, -1.0]), 4)
    3.0
    """
    e = np.asarray(residuals, dtype=float).ravel()
    if e.size < 2:
        raise DataError(f"Durbin-Watson needs at least 2 residuals, got {e.size}")
    if not np.all(np.isfinite(e)):
        raise DataError("Durbin-Watson residuals contain missing or infinite values")
    denom = float(np.dot(e, e))
    if denom == 0.0:
        return math.nan
    diff = np.diff(e)
    return float(np.dot(diff, diff)) / denom


@older_keywords(alpha="sig_level")
def durbin_watson_bounds(n: int, k: int, sig_level: float = 0.05) -> tuple[float, float]:
    """Exact lower and upper critical bounds ``(dL, dU)`` of the Durbin-Watson test.

    Parameters
    ----------
    n : int
        Number of cases.
    k : int
        Number of predictors, **not** counting the intercept (the ``k'`` of the
        Savin-White tables; the model has ``k + 1`` coefficients).
    sig_level : float, default 0.05
        One-sided significance level (older keyword: ``alpha``).

    Returns
    -------
    tuple of float
        ``(dL, dU)``.

    Notes
    -----
    With ``K = k + 1`` coefficients, the Durbin-Watson statistic of any design
    with an intercept lies between two ratios of quadratic forms in independent
    standard normal ``z_j`` (Durbin & Watson, 1950),
    ``d_L = sum nu_j z_j^2 / sum z_j^2`` over ``j = 1 .. n - K`` and
    ``d_U`` the same over ``j = K .. n - 1``, where
    ``nu_j = 2 (1 - cos(pi j / n))`` are the eigenvalues of the
    Durbin-Watson matrix. The critical value ``c`` of a ratio solves
    ``P(sum (nu_j - c) z_j^2 < 0) = sig_level``; the probability is Imhof's (1961)
    integral, evaluated by the trapezoidal rule on a log scale (exact to about
    1e-13 there, see ``_imhof_cdf``), and ``c`` is found by regula falsi.
    Neither scipy nor statsmodels offers these exact bounds, which is why this
    module computes them; scipy's ``quad`` and ``brentq`` would load
    ``scipy.integrate`` and ``scipy.optimize``, about 0.2 s of start-up in every
    analysis. The results reproduce the Savin-White (1977) tables and R's ``lmtest`` Pan
    algorithm on the same eigenvalues.

    For ``n`` above :data:`EXACT_MAX_N` (1000) the bounds use the beta
    distribution with the exact mean and variance of each ratio (Durbin &
    Watson, 1971), which there differs from the exact value by less than
    2e-8. Results are cached.

    References
    ----------
    Dowell, M., & Jarratt, P. (1971). A modified regula falsi method for
    computing the root of an equation. *BIT*, 11, 168-174.

    Durbin, J., & Watson, G. S. (1950). Testing for serial correlation in least
    squares regression I. *Biometrika*, 37, 409-428.

    Durbin, J., & Watson, G. S. (1971). Testing for serial correlation in least
    squares regression III. *Biometrika*, 58, 1-19.

    Imhof, J. P. (1961). Computing the distribution of quadratic forms in
    normal variables. *Biometrika*, 48, 419-426.

    Savin, N. E., & White, K. J. (1977). The Durbin-Watson test for serial
    correlation with extreme sample sizes or many regressors.
    *Econometrica*, 45, 1989-1996.

    Trefethen, L. N., & Weideman, J. A. C. (2014). The exponentially
    convergent trapezoidal rule. *SIAM Review*, 56, 385-458.

    Examples
    --------
    >>> dl, du = durbin_watson_bounds(50, 2)
    >>> round(dl, 5), round(du, 5)
    (1.46245, 1.62833)
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise DataError(f"n must be a whole number of cases, got {n!r}")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise DataError(f"k must be a whole number of predictors, got {k!r}")
    if k < 1:
        raise DataError(f"k counts the predictors without the intercept and must be "
                        f"at least 1, got {k}")
    if n < k + 2:
        raise DataError(f"Durbin-Watson bounds need n >= k + 2 cases "
                        f"(n = {n}, k = {k} predictors)")
    alpha = float(sig_level)
    if not 0.0 < alpha < 1.0:
        raise DataError(f"the significance level (sig_level) must be between 0 and 1, got {alpha}")
    return _bounds(int(n), int(k), alpha)


def durbin_watson_decision(d: float, lower: float, upper: float) -> str:
    """Classify ``d`` against ``(dL, dU)`` by the rule used in Indonesian theses.

    Parameters
    ----------
    d, lower, upper : float
        The statistic and the bounds ``dL`` and ``dU``.

    Returns
    -------
    str
        ``"positive"`` if ``d < dL``; ``"inconclusive"`` if ``dL <= d <= dU``
        or ``4 - dU <= d <= 4 - dL``; ``"none"`` if ``dU < d < 4 - dU``;
        ``"negative"`` if ``d > 4 - dL``; ``""`` when ``d`` is NaN.

    Notes
    -----
    The five-zone rule as set out by Ghozali (2018), *Aplikasi Analisis
    Multivariate dengan Program IBM SPSS 25*.

    Examples
    --------
    >>> durbin_watson_decision(1.9, 1.46246, 1.62833)
    'none'
    """
    if math.isnan(d):
        return ""
    if d < lower:
        return "positive"
    if d <= upper:
        return "inconclusive"
    if d < 4.0 - upper:
        return "none"
    if d <= 4.0 - lower:
        return "inconclusive"
    return "negative"


@lru_cache(maxsize=512)
def _bounds(n: int, k: int, alpha: float) -> tuple[float, float]:
    if n > EXACT_MAX_N:
        return (_beta_quantile(_large_n_moments(n, k, lower=True), alpha),
                _beta_quantile(_large_n_moments(n, k, lower=False), alpha))
    coefs = k + 1
    nu = 2.0 * (1.0 - np.cos(np.pi * np.arange(1, n) / n))
    lower_set = nu[: n - coefs]          # nu_1 .. nu_(n-K)
    upper_set = nu[coefs - 1:]           # nu_K .. nu_(n-1)
    return _ratio_quantile(lower_set, alpha), _ratio_quantile(upper_set, alpha)


def _large_n_moments(n: int, k: int, lower: bool) -> tuple[float, float]:
    """Mean and variance of a bound ratio without building n eigenvalues.

    Over j = 1 .. n-1, sum nu_j = 2(n - 1) and sum nu_j^2 = 6n - 8; each bound
    leaves out k of them (the largest for dL, the smallest for dU).
    """
    j = np.arange(n - k, n) if lower else np.arange(1, k + 1)
    left_out = 2.0 * (1.0 - np.cos(np.pi * j / n))
    m = n - 1 - k
    total = 2.0 * (n - 1) - float(left_out.sum())
    total_sq = 6.0 * n - 8.0 - float(np.dot(left_out, left_out))
    mean = total / m
    var = 2.0 * (total_sq - m * mean * mean) / (m * (m + 2.0))
    return mean, var


def _ratio_quantile(nu: np.ndarray, alpha: float) -> float:
    """The alpha quantile of sum(nu z^2) / sum(z^2): Imhof's probability, Illinois root."""
    lo, hi = float(nu[0]), float(nu[-1])
    if hi - lo < 1e-14:           # one eigenvalue: the ratio is a constant
        return lo

    def excess(c: float) -> float:
        return _imhof_cdf(nu, c) - alpha

    # The beta approximation is within about 1e-4 of the answer from n = 50 on
    # (1e-7 from n = 1000), so a narrow bracket around it saves most of the work.
    guess = _beta_quantile(_ratio_moments(nu), alpha)
    step = 0.002
    a, b = max(lo, guess - step), min(hi, guess + step)
    fa, fb = excess(a), excess(b)
    while fa > 0.0 and a > lo:
        step *= 8.0
        a = max(lo, guess - step)
        fa = excess(a)
    while fb < 0.0 and b < hi:
        step *= 8.0
        b = min(hi, guess + step)
        fb = excess(b)
    # Regula falsi with the Illinois modification (Dowell & Jarratt, 1971):
    # the CDF is smooth and monotone in c, so this converges superlinearly
    # while the root stays bracketed.
    for _ in range(100):
        if fa == 0.0 or fb == 0.0 or abs(b - a) <= 1e-12:
            break
        c = b - fb * (b - a) / (fb - fa)
        fc = excess(c)
        if (fc > 0.0) != (fb > 0.0):
            a, fa = b, fb
        else:
            fa *= 0.5
        b, fb = c, fc
    return float(a if abs(fa) < abs(fb) else b)


def _imhof_cdf(nu: np.ndarray, c: float) -> float:
    """P(sum nu_j z_j^2 / sum z_j^2 < c) = P(sum (nu_j - c) z_j^2 < 0), Imhof (1961).

    With Q = sum lam_j z_j^2, P(Q < 0) = 1/2 - (1/pi) int_0^inf sin(theta(u)) /
    (u rho(u)) du, theta = sum arctan(lam_j u) / 2, rho = prod (1 + lam_j^2 u^2)^(1/4).
    With u = exp(s) the integrand is analytic in the strip |Im s| < pi/2 and
    decays exponentially as s -> -inf and faster than exponentially as
    s -> inf, so the plain trapezoidal rule converges geometrically, with error
    about exp(-pi^2 / h) for step h (Trefethen & Weideman, 2014); h = 1/8 is
    far below the 1e-13 the bounds need.
    """
    lam = nu - c
    lam = lam[np.abs(lam) > 1e-300]
    if lam.size == 0 or np.all(lam > 0):
        return 0.0
    if np.all(lam < 0):
        return 1.0
    m = lam.size
    abs_lam = np.abs(lam)
    # Right end: Imhof's bound on the neglected tail is below 1e-13 there.
    right = (2.0 / m) * (math.log(1e13) - math.log(math.pi * m / 2.0)
                         - 0.5 * float(np.log(abs_lam).sum()))
    right = max(right, 1.0 - math.log(float(abs_lam.max())))
    # Left end: the integrand is below u sum|lam| / 2 <= 1e-17 there.
    left = math.log(1e-17 / float(abs_lam.sum()))
    h = 0.125
    s = np.arange(left, right + h, h)
    # One complex log gives both pieces: log(1 + i lam u) has real part
    # log(1 + lam^2 u^2) / 2 and imaginary part arctan(lam u).
    z = np.log1p(np.multiply.outer(np.exp(s), 1j * lam)).sum(axis=-1)
    values = np.sin(0.5 * z.imag) * np.exp(-0.5 * np.minimum(z.real, 1400.0))
    return 0.5 - h * float(values.sum()) / math.pi


def _ratio_moments(nu: np.ndarray) -> tuple[float, float]:
    """Exact mean and variance of sum(nu z^2) / sum(z^2), z standard normal."""
    m = nu.size
    mean = float(nu.mean())
    var = 2.0 * float(np.sum((nu - mean) ** 2)) / (m * (m + 2.0))
    return mean, var


def _beta_quantile(moments: tuple[float, float], alpha: float) -> float:
    """Quantile of a beta law on [0, 4] with the given mean and variance."""
    from .distributions import beta_ppf

    mean, var = moments
    if var <= 0.0:
        return mean
    mu = mean / 4.0
    v = var / 16.0
    common = mu * (1.0 - mu) / v - 1.0
    return 4.0 * float(beta_ppf(alpha, mu * common, (1.0 - mu) * common))
