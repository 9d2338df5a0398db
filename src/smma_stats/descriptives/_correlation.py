"""Pearson and Spearman correlations of every pair of scores, flagged as SPSS flags them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import DataError, SmmaError
from ..keywords import SigLevelAlias, older_keywords
from ..model_frame import check_alpha
from ..results import ResultMixin
from ._items import numeric_column

METHODS = ("pearson", "spearman")


@dataclass(frozen=True)
class CorrelationResult(SigLevelAlias, ResultMixin):
    """Correlation of every pair of variables, with two-tailed p and SPSS's stars.

    Attributes
    ----------
    method : {"pearson", "spearman"}
    alpha : float
        Significance level of the ``significant`` column (also readable as
        ``sig_level``).
    variables : tuple of str
        The variables, in the order given.
    n_valid : dict of str to int
        Non-empty values of each variable.
    table : pandas.DataFrame
        One row per pair (``variable_a`` before ``variable_b`` in the given
        order): ``variable_a, variable_b, r, p_value, n, stars,
        significant``. ``stars`` is ``"**"`` for p < .01, ``"*"`` for
        p < .05, else ``""`` (SPSS's flags); ``significant`` is p < alpha.
    """

    _title = "Correlations"
    method: str
    alpha: float
    variables: tuple
    n_valid: Any
    table: Any

    def matrix(self, value: str = "r"):
        """A square DataFrame of ``value`` ("r", "p_value", "n" or "stars").

        The diagonal holds 1 (r), NaN (p), the variable's own valid count
        (n) or "" (stars).
        """
        import pandas as pd

        if value not in ("r", "p_value", "n", "stars"):
            raise SmmaError(f"value must be r, p_value, n or stars, not {value!r}")
        names = list(self.variables)
        diag = {"r": 1.0, "p_value": math.nan, "stars": ""}
        out = pd.DataFrame(index=names, columns=names, dtype=object)
        for row in self.table.itertuples(index=False):
            v = getattr(row, value)
            out.loc[row.variable_a, row.variable_b] = v
            out.loc[row.variable_b, row.variable_a] = v
        for name in names:
            out.loc[name, name] = self.n_valid[name] if value == "n" else diag[value]
        return out if value == "stars" else out.astype(float)


def stars(p: float) -> str:
    """SPSS's flag of a two-tailed p: ``"**"`` below .01, ``"*"`` below .05."""
    if p is None or math.isnan(p):
        return ""
    return "**" if p < 0.01 else "*" if p < 0.05 else ""


def pearson_r(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Pearson r of two complete arrays and its two-tailed p (t test, df n - 2)."""
    from ..distributions import t_two_sided_p

    n = x.size
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy = float(dx @ dx), float(dy @ dy)
    if n < 3 or sxx == 0 or syy == 0:
        return math.nan, math.nan
    r = float(dx @ dy) / math.sqrt(sxx * syy)
    r = max(-1.0, min(1.0, r))
    if abs(r) == 1.0:
        return r, 0.0
    t = r * math.sqrt((n - 2) / (1 - r * r))
    return r, float(t_two_sided_p(t, n - 2))


def _whole(v: np.ndarray) -> np.ndarray:
    """Whole-number scores as integers, which are ranked by counting (no sort)."""
    if v.size and np.all(np.abs(v) < 1 << 40):
        iv = v.astype(np.int64)
        if np.array_equal(iv, v):
            return iv
    return v


@older_keywords(alpha="sig_level")
def correlation_matrix(scores, method: str = "pearson", sig_level: float = 0.05,
                       columns=None) -> CorrelationResult:
    """Correlations of every pair of columns, pairwise complete, as SPSS CORRELATIONS.

    Parameters
    ----------
    scores : pandas.DataFrame
        One numeric column per variable (construct scores, items ...).
    method : {"pearson", "spearman"}, default "pearson"
        Pearson's r, or Spearman's rho: Pearson's r of the average ranks,
        as SPSS (NONPAR CORR) computes it when there are ties.
    sig_level : float, default 0.05
        Significance level of the ``significant`` column (older keyword:
        ``alpha``).
    columns : sequence of str, optional
        The columns to correlate; all by default.

    Returns
    -------
    CorrelationResult

    Raises
    ------
    SmmaError
        Unknown method or column, or ``sig_level`` not in (0, 1).
    DataError
        A column is not numeric, or fewer than two columns.

    Notes
    -----
    Each pair uses the rows where both are present (SPSS's default
    ``/MISSING PAIRWISE``); Spearman ranks those rows. The p-value is
    two-tailed from ``t = r sqrt((n - 2) / (1 - r^2))`` with ``n - 2`` df
    for both methods (R's ``cor.test(..., exact = FALSE)``). A constant
    column gives NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"a": [1, 2, 3, 4, 5, 6], "b": [2, 1, 4, 3, 6, 5],
    ...                   "c": [6, 4, 5, 3, 1, 2]})
    >>> correlation_matrix(d).table.round(4)
      variable_a variable_b       r  p_value  n stars  significant
    0          a          b  0.8286   0.0416  6     *         True
    1          a          c -0.8857   0.0188  6     *         True
    2          b          c -0.7143   0.1108  6              False
    """
    import pandas as pd

    from ..moments import average_ranks

    if method not in METHODS:
        raise SmmaError(f"method must be 'pearson' or 'spearman', not {method!r}")
    check_alpha(sig_level, SmmaError)
    names = [str(c) for c in (scores.columns if columns is None else columns)]
    missing = [c for c in names if c not in scores.columns]
    if missing:
        raise SmmaError(f"{missing[0]!r} is not a column of the scores")
    if len(names) < 2:
        raise DataError("a correlation needs at least two variables")
    data, raw = {}, {}
    for c in names:
        data[c] = numeric_column(scores, c)
        if isinstance(scores[c].dtype, np.dtype) and scores[c].dtype.kind in "iu":
            raw[c] = scores[c].to_numpy()         # whole numbers: ranked by counting
    rows = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            ok = ~(np.isnan(data[a]) | np.isnan(data[b]))
            whole = bool(ok.all())
            x, y = (data[a], data[b]) if whole else (data[a][ok], data[b][ok])
            if method == "spearman":
                x = average_ranks(raw[a] if whole and a in raw else _whole(x))
                y = average_ranks(raw[b] if whole and b in raw else _whole(y))
            r, p = pearson_r(x, y)
            rows.append({"variable_a": a, "variable_b": b, "r": r, "p_value": p,
                         "n": int(ok.sum()), "stars": stars(p),
                         "significant": bool(p < sig_level) if not math.isnan(p) else False})
    counts = {c: int((~np.isnan(data[c])).sum()) for c in names}
    return CorrelationResult(method=method, alpha=sig_level, variables=tuple(names),
                             n_valid=counts, table=pd.DataFrame(rows))
