"""Tukey HSD and Games-Howell against R 4.2.2 and pingouin.

Tukey: ``TukeyHSD(aov(weight ~ group, data = PlantGrowth))`` and the same on
the 40-respondent survey of test_descriptives.py (summed X1..X4 by
education: four groups of unequal size). R prints ``diff`` as the second
group minus the first, so its signs and limits are flipped here.

Games-Howell in R (no package): for groups a, b with ``v = var/n``,
``se = sqrt(v_a + v_b)``, ``df = (v_a + v_b)^2 / (v_a^2/(n_a - 1) + v_b^2/(n_b - 1))``,
``q = |mean_a - mean_b| / (se / sqrt(2))``,
``p = ptukey(q, k, df, lower.tail = FALSE)``, interval
``d -/+ qtukey(1 - alpha, k, df) * se / sqrt(2)``; the PlantGrowth p-values,
SEs and dfs agree with pingouin 0.7.0 ``pairwise_gameshowell``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from smma_stats.errors import DataError, SmmaError
from smma_stats.posthoc import games_howell, tukey_hsd

DATA = Path(__file__).resolve().parent / "data" / "descriptives_survey.csv"
PLANT = [[4.17, 5.58, 5.18, 6.11, 4.50, 4.61, 5.17, 4.53, 5.33, 5.14],
         [4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69],
         [6.31, 5.12, 5.54, 5.50, 5.37, 5.29, 4.92, 6.15, 5.80, 5.26]]
PLANT_GROUPS = ["ctrl", "trt1", "trt2"]


@pytest.fixture(scope="module")
def education():
    d = pd.read_csv(DATA)
    d["X"] = d[["X1", "X2", "X3", "X4"]].sum(axis=1)
    levels = ["D3", "S1", "S2", "SMA"]
    return [d.loc[d["Pendidikan"] == g, "X"] for g in levels], levels


def test_tukey_plantgrowth_matches_r():
    res = tukey_hsd(*PLANT, groups=PLANT_GROUPS)
    t = res.table
    assert list(zip(t["group_a"], t["group_b"])) == [("ctrl", "trt1"), ("ctrl", "trt2"),
                                                    ("trt1", "trt2")]
    # R TukeyHSD: trt1-ctrl -0.371, trt2-ctrl 0.494, trt2-trt1 0.865 (b - a)
    assert t["mean_difference"].tolist() == pytest.approx([0.371, -0.494, -0.865], rel=1e-12)
    assert t["p_value"].tolist() == pytest.approx(
        [0.3908711442021247, 0.1979959912997082, 0.0120064239794527], rel=1e-6)
    assert t["conf_low"].tolist() == pytest.approx(
        [-0.320216051410458, -1.185216051410458, -1.556216051410459], rel=1e-6)
    assert t["conf_high"].tolist() == pytest.approx(
        [1.062216051410459, 0.197216051410459, -0.173783948589542], rel=1e-6)
    assert t["significant"].tolist() == [False, False, True]
    assert res.df_within == 27 and set(t["df"]) == {27.0}
    # SPSS's Std. Error: sqrt(MS_within * 2 / 10); R: anova(aov(...)) Residuals Mean Sq
    assert res.ms_within == pytest.approx(0.3885959259259, rel=1e-12)
    assert t["se"].iloc[0] == pytest.approx((0.3885959259259 * 0.2) ** 0.5, rel=1e-12)


def test_tukey_unequal_groups_matches_r(education):
    samples, levels = education
    t = tukey_hsd(*samples, groups=levels).table.set_index(["group_a", "group_b"])
    # R: TukeyHSD(aov(X ~ Pendidikan, data = d)): diff, lwr, upr, p adj (rows b - a)
    r = {("D3", "S1"): (2.8888888888888893, -2.08877912085905, 7.86655689863683,
                        0.411933957572883),
         ("D3", "S2"): (2.6666666666666679, -3.85063060162766, 9.18396393496099,
                        0.690623051880217),
         ("D3", "SMA"): (2.8541666666666679, -2.16774815110646, 7.87608148443979,
                         0.430316260746509),
         ("S1", "S2"): (-0.2222222222222214, -5.19989023197017, 4.75544578752572,
                        0.999366503899018),
         ("S1", "SMA"): (-0.0347222222222214, -2.77728371996856, 2.70783927552412,
                         0.999985473662870),
         ("S2", "SMA"): (0.1875, -4.83441481777312, 5.20941481777312, 0.999628789153636)}
    for pair, (diff, lwr, upr, p) in r.items():
        row = t.loc[pair]
        assert row["mean_difference"] == pytest.approx(-diff, rel=1e-12)
        assert row["conf_low"] == pytest.approx(-upr, rel=1e-6)
        assert row["conf_high"] == pytest.approx(-lwr, rel=1e-6)
        assert row["p_value"] == pytest.approx(p, rel=1e-5)


def test_games_howell_plantgrowth_matches_r_and_pingouin():
    res = games_howell(*PLANT, groups=PLANT_GROUPS)
    t = res.table
    # R (formula in the module docstring) and pingouin.pairwise_gameshowell
    assert t["mean_difference"].tolist() == pytest.approx([0.371, -0.494, -0.865], rel=1e-12)
    assert t["se"].tolist() == pytest.approx(
        [0.311434851400203, 0.231487940650624, 0.287366007422977], rel=1e-12)
    assert t["df"].tolist() == pytest.approx(
        [16.5235850568593, 16.7857644826057, 14.1035691227603], rel=1e-12)
    assert t["p_value"].tolist() == pytest.approx(
        [0.47455492219398, 0.112889176854217, 0.0237034547392031], rel=1e-6)
    assert t["conf_low"].tolist() == pytest.approx(
        [-0.430087501501755, -1.08855443333315, -1.61648700668281], rel=1e-6)
    assert t["conf_high"].tolist() == pytest.approx(
        [1.17208750150176, 0.100554433333154, -0.113512993317195], rel=1e-6)
    assert t["significant"].tolist() == [False, False, True]
    assert res.means["mean"].tolist() == pytest.approx([5.032, 4.661, 5.526])


def test_games_howell_unequal_groups_matches_r(education):
    samples, levels = education
    t = games_howell(*samples, groups=levels).table.set_index(["group_a", "group_b"])
    # R (formula in the module docstring): d, se, df, p, lwr, upr
    r = {("D3", "S1"): (-2.88888888888889, 1.80695019039242, 2.75327896851287,
                        0.498498889597676, -12.1738347994439, 6.39605702166611),
         ("S1", "SMA"): (0.0347222222222214, 1.04360630960534, 31.1217367095239,
                         0.999986461607416, -2.79708445363716, 2.8665288980816),
         ("S2", "SMA"): (-0.1875, 1.26563143002482, 4.89527037841198, 0.998680718974987,
                         -4.89645509289924, 4.52145509289924)}
    for pair, (d, se, df, p, lwr, upr) in r.items():
        row = t.loc[pair]
        assert row["mean_difference"] == pytest.approx(d, rel=1e-12)
        assert row["se"] == pytest.approx(se, rel=1e-12)
        assert row["df"] == pytest.approx(df, rel=1e-12)
        assert row["p_value"] == pytest.approx(p, rel=1e-5)
        # at df = 2.75 R's ptukey and scipy's studentized_range differ by 3.5e-7 in the
        # cdf near .95 (R's qtukey iterates to 1e-4), so the limits agree to 5 digits
        assert row["conf_low"] == pytest.approx(lwr, rel=1e-5)
        assert row["conf_high"] == pytest.approx(upr, rel=1e-5)


def test_errors():
    with pytest.raises(DataError, match="group b: a post hoc comparison needs at least two"):
        tukey_hsd([1, 2, 3], [4], groups=["a", "b"])
    with pytest.raises(DataError, match="at least two groups"):
        games_howell([1, 2, 3])
    with pytest.raises(SmmaError, match="sig_level"):
        tukey_hsd([1, 2], [3, 4], alpha=1.5)
