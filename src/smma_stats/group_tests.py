"""Tests of a difference between groups, as SPSS prints them.

two groups
    Independent-Samples T Test (T-TEST /GROUPS): Levene's test for equality
    of variances, centred on the group means as SPSS computes it, then both
    rows, "Equal variances assumed" (Student's pooled t) and "Equal
    variances not assumed" (Welch's t with Welch-Satterthwaite df). The
    row to read is chosen by Levene's Sig. against alpha.
more than two groups
    One-way ANOVA (ONEWAY): F, df, Sig. and eta squared (SS between / SS
    total), with Levene's test of homogeneity of variances beside it.

Every test is computed from :class:`GroupSums` (counts, means and sums of
squared deviations per group), which :func:`group_sums` accumulates a block
of rows at a time; :func:`smma_stats.groups.group_breakdown` uses the same
route. Distributions come from :mod:`smma_stats.distributions` (``t_cdf``,
``t_ppf``, ``f_sf``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .errors import DataError
from .keywords import SigLevelAlias, older_keywords
from .results import ResultMixin


class SignificantMixin(SigLevelAlias):
    """``significant``: ``p_value`` below ``alpha`` (False when p is NaN).

    ``alpha`` is the significance level, also readable as ``sig_level``.
    """

    @property
    def significant(self) -> bool:
        return bool(self.p_value < self.alpha)


@dataclass(frozen=True)
class LeveneResult(ResultMixin):
    """Levene's test of equal variances, centred on the group means (SPSS)."""

    _title = "Levene's test"
    statistic: float
    df1: int
    df2: int
    p_value: float


@dataclass(frozen=True)
class TTestResult(SigLevelAlias, ResultMixin):
    """Independent-samples t test of two groups, both rows as SPSS prints them.

    ``mean_difference`` is the first group's mean minus the second's. Fields
    without a suffix are the "Equal variances assumed" row (pooled variance);
    ``*_welch`` the "Equal variances not assumed" row. ``alpha`` is the
    significance level (also readable as ``sig_level``); ``equal_variances``
    is Levene's Sig. > alpha, and :attr:`read` names the row to read.
    """

    _title = "Independent Samples Test"
    groups: tuple
    levene_statistic: float
    levene_df1: int
    levene_df2: int
    levene_p_value: float
    mean_difference: float
    t: float
    df: float
    p_value: float
    se: float
    conf_low: float
    conf_high: float
    t_welch: float
    df_welch: float
    p_value_welch: float
    se_welch: float
    conf_low_welch: float
    conf_high_welch: float
    alpha: float
    equal_variances: bool

    @property
    def read(self) -> str:
        """``"pooled"`` or ``"welch"``: the row Levene's test says to read."""
        return "pooled" if self.equal_variances else "welch"

    @property
    def chosen(self) -> dict:
        """``t``, ``df``, ``p_value`` of the row to read."""
        sfx = "" if self.equal_variances else "_welch"
        return {k: getattr(self, k + sfx) for k in ("t", "df", "p_value")}

    @property
    def significant(self) -> bool:
        p = self.chosen["p_value"]
        return not math.isnan(p) and p < self.alpha


@dataclass(frozen=True)
class AnovaResult(SignificantMixin, ResultMixin):
    """One-way ANOVA of more than two groups, with Levene's test and eta squared.

    ``alpha`` is the significance level (also readable as ``sig_level``).
    """

    _title = "ANOVA"
    groups: tuple
    ss_between: float
    ss_within: float
    ss_total: float
    df_between: int
    df_within: int
    ms_between: float
    ms_within: float
    f: float
    p_value: float
    eta2: float
    levene_statistic: float
    levene_df1: int
    levene_df2: int
    levene_p_value: float
    alpha: float


def group_values(x, name: str, test: str = "", minimum: int = 0) -> np.ndarray:
    """The non-missing values of group ``name`` as a flat float array.

    Raises DataError when they are not numbers, or are fewer than ``minimum``
    (one: "no values"; more: ``test`` needs at least two cases per group).
    """
    try:
        v = np.asarray(x, dtype=float).ravel()
    except (TypeError, ValueError):
        raise DataError(f"group {name}: values must be numbers") from None
    v = v[~np.isnan(v)]
    if v.size < minimum:
        raise DataError(f"group {name}: no values" if minimum == 1 else
                        f"group {name}: {test} needs at least two cases per group")
    return v


def named_samples(samples, groups, test: str, minimum: int = 1):
    """Group names ("1", "2", ... by default) and each sample's values (:func:`group_values`).

    Raises DataError, naming ``test``, for fewer than two groups or as many
    names as samples.
    """
    names = [str(i + 1) for i in range(len(samples))] if groups is None else \
        [str(g) for g in groups]
    if len(samples) < 2:
        raise DataError(f"{test} needs at least two groups")
    if len(names) != len(samples):
        raise DataError(f"{len(names)} group names for {len(samples)} groups")
    return names, [group_values(s, g, test, minimum) for s, g in zip(samples, names)]


# Rows per block when group sums are accumulated: a few megabytes of float64.
_BLOCK = 1 << 19


@dataclass(frozen=True)
class GroupSums:
    """What every test here needs of k groups of values.

    ``n``, ``mean`` and ``m2`` (sum of squared deviations from the group
    mean) of the values, and ``z_mean``, ``z_m2`` of their absolute
    deviations ``|y - mean of its group|`` (Levene's test).
    """

    n: np.ndarray
    mean: np.ndarray
    m2: np.ndarray
    z_mean: np.ndarray
    z_m2: np.ndarray

    @property
    def sd(self) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.n > 1, np.sqrt(self.m2 / (self.n - 1)), np.nan)


def group_sums(values: np.ndarray, codes: np.ndarray, k: int) -> GroupSums:
    """:class:`GroupSums` of ``values`` by ``codes`` (0..k-1; -1 and NaN values left out).

    Three passes over blocks of rows (sums, then deviations from the group
    means, then deviations of the absolute deviations), so no float copy of
    the whole column is made.
    """
    def blocks():
        for a in range(0, len(values), _BLOCK):
            y = values[a:a + _BLOCK].astype(np.float64)
            g = codes[a:a + _BLOCK].astype(np.intp)
            ok = g >= 0
            if y.size and np.isnan(y).any():
                ok &= ~np.isnan(y)
            yield (y, g) if ok.all() else (y[ok], g[ok])

    n = np.zeros(k, dtype=np.int64)
    total = np.zeros(k)
    for y, g in blocks():
        n += np.bincount(g, minlength=k)
        total += np.bincount(g, weights=y, minlength=k)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = total / n
    m2, z_total = np.zeros(k), np.zeros(k)
    for y, g in blocks():
        d = y - mean[g]
        m2 += np.bincount(g, weights=d * d, minlength=k)
        z_total += np.bincount(g, weights=np.abs(d, out=d), minlength=k)
    with np.errstate(divide="ignore", invalid="ignore"):
        z_mean = z_total / n
    z_m2 = np.zeros(k)
    for y, g in blocks():
        d = np.abs(y - mean[g]) - z_mean[g]
        z_m2 += np.bincount(g, weights=d * d, minlength=k)
    return GroupSums(n=n, mean=mean, m2=m2, z_mean=z_mean, z_m2=z_m2)


def sample_sums(samples, test: str | None = None) -> GroupSums:
    """:class:`GroupSums` of separate samples (NaN ignored).

    With ``test`` named, DataError unless there are two groups of two values or more.
    """
    groups = [group_values(s, str(j + 1)) for j, s in enumerate(samples)]
    if test is not None and (len(groups) < 2 or min(len(g) for g in groups) < 2):
        raise DataError(f"{test} needs at least two groups of at least two values")
    codes = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    values = np.concatenate(groups) if groups else np.empty(0)
    return group_sums(values, codes, len(groups))


def levene_test(*samples) -> LeveneResult:
    """Levene's test of equal variances, centred on each group's mean (as SPSS).

    The one-way ANOVA F of the absolute deviations ``|y - mean of its group|``;
    ``df1 = k - 1``, ``df2 = N - k``. (R's ``car::leveneTest`` centres on the
    median by default; SPSS and ``scipy.stats.levene(center="mean")`` on the
    mean.)
    """
    return _levene(sample_sums(samples, "Levene's test"))


def _levene(st: GroupSums) -> LeveneResult:
    f, df1, df2, p = _oneway(st.n, st.z_mean, st.z_m2)[3:]
    return LeveneResult(statistic=f, df1=df1, df2=df2, p_value=p)


def _oneway(n: np.ndarray, mean: np.ndarray, m2: np.ndarray):
    """SS between, SS within, SS total, F, df1, df2, p of a one-way layout from group
    counts, means and sums of squared deviations."""
    from .distributions import f_sf

    total = int(n.sum())
    grand = float(np.dot(n, mean)) / total
    ss_b = float(np.dot(n, (mean - grand) ** 2))
    ss_w = float(m2.sum())
    df1, df2 = len(n) - 1, total - len(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        f = float(np.float64(ss_b / df1) / np.float64(ss_w / df2))
    p = float(f_sf(f, df1, df2)) if not math.isnan(f) else math.nan
    return ss_b, ss_w, ss_b + ss_w, f, df1, df2, p


@older_keywords(alpha="sig_level")
def independent_t_test(a, b, sig_level: float = 0.05, groups: tuple = ("1", "2")) -> TTestResult:
    """Independent-samples t test as SPSS's T-TEST /GROUPS prints it.

    Parameters
    ----------
    a, b : array_like
        The scores of the two groups (NaN ignored); the mean difference is
        ``mean(a) - mean(b)``.
    sig_level : float, default 0.05
        Significance level of the confidence interval (``1 - sig_level``) and
        of Levene's decision (older keyword: ``alpha``).
    groups : tuple of str
        Names of the two groups.

    Returns
    -------
    TTestResult

    Examples
    --------
    >>> res = independent_t_test([4, 4, 5, 4, 5, 5], [1, 3, 5, 4, 2], groups=("L", "P"))
    >>> round(res.levene_statistic, 3), round(res.levene_p_value, 4), res.read
    (4.295, 0.0681, 'pooled')
    >>> round(res.t, 3), res.df, round(res.p_value, 4)
    (2.191, 9.0, 0.0561)
    >>> round(res.t_welch, 3), round(res.df_welch, 3), round(res.p_value_welch, 4)
    (2.023, 4.802, 0.1014)
    """
    st = sample_sums((a, b))
    if (st.n < 2).any():
        raise DataError("the t test needs at least two values in each group")
    return t_test_from_sums(st, sig_level, groups)


def t_test_from_sums(st: GroupSums, alpha: float, groups: tuple) -> TTestResult:
    """The t test of two groups from their sums (each group of at least two values)."""
    from .distributions import t_cdf, t_ppf

    lev = _levene(st)
    n1, n2 = (int(v) for v in st.n)
    v1, v2 = (float(v) for v in st.m2 / (st.n - 1))
    diff = float(st.mean[0] - st.mean[1])
    df = float(n1 + n2 - 2)
    se = math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / df * (1 / n1 + 1 / n2))
    se_w, df_w = welch_se_df(v1, n1, v2, n2)

    def row(s, d):
        if s == 0 or math.isnan(d):
            return math.nan, math.nan, math.nan, math.nan
        t = diff / s
        half = float(t_ppf(1 - alpha / 2, d)) * s
        return t, float(2 * t_cdf(-abs(t), d)), diff - half, diff + half

    t, p, lo, hi = row(se, df)
    tw, pw, low, hiw = row(se_w, df_w)
    return TTestResult(
        groups=tuple(map(str, groups)), levene_statistic=lev.statistic,
        levene_df1=lev.df1, levene_df2=lev.df2, levene_p_value=lev.p_value,
        mean_difference=diff, t=t, df=df, p_value=p, se=se, conf_low=lo, conf_high=hi,
        t_welch=tw, df_welch=df_w, p_value_welch=pw, se_welch=se_w, conf_low_welch=low,
        conf_high_welch=hiw, alpha=alpha,
        equal_variances=not (lev.p_value <= alpha))


def welch_se_df(v1: float, n1: int, v2: float, n2: int) -> tuple[float, float]:
    """Standard error of a difference of two means with unequal variances, and its
    Welch-Satterthwaite df (NaN when both variances are zero)."""
    q1, q2 = v1 / n1, v2 / n2
    with np.errstate(divide="ignore", invalid="ignore"):
        return math.sqrt(q1 + q2), float(np.float64((q1 + q2) ** 2) /
                                         np.float64(q1 ** 2 / (n1 - 1) + q2 ** 2 / (n2 - 1)))


@older_keywords(alpha="sig_level")
def one_way_anova(*samples, sig_level: float = 0.05, groups: tuple | None = None) -> AnovaResult:
    """One-way ANOVA (SPSS ONEWAY) with eta squared and Levene's test.

    Parameters
    ----------
    *samples : array_like
        The scores of each group (NaN ignored).
    sig_level : float, default 0.05
        Significance level of ``significant`` (older keyword: ``alpha``).
    groups : tuple of str, optional
        Names of the groups ("1", "2", ... by default).

    Returns
    -------
    AnovaResult

    Examples
    --------
    >>> res = one_way_anova([3, 4, 5], [2, 3, 3, 4], [5, 5, 4])
    >>> round(res.f, 3), res.df_between, res.df_within, round(res.p_value, 4), round(res.eta2, 4)
    (3.7, 2, 7, 0.0801, 0.5139)
    """
    st = sample_sums(samples, "one-way ANOVA")
    names = tuple(map(str, groups)) if groups else tuple(str(k) for k in range(1, len(st.n) + 1))
    return anova_from_sums(st, sig_level, names)


def anova_from_sums(st: GroupSums, alpha: float, names: tuple) -> AnovaResult:
    """One-way ANOVA from the groups' sums (each group of at least two values)."""
    ss_b, ss_w, ss_t, f, df1, df2, p = _oneway(st.n, st.mean, st.m2)
    lev = _levene(st)
    return AnovaResult(
        groups=names, ss_between=ss_b, ss_within=ss_w, ss_total=ss_t, df_between=df1,
        df_within=df2, ms_between=ss_b / df1, ms_within=ss_w / df2 if df2 else math.nan,
        f=f, p_value=p, eta2=ss_b / ss_t if ss_t > 0 else math.nan,
        levene_statistic=lev.statistic, levene_df1=lev.df1, levene_df2=lev.df2,
        levene_p_value=lev.p_value, alpha=alpha)
