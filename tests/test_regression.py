"""OLS regression against NIST StRD certified values, R and statsmodels.

Data in ``tests/data``:

- ``regression_longley_nist.csv``: the NIST StRD ``Longley.dat`` data
  (y = total employment, x1..x6), identical to ``statsmodels.datasets.longley``
  and to R's ``datasets::longley`` rescaled (GNP and Population x 1000,
  Unemployed and Armed.Forces x 10, Employed x 1000).
- ``regression_cars.csv``: R ``write.csv(cars, row.names = FALSE)``.
- ``regression_mtcars.csv``: R ``write.csv(mtcars[, c("mpg", "wt", "hp")])``,
  first column renamed ``model``.

R goldens: R 4.2.2 with lmtest, sandwich and car.
"""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats.durbin_watson import durbin_watson_bounds
from smma_stats.errors import DataError, ModelError, SmmaError
from smma_stats.regression import (
    CONSTANT,
    RegressionResult,
    regress,
    regress_from_moments,
)

DATA = Path(__file__).parent / "data"
LONGLEY_X = ["x1", "x2", "x3", "x4", "x5", "x6"]
COEF_COLUMNS = ["term", "b", "se", "beta", "t", "p_value", "conf_low", "conf_high",
                "tolerance", "vif"]


def moments(frame: pd.DataFrame, cols):
    m = frame[cols].to_numpy(dtype=float)
    mean = m.mean(axis=0)
    c = m - mean
    return mean, c.T @ c


@pytest.fixture(scope="module")
def longley():
    return pd.read_csv(DATA / "regression_longley_nist.csv")


@pytest.fixture(scope="module")
def cars():
    return pd.read_csv(DATA / "regression_cars.csv")


@pytest.fixture(scope="module")
def mtcars():
    return pd.read_csv(DATA / "regression_mtcars.csv")


@pytest.fixture(scope="module")
def mt(mtcars):
    return regress(mtcars, "mpg", ["wt", "hp"], robust=True)


# ----------------------------------------------------------- NIST StRD Longley
# NIST StRD Longley certified values (Statistical Reference Datasets, linear
# least squares, "Longley", higher level of difficulty).
CERT_B = [-3482258.63459582, 15.0618722713733, -0.358191792925910E-01,
          -2.02022980381683, -1.03322686717359, -0.511041056535807E-01,
          1829.15146461355]
CERT_SE = [890420.383607373, 84.9149257747669, 0.334910077722432E-01,
           0.488399681651699, 0.214274163161675, 0.226073200069370,
           455.478499142212]
CERT_RESID_SD = 304.854073561965
CERT_R2 = 0.995479004577296
CERT_SS_REG = 184172401.944494
CERT_SS_RES = 836424.055505915
CERT_F = 330.285339234588


def test_longley_certified_values(longley):
    res = regress(longley, "y", LONGLEY_X)
    coef = res.coefficients
    # at least 10 significant digits (measured: 13.6 or more)
    np.testing.assert_allclose(coef["b"], CERT_B, rtol=1e-10)
    np.testing.assert_allclose(coef["se"], CERT_SE, rtol=1e-10)
    assert res.se_estimate == pytest.approx(CERT_RESID_SD, rel=1e-10)
    assert res.r2 == pytest.approx(CERT_R2, rel=1e-12)
    assert res.ss_regression == pytest.approx(CERT_SS_REG, rel=1e-10)
    assert res.ss_residual == pytest.approx(CERT_SS_RES, rel=1e-10)
    assert res.f == pytest.approx(CERT_F, rel=1e-10)
    assert (res.n, res.k, res.df_regression, res.df_residual) == (16, 6, 6, 9)


def test_longley_from_moments(longley):
    mean, sscp = moments(longley, ["y", *LONGLEY_X])
    res = regress_from_moments(16, mean, sscp, "y", LONGLEY_X)
    # at least 10 significant digits through the cross-product route (measured: 11.9)
    np.testing.assert_allclose(res.coefficients["b"], CERT_B, rtol=1e-10)
    np.testing.assert_allclose(res.coefficients["se"], CERT_SE, rtol=1e-10)
    assert res.r2 == pytest.approx(CERT_R2, rel=1e-12)
    assert res.se_estimate == pytest.approx(CERT_RESID_SD, rel=1e-10)
    assert res.residuals.size == 0 and res.fitted.size == 0
    assert math.isnan(res.durbin_watson) and res.dw_decision == ""


# ------------------------------------------------------------------ R: cars

def test_cars_simple_regression(cars):
    # R 4.2.2: m <- lm(dist ~ speed, data = cars); s <- summary(m)
    res = regress(cars, "dist", "speed", robust=True)
    c = res.coefficients
    assert list(c["term"]) == [CONSTANT, "speed"]
    np.testing.assert_allclose(c["b"], [-17.5790948905109, 3.93240875912409], rtol=1e-12)
    np.testing.assert_allclose(c["se"], [6.75844016937923, 0.415512776657122], rtol=1e-12)
    np.testing.assert_allclose(c["t"], [-2.60105800302225, 9.46398999029837], rtol=1e-12)
    np.testing.assert_allclose(c["p_value"], [0.012318816153809, 1.48983649629509e-12],
                               rtol=1e-9)
    # confint(m)
    np.testing.assert_allclose(c["conf_low"], [-31.1678496023886, 3.09696432814032],
                               rtol=1e-12)
    np.testing.assert_allclose(c["conf_high"], [-3.99034017863321, 4.76785319010785],
                               rtol=1e-12)
    # coef(lm(scale(dist) ~ scale(speed), data = cars))[2]; with one predictor beta = r
    assert c["beta"].iloc[1] == pytest.approx(0.80689490068921, rel=1e-12)
    assert res.r == pytest.approx(0.80689490068921, rel=1e-12)
    assert res.r2 == pytest.approx(0.651079380758251, rel=1e-12)      # s$r.squared
    assert res.adj_r2 == pytest.approx(0.643810201190715, rel=1e-12)  # s$adj.r.squared
    assert res.se_estimate == pytest.approx(15.3795867488199, rel=1e-12)  # s$sigma
    assert res.f == pytest.approx(89.5671065364677, rel=1e-12)        # s$fstatistic
    assert res.f_p_value == pytest.approx(1.48983649629509e-12, rel=1e-9)
    assert res.durbin_watson == pytest.approx(1.6762253234351, rel=1e-12)  # lmtest::dwtest(m)
    # sqrt(diag(sandwich::vcovHC(m, type = "HC3")))
    np.testing.assert_allclose(c["se_hc3"], [5.93180331907459, 0.427537219172098], rtol=1e-10)
    # qt(0.975, 48), qt(0.95, 48) is not printed; qf(0.95, 1, 48)
    assert res.t_critical == pytest.approx(2.01063475762423, rel=1e-12)
    assert res.f_critical == pytest.approx(4.04265212856665, rel=1e-12)
    # k = 1: tolerance and VIF are 1
    assert c["vif"].iloc[1] == pytest.approx(1.0)
    assert c["tolerance"].iloc[1] == pytest.approx(1.0)


# ---------------------------------------------------------------- R: mtcars

def test_mtcars_coefficients(mt):
    # R 4.2.2: m <- lm(mpg ~ wt + hp, data = mtcars); coef(summary(m))
    c = mt.coefficients
    assert list(c.columns) == COEF_COLUMNS + ["se_hc3", "t_hc3", "p_value_hc3"]
    assert list(c["term"]) == [CONSTANT, "wt", "hp"]
    np.testing.assert_allclose(c["b"], [37.2272701164472, -3.87783074240468,
                                        -0.031772946982161], rtol=1e-12)
    np.testing.assert_allclose(c["se"], [1.59878753799939, 0.632733494377395,
                                         0.00902970967585572], rtol=1e-12)
    np.testing.assert_allclose(c["t"], [23.2846886979309, -6.12869521981041,
                                        -3.51871191020878], rtol=1e-12)
    np.testing.assert_allclose(c["p_value"], [2.56545851198376e-20, 1.11964713620004e-06,
                                              0.00145122853156942], rtol=1e-9)
    # confint(m)
    np.testing.assert_allclose(c["conf_low"], [33.9573824522585, -5.17191604067554,
                                               -0.0502407768710736], rtol=1e-12)
    np.testing.assert_allclose(c["conf_high"], [40.4971577806359, -2.58374544413383,
                                                -0.0133051170932484], rtol=1e-12)
    # coef(lm(scale(mpg) ~ scale(wt) + scale(hp), data = mtcars))[-1]
    assert math.isnan(c["beta"].iloc[0])
    np.testing.assert_allclose(c["beta"].iloc[1:], [-0.629554514120114, -0.361450665681605],
                               rtol=1e-12)
    # car::vif(m)
    np.testing.assert_allclose(c["vif"].iloc[1:], [1.76662457926828] * 2, rtol=1e-12)
    np.testing.assert_allclose(c["tolerance"].iloc[1:], [1 / 1.76662457926828] * 2, rtol=1e-12)
    assert math.isnan(c["vif"].iloc[0]) and math.isnan(c["tolerance"].iloc[0])


def test_mtcars_model_summary_and_anova(mt):
    # R 4.2.2: s <- summary(lm(mpg ~ wt + hp, data = mtcars))
    assert mt.r2 == pytest.approx(0.826785451882791, rel=1e-12)
    assert mt.adj_r2 == pytest.approx(0.814839620978156, rel=1e-12)
    assert mt.se_estimate == pytest.approx(2.59341177722657, rel=1e-12)
    assert mt.f == pytest.approx(69.2112133917776, rel=1e-12)
    assert mt.f_p_value == pytest.approx(9.10905438522209e-12, rel=1e-9)
    assert (mt.df_regression, mt.df_residual, mt.n) == (2, 29, 32)
    # anova(m)[, 2]: sequential SS wt, hp, Residuals
    ss_wt, ss_hp, ss_res = 847.725249956657, 83.2741828018771, 195.047754741466
    anova = mt.anova
    assert list(anova.columns) == ["source", "ss", "df", "ms", "f", "p_value"]
    assert list(anova["source"]) == ["Regression", "Residual", "Total"]
    np.testing.assert_allclose(anova["ss"], [ss_wt + ss_hp, ss_res, ss_wt + ss_hp + ss_res],
                               rtol=1e-12)
    assert list(anova["df"]) == [2, 29, 31]
    assert anova["ms"].iloc[1] == pytest.approx(ss_res / 29, rel=1e-12)
    assert anova["f"].iloc[0] == pytest.approx(mt.f)
    assert anova[["ms", "f", "p_value"]].iloc[2].isna().all()
    assert mt.r == pytest.approx(math.sqrt(0.826785451882791), rel=1e-12)
    # lmtest::dwtest(m)$statistic
    assert mt.durbin_watson == pytest.approx(1.36239927295101, rel=1e-12)


def test_mtcars_hc3_matches_r_and_statsmodels(mt, mtcars):
    # R: sqrt(diag(sandwich::vcovHC(m, type = "HC3")))
    np.testing.assert_allclose(mt.coefficients["se_hc3"],
                               [2.22980540343623, 0.768519050357818, 0.00938513790864755],
                               rtol=1e-10)
    sm = pytest.importorskip("statsmodels.api")
    fit = sm.OLS(mtcars["mpg"], sm.add_constant(mtcars[["wt", "hp"]])).fit(cov_type="HC3")
    np.testing.assert_allclose(mt.coefficients["se_hc3"], fit.bse, rtol=1e-10)
    np.testing.assert_allclose(mt.coefficients["t_hc3"], fit.tvalues, rtol=1e-10)
    # statsmodels uses the normal distribution for robust p-values; ours use t(df_resid)
    from scipy import stats
    p_t = 2 * stats.t.sf(np.abs(fit.tvalues), 29)
    np.testing.assert_allclose(mt.coefficients["p_value_hc3"], p_t, rtol=1e-9)


def test_coefficient_covariances_match_statsmodels(mtcars):
    """The classical and HC3 covariance matrices of (intercept, wt, hp).

    statsmodels: OLS(...).fit().cov_params() and .fit(cov_type="HC3").cov_params(),
    which equal R's vcov(m) and sandwich::vcovHC(m, type = "HC3").
    """
    sm = pytest.importorskip("statsmodels.api")
    res = regress(mtcars, "mpg", ["wt", "hp"], robust=True)
    X = sm.add_constant(mtcars[["wt", "hp"]])
    plain = sm.OLS(mtcars["mpg"], X).fit()
    np.testing.assert_allclose(res.covariance, plain.cov_params().to_numpy(), rtol=1e-10)
    hc3 = sm.OLS(mtcars["mpg"], X).fit(cov_type="HC3")
    np.testing.assert_allclose(res.covariance_hc3, hc3.cov_params().to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(np.sqrt(np.diag(res.covariance)), res.coefficients["se"],
                               rtol=1e-12)
    assert regress(mtcars, "mpg", ["wt", "hp"]).covariance_hc3 is None
    assert "covariance" not in res.to_dict()


def test_survey_matches_r_and_pspp():
    d = pd.read_csv(DATA / "assumptions_survey.csv")
    res = regress(d, "y", ["x1", "x2", "x3"])
    c = res.coefficients
    # R 4.2.2: coef(summary(lm(y ~ x1 + x2 + x3, data = d)))
    np.testing.assert_allclose(c["b"], [1.36534809731359, 0.339661521816491,
                                        0.397645902190701, 0.265311391198436], rtol=1e-12)
    np.testing.assert_allclose(c["se"], [1.37879289932456, 0.0887539072439205,
                                         0.096343272436963, 0.111153653329211], rtol=1e-12)
    np.testing.assert_allclose(c["p_value"], [0.324541859516963, 0.000230956702456682,
                                              7.81944771416974e-05, 0.018951613819954],
                               rtol=1e-9)
    assert res.r2 == pytest.approx(0.482915644080539, rel=1e-12)
    assert res.se_estimate == pytest.approx(2.77992577024596, rel=1e-12)
    # PSPP 1.6.2: REGRESSION /VARIABLES = x1 x2 x3 /DEPENDENT = y
    #             /STATISTICS = COEFF R ANOVA.
    # Model Summary R .69, R Square .48, Adjusted .47, Std. Error 2.78;
    # ANOVA 692.86 / 741.89 / 1434.75, df 3 / 96 / 99, F 29.89;
    # Coefficients t .99 3.83 4.13 2.39, Beta .34 .36 .19
    assert [round(v, 2) for v in (res.r, res.r2, res.adj_r2, res.se_estimate)] == \
        [0.69, 0.48, 0.47, 2.78]
    assert [round(v, 2) for v in res.anova["ss"]] == [692.86, 741.89, 1434.75]
    assert list(res.anova["df"]) == [3, 96, 99]
    assert round(res.f, 2) == 29.89
    assert [round(v, 2) for v in c["t"]] == [0.99, 3.83, 4.13, 2.39]
    assert [round(v, 2) for v in c["beta"].iloc[1:]] == [0.34, 0.36, 0.19]


def test_confidence_level_follows_alpha(mtcars):
    # R: confint(m, level = 0.90)
    res = regress(mtcars, "mpg", ["wt", "hp"], alpha=0.10)
    np.testing.assert_allclose(res.coefficients["conf_low"],
                               [34.5107270009475, -4.95292532329429, -0.0471155707341585],
                               rtol=1e-12)
    np.testing.assert_allclose(res.coefficients["conf_high"],
                               [39.9438132319469, -2.80273616151507, -0.0164303232301635],
                               rtol=1e-12)
    # R: qt(0.95, 29); qf(0.90, 2, 29)
    assert res.t_critical == pytest.approx(1.6991270265335, rel=1e-12)
    assert res.f_critical == pytest.approx(2.49548331423546, rel=1e-12)
    assert res.alpha == 0.10
    assert "se_hc3" not in res.coefficients.columns


def test_vif_matches_statsmodels(longley):
    sm = pytest.importorskip("statsmodels.api")
    from statsmodels.stats.outliers_influence import variance_inflation_factor
    res = regress(longley, "y", LONGLEY_X)
    exog = sm.add_constant(longley[LONGLEY_X]).to_numpy()
    expected = [variance_inflation_factor(exog, j) for j in range(1, 7)]
    np.testing.assert_allclose(res.coefficients["vif"].iloc[1:], expected, rtol=1e-7)


def test_contributions_sum_to_r2(mt, mtcars):
    con = mt.contributions
    assert list(con.columns) == ["term", "beta", "r_zero_order", "effective", "relative"]
    assert list(con["term"]) == ["wt", "hp"]
    # R: cor(mtcars$mpg, mtcars$wt), cor(mtcars$mpg, mtcars$hp)
    r_wt = np.corrcoef(mtcars["wt"], mtcars["mpg"])[0, 1]
    r_hp = np.corrcoef(mtcars["hp"], mtcars["mpg"])[0, 1]
    np.testing.assert_allclose(con["r_zero_order"], [r_wt, r_hp], rtol=1e-12)
    np.testing.assert_allclose(con["effective"], con["beta"] * con["r_zero_order"], rtol=1e-12)
    assert con["effective"].sum() == pytest.approx(mt.r2, rel=1e-12)
    assert con["relative"].sum() == pytest.approx(1.0, rel=1e-12)
    # cross-product form: SR_j = b_j * sum(x_j y) / SS_reg with centred x and y
    xc = mtcars[["wt", "hp"]] - mtcars[["wt", "hp"]].mean()
    yc = mtcars["mpg"] - mtcars["mpg"].mean()
    sr = mt.coefficients["b"].iloc[1:].to_numpy() * (xc.T @ yc).to_numpy() / mt.ss_regression
    np.testing.assert_allclose(con["relative"], sr, rtol=1e-10)


def test_critical_values_n101_k3():
    # CONVENTIONS checked numbers; R: qt(0.975, 97), qt(0.95, 97), qf(0.95, 3, 97)
    rng = np.random.default_rng(7)
    d = pd.DataFrame(rng.normal(size=(101, 4)), columns=["y", "a", "b", "c"])
    res = regress(d, "y", ["a", "b", "c"])
    assert res.t_critical == pytest.approx(1.98472318601398, rel=1e-12)
    assert res.t_critical_one_tailed == pytest.approx(1.66071461012303, rel=1e-12)
    assert res.f_critical == pytest.approx(2.69839753953401, rel=1e-12)
    assert round(res.f_critical, 4) == 2.6984


def test_durbin_watson_fields(mt):
    assert (mt.dw_lower, mt.dw_upper) == durbin_watson_bounds(32, 2, 0.05)
    # d = 1.362 lies between dL 1.309 and dU 1.574 (Savin-White n = 32, k' = 2)
    assert round(mt.dw_lower, 3) == 1.309 and round(mt.dw_upper, 3) == 1.574
    assert mt.dw_decision == "inconclusive"


def test_durbin_watson_matches_statsmodels(cars):
    from statsmodels.stats.stattools import durbin_watson
    res = regress(cars, "dist", "speed")
    assert res.durbin_watson == pytest.approx(durbin_watson(res.residuals), rel=1e-12)


def test_moments_route_matches_qr(mtcars, mt):
    mean, sscp = moments(mtcars, ["mpg", "wt", "hp"])
    res = regress_from_moments(32, mean, sscp, "mpg", ["wt", "hp"],
                               durbin_watson=mt.durbin_watson, n_excluded=3)
    cols = [c for c in COEF_COLUMNS if c != "term"]
    np.testing.assert_allclose(res.coefficients[cols].to_numpy(dtype=float),
                               mt.coefficients[cols].to_numpy(dtype=float), rtol=1e-10)
    assert res.dw_decision == mt.dw_decision
    assert res.n_excluded == 3
    for name in ("r2", "adj_r2", "f", "f_p_value", "se_estimate", "dw_lower", "dw_upper"):
        assert getattr(res, name) == pytest.approx(getattr(mt, name), rel=1e-10)


# ---------------------------------------------------- data handling and output

def test_listwise_deletion_keeps_row_order(mtcars):
    d = mtcars.copy()
    d.loc[3, "wt"] = np.nan
    d.loc[10, "mpg"] = np.nan
    d.loc[10, "hp"] = np.nan
    d.loc[20, "hp"] = None
    res = regress(d, "mpg", ["wt", "hp"])
    complete = d.dropna(subset=["mpg", "wt", "hp"])
    assert (res.n, res.n_excluded) == (29, 3)
    ref = regress(complete.reset_index(drop=True), "mpg", ["wt", "hp"])
    np.testing.assert_allclose(res.residuals, ref.residuals, rtol=1e-12)
    np.testing.assert_allclose(res.fitted + res.residuals, complete["mpg"], rtol=1e-12)


def test_numeric_text_and_single_name(cars):
    d = cars.astype(str)
    res = regress(d, "dist", "speed")
    assert res.predictors == ("speed",)
    assert res.coefficients["b"].iloc[1] == pytest.approx(3.93240875912409, rel=1e-12)


def test_result_is_frozen_and_renders(mt):
    assert isinstance(mt, RegressionResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mt.r2 = 0.5
    with pytest.raises(ValueError):
        mt.residuals[0] = 1.0
    d = mt.to_dict()
    assert "residuals" not in d and "fitted" not in d
    assert d["coefficients"][0]["term"] == CONSTANT
    assert d["coefficients"][0]["beta"] is None
    json.dumps(d)
    text = mt.summary()
    assert "coefficients" in text and "(Constant)" in text and "< .001" in text
    assert "<table>" in mt._repr_html_()


def test_perfect_fit_gives_no_warnings():
    d = pd.DataFrame({"y": [3.0, 5.0, 7.0, 9.0, 11.0], "x": [1, 2, 3, 4, 5]})
    with np.errstate(all="raise"):
        res = regress(d, "y", "x")
    assert res.r2 == 1.0 and res.ss_residual == 0.0
    assert math.isinf(res.f) and res.f_p_value == 0.0
    assert math.isnan(res.durbin_watson) and res.dw_decision == ""


# ------------------------------------------------------------------ errors

@pytest.fixture()
def small():
    return pd.DataFrame({"y": [1.0, 3, 2, 5, 4, 6], "a": [1.0, 2, 3, 4, 5, 6],
                         "b": [2.0, 1, 4, 3, 6, 5], "c": [1.0, 1, 2, 2, 3, 4]})


def test_unknown_columns_are_named(small):
    with pytest.raises(ModelError, match="'zz'"):
        regress(small, "y", ["a", "zz"])
    with pytest.raises(ModelError, match="'yy'"):
        regress(small, "yy", "a")


def test_too_few_cases(small):
    with pytest.raises(ModelError, match="at least k \\+ 2 = 5"):
        regress(small.head(4), "y", ["a", "b", "c"])
    d = small.copy()
    d.loc[:3, "b"] = np.nan
    with pytest.raises(ModelError, match="2 complete case"):
        regress(d, "y", ["a", "b"])


def test_singular_designs(small):
    d = small.assign(k=7.0)
    with pytest.raises(ModelError, match="'k' is constant"):
        regress(d, "y", ["a", "k"])
    d = small.assign(s=small["a"] + 2 * small["b"])
    with pytest.raises(ModelError, match="'s' is an exact linear combination of 'a', 'b'"):
        regress(d, "y", ["a", "b", "s"])
    mean, sscp = moments(d, ["y", "a", "b", "s"])
    with pytest.raises(ModelError, match="'s' is an exact linear combination"):
        regress_from_moments(6, mean, sscp, "y", ["a", "b", "s"])


def test_near_collinearity_follows_spss_tolerance(small):
    d = small.assign(a2=small["a"] + 1e-3 * np.array([1, -1, 0, 1, -1, 0]))
    with pytest.raises(ModelError, match="tolerance below 0.0001 for a"):
        regress(d, "y", ["a", "a2"])
    res = regress(d, "y", ["a", "a2"], min_tolerance=0)
    assert res.coefficients["tolerance"].iloc[1] < 1e-4


def test_bad_requests(small):
    with pytest.raises(ModelError, match="both the dependent"):
        regress(small, "y", ["a", "y"])
    with pytest.raises(ModelError, match="more than once"):
        regress(small, "y", ["a", "a"])
    with pytest.raises(ModelError, match="no predictors"):
        regress(small, "y", [])
    with pytest.raises(ModelError, match="sig_level"):
        regress(small, "y", "a", alpha=1.5)
    with pytest.raises(DataError, match="DataFrame"):
        regress(small.to_dict(), "y", "a")


def test_bad_data(small):
    d = small.astype(object)
    d.loc[2, "b"] = "tiga"
    with pytest.raises(DataError, match="'b' holds a non-numeric value 'tiga'"):
        regress(d, "y", ["a", "b"])
    with pytest.raises(DataError, match="'y' is constant"):
        regress(small.assign(y=2.0), "y", "a")
    with pytest.raises(DataError, match="infinite"):
        regress(small.assign(a=[1, 2, np.inf, 4, 5, 6]), "y", "a")


def test_moments_shape_errors():
    with pytest.raises(ModelError, match="expected 3 means"):
        regress_from_moments(10, [1.0, 2.0], np.eye(3), "y", ["a", "b"])
    with pytest.raises(ModelError, match="at least k \\+ 2"):
        regress_from_moments(3, [1.0, 2.0, 3.0], np.eye(3), "y", ["a", "b"])
    with pytest.raises(ModelError, match="no predictors"):
        regress_from_moments(10, [1.0], np.eye(1), "y", [])


def test_errors_share_one_family():
    assert issubclass(ModelError, SmmaError) and issubclass(DataError, SmmaError)
