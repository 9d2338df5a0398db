"""The regressions of PROCESS-style path models, shared by mediation and moderation.

A path model (Hayes' PROCESS) is a few ordinary least squares regressions
over one set of cases. This module holds what :mod:`~smma_stats.mediation_analysis`
and :mod:`~smma_stats.moderation_analysis` both need: checking that every variable
has one role and is a numeric column, keeping the cases complete on all of
them (PROCESS drops a case missing any variable of the model), and turning a
:class:`~smma_stats.regression.RegressionResult` into a coefficient table
and a model summary with the classical or the HC3 standard errors, as
PROCESS prints them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .errors import DataError, ModelError

#: Columns of a path coefficient table, in order.
COEFFICIENT_COLUMNS = ("term", "b", "se", "t", "p_value", "conf_low", "conf_high")

#: Model summary figures, in order (``f`` is the HC3 Wald F when robust).
SUMMARY_FIELDS = ("r", "r2", "mse", "f", "df1", "df2", "p_value")


def names_of(value, role: str) -> tuple[str, ...]:
    """One column name or a sequence of names as a tuple of strings.

    Raises
    ------
    ModelError
        ``value`` is neither a string nor a sequence of strings.
    """
    if isinstance(value, str):
        return (value,)
    try:
        names = tuple(value)
    except TypeError:
        raise ModelError(f"the {role} must be a column name or a list of names, "
                         f"got {value!r}") from None
    for name in names:
        if not isinstance(name, str):
            raise ModelError(f"the {role} must be named by strings, got {name!r}")
    return names


def check_roles(roles: Sequence[tuple[str, str]]) -> None:
    """Refuse a column that plays two roles, e.g. X that is also Y.

    Parameters
    ----------
    roles : sequence of (role, column) pairs
        Such as ``[("X", "smma"), ("mediator", "trust"), ("Y", "pi")]``.

    Raises
    ------
    ModelError
        A column name is empty or appears twice; the message names both roles.
    """
    seen: dict[str, str] = {}
    for role, name in roles:
        if not isinstance(name, str) or not name:
            raise ModelError(f"the {role} must be a non-empty column name, got {name!r}")
        if name in seen:
            first = seen[name]
            what = f"listed twice as {role}" if first == role else f"both {first} and {role}"
            raise ModelError(f"column {name!r} is {what}; each variable has one role")
        seen[name] = role


def complete_cases(scores, columns: Sequence[str]):
    """The named columns as floats over the cases complete on all of them.

    Returns
    -------
    frame : pandas.DataFrame
        One float column per name, index reset.
    n_excluded : int
        Cases dropped for a missing value.

    Raises
    ------
    DataError
        ``scores`` is not a DataFrame, a column holds text or an infinite value.
    ModelError
        A column is not in the data.
    """
    import pandas as pd

    if not isinstance(scores, pd.DataFrame):
        raise DataError(f"scores must be a pandas DataFrame, got {type(scores).__name__}")
    out = {}
    for col in columns:
        if col not in scores.columns:
            raise ModelError(f"column {col!r} is not in the data")
        s = scores[col]
        if isinstance(s, pd.DataFrame):
            raise DataError(f"column name {col!r} appears more than once in the data")
        if not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)):
            converted = pd.to_numeric(s, errors="coerce")
            bad = s[converted.isna() & s.notna()]
            if len(bad):
                raise DataError(f"column {col!r} holds text ({bad.iloc[0]!r}); "
                                f"a path model needs numbers")
            s = converted
        values = s.to_numpy(dtype=float, na_value=np.nan)
        if np.isinf(values).any():
            raise DataError(f"column {col!r} holds an infinite value")
        out[col] = values
    frame = pd.DataFrame(out)
    keep = frame.notna().all(axis=1).to_numpy()
    return frame[keep].reset_index(drop=True), int((~keep).sum())


def check_size(n: int, n_parameters: int, what: str) -> None:
    """Refuse fewer cases than a model needs (its parameters plus one).

    Raises
    ------
    ModelError
        ``n <= n_parameters``.
    """
    if n <= n_parameters:
        raise ModelError(f"{n} complete case(s) are too few for the {what}: it has "
                         f"{n_parameters} parameters and needs at least {n_parameters + 1} cases")


def fit(frame, y: str, x: Sequence[str], *, robust: bool, alpha: float):
    """Ordinary least squares of ``y`` on ``x`` (see :func:`~smma_stats.regression.regress`).

    Tolerance is not checked (PROCESS keeps collinear but non-singular terms).
    """
    from .regression import regress

    return regress(frame, y, list(x), alpha=alpha, robust=robust, min_tolerance=0.0)


def coefficient_table(reg, *, robust: bool, alpha: float):
    """Coefficients with classical or HC3 standard errors, t, p and t-based limits.

    Parameters
    ----------
    reg : RegressionResult
        Fitted with ``robust=True`` when ``robust`` is True.
    robust : bool
        Use the HC3 standard errors, as PROCESS does with ``hc3=1``.
    alpha : float
        The limits are ``b -/+ t(1 - alpha/2; df_residual) se``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COEFFICIENT_COLUMNS`, intercept first.
    """
    import pandas as pd
    from scipy.special import stdtrit

    coef = reg.coefficients
    hc3 = "_hc3" if robust else ""              # the regression's t and p, classical or HC3
    b = coef["b"].to_numpy(dtype=float)
    se = coef["se" + hc3].to_numpy(dtype=float)
    crit = float(stdtrit(reg.df_residual, 1.0 - alpha / 2.0))
    return pd.DataFrame({"term": coef["term"].tolist(), "b": b, "se": se,
                         "t": coef["t" + hc3].to_numpy(dtype=float),
                         "p_value": coef["p_value" + hc3].to_numpy(dtype=float),
                         "conf_low": b - crit * se, "conf_high": b + crit * se},
                        columns=list(COEFFICIENT_COLUMNS))


def covariance(reg, *, robust: bool) -> np.ndarray:
    """The coefficients' covariance matrix (intercept first): HC3 or classical."""
    return np.asarray(reg.covariance_hc3 if robust else reg.covariance, dtype=float)


def wald_f(b: np.ndarray, cov: np.ndarray) -> float:
    """Wald F of the hypothesis that every coefficient in ``b`` is zero.

    ``F = b' V^-1 b / q`` for ``q`` coefficients with covariance ``V``; with
    the HC3 ``V`` it is the F that PROCESS prints for its robust models.
    """
    b = np.asarray(b, dtype=float)
    return float(b @ np.linalg.solve(np.asarray(cov, dtype=float), b)) / len(b)


def model_summary(reg, *, robust: bool) -> dict:
    """R, R Square, MSE and the F test of all slopes, as PROCESS's Model Summary.

    With ``robust`` the F is the HC3 Wald F over the non-intercept terms,
    on ``(k, n - k - 1)`` degrees of freedom.
    """
    from scipy.special import fdtrc

    k, df2 = reg.k, reg.df_residual
    if robust:
        b = reg.coefficients["b"].to_numpy(dtype=float)[1:]
        f = wald_f(b, covariance(reg, robust=True)[1:, 1:])
    else:
        f = float(reg.f)
    p = float(fdtrc(k, df2, f)) if math.isfinite(f) else math.nan
    return {"r": float(reg.r), "r2": float(reg.r2), "mse": float(reg.ms_residual), "f": f,
            "df1": int(k), "df2": int(df2), "p_value": p}
