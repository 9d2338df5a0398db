"""Group breakdowns: construct scores compared across an attribute (gender, age band ...).

For each construct, :func:`group_breakdown` gives the category counts and the
mean and standard deviation in each group, then tests the difference of
means as SPSS does:

two groups
    Independent-Samples T Test (T-TEST /GROUPS): Levene's test for equality
    of variances, centred on the group means as SPSS computes it, then both
    rows, "Equal variances assumed" (Student's pooled t) and "Equal
    variances not assumed" (Welch's t with Welch-Satterthwaite df). The
    row to read is chosen by Levene's Sig. against alpha.
more than two groups
    One-way ANOVA (ONEWAY): F, df, Sig. and eta squared (SS between / SS
    total), with Levene's test of homogeneity of variances beside it.

Distributions come from :mod:`smma_stats.distributions` (``t_cdf``, ``t_ppf``,
``f_sf``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from .errors import DataError, SmmaError
from .results import ResultMixin, jsonable


@dataclass(frozen=True)
class LeveneResult(ResultMixin):
    """Levene's test of equal variances, centred on the group means (SPSS)."""

    _title = "Levene's test"
    statistic: float
    df1: int
    df2: int
    p_value: float


@dataclass(frozen=True)
class TTestResult(ResultMixin):
    """Independent-samples t test of two groups, both rows as SPSS prints them.

    ``mean_difference`` is the first group's mean minus the second's. Fields
    without a suffix are the "Equal variances assumed" row (pooled variance);
    ``*_welch`` the "Equal variances not assumed" row. ``equal_variances``
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
class AnovaResult(ResultMixin):
    """One-way ANOVA of more than two groups, with Levene's test and eta squared."""

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

    @property
    def significant(self) -> bool:
        return not math.isnan(self.p_value) and self.p_value < self.alpha


@dataclass(frozen=True)
class GroupResult(ResultMixin):
    """Construct scores broken down by one attribute column.

    Attributes
    ----------
    by : str
        The attribute column.
    levels : tuple of str
        Its values (trimmed text), in sorted order (numerically when all are
        numbers).
    n_missing : int
        Respondents without a value in ``by``; left out.
    constructs : tuple of str
    means : pandas.DataFrame
        ``construct, group, n, mean, sd, se`` (se: standard error of the mean).
    categories : pandas.DataFrame
        ``construct, group, category, count, percent`` (percent of the
        group), categories in class order; empty without category results.
    tests : dict of str to TTestResult, AnovaResult or None
        None when a test was skipped (see ``notes``).
    notes : dict of str to str
        Why a construct's test was skipped.
    alpha : float
    """

    _title = "Group breakdown"
    by: str
    levels: tuple
    n_missing: int
    constructs: tuple
    means: Any
    categories: Any
    tests: Mapping[str, Any]
    notes: Mapping[str, str]
    alpha: float = 0.05

    def to_dict(self) -> dict:
        def rows(df, code):
            return df[df["construct"] == code].drop(columns="construct").to_dict("records")

        def test_dict(t):
            if isinstance(t, TTestResult):
                return {"kind": "t_test", **t.to_dict(), "read": t.read}
            return None if t is None else {"kind": "anova", **t.to_dict()}

        constructs = {code: {"means": rows(self.means, code),
                             "categories": rows(self.categories, code),
                             "test": test_dict(self.tests.get(code)),
                             "note": self.notes.get(code)} for code in self.constructs}
        return jsonable({"by": self.by, "levels": list(self.levels), "n_missing": self.n_missing,
                         "alpha": self.alpha, "constructs": constructs})


# ------------------------------------------------------------------ tests

def _clean(x) -> np.ndarray:
    a = np.asarray(x, dtype=float).ravel()
    return a[~np.isnan(a)]


# Rows per block when group sums are accumulated: a few megabytes of float64.
_BLOCK = 1 << 19


@dataclass(frozen=True)
class _Groups:
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


def _group_sums(values: np.ndarray, codes: np.ndarray, k: int) -> _Groups:
    """:class:`_Groups` of ``values`` by ``codes`` (0..k-1; -1 and NaN values left out).

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
    return _Groups(n=n, mean=mean, m2=m2, z_mean=z_mean, z_m2=z_m2)


def _samples(samples) -> _Groups:
    """:class:`_Groups` of separate samples (NaN ignored)."""
    groups = [_clean(s) for s in samples]
    codes = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    values = np.concatenate(groups) if groups else np.empty(0)
    return _group_sums(values, codes, len(groups))


def levene_test(*samples) -> LeveneResult:
    """Levene's test of equal variances, centred on each group's mean (as SPSS).

    The one-way ANOVA F of the absolute deviations ``|y - mean of its group|``;
    ``df1 = k - 1``, ``df2 = N - k``. (R's ``car::leveneTest`` centres on the
    median by default; SPSS and ``scipy.stats.levene(center="mean")`` on the
    mean.)
    """
    st = _samples(samples)
    if len(st.n) < 2 or (st.n < 2).any():
        raise DataError("Levene's test needs at least two groups of at least two values")
    return _levene(st)


def _levene(st: _Groups) -> LeveneResult:
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


def independent_t_test(a, b, alpha: float = 0.05, groups: tuple = ("1", "2")) -> TTestResult:
    """Independent-samples t test as SPSS's T-TEST /GROUPS prints it.

    Parameters
    ----------
    a, b : array_like
        The scores of the two groups (NaN ignored); the mean difference is
        ``mean(a) - mean(b)``.
    alpha : float
        For the confidence interval (``1 - alpha``) and Levene's decision.
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
    st = _samples((a, b))
    if (st.n < 2).any():
        raise DataError("the t test needs at least two values in each group")
    return _t_test(st, alpha, groups)


def _t_test(st: _Groups, alpha: float, groups: tuple) -> TTestResult:
    from .distributions import t_cdf, t_ppf

    lev = _levene(st)
    n1, n2 = (int(v) for v in st.n)
    v1, v2 = (float(v) for v in st.m2 / (st.n - 1))
    diff = float(st.mean[0] - st.mean[1])
    df = float(n1 + n2 - 2)
    se = math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / df * (1 / n1 + 1 / n2))
    q1, q2 = v1 / n1, v2 / n2
    se_w = math.sqrt(q1 + q2)
    with np.errstate(divide="ignore", invalid="ignore"):
        df_w = float(np.float64((q1 + q2) ** 2) /
                     np.float64(q1 ** 2 / (n1 - 1) + q2 ** 2 / (n2 - 1)))

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


def one_way_anova(*samples, alpha: float = 0.05, groups: tuple | None = None) -> AnovaResult:
    """One-way ANOVA (SPSS ONEWAY) with eta squared and Levene's test.

    Examples
    --------
    >>> res = one_way_anova([3, 4, 5], [2, 3, 3, 4], [5, 5, 4])
    >>> round(res.f, 3), res.df_between, res.df_within, round(res.p_value, 4), round(res.eta2, 4)
    (3.7, 2, 7, 0.0801, 0.5139)
    """
    st = _samples(samples)
    if len(st.n) < 2 or (st.n < 2).any():
        raise DataError("one-way ANOVA needs at least two groups of at least two values")
    names = tuple(map(str, groups)) if groups else tuple(str(k) for k in range(1, len(st.n) + 1))
    return _anova(st, alpha, names)


def _anova(st: _Groups, alpha: float, names: tuple) -> AnovaResult:
    ss_b, ss_w, ss_t, f, df1, df2, p = _oneway(st.n, st.mean, st.m2)
    lev = _levene(st)
    return AnovaResult(
        groups=names, ss_between=ss_b, ss_within=ss_w, ss_total=ss_t, df_between=df1,
        df_within=df2, ms_between=ss_b / df1, ms_within=ss_w / df2 if df2 else math.nan,
        f=f, p_value=p, eta2=ss_b / ss_t if ss_t > 0 else math.nan,
        levene_statistic=lev.statistic, levene_df1=lev.df1, levene_df2=lev.df2,
        levene_p_value=lev.p_value, alpha=alpha)


# ------------------------------------------------------------------ breakdown

def _cross_counts(group: np.ndarray, k: int, klass: np.ndarray, levels: int) -> np.ndarray:
    """Rows per (group, class): a k x levels table (rows without either left out)."""
    out = np.zeros(k * levels, dtype=np.int64)
    for a in range(0, len(group), _BLOCK):
        g = group[a:a + _BLOCK].astype(np.intp)
        c = klass[a:a + _BLOCK].astype(np.intp)
        ok = (g >= 0) & (c >= 0)
        out += np.bincount(g[ok] * levels + c[ok], minlength=k * levels)
    return out.reshape(k, levels)


def find_column(attributes, by: str) -> str:
    """The attribute column named ``by`` (exact, else ignoring case and spaces)."""
    cols = [str(c) for c in attributes.columns]
    fold = lambda t: " ".join(str(t).split()).casefold()  # noqa: E731
    hits = [c for c in cols if c == by] or [c for c in cols if fold(c) == fold(by)]
    if len(hits) != 1:
        shown = ", ".join(cols) if cols else "none"
        why = "matches several columns" if hits else "is not a column of the file"
        raise SmmaError(f"--by {by!r} {why}; the attribute (non-item) columns are: {shown}")
    return hits[0]


def _label(v) -> str | None:
    """A group value as trimmed text; None when blank."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    text = " ".join(str(v).split())
    return text or None


def _group_codes(column, index):
    """Each row's group (a code into the levels; -1 when blank) and the sorted levels.

    Every distinct value is labelled once (values giving the same text, such
    as ``1`` and ``"1"``, form one group); rows take the code of their value.
    """
    import pandas as pd

    if not column.index.equals(index):
        column = column.reindex(index)
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, uniques = column.cat.codes.to_numpy(), list(column.cat.categories)
    else:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        uniques = list(uniques)
    labels = [_label(v) for v in uniques]

    def key(t):
        try:
            return (0, float(t), t)
        except ValueError:
            return (1, 0.0, t.casefold())

    levels = tuple(sorted({t for t in labels if t is not None}, key=key))
    where = {t: j for j, t in enumerate(levels)}
    dtype = np.int8 if len(levels) < 127 else np.int32
    table = np.array([where.get(t, -1) for t in labels] + [-1], dtype=dtype)
    return table[codes], levels          # code -1 (blank) takes the last entry


def group_breakdown(study_or_scores, attributes=None, by: str | None = None, *,
                    constructs=None, categories: Mapping[str, Any] | None = None,
                    alpha: float | None = None) -> GroupResult:
    """Category counts, means and a test of difference of each construct across groups.

    Parameters
    ----------
    study_or_scores : StudyResult or pandas.DataFrame
        A study (its construct scores, attribute columns, categories and
        alpha are used), or a frame of scores, one column per construct.
    attributes : pandas.DataFrame, optional
        The attribute columns, indexed like the scores; taken from the study
        when omitted.
    by : str
        The attribute column that defines the groups.
    constructs : sequence of str, optional
        Scores to compare; default every construct of the study (every
        column of a scores frame).
    categories : dict of str to CategoryResult, optional
        For the category counts per group; the study's by default.
    alpha : float, optional
        Significance level; the study's, else 0.05.

    Returns
    -------
    GroupResult

    Raises
    ------
    SmmaError
        ``by`` is not an attribute column (the message lists them).

    Notes
    -----
    Respondents without a value in ``by`` are left out and counted in
    ``n_missing``. With a group of fewer than two respondents (or a single
    group) the test is skipped and ``notes`` says why.
    """
    import pandas as pd

    if by is None:
        raise SmmaError("group_breakdown: name the attribute column to group by (by=...)")
    if hasattr(study_or_scores, "responses") and hasattr(study_or_scores, "scores"):
        study = study_or_scores
        scores = study.scores
        attributes = study.responses.attributes if attributes is None else attributes
        constructs = list(constructs or study.instrument.constructs)
        categories = study.categories if categories is None else categories
        alpha = study.alpha if alpha is None else alpha
    else:
        scores = study_or_scores
        if attributes is None:
            raise SmmaError("group_breakdown: give the attribute columns with the scores")
        constructs = list(constructs or scores.columns)
    alpha = 0.05 if alpha is None else float(alpha)
    categories = categories or {}
    column = find_column(attributes, by)
    group, levels = _group_codes(attributes[column], scores.index)
    k = len(levels)
    n_missing = int(np.count_nonzero(group < 0))

    means, cats, tests, notes = [], [], {}, {}
    for code in constructs:
        values = scores[code].to_numpy()
        if values.dtype.kind not in "iuf":
            values = scores[code].to_numpy(dtype=float, na_value=np.nan)
        st = _group_sums(values, group, k)
        for j, lv in enumerate(levels):
            n = int(st.n[j])
            sd = float(st.sd[j])
            means.append({"construct": code, "group": lv, "n": n,
                          "mean": float(st.mean[j]) if n else math.nan, "sd": sd,
                          "se": sd / math.sqrt(n) if n > 1 else math.nan})
        cat = categories.get(code)
        if cat is not None:
            assigned = cat.assignments
            if not assigned.index.equals(scores.index):
                assigned = assigned.reindex(scores.index)
            table = _cross_counts(group, k, assigned.cat.codes.to_numpy(),
                                  len(assigned.cat.categories))
            for j, lv in enumerate(levels):
                total = int(table[j].sum())
                for c, label in zip(table[j].tolist(), assigned.cat.categories):
                    cats.append({"construct": code, "group": lv, "category": str(label),
                                 "count": c, "percent": 100 * c / total if total else math.nan})
        small = [lv for lv, n in zip(levels, st.n) if n < 2]
        if k < 2:
            tests[code] = None
            notes[code] = f"no test: {by!r} has fewer than two groups"
        elif small:
            tests[code] = None
            notes[code] = ("no test: fewer than two respondents in group(s) "
                           + ", ".join(small))
        elif k == 2:
            tests[code] = _t_test(st, alpha, levels)
        else:
            tests[code] = _anova(st, alpha, tuple(map(str, levels)))
    return GroupResult(
        by=column, levels=levels, n_missing=n_missing, constructs=tuple(constructs),
        means=pd.DataFrame(means, columns=["construct", "group", "n", "mean", "sd", "se"]),
        categories=pd.DataFrame(cats, columns=["construct", "group", "category", "count",
                                               "percent"]),
        tests=tests, notes=notes, alpha=alpha)
