"""SPSS's saved regression diagnostics: ZPRED, ZRESID, SRESID, SDRESID, leverage.

These are the values behind the two figures Indonesian theses paste from
SPSS: the Normal P-P plot of the regression standardized residual (normality)
and the scatterplot of SRESID against ZPRED (heteroscedasticity). They are
computed from what :func:`smma_stats.regression.regress` returns (residuals,
fitted values, the classical coefficient covariance and the residual mean
square) and the predictor values of the cases used; the leverages come from
``covariance / ms_residual = (X'X)^-1``, so no second fit is needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .errors import ModelError
from .results import ResultMixin


@dataclass(frozen=True)
class ResidualDiagnosticsResult(ResultMixin):
    """Casewise regression diagnostics, one row per case used, in data order.

    ``table`` columns: ``residual``, ``fitted``, ``leverage`` (hat value
    h_i), ``zpred`` (standardized predicted value), ``zresid`` (residual /
    sqrt(MSE)), ``sresid`` (studentized: residual / (s sqrt(1 - h_i)), R's
    ``rstandard``) and ``sdresid`` (deleted studentized, R's ``rstudent``).
    """

    n: int
    df_residual: int
    table: object = field(repr=False)

    _title = "Residual diagnostics"


def residual_diagnostics(reg, data) -> ResidualDiagnosticsResult:
    """SPSS's ZPRED, ZRESID, SRESID and SDRESID of a fitted regression.

    Parameters
    ----------
    reg : RegressionResult
        From :func:`smma_stats.regression.regress` (with residuals).
    data : pandas.DataFrame
        The data the model was fitted on (at least the dependent and the
        predictor columns); cases with a missing value in any of them are
        left out, as in the fit.

    Returns
    -------
    ResidualDiagnosticsResult

    Raises
    ------
    ModelError
        The result holds no residuals, or the complete cases of ``data`` are
        not the cases of the fit.

    Notes
    -----
    With X the design matrix (a column of ones, then the predictors) the
    leverage is h_i = x_i' (X'X)^-1 x_i, and (X'X)^-1 = V / s^2 where V is the
    classical covariance of the coefficients and s^2 the residual mean square
    (for a perfect fit, s^2 = 0, (X'X)^-1 is computed from X).
    ZPRED = (yhat - mean(yhat)) / sd(yhat); ZRESID = e / s; SRESID = e /
    (s sqrt(1 - h)); SDRESID = SRESID sqrt((n - p - 1) / (n - p - SRESID^2))
    with p the number of coefficients.

    Examples
    --------
    >>> import pandas as pd
    >>> from smma_stats.regression import regress
    >>> d = pd.DataFrame({"x": [1, 2, 3, 4, 5, 6.0], "y": [1.2, 1.9, 3.4, 3.8, 5.3, 5.7]})
    >>> diag = residual_diagnostics(regress(d, "y", ["x"]), d)
    >>> diag.table["sresid"].round(4).tolist()
    [0.0687, -0.9146, 1.1835, -0.8169, 1.3098, -1.0302]
    """
    import pandas as pd

    e = np.asarray(reg.residuals, dtype=float)
    fitted = np.asarray(reg.fitted, dtype=float)
    cov = getattr(reg, "covariance", None)
    if e.size == 0 or cov is None:
        raise ModelError("the regression result holds no residuals or covariance")
    cols = [reg.dependent, *reg.predictors]
    frame = data[cols].apply(pd.to_numeric, errors="coerce")
    frame = frame[np.isfinite(frame.to_numpy(dtype=float)).all(axis=1)]
    if len(frame) != e.size:
        raise ModelError(f"the data hold {len(frame)} complete cases, the model {e.size}")
    x = np.column_stack([np.ones(e.size), frame[list(reg.predictors)].to_numpy(dtype=float)])
    s2 = float(reg.ms_residual)
    if s2 > 0 and np.isfinite(s2):
        h = np.einsum("ij,jk,ik->i", x, np.asarray(cov, dtype=float), x) / s2
    else:  # a perfect fit: the covariance is 0, so (X'X)^-1 comes from X itself
        h = np.einsum("ij,jk,ik->i", x, np.linalg.pinv(x.T @ x), x)
    s, n, p = np.sqrt(s2), e.size, x.shape[1]
    df = n - p
    # a case with leverage 1 (or a perfect fit) has no studentized residual: NaN, not a warning
    with np.errstate(divide="ignore", invalid="ignore"):
        sresid = e / (s * np.sqrt(1.0 - h))
        sdresid = sresid * np.sqrt((df - 1) / (df - sresid ** 2))
        zresid = e / s
    sd_fit = float(np.std(fitted, ddof=1)) if n > 1 else float("nan")
    zpred = (fitted - fitted.mean()) / sd_fit if sd_fit > 0 else np.full(n, np.nan)
    table = pd.DataFrame({"residual": e, "fitted": fitted, "leverage": h, "zpred": zpred,
                          "zresid": zresid, "sresid": sresid, "sdresid": sdresid})
    return ResidualDiagnosticsResult(n=int(n), df_residual=int(df), table=table)


def normal_pp_points(values):
    """Coordinates of SPSS's Normal P-P plot of the standardized residual.

    Parameters
    ----------
    values : array_like
        Standardized residuals (ZRESID); non-finite values are dropped.

    Returns
    -------
    observed, expected : ndarray
        Observed cumulative probability of the i-th smallest value, by
        Blom's rule (i - 0.375) / (n + 0.25) (R: ``ppoints(n)``), and the
        expected cumulative probability Phi(z_(i)) (R: ``pnorm(sort(z))``).
        Points on the diagonal mean the residuals follow the normal curve.

    Examples
    --------
    >>> obs, exp = normal_pp_points([0.0, -1.0, 1.0])
    >>> obs.round(4).tolist(), exp.round(4).tolist()
    ([0.1923, 0.5, 0.8077], [0.1587, 0.5, 0.8413])
    """
    from .distributions import norm_cdf

    z = np.sort(np.asarray(values, dtype=float).ravel())
    z = z[np.isfinite(z)]
    n = z.size
    ranks = np.arange(1, n + 1, dtype=float)
    return (ranks - 0.375) / (n + 0.25), np.asarray(norm_cdf(z), dtype=float)
