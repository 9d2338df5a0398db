"""Mann-Whitney U and Kruskal-Wallis H against R 4.2.2 and a published NAG example.

Goldens: ``wilcox.test(x, y, exact = FALSE, correct = FALSE / TRUE)``,
``wilcox.test(x, y, exact = TRUE)`` and ``kruskal.test`` on the example data
of their R help pages (Hollander & Wolfe) and on the 40-respondent survey
of test_descriptives.py (summed X1..X4 by gender and by education, with
ties); NAG Library G08AHF example program results (Mann-Whitney U with
ties, continuity-corrected normal statistic).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import DataError
from smma_stats.nonparametric import (average_ranks, kruskal_wallis, mann_whitney_u,
                                      u_distribution)

DATA = Path(__file__).resolve().parent / "data" / "descriptives_survey.csv"
# ?wilcox.test: Hollander & Wolfe (1973), p. 69
HW_X = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
HW_Y = [1.15, 0.88, 0.90, 0.74, 1.21]


@pytest.fixture(scope="module")
def survey():
    d = pd.read_csv(DATA)
    d["X"] = d[["X1", "X2", "X3", "X4"]].sum(axis=1)
    return d


def test_average_ranks_match_r_rank():
    # R: rank(c(2, 5, 2, 9, 5, 5, 1))
    assert average_ranks([2, 5, 2, 9, 5, 5, 1]).tolist() == [2.5, 5, 2.5, 7, 5, 5, 1]


def test_u_distribution_sums_to_the_binomial():
    c = u_distribution(4, 6)
    assert sum(c) == math.comb(10, 4) and c == c[::-1]
    # R: dwilcox(0:3, 4, 6) * choose(10, 4) -> 1 1 2 3
    assert c[:4] == [1, 1, 2, 3]


def test_exact_and_asymptotic_without_ties_match_r():
    res = mann_whitney_u(HW_X, HW_Y)
    # R: wilcox.test(x, y, exact = TRUE): W = 35, p-value = 0.254412254412254
    assert res.u1 == 35 and res.u == 15 and not res.ties
    assert res.p_value_exact == pytest.approx(0.254412254412254, rel=1e-12)
    # R: wilcox.test(x, y, exact = FALSE, correct = FALSE)$p.value
    assert res.p_value == pytest.approx(0.220671361919847, rel=1e-10)
    assert res.w == res.rank_sum_2 == 30             # the smaller group's rank sum
    assert res.w_group == "2"
    assert res.z < 0


def test_ties_asymptotic_matches_r(survey):
    x = survey.loc[survey["Jenis Kelamin"] == "Laki-laki", "X"]
    y = survey.loc[survey["Jenis Kelamin"] == "Perempuan", "X"]
    res = mann_whitney_u(x, y, groups=("Laki-laki", "Perempuan"))
    assert (res.n1, res.n2) == (18, 20) and res.ties
    # R: sum(rank(c(x, y))[1:18]) = 306, the rest 435; wilcox.test W = 135
    assert (res.rank_sum_1, res.rank_sum_2, res.u1) == (306, 435, 135)
    assert res.u == 135 and res.w == 306 and res.w_group == "Laki-laki"
    # R: wilcox.test(x, y, exact = FALSE, correct = FALSE)$p.value
    assert res.p_value == pytest.approx(0.183003393624157, rel=1e-10)
    # R: wilcox.test(x, y, exact = FALSE, correct = TRUE)$p.value
    assert res.p_value_corrected == pytest.approx(0.187916010540511, rel=1e-10)
    assert math.isnan(res.p_value_exact)
    assert res.mean_rank_1 == pytest.approx(17.0)


def test_nag_g08ahf_example():
    g1 = [13, 6, 12, 7, 12, 7, 10, 7, 10, 7, 16, 7, 10, 8, 9, 8]
    g2 = [17, 6, 10, 8, 15, 8, 15, 10, 15, 10, 14, 10, 14, 11, 14, 11, 13, 12, 13, 12, 13, 12,
          12]
    res = mann_whitney_u(g1, g2)
    # NAG G08AHF: Test statistic = 86.0000, Normal statistic = -2.8039 (continuity
    # corrected), approximate tail probability = 0.0025 (one tail)
    assert res.u == 86
    assert round(res.z_corrected, 4) == -2.8039
    assert round(res.p_value_corrected / 2, 4) == 0.0025


def test_kruskal_wallis_matches_r():
    # ?kruskal.test: Hollander & Wolfe (1973), p. 116
    res = kruskal_wallis([2.9, 3.0, 2.5, 2.6, 3.2], [3.8, 2.7, 4.0, 2.4],
                         [2.8, 3.4, 3.7, 2.2, 2.0], groups=["normal", "oad", "asbestosis"])
    # R: Kruskal-Wallis chi-squared = 0.771428571428572, df = 2, p-value = 0.679964773578894
    assert res.h == pytest.approx(0.771428571428572, rel=1e-12)
    assert res.h == res.h_uncorrected                # no ties
    assert res.df == 2
    assert res.p_value == pytest.approx(0.679964773578894, rel=1e-12)
    assert res.ranks["group"].tolist() == ["normal", "oad", "asbestosis"]


def test_kruskal_wallis_with_ties_matches_r(survey):
    levels = ["D3", "S1", "S2", "SMA"]
    samples = [survey.loc[survey["Pendidikan"] == g, "X"] for g in levels]
    res = kruskal_wallis(*samples, groups=levels)
    # R: kruskal.test(X ~ Pendidikan, data = d): 2.55320617795331, df 3, 0.465752224702638
    assert res.h == pytest.approx(2.55320617795331, rel=1e-12)
    assert res.h > res.h_uncorrected
    assert res.df == 3
    assert res.p_value == pytest.approx(0.465752224702638, rel=1e-11)
    # R: tapply(rank(d$X), d$Pendidikan, mean)
    assert res.ranks["mean_rank"].tolist() == pytest.approx(
        [10.3333333333333, 21.2222222222222, 20.3333333333333, 21.625], rel=1e-12)
    assert not res.significant


def test_errors():
    with pytest.raises(DataError, match="group 2: no values"):
        mann_whitney_u([1, 2], [np.nan])
    with pytest.raises(DataError, match="at least two groups"):
        kruskal_wallis([1, 2, 3])
    with pytest.raises(DataError, match="not all equal"):
        kruskal_wallis([1, 1], [1, 1])
