"""Post hoc comparisons after a one-way ANOVA: Tukey HSD and Games-Howell.

When the ANOVA of a construct across three or more groups (age bands,
education levels) is significant, a thesis reports which pairs of groups
differ, as SPSS's ONEWAY /POSTHOC prints them: mean difference (I - J),
standard error, Sig. and the confidence interval of every pair.

Tukey HSD
    Equal variances assumed: the pooled within-group mean square and
    ``N - k`` df for every pair (the Tukey-Kramer form for unequal sizes).
Games-Howell
    Equal variances not assumed: each pair its own standard error and
    Welch-Satterthwaite df; read it when Levene's test is significant.

Both refer ``q = |mean difference| / (SE / sqrt(2))`` to the studentized
range distribution of ``k`` means (``scipy.stats.studentized_range``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import DataError, SmmaError
from .group_tests import named_samples, sample_sums, welch_se_df
from .keywords import SigLevelAlias, older_keywords
from .model_frame import check_alpha
from .results import ResultMixin

METHODS = ("tukey", "games_howell")


@dataclass(frozen=True)
class PostHocResult(SigLevelAlias, ResultMixin):
    """Pairwise comparisons of group means.

    Attributes
    ----------
    method : {"tukey", "games_howell"}
    alpha : float
        The significance level (also readable as ``sig_level``): the
        confidence intervals have level ``1 - alpha``; ``significant`` is
        ``p_value < alpha``.
    groups : tuple of str
        Group names in the order given.
    n_groups : int
        ``k``, the number of means the studentized range is taken over.
    df_within, ms_within : float
        Error df ``N - k`` and mean square of the one-way ANOVA (the pooled
        variance Tukey uses; reported for both methods).
    table : pandas.DataFrame
        One row per pair (``group_a`` before ``group_b`` in the given
        order): ``group_a, group_b, mean_difference, se, df, q, p_value,
        conf_low, conf_high, significant``. ``mean_difference`` is mean(a)
        minus mean(b); ``se`` the standard error SPSS prints,
        ``sqrt(MS_within (1/n_a + 1/n_b))`` (Tukey) or
        ``sqrt(s_a^2/n_a + s_b^2/n_b)`` (Games-Howell); ``df`` the pair's df.
    means : pandas.DataFrame
        ``group, n, mean, sd`` of each group.
    """

    _title = "Multiple comparisons"
    method: str
    alpha: float
    groups: tuple
    n_groups: int
    df_within: float
    ms_within: float
    table: Any
    means: Any


def _compare(samples, groups, alpha, method) -> PostHocResult:
    import pandas as pd
    from scipy.stats import studentized_range

    check_alpha(alpha, SmmaError)
    names, data = named_samples(samples, groups, "a post hoc comparison", minimum=2)
    st = sample_sums(data)
    n, mean, var = st.n.astype(float), st.mean, st.m2 / (st.n - 1)
    df_within = float(n.sum() - len(data))
    ms_within = float(st.m2.sum() / df_within)
    if method == "tukey" and ms_within == 0:
        raise DataError("all groups are constant; the within-group variance is zero")
    k = len(names)
    rows, q_crit = [], {}
    for i in range(k):
        for j in range(i + 1, k):
            diff = float(mean[i] - mean[j])
            if method == "tukey":
                se, df = math.sqrt(ms_within * (1 / n[i] + 1 / n[j])), df_within
            else:
                se, df = welch_se_df(var[i], n[i], var[j], n[j])
            q = abs(diff) / (se / math.sqrt(2)) if se > 0 else math.nan
            p = float(studentized_range.sf(q, k, df)) if not math.isnan(q) else math.nan
            if df not in q_crit:      # one quantile for all Tukey pairs (a slow integral)
                q_crit[df] = (float(studentized_range.ppf(1 - alpha, k, df))
                              if not math.isnan(df) else math.nan)
            half = q_crit[df] * se / math.sqrt(2)
            rows.append({"group_a": names[i], "group_b": names[j], "mean_difference": diff,
                         "se": se, "df": float(df), "q": q, "p_value": min(1.0, p),
                         "conf_low": diff - half, "conf_high": diff + half,
                         "significant": bool(p < alpha)})
    means = pd.DataFrame({"group": names, "n": n.astype(int), "mean": mean,
                          "sd": np.sqrt(var)})
    return PostHocResult(method=method, alpha=float(alpha), groups=tuple(names), n_groups=k,
                         df_within=df_within, ms_within=ms_within,
                         table=pd.DataFrame(rows), means=means)


@older_keywords(alpha="sig_level")
def tukey_hsd(*samples, groups: Sequence | None = None,
              sig_level: float = 0.05) -> PostHocResult:
    """Tukey's honestly significant difference test of every pair of groups.

    Parameters
    ----------
    *samples : array-like
        Scores of each group; NaN values are left out.
    groups : sequence of str, optional
        Group names; "1", "2", ... by default.
    sig_level : float, default 0.05
        Significance level: ``1 - sig_level`` is the level of the
        simultaneous confidence intervals (older keyword: ``alpha``).

    Returns
    -------
    PostHocResult

    Raises
    ------
    DataError
        Fewer than two groups, a group with fewer than two cases, or no
        variance within the groups.

    Notes
    -----
    With ``MS_W`` the within-group mean square on ``N - k`` df,
    ``SE = sqrt(MS_W (1/n_a + 1/n_b))``, ``q = |d| / (SE / sqrt(2))``,
    ``p = P(Q_(k, N-k) > q)`` and the interval is
    ``d -/+ q_(1-sig_level; k, N-k) SE / sqrt(2)`` (Tukey-Kramer for unequal
    group sizes, as R's ``TukeyHSD`` and SPSS compute it).

    Examples
    --------
    >>> res = tukey_hsd([4.2, 5.1, 4.8, 5.5], [6.0, 6.4, 5.9, 7.1], [5.0, 5.2, 4.6, 5.8],
    ...                 groups=["A", "B", "C"])
    >>> res.table[["group_a", "group_b", "mean_difference", "p_value"]].round(4)
      group_a group_b  mean_difference  p_value
    0       A       B            -1.45   0.0097
    1       A       C            -0.25   0.7886
    2       B       C             1.20   0.0267
    """
    return _compare(samples, groups, sig_level, "tukey")


@older_keywords(alpha="sig_level")
def games_howell(*samples, groups: Sequence | None = None,
                 sig_level: float = 0.05) -> PostHocResult:
    """Games-Howell test of every pair of groups (unequal variances).

    Parameters
    ----------
    *samples : array-like
        Scores of each group; NaN values are left out.
    groups : sequence of str, optional
        Group names; "1", "2", ... by default.
    sig_level : float, default 0.05
        Significance level: ``1 - sig_level`` is the level of the confidence
        intervals (older keyword: ``alpha``).

    Returns
    -------
    PostHocResult

    Raises
    ------
    DataError
        Fewer than two groups or a group with fewer than two cases.

    Notes
    -----
    For groups ``a`` and ``b`` with variances ``s^2`` and sizes ``n``:
    ``SE = sqrt(s_a^2/n_a + s_b^2/n_b)``, Welch's
    ``df = SE^4 / ((s_a^2/n_a)^2/(n_a - 1) + (s_b^2/n_b)^2/(n_b - 1))``,
    ``q = |d| / (SE / sqrt(2))``, ``p = P(Q_(k, df) > q)`` and the
    interval ``d -/+ q_(1-sig_level; k, df) SE / sqrt(2)``.

    References
    ----------
    Games, P. A., & Howell, J. F. (1976). Pairwise multiple comparison
    procedures with unequal n's and/or variances: a Monte Carlo study.
    *Journal of Educational Statistics*, 1(2), 113-125.

    Examples
    --------
    >>> res = games_howell([4.2, 5.1, 4.8, 5.5], [6.0, 6.4, 5.9, 7.1], [5.0, 5.2, 4.6, 5.8],
    ...                    groups=["A", "B", "C"])
    >>> res.table[["group_a", "group_b", "mean_difference", "df", "p_value"]].round(4)
      group_a group_b  mean_difference      df  p_value
    0       A       B            -1.45  5.9998   0.0221
    1       A       C            -0.25  5.9508   0.7864
    2       B       C             1.20  5.9566   0.0406
    """
    return _compare(samples, groups, sig_level, "games_howell")


__all__ = ["METHODS", "PostHocResult", "games_howell", "tukey_hsd"]
