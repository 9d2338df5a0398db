"""Heteroscedasticity tests of a linear regression: Glejser, Breusch-Pagan, White.

All three regress a transform of the residuals (``|e|`` or ``e^2``) on the
predictors (and, for White, their squares and cross-products). One
accumulation of the triangular factor of ``[X, products, |e|, e^2]`` (see
:mod:`smma_stats.moments`) gives every auxiliary regression, a block of rows
at a time, so ten million respondents cost one pass and no copy of the
design; :func:`heteroscedasticity_tests` returns the three results and the
public functions are thin wrappers over it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .errors import DataError
from .keywords import SigLevelAlias, older_keywords
from .moments import Factor, blocks, column_block, one_blas_thread
from .model_frame import RANK_TOL, check_alpha, model_columns, predictor_names
from .regression import fit_columns, fit_factor
from .results import ResultMixin

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


@dataclass(frozen=True)
class AssumptionTestResult(SigLevelAlias, ResultMixin):
    """A test of one regression assumption.

    ``statistic`` has ``df`` (and, for an F, ``df2``) degrees of freedom;
    ``passed`` is True when no problem is detected at ``alpha``, the
    significance level (also readable as ``sig_level``). ``f`` and
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
    dropped: tuple = ()

    _title = "Assumption test"


@older_keywords(y="dependent", x="predictors", alpha="sig_level")
def glejser_test(data, dependent: str, predictors,
                 sig_level: float = 0.05) -> AssumptionTestResult:
    """Glejser test: regress the absolute residuals on the predictors.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case; rows with a missing value are dropped.
    dependent : str
        Dependent variable (older keyword: ``y``).
    predictors : str or sequence of str
        Predictors (older keyword: ``x``).
    sig_level : float, default 0.05
        Significance level (older keyword: ``alpha``).

    Returns
    -------
    AssumptionTestResult
        ``table`` has ``term, b, se, t, p_value`` for the constant and each
        predictor of the auxiliary regression ``|e| ~ X``. ``passed`` is True
        when **every predictor's** ``p_value > sig_level`` (the rule in SPSS
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
    return heteroscedasticity_tests(*_fitted(data, dependent, predictors, sig_level),
                                    sig_level=sig_level)[0]


@older_keywords(y="dependent", x="predictors", alpha="sig_level")
def breusch_pagan_test(data, dependent: str, predictors, sig_level: float = 0.05,
                       koenker: bool = True) -> AssumptionTestResult:
    """Breusch-Pagan test of heteroscedasticity against the predictors.

    Parameters
    ----------
    data, dependent, predictors, sig_level
        As in :func:`glejser_test` (older keywords: ``y``, ``x``, ``alpha``).
    koenker : bool, default True
        Koenker's studentised form ``LM = n R^2`` of ``e^2`` on the predictors
        (robust to non-normal errors; R's ``lmtest::bptest`` default). False
        gives the original ``LM = ESS / 2`` of ``e^2 / (SSR/n)`` on them.

    Returns
    -------
    AssumptionTestResult
        ``statistic`` is LM, chi-square with ``df = k``; ``f``/``f_p_value``
        are the F test of the same auxiliary regression (``df = k``,
        ``df2 = n - k - 1``). ``passed`` is True when ``p_value > sig_level``.

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
    columns, keep, e, names = _fitted(data, dependent, predictors, sig_level)
    if koenker:
        return heteroscedasticity_tests(columns, keep, e, names, sig_level=sig_level)[1]
    aux = _auxiliary(columns, keep, e, names, squares=False)
    fit = aux.fit(aux.e2, len(names), names)
    lm = fit.ss_regression / (2.0 * (float(np.mean(e * e)) ** 2))
    return _lm_result("Breusch-Pagan", lm, fit, sig_level)


@older_keywords(y="dependent", x="predictors", alpha="sig_level")
def white_test(data, dependent: str, predictors,
               sig_level: float = 0.05) -> AssumptionTestResult:
    """White's test: ``e^2`` on the predictors, their squares and cross-products.

    Parameters
    ----------
    data, dependent, predictors, sig_level
        As in :func:`glejser_test` (older keywords: ``y``, ``x``, ``alpha``).

    Returns
    -------
    AssumptionTestResult
        ``statistic`` is ``LM = n R^2``, chi-square with ``df`` equal to the
        number of auxiliary regressors; ``f``/``f_p_value`` the auxiliary
        F test. A square or product that is an exact linear combination of the
        earlier columns (constant, the square of a 0/1 dummy, the square of a
        predictor coded 1/2) is left out, as R's ``lm`` (and so
        ``lmtest::bptest``) drops an aliased column, and ``df`` shrinks
        accordingly; ``dropped`` names them.

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
    return heteroscedasticity_tests(*_fitted(data, dependent, predictors, sig_level),
                                    sig_level=sig_level)[2]


@older_keywords(alpha="sig_level")
@one_blas_thread
def heteroscedasticity_tests(columns, keep, e, names, *, sig_level: float = 0.05):
    """Glejser, Breusch-Pagan (Koenker) and White tests from one pass over the rows.

    Parameters
    ----------
    columns : sequence of numpy.ndarray
        The dependent variable then each predictor (as for
        :func:`~smma_stats.regression.fit_columns`).
    keep : numpy.ndarray of bool or None
        The complete cases.
    e : numpy.ndarray
        The residuals of the kept rows, in row order.
    names : tuple of str
        The predictors.
    sig_level : float, default 0.05
        Significance level (older keyword: ``alpha``).

    Returns
    -------
    tuple of AssumptionTestResult
        ``(glejser, breusch_pagan, white)``.

    Raises
    ------
    DataError
        Every residual is 0 (the model fits exactly), so no test is defined.
    """
    if not np.any(e != 0.0):
        raise DataError("the model fits every case exactly (all residuals are 0), so "
                        "heteroscedasticity cannot be tested")
    k = len(names)
    aux = _auxiliary(columns, keep, e, names, squares=True)
    g = aux.fit(aux.abs_e, k, names)
    table = g.coefficients[["term", "b", "se", "t", "p_value"]].copy()
    glejser = AssumptionTestResult(
        name="Glejser", statistic=g.f, df=g.df_regression, df2=g.df_residual,
        p_value=g.f_p_value, passed=bool((table["p_value"].iloc[1:] > sig_level).all()),
        alpha=float(sig_level), n=g.n, table=table)
    bp = aux.fit(aux.e2, k, names)
    white = aux.fit(aux.e2, len(aux.labels), aux.labels)
    return (glejser, _lm_result("Breusch-Pagan (Koenker)", bp.n * bp.r2, bp, sig_level),
            _lm_result("White", white.n * white.r2, white, sig_level, dropped=aux.dropped))


class _Auxiliary:
    """The factor of ``[X, kept products, |e|, e^2]`` and regressions read off it."""

    def __init__(self, n, means, rc, labels, dropped):
        self.n, self.means, self.rc = n, means, rc
        self.labels, self.dropped = tuple(labels), tuple(dropped)
        self.abs_e, self.e2 = rc.shape[0] - 2, rc.shape[0] - 1

    def fit(self, target: int, j: int, labels):
        """The regression of column ``target`` on the first ``j`` columns."""
        r = self.rc
        sub = np.zeros((j + 1, j + 1))
        sub[:j, :j] = r[:j, :j]
        sub[:j, j] = r[:j, target]
        sub[j, j] = math.sqrt(float(np.dot(r[j:target + 1, target], r[j:target + 1, target])))
        mu = np.concatenate([self.means[:j], [self.means[target]]])
        return fit_factor(self.n, mu, sub, "residual", tuple(labels), min_tolerance=0.0,
                          bounds=False)


def _auxiliary(columns, keep, e, names, squares: bool) -> _Auxiliary:
    """Accumulate the auxiliary factor, leaving out aliased squares and products.

    The squares and products are of the predictors shifted by their first
    block's means (the column space, so every test, is the same as for the
    raw products; the factor is better conditioned), built a block at a time.
    """
    k = len(names)
    pairs = [(i, j) for i in range(k) for j in range(i, k)] if squares else []
    labels = list(names) + [f"{names[i]}^2" if i == j else f"{names[i]}*{names[j]}"
                            for i, j in pairs]
    acc = Factor(k + len(pairs) + 2)
    shift, at = None, 0
    for a, b in blocks(len(columns[0]), len(labels) + 3, cells=1 << 17):
        x = column_block(columns[1:], a, b, keep)
        shift = x.mean(axis=0) if shift is None else shift
        xs = x - shift
        ea = e[at:at + len(x)]
        at += len(x)
        acc.add(np.hstack([x] + [xs[:, [i]] * xs[:, [j]] for i, j in pairs]
                          + [np.abs(ea)[:, None], (ea * ea)[:, None]]))
    n, mu, rc = acc.centred()
    p = len(labels)
    norms = np.sqrt(np.einsum("ij,ij->j", rc, rc))
    aliased = [j for j in range(k, p) if abs(rc[j, j]) <= RANK_TOL * norms[j]]
    if aliased:
        kept = [j for j in range(rc.shape[1]) if j not in aliased]
        rc = np.linalg.qr(rc[:, kept], mode="r")
        rc = rc * np.where(np.diag(rc) < 0, -1.0, 1.0)[:, None]
        mu = mu[kept]
    return _Auxiliary(n, mu, rc, [lb for j, lb in enumerate(labels) if j not in aliased],
                      [labels[j] for j in aliased])


def _fitted(data, y, x, alpha):
    """The model's columns, complete cases, residuals and predictor names."""
    names = predictor_names(y, x)
    check_alpha(alpha, DataError)
    columns, keep, _ = model_columns(data, y, names)
    fit = fit_columns(columns, y, names, keep=keep, min_tolerance=0.0, bounds=False)
    return columns, keep, np.asarray(fit.residuals), names


def _lm_result(name: str, lm: float, aux, alpha: float, dropped=()) -> AssumptionTestResult:
    from .distributions import chi2_sf

    p = float(chi2_sf(lm, aux.df_regression))
    return AssumptionTestResult(
        name=name, statistic=float(lm), df=aux.df_regression, df2=math.nan, p_value=p,
        passed=bool(p > alpha), alpha=float(alpha), n=aux.n, f=aux.f,
        f_p_value=aux.f_p_value, dropped=tuple(dropped))
