"""Classical assumption tests (uji asumsi klasik) of a linear regression.

Heteroscedasticity (Glejser, Breusch-Pagan, White), linearity (SPSS MEANS
/STATISTICS=LINEARITY), randomness of the residuals (runs test) and the
Durbin-Watson bounds. Normality lives in :mod:`smma_stats.normality` and
multicollinearity (tolerance, VIF) in the regression's coefficient table.

Every result says ``passed=True`` when the test finds no problem at
``alpha``, which is how a thesis reads it ("Sig. > .05, tidak terjadi ...").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .durbin_watson import durbin_watson, durbin_watson_bounds, durbin_watson_decision
from .errors import DataError
from .regression import _check_alpha, _fit, _model_frame, _predictor_names
from .results import ResultMixin

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "AssumptionTestResult", "LinearityResult", "RunsTestResult", "breusch_pagan_test",
    "durbin_watson", "durbin_watson_bounds", "durbin_watson_decision", "glejser_test",
    "linearity_test", "runs_test", "white_test",
]


@dataclass(frozen=True)
class AssumptionTestResult(ResultMixin):
    """A test of one regression assumption.

    ``statistic`` has ``df`` (and, for an F, ``df2``) degrees of freedom;
    ``passed`` is True when no problem is detected at ``alpha``. ``f`` and
    ``f_p_value`` hold an F form of an LM test when there is one. ``table``
    has one row per term (``term, b, se, t, p_value``) when the test has one.
    """

    name: str
    statistic: float
    df: float
    df2: float
    p_value: float
    passed: bool
    alpha: float
    n: int
    f: float = math.nan
    f_p_value: float = math.nan
    table: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    _title = "Assumption test"


@dataclass(frozen=True)
class LinearityResult(ResultMixin):
    """SPSS's test for linearity (MEANS /STATISTICS=LINEARITY).

    ``statistic``, ``df``, ``df2`` and ``p_value`` belong to the Deviation
    from Linearity F, which decides ``passed``. ``table`` has the columns
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
class RunsTestResult(ResultMixin):
    """Runs test of randomness (SPSS NPAR TESTS /RUNS).

    ``statistic`` is Z; ``runs`` is the number of runs of cases below and at
    or above ``cutoff``; ``expected_runs`` and ``sd_runs`` are its mean and
    standard deviation under randomness; ``corrected`` says whether the 0.5
    continuity correction was applied.
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


def glejser_test(data, y: str, x, alpha: float = 0.05) -> AssumptionTestResult:
    """Glejser test: regress the absolute residuals on the predictors.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case; rows with a missing value are dropped.
    y : str
        Dependent variable.
    x : str or sequence of str
        Predictors.
    alpha : float, default 0.05

    Returns
    -------
    AssumptionTestResult
        ``table`` has ``term, b, se, t, p_value`` for the constant and each
        predictor of the auxiliary regression ``|e| ~ X``. ``passed`` is True
        when **every predictor's** ``p_value > alpha`` (the rule in SPSS
        textbooks). ``statistic``/``p_value`` are the auxiliary regression's
        overall F test, given for reference.

    References
    ----------
    Glejser, H. (1969). A new test for heteroskedasticity. *Journal of the
    American Statistical Association*, 64, 316-323.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"y": [3, 5, 7, 6, 9, 11, 10, 13, 12, 16],
    ...                   "x": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]})
    >>> res = glejser_test(d, "y", "x")
    >>> res.table.round(4)
             term       b      se       t  p_value
    0  (Constant)  0.4533  0.2654  1.7080   0.1260
    1           x  0.0822  0.0428  1.9217   0.0909
    >>> res.passed
    True
    """
    names, X, e = _residuals(data, y, x, alpha)
    aux = _aux_regression(np.abs(e), X, names)
    table = aux.coefficients[["term", "b", "se", "t", "p_value"]].copy()
    passed = bool((table["p_value"].iloc[1:] > alpha).all())
    return AssumptionTestResult(
        name="Glejser", statistic=aux.f, df=aux.df_regression, df2=aux.df_residual,
        p_value=aux.f_p_value, passed=passed, alpha=float(alpha), n=aux.n, table=table)


def breusch_pagan_test(data, y: str, x, alpha: float = 0.05,
                       koenker: bool = True) -> AssumptionTestResult:
    """Breusch-Pagan test of heteroscedasticity against the predictors.

    Parameters
    ----------
    data, y, x, alpha
        As in :func:`glejser_test`.
    koenker : bool, default True
        Koenker's studentised form ``LM = n R^2`` of ``e^2`` on the predictors
        (robust to non-normal errors; R's ``lmtest::bptest`` default). False
        gives the original ``LM = ESS / 2`` of ``e^2 / (SSR/n)`` on them.

    Returns
    -------
    AssumptionTestResult
        ``statistic`` is LM, chi-square with ``df = k``; ``f``/``f_p_value``
        are the F test of the same auxiliary regression (``df = k``,
        ``df2 = n - k - 1``). ``passed`` is True when ``p_value > alpha``.

    References
    ----------
    Breusch, T. S., & Pagan, A. R. (1979). A simple test for heteroscedasticity
    and random coefficient variation. *Econometrica*, 47, 1287-1294.

    Koenker, R. (1981). A note on studentizing a test for heteroscedasticity.
    *Journal of Econometrics*, 17, 107-112.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"y": [3, 5, 7, 6, 9, 11, 10, 13, 12, 16],
    ...                   "x": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]})
    >>> res = breusch_pagan_test(d, "y", "x")
    >>> round(res.statistic, 4), round(res.p_value, 4), res.df
    (2.8243, 0.0928, 1)
    """
    names, X, e = _residuals(data, y, x, alpha)
    e2 = e * e
    aux = _aux_regression(e2, X, names)
    if koenker:
        lm = aux.n * aux.r2
        name = "Breusch-Pagan (Koenker)"
    else:
        lm = aux.ss_regression / (2.0 * (float(e2.mean()) ** 2))
        name = "Breusch-Pagan"
    return _lm_result(name, lm, aux, alpha)


def white_test(data, y: str, x, alpha: float = 0.05) -> AssumptionTestResult:
    """White's test: ``e^2`` on the predictors, their squares and cross-products.

    Parameters
    ----------
    data, y, x, alpha
        As in :func:`glejser_test`.

    Returns
    -------
    AssumptionTestResult
        ``statistic`` is ``LM = n R^2``, chi-square with ``df`` equal to the
        number of auxiliary regressors; ``f``/``f_p_value`` the auxiliary
        F test. A product that is constant or repeats an earlier column (the
        square of a 0/1 dummy) is left out, and ``df`` shrinks accordingly.

    References
    ----------
    White, H. (1980). A heteroskedasticity-consistent covariance matrix
    estimator and a direct test for heteroskedasticity. *Econometrica*, 48,
    817-838.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"y": [3, 5, 7, 6, 9, 11, 10, 13, 12, 16],
    ...                   "x": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]})
    >>> res = white_test(d, "y", "x")
    >>> round(res.statistic, 4), round(res.p_value, 4), res.df
    (2.8928, 0.2354, 2)
    """
    names, X, e = _residuals(data, y, x, alpha)
    cols, labels = [], []
    k = X.shape[1]
    for i in range(k):
        cols.append(X[:, i])
        labels.append(names[i])
    for i in range(k):
        for j in range(i, k):
            col = X[:, i] * X[:, j]
            if np.ptp(col) == 0 or any(np.array_equal(col, c) for c in cols):
                continue
            cols.append(col)
            labels.append(f"{names[i]}^2" if i == j else f"{names[i]}*{names[j]}")
    aux = _aux_regression(e * e, np.column_stack(cols), tuple(labels))
    return _lm_result("White", aux.n * aux.r2, aux, alpha)


def linearity_test(data, y: str, x: str, alpha: float = 0.05) -> LinearityResult:
    """Test for linearity as SPSS MEANS /STATISTICS=LINEARITY prints it.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case; rows missing ``y`` or ``x`` are dropped.
    y : str
        Dependent variable.
    x : str
        One predictor; each distinct value is a group.
    alpha : float, default 0.05

    Returns
    -------
    LinearityResult
        ``passed`` is True when the Deviation from Linearity ``p_value > alpha``.

    Raises
    ------
    DataError
        Fewer than 3 distinct ``x`` values, no group with two or more cases,
        or a constant ``y``.

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
    if not isinstance(x, str):
        raise DataError(f"linearity_test takes one predictor name, got {x!r}")
    _predictor_names(y, x)
    _check_alpha(alpha, DataError)
    yv, X, _ = _model_frame(data, y, (x,))
    xv = X[:, 0]
    n = yv.size
    levels, group = np.unique(xv, return_inverse=True)
    g = levels.size
    check_linearity_groups(x, n, g)
    ybar = float(yv.mean())
    ss_total = float(np.sum((yv - ybar) ** 2))
    if ss_total == 0.0:
        raise DataError(f"dependent variable {y!r} is constant")
    counts = np.bincount(group)
    means = np.bincount(group, weights=yv) / counts
    ss_within = float(np.sum((yv - means[group]) ** 2))
    ss_between = float(np.sum(counts * (means - ybar) ** 2))
    xc = xv - xv.mean()
    r = float(np.dot(xc, yv - ybar) / math.sqrt(np.dot(xc, xc) * ss_total))
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
    """SPSS's linearity table from its sums of squares (shared with the streamed path)."""
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


def runs_test(residuals, cutoff="median", alpha: float = 0.05,
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
    alpha : float, default 0.05
    correction : bool, optional
        Subtract 0.5 from ``|R - mu|`` (Z is 0 if that is under 0.5). The
        default None does so when ``n < 50``, as SPSS and PSPP do; False
        gives the plain ``Z = (R - mu) / sigma`` (R's ``tseries::runs.test``).

    Returns
    -------
    RunsTestResult
        ``passed`` is True (residuals random) when the two-tailed
        ``p_value > alpha``.

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

    _check_alpha(alpha, DataError)
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
        name="Runs test", statistic=z, p_value=p, passed=bool(p > alpha),
        alpha=float(alpha), cutoff=cut, n_below=n1, n_above=n2, n=n, runs=runs,
        expected_runs=mu, sd_runs=sigma, corrected=corrected)


# ----------------------------------------------------------------------------

def _residuals(data, y, x, alpha):
    """Predictor names, design and residuals of the model over its complete cases."""
    names = _predictor_names(y, x)
    _check_alpha(alpha, DataError)
    yv, X, _ = _model_frame(data, y, names)
    fit = _fit(yv, X, y, names, min_tolerance=0.0, bounds=False)
    if fit.ss_residual == 0.0:
        raise DataError("the model fits every case exactly (all residuals are 0), so "
                        "heteroscedasticity cannot be tested")
    return names, X, np.asarray(fit.residuals)


def _aux_regression(target: np.ndarray, X: np.ndarray, labels):
    """The auxiliary regression of a residual transform on columns of X."""
    return _fit(target, X, "residual", tuple(labels), min_tolerance=0.0, bounds=False)


def _lm_result(name: str, lm: float, aux, alpha: float) -> AssumptionTestResult:
    from .distributions import chi2_sf

    p = float(chi2_sf(lm, aux.df_regression))
    return AssumptionTestResult(
        name=name, statistic=float(lm), df=aux.df_regression, df2=math.nan, p_value=p,
        passed=bool(p > alpha), alpha=float(alpha), n=aux.n, f=aux.f,
        f_p_value=aux.f_p_value)
