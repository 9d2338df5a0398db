"""Classical assumption tests against R, PSPP, statsmodels and hand counts.

Data in ``tests/data``:

- ``assumptions_survey.csv``: 100 simulated respondents, Likert sum scores
  x1 (4 items), x2 (4 items), x3 (3 items) and y (4 items).
- ``regression_mtcars.csv``: R ``mtcars[, c("mpg", "wt", "hp")]``.

R goldens: R 4.2.2 with lmtest 0.9, tseries; PSPP goldens: GNU PSPP 1.6.2,
which prints two or three decimals. PSPP 1.6.2 has no
``MEANS /STATISTICS=LINEARITY``, so linearity is checked against R's
sequential ANOVA of ``y ~ x + factor(x)``, which has the same rows.
"""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import smma_stats
from smma_stats.assumptions import (
    AssumptionTestResult,
    LinearityResult,
    RunsTestResult,
    breusch_pagan_test,
    durbin_watson,
    durbin_watson_bounds,
    durbin_watson_decision,
    glejser_test,
    linearity_test,
    runs_test,
    white_test,
)
from smma_stats.durbin_watson import EXACT_MAX_N
from smma_stats.errors import DataError, ModelError
from smma_stats.regression import regress

DATA = Path(__file__).parent / "data"
X3 = ["x1", "x2", "x3"]


@pytest.fixture(scope="module")
def survey():
    return pd.read_csv(DATA / "assumptions_survey.csv")


@pytest.fixture(scope="module")
def mtcars():
    return pd.read_csv(DATA / "regression_mtcars.csv")


@pytest.fixture(scope="module")
def survey_resid(survey):
    return regress(survey, "y", X3).residuals


# ------------------------------------------------------------------ Glejser

def test_glejser_mtcars_matches_r(mtcars):
    # R 4.2.2: m <- lm(mpg ~ wt + hp, data = mtcars)
    #          g <- summary(lm(abs(resid(m)) ~ wt + hp, data = mtcars)); coef(g)
    res = glejser_test(mtcars, "mpg", ["wt", "hp"])
    t = res.table
    assert list(t.columns) == ["term", "b", "se", "t", "p_value"]
    assert list(t["term"]) == ["(Constant)", "wt", "hp"]
    np.testing.assert_allclose(t["b"], [2.56780156902254, -0.0954096953443368,
                                        -0.00244984046618777], rtol=1e-11)
    np.testing.assert_allclose(t["se"], [1.00819588550835, 0.39900192520443,
                                         0.0056941375424557], rtol=1e-11)
    np.testing.assert_allclose(t["t"], [2.54692724492504, -0.239120889693585,
                                        -0.430239074472941], rtol=1e-10)
    np.testing.assert_allclose(t["p_value"], [0.0164346579589853, 0.812693736256964,
                                              0.670202247433212], rtol=1e-9)
    # g$fstatistic and its p-value
    assert res.statistic == pytest.approx(0.333739503521287, rel=1e-10)
    assert (res.df, res.df2) == (2, 29)
    assert res.p_value == pytest.approx(0.718954879351684, rel=1e-9)
    assert res.passed is True       # the constant's p = .016 does not count
    assert res.name == "Glejser" and res.n == 32


@pytest.mark.slow
def test_glejser_survey_matches_r_and_statsmodels(survey, survey_resid):
    # R: g <- summary(lm(abs(resid(m)) ~ x1 + x2 + x3, data = d)) with
    #    m <- lm(y ~ x1 + x2 + x3, data = d)
    res = glejser_test(survey, "y", X3)
    np.testing.assert_allclose(res.table["b"], [2.93739390921236, -0.0625255241322702,
                                                0.0886037541978009, -0.108421478899798],
                               rtol=1e-10)
    np.testing.assert_allclose(res.table["p_value"], [0.000295531000323033, 0.217183765626751,
                                                      0.108158191993631, 0.0886621966398067],
                               rtol=1e-9)
    assert res.passed is True
    sm = pytest.importorskip("statsmodels.api")
    fit = sm.OLS(np.abs(survey_resid), sm.add_constant(survey[X3])).fit()
    np.testing.assert_allclose(res.table["se"], fit.bse, rtol=1e-10)
    np.testing.assert_allclose(res.table["t"], fit.tvalues, rtol=1e-10)
    assert res.statistic == pytest.approx(fit.fvalue, rel=1e-10)


def test_glejser_flags_heteroscedasticity():
    # spread of y grows with x: |e| rises with x
    rng = np.random.default_rng(3)
    x = np.repeat(np.arange(1.0, 11.0), 10)
    d = pd.DataFrame({"x": x, "y": 2 + x + rng.normal(size=x.size) * x})
    res = glejser_test(d, "y", "x")
    assert res.table["p_value"].iloc[1] < 0.001
    assert res.passed is False


# ------------------------------------------------------- Breusch-Pagan, White

def test_breusch_pagan_mtcars_matches_lmtest(mtcars):
    # R: lmtest::bptest(m) (Koenker, studentize = TRUE)
    res = breusch_pagan_test(mtcars, "mpg", ["wt", "hp"])
    assert res.statistic == pytest.approx(0.880722470178814, rel=1e-10)
    assert res.df == 2
    assert res.p_value == pytest.approx(0.643803814544341, rel=1e-10)
    assert res.passed is True
    # R: lmtest::bptest(m, studentize = FALSE)
    orig = breusch_pagan_test(mtcars, "mpg", ["wt", "hp"], koenker=False)
    assert orig.statistic == pytest.approx(1.02676592394279, rel=1e-10)
    assert orig.p_value == pytest.approx(0.59846755739894, rel=1e-10)
    assert orig.name == "Breusch-Pagan"


def test_breusch_pagan_survey_matches_statsmodels(survey, survey_resid):
    sm = pytest.importorskip("statsmodels.api")
    from statsmodels.stats.diagnostic import het_breuschpagan
    exog = sm.add_constant(survey[X3])
    res = breusch_pagan_test(survey, "y", X3)
    lm, lm_p, f, f_p = het_breuschpagan(survey_resid, exog)      # robust=True default
    # R: lmtest::bptest(lm(y ~ x1 + x2 + x3, data = d)) -> BP = 5.7732042612584, p .123181
    assert res.statistic == pytest.approx(5.7732042612584, rel=1e-10)
    assert res.statistic == pytest.approx(lm, rel=1e-10)
    assert res.p_value == pytest.approx(lm_p, rel=1e-10)
    assert res.f == pytest.approx(f, rel=1e-10)
    assert res.f_p_value == pytest.approx(f_p, rel=1e-10)
    orig = breusch_pagan_test(survey, "y", X3, koenker=False)
    lm, lm_p, _, _ = het_breuschpagan(survey_resid, exog, robust=False)
    assert orig.statistic == pytest.approx(lm, rel=1e-10)
    assert orig.p_value == pytest.approx(lm_p, rel=1e-10)


def test_white_matches_lmtest_and_statsmodels(mtcars, survey, survey_resid):
    # R: lmtest::bptest(m, ~ wt * hp + I(wt^2) + I(hp^2), data = mtcars)
    res = white_test(mtcars, "mpg", ["wt", "hp"])
    assert res.statistic == pytest.approx(6.54308630211043, rel=1e-10)
    assert res.df == 5
    assert res.p_value == pytest.approx(0.256898130020376, rel=1e-10)
    # R: bptest(m, ~ (x1 + x2 + x3)^2 + I(x1^2) + I(x2^2) + I(x3^2), data = d)
    res = white_test(survey, "y", X3)
    assert res.statistic == pytest.approx(11.2141102323739, rel=1e-10)
    assert res.df == 9
    assert res.p_value == pytest.approx(0.261317873653357, rel=1e-10)
    sm = pytest.importorskip("statsmodels.api")
    from statsmodels.stats.diagnostic import het_white
    lm, lm_p, f, f_p = het_white(survey_resid, sm.add_constant(survey[X3]))
    assert res.statistic == pytest.approx(lm, rel=1e-10)
    assert res.p_value == pytest.approx(lm_p, rel=1e-10)
    assert res.f == pytest.approx(f, rel=1e-10)
    assert res.f_p_value == pytest.approx(f_p, rel=1e-10)


def test_white_drops_square_of_a_dummy():
    rng = np.random.default_rng(5)
    d = pd.DataFrame({"x": rng.normal(size=40), "g": np.tile([0.0, 1.0], 20)})
    d["y"] = d["x"] + d["g"] + rng.normal(size=40)
    res = white_test(d, "y", ["x", "g"])
    assert res.df == 4           # x, g, x^2, x*g; g^2 == g is left out
    d["s"] = np.tile([-1.0, 1.0], 20)
    assert white_test(d, "y", ["x", "s"]).df == 4   # s^2 == 1 is left out


def test_heteroscedasticity_errors(survey):
    exact = pd.DataFrame({"y": [1.0, 2, 3, 4, 5], "x": [1.0, 2, 3, 4, 5]})
    for test in (glejser_test, breusch_pagan_test, white_test):
        with pytest.raises(DataError, match="fits every case exactly"):
            test(exact, "y", "x")
        with pytest.raises(ModelError, match="'nope'"):
            test(survey, "y", ["x1", "nope"])
        with pytest.raises(DataError, match="sig_level"):
            test(survey, "y", X3, alpha=0)


# --------------------------------------------------------------- linearity

def test_linearity_matches_r_anova(survey):
    # R 4.2.2: anova(lm(y ~ x1 + factor(x1), data = d)) -- rows x1 (Linearity),
    # factor(x1) (Deviation from Linearity), Residuals (Within Groups);
    # summary(aov(y ~ factor(x1), data = d)) -- Between Groups
    res = linearity_test(survey, "y", "x1")
    t = res.table
    assert list(t.columns) == ["source", "ss", "df", "ms", "f", "p_value"]
    assert list(t["source"]) == ["Between Groups", "Linearity", "Deviation from Linearity",
                                 "Within Groups", "Total"]
    np.testing.assert_allclose(t["ss"], [653.595054945055, 492.163312967166, 161.431741977889,
                                         781.154945054946, 1434.75], rtol=1e-11)
    assert list(t["df"]) == [14, 1, 13, 85, 99]
    np.testing.assert_allclose(t["ms"].iloc[:4], [46.6853610675039, 492.163312967166,
                                                  12.417826305991, 9.19005817711701],
                               rtol=1e-11)
    np.testing.assert_allclose(t["f"].iloc[:3], [5.07998536763882, 53.553884369594,
                                                 1.35122390594996], rtol=1e-10)
    np.testing.assert_allclose(t["p_value"].iloc[:3], [8.36214183860775e-07,
                                                       1.30700765809979e-10,
                                                       0.200662260930751], rtol=1e-8)
    assert t[["f", "p_value"]].iloc[3:].isna().all().all()
    assert (res.statistic, res.p_value) == (t["f"].iloc[2], t["p_value"].iloc[2])
    assert (res.df, res.df2, res.groups, res.n) == (13, 85, 15, 100)
    assert res.passed is True
    # R: cor(d$x1, d$y)
    assert res.r == pytest.approx(0.58568823724816, rel=1e-12)
    assert res.r2 == pytest.approx(0.58568823724816 ** 2, rel=1e-12)
    assert res.eta2 == pytest.approx(653.595054945055 / 1434.75, rel=1e-12)
    assert res.eta == pytest.approx(math.sqrt(653.595054945055 / 1434.75), rel=1e-12)
    assert res.linearity_f == pytest.approx(53.553884369594, rel=1e-10)


def test_linearity_deviation_equals_statsmodels_model_comparison(survey):
    smf = pytest.importorskip("statsmodels.formula.api")
    from statsmodels.stats.anova import anova_lm
    cmp = anova_lm(smf.ols("y ~ x2", survey).fit(), smf.ols("y ~ C(x2)", survey).fit())
    res = linearity_test(survey, "y", "x2")
    assert res.statistic == pytest.approx(cmp["F"].iloc[1], rel=1e-10)
    assert res.p_value == pytest.approx(cmp["Pr(>F)"].iloc[1], rel=1e-10)
    assert res.df == cmp["df_diff"].iloc[1]


def test_linearity_detects_a_curve():
    x = np.repeat(np.arange(1.0, 8.0), 6)
    wiggle = np.tile([-0.2, 0.1, 0.0, 0.2, -0.1, 0.0], 7)
    d = pd.DataFrame({"x": x, "y": (x - 4.0) ** 2 + x + wiggle})
    res = linearity_test(d, "y", "x")
    assert res.p_value < 0.001 and res.passed is False


def test_linearity_drops_missing_and_checks_input(survey):
    d = survey.copy()
    d.loc[[0, 5], "x1"] = np.nan
    assert linearity_test(d, "y", "x1").n == 98
    with pytest.raises(DataError, match="at least 3"):
        linearity_test(pd.DataFrame({"y": [1.0, 2, 3, 4], "x": [1, 1, 2, 2]}), "y", "x")
    with pytest.raises(DataError, match="occurs once"):
        linearity_test(pd.DataFrame({"y": [1.0, 3, 2], "x": [1, 2, 3]}), "y", "x")
    with pytest.raises(DataError, match="constant"):
        linearity_test(survey.assign(y=3), "y", "x1")
    with pytest.raises(DataError, match="one predictor"):
        linearity_test(survey, "y", ["x1", "x2"])
    with pytest.raises(ModelError, match="'zz'"):
        linearity_test(survey, "y", "zz")


# ---------------------------------------------------------------- runs test

def test_runs_hand_count():
    # median of the ten values is 0; at-or-above (+) / below (-):
    # + - - + + - + - + -  ->  8 runs, n1 = n2 = 5
    v = [1.2, -0.5, -0.8, 0.3, 0.9, -1.1, 0.2, -0.4, 0.6, -0.2]
    mu = 2 * 5 * 5 / 10 + 1                                       # 6
    sigma = math.sqrt(2 * 5 * 5 * (2 * 5 * 5 - 10) / (10 ** 2 * 9))  # sqrt(2000 / 900)
    plain = runs_test(v, correction=False)
    assert (plain.runs, plain.n_below, plain.n_above, plain.n) == (8, 5, 5, 10)
    assert plain.cutoff == 0.0
    assert plain.expected_runs == pytest.approx(mu)
    assert plain.sd_runs == pytest.approx(sigma)
    assert plain.statistic == pytest.approx((8 - mu) / sigma, rel=1e-12)
    # n < 50: SPSS/PSPP subtract 0.5 from |R - mu|
    spss = runs_test(v)
    assert spss.corrected is True
    assert spss.statistic == pytest.approx((8 - mu - 0.5) / sigma, rel=1e-12)
    from scipy.stats import norm
    assert spss.p_value == pytest.approx(2 * norm.sf(spss.statistic), rel=1e-12)


def test_runs_survey_residuals_match_tseries_and_pspp(survey_resid):
    # R: e <- resid(lm(y ~ x1 + x2 + x3, data = d))
    #    tseries::runs.test(factor(e >= median(e))) -> -1.00508909139073, p 0.314853952337756
    # PSPP 1.6.2 NPAR TESTS /RUNS(MEDIAN) = res: test value .08, 50 / 50 cases,
    #    46 runs, Z -1.01, Asymp. Sig. .315 (n >= 50: no correction)
    res = runs_test(survey_resid)
    assert res.corrected is False
    assert res.cutoff == pytest.approx(0.081276885781805, rel=1e-10)
    assert (res.n_below, res.n_above, res.n, res.runs) == (50, 50, 100, 46)
    assert res.statistic == pytest.approx(-1.00508909139073, rel=1e-12)
    assert res.p_value == pytest.approx(0.314853952337756, rel=1e-10)
    assert res.passed is True
    # PSPP: /RUNS(MEAN) = res -> 49 / 51, 48 runs, Z -.60, Sig. .549
    mean = runs_test(survey_resid, cutoff="mean")
    assert (mean.n_below, mean.n_above, mean.runs) == (49, 51, 48)
    assert round(mean.statistic, 2) == -0.60 and round(mean.p_value, 3) == 0.549
    # PSPP: /RUNS(0) = res gives the same split as the mean (which is ~1e-15)
    assert runs_test(survey_resid, cutoff=0).runs == 48


def test_runs_small_sample_matches_pspp_and_statsmodels(survey, survey_resid):
    # PSPP 1.6.2 on the first 30 cases: NPAR TESTS /RUNS(MEDIAN) = res y.
    # res: test value -.30, 15 / 15, 18 runs, Z .56, Sig. .577
    res = runs_test(survey_resid[:30])
    assert (res.n_below, res.n_above, res.runs) == (15, 15, 18)
    assert round(res.cutoff, 2) == -0.30
    assert round(res.statistic, 2) == 0.56 and round(res.p_value, 3) == 0.577
    # y: test value 13.00, 13 < 13, 17 >= 13 (ties go above), 18 runs, Z .67, Sig. .504
    y30 = survey["y"].to_numpy()[:30]
    ry = runs_test(y30)
    assert (ry.cutoff, ry.n_below, ry.n_above, ry.runs) == (13.0, 13, 17, 18)
    assert round(ry.statistic, 2) == 0.67 and round(ry.p_value, 3) == 0.504
    runs_mod = pytest.importorskip("statsmodels.sandbox.stats.runs")
    z, p = runs_mod.runstest_1samp(y30, cutoff="median", correction=True)
    assert ry.statistic == pytest.approx(z, rel=1e-12)
    assert ry.p_value == pytest.approx(p, rel=1e-12)


def test_runs_errors():
    with pytest.raises(DataError, match="one side"):
        runs_test([1.0, 2.0, 3.0], cutoff=0.5)
    with pytest.raises(DataError, match="missing"):
        runs_test([1.0, np.nan, 3.0])
    with pytest.raises(DataError, match="cutoff"):
        runs_test([1.0, 2.0, 3.0], cutoff="mode")
    with pytest.raises(DataError, match="at least 2"):
        runs_test([1.0])


# ------------------------------------------------------------ Durbin-Watson

def test_durbin_watson_matches_statsmodels(survey_resid):
    from statsmodels.stats.stattools import durbin_watson as sm_dw
    # R: lmtest::dwtest(lm(y ~ x1 + x2 + x3, data = d))$statistic
    assert durbin_watson(survey_resid) == pytest.approx(1.78055841324711, rel=1e-12)
    assert durbin_watson(survey_resid) == pytest.approx(sm_dw(survey_resid), rel=1e-13)
    assert durbin_watson([1.0, -1.0, 1.0, -1.0]) == 3.0
    assert math.isnan(durbin_watson([0.0, 0.0, 0.0]))


@pytest.mark.parametrize("n, k, alpha, lower, upper", [
    # R 4.2.2 lmtest's Pan algorithm (iterations = 200) on the same eigenvalues:
    # .Fortran("pan", c(d, nu), ...), root of P(d) = alpha by uniroot(tol = 1e-13)
    (6, 1, 0.05, 0.6101817655, 1.4001448548),
    (20, 1, 0.05, 1.2014981453, 1.4107280147),
    (50, 2, 0.05, 1.4624542003, 1.6283288076),
    (15, 5, 0.05, 0.5619652648, 2.2198127323),
    (32, 2, 0.05, 1.3093198661, 1.5735808980),
    (50, 2, 0.01, 1.2852395493, 1.4457471544),
])
def test_bounds_match_pan_algorithm(n, k, alpha, lower, upper):
    dl, du = durbin_watson_bounds(n, k, alpha)
    assert dl == pytest.approx(lower, abs=2e-10)
    assert du == pytest.approx(upper, abs=2e-10)


def test_bounds_where_pan_drifts():
    # n = 100, k' = 3, alpha = .10: Pan gives dL 1.6838156625, where an Imhof
    # integral in mpmath (30 digits) gives P(d_L < c) = 0.0999998129 (too low);
    # at 1.6838158711 mpmath gives 0.1000000000129.
    dl, du = durbin_watson_bounds(100, 3, 0.10)
    assert dl == pytest.approx(1.6838158711, abs=1e-9)
    assert du == pytest.approx(1.8080192704, abs=1e-6)


@pytest.mark.parametrize("n, k, lower, upper", [
    # Savin & White (1977) / Durbin & Watson tables, 5 %, k' predictors without intercept
    (6, 1, 0.610, 1.400), (10, 1, 0.879, 1.320), (15, 1, 1.077, 1.361),
    (20, 1, 1.201, 1.411), (30, 1, 1.352, 1.489), (40, 1, 1.442, 1.544),
    (50, 2, 1.462, 1.628), (100, 1, 1.654, 1.694),
])
def test_bounds_match_printed_tables(n, k, lower, upper):
    dl, du = durbin_watson_bounds(n, k)
    assert round(dl, 3) == lower
    assert round(du, 3) == upper


def test_bounds_conventions_number():
    # CONVENTIONS: n = 50, 2 predictors: dL 1.46246, dU 1.62833. The exact dL is
    # 1.4624542 (lmtest's Pan agrees), which rounds to 1.46245.
    dl, du = durbin_watson_bounds(50, 2)
    assert abs(dl - 1.46246) < 1e-5
    assert round(du, 5) == 1.62833


def test_bounds_large_n_use_beta_approximation():
    exact = durbin_watson_bounds(EXACT_MAX_N, 3)
    approx = durbin_watson_bounds(EXACT_MAX_N + 1, 3)
    np.testing.assert_allclose(approx, exact, atol=1e-4)
    dl, du = durbin_watson_bounds(10_000_000, 5)
    assert 1.998 < dl < du < 2.0


def test_bounds_input_checks():
    with pytest.raises(DataError, match="at least 1"):
        durbin_watson_bounds(20, 0)
    with pytest.raises(DataError, match="n >= k \\+ 2"):
        durbin_watson_bounds(4, 3)
    with pytest.raises(DataError, match="sig_level"):
        durbin_watson_bounds(20, 1, alpha=1.0)
    with pytest.raises(DataError, match="whole number"):
        durbin_watson_bounds(20.5, 1)


@pytest.mark.parametrize("d, code", [
    # dL = 1.5, dU = 1.75, so 4 - dU = 2.25 and 4 - dL = 2.5 (exact in binary)
    (1.2, "positive"), (1.4999, "positive"), (1.5, "inconclusive"), (1.6, "inconclusive"),
    (1.75, "inconclusive"), (1.7501, "none"), (2.0, "none"), (2.2499, "none"),
    (2.25, "inconclusive"), (2.4, "inconclusive"), (2.5, "inconclusive"),
    (2.5001, "negative"), (3.9, "negative"), (math.nan, ""),
])
def test_ghozali_decision_rule(d, code):
    assert durbin_watson_decision(d, 1.5, 1.75) == code


# ------------------------------------------------------------ result objects

def test_results_are_frozen_and_render(survey, survey_resid):
    results = [glejser_test(survey, "y", X3), breusch_pagan_test(survey, "y", X3),
               linearity_test(survey, "y", "x1"), runs_test(survey_resid)]
    types = [AssumptionTestResult, AssumptionTestResult, LinearityResult, RunsTestResult]
    for res, cls in zip(results, types):
        assert isinstance(res, cls)
        with pytest.raises(dataclasses.FrozenInstanceError):
            res.passed = False
        json.dumps(res.to_dict())
        assert res.summary().startswith(res._title)
    assert "p_value" in results[0].to_dict()["table"][0]
    assert results[1].to_dict()["table"] is None


def test_package_exports():
    assert smma_stats.glejser_test is glejser_test
    assert smma_stats.durbin_watson_bounds is durbin_watson_bounds
    assert smma_stats.LinearityResult is LinearityResult
