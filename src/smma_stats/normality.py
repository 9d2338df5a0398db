"""Normality tests as SPSS prints them: Lilliefors-corrected K-S and Shapiro-Wilk.

:func:`ks_normality` gives the one-sample Kolmogorov-Smirnov table of SPSS
(Explore, or NPAR TESTS from version 21.0.0.1 on) with an accurate p-value
beside the one SPSS prints; ``method="kolmogorov"`` gives the uncorrected
"Kolmogorov-Smirnov Z" of older SPSS and PSPP. :func:`shapiro_wilk` is
Royston's algorithm, the one behind R's ``shapiro.test``; it lives in
:mod:`smma_stats.shapiro`, the Lilliefors p-values in
:mod:`smma_stats.lilliefors`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import DataError, SmmaError
from .keywords import SigLevelAlias, older_keywords
from .lilliefors import dallal_wilkinson_pvalue, lilliefors_pvalue
from .moments import COUNT_RANGE, Tally
from .options import NORMALITY_METHODS
from .report.format import format_p
from .results import ResultMixin
# shapiro_wilk is imported for the names this module has always offered (see __all__)
from .shapiro import SW_MAX_N, clean_sample, shapiro_sorted, shapiro_wilk

__all__ = ["NormalityResult", "dallal_wilkinson_pvalue", "ks_normality",
           "lilliefors_pvalue", "shapiro_wilk"]

_SPSS_CAP = 0.2  # SPSS prints at most .200, flagged as a lower bound


@dataclass(frozen=True)
class NormalityResult(SigLevelAlias, ResultMixin):
    """One-sample Kolmogorov-Smirnov test of normality, SPSS layout.

    Attributes
    ----------
    variable : str
        Name of the tested variable.
    n : int
        Number of non-missing values.
    mean, sd : float
        "Normal Parameters": mean and standard deviation (n - 1).
    statistic : float
        D = max(D+, D-), SPSS's "Absolute" (and "Test Statistic").
    d_plus : float
        "Positive": max(i/n - Phi(z_(i))).
    d_minus : float
        "Negative" as SPSS prints it: minus max(Phi(z_(i)) - (i - 1)/n).
    z : float
        Kolmogorov-Smirnov Z = sqrt(n) D for ``method="kolmogorov"``, NaN otherwise.
    p_value : float
        Accurate p-value of the chosen method.
    p_spss : float
        The significance SPSS computes: Dallal-Wilkinson capped at .200 for
        ``"lilliefors"``, the asymptotic Kolmogorov p for ``"kolmogorov"``.
    display : str
        The "Asymp. Sig. (2-tailed)" cell as it should be reported
        (``".200"``, ``".013"``, ``"< .001"``).
    lower_bound : bool
        True when SPSS shows ``.200`` with the footnote "This is a lower bound
        of the true significance".
    method : str
        ``"lilliefors"`` or ``"kolmogorov"``.
    normal : bool
        ``p_value > alpha``.
    alpha : float
        Significance level of the decision (also readable as ``sig_level``).
    shapiro_statistic, shapiro_p_value : float
        Shapiro-Wilk W and p (NaN when n > 5000).
    """

    variable: str
    n: int
    mean: float
    sd: float
    statistic: float
    d_plus: float
    d_minus: float
    z: float
    p_value: float
    p_spss: float
    display: str
    lower_bound: bool
    method: str
    normal: bool
    alpha: float
    shapiro_statistic: float
    shapiro_p_value: float

    _title = "One-Sample Kolmogorov-Smirnov Test"

    @staticmethod
    def _fmt_scalar(name: str, value: Any) -> str:
        if name == "p_spss":
            return format_p(float(value))
        if name == "display":
            return str(value)
        return ResultMixin._fmt_scalar(name, value)

    def _scalars(self) -> dict[str, Any]:
        out = super()._scalars()
        if self.method != "kolmogorov":
            out.pop("z")
        return out


@older_keywords(alpha="sig_level")
def ks_normality(x, method: str = "lilliefors", sig_level: float = 0.05, *,
                 name: str | None = None) -> NormalityResult:
    """One-sample Kolmogorov-Smirnov normality test, as SPSS prints it.

    Parameters
    ----------
    x : array-like or pandas.Series
        The values (often the unstandardised regression residuals). Missing
        values (NaN) are dropped; ``n`` counts the rest.
    method : {"lilliefors", "kolmogorov"}
        ``"lilliefors"`` (default): the K-S statistic with mean and SD
        estimated from the data, as SPSS 21.0.0.1 and later and R's
        ``nortest::lillie.test``. ``"kolmogorov"``: the same D judged by the
        asymptotic Kolmogorov distribution of Z = sqrt(n) D, as older SPSS and
        PSPP print "Kolmogorov-Smirnov Z" (too lenient when the parameters are
        estimated, kept for reproducing old outputs). PSPP 1.6.2 prints
        this p divided by Z when Z >= 1; SPSS and this function do not.
    sig_level : float, default 0.05
        Significance level of the ``normal`` decision (``p_value > sig_level``;
        older keyword: ``alpha``).
    name : str, optional
        Variable name for the output; defaults to the Series name, else ``"x"``.

    Returns
    -------
    NormalityResult
        D, D+, the signed "Negative" difference, the accurate ``p_value``,
        SPSS's number (``p_spss``) and its printed form (``display``), and
        Shapiro-Wilk W and p beside it.

    Raises
    ------
    DataError
        Fewer than 4 values, values that are not numbers or infinite, or all
        values equal.

    Notes
    -----
    The values are standardised with the mean and the SD (n - 1), and with
    ``u_i = Phi(z_(i))`` for the sorted values::

        D+ = max(i/n - u_i),   D- = max(u_i - (i - 1)/n),   D = max(D+, D-).

    With tied values this equals SPSS's computation over distinct values.
    Whole numbers (an integer array or Series, such as summed scores) are
    counted rather than sorted: D+ is taken at the last of each run of tied
    values and D- at the first, and the mean and SD come from exact integer
    sums, so millions of scores need no float copy.

    *What SPSS prints* (``p_spss``, ``display``): the Dallal-Wilkinson (1986)
    approximation (see :func:`dallal_wilkinson_pvalue`). Above .2 SPSS shows
    ``.200`` with a "lower bound" footnote: ``lower_bound`` is then True.

    *The p-value* (``p_value``): Dallal-Wilkinson is fitted for p < .1 and
    drifts above that (at n = 150, D = .06 it gives .193 where simulation
    gives .209; further off for very small or very large n), so ``p_value``
    comes from a table of the simulated null distribution instead
    (:func:`lilliefors_pvalue`): quantiles of Stephens' modified statistic
    ``T = D (sqrt(n) - 0.01 + 0.85/sqrt(n))`` at 122 upper-tail
    probabilities from .999 to .001, for 63 sample sizes from 4 to 10,000
    (1,000,000 normal samples per size up to n = 100, 400,000 up to 1,000
    and 200,000 beyond), interpolated in T on the logit scale and between
    sample sizes linearly in 1/sqrt(n). Beyond n = 10,000 the last row
    stands for the limiting distribution (its quantiles differ by less than
    .004 from those at n = 5,000). Below p = .001 the Dallal-Wilkinson
    tail is used, scaled to meet the table at .001; below the smallest
    simulated T, p = 1. Against independent simulations (200,000 samples;
    50,000 at n = 20,000) the error is below 0.002 for n from 4 to 20,000.

    The null distribution assumes continuous data. Scores with few distinct
    values (a single Likert item) make D large through the steps of the
    empirical distribution alone, so large samples of them are almost
    always declared non-normal, in SPSS as here.

    ``normal`` uses ``p_value``; with ``sig_level = .05`` it agrees with the SPSS
    reading except in rare borderline cases, where the accurate p is the
    better judge.

    References
    ----------
    Lilliefors, H. W. (1967). On the Kolmogorov-Smirnov test for normality
    with mean and variance unknown. JASA, 62, 399-402.

    Dallal, G. E., & Wilkinson, L. (1986). An analytic approximation to the
    distribution of Lilliefors's test statistic for normality. The American
    Statistician, 40, 294-296.

    Stephens, M. A. (1974). EDF statistics for goodness of fit and some
    comparisons. JASA, 69, 730-737.

    Examples
    --------
    Heights of 31 black cherry trees (R's ``trees$Height``):

    >>> from smma_stats import ks_normality
    >>> height = [70, 65, 63, 72, 81, 83, 66, 75, 80, 75, 79, 76, 76, 69, 75, 74,
    ...           85, 86, 71, 64, 78, 80, 74, 72, 77, 81, 82, 80, 80, 80, 87]
    >>> res = ks_normality(height, name="Height")
    >>> round(res.statistic, 3), round(res.d_plus, 3), round(res.d_minus, 3)
    (0.122, 0.071, -0.122)
    >>> res.display, res.lower_bound, round(res.p_value, 3), res.normal
    ('.200', True, 0.273, True)
    >>> round(res.shapiro_statistic, 4), round(res.shapiro_p_value, 4)
    (0.9655, 0.4034)
    >>> old = ks_normality(height, method="kolmogorov")
    >>> round(old.z, 3), old.display
    (0.679, '.745')
    """
    if method not in NORMALITY_METHODS:
        raise SmmaError(f"ks_normality: method must be 'lilliefors' or 'kolmogorov', "
                        f"not {method!r}")
    alpha = float(sig_level)
    if not 0.0 < alpha < 1.0:
        raise SmmaError("ks_normality: the significance level (sig_level) must lie between "
                        f"0 and 1, not {alpha}")
    if name is None:
        series_name = getattr(x, "name", None)
        name = "x" if series_name is None else str(series_name)

    counted = _counted(x, name)
    if counted is not None:
        # whole numbers: each distinct value and the ranks it spans, from counts
        distinct, before, upto, mean, sd = counted
        n = int(upto[-1])
        values = None
    else:
        values = clean_sample(x, name, minimum=4)
        values.sort()
        n = values.size
        mean = float(values.mean())
        sd = float(values.std(ddof=1))
    if (values is not None and values[0] == values[-1]) or not sd > 0.0:
        raise DataError(f"{name}: all {n} values are equal; normality cannot be tested "
                        "on a variable with zero variance")
    if values is None:
        d_plus, d_minus = _ks_distinct(distinct, before, upto, mean, sd)
    else:
        d_plus, d_minus = ks_differences(values, mean, sd)
    d = max(d_plus, d_minus)

    z, p_value, p_spss, lower_bound = ks_p_values(d, n, method)
    display = format_p(p_spss)

    if n <= SW_MAX_N:
        if values is None:
            values = np.repeat(distinct, upto - before)
        w, p_w = shapiro_sorted(values)
    else:
        w, p_w = math.nan, math.nan

    return NormalityResult(
        variable=name, n=int(n), mean=mean, sd=sd, statistic=d, d_plus=d_plus,
        d_minus=-d_minus, z=z, p_value=p_value, p_spss=p_spss, display=display,
        lower_bound=lower_bound, method=method, normal=bool(p_value > alpha),
        alpha=alpha, shapiro_statistic=w, shapiro_p_value=p_w)


_BLOCK = 1 << 20


def _counted(x, name: str):
    """(distinct values, rows before each, rows up to each, mean, SD) of whole numbers.

    For an integer array or Series (no gaps possible) spanning fewer than
    ``COUNT_RANGE`` values: the values are counted, not copied or sorted,
    and the mean and SD come from exact integer sums. None for anything
    else (then the values are sorted as floats).
    """
    dtype = getattr(x, "dtype", None)
    if not isinstance(dtype, np.dtype) or dtype.kind not in "iu":
        return None
    raw = x.to_numpy() if hasattr(x, "to_numpy") else np.asarray(x)
    if raw.ndim != 1:
        return None
    if raw.size < 4:
        raise DataError(f"{name}: at least 4 non-missing values are needed, got {raw.size}")
    lo, hi = int(raw.min()), int(raw.max())
    if hi - lo >= COUNT_RANGE:
        return None
    tally = Tally(raw, lo, hi)
    counts = tally.counts[tally.values]
    upto = np.cumsum(counts)
    return (tally.values + lo).astype(float), upto - counts, upto, tally.mean, tally.sd


def _ks_distinct(values, before, upto, mean: float, sd: float) -> tuple[float, float]:
    """D+ and D- (both positive) from distinct values and the ranks each spans.

    ``D+`` is largest at the last of tied values, ``D-`` at the first, so
    the normal distribution function is needed once per distinct value.
    """
    from .distributions import norm_cdf

    n = float(upto[-1])
    u = norm_cdf((values - mean) / sd)
    d_plus = float(np.max(upto / n - u))  # max(i/n - u_i), last of each tie
    d_minus = float(np.max(u - before / n))  # max(u_i - (i - 1)/n), first of each
    return d_plus, d_minus


def ks_differences(sorted_values: np.ndarray, mean: float, sd: float) -> tuple[float, float]:
    """D+ and D- (both positive) of sorted values against N(mean, sd).

    Computed a block of values at a time, so a large sample needs no
    further copies of its size.
    """
    from .distributions import norm_cdf

    n = sorted_values.size
    low, high = math.inf, -math.inf
    for a in range(0, n, _BLOCK):
        u = sorted_values[a:a + _BLOCK] - mean
        u /= sd
        u = norm_cdf(u)
        steps = np.arange(a, a + u.size, dtype=float)
        steps /= n  # (i - 1)/n
        u -= steps
        low, high = min(low, float(u.min())), max(high, float(u.max()))
    d_minus = high  # max(u_i - (i - 1)/n)
    d_plus = 1.0 / n - low  # max(i/n - u_i)
    return d_plus, d_minus


def ks_p_values(d: float, n: int, method: str) -> tuple[float, float, float, bool]:
    """``(z, p_value, p_spss, lower_bound)`` for a K-S distance ``d`` on ``n`` values."""
    if method == "lilliefors":
        dw = dallal_wilkinson_pvalue(d, n)
        return math.nan, lilliefors_pvalue(d, n), min(dw, _SPSS_CAP), dw > _SPSS_CAP
    from .distributions import kolmogorov_sf

    z = math.sqrt(n) * d
    p_value = float(kolmogorov_sf(z))
    return z, p_value, p_value, False
