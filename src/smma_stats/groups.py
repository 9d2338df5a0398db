"""Group breakdowns: construct scores compared across an attribute (gender, age band ...).

For each construct, :func:`group_breakdown` gives the category counts and the
mean and standard deviation in each group, then tests the difference of
means as SPSS does:

two groups
    Independent-Samples T Test (T-TEST /GROUPS), with Levene's test for
    equality of variances.
more than two groups
    One-way ANOVA (ONEWAY) with eta squared and Levene's test.

The tests themselves (:func:`~smma_stats.group_tests.independent_t_test`,
:func:`~smma_stats.group_tests.one_way_anova`,
:func:`~smma_stats.group_tests.levene_test`) live in
:mod:`smma_stats.group_tests`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from .descriptives._profile import cell_text, text_order
from .errors import SmmaError
from .group_tests import TTestResult, anova_from_sums, group_sums, t_test_from_sums
from .keywords import SigLevelAlias, older_keywords
from .results import ResultMixin, jsonable


@dataclass(frozen=True)
class GroupResult(SigLevelAlias, ResultMixin):
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
        The significance level of the tests (also readable as ``sig_level``).
    followups : dict of str to FollowUp
        Per tested construct: the normality of each group, the rank test
        (Mann-Whitney U or Kruskal-Wallis H) and, after a significant ANOVA,
        Tukey HSD or Games-Howell (see :mod:`smma_stats.group_followups`).
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
    followups: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        def rows(df, code):
            return df[df["construct"] == code].drop(columns="construct").to_dict("records")

        def test_dict(t):
            if isinstance(t, TTestResult):
                return {"kind": "t_test", **t.to_dict(), "read": t.read}
            return None if t is None else {"kind": "anova", **t.to_dict()}

        def followup(code):
            f = self.followups.get(code)
            return {} if f is None else f.to_dict()

        constructs = {code: {"means": rows(self.means, code),
                             "categories": rows(self.categories, code),
                             "test": test_dict(self.tests.get(code)),
                             "note": self.notes.get(code), **followup(code)}
                      for code in self.constructs}
        return jsonable({"by": self.by, "levels": list(self.levels), "n_missing": self.n_missing,
                         "alpha": self.alpha, "constructs": constructs})


# ------------------------------------------------------------------ breakdown

# Rows per block when group-by-category counts are accumulated.
_BLOCK = 1 << 19


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
    labels = [cell_text(v) for v in uniques]
    levels = tuple(sorted({t for t in labels if t is not None}, key=text_order))
    where = {t: j for j, t in enumerate(levels)}
    dtype = np.int8 if len(levels) < 127 else np.int32
    table = np.array([where.get(t, -1) for t in labels] + [-1], dtype=dtype)
    return table[codes], levels          # code -1 (blank) takes the last entry


def _mean_rows(code: str, st, levels: tuple) -> list[dict]:
    """``construct, group, n, mean, sd, se`` of one construct, a row per group."""
    rows = []
    for j, lv in enumerate(levels):
        n = int(st.n[j])
        sd = float(st.sd[j])
        rows.append({"construct": code, "group": lv, "n": n,
                     "mean": float(st.mean[j]) if n else math.nan, "sd": sd,
                     "se": sd / math.sqrt(n) if n > 1 else math.nan})
    return rows


def _category_rows(code: str, cat, index, group: np.ndarray, levels: tuple) -> list[dict]:
    """``construct, group, category, count, percent`` of one construct's categories."""
    assigned = cat.assignments
    if not assigned.index.equals(index):
        assigned = assigned.reindex(index)
    table = _cross_counts(group, len(levels), assigned.cat.codes.to_numpy(),
                          len(assigned.cat.categories))
    rows = []
    for j, lv in enumerate(levels):
        total = int(table[j].sum())
        for c, label in zip(table[j].tolist(), assigned.cat.categories):
            rows.append({"construct": code, "group": lv, "category": str(label),
                         "count": c, "percent": 100 * c / total if total else math.nan})
    return rows


def _test_or_note(st, levels: tuple, by: str, alpha: float):
    """The t test (two groups) or ANOVA (more), else None and why it was skipped."""
    k = len(levels)
    small = [lv for lv, n in zip(levels, st.n) if n < 2]
    if k < 2:
        return None, f"no test: {by!r} has fewer than two groups"
    if small:
        return None, "no test: fewer than two respondents in group(s) " + ", ".join(small)
    if k == 2:
        return t_test_from_sums(st, alpha, levels), None
    return anova_from_sums(st, alpha, tuple(map(str, levels))), None


@older_keywords(alpha="sig_level")
def group_breakdown(study_or_scores, attributes=None, by: str | None = None, *,
                    constructs=None, categories: Mapping[str, Any] | None = None,
                    sig_level: float | None = None) -> GroupResult:
    """Category counts, means and a test of difference of each construct across groups.

    Parameters
    ----------
    study_or_scores : StudyResult or pandas.DataFrame
        A study (its construct scores, attribute columns, categories and
        significance level are used), or a frame of scores, one column per
        construct.
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
    sig_level : float, optional
        Significance level; the study's, else 0.05 (older keyword: ``alpha``).

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
        sig_level = study.sig_level if sig_level is None else sig_level
    else:
        scores = study_or_scores
        if attributes is None:
            raise SmmaError("group_breakdown: give the attribute columns with the scores")
        constructs = list(constructs or scores.columns)
    alpha = 0.05 if sig_level is None else float(sig_level)
    categories = categories or {}
    column = find_column(attributes, by)
    group, levels = _group_codes(attributes[column], scores.index)
    k = len(levels)
    n_missing = int(np.count_nonzero(group < 0))

    from .group_followups import follow_up

    means, cats, tests, notes, followups = [], [], {}, {}, {}
    for code in constructs:
        values = scores[code].to_numpy()
        if values.dtype.kind not in "iuf":
            values = scores[code].to_numpy(dtype=float, na_value=np.nan)
        st = group_sums(values, group, k)
        means.extend(_mean_rows(code, st, levels))
        cat = categories.get(code)
        if cat is not None:
            cats.extend(_category_rows(code, cat, scores.index, group, levels))
        tests[code], note = _test_or_note(st, levels, by, alpha)
        if note is not None:
            notes[code] = note
        else:
            followups[code] = follow_up(values, group, levels, tests[code], alpha)
    return GroupResult(
        by=column, levels=levels, n_missing=n_missing, constructs=tuple(constructs),
        means=pd.DataFrame(means, columns=["construct", "group", "n", "mean", "sd", "se"]),
        categories=pd.DataFrame(cats, columns=["construct", "group", "category", "count",
                                               "percent"]),
        tests=tests, notes=notes, alpha=alpha, followups=followups)
