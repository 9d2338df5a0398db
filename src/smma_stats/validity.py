"""Item validity: each item's correlation with the total score, judged against r table.

An item is *valid* when its correlation with the total score (``r hitung``)
exceeds the critical Pearson r (``r tabel``) at ``df = n - 2`` and is
positive. The correlation can be taken with the total that includes the item
(SPSS ``CORRELATIONS`` on the item and the summed score, the usual practice)
or with the total of the other items (SPSS ``RELIABILITY``'s "Corrected
Item-Total Correlation").

Everything is computed from the item means and covariance matrix, which
:func:`~smma_stats.moments.item_moments` collects block by block, so ten million respondents cost
one pass over the data and no per-row Python work. :func:`item_validity_from_moments`
accepts those moments directly, for callers that accumulate them elsewhere.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from .errors import DataError
from .keywords import SigLevelAlias, older_keywords
from .moments import check_moments, excluded_note, item_moments, item_total_moments
from .options import JUDGES  # which correlation item_validity may judge
from .results import ResultMixin

#: Columns of :attr:`ValidityResult.table`, in order.
TABLE_COLUMNS = ("item", "r", "r_corrected", "p_value", "r_table", "valid")



@dataclasses.dataclass(frozen=True)
class ValidityResult(SigLevelAlias, ResultMixin):
    """Item validity, one row per item.

    Attributes
    ----------
    n : int
        Respondents used (complete cases after listwise deletion).
    n_items : int
        Number of items.
    alpha : float
        Significance level of the r table (also readable as ``sig_level``).
    tails : int
        1 or 2.
    judge : str
        ``"r"`` (item with total) or ``"r_corrected"`` (item with the rest).
    r_table : float
        Critical r at ``df = n - 2``.
    n_valid : int
        Items judged valid.
    all_valid : bool
        Whether every item is valid.
    table : pandas.DataFrame
        Columns ``item, r, r_corrected, p_value, r_table, valid``; ``p_value``
        belongs to the judged correlation.
    n_excluded : int
        Respondents dropped for a missing answer.
    """

    n: int
    n_items: int
    alpha: float
    tails: int
    judge: str
    r_table: float
    n_valid: int
    all_valid: bool
    table: Any
    n_excluded: int = 0

    _title = "Item validity"


@older_keywords(alpha="sig_level")
def r_table(n: int, sig_level: float = 0.05, tails: int = 2) -> float:
    """Critical Pearson r ("r tabel") for ``n`` respondents.

    Parameters
    ----------
    n : int
        Number of respondents; ``df = n - 2``. At least 3.
    sig_level : float, default 0.05
        Significance level (older keyword: ``alpha``).
    tails : {2, 1}, default 2
        Two-tailed or one-tailed critical value.

    Returns
    -------
    float
        ``t / sqrt(df + t**2)`` with ``t`` the critical t at ``df``.

    Notes
    -----
    Printed r tables are rounded and sometimes indexed by ``n`` rather than
    ``df``; this value is exact.

    Examples
    --------
    >>> round(r_table(101), 4), round(r_table(101, tails=1), 4)
    (0.1956, 0.1646)
    >>> round(r_table(30), 3)
    0.361
    """
    from .distributions import t_ppf

    _check_level(sig_level, tails)
    if isinstance(n, bool) or not float(n).is_integer() or n < 3:
        raise DataError(f"r table needs n of at least 3 respondents (df = n - 2), got n = {n}")
    df = int(n) - 2
    t = float(t_ppf(1.0 - sig_level / tails, df))
    return t / math.sqrt(df + t * t)


@older_keywords(alpha="sig_level")
def item_validity(items, sig_level: float = 0.05, tails: int = 2,
                  judge: str = "r") -> ValidityResult:
    """Judge each item valid or not by its correlation with the total score.

    Parameters
    ----------
    items : pandas.DataFrame
        One column per item, one row per respondent, numeric answers. Rows
        with a missing answer are dropped (listwise); ``n`` reports the rows
        used and ``n_excluded`` those dropped.
    sig_level : float, default 0.05
        Significance level of the r table (older keyword: ``alpha``).
    tails : {2, 1}, default 2
        Two-tailed (usual) or one-tailed r table and p-value.
    judge : {"r", "r_corrected"}, default "r"
        ``"r"`` correlates each item with the total score including the item
        (SPSS ``CORRELATIONS`` practice); ``"r_corrected"`` with the total of
        the other items (SPSS "Corrected Item-Total Correlation").

    Returns
    -------
    ValidityResult
        ``table`` has columns ``item, r, r_corrected, p_value, r_table, valid``.

    Raises
    ------
    DataError
        Fewer than 2 items, fewer than 3 complete respondents, a non-numeric
        column, or an unknown ``judge``/``tails``/``sig_level``.

    Notes
    -----
    ``valid`` is ``r > r_table and r > 0`` for the judged r. The p-value is
    the t test of that r with ``df = n - 2``; one-tailed it is half the
    two-tailed p, as SPSS prints "Sig. (1-tailed)", so a negative r gets a
    small p too and only the sign rule rejects it. An item that never varies
    has no correlation: its r is NaN and it is not valid.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"x1": [4, 5, 3, 4, 2, 5, 3, 4],
    ...                   "x2": [4, 4, 3, 5, 2, 5, 2, 4],
    ...                   "x3": [3, 5, 4, 4, 3, 4, 3, 5],
    ...                   "x4": [2, 3, 4, 2, 5, 1, 3, 3]})
    >>> res = item_validity(d)
    >>> res.n, round(res.r_table, 3), res.n_valid
    (8, 0.707, 3)
    >>> res.table.round(3)
      item      r  r_corrected  p_value  r_table  valid
    0   x1  0.764        0.368    0.027    0.707   True
    1   x2  0.733        0.213    0.039    0.707   True
    2   x3  0.938        0.835    0.001    0.707   True
    3   x4 -0.332       -0.708    0.422    0.707  False
    """
    _check_judge(judge)
    _check_level(sig_level, tails)
    m = item_moments(items)
    return item_validity_from_moments(m.n, m.mean, m.cov, m.names, sig_level=sig_level,
                                      tails=tails, judge=judge, n_excluded=m.n_excluded)


@older_keywords(alpha="sig_level")
def item_validity_from_moments(n: int, mean_vector, cov_matrix, item_names: Sequence[str],
                               sig_level: float = 0.05, tails: int = 2, judge: str = "r",
                               n_excluded: int = 0) -> ValidityResult:
    """Item validity from item means and the covariance matrix (divisor ``n - 1``).

    The statistics depend on the data only through these moments, so a reader
    that accumulates them chunk by chunk gets the same result as
    :func:`item_validity` on the whole table. Parameters and result are as in
    :func:`item_validity` (``alpha`` is accepted as the older keyword of
    ``sig_level``); ``n_excluded`` is only reported.
    """
    from .distributions import t_cdf

    _check_judge(judge)
    _check_level(sig_level, tails)
    names, mean, cov = check_moments(n, mean_vector, cov_matrix, item_names)
    k = len(names)
    if n < 3:
        raise DataError("item validity needs at least 3 respondents with complete answers "
                        f"(df = n - 2), got {n}" + excluded_note(n_excluded))

    s = item_total_moments(mean, cov)
    r, rc = s["r"], s["r_corrected"]
    judged = s[judge]

    df = n - 2
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.abs(judged) * np.sqrt(df / (1.0 - judged * judged))
    p = tails * t_cdf(-t, df)  # one-tailed: half the two-tailed p, as SPSS prints it
    crit = r_table(n, sig_level, tails)
    valid = np.nan_to_num(judged, nan=-np.inf)
    valid = (valid > crit) & (valid > 0)

    import pandas as pd
    table = pd.DataFrame({"item": list(names), "r": r, "r_corrected": rc,
                          "p_value": p, "r_table": np.full(k, crit), "valid": valid},
                         columns=list(TABLE_COLUMNS))
    n_valid = int(valid.sum())
    return ValidityResult(n=int(n), n_items=k, alpha=float(sig_level), tails=int(tails),
                          judge=judge, r_table=crit, n_valid=n_valid,
                          all_valid=n_valid == k, table=table,
                          n_excluded=int(n_excluded))


def _check_judge(judge):
    if judge not in JUDGES:
        raise DataError(f"judge must be 'r' (item with total score) or 'r_corrected' "
                        f"(item with the other items' total), got {judge!r}")


def _check_level(alpha, tails):
    if tails not in (1, 2) or isinstance(tails, bool):
        raise DataError(f"tails must be 1 or 2, got {tails!r}")
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not 0 < alpha < 1:
        raise DataError("the significance level (sig_level) must be between 0 and 1, "
                        f"got {alpha!r}")


