"""What SPSS users reach for after a group comparison: rank tests and post hoc tests.

For each construct compared across groups (:func:`~smma_stats.groups.group_breakdown`):

- the normality of the scores in every group (Shapiro-Wilk, 3 to 5000
  values per group), which decides whether the report reads the t test /
  ANOVA or its rank counterpart;
- the rank test, always computed: Mann-Whitney U for two groups,
  Kruskal-Wallis H for more (:mod:`smma_stats.nonparametric`);
- after a significant one-way ANOVA, the post hoc comparisons: Tukey HSD
  when Levene's test keeps equal variances, Games-Howell when it rejects
  them (:mod:`smma_stats.posthoc`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import DataError


@dataclass(frozen=True)
class FollowUp:
    """The rank test, post hoc test and normality verdict of one construct.

    Attributes
    ----------
    normal : dict of str to float
        Shapiro-Wilk p-value of each group (NaN where it cannot be computed:
        fewer than 3 or more than 5000 values, or all equal).
    all_normal : bool
        No group's normality is rejected at ``alpha``.
    reading : {"parametric", "rank"}
        Which test the report reads: the rank test when a group's scores
        are not normal.
    rank_test : MannWhitneyResult, KruskalWallisResult or None
    posthoc : PostHocResult or None
        After a significant ANOVA only.
    """

    normal: dict
    all_normal: bool
    reading: str
    rank_test: Any = None
    posthoc: Any = None

    def to_dict(self) -> dict:
        from .results import jsonable

        return jsonable({"normality_p_values": self.normal, "all_normal": self.all_normal,
                         "reading": self.reading, "rank_test": self.rank_test,
                         "posthoc": self.posthoc})


def follow_up(values: np.ndarray, group: np.ndarray, levels: tuple, test,
              alpha: float) -> FollowUp:
    """Normality per group, the rank test and, after a significant ANOVA, post hoc tests."""
    from .nonparametric import kruskal_wallis, mann_whitney_u

    samples = [values[group == j] for j in range(len(levels))]
    samples = [s[~np.isnan(s)] if s.dtype.kind == "f" else s for s in samples]
    normal = {str(lv): _shapiro_p(s) for lv, s in zip(levels, samples)}
    all_normal = all(math.isnan(p) or p > alpha for p in normal.values())
    names = tuple(map(str, levels))
    try:
        rank = (mann_whitney_u(samples[0], samples[1], groups=names, sig_level=alpha)
                if len(samples) == 2
                else kruskal_wallis(*samples, groups=names, sig_level=alpha))
    except DataError:
        rank = None
    return FollowUp(normal=normal, all_normal=all_normal,
                    reading="parametric" if all_normal else "rank", rank_test=rank,
                    posthoc=_posthoc(samples, names, test, alpha))


def _shapiro_p(x: np.ndarray) -> float:
    from .shapiro import shapiro_wilk

    try:
        return float(shapiro_wilk(np.asarray(x, dtype=float))[1])
    except DataError:
        return math.nan


def _posthoc(samples, names, test, alpha):
    """Tukey HSD (equal variances by Levene) or Games-Howell after a significant ANOVA."""
    if len(samples) < 3 or test is None or not getattr(test, "significant", False):
        return None
    from .posthoc import games_howell, tukey_hsd

    equal = not (test.levene_p_value <= alpha)
    run = tukey_hsd if equal else games_howell
    try:
        return run(*samples, groups=names, sig_level=alpha)
    except DataError:
        return None
