"""Multiple linear regression as SPSS REGRESSION prints it.

One call gives what a thesis copies from SPSS: Model Summary (R, R Square,
Adjusted R Square, Std. Error of the Estimate, Durbin-Watson), ANOVA, and the
Coefficients table with standardised Beta, confidence intervals and
collinearity statistics, plus the t/F critical values and the effective and
relative contribution (sumbangan efektif / relatif) of each predictor.

One kernel, :func:`fit_factor`, computes every figure from the triangular
factor of the mean-centred design (see :mod:`smma_stats.moments`), which
reproduces the NIST StRD Longley certified values to 10 or more significant
digits; :func:`fit_columns` accumulates that factor and the residual-based
figures (Durbin-Watson, HC3) a block of rows at a time, so a table of ten
million rows costs no copy of the design. :func:`regress` and
:func:`regress_from_moments` are thin wrappers over them.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .durbin_watson import durbin_watson, durbin_watson_bounds, durbin_watson_decision
from .errors import ModelError
from .model_frame import (MIN_TOLERANCE, check_alpha, check_rank, check_size, check_tolerance,
                          check_variances, model_columns, moment_arrays, predictor_names)
from .keywords import SigLevelAlias, older_keywords
from .moments import blocks, cholesky_factor, column_block, factor_columns, one_blas_thread
from .results import ResultMixin, array_field

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Label of the intercept row, as SPSS prints it.
CONSTANT = "(Constant)"


# A residual sum of squares below this share of the total is the rounding noise of
# an exact fit (a real R^2 of 1 - 1e-26 does not occur in data).
_EXACT_FIT = 1e-26


@dataclass(frozen=True)
class RegressionResult(SigLevelAlias, ResultMixin):
    """An OLS regression with an intercept, laid out like SPSS's output.

    ``k`` counts the predictors (not the intercept). ``coefficients`` has
    the columns ``term, b, se, beta, t, p_value, conf_low, conf_high,
    tolerance, vif`` (plus ``se_hc3, t_hc3, p_value_hc3`` when fitted with
    ``robust=True``), with the intercept first as ``"(Constant)"``. ``anova``
    has ``source, ss, df, ms, f, p_value``; ``contributions`` has ``term,
    beta, r_zero_order, effective, relative`` (proportions, not percent).
    ``residuals`` and ``fitted`` hold one value per case used, in data row
    order. ``covariance`` is the classical covariance matrix of the
    coefficients (intercept first), ``MS_residual (X'X)^-1``;
    ``covariance_hc3`` the HC3 one when fitted with ``robust=True``, else
    None. The arrays are left out of :meth:`to_dict`. ``alpha`` is the
    significance level of the limits and critical values (also readable as
    ``sig_level``).
    """

    dependent: str
    predictors: tuple[str, ...]
    n: int
    n_excluded: int
    k: int
    r: float
    r2: float
    adj_r2: float
    se_estimate: float
    ss_regression: float
    ss_residual: float
    ss_total: float
    df_regression: int
    df_residual: int
    ms_regression: float
    ms_residual: float
    f: float
    f_p_value: float
    t_critical: float
    t_critical_one_tailed: float
    f_critical: float
    durbin_watson: float
    dw_lower: float
    dw_upper: float
    dw_decision: str
    alpha: float
    coefficients: pd.DataFrame = field(repr=False, compare=False)
    anova: pd.DataFrame = field(repr=False, compare=False)
    contributions: pd.DataFrame = field(repr=False, compare=False)
    residuals: np.ndarray = array_field()
    fitted: np.ndarray = array_field()
    covariance: np.ndarray = array_field(default=None)
    covariance_hc3: np.ndarray | None = array_field(default=None)

    _title = "Linear regression"

@older_keywords(y="dependent", x="predictors", alpha="sig_level")
def regress(data, dependent: str, predictors, sig_level: float = 0.05, robust: bool = False, *,
            min_tolerance: float = MIN_TOLERANCE) -> RegressionResult:
    """Ordinary least squares regression of ``dependent`` on ``predictors``.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case.
    dependent : str
        The dependent variable's column (older keyword: ``y``).
    predictors : str or sequence of str
        The predictor column(s) (older keyword: ``x``). An intercept is
        always included.
    sig_level : float, default 0.05
        Significance level of the confidence intervals, the critical values
        and the Durbin-Watson bounds (older keyword: ``alpha``).
    robust : bool, default False
        Also give HC3 heteroscedasticity-consistent standard errors
        (columns ``se_hc3``, ``t_hc3``, ``p_value_hc3``).
    min_tolerance : float, default 1e-4
        Reject the model if a predictor's tolerance is below this, as SPSS
        would leave that predictor out. Pass 0 to fit anyway; an exactly
        singular design is always rejected.

    Returns
    -------
    RegressionResult

    Raises
    ------
    ModelError
        A column is unknown, there are fewer than ``k + 2`` complete cases,
        or the design is singular (a constant predictor, perfect collinearity).
    DataError
        A column is not numeric, or the dependent variable is constant.

    Notes
    -----
    Cases with a missing value in any of the columns are dropped (SPSS's
    default ``/MISSING LISTWISE``). Columns are centred on their means and
    the centred predictors are decomposed ``Xc = QR``; the slopes solve
    ``R b = Q' yc`` and the intercept is ``ybar - xbar' b``. Beta is
    ``b_j s_xj / s_y``; tolerance is ``1 - R_j^2`` of predictor ``j`` on the
    others and VIF its reciprocal. The effective contribution of predictor
    ``j`` is ``beta_j r_yj`` (its zero-order correlation with ``y``); these
    sum to ``R^2``, and the relative contribution is that share of ``R^2``.
    Durbin-Watson ``dL``/``dU`` are exact (:func:`durbin_watson_bounds`) and
    ``dw_decision`` follows :func:`durbin_watson_decision`.

    HC3 standard errors are ``sqrt(diag((X'X)^-1 X' diag(e_i^2 / (1 - h_i)^2)
    X (X'X)^-1))`` (MacKinnon & White, 1985).

    References
    ----------
    MacKinnon, J. G., & White, H. (1985). Some heteroskedasticity-consistent
    covariance matrix estimators with improved finite sample properties.
    *Journal of Econometrics*, 29, 305-325.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"sales": [3, 5, 7, 6, 9, 11, 10, 13],
    ...                   "ads": [1, 2, 3, 4, 5, 6, 7, 8],
    ...                   "price": [2, 1, 3, 2, 4, 3, 5, 4]})
    >>> res = regress(d, "sales", ["ads", "price"])
    >>> round(res.r2, 4), round(res.f, 3), res.df_residual
    (0.9244, 30.551, 5)
    >>> res.coefficients[["term", "b", "se", "beta", "p_value"]].round(4)
             term       b      se    beta  p_value
    0  (Constant)  2.2500  1.0161     NaN   0.0777
    1         ads  1.3667  0.2805  1.0029   0.0046
    2       price -0.1333  0.5247 -0.0523   0.8095
    """
    names = predictor_names(dependent, predictors)
    check_alpha(sig_level, ModelError)
    columns, keep, n_excluded = model_columns(data, dependent, names)
    return fit_columns(columns, dependent, names, keep=keep, n_excluded=n_excluded,
                       alpha=sig_level, robust=robust, min_tolerance=min_tolerance)


@older_keywords(alpha="sig_level")
def regress_from_moments(n: int, means: Sequence[float], sscp, dependent: str,
                         predictors: Sequence[str], sig_level: float = 0.05, *,
                         durbin_watson: float | None = None,
                         min_tolerance: float = MIN_TOLERANCE,
                         n_excluded: int = 0) -> RegressionResult:
    """OLS regression from sufficient statistics, for data read in chunks.

    Parameters
    ----------
    n : int
        Number of complete cases.
    means : sequence of float
        Means of the dependent variable then of each predictor.
    sscp : array_like, shape (k + 1, k + 1)
        Sums of squares and cross-products of deviations from the means,
        ``sum((v_i - mean_v)(w_i - mean_w))``, in the same order as ``means``.
        (Chunks merge exactly with Chan et al.'s pairwise update.)
    dependent : str
        Name of the dependent variable.
    predictors : sequence of str
        Names of the predictors, in the order of ``means[1:]``.
    sig_level : float, default 0.05
        As in :func:`regress` (older keyword: ``alpha``).
    durbin_watson : float, optional
        The Durbin-Watson statistic, if a second pass over the residuals has
        computed it; ``dw_decision`` is then filled in.
    min_tolerance : float, default 1e-4
        As in :func:`regress`.
    n_excluded : int, default 0
        Cases dropped for missing values, reported as given.

    Returns
    -------
    RegressionResult
        Everything :func:`regress` gives except what needs the residuals
        themselves: ``residuals`` and ``fitted`` are empty, and
        ``durbin_watson`` is NaN (``dw_decision`` ``""``) unless supplied.

    Notes
    -----
    The centred cross-product matrix of the predictors is factored by
    Cholesky, ``Sxx = R'R``. This squares the condition number that the QR
    route of :func:`regress` works with: on the near-collinear Longley data
    it keeps 11 to 13 significant digits where the QR route keeps 13 to 15.

    Examples
    --------
    The figures of the :func:`regress` example, from its means and SSCP:

    >>> res = regress_from_moments(8, [8.0, 4.5, 3.0],
    ...                            [[78.0, 55.0, 23.0], [55.0, 42.0, 18.0],
    ...                             [23.0, 18.0, 12.0]], "sales", ["ads", "price"])
    >>> round(res.r2, 4), round(res.f, 3)
    (0.9244, 30.551)
    """
    names = tuple(str(p) for p in predictors)
    check_alpha(sig_level, ModelError)
    k = len(names)
    mu, S = moment_arrays(means, sscp, k)
    order = list(range(1, k + 1)) + [0]          # predictors first, the dependent last
    rc = cholesky_factor(S[np.ix_(order, order)])
    res = fit_factor(int(n), mu[order], rc, str(dependent), names, alpha=sig_level,
                     min_tolerance=min_tolerance, n_excluded=int(n_excluded))
    if durbin_watson is None:
        return res
    dw = float(durbin_watson)
    return dataclasses.replace(res, durbin_watson=dw, dw_decision=durbin_watson_decision(
        dw, res.dw_lower, res.dw_upper))


# ----------------------------------------------------------------------------
# The kernel and its accumulation

@one_blas_thread
def fit_columns(columns, dependent: str, names: tuple[str, ...], *, keep=None,
                n_excluded: int = 0, alpha: float = 0.05, robust: bool = False,
                min_tolerance: float = MIN_TOLERANCE, bounds: bool = True) -> RegressionResult:
    """OLS of ``columns[0]`` on ``columns[1:]``, a block of rows at a time.

    Parameters
    ----------
    columns : sequence of numpy.ndarray
        The dependent variable then each predictor, equal length, any
        numeric dtype.
    dependent : str
    names : tuple of str
        The predictors' names.
    keep : numpy.ndarray of bool, optional
        The complete cases (default: every row).
    n_excluded, alpha, robust, min_tolerance
        As in :func:`regress`.
    bounds : bool, default True
        Compute the exact Durbin-Watson bounds (auxiliary fits skip them).

    Returns
    -------
    RegressionResult
        With residuals, fitted values and the Durbin-Watson statistic.
    """
    check_size(int(len(columns[0]) if keep is None else keep.sum()), len(names))
    n, means, rc = factor_columns(list(columns[1:]) + [columns[0]], keep)
    res = fit_factor(n, means, rc, dependent, names, alpha=alpha, min_tolerance=min_tolerance,
                     n_excluded=n_excluded, bounds=bounds)
    e, fitted = residuals(columns, keep, res)
    if res.ss_residual == 0.0:
        e[:] = 0.0
    hc3 = hc3_covariance(columns, keep, rc, means, e) if robust else None
    dw = durbin_watson(e)
    for arr in (e, fitted):
        arr.setflags(write=False)
    extra = {"coefficients": _with_hc3(res, hc3)} if robust else {}
    return dataclasses.replace(
        res, residuals=e, fitted=fitted, durbin_watson=dw, covariance_hc3=hc3,
        dw_decision=durbin_watson_decision(dw, res.dw_lower, res.dw_upper), **extra)


def fit_factor(n: int, means, rc, dependent: str, names: tuple[str, ...], *,
               alpha: float = 0.05, min_tolerance: float = MIN_TOLERANCE,
               n_excluded: int = 0, bounds: bool = True) -> RegressionResult:
    """Every figure of a regression from the factor of its centred design.

    Parameters
    ----------
    n : int
        Complete cases.
    means : array_like, shape (k + 1,)
        Means of the predictors, then of the dependent variable.
    rc : array_like, shape (k + 1, k + 1)
        Upper triangular ``R`` with ``R'R`` the centred cross-products of
        ``[X, y]`` (predictors first): from a QR decomposition
        (:func:`~smma_stats.moments.factor_columns`) or a Cholesky one.
    dependent, names, alpha, min_tolerance, n_excluded
        As in :func:`regress`.
    bounds : bool, default True
        Compute the exact Durbin-Watson bounds.

    Returns
    -------
    RegressionResult
        Without residuals (empty arrays) and with a NaN Durbin-Watson
        statistic: those need the rows (see :func:`fit_columns`).
    """
    k = len(names)
    check_size(int(n), k)
    rc = np.asarray(rc, dtype=float)
    mu = np.asarray(means, dtype=float)
    R, z = rc[:k, :k], rc[:k, k]
    ss_res = float(rc[k, k] ** 2)
    ss_tot = float(np.dot(z, z)) + ss_res
    if ss_res <= _EXACT_FIT * ss_tot:      # rounding noise of an exact fit
        ss_res = 0.0
    ss_x = np.einsum("ij,ij->j", R, R)
    check_variances(dependent, names, ss_x, ss_tot)
    check_rank(np.abs(np.diag(R)), np.sqrt(ss_x), names)
    slopes = np.linalg.solve(R, z)
    return _assemble(
        dependent=dependent, predictors=tuple(names), n=int(n), n_excluded=int(n_excluded),
        xbar=mu[:k], ybar=float(mu[k]), ss_x=ss_x, sxy=R.T @ z, ss_tot=ss_tot, ss_res=ss_res,
        slopes=slopes, R=R, alpha=alpha, min_tolerance=min_tolerance, bounds=bounds)


def residuals(columns, keep, res: RegressionResult) -> tuple[np.ndarray, np.ndarray]:
    """Residuals and fitted values of the kept rows, a block at a time."""
    b = res.coefficients["b"].to_numpy(dtype=float)
    n_all = len(columns[0])
    e = np.empty(res.n)
    fitted = np.empty(res.n)
    at = 0
    for a, c in blocks(n_all, len(columns)):
        z = column_block(columns, a, c, keep)
        f = b[0] + z[:, 1:] @ b[1:]
        e[at:at + len(z)] = z[:, 0] - f
        fitted[at:at + len(z)] = f
        at += len(z)
    return e, fitted


def hc3_covariance(columns, keep, rc: np.ndarray, means: np.ndarray,
                   e: np.ndarray) -> np.ndarray:
    """HC3 covariance of (intercept, slopes), a block of rows at a time.

    ``(X'X)^-1 X' diag(e_i^2 / (1 - h_i)^2) X (X'X)^-1`` (MacKinnon & White,
    1985), with the leverages ``h_i = 1/n + xc_i' (Xc'Xc)^-1 xc_i`` taken
    from the factor of the centred design.
    """
    k = rc.shape[0] - 1
    n = e.size
    xbar = np.asarray(means, dtype=float)[:k]
    r_inv = np.linalg.solve(rc[:k, :k], np.eye(k))
    g = np.zeros((k + 1, k + 1))
    at = 0
    for a, c in blocks(len(columns[0]), len(columns)):
        x = column_block(columns[1:], a, c, keep) - xbar
        u = x @ r_inv
        h = 1.0 / n + np.einsum("ij,ij->i", u, u)
        with np.errstate(divide="ignore", invalid="ignore"):
            w = (e[at:at + len(x)] / (1.0 - h)) ** 2
        z = np.hstack([np.ones((len(x), 1)), x])
        g += (z * w[:, None]).T @ z
        at += len(x)
    d = np.zeros((k + 1, k + 1))
    d[0, 0] = 1.0 / n
    d[1:, 1:] = r_inv @ r_inv.T
    lmat = np.eye(k + 1)
    lmat[0, 1:] = -xbar
    return lmat @ (d @ g @ d) @ lmat.T


def _with_hc3(res: RegressionResult, hc3: np.ndarray):
    from .distributions import t_cdf

    coef = res.coefficients.copy()
    se3 = np.sqrt(np.diag(hc3))
    with np.errstate(divide="ignore", invalid="ignore"):
        coef["se_hc3"] = se3
        coef["t_hc3"] = coef["b"].to_numpy() / se3
    coef["p_value_hc3"] = 2.0 * t_cdf(-np.abs(coef["t_hc3"].to_numpy()), res.df_residual)
    return coef


def _coefficient_covariance(r_inv: np.ndarray, xbar: np.ndarray, n: int,
                            ms_res: float) -> np.ndarray:
    """``MS_res (X'X)^-1`` for (intercept, slopes) from the centred factor's inverse.

    With ``S = (Xc'Xc)^-1 = R^-1 R^-T``: var(slopes) = MS S, cov(intercept,
    slopes) = -MS S xbar, var(intercept) = MS (1/n + xbar' S xbar).
    """
    s = r_inv @ r_inv.T
    sx = s @ xbar
    k = len(xbar)
    out = np.empty((k + 1, k + 1))
    out[0, 0] = 1.0 / n + float(np.dot(xbar, sx))
    out[0, 1:] = out[1:, 0] = -sx
    out[1:, 1:] = s
    return ms_res * out


def _assemble(*, dependent, predictors, n, n_excluded, xbar, ybar, ss_x, sxy, ss_tot,
              ss_res, slopes, R, alpha, min_tolerance, bounds=True) -> RegressionResult:
    from .distributions import f_ppf, f_sf, t_ppf

    k = len(predictors)
    df_reg, df_res = k, n - k - 1
    ss_reg = ss_tot - ss_res
    ms_reg, ms_res = ss_reg / df_reg, ss_res / df_res
    r2 = 1.0 - ss_res / ss_tot
    with np.errstate(divide="ignore", invalid="ignore"):
        f = ms_reg / ms_res if ms_res > 0 else math.inf
    f_p = float(f_sf(f, df_reg, df_res)) if math.isfinite(f) else 0.0
    r_inv = np.linalg.solve(R, np.eye(k))
    tolerance = 1.0 / (ss_x * np.einsum("ij,ij->i", r_inv, r_inv))
    check_tolerance(predictors, tolerance, min_tolerance)
    b = np.concatenate([[ybar - float(np.dot(xbar, slopes))], slopes])
    cov = _coefficient_covariance(r_inv, xbar, n, ms_res)
    cov.setflags(write=False)
    beta = slopes * np.sqrt(ss_x / ss_tot)
    t_crit = float(t_ppf(1.0 - alpha / 2.0, df_res))
    lower, upper = durbin_watson_bounds(n, k, alpha) if bounds else (math.nan, math.nan)
    empty = np.empty(0)
    empty.setflags(write=False)
    return RegressionResult(
        dependent=dependent, predictors=tuple(predictors), n=n, n_excluded=n_excluded,
        k=k, r=math.sqrt(max(r2, 0.0)), r2=r2, adj_r2=1.0 - (1.0 - r2) * (n - 1) / df_res,
        se_estimate=math.sqrt(ms_res), ss_regression=ss_reg, ss_residual=ss_res,
        ss_total=ss_tot, df_regression=df_reg, df_residual=df_res,
        ms_regression=ms_reg, ms_residual=ms_res, f=f, f_p_value=f_p,
        t_critical=t_crit, t_critical_one_tailed=float(t_ppf(1.0 - alpha, df_res)),
        f_critical=float(f_ppf(1.0 - alpha, df_reg, df_res)), durbin_watson=math.nan,
        dw_lower=lower, dw_upper=upper, dw_decision=durbin_watson_decision(math.nan, lower,
                                                                           upper),
        alpha=float(alpha), coefficients=_coefficient_table(predictors, b, cov, beta, tolerance,
                                                            t_crit, df_res),
        anova=_anova_table(ss_reg, ss_res, ss_tot, df_reg, df_res, f, f_p),
        contributions=_contributions(predictors, beta, sxy / np.sqrt(ss_x * ss_tot), r2),
        residuals=empty, fitted=empty, covariance=cov, covariance_hc3=None)


def _coefficient_table(predictors, b, cov, beta, tolerance, t_crit, df_res):
    import pandas as pd

    from .distributions import t_cdf

    se = np.sqrt(np.diag(cov))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = b / se
    nan = np.array([math.nan])
    return pd.DataFrame({
        "term": [CONSTANT, *predictors], "b": b, "se": se,
        "beta": np.concatenate([nan, beta]), "t": t, "p_value": 2.0 * t_cdf(-np.abs(t), df_res),
        "conf_low": b - t_crit * se, "conf_high": b + t_crit * se,
        "tolerance": np.concatenate([nan, tolerance]),
        "vif": np.concatenate([nan, 1.0 / tolerance])})


def _anova_table(ss_reg, ss_res, ss_tot, df_reg, df_res, f, f_p):
    import pandas as pd

    return pd.DataFrame({
        "source": ["Regression", "Residual", "Total"],
        "ss": [ss_reg, ss_res, ss_tot], "df": [df_reg, df_res, df_reg + df_res],
        "ms": [ss_reg / df_reg, ss_res / df_res, math.nan], "f": [f, math.nan, math.nan],
        "p_value": [f_p, math.nan, math.nan]})


def _contributions(predictors, beta, r_zero, r2):
    """Effective contribution ``beta_j r_yj`` (sums to R^2) and its share of R^2."""
    import pandas as pd

    effective = beta * r_zero
    return pd.DataFrame({"term": list(predictors), "beta": beta, "r_zero_order": r_zero,
                         "effective": effective, "relative": effective / r2})
