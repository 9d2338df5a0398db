"""Classical assumption tests (uji asumsi klasik) of a linear regression.

Linearity (SPSS MEANS /STATISTICS=LINEARITY), randomness of the residuals
(runs test) and the Durbin-Watson bounds; the heteroscedasticity tests
(Glejser, Breusch-Pagan, White) live in :mod:`smma_stats.heteroscedasticity`
and are importable from here too. Normality lives in :mod:`smma_stats.normality` and
multicollinearity (tolerance, VIF) in the regression's coefficient table.

Every result says ``passed=True`` when the test finds no problem at the
significance level ``sig_level`` (the results' ``alpha`` field), which is how
a thesis reads it ("Sig. > .05, tidak terjadi ...").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .durbin_watson import durbin_watson, durbin_watson_bounds, durbin_watson_decision
from .errors import DataError
from .heteroscedasticity import (AssumptionTestResult, breusch_pagan_test, glejser_test,
                                 white_test)
from .keywords import SigLevelAlias, older_keywords
from .model_frame import check_alpha, model_columns, predictor_names
from .moments import value_groups
from .results import ResultMixin

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "AssumptionTestResult", "LinearityResult", "RunsTestResult", "breusch_pagan_test",
    "durbin_watson", "durbin_watson_bounds", "durbin_watson_decision", "glejser_test",
    "linearity_test", "runs_test", "white_test",
]


@dataclass(frozen=True)
class LinearityResult(SigLevelAlias, ResultMixin):
    """SPSS's test for linearity (MEANS /STATISTICS=LINEARITY).

    ``statistic``, ``df``, ``df2`` and ``p_value`` belong to the Deviation
    from Linearity F, which decides ``passed`` at ``alpha``, the significance
    level (also readable as ``sig_level``). ``table`` has the columns
    ``source, ss, df, ms, f, p_value`` with the rows "Between Groups",
    "Linearity", "Deviation from Linearity", "Within Groups" and "Total".
    """

    name: str
    dependent: str
    predictor: str
    statistic: float
    df: int
    df2: int
    p_value: float
    passed: bool
    alpha: float
    n: int
    groups: int
    linearity_f: float
    linearity_p_value: float
    r: float
    r2: float
    eta: float
    eta2: float
    table: pd.DataFrame = field(repr=False, compare=False)

    _title = "Linearity test"


@dataclass(frozen=True)
class RunsTestResult(SigLevelAlias, ResultMixin):
    """Runs test of randomness (SPSS NPAR TESTS /RUNS).

    ``alpha`` is the significance level that decides ``passed`` (also
    readable as ``sig_level``). ``statistic`` is Z; ``runs`` is the number
    of runs of cases below and at or above ``cutoff``; ``expected_runs`` and
    ``sd_runs`` are its mean and standard deviation under randomness;
    ``corrected`` says whether the 0.5 continuity correction was applied.
    """

    name: str
    statistic: float
    p_value: float
    passed: bool
    alpha: float
    cutoff: float
    n_below: int
    n_above: int
    n: int
    runs: int
    expected_runs: float
    sd_runs: float
    corrected: bool

    _title = "Runs test"


@older_keywords(y="dependent", x="predictor", alpha="sig_level")
def linearity_test(data, dependent: str, predictor: str,
                   sig_level: float = 0.05) -> LinearityResult:
    """Test for linearity as SPSS MEANS /STATISTICS=LINEARITY prints it.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case; rows missing ``dependent`` or ``predictor`` are dropped.
    dependent : str
        Dependent variable (older keyword: ``y``).
    predictor : str
        One predictor; each distinct value is a group (older keyword: ``x``).
    sig_level : float, default 0.05
        Significance level (older keyword: ``alpha``).

    Returns
    -------
    LinearityResult
        ``passed`` is True when the Deviation from Linearity
        ``p_value > sig_level``.

    Raises
    ------
    DataError
        Fewer than 3 distinct ``predictor`` values, no group with two or more
        cases, or a constant ``dependent``.

    Notes
    -----
    With ``G`` groups: Between Groups ``SS = sum n_g (ybar_g - ybar)^2``
    (``df = G - 1``); Linearity ``SS = r^2 SS_total`` (``df = 1``); Deviation
    from Linearity is the difference (``df = G - 2``); Within Groups has
    ``df = N - G``. Each F divides a mean square by the Within Groups mean
    square. ``eta^2 = SS_between / SS_total``. The Deviation F is the same
    as the F comparing the straight line with a model fitting every group
    mean.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"y": [2, 3, 3, 4, 5, 5, 6, 8, 7, 9],
    ...                   "x": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]})
    >>> res = linearity_test(d, "y", "x")
    >>> res.table.round(3)
                         source     ss  df      ms       f  p_value
    0            Between Groups  42.60   4  10.650  10.650    0.012
    1                 Linearity  42.05   1  42.050  42.050    0.001
    2  Deviation from Linearity   0.55   3   0.183   0.183    0.903
    3             Within Groups   5.00   5   1.000     NaN      NaN
    4                     Total  47.60   9     NaN     NaN      NaN
    >>> res.passed
    True
    """
    if not isinstance(predictor, str):
        raise DataError(f"linearity_test takes one predictor name, got {predictor!r}")
    predictor_names(dependent, predictor)
    check_alpha(sig_level, DataError)
    (yv, xv), keep, _ = model_columns(data, dependent, (predictor,))
    if keep is not None:
        yv, xv = yv[keep], xv[keep]
    return linearity_from_columns(yv, xv, dependent, predictor, sig_level)


def linearity_from_columns(yv, xv, y: str, x: str, alpha: float = 0.05) -> LinearityResult:
    """:func:`linearity_test` of two complete columns (any numeric dtype).

    Whole-number columns are grouped by counting (no sort), so ten million
    rows take a fraction of a second.
    """
    n = len(yv)
    counts, group = value_groups(xv)
    g = counts.size
    check_linearity_groups(x, n, g)
    y64 = np.asarray(yv, dtype=float)
    ybar = float(y64.mean())
    ss_total = float(np.dot(y64 - ybar, y64 - ybar))
    if ss_total == 0.0:
        raise DataError(f"dependent variable {y!r} is constant")
    means = np.bincount(group, weights=y64, minlength=g) / counts
    d = y64 - means[group]
    ss_within = float(np.dot(d, d))
    ss_between = float(np.sum(counts * (means - ybar) ** 2))
    xc = np.asarray(xv, dtype=float) - float(np.mean(xv))
    r = float(np.dot(xc, y64 - ybar) / math.sqrt(np.dot(xc, xc) * ss_total))
    return linearity_from_sums(y, x, n, g, ss_between, ss_within, ss_total, r, alpha)


def check_linearity_groups(x: str, n: int, g: int) -> None:
    """Refuse an X with too few distinct values or no within-group variation."""
    if g < 3:
        raise DataError(f"{x!r} has {g} distinct value(s); the linearity test needs at "
                        f"least 3 to separate linearity from deviation")
    if n <= g:
        raise DataError(f"every value of {x!r} occurs once, so there is no within-group "
                        f"variation to test against")


def linearity_from_sums(y: str, x: str, n: int, g: int, ss_between: float, ss_within: float,
                        ss_total: float, r: float, alpha: float) -> LinearityResult:
    """SPSS's linearity table from its sums of squares."""
    import pandas as pd

    from .distributions import f_sf

    ss_lin = r * r * ss_total
    ss_dev = ss_between - ss_lin
    dfs = [g - 1, 1, g - 2, n - g, n - 1]
    ss = [ss_between, ss_lin, ss_dev, ss_within, ss_total]
    ms = [s / d for s, d in zip(ss[:4], dfs[:4])] + [math.nan]
    with np.errstate(divide="ignore", invalid="ignore"):
        f = [m / ms[3] if ms[3] > 0 else math.inf for m in ms[:3]] + [math.nan, math.nan]
    p = [float(f_sf(fv, d, n - g)) if math.isfinite(fv) else 0.0
         for d, fv in zip(dfs[:3], f[:3])] + [math.nan, math.nan]
    table = pd.DataFrame({
        "source": ["Between Groups", "Linearity", "Deviation from Linearity",
                   "Within Groups", "Total"],
        "ss": ss, "df": dfs, "ms": ms, "f": f, "p_value": p})
    eta2 = ss_between / ss_total
    return LinearityResult(
        name="Linearity", dependent=y, predictor=x, statistic=f[2], df=g - 2, df2=n - g,
        p_value=p[2], passed=bool(p[2] > alpha), alpha=float(alpha), n=n, groups=g,
        linearity_f=f[1], linearity_p_value=p[1], r=r, r2=r * r, eta=math.sqrt(eta2), eta2=eta2,
        table=table)


@older_keywords(alpha="sig_level")
def runs_test(residuals, cutoff="median", sig_level: float = 0.05,
              correction: bool | None = None) -> RunsTestResult:
    """Runs test of whether residuals in case order are random.

    Parameters
    ----------
    residuals : array_like
        Values in case order (usually the unstandardised residuals).
    cutoff : {"median", "mean"} or float, default "median"
        Cut point. As in SPSS, values **below** it form one group and values
        **at or above** it the other, so values equal to the median count
        as "above".
    sig_level : float, default 0.05
        Significance level (older keyword: ``alpha``).
    correction : bool, optional
        Subtract 0.5 from ``|R - mu|`` (Z is 0 if that is under 0.5). The
        default None does so when ``n < 50``, as SPSS and PSPP do; False
        gives the plain ``Z = (R - mu) / sigma`` (R's ``tseries::runs.test``).

    Returns
    -------
    RunsTestResult
        ``passed`` is True (residuals random) when the two-tailed
        ``p_value > sig_level``.

    Notes
    -----
    With ``n1`` cases below and ``n2`` at or above the cut point and
    ``n = n1 + n2``: ``mu = 2 n1 n2 / n + 1`` and
    ``sigma^2 = 2 n1 n2 (2 n1 n2 - n) / (n^2 (n - 1))`` (Wald & Wolfowitz, 1940).

    References
    ----------
    Wald, A., & Wolfowitz, J. (1940). On a test whether two samples are from
    the same population. *Annals of Mathematical Statistics*, 11, 147-162.

    Examples
    --------
    >>> res = runs_test([1.2, -0.5, -0.8, 0.3, 0.9, -1.1, 0.2, -0.4, 0.6, -0.2])
    >>> res.runs, res.n_below, res.n_above, round(res.statistic, 4)
    (8, 5, 5, 1.0062)
    """
    from .distributions import norm_cdf

    check_alpha(sig_level, DataError)
    v = np.asarray(residuals, dtype=float).ravel()
    if v.size < 2:
        raise DataError(f"the runs test needs at least 2 values, got {v.size}")
    if not np.all(np.isfinite(v)):
        raise DataError("the runs test values contain missing or infinite values")
    if isinstance(cutoff, str):
        if cutoff == "median":
            cut = float(np.median(v))
        elif cutoff == "mean":
            cut = float(v.mean())
        else:
            raise DataError(f"cutoff must be 'median', 'mean' or a number, got {cutoff!r}")
    else:
        cut = float(cutoff)
    above = v >= cut
    n2 = int(above.sum())
    n = v.size
    n1 = n - n2
    if n1 == 0 or n2 == 0:
        raise DataError(f"every value lies on one side of the cut point {cut:g}; "
                        f"the runs test is undefined")
    runs = 1 + int(np.count_nonzero(above[1:] != above[:-1]))
    prod = 2.0 * n1 * n2
    mu = prod / n + 1.0
    sigma = math.sqrt(prod * (prod - n) / (n * n * (n - 1.0)))
    diff = runs - mu
    corrected = n < 50 if correction is None else bool(correction)
    if corrected:
        diff = 0.0 if abs(diff) < 0.5 else diff - math.copysign(0.5, diff)
    z = diff / sigma
    p = float(2.0 * norm_cdf(-abs(z)))
    return RunsTestResult(
        name="Runs test", statistic=z, p_value=p, passed=bool(p > sig_level),
        alpha=float(sig_level), cutoff=cut, n_below=n1, n_above=n2, n=n, runs=runs,
        expected_runs=mu, sd_runs=sigma, corrected=corrected)
