"""The data of a regression model: its columns, checked, as arrays.

What every linear model of the package needs before it is fitted: the
predictor names (no repeats, not the dependent), the model's columns as
numeric arrays with the complete cases marked, and the checks that refuse a
model the data cannot support (too few cases, a constant variable, a
predictor that is an exact combination of the others, a significance level
outside (0, 1)). :mod:`smma_stats.regression`, the assumption tests and the
bootstrap share them, so a model is refused with the same words everywhere.
"""

from __future__ import annotations

import numpy as np

from .errors import DataError, ModelError

#: SPSS REGRESSION's default CRITERIA=TOLERANCE(.0001): a predictor whose
#: tolerance falls below it is left out of the model by SPSS.
MIN_TOLERANCE = 1e-4

#: A predictor whose part independent of the earlier predictors is smaller
# than this fraction of its own spread is an exact linear combination of them
# (the tolerance R's lm() uses for its QR decomposition).
RANK_TOL = 1e-7


def predictor_names(y, x) -> tuple[str, ...]:
    """The predictors as a tuple of names, checked (no repeats, not the dependent)."""
    if isinstance(x, str):
        names = (x,)
    else:
        try:
            names = tuple(x)
        except TypeError:
            raise ModelError(f"predictors must be a column name or a list of names, "
                             f"got {x!r}") from None
    if not names:
        raise ModelError("the model has no predictors")
    for name in names:
        if not isinstance(name, str):
            raise ModelError(f"predictor names must be strings, got {name!r}")
    if len(set(names)) != len(names):
        dup = sorted({p for p in names if names.count(p) > 1})
        raise ModelError(f"predictor listed more than once: {', '.join(dup)}")
    if y in names:
        raise ModelError(f"{y!r} is both the dependent variable and a predictor")
    return names


def model_columns(data, y: str, names) -> tuple[list, np.ndarray | None, int]:
    """The model's columns as arrays (their own dtype), the complete cases, the dropped count.

    ``keep`` is None when no row has a missing value.
    """
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise DataError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    for col in (y, *names):
        if col not in data.columns:
            raise ModelError(f"column {col!r} is not in the data")
    cols, keep = [], None
    for col in (y, *names):
        a = _numeric(data[col], col)
        if a.dtype.kind == "f":
            if np.isinf(a).any():
                raise DataError(f"column {col!r} holds an infinite value")
            ok = ~np.isnan(a)
            if not ok.all():
                keep = ok if keep is None else keep & ok
        cols.append(a)
    return cols, keep, 0 if keep is None else int((~keep).sum())


def _numeric(s, col: str) -> np.ndarray:
    import pandas as pd

    if isinstance(s, pd.DataFrame):
        raise DataError(f"column name {col!r} appears more than once in the data")
    if s.dtype.kind in "iuf" and isinstance(s.dtype, np.dtype):
        return s.to_numpy()
    if not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)):
        try:
            s = pd.to_numeric(s)
        except (TypeError, ValueError):
            bad = next((v for v in s if _not_number(v)), None)
            raise DataError(f"column {col!r} holds a non-numeric value {bad!r}") from None
    return s.to_numpy(dtype=float, na_value=np.nan)


def _not_number(v) -> bool:
    if v is None:
        return False
    try:
        float(v)
    except (TypeError, ValueError):
        return True
    return False


def check_alpha(alpha, error=DataError) -> None:
    """Refuse a significance level outside (0, 1) with ``error``."""
    if not isinstance(alpha, (int, float)) or isinstance(alpha, bool) or not 0 < alpha < 1:
        raise error("the significance level (sig_level) must be a number between 0 and 1, "
                    f"got {alpha!r}")


def check_size(n: int, k: int) -> None:
    """Refuse fewer than ``k + 2`` complete cases for ``k`` predictors."""
    if n < k + 2:
        raise ModelError(f"{n} complete case(s) are too few for {k} predictor(s): "
                         f"a regression needs at least k + 2 = {k + 2}")


def check_variances(y: str, names, ss_x: np.ndarray, ss_tot: float) -> None:
    """Refuse a constant dependent variable or a constant predictor."""
    if not ss_tot > 0.0:
        raise DataError(f"dependent variable {y!r} is constant over the complete cases")
    for name, ss in zip(names, ss_x):
        if not ss > 0.0:
            raise ModelError(f"predictor {name!r} is constant over the complete cases, "
                             f"so the design is singular")


def check_rank(r_diag: np.ndarray, norms: np.ndarray, names) -> None:
    """Refuse a predictor that is an exact linear combination of the earlier ones.

    ``r_diag`` is the diagonal of the triangular factor of the centred
    design, ``norms`` the square roots of the predictors' sums of squares.
    """
    for j, (rjj, norm) in enumerate(zip(r_diag, norms)):
        if rjj <= RANK_TOL * norm:
            earlier = ", ".join(repr(p) for p in names[:j])
            raise ModelError(f"predictor {names[j]!r} is an exact linear combination of "
                             f"{earlier} (perfect collinearity): the design is singular; "
                             f"remove one of them")


def check_tolerance(names, tolerance: np.ndarray, min_tolerance: float) -> None:
    """Refuse predictors whose tolerance falls below ``min_tolerance`` (as SPSS leaves them out)."""
    low = [f"{p} ({t:.6f})" for p, t in zip(names, tolerance) if t < min_tolerance]
    if low:
        raise ModelError(f"tolerance below {min_tolerance:g} for {', '.join(low)}: these "
                         f"predictors are nearly collinear and SPSS would leave them out "
                         f"of the model; drop one, or pass min_tolerance=0 to fit anyway")


def moment_arrays(means, sscp, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The means and the SSCP matrix of the dependent and ``k`` predictors, checked.

    Returns ``(means, sscp)`` as float arrays of shapes (k + 1,) and
    (k + 1, k + 1).
    """
    if k == 0:
        raise ModelError("the model has no predictors")
    S = np.asarray(sscp, dtype=float)
    mu = np.asarray(means, dtype=float).ravel()
    if S.shape != (k + 1, k + 1) or mu.shape != (k + 1,):
        raise ModelError(f"means and sscp must cover the dependent and {k} predictor(s): "
                         f"expected {k + 1} means and a {k + 1} x {k + 1} matrix")
    if not (np.all(np.isfinite(S)) and np.all(np.isfinite(mu))):
        raise DataError("means and sscp must be finite numbers")
    return mu, S
