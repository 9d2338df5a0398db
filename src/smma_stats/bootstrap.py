"""Bootstrap confidence intervals for Cronbach's alpha and regression coefficients.

Respondents are resampled with replacement (case resampling). All resamples
are computed at once: the draws become a count matrix ``W`` (how often each
respondent is drawn in each resample), and alpha and the least-squares fit
depend on a resample only through weighted sums ``W @ V`` of a few columns
``V`` per respondent (the centred answers, their squares and cross-products).
Ten thousand resamples are thus one matrix product and a batch of small
linear solves; the draws are made block by block so memory stays bounded for
large samples. The jackknife that BCa intervals need uses the same sums with
one respondent taken out at a time.

The draws and the interval limits come from :mod:`smma_stats.resampling`:
limits are order statistics interpolated as in Davison & Hinkley
(1997) and R's ``boot::boot.ci``; the BCa acceleration comes from the
jackknife as in Efron & Tibshirani (1993). Given the same resamples (and, for
BCa, these jackknife values as its ``L``), ``boot.ci`` prints the same limits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from .errors import DataError
from .keywords import older_keywords
from .resampling import METHODS  # noqa: F401  (the interval methods, also named here)
from .resampling import (ZERO_SS_REL, centred_products, check_method, frozen, product_columns,
                         product_slopes, sum_bootstrap)
from .results import ResultMixin, array_field

#: Columns of :attr:`BootstrapResult.table` for a regression, in order.
TABLE_COLUMNS = ("term", "b", "boot_se", "bias", "conf_low", "conf_high")

# The jackknife's message when a leave-one-out statistic is undefined.
_UNDEFINED = "statistic undefined (e.g. a constant predictor); use the percentile method"


@dataclass(frozen=True)
class BootstrapResult(ResultMixin):
    """A bootstrap confidence interval, and per term for a regression.

    Attributes
    ----------
    statistic : str
        ``"alpha"`` (Cronbach's alpha) or ``"r2"`` (R Square of a regression).
    name : str
        The scale's name, or the model as ``"y ~ x1 + x2"``.
    estimate : float
        The statistic on the sample itself.
    conf_low, conf_high : float
        The confidence interval of ``estimate`` at level ``ci``.
    se : float
        Bootstrap standard error: the standard deviation (divisor ``B - 1``)
        of the resample statistics.
    bias : float
        Mean of the resample statistics minus ``estimate``.
    n : int
        Respondents resampled (complete cases).
    n_resamples : int
        Resamples drawn (``B``).
    n_failed : int
        Resamples on which the statistic is undefined (a constant total
        score, a constant or collinear predictor); they are left out.
    ci : float
        Confidence level.
    method : str
        ``"percentile"`` or ``"bca"``.
    seed : int or None
        Seed of the draws: the same seed gives the same resamples and
        limits. None when the resamples were given as ``indices``.
    table : pandas.DataFrame or None
        Regression only: one row per coefficient, columns ``term, b,
        boot_se, bias, conf_low, conf_high`` (intercept first, as
        ``"(Constant)"``).
    replicates : numpy.ndarray
        The statistics of the resamples that did not fail, one row per
        resample: alpha, or the coefficients in ``table`` order then R
        Square. Left out of :meth:`to_dict`.
    n_excluded : int
        Respondents dropped for a missing value.
    """

    statistic: str
    name: str
    estimate: float
    conf_low: float
    conf_high: float
    se: float
    bias: float
    n: int
    n_resamples: int
    n_failed: int
    ci: float
    method: str
    seed: int | None
    table: Any = None
    replicates: Any = array_field(default=None)
    n_excluded: int = 0

    _title = "Bootstrap confidence interval"

    def _scalars(self) -> dict[str, Any]:
        out = super()._scalars()
        out.pop("table", None)
        return out


def bootstrap_alpha(items, n_resamples: int = 10000, ci: float = 0.95, seed: int | None = None,
                    method: str = "percentile", *, name: str = "",
                    indices=None) -> BootstrapResult:
    """Bootstrap confidence interval of Cronbach's alpha.

    Parameters
    ----------
    items : pandas.DataFrame
        One numeric column per item, one row per respondent. Rows with a
        missing answer are dropped (listwise) before resampling.
    n_resamples : int, default 10000
        Number of resamples ``B``.
    ci : float, default 0.95
        Confidence level.
    seed : int, optional
        Seed of the random draws. Without one a fresh seed is drawn and
        reported in ``seed``, so any run can be repeated.
    method : {"percentile", "bca"}, default "percentile"
        Percentile interval, or bias-corrected and accelerated (BCa).
    name : str, optional
        Name of the scale, reported in ``name``.
    indices : array_like of int, shape (B, n), optional
        The resamples themselves, as 0-based positions among the complete
        cases (e.g. R's ``boot.array(b, indices = TRUE) - 1``). Replaces the
        random draws; ``n_resamples`` and ``seed`` are then ignored.

    Returns
    -------
    BootstrapResult
        ``statistic`` is ``"alpha"``; ``table`` is None.

    Raises
    ------
    DataError
        As :func:`~smma_stats.reliability.cronbach_alpha`; alpha undefined
        on the sample; too few resamples for the confidence level; a bad
        ``method``, ``seed`` or ``indices``; BCa when the jackknife or the
        bias correction is undefined.

    Notes
    -----
    Each resample draws ``n`` respondents with replacement and computes
    ``k / (k - 1) * (1 - sum(s_i^2) / s_T^2)`` on them. A resample whose
    total score is constant has no alpha and is counted in ``n_failed``.
    See :func:`bootstrap_regression` for the interval formulas.

    References
    ----------
    Davison, A. C., & Hinkley, D. V. (1997). *Bootstrap Methods and their
    Application*. Cambridge University Press.

    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the
    Bootstrap*. Chapman & Hall.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"x1": [4, 5, 3, 4, 2, 5, 3, 4, 5, 2],
    ...                   "x2": [4, 4, 3, 5, 2, 5, 2, 4, 4, 3],
    ...                   "x3": [3, 5, 4, 4, 3, 4, 3, 5, 5, 2]})
    >>> res = bootstrap_alpha(d, n_resamples=2000, seed=1)
    >>> round(res.estimate, 4), round(res.conf_low, 4), round(res.conf_high, 4)
    (0.8739, 0.6705, 0.9354)
    >>> round(res.se, 4), res.n_failed
    (0.1551, 0)
    >>> bca = bootstrap_alpha(d, n_resamples=2000, seed=1, method="bca")
    >>> round(bca.conf_low, 4), round(bca.conf_high, 4)
    (0.685, 0.9373)
    """
    from .reliability import check_ci, cronbach_alpha

    check_ci(ci)
    method = check_method(method)
    rel = cronbach_alpha(items, ci=ci)
    if math.isnan(rel.alpha):
        raise DataError("Cronbach's alpha is undefined on this sample (the total score is "
                        "constant), so it cannot be bootstrapped")
    import pandas as pd

    df = items if isinstance(items, pd.DataFrame) else pd.DataFrame(items)
    X = df.to_numpy(dtype=float, na_value=np.nan)
    X = X[~np.isnan(X).any(axis=1)]
    k = X.shape[1]
    Xc = X - X.mean(axis=0)
    T = Xc.sum(axis=1)
    V = np.column_stack([Xc, np.einsum("ij,ij->i", Xc, Xc), T * T])
    run = sum_bootstrap(partial(_alpha_from_sums, k=k), V, np.array([rel.alpha]),
                        n_resamples=n_resamples, seed=seed, indices=indices, ci=ci,
                        method=method, undefined=_UNDEFINED)
    return _result(run, 0, n=len(X), statistic="alpha", name=str(name),
                   estimate=float(rel.alpha), ci=ci, method=method, table=None,
                   replicates=frozen(run.replicates[:, 0]), n_excluded=rel.n_excluded)


@older_keywords(y="dependent", x="predictors")
def bootstrap_regression(data, dependent: str, predictors, n_resamples: int = 10000,
                         ci: float = 0.95, seed: int | None = None,
                         method: str = "percentile", *, indices=None) -> BootstrapResult:
    """Bootstrap confidence intervals of regression coefficients and R Square.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case.
    dependent : str
        The dependent variable's column (older keyword: ``y``).
    predictors : str or sequence of str
        The predictor column(s); an intercept is always included (older
        keyword: ``x``).
    n_resamples : int, default 10000
        Number of resamples ``B``.
    ci : float, default 0.95
        Confidence level.
    seed : int, optional
        Seed of the random draws; without one a fresh seed is drawn and
        reported in ``seed``.
    method : {"percentile", "bca"}, default "percentile"
        Percentile interval, or bias-corrected and accelerated (BCa).
    indices : array_like of int, shape (B, n), optional
        The resamples themselves, as 0-based positions among the complete
        cases; replaces the random draws (``n_resamples`` and ``seed`` are
        ignored).

    Returns
    -------
    BootstrapResult
        ``statistic`` is ``"r2"`` (the interval fields belong to R Square);
        ``table`` has one row per coefficient with columns ``term, b,
        boot_se, bias, conf_low, conf_high``.

    Raises
    ------
    ModelError, DataError
        As :func:`~smma_stats.regression.regress`; too few resamples for the
        confidence level; a bad ``method``, ``seed`` or ``indices``; BCa
        when the jackknife or the bias correction is undefined.

    Notes
    -----
    Cases are resampled whole (the dependent with its predictors), which
    makes no assumption about the errors' variance. Each resample's
    coefficients solve the normal equations of the centred data, scaled to
    correlations; a resample with a constant dependent or predictor, or
    whose predictors' correlation matrix has an eigenvalue below 1e-10
    (collinear), is left out and counted in ``n_failed``.

    With the ``R`` usable resample statistics ``t*`` sorted, the limit at
    probability ``q`` is the order statistic ``(R + 1) q``, interpolated on
    the normal quantile scale when that is not a whole number (the rule of
    R's ``boot``). The percentile interval uses ``q = (1 -/+ ci) / 2``. BCa
    uses ``q = Phi(z0 + (z0 + z) / (1 - a (z0 + z)))`` for ``z`` the normal
    quantiles of those levels, with bias correction ``z0 =
    Phi^-1(#{t* < t} / R)`` and acceleration ``a = sum(L^3) / (6
    sum(L^2)^1.5)`` from the jackknife values ``L_i = mean(t_(.)) -
    t_(-i)`` (Efron & Tibshirani, 1993, eq. 14.15).

    References
    ----------
    Davison, A. C., & Hinkley, D. V. (1997). *Bootstrap Methods and their
    Application*. Cambridge University Press.

    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the
    Bootstrap*. Chapman & Hall.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"sales": [3, 5, 7, 6, 9, 11, 10, 13, 12, 8],
    ...                   "ads": [1, 2, 3, 4, 5, 6, 7, 8, 9, 5],
    ...                   "price": [2, 1, 3, 2, 4, 3, 5, 4, 5, 3]})
    >>> res = bootstrap_regression(d, "sales", ["ads", "price"], n_resamples=2000, seed=1)
    >>> res.table.round(3)
             term      b  boot_se   bias  conf_low  conf_high
    0  (Constant)  2.618    1.026 -0.012     0.677      4.964
    1         ads  1.240    0.310  0.004     0.609      1.780
    2       price -0.131    0.590  0.004    -1.215      0.952
    >>> round(res.estimate, 3), round(res.conf_low, 3), round(res.conf_high, 3)
    (0.91, 0.808, 0.987)
    """
    from .moments import column_block, factor_columns
    from .model_frame import model_columns, predictor_names
    from .regression import fit_factor
    from .reliability import check_ci

    check_ci(ci)
    method = check_method(method)
    names = predictor_names(dependent, predictors)
    columns, keep, n_excluded = model_columns(data, dependent, names)
    Z = column_block(columns, 0, len(columns[0]), keep)
    fit = fit_factor(*factor_columns(list(columns[1:]) + [columns[0]], keep), dependent, names,
                     n_excluded=n_excluded, bounds=False)
    V, means = product_columns(Z)
    coef = fit.coefficients
    t0 = np.concatenate([coef["b"].to_numpy(dtype=float), [fit.r2]])
    run = sum_bootstrap(partial(_ols_from_sums, k=len(names), means=means), V, t0,
                        n_resamples=n_resamples, seed=seed, indices=indices, ci=ci,
                        method=method, undefined=_UNDEFINED)
    import pandas as pd

    table = pd.DataFrame({"term": coef["term"].tolist(), "b": t0[:-1], "boot_se": run.se[:-1],
                          "bias": run.bias[:-1], "conf_low": run.low[:-1],
                          "conf_high": run.high[:-1]}, columns=list(TABLE_COLUMNS))
    return _result(run, -1, n=len(Z), statistic="r2", name=f"{dependent} ~ {' + '.join(names)}",
                   estimate=float(fit.r2), ci=ci, method=method, table=table,
                   replicates=frozen(run.replicates), n_excluded=n_excluded)


def _result(run, j: int, *, ci, n_excluded, **fields) -> BootstrapResult:
    """The result whose interval fields are column ``j`` of the bootstrap ``run``."""
    return BootstrapResult(
        conf_low=float(run.low[j]), conf_high=float(run.high[j]), se=float(run.se[j]),
        bias=float(run.bias[j]), n_resamples=run.n_resamples, n_failed=run.n_failed,
        ci=float(ci), seed=run.seed, n_excluded=int(n_excluded), **fields)


# ----------------------------------------------------------------------------
# Statistics of many resamples from their weighted sums

def _alpha_from_sums(S: np.ndarray, m: np.ndarray, k: int):
    """Alpha per row of sums ``S = W @ [Xc, sum_i Xc_i^2, T^2]`` over ``m`` cases.

    Only the sum of the item variances is needed, so the squares are summed
    over items before resampling: k + 2 columns rather than 2k + 2.
    """
    s1 = S[:, :k]
    t1 = s1.sum(axis=1)
    t2 = S[:, k + 1]
    ss_items = S[:, k] - np.einsum("ij,ij->i", s1, s1) / m
    ss_total = t2 - t1 * t1 / m                  # sums of squared deviations
    ok = ss_total > np.maximum(ZERO_SS_REL * t2, np.finfo(float).tiny)
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = k / (k - 1) * (1.0 - ss_items / ss_total)
    return alpha[:, None], ok


def _ols_from_sums(S: np.ndarray, m: np.ndarray, k: int, means: np.ndarray):
    """Coefficients and R Square per row of sums of ``[Zc, Zc_i Zc_j]``, Z = [y, X]."""
    C, d, ok = centred_products(S, m, k + 1)
    slopes, defined = product_slopes(C, 0, list(range(1, k + 1)))
    ok &= defined
    ybar = means[0] + d[:, 0]
    xbar = means[1:] + d[:, 1:]
    intercept = ybar - np.einsum("bj,bj->b", xbar, slopes)
    with np.errstate(divide="ignore", invalid="ignore"):
        r2 = np.einsum("bj,bj->b", C[:, 1:, 0], slopes) / C[:, 0, 0]
    return np.column_stack([intercept, slopes, r2]), ok
