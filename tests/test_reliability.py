"""Cronbach's alpha and Item-Total Statistics against R psych, PSPP and pingouin.

Data: ``reliability_bfi_neuroticism.csv`` holds items N1-N5 of ``psych::bfi``
(2800 respondents, 106 with a missing answer), written by
``write.csv(bfi[, c("N1","N2","N3","N4","N5")], ..., na = "")`` in R 4.2.2
with psych 2.2.9. R goldens come from ``d <- na.omit(read.csv(<file>))``
(2694 complete cases), the listwise deletion SPSS and PSPP apply.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats import moments
from smma_stats.errors import DataError, SmmaError
from smma_stats.reliability import (
    ITEM_COLUMNS,
    ReliabilityResult,
    cronbach_alpha,
    cronbach_alpha_from_moments,
    reliability_label,
)
from smma_stats.moments import item_moments

DATA = Path(__file__).parent / "data"
ITEMS = ["N1", "N2", "N3", "N4", "N5"]


@pytest.fixture(scope="module")
def bfi_n():
    return pd.read_csv(DATA / "reliability_bfi_neuroticism.csv")


@pytest.fixture(scope="module")
def res(bfi_n):
    return cronbach_alpha(bfi_n)


@pytest.fixture(scope="module")
def agree30():
    return pd.read_csv(DATA / "validity_bfi_agreeableness101.csv").head(30)


# ---------------------------------------------------------------- R psych 2.2.9

def test_listwise_deletion_counts(res):
    # R 4.2.2: sum(complete.cases(d)) -> 2694 of nrow(d) 2800;
    # PSPP 1.6.2 RELIABILITY Case Processing Summary: Valid 2694, Excluded 106
    assert res.n == 2694
    assert res.n_excluded == 106
    assert res.n_items == 5


def test_alpha_matches_psych(res):
    # R 4.2.2, psych 2.2.9: a <- psych::alpha(d)
    assert res.alpha == pytest.approx(0.813303143161439, abs=1e-12)       # a$total$raw_alpha
    assert res.alpha_std == pytest.approx(0.814072065651048, abs=1e-12)   # a$total$std.alpha
    assert res.mean_inter_item_r == pytest.approx(0.466861608024067, abs=1e-12)  # a$total$average_r


def test_feldt_interval_matches_psych(res):
    # R 4.2.2, psych 2.2.9: unlist(psych::alpha(d)$feldt)
    #   lower.ci.raw_alpha 0.801919990507684, upper.ci.raw_alpha 0.824222922809719
    # (same as 1 - (1 - alpha) * qf(c(.975, .025), 2693, 2693 * 4))
    assert res.ci == 0.95
    assert res.conf_low == pytest.approx(0.801919990507684, abs=1e-12)
    assert res.conf_high == pytest.approx(0.824222922809719, abs=1e-12)


def test_scale_statistics_match_r(res):
    # R 4.2.2: T <- rowSums(d); mean(T); var(T)
    assert res.scale_mean == pytest.approx(15.8195991091314, abs=1e-12)
    assert res.scale_var == pytest.approx(35.6956276149416, abs=1e-11)


def test_item_table_columns(res):
    assert list(res.items.columns) == list(ITEM_COLUMNS) == [
        "item", "mean", "sd", "scale_mean_if_deleted", "scale_var_if_deleted",
        "r_corrected", "smc", "alpha_if_deleted"]
    assert list(res.items["item"]) == ITEMS


def test_item_statistics_match_psych(res):
    t = res.items.set_index("item")
    # R 4.2.2, psych 2.2.9: psych::alpha(d)$item.stats[, c("mean", "sd")]
    mean = [2.93132887899035, 3.50853749072012, 3.21677802524128, 3.18968077208612,
            2.97327394209354]
    sd = [1.57310951296300, 1.52626511386919, 1.60038540118558, 1.57308322651041,
          1.62189756101139]
    # R 4.2.2, psych 2.2.9: psych::alpha(d)$item.stats$r.drop
    r_drop = [0.666285806231686, 0.650902055754828, 0.672947088258613, 0.542148997951895,
              0.486729437297526]
    # R 4.2.2, psych 2.2.9: psych::alpha(d)$alpha.drop$raw_alpha
    alpha_drop = [0.757307514515300, 0.762678098025769, 0.754865352442729,
                  0.794558722107924, 0.811613634382789]
    # R 4.2.2, psych 2.2.9: psych::smc(d)
    smc = [0.547727022581617, 0.535685614742866, 0.458561809384734, 0.318743143082245,
           0.245906625087154]
    np.testing.assert_allclose(t["mean"], mean, atol=1e-12)
    np.testing.assert_allclose(t["sd"], sd, atol=1e-12)
    np.testing.assert_allclose(t["r_corrected"], r_drop, atol=1e-12)
    np.testing.assert_allclose(t["alpha_if_deleted"], alpha_drop, atol=1e-12)
    np.testing.assert_allclose(t["smc"], smc, atol=1e-12)


def test_scale_if_deleted_matches_r(res, bfi_n):
    t = res.items.set_index("item")
    # R 4.2.2: for (i in 1:5) mean(rowSums(d[, -i])); var(rowSums(d[, -i]))
    mean_del = [12.8882702301411, 12.3110616184113, 12.6028210838901, 12.6299183370453,
                12.8463251670379]
    var_del = [23.1375303896296, 23.6945155454034, 22.8403336649693, 24.7374781218099,
               25.1475598288725]
    np.testing.assert_allclose(t["scale_mean_if_deleted"], mean_del, atol=1e-12)
    np.testing.assert_allclose(t["scale_var_if_deleted"], var_del, atol=1e-11)
    # and against the definition, computed directly on the complete cases
    d = bfi_n.dropna()
    for item in ITEMS:
        rest = d.drop(columns=item).sum(axis=1)
        assert t.loc[item, "scale_mean_if_deleted"] == pytest.approx(rest.mean(), abs=1e-12)
        assert t.loc[item, "scale_var_if_deleted"] == pytest.approx(rest.var(ddof=1), abs=1e-10)
        assert t.loc[item, "r_corrected"] == pytest.approx(np.corrcoef(d[item], rest)[0, 1],
                                                           abs=1e-12)


# ------------------------------------------------------------------ PSPP 1.6.2

def test_matches_pspp_printed_table(res):
    # PSPP 1.6.2 RELIABILITY /VARIABLES=N1 N2 N3 N4 N5 /SCALE('N') ALL /SUMMARY=TOTAL.
    # printed: Cronbach's Alpha .81, N of Items 5, and Item-Total Statistics
    printed = {  # Scale Mean if, Scale Variance if, Corrected Item-Total r, Alpha if deleted
        "N1": (12.89, 23.14, .67, .76),
        "N2": (12.31, 23.69, .65, .76),
        "N3": (12.60, 22.84, .67, .75),
        "N4": (12.63, 24.74, .54, .79),
        "N5": (12.85, 25.15, .49, .81),
    }
    assert f"{res.alpha:.2f}".lstrip("0") == ".81"
    cols = ["scale_mean_if_deleted", "scale_var_if_deleted", "r_corrected", "alpha_if_deleted"]
    t = res.items.set_index("item")
    for item, row in printed.items():
        assert [round(float(t.loc[item, c]), 2) for c in cols] == list(row)


def test_matches_pspp_cell_values(res):
    # PSPP 1.6.2 RELIABILITY as above, written to .spv; cell values as stored
    # (pspp-output dump-light-table, 6 significant digits). Cronbach's Alpha 0.813303.
    assert res.alpha == pytest.approx(0.813303, abs=5e-7)
    t = res.items
    np.testing.assert_allclose(t["scale_mean_if_deleted"],
                               [12.8883, 12.3111, 12.6028, 12.6299, 12.8463], atol=5e-5)
    np.testing.assert_allclose(t["scale_var_if_deleted"],
                               [23.1375, 23.6945, 22.8403, 24.7375, 25.1476], atol=5e-5)
    np.testing.assert_allclose(t["r_corrected"],
                               [0.666286, 0.650902, 0.672947, 0.542149, 0.486729], atol=5e-7)
    np.testing.assert_allclose(t["alpha_if_deleted"],
                               [0.757308, 0.762678, 0.754865, 0.794559, 0.811614], atol=5e-7)


def test_zero_variance_item_kept_as_pspp_does(agree30):
    # PSPP 1.6.2 RELIABILITY /VARIABLES=A2 A3 A4 A5 K /SUMMARY=TOTAL. on the first 30
    # rows of validity_bfi_agreeableness101.csv with K = 3 for everyone (.spv cell
    # values): Alpha 0.561478; K: scale mean if deleted 17.9333, variance 14.3402,
    # corrected r NaN, alpha if deleted 0.59891.
    d = agree30[["A2", "A3", "A4", "A5"]].assign(K=3)
    r = cronbach_alpha(d)
    assert r.alpha == pytest.approx(0.561478, abs=5e-7)
    t = r.items.set_index("item")
    np.testing.assert_allclose(t["scale_var_if_deleted"],
                               [11.6782, 7.54483, 9.58161, 7.77471, 14.3402], rtol=5e-6)
    np.testing.assert_allclose(t["r_corrected"].iloc[:4],
                               [0.281441, 0.530128, 0.18196, 0.626364], atol=5e-7)
    np.testing.assert_allclose(t["alpha_if_deleted"],
                               [0.530709, 0.351005, 0.631478, 0.293318, 0.59891], atol=5e-7)
    assert t.loc["K", "scale_mean_if_deleted"] == pytest.approx(17.9333, abs=5e-5)
    assert math.isnan(t.loc["K", "r_corrected"])
    assert t["smc"].isna().all()          # correlation matrix undefined
    assert math.isnan(r.alpha_std) and math.isnan(r.mean_inter_item_r)
    # alpha without K: R 4.2.2 psych::alpha(d30[, 2:5])$total$raw_alpha
    assert t.loc["K", "alpha_if_deleted"] == pytest.approx(0.598909907021481, abs=1e-12)


def test_two_items(agree30):
    # PSPP 1.6.2 RELIABILITY /VARIABLES=A3 A5 /SUMMARY=TOTAL. prints alpha if deleted NaN
    r = cronbach_alpha(agree30[["A3", "A5"]])
    assert r.items["alpha_if_deleted"].isna().all()
    # R 4.2.2: var(d30$A5), var(d30$A3) are the scale variances if A3 / A5 is deleted
    np.testing.assert_allclose(r.items["scale_var_if_deleted"],
                               [1.83448275862069, 2.34022988505747], atol=1e-12)
    # R 4.2.2: cor(d30$A3, d30$A5)^2 is each item's SMC; cor() the corrected r
    np.testing.assert_allclose(r.items["smc"], 0.343176211648965, atol=1e-12)
    np.testing.assert_allclose(r.items["r_corrected"], 0.585812437260396, atol=1e-12)


# ------------------------------------------------------------ pingouin 0.5.x

def test_cross_check_pingouin(bfi_n, res):
    pg = pytest.importorskip("pingouin")
    a, ci = pg.cronbach_alpha(bfi_n.dropna(), ci=0.95)
    assert res.alpha == pytest.approx(a, abs=1e-12)
    # pingouin rounds its interval to 3 decimals
    assert [round(res.conf_low, 3), round(res.conf_high, 3)] == list(ci)
    _, ci90 = pg.cronbach_alpha(bfi_n.dropna(), ci=0.90)
    r90 = cronbach_alpha(bfi_n, ci=0.90)
    assert [round(r90.conf_low, 3), round(r90.conf_high, 3)] == list(ci90)


# ----------------------------------------------------------- labels and rules

@pytest.mark.parametrize("alpha, expected", [
    (0.813, ("reliable", "very good")),
    (0.80, ("reliable", "very good")),
    (0.7999, ("reliable", "good")),
    (0.70, ("reliable", "good")),
    (0.65, ("reliable", "acceptable")),
    (0.60, ("not reliable", "acceptable")),   # Ghozali: reliable when alpha > 0.60
    (0.5999, ("not reliable", "poor")),
    (-0.2, ("not reliable", "poor")),
    (float("nan"), ("not reliable", "undefined")),
])
def test_reliability_label(alpha, expected):
    assert reliability_label(alpha) == expected


def test_threshold_parameter(bfi_n, res):
    assert res.reliable and res.grade == "very good" and res.threshold == 0.60
    strict = cronbach_alpha(bfi_n, threshold=0.85)
    assert not strict.reliable and strict.grade == "very good"
    assert reliability_label(0.65, threshold=0.70) == ("not reliable", "acceptable")


def test_negative_alpha_is_poor(agree30):
    # A1 is reverse-keyed: A1 with the reverse of A2 has a negative covariance
    d = pd.DataFrame({"A1": agree30["A1"], "A2": agree30["A2"]})
    r = cronbach_alpha(d)
    direct = 2 * (1 - d.var().sum() / d.sum(axis=1).var())
    assert r.alpha == pytest.approx(direct, abs=1e-12)
    assert r.alpha < 0 and r.grade == "poor" and not r.reliable


# ------------------------------------------------------ moments and chunking

def test_from_moments_equals_direct(bfi_n, res):
    d = bfi_n.dropna()
    r2 = cronbach_alpha_from_moments(len(d), d.mean().to_numpy(), d.cov().to_numpy(),
                                     list(d.columns), n_excluded=106)
    assert r2.alpha == pytest.approx(res.alpha, abs=1e-13)
    assert r2.n_excluded == 106
    pd.testing.assert_frame_equal(r2.items, res.items, atol=1e-12, rtol=0)


def test_block_merging_matches_numpy(monkeypatch):
    rng = np.random.default_rng(7)
    x = rng.integers(1, 6, size=(2500, 4)).astype(float)
    x[[3, 1000, 1001, 2499], [0, 1, 3, 2]] = np.nan
    x[1024:2048] = np.nan            # one whole block missing
    d = pd.DataFrame(x, columns=list("abcd"))
    monkeypatch.setattr(moments, "BLOCK_CELLS", 4)   # 256 rows per block
    m = item_moments(d)
    ok = d.dropna().to_numpy()
    assert (m.n, m.n_excluded) == (len(ok), 2500 - len(ok))
    np.testing.assert_allclose(m.mean, ok.mean(axis=0), atol=1e-13)
    np.testing.assert_allclose(m.cov, np.cov(ok.T), atol=1e-13)


def test_large_offset_is_stable(bfi_n, res):
    # alpha is shift invariant; a naive sum-of-squares formula loses it at 1e8
    shifted = cronbach_alpha(bfi_n + 1e8)
    assert shifted.alpha == pytest.approx(res.alpha, abs=1e-8)


def test_nullable_integer_columns(bfi_n, res):
    r = cronbach_alpha(bfi_n.astype("Int64"))
    assert (r.n, r.n_excluded) == (2694, 106)
    assert r.alpha == pytest.approx(res.alpha, abs=1e-13)


def test_singular_correlation_matrix_gives_missing_smc(agree30):
    d = agree30[["A2", "A3", "A4"]].assign(S=lambda f: f.A2 + f.A3)
    r = cronbach_alpha(d)
    assert r.items["smc"].isna().all()
    assert np.isfinite(r.items["alpha_if_deleted"]).all()


# ------------------------------------------------------------ output and errors

def test_result_is_frozen_and_renders(res):
    assert isinstance(res, ReliabilityResult)
    with pytest.raises(AttributeError):
        res.alpha = 0.5
    text = res.summary()
    assert "alpha: 0.813" in text and "alpha_if_deleted" in text
    out = json.loads(json.dumps(res.to_dict()))
    assert out["n"] == 2694 and out["items"][0]["item"] == "N1"
    assert "<table>" in res._repr_html_()


def test_nan_fields_are_json_safe(agree30):
    r = cronbach_alpha(agree30[["A2", "A3"]].assign(K=3))
    json.dumps(r.to_dict(), allow_nan=False)


def test_too_few_items():
    with pytest.raises(DataError, match="at least 2 items"):
        cronbach_alpha(pd.DataFrame({"x": [1, 2, 3]}))


def test_too_few_respondents():
    d = pd.DataFrame({"x": [1, 2, np.nan], "y": [2, np.nan, 3]})
    with pytest.raises(DataError, match=r"at least 2 respondents.*got 1.*2 dropped"):
        cronbach_alpha(d)


def test_non_numeric_column():
    d = pd.DataFrame({"x": [1, 2, 3], "y": ["a", "b", "c"]})
    with pytest.raises(DataError, match="not numeric: y"):
        cronbach_alpha(d)


def test_duplicate_names():
    d = pd.DataFrame([[1, 2], [2, 3], [3, 3]], columns=["x", "x"])
    with pytest.raises(DataError, match="repeated: x"):
        cronbach_alpha(d)


def test_infinite_value():
    d = pd.DataFrame({"x": [1.0, 2.0, np.inf], "y": [2, 3, 3]})
    with pytest.raises(DataError, match="'x'.*infinite"):
        cronbach_alpha(d)


@pytest.mark.parametrize("kwargs, msg", [
    ({"ci": 1.5}, "ci must be"), ({"ci": 0}, "ci must be"),
    ({"threshold": 2}, "threshold must be"), ({"threshold": "0.6"}, "threshold must be"),
])
def test_bad_options(bfi_n, kwargs, msg):
    with pytest.raises(SmmaError, match=msg):
        cronbach_alpha(bfi_n, **kwargs)


def test_moments_shape_mismatch():
    with pytest.raises(DataError, match="do not match 3 item names"):
        cronbach_alpha_from_moments(10, [1, 2], np.eye(2), ["a", "b", "c"])


def test_mirror_image_items_give_undefined_alpha_not_a_crash():
    # Two items with r = -1: the total is constant, so alpha and standardised
    # alpha (k * rbar / (1 + (k - 1) * rbar) with rbar = -1) are undefined.
    res = cronbach_alpha(pd.DataFrame({"a": [1, 2, 3], "b": [3, 2, 1]}))
    assert np.isnan(res.alpha_std)
    assert np.isnan(res.alpha)
