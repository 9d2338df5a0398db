"""Cronbach's alpha with SPSS's Item-Total Statistics.

The whole result (alpha, standardised alpha, Feldt interval, and per item the
scale mean and variance if deleted, corrected item-total r, squared multiple
correlation and alpha if deleted) is a function of the item means and the
covariance matrix only. :func:`cronbach_alpha` collects those in one pass
over the data (see :func:`smma_stats.validity.item_moments`);
:func:`cronbach_alpha_from_moments` accepts them directly, for callers that
accumulate moments chunk by chunk.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from .errors import DataError
from .results import ResultMixin
from .moments import check_moments, excluded_note, item_moments, item_total_moments

#: Columns of :attr:`ReliabilityResult.items`, in order.
ITEM_COLUMNS = ("item", "mean", "sd", "scale_mean_if_deleted", "scale_var_if_deleted",
                "r_corrected", "smc", "alpha_if_deleted")

#: Lower bounds of Sekaran's grades, highest first.
GRADES = ((0.8, "very good"), (0.7, "good"), (0.6, "acceptable"))

# Beyond this condition number the correlation matrix counts as singular and,
# as in SPSS, the statistics needing its inverse (SMC) are missing.
_MAX_CONDITION = 1e12


@dataclasses.dataclass(frozen=True)
class ReliabilityResult(ResultMixin):
    """Cronbach's alpha of a scale and its Item-Total Statistics.

    Attributes
    ----------
    alpha : float
        Cronbach's alpha from the covariance matrix.
    alpha_std : float
        Standardised alpha, from the mean inter-item correlation.
    n_items : int
        Number of items.
    n : int
        Respondents used (complete cases after listwise deletion).
    conf_low, conf_high : float
        Feldt confidence interval of ``alpha`` at level ``ci``.
    mean_inter_item_r : float
        Mean of the correlations between distinct items.
    scale_mean, scale_var : float
        Mean and variance (divisor ``n - 1``) of the summed score.
    reliable : bool
        ``alpha > threshold``.
    grade : str
        Sekaran's grade: ``"poor"``, ``"acceptable"``, ``"good"``,
        ``"very good"`` (``"undefined"`` when alpha is NaN).
    threshold : float
        The alpha a reliable scale must exceed.
    ci : float
        Confidence level of the interval.
    items : pandas.DataFrame
        Columns ``item, mean, sd, scale_mean_if_deleted, scale_var_if_deleted,
        r_corrected, smc, alpha_if_deleted``.
    n_excluded : int
        Respondents dropped for a missing answer.
    """

    alpha: float
    alpha_std: float
    n_items: int
    n: int
    conf_low: float
    conf_high: float
    mean_inter_item_r: float
    scale_mean: float
    scale_var: float
    reliable: bool
    grade: str
    threshold: float
    ci: float
    items: Any
    n_excluded: int = 0

    _title = "Reliability (Cronbach's alpha)"


def reliability_label(alpha: float, threshold: float = 0.60) -> tuple[str, str]:
    """Name a Cronbach's alpha by the usual rules.

    Parameters
    ----------
    alpha : float
        Cronbach's alpha.
    threshold : float, default 0.60
        A scale is "reliable" when alpha exceeds it (0.60 per Ghozali and
        Nunnally's exploratory rule; 0.70 is the stricter choice).

    Returns
    -------
    (str, str)
        ``"reliable"`` or ``"not reliable"``, and Sekaran's grade: below .60
        ``"poor"``, .60 to below .70 ``"acceptable"``, .70 to below .80
        ``"good"``, .80 and above ``"very good"``. NaN gives
        ``("not reliable", "undefined")``.

    References
    ----------
    Sekaran, U., & Bougie, R. (2016). Research Methods for Business (7th ed.).
    Wiley.

    Examples
    --------
    >>> reliability_label(0.813)
    ('reliable', 'very good')
    >>> reliability_label(0.65, threshold=0.70)
    ('not reliable', 'acceptable')
    """
    _check_threshold(threshold)
    a = float(alpha)
    reliable = "reliable" if a > threshold else "not reliable"
    return reliable, _grade(a)


def cronbach_alpha(items, ci: float = 0.95, threshold: float = 0.60) -> ReliabilityResult:
    """Cronbach's alpha and the Item-Total Statistics of SPSS ``RELIABILITY``.

    Parameters
    ----------
    items : pandas.DataFrame
        One numeric column per item, one row per respondent. Rows with a
        missing answer are dropped (listwise), as SPSS does.
    ci : float, default 0.95
        Confidence level of the Feldt interval.
    threshold : float, default 0.60
        ``reliable`` is ``alpha > threshold``.

    Returns
    -------
    ReliabilityResult

    Raises
    ------
    DataError
        Fewer than 2 items or 2 complete respondents, a non-numeric column,
        or ``ci``/``threshold`` out of range.

    Notes
    -----
    With ``k`` items, item variances ``s_i^2`` and total-score variance
    ``s_T^2`` (divisor ``n - 1``)::

        alpha     = k / (k - 1) * (1 - sum(s_i^2) / s_T^2)
        alpha_std = k * rbar / (1 + (k - 1) * rbar)

    ``rbar`` is the mean inter-item correlation. The Feldt interval is
    ``1 - (1 - alpha) * F`` at the ``(1 + ci) / 2`` and ``(1 - ci) / 2``
    quantiles of ``F(n - 1, (n - 1)(k - 1))``. ``smc`` is the R^2 of the item
    on the other items, ``1 - 1 / diag(R^-1)``; it is NaN when the
    correlation matrix is singular, as SPSS leaves it missing. An item that
    never varies stays in the scale (as in PSPP); its correlations are NaN.
    A negative alpha means a negative average covariance between items,
    usually an item that should have been reverse-scored.

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of
    tests. Psychometrika, 16(3), 297-334.

    Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987). Statistical
    inference for coefficient alpha. Applied Psychological Measurement, 11(1),
    93-103.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"x1": [4, 5, 3, 4, 2, 5, 3, 4],
    ...                   "x2": [4, 4, 3, 5, 2, 5, 2, 4],
    ...                   "x3": [3, 5, 4, 4, 3, 4, 3, 5]})
    >>> res = cronbach_alpha(d)
    >>> round(res.alpha, 4), res.reliable, res.grade
    (0.8519, True, 'very good')
    >>> cols = ["item", "scale_var_if_deleted", "r_corrected", "alpha_if_deleted"]
    >>> res.items[cols].round(3)
      item  scale_var_if_deleted  r_corrected  alpha_if_deleted
    0   x1                 3.143        0.856             0.659
    1   x2                 2.839        0.776             0.755
    2   x3                 4.554        0.592             0.910
    """
    check_ci(ci)
    _check_threshold(threshold)
    m = item_moments(items)
    return cronbach_alpha_from_moments(m.n, m.mean, m.cov, m.names, ci=ci,
                                       threshold=threshold, n_excluded=m.n_excluded)


def cronbach_alpha_from_moments(n: int, mean_vector, cov_matrix, item_names: Sequence[str],
                                ci: float = 0.95, threshold: float = 0.60,
                                n_excluded: int = 0) -> ReliabilityResult:
    """Cronbach's alpha from item means and the covariance matrix (divisor ``n - 1``).

    Gives the same result as :func:`cronbach_alpha` on the data those moments
    came from. Parameters and result are as in :func:`cronbach_alpha`;
    ``n_excluded`` is only reported.
    """
    from .distributions import f_ppf

    check_ci(ci)
    _check_threshold(threshold)
    names, mean, cov = check_moments(n, mean_vector, cov_matrix, item_names)
    k = len(names)
    if n < 2:
        raise DataError("Cronbach's alpha needs at least 2 respondents with complete "
                        f"answers, got {n}" + excluded_note(n_excluded))

    s = item_total_moments(mean, cov)
    var, trace = s["var"], float(s["var"].sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = math.nan if s["total_zero"] else k / (k - 1) * (1 - trace / s["total_var"])
        if k > 2:
            alpha_del = (k - 1) / (k - 2) * (1 - (trace - var) / s["rest_var"])
            alpha_del = np.where(s["rest_zero"], np.nan, alpha_del)
        else:  # one item left: alpha is not defined
            alpha_del = np.full(k, np.nan)
    corr = _correlations(cov, s["item_zero"])
    rbar = float(corr[~np.eye(k, dtype=bool)].mean())
    denom = 1 + (k - 1) * rbar
    # rbar = -1/(k-1) (e.g. two mirror-image items) leaves standardised alpha undefined
    alpha_std = k * rbar / denom if denom != 0 else float("nan")

    df1 = n - 1
    df2 = df1 * (k - 1)
    tail = (1 - ci) / 2
    conf_low = 1 - (1 - alpha) * float(f_ppf(1 - tail, df1, df2))
    conf_high = 1 - (1 - alpha) * float(f_ppf(tail, df1, df2))

    import pandas as pd
    table = pd.DataFrame({
        "item": list(names), "mean": mean, "sd": np.sqrt(var),
        "scale_mean_if_deleted": s["rest_mean"], "scale_var_if_deleted": s["rest_var"],
        "r_corrected": s["r_corrected"], "smc": _smc(corr),
        "alpha_if_deleted": alpha_del,
    }, columns=list(ITEM_COLUMNS))
    label, grade = reliability_label(alpha, threshold)
    return ReliabilityResult(
        alpha=float(alpha), alpha_std=float(alpha_std), n_items=k, n=int(n),
        conf_low=conf_low, conf_high=conf_high, mean_inter_item_r=rbar,
        scale_mean=s["total_mean"], scale_var=s["total_var"],
        reliable=label == "reliable", grade=grade, threshold=float(threshold),
        ci=float(ci), items=table, n_excluded=int(n_excluded))


def _correlations(cov, item_zero):
    sd = np.sqrt(np.diag(cov))
    with np.errstate(divide="ignore", invalid="ignore"):
        corr = cov / np.outer(sd, sd)
    corr[item_zero, :] = np.nan
    corr[:, item_zero] = np.nan
    np.fill_diagonal(corr, np.where(item_zero, np.nan, 1.0))
    return np.clip(corr, -1.0, 1.0)


def _smc(corr):
    k = corr.shape[0]
    if not np.isfinite(corr).all() or np.linalg.cond(corr) > _MAX_CONDITION:
        return np.full(k, np.nan)
    return 1.0 - 1.0 / np.diag(np.linalg.inv(corr))


def _grade(alpha):
    if math.isnan(alpha):
        return "undefined"
    for floor, name in GRADES:
        if alpha >= floor:
            return name
    return "poor"


def check_ci(ci) -> None:
    """Refuse a confidence level outside (0, 1)."""
    if isinstance(ci, bool) or not isinstance(ci, numbers.Real) or not 0 < ci < 1:
        raise DataError(f"ci must be a confidence level between 0 and 1, got {ci!r}")


def _check_threshold(threshold):
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real) \
            or not -1 <= threshold <= 1 or math.isnan(threshold):
        raise DataError(f"threshold must be an alpha between -1 and 1, got {threshold!r}")
