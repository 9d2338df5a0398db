"""Rank tests of group differences: Mann-Whitney U and Kruskal-Wallis H.

Theses use them in place of the t test and one-way ANOVA when the scores
of a group are not normal. Both are laid out as SPSS's NPAR TESTS prints
them: a Ranks table (N, mean rank, sum of ranks per group) and a Test
Statistics table.

Mann-Whitney U (two groups)
    ``U`` (the smaller of ``U1`` and ``U2``), Wilcoxon ``W``, ``Z`` with the
    correction for ties, the asymptotic two-tailed p ("Asymp. Sig.
    (2-tailed)"), the same with a continuity correction (R's default), and
    the exact two-tailed p ("Exact Sig.") for small samples without ties.
Kruskal-Wallis H (two or more groups)
    ``H`` corrected for ties, ``df = k - 1`` and the chi-square p
    ("Asymp. Sig.").

Distributions come from :mod:`smma_stats.distributions`, so these tests
run without scipy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import DataError
from .group_tests import SignificantMixin, group_values, named_samples
from .keywords import older_keywords
from .moments import average_ranks, tie_sizes
from .results import ResultMixin

EXACT_MAX_N = 50


@dataclass(frozen=True)
class MannWhitneyResult(SignificantMixin, ResultMixin):
    """Mann-Whitney U test of two independent groups, as SPSS prints it.

    Attributes
    ----------
    groups : tuple of str
        Names of the two groups, in the order given.
    n1, n2 : int
        Group sizes.
    rank_sum_1, rank_sum_2 : float
        Sums of the pooled (average) ranks of each group.
    mean_rank_1, mean_rank_2 : float
        Mean ranks of each group.
    u1 : float
        ``rank_sum_1 - n1 (n1 + 1) / 2``: R's ``W`` of ``wilcox.test(x, y)``.
    u : float
        ``min(U1, U2)``: SPSS's "Mann-Whitney U".
    w : float
        SPSS's "Wilcoxon W": the rank sum of the smaller group, as IBM's
        NPAR TESTS documentation defines it (of the group with the smaller
        rank sum when the sizes are equal).
    w_group : str
        The group whose rank sum ``w`` is.
    z : float
        ``(U - n1 n2 / 2) / sigma`` with the tie-corrected sigma; never
        positive, as SPSS prints it.
    p_value : float
        Asymptotic two-tailed p without continuity correction ("Asymp.
        Sig. (2-tailed)").
    z_corrected, p_value_corrected : float
        The same with the continuity correction of 0.5 (R's default).
    p_value_exact : float
        Exact two-tailed p, ``2 P(U <= u)`` capped at 1, from the null
        distribution of U (R's ``wilcox.test(exact = TRUE)``); NaN when
        there are ties or a group has ``EXACT_MAX_N`` or more cases (R's
        rule). SPSS prints its "Exact Sig. [2*(1-tailed Sig.)]" for up to
        40 cases, ties or not, uncorrected for ties; without ties the two
        agree.
    ties : bool
        Whether any value occurs more than once in the pooled sample.
    alpha : float
        The significance level (also readable as ``sig_level``).
    """

    _title = "Mann-Whitney U test"
    groups: tuple
    n1: int
    n2: int
    rank_sum_1: float
    rank_sum_2: float
    mean_rank_1: float
    mean_rank_2: float
    u1: float
    u: float
    w: float
    w_group: str
    z: float
    p_value: float
    z_corrected: float
    p_value_corrected: float
    p_value_exact: float
    ties: bool
    alpha: float = 0.05


@dataclass(frozen=True)
class KruskalWallisResult(SignificantMixin, ResultMixin):
    """Kruskal-Wallis H test of two or more independent groups.

    Attributes
    ----------
    n : int
        Cases in all groups.
    h : float
        The H statistic corrected for ties (SPSS's "Kruskal-Wallis H", R's
        ``kruskal.test`` statistic).
    h_uncorrected : float
        H before dividing by the tie correction ``1 - sum(t^3 - t) / (N^3 - N)``.
    df : int
        Number of groups minus one.
    p_value : float
        Upper-tail chi-square p ("Asymp. Sig.").
    alpha : float
        The significance level (also readable as ``sig_level``).
    ranks : pandas.DataFrame
        Columns ``group, n, rank_sum, mean_rank``.
    """

    _title = "Kruskal-Wallis H test"
    n: int
    h: float
    h_uncorrected: float
    df: int
    p_value: float
    alpha: float
    ranks: Any


@older_keywords(alpha="sig_level")
def mann_whitney_u(x, y, groups: tuple = ("1", "2"),
                   sig_level: float = 0.05) -> MannWhitneyResult:
    """Mann-Whitney U test (Wilcoxon rank-sum test) of two independent samples.

    Parameters
    ----------
    x, y : array-like
        Scores of the two groups; NaN values are left out.
    groups : tuple of str, default ("1", "2")
        Names of the groups, for the result.
    sig_level : float, default 0.05
        Significance level of :attr:`MannWhitneyResult.significant` (older
        keyword: ``alpha``).

    Returns
    -------
    MannWhitneyResult

    Raises
    ------
    DataError
        A group is empty or holds something that is not a number.

    Notes
    -----
    With pooled average ranks, ``U1 = R1 - n1 (n1 + 1) / 2``,
    ``U2 = n1 n2 - U1`` and ``U = min(U1, U2)``. Under the null hypothesis
    U has mean ``n1 n2 / 2`` and variance
    ``n1 n2 / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1)))`` over the groups
    of ``t`` tied values. ``Z = (U - n1 n2 / 2) / sigma``; the corrected
    ``Z`` moves ``U`` half a unit towards the mean first. The exact
    distribution of U (no ties) is counted from the generating function
    ``prod_{i=1..n1} (1 - q^(n2 + i)) / (1 - q^i)`` in whole numbers.

    Examples
    --------
    >>> res = mann_whitney_u([1.1, 2.3, 3.5, 4.0], [2.0, 5.1, 6.3, 7.7, 8.2])
    >>> res.u, res.w, round(res.z, 4), round(res.p_value_exact, 4)
    (3.0, 13.0, -1.7146, 0.1111)
    """
    a, b = (group_values(v, str(g), minimum=1) for v, g in zip((x, y), groups))
    n1, n2 = a.size, b.size
    pooled = np.concatenate([a, b])
    ranks = average_ranks(pooled)
    r1, r2 = float(ranks[:n1].sum()), float(ranks[n1:].sum())
    u1 = r1 - n1 * (n1 + 1) / 2
    u = min(u1, n1 * n2 - u1)
    n = n1 + n2
    t = tie_sizes(pooled)
    ties = bool((t > 1).any())
    var = n1 * n2 / 12 * ((n + 1) - float((t ** 3 - t).sum()) / (n * (n - 1)))
    sigma = math.sqrt(var) if var > 0 else math.nan
    d = u - n1 * n2 / 2
    z = d / sigma
    zc = (d - 0.5 * np.sign(d)) / sigma
    exact = (not ties and n1 < EXACT_MAX_N and n2 < EXACT_MAX_N)
    first = n1 < n2 or (n1 == n2 and r1 <= r2)
    w, w_group = (r1, groups[0]) if first else (r2, groups[1])
    return MannWhitneyResult(
        groups=tuple(str(g) for g in groups), n1=int(n1), n2=int(n2), rank_sum_1=r1,
        rank_sum_2=r2, mean_rank_1=r1 / n1, mean_rank_2=r2 / n2, u1=float(u1), u=float(u),
        w=float(w), w_group=str(w_group), z=float(z), p_value=_two_sided_normal(z), z_corrected=float(zc),
        p_value_corrected=_two_sided_normal(zc),
        p_value_exact=_exact_u_p(round(u), n1, n2) if exact else math.nan,
        ties=ties, alpha=sig_level)


def _two_sided_normal(z: float) -> float:
    from .distributions import norm_cdf

    if math.isnan(z):
        return math.nan
    return float(min(1.0, 2 * norm_cdf(-abs(z))))


def u_distribution(n1: int, n2: int) -> list[int]:
    """Counts of the ``C(n1 + n2, n1)`` arrangements giving ``U = 0, 1, ..., n1 n2``.

    Exact whole numbers (no ties). Their sum is ``C(n1 + n2, n1)``.

    Examples
    --------
    >>> u_distribution(2, 2)
    [1, 1, 2, 1, 1]
    """
    size = n1 * n2 + 1
    c = [1] + [0] * (size - 1)
    for i in range(1, n1 + 1):
        step = n2 + i
        for k in range(size - 1, step - 1, -1):      # times (1 - q^(n2 + i))
            c[k] -= c[k - step]
        for k in range(i, size):                      # divided by (1 - q^i)
            c[k] += c[k - i]
    return c


def _exact_u_p(u: int, n1: int, n2: int) -> float:
    counts = u_distribution(n1, n2)
    total = math.comb(n1 + n2, n1)
    return min(1.0, 2 * sum(counts[:u + 1]) / total)


@older_keywords(alpha="sig_level")
def kruskal_wallis(*samples, groups: Sequence | None = None,
                   sig_level: float = 0.05) -> KruskalWallisResult:
    """Kruskal-Wallis H test of two or more independent samples.

    Parameters
    ----------
    *samples : array-like
        Scores of each group; NaN values are left out.
    groups : sequence of str, optional
        Names of the groups; "1", "2", ... by default.
    sig_level : float, default 0.05
        Significance level of :attr:`KruskalWallisResult.significant` (older
        keyword: ``alpha``).

    Returns
    -------
    KruskalWallisResult

    Raises
    ------
    DataError
        Fewer than two groups, an empty group, or all values equal.

    Notes
    -----
    ``H = 12 / (N (N + 1)) * sum(R_j^2 / n_j) - 3 (N + 1)`` with pooled
    average ranks, divided by ``1 - sum(t^3 - t) / (N^3 - N)``; the p-value
    is ``P(chi2_(k-1) > H)``.

    Examples
    --------
    >>> res = kruskal_wallis([2.9, 3.0, 2.5, 2.6, 3.2], [3.8, 2.7, 4.0, 2.4],
    ...                      [2.8, 3.4, 3.7, 2.2, 2.0])
    >>> round(res.h, 4), res.df, round(res.p_value, 4)
    (0.7714, 2, 0.68)
    """
    from .distributions import chi2_sf

    names, data = named_samples(samples, groups, "the Kruskal-Wallis test")
    pooled = np.concatenate(data)
    n = pooled.size
    ranks = average_ranks(pooled)
    bounds = np.cumsum([0] + [d.size for d in data])
    sums = np.array([ranks[bounds[j]:bounds[j + 1]].sum() for j in range(len(data))])
    sizes = np.array([d.size for d in data])
    h0 = 12 / (n * (n + 1)) * float((sums ** 2 / sizes).sum()) - 3 * (n + 1)
    t = tie_sizes(pooled)
    correction = 1 - float((t ** 3 - t).sum()) / (n ** 3 - n)
    if correction <= 0:
        raise DataError("the Kruskal-Wallis test needs values that are not all equal")
    h = h0 / correction
    df = len(data) - 1
    import pandas as pd

    table = pd.DataFrame({"group": names, "n": sizes.astype(int), "rank_sum": sums,
                          "mean_rank": sums / sizes})
    return KruskalWallisResult(n=int(n), h=float(h), h_uncorrected=float(h0), df=df,
                               p_value=float(chi2_sf(h, df)), alpha=sig_level,
                               ranks=table)


__all__ = ["EXACT_MAX_N", "KruskalWallisResult", "MannWhitneyResult", "average_ranks",
           "kruskal_wallis", "mann_whitney_u", "tie_sizes", "u_distribution"]
