"""Tests of smma_stats.moderation_analysis against PROCESS and R.

Data: ``tests/data/process_model1.csv`` holds the columns x, m, y (n =
1000, digits unchanged) of ``Data_Model1.csv`` in the tests folder of the
pyprocessmacro project (github.com/QuentinAndre/pyprocessmacro, MIT
licence). The same folder holds the output of PROCESS for SPSS 2.16.3 on
it (``Results_OLS_Model1.txt``): model 1, Y = y, X = x, M = m (the
moderator, W here), no covariates, no centring (the constant .9197 and the
probed m values -.9795/.0188/1.0171 = mean -/+ SD of the raw m), ``hc3=1``
("All standard errors ... based on the HC3 estimator"). Its numbers are
quoted beside each golden and matched to their printed 4 decimals. That
output has no Johnson-Neyman section; the points are checked against R's
``uniroot`` on the same t function and by a direct root check.

R goldens: R 4.x, ``lm(y ~ x * m)``, ``car::hccm(fit, type = "hc3")``,
``anova(lm(y ~ x + m), fit)``, the calls quoted beside the numbers.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smma_stats import DataError, ModelError, moderation
from smma_stats.moderation_analysis import (
    ModerationResult,
    johnson_neyman_points,
    parse_moderation,
    probe_values,
)
from smma_stats.report.plots import moderation_figures

DATA = Path(__file__).parent / "data"


def printed(value, text: str) -> None:
    """``value`` rounds to the 4-decimal number PROCESS printed."""
    assert abs(float(value) - float(text)) <= 0.5e-4 + 1e-12, (value, text)


@pytest.fixture(scope="module")
def m1() -> pd.DataFrame:
    return pd.read_csv(DATA / "process_model1.csv")


@pytest.fixture(scope="module")
def hc3(m1) -> ModerationResult:
    return moderation(m1, "x", "m", "y", robust=True)


# ----------------------------------------------------------------------------
# PROCESS 2.16.3, model 1, hc3=1

# Results_OLS_Model1.txt, "Model": coeff, se, t, LLCI, ULCI
PROCESS_M1 = {"(Constant)": (".9197", ".0430", "21.4126", ".8354", "1.0040"),
              "m": ("1.0064", ".0424", "23.7380", ".9232", "1.0896"),
              "x": ("1.0286", ".0303", "33.9907", ".9692", "1.0880"),
              "x*m": (".9670", ".0300", "32.2261", ".9081", "1.0259")}


def test_coefficients_match_process_hc3(hc3):
    coef = hc3.coefficients.set_index("term")
    assert list(coef.index) == ["(Constant)", "x", "m", "x*m"]
    for term, values in PROCESS_M1.items():
        for col, text in zip(("b", "se", "t", "conf_low", "conf_high"), values, strict=True):
            printed(coef.at[term, col], text)
    assert hc3.product == "x*m"


def test_model_summary_and_r2_change_match_process_hc3(hc3):
    # Results_OLS_Model1.txt: R .9237, R-sq .8531, MSE 1.0097, F 1877.8535, df 3, 996
    printed(hc3.r, ".9237")
    printed(hc3.r2, ".8531")
    printed(hc3.mse, "1.0097")
    printed(hc3.f, "1877.8535")
    assert (hc3.df1, hc3.df2) == (3, 996)
    # R-square increase due to interaction: R2-chng .1505, F 1038.5213, df 1, 996
    row = hc3.r2_change.iloc[0]
    printed(row["r2_change"], ".1505")
    printed(row["f"], "1038.5213")
    assert (row["term"], row["df1"], row["df2"]) == ("x*m", 1, 996)
    # R: car::linearHypothesis(fit, c("x=0","m=0","x:m=0"), vcov. = hccm(fit, type="hc3"))
    assert hc3.f == pytest.approx(1877.85351178967, rel=1e-10)


# Conditional effect of X on Y at values of the moderator(s): m, Effect, se, t, p, LLCI, ULCI
PROCESS_M1_COND = [("-.9795", ".0815", ".0447", "1.8230", ".0686", "-.0062", ".1691"),
                   (".0188", "1.0468", ".0302", "34.6650", ".0000", ".9875", "1.1060"),
                   ("1.0171", "2.0121", ".0403", "49.9625", ".0000", "1.9331", "2.0911")]


def test_conditional_effects_match_process_hc3(hc3):
    cond = hc3.conditional_effects
    assert list(cond.columns) == ["w", "effect", "se", "t", "p_value", "conf_low", "conf_high"]
    for i, values in enumerate(PROCESS_M1_COND):
        for col, text in zip(cond.columns, values, strict=True):
            printed(cond.iloc[i][col], text)


def test_centring_moves_w_but_not_the_conditional_effects(m1, hc3):
    c = moderation(m1, "x", "m", "y", robust=True, center=True)
    assert c.center
    assert c.conditional_effects["w"].iloc[1] == pytest.approx(0.0, abs=1e-12)
    for col in ("effect", "se", "t", "p_value"):
        assert c.conditional_effects[col].tolist() == pytest.approx(
            hc3.conditional_effects[col].tolist(), rel=1e-9)
    coef = c.coefficients.set_index("term")
    assert coef.at["x*m", "b"] == pytest.approx(hc3.interaction, rel=1e-10)
    # with centred W, X's slope is its effect at the mean of W: 1.0468 (.0302) in PROCESS
    printed(coef.at["x", "b"], "1.0468")
    printed(coef.at["x", "se"], ".0302")
    assert c.r2_change.iloc[0]["f"] == pytest.approx(hc3.r2_change.iloc[0]["f"], rel=1e-9)


# ----------------------------------------------------------------------------
# Classical standard errors against R

def test_classical_model_matches_r(m1):
    res = moderation(m1, "x", "m", "y")
    coef = res.coefficients.set_index("term")
    # R: coef(fit), sqrt(diag(vcov(fit))), summary(fit)$r.squared, $fstatistic
    assert coef.at["x", "b"] == pytest.approx(1.028583377009968, rel=1e-10)
    assert coef.at["x*m", "b"] == pytest.approx(0.966991865429957, rel=1e-10)
    assert coef.at["x*m", "se"] == pytest.approx(0.0302709626281557, rel=1e-10)
    assert coef.at["m", "se"] == pytest.approx(0.0431532560321258, rel=1e-10)
    assert res.r2 == pytest.approx(0.853142076393803, rel=1e-12)
    assert res.f == pytest.approx(1928.68837041621, rel=1e-10)
    # R: anova(lm(y ~ x + m), fit): F 1020.45340136141, p 9.96338630636088e-155
    row = res.r2_change.iloc[0]
    assert row["r2_change"] == pytest.approx(0.150463521747809, rel=1e-10)
    assert row["f"] == pytest.approx(1020.45340136141, rel=1e-10)
    assert row["p_value"] == pytest.approx(9.96338630636088e-155, rel=1e-6)


# R: b <- coef(fit); V <- vcov(fit) or hccm(fit, type = "hc3"); at w:
# e <- b["x"] + b["x:m"] * w; se <- sqrt(V["x","x"] + 2*w*V["x","x:m"] + w^2*V["x:m","x:m"])
# w = mean(m) + c(-1, 0, 1) * sd(m) and quantile(m, c(.16, .5, .84)) (type 7)
R_COND = {
    (False, "pick-a-point"): [(-0.979460584239, 0.081452959541, 0.043408020421, 6.088579426265e-02),
                              (0.018820425032, 1.046782574919, 0.030479372340, 3.657492396562e-171),
                              (1.017101434302, 2.012112190298, 0.042427528241, 1.055915124275e-257)],
    (False, "percentiles"): [(-0.978850112614, 0.082043280637, 0.043394861216, 5.896487711019e-02),
                             (0.059612471270, 1.086228151806, 0.030476177547, 5.116961455267e-180),
                             (1.018928677797, 2.013879119893, 0.042466035278, 1.077590133451e-257)],
    (True, "percentiles"): [(-0.978850112614, 0.082043280637, 0.044668068097, 6.654728819248e-02),
                            (0.059612471270, 1.086228151806, 0.030095005111, 4.346654989153e-183),
                            (1.018928677797, 2.013879119893, 0.040309028171, 1.417001747608e-273)],
}


@pytest.mark.parametrize("robust, probe", sorted(R_COND))
def test_conditional_effects_match_r(m1, robust, probe):
    res = moderation(m1, "x", "m", "y", robust=robust, probe=probe)
    cond = res.conditional_effects
    for i, (w, e, se, p) in enumerate(R_COND[(robust, probe)]):
        assert cond.iloc[i]["w"] == pytest.approx(w, rel=1e-10)
        assert cond.iloc[i]["effect"] == pytest.approx(e, rel=1e-10)
        assert cond.iloc[i]["se"] == pytest.approx(se, rel=1e-10)
        assert cond.iloc[i]["p_value"] == pytest.approx(p, rel=1e-6)


# R: g <- function(w) abs(e(w) / se(w)) - qt(.975, 996); uniroot(g, ..., tol = 1e-14)
# over a 2001-point grid of [min(m), max(m)]; % below / above = 100 * mean(m < r), mean(m > r)
R_JN = {False: [(-1.159996985596, 11.6, 88.4), (-0.975766086565, 16.1, 83.9)],
        True: [(-1.162923580182, 11.5, 88.5), (-0.973297521289, 16.1, 83.9)]}


@pytest.mark.parametrize("robust", [False, True])
def test_johnson_neyman_points_match_r_uniroot(m1, robust):
    res = moderation(m1, "x", "m", "y", robust=robust)
    jn = res.johnson_neyman
    assert len(jn) == len(R_JN[robust])
    for i, (w, below, above) in enumerate(R_JN[robust]):
        assert jn.iloc[i]["w"] == pytest.approx(w, abs=1e-9)
        assert jn.iloc[i]["pct_below"] == pytest.approx(below, abs=1e-9)
        assert jn.iloc[i]["pct_above"] == pytest.approx(above, abs=1e-9)
        # the root itself: |t| equals the critical t, p equals alpha
        assert abs(jn.iloc[i]["t"]) == pytest.approx(res.t_critical, abs=1e-8)
        assert jn.iloc[i]["p_value"] == pytest.approx(0.05, abs=1e-9)
    # significant outside the two points, not between them
    mid = res.conditional_effect([(jn["w"].iloc[0] + jn["w"].iloc[1]) / 2]).iloc[0]
    assert mid["p_value"] > 0.05
    outside = res.conditional_effect([jn["w"].iloc[0] - 0.1, jn["w"].iloc[1] + 0.1])
    assert (outside["p_value"] < 0.05).all()


def test_johnson_neyman_points_direct_roots():
    V = np.array([[0.01, 0.0, 0.001], [0.0, 1.0, 0.0], [0.001, 0.0, 0.0064]])
    pts = johnson_neyman_points(0.2, 0.4, V, 1.96)
    assert len(pts) == 2
    for w in pts:
        t = (0.2 + 0.4 * w) / np.sqrt(V[0, 0] + 2 * w * V[0, 2] + w * w * V[2, 2])
        assert abs(t) == pytest.approx(1.96, abs=1e-10)
    # the range cuts the roots; no root when the effect is never significant
    assert len(johnson_neyman_points(0.2, 0.4, V, 1.96, w_min=-1.0)) == 1
    assert len(johnson_neyman_points(0.0, 0.01, V, 1.96)) == 0


def test_covariate_enters_the_model_as_in_r(m1):
    d = m1.assign(k=np.arange(len(m1)) % 7)
    res = moderation(d, "x", "m", "y", covariates=["k"])
    # R: d$k <- (seq_len(nrow(d)) - 1) %% 7; coef(lm(y ~ x * m + k, d))
    coef = res.coefficients.set_index("term")
    assert coef.at["(Constant)", "b"] == pytest.approx(0.9705099181823005, rel=1e-10)
    assert coef.at["x", "b"] == pytest.approx(1.0304622959679346, rel=1e-10)
    assert coef.at["k", "b"] == pytest.approx(-0.0175432063710311, rel=1e-10)
    assert coef.at["x*m", "b"] == pytest.approx(0.9672346179076460, rel=1e-10)
    assert res.r2 == pytest.approx(0.853321035636561, rel=1e-12)
    # simple slopes hold the covariate at its mean
    s = res.simple_slopes.iloc[0]
    expected = (coef.at["(Constant)", "b"] + coef.at["k", "b"] * d["k"].mean()
                + coef.at["x", "b"] * s["x"] + coef.at["m", "b"] * s["w"]
                + coef.at["x*m", "b"] * s["x"] * s["w"])
    assert s["y_hat"] == pytest.approx(expected, rel=1e-12)


def test_dichotomous_moderator_is_probed_at_its_two_values(m1):
    d = m1.assign(wd=(m1["m"] > 0).astype(float))
    res = moderation(d, "x", "wd", "y")
    # R: fit <- lm(y ~ x * wd); effect and se of x at wd = 0 and 1 from vcov(fit)
    cond = res.conditional_effects
    assert cond["w"].tolist() == [0.0, 1.0]
    assert cond["effect"].tolist() == pytest.approx([0.174825765470, 1.783658855628], rel=1e-10)
    assert cond["se"].tolist() == pytest.approx([0.073651160451, 0.068930497859], rel=1e-10)
    assert cond["p_value"].iloc[0] == pytest.approx(1.779969966067e-02, rel=1e-8)
    assert res.w_dichotomous and res.johnson_neyman.empty
    assert sorted(moderation_figures(res)) == ["simple_slopes"]


def test_simple_slopes_are_model_predictions(m1, hc3):
    ss = hc3.simple_slopes
    assert list(ss.columns) == ["w", "x", "y_hat"] and len(ss) == 9
    X = np.column_stack([np.ones(len(m1)), m1["x"], m1["m"], m1["x"] * m1["m"]])
    beta = np.linalg.lstsq(X, m1["y"], rcond=None)[0]
    pred = beta[0] + beta[1] * ss["x"] + beta[2] * ss["w"] + beta[3] * ss["x"] * ss["w"]
    assert ss["y_hat"].tolist() == pytest.approx(pred.tolist(), rel=1e-10)
    assert sorted(set(ss["w"])) == pytest.approx(hc3.conditional_effects["w"].tolist())
    assert sorted(set(ss["x"])) == pytest.approx(probe_values(m1["x"]).tolist())


def test_probe_values():
    v = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert probe_values(v).tolist() == pytest.approx([5.5 - v.std(ddof=1), 5.5, 5.5 + v.std(ddof=1)])
    # R: quantile(1:10, c(.16, .5, .84)) -> 2.44 5.50 8.56
    assert probe_values(v, "percentiles").tolist() == pytest.approx([2.44, 5.5, 8.56])
    assert probe_values([3, 5, 5, 3]).tolist() == [3.0, 5.0]


def test_figures_are_png_and_repeatable(hc3):
    a, b = moderation_figures(hc3), moderation_figures(hc3)
    assert sorted(a) == ["johnson_neyman", "simple_slopes"]
    for key, png in a.items():
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert png == b[key]


def test_to_dict_is_json(hc3):
    out = hc3.to_dict()
    json.dumps(out)
    assert "covariance" not in out
    assert list(out["coefficients"][0]) == ["term", "b", "se", "t", "p_value", "conf_low",
                                            "conf_high"]
    assert list(out["r2_change"][0]) == ["term", "r2_change", "f", "df1", "df2", "p_value"]
    assert list(out["johnson_neyman"][0])[-2:] == ["pct_below", "pct_above"]
    assert hc3.summary().startswith("Moderation analysis")


# ----------------------------------------------------------------------------
# Bad input: one line, the right error

@pytest.mark.parametrize("kwargs, error, match", [
    ({"x": "y", "w": "m", "y": "y"}, ModelError, "both X and Y"),
    ({"x": "x", "w": "x", "y": "y"}, ModelError, "both X and W"),
    ({"x": "x", "w": "m", "y": "y", "covariates": ["m"]}, ModelError, "both W and covariate"),
    ({"x": "x", "w": "nope", "y": "y"}, ModelError, "'nope' is not in the data"),
    ({"x": "x", "w": "text", "y": "y"}, DataError, "'text' holds text"),
    ({"x": "x", "w": "const", "y": "y"}, DataError, "constant"),
    ({"x": "x", "w": "m", "y": "y", "probe": "median"}, ModelError, "probe"),
    ({"x": "x", "w": "m", "y": "y", "alpha": 5}, ModelError, "sig_level"),
])
def test_bad_input_is_one_line(m1, kwargs, error, match):
    d = m1.head(40).assign(text=["low"] * 20 + ["high"] * 20, const=3.0)
    with pytest.raises(error, match=match) as info:
        moderation(d, **kwargs)
    assert "\n" not in str(info.value)


def test_too_few_cases(m1):
    with pytest.raises(ModelError, match="4 complete case") as info:
        moderation(m1.head(4), "x", "m", "y")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("text, expected", [
    ("PI ~ SMMA * AGE", {"y": "PI", "x": "SMMA", "w": "AGE", "covariates": []}),
    (" PI~SMMA*AGE + SEX + INCOME ", {"y": "PI", "x": "SMMA", "w": "AGE",
                                      "covariates": ["SEX", "INCOME"]}),
])
def test_parse_moderation(text, expected):
    assert parse_moderation(text) == expected


@pytest.mark.parametrize("text", ["PI ~ SMMA", "PI ~ SMMA * AGE * SEX", "SMMA * AGE",
                                  "PI ~ SMMA * ", "PI ~ SMMA * AGE + ", "A -> B -> C"])
def test_parse_moderation_refuses(text):
    with pytest.raises(ModelError, match="cannot read the moderation model"):
        parse_moderation(text)


def test_figures_speak_the_report_language(hc3):
    """Indonesian words and the decimal comma in the legend, axis label and captions."""
    from matplotlib.figure import Figure

    from smma_stats.report.plots import _figure_words
    from smma_stats.report.plots_moderation import moderation_draws

    words = _figure_words("id", None)
    draws = moderation_draws(hc3, words)
    assert [key for key, _, _ in draws] == ["simple_slopes", "johnson_neyman"]
    assert draws[0][1].startswith("Simple slope: nilai prediksi")
    assert "titik Johnson-Neyman" in draws[1][1]
    fig = Figure()
    draws[0][2](fig)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend and all("," in t.split(" = ")[1] and "." not in t.split(" = ")[1]
                          for t in legend if not t.split(" = ")[1].isdigit())
    fig = Figure()
    draws[1][2](fig)
    assert fig.axes[0].get_ylabel().replace("\n", " ") == f"Pengaruh {hc3.x} terhadap {hc3.y}"
    english = moderation_draws(hc3, _figure_words("en", None))
    assert english[1][1].startswith(f"Conditional effect of {hc3.x} on {hc3.y}")
