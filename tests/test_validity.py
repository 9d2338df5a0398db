"""Item validity and r table against R, PSPP and published r tables.

Data: ``validity_bfi_agreeableness101.csv`` holds the first 101 complete cases
of items A1-A5 of ``psych::bfi`` (A1 is reverse-keyed, so it fails), written
by ``write.csv(na.omit(bfi[, c("A1","A2","A3","A4","A5")])[1:101, ], ...)`` in
R 4.2.2 with psych 2.2.9. In R: ``d <- read.csv(<file>); T <- rowSums(d)``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.errors import DataError, SmmaError
from smma_stats.validity import (
    TABLE_COLUMNS,
    ValidityResult,
    item_moments,
    item_validity,
    item_validity_from_moments,
    r_table,
)

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def agree():
    return pd.read_csv(DATA / "validity_bfi_agreeableness101.csv")


# ------------------------------------------------------------------- r table

def test_r_table_conventions():
    # CONVENTIONS (checked): n = 101, df 99: two-tailed .1956, one-tailed .1646
    # R 4.2.2: t <- qt(1 - .05/2, 99); t / sqrt(99 + t^2) -> 0.195570414154937
    assert r_table(101) == pytest.approx(0.195570414154937, abs=1e-13)
    # R 4.2.2: t <- qt(1 - .05, 99); t / sqrt(99 + t^2) -> 0.164599488061822
    assert r_table(101, tails=1) == pytest.approx(0.164599488061822, abs=1e-13)
    assert round(r_table(101), 4) == 0.1956 and round(r_table(101, tails=1), 4) == 0.1646


def test_r_table_published_df28():
    # Published table of critical r (e.g. Fisher & Yates, Table VII), df = 28:
    # .05 two-tailed 0.361, .01 two-tailed 0.463
    assert round(r_table(30), 3) == 0.361
    assert round(r_table(30, alpha=0.01), 3) == 0.463
    # R 4.2.2: t <- qt(.975, 28); t / sqrt(28 + t^2) -> 0.361006907733233
    assert r_table(30) == pytest.approx(0.361006907733233, abs=1e-13)
    # R 4.2.2: t <- qt(.95, 28); t / sqrt(28 + t^2) -> 0.306056600619301
    assert r_table(30, tails=1) == pytest.approx(0.306056600619301, abs=1e-13)


def test_r_table_agrees_with_t_distribution():
    stats = pytest.importorskip("scipy.stats")
    for n in (3, 10, 57, 400):
        t = stats.t.ppf(0.975, n - 2)
        assert r_table(n) == pytest.approx(t / math.sqrt(n - 2 + t * t), rel=1e-12)


@pytest.mark.parametrize("args, msg", [
    ((2,), "at least 3"), ((30.5,), "at least 3"), ((True,), "at least 3"),
    ((30, 0.0), r"significance level \(sig_level\) must be"),
    ((30, 1.2), r"significance level \(sig_level\) must be"),
    ((30, 0.05, 3), "tails must be 1 or 2"),
])
def test_r_table_errors(args, msg):
    with pytest.raises(DataError, match=msg):
        r_table(*args)


# ----------------------------------------------------------- r with the total

# R 4.2.2: for each item i: cor(d[, i], T), cor(d[, i], T - d[, i]),
#          cor.test(d[, i], T)$p.value, cor.test(d[, i], T, alternative = "greater")$p.value,
#          cor.test(d[, i], T - d[, i])$p.value
R101 = {
    "A1": (0.185048187214908, -0.201589441509048, 0.0639401291880925, 0.0319700645940463,
           0.0432243776635929),
    "A2": (0.530553299180633, 0.268697860944467, 1.15199014284321e-08, 5.75995071421603e-09,
           0.00658918055276384),
    "A3": (0.728910906651149, 0.477361773716965, 5.56450523083191e-18, 2.78225261541596e-18,
           4.47923148873726e-07),
    "A4": (0.680805210649993, 0.346758964879164, 4.77562562328848e-15, 2.38781281164424e-15,
           0.000381743456388006),
    "A5": (0.676234152200426, 0.410632744415045, 8.49117141453747e-15, 4.24558570726874e-15,
           1.997795143562e-05),
}
# same on d[1:30, ]
R30 = {
    "A1": (0.293967699501026, -0.0726720804579386, 0.114846556585387, 0.0574232782926935,
           0.70273341374666),
    "A2": (0.415651632568355, 0.193871755355422, 0.0223513052131153, 0.0111756526065577,
           0.304637413578426),
    "A3": (0.733600299598476, 0.454188381068343, 3.98193919731289e-06, 1.99096959865644e-06,
           0.011693950212557),
    "A4": (0.665192716893803, 0.303193764502065, 6.05956608063297e-05, 3.02978304031649e-05,
           0.103377584732126),
    "A5": (0.661056128057369, 0.390510051476209, 6.987819082368e-05, 3.493909541184e-05,
           0.0328783708663147),
}


def _golden(table, col):
    return [table[i][col] for i in ("A1", "A2", "A3", "A4", "A5")]


@pytest.mark.parametrize("n, gold", [(101, R101), (30, R30)])
def test_r_and_p_match_r(agree, n, gold):
    res = item_validity(agree.head(n))
    t = res.table
    assert list(t.columns) == list(TABLE_COLUMNS)
    assert list(t["item"]) == ["A1", "A2", "A3", "A4", "A5"]
    np.testing.assert_allclose(t["r"], _golden(gold, 0), atol=1e-13)
    np.testing.assert_allclose(t["r_corrected"], _golden(gold, 1), atol=1e-13)
    np.testing.assert_allclose(t["p_value"], _golden(gold, 2), rtol=1e-9, atol=1e-15)
    one = item_validity(agree.head(n), tails=1)
    np.testing.assert_allclose(one.table["p_value"], _golden(gold, 3), rtol=1e-9, atol=1e-15)
    corr = item_validity(agree.head(n), judge="r_corrected")
    np.testing.assert_allclose(corr.table["p_value"], _golden(gold, 4), rtol=1e-9, atol=1e-15)


def test_decisions_n101(agree):
    res = item_validity(agree)
    assert (res.n, res.n_items, res.n_excluded) == (101, 5, 0)
    assert res.r_table == pytest.approx(0.195570414154937, abs=1e-13)
    assert (res.table["r_table"] == res.r_table).all()
    # A1: r .185 < r table .1956
    assert list(res.table["valid"]) == [False, True, True, True, True]
    assert (res.n_valid, res.all_valid) == (4, False)
    # one-tailed: A1's .185 exceeds .1646
    one = item_validity(agree, tails=1)
    assert list(one.table["valid"]) == [True] * 5 and one.all_valid
    # corrected r of A1 is negative: never valid
    corr = item_validity(agree, judge="r_corrected", tails=1)
    assert list(corr.table["valid"]) == [False, True, True, True, True]


def test_decisions_n30(agree):
    res = item_validity(agree.head(30))
    # r table .361: A1 .294 fails, A2 .416 passes
    assert list(res.table["valid"]) == [False, True, True, True, True]
    corr = item_validity(agree.head(30), judge="r_corrected")
    # corrected: A2 .194 and A4 .303 fall below .361
    assert list(corr.table["valid"]) == [False, False, True, False, True]


def test_matches_pspp_correlations(agree):
    # PSPP 1.6.2: COMPUTE total = SUM(A1 TO A5).
    #   CORRELATIONS /VARIABLES = A1 A2 A3 A4 A5 WITH total /PRINT=TWOTAIL.
    # printed r .185 .531 .729 .681 .676, Sig. (2-tailed) .064 .000 .000 .000 .000, N 101
    res = item_validity(agree)
    assert [f"{r:.3f}" for r in res.table["r"]] == ["0.185", "0.531", "0.729", "0.681", "0.676"]
    assert [f"{p:.3f}" for p in res.table["p_value"]] == ["0.064"] + ["0.000"] * 4
    # PSPP 1.6.2: COMPUTE restA1 = total - A1.
    #   CORRELATIONS /VARIABLES = A1 WITH restA1 /PRINT=ONETAIL.
    # printed r -.202, Sig. (1-tailed) .022 (.spv cell value 0.0216122): SPSS's
    # one-tailed Sig. is half the two-tailed one whatever the sign of r
    one = item_validity(agree, judge="r_corrected", tails=1).table.iloc[0]
    assert one["r_corrected"] == pytest.approx(-0.201589, abs=5e-7)
    # R 4.2.2: cor.test(d$A1, T - d$A1, alternative = "less")$p.value
    assert one["p_value"] == pytest.approx(0.0216121888317964, rel=1e-9)
    assert not one["valid"]


def test_cross_check_scipy_pearsonr(agree):
    stats = pytest.importorskip("scipy.stats")
    total = agree.sum(axis=1)
    res = item_validity(agree).table.set_index("item")
    for item in agree.columns:
        ref = stats.pearsonr(agree[item], total)
        assert res.loc[item, "r"] == pytest.approx(ref.statistic, abs=1e-13)
        assert res.loc[item, "p_value"] == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-15)


# ------------------------------------------------------------ edge cases

def test_listwise_deletion(agree):
    d = agree.astype(float)
    d.iloc[[4, 50], 1] = np.nan
    d.iloc[[50, 77], 3] = np.nan
    res = item_validity(d)
    assert (res.n, res.n_excluded) == (98, 3)
    ref = item_validity(d.dropna())
    pd.testing.assert_frame_equal(res.table, ref.table)
    assert ref.r_table == pytest.approx(r_table(98))


def test_zero_variance_item(agree):
    d = agree.head(30).assign(K=4)
    res = item_validity(d)
    k = res.table.set_index("item").loc["K"]
    assert math.isnan(k["r"]) and math.isnan(k["r_corrected"]) and math.isnan(k["p_value"])
    assert not k["valid"]
    # the constant adds nothing to the total: other items' r are unchanged
    ref = item_validity(agree.head(30))
    np.testing.assert_allclose(res.table["r"].iloc[:5], ref.table["r"], atol=1e-13)
    assert res.n_valid == ref.n_valid


def test_all_items_constant():
    d = pd.DataFrame({"x": [3.1] * 5, "y": [2.0] * 5})
    res = item_validity(d)
    assert res.table[["r", "r_corrected", "p_value"]].isna().all().all()
    assert res.n_valid == 0
    json.dumps(res.to_dict(), allow_nan=False)


def test_constant_rest_score():
    # x2 = 6 - x1, so the other items' total for x3 is constant
    x1 = np.array([1, 2, 3, 4, 5, 2, 3])
    d = pd.DataFrame({"x1": x1, "x2": 6 - x1, "x3": [2, 4, 3, 5, 1, 3, 4]})
    res = item_validity(d).table.set_index("item")
    assert math.isnan(res.loc["x3", "r_corrected"])
    assert res.loc["x3", "r"] == pytest.approx(1.0)


def test_perfect_correlation_has_zero_p():
    d = pd.DataFrame({"x": [1, 2, 3, 4, 5], "y": [1, 2, 3, 4, 5]})
    res = item_validity(d, judge="r_corrected")
    assert (res.table["r_corrected"] == 1.0).all()
    assert (res.table["p_value"] == 0.0).all() and res.all_valid


def test_from_moments_equals_direct(agree):
    m = item_moments(agree)
    res = item_validity_from_moments(m.n, m.mean, m.cov, m.names, tails=1, judge="r_corrected")
    ref = item_validity(agree, tails=1, judge="r_corrected")
    pd.testing.assert_frame_equal(res.table, ref.table)
    assert res.to_dict() == ref.to_dict()


# ------------------------------------------------------------ output and errors

def test_result_is_frozen_and_renders(agree):
    res = item_validity(agree)
    assert isinstance(res, ValidityResult)
    with pytest.raises(AttributeError):
        res.n = 5
    out = json.loads(json.dumps(res.to_dict()))
    assert out["table"][0] == {"item": "A1", "r": pytest.approx(0.185048187214908),
                               "r_corrected": pytest.approx(-0.201589441509048),
                               "p_value": pytest.approx(0.0639401291880925),
                               "r_table": pytest.approx(0.195570414154937), "valid": False}
    assert "< .001" in res.summary() and "judge: r" in res.summary()
    assert "<table>" in res._repr_html_()


def test_unknown_judge(agree):
    with pytest.raises(SmmaError, match=r"judge must be 'r' .* or 'r_corrected'.*got 'pearson'"):
        item_validity(agree, judge="pearson")


@pytest.mark.parametrize("kwargs, msg", [
    ({"tails": 3}, "tails must be 1 or 2"), ({"alpha": 5}, r"significance level \(sig_level\) must be"),
    ({"alpha": "0.05"}, r"significance level \(sig_level\) must be"),
])
def test_bad_options(agree, kwargs, msg):
    with pytest.raises(DataError, match=msg):
        item_validity(agree, **kwargs)


def test_too_few_respondents():
    d = pd.DataFrame({"x": [1, 2, 3, np.nan], "y": [2, 3, np.nan, 1]})
    with pytest.raises(DataError, match=r"at least 3 respondents.*got 2.*2 dropped"):
        item_validity(d)


def test_too_few_items(agree):
    with pytest.raises(DataError, match="at least 2 items are needed, got 1"):
        item_validity(agree[["A1"]])


def test_non_numeric_column(agree):
    with pytest.raises(DataError, match="not numeric: name"):
        item_validity(agree.assign(name="x"))


def test_empty_frame():
    with pytest.raises(DataError, match="no item columns"):
        item_validity(pd.DataFrame())
